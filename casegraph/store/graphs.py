"""Graph containers: canonical JSON (the bytes of ``graph.json``) and the graphs that hold
each node and edge as those bytes, in memory (:class:`PackedGraph`) or on disk
(:class:`DiskGraph`)."""
from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import sys
from pathlib import Path
from typing import Any, Iterable, Iterator

import networkx as nx

from casegraph.io import _file_mode

FORMAT = "casegraph"
FORMAT_VERSION = 1


def _node_order(item: tuple) -> str:
    return str(item[0])


def _edge_order(edge: tuple) -> tuple[str, str, str]:
    return str(edge[0]), str(edge[1]), str(edge[2])


def dumps(G: nx.MultiDiGraph) -> bytes:
    """``G`` as canonical node-link JSON bytes: equal graphs give equal bytes.

    The layout is ``nx.node_link_data(G, edges="edges")`` with nodes sorted by id, edges by
    source, target and key, and every object's keys sorted; the graph, the nodes and the
    edges take one line each.

    >>> G = nx.MultiDiGraph(documents={})
    >>> G.add_node("b", type="case"); G.add_node("a", type="case")
    >>> print(dumps(G).decode().splitlines()[2])
    "nodes":[{"id":"a","type":"case"},{"id":"b","type":"case"}],
    """
    return b"".join(iter_dumps(G))


#: Nodes or edges encoded per chunk of :func:`iter_dumps`.
_CHUNK = 2000


def iter_dumps(G: nx.MultiDiGraph | EncodedGraph) -> Iterator[bytes]:
    """:func:`dumps` as a stream of chunks, so a large graph is written without its whole
    text in memory."""
    graph = dict(G.graph)
    graph.update(format=FORMAT, format_version=FORMAT_VERSION)
    yield f'{{"directed":true,"multigraph":true,\n"graph":{_json(graph)},\n"nodes":['.encode()
    if isinstance(G, EncodedGraph):
        yield from G.iter_items()
        yield b"]}\n"
        return
    nodes = sorted(G.nodes(data=True), key=_node_order)
    yield from _items([{**data, "id": node} for node, data in nodes[i:i + _CHUNK]]
                      for i in range(0, len(nodes), _CHUNK))
    del nodes
    yield b'],\n"edges":['
    edges = sorted(G.edges(keys=True, data=True), key=_edge_order)
    yield from _items([{**data, "source": u, "target": v, "key": k}
                       for u, v, k, data in edges[i:i + _CHUNK]]
                      for i in range(0, len(edges), _CHUNK))
    yield b"]}\n"


def _items(chunks: Iterable[list]) -> Iterator[bytes]:
    """The items of consecutive lists, comma-separated, as one JSON list's inside."""
    first = True
    for chunk in chunks:
        text = _json(chunk)[1:-1]
        if text:
            yield (text if first else "," + text).encode("utf-8")
            first = False


def _json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False)


