"""Questions to a merged case graph: chain, path, clusters, place, timeline, ego, find, stats.

Every query is a pure function of the graph (and, for evidence text, a lookup) and returns a
small dataclass of plain JSON values: ``result.to_dict()`` is what ``--json`` prints and
:func:`result_from_dict` reads it back; ``result.sections()`` is what the table shows.
A name that matches nothing raises :class:`~casegraph.errors.QueryError` with near matches.

>>> import networkx as nx
>>> G = nx.MultiDiGraph(documents={})
>>> G.add_node("case:北京:感染者1", type="case", name="感染者1", city="北京")
>>> G.add_node("case:北京:感染者2", type="case", name="感染者2", city="北京")
>>> _ = G.add_edge("case:北京:感染者1", "case:北京:感染者2", key="close_contact",
...                relation="close_contact", date="2022-04-04")
>>> [link["to"] for link in chain(G, "感染者1").downstream]
['case:北京:感染者2']
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter, defaultdict, deque
from datetime import date as _date
from dataclasses import asdict, dataclass, field, fields
from functools import lru_cache
from typing import Any, Callable, ClassVar, Iterable, Iterator, Mapping

import networkx as nx

from casegraph.errors import QueryError
from casegraph.merge import place_name

__all__ = ["chain", "path", "clusters", "place", "timeline", "ego", "find", "stats", "resolve",
           "result_from_dict", "Section", "Chain", "Path", "Clusters", "Place", "Timeline",
           "Ego", "Find", "Stats", "EXPOSURE_RELATIONS"]

#: Relations by which a case is exposed at a place: they join cases into clusters.
EXPOSURE_RELATIONS = ("resides_at", "works_at", "visited", "linked_to")
PLACE_TYPES = ("location", "facility")
DATE_ATTRS = ("onset_date", "positive_date", "diagnosis_date")
_NEAR = 5  # near matches offered when a name matches nothing

Evidence = Callable[[Mapping[str, Any]], "str | None"]


@dataclass(frozen=True)
class Section:
    """A titled table: what the table renderer prints for (part of) a result."""

    title: str
    headers: tuple[str, ...]
    rows: list[tuple[Any, ...]]


class _Result:
    QUERY: ClassVar[str] = ""

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.QUERY, **asdict(self)}  # type: ignore[call-overload]

    def sections(self) -> list[Section]:  # pragma: no cover - every result overrides it
        raise NotImplementedError


def result_from_dict(data: Mapping[str, Any]) -> _Result:
    """The result whose :meth:`to_dict` gave ``data`` (``--json`` output read back)."""
    kind = _RESULTS.get(str(data.get("query")))
    if kind is None:
        raise ValueError(f"not a casegraph query result: {data.get('query')!r}")
    return kind(**{f.name: data[f.name] for f in fields(kind)})


# --- resolving names ------------------------------------------------------------------------

def _clean(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", str(text)).split())


def _names(data: Mapping[str, Any]) -> list[str]:
    names = [data.get("name"), data.get("full_name"), *(data.get("aliases") or ())]
    return [_clean(n) for n in names if n]


def resolve(G: nx.MultiDiGraph, name: str, types: Iterable[str] | None = None) -> str:
    """The id of the node called ``name`` (an id, a name, an alias or a full place name).

    Raises
    ------
    QueryError
        If nothing is called so (near matches are suggested) or several nodes are.
    """
    wanted = tuple(types) if types else None
    if name in G and (wanted is None or G.nodes[name].get("type") in wanted):
        return name
    target = _clean(name)
    if hasattr(G, "named"):  # a store's index (casegraph.index) looks names up
        hits = G.named(target, wanted)
    else:
        hits = sorted(n for n, d in G.nodes(data=True)
                      if (wanted is None or d.get("type") in wanted) and target in _names(d))
    if len(hits) == 1:
        return hits[0]
    what = "/".join(wanted) if wanted else "node"
    if hits:
        shown = ", ".join(hits[:10]) + (", ..." if len(hits) > 10 else "")
        raise QueryError(f"{name!r} names {len(hits)} {what}s: {shown} (give the id)")
    raise QueryError(f"no {what} named {name!r}{_suggest(G, target, wanted)}")


def _suggest(G: nx.MultiDiGraph, target: str, types: tuple[str, ...] | None) -> str:
    pool: dict[str, str] = {}
    if hasattr(G, "starting_with"):  # an index: names sharing the first character
        for node in G.starting_with(target[:1], types, kinds=(0,))[:50_000]:
            for n in _names(G.nodes[node]):
                pool.setdefault(n, node)
    else:
        for node, data in G.nodes(data=True):
            if types is None or data.get("type") in types:
                for n in _names(data):
                    pool.setdefault(n, node)
    near = [n for n in sorted(pool) if target and target in n][:_NEAR]
    close = difflib.get_close_matches(target, list(pool), n=_NEAR, cutoff=0.5)
    close.sort(key=lambda n: (-difflib.SequenceMatcher(None, target, n).ratio(), n))
    near += [n for n in close if n not in near]
    return f"; did you mean: {', '.join(near[:_NEAR])}?" if near else ""


def _ref(G: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    data = G.nodes[node]
    return {"id": node, "type": data.get("type"), "name": data.get("name"),
            "city": data.get("city")}


def _first_date(data: Mapping[str, Any]) -> str | None:
    dates = [s.get("date") for s in data.get("sources") or () if s.get("date")]
    return min(dates) if dates else None


def _case_date(data: Mapping[str, Any]) -> str | None:
    for attr in ("diagnosis_date", "positive_date", "onset_date"):
        if data.get(attr):
            return data[attr]
    return _first_date(data)


# --- chain -----------------------------------------------------------------------------------

@dataclass
class Chain(_Result):
    """A case's transmission chain through ``close_contact`` edges."""

    QUERY: ClassVar[str] = "chain"
    case: dict[str, Any]
    upstream: list[dict[str, Any]] = field(default_factory=list)
    downstream: list[dict[str, Any]] = field(default_factory=list)

    def sections(self) -> list[Section]:
        headers = ("depth", "from", "to", "date", "kind")

        def rows(links: list[dict]) -> list[tuple]:
            return [(l["depth"], l["from_name"], l["to_name"], l["date"], l["kind"])
                    for l in links]

        who = f"{self.case['name']} ({self.case['id']})"
        return [Section(f"upstream of {who}: who infected whom, back to the source", headers,
                        rows(self.upstream)),
                Section(f"downstream of {who}: the cases it led to", headers,
                        rows(self.downstream))]


