"""Write facts onto one document's graph, each with the sentence it came from."""
from __future__ import annotations

import networkx as nx

from casegraph.schema import node_id


class GraphBuilder:
    """Adds nodes and edges to a :class:`networkx.MultiDiGraph`, merging repeats.

    A node or edge stated twice keeps one copy with both sources; a scalar attribute
    keeps its first value; an edge keeps its first date.
    """

    def __init__(self, doc: str, **graph_attrs):
        self.doc = doc
        self.graph = nx.MultiDiGraph(doc=doc, **graph_attrs)
        self._spans: dict[int, set[tuple[int, int]]] = {}  # spans already in each sources list

    def _source(self, span: tuple[int, int]) -> dict:
        return {"doc": self.doc, "start": span[0], "end": span[1]}

    def _add_source(self, attrs: dict, span: tuple[int, int]) -> None:
        sources = attrs["sources"]
        seen = self._spans.setdefault(id(sources), set())
        if span not in seen:
            seen.add(span)
            sources.append(self._source(span))

    def node(self, node_type: str, name: str, span: tuple[int, int], key: str | None = None,
             **attrs) -> str:
        """Add (or find) the node ``type:key`` (``key`` defaults to ``name``); set attributes
        it does not have yet. The first name given for a key stays the node's name."""
        nid = node_id(node_type, key or name)
        if nid not in self.graph:
            self.graph.add_node(nid, type=node_type, name=name, sources=[])
        data = self.graph.nodes[nid]
        self._add_source(data, span)
        for key, value in attrs.items():
            if value is not None and key not in data:
                data[key] = value
        return nid

    def set(self, nid: str, key: str, value, span: tuple[int, int] | None = None,
            overwrite: bool = False) -> None:
        """Set one attribute of a node, keeping an earlier value unless ``overwrite``."""
        if value is None or nid not in self.graph:
            return
        data = self.graph.nodes[nid]
        if overwrite or key not in data:
            data[key] = value
        if span is not None:
            self._add_source(data, span)

    def edge(self, source: str, target: str, relation: str, span: tuple[int, int],
             date: str | None = None, kind: str | None = None) -> None:
        """Add the edge ``source -relation-> target`` once; the first date given wins."""
        if source == target:
            return
        if self.graph.has_edge(source, target, key=relation):
            data = self.graph.edges[source, target, relation]
        else:
            self.graph.add_edge(source, target, key=relation, relation=relation, sources=[])
            data = self.graph.edges[source, target, relation]
        if date and "date" not in data:
            data["date"] = date
        if kind and "kind" not in data:
            data["kind"] = kind
        self._add_source(data, span)
