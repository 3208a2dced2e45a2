"""How long ``casegraph --help`` takes, beside a bare ``python -c pass``, and what it imports.

Usage::

    python bench/bench_startup.py [--repeat N]

Runs the installed console script directly (not through a shim such as pyenv's, which adds
its own start-up), keeping the fastest of N runs of each; then prints the ten slowest imports
of ``casegraph.cli`` from ``python -X importtime``.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path


def best_of(repeat: int, argv: list[str]) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    script = Path(sys.executable).with_name("casegraph")
    command = [str(script)] if script.exists() else [shutil.which("casegraph") or "casegraph"]
    bare = best_of(args.repeat, [sys.executable, "-c", "pass"])
    helped = best_of(args.repeat, [*command, "--help"])
    print(f"python -c pass: {bare:.3f} s; casegraph --help: {helped:.3f} s "
          f"({helped - bare:.3f} s of casegraph's own; target: --help under 0.3 s)")
    trace = subprocess.run([sys.executable, "-X", "importtime", "-c", "import casegraph.cli"],
                           capture_output=True, text=True, check=True).stderr.splitlines()
    rows = [line.split("|") for line in trace if line.startswith("import time:") and "|" in line]
    rows = [(int(cumulative), name.rstrip()) for _self, cumulative, name in
            ((r[0], r[1], r[2]) for r in rows) if cumulative.strip().isdigit()]
    for cumulative, name in sorted(rows, reverse=True)[:10]:
        print(f"{cumulative / 1000:8.1f} ms  {name}")


if __name__ == "__main__":
    main()