def chain(G: nx.MultiDiGraph, case: str, max_depth: int | None = None) -> Chain:
    """The transmission chain of ``case``: upstream (whose close contact it was, and so on)
    and downstream (its close contacts who became cases), breadth first, with dates.

    An edge ``a -> b`` of relation ``close_contact`` means b was a close contact of a.
    """
    node = resolve(G, case, ("case",))
    return Chain(_ref(G, node), _walk(G, node, upstream=True, max_depth=max_depth),
                 _walk(G, node, upstream=False, max_depth=max_depth))


def _walk(G: nx.MultiDiGraph, start: str, upstream: bool, max_depth: int | None) -> list[dict]:
    links, seen, todo = [], {start}, deque([(start, 0)])
    while todo:
        node, depth = todo.popleft()
        if max_depth is not None and depth >= max_depth:
            continue
        edges = G.in_edges(node, keys=True, data=True) if upstream else \
            G.out_edges(node, keys=True, data=True)
        for u, v, key, data in sorted(edges, key=lambda e: (e[0], e[1])):
            if key != "close_contact":
                continue
            other = u if upstream else v
            links.append({"depth": depth + 1, "from": u, "to": v,
                          "from_name": G.nodes[u].get("name"), "to_name": G.nodes[v].get("name"),
                          "date": data.get("date"), "kind": data.get("kind")})
            if other not in seen:
                seen.add(other)
                todo.append((other, depth + 1))
    return links


# --- path ------------------------------------------------------------------------------------

@dataclass
class Path(_Result):
    """How two nodes connect: the steps of a shortest path, each edge in its own direction."""

    QUERY: ClassVar[str] = "path"
    source: dict[str, Any]
    target: dict[str, Any]
    steps: list[dict[str, Any]] = field(default_factory=list)

    def sections(self) -> list[Section]:
        rows = [(i + 1, s["from_name"], s["arrow"], s["relation"], s["to_name"], s["date"])
                for i, s in enumerate(self.steps)]
        title = f"{self.source['name']} to {self.target['name']}: {len(self.steps)} step(s)"
        return [Section(title, ("step", "from", "", "relation", "to", "date"), rows)]


