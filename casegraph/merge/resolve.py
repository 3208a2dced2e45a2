"""Episodes: the mentions of one key component walked in date order, each joining the latest
compatible person or place, and the node and edge each episode becomes."""
from __future__ import annotations

import bisect
import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date as _date
from typing import Any, Iterable

import networkx as nx

from casegraph.merge.keys import _clean, _key_scope, _keys, _node_id, _place_key, \
    _reference, place_key
from casegraph.schema import PLACE_TYPES

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

_NO_SPAN = -1
_LATE = "9999-99-99"  # sorts an undated document after every dated one

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
    by_doc = _values_by_doc(values)
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


def _values_by_doc(values: dict | None) -> dict[str, list[tuple[str, Any]]]:
    """``(attribute, value)`` pairs of a merged record's ``values``, by the document stating them."""
    by_doc: dict[str, list[tuple[str, Any]]] = defaultdict(list)
    for attr, entries in (values or {}).items():
        for entry in entries:
            by_doc[entry.get("doc")].append((attr, entry["value"]))
    return by_doc


def _edge_slices(u: str, v: str, data: dict, documents: dict[str, dict],
                 ends: tuple[tuple[str, str], tuple[str, str]]) -> list[_Slice]:
    spans = _spans_by_doc(data.get("sources"))
    values = data.get("values")
    by_doc = _values_by_doc(values)
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


