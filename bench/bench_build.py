"""Build time, peak memory, scaling and growth of ``casegraph build``; query and page latency.

Usage::

    python bench/gen_corpus.py ../shared/corpus/bulletins --size 10MB 100MB
    python bench/bench_build.py [--sizes 10MB 100MB] [--jobs 1 2] [--no-dask] [--repeat N]

Every build is a real ``casegraph build CORPUS -o DIR --rebuild --format none --no-html``
process on ``bench/corpora/corpus-<size>.jsonl`` (exports and the page are not what is
measured here). For each build: wall time, CPU time of the build and its workers, peak
memory — the sum of the resident sets of the build and all its worker processes, sampled
every 0.1 s, and the largest single process — and the SHA-256 of ``graph.json``, which
must be the same for every engine and job count. Then, on the largest corpus's store:
loading it, the queries ``chain``, ``place``, ``clusters`` and ``ego`` (``casegraph.query``)
on its busiest case and place, and a focus page (``casegraph.view.write_html(focus=...,
hops=2)``). Prints Markdown tables (the README's "Scale and benchmarks").

The machine is shared and noisy: compare ratios within one run; ``--repeat`` keeps the
fastest of several runs of each build.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil  # installed with casegraph[dask]

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "bench" / "corpora"
OUT = ROOT / "bench" / "out"
GiB = 1 << 30
#: Memory a loaded store takes, per byte of its graph.json (networkx dicts; measured ~7.5).
_SUMMARY = re.compile(r"(\d+) document\(s\), (\d+) nodes, (\d+) edges")
_STAGE = re.compile(r"(\w+) ([\d.]+) s")


@dataclass
class Run:
    """One build: what it cost and what it made."""

    corpus: str
    engine: str
    jobs: int
    wall: float = 0.0
    cpu: float = 0.0
    peak_tree: int = 0  # bytes, build + workers, sampled
    peak_single: int = 0  # bytes, the largest process
    nodes: int = 0
    edges: int = 0
    graph_bytes: int = 0
    sha256: str = ""
    stages: dict[str, float] = field(default_factory=dict)  # the build's --timings
    notes: list[str] = field(default_factory=list)


class PeakSampler(threading.Thread):
    """Samples the resident memory of a process and its descendants until stopped."""

    def __init__(self, pid: int, interval: float = 0.1):
        super().__init__(daemon=True)
        self.root, self.interval = psutil.Process(pid), interval
        self.peak_tree = self.peak_single = 0
        self.cpu: dict[int, float] = {}
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.NoSuchProcess:
                break
            total = 0
            for proc in procs:
                try:
                    rss = proc.memory_info().rss
                    times = proc.cpu_times()
                except psutil.Error:
                    continue
                total += rss
                self.peak_single = max(self.peak_single, rss)
                self.cpu[proc.pid] = times.user + times.system
            self.peak_tree = max(self.peak_tree, total)
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def build(corpus: Path, engine: str, jobs: int) -> Run:
    """Run one ``casegraph build`` into ``bench/out`` and measure it."""
    out = OUT / f"{corpus.stem}-{engine}-j{jobs}"
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-c", "from casegraph.cli import main; main()", "build",
               str(corpus), "-o", str(out),
               "--rebuild", "--format", "none", "--no-html", "--jobs", str(jobs),
               "--engine", engine, "--timings"]
    run = Run(corpus.stem.removeprefix("corpus-"), engine, jobs)
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    sampler = PeakSampler(proc.pid)
    sampler.start()
    before = os.times()
    _, stderr = proc.communicate()
    run.wall = time.perf_counter() - start
    sampler.stop()
    after = os.times()
    # workers are reaped by the build itself, so their CPU time lands in its children's
    run.cpu = (after.children_user - before.children_user) + \
        (after.children_system - before.children_system)
    run.cpu = max(run.cpu, sum(sampler.cpu.values()))
    run.peak_tree, run.peak_single = sampler.peak_tree, sampler.peak_single
    if proc.returncode != 0:
        raise SystemExit(f"bench_build: {' '.join(command)} failed:\n{stderr}")
    match = _SUMMARY.search(stderr)
    if match:
        run.nodes, run.edges = int(match[2]), int(match[3])
    for stage, seconds in _STAGE.findall(stderr.partition("timings: ")[2].split("\n")[0]):
        run.stages[stage] = float(seconds)
    data = (out / "graph.json").read_bytes()
    run.graph_bytes, run.sha256 = len(data), hashlib.sha256(data).hexdigest()
    return run


def best_of(repeat: int, corpus: Path, engine: str, jobs: int) -> Run:
    runs = [build(corpus, engine, jobs) for _ in range(repeat)]
    best = min(runs, key=lambda r: r.wall)
    if len({r.sha256 for r in runs}) > 1:
        best.notes.append("graph differs between repeats")
    return best


def query_latency(store: Path) -> list[tuple[str, float, str]]:
    """Seconds to open ``store`` and to answer each query on it, and to write a focus page,
    as ``casegraph query`` and ``casegraph view --focus`` do: from the store's query index
    (``graph.json`` is not loaded); then one ``casegraph query`` process, start to end."""
    import tempfile

    from casegraph import query
    from casegraph.store.index import open_index
    from casegraph.view import write_html

    rows = []
    start = time.perf_counter()
    G = open_index(store)
    if G is None:
        raise SystemExit(f"bench_build: {store} has no current query index")
    rows.append(("open the index", time.perf_counter() - start,
                 f"{G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges"))
    db = G.connection
    case = db.execute("""SELECT n FROM (SELECT source n FROM edges WHERE key = 'close_contact'
                         UNION ALL SELECT target FROM edges WHERE key = 'close_contact')
                         GROUP BY n ORDER BY count(*) DESC, n DESC LIMIT 1""").fetchone()[0]
    place = db.execute("""SELECT e.target FROM edges e JOIN node_types t ON t.id = e.target
                          WHERE t.type = 'location' GROUP BY e.target
                          ORDER BY count(*) DESC, e.target DESC LIMIT 1""").fetchone()[0]
    name, city = G.nodes[place]["name"], G.nodes[place]["city"]
    typo = "某" + G.nodes[place]["name"][1:]  # a name no node has, near the busiest place's
    jobs = [("chain", lambda: query.chain(G, case), case),
            ("place", lambda: query.place(G, name, city), place),
            ("clusters", lambda: query.clusters(G), "whole graph"),
            ("stats", lambda: query.stats(G), "whole graph"),
            ("ego (1 hop)", lambda: query.ego(G, case), case),
            ("timeline", lambda: query.timeline(G, case), case),
            ("find", lambda: query.find(G, G.nodes[case]["name"]), G.nodes[case]["name"]),
            ("find, one character wrong (near matches)", lambda: query.find(G, typo), typo)]
    with tempfile.TemporaryDirectory() as tmp:
        jobs.append(("focus page (2 hops)",
                     lambda: write_html(G.around(case, 2), Path(tmp) / "focus.html",
                                        focus=case, hops=2), case))
        jobs.append(("`casegraph query STORE chain CASE --json` (a whole process)",
                     lambda: subprocess.run([sys.executable, "-c", "from casegraph.cli import "
                                             "main; main()", "query", str(store), "chain", case,
                                             "--json"], check=True, capture_output=True), case))
        for label, job, target in jobs:
            start = time.perf_counter()
            job()
            rows.append((label, time.perf_counter() - start, target))
    return rows


def print_queries(store: Path, label: str) -> None:
    print(f"Queries on the {label} store (one run each, this process):\n")
    print("| step | seconds | on |\n|---|---|---|")
    for name, seconds, target in query_latency(store):
        print(f"| {name} | {seconds:.3f} | {target} |")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(f"\npeak memory of loading and querying: {peak / GiB:.1f} GiB")


def _mib(n: int) -> str:
    return f"{n / (1 << 20):,.0f}"


def table(runs: list[Run]) -> str:
    head = ("| corpus | engine | jobs | wall (s) | CPU (s) | peak memory, all processes (MiB) "
            "| largest process (MiB) | nodes | edges | graph.json (MB) | graph |\n"
            "|---|---|---|---|---|---|---|---|---|---|---|")
    first = {}
    lines = [head]
    for r in runs:
        same = first.setdefault(r.corpus, r.sha256) == r.sha256
        lines.append(f"| {r.corpus} | {r.engine} | {r.jobs} | {r.wall:,.1f} | {r.cpu:,.1f} | "
                     f"{_mib(r.peak_tree)} | {_mib(r.peak_single)} | {r.nodes:,} | {r.edges:,} | "
                     f"{r.graph_bytes / 1e6:,.0f} | {'same' if same else 'DIFFERENT'}"
                     f"{' (' + '; '.join(r.notes) + ')' if r.notes else ''} |")
    return "\n".join(lines)


def stage_table(runs: list[Run]) -> str:
    """Where each build's wall time went, as the build process saw it (``--timings``)."""
    stages = list(dict.fromkeys(stage for r in runs for stage in r.stages))
    lines = ["| corpus | engine | jobs | " + " | ".join(stages) + " |",
             "|---|---|---|" + "---|" * len(stages)]
    for r in runs:
        lines.append(f"| {r.corpus} | {r.engine} | {r.jobs} | " +
                     " | ".join(f"{r.stages.get(s, 0):,.1f}" for s in stages) + " |")
    return "\n".join(lines)