def path(G: nx.MultiDiGraph, a: str, b: str,
         relations: Iterable[str] | None = None) -> Path:
    """A shortest path between nodes ``a`` and ``b``, edges taken in either direction
    (optionally only edges of ``relations``).

    Raises
    ------
    QueryError
        If a name matches nothing, or the two are not connected.
    """
    u, v = resolve(G, a), resolve(G, b)
    allowed = set(relations) if relations else None
    if not isinstance(G, nx.Graph):  # a store's index: walk out from both ends
        return _path_by_walking(G, a, b, u, v, allowed)
    H = G if allowed is None else G.edge_subgraph(
        [e for e in G.edges(keys=True) if e[2] in allowed])
    undirected = H.to_undirected(as_view=True)
    try:
        nodes = nx.shortest_path(undirected, u, v) if u in H and v in H else None
    except nx.NetworkXNoPath:
        nodes = None
    if nodes is None:
        raise QueryError(f"{a!r} and {b!r} are not connected")
    steps = []
    for x, y in zip(nodes, nodes[1:]):
        forward = sorted((k, d) for k, d in (H.get_edge_data(x, y) or {}).items())
        backward = sorted((k, d) for k, d in (H.get_edge_data(y, x) or {}).items())
        relation, data = (forward or backward)[0]
        start, end = (x, y) if forward else (y, x)
        steps.append({"from": start, "to": end, "from_name": G.nodes[start].get("name"),
                      "to_name": G.nodes[end].get("name"), "relation": relation,
                      "date": data.get("date"), "arrow": "->" if forward else "<-"})
    return Path(_ref(G, u), _ref(G, v), steps)


def _path_by_walking(G: Any, a: str, b: str, u: str, v: str,
                     allowed: set[str] | None) -> Path:
    """:func:`path` on a graph that is not held in memory: a breadth-first walk from both
    ends at once, each step one node's edges."""
    def steps_from(node: str) -> Iterator[tuple[str, tuple[str, str, str, dict]]]:
        for edge in G.out_edges(node, keys=True, data=True):
            if allowed is None or edge[2] in allowed:
                yield edge[1], edge
        for edge in G.in_edges(node, keys=True, data=True):
            if allowed is None or edge[2] in allowed:
                yield edge[0], edge

    came = [{u: None}, {v: None}]  # node -> (previous node, edge), from each end
    frontiers = [[u], [v]]
    meet = u if u == v else None
    while meet is None and frontiers[0] and frontiers[1]:
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        following = []
        for node in frontiers[side]:
            for other, edge in steps_from(node):
                if other not in came[side]:
                    came[side][other] = (node, edge)
                    following.append(other)
                    if other in came[1 - side]:
                        meet = other
                        break
            if meet is not None:
                break
        frontiers[side] = following
    if meet is None:
        raise QueryError(f"{a!r} and {b!r} are not connected")
    edges = []
    node = meet
    while came[0][node] is not None:
        node, edge = came[0][node]
        edges.insert(0, edge)
    node = meet
    while came[1][node] is not None:
        node, edge = came[1][node]
        edges.append(edge)
    steps, at = [], u
    for x, y, key, data in edges:
        forward = x == at
        steps.append({"from": x, "to": y, "from_name": G.nodes[x].get("name"),
                      "to_name": G.nodes[y].get("name"), "relation": key,
                      "date": data.get("date"), "arrow": "->" if forward else "<-"})
        at = y if forward else x
    return Path(_ref(G, u), _ref(G, v), steps)


# --- clusters --------------------------------------------------------------------------------

@dataclass
class Clusters(_Result):
    """Groups of cases joined by exposure, largest first."""

    QUERY: ClassVar[str] = "clusters"
    clusters: list[dict[str, Any]] = field(default_factory=list)

    def sections(self) -> list[Section]:
        rows = [(c["rank"], c["size"], c["first_date"], c["last_date"],
                 _short_list(c["place_names"]), _short_list(c["case_names"]))
                for c in self.clusters]
        return [Section(f"{len(self.clusters)} cluster(s) of cases joined by shared places or "
                        "close contact", ("#", "cases", "from", "to", "places", "cases"), rows)]


