"""Entity resolution and the associative merge of per-document graphs.

A per-document graph (``casegraph.schema``) names things as one bulletin prints them. This
module turns many of them into ONE graph in which every person and every place appears once
and every fact keeps all its sources. The rules, in the README's "Entity resolution":

* every node of a document becomes a *mention* with resolution **keys**: a case label's key
  depends on its scope (``lexicon/label_scopes.tsv``): ``city`` labels (Beijing's
  ``感染者128``) share one key across the city's bulletins, ``bulletin`` labels (a daily list's
  ``病例1``) get the city and the bulletin date in their key, so a dated reference
  (``12月19日本土确诊病例7``) gets the very key of the case of the bulletin of that date; a
  place's key is its name without leading administrative units (``lexicon/admin_units.tsv``)
  within its city; anything else is keyed to its own document;
* mentions sharing a key form a *component*; within it, mentions are walked in date order and
  each joins the latest compatible *episode* (person or place) or starts a new one. A mention
  is incompatible when its facts conflict (sex, age more than :data:`AGE_TOLERANCE` apart,
  district), when it repeats another bulletin's own daily-list label, or when it is linked
  only through a ``city`` label last seen more than :data:`GAP_DAYS` days before (a restarted
  numbering);
* each episode becomes one node: per-source values are kept in ``values``, the plain
  attribute holds the latest bulletin's value and ``conflicts`` lists differing values;
  ``merged_by`` says why mentions of several documents were joined.

The result depends only on the *set* of documents, never on their order: merging is
associative and commutative (``merge(a, merge(b, c)) == merge(merge(a, b), c)``), so any
engine can map documents to fragments (:func:`fragment`) and reduce with :func:`merge`.
"""
from __future__ import annotations

import bisect
import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date as _date
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Iterator

import networkx as nx

from casegraph import lexicon
from casegraph.errors import CasegraphError

__all__ = ["fragment", "merge", "Merger", "MergeConflict", "place_name", "GAP_DAYS", "AGE_TOLERANCE", "label_scope",
           "place_key", "empty_graph"]

#: Mentions of a ``city``-scoped label further apart than this (in days) are different people
#: (the numbering restarted with a new outbreak).
GAP_DAYS = 60
#: Ages this far apart (years) are the same person told twice (a birthday, a slip); further
#: apart they are two people.
AGE_TOLERANCE = 1
#: Facts that, when two mentions disagree on them, keep the mentions apart.
SEPARATING = {"case": ("sex", "age", "district"), "location": ("district",),
              "facility": ("district",)}
#: Node attributes that describe the node rather than state a fact about it.
STRUCTURAL = frozenset({"id", "type", "name", "city", "sources", "aliases", "keys", "values",
                        "conflicts", "merged_by", "full_name", "admin_path", "admin_level",
                        "split_from", "split_reason"})
EDGE_STRUCTURAL = frozenset({"relation", "sources", "values", "conflicts", "key"})
PLACE_TYPES = ("location", "facility")

_NO_SPAN = -1
_LATE = "9999-99-99"  # sorts an undated document after every dated one
_DATED = re.compile(r"^(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:发布的?)?(.+)$")
_SPACE = re.compile(r"\s+")


class MergeConflict(CasegraphError):
    """Two graphs hold different versions of one document."""


# --- lexicon tables ---------------------------------------------------------------------------

@dataclass(frozen=True)
class _LabelRule:
    regex: re.Pattern[str]
    scope: str
    city: str | None
    length: int


