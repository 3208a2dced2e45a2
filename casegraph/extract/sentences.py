"""Split a bulletin into sentences and clauses, keeping character offsets for provenance."""
from __future__ import annotations

import re
from typing import NamedTuple

from casegraph import lexicon as lx

_AFTER_FIELD_LABEL = "|".join(f"(?<={re.escape(w)})" for w in lx.FIELD_LABEL_ENDINGS)
# A stretch up to and with the marks that end it, or the unended rest of the text.
SENTENCE_PIECE = re.compile(r"[^。！？!?；;\n]*[。！？!?；;\n]+|[^。！？!?；;\n]+")
# A colon joins a clause to what follows where it is a clock time (``8:30``) or a field's
# label (``现住址：X``, ``工作单位：X``); elsewhere (``病例1：``) it ends a clause.
_JOINING_COLON = rf"(?<=[0-9])[：:](?=[0-9])|(?:{_AFTER_FIELD_LABEL})[：:]"
_CLAUSE_CHAR = r"[^，,。；;：:！？!?\n【】]"
CLAUSE = re.compile(rf"{_CLAUSE_CHAR}+(?:(?:{_JOINING_COLON}){_CLAUSE_CHAR}*)*")
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