class EncodedGraph:
    """A merged graph whose nodes and edges are held as their canonical JSON bytes, the
    very items of ``graph.json`` (see :class:`PackedGraph` and :class:`DiskGraph`).

    It offers the part of the networkx API the merge uses (``G.nodes[n]``,
    ``G.nodes(data=True)``, ``G.edges[u, v, k]``, ``add_node``, ``add_edge``, ``in_edges``,
    ...); what it returns is decoded afresh: change a node or an edge by adding it again.
    ``graph`` is the graph's attribute dict (``documents``), as on networkx graphs.
    """

    _CACHE = 4096  # decoded nodes kept (the merge reads a node a few times in a row)

    def __init__(self, graph: dict | None = None):
        self.graph: dict = {"documents": {}} if graph is None else graph
        self._decoded: dict[str, dict] = {}

    # views made on each use, not kept: a graph that held them would be a reference cycle,
    # freed only by the cycle collector (a build pauses it)
    @property
    def nodes(self) -> "_EncodedNodes":
        return self._node_view(self)

    @property
    def edges(self) -> "_EncodedEdges":
        return self._edge_view(self)

    @classmethod
    def from_networkx(cls, G: nx.MultiDiGraph, *args: Any) -> Any:
        packed = cls(*args)
        packed.graph = {**G.graph, "documents": dict(G.graph.get("documents") or {})}
        for node, data in G.nodes(data=True):
            packed.add_node(node, **data)
        for u, v, key, data in G.edges(keys=True, data=True):
            packed.add_edge(u, v, key=key, **data)
        return packed

    def to_networkx(self) -> nx.MultiDiGraph:
        G = nx.MultiDiGraph()
        G.graph.update(self.graph)
        G.add_nodes_from(self.nodes(data=True))
        G.add_edges_from((u, v, k, d) for u, v, k, d in self.edges(keys=True, data=True))
        return G

    def __len__(self) -> int:
        return self.number_of_nodes()

    def add_node(self, node: str, **data: Any) -> None:
        """Add ``node`` with ``data``, replacing what it held (networkx would update it)."""
        self._decoded.pop(node, None)
        self._put_node(node, _json({**data, "id": node}).encode("utf-8"),
                       tuple(data.get("keys") or ()))

    def remove_node(self, node: str) -> None:
        """Remove ``node`` and its edges."""
        self._decoded.pop(node, None)
        self._delete_node(node)

    def add_edge(self, u: str, v: str, key: str, **data: Any) -> None:
        """Add the edge ``u -> v`` called ``key`` (replacing one of that name); both nodes
        must be in the graph already."""
        self._put_edge((u, v, key), _json({**data, "source": u, "target": v, "key": key})
                       .encode("utf-8"))

    # encoded items, copied between encoded graphs without decoding -----------------------------
    def raw_node(self, node: str) -> bytes:
        raw = self._node_bytes(node)
        if raw is None:
            raise KeyError(node)
        return raw

    def raw_edge(self, edge: tuple[str, str, str]) -> bytes:
        raw = self._edge_bytes(edge)
        if raw is None:
            raise KeyError(edge)
        return raw

    def node_keys(self, node: str) -> tuple[str, ...]:
        """The node's resolution ``keys`` (see :mod:`casegraph.merge`)."""
        return tuple(self._node(node).get("keys") or ())

    def add_raw_nodes(self, items: Iterable[tuple[str, bytes, tuple[str, ...]]]) -> None:
        """Add ``(node, encoded node, its keys)`` items, as :meth:`raw_node` gives them."""
        for node, raw, keys in items:
            self._decoded.pop(node, None)
            self._put_node(node, raw, keys)

    def add_raw_edges(self, items: Iterable[tuple[tuple[str, str, str], bytes]]) -> None:
        """Add ``((u, v, key), encoded edge)`` items, as :meth:`raw_edge` gives them."""
        for edge, raw in items:
            self._put_edge(edge, raw)

    def in_edges(self, node: str, data: bool = False) -> list[tuple]:
        edges = [e for e in self._incident(node) if e[1] == node]
        return [(u, v, self._edge((u, v, k))) if data else (u, v) for u, v, k in edges]

    def out_edges(self, node: str, data: bool = False) -> list[tuple]:
        edges = [e for e in self._incident(node) if e[0] == node]
        return [(u, v, self._edge((u, v, k))) if data else (u, v) for u, v, k in edges]

    def present(self, nodes: Iterable[str]) -> set[str]:
        """Those of ``nodes`` the graph holds."""
        return {node for node in nodes if node in self}

    def _node(self, node: str) -> dict:
        data = self._decoded.get(node)
        if data is None:
            raw = self._node_bytes(node)
            if raw is None:
                raise KeyError(node)
            data = json.loads(raw)
            del data["id"]
            if len(self._decoded) >= self._CACHE:
                self._decoded.clear()
            self._decoded[node] = data
        return data

    def _edge(self, edge: tuple[str, str, str]) -> dict:
        raw = self._edge_bytes(edge)
        if raw is None:
            raise KeyError(edge)
        data = json.loads(raw)
        for attr in ("source", "target", "key"):
            del data[attr]
        return data

    # storage, by subclasses ------------------------------------------------------------------
    def __contains__(self, node: object) -> bool:
        raise NotImplementedError

    def number_of_nodes(self) -> int:
        raise NotImplementedError

    def number_of_edges(self) -> int:
        raise NotImplementedError

    def has_edge(self, u: str, v: str, key: str) -> bool:
        raise NotImplementedError

    def remove_edge(self, u: str, v: str, key: str) -> None:
        raise NotImplementedError

    def iter_items(self) -> Iterator[bytes]:
        """The inside of ``graph.json``'s node list, ``],\\n"edges":[`` and the inside of
        its edge list (as :func:`dumps` writes them), in chunks."""
        raise NotImplementedError

    def _node_bytes(self, node: str) -> bytes | None:
        raise NotImplementedError

    def _put_node(self, node: str, raw: bytes, keys: tuple[str, ...]) -> None:
        raise NotImplementedError

    def _delete_node(self, node: str) -> None:
        raise NotImplementedError

    def _node_ids(self) -> list[str]:
        raise NotImplementedError

    def _edge_bytes(self, edge: tuple[str, str, str]) -> bytes | None:
        raise NotImplementedError

    def _put_edge(self, edge: tuple[str, str, str], raw: bytes) -> None:
        raise NotImplementedError

    def _edge_ids(self) -> list[tuple[str, str, str]]:
        raise NotImplementedError

    def _incident(self, node: str) -> list[tuple[str, str, str]]:
        raise NotImplementedError


