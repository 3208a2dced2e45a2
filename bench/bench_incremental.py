"""Adding one bulletin to a built store vs rebuilding it; building twice gives the same bytes.

Usage::

    python bench/bench_incremental.py [DIR_OR_FILES ...] [--outputs] [--check]

Defaults to ``../shared/corpus`` when it is there, else the bundled ``data/``. Steps, each
timed in this process:

1. build a store from every document but the last one;
2. add the last document to it (the incremental build);
3. rebuild the store from all documents (``--rebuild``);
4. build all documents into a fresh store twice and compare ``graph.json`` byte for byte,
   and with the incremental store of step 2.

``--outputs`` also writes the exports and ``graph.html`` in every build (by default only
the store is written, so the ratio measures extraction and merging). ``--check`` prints
the entity-resolution checks of the corpus: duplicate places among the gold alias sets,
Shanghai daily-list labels kept apart, Xi'an dated references joined.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import casegraph
from casegraph.lexicon import COUNTRIES
from casegraph.read import iter_documents
from casegraph.store import Store

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
GOLD = ROOT.parent / "shared" / "gold" / "dev"


def _files(inputs: list[str]) -> list[str]:
    """The documents' files in reading order (a folder's .txt/.jsonl files, recursively)."""
    found = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found += sorted(str(p) for p in path.rglob("*")
                            if p.suffix in (".txt", ".jsonl") and not p.name.startswith("."))
        else:
            found.append(str(path))
    return found


def _timed(job) -> tuple[float, object]:
    start = time.perf_counter()
    result = job()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    default = [str(CORPUS)] if CORPUS.is_dir() else [str(ROOT / "data")]
    parser.add_argument("inputs", nargs="*", default=default)
    parser.add_argument("--outputs", action="store_true", help="write exports and HTML too")
    parser.add_argument("--check", action="store_true", help="print the resolution checks")
    args = parser.parse_args()

    files = _files(args.inputs)
    if len(files) < 2:
        sys.exit("bench_incremental: need at least two document files")
    size = sum(Path(f).stat().st_size for f in files) / 1e6
    options = {} if args.outputs else {"formats": [], "html": False}
    with tempfile.TemporaryDirectory() as tmp:
        store, fresh1, fresh2 = Path(tmp, "store"), Path(tmp, "fresh1"), Path(tmp, "fresh2")
        base, _ = _timed(lambda: casegraph.build(files[:-1], store, **options))
        add, report = _timed(lambda: casegraph.build(files[-1:], store, **options))
        incremental = (store / "graph.json").read_bytes()
        rebuild, _ = _timed(lambda: casegraph.build(files, store, rebuild=True, **options))
        casegraph.build(files, fresh1, **options)
        casegraph.build(files, fresh2, **options)
        first, second = (fresh1 / "graph.json").read_bytes(), (fresh2 / "graph.json").read_bytes()
        G = Store(store).load()
        print(f"corpus: {len(files)} file(s), {size:.1f} MB -> {G.number_of_nodes()} nodes, "
              f"{G.number_of_edges()} edges, graph.json {len(first) / 1e6:.1f} MB")
        print(f"build of all but the last file: {base:8.2f} s")
        print(f"add the last file ({', '.join(report.added) or 'nothing new'}): {add:8.2f} s")
        print(f"rebuild of all files:           {rebuild:8.2f} s")
        print(f"rebuild / incremental:          {rebuild / add:8.1f}x")
        print(f"two fresh builds byte-identical: {first == second}")
        print(f"incremental == fresh build:      {incremental == first}")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory (this process):      {peak:8.0f} MiB")
        if args.check:
            _checks(G)
        if first != second or incremental != first:
            sys.exit(1)


def _checks(G) -> None:
    """The resolution checks the merge issue asks for, on the corpus."""
    by_doc_case: dict[str, list[str]] = defaultdict(list)
    for node, data in G.nodes(data=True):
        if data["type"] == "case":
            for doc in {s["doc"] for s in data["sources"]}:
                by_doc_case[doc].append(node)
    # Shanghai: no case node holds the own label of two bulletins.
    shared = [n for n, d in G.nodes(data=True) if d["type"] == "case" and d["city"] == "上海"
              and len({k for k in d["keys"] if "|bulletin|" in k}) == 1
              and len({s["doc"] for s in d["sources"]}) > 1
              and _own_docs(G, n) > 1]
    shanghai = sum(1 for _n, d in G.nodes(data=True) if d["type"] == "case" and d["city"] == "上海")
    print(f"上海 cases: {shanghai}; nodes holding one label of two bulletins: {len(shared)}")
    # Xi'an: every dated reference to a bulletin that is in the store joins its case.
    documents = G.graph["documents"]
    dates = {(r.get("city"), r.get("date")) for r in documents.values()}
    unjoined, joined = [], 0
    for node, data in G.nodes(data=True):
        if data["type"] != "case" or data["city"] != "西安":
            continue
        for key in data["keys"]:
            parts = key.split("|")
            if parts[1] != "bulletin" or (parts[2], parts[3]) not in dates:
                continue
            if any(_reference(n) for n in [data["name"], *data.get("aliases", ())]):
                owned = any(documents[s["doc"]]["date"] == parts[3] for s in data["sources"])
                joined += owned
                if not owned:
                    unjoined.append(node)
    absent = [n for n in unjoined if not _printed_in_bulletin(G, n)]
    print(f"西安 dated references to bulletins in the store: {joined} joined, "
          f"{len(unjoined) - len(absent)} not joined {sorted(set(unjoined) - set(absent))[:5]}, "
          f"{len(absent)} to a label that bulletin does not print {absent[:5]}")
    # Gold alias sets: each set of spellings within one city is at most one node.
    if GOLD.is_dir():
        dup = total = countries = 0
        for path in sorted(GOLD.glob("*.json")):
            gold = json.loads(path.read_text(encoding="utf-8"))
            city = gold["graph"].get("city")
            for node in gold["nodes"]:
                if node.get("type") not in ("location", "facility") or not node.get("aliases"):
                    continue
                names = {node["name"], *node["aliases"]}
                hits = {n for n, d in G.nodes(data=True) if d["type"] == node["type"]
                        and d["city"] == city and names & {d["name"], d.get("full_name"),
                                                           *d.get("aliases", ())}}
                total += 1
                areas = {n for n in hits if G.nodes[n]["name"] in COUNTRIES}
                if len(hits) > 1 and len(hits - areas) <= 1:
                    countries += 1
                    print(f"  a country beside a place in it, in {city}: {sorted(names)} -> "
                          f"{sorted(hits)}")
                elif len(hits) > 1:
                    dup += 1
                    print(f"  duplicate place in {city}: {sorted(names)} -> {sorted(hits)}")
        print(f"gold alias sets: {total}; split over several nodes of one city: {dup}; "
              f"a country kept apart from a city in it (an alias that counts in scoring, not "
              f"the same place): {countries}")


def _printed_in_bulletin(G, node) -> bool:
    """Whether the bulletin a dated reference points at prints that label at all."""
    _type, _scope, city, date, label = G.nodes[node]["keys"][0].split("|")
    docs = {d for d, r in G.graph["documents"].items()
            if r.get("city") == city and r.get("date") == date}
    return any(data["type"] == "case" and data["name"] == label
               and docs & {s["doc"] for s in data["sources"]} for _n, data in G.nodes(data=True))


def _reference(name: str) -> bool:
    return "月" in name and "日" in name


def _own_docs(G, node) -> int:
    data = G.nodes[node]
    names = data.get("values", {}).get("name", [])
    return len({e["doc"] for e in names if not _reference(e["value"])})


if __name__ == "__main__":
    main()