def ratios(runs: list[Run], sizes: list[str]) -> str:
    by = {(r.corpus, r.engine, r.jobs): r for r in runs}
    lines = []
    for size in sizes:
        one, two = by.get((size, "local", 1)), by.get((size, "local", 2))
        if one and two:
            lines.append(f"- {size}: `--jobs 2` is {one.wall / two.wall:.2f}x as fast as "
                         f"`--jobs 1` (target >= 1.7x on 100MB); same graph: "
                         f"{one.sha256 == two.sha256}")
        dask = by.get((size, "dask", 2))
        if one and dask:
            lines.append(f"- {size}: `--engine dask` (local cluster, 2 workers) takes "
                         f"{dask.wall / one.wall:.2f}x the time of `--jobs 1`; same graph: "
                         f"{one.sha256 == dask.sha256}")
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        factor = _bytes(large) / _bytes(small)
        for jobs in (1, 2):
            a, b = by.get((small, "local", jobs)), by.get((large, "local", jobs))
            if a and b:
                lines.append(
                    f"- growth {small} -> {large} (x{factor:g} text), `--jobs {jobs}`: time "
                    f"x{b.wall / a.wall:.2f} ({b.wall / a.wall / factor:.2f} of linear), peak "
                    f"memory x{b.peak_tree / a.peak_tree:.2f} "
                    f"({b.peak_tree / a.peak_tree / factor:.2f} of linear); target <= 1.2")
        big = [r for r in runs if r.corpus == large]
        if big:
            worst = max(big, key=lambda r: r.peak_tree)
            lines.append(f"- peak memory of a {large} build: {worst.peak_tree / GiB:.2f} GiB "
                         f"at most ({worst.engine}, {worst.jobs} jobs); target < 4 GiB")
    return "\n".join(lines)


