"""Concurrent-run trials: two real `casegraph build`s on one store, started close together.

Usage::

    python bench/concurrent_trials.py [--trials 20] [--generated 40] [--seed S]

Each trial starts from a store built from a third of a made-up corpus (see
``kill_trials.py``), then starts ``casegraph build A -o STORE`` and, a random 0-1 s later,
``casegraph build B -o STORE`` (A and B: the other two thirds, 50 bulletins each by
default; every export and the page).
It checks that both exit 0, that the one that found the store locked said it was waiting,
that the store holds every document of both, that ``graph.json`` is byte for byte that of
the same builds run one after the other (in the order they took the lock), that the exports
and page are those of that serial run, and that no temporary file is left.
"""
from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from kill_trials import build_command, generate_corpus, run_build, snapshot, temporaries  # noqa: E402


def thirds(corpus: Path, work: Path) -> list[Path]:
    """Three folders of links, each a third of ``corpus`` (with its manifest)."""
    files = sorted(corpus.glob("*.txt"))
    parts = []
    for index in range(3):
        part = work / f"part{index}"
        part.mkdir(parents=True)
        for path in files[index::3]:
            (part / path.name).symlink_to(path.resolve())
        shutil.copyfile(corpus / "manifest.tsv", part / "manifest.tsv")
        parts.append(part)
    return parts


def trial(number: int, base: Path, a: Path, b: Path, references: dict, work: Path,
          rng: random.Random) -> tuple[bool, str, bool]:
    store = work / "store"
    if store.exists():
        shutil.rmtree(store)
    shutil.copytree(base, store)
    logs = [work / "a.err", work / "b.err"]
    delay = rng.uniform(0, 1.0)
    with logs[0].open("w") as err_a, logs[1].open("w") as err_b:
        first = subprocess.Popen(build_command([a], store)[:-1], stderr=err_a,
                                 stdout=subprocess.DEVNULL)
        time.sleep(delay)
        second = subprocess.Popen(build_command([b], store)[:-1], stderr=err_b,
                                  stdout=subprocess.DEVNULL)
        codes = first.wait(600), second.wait(600)
    errs = [log.read_text(encoding="utf-8") for log in logs]
    problems = []
    if codes != (0, 0):
        problems.append(f"exit statuses {codes}: {errs}")
    waited = [i for i, text in enumerate(errs) if "waiting for another casegraph build" in text]
    order = "ba" if waited == [0] else "ab"
    if len(waited) > 1:
        problems.append("both builds said they waited")
    got = snapshot(store)
    if not waited and got != references["ab"] and got == references["ba"]:  # no overlap: either may have gone first
        order = "ba"
    if got != references[order]:
        differing = sorted(k for k in set(got) | set(references[order])
                           if got.get(k) != references[order].get(k))
        problems.append(f"differs from the serial build {order}: {differing}")
    if temporaries(store):
        problems.append(f"temporary files left: {temporaries(store)}")
    line = (f"trial {number:3d} second start +{delay:.2f} s, "
            f"{'one waited' if waited else 'no overlap'}, lock order {order}: "
            + ("ok" if not problems else "FAILED: " + "; ".join(problems)))
    return not problems, line, bool(waited)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--generated", type=int, default=150)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="concurrent-trials-") as tmp:
        work = Path(tmp)
        corpus = generate_corpus(work / "corpus", args.generated, args.seed)
        base_input, a, b = thirds(corpus, work / "parts")
        base = work / "base"
        run_build([base_input], base)
        references = {}
        for order, sequence in (("ab", (a, b)), ("ba", (b, a))):
            reference = work / f"serial-{order}"
            shutil.copytree(base, reference)
            for part in sequence:
                run_build([part], reference)
            references[order] = snapshot(reference)
        results = []
        for number in range(1, args.trials + 1):
            ok, line, waited = trial(number, base, a, b, references, work, rng)
            print(line, flush=True)
            results.append((ok, waited))
    good = sum(ok for ok, _ in results)
    overlapped = sum(waited for _, waited in results)
    print(f"concurrent-run trials: {good}/{len(results)} consistent "
          f"({overlapped} overlapped: the second build waited for the lock)")
    sys.exit(0 if good == len(results) else 1)


if __name__ == "__main__":
    main()