class PackedGraph(EncodedGraph):
    """A merged graph held in memory as ``graph.json`` holds it: every node and edge as its
    canonical JSON bytes, a fifth or less of the memory of networkx's dicts of dicts (a
    Dask worker's share of a build is one).

    Examples
    --------
    >>> P = PackedGraph()
    >>> P.add_node("a", type="case"); P.add_node("b", type="case")
    >>> P.add_edge("a", "b", key="close_contact", relation="close_contact")
    >>> P.nodes["a"], P.has_edge("a", "b", "close_contact"), P.number_of_edges()
    ({'type': 'case'}, True, 1)
    >>> dumps(P) == dumps(P.to_networkx())
    True
    """

    def __init__(self, graph: dict | None = None):
        super().__init__(graph)
        self._nodes: dict[str, bytes] = {}
        self._keys: dict[str, tuple[str, ...]] = {}
        self._edges: dict[tuple[str, str, str], bytes] = {}
        self._incidence: dict[str, list[tuple[str, str, str]]] = {}  # may hold removed edges

    def __contains__(self, node: object) -> bool:
        return node in self._nodes

    def number_of_nodes(self) -> int:
        return len(self._nodes)

    def number_of_edges(self) -> int:
        return len(self._edges)

    def has_edge(self, u: str, v: str, key: str) -> bool:
        return (u, v, key) in self._edges

    def remove_edge(self, u: str, v: str, key: str) -> None:
        del self._edges[(u, v, key)]  # the incidence lists forget it when next read

    def iter_items(self) -> Iterator[bytes]:
        yield from _joined(self._nodes[node] for node in sorted(self._nodes))
        yield b'],\n"edges":['
        yield from _joined(self._edges[edge] for edge in sorted(self._edges))

    def _node_bytes(self, node: str) -> bytes | None:
        return self._nodes.get(node)

    def node_keys(self, node: str) -> tuple[str, ...]:
        return self._keys[node]

    def _put_node(self, node: str, raw: bytes, keys: tuple[str, ...]) -> None:
        node = sys.intern(node)
        self._nodes[node] = raw
        self._keys[node] = keys

    def _delete_node(self, node: str) -> None:
        del self._nodes[node]
        del self._keys[node]
        for edge in self._incidence.pop(node, ()):
            self._edges.pop(edge, None)

    def _node_ids(self) -> list[str]:
        return list(self._nodes)

    def _edge_bytes(self, edge: tuple[str, str, str]) -> bytes | None:
        return self._edges.get(edge)

    def _put_edge(self, edge: tuple[str, str, str], raw: bytes) -> None:
        u, v, key = edge = (sys.intern(edge[0]), sys.intern(edge[1]), sys.intern(edge[2]))
        if edge not in self._edges:
            for end in {u, v}:
                self._incidence.setdefault(end, []).append(edge)
        self._edges[edge] = raw

    def _edge_ids(self) -> list[tuple[str, str, str]]:
        return list(self._edges)

    def _incident(self, node: str) -> list[tuple[str, str, str]]:
        live = [e for e in dict.fromkeys(self._incidence.get(node, ())) if e in self._edges]
        if node in self._incidence:
            self._incidence[node] = live
        return live


