"""Split a bulletin into sentences and clauses, keeping character offsets for provenance."""
from __future__ import annotations

import re
from typing import NamedTuple

# A stretch up to and with the marks that end it, or the unended rest of the text.
SENTENCE_PIECE = re.compile(r"[^。！？!?；;\n]*[。！？!?；;\n]+|[^。！？!?；;\n]+")
CLAUSE = re.compile(r"[^，,。；;：:！？!?\n【】]+")
_BLANK = " \t\r\n\u3000\xa0\u2002\u2003\u2009"
_ENDS = "。！？!?；;"


class Sentence(NamedTuple):
    """A sentence of the document: its text and where it stands (``text[start:end]``)."""

    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with their spans; blank ones are dropped.

    >>> [s.text for s in split_sentences("感染者1：现住A。\\n感染者2；现住B")]
    ['感染者1：现住A。', '感染者2；', '现住B']
    """
    sentences = []
    for match in SENTENCE_PIECE.finditer(text):
        piece = match.group()
        stripped = piece.strip(_BLANK)
        if stripped.strip(_ENDS):
            start = match.start() + len(piece) - len(piece.lstrip(_BLANK))
            sentences.append(Sentence(start, start + len(stripped), stripped))
    return sentences


def clauses(sentence: Sentence) -> list[tuple[int, str]]:
    """The comma-separated clauses of a sentence as ``(offset in sentence, text)``."""
    return [(match.start(), match.group()) for match in CLAUSE.finditer(sentence.text)]
