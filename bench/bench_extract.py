"""Extraction speed beside raw read+decode and plain ``jieba.lcut``, one core, one run.

Two rates for the extractor: in-process (``casegraph.extract_document`` on documents already
read) and the whole ``casegraph extract`` command as a user runs it (a new process that
starts, reads the files, extracts and writes one JSON file per bulletin). ``jieba.lcut`` is
timed both ways too, plain (``jieba.lcut``, jieba's own dictionary, default arguments): in-process
with its dictionary loaded before the clock starts, and as a new process that imports jieba,
loads its dictionary and cuts the same texts.

Usage::

    python bench/bench_extract.py [DIR_OR_FILES ...] [--repeat N]

Defaults to the bundled ``data/`` bulletins. Every rate is measured on the same text in
the same process, the three jobs taking turns in each round, so the ratios hold even on a
noisy machine; the absolute MB/s do not. The extractor's caches are emptied before each
timed run, so a run reads every document once as ``casegraph extract`` does, never text it
has already seen.
"""
from __future__ import annotations

import argparse
import compileall
import importlib
import json
import pkgutil
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import casegraph
from casegraph.read import iter_documents

ROOT = Path(__file__).resolve().parent.parent


def _best_of(repeat: int, jobs: dict) -> tuple[dict[str, float], dict[str, float]]:
    """The fastest of ``repeat`` runs of each job in seconds (least disturbed by noise),
    the jobs run in turn in each round so that a busy spell slows them alike: wall time,
    and CPU time (this process's and its finished children's, user and system), which a
    neighbour on a shared machine disturbs less."""
    wall = dict.fromkeys(jobs, float("inf"))
    cpu = dict.fromkeys(jobs, float("inf"))
    for _ in range(repeat):
        for name, job in jobs.items():
            start, start_cpu = time.perf_counter(), _cpu_seconds()
            job()
            wall[name] = min(wall[name], time.perf_counter() - start)
            cpu[name] = min(cpu[name], _cpu_seconds() - start_cpu)
    return wall, cpu


def _cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _clear_extract_caches() -> None:
    """Empty every ``lru_cache`` of the extractor's modules."""
    package = importlib.import_module("casegraph.extract")  # casegraph.extract is also a function
    for info in pkgutil.iter_modules(package.__path__, "casegraph.extract."):
        for obj in vars(importlib.import_module(info.name)).values():
            if callable(getattr(obj, "cache_clear", None)):
                obj.cache_clear()


def _extract_all(docs, tagger: bool | None = None) -> list:
    _clear_extract_caches()
    return [casegraph.extract_document(doc, tagger=tagger) for doc in docs]


def _extract_command(inputs: list[str]) -> None:
    """``casegraph extract INPUTS --out DIR`` in a new process, one core, files written."""
    out = tempfile.mkdtemp(prefix="bench_extract.")
    try:
        subprocess.run([sys.executable, "-m", "casegraph", "extract", *inputs, "--out", out, "--quiet"],
                       check=True)
    finally:
        shutil.rmtree(out, ignore_errors=True)


JIEBA_PROCESS = ("import json, sys, jieba\n"
                 "for line in open(sys.argv[1], encoding='utf-8'):\n"
                 "    jieba.lcut(json.loads(line))\n")


def _jieba_process(texts_file: str) -> None:
    """Plain ``jieba.lcut`` of every text in a new process, its dictionary load included."""
    subprocess.run([sys.executable, "-c", JIEBA_PROCESS, texts_file], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="*", default=[str(ROOT / "data")])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    # Compile casegraph's modules once, as ``pip install`` does for an installed package
    # (and for jieba here): a machine that sets PYTHONDONTWRITEBYTECODE would otherwise
    # compile them again in every command.
    compileall.compile_dir(ROOT / "casegraph", quiet=1)
    docs = [d for d in iter_documents(args.inputs) if isinstance(d, casegraph.Document)]
    size_mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    texts = tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".jsonl", delete=False)
    with texts:
        texts.writelines(json.dumps(d.text, ensure_ascii=False) + "\n" for d in docs)
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()  # plain jieba, its own dictionary, loaded outside the timed runs

    best, cpu = _best_of(args.repeat, {
        "read+decode": lambda: list(iter_documents(args.inputs)),
        "jieba.lcut": lambda: [jieba.lcut(d.text) for d in docs],
        "jieba.lcut process": lambda: _jieba_process(texts.name),
        "extract_document": lambda: _extract_all(docs),
        "extract_document --no-tagger": lambda: _extract_all(docs, tagger=False),
        "casegraph extract": lambda: _extract_command(args.inputs),
        "casegraph extract --no-tagger": lambda: _extract_command([*args.inputs, "--no-tagger"]),
    })

    print(f"documents {len(docs)}, {size_mb:.2f} MB of UTF-8 text, best of {args.repeat} runs, one core")
    for name, seconds in best.items():
        print(f"{name:>18}: {size_mb / seconds:8.2f} MB/s")
    Path(texts.name).unlink()
    for name, baseline in (("extract_document", "jieba.lcut"),
                           ("extract_document --no-tagger", "jieba.lcut"),
                           ("casegraph extract", "jieba.lcut"),
                           ("casegraph extract --no-tagger", "jieba.lcut"),
                           ("casegraph extract", "jieba.lcut process"),
                           ("casegraph extract --no-tagger", "jieba.lcut process")):
        print(f"{name} / {baseline} speed ratio: {best[baseline] / best[name]:.2f}x wall, "
              f"{cpu[baseline] / cpu[name]:.2f}x CPU (target >= 1x)")
    print(f"the tagger costs {best['extract_document'] / best['extract_document --no-tagger'] - 1:.0%} "
          "more extraction time")


if __name__ == "__main__":
    main()
