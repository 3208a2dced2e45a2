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

import functools
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable



if TYPE_CHECKING:  # networkx loads only where a graph is built
    import networkx as nx

from casegraph.export._flat import write_chunks, write_file
from casegraph.collector import collector_paused
from casegraph.export._process import can_fork, fork_job, run_forked
from casegraph.export import current, splice
from casegraph.export.splice import Previous, Sink
from casegraph.export.epicontacts import write_epicontacts
from casegraph.export.graphml import write_gexf, write_graphml
from casegraph.export.neo4j import cypher_statements, write_neo4j
from casegraph.export.table import Table, read_table, table_of

__all__ = ["FORMATS", "FILES", "OUTPUTS_VERSION", "write_all", "copy_current", "can_fork",
           "fork_job", "write_json", "write_graphml", "write_gexf",
           "write_epicontacts", "write_neo4j", "cypher_statements", "load_graph", "Table",
           "table_of", "read_table"]

_WRITERS: dict[str, Callable[[Table, Path, dict[str, Sink]], list[Path]]] = {
    "json": lambda table, out, sinks: [_json(table, out / "graph.json")],
    "graphml": lambda table, out, sinks: [
        write_graphml(table, out / "graph.graphml", sinks.get("graph.graphml"))],
    "gexf": lambda table, out, sinks: [write_gexf(table, out / "graph.gexf", sinks.get("graph.gexf"))],
    "csv": lambda table, out, sinks: write_epicontacts(
        table, out, (sinks["cases.csv"], sinks["contacts.csv"]) if sinks else None),
    "neo4j": lambda table, out, sinks: write_neo4j(
        table, out / "neo4j", {name[6:]: sink for name, sink in sinks.items()
                               if name.startswith("neo4j/")}),
}
FORMATS = tuple(_WRITERS)
#: The version of what the writers (and the page) write: bump it whenever the bytes they
#: write for a graph change, so that outputs a build wrote before are written again, and
#: never copied (:mod:`casegraph.export.current`).
OUTPUTS_VERSION = 2  # 2: columns by name, Neo4j labels by name
#: The files each format writes, relative to the folder written to, in the order written.
FILES = {"json": ("graph.json",), "graphml": ("graph.graphml",), "gexf": ("graph.gexf",),
         "csv": ("cases.csv", "contacts.csv"),
         "neo4j": ("neo4j/nodes.csv", "neo4j/relationships.csv", "neo4j/load.cypher",
                   "neo4j/load.json")}
#: Roughly how long each format takes to write, relative to the others (to share them out
#: between processes).
_COST = {"json": 1, "graphml": 2, "gexf": 3, "csv": 3, "neo4j": 9}


def write_all(G: nx.MultiDiGraph | Table, out_dir: str | os.PathLike,
              formats: Iterable[str] | None = None, jobs: int = 1, *,
              layout: bool = False, previous: Previous | None = None) -> list[Path]:
    """Write ``G`` into ``out_dir`` in each of ``formats`` (all of :data:`FORMATS` if None).

    ``G`` is a networkx graph or a :class:`Table` (:func:`read_table` reads one from a store
    without building a graph; its ``json`` export is a copy of the file it was read from).
    With ``jobs`` > 1 the formats are shared out between that many processes (forked, where
    the platform forks; the files are the same as with one). Every file is written to a
    temporary name and moved into place, so a failed export leaves the previous files
    whole. Returns the paths written, in the order of ``formats``.

    With ``layout``, each file's layout is kept beside it for a later build, and the
    fragments of records not changed since ``previous`` (a build's earlier outputs in
    ``out_dir``) are copied from them (:mod:`casegraph.export.splice`).

    Examples
    --------
    >>> import tempfile
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("case:1", type="case", name="病例1")
    >>> [p.name for p in write_all(G, tempfile.mkdtemp(), ["graphml", "csv"])]
    ['graph.graphml', 'cases.csv', 'contacts.csv']
    """
    chosen = list(dict.fromkeys(FORMATS if formats is None else formats))
    unknown = [f for f in chosen if f not in _WRITERS]
    if unknown:
        raise ValueError(f"unknown export format {unknown[0]!r} (choose from {', '.join(FORMATS)})")
    out = Path(out_dir)
    with collector_paused():
        table = G if isinstance(G, Table) else table_of(G)
        groups = share_out(chosen, jobs if can_fork() else 1)
        write = functools.partial(_write, table, out, layout, previous)
        if len(groups) < 2:
            return [path for name in chosen for path in write(name)]
        written = run_forked([lambda group=group: [str(p) for name in group
                                                   for p in write(name)]
                              for group in groups])
    by_format = {name: paths for group, paths in zip(groups, written)
                 for name, paths in _split(group, paths).items()}
    return [Path(p) for name in chosen for p in by_format[name]]


