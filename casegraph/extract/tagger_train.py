"""Training data and training for :mod:`casegraph.extract.tagger`.

Two sources give labelled place spans: ECR-COVID-19 reports (entity spans; a
``ResidencePlace`` is a residence, a ``Spot``/``Location`` takes the role of the event tuple
it stands in) and casegraph's gold graphs (node names and edge relations, no offsets: each
place an edge of a case points at is found in the bulletin's text, by name or alias, and
every occurrence takes the edge's role). Both are cut into sentences as the extractor reads
them; sentences the tagger would not look at are left out.
"""
from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from casegraph import lexicon as lx
from casegraph.extract.sentences import split_sentences
from casegraph.extract.tagger import GATE_RE, ROLE_OF_RELATION, features

_alt = lx.alternation

Example = tuple[str, list[str]]  # a sentence and its BIO tags
Span = tuple[int, int, str]  # start, end, role

ECR_ROLE_OF_EVENT = {"Event": "visit", "HospitalVisit": "visit", "Inpatient": "care",
                     "DiagnosisConfirmed": "care", "Observed": "quarantine"}
# Where one span has two roles, the first of these wins.
ROLE_PRIORITY = ("quarantine", "care", "work", "residence", "visit")
_CUE_ROLE = (("residence", re.compile(_alt(lx.TRAIN_RESIDENCE_CUES))),
             ("work", re.compile(_alt(lx.TRAIN_WORK_CUES))),
             ("quarantine", re.compile(_alt(lx.TRAIN_QUARANTINE_CUES))),
             ("care", re.compile(_alt(lx.TRAIN_CARE_CUES))),
             ("visit", re.compile(_alt(lx.TRAIN_VISIT_CUES))))


def bio_tags(length: int, spans: Iterable[Span]) -> list[str]:
    """BIO tags of a text of ``length`` characters; earlier spans win where spans overlap.

    >>> bio_tags(5, [(1, 3, "visit")])
    ['O', 'B-visit', 'I-visit', 'O', 'O']
    """
    tags = ["O"] * length
    for start, end, role in spans:
        if start >= end or any(t != "O" for t in tags[start:end]):
            continue
        tags[start] = f"B-{role}"
        for i in range(start + 1, end):
            tags[i] = f"I-{role}"
    return tags


def sentence_examples(text: str, spans: list[Span], keep_all: bool = False) -> Iterator[Example]:
    """The sentences of ``text`` with their tags (only those the tagger's gate lets through,
    unless ``keep_all``)."""
    spans = sorted(spans, key=lambda s: (ROLE_PRIORITY.index(s[2]), s[0]))
    for sentence in split_sentences(text):
        if not keep_all and not GATE_RE.search(sentence.text):
            continue
        inside = [(s - sentence.start, e - sentence.start, r) for s, e, r in spans
                  if s >= sentence.start and e <= sentence.end]
        yield sentence.text, bio_tags(len(sentence.text), inside)


def ecr_spans(record: dict) -> list[Span]:
    """Role-labelled place spans of one ECR-COVID-19 record."""
    spans = [(s, e, "residence") for s, e, kind in record.get("entities", []) if kind == "ResidencePlace"]
    for event in record.get("events", []):
        role = ECR_ROLE_OF_EVENT.get(event["type"][2])
        if role:
            spans += [(s, e, role) for s, e, kind in event["tuple"] if kind in ("Spot", "Location")]
    return spans


def ecr_examples(path: str | Path) -> Iterator[Example]:
    """Tagged sentences of an ECR-COVID-19 file (one JSON record a line)."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                record = json.loads(line)
                yield from sentence_examples(record["text"], ecr_spans(record))


def read_manifests(corpus: str | Path) -> dict[str, Path]:
    """Document id -> text file, from every ``manifest.tsv`` under ``corpus``."""
    found: dict[str, Path] = {}
    for manifest in sorted(Path(corpus).rglob("manifest.tsv")):
        with open(manifest, encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                found[Path(row["file"]).stem] = manifest.parent / row["file"]
    return found


def gold_spans(text: str, graph: dict) -> list[Span]:
    """Role-labelled spans of a gold graph's places, found in the bulletin's ``text``."""
    nodes = {n["id"]: n for n in graph["nodes"]}
    roles: dict[str, set[str]] = {}
    for edge in graph.get("edges", graph.get("links", [])):
        role = ROLE_OF_RELATION.get(edge["relation"])
        target = nodes.get(edge["target"], {})
        if role and target.get("type") in ("location", "facility"):
            if role == "visit" and nodes.get(edge["source"], {}).get("type") != "case":
                continue
            roles.setdefault(edge["target"], set()).add(role)
    spans: list[Span] = []
    taken = [False] * len(text)
    names = sorted(((name, nid) for nid in roles
                    for name in {nodes[nid]["name"], *nodes[nid].get("aliases", [])} if len(name) >= 2),
                   key=lambda item: -len(item[0]))
    for name, nid in names:
        for m in re.finditer(re.escape(name), text):
            if any(taken[m.start():m.end()]):
                continue
            taken[m.start():m.end()] = [True] * (m.end() - m.start())
            spans.append((m.start(), m.end(), _role_here(text, m.start(), roles[nid])))
    return spans


def _role_here(text: str, start: int, roles: set[str]) -> str:
    """One of a place's roles for one occurrence: the one a cue just before it tells, else
    the first by ROLE_PRIORITY."""
    if len(roles) > 1:
        before = text[max(0, start - 8):start]
        for role, cue in _CUE_ROLE:
            if role in roles and cue.search(before):
                return role
    return min(roles, key=ROLE_PRIORITY.index)


def gold_examples(gold_dir: str | Path, corpus: str | Path, docs: Iterable[str] | None = None) -> Iterator[Example]:
    """Tagged sentences of the bulletins of ``gold_dir`` (only ``docs``, if given)."""
    texts = read_manifests(corpus)
    wanted = set(docs) if docs is not None else None
    for path in sorted(Path(gold_dir).glob("*.json")):
        if (wanted is not None and path.stem not in wanted) or path.stem not in texts:
            continue
        text = texts[path.stem].read_text(encoding="utf-8")
        graph = json.loads(path.read_text(encoding="utf-8"))
        yield from sentence_examples(text, gold_spans(text, graph))


def train(examples: Iterable[Example], model_path: str | Path, c1: float = 0.1, c2: float = 0.01,
          max_iterations: int = 150, min_freq: int = 2) -> int:
    """Train a model on ``examples`` into ``model_path``; return how many sentences it saw."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    count = 0
    for text, tags in examples:
        trainer.append(features(text), tags)
        count += 1
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": max_iterations,
                        "feature.minfreq": min_freq, "feature.possible_transitions": True})
    Path(model_path).parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))
    return count
