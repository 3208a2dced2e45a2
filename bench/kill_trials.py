"""Crash trials: SIGKILL `casegraph build` at a random moment, then check nothing was lost.

Usage::

    python bench/kill_trials.py [--trials 100] [--corpus PATH ...] [--generated N]
                                [--seed S] [--workdir DIR] [--json]

The corpus is ``data/`` plus ``--generated`` made-up bulletins (default 60) unless
``--corpus`` names folders or files (e.g. ``/work/shared/corpus/bulletins``). Each trial:

1. starts from no store, or from a copy of a store built from half the corpus (the
   "previous" store; trials alternate);
2. runs ``casegraph build CORPUS -o STORE`` (every export and the page, as a cron job
   would) in its own process group and SIGKILLs the group at a random moment in
   ``[0, 1.1 x the uninterrupted run's time]`` (stratified: each of the ``--trials`` equal
   slices of that window gets one kill, in random order, so a few trials already cover
   the start, the extraction, the commit and the exports);
3. checks the killed store: ``graph.json`` is byte for byte the previous one (or absent
   when there was none) or the finished new one — never anything else, so any other
   state is a failure (a checkpoint, written every 300 s, would be one; these builds
   are shorter); it loads; every evidence sentence its graph points at is readable; every
   output file present is whole (parses); temporary files are counted (a rename that never
   happened leaves one);
4. runs the same build again to the end and checks that ``graph.json``, every export and
   ``graph.html`` are byte for byte those of an uninterrupted run from the same start, that
   no ``*.tmp`` file is left anywhere in the store, and that the evidence is readable.

It prints one line per trial and a summary (``--json`` adds a machine-readable one);
the exit status is 1 if any trial failed. ``tests/test_crash.py`` runs three trials.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
from typing import Callable
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
STORE_FILES = ("graph.json", "evidence.sqlite")
INDEX_FILE = "graph.index.sqlite"  # casegraph.store.index.INDEX_FILE


# --- a made-up corpus ---------------------------------------------------------------------------

_DISTRICTS = ("东城区", "西城区", "朝阳区", "海淀区", "丰台区", "石景山区", "通州区", "昌平区")
_STREETS = ("和平里街道", "新华街道", "长安街道", "光明街道", "建设路街道", "胜利街道")
_PLACES = ("幸福小区", "阳光花园", "东风里", "青年公寓", "春晖家园", "明珠大厦", "翠湖社区")
_VENUES = ("红星超市", "百味餐厅", "康乐健身房", "新世纪商场", "老街菜市场", "城南农贸市场")
_HOSPITALS = ("市第一人民医院", "区中医医院", "地坛医院", "佑安医院")
_CITIES = ("北京", "样例市")


def bulletin(rng: random.Random, number: int) -> tuple[str, str, str]:
    """One made-up bulletin in the style of a city health commission: (city, date, text)."""
    month, day = rng.randint(1, 12), rng.randint(3, 28)
    first = 1 + number * 10
    count = rng.randint(2, 8)
    lines = [f"{month}月{day - 1}日0时至24时，新增本土确诊病例{count}例，"
             f"无症状感染者{rng.randint(0, 3)}例。"]
    for label in range(first, first + count):
        district = rng.choice(_DISTRICTS)
        place = f"{district}{rng.choice(_STREETS)}{rng.choice(_PLACES)}{rng.randint(1, 30)}号楼"
        lines.append(
            f"病例{label}：{rng.choice('男女')}，{rng.randint(1, 90)}岁，现住{place}，"
            f"系病例{rng.randint(max(1, first - 10), label)}的密切接触者。"
            f"{month}月{day - 2}日曾到{district}{rng.choice(_VENUES)}购物，"
            f"{month}月{day - 1}日核酸检测结果为阳性，当日诊断为确诊病例，临床分型为轻型。"
            f"已转至{rng.choice(_HOSPITALS)}隔离治疗。")
    lines.append(f"目前已追踪到密切接触者{rng.randint(5, 400)}人，均已落实管控措施。")
    return rng.choice(_CITIES), f"2022-{month:02d}-{day:02d}", "\n".join(lines) + "\n"


def generate_corpus(folder: Path, count: int, seed: int = 0) -> Path:
    """Write ``count`` made-up bulletins as ``.txt`` files with a ``manifest.tsv``."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    rows = ["file\tcity\tdate"]
    for number in range(count):
        city, day, text = bulletin(rng, number)
        name = f"gen_{seed}_{number:04d}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        rows.append(f"{name}\t{city}\t{day}")
    (folder / "manifest.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def half_of(inputs: list[Path], folder: Path, keep: Callable[[list], list] | None = None
            ) -> list[Path]:
    """Links to every other document file of ``inputs`` (``keep(files)``: those of its
    choice instead), manifests copied beside them."""
    chosen = []
    for index, source in enumerate(inputs):
        files = sorted(p for p in (source.rglob("*") if source.is_dir() else [source])
                       if p.suffix.lower() in (".txt", ".jsonl") and not p.name.startswith("."))
        target = folder / f"part{index}"
        target.mkdir(parents=True, exist_ok=True)
        for path in (keep or (lambda found: found[::2]))(files):
            link = target / path.relative_to(source if source.is_dir() else source.parent)
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(path.resolve())
            manifest = path.parent / "manifest.tsv"
            if manifest.is_file() and not (link.parent / "manifest.tsv").exists():
                shutil.copyfile(manifest, link.parent / "manifest.tsv")
        chosen.append(target)
    return chosen


