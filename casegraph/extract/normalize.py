"""Normalise a bulletin as it comes off the web before it is read.

Traditional characters become simplified (OpenCC ``t2s``), ASCII punctuation the full-width
forms the rules expect (``,`` ``:`` between digits stay: ``1,000``, ``18:30``), full-width
digits, letters and dashes ASCII; a page's own junk (web addresses, ``来源：…`` fields, a site's name,
watermark noise), stray spaces and line breaks inside a sentence are dropped.

Character conversions keep every index; only the deletions move text, so the offset map
(:class:`OffsetMap`) is made of the kept pieces, and a text that needs no deletion has none.
Evidence spans are translated back through it: they always index the original text.

>>> norm = normalize("病例1:男,現住東城區 A小區,\\n3月1日確診。")
>>> norm.text
'病例1：男，现住东城区A小区，3月1日确诊。'
>>> start, end = norm.original_span(15, 22)  # 3月1日确诊。
>>> start, end
(17, 24)
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import NamedTuple

from casegraph import lexicon as lx

_HSPACE = r"[ \t\u3000\xa0\u2002\u2003\u2009]"
TRADITIONAL_MARK_RE = re.compile(f"[{lx.TRADITIONAL_MARKS}]")
_BLANKS = " \t\u3000\xa0\u2002\u2003\u2009"
ZERO_WIDTH_MARKS = "\u200b\u200c\u200d\ufeff"
ZERO_WIDTH_RE = re.compile(f"[{ZERO_WIDTH_MARKS}]+")  # no character at all: always dropped
# Each pattern starts on a literal or a narrow class, so that a scan skips along in C.
URL_RE = re.compile(r"(?:https?:)?//(?:www\.)?(?:[A-Za-z0-9-]+\.)+[a-z]{2,6}(?![A-Za-z])"
                    r"(?:/[A-Za-z0-9./?=&%#_~-]*)?|www\.(?:[A-Za-z0-9-]+\.)+[a-z]{2,6}(?![A-Za-z])")
_FIELD_VALUE = r"[^\s|｜)）】，,。]"
# A page's field with a short value (``来源：环球网``); what stands before it is checked apart.
FIELD_RE = re.compile(rf"(?:{lx.alternation(lx.WEB_FIELD_WORDS)})[:：]"
                      rf"(?:{_HSPACE}*{_FIELD_VALUE}{{1,12}}(?!{_FIELD_VALUE}))?")
_FIELD_AFTER = frozenset(" \t\u3000\xa0\r\n|｜(（【")
SITE_RE = re.compile(rf"[\u4e00-\u9fff]{{2,4}}(?:{lx.alternation(lx.WEB_SITE_ENDINGS)})(?![:：])")
# Scraper watermarks: tokens of one or two printable ASCII characters between spaces.
NOISE_RE = re.compile(r" [!-~]{1,2}(?: [!-~]{1,2}){3,}(?![A-Za-z0-9])")  # the first token is read apart
_NOISE_SYMBOLS = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# A line break after a comma or an opening bracket, or before a full-width mark that cannot
# begin a line (an ASCII one there is more likely noise).
BREAK_AFTER_COMMA_RE = re.compile(rf"[，,、（(]({_HSPACE}*\r?\n{_HSPACE}*)(?=[^\s])")
# A line break after a colon, before the sex or age the colon introduces (``病例10：\n女，38岁``).
BREAK_BEFORE_FIELDS_RE = re.compile(rf"[：:]({_HSPACE}*\r?\n{_HSPACE}*)(?=[男女][，,、性]|[0-9]{{1,3}}岁)")
BREAK_BEFORE_MARK_RE = re.compile(rf"(\n{_HSPACE}*)[，。、）；]")
SPACES_RE = re.compile(rf"{_HSPACE}+")
_ASCII_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
PUNCTUATION_RE = re.compile(r"[,:;()!?]")
# Full-width digits and letters, and dashes the rules do not know, as the ASCII the rules read.
HALF_WIDTH = str.maketrans({**{chr(c): chr(c - 0xFEE0) for c in
                               [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]},
                            **dict.fromkeys("－‐‑−", "-")})
_HALF_WIDTH_RE = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a－‐‑−]")


class OffsetMap:
    """Indices of a normalised text back in its original, from the pieces kept.

    >>> m = OffsetMap([0, 3], [0, 5], 8)  # kept: original [0, 3) and [5, 10)
    >>> [m.original(i) for i in (0, 2, 3, 7, 8)]
    [0, 2, 5, 9, 10]
    """

    def __init__(self, starts: list[int], original_starts: list[int], length: int):
        self.starts = starts  # where each kept piece starts in the normalised text
        self.original_starts = original_starts  # ... and in the original
        self.length = length  # of the normalised text
        self._piece = 0  # the piece the last index fell in

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of ``[start, end)`` (``end > start``); a sentence mostly lies
        within one kept piece, so one lookup serves both ends."""
        starts = self.starts
        piece = self._piece
        if not (starts[piece] <= start and (piece + 1 == len(starts) or start < starts[piece + 1])):
            piece = self._piece = bisect_right(starts, start) - 1
        shift = self.original_starts[piece] - starts[piece]
        if piece + 1 == len(starts) or end <= starts[piece + 1]:
            return start + shift, end + shift
        return start + shift, self.original(end - 1) + 1

    def original(self, index: int) -> int:
        """The original index of normalised ``index`` (the end of the text maps to its end)."""
        if index >= self.length and index > 0:
            return self.original(self.length - 1) + 1
        piece = self._piece  # a reader asks in order: mostly the piece asked last, or the next
        starts = self.starts
        if not (starts[piece] <= index and (piece + 1 == len(starts) or index < starts[piece + 1])):
            piece = self._piece = bisect_right(starts, index) - 1
        return self.original_starts[piece] + index - starts[piece]


