"""How long the outputs of a store take, as ratios to reading its ``graph.json``.

Usage::

    python bench/bench_outputs.py STORE [--repeat N] [--jobs N]

Times, interleaved ``--repeat`` times in this one run (the medians are printed; the machine
may be shared, so only ratios measured side by side mean anything):

* ``json.load`` of ``STORE/graph.json`` (the yardstick);
* ``casegraph export STORE -o TMP`` of every format, as a command (a new process: start-up
  included): a store built with its default outputs holds them, current, so the command
  copies them (:mod:`casegraph.export.current`);
* the same command on a copy of the store without its outputs (``graph.json`` and
  ``evidence.sqlite`` alone): the writers, from a reading of the store;
* ``casegraph.export.write_all`` of every format from :func:`read_table` in this process,
  and each format alone (serial, one process);
* :func:`casegraph.pipeline.builder.write_outputs` as a build calls it (a copy of the store: read it,
  write the exports but ``json`` and ``graph.html`` beside it).

Build a store first, e.g.::

    python -m casegraph build ../shared/corpus/bulletins -o /tmp/speed-store -q --timings
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from casegraph.export import FORMATS, read_table, write_all  # noqa: E402


def _timed(job) -> float:
    start = time.perf_counter()
    job()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("store", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=None,
                        help="processes for the exports (default: every core)")
    parser.add_argument("--no-build-outputs", action="store_true",
                        help="skip timing write_outputs (exports and page)")
    args = parser.parse_args()
    graph = args.store / "graph.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    jobs = args.jobs or len(os.sched_getaffinity(0))
    times: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        import shutil
        bare = Path(tmp, "bare")  # the store without its outputs: the writers run
        bare.mkdir()
        for name in ("graph.json", "evidence.sqlite"):
            shutil.copyfile(args.store / name, bare / name)
        for _ in range(args.repeat):
            def record(name: str, job) -> None:
                times.setdefault(name, []).append(_timed(job))

            record("json.load", lambda: json.load(open(graph, encoding="utf-8")))
            command = [sys.executable, "-m", "casegraph", "export", str(args.store), "-o",
                       str(Path(tmp, "cli")), "-j", str(jobs)]
            record("export command, all formats",
                   lambda: subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL))
            bare_command = [sys.executable, "-m", "casegraph", "export", str(bare), "-o",
                            str(Path(tmp, "cold")), "-j", str(jobs)]
            record("  the same, store without its outputs",
                   lambda: subprocess.run(bare_command, check=True, env=env,
                                          stdout=subprocess.DEVNULL))
            record("json.load ", lambda: json.load(open(graph, encoding="utf-8")))
            holder = {}
            record("  read_table", lambda: holder.update(table=read_table(args.store)))
            table = holder["table"]
            record("  write_all, serial",
                   lambda: write_all(table, Path(tmp, "serial"), FORMATS, jobs=1))
            for name in FORMATS:
                record(f"    {name}", lambda name=name: write_all(table, Path(tmp, "one"), [name]))
            if not args.no_build_outputs:
                from casegraph.pipeline.builder import write_outputs
                beside = Path(tmp, "build")  # a copy of the store: outputs go beside it
                beside.mkdir(exist_ok=True)
                for name in ("graph.json", "evidence.sqlite"):
                    shutil.copyfile(args.store / name, beside / name)
                record("write_outputs (what a build writes)",
                       lambda: write_outputs(None, beside))
    yardstick = statistics.median(times.pop("json.load") + times.pop("json.load "))
    print(f"{'json.load of graph.json':40s} {yardstick:6.2f} s   1.00")
    for name, values in times.items():
        value = statistics.median(values)
        print(f"{name:40s} {value:6.2f} s  {value / yardstick:5.2f}")


if __name__ == "__main__":
    main()
