"""How long the HTML page takes to make and to settle in a browser, and how big it is.

Usage::

    python bench/bench_view.py [CORPUS_DIR ...] [--store OUT] [--no-browser] [--json]

Three pages:

* the whole corpus graph (``--store OUT`` reads a built store's graph.json; otherwise the
  corpus, by default ``../shared/corpus/bulletins`` or ``data/``, is extracted and merged
  here), under the default node limit;
* a 2,000-node focus view: the nodes nearest to the best-connected case of the corpus
  graph's biggest part (a synthetic graph's when the corpus graph is smaller);
* a 100,000-node synthetic graph of clusters, which the large-graph rule cuts to the largest
  clusters that fit.

For each: nodes drawn, seconds to write the page, its size, and, where Debian's chromium is
installed, seconds from opening the file to the layout settling (physics off) in headless
Chromium with the errors and requests seen (both must be zero). One run, one core.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

import casegraph
from casegraph.export import load_graph
from casegraph.read import iter_documents
from casegraph.view import MAX_NODES, write_html

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "bulletins"
sys.path.insert(0, str(ROOT / "tests"))
from chromium import Chromium, available  # noqa: E402

READY = "window.casegraphView && window.casegraphView.ready"


def corpus_graph(inputs: list[str]) -> nx.MultiDiGraph:
    """Extract and merge the corpus (an unmerged union if the merge stage is missing)."""
    docs = [d for d in iter_documents(inputs) if isinstance(d, casegraph.Document)]
    graphs = [casegraph.extract_document(d) for d in docs]
    try:
        from casegraph.merge import Merger
    except ImportError:
        return nx.union_all([nx.relabel_nodes(g, lambda n, d=g.graph["doc"]: f"{d}/{n}")
                             for g in graphs])
    merger = Merger()
    for graph in graphs:
        merger.add_document_graph(graph)
    return merger.graph


def synthetic(nodes: int, seed: int = 1) -> nx.MultiDiGraph:
    """A case graph of many clusters of heavy-tailed sizes (each a random tree), with types,
    relations, dates and sources like a merged store's."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph(name=f"synthetic {nodes:,}")
    kinds = ["case"] * 12 + ["location"] * 6 + ["facility", "contact"]
    relation = {"case": "close_contact", "location": "visited", "facility": "isolated_at",
                "contact": "has_contacts"}
    n = 0
    while n < nodes:
        size = min(nodes - n, max(1, int(rng.paretovariate(1.2))))
        for i in range(n, n + size):
            kind = "case" if i == n else rng.choice(kinds)
            date = f"2022-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            G.add_node(i, type=kind, name=f"{kind}{i}", city="样例市",
                       sources=[{"doc": f"doc{i % 997}", "date": date, "start": 0, "end": 30}])
            if i > n:
                source = rng.randrange(n, i)
                while G.nodes[source]["type"] != "case" and source > n:
                    source = rng.randrange(n, source)
                G.add_edge(source, i, key=relation[kind], relation=relation[kind], date=date,
                           sources=G.nodes[i]["sources"])
        n += size
    return G


def measure(name: str, G: nx.MultiDiGraph, out: Path, browser: Chromium | None,
            **view) -> dict:
    start = time.perf_counter()
    page = write_html(G, out, **view)
    row = {"page": name, "graph_nodes": G.number_of_nodes(), "nodes": page.nodes,
           "edges": page.edges, "write_s": round(time.perf_counter() - start, 2),
           "size_mb": round(out.stat().st_size / 1e6, 2), "note": page.note}
    if browser is not None:
        loaded = browser.open(out.as_uri(), ready=READY)
        drawn = browser.evaluate("Object.keys(casegraphView.network.getPositions()).length")
        layout = browser.evaluate("casegraphView.layoutMs") / 1000
        row.update(open_s=round(loaded.seconds, 2), layout_s=round(layout, 2), drawn=drawn,
                   errors=len(loaded.errors), requests=len(loaded.requests))
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="*")
    parser.add_argument("--store", help="a built store (OUT with graph.json)")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--json", action="store_true", help="rows as JSON lines")
    args = parser.parse_args()

    start = time.perf_counter()
    if args.store:
        corpus = load_graph(args.store)
    else:
        corpus = corpus_graph(args.inputs or [str(CORPUS if CORPUS.exists() else ROOT / "data")])
    print(f"corpus graph: {corpus.number_of_nodes():,} nodes, {corpus.number_of_edges():,} "
          f"edges ({time.perf_counter() - start:.1f} s to load or build)", file=sys.stderr)
    focus_graph = corpus if corpus.number_of_nodes() >= MAX_NODES else nx.MultiDiGraph(
        synthetic(MAX_NODES, seed=2))
    biggest = max(nx.weakly_connected_components(focus_graph), key=len)
    cases = [n for n in biggest if focus_graph.nodes[n].get("type") == "case"] or list(biggest)
    hub = max(cases, key=focus_graph.degree)
    reason = available()
    if reason and not args.no_browser:
        print(f"no browser timings: {reason}", file=sys.stderr)
    browser = None if (reason or args.no_browser) else Chromium(timeout=300)
    rows = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp)
            rows.append(measure("corpus", corpus, out / "corpus.html", browser))
            rows.append(measure("focus 2,000", focus_graph, out / "focus.html", browser,
                                focus=hub, hops=50, max_nodes=MAX_NODES))
            rows.append(measure("synthetic 100,000", synthetic(100_000), out / "big.html",
                                browser))
    finally:
        if browser is not None:
            browser.close()
    for row in rows:
        print(json.dumps(row, ensure_ascii=False) if args.json else "  ".join(
            f"{k}={v}" for k, v in row.items() if v is not None))


if __name__ == "__main__":
    main()