def _revision() -> str:
    """The commit measured (and whether the working tree differs from it)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True,
                              capture_output=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=ROOT, text=True, capture_output=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown revision"
    return head + (" with local changes" if dirty else "")


def _bytes(size: str) -> float:
    number, unit = re.fullmatch(r"(\d+)([KMG]B)", size).groups()
    return int(number) * {"KB": 1e3, "MB": 1e6, "GB": 1e9}[unit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="+", default=["10MB", "100MB"])
    parser.add_argument("--jobs", nargs="+", type=int, default=[1, 2])
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask builds")
    parser.add_argument("--no-queries", action="store_true", help="skip the query timings")
    parser.add_argument("--repeat", type=int, default=1, help="runs per build (fastest kept)")
    parser.add_argument("--queries-only", metavar="STORE", type=Path,
                        help="only time the queries, on this built store")
    args = parser.parse_args()
    if args.queries_only:
        print_queries(args.queries_only, args.queries_only.name)
        return

    corpora = {size: CORPORA / f"corpus-{size}.jsonl" for size in args.sizes}
    missing = [str(p) for p in corpora.values() if not p.exists()]
    if missing:
        sys.exit(f"bench_build: missing {', '.join(missing)}; make them with "
                 "python bench/gen_corpus.py ../shared/corpus/bulletins --size " +
                 " ".join(args.sizes))
    print(f"machine: {os.cpu_count()} cores, "
          f"{psutil.virtual_memory().total / GiB:.0f} GiB; Python {sys.version.split()[0]}; "
          f"casegraph at {_revision()}")
    runs = []
    for size, corpus in corpora.items():
        print(f"{corpus}: {corpus.stat().st_size / 1e6:.0f} MB", flush=True)
        engines = [("local", j) for j in args.jobs] + ([] if args.no_dask else [("dask", 2)])
        for engine, jobs in engines:
            runs.append(best_of(args.repeat, corpus, engine, jobs))
            r = runs[-1]
            print(f"  {engine} jobs={jobs}: {r.wall:.1f} s, {_mib(r.peak_tree)} MiB, "
                  f"stages {r.stages}", flush=True)
    print()
    print(table(runs))
    print()
    print(stage_table(runs))
    print()
    print(ratios(runs, args.sizes))
    if not args.no_queries:
        print()
        size = args.sizes[-1]  # the largest store: read from its index, never loaded
        print_queries(OUT / f"corpus-{size}-local-j{args.jobs[0]}", size)


if __name__ == "__main__":
    main()
