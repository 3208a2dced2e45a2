"""Where the questions read the graph: a networkx graph in memory, or a store's index.

A question (:mod:`casegraph.query.questions`) is written once against :class:`Backend`:
``B.graph``, the graph itself as networkx has it (``nodes[n]``, ``in_edges``, ``out_edges``,
``successors``, ``predecessors``, ``subgraph``), and the lookups below, which a networkx
graph answers by scanning (:class:`NetworkxBackend`) and a store's query index
(:class:`casegraph.store.index.IndexGraph`) by SQL (:class:`IndexBackend`). :func:`backend`
picks one, once per question, by the graph's type, as networkx dispatches an algorithm to
the backend a graph names.
"""
from __future__ import annotations

import json
from collections import Counter
from typing import Any, Iterable, Iterator, Mapping, Protocol

import networkx as nx

from casegraph.names import FIND_CUT, clean_name, fuzzy_lengths, node_names, score_name
from casegraph.schema import PLACE_TYPES
from casegraph.store.graphs import select_rows_in
from casegraph.store.index import AREA, ID, NAME, IndexGraph, _rows, _spaced

__all__ = ["Backend", "backend", "NetworkxBackend", "IndexBackend"]

#: Below this many distinct names, ``find`` scores every name; above it, only candidates
#: from the character index (see :meth:`IndexBackend.find_candidates`).
FULL_SCAN_NAMES = 200_000
#: Names taken from each kind of candidate (exact, prefix, substring, fuzzy) per result asked.
_CANDIDATES_PER_RESULT = 50
#: Fuzzy candidates come from the text's rarest characters, up to this many names holding them.
_FUZZY_POSTINGS = 300_000
_LAST = "\U0010ffff"
#: Edge = (source, target, relation, attributes)
Edge = tuple[str, str, str, dict]


class Backend(Protocol):
    """What a question needs of a graph besides ``graph`` (networkx's node and edge API)."""

    graph: Any

    def named(self, target: str, types: Iterable[str] | None) -> list[str]:
        """The nodes one of whose names (name, full name, alias; cleaned) is ``target``."""

    def suggestion_pool(self, target: str, types: Iterable[str] | None
                        ) -> Iterable[tuple[str, Mapping[str, Any]]]:
        """``(node, attributes)`` whose names near matches of ``target`` are taken from."""

    def summary(self, name: str) -> dict[str, Any] | None:
        """The answer of the whole-graph question ``name`` worked out ahead, if any."""

    def place_levels(self) -> dict[str, tuple[Any, Any]]:
        """``{place: (name, admin_level, kind)}`` where read ahead, in bulk (``clusters``
        reads the others one by one)."""

    def case_dates(self) -> dict[str, str | None]:
        """Each case's date as ``clusters`` reads it, where known ahead."""

    def case_edges(self, relations: Iterable[str]
                   ) -> Iterator[tuple[str, str, str, Any, str | None]]:
        """``(case, other end, relation, date, other end's type)`` of the edges of
        ``relations`` that leave a case."""

    def names_of(self, nodes: list[str]) -> dict[str, Any]:
        """``{node: its name}``."""

    def place_candidates(self, target: str, name: str, city: str | None
                         ) -> Iterable[tuple[str, Mapping[str, Any]]]:
        """``(node, attributes)`` of the nodes ``place`` looks at for the place ``target``
        (every node, or those a name or area of which ``target`` opens)."""

    def cases_at(self, node: str) -> list[tuple[str, str, Any, Any]]:
        """``(case, relation, date, case name)`` of the edges from cases into ``node``."""

    def case_count(self, node: str) -> int:
        """How many distinct cases have an edge to ``node``."""

    def case_counts(self) -> dict[str, int]:
        """:meth:`case_count` of every place."""

    def name_rows(self, target: str, limit: int, types: Iterable[str] | None
                  ) -> Iterable[tuple[str, list[str]]]:
        """``(node, its names and id)`` of the nodes ``find`` scores for ``target``."""

    def tallies(self) -> tuple[Counter[str], Counter[str], Counter[str], Counter[str]]:
        """Nodes by type; cases by city, district and the date first reported."""

    def relation_counts(self) -> Counter[str]:
        """Edges by relation."""

    def path_edges(self, u: str, v: str, allowed: set[str] | None) -> list[Edge] | None:
        """The edges of a shortest path from ``u`` to ``v``, each in its own direction
        (only edges of ``allowed`` relations, if given); None if they are not connected."""


