"""The long hostile-input run: tests/test_hostile.py with its soak profile, counted.

Usage::

    python bench/hostile.py [--examples N] [--big]

Runs ``pytest tests/test_hostile.py`` with ``HYPOTHESIS_PROFILE=soak`` (N examples per
generated test, default 2,500; the text test runs 4 N, the store test N / 2: about 14,000
inputs in all) and prints what was tried and found: inputs and documents, tracebacks or
internal errors, invalid outputs, documents silently dropped, wrong exit statuses, and the
hits of crashes already reported (counted apart). The exit status is pytest's.

``--big`` then feeds ``casegraph extract`` one 10 MB single line of each kind (random CJK
without punctuation, ASCII, digits and bulletin clauses) and prints the time of each
against a quarter of it (linear: 4x).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def soak(examples: int) -> tuple[int, dict]:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp, "counts.json")
        env = {**os.environ, "HYPOTHESIS_PROFILE": "soak",
               "CASEGRAPH_HOSTILE_EXAMPLES": str(examples),
               "CASEGRAPH_HOSTILE_REPORT": str(report)}
        done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                               str(ROOT / "tests" / "test_hostile.py")], cwd=tmp, env=env)
        counts = json.loads(report.read_text()) if report.exists() else {}
    return done.returncode, counts


def big_lines() -> None:
    import casegraph

    rng = random.Random(0)
    kinds = {
        "random CJK, no punctuation": lambda n: "".join(chr(rng.randint(0x4E00, 0x9FFF))
                                                        for _ in range(n)),
        "ASCII letters": lambda n: ("abcdefghij" * (n // 10 + 1))[:n],
        "bulletin clauses, one sentence": lambda n: ("感染者1：男，30岁，现住样例区幸福小区3号楼，"
                                                     * (n // 24 + 1))[:n],
    }
    for name, make in kinds.items():
        text = make(10_000_000 * 100 // len(make(100).encode("utf-8")))  # 10 MB of UTF-8
        times = []
        for part in (text[:len(text) // 4], text):
            start = time.process_time()
            casegraph.extract(part, city="样例市", date="2022-04-14")
            times.append(time.process_time() - start)
        print(f"10 MB line, {name}: {len(text.encode()) / 1e6:.1f} MB in {times[1]:.1f} s "
              f"CPU; a quarter of it {times[0]:.1f} s (ratio {times[1] / times[0]:.1f}, "
              "linear 4)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=2500)
    parser.add_argument("--big", action="store_true", help="also the 10 MB single lines")
    args = parser.parse_args()
    start = time.monotonic()
    code, counts = soak(args.examples)
    found = {k: v for k, v in counts.items()
             if k not in ("examples", "inputs", "documents written", "errors reported")}
    print(f"\nhostile inputs tried: {counts.get('inputs', 0)} in {counts.get('examples', 0)} "
          f"generated examples ({counts.get('documents written', 0)} documents extracted, "
          f"{counts.get('errors reported', 0)} one-line errors reported) in "
          f"{(time.monotonic() - start) / 60:.0f} min")
    print(f"tracebacks or internal errors: {counts.get('tracebacks', 0)}; invalid outputs: "
          f"{counts.get('invalid outputs', 0)}; other findings: "
          + (", ".join(f"{k} {v}" for k, v in sorted(found.items())
                       if k not in ("tracebacks", "invalid outputs")) or "none"))
    if args.big:
        big_lines()
    sys.exit(code)


if __name__ == "__main__":
    main()