class DiskGraph(EncodedGraph):
    """A merged graph kept in a scratch SQLite file, as ``graph.json`` holds it: every node
    and edge as its canonical JSON bytes, and the merge's key index beside them.

    A build merges into one, so its memory stays flat however large the graph grows (the
    graph of a 100 MB archive is a ``graph.json`` of gigabytes); saving streams the rows in
    ``graph.json``'s order. The file is the build's alone (it holds the store's lock), needs
    no durability (a killed build leaves ``graph.json`` as it was) and is removed by
    :meth:`close`.

    Examples
    --------
    >>> import tempfile, os
    >>> D = DiskGraph(os.path.join(tempfile.mkdtemp(), "work.tmp"))
    >>> D.add_node("a", type="case", keys=["k"]); D.add_node("b", type="case")
    >>> D.add_edge("a", "b", key="close_contact", relation="close_contact")
    >>> D.nodes["a"]["keys"], D.in_edges("b"), D.number_of_nodes()
    (['k'], [('a', 'b')], 2)
    >>> dumps(D) == dumps(D.to_networkx()); D.close()
    True
    """

    def __init__(self, path: str | os.PathLike[str], graph: dict | None = None):
        super().__init__(graph)
        self.path = Path(path)
        self._db = sqlite3.connect(self.path)
        self._db.executescript("""
            PRAGMA page_size = 16384; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
            PRAGMA cache_size = -524288; PRAGMA temp_store = MEMORY;
            CREATE TABLE IF NOT EXISTS nodes (id TEXT PRIMARY KEY, data BLOB) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS edges (source TEXT, target TEXT, key TEXT, data BLOB,
                                PRIMARY KEY (source, target, key)) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS edges_by_target ON edges (target);
            CREATE TABLE IF NOT EXISTS keys (key TEXT, node TEXT,
                                             PRIMARY KEY (key, node)) WITHOUT ROWID;
        """)
        self.key_index = _DiskKeyIndex(self._db)  #: the merge keeps its key index here
        #: whether ``key_index`` already holds every node's keys (a copy of a store's index)
        self.keys_indexed = False

    @property
    def connection(self) -> sqlite3.Connection:
        """The SQLite connection to the file (the index's tables, its lookups by SQL)."""
        return self._db

    def track_changes(self) -> None:
        """From now on, note the id of every node and edge written or deleted (in the
        temporary tables ``touched_nodes`` and ``touched_edges``, by triggers): what a
        build changed is then told by comparing those rows alone
        (:func:`casegraph.store.changes.changes_since`)."""
        self._db.executescript("""
            CREATE TEMP TABLE touched_nodes (id TEXT PRIMARY KEY) WITHOUT ROWID;
            CREATE TEMP TABLE touched_edges (source TEXT, target TEXT, key TEXT,
                                             PRIMARY KEY (source, target, key)) WITHOUT ROWID;
            CREATE TEMP TRIGGER node_written AFTER INSERT ON main.nodes BEGIN
                INSERT OR IGNORE INTO touched_nodes VALUES (new.id); END;
            CREATE TEMP TRIGGER node_changed AFTER UPDATE ON main.nodes BEGIN
                INSERT OR IGNORE INTO touched_nodes VALUES (new.id); END;
            CREATE TEMP TRIGGER node_deleted AFTER DELETE ON main.nodes BEGIN
                INSERT OR IGNORE INTO touched_nodes VALUES (old.id); END;
            CREATE TEMP TRIGGER edge_written AFTER INSERT ON main.edges BEGIN
                INSERT OR IGNORE INTO touched_edges VALUES (new.source, new.target, new.key);
                END;
            CREATE TEMP TRIGGER edge_changed AFTER UPDATE ON main.edges BEGIN
                INSERT OR IGNORE INTO touched_edges VALUES (new.source, new.target, new.key);
                END;
            CREATE TEMP TRIGGER edge_deleted AFTER DELETE ON main.edges BEGIN
                INSERT OR IGNORE INTO touched_edges VALUES (old.source, old.target, old.key);
                END;
        """)

    def close(self) -> None:
        """Close and delete the file."""
        self._db.close()
        with contextlib.suppress(OSError):
            self.path.unlink()

    def keep(self, path: str | os.PathLike[str]) -> None:
        """Close and move the file to ``path`` (atomically replacing what is there)."""
        self._db.commit()
        self._db.close()
        os.chmod(self.path, _file_mode())  # as the store's other files (mkstemp made it 0600)
        os.replace(self.path, path)

    def __contains__(self, node: object) -> bool:
        return self._db.execute("SELECT 1 FROM nodes WHERE id = ?", (node,)).fetchone() \
            is not None

    def present(self, nodes: Iterable[str]) -> set[str]:
        return set(_select_in(self._db, "SELECT id FROM nodes WHERE id IN ({})", list(nodes)))

    def number_of_nodes(self) -> int:
        return self._db.execute("SELECT count(*) FROM nodes").fetchone()[0]

    def number_of_edges(self) -> int:
        return self._db.execute("SELECT count(*) FROM edges").fetchone()[0]

    def has_edge(self, u: str, v: str, key: str) -> bool:
        return self._edge_bytes((u, v, key)) is not None

    def remove_edge(self, u: str, v: str, key: str) -> None:
        self._db.execute("DELETE FROM edges WHERE source = ? AND target = ? AND key = ?",
                         (u, v, key))

    def iter_items(self) -> Iterator[bytes]:
        yield from _joined(row[0] for row in self._db.execute(
            "SELECT data FROM nodes ORDER BY id"))
        yield b'],\n"edges":['
        yield from _joined(row[0] for row in self._db.execute(
            "SELECT data FROM edges ORDER BY source, target, key"))

    def _node_bytes(self, node: str) -> bytes | None:
        row = self._db.execute("SELECT data FROM nodes WHERE id = ?", (node,)).fetchone()
        return None if row is None else row[0]

    def _put_node(self, node: str, raw: bytes, keys: tuple[str, ...]) -> None:
        self._db.execute("INSERT OR REPLACE INTO nodes VALUES (?, ?)", (node, raw))

    def add_raw_nodes(self, items: Iterable[tuple[str, bytes, tuple[str, ...]]]) -> None:
        # in key order: each page of the table is visited once, not once per row
        rows = sorted((node, raw) for node, raw, _keys in items)
        for node, _raw in rows:
            self._decoded.pop(node, None)
        self._db.executemany("INSERT OR REPLACE INTO nodes VALUES (?, ?)", rows)

    def add_raw_edges(self, items: Iterable[tuple[tuple[str, str, str], bytes]]) -> None:
        self._db.executemany("INSERT OR REPLACE INTO edges VALUES (?, ?, ?, ?)",
                             sorted((*edge, raw) for edge, raw in items))

    def _delete_node(self, node: str) -> None:
        self._db.execute("DELETE FROM nodes WHERE id = ?", (node,))
        self._db.execute("DELETE FROM edges WHERE source = ?", (node,))
        self._db.execute("DELETE FROM edges WHERE target = ?", (node,))

    def _node_ids(self) -> list[str]:
        return [row[0] for row in self._db.execute("SELECT id FROM nodes")]

    def _edge_bytes(self, edge: tuple[str, str, str]) -> bytes | None:
        row = self._db.execute("SELECT data FROM edges WHERE source = ? AND target = ? AND "
                               "key = ?", edge).fetchone()
        return None if row is None else row[0]

    def _put_edge(self, edge: tuple[str, str, str], raw: bytes) -> None:
        self._db.execute("INSERT OR REPLACE INTO edges VALUES (?, ?, ?, ?)", (*edge, raw))

    def _edge_ids(self) -> list[tuple[str, str, str]]:
        return list(self._db.execute("SELECT source, target, key FROM edges"))

    def _incident(self, node: str) -> list[tuple[str, str, str]]:
        return list(self._db.execute(
            "SELECT source, target, key FROM edges WHERE source = ? UNION "
            "SELECT source, target, key FROM edges WHERE target = ? ORDER BY 1, 2, 3",
            (node, node)))


