"""Exports: the case graph in the formats other tools read.

============  =========================================  ==========================
format        files                                      read by
============  =========================================  ==========================
``json``      ``graph.json`` (node-link, ``edges``)       networkx, any JSON reader
``graphml``   ``graph.graphml``                           Gephi, Cytoscape, yEd
``gexf``      ``graph.gexf``                              Gephi
``csv``       ``cases.csv``, ``contacts.csv``             R epicontacts, spreadsheets
``neo4j``     ``neo4j/nodes.csv``, ``relationships.csv``, Neo4j (import tool, server)
              ``load.cypher``, ``load.json``
============  =========================================  ==========================
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Callable, Iterable

import networkx as nx

from casegraph.export._flat import write_file
from casegraph.export.epicontacts import write_epicontacts
from casegraph.export.graphml import flatten_graph, write_gexf, write_graphml
from casegraph.export.neo4j import cypher_statements, write_neo4j
from casegraph.store.opened import open_store

__all__ = ["FORMATS", "write_all", "write_json", "write_graphml", "write_gexf",
           "write_epicontacts", "write_neo4j", "cypher_statements", "load_graph"]

_WRITERS: dict[str, Callable[[nx.MultiDiGraph, Path], list[Path]]] = {
    "json": lambda G, out: [write_json(G, out / "graph.json")],
    "graphml": lambda G, out: [write_graphml(G, out / "graph.graphml")],
    "gexf": lambda G, out: [write_gexf(G, out / "graph.gexf")],
    "csv": lambda G, out: write_epicontacts(G, out),
    "neo4j": lambda G, out: write_neo4j(G, out / "neo4j"),
}
FORMATS = tuple(_WRITERS)


def write_all(G: nx.MultiDiGraph, out_dir: str | os.PathLike,
              formats: Iterable[str] | None = None) -> list[Path]:
    """Write ``G`` into ``out_dir`` in each of ``formats`` (all of :data:`FORMATS` if None).

    Every file is written to a temporary name and moved into place, so a failed export
    leaves the previous files whole. Returns the paths written.

    Examples
    --------
    >>> import tempfile
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("case:1", type="case", name="病例1")
    >>> [p.name for p in write_all(G, tempfile.mkdtemp(), ["graphml", "csv"])]
    ['graph.graphml', 'cases.csv', 'contacts.csv']
    """
    chosen = list(FORMATS if formats is None else formats)
    unknown = [f for f in chosen if f not in _WRITERS]
    if unknown:
        raise ValueError(f"unknown export format {unknown[0]!r} (choose from {', '.join(FORMATS)})")
    out = Path(out_dir)
    if {"graphml", "gexf"} <= set(chosen):  # flatten once for both XML formats
        flat = flatten_graph(G)
        writers = {**_WRITERS, "graphml": lambda _G, out: [write_graphml(flat, out / "graph.graphml")],
                   "gexf": lambda _G, out: [write_gexf(flat, out / "graph.gexf")]}
    else:
        writers = _WRITERS
    return [path for name in dict.fromkeys(chosen) for path in writers[name](G, out)]


def write_json(G: nx.MultiDiGraph, path: str | os.PathLike) -> Path:
    """Write ``G`` as node-link JSON (``edges="edges"``), the store's own layout."""
    data = nx.node_link_data(G, edges="edges")
    return write_file(path, json.dumps(data, ensure_ascii=False))


def load_graph(path: str | os.PathLike) -> nx.MultiDiGraph:
    """Read a graph: a store folder or any node-link JSON file (as
    :func:`casegraph.store.open_store` opens it).

    Raises
    ------
    StoreError
        If there is no graph there or it is not a node-link graph.
    """
    return open_store(path).load()