# --- running casegraph ----------------------------------------------------------------------------

def casegraph_command() -> list[str]:
    """The installed console script beside this Python, else its entry point."""
    script = Path(sys.executable).with_name("casegraph")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from casegraph.cli import main; main()"]


def build_command(inputs: list[Path], store: Path) -> list[str]:
    return [*casegraph_command(), "build", *map(str, inputs), "-o", str(store), "-q"]


def run_build(inputs: list[Path], store: Path) -> float:
    """One uninterrupted build; its wall time. Raises if it fails (exit status 1 with
    documents reported bad is a finished build: a real corpus may hold some)."""
    start = time.perf_counter()
    done = subprocess.run(build_command(inputs, store), capture_output=True, text=True,
                          timeout=3600)
    if done.returncode not in (0, 1) or "Traceback" in done.stderr or not (
            store / "graph.json").exists():
        raise RuntimeError(f"build failed ({done.returncode}): {done.stderr.strip()}")
    return time.perf_counter() - start


def killed_build(inputs: list[Path], store: Path, after: float) -> bool:
    """Start a build, SIGKILL its process group ``after`` seconds in; whether it was
    still running (False: it had finished first)."""
    process = subprocess.Popen(build_command(inputs, store), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        process.wait(after)
        return False
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return True


# --- what a store holds ---------------------------------------------------------------------------

def snapshot(store: Path) -> dict[str, bytes]:
    """Every output file of a store, by relative path (lock files and temporaries aside).
    The query index is a SQLite file whose bytes depend on how the build went: it stands
    for what a reader gets from it (``current`` when it holds the very graph of
    ``graph.json``). The outputs' layouts (``.casegraph.layout/``, a cache that names the
    files' modification times) are left out."""
    if not store.is_dir():
        return {}
    files = {str(p.relative_to(store)): p.read_bytes() for p in sorted(store.rglob("*"))
             if p.is_file() and not any(part.startswith(".")
                                        for part in p.relative_to(store).parts)
             and p.name not in ("evidence.sqlite", INDEX_FILE)}
    if (store / INDEX_FILE).exists():
        files[INDEX_FILE] = _index_state(store)
    return files


def _index_state(store: Path) -> bytes:
    """``current`` if the store's index is used and holds graph.json's graph, ``unused``
    if a reader ignores it, else what is wrong."""
    from casegraph.store.index import open_index
    from casegraph.store import dumps

    index = open_index(store)
    if index is None:
        return b"unused"
    try:
        return b"current" if dumps(index) == (store / "graph.json").read_bytes() else \
            b"used, but not the graph of graph.json"
    finally:
        index.close()


def temporaries(store: Path) -> list[str]:
    """Temporary files (and any SQLite journal of one) in the store."""
    return sorted(str(p.relative_to(store)) for p in store.rglob("*.tmp*")) \
        if store.is_dir() else []


def check_whole(store: Path) -> list[str]:
    """Problems with the store as a reader finds it: loads, evidence, every file whole."""
    from casegraph.store import Store

    problems = []
    if not (store / "graph.json").exists():
        return problems
    try:
        G = Store(store).load()
    except Exception as err:  # noqa: BLE001 - any failure is the finding
        return [f"graph.json does not load: {err}"]
    problems += _missing_evidence(store, G)
    if (store / INDEX_FILE).exists() and _index_state(store) not in (b"current", b"unused"):
        problems.append(f"{INDEX_FILE}: {_index_state(store).decode()}")
    for path in sorted(store.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            problem = _whole(path)
            if problem:
                problems.append(f"{path.relative_to(store)}: {problem}")
    return problems


def _missing_evidence(store: Path, G) -> list[str]:
    """Sources whose sentence the evidence table cannot give (read-only, as readers do)."""
    documents = G.graph.get("documents", {})
    wanted = set()
    for _, data in G.nodes(data=True):
        wanted.update((documents[s["doc"]]["sha256"], s["start"], s["end"])
                      for s in data.get("sources", ()) if s.get("doc") in documents)
    if not wanted:
        return []
    try:
        db = sqlite3.connect(f"file:{store / 'evidence.sqlite'}?mode=ro", uri=True)
        try:
            have = set(db.execute("SELECT sha256, start, end FROM sentences"))
        finally:
            db.close()
    except sqlite3.Error as err:
        return [f"evidence.sqlite unreadable: {err}"]
    missing = wanted - have
    return [f"{len(missing)} evidence sentence(s) missing"] if missing else []


def _whole(path: Path) -> str | None:
    """Why ``path`` is not a whole file of its kind, or None."""
    data = path.read_bytes()
    try:
        if path.suffix == ".json":
            json.loads(data)
        elif path.suffix in (".graphml", ".gexf"):
            ElementTree.fromstring(data)
        elif path.suffix == ".html":
            if not data.rstrip().endswith(b"</html>"):
                return "truncated page"
        elif path.suffix in (".csv", ".cypher", ".sqlite"):
            if path.suffix != ".sqlite" and data and not data.endswith(b"\n"):
                return "truncated (no final newline)"
    except (ValueError, ElementTree.ParseError) as err:
        return f"not whole: {err}"
    return None


# --- the trials ----------------------------------------------------------------------------------

@dataclass
class Start:
    """A starting state: no store, or a copy of ``store``; and the uninterrupted outcome."""

    name: str
    store: Path | None
    graph: bytes | None = None          # graph.json at the start
    expected: dict[str, bytes] = field(default_factory=dict)  # an uninterrupted run's files
    seconds: float = 0.0


@dataclass
class Trial:
    number: int
    start: str
    kill_at: float
    killed: bool
    state: str = ""                      # graph.json after the kill: previous | new | other
    temporaries: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def prepare(inputs: list[Path], work: Path) -> list[Start]:
    """The starting states, each with its uninterrupted run measured: no store, a store of
    half the documents, and one of all but the last of each input (a day's update: the
    outputs are spliced)."""
    previous, most = work / "previous", work / "most"
    run_build(half_of(inputs, work / "half"), previous)
    run_build(half_of(inputs, work / "most-inputs", lambda found: found[:-1]), most)
    starts = [Start("empty", None),
              Start("previous", previous, (previous / "graph.json").read_bytes()),
              Start("most", most, (most / "graph.json").read_bytes())]
    for start in starts:
        target = work / f"reference-{start.name}"
        _reset(start, target)
        start.seconds = run_build(inputs, target)
        start.expected = snapshot(target)
    if any(start.expected["graph.json"] != starts[0].expected["graph.json"]
           for start in starts[1:]):
        print("warning: the incremental build's graph differs from the fresh build's",
              file=sys.stderr)
    return starts


def _reset(start: Start, store: Path) -> None:
    if store.exists():
        shutil.rmtree(store)
    if start.store is not None:
        shutil.copytree(start.store, store)  # modification times kept: the outputs' layouts
        _restamp(store)


def _restamp(store: Path) -> None:
    """Make a copied store's query index name the copy's ``graph.json`` (it names the
    original's inode), as the build that wrote it would have: the next build then starts
    from the index and splices its changes into the outputs, as a store's updates do."""
    from casegraph.store.index import INDEX_FILE, _stamp

    if not (store / INDEX_FILE).exists():
        return
    db = sqlite3.connect(store / INDEX_FILE)
    try:
        db.execute("UPDATE meta SET value = ? WHERE name = 'graph_json'",
                   (_stamp(store / "graph.json"),))
        db.commit()
    finally:
        db.close()


def trial(number: int, start: Start, inputs: list[Path], store: Path, kill_at: float) -> Trial:
    _reset(start, store)
    result = Trial(number, start.name, kill_at, killed_build(inputs, store, kill_at))
    graph = store / "graph.json"
    now = graph.read_bytes() if graph.exists() else None
    if now == start.graph:
        result.state = "previous"
    elif now == start.expected["graph.json"]:
        result.state = "new"
    else:
        result.state = "other"
        result.problems.append("graph.json is neither the previous nor the new one")
    result.temporaries = len(temporaries(store))
    result.problems += check_whole(store)
    try:
        run_build(inputs, store)
    except RuntimeError as err:
        result.problems.append(f"resumed {err}")
        return result
    after = snapshot(store)
    for name in sorted(set(after) | set(start.expected)):
        if after.get(name) != start.expected.get(name):
            result.problems.append(f"after resuming, {name} differs from an uninterrupted run")
    if temporaries(store):
        result.problems.append(f"after resuming, temporary files left: {temporaries(store)}")
    result.problems += check_whole(store)
    return result


def run_trials(trials: int, inputs: list[Path], seed: int = 0, work: Path | None = None,
               echo=print) -> list[Trial]:
    """Run ``trials`` kill trials on ``inputs``; ``echo`` gets one line per trial."""
    owned = work is None
    work = Path(tempfile.mkdtemp(prefix="kill-trials-")) if work is None else work
    try:
        starts = prepare(inputs, work)
        echo(f"uninterrupted build: {starts[0].seconds:.1f} s from empty, "
             f"{starts[1].seconds:.1f} s from the previous store, "
             f"{starts[2].seconds:.1f} s from the store of all but the last")
        rng = random.Random(seed)
        slices = rng.sample(range(trials), trials)
        results = []
        for number in range(1, trials + 1):
            start = starts[number % len(starts)]
            moment = (slices[number - 1] + rng.random()) / trials * 1.1 * start.seconds
            outcome = trial(number, start, inputs, work / "store", moment)
            results.append(outcome)
            echo(f"trial {number:3d} from {start.name:8s} kill at {outcome.kill_at:6.2f} s "
                 f"{'(finished first) ' if not outcome.killed else ''}-> {outcome.state:8s} "
                 f"temp files {outcome.temporaries}  "
                 f"{'ok' if outcome.ok else 'FAILED: ' + '; '.join(outcome.problems)}")
        return results
    finally:
        if owned:
            shutil.rmtree(work, ignore_errors=True)


def summary(results: list[Trial]) -> dict:
    states = Counter(r.state for r in results)
    return {"trials": len(results), "survived": sum(r.ok for r in results),
            "killed_before_finishing": sum(r.killed for r in results),
            "store_after_kill": dict(states),
            "trials_leaving_temp_files_after_kill": sum(r.temporaries > 0 for r in results),
            "failures": [{"trial": r.number, "problems": r.problems}
                         for r in results if not r.ok]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--corpus", nargs="+", type=Path,
                        help="folders or files to build (default: data/ plus generated text)")
    parser.add_argument("--generated", type=int, default=60,
                        help="made-up bulletins added to the default corpus")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, help="keep the stores here (default: a "
                        "temporary folder, removed)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON too")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kill-corpus-") as tmp:
        inputs = args.corpus or [ROOT / "data",
                                 generate_corpus(Path(tmp) / "generated", args.generated,
                                                 args.seed)]
        work = args.workdir.resolve() if args.workdir else None
        if work is not None:
            work.mkdir(parents=True, exist_ok=True)
        results = run_trials(args.trials, [p.resolve() for p in inputs], args.seed, work)
    report = summary(results)
    print(f"kill trials survived: {report['survived']}/{report['trials']} "
          f"(killed mid-build: {report['killed_before_finishing']}; store after the kill: "
          + ", ".join(f"{k} {v}" for k, v in sorted(report["store_after_kill"].items()))
          + f"; temp files left by the kill, then cleaned: "
          f"{report['trials_leaving_temp_files_after_kill']})")
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    sys.exit(0 if report["survived"] == report["trials"] else 1)


if __name__ == "__main__":
    main()