class _DiskKeyIndex:
    """The merge's key index (key -> nodes holding it) in a :class:`DiskGraph`'s file."""

    def __init__(self, db: sqlite3.Connection):
        self._db = db

    def add(self, key: str, node: str) -> None:
        self._db.execute("INSERT OR IGNORE INTO keys VALUES (?, ?)", (key, node))

    def discard(self, key: str, node: str) -> None:
        self._db.execute("DELETE FROM keys WHERE key = ? AND node = ?", (key, node))

    def nodes(self, key: str) -> tuple[str, ...]:
        return tuple(row[0] for row in self._db.execute(
            "SELECT node FROM keys WHERE key = ? ORDER BY node", (key,)))

    def present(self, keys: Iterable[str]) -> set[str]:
        return set(_select_in(self._db, "SELECT DISTINCT key FROM keys WHERE key IN ({})",
                              list(keys)))

    def add_many(self, pairs: Iterable[tuple[str, str]]) -> None:
        self._db.executemany("INSERT OR IGNORE INTO keys VALUES (?, ?)", sorted(pairs))


def select_rows_in(db: sqlite3.Connection, query: str, values: list[str]) -> Iterator[tuple]:
    """The rows of ``query`` with its ``IN ({})`` over ``values``, in slices."""
    for i in range(0, len(values), 500):
        part = values[i:i + 500]
        yield from db.execute(query.format(",".join("?" * len(part))), part)


