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

import os
import re
import unicodedata
from bisect import bisect_left
from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple

from casegraph import lexicon as lx
from casegraph.extract.builder import GraphBuilder
from casegraph.extract.dates import DateMention
from casegraph.extract.facts import Link, PlaceFact, Residence, SubjectAttr
from casegraph.extract.places import (
    NOT_PLACE_RE,
    ROAD_PREFIX_RE,
    facility_of,
    is_district_unit,
    looks_like_place,
    place_kind,
    strip_admin,
)
from casegraph.extract.sentences import Sentence
from casegraph.extract.tagger import CUE_RE, GATE_RE, RELATION_OF_ROLE, SUFFIX_RE, PlaceTagger, TaggedPlace
from casegraph.extract.travel import OTHERS_ROUTE_RE, SOMEONE_ELSES_RE
from casegraph.schema import node_id

MIN_CONFIDENCE = 0.6  # the least mean marginal probability of a tagged span that is used
#: The roles whose tagged places become edges: those where the tagger adds to the rules on
#: text it was not trained on (bench/tagger_kfold.py; README "Learned tagger"). Read from
#: ``CASEGRAPH_TAGGER_ROLES`` (comma-separated) where set, for such comparisons.
USED_ROLES = ("residence",)
PLACE_TYPES = ("location", "facility")
SURE = 0.85  # the confidence that lets a name without a place ending count
ADMIN_ENDINGS = lx.ADMIN_UNIT_CHARS
TOWN_RE = re.compile(rf"[\u4e00-\u9fff]{{1,6}}(?:{lx.alternation(lx.SUBCOUNTY_SUFFIXES)})")
PLAIN_NAME_RE = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]+")
FACILITY_ENDINGS = tuple(suffix for suffix, _ in lx.FACILITY_SUFFIXES) + tuple(
    variant for variants in lx.GENERIC_FACILITIES.values() for variant in variants)
UNIT_HEAD_RE = re.compile(rf"[\u4e00-\u9fff]{{0,2}}?[{lx.ADMIN_UNIT_CHARS}]")
CLAUSE_END_RE = re.compile(r"[，,。；;：:！？!?\n]")
RESIDENCE_CUES_RE = re.compile(f"[{''.join(lx.RESIDENCE_WINDOW_CUES)}]")
EDGE_PUNCT_BARE = " ，,。；;：:、！？!?“”\"'「」《》【】"
EDGE_PUNCT = " ，,。；;：:、！？!?“”\"'「」《》()（）【】"
BRACKET_RE = re.compile(r"[（(](?P<inner>[^）)]*)[）)]?$|[（(](?P<inner2>[^）)]*)[）)]")
BRANCH_ENDINGS = lx.TAGGED_BRANCH_ENDINGS  # a bracket that stays in the name
NAME_BEFORE_RE = re.compile(r"[^，,。；;：:、\s]{1,20}$")
# Words of no place a tagger may still mark (pronoun places, a person's home)
NOT_TAGGED_PLACE_RE = re.compile(rf"{lx.alternation(lx.NOT_TAGGED_PLACE_WORDS)}")


class Stretch(NamedTuple):
    """A stretch ``[start, end)`` of a sentence and the cases it speaks of."""

    sentence: Sentence
    start: int
    end: int
    subjects: tuple[str, ...]
    mentions: list[DateMention]


