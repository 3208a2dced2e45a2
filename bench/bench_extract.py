"""Extraction speed beside raw read+decode and plain ``jieba.lcut``, one core, one run.

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
import importlib
import pkgutil
import time
from pathlib import Path

import casegraph
from casegraph.lexicon import jieba_tokenizer
from casegraph.read import iter_documents

ROOT = Path(__file__).resolve().parent.parent


def _best_of(repeat: int, jobs: dict) -> dict[str, float]:
    """The fastest of ``repeat`` runs of each job in seconds (least disturbed by noise),
    the jobs run in turn in each round so that a busy spell slows them alike."""
    best = dict.fromkeys(jobs, float("inf"))
    for _ in range(repeat):
        for name, job in jobs.items():
            start = time.perf_counter()
            job()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="*", default=[str(ROOT / "data")])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    docs = [d for d in iter_documents(args.inputs) if isinstance(d, casegraph.Document)]
    size_mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    tokenizer = jieba_tokenizer()
    tokenizer.lcut("预热")  # load jieba's dictionary outside the timed runs

    best = _best_of(args.repeat, {
        "read+decode": lambda: list(iter_documents(args.inputs)),
        "jieba.lcut": lambda: [tokenizer.lcut(d.text) for d in docs],
        "casegraph extract": lambda: _extract_all(docs),
        "extract --no-tagger": lambda: _extract_all(docs, tagger=False),
    })

    print(f"documents {len(docs)}, {size_mb:.2f} MB of UTF-8 text, best of {args.repeat} runs, one core")
    for name, seconds in best.items():
        print(f"{name:>18}: {size_mb / seconds:8.2f} MB/s")
    ratio = best["jieba.lcut"] / best["casegraph extract"]
    print(f"extract / jieba.lcut speed ratio: {ratio:.2f}x (target >= 2x)")
    rules = best["jieba.lcut"] / best["extract --no-tagger"]
    print(f"extract --no-tagger / jieba.lcut speed ratio: {rules:.2f}x (the tagger costs "
          f"{best['casegraph extract'] / best['extract --no-tagger'] - 1:.0%} more time)")


if __name__ == "__main__":
    main()