def clusters(G: nx.MultiDiGraph, min_size: int = 2, window_days: int = 14) -> Clusters:
    """Groups of cases joined by exposure, sorted by size, then first date.

    Two cases are joined by a ``close_contact`` edge, or by a place both are tied to
    (``resides_at``, ``works_at``, ``visited``, ``linked_to``) at dates at most
    ``window_days`` apart (the edge's date, else the case's diagnosis, positive, onset or
    first report date). A place that is only a district, city or country (丰台区, 武汉,
    法国), or a generic facility such as 定点医院 or 发热门诊, joins no one.
    """
    if (min_size, window_days) == (2, 14) and hasattr(G, "summary"):
        done = G.summary("clusters")  # worked out when the store's index was written
        if done is not None:
            return Clusters(done["clusters"])
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: str, y: str) -> None:
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)

    at_place: dict[str, list[tuple[str, str]]] = defaultdict(list)
    dated: dict[str, list[str]] = defaultdict(list)
    # read once per place and case, not once per edge (a store's index reads them all in SQL)
    joins: dict[str, bool] = G.place_joins() if hasattr(G, "place_joins") else {}
    case_dates: dict[str, str | None] = G.case_dates() if hasattr(G, "case_dates") else {}

    def case_date(case: str) -> str | None:
        if case not in case_dates:
            case_dates[case] = _case_date(G.nodes[case])
        return case_dates[case]

    for u, v, key, date, v_type in _case_edges(G, {"close_contact", *EXPOSURE_RELATIONS}):
        if key == "close_contact" and v_type == "case":
            union(u, v)
        elif key in EXPOSURE_RELATIONS and v_type in PLACE_TYPES and \
                (joins[v] if v in joins else joins.setdefault(v, _joins(G.nodes[v]))):
            at_place[v].append((date or case_date(u) or "9999-12-31", u))
            find(u)
        else:
            continue
        if date:
            dated[u].append(date)
    places_of: dict[str, set[str]] = defaultdict(set)
    for node, visits in at_place.items():
        visits.sort()
        for (d1, c1), (d2, c2) in zip(visits, visits[1:]):
            if _gap(d1, d2) <= window_days:
                union(c1, c2)
        for _when, case in visits:
            places_of[case].add(node)
    groups: dict[str, list[str]] = defaultdict(list)
    for node in parent:
        groups[find(node)].append(node)
    groups_found: list[tuple[list[str], list[str], list[str]]] = []  # cases, places, dates
    for members in groups.values():
        cases = sorted(members)
        if len(cases) < min_size:
            continue
        shared = Counter(p for c in cases for p in places_of[c])
        places = sorted(p for p, n in shared.items() if n > 1)
        dates = [d for c in cases for d in [case_date(c), *dated[c]] if d]
        groups_found.append((cases, places, dates))
    names = _names_of(G, [n for cases, places, _ in groups_found for n in cases + places])
    found = [{"size": len(cases), "first_date": min(dates) if dates else None,
              "last_date": max(dates) if dates else None, "cases": cases,
              "case_names": [names[n] for n in cases], "places": places,
              "place_names": [names[n] for n in places]}
             for cases, places, dates in groups_found]
    found.sort(key=lambda c: (-c["size"], c["first_date"] or "9999", c["cases"][0]))
    for rank, cluster in enumerate(found, 1):
        cluster["rank"] = rank
    return Clusters(found)


def _case_edges(G: nx.MultiDiGraph, relations: set[str]
                ) -> Iterator[tuple[str, str, str, Any, str | None]]:
    """``(case, other end, relation, date, other end's type)`` of the edges of ``relations``
    that leave a case."""
    if hasattr(G, "case_edges"):  # a store's index: read by SQLite
        yield from G.case_edges(relations)
        return
    types = nx.get_node_attributes(G, "type")
    for u, v, key, data in G.edges(keys=True, data=True):
        if key in relations and types.get(u) == "case":
            yield u, v, key, data.get("date"), types.get(v)


def _names_of(G: nx.MultiDiGraph, nodes: list[str]) -> dict[str, Any]:
    if hasattr(G, "names_of"):
        return G.names_of(nodes)
    return {node: G.nodes[node].get("name") for node in nodes}


def _gap(a: str, b: str) -> int:
    try:
        return abs((_date.fromisoformat(b) - _date.fromisoformat(a)).days)
    except ValueError:
        return 1 << 30