def add_tagged_places(builder: GraphBuilder, stretches: list[Stretch], tagger: PlaceTagger,
                      min_confidence: float | None = None, trace: list | None = None) -> int:
    """Write the tagged places no rule read, of at least ``min_confidence`` (default
    ``$CASEGRAPH_TAGGER_MIN`` or MIN_CONFIDENCE); return how many edges were written.
    ``trace`` collects ``(span text, role, confidence, outcome)`` of every tagged place."""
    if min_confidence is None:
        min_confidence = float(os.environ.get("CASEGRAPH_TAGGER_MIN", MIN_CONFIDENCE))
    roles = tuple(os.environ["CASEGRAPH_TAGGER_ROLES"].split(",")) \
        if os.environ.get("CASEGRAPH_TAGGER_ROLES") else USED_ROLES
    cues = _role_cues(roles)
    spoken_of = {(s.sentence.start, s.sentence.end): s.sentence.text for s in stretches if s.subjects}
    # (a sentence without a cue character has no stretch to tag: see _tag_unread)
    wanted = {span for span, text in spoken_of.items()
              if (cues is None or cues.search(text)) and GATE_RE.search(text)}
    if not wanted:
        return 0
    read_names = _names_by_sentence(builder, wanted)
    home = (builder.graph_attrs.get("city") or "").rstrip("市省") or None
    tagged: dict[int, list[TaggedPlace]] = {}
    added = 0
    for stretch in stretches:
        sentence = stretch.sentence
        if not stretch.subjects or (sentence.start, sentence.end) not in wanted:
            continue
        names = read_names.get((sentence.start, sentence.end), ())
        if sentence.start not in tagged:
            tagged[sentence.start] = _tag_unread(tagger, sentence.text, names, min_confidence, cues)
        for place in tagged[sentence.start]:
            if place.start < stretch.start or place.start >= stretch.end:
                continue
            if place.role not in roles or _someone_elses(sentence.text, place):
                continue
            fact, outcome = _place_fact(sentence.text, place, names, home)
            if isinstance(fact, Link) and fact.node_type == "location" \
                    and node_id("location", fact.name + "市") in builder.nodes:
                fact = replace(fact, name=fact.name + "市")  # 武汉 is the 武汉市 the rules named
            if fact is not None:
                span = (sentence.start, sentence.end)
                when = _date_at(sentence.text, stretch.mentions, place.end)
                subjects = [nid for nid in dict.fromkeys(map(builder.current, stretch.subjects)) if nid]
                written = [nid for nid in subjects if _new_to(builder, nid, fact)]
                for nid in written:
                    fact.write(builder, nid, span, when, len(subjects) > 1)
                added += len(written)
                outcome = "written" if written else "known"
            if trace is not None:
                trace.append((sentence.text[place.start:place.end], place.role, place.confidence, outcome))
    return added


def _role_cues(roles: tuple[str, ...]) -> re.Pattern | None:
    """A pattern one of whose characters stands near every place of ``roles``; ``None``
    where some role has no such cues (every stretch is tagged then)."""
    return RESIDENCE_CUES_RE if set(roles) <= {"residence"} else None


def _someone_elses(text: str, place: TaggedPlace) -> bool:
    """Whether the place is on the route of the people the case met, as the travel rules
    read it (``接触从武汉来京的父母``, ``与途经武汉返乡人员聚会``): no visit of the case's."""
    clause_start = max(text.rfind(mark, 0, place.start) for mark in "，,。；;：:") + 1
    return bool(SOMEONE_ELSES_RE.match(text, place.end) or OTHERS_ROUTE_RE.match(text, clause_start))


def _place_fact(text: str, place: TaggedPlace, names, home: str | None) -> tuple[PlaceFact | None, str]:
    """The fact a tagged place gives, or ``None`` and why not."""
    if text.startswith(FACILITY_ENDINGS, place.end):
        return None, "part of a facility's name"  # X of X集中隔离观察点
    start = _word_start(text, place.start)
    end = _admin_end(text, start, place.end)
    if start and text[start - 1] in "(（" and (before := NAME_BEFORE_RE.search(text, 0, start - 1)):
        start = before.start()  # a branch in brackets is tagged: the name before it goes first
        if (cue := CUE_RE.match(text, start)) and cue.end() < before.end():
            start = cue.end()  # not the verb before the name (到X(Y店))
        end += end < len(text) and text[end] in ")）"
    # a name without a place ending must at least end where a word does
    confidence = place.confidence if _ends_word(text, end) else 0.0
    fact = fact_of(text[start:end], place.role, confidence)
    if fact is None:
        return None, "no place"
    if _rules_read(getattr(fact, "name", None) or str(getattr(fact, "value", "")), names):
        return None, "read by the rules"
    if home and isinstance(fact, Link) and fact.name.rstrip("市") == home:
        return None, "own city"  # going back to the bulletin's own city is no visit
    return fact, "fact"


