"""The tagger's pass after the rules: places the rules did not read, in sentences whose case
is known.

The reader records each stretch of a sentence with the cases it speaks of
(:class:`Stretch`); :func:`add_tagged_places` tags those sentences with
:class:`~casegraph.extract.tagger.PlaceTagger` and writes an edge for each tagged place
that no rule touched in that sentence, the role giving the relation (residence ->
``resides_at``, work -> ``works_at``, visit -> ``visited``, care -> ``admitted_to``,
quarantine -> ``isolated_at``). Where the rules read a place, their reading stands.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from typing import NamedTuple

from casegraph import lexicon as lx
from casegraph.extract.builder import GraphBuilder
from casegraph.extract.dates import DateMention
from casegraph.extract.facts import Link, PlaceFact, Residence, SubjectAttr
from casegraph.extract.places import facility_of, looks_like_place, place_kind, strip_admin
from casegraph.extract.sentences import Sentence
from casegraph.extract.tagger import GATE_RE, RELATION_OF_ROLE, PlaceTagger, TaggedPlace

CLAUSE_END_RE = re.compile(r"[，,。；;：:！？!?\n]")
EDGE_PUNCT = " ，,。；;：:、！？!?“”\"'「」《》()（）【】"
BRACKET_RE = re.compile(r"[（(][^）)]*[）)]?$|[（(][^）)]*[）)]")
# Words of no place a tagger may still mark (pronoun places, a person's home)
NOT_TAGGED_PLACE_RE = re.compile(r"家中|住处|住所|家里|老家|本地|当地|外地|本市|我市|该市|其|该|同一|附近|病例|感染者")


class Stretch(NamedTuple):
    """A stretch ``[start, end)`` of a sentence and the cases it speaks of."""

    sentence: Sentence
    start: int
    end: int
    subjects: tuple[str, ...]
    mentions: list[DateMention]


def add_tagged_places(builder: GraphBuilder, stretches: list[Stretch], tagger: PlaceTagger) -> int:
    """Write the tagged places no rule read; return how many edges were proposed."""
    read_names = _names_by_sentence(builder)
    tagged: dict[int, list[TaggedPlace]] = {}
    added = 0
    for stretch in stretches:
        if not stretch.subjects:
            continue
        sentence = stretch.sentence
        names = read_names.get((sentence.start, sentence.end), ())
        if sentence.start not in tagged:
            tagged[sentence.start] = _tag_unread(tagger, sentence.text, names)
        for place in tagged[sentence.start]:
            if place.start < stretch.start or place.start >= stretch.end:
                continue
            raw = sentence.text[place.start:place.end]
            if _rules_read(raw, names):
                continue
            fact = fact_of(raw, place.role)
            if fact is None:
                continue
            span = (sentence.start, sentence.end)
            when = _date_at(sentence.text, stretch.mentions, place.end)
            for nid in stretch.subjects:
                fact.write(builder, nid, span, when, len(stretch.subjects) > 1)
            added += 1
    return added


def _names_by_sentence(builder: GraphBuilder) -> dict[tuple[int, int], list[str]]:
    """The names of the nodes each sentence's rules wrote (or named), by sentence span."""
    found: dict[tuple[int, int], list[str]] = {}
    for data in builder.nodes.values():
        names = [_norm(data.get("name", "")), *(_norm(a) for a in data.get("aliases", ()))]
        for source in data.get("sources", ()):
            found.setdefault((source["start"], source["end"]), []).extend(names)
    return found


def _tag_unread(tagger: PlaceTagger, text: str, names) -> list[TaggedPlace]:
    """Tag the stretches of ``text`` around the place endings left once the places the
    rules read there are taken out: each such ending with its clause and the one before."""
    rest = text
    for name in names:
        if name and name in rest:
            rest = rest.replace(name, "|" * len(name))
    windows: list[list[int]] = []
    for m in GATE_RE.finditer(rest):
        end = CLAUSE_END_RE.search(text, m.end())
        start = _clause_start(text, _clause_start(text, m.start()) - 1)
        window = [start, end.start() if end else len(text)]
        if windows and window[0] <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], window[1])
        else:
            windows.append(window)
    found: list[TaggedPlace] = []
    for start, end in windows:
        found += [TaggedPlace(p.start + start, p.end + start, p.role) for p in tagger.tag(text[start:end])]
    return found


def _clause_start(text: str, before: int) -> int:
    """Where the clause holding ``text[before]`` starts (0 for ``before`` < 0)."""
    if before < 0:
        return 0
    return max(text.rfind(mark, 0, before) for mark in "，,。；;：:！？!?\n") + 1


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _rules_read(raw: str, names) -> bool:
    """Whether the rules wrote a node in this sentence that is this span, or part of it."""
    raw = _norm(raw)
    return any(name and (name in raw or raw in name) for name in names)


def _date_at(text: str, mentions: list[DateMention], end: int) -> str | None:
    """The last date printed before the end of the clause holding ``text[:end]``."""
    stop = CLAUSE_END_RE.search(text, end)
    clause_end = stop.start() if stop else len(text)
    index = bisect_left([m.start for m in mentions], clause_end)
    return mentions[index - 1].iso if index else None


def clean_span(raw: str) -> str:
    """A tagged span without punctuation at its ends or a trailing bracketed address."""
    raw = raw.strip(EDGE_PUNCT)
    raw = BRACKET_RE.sub("", raw).strip(EDGE_PUNCT)
    return raw


def fact_of(raw: str, role: str) -> PlaceFact | None:
    """The fact a tagged span of ``role`` gives, or ``None`` where it names no place.

    >>> fact_of("朝阳区望京花园", "residence")
    Residence(name='望京花园', district='朝阳区', kind='compound', spread=False, several=False)
    >>> fact_of("市第三人民医院", "care").relation
    'admitted_to'
    >>> fact_of("家中", "visit") is None
    True
    """
    text = clean_span(raw)
    if len(text) < 2 or len(text) > 30 or NOT_TAGGED_PLACE_RE.search(text):
        return None
    place = strip_admin(text)
    name = place.name
    if place.is_admin_only:
        if role == "residence" and place.district:
            return SubjectAttr("district", place.district)
        if role != "visit":
            return None
    facility = facility_of(text) if place.is_admin_only else facility_of(name)
    if facility is not None:
        canon, kind = facility
        if canon in lx.UNNAMED_GENERIC:
            return None
        relation = {"residence": "visited", "visit": "visited"}.get(role, _relation(role))
        return Link(relation, "facility", canon, (("kind", kind), ("district", place.district)),
                    key=canon, dated=role not in ("work",), unless_admitted=relation == "visited")
    if role == "care" or not looks_like_place(name):
        return None
    if role == "quarantine":  # a hotel taken as a quarantine site
        return Link("isolated_at", "facility", name, (("kind", "quarantine"), ("district", place.district)))
    kind = place_kind(name)
    if role == "residence":
        return Residence(name, place.district, kind)
    return Link(_relation(role), "location", name, (("district", place.district), ("kind", kind)),
                dated=role == "visit")


def _relation(role: str) -> str:
    return RELATION_OF_ROLE[role]
