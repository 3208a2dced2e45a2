"""The merger: fold graphs into one, in place, resolving only what they share."""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable

import networkx as nx

from casegraph.errors import CasegraphError
from casegraph.merge.keys import _key_scope
from casegraph.merge.resolve import _appended_place, _components, _doc_units, _edge_data, \
    _edge_slices, _episode_id, _episodes, _node_data, _node_units, _Slice, _Unit
from casegraph.schema import PLACE_TYPES
from casegraph.store.graphs import DiskGraph, EncodedGraph

__all__ = ["Merger", "MergeConflict", "empty_graph", "fragment", "merge"]


class MergeConflict(CasegraphError):
    """Two graphs hold different versions of one document."""



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
        on_disk = isinstance(self.graph, DiskGraph)
        self._index = self.graph.key_index if on_disk else _KeyIndex()
        if on_disk and self.graph.keys_indexed:
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
        raw = isinstance(self.graph, EncodedGraph) and isinstance(other, EncodedGraph)
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

        encoded = isinstance(other, EncodedGraph)
        keys_of = [other.node_keys(node) if encoded else other.nodes[node].get("keys") or ()
                   for node in nodes]
        known_keys = self._index.present({key for keys in keys_of for key in keys})
        known_nodes = self.graph.present(nodes) if isinstance(self.graph, EncodedGraph) \
            else {node for node in nodes if node in self.graph}
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
