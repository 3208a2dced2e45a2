"""A store's page, written from its query index: the graph is never loaded whole.

The page of a store draws at most :data:`casegraph.view.MAX_NODES` nodes; which ones, the
large-graph rule decides from the shape of the whole graph (its nodes' order, types and
degrees, its edges' ends), which the index gives in a few queries. The nodes drawn are
read from the index; every other node adds a row to the page's search, and those rows are
written through a :class:`casegraph.export.splice.Sink` like the exports' fragments, so
that a build that changed a few nodes copies the other rows from the page it wrote before.
The bytes are those :func:`casegraph.view.write_html` writes for the loaded graph.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any, Hashable, Iterable, Iterator

import networkx as nx
import orjson

from casegraph import view
from casegraph.export._flat import write_chunks
from casegraph.export.splice import LAYOUT_DIR, PreviousFile, Sink, _offsets_name, \
    write_offsets
from casegraph.store.graphs import select_rows_in

__all__ = ["write_store_page", "IndexShape"]

HTML_FILE = "graph.html"


class IndexShape:
    """:class:`casegraph.view.GraphShape` of a store's graph, read from its index."""

    def __init__(self, db: sqlite3.Connection):
        self.types = dict(db.execute("SELECT id, type FROM node_types ORDER BY id"))
        self.order = list(self.types)
        self.edges = db.execute(
            "SELECT source, target, key FROM edges ORDER BY source, target, key").fetchall()
        self._pred: dict[Hashable, dict] = {}
        self._succ: dict[Hashable, dict] = {}
        self.degree = dict.fromkeys(self.order, 0)
        for u, v, _k in self.edges:
            self._succ.setdefault(u, {})[v] = None
            self._pred.setdefault(v, {})[u] = None
            self.degree[u] = self.degree.get(u, 0) + 1
            self.degree[v] = self.degree.get(v, 0) + 1

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self.order)

    def __len__(self) -> int:
        return len(self.order)

    def degrees(self) -> Iterable[tuple[Hashable, int]]:
        return self.degree.items()

    def kind(self, node: Hashable) -> Any:
        return self.types.get(node)

    def pairs(self) -> Iterable[tuple[Hashable, Hashable]]:
        return ((u, v) for u, v, _k in self.edges)

    def neighbors(self, node: Hashable) -> Iterable[Hashable]:
        return [*self._pred.get(node, ()), *self._succ.get(node, ())]


def write_store_page(root: Path, db: sqlite3.Connection, graph: dict[str, Any],
                     evidence: view.Evidence | None, sink: Sink, layout: bool = True) -> str | None:
    """Write the page of the store ``root`` (whose index is open as ``db``, its graph's
    attributes ``graph``) into ``root/graph.html`` through ``sink``; with ``layout``, keep
    its layout for the next build. Return the large-graph rule's note."""
    shape = IndexShape(db)
    keep, note = view.kept_nodes(shape, view.MAX_NODES)
    shown = _induced(db, graph, shape, shape.order if keep is None else keep)
    around = view.page_around(shown, view.title_of(shown), note, evidence,
                              {n: shape.degree[n] for n in shown})
    undrawn = [n for n in shape.order if n not in shown._node]
    undrawn.sort(key=lambda n: shape.types.get(n) != "case")  # cases first, as the search
    undrawn = undrawn[:view.MAX_SEARCH_NAMES]
    if around is None:  # cannot be spliced: the whole page, rendered
        rows = [view.search_row(n, d) for n, d in _nodes(db, undrawn)]
        html = view.render_html(shown, title=view.title_of(shown), note=note,
                                evidence=evidence, degrees={n: shape.degree[n] for n in shown},
                                undrawn=rows)
        (root / LAYOUT_DIR / _offsets_name(HTML_FILE)).unlink(missing_ok=True)
        write_chunks(root / HTML_FILE, [html.encode("utf-8")])
        return note
    write_chunks(root / HTML_FILE, _rows(db, around, undrawn, sink))
    if layout:
        write_offsets(root, HTML_FILE, sink.layout({"nodes": shape.order}))
    return note


def _rows(db: sqlite3.Connection, around: tuple[str, str], undrawn: list[str],
          sink: Sink) -> Iterator[bytes]:
    """The page's bytes: ``around`` with the search rows of ``undrawn`` between."""
    fresh = _fresh(sink.previous, undrawn)
    data = dict(_nodes(db, fresh))
    yield sink.text(around[0])
    yield from sink.records("nodes", undrawn, undrawn,
                            lambda n: view.script_json(view.search_row(n, data[n])), sep=",")
    yield from sink.put(around[1])


def _fresh(previous: PreviousFile | None, nodes: list[str]) -> list[str]:
    """The nodes whose rows the previous page cannot give."""
    if previous is None:
        return nodes
    found = previous.section("nodes")
    if found is None:
        return nodes
    positions, changed, offsets = found
    return [n for n in nodes if n in changed or positions.get(n) is None
            or offsets[2 * positions[n]] < 0]


def _nodes(db: sqlite3.Connection, nodes: list[str]) -> Iterator[tuple[str, dict]]:
    """``(id, attributes)`` of ``nodes``, as :meth:`casegraph.store.Store.load` reads them."""
    for n, data in select_rows_in(db, "SELECT id, data FROM nodes WHERE id IN ({})", nodes):
        attrs = orjson.loads(data)
        attrs.pop("id", None)
        yield n, attrs


def _induced(db: sqlite3.Connection, graph: dict[str, Any], shape: IndexShape,
             keep: list[Hashable]) -> nx.MultiDiGraph:
    """The graph of the nodes ``keep`` and the edges between them, in the store's order."""
    kept = set(keep)
    data = dict(_nodes(db, sorted(kept)))
    H = nx.MultiDiGraph()
    H.graph.update(graph)
    H.add_nodes_from((n, data[n]) for n in shape.order if n in kept)
    edges = []
    for u, v, k, raw in select_rows_in(
            db, "SELECT source, target, key, data FROM edges WHERE source IN ({})", sorted(kept)):
        if v in kept:
            attrs = orjson.loads(raw)
            for name in ("source", "target", "key"):
                attrs.pop(name, None)
            edges.append((u, v, k, attrs))
    edges.sort(key=lambda e: (e[0], e[1], e[2]))
    H.add_edges_from(edges)
    return H