def _select_in(db: sqlite3.Connection, query: str, values: list[str]) -> Iterator[str]:
    """The first column of ``query`` with its ``IN ({})`` over ``values``, in slices."""
    return (row[0] for row in select_rows_in(db, query, values))


def _joined(items: Iterable[bytes]) -> Iterator[bytes]:
    """Byte strings comma-separated, in chunks of :data:`_CHUNK`."""
    chunk: list[bytes] = []
    first = True
    for item in items:
        chunk.append(item)
        if len(chunk) >= _CHUNK:
            yield (b"" if first else b",") + b",".join(chunk)
            chunk, first = [], False
    if chunk:
        yield (b"" if first else b",") + b",".join(chunk)


class _EncodedNodes:
    """``G.nodes[node]`` and ``G.nodes(data=True)`` of an encoded graph."""

    def __init__(self, graph: EncodedGraph):
        self._graph = graph

    def __getitem__(self, node: str) -> dict:
        return self._graph._node(node)

    def __iter__(self) -> Iterator[str]:
        return iter(self._graph._node_ids())

    def __len__(self) -> int:
        return self._graph.number_of_nodes()

    def __contains__(self, node: object) -> bool:
        return node in self._graph

    def __call__(self, data: bool = False) -> Iterator:
        for node in self._graph._node_ids():
            yield (node, self._graph._node(node)) if data else node


class _EncodedEdges:
    """``G.edges[u, v, key]`` and ``G.edges(keys=..., data=...)`` of an encoded graph."""

    def __init__(self, graph: EncodedGraph):
        self._graph = graph

    def __getitem__(self, edge: tuple[str, str, str]) -> dict:
        return self._graph._edge(edge)

    def __call__(self, keys: bool = False, data: bool = False) -> Iterator[tuple]:
        for u, v, k in self._graph._edge_ids():
            head = (u, v, k) if keys else (u, v)
            yield (*head, self._graph._edge((u, v, k))) if data else head




EncodedGraph._node_view = _EncodedNodes  # a subclass may read its storage another way
EncodedGraph._edge_view = _EncodedEdges