def _ends_word(text: str, end: int) -> bool:
    """Whether ``text[end:]`` starts a new word: punctuation, a cue word, or the end."""
    return end >= len(text) or text[end] in EDGE_PUNCT or CUE_RE.match(text, end) is not None


def _new_to(builder: GraphBuilder, nid: str, fact: PlaceFact) -> bool:
    """Whether ``fact`` tells the case something the rules did not: no edge of its relation
    to that place, and no second home or workplace."""
    if isinstance(fact, SubjectAttr):
        return fact.key not in builder.nodes[nid]
    relation = "resides_at" if isinstance(fact, Residence) else fact.relation
    target = node_id("location", fact.name) if isinstance(fact, Residence) else \
        node_id(fact.node_type, fact.key or fact.name)
    if builder.has_edge(nid, target, relation):
        return False
    if relation in ("resides_at", "works_at"):
        return all(key != relation for _, key, _ in builder.out_edges(nid))
    return True


def _word_start(text: str, start: int) -> int:
    """Where a span that begins inside an administrative unit (``洪区沙河子小区`` of
    ``于洪区沙河子小区``) really starts: after that unit."""
    unit = UNIT_HEAD_RE.match(text, start)
    if unit is None:
        return start
    for back in range(1, 5):
        if back <= start and is_district_unit(text[start - back:unit.end()]):
            return unit.end()
    return start


def _admin_end(text: str, start: int, end: int) -> int:
    """Where a span ends once a unit word cut off after it is taken back (``武汉`` + ``市``)."""
    if end < len(text) and text[end] in ADMIN_ENDINGS and is_district_unit(text[start:end + 1]) \
            and not text.startswith(lx.ADMIN_FALSE_FOLLOWERS, end + 1):
        return end + 1
    return end


def _names_by_sentence(builder: GraphBuilder, wanted: set[tuple[int, int]]) -> dict[tuple[int, int], set[str]]:
    """The names of the places the rules wrote (or named) in each ``wanted`` sentence."""
    found: dict[tuple[int, int], set[str]] = {}
    for data in builder.nodes.values():
        if data.get("type") not in PLACE_TYPES:
            continue
        spans = [span for source in data.get("sources", ())
                 if (span := (source["start"], source["end"])) in wanted]
        if spans:
            names = {_norm(data.get("name", "")), *(_norm(a) for a in data.get("aliases", ()))}
            for span in spans:
                found.setdefault(span, set()).update(names)
    return found


def _tag_unread(tagger: PlaceTagger, text: str, names, min_confidence: float,
                cues: re.Pattern | None = None) -> list[TaggedPlace]:
    """Tag the stretches of ``text`` around the place endings left once the places the
    rules read there are taken out: each such ending with its clause and the one before;
    with ``cues``, only the stretches that hold one (see :func:`_role_cues`)."""
    rest = text
    for name in names:
        if name and name in rest:
            rest = rest.replace(name, "|" * len(name))
    endings = [m.start() for m in GATE_RE.finditer(rest)]
    if not endings:
        return []
    windows: list[list[int]] = []
    marks = [m.start() for m in CLAUSE_END_RE.finditer(text)]
    for ending in endings:
        at = bisect_left(marks, ending)  # marks before the ending: marks[:at]
        start = marks[at - 2] + 1 if at >= 2 else 0  # the clause before the ending's clause
        window = [start, marks[at] if at < len(marks) else len(text)]
        if windows and window[0] <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], window[1])
        else:
            windows.append(window)
    found: list[TaggedPlace] = []
    for start, end in windows:
        if cues is not None and not cues.search(text, start, end):
            continue  # no place of a role in use can stand here
        found += [TaggedPlace(p.start + start, p.end + start, p.role, p.confidence)
                  for p in tagger.tag(text[start:end]) if p.confidence >= min_confidence]
    return found


