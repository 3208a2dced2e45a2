"""Does the place tagger help on text it was not trained on? Rules alone vs rules + tagger.

Usage::

    python bench/tagger_kfold.py --gold GOLD_DIR --corpus CORPUS_DIR --ecr-train ECR/train.txt \\
        [--ecr-valid ECR/valid.txt] [--k 5] [--workdir DIR] [--score score.py] [--ecr-score ecr.py]

The gold documents (sorted by id) are dealt into k folds. For each fold a model is trained on
ECR train plus the other folds' gold; the fold's bulletins are extracted with the tagger off
and on (that model), and scored with score.py against a folder of that fold's gold only.
The pooled line scores every held-out prediction at once. With ``--ecr-valid``, a model
trained on ECR train plus all gold is scored on ECR valid, tagger off and on (ecr.py).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from casegraph.extract.tagger_train import ecr_examples, gold_examples, train  # noqa: E402

MODES = {"rules": "0", "combined": "1"}
KEYS = ("graph_f1", "graph_precision", "graph_recall", "macro_graph_f1", "date_accuracy", "attribute_accuracy")


def folds_of(docs: list[str], k: int) -> list[list[str]]:
    """Deal sorted documents round-robin into ``k`` folds."""
    return [docs[i::k] for i in range(k)]


def _env(mode: str, model: Path) -> dict[str, str]:
    env = dict(os.environ, CASEGRAPH_TAGGER=MODES[mode], CASEGRAPH_TAGGER_MODEL=str(model), PYTHONHASHSEED="0")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    return env


def _manifest(corpus: Path) -> dict[str, tuple[Path, dict]]:
    found = {}
    for mf in sorted(corpus.rglob("manifest.tsv")):
        with open(mf, encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                found[Path(row["file"]).stem] = (mf.parent / row["file"], row)
    return found


def _extract(docs: list[str], corpus: dict, out: Path, env: dict, work: Path) -> None:
    jsonl = work / "input.jsonl"
    with open(jsonl, "w", encoding="utf-8") as fh:
        for doc in docs:
            path, row = corpus[doc]
            fh.write(json.dumps({"id": doc, "text": path.read_text(encoding="utf-8"),
                                 "city": row.get("city", ""), "date": row.get("date", "")},
                                ensure_ascii=False) + "\n")
    subprocess.run([sys.executable, "-m", "casegraph", "extract", str(jsonl), "--out", str(out), "-q"],
                   env=env, check=True)


def _score(score_py: str, gold: Path, pred: Path) -> dict:
    proc = subprocess.run([sys.executable, score_py, "--gold", str(gold), "--pred", str(pred), "--json"],
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def _row(name: str, scores: dict) -> str:
    return f"| {name} | " + " | ".join(f"{scores[k]:.3f}" for k in KEYS) + " |"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", required=True, type=Path)
    ap.add_argument("--corpus", required=True, type=Path)
    ap.add_argument("--ecr-train", required=True)
    ap.add_argument("--ecr-valid")
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--workdir", type=Path)
    ap.add_argument("--gold-weight", type=int, default=1, help="repeat each gold sentence this many times")
    ap.add_argument("--reuse", action="store_true", help="keep models already in --workdir")
    ap.add_argument("--score", default="/work/shared/eval/score.py")
    ap.add_argument("--ecr-score", default="/work/shared/eval/ecr.py")
    args = ap.parse_args()

    work = args.workdir or Path(tempfile.mkdtemp(prefix="tagger-kfold-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = _manifest(args.corpus)
    docs = sorted(p.stem for p in args.gold.glob("*.json"))
    ecr = list(ecr_examples(args.ecr_train))
    print(f"tagger min confidence: {os.environ.get('CASEGRAPH_TAGGER_MIN', 'default')}")
    print("| fold | mode | " + " | ".join(KEYS) + " |")
    print("|---|---|" + "---|" * len(KEYS))
    for i, fold in enumerate(folds_of(docs, args.k)):
        fold_dir = work / f"fold{i}"
        gold_dir = fold_dir / "gold"
        gold_dir.mkdir(parents=True, exist_ok=True)
        for doc in fold:
            shutil.copy(args.gold / f"{doc}.json", gold_dir)
        model = fold_dir / "places.crfsuite"
        if not (args.reuse and model.exists()):
            train(ecr + list(gold_examples(args.gold, args.corpus, set(docs) - set(fold))) * args.gold_weight,
                  model)
        for mode in MODES:
            _extract(fold, corpus, work / mode, _env(mode, model), fold_dir)
            print(_row(f"{i} | {mode}", _score(args.score, gold_dir, work / mode)), flush=True)
    for mode in MODES:
        print(_row(f"pooled | {mode}", _score(args.score, args.gold, work / mode)), flush=True)
    if args.ecr_valid:
        model = work / "all.crfsuite"
        if not (args.reuse and model.exists()):
            train(ecr + list(gold_examples(args.gold, args.corpus)) * args.gold_weight, model)
        for mode in MODES:
            proc = subprocess.run([sys.executable, args.ecr_score, args.ecr_valid, "--json", "--cmd",
                                   f"{sys.executable} -m casegraph extract {{input}} --out {{out}} -q"],
                                  env=_env(mode, model), capture_output=True, text=True, check=True)
            result = json.loads(proc.stdout)
            print(f"ECR valid {mode}: score {result['ecr_score']:.3f}  " + "  ".join(
                f"{k} P {result[k + '_p']:.3f} R {result[k + '_r']:.3f} F1 {result[k + '_f1']:.3f}"
                for k in ("residence", "movement", "care")), flush=True)


if __name__ == "__main__":
    main()
