"""The questions, each written once against a graph's backend (:mod:`casegraph.query.backends`).

Every question is a pure function of the graph (and, for evidence text, a lookup) and returns
a result of :mod:`casegraph.query.results`. A name that matches nothing raises
:class:`~casegraph.errors.QueryError` with near matches.
"""
from __future__ import annotations

import difflib
from collections import Counter, defaultdict, deque
from datetime import date as _date
from typing import Any, Callable, Iterable, Mapping

import networkx as nx

from casegraph.errors import QueryError
from casegraph.merge.keys import place_name
from casegraph.names import FIND_CUT, clean_name, node_names, score_name
from casegraph.query.backends import Backend, backend, first_date
from casegraph.query.exposure import HUB_CASES, exposure_path, joins_cases, within
from casegraph.query.results import Chain, Clusters, Ego, Find, Path, Place, Stats, Timeline, \
    result_from_dict
from casegraph.schema import PLACE_EXPOSURE_RELATIONS as EXPOSURE_RELATIONS
from casegraph.schema import PLACE_TYPES, SAME_DAY_PLACE_KINDS

__all__ = ["chain", "path", "clusters", "place", "timeline", "ego", "find", "stats", "resolve",
           "EXPOSURE_RELATIONS"]

DATE_ATTRS = ("onset_date", "positive_date", "diagnosis_date")
_NEAR = 5  # near matches offered when a name matches nothing

Evidence = Callable[[Mapping[str, Any]], "str | None"]


def resolve(G: Any, name: str, types: Iterable[str] | None = None) -> str:
    """The id of the node called ``name`` (an id, a name, an alias or a full place name).

    Raises
    ------
    QueryError
        If nothing is called so (near matches are suggested) or several nodes are.
    """
    B = backend(G)
    G = B.graph
    wanted = tuple(types) if types else None
    if name in G and (wanted is None or G.nodes[name].get("type") in wanted):
        return name
    target = clean_name(name)
    hits = B.named(target, wanted)
    if len(hits) == 1:
        return hits[0]
    what = "/".join(wanted) if wanted else "node"
    if hits:
        shown = ", ".join(hits[:10]) + (", ..." if len(hits) > 10 else "")
        raise QueryError(f"{name!r} names {len(hits)} {what}s: {shown} (give the id)")
    raise QueryError(f"no {what} named {name!r}{_suggest(B, target, wanted)}")


def _suggest(B: Backend, target: str, types: tuple[str, ...] | None) -> str:
    pool: dict[str, str] = {}
    for node, data in B.suggestion_pool(target, types):
        for n in node_names(data):
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


def _case_date(data: Mapping[str, Any]) -> str | None:
    for attr in ("diagnosis_date", "positive_date", "onset_date"):
        if data.get(attr):
            return data[attr]
    return first_date(data)


def chain(G: nx.MultiDiGraph, case: str, max_depth: int | None = None) -> Chain:
    """The transmission chain of ``case``: upstream (whose close contact it was, and so on)
    and downstream (its close contacts who became cases), breadth first, with dates.

    An edge ``a -> b`` of relation ``close_contact`` means b was a close contact of a.
    """
    G = backend(G).graph
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


def path(G: nx.MultiDiGraph, a: str, b: str, relations: Iterable[str] | None = None,
         via: str = "exposure", hub: int = HUB_CASES) -> Path:
    """A shortest path between nodes ``a`` and ``b``, edges taken in either direction
    (optionally only edges of ``relations``). By default (``via="exposure"``) only links that
    mean exposure are walked and no travel context, generic facility or hub is walked through
    (see :mod:`casegraph.query.exposure`); ``via="all"`` walks every edge.

    Raises
    ------
    QueryError
        If a name matches nothing, or the two are not connected.
    """
    B = backend(G)
    G = B.graph
    u, v = resolve(B, a), resolve(B, b)
    allowed = set(relations) if relations else None
    edges = B.path_edges(u, v, allowed) if via == "all" else \
        exposure_path(G, u, v, via, hub, allowed)
    if edges is None:
        how = "" if via == "all" else " by exposure links (--via all walks every link)"
        raise QueryError(f"{a!r} and {b!r} are not connected{how}")
    steps, at = [], u
    for x, y, key, data in edges:
        forward = x == at
        steps.append({"from": x, "to": y, "from_name": G.nodes[x].get("name"),
                      "to_name": G.nodes[y].get("name"), "relation": key,
                      "date": data.get("date"), "arrow": "->" if forward else "<-"})
        at = y if forward else x
    return Path(_ref(G, u), _ref(G, v), steps, via)


