"""Split a bulletin into sentences and clauses, keeping character offsets for provenance."""
from __future__ import annotations

import re
from dataclasses import dataclass

SENTENCE_END = re.compile(r"[。！？!?；;\n]+")
CLAUSE_END = re.compile(r"[，,。；;：:！？!?\n【】]")


@dataclass(frozen=True)
class Sentence:
    """A sentence of the document: its text and where it stands (``text[start:end]``)."""

    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with their spans; blank ones are dropped.

    >>> [s.text for s in split_sentences("感染者1：现住A。\\n感染者2；现住B")]
    ['感染者1：现住A。', '感染者2；', '现住B']
    """
    sentences, start = [], 0
    for match in SENTENCE_END.finditer(text):
        _append(sentences, text, start, match.end())
        start = match.end()
    _append(sentences, text, start, len(text))
    return sentences


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip(" \t\r\n\u3000\xa0")
    if stripped.strip("。！？!?；;"):
        lead = len(piece) - len(piece.lstrip(" \t\r\n\u3000\xa0"))
        sentences.append(Sentence(start + lead, start + lead + len(stripped), stripped))


def clauses(sentence: Sentence) -> list[tuple[int, str]]:
    """The comma-separated clauses of a sentence as ``(offset in sentence, text)``."""
    out, start = [], 0
    for match in CLAUSE_END.finditer(sentence.text):
        if match.start() > start:
            out.append((start, sentence.text[start:match.start()]))
        start = match.end()
    if start < len(sentence.text):
        out.append((start, sentence.text[start:]))
    return out