def _write(table: Table, out: Path, layout: bool, previous: Previous | None,
           name: str) -> list[Path]:
    """Write the format ``name`` (copying from ``previous`` what it can); with ``layout``,
    keep its files' layouts too."""
    if not (layout or previous) or name == "json":
        return _WRITERS[name](table, out, {})
    sinks = {file: Sink(previous.file(file) if previous is not None else None)
             for file in FILES[name]}
    written = _WRITERS[name](table, out, sinks)
    if layout:
        keys = table.record_keys
        for file, sink in sinks.items():
            splice.write_offsets(out, file, sink.layout(keys))
    return written


def copy_current(store: str | os.PathLike, target: str | os.PathLike,
                 formats: Iterable[str]) -> list[Path] | None:
    """The exports ``formats`` of the store folder ``store`` copied into ``target`` from
    the files a build wrote beside it, where they are current: written from its
    ``graph.json`` as it is now and unchanged since (byte for byte what :func:`write_all`
    would write; see :mod:`casegraph.export.current`). None, having written nothing, where
    any of them is not. Returns the paths as :func:`write_all` does."""
    return current.copy_current(store, target, formats, FILES, OUTPUTS_VERSION)


def share_out(formats: list[str], jobs: int, first: int = 0) -> list[list[str]]:
    """``formats`` in at most ``jobs`` groups of about equal cost (the costliest first);
    ``first`` is work the first group has already (in the units of :data:`_COST`: the page
    of a build costs about 6). With ``first``, the first group is always there (maybe
    empty)."""
    groups: list[list[str]] = [[] for _ in range(max(1, min(jobs, len(formats) + bool(first))))]
    costs = [0] * len(groups)
    costs[0] = first
    for name in sorted(formats, key=lambda f: -_COST[f]):
        least = costs.index(min(costs))
        groups[least].append(name)
        costs[least] += _COST[name]
    return [group for i, group in enumerate(groups) if group or (i == 0 and first)]


def _split(group: list[str], paths: list[str]) -> dict[str, list[str]]:
    """The paths a group of formats wrote, by format (each format's files are fixed)."""
    found, at = {}, 0
    for name in group:
        found[name] = paths[at:at + len(FILES[name])]
        at += len(FILES[name])
    return found


def _json(table: Table, path: Path) -> Path:
    """The ``json`` export: a copy of the node-link file the table was read from, else the
    table as node-link JSON."""
    if table.json_file is not None:
        if Path(path).resolve() == table.json_file.resolve():
            return Path(path)  # the store itself
        with open(table.json_file, "rb") as source:
            return write_chunks(path, iter(lambda: source.read(1 << 20), b""))
    if table.networkx is not None:
        return write_json(table.networkx, path)
    data = {"directed": True, "multigraph": True, "graph": table.graph,
            "nodes": [{**raw, "id": n} for n, raw, _f in table.nodes],
            "edges": [{**raw, "source": u, "target": v, "key": k}
                      for u, v, k, raw, _f in table.edges]}
    return write_file(path, json.dumps(data, ensure_ascii=False))


def write_json(G: nx.MultiDiGraph, path: str | os.PathLike) -> Path:
    """Write ``G`` as node-link JSON (``edges="edges"``), the store's own layout."""
    import networkx as nx

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
    from casegraph.store.opened import open_store

    return open_store(path).load()
