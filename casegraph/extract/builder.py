"""Write facts onto one document's graph, each with the sentence it came from."""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from casegraph.schema import EDGE_DATE_KINDS, node_id

if TYPE_CHECKING:  # networkx loads where a graph is made (the extract command needs none)
    import networkx as nx

Span = tuple[int, int]


class GraphBuilder:
    """Collects nodes and edges, merging repeats, and makes the graph once at the end.

    A node or edge stated twice keeps one copy with both sources; a scalar attribute
    keeps its first value; an edge keeps its first date. Facts are kept in dicts laid
    out as :class:`networkx.MultiDiGraph` keeps them (a bulletin states tens of thousands of
    them; going through ``add_node``/``add_edge`` for each cost a fifth of the extraction
    time) and :meth:`graph` hands them over whole, in the order they were first stated.

    >>> b = GraphBuilder("d1")
    >>> case = b.node("case", "感染者1", (0, 4))
    >>> place = b.node("location", "东木樨园14号楼", (5, 12), kind="building")
    >>> b.edge(case, place, "resides_at", (5, 12))
    >>> b.edge(case, place, "resides_at", (20, 30))
    >>> b.edge(case, place, "resides_at", (5, 12))  # told again, out of order: still one source
    >>> G = b.graph()
    >>> [s["start"] for s in G.edges[case, place, "resides_at"]["sources"]]
    [5, 20]
    """

    def __init__(self, doc: str, **graph_attrs):
        self.doc = doc
        self.graph_attrs = {"doc": doc, **graph_attrs}
        self.nodes: dict[str, dict] = {}  # id -> attributes, in the order first stated
        self._succ: dict[str, dict[str, dict[str, dict]]] = {}  # source -> target -> relation -> attrs
        self._pred: dict[str, dict[str, dict[str, dict]]] = {}  # target -> source -> the same dicts
        self._in_order = True  # every sources list has had its spans added in increasing order
        self.merged: dict[str, str] = {}  # a node merged into another -> that one (merge_into)

    def _add_source(self, attrs: dict, span: Span) -> None:
        """Add ``span`` to ``attrs["sources"]`` unless it is there already.

        A reader writes sentence by sentence: a span it repeats is the last one added and a
        new one comes after it. Only once a span comes out of order must a list be searched.
        """
        sources = attrs["sources"]
        start, end = span
        if sources:
            last = sources[-1]
            last_start = last["start"]
            if last_start == start and last["end"] == end:
                return
            if start < last_start or (start == last_start and end < last["end"]):
                self._in_order = False
            if not self._in_order and any(s["start"] == start and s["end"] == end for s in sources):
                return
        sources.append({"doc": self.doc, "start": start, "end": end})

    def _ensure(self, nid: str) -> None:
        """A node an edge names before it was stated: bare, as networkx would add it."""
        if nid not in self.nodes:
            self.nodes[nid] = {}
            self._succ[nid] = {}
            self._pred[nid] = {}

    def node(self, node_type: str, name: str, span: Span, key: str | None = None,
             **attrs) -> str:
        """Add (or find) the node ``type:key`` (``key`` defaults to ``name``); set attributes
        it does not have yet. The first name given for a key stays the node's name."""
        nid = node_id(node_type, key or name)
        data = self.nodes.get(nid)
        if data is None:
            data = self.nodes[nid] = {"type": node_type, "name": name,
                                      "sources": [{"doc": self.doc, "start": span[0], "end": span[1]}]}
            self._succ[nid] = {}
            self._pred[nid] = {}
        else:
            self._add_source(data, span)
        for attr, value in attrs.items():
            if value is not None and attr not in data:
                data[attr] = value
        return nid

    def set(self, nid: str, key: str, value, span: Span | None = None,
            overwrite: bool = False) -> None:
        """Set one attribute of a node, keeping an earlier value unless ``overwrite``."""
        if value is None:
            return
        data = self.nodes.get(nid)
        if data is None:
            return
        if overwrite or key not in data:
            data[key] = value
        if span is not None:
            self._add_source(data, span)

    def edge(self, source: str, target: str, relation: str, span: Span,
             date: str | None = None, kind: str | None = None,
             date_kind: str | None = None) -> None:
        """Add the edge ``source -relation-> target`` once; the first date given wins, with
        what it is the date of (``date_kind``, by default the relation's event:
        :data:`~casegraph.schema.EDGE_DATE_KINDS`)."""
        if source == target:
            return
        succ = self._succ.get(source)
        by_relation = succ.get(target) if succ is not None else None
        if by_relation is None:
            self._ensure(source)
            self._ensure(target)
            by_relation = self._succ[source][target] = self._pred[target][source] = {}
        data = by_relation.get(relation)
        if data is None:
            data = by_relation[relation] = {"relation": relation,
                                            "sources": [{"doc": self.doc, "start": span[0], "end": span[1]}]}
            if date:
                data["date"] = date
                data["date_kind"] = date_kind or EDGE_DATE_KINDS.get(relation, "report")
            if kind:
                data["kind"] = kind
            return
        if date and "date" not in data:
            data["date"] = date
            data["date_kind"] = date_kind or EDGE_DATE_KINDS.get(relation, "report")
        if kind and "kind" not in data:
            data["kind"] = kind
        self._add_source(data, span)

    def merge_into(self, old: str, new: str) -> None:
        """Hang everything said of node ``old`` on node ``new`` (attributes it lacks, sources,
        edges) and drop ``old``: two mentions found to be one person."""
        if old == new or old not in self.nodes or new not in self.nodes:
            return
        data = self.nodes[new]
        for key, value in self.nodes[old].items():
            if key == "sources":
                for source in value:
                    self._add_source(data, (source["start"], source["end"]))
            elif key not in data and key != "unlabeled":
                data[key] = value
        for target, by_relation in list(self._succ[old].items()):
            for relation, attrs in by_relation.items():
                self._move_edge(new, target, relation, attrs)
        for source, by_relation in list(self._pred[old].items()):
            for relation, attrs in by_relation.items():
                self._move_edge(source, new, relation, attrs)
        self.remove(old)
        self.merged[old] = new

    def current(self, nid: str) -> str | None:
        """The node ``nid`` is now (the one it was merged into), or None if it was removed."""
        while nid not in self.nodes and nid in self.merged:
            nid = self.merged[nid]
        return nid if nid in self.nodes else None

    def _move_edge(self, source: str, target: str, relation: str, attrs: dict) -> None:
        for i, src in enumerate(attrs["sources"]):
            self.edge(source, target, relation, (src["start"], src["end"]),
                      date=attrs.get("date") if i == 0 else None, kind=attrs.get("kind"),
                      date_kind=attrs.get("date_kind"))

    def remove(self, nid: str) -> None:
        """Drop a node and every edge that touches it."""
        for target in self._succ.pop(nid, {}):
            self._pred[target].pop(nid, None)
        for source in self._pred.pop(nid, {}):
            self._succ[source].pop(nid, None)
        self.nodes.pop(nid, None)

    # --- reading back what was written --------------------------------------------------------
    def has_edge(self, source: str, target: str, relation: str) -> bool:
        return relation in self._succ.get(source, {}).get(target, ())

    def successors(self, nid: str) -> Iterator[str]:
        return iter(self._succ.get(nid, ()))

    def out_edges(self, nid: str) -> list[tuple[str, str, dict]]:
        """``(target, relation, attrs)`` of each edge leaving ``nid``, in networkx's order."""
        return [(target, relation, data) for target, by_relation in self._succ.get(nid, {}).items()
                for relation, data in by_relation.items()]

    def graph(self) -> nx.MultiDiGraph:
        """The graph of everything written, nodes and edges in the order first stated.

        The builder's dicts become the graph's (networkx resets its views when ``_succ`` and
        ``_pred`` are set together); write nothing more afterwards.
        """
        import networkx as nx

        G = nx.MultiDiGraph(**self.graph_attrs)
        G._node = self.nodes
        G._succ, G._pred = self._succ, self._pred
        return G

    def node_link(self) -> dict[str, Any]:
        """What ``networkx.node_link_data(self.graph(), edges="edges")`` returns, made from
        the builder's dicts without networkx (tested equal): for writing JSON straight away.

        Like :meth:`graph` it hands the builder's dicts over, each given its ``id`` (or
        ``source``, ``target`` and ``key``) in place rather than copied (a tenth of the
        time of writing a bulletin's file); write nothing more afterwards."""
        for nid, data in self.nodes.items():
            data["id"] = nid
        edges = []
        for u, targets in self._succ.items():
            for v, keyed in targets.items():
                for key, data in keyed.items():
                    data["source"], data["target"], data["key"] = u, v, key
                    edges.append(data)
        return {"directed": True, "multigraph": True, "graph": dict(self.graph_attrs),
                "nodes": list(self.nodes.values()), "edges": edges}
