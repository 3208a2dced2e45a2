"""Train the place tagger (casegraph/extract/tagger.py) from labelled reports.

Usage::

    python bench/train_tagger.py --out casegraph/models/places.crfsuite \\
        --ecr ECR-COVID-19/train.txt --gold GOLD_DIR --corpus CORPUS_DIR [--exclude DOC ...]

``--ecr`` files are ECR-COVID-19 JSON lines; ``--gold``/``--corpus`` are casegraph gold
graphs and the bulletins they annotate (a folder with manifest.tsv). ``--docs``/``--exclude``
pick the gold documents (for k-fold runs, see bench/tagger_kfold.py).
"""
from __future__ import annotations

import argparse
import itertools
import os
import time
from pathlib import Path

from casegraph.extract.tagger_train import ecr_examples, gold_examples, train


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, type=Path, help="model file to write")
    parser.add_argument("--ecr", nargs="*", default=[], help="ECR-COVID-19 JSON-lines files")
    parser.add_argument("--gold", help="folder of gold graphs <doc>.json")
    parser.add_argument("--corpus", help="folder of bulletins with manifest.tsv (with --gold)")
    parser.add_argument("--docs", nargs="*", help="only these gold documents")
    parser.add_argument("--exclude", nargs="*", default=[], help="leave these gold documents out")
    parser.add_argument("--c1", type=float, default=0.1)
    parser.add_argument("--c2", type=float, default=0.01)
    parser.add_argument("--iterations", type=int, default=150)
    parser.add_argument("--gold-weight", type=int, default=1,
                        help="repeat each gold sentence this many times")
    args = parser.parse_args(argv)

    sources = [ecr_examples(path) for path in args.ecr]
    if args.gold:
        if not args.corpus:
            parser.error("--gold needs --corpus")
        docs = set(args.docs) if args.docs else {p.stem for p in Path(args.gold).glob("*.json")}
        docs -= set(args.exclude)
        gold = list(gold_examples(args.gold, args.corpus, docs))
        sources.append(gold * args.gold_weight)
    start = time.perf_counter()
    count = train(itertools.chain(*sources), args.out, c1=args.c1, c2=args.c2,
                  max_iterations=args.iterations)
    print(f"trained on {count} sentences in {time.perf_counter() - start:.1f} s: "
          f"{args.out} ({os.path.getsize(args.out) / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