def _joins(data: Mapping[str, Any]) -> bool:
    """Whether a place joins the cases tied to it into a cluster: not a bare district or
    city, and not a generic facility (定点医院, 发热门诊, 医疗机构发热门诊)."""
    name = _clean(data.get("name", ""))
    return not data.get("admin_level") and not _generic().fullmatch(name) \
        and not _area().fullmatch(name)


@lru_cache(maxsize=1)
def _area() -> re.Pattern[str]:
    """Countries, regions and cities by name (法国, 台北, 武汉市): too wide to join cases."""
    from casegraph import lexicon

    words = [*getattr(lexicon, "COUNTRIES", ()), *getattr(lexicon, "REGIONS", ()),
             *getattr(lexicon, "CITIES", ()), *getattr(lexicon, "PROVINCES", ())]
    words = sorted(set(words), key=lambda w: (-len(w), w))
    if not words:
        return re.compile("(?!)")
    return re.compile("(?:" + "|".join(map(re.escape, words)) + ")(?:省|市|地区)?")


@lru_cache(maxsize=1)
def _generic() -> re.Pattern[str]:
    from casegraph import lexicon

    words = set(getattr(lexicon, "UNNAMED_GENERIC", ()))
    for name, aliases in getattr(lexicon, "GENERIC_FACILITIES", {}).items():
        words.update((name, *aliases))
    words = sorted(words, key=lambda w: (-len(w), w))
    return re.compile("(?:" + "|".join(map(re.escape, words)) + ")+" if words else "(?!)")


def _short_list(items: list[str], limit: int = 4) -> str:
    shown = "、".join(str(i) for i in items[:limit])
    return shown + (f" +{len(items) - limit}" if len(items) > limit else "")


# --- place -----------------------------------------------------------------------------------

@dataclass
class Place(_Result):
    """The cases tied to a place (and to the places inside it)."""

    QUERY: ClassVar[str] = "place"
    name: str
    places: list[dict[str, Any]] = field(default_factory=list)
    cases: list[dict[str, Any]] = field(default_factory=list)
    inside: list[dict[str, Any]] = field(default_factory=list)

    def sections(self) -> list[Section]:
        matched = "、".join(f"{p['full_name'] or p['name']} ({p['id']})" for p in self.places)
        return [Section(f"cases tied to {matched or self.name}",
                        ("date", "case", "relation", "place"),
                        [(c["date"], c["case_name"], c["relation"], c["place_name"])
                         for c in self.cases]),
                Section(f"places inside {self.name}", ("place", "cases", "id"),
                        [(p["name"], p["cases"], p["id"]) for p in self.inside])]


def place(G: nx.MultiDiGraph, name: str, city: str | None = None) -> Place:
    """The cases tied to the place ``name`` by relation and date, and the places inside it
    (those whose administrative path or name it opens: ``丰台区`` holds
    ``东木樨园14号楼``). ``city`` narrows a name several cities share."""
    target = _clean(name)
    if hasattr(G, "starting_with"):  # an index: only places a name or area of which opens
        found = set(G.starting_with(target, PLACE_TYPES))
        for where in {None, city}:
            for ptype in PLACE_TYPES:
                found.update(G.named(place_name(target, where, ptype), PLACE_TYPES))
        if name in G:
            found.add(name)
        candidates: Iterable = ((n, G.nodes[n]) for n in sorted(found))
    else:
        candidates = G.nodes(data=True)
    places = [(n, d) for n, d in candidates
              if d.get("type") in PLACE_TYPES and (city is None or d.get("city") == city)]
    matched = sorted(n for n, d in places if target in _names(d) or n == name
                     or place_name(target, d.get("city"), d["type"]) == d.get("name"))
    inside = sorted(n for n, d in places if n not in matched and _inside(target, d))
    if not matched and not inside:
        raise QueryError(f"no place named {name!r}"
                         f"{_suggest(G, target, PLACE_TYPES)}")
    data_of = dict(places)
    cases = [{"date": date, "case": case, "case_name": case_name, "relation": key,
              "place": node, "place_name": data_of[node].get("name")}
             for node in matched + inside for case, key, date, case_name in _cases_at(G, node)]
    cases.sort(key=lambda c: (c["date"] or "9999", c["case"], c["relation"], c["place"]))
    held = [{"id": n, "name": data_of[n].get("name"), "cases": _case_count(G, n)}
            for n in inside]
    refs = [{**_ref(G, n), "full_name": G.nodes[n].get("full_name")} for n in matched]
    return Place(name, refs, cases, held)