class Normalized(NamedTuple):
    """A normalised text and, where anything was deleted, the way back to the original."""

    text: str
    offsets: OffsetMap | None
    converted: bool = False  # written in traditional characters, read in simplified ones

    def printed_form(self, original: str, name: str) -> str | None:
        """How a converted text printed ``name`` (``楊涌村`` for ``杨涌村``), where it differs.

        >>> text = "現住楊涌村。"
        >>> normalize(text).printed_form(text, "杨涌村")
        '楊涌村'
        """
        at = self.text.find(name) if self.converted else -1
        if at < 0:
            return None
        start, end = self.original_span(at, at + len(name))
        printed = original[start:end]
        return printed if len(printed) == len(name) and printed != name else None

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """``text[start:end]`` as a span of the original text (it covers the same words)."""
        if self.offsets is None:
            return start, end
        if end <= start:
            return (begin := self.offsets.original(start)), begin
        return self.offsets.span(start, end)


def normalize(text: str) -> Normalized:
    """``text`` normalised (see the module docstring); no map when nothing was deleted."""
    simplified = to_simplified(text)
    converted = simplified is not text
    pieces, starts, original_starts = _drop_junk(simplified)
    deleted = len(pieces) > 1 or original_starts[0] > 0 or len(pieces[0]) < len(text)
    out = "".join(pieces) if deleted else simplified
    if PUNCTUATION_RE.search(out):
        out = PUNCTUATION_RE.sub(_full_width, out)
    if _HALF_WIDTH_RE.search(out):
        out = out.translate(HALF_WIDTH)
    return Normalized(out, OffsetMap(starts, original_starts, len(out)) if deleted else None, converted)


def _full_width(match: re.Match) -> str:
    """An ASCII mark in full width, unless a ``,`` or ``:`` stands between digits."""
    mark, at, text = match.group(), match.start(), match.string
    if mark in ",:" and 0 < at < len(text) - 1 and text[at - 1].isdigit() and text[at + 1].isdigit():
        return mark
    return lx.FULL_WIDTH_PUNCTUATION[mark]


def junk_spans(text: str) -> list[tuple[int, int]]:
    """The stretches of ``text`` to drop, in order, overlaps merged."""
    spans = [m.span(1) for m in BREAK_AFTER_COMMA_RE.finditer(text)]
    spans += [(_blanks_before(text, m.start()), m.end(1)) for m in BREAK_BEFORE_MARK_RE.finditer(text)]
    spans += [m.span(1) for m in BREAK_BEFORE_FIELDS_RE.finditer(text)]
    spans += [m.span() for m in SPACES_RE.finditer(text) if _stray_space(text, *m.span())]
    if any(mark in text for mark in ZERO_WIDTH_MARKS):  # (rare: a scan for them costs more)
        spans += [m.span() for m in ZERO_WIDTH_RE.finditer(text)]
    if "//" in text or "www." in text:
        spans += [m.span() for m in URL_RE.finditer(text)]
    spans += [m.span() for m in FIELD_RE.finditer(text)
              if m.start() == 0 or text[m.start() - 1] in _FIELD_AFTER]
    if any(ending in text for ending in lx.WEB_SITE_ENDINGS):
        spans += [m.span() for m in SITE_RE.finditer(text)]
    spans += [noise for m in NOISE_RE.finditer(text) if (noise := _noise(text, *m.span()))]
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        elif end > start:
            merged.append((start, end))
    return merged