@lru_cache(maxsize=65536)
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
    raw = raw.strip(EDGE_PUNCT_BARE)
    if raw.endswith((")", "）")) and "(" not in raw and "（" not in raw:
        raw = raw[:-1]
    if raw.startswith(("(", "（")) and ")" not in raw and "）" not in raw:
        raw = raw[1:]
    return BRACKET_RE.sub(_bracket, raw).strip(EDGE_PUNCT_BARE)


def _bracket(m: re.Match) -> str:
    """A branch in brackets stays (``百佳乐超市(岗厦店)``); an address or position goes."""
    inner = m.group("inner") if m.group("inner") is not None else m.group("inner2")
    if inner.endswith(BRANCH_ENDINGS) and m.group().endswith((")", "）")):
        return m.group()
    return ""


def fact_of(raw: str, role: str, confidence: float = 1.0) -> PlaceFact | None:
    """The fact a tagged span of ``role`` gives, or ``None`` where it names no place. A
    name without a place ending is taken when the model is at least SURE of it.

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
        if role != "visit" or not text.endswith(("市", "省")):
            return None  # a county or district is no destination of its own
    facility = facility_of(text) if place.is_admin_only else (facility_of(name) or _facility_by_ending(name))
    if facility is not None:
        canon, kind = facility
        if canon in lx.UNNAMED_GENERIC:
            return None
        relation = {"residence": "visited", "visit": "visited"}.get(role, _relation(role))
        return Link(relation, "facility", canon, (("kind", kind), ("district", place.district)),
                    key=canon, dated=role not in ("work",), unless_admitted=relation == "visited")
    name = _named_part(text, name)
    bare = BRACKET_RE.sub("", name)  # a branch in brackets aside
    if role == "care" or not (looks_like_place(bare) or bare != name or _sure_name(bare, confidence)):
        return None
    if role in ("residence", "work") and name.endswith(lx.SUBCOUNTY_SUFFIXES):
        return None  # a town or street office as a home is a sub-area (GUIDE.md)
    if role == "quarantine":  # a hotel taken as a quarantine site
        return Link("isolated_at", "facility", name, (("kind", "quarantine"), ("district", place.district)))
    kind = place_kind(bare)
    if role == "residence":
        return Residence(name, place.district, kind)
    return Link(_relation(role), "location", name, (("district", place.district), ("kind", kind)),
                dated=role == "visit")


def _facility_by_ending(name: str) -> tuple[str, str] | None:
    """A tagged name with a facility's ending is that facility, whatever words it holds
    (``省将军山医院``: the rules' cut of phrases stops at 将)."""
    for suffix, kind in lx.FACILITY_SUFFIXES:
        if name.endswith(suffix) and len(suffix) < len(name) <= 20 and PLAIN_NAME_RE.fullmatch(name):
            return name, kind
    return None


def _named_part(text: str, name: str) -> str:
    """The name to use of what :func:`strip_admin` left: a bare place word takes back the
    town it was cut from (``石板镇物流园``), a compound drops the road before it
    (``崇山中路公务员小区`` -> ``公务员小区``)."""
    if name in lx.PLACE_SUFFIXES:
        before = text[:len(text) - len(name)]
        town = before[max(before.rfind(unit) for unit in ADMIN_ENDINGS) + 1:]
        return town + name if TOWN_RE.fullmatch(town) else name
    road = ROAD_PREFIX_RE.match(name)
    if road and name.endswith(lx.RESIDENTIAL_ENDINGS) and not name[road.end():road.end() + 1].isdigit() \
            and len(name) - road.end() >= 3:
        return name[road.end():]
    return name


def _sure_name(name: str, confidence: float) -> bool:
    """A name with no place ending (``新华村车谷岭``) the model is sure of."""
    return confidence >= SURE and 3 <= len(name) <= 15 and PLAIN_NAME_RE.fullmatch(name) is not None \
        and SUFFIX_RE.search(name[:-1]) is not None and not NOT_PLACE_RE.search(name)


def _relation(role: str) -> str:
    return RELATION_OF_ROLE[role]