def _cases_at(G: nx.MultiDiGraph, node: str) -> list[tuple[str, str, Any, Any]]:
    """``(case, relation, date, case name)`` of the edges from cases into ``node``."""
    if hasattr(G, "cases_at"):  # a store's index joins them itself
        return G.cases_at(node)
    return [(u, key, data.get("date"), G.nodes[u].get("name"))
            for u, _v, key, data in G.in_edges(node, keys=True, data=True)
            if G.nodes[u].get("type") == "case"]


def _inside(target: str, data: Mapping[str, Any]) -> bool:
    path = [_clean(p) for p in data.get("admin_path") or ()]
    if target in path[:-1] or target == data.get("district"):
        return True
    full = _clean(data.get("full_name") or data.get("name") or "")
    own = _clean(data.get("name") or "")
    return len(own) > len(target) and (own.startswith(target) or
                                       (full.startswith(target) and full != target))


def _case_count(G: nx.MultiDiGraph, node: str) -> int:
    if hasattr(G, "case_count"):
        return G.case_count(node)
    return len({u for u, _v in G.in_edges(node) if G.nodes[u].get("type") == "case"})


# --- timeline --------------------------------------------------------------------------------

@dataclass
class Timeline(_Result):
    """Every dated fact about a case, in order, with its evidence."""

    QUERY: ClassVar[str] = "timeline"
    case: dict[str, Any]
    events: list[dict[str, Any]] = field(default_factory=list)

    def sections(self) -> list[Section]:
        rows = [(e["date"], e["fact"], e["detail"], e["doc"], e["sentence"] or "")
                for e in self.events]
        return [Section(f"timeline of {self.case['name']} ({self.case['id']})",
                        ("date", "fact", "detail", "document", "sentence"), rows)]


def timeline(G: nx.MultiDiGraph, case: str, evidence: Evidence | None = None) -> Timeline:
    """Every dated fact about ``case`` in date order: its reports (one per bulletin), onset,
    positive and diagnosis dates, and dated edges (contacts, places, isolation, admission),
    each with the document and, given ``evidence``, the sentence that states it."""
    node = resolve(G, case, ("case",))
    data = G.nodes[node]
    events = []
    by_doc = _sources_by_doc(data.get("sources"))
    for doc, sources in by_doc.items():
        events.append(_event(sources[0].get("date"), "reported", doc, doc, sources, evidence))
    for attr in DATE_ATTRS:
        for value, doc in _values_of(data, attr):
            events.append(_event(value, attr.replace("_date", ""), "", doc,
                                 by_doc.get(doc, []), evidence))
    for u, v, key, edge in list(G.out_edges(node, keys=True, data=True)) + \
            list(G.in_edges(node, keys=True, data=True)):
        other = v if u == node else u
        detail = ("-> " if u == node else "<- ") + str(G.nodes[other].get("name"))
        edge_docs = _sources_by_doc(edge.get("sources"))
        for value, doc in _values_of(edge, "date"):
            events.append(_event(value, key, detail, doc, edge_docs.get(doc, []), evidence))
    order = {"reported": 0, "onset": 1, "positive": 2, "diagnosis": 3}
    events.sort(key=lambda e: (e["date"] or "9999", order.get(e["fact"], 4), e["fact"],
                               e["detail"], e["doc"] or ""))
    unique = [e for i, e in enumerate(events) if i == 0 or e != events[i - 1]]
    return Timeline(_ref(G, node), unique)


def _sources_by_doc(sources: Iterable[Mapping[str, Any]] | None) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for src in sources or ():
        grouped.setdefault(src.get("doc"), []).append(dict(src))
    return grouped


def _values_of(data: Mapping[str, Any], attr: str) -> list[tuple[Any, str | None]]:
    """Each document's value of ``attr`` (a node or edge of one document has no ``values``)."""
    if "values" in data:
        return [(e["value"], e.get("doc")) for e in data["values"].get(attr, ())]
    if data.get(attr) is None:
        return []
    docs = sorted({s.get("doc") for s in data.get("sources") or ()})
    return [(data[attr], docs[0] if docs else None)]