def clusters(G: nx.MultiDiGraph, min_size: int = 2, window_days: int = 14,
             hub: int = HUB_CASES) -> Clusters:
    """Groups of cases joined by exposure, sorted by size, then first date.

    Two cases are joined by a ``close_contact`` edge, or by a specific place both are tied to
    (``resides_at``, ``works_at``, ``visited``, ``linked_to``) at dates at most
    ``window_days`` apart (the edge's date, else the case's diagnosis, positive, onset or
    first report date); a vehicle (a flight, a train) or a facility (a hospital or clinic
    visited) joins only on the same day. The visits to a place are grouped from the first,
    each group spanning at most the window (no chain of visits a fortnight apart). A place that
    is travel context (a country, city, district, airport or port: 丰台区, 武汉, 法国,
    浦东机场), a generic facility (定点医院, 发热门诊) or a hub tied to more than ``hub``
    cases joins no one; the result lists the hubs it set aside, and each cluster the links
    that join it.
    """
    B = backend(G)
    G = B.graph
    if (min_size, window_days, hub) == (2, 14, HUB_CASES):
        done = B.summary("clusters")  # worked out when the store's index was written
        if done is not None:
            return Clusters(done["clusters"], done.get("set_aside", []))
    union = _UnionFind()
    at_place: dict[str, list[tuple[str, str]]] = defaultdict(list)
    dated: dict[str, list[str]] = defaultdict(list)
    links: dict[str, list[list[Any]]] = defaultdict(list)  # first case -> the links it made
    same_day: set[str] = set()  # vehicles and facilities: a visit is brief
    # read once per place and case, not once per edge (a store's index reads them all in SQL)
    facts: dict[str, tuple[Any, ...]] = B.place_levels()
    case_dates: dict[str, str | None] = B.case_dates()

    def case_date(case: str) -> str | None:
        if case not in case_dates:
            case_dates[case] = _case_date(G.nodes[case])
        return case_dates[case]

    def place_facts(place: str) -> tuple[Any, ...]:
        if place not in facts:
            data = G.nodes[place]
            facts[place] = (data.get("name"), data.get("admin_level"), data.get("kind"))
        return facts[place]

    for u, v, key, date, v_type in B.case_edges({"close_contact", *EXPOSURE_RELATIONS}):
        if key == "close_contact" and v_type == "case":
            union(u, v)
            links[u].append([u, v, "close_contact", date, date])
        elif key in EXPOSURE_RELATIONS and v_type in PLACE_TYPES:
            name, level, kind = place_facts(v)
            if not joins_cases({"name": name or "", "admin_level": level, "kind": kind}):
                continue
            at_place[v].append((date or case_date(u) or "9999-12-31", u))
            if v_type == "facility" or kind in SAME_DAY_PLACE_KINDS:
                same_day.add(v)
            union.find(u)
        else:
            continue
        if date:
            dated[u].append(date)
    set_aside, places_of = [], defaultdict(set)
    for node, visits in at_place.items():
        cases_here = {case for _when, case in visits}
        if len(cases_here) > hub:
            set_aside.append({"id": node, "cases": len(cases_here),
                              "reason": f"a hub tied to more than {hub} cases"})
            continue
        window = 0 if node in same_day else window_days
        visits.sort()
        d1, c1 = visits[0]  # each group of visits spans at most the window from its first
        for d2, c2 in visits[1:]:
            if _gap(d1, d2) > window:
                d1, c1 = d2, c2
            elif c1 != c2:
                union(c1, c2)
                links[c1].append([c1, c2, node, d1, d2])
        for _when, case in visits:
            places_of[case].add(node)
    groups: dict[str, list[str]] = defaultdict(list)
    for node in union.parent:
        groups[union.find(node)].append(node)
    groups_found: list[tuple[list[str], list[str], list[str]]] = []  # cases, places, dates
    for members in groups.values():
        cases = sorted(members)
        if len(cases) < min_size:
            continue
        shared = Counter(p for c in cases for p in places_of[c])
        places = sorted(p for p, n in shared.items() if n > 1)
        dates = [d for c in cases for d in [case_date(c), *dated[c]] if d]
        groups_found.append((cases, places, dates))
    names = B.names_of([n for cases, places, _ in groups_found for n in cases + places]
                       + [a["id"] for a in set_aside])
    found = [{"size": len(cases), "first_date": min(dates) if dates else None,
              "last_date": max(dates) if dates else None, "cases": cases,
              "case_names": [names[n] for n in cases], "places": places,
              "place_names": [names[n] for n in places],
              "links": sorted(link for c in cases for link in links.get(c, ()))}
             for cases, places, dates in groups_found]
    found.sort(key=lambda c: (-c["size"], c["first_date"] or "9999", c["cases"][0]))
    for rank, cluster in enumerate(found, 1):
        cluster["rank"] = rank
    set_aside.sort(key=lambda a: (-a["cases"], a["id"]))
    return Clusters(found, [{**a, "name": names[a["id"]]} for a in set_aside])


