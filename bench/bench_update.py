"""What adding one bulletin to a store costs next to building the store, outputs included.

Usage::

    python bench/bench_update.py [FOLDER] [--repeat N] [--jobs N]

``FOLDER`` (default ``shared/corpus/bulletins`` beside the checkout, else the bundled ``data/``) holds the
bulletins. In one run, as ``casegraph build`` commands with the default outputs (every
export and ``graph.html``), each timed wall to wall:

1. a store of every bulletin but the last (not timed: the starting point);
2. the last bulletin added to it (the update);
3. a full build of every bulletin into a fresh store.

Steps 2 and 3 are repeated ``--repeat`` times (a fresh copy of the starting point each
time: a store is copied with its index by building it again), the medians compared.
Each command's ``--timings`` line is printed, so the stages can be compared too.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = next((p / "shared" / "corpus" / "bulletins" for p in (ROOT.parent, ROOT.parent.parent)
               if (p / "shared" / "corpus" / "bulletins").is_dir()), ROOT / "data")


def _build(inputs: list[str], out: Path, jobs: int | None) -> tuple[float, str]:
    command = [sys.executable, "-m", "casegraph", "build", *inputs, "-o", str(out), "-q",
               "--timings"] + (["-j", str(jobs)] if jobs else [])
    start = time.perf_counter()
    done = subprocess.run(command, env={**os.environ, "PYTHONPATH": str(ROOT)},
                          capture_output=True, text=True)
    took = time.perf_counter() - start
    if done.returncode:
        sys.exit(done.stderr)
    timings = [line for line in done.stderr.splitlines() if "timings" in line]
    return took, timings[0] if timings else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    files = sorted(str(p) for p in args.folder.iterdir() if p.suffix in (".txt", ".jsonl"))
    if len(files) < 2:
        sys.exit("bench_update: need at least two bulletins")
    updates, fulls = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.repeat):
            base = Path(tmp, f"base{i}")
            _build(files[:-1], base, args.jobs)
            took, timings = _build(files[-1:], base, args.jobs)
            updates.append(took)
            print(f"update (1 bulletin):  {took:6.1f} s   {timings}", flush=True)
            took, timings = _build(files, Path(tmp, f"full{i}"), args.jobs)
            fulls.append(took)
            print(f"full build ({len(files)}):   {took:6.1f} s   {timings}", flush=True)
    update, full = statistics.median(updates), statistics.median(fulls)
    print(f"full build / update: {full / update:.2f}  ({full:.1f} s / {update:.1f} s)")


if __name__ == "__main__":
    main()