def backend(G: Any) -> Backend:
    """The backend of ``G``: a store's index, or a networkx graph (a backend is its own)."""
    if isinstance(G, (NetworkxBackend, IndexBackend)):
        return G
    if isinstance(G, IndexGraph):
        return IndexBackend(G)
    return NetworkxBackend(G)


def first_date(data: Mapping[str, Any]) -> str | None:
    """The earliest date of a node's sources (the day it was first reported); a date is an
    ISO string (a store edited by hand may hold other values there: they are passed over)."""
    dates = [s.get("date") for s in data.get("sources") or ()
             if isinstance(s.get("date"), str) and s.get("date")]
    return min(dates) if dates else None


class NetworkxBackend:
    """The lookups on a networkx graph held in memory: each one scans the graph."""

    def __init__(self, G: nx.MultiDiGraph):
        self.graph = G

    def named(self, target: str, types: Iterable[str] | None) -> list[str]:
        return sorted(n for n, d in self.graph.nodes(data=True)
                      if (types is None or d.get("type") in types) and target in node_names(d))

    def suggestion_pool(self, target: str, types: Iterable[str] | None
                        ) -> Iterable[tuple[str, Mapping[str, Any]]]:
        return ((n, d) for n, d in self.graph.nodes(data=True)
                if types is None or d.get("type") in types)

    def summary(self, name: str) -> None:
        return None

    def place_levels(self) -> dict[str, tuple[Any, Any]]:
        return {}

    def case_dates(self) -> dict[str, str | None]:
        return {}

    def case_edges(self, relations: Iterable[str]
                   ) -> Iterator[tuple[str, str, str, Any, str | None]]:
        relations = set(relations)
        types = nx.get_node_attributes(self.graph, "type")
        for u, v, key, data in self.graph.edges(keys=True, data=True):
            if key in relations and types.get(u) == "case":
                yield u, v, key, data.get("date"), types.get(v)

    def names_of(self, nodes: list[str]) -> dict[str, Any]:
        return {node: self.graph.nodes[node].get("name") for node in nodes}

    def place_candidates(self, target: str, name: str, city: str | None
                         ) -> Iterable[tuple[str, Mapping[str, Any]]]:
        return self.graph.nodes(data=True)

    def cases_at(self, node: str) -> list[tuple[str, str, Any, Any]]:
        G = self.graph
        return [(u, key, data.get("date"), G.nodes[u].get("name"))
                for u, _v, key, data in G.in_edges(node, keys=True, data=True)
                if G.nodes[u].get("type") == "case"]

    def case_count(self, node: str) -> int:
        G = self.graph
        return len({u for u, _v in G.in_edges(node) if G.nodes[u].get("type") == "case"})

    def case_counts(self) -> dict[str, int]:
        return {n: self.case_count(n) for n, d in self.graph.nodes(data=True)
                if d.get("type") in PLACE_TYPES}

    def name_rows(self, target: str, limit: int, types: Iterable[str] | None
                  ) -> Iterable[tuple[str, list[str]]]:
        return ((node, node_names(data) + [clean_name(node)])
                for node, data in self.graph.nodes(data=True)
                if types is None or data.get("type") in types)

    def tallies(self) -> tuple[Counter[str], Counter[str], Counter[str], Counter[str]]:
        types, cities, districts, dates = Counter(), Counter(), Counter(), Counter()
        for _node, data in self.graph.nodes(data=True):
            types[str(data.get("type"))] += 1
            if data.get("type") == "case":
                cities[str(data.get("city") or "?")] += 1
                districts[str(data.get("district") or "?")] += 1
                dates[str(first_date(data) or "?")] += 1
        return types, cities, districts, dates

    def relation_counts(self) -> Counter[str]:
        return Counter(str(k) for _u, _v, k in self.graph.edges(keys=True))

    def path_edges(self, u: str, v: str, allowed: set[str] | None) -> list[Edge] | None:
        G = self.graph
        H = G if allowed is None else G.edge_subgraph(
            [e for e in G.edges(keys=True) if e[2] in allowed])
        undirected = H.to_undirected(as_view=True)
        try:
            nodes = nx.shortest_path(undirected, u, v) if u in H and v in H else None
        except nx.NetworkXNoPath:
            nodes = None
        if nodes is None:
            return None
        edges = []
        for x, y in zip(nodes, nodes[1:]):
            forward = sorted((k, d) for k, d in (H.get_edge_data(x, y) or {}).items())
            backward = sorted((k, d) for k, d in (H.get_edge_data(y, x) or {}).items())
            relation, data = (forward or backward)[0]
            start, end = (x, y) if forward else (y, x)
            edges.append((start, end, relation, data))
        return edges