class _UnionFind:
    """Cases joined into groups (``union(a, b)``; ``find(a)`` gives a group's first case)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def __call__(self, x: str, y: str) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.parent[max(rx, ry)] = min(rx, ry)


def _gap(a: str, b: str) -> int:
    try:
        return abs((_date.fromisoformat(b) - _date.fromisoformat(a)).days)
    except ValueError:
        return 1 << 30


def place(G: nx.MultiDiGraph, name: str, city: str | None = None) -> Place:
    """The cases tied to the place ``name`` by relation and date, and the places inside it
    (those whose administrative path or name it opens: ``丰台区`` holds
    ``东木樨园14号楼``). ``city`` narrows a name several cities share."""
    B = backend(G)
    G = B.graph
    target = clean_name(name)
    places = [(n, d) for n, d in B.place_candidates(target, name, city)
              if d.get("type") in PLACE_TYPES and (city is None or d.get("city") == city)]
    matched = sorted(n for n, d in places if target in node_names(d) or n == name
                     or place_name(target, d.get("city"), d["type"]) == d.get("name"))
    inside = sorted(n for n, d in places if n not in matched and _inside(target, d))
    if not matched and not inside:
        raise QueryError(f"no place named {name!r}"
                         f"{_suggest(B, target, PLACE_TYPES)}")
    data_of = dict(places)
    cases = [{"date": date, "case": case, "case_name": case_name, "relation": key,
              "place": node, "place_name": data_of[node].get("name")}
             for node in matched + inside for case, key, date, case_name in B.cases_at(node)]
    cases.sort(key=lambda c: (c["date"] or "9999", c["case"], c["relation"], c["place"]))
    held = [{"id": n, "name": data_of[n].get("name"), "cases": B.case_count(n)}
            for n in inside]
    refs = [{**_ref(G, n), "full_name": G.nodes[n].get("full_name")} for n in matched]
    return Place(name, refs, cases, held)


def _inside(target: str, data: Mapping[str, Any]) -> bool:
    path = [clean_name(p) for p in data.get("admin_path") or ()]
    if target in path[:-1] or target == data.get("district"):
        return True
    full = clean_name(data.get("full_name") or data.get("name") or "")
    own = clean_name(data.get("name") or "")
    return len(own) > len(target) and (own.startswith(target) or
                                       (full.startswith(target) and full != target))


def timeline(G: nx.MultiDiGraph, case: str, evidence: Evidence | None = None) -> Timeline:
    """Every dated fact about ``case`` in date order: its reports (one per bulletin), onset,
    positive and diagnosis dates, and dated edges (contacts, places, isolation, admission),
    each with the document and, given ``evidence``, the sentence that states it."""
    G = backend(G).graph
    node = resolve(G, case, ("case",))
    data = G.nodes[node]
    events = []
    by_doc = _sources_by_doc(data.get("sources"))
    for doc, sources in by_doc.items():
        events.append(_event(sources[0].get("date"), "reported", doc, doc, sources, evidence))
    for attr in DATE_ATTRS:
        for value, doc in _values_of(data, attr):
            fact = attr.replace("_date", "")
            events.append(_event(value, fact, "", doc,
                                 _stating(by_doc.get(doc, []), fact, value, evidence), evidence))
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


#: Words that state each dated fact of a case (its sentence is cited, not all of the case's).
FACT_CUES = {"onset": ("症状", "发病", "发热", "咳嗽", "不适", "乏力"),
             "positive": ("阳性", "异常"), "diagnosis": ("诊断", "确诊", "确定为", "订正")}


def _stating(sources: list[dict], fact: str, value: str, evidence: Evidence | None) -> list[dict]:
    """The sources whose sentence states ``fact`` on the day ``value``: the day printed
    (``4月13日``, ``13日``) and a word for the fact, else the day alone; all of them where no
    sentence is known or none says so."""
    if evidence is None or not sources or not value:
        return sources
    try:
        day = _date.fromisoformat(str(value)[:10])
    except ValueError:
        return sources
    days = (f"{day.month}月{day.day}日", f"{day.day}日")
    texts = [(s, evidence(s) or "") for s in sources]
    dated = [(s, t) for s, t in texts if any(d in t for d in days)]
    stated = [s for s, t in dated if any(cue in t for cue in FACT_CUES.get(fact, ()))]
    return stated or [s for s, _t in dated] or sources


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


def ego(G: nx.MultiDiGraph, node: str, hops: int = 1, via: str = "exposure",
        hub: int = HUB_CASES) -> Ego:
    """The nodes within ``hops`` links of ``node`` (either direction) and the edges among
    them. By default only links that mean exposure are walked, and a node that is travel
    context, a generic facility or a hub is reached but not walked through
    (:mod:`casegraph.query.exposure`); the result says what was set aside. ``via="all"``
    walks every edge."""
    if hops < 0:
        raise QueryError(f"hops must be 0 or more, not {hops}")
    G = backend(G).graph
    center = resolve(G, node)
    distance, aside = within(G, center, hops, via, hub)
    nodes = [{**_ref(G, n), "distance": d}
             for n, d in sorted(distance.items(), key=lambda item: (item[1], item[0]))]
    edges = [{"source": u, "target": v, "relation": k, "date": data.get("date")}
             for u, v, k, data in G.subgraph(distance).edges(keys=True, data=True)
             if via == "all" or k in ("close_contact", "has_contacts", *EXPOSURE_RELATIONS)]
    edges.sort(key=lambda e: (e["source"], e["target"], e["relation"]))
    return Ego(_ref(G, center), hops, nodes, edges, via, dict(sorted(aside.items())))


def find(G: nx.MultiDiGraph, text: str, limit: int = 20,
         types: Iterable[str] | None = None) -> Find:
    """Search names, aliases and full place names: exact (score 1), prefix (0.9), substring
    (0.8), then fuzzy (difflib ratio below 0.8).

    On a store's index of many names, only candidates are scored (see
    :meth:`casegraph.query.backends.IndexBackend.find_candidates`): the shortest names holding the text
    and, where they are too few, names that share the text's rarest characters.

    Raises
    ------
    QueryError
        If nothing contains or resembles ``text``.
    """
    B = backend(G)
    G = B.graph
    target = clean_name(text)
    wanted = tuple(types) if types else None
    scored = []
    for node, names in B.name_rows(target, limit, wanted):
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


def stats(G: nx.MultiDiGraph, top: int = 10) -> Stats:
    """Counts of the graph; cases by city, district and the date first reported; the ``top``
    places by number of distinct cases tied to them."""
    B = backend(G)
    G = B.graph
    if top == 10:
        done = B.summary("stats")  # worked out when the store's index was written
        if done is not None:
            return result_from_dict(done)
    types, cities, districts, dates = B.tallies()
    relations = B.relation_counts()
    places = list(B.case_counts().items())
    places = sorted((p for p in places if p[1]), key=lambda p: (-p[1], p[0]))[:top]
    return Stats(len(G.graph.get("documents") or {}), G.number_of_nodes(),
                 G.number_of_edges(), _sorted(types), _sorted(relations), _sorted(cities),
                 _sorted(districts), dict(sorted(dates.items())),
                 [{**_ref(G, n), "cases": c} for n, c in places])


def _sorted(counts: Counter[str]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