def _event(date: str | None, fact: str, detail: str, doc: str | None,
           sources: list[dict], evidence: Evidence | None) -> dict[str, Any]:
    sentence = None
    if evidence is not None:
        texts = [t for t in (evidence(s) for s in sources) if t]
        sentence = " / ".join(dict.fromkeys(texts)) or None
    spans = [[s.get("start"), s.get("end")] for s in sources]
    return {"date": date, "fact": fact, "detail": detail, "doc": doc, "spans": spans,
            "sentence": sentence}


# --- ego -------------------------------------------------------------------------------------

@dataclass
class Ego(_Result):
    """A node and everything within ``hops`` edges of it."""

    QUERY: ClassVar[str] = "ego"
    center: dict[str, Any]
    hops: int
    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)

    def sections(self) -> list[Section]:
        names = {n["id"]: n["name"] for n in self.nodes}
        return [Section(f"within {self.hops} hop(s) of {self.center['name']}: "
                        f"{len(self.nodes)} node(s)", ("distance", "type", "name", "id"),
                        [(n["distance"], n["type"], n["name"], n["id"]) for n in self.nodes]),
                Section("edges", ("from", "relation", "to", "date"),
                        [(names[e["source"]], e["relation"], names[e["target"]], e["date"])
                         for e in self.edges])]


def ego(G: nx.MultiDiGraph, node: str, hops: int = 1) -> Ego:
    """The nodes within ``hops`` edges of ``node`` (either direction) and the edges among them."""
    if hops < 0:
        raise QueryError(f"hops must be 0 or more, not {hops}")
    center = resolve(G, node)
    distance = {center: 0}
    todo = deque([center])
    while todo:
        current = todo.popleft()
        if distance[current] >= hops:
            continue
        for other in sorted(set(G.successors(current)) | set(G.predecessors(current))):
            if other not in distance:
                distance[other] = distance[current] + 1
                todo.append(other)
    nodes = [{**_ref(G, n), "distance": d}
             for n, d in sorted(distance.items(), key=lambda item: (item[1], item[0]))]
    edges = [{"source": u, "target": v, "relation": k, "date": data.get("date")}
             for u, v, k, data in G.subgraph(distance).edges(keys=True, data=True)]
    edges.sort(key=lambda e: (e["source"], e["target"], e["relation"]))
    return Ego(_ref(G, center), hops, nodes, edges)


# --- find ------------------------------------------------------------------------------------

@dataclass
class Find(_Result):
    """Nodes whose names contain or resemble a text, best first."""

    QUERY: ClassVar[str] = "find"
    text: str
    matches: list[dict[str, Any]] = field(default_factory=list)

    def sections(self) -> list[Section]:
        return [Section(f"{len(self.matches)} match(es) for {self.text!r}",
                        ("score", "type", "name", "city", "id"),
                        [(f"{m['score']:.2f}", m["type"], m["name"], m["city"], m["id"])
                         for m in self.matches])]


def find(G: nx.MultiDiGraph, text: str, limit: int = 20,
         types: Iterable[str] | None = None) -> Find:
    """Search names, aliases and full place names: exact (score 1), prefix (0.9), substring
    (0.8), then fuzzy (difflib ratio below 0.8).

    On a store's index of many names, only candidates are scored (see
    :meth:`casegraph.index.IndexGraph.find_candidates`): the shortest names holding the text
    and, where they are too few, names that share the text's rarest characters.

    Raises
    ------
    QueryError
        If nothing contains or resembles ``text``.
    """
    target = _clean(text)
    wanted = tuple(types) if types else None
    scored = []
    rows: Iterable[tuple[str, list[str]]] | None = None
    if hasattr(G, "name_rows"):  # a store's index
        candidates = G.find_candidates(target, limit, wanted)
        if candidates is None:  # a small index: score every name, as in a graph
            holding = G.containing(target, wanted)
            # as many nodes as asked for hold the text (score 0.8 or more): no other can be
            # among the best, so the fuzzy scan of every name is not needed
            candidates = holding if len(holding) >= limit else None
        rows = G.name_rows(wanted, candidates)
    else:
        rows = ((node, _names(data) + [_clean(node)]) for node, data in G.nodes(data=True)
                if wanted is None or data.get("type") in wanted)
    for node, names in rows:
        best, matched = 0.0, None
        for name in names:
            score = score_name(target, name)
            if score > best:
                best, matched = score, name
        if best >= FIND_CUT:
            scored.append({**_ref(G, node), "score": round(best, 3), "matched": matched})
    if not scored:
        raise QueryError(f"nothing matches {text!r}")
    scored.sort(key=lambda m: (-m["score"], len(m["name"] or ""), m["id"]))
    return Find(text, scored[:limit])