def _lexicon_rows(name: str) -> Iterator[list[str]]:
    text = (resources.files("casegraph") / "lexicon" / name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


@lru_cache(maxsize=1)
def _label_rules() -> tuple[_LabelRule, ...]:
    rules = []
    for row in _lexicon_rows("label_scopes.tsv"):
        pattern, scope = row[0].strip(), row[1].strip()
        city = row[2].strip() if len(row) > 2 and row[2].strip() else None
        if scope not in ("city", "bulletin", "document") or "N" not in pattern:
            raise ValueError(f"label_scopes.tsv: bad row {row!r}")
        regex = re.compile("^" + re.escape(pattern).replace("N", r"\d+") + "$")
        rules.append(_LabelRule(regex, scope, city, len(pattern)))
    # city-specific rows first, then the most specific pattern
    return tuple(sorted(rules, key=lambda r: (r.city is None, -r.length)))


_MAX_UNIT = 12  # longest administrative unit looked for, in characters


@dataclass(frozen=True)
class _AdminTable:
    levels: dict[str, str]  # suffix -> level
    regex: re.Pattern[str]  # any suffix, longest first
    not_unit: tuple[str, ...]
    not_after: tuple[str, ...]
    generic: re.Pattern[str]  # a remainder that is no name by itself
    departments: tuple[str, ...]  # parts of an institution, longest first


@lru_cache(maxsize=1)
def _admin_table() -> _AdminTable:
    suffixes, not_unit, not_after, generic, departments = [], [], [], [], []
    for row in _lexicon_rows("admin_units.tsv"):
        kind, text = row[0].strip(), row[1].strip()
        if kind == "suffix":
            suffixes.append((text, row[2].strip()))
        elif kind in ("not_unit", "not_after", "generic", "department"):
            {"not_unit": not_unit, "not_after": not_after, "generic": generic,
             "department": departments}[kind].append(text)
        else:
            raise ValueError(f"admin_units.tsv: bad row {row!r}")
    suffixes.sort(key=lambda item: -len(item[0]))
    regex = re.compile("|".join(re.escape(suffix) for suffix, _level in suffixes))
    words = "|".join(re.escape(w) for w in sorted(generic, key=lambda w: (-len(w), w)))
    rest = re.compile(rf"(?:第[一二三四五六七八九十百零\d]+)?(?:{words})+")
    not_unit += lexicon.COMPOUND_PART_ENDINGS  # 幸福小区东区 is no district
    return _AdminTable(dict(suffixes), regex, tuple(not_unit), tuple(not_after), rest,
                       tuple(sorted(departments, key=len, reverse=True)))


# --- keys ---------------------------------------------------------------------------------------

def _clean(name: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", str(name)))


@lru_cache(maxsize=1 << 16)
def label_scope(label: str, city: str | None = None) -> str:
    """The scope of a case label: ``"city"``, ``"bulletin"`` or ``"document"``.

    >>> label_scope("感染者128"), label_scope("病例3"), label_scope("王某某")
    ('city', 'bulletin', 'document')
    """
    label = _clean(label)
    for rule in _label_rules():
        if (rule.city is None or rule.city == city) and rule.regex.match(label):
            return rule.scope
    return "document"


def _reference(name: str, doc_date: str | None) -> tuple[str, str] | None:
    """``(ISO date, label)`` of a dated reference ``12月19日本土确诊病例7``; the year is the
    document's, or the one before when the month lies after the document's month."""
    match = _DATED.match(name)
    if not match or doc_date is None:
        return None
    year = int(match[1]) if match[1] else int(doc_date[:4])
    month, day = int(match[2]), int(match[3])
    if not match[1] and month > int(doc_date[5:7]):
        year -= 1
    try:
        return _date(year, month, day).isoformat(), match[4]
    except ValueError:
        return None


@lru_cache(maxsize=1 << 16)
def _case_key(name: str, city: str | None, doc: str, date: str | None) -> tuple[str, bool]:
    """``(key, own)``: the resolution key of a case name; ``own`` is False for a reference to
    another bulletin's case."""
    ref = _reference(name, date)
    label, when, own = (ref[1], ref[0], False) if ref else (name, date, True)
    scope = label_scope(label, city) if city else "document"
    if scope == "city" and when is not None:
        return f"case|city|{city}|{label}", own
    if scope == "bulletin" and when is not None:
        return f"case|bulletin|{city}|{when}|{label}", own
    return f"case|doc|{doc}|{name}", True


@lru_cache(maxsize=1 << 16)
def place_key(name: str, city: str | None = None) -> tuple[str, tuple[tuple[str, str], ...]]:
    """A place's name without the administrative units that open it, and those units.

    The city's own name is dropped too (with or without 市), and a district's short name
    before a residential name (海淀友谊社区). A name that is nothing but administrative units
    keeps its last one. The rest is put in one form (:func:`_key_form`).

    >>> place_key("丰台区东铁匠营街道东木樨园14号楼", "北京")
    ('东木樨园14号楼', (('丰台区', 'district'), ('东铁匠营街道', 'street')))
    >>> place_key("阳光小区3号楼")[0], place_key("岳各庄市场")[0], place_key("咸阳市渭城区")[0]
    ('阳光小区3号楼', '岳各庄市场', '渭城区')
    >>> place_key("淮安区淮城镇卫生院", "淮安")[0], place_key("武汉市")[0], place_key("英国伦敦")[0]
    ('淮城镇卫生院', '武汉', '伦敦')
    >>> place_key("海淀友谊社区", "北京"), place_key("上海浦东国际机场", "上海")[0]
    (('友谊社区', (('海淀区', 'district'),)), '浦东机场')
    """
    rest, units = _clean(name), []
    generic = _admin_table().generic
    while True:
        found = _next_unit(rest, city)
        if found is None or found[0] >= len(rest) or generic.fullmatch(rest[found[0]:]):
            break
        units.append(found[1])
        rest = rest[found[0]:]
    if (unit := _leading_unit(rest, city)) is not None and unit[0] == rest:
        units.append(unit)  # nothing but administrative units: 渭城区, 武汉市
        if unit[1] in ("city", "province") and rest[-1] in "市省" and len(rest) > 2:
            rest = rest[:-1]  # 武汉市 is 武汉
    elif (full := _short_districts(city).get(rest)) is not None:
        units.append((full, "district"))  # 海淀 is 海淀区
        rest = full
    elif (country := _leading_country(rest)) is not None:
        units.append((country, "country"))  # 英国伦敦 is 伦敦
        rest = rest[len(country):]
    return _key_form(rest), tuple(units)


def _key_form(name: str) -> str:
    """One form of a place's name: 浦东国际机场 -> 浦东机场; 世博家园大道站路94弄 -> 大道站路94弄
    (a compound before a street address is dropped: the address is the place)."""
    for ending, short in lexicon.PLACE_KEY_ENDINGS:
        if name.endswith(ending) and len(name) > len(ending):
            name = name[:-len(ending)] + short
    if (address := _address_after_compound().fullmatch(name)) is not None:
        name = address.group("address")
    return name


@lru_cache(maxsize=1)
def _address_after_compound() -> re.Pattern[str]:
    """A residential compound, then a street address (the group ``address``)."""
    return re.compile(rf".{{2,}}?(?:{lexicon.alternation(lexicon.RESIDENTIAL_ENDINGS)})"
                      rf"(?P<address>[\u4e00-\u9fff]{{2,}}?(?:{lexicon.alternation(lexicon.ROAD_WORDS)})"
                      rf"\d+(?:弄|号).*)")


def _next_unit(text: str, city: str | None) -> tuple[int, tuple[str, str]] | None:
    """``(length printed, (unit, level))`` of the administrative unit opening ``text``."""
    if (unit := _leading_unit(text, city)) is not None:
        return len(unit[0]), unit
    if (short := _short_district(text, city)) is not None:
        return len(short), (_short_districts(city)[short], "district")
    return None


@lru_cache(maxsize=256)
def _short_districts(city: str | None) -> dict[str, str]:
    """A city's districts by their short names: ``{"海淀": "海淀区", "浦东": "浦东新区"}``."""
    from casegraph.lexicon import gazetteer

    shorts = {}
    for full in gazetteer.counties_of(city) if city else ():
        for suffix in ("新区", "区", "县"):
            if full.endswith(suffix) and len(full) - len(suffix) >= 2:
                shorts[full[:-len(suffix)]] = full
                break
    shorts.pop(city, None)  # 淮安 is the city of 淮安, not its 淮安区
    return shorts


def _short_district(text: str, city: str | None) -> str | None:
    """A district's short name opening ``text`` before a residential name, as jieba cuts it:
    海淀 in 海淀友谊社区; not 朝阳 in 朝阳门外大街 (no word ends there) nor 嘉定 in
    嘉定工业区草庵村 (the next word is an area of its own)."""
    table = _admin_table()
    for short in _short_districts(city):
        rest = text[len(short):]
        if not text.startswith(short) or len(rest) < 3 or table.regex.match(rest) \
                or not rest.endswith(lexicon.RESIDENTIAL_ENDINGS) or table.generic.fullmatch(rest):
            continue
        words = {start: word for word, start, _end
                 in lexicon.jieba_tokenizer().tokenize(text, HMM=False)}
        after = words.get(len(short), "")
        if after and not table.regex.fullmatch(after[-1]):
            return short
    return None


def _leading_country(text: str) -> str | None:
    """A country before a city the lexicon knows (英国伦敦), else None."""
    by_head, cities = _country_tables()
    for country in by_head.get(text[:1], ()):
        if text.startswith(country) and text[len(country):] in cities:
            return country
    return None


@lru_cache(maxsize=1)
def _country_tables() -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """The lexicon's countries by their first character (in its order), and its cities."""
    by_head: dict[str, list[str]] = defaultdict(list)
    for country in lexicon.COUNTRIES:
        by_head[country[0]].append(country)
    return {head: tuple(names) for head, names in by_head.items()}, frozenset(lexicon.CITIES)


def _leading_unit(text: str, city: str | None) -> tuple[str, str] | None:
    """The administrative unit at the start of ``text`` as ``(unit, level)``, if any."""
    table = _admin_table()
    if city:
        for form in (city + "市", city):
            rest = text[len(form):]
            if text.startswith(form) and len(rest) > 1 and not table.regex.match(rest):
                return form, "city"  # 北京市X, 北京X; not 淮安区 (the district of 淮安)
    for match in table.regex.finditer(text[:_MAX_UNIT]):
        end, suffix = match.end(), match.group()
        head = text[:end]
        if len(head) - len(suffix) < (2 if len(suffix) == 1 else 1):
            continue
        if not _is_cjk(head) or head.endswith(table.not_unit) \
                and not lexicon.is_real_direction_district(head):
            continue
        if text[end:].startswith(table.not_after):
            continue
        return head, table.levels[suffix]
    return None


def place_name(name: str, city: str | None = None, ptype: str = "location") -> str:
    """The name a place goes by in the merged graph (its key within the city).

    >>> place_name("丰台区东铁匠营街道东木樨园14号楼", "北京")
    '东木樨园14号楼'
    """
    key = place_key(_clean(name), city)[0]
    return _institution(key) if ptype == "facility" else key


def _institution(key: str) -> str:
    """A facility's key without a department at its end: 淮城镇卫生院发热门诊 -> 淮城镇卫生院."""
    for department in _admin_table().departments:
        if key.endswith(department) and len(key) - len(department) >= 2:
            return key[:-len(department)]
    return key


def _is_cjk(text: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in text)


def _place_key(ptype: str, name: str, city: str | None, doc: str) -> str:
    key = place_key(name, city)[0]
    if ptype == "facility":
        key = _institution(key)
    return f"{ptype}|place|{city}|{key}" if city else f"{ptype}|doc|{doc}|{key}"


def _keys(ntype: str, names: Iterable[str], city: str | None, doc: str,
          date: str | None) -> tuple[frozenset[str], frozenset[str]]:
    """``(own, refs)``: the keys of a mention printed under ``names`` in document ``doc``."""
    own, refs = set(), set()
    for name in names:
        if ntype == "case":
            key, is_own = _case_key(name, city, doc, date)
            (own if is_own else refs).add(key)
        elif ntype in PLACE_TYPES:
            own.add(_place_key(ntype, name, city, doc))
        else:
            own.add(f"{ntype}|doc|{doc}|{name}")
    return frozenset(own), frozenset(refs)


def _key_scope(key: str) -> str:
    return key.split("|", 2)[1]


def _node_id(key: str) -> str:
    ntype, scope, rest = key.split("|", 2)
    if scope == "doc":
        return f"{ntype}:@{rest.replace('|', ':')}"
    return f"{ntype}:{rest.replace('|', ':')}"


# --- mentions -----------------------------------------------------------------------------------

def _canon(value: Any) -> str:
    """A string that identifies ``value`` (and orders values deterministically)."""
    if isinstance(value, str):
        return "s" + value
    if isinstance(value, bool):
        return "b" + str(int(value))
    if isinstance(value, int):
        return f"n{value:020d}" if value >= 0 else f"m{value}"
    return "j" + json.dumps(value, ensure_ascii=False, sort_keys=True)


@dataclass
class _Unit:
    """Everything one document says about one thing (a node's per-document slice)."""

    type: str
    city: str | None
    doc: str
    date: str | None
    names: set[str] = field(default_factory=set)  # every form printed (name and aliases)
    facts: dict[str, dict[str, Any]] = field(default_factory=dict)  # attr -> canon -> value
    spans: set[tuple[int, int]] = field(default_factory=set)
    own: frozenset[str] = frozenset()
    refs: frozenset[str] = frozenset()
    origins: set[tuple[str, str]] = field(default_factory=set)  # (namespace, node id)

    @property
    def keys(self) -> frozenset[str]:
        return self.own | self.refs

    def sort_key(self) -> tuple:
        return (self.date or _LATE, self.doc, sorted(self.names))

    def absorb(self, other: "_Unit") -> None:
        self.names |= other.names
        for attr, values in other.facts.items():
            self.facts.setdefault(attr, {}).update(values)
        self.spans |= other.spans
        self.own |= other.own
        self.refs |= other.refs
        self.origins |= other.origins


@dataclass
class _Slice:
    """One document's account of one edge."""

    source: tuple[str, str]  # (namespace, node id); namespace "=" keeps the id as it is
    target: tuple[str, str]
    relation: str
    doc: str
    date: str | None
    facts: dict[str, dict[str, Any]] = field(default_factory=dict)
    spans: set[tuple[int, int]] = field(default_factory=set)


def _spans(sources: Iterable[dict] | None, doc: str | None = None) -> set[tuple[int, int]]:
    spans = set()
    for src in sources or ():
        if doc is not None and src.get("doc") != doc:
            continue
        start, end = src.get("start"), src.get("end")
        spans.add((_NO_SPAN if start is None else int(start), _NO_SPAN if end is None else int(end)))
    return spans or {(_NO_SPAN, _NO_SPAN)}


def _spans_by_doc(sources: Iterable[dict] | None) -> dict[str, set[tuple[int, int]]]:
    """``{doc: spans}`` of a merged node's or edge's sources, in one pass."""
    spans: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for src in sources or ():
        start, end = src.get("start"), src.get("end")
        spans[src["doc"]].add((_NO_SPAN if start is None else int(start),
                               _NO_SPAN if end is None else int(end)))
    return spans


def _doc_units(G: nx.MultiDiGraph) -> tuple[list[_Unit], list[_Slice], dict[str, dict]]:
    """Mentions and edge slices of one per-document graph, and its document record."""
    doc = str(G.graph.get("doc") or "doc")
    city = G.graph.get("city") or None
    date = G.graph.get("date") or None
    units = []
    for node, data in G.nodes(data=True):
        ntype = data.get("type") or str(node).split(":", 1)[0]
        names = {_clean(data.get("name") or str(node).split(":", 1)[-1])}
        names |= {_clean(a) for a in data.get("aliases") or () if a}
        facts = {attr: {_canon(value): value} for attr, value in data.items()
                 if attr not in STRUCTURAL and value is not None}
        if ntype in PLACE_TYPES:
            _place_facts(ntype, names, city, facts)
        unit = _Unit(ntype, city, doc, date, names, facts, _spans(data.get("sources")),
                     origins={("D", str(node))})
        unit.own, unit.refs = _keys(ntype, names, city, doc, date)
        units.append(unit)
    slices = []
    for u, v, key, data in G.edges(keys=True, data=True):
        relation = data.get("relation") or key
        facts = {attr: {_canon(value): value} for attr, value in data.items()
                 if attr not in EDGE_STRUCTURAL and value is not None}
        slices.append(_Slice(("D", str(u)), ("D", str(v)), str(relation), doc, date, facts,
                             _spans(data.get("sources"))))
    record = {"city": city, "date": date}
    for attr in ("date_source", "sha256"):
        if G.graph.get(attr):
            record[attr] = G.graph[attr]
    return units, slices, {doc: record}


def _place_facts(ntype: str, names: set[str], city: str | None,
                 facts: dict[str, dict]) -> None:
    """A place's key names are among its forms; a district printed before it is a fact."""
    longest = max(names, key=lambda n: (len(n), n))
    key, admin = place_key(longest, city)
    names.update([_label(_place_key(ntype, name, city, "")) for name in names])
    district = [unit for unit, level in admin if level == "district" and unit != key]
    if district and "district" not in facts:
        facts["district"] = {_canon(district[-1]): district[-1]}


def _node_units(node: str, data: dict, documents: dict[str, dict], ns: str) -> list[_Unit]:
    """The per-document mentions a merged node was built from.

    A node of one document keeps its facts as plain attributes only; a node of several
    keeps each document's in ``values`` (see :func:`_node_data`).
    """
    spans = _spans_by_doc(data.get("sources"))
    values = data.get("values")
    by_doc: dict[str, list[tuple[str, Any]]] = defaultdict(list)
    for attr, entries in (values or {}).items():
        for entry in entries:
            by_doc[entry.get("doc")].append((attr, entry["value"]))
    units = []
    for doc in sorted(spans):
        record = documents.get(doc, {})
        unit = _Unit(data["type"], data.get("city"), doc, record.get("date"),
                     spans=spans[doc], origins={(ns, node)})
        if values is None:
            unit.names = {data["name"], *data.get("aliases", ())}
            if "full_name" in data:
                unit.names.add(data["full_name"])
            unit.facts = {attr: {_canon(value): value} for attr, value in data.items()
                          if attr not in STRUCTURAL}
        else:
            for attr, value in by_doc.get(doc, ()):
                if attr == "name":
                    unit.names.add(value)
                else:
                    unit.facts.setdefault(attr, {})[_canon(value)] = value
        if not unit.names:
            unit.names.add(data.get("name", node))
        unit.own, unit.refs = _keys(unit.type, unit.names, record.get("city", unit.city), doc,
                                    unit.date)
        units.append(unit)
    return units


def _edge_slices(u: str, v: str, data: dict, documents: dict[str, dict],
                 ends: tuple[tuple[str, str], tuple[str, str]]) -> list[_Slice]:
    spans = _spans_by_doc(data.get("sources"))
    values = data.get("values")
    by_doc: dict[str, list[tuple[str, Any]]] = defaultdict(list)
    for attr, entries in (values or {}).items():
        for entry in entries:
            by_doc[entry.get("doc")].append((attr, entry["value"]))
    slices = []
    for doc in sorted(spans):
        piece = _Slice(ends[0], ends[1], data["relation"], doc,
                       documents.get(doc, {}).get("date"), spans=spans[doc])
        if values is None:
            piece.facts = {attr: {_canon(value): value} for attr, value in data.items()
                           if attr not in EDGE_STRUCTURAL}
        else:
            for attr, value in by_doc.get(doc, ()):
                piece.facts.setdefault(attr, {})[_canon(value)] = value
        slices.append(piece)
    return slices


# --- episodes -----------------------------------------------------------------------------------

@dataclass
class _Episode:
    """One person or place of a component: its units (one per document, as
    :func:`_components` makes them) and what :func:`_incompatible` asks of them, kept up to
    date as units join so that a check costs the same for a hub of thousands of bulletins."""

    units: list[_Unit] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    reasons: set[str] = field(default_factory=set)
    split: tuple[str, str] | None = None  # (key shared with an earlier episode, why apart)
    last_date: str | None = None
    owners: dict[str, int] = field(default_factory=dict)  # own bulletin key -> first unit
    facts: dict[str, dict[str, Any]] = field(default_factory=dict)  # separating, first seen

    def add(self, unit: _Unit, reason: str | None = None) -> None:
        self.units.append(unit)
        self.keys |= unit.keys
        if reason:
            self.reasons.add(reason)
        if unit.date and (self.last_date is None or unit.date > self.last_date):
            self.last_date = unit.date
        for key in unit.own:
            if _key_scope(key) == "bulletin":
                self.owners.setdefault(key, len(self.units) - 1)
        for attr in SEPARATING.get(unit.type, ()):
            for canon, value in unit.facts.get(attr, {}).items():
                self.facts.setdefault(attr, {}).setdefault(canon, value)


def _components(units: list[_Unit]) -> list[list[_Unit]]:
    """Units that share keys, transitively; units of one document in one component become one."""
    parent = list(range(len(units)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[str, int] = {}
    for i, unit in enumerate(units):
        for key in unit.keys:
            if key in first:
                parent[find(i)] = find(first[key])
            else:
                first[key] = i
    groups: dict[int, dict[str, _Unit]] = defaultdict(dict)
    for i, unit in enumerate(units):
        by_doc = groups[find(i)]
        if unit.doc in by_doc:  # the units are the caller's own: absorbing changes no graph
            by_doc[unit.doc].absorb(unit)
        else:
            by_doc[unit.doc] = unit
    return [sorted(g.values(), key=_Unit.sort_key) for g in groups.values()]


def _episodes(units: list[_Unit]) -> list[_Episode]:
    """Split one component (sorted by date) into the people or places it holds."""
    if len(units) == 1:  # most components of a batch: nothing to compare
        return [_Episode(units=list(units), keys=set(units[0].keys))]
    episodes: list[_Episode] = []
    for unit in units:
        reasons = []
        for episode in reversed(episodes):
            if not episode.keys & unit.keys:
                continue
            why_not = _incompatible(episode, unit)
            if why_not is None:
                episode.add(unit, _merge_reason(episode, unit))
                break
            reasons.append((sorted(episode.keys & unit.keys)[0], why_not))
        else:
            episode = _Episode()
            episode.add(unit)
            if reasons:
                episode.split = reasons[0]
            episodes.append(episode)
    return episodes


def _incompatible(episode: _Episode, unit: _Unit) -> str | None:
    """Why ``unit`` cannot be the person or place of ``episode`` (None if it can)."""
    shared = episode.keys & unit.keys
    owners = [episode.owners[key] for key in unit.own if key in episode.owners]
    if owners:  # the episode's units are of other documents (one unit per document)
        other = episode.units[min(owners)]
        clash = other.own & unit.own
        return f"the bulletins {other.doc} and {unit.doc} both list {_label(min(clash))}"
    if all(_key_scope(k) == "city" for k in shared):
        last = episode.last_date
        if last and unit.date and _days(last, unit.date) > GAP_DAYS:
            return (f"{_label(min(shared))} reported again {_days(last, unit.date)} days after "
                    f"{last} (more than {GAP_DAYS}): a restarted numbering")
    for attr in SEPARATING.get(unit.type, ()):
        theirs = [v for _, v in sorted(episode.facts.get(attr, {}).items())]
        for _, a in sorted(unit.facts.get(attr, {}).items()):  # in value order, whatever
            for b in theirs:                                    # order the facts came in
                if not _agree(attr, a, b):
                    return f"{attr} differs ({b} vs {a})"
    return None


def _agree(attr: str, a: Any, b: Any) -> bool:
    if attr == "age" and isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= AGE_TOLERANCE
    return a == b


def _place_reason(key: str) -> str:
    return (f"same place in {key.split('|')[2]} once administrative units are dropped and its "
            "name put in one form")


def _merge_reason(episode: _Episode, unit: _Unit) -> str | None:
    if all(u.doc == unit.doc for u in episode.units):
        return None
    shared = sorted(episode.keys & unit.keys)
    key = shared[0]
    scope = _key_scope(key)
    if unit.type in PLACE_TYPES:
        return _place_reason(key)
    if scope == "city":
        return f"label {_label(key)} names one person across {key.split('|')[2]} bulletins"
    if scope == "bulletin":
        when = key.split("|")[3]
        refs = [k for k in shared if k in unit.refs] or \
               [k for u in episode.units for k in u.refs if k in shared]
        if refs:
            return f"dated reference to {_label(key)} of the {key.split('|')[2]} bulletin of {when}"
        return f"label {_label(key)} of the {key.split('|')[2]} bulletin of {when}"
    return f"same name {_label(key)} in one document"


def _label(key: str) -> str:
    return key.rsplit("|", 1)[-1]


def _days(a: str, b: str) -> int:
    return abs((_date.fromisoformat(b) - _date.fromisoformat(a)).days)


# --- nodes and edges ----------------------------------------------------------------------------

def _episode_id(episode: _Episode) -> str:
    owners = [u for u in episode.units if u.own]
    key = min(owners[0].own) if owners else min(episode.units[0].refs)
    return _node_id(key)


def _node_data(episode: _Episode, node_id: str, split_from: str | None) -> dict:
    units = episode.units
    ntype, city = units[0].type, next((u.city for u in units if u.city), None)
    names = sorted(set().union(*(u.names for u in units)))
    data: dict[str, Any] = {"type": ntype, "name": _pick_name(episode), "city": city}
    if ntype in PLACE_TYPES:
        data.update(_place_fields(names, city, units))
    aliases = [n for n in names if n != data["name"]]
    if aliases:
        data["aliases"] = aliases
    values = None
    if len(units) == 1 and all(len(facts) == 1 for facts in units[0].facts.values()):
        # one mention, one value per fact (most nodes of a batch): no values to list
        for attr, facts in units[0].facts.items():
            if attr != "name":
                data[attr] = next(iter(facts.values()))
    else:
        values = _values(units, extra=True)
        for attr, entries in values.items():
            if attr == "name":
                continue
            data[attr] = _latest(units, attr)
            if len({_canon(e["value"]) for e in entries}) > 1:
                data.setdefault("conflicts", {})[attr] = _distinct(e["value"] for e in entries)
    if ntype in PLACE_TYPES and data.get("district") and data["district"] not in data["admin_path"]:
        path = data["admin_path"]
        data["admin_path"] = path[:1] + [data["district"]] + path[1:] if city else \
            [data["district"]] + path
    data["keys"] = sorted(episode.keys)
    data["sources"] = _sources(units)
    if len(units) > 1 or "conflicts" in data:  # else the plain attributes say it all
        data["values"] = values  # listed above: the fast path has one unit, no conflicts
    if len({u.doc for u in units}) > 1 and episode.reasons:
        data["merged_by"] = sorted(episode.reasons)
    if split_from is not None and episode.split is not None:
        data["split_from"], data["split_reason"] = split_from, episode.split[1]
    return data


def _appended_place(old: dict, key: str, units: list[_Unit],
                    documents: dict[str, dict]) -> dict | None:
    """The data of place node ``old`` (whose only key is ``key``) with the mentions
    ``units`` joined, as :func:`_node_data` would make it from all the mentions; None where
    that cannot be told without them (another key, a split, a district that differs, a
    document it holds already)."""
    if old.get("keys") != [key] or "split_from" in old or old.get("type") != units[0].type:
        return None
    if len({u.doc for u in units}) < len(units):
        return None
    values = old.get("values")
    if values is None:  # a node of one document keeps its facts as plain attributes
        doc = old["sources"][0]["doc"]
        names = {old["name"], *old.get("aliases", ()), *([old["full_name"]] if "full_name" in old
                                                          else [])}
        values = {"name": [{"value": n, "doc": doc} for n in sorted(names)]}
        values.update({attr: [{"value": value, "doc": doc}] for attr, value in old.items()
                       if attr not in STRUCTURAL})
    distinct = {attr: {_canon(v): v for v in (old.get("conflicts") or {}).get(attr, ())}
                or {_canon(old[attr]): old[attr]} for attr in values if attr != "name"}
    for unit in units:
        for attr, facts in unit.facts.items():
            distinct.setdefault(attr, {}).update(facts)
    if len(distinct.get("district", ())) > 1:
        return None  # the walk would split them: leave it to the full resolution

    def order(entry: dict) -> tuple:
        return (documents.get(entry["doc"], {}).get("date") or _LATE, entry["doc"],
                _canon(entry["value"]))

    values = {attr: list(entries) for attr, entries in values.items()}
    names = {old["name"], *old.get("aliases", ())}
    sources = list(old.get("sources") or ())
    for unit in units:
        entries = [("name", n) for n in sorted(unit.names)] + \
            [(attr, facts[c]) for attr, facts in sorted(unit.facts.items()) for c in sorted(facts)]
        for attr, value in entries:
            entry = {"value": value, "doc": unit.doc}
            target = values.setdefault(attr, [])
            target.insert(bisect.bisect_right(target, order(entry), key=order), entry)
        names |= unit.names
        for start, end in sorted(unit.spans):
            src = {"doc": unit.doc, "date": unit.date,
                   "start": None if start == _NO_SPAN else start,
                   "end": None if end == _NO_SPAN else end}
            sources.insert(bisect.bisect_right(sources, _source_order(src), key=_source_order),
                           src)
    city = old.get("city")
    name = old["name"]
    data: dict[str, Any] = {"type": old["type"], "name": name, "city": city}
    data.update(_place_fields(sorted(names), city, []))
    aliases = sorted(n for n in names if n != name)
    if aliases:
        data["aliases"] = aliases
    for attr in sorted(values):
        if attr == "name":
            continue
        data[attr] = values[attr][-1]["value"]  # the latest document's, its greatest value
        if len(distinct[attr]) > 1:
            data.setdefault("conflicts", {})[attr] = [distinct[attr][c]
                                                       for c in sorted(distinct[attr])]
    if data.get("district") and data["district"] not in data["admin_path"]:
        path = data["admin_path"]
        data["admin_path"] = path[:1] + [data["district"]] + path[1:] if city else \
            [data["district"]] + path
    data["keys"] = [key]
    data["sources"] = sources
    data["values"] = {attr: values[attr] for attr in sorted(values)}
    data["merged_by"] = [_place_reason(key)]
    return data


def _source_order(src: dict) -> tuple:
    return (src.get("date") or _LATE, src["doc"],
            _NO_SPAN if src.get("start") is None else src["start"],
            _NO_SPAN if src.get("end") is None else src["end"])


def _pick_name(episode: _Episode) -> str:
    units = episode.units
    if units[0].type in PLACE_TYPES:
        owners = [u for u in units if u.own]
        return _label(min(owners[0].own)) if owners else sorted(units[0].names)[0]
    for unit in reversed(units):  # the latest bulletin's own label: a reclassified case's name
        own_names = sorted(n for n in unit.names if _reference(n, unit.date) is None)
        if unit.own and own_names:
            return own_names[0]
    return sorted(units[0].names)[0]


def _place_fields(names: list[str], city: str | None, units: list[_Unit]) -> dict:
    full = max(names, key=lambda n: (len(n), [-ord(c) for c in n]))
    key, admin = place_key(full, city)
    fields: dict[str, Any] = {"full_name": full}
    if admin and admin[-1][1] != "country" and admin[-1][0].startswith(key):  # admin only
        fields["admin_level"] = admin[-1][1]
        admin = admin[:-1]
    path = [city] if city else []
    path += [unit for unit, _level in admin if unit not in (city, f"{city}市")]
    fields["admin_path"] = path + [key]
    return fields


def _values(units: list[_Unit], extra: bool = False) -> dict[str, list[dict]]:
    """``{attr: [{"value", "doc"}]}``: every document's value of every fact, sorted."""
    values: dict[str, list[dict]] = defaultdict(list)
    for unit in units:
        if extra:
            for name in sorted(unit.names):
                values["name"].append({"value": name, "doc": unit.doc})
        for attr in sorted(unit.facts):
            for canon in sorted(unit.facts[attr]):
                values[attr].append({"value": unit.facts[attr][canon], "doc": unit.doc})
    order = {u.doc: i for i, u in enumerate(units)}
    return {attr: sorted(entries, key=lambda e: (order[e["doc"]], _canon(e["value"])))
            for attr, entries in sorted(values.items())}


def _latest(units: list[_Unit] | list[_Slice], attr: str) -> Any:
    for unit in reversed(units):
        if attr in unit.facts:
            canon = max(unit.facts[attr])
            return unit.facts[attr][canon]
    return None


def _distinct(values: Iterable[Any]) -> list[Any]:
    seen = {_canon(v): v for v in values}
    return [seen[c] for c in sorted(seen)]


def _sources(units: list[_Unit] | list[_Slice]) -> list[dict]:
    out = []
    for unit in sorted(units, key=lambda u: (u.date or _LATE, u.doc)):
        for start, end in sorted(unit.spans):
            out.append({"doc": unit.doc, "date": unit.date,
                        "start": None if start == _NO_SPAN else start,
                        "end": None if end == _NO_SPAN else end})
    return out


def _edge_data(slices: list[_Slice]) -> dict:
    """One merged edge from every document's slice of it (slices of one document combined)."""
    by_doc: dict[str, _Slice] = {}
    for piece in slices:
        if piece.doc in by_doc:
            mine = by_doc[piece.doc]
            for attr, values in piece.facts.items():
                mine.facts.setdefault(attr, {}).update(values)
            mine.spans |= piece.spans
        else:
            by_doc[piece.doc] = _Slice(piece.source, piece.target, piece.relation, piece.doc,
                                       piece.date, {a: dict(v) for a, v in piece.facts.items()},
                                       set(piece.spans))
    ordered = sorted(by_doc.values(), key=lambda s: (s.date or _LATE, s.doc))
    data: dict[str, Any] = {"relation": ordered[0].relation}
    values = _values(ordered)  # type: ignore[arg-type]
    for attr, entries in values.items():
        if attr == "date":  # several visits make one edge with the first date
            data[attr] = min(e["value"] for e in entries)
        else:
            data[attr] = _latest(ordered, attr)
        if len({_canon(e["value"]) for e in entries}) > 1:
            data.setdefault("conflicts", {})[attr] = _distinct(e["value"] for e in entries)
    data["sources"] = _sources(ordered)
    if len(ordered) > 1 or "conflicts" in data:
        data["values"] = values
    return data


# --- the merge ----------------------------------------------------------------------------------

def empty_graph() -> nx.MultiDiGraph:
    """A merged graph holding nothing (the identity of :func:`merge`)."""
    G = nx.MultiDiGraph()
    G.graph["documents"] = {}
    return G


class Merger:
    """Merge fragments into one graph in place, touching only what each fragment concerns.

    The work per fragment is proportional to the fragment and the nodes that share its keys,
    not to the whole graph, which makes adding one bulletin to a large store cheap.

    Examples
    --------
    >>> import networkx as nx
    >>> a = nx.MultiDiGraph(doc="d1", city="北京", date="2022-04-14")
    >>> a.add_node("case:感染者1", type="case", name="感染者1", age=40)
    >>> b = nx.MultiDiGraph(doc="d2", city="北京", date="2022-04-15")
    >>> b.add_node("case:感染者1", type="case", name="感染者1", sex="M")
    >>> m = Merger()
    >>> m.add(fragment(a)); m.add(fragment(b))
    >>> node = m.graph.nodes["case:北京:感染者1"]
    >>> node["age"], node["sex"], [s["doc"] for s in node["sources"]]
    (40, 'M', ['d1', 'd2'])
    """

    #: New mentions of a place the graph holds under one key join its node without the node
    #: being rebuilt from all its mentions (see :meth:`_append_places`): a place told in k
    #: bulletins then costs k, not k squared. Off, every node is rebuilt (same graph).
    appending = True

    def __init__(self, graph: nx.MultiDiGraph | None = None):
        self.graph = graph if graph is not None else empty_graph()
        self.graph.graph.setdefault("documents", {})
        self._known_before: set[str] = set()  # documents of the graph given again
        # key -> nodes holding it; a graph kept on disk keeps its index there too
        self._index = getattr(self.graph, "key_index", None) or _KeyIndex()
        if getattr(self.graph, "keys_indexed", False):
            return  # a graph that brings its key index along
        for node, data in self.graph.nodes(data=True):
            for key in data.get("keys", ()):
                self._index.add(key, node)

    # public ----------------------------------------------------------------------------------
    def add(self, other: nx.MultiDiGraph) -> None:
        """Merge a merged graph (e.g. a :func:`fragment`) into this one.

        The nodes of ``other`` whose keys, transitively, meet no key of this graph are
        resolved already: they are copied as they are (with their edges among themselves),
        so adding a graph costs what it shares with this one, not its size in resolutions.
        """
        documents = other.graph.get("documents") or {}
        self._take_documents(documents)
        new = self._unshared(other)
        # between two encoded graphs (casegraph.store) what is copied stays encoded
        raw = hasattr(self.graph, "add_raw_nodes") and hasattr(other, "raw_node")
        if raw:
            self.graph.add_raw_nodes((node, other.raw_node(node), other.node_keys(node))
                                     for node in new)
            self._index.add_many((key, node) for node in new for key in other.node_keys(node))
        else:
            for node in new:
                self._put_node(node, other.nodes[node])
        units = [u for node in other.nodes if node not in new
                 for u in _node_units(node, other.nodes[node], documents, "F")]
        slices, copied, bridging = [], [], []
        for u, v, key in other.edges(keys=True):
            if u in new and v in new:
                copied.append((u, v, key))
            elif u in new or v in new:  # decided once the other end is resolved
                bridging.append((u, v, key))
            else:
                slices += _edge_slices(u, v, other.edges[u, v, key], documents,
                                       (("F", u), ("F", v)))
        mapping = self._apply(units, slices)
        # an edge from a copied node to a node that kept its id is copied as it is (a hub's
        # thousands of new edges); one whose other end was renamed is re-pointed
        docs_of: dict[str, set[str]] = defaultdict(set)
        for unit in units:
            for _ns, node in unit.origins:
                docs_of[node].add(unit.doc)
        kept = {end: all(mapping.get((("F", end), doc)) == end for doc in docs)
                for end, docs in docs_of.items()}
        rest = []
        for u, v, key in bridging:
            if kept[v if u in new else u]:
                copied.append((u, v, key))
            else:
                ends = (("=" if u in new else "F", u), ("=" if v in new else "F", v))
                rest += _edge_slices(u, v, other.edges[u, v, key], documents, ends)
        if raw:
            self.graph.add_raw_edges((edge, other.raw_edge(edge)) for edge in copied)
        else:
            for u, v, key in copied:
                self.graph.add_edge(u, v, key=key, **other.edges[u, v, key])
        self._add_slices(rest, mapping)

    def _unshared(self, other: nx.MultiDiGraph) -> set[str]:
        """The nodes of ``other`` in key components that meet no key or node of this graph."""
        nodes = list(other.nodes)
        parent = list(range(len(nodes)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        keys_of = [other.node_keys(node) if hasattr(other, "node_keys")
                   else other.nodes[node].get("keys") or () for node in nodes]
        known_keys = self._index.present({key for keys in keys_of for key in keys})
        known_nodes = self.graph.present(nodes) if hasattr(self.graph, "present") else \
            {node for node in nodes if node in self.graph}
        first: dict[str, int] = {}
        shared: set[int] = set()
        for i, node in enumerate(nodes):
            keys = keys_of[i]
            if node in known_nodes or not keys or any(k in known_keys for k in keys):
                shared.add(i)
            for key in keys:
                if key in first:
                    parent[find(i)] = find(first[key])
                else:
                    first[key] = i
        shared_roots = {find(i) for i in shared}
        return {node for i, node in enumerate(nodes) if find(i) not in shared_roots}

    def add_document_graph(self, G: nx.MultiDiGraph) -> None:
        """Merge one per-document graph (as :func:`casegraph.extract` returns it)."""
        self.add_document_graphs([G])

    def add_document_graphs(self, graphs: Iterable[nx.MultiDiGraph]) -> None:
        """Merge per-document graphs at once: each thing they share is resolved once, not
        once per document (the same graph as adding them one by one)."""
        units: list[_Unit] = []
        slices: list[_Slice] = []
        documents: dict[str, dict] = {}
        for G in graphs:
            more_units, more_slices, record = _doc_units(G)
            doc = next(iter(record))
            if doc in documents and _comparable(documents[doc]) != _comparable(record[doc]):
                raise MergeConflict(f"document {doc!r} is given twice with other content")
            units += more_units
            slices += more_slices
            documents.update(record)
            del G  # a stream of graphs may let each one go once read
        self._take_documents(documents)
        self._apply(units, slices)

    def remove_documents(self, docs: Iterable[str]) -> None:
        """Take every fact that ``docs`` contributed out of the graph (e.g. before re-adding a
        bulletin whose text changed)."""
        gone = set(docs)
        if not gone:
            return
        touched = [n for n, d in self.graph.nodes(data=True)
                   if any(s["doc"] in gone for s in d.get("sources") or ())]
        documents = self.graph.graph["documents"]
        affected = self._closure(set().union(*(self.graph.nodes[n].get("keys", ()) for n in touched))
                                 if touched else set())
        units = [u for n in sorted(affected)
                 for u in _node_units(n, self.graph.nodes[n], documents, "G") if u.doc not in gone]
        slices = []
        for u, v, data in list(self.graph.edges(data=True)):
            if u in affected or v in affected or \
                    any(s["doc"] in gone for s in data.get("sources") or ()):
                ends = (("G" if u in affected else "=", u), ("G" if v in affected else "=", v))
                slices += [s for s in _edge_slices(u, v, data, documents, ends) if s.doc not in gone]
                self.graph.remove_edge(u, v, data["relation"])
        for node in affected:
            self._drop_node(node)
        for doc in gone:
            documents.pop(doc, None)
        self._build(units, slices, {})

    # internals -------------------------------------------------------------------------------
    def _take_documents(self, documents: dict[str, dict]) -> None:
        """Record ``documents`` in the graph (after checking them), noting those it held."""
        self._check_documents(documents)
        self._known_before = {d for d in documents if d in self.graph.graph["documents"]}
        self.graph.graph["documents"].update(documents)

    def _check_documents(self, documents: dict[str, dict]) -> None:
        mine = self.graph.graph["documents"]
        for doc, record in documents.items():
            if doc in mine and _comparable(mine[doc]) != _comparable(record):
                raise MergeConflict(f"document {doc!r} is already in the graph with other "
                                     "content; remove it first")

    def _append_places(self, units: list[_Unit], mapping: dict) -> list[_Unit]:
        """Join new mentions to the place nodes they can only be; return the other units.

        A place's mentions under one key all resolve into one node unless their districts
        differ, so where the graph holds exactly one node under key K, K is all its keys,
        and every new unit holding K holds K alone, comes from one node of the new graph,
        agrees on the district and is of a document the node does not hold yet, the node
        is the one :func:`_node_data` would build from all the mentions: it is computed
        from the node's data and the new units (:func:`_appended_place`) instead.
        """
        by_key: dict[str, list[_Unit]] = defaultdict(list)
        others: set[str] = set()
        for unit in units:
            if unit.type in PLACE_TYPES and len(unit.own) == 1 and not unit.refs and \
                    _key_scope(next(iter(unit.own))) == "place":
                by_key[next(iter(unit.own))].append(unit)
            else:
                others |= unit.keys
        documents = self.graph.graph["documents"]
        done: set[int] = set()
        for key, group in by_key.items():
            if any(unit.doc in self._known_before for unit in group):
                continue  # a document given again: its mentions may be in the node already
            held = self._index.nodes(key)
            if key in others or len(held) != 1 or len({o for u in group for o in u.origins}) != 1:
                continue
            node = held[0]
            data = _appended_place(self.graph.nodes[node], key, group, documents)
            if data is None:
                continue
            self._put_node(node, data)
            for unit in group:
                for origin in unit.origins:
                    mapping[(origin, unit.doc)] = node
                done.add(id(unit))
        return [unit for unit in units if id(unit) not in done]

    def _closure(self, keys: set[str]) -> set[str]:
        """Nodes that share keys with ``keys``, transitively."""
        nodes: set[str] = set()
        todo = list(keys)
        seen = set(todo)
        while todo:
            for node in self._index.nodes(todo.pop()):
                if node in nodes:
                    continue
                nodes.add(node)
                for key in self.graph.nodes[node].get("keys", ()):
                    if key not in seen:
                        seen.add(key)
                        todo.append(key)
        return nodes

    def _apply(self, units: list[_Unit], slices: list[_Slice]) -> dict:
        mapping: dict[tuple[tuple[str, str], str], str] = {}
        if self.appending:
            units = self._append_places(units, mapping)
        keys = set().union(*(u.keys for u in units)) if units else set()
        affected = self._closure(keys)
        documents = self.graph.graph["documents"]
        old_units = [u for n in sorted(affected)
                     for u in _node_units(n, self.graph.nodes[n], documents, "G")]
        old_ids: dict[str, set[str]] = {n: set() for n in affected}
        for unit in old_units:
            for _ns, node in unit.origins:
                old_ids[node].add(unit.doc)
        return self._build(old_units + units, slices, old_ids, mapping)

    def _build(self, units: list[_Unit], slices: list[_Slice],
               old_ids: dict[str, set[str]], mapping: dict | None = None) -> dict:
        """Resolve ``units`` into nodes, replacing the nodes in ``old_ids``; add ``slices``.
        Returns where each unit's origin went: ``{((namespace, node id), doc): node id}``
        (``mapping``, if given, already says it for some)."""
        mapping = {} if mapping is None else mapping
        new_nodes: dict[str, dict] = {}
        for component in sorted(_components(units), key=lambda c: c[0].sort_key()):
            self._resolve_component(component, mapping, new_nodes)
        # an old node that split or was renamed: its edges must be re-pointed (only its own:
        # a hub that kept its id keeps its thousands of edges where they are)
        moved_nodes = [n for n, docs in old_ids.items()
                       if any(mapping.get((("G", n), d)) != n for d in docs)]
        moved: list[_Slice] = []
        for node in moved_nodes:
            for u, v, data in list(self.graph.in_edges(node, data=True)) + \
                    list(self.graph.out_edges(node, data=True)):
                if not self.graph.has_edge(u, v, data["relation"]):
                    continue
                ends = (("G" if u in old_ids else "=", u), ("G" if v in old_ids else "=", v))
                moved += _edge_slices(u, v, data, self.graph.graph["documents"], ends)
                self.graph.remove_edge(u, v, data["relation"])
        for node in moved_nodes:
            self._drop_node(node)
        for node, data in new_nodes.items():
            self._put_node(node, data)
        self._add_slices(moved + slices, mapping)
        return mapping

    def _resolve_component(self, component: list[_Unit], mapping: dict, new_nodes: dict) -> None:
        episodes = _episodes(component)
        ids: list[str] = []
        for episode in episodes:
            base = _episode_id(episode)
            node_id, n = base, 1
            while node_id in ids:
                n += 1
                node_id = f"{base}#{n}"
            ids.append(node_id)
        for episode, node_id in zip(episodes, ids):
            split_from = None
            if episode.split is not None:
                split_from = next((i for e, i in zip(episodes, ids)
                                   if e is not episode and episode.split[0] in e.keys), None)
            new_nodes[node_id] = _node_data(episode, node_id, split_from)
            for unit in episode.units:
                for origin in unit.origins:
                    mapping[(origin, unit.doc)] = node_id

    def _put_node(self, node: str, data: dict) -> None:
        keys = data.get("keys", ())
        if node in self.graph:
            old_keys = self.graph.nodes[node].get("keys", ())
            for key in old_keys:
                if key not in keys:
                    self._index.discard(key, node)
            if isinstance(self.graph, nx.Graph):
                attrs = self.graph.nodes[node]
                attrs.clear()
                attrs.update(data)
            else:  # a packed graph (casegraph.store.PackedGraph): adding replaces
                self.graph.add_node(node, **data)
            keys = [key for key in keys if key not in old_keys]  # the others are indexed
        else:
            self.graph.add_node(node, **data)
        for key in keys:
            self._index.add(key, node)

    def _drop_node(self, node: str) -> None:
        if node not in self.graph:
            return
        for key in self.graph.nodes[node].get("keys", ()):
            self._index.discard(key, node)
        self.graph.remove_node(node)

    def _add_slices(self, slices: list[_Slice], mapping: dict) -> None:
        grouped: dict[tuple[str, str, str], list[_Slice]] = defaultdict(list)
        for piece in slices:
            u = self._end(piece.source, piece.doc, mapping)
            v = self._end(piece.target, piece.doc, mapping)
            if u is None or v is None:
                continue
            grouped[(u, v, piece.relation)].append(piece)
        documents = self.graph.graph["documents"]
        for (u, v, relation), pieces in grouped.items():
            if self.graph.has_edge(u, v, relation):
                old = self.graph.edges[u, v, relation]
                pieces = _edge_slices(u, v, old, documents, (("=", u), ("=", v))) + pieces
                self.graph.remove_edge(u, v, relation)
            self.graph.add_edge(u, v, key=relation, **_edge_data(pieces))

    def _end(self, origin: tuple[str, str], doc: str, mapping: dict) -> str | None:
        if origin[0] == "=":
            return origin[1] if origin[1] in self.graph else None
        return mapping.get((origin, doc))


class _KeyIndex:
    """Key -> the nodes holding it, in memory: a string for a key of one node (most keys),
    a set for a key several nodes share."""

    def __init__(self) -> None:
        self._held: dict[str, str | set[str]] = {}

    def add(self, key: str, node: str) -> None:
        held = self._held.get(key)
        if held is None:
            self._held[key] = node
        elif isinstance(held, str):
            if held != node:
                self._held[key] = {held, node}
        else:
            held.add(node)

    def discard(self, key: str, node: str) -> None:
        held = self._held.get(key)
        if isinstance(held, str):
            if held == node:
                del self._held[key]
        elif held is not None:
            held.discard(node)
            if len(held) <= 1:
                if held:
                    self._held[key] = next(iter(held))
                else:
                    del self._held[key]

    def nodes(self, key: str) -> tuple[str, ...]:
        held = self._held.get(key, ())
        return (held,) if isinstance(held, str) else tuple(sorted(held))

    def present(self, keys: Iterable[str]) -> set[str]:
        return {key for key in keys if key in self._held}

    def add_many(self, pairs: Iterable[tuple[str, str]]) -> None:
        for key, node in pairs:
            self.add(key, node)


def _comparable(record: dict) -> tuple:
    return tuple(record.get(k) for k in ("sha256", "city", "date"))


def fragment(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """One per-document graph in the merged form: the pure *map* step.

    Nodes get their resolved ids (``case:北京:感染者128``), ``city``, ``keys``, dated
    ``sources`` and per-source ``values``; ``G.graph["documents"]`` records the document.
    """
    merger = Merger()
    merger.add_document_graph(G)
    return merger.graph


def merge(*graphs: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Merge merged graphs (fragments or earlier merges) into a new one: the *reduce* step.

    Associative and commutative: the result depends only on the set of documents.
    The inputs are not changed.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph(doc="d1", city="北京", date="2022-04-14")
    >>> g.add_node("location:丰台区东木樨园14号楼", type="location", name="丰台区东木樨园14号楼")
    >>> h = nx.MultiDiGraph(doc="d2", city="北京", date="2022-04-15")
    >>> h.add_node("location:东木樨园14号楼", type="location", name="东木樨园14号楼")
    >>> sorted(merge(fragment(g), fragment(h)).nodes)
    ['location:北京:东木樨园14号楼']
    """
    if not graphs:
        return empty_graph()
    merger = Merger(_copy(graphs[0]))
    for other in graphs[1:]:
        merger.add(other)
    return merger.graph


def _copy(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy the merge may change: new graph, node, edge and document dicts; the values
    inside them are shared, since the merge replaces values and never changes one."""
    H = G.copy()
    H.graph["documents"] = {doc: dict(record)
                            for doc, record in (G.graph.get("documents") or {}).items()}
    return H