class IndexBackend:
    """The lookups on a store's query index (:class:`casegraph.store.index.IndexGraph`),
    each one read by SQLite from the index's tables: a question to a store of millions of
    nodes reads what it needs, never the whole graph."""

    def __init__(self, index: IndexGraph):
        self.graph = index
        self._db = index.connection

    def suggestion_pool(self, target: str, types: Iterable[str] | None
                        ) -> Iterable[tuple[str, Mapping[str, Any]]]:
        """Nodes with a name sharing ``target``'s first character."""
        return ((node, self.graph.nodes[node])
                for node in self.starting_with(target[:1], types, kinds=(NAME,))[:50_000])

    def place_candidates(self, target: str, name: str, city: str | None
                         ) -> Iterable[tuple[str, Mapping[str, Any]]]:
        """Only the places a name or area of which ``target`` opens."""
        from casegraph.merge.keys import place_name

        found = set(self.starting_with(target, PLACE_TYPES))
        for where in {None, city}:
            for ptype in PLACE_TYPES:
                found.update(self.named(place_name(target, where, ptype), PLACE_TYPES))
        if name in self.graph:
            found.add(name)
        return ((n, self.graph.nodes[n]) for n in sorted(found))

    def name_rows(self, target: str, limit: int, types: Iterable[str] | None
                  ) -> Iterable[tuple[str, list[str]]]:
        """On an index of many names, only candidates (see :meth:`find_candidates`)."""
        candidates = self.find_candidates(target, limit, types)
        if candidates is None:  # a small index: score every name, as in a graph
            holding = self.containing(target, types)
            # as many nodes as asked for hold the text (score 0.8 or more): no other can be
            # among the best, so the fuzzy scan of every name is not needed
            candidates = holding if len(holding) >= limit else None
        return self._name_rows(types, candidates)

    def path_edges(self, u: str, v: str, allowed: set[str] | None) -> list[Edge] | None:
        """A breadth-first walk from both ends at once, each step one node's edges."""
        G = self.graph

        def steps_from(node: str) -> Iterator[tuple[str, Edge]]:
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
            return None
        edges: list[Edge] = []
        node = meet
        while came[0][node] is not None:
            node, edge = came[0][node]
            edges.insert(0, edge)
        node = meet
        while came[1][node] is not None:
            node, edge = came[1][node]
            edges.append(edge)
        return edges

    def named(self, term: str, types: Iterable[str] | None = None) -> list[str]:
        """The nodes one of whose names (name, full name, alias) is ``term``."""
        return sorted(n for n, t in self._db.execute(
            "SELECT DISTINCT node, type FROM terms WHERE term = ? AND kind = ?", (term, NAME))
            if types is None or t in types)

    def starting_with(self, prefix: str, types: Iterable[str] | None = None,
                      kinds: Iterable[int] = (NAME, AREA)) -> list[str]:
        """The nodes with a name or an area that starts with ``prefix``."""
        kinds = tuple(kinds)
        rows = self._db.execute(
            "SELECT DISTINCT node, type FROM terms WHERE term >= ? AND term < ? AND kind IN "
            f"({','.join('?' * len(kinds))})", (prefix, prefix + _LAST, *kinds))
        return sorted(n for n, t in rows if types is None or t in types)

    def containing(self, text: str, types: Iterable[str] | None = None) -> list[str]:
        """The nodes with a name or id that contains ``text``."""
        return sorted({n for n, t in self._db.execute(
            f"SELECT node, type FROM terms WHERE kind IN ({NAME}, {ID}) AND instr(term, ?) > 0",
            (text,)) if types is None or t in types})

    def find_candidates(self, text: str, limit: int,
                        types: Iterable[str] | None = None) -> list[str] | None:
        """The nodes ``find`` scores for ``text`` on a large index, else None (score all).

        The names holding ``text`` (exact, prefix, substring), shortest first, as many per
        kind as a result needs; where their nodes are fewer than ``limit``, also names of a
        similar length that hold the text's rarest characters, best ranked (BM25) first: a
        name that shares none of them is no near match. Of these names, only the nodes of
        the best scoring ones are returned: enough for ``limit`` results, ties included.
        """
        count = self._db.execute("SELECT max(id) FROM names").fetchone()[0] or 0
        if count < FULL_SCAN_NAMES:
            return None
        cap = limit * _CANDIDATES_PER_RESULT
        tokens = _spaced(text).split()
        terms = {text}
        if tokens:
            phrase = '"' + " ".join(tokens) + '"'
            for match in ("^" + phrase, phrase):
                terms.update(self._name_terms("name_chars MATCH ?", (match,), cap))
        nodes = self._nodes_of_best(text, terms, limit, types)
        if len(nodes) < limit and tokens:
            nodes |= self._nodes_of_best(text, self._similar_terms(text, tokens, cap), limit,
                                         types)
        if ":" in text:
            nodes.update(self.starting_with(text, types, kinds=(ID,))[:cap])
        return sorted(nodes)

    def _nodes_of_best(self, text: str, terms: Iterable[str], limit: int,
                       types: Iterable[str] | None) -> set[str]:
        """The nodes named by the best scoring of ``terms``: at least ``limit`` of them where
        there are, with every node whose name scores as well as the last one taken."""
        scored = sorted(((score_name(text, term), term) for term in terms),
                        key=lambda st: (-st[0], len(st[1]), st[1]))
        nodes: set[str] = set()
        cut = None
        for score, term in scored:
            if score < FIND_CUT or (cut is not None and score < cut):
                break
            nodes.update(self.named(term, types))
            if cut is None and len(nodes) >= limit:
                cut = score
            if len(nodes) >= limit * _CANDIDATES_PER_RESULT:
                break
        return nodes

    def _name_terms(self, where: str, args: tuple, cap: int, order: str = "rowid") -> list[str]:
        return [term for (term,) in self._db.execute(
            f"SELECT n.term FROM (SELECT rowid FROM name_chars WHERE {where} ORDER BY {order} "
            f"LIMIT {cap}) f JOIN names n ON n.id = f.rowid", args)]

    def _similar_terms(self, text: str, tokens: list[str], cap: int) -> list[str]:
        """Names of a length ``find`` may score that hold the rarest of ``tokens``."""
        counts = dict(self._db.execute(
            f"SELECT term, doc FROM name_vocab WHERE term IN ({','.join('?' * len(tokens))})",
            [t.lower() for t in tokens]))
        rare, total = [], 0
        for token in sorted(set(counts), key=counts.get):
            if rare and total + counts[token] > _FUZZY_POSTINGS:
                break
            rare.append(token)
            total += counts[token]
        if not rare:
            return []
        shortest, longest = fuzzy_lengths(len(text))
        low, high = self._db.execute(
            "SELECT min(first), max(last) FROM name_lengths WHERE length BETWEEN ? AND ?",
            (shortest, longest)).fetchone()
        if low is None:
            return []
        match = " OR ".join(f'"{token}"' for token in rare)
        return self._name_terms("name_chars MATCH ? AND rowid BETWEEN ? AND ?",
                                (match, low, high), cap, order="rank")

    def _name_rows(self, types: Iterable[str] | None = None, nodes: list[str] | None = None
                   ) -> Iterator[tuple[str, list[str]]]:
        """``(node, its names and id)`` for every node (of ``types``; of ``nodes``)."""
        wanted = None if types is None else set(types)
        if nodes is not None:  # looked up by id (the terms are not indexed by node)
            yield from self._names_by_id(sorted(nodes), wanted)
            return
        node, names = None, []
        rows = _rows(self._db, f"SELECT term, node, type FROM terms WHERE kind IN ({NAME}, {ID})"
                               " ORDER BY node, pos")
        for term, n, t in rows:
            if wanted is not None and t not in wanted:
                continue
            if n != node:
                if node is not None:
                    yield node, names
                node, names = n, []
            names.append(term)
        if node is not None:
            yield node, names

    def _names_by_id(self, nodes: list[str], wanted: set[str] | None
                     ) -> Iterator[tuple[str, list[str]]]:
        for node, ntype, name, full, aliases in select_rows_in(self._db, """
                SELECT n.id, t.type, json_extract(n.data, '$.name'),
                       json_extract(n.data, '$.full_name'), json_extract(n.data, '$.aliases')
                FROM nodes n JOIN node_types t ON t.id = n.id WHERE n.id IN ({})
                ORDER BY n.id""", nodes):
            if wanted is None or ntype in wanted:
                data = {"name": name, "full_name": full,
                        "aliases": json.loads(aliases) if aliases else ()}
                yield node, node_names(data) + [clean_name(node)]

    def case_count(self, node: str) -> int:
        """How many distinct cases have an edge to ``node``."""
        return self._db.execute(
            "SELECT count(DISTINCT e.source) FROM edges e JOIN node_types t ON t.id = e.source "
            "WHERE e.target = ? AND t.type = 'case'", (node,)).fetchone()[0]

    def cases_at(self, node: str) -> list[tuple[str, str, Any, Any]]:
        """``(case, relation, date, case name)`` of the edges from cases into ``node``."""
        return self._db.execute("""
            SELECT e.source, e.key, json_extract(e.data, '$.date'), json_extract(n.data, '$.name')
            FROM edges e JOIN node_types t ON t.id = e.source JOIN nodes n ON n.id = e.source
            WHERE e.target = ? AND t.type = 'case' ORDER BY e.source, e.key""",
                                (node,)).fetchall()

    def case_counts(self) -> dict[str, int]:
        """:meth:`case_count` of every place that has cases."""
        return dict(_rows(self._db, f"""
            SELECT e.target, count(DISTINCT e.source) FROM edges e
            JOIN node_types s ON s.id = e.source AND s.type = 'case'
            JOIN node_types p ON p.id = e.target AND p.type IN {PLACE_TYPES}
            GROUP BY e.target"""))

    def case_edges(self, relations: Iterable[str]) -> Iterator[tuple[str, str, str, Any, str]]:
        """``(case, other end, relation, date, other end's type)`` of every edge of
        ``relations`` that leaves a case (as :func:`casegraph.query.clusters` reads them)."""
        relations = sorted(relations)
        yield from _rows(self._db, f"""
            SELECT e.source, e.target, e.key, json_extract(e.data, '$.date'), t.type
            FROM edges e JOIN node_types s ON s.id = e.source AND s.type = 'case'
            JOIN node_types t ON t.id = e.target
            WHERE e.key IN ({','.join(map(_quoted, relations))})""")

    def tallies(self) -> tuple[Counter[str], Counter[str], Counter[str], Counter[str]]:
        """Nodes by type; cases by city, district and first reported date (as
        :func:`casegraph.query.stats` counts them), read by SQLite."""
        types = Counter({str(t): n for t, n in self._db.execute(
            "SELECT type, count(*) FROM node_types GROUP BY type")})
        cities, districts, dates = Counter(), Counter(), Counter()
        for city, district, first, count in self._db.execute("""
                SELECT coalesce(nullif(json_extract(n.data, '$.city'), ''), '?'),
                       coalesce(nullif(json_extract(n.data, '$.district'), ''), '?'),
                       coalesce((SELECT min(json_extract(s.value, '$.date'))
                                 FROM json_each(n.data, '$.sources') s
                                 WHERE json_extract(s.value, '$.date') != ''), '?'),
                       count(*)
                FROM nodes n JOIN node_types t ON t.id = n.id WHERE t.type = 'case'
                GROUP BY 1, 2, 3"""):
            cities[str(city)] += count
            districts[str(district)] += count
            dates[str(first)] += count
        return types, cities, districts, dates

    def case_dates(self) -> dict[str, str | None]:
        """Every case's date as :func:`casegraph.query.clusters` reads it (diagnosis, positive,
        onset, else first reported), read by SQLite (each node's JSON parsed once, its
        sources only where it has none of those dates)."""
        return dict(_rows(self._db, """
            WITH picked AS MATERIALIZED (
                SELECT n.id, json_extract(n.data, '$.diagnosis_date', '$.positive_date',
                                          '$.onset_date') dates
                FROM nodes n JOIN node_types t ON t.id = n.id WHERE t.type = 'case')
            SELECT id, coalesce(nullif(json_extract(dates, '$[0]'), ''),
                                nullif(json_extract(dates, '$[1]'), ''),
                                nullif(json_extract(dates, '$[2]'), ''),
                                (SELECT min(json_extract(s.value, '$.date'))
                                 FROM nodes n, json_each(n.data, '$.sources') s
                                 WHERE n.id = picked.id AND json_extract(s.value, '$.date') != ''))
            FROM picked"""))

    def place_levels(self) -> dict[str, tuple[Any, Any]]:
        """``{place: (name, admin_level, kind)}`` of every place."""
        return {node: (name, level, kind) for node, name, level, kind in _rows(self._db, f"""
                    SELECT id, json_extract(fields, '$[0]'), json_extract(fields, '$[1]'),
                           json_extract(fields, '$[2]') FROM (
                        SELECT n.id, json_extract(n.data, '$.name', '$.admin_level', '$.kind') fields
                        FROM nodes n JOIN node_types t ON t.id = n.id
                        WHERE t.type IN {PLACE_TYPES})""")}

    def names_of(self, nodes: list[str]) -> dict[str, Any]:
        """``{node: its name}`` for ``nodes``."""
        return dict(select_rows_in(
            self._db, "SELECT id, json_extract(data, '$.name') FROM nodes WHERE id IN ({})",
            nodes))

    def relation_counts(self) -> Counter[str]:
        return Counter(dict(self._db.execute("SELECT key, count(*) FROM edges GROUP BY key")))

    def summary(self, name: str) -> dict[str, Any] | None:
        """The whole-graph answer ``name`` (``clusters``, ``stats``) worked out at build."""
        row = self._db.execute("SELECT value FROM summaries WHERE name = ?", (name,)).fetchone()
        return None if row is None else json.loads(row[0])


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