def fuzzy_lengths(length: int) -> tuple[int, int]:
    """The shortest and longest name ``find`` scores as near (not holding) a text."""
    spread = max(length, 4)
    return max(0, length - spread), length + spread


#: The lowest score ``find`` reports.
FIND_CUT = 0.5


def score_name(target: str, name: str) -> float:
    """How well ``name`` matches the search text ``target`` (both cleaned): 1 equal, 0.9
    prefix, 0.8 substring, else 0.79 times difflib's ratio."""
    if not target:
        return 0.0
    if name == target:
        return 1.0
    if name.startswith(target):
        return 0.9
    if target in name:
        return 0.8
    shortest, longest = fuzzy_lengths(len(target))
    if not shortest <= len(name) <= longest:
        return 0.0
    matcher = difflib.SequenceMatcher(None, target, name)
    if 0.79 * matcher.quick_ratio() < FIND_CUT:  # an upper bound of ratio(): below the cut
        return 0.0
    return 0.79 * matcher.ratio()


# --- stats -----------------------------------------------------------------------------------

@dataclass
class Stats(_Result):
    """Counts by type, relation, city, district and date; top places by cases."""

    QUERY: ClassVar[str] = "stats"
    documents: int
    nodes: int
    edges: int
    by_type: dict[str, int] = field(default_factory=dict)
    by_relation: dict[str, int] = field(default_factory=dict)
    cases_by_city: dict[str, int] = field(default_factory=dict)
    cases_by_district: dict[str, int] = field(default_factory=dict)
    cases_by_date: dict[str, int] = field(default_factory=dict)
    top_places: list[dict[str, Any]] = field(default_factory=list)

    def sections(self) -> list[Section]:
        def table(title: str, counts: dict[str, int], head: str) -> Section:
            return Section(title, (head, "count"), list(counts.items()))

        return [Section("totals", ("documents", "nodes", "edges"),
                        [(self.documents, self.nodes, self.edges)]),
                table("nodes by type", self.by_type, "type"),
                table("edges by relation", self.by_relation, "relation"),
                table("cases by city", self.cases_by_city, "city"),
                table("cases by district", self.cases_by_district, "district"),
                table("cases by date first reported", self.cases_by_date, "date"),
                Section("top places by cases", ("cases", "place", "city", "id"),
                        [(p["cases"], p["name"], p["city"], p["id"]) for p in self.top_places])]


def stats(G: nx.MultiDiGraph, top: int = 10) -> Stats:
    """Counts of the graph; cases by city, district and the date first reported; the ``top``
    places by number of distinct cases tied to them."""
    if top == 10 and hasattr(G, "summary"):
        done = G.summary("stats")  # worked out when the store's index was written
        if done is not None:
            return result_from_dict(done)
    if hasattr(G, "case_tallies"):  # a store's index counts them itself
        types, cities, districts, dates = G.case_tallies()
    else:
        types, cities, districts, dates = Counter(), Counter(), Counter(), Counter()
        for _node, data in G.nodes(data=True):
            types[str(data.get("type"))] += 1
            if data.get("type") == "case":
                cities[str(data.get("city") or "?")] += 1
                districts[str(data.get("district") or "?")] += 1
                dates[str(_first_date(data) or "?")] += 1
    relations = G.relation_counts() if hasattr(G, "relation_counts") else \
        Counter(str(k) for _u, _v, k in G.edges(keys=True))
    if hasattr(G, "case_counts"):
        places = list(G.case_counts().items())
    else:
        places = [(n, _case_count(G, n)) for n, d in G.nodes(data=True)
                  if d.get("type") in PLACE_TYPES]
    places = sorted((p for p in places if p[1]), key=lambda p: (-p[1], p[0]))[:top]
    return Stats(len(G.graph.get("documents") or {}), G.number_of_nodes(),
                 G.number_of_edges(), _sorted(types), _sorted(relations), _sorted(cities),
                 _sorted(districts), dict(sorted(dates.items())),
                 [{**_ref(G, n), "cases": c} for n, c in places])


def _sorted(counts: Counter[str]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


_RESULTS: dict[str, type] = {cls.QUERY: cls for cls in (Chain, Path, Clusters, Place, Timeline,
                                                         Ego, Find, Stats)}