def _blanks_before(text: str, index: int) -> int:
    """Where the blanks (and a ``\\r``) before ``index`` start."""
    while index and text[index - 1] in _BLANKS + "\r":
        index -= 1
    return index


def _stray_space(text: str, start: int, end: int) -> bool:
    """Blanks inside a line, unless between two ASCII letters or digits (``CA 1234``)."""
    if start == 0 or end == len(text):
        return False
    before, after = text[start - 1], text[end]
    if before in "\r\n" or after in "\r\n":
        return False
    return not (before in _ASCII_ALNUM and after in _ASCII_ALNUM)


def _noise(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The watermark noise that ends a run of short ASCII tokens, its first token included:
    it holds several symbols, or six tokens or more of letters mixed with digits or symbols,
    and it is no part of a longer ASCII word."""
    first = start
    while first > start - 2 and first and "!" <= text[first - 1] <= "~":
        first -= 1
    if first and text[first - 1] in _ASCII_ALNUM:
        return None
    run = text[first:end]
    symbols = sum(ch in _NOISE_SYMBOLS for ch in run)
    mixed = run.count(" ") >= 5 and any(ch.isalpha() for ch in run) and (symbols or any(ch.isdigit() for ch in run))
    return (first, end) if symbols >= 3 or mixed else None


def _drop_junk(text: str) -> tuple[list[str], list[int], list[int]]:
    """The pieces of ``text`` left between junk, with their starts in the new and the old text."""
    kept: list[str] = []
    starts: list[int] = []
    original_starts: list[int] = []
    position = length = 0
    for start, end in junk_spans(text):
        if start > position:
            kept.append(text[position:start])
            starts.append(length)
            original_starts.append(position)
            length += start - position
        position = end
    if position < len(text) or not kept:
        kept.append(text[position:])
        starts.append(length)
        original_starts.append(position)
    return kept, starts, original_starts


def to_simplified(text: str) -> str:
    """``text`` in simplified characters, index for index, where it is in traditional script.

    A simplified text is returned as it is, even where t2s would change a character or two
    (``乾`` in a place name): only a text with a fair share of changes is converted, or else
    the lines of it that are plainly traditional (a reprint quoting a traditional passage).
    """
    if not TRADITIONAL_MARK_RE.search(text):
        return text
    converted = _t2s(text)
    if converted == text:
        return text
    if len(converted) != len(text):
        converted = "".join(_same_length(line) for line in text.splitlines(keepends=True))
    if _changed(text, converted) >= lx.TRADITIONAL_SHARE * len(text):
        return converted
    lines = text.splitlines(keepends=True)
    new_lines = converted.splitlines(keepends=True)
    if len(lines) != len(new_lines):
        return text
    return "".join(new if _traditional_line(old, new) else old for old, new in zip(lines, new_lines))


def _changed(text: str, converted: str) -> int:
    return sum(map(str.__ne__, text, converted))


def _traditional_line(line: str, converted: str) -> bool:
    """A line of a mostly simplified text that is written in traditional characters."""
    if len(line) != len(converted) or line == converted:
        return False
    changed = _changed(line, converted)
    return changed >= lx.TRADITIONAL_LINE_CHANGES and changed >= lx.TRADITIONAL_LINE_SHARE * len(line)


def _same_length(line: str) -> str:
    """One line converted, character by character where a phrase changed its length."""
    converted = _t2s(line)
    if len(converted) == len(line):
        return converted
    chars = [_t2s(ch) for ch in line]
    return "".join(new if len(new) == 1 else old for old, new in zip(line, chars))


def _t2s(text: str) -> str:
    return _converter().convert(text)


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")
