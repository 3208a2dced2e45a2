"""Chinese dates -> ISO, with the year taken from the document's date.

>>> from datetime import date
>>> resolver = DateResolver(date(2022, 1, 2))
>>> [d.iso for d in resolver.find("12月29日出现症状，1月1日10时阳性，2日确诊")]
['2021-12-29', '2022-01-01', '2022-01-02']
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from typing import NamedTuple

from casegraph import lexicon as lx

_alt = lx.alternation

_NUM = r"[0-9０-９]{1,2}"
# 2022年4月14日 | 4月13日 | 4月13号 | 13日 (never a bare number, never 14号楼). A span's second half
# (至9日, —10日) is swallowed so the first day stands for the span.
DATE_RE = re.compile(
    rf"(?<![0-9０-９])(?:(?P<year>20[0-9]{{2}})年)?"
    rf"(?:(?P<month>{_NUM})月(?P<day>{_NUM})[日号]|(?P<bareday>{_NUM})日)"
    rf"(?:[上下中]午|{_alt(lx.DATE_DAY_PARTS)})?"
    rf"(?:{_NUM}(?:[:：][0-9]{{2}}|时(?:[0-9]{{1,2}}分)?|点(?:[0-9]{{1,2}}分)?))?"
    rf"(?:(?:{_alt(lx.DATE_SPAN_WORDS)}|—|–|-|~|～)(?:(?:{_NUM})月)?{_NUM}[日号])?"
    rf"|(?P<rel>{_alt(lx.RELATIVE_DAYS)}|第2天|{_alt(lx.RELATIVE_DAYS_2)})"
)
# Where a date can start: a digit with 年, 月 or 日 at most three digits on, or the first
# character of a relative day. Trying DATE_RE only there finds what DATE_RE.finditer finds.
DATE_START_RE = re.compile(r"[0-9０-９](?=[0-9０-９]{0,3}[年月日])|[当同次翌第隔今昨]")
DOC_DATE_RE = re.compile(r"(20[0-9]{2})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日")
_RELATIVE_DAYS = lx.NEXT_DAY_OFFSETS


class DateMention(NamedTuple):
    """A date found in text: where it stands and what day it is (``iso`` may be ``None``)."""

    start: int
    end: int
    iso: str | None


def _to_int(text: str) -> int:
    return int(text)  # int() reads full-width digits (１２) as well


def parse_iso(text: str | None) -> date | None:
    """``'2022-04-14'`` -> ``date(2022, 4, 14)``; anything else -> ``None``."""
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def date_from_text(text: str) -> date | None:
    """The first full date printed in a bulletin (``2022年4月14日``), if any."""
    for match in DOC_DATE_RE.finditer(text[:2000]):
        try:
            return date(*(int(g) for g in match.groups()))
        except ValueError:
            continue
    return None


class DateResolver:
    """Turns date mentions into days, remembering the month and day last mentioned.

    ``doc_date`` gives the year (a month later than the document's month belongs to
    the year before); without it, dates keep month and day but no year: ``iso`` is
    ``None`` and ``partial`` holds ``MM-DD``.
    """

    def __init__(self, doc_date: date | None):
        self.doc_date = doc_date
        self.month = doc_date.month if doc_date else None
        self.last: date | None = None

    def reset_day(self) -> None:
        """Forget the last day (a new sentence or case); the month is kept."""
        self.last = None

    def _year_for(self, month: int) -> int | None:
        if self.doc_date is None:
            return None
        year = self.doc_date.year
        return year - 1 if month > self.doc_date.month else year

    def resolve(self, match: re.Match) -> date | None:
        """The day a :data:`DATE_RE` match stands for, updating the context."""
        rel = match.group("rel")
        if rel:
            if rel in ("今日", "今天"):
                return self.doc_date
            if rel in ("昨日", "昨天"):
                return self.doc_date - timedelta(days=1) if self.doc_date else None
            if self.last is None:
                return None
            return self.last + timedelta(days=_RELATIVE_DAYS.get(rel, 0))
        day = _to_int(match.group("day") or match.group("bareday"))
        month = _to_int(match.group("month")) if match.group("month") else self.month
        if month is None or not 1 <= month <= 12:
            return None
        year = int(match.group("year")) if match.group("year") else self._year_for(month)
        if year is None:
            return None
        try:
            found = date(year, month, day)
        except ValueError:
            return None
        self.month, self.last = month, found
        return found

    def find(self, text: str, offset: int = 0) -> list[DateMention]:
        """Every date mention in ``text``, in order, with offsets shifted by ``offset``."""
        mentions: list[DateMention] = []
        if "日" not in text and "号" not in text and "天" not in text:
            return mentions  # every date form ends in 日 or 号, every relative one holds 日 or 天
        for match in _date_matches(text):
            day = self.resolve(match)
            mentions.append(DateMention(match.start() + offset, match.end() + offset,
                                        day.isoformat() if day else None))
        return mentions


def _date_matches(text: str) -> Iterator[re.Match]:
    """``DATE_RE.finditer(text)``, tried only where a date can start."""
    pos = 0
    for start in DATE_START_RE.finditer(text):
        if start.start() >= pos and (match := DATE_RE.match(text, start.start())):
            pos = match.end()
            yield match
