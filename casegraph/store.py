"""The graph store on disk: ``OUT/graph.json`` plus the evidence sentences, safe to crash.

Layout of a store folder ``OUT``:

``graph.json``
    The merged graph, ``nx.node_link_data(G, edges="edges")``, written canonically (nodes
    sorted by id, edges by ends and relation, keys sorted, one item a line) so that the same
    documents always give the same bytes. ``G.graph`` holds ``format`` (``"casegraph"``),
    ``format_version`` and ``documents``: ``{doc id: {"sha256", "city", "date", ...}}``,
    the content hash by which a later build knows what it has seen.
``evidence.sqlite``
    The text of every evidence sentence, keyed by the document's content hash and the span
    (``sentences(sha256, start, end, text)``), so ``sources`` entries can be shown as text
    without keeping the bulletins. Rows are only ever added for a hash, so any
    ``graph.json`` — the previous one or the new one — finds its sentences; rows of
    documents no longer in the graph are pruned after a build has committed.
``graph.index.sqlite``
    The query index (:mod:`casegraph.index`): the build's on-disk graph kept for queries, a
    cache that is used only while the ``graph.json`` it names is there unchanged.
``.casegraph.lock``
    The build lock (an OS file lock via ``filelock``: the operating system releases it when
    its process dies, so a lock left by a killed build is taken over at once).
``.casegraph.outputs``
    Which ``graph.json`` (by hash) the exports and ``graph.html`` beside it were last
    written from, in full: a build killed while writing them leaves this stale, and the
    next build writes them again even when no document changed.

``graph.json`` is replaced atomically (temporary file + rename) and is the store's one
commit point: a build killed at any moment leaves the previous store or the new one.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

import filelock
import networkx as nx

from casegraph.errors import StoreError
from casegraph.io import _file_mode, replace_with, write_bytes_atomic, write_chunks_beside

__all__ = ["Store", "Evidence", "PackedGraph", "DiskGraph", "dumps", "iter_dumps", "load", "FORMAT", "FORMAT_VERSION", "GRAPH_FILE", "select_rows_in",
           "EVIDENCE_FILE", "LOCK_FILE"]

FORMAT = "casegraph"
FORMAT_VERSION = 1
GRAPH_FILE = "graph.json"
EVIDENCE_FILE = "evidence.sqlite"
LOCK_FILE = ".casegraph.lock"
OWNER_FILE = ".casegraph.lock.owner"
OUTPUTS_FILE = ".casegraph.outputs"
#: The temporary files of :func:`casegraph.io.write_bytes_atomic` (``.NAME.RANDOM.tmp``).
_TEMPORARY = re.compile(r"\..+\.[A-Za-z0-9_]+\.tmp")


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


def iter_dumps(G: nx.MultiDiGraph | _EncodedGraph) -> Iterator[bytes]:
    """:func:`dumps` as a stream of chunks, so a large graph is written without its whole
    text in memory."""
    graph = dict(G.graph)
    graph.update(format=FORMAT, format_version=FORMAT_VERSION)
    yield f'{{"directed":true,"multigraph":true,\n"graph":{_json(graph)},\n"nodes":['.encode()
    if isinstance(G, _EncodedGraph):
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


class _EncodedGraph:
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


class PackedGraph(_EncodedGraph):
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


class DiskGraph(_EncodedGraph):
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

    @property
    def connection(self) -> sqlite3.Connection:
        """The SQLite connection to the file (for :mod:`casegraph.index`)."""
        return self._db

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

    def __init__(self, graph: _EncodedGraph):
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

    def __init__(self, graph: _EncodedGraph):
        self._graph = graph

    def __getitem__(self, edge: tuple[str, str, str]) -> dict:
        return self._graph._edge(edge)

    def __call__(self, keys: bool = False, data: bool = False) -> Iterator[tuple]:
        for u, v, k in self._graph._edge_ids():
            head = (u, v, k) if keys else (u, v)
            yield (*head, self._graph._edge((u, v, k))) if data else head


def load(path: str | os.PathLike[str]) -> nx.MultiDiGraph:
    """Read a store's graph (``path`` is the store folder or its ``graph.json``).

    Raises
    ------
    StoreError
        If there is no store, it is corrupt, or a newer casegraph wrote it.
    """
    path = Path(path)
    return Store(path.parent if path.name == GRAPH_FILE and path.is_file() else path).load()


class Store:
    """One store folder: load, save, lock, evidence.

    Examples
    --------
    >>> import tempfile
    >>> store = Store(tempfile.mkdtemp())
    >>> with store.lock():
    ...     store.save(nx.MultiDiGraph(documents={}))
    >>> store.load().graph["format_version"]
    1
    """

    def __init__(self, root: str | os.PathLike[str]):
        self.root = Path(root)
        self.graph_path = self.root / GRAPH_FILE
        self.evidence_path = self.root / EVIDENCE_FILE

    def exists(self) -> bool:
        return self.graph_path.exists()

    # --- reading --------------------------------------------------------------------------
    def load(self) -> nx.MultiDiGraph:
        """The stored graph; :class:`StoreError` if missing, corrupt or too new."""
        try:
            raw = self.graph_path.read_bytes()
        except FileNotFoundError:
            raise StoreError(f"{self.root}: no casegraph store here "
                             "(run `casegraph build INPUT -o DIR` first)") from None
        except OSError as err:
            raise StoreError(f"{self.graph_path}: cannot read: {_reason(err)}") from None
        return self._parse(raw)

    def load_or_empty(self) -> nx.MultiDiGraph:
        """The stored graph, or an empty one where no store exists yet."""
        if not self.exists():
            return nx.MultiDiGraph(documents={})
        return self.load()

    def _parse(self, raw: bytes) -> nx.MultiDiGraph:
        where = self.graph_path
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as err:
            raise StoreError(f"{where}: corrupt store ({_short(err)}); it was left untouched: "
                             "move it away or rebuild with --rebuild") from None
        if not isinstance(data, dict) or not isinstance(data.get("graph"), dict) \
                or data["graph"].get("format") != FORMAT:
            raise StoreError(f"{where}: not a casegraph store; it was left untouched")
        version = data["graph"].get("format_version")
        if isinstance(version, int) and not isinstance(version, bool) \
                and version > FORMAT_VERSION:
            raise StoreError(f"{where}: store format version {version} is newer than this "
                             f"casegraph reads ({FORMAT_VERSION}); upgrade casegraph")
        try:
            if not isinstance(version, int) or isinstance(version, bool) or version < 1:
                raise ValueError(f"format version {version!r}")
            _check_shape(data)
            G = _graph(data)
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise StoreError(f"{where}: corrupt store ({_short(err)}); it was left untouched: "
                             "move it away or rebuild with --rebuild") from None
        return G

    # --- writing --------------------------------------------------------------------------
    def prepare(self) -> None:
        """Create the store folder; :class:`StoreError` if that is impossible."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StoreError(f"{self.root}: cannot create the output folder: {_reason(err)}") \
                from None
        if not self.root.is_dir():
            raise StoreError(f"{self.root}: not a folder")

    def save(self, G: nx.MultiDiGraph) -> None:
        """Replace ``graph.json`` atomically (hold :meth:`lock` while doing so)."""
        self.commit(self.write(G))

    def write(self, G: nx.MultiDiGraph) -> Path:
        """The first half of :meth:`save`, which may run in another process: ``G`` written
        to a temporary file beside ``graph.json``, whose name is returned for :meth:`commit`
        (the build's own process, holding the lock, commits it)."""
        try:
            return write_chunks_beside(self.graph_path, iter_dumps(G))
        except (OSError, sqlite3.Error) as err:  # sqlite3: reading an encoded graph's file
            raise self._unwritten(err) from None

    def commit(self, written: str | os.PathLike[str]) -> None:
        """Make the file :meth:`write` wrote the store's ``graph.json`` (atomically)."""
        try:
            replace_with(written, self.graph_path)
        except OSError as err:
            raise self._unwritten(err) from None

    def _unwritten(self, err: Exception) -> StoreError:
        return StoreError(f"{self.graph_path}: cannot write: {_reason(err)} "
                          "(the previous store is unchanged)")

    def clean_temporary(self) -> None:
        """Remove the temporary files a killed build left behind, of the store and of the
        outputs beside it (the folder and its subfolders, one level; call under :meth:`lock`)."""
        with contextlib.suppress(OSError):
            folders = [self.root, *(p for p in self.root.iterdir()
                                    if p.is_dir() and not p.is_symlink())]
            for folder in folders:
                for temp in folder.glob(".*.tmp"):
                    if _TEMPORARY.fullmatch(temp.name):
                        with contextlib.suppress(OSError):
                            temp.unlink()
                for companion in [*folder.glob(".*.tmp-wal"), *folder.glob(".*.tmp-shm")]:
                    # SQLite's journal of a work file (the index is written in WAL mode)
                    if _TEMPORARY.fullmatch(companion.name[:-4]):
                        with contextlib.suppress(OSError):
                            companion.unlink()

    # --- the outputs beside the store ----------------------------------------------------------
    def outputs_current(self, wanted: Mapping[str, Any]) -> bool:
        """Whether the outputs described by ``wanted`` were all written from the
        ``graph.json`` now on disk (see :meth:`mark_outputs`)."""
        try:
            stamp = json.loads((self.root / OUTPUTS_FILE).read_text(encoding="utf-8"))
            return stamp == {**wanted, "graph_sha256": self._graph_hash()}
        except (OSError, ValueError):
            return False

    def mark_outputs(self, wanted: Mapping[str, Any]) -> None:
        """Record that the outputs ``wanted`` were just written in full from ``graph.json``."""
        stamp = json.dumps({**wanted, "graph_sha256": self._graph_hash()}, sort_keys=True)
        try:
            write_bytes_atomic(self.root / OUTPUTS_FILE, stamp.encode("utf-8"), fsync=False)
        except OSError as err:
            raise StoreError(f"{self.root}: cannot write {OUTPUTS_FILE}: {_reason(err)} "
                             "(the store itself is saved)") from None

    def _graph_hash(self) -> str:
        return hashlib.sha256(self.graph_path.read_bytes()).hexdigest()

    @contextlib.contextmanager
    def lock(self, wait: bool = True,
             on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
        """Hold the store's build lock.

        Parameters
        ----------
        wait : bool
            Wait for another build to finish (``on_wait`` is told once, with a message);
            if False, raise :class:`StoreError` at once instead.
        """
        self.prepare()
        lock = filelock.FileLock(str(self.root / LOCK_FILE))
        try:
            try:
                lock.acquire(timeout=0)
            except filelock.Timeout:
                owner = self._owner()
                if not wait:
                    raise StoreError(f"{self.root}: another casegraph build{owner} is writing "
                                     "this store; try again later (or drop --no-wait)") from None
                if on_wait is not None:
                    on_wait(f"waiting for another casegraph build{owner} to finish with "
                            f"{self.root}")
                lock.acquire()
        except OSError as err:
            raise StoreError(f"{self.root}: cannot lock the store: {_reason(err)}") from None
        try:
            self._write_owner()
            yield
        finally:
            lock.release()

    def _owner(self) -> str:
        try:
            pid = (self.root / OWNER_FILE).read_text(encoding="utf-8").split()[0]
            return f" (process {int(pid)})"
        except (OSError, ValueError, IndexError):
            return ""

    def _write_owner(self) -> None:
        with contextlib.suppress(OSError):
            write_bytes_atomic(self.root / OWNER_FILE, f"{os.getpid()}\n".encode(), fsync=False)

    # --- evidence ---------------------------------------------------------------------------
    def evidence(self, *, write: bool = False) -> "Evidence":
        """The evidence sentences (opened for writing only under :meth:`lock`)."""
        return Evidence(self.evidence_path, write=write)

    # --- the graph a build works on -----------------------------------------------------------
    def work_graph(self, start: nx.MultiDiGraph | None = None) -> "DiskGraph":
        """A :class:`DiskGraph` in a temporary file of the store holding ``start`` (empty
        when None), for a build to merge into (call under :meth:`lock`; close it when done:
        :meth:`clean_temporary` removes one a killed build left)."""
        try:
            fd, name = tempfile.mkstemp(prefix=f".{GRAPH_FILE}.", suffix=".tmp", dir=self.root)
            os.close(fd)
            return DiskGraph.from_networkx(start, name) if start is not None else DiskGraph(name)
        except (OSError, sqlite3.Error) as err:
            raise StoreError(f"{self.root}: cannot make the build's work file: {err}") from None


class Evidence:
    """The evidence sentences of a store: ``text`` of ``(document hash, start, end)``."""

    def __init__(self, path: str | os.PathLike[str], *, write: bool = False):
        self.path = Path(path)
        self._write = write
        self._db: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is None:
            if not self._write and not self.path.exists():
                return None
            try:
                if self._write:
                    self._db = sqlite3.connect(self.path)
                    self._db.execute("CREATE TABLE IF NOT EXISTS sentences (sha256 TEXT, start "
                                     "INTEGER, end INTEGER, text TEXT, PRIMARY KEY (sha256, "
                                     "start, end)) WITHOUT ROWID")
                else:
                    self._db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            except sqlite3.Error as err:
                raise StoreError(f"{self.path}: cannot open the evidence sentences: {err}") \
                    from None
        return self._db

    def add(self, sha256: str, sentences: Mapping[tuple[int, int], str]) -> None:
        """Record the sentences of one document (not committed until :meth:`commit`)."""
        db = self._connect()
        assert db is not None
        try:
            db.executemany("INSERT OR IGNORE INTO sentences VALUES (?, ?, ?, ?)",
                           [(sha256, s, e, t) for (s, e), t in sorted(sentences.items())])
        except sqlite3.Error as err:
            raise StoreError(f"{self.path}: cannot write evidence: {err}") from None

    def commit(self) -> None:
        if self._db is not None:
            try:
                self._db.commit()
            except sqlite3.Error as err:
                raise StoreError(f"{self.path}: cannot write evidence: {err}") from None

    def prune(self, keep: Iterable[str]) -> None:
        """Drop the sentences of documents whose hash is not in ``keep``."""
        db = self._connect()
        if db is None:
            return
        try:
            db.execute("CREATE TEMP TABLE IF NOT EXISTS keep (sha256 TEXT PRIMARY KEY)")
            db.execute("DELETE FROM keep")
            db.executemany("INSERT OR IGNORE INTO keep VALUES (?)", [(h,) for h in keep])
            db.execute("DELETE FROM sentences WHERE sha256 NOT IN (SELECT sha256 FROM keep)")
            db.commit()
        except sqlite3.Error as err:
            raise StoreError(f"{self.path}: cannot write evidence: {err}") from None

    def sentence(self, sha256: str | None, start: int | None, end: int | None) -> str | None:
        """The text of one sentence, or None when it is not recorded."""
        db = self._connect()
        if db is None or sha256 is None:
            return None
        try:
            row = db.execute("SELECT text FROM sentences WHERE sha256=? AND start=? AND end=?",
                             (sha256, start, end)).fetchone()
        except sqlite3.Error:
            return None
        return None if row is None else row[0]

    def lookup(self, G: nx.MultiDiGraph) -> Callable[[Mapping[str, Any]], str | None]:
        """``lookup(source) -> text``: the sentence a ``sources`` entry of ``G`` points at."""
        documents = G.graph.get("documents") or {}

        def text(source: Mapping[str, Any]) -> str | None:
            record = documents.get(source.get("doc")) or {}
            return self.sentence(record.get("sha256"), source.get("start"), source.get("end"))

        return text

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> "Evidence":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


#: What every reader of a store relies on, by attribute: a type, or a kind checked by
#: :func:`_has_shape` (other node and edge attributes are facts and may hold any JSON).
_REQUIRED_NODE, _REQUIRED_EDGE = ("id", "type", "name"), ("source", "target", "key", "relation")
#: Facts whose type readers rely on: dates are compared and sorted as ISO strings (a
#: fact's per-document ``values`` entries hold the same type). Other facts may hold any
#: JSON value (an age of "unknown" is odd, not corrupt).
_FACTS = dict.fromkeys(("onset_date", "positive_date", "diagnosis_date", "date"),
                       (str, type(None)))
_NODE_SHAPE = {**_FACTS, "id": str, "type": str, "name": str, "city": (str, type(None)),
               "sources": "sources", "aliases": "strings", "keys": "strings",
               "full_name": str, "admin_path": "strings", "merged_by": "strings",
               "values": "values", "conflicts": dict}
_EDGE_SHAPE = {**_FACTS, "source": str, "target": str, "key": str, "relation": str,
               "sources": "sources", "values": "values", "conflicts": dict}
_DOCUMENT_SHAPE = {"sha256": (str, type(None)), "city": (str, type(None)),
                   "date": (str, type(None))}
_SPAN = (int, type(None))


def _check_shape(data: dict) -> None:
    """Raise ``ValueError`` where ``data`` lacks the shape every reader of a store relies
    on (:data:`_NODE_SHAPE`, :data:`_EDGE_SHAPE`): a table of document records, typed
    nodes, sources as lists of records, edges between nodes that exist."""
    documents = data["graph"].get("documents")
    if not isinstance(documents, dict) or not all(_has_shape(r, _DOCUMENT_SHAPE, ())
                                                  for r in documents.values()):
        raise ValueError("no document table")
    if not isinstance(data.get("nodes"), list) or not isinstance(data.get("edges"), list):
        raise ValueError("no node or edge list")
    ids = set()
    for node in data["nodes"]:
        if not _has_shape(node, _NODE_SHAPE, _REQUIRED_NODE):
            raise ValueError(f"node {_name(node, 'id')} is malformed")
        ids.add(node["id"])
    for edge in data["edges"]:
        if not _has_shape(edge, _EDGE_SHAPE, _REQUIRED_EDGE):
            raise ValueError(f"edge {_name(edge, 'source')} -> {_name(edge, 'target')} "
                             "is malformed")
        if edge["source"] not in ids or edge["target"] not in ids:
            raise ValueError(f"an edge to an unknown node ({edge['source']} -> {edge['target']})")


def _has_shape(item: Any, shape: Mapping[str, Any], required: Iterable[str]) -> bool:
    if not isinstance(item, dict) or any(key not in item for key in required):
        return False
    for key, kind in shape.items():
        if key not in item:
            continue
        value = item[key]
        if kind == "strings":
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        elif kind == "sources":
            ok = isinstance(value, list) and all(
                isinstance(s, dict) and isinstance(s.get("doc"), str)
                and isinstance(s.get("start"), _SPAN) and isinstance(s.get("end"), _SPAN)
                and not isinstance(s.get("start"), bool) and not isinstance(s.get("end"), bool)
                for s in value)
        elif kind == "values":
            ok = isinstance(value, dict) and all(
                isinstance(entries, list) and all(
                    isinstance(e, dict) and "value" in e and isinstance(e.get("doc"), str)
                    and _is(e["value"], shape.get(attr, object) if attr != "name" else str)
                    for e in entries) for attr, entries in value.items())
        else:
            ok = _is(value, kind)
        if not ok:
            return False
    return True


def _is(value: Any, kind: Any) -> bool:
    """``isinstance``, but a bool is not a number here."""
    if kind is object:
        return True
    if kind is bool:
        return isinstance(value, bool)
    return isinstance(value, kind) and not isinstance(value, bool)


def _name(item: Any, key: str) -> str:
    return str(item.get(key))[:80] if isinstance(item, dict) else type(item).__name__


def _graph(data: dict) -> nx.MultiDiGraph:
    """The graph of node-link ``data`` (what ``nx.node_link_graph`` does, in one pass)."""
    G = nx.MultiDiGraph()
    G.graph.update(data["graph"])
    G.add_nodes_from((node.pop("id"), node) for node in data["nodes"])
    G.add_edges_from((edge.pop("source"), edge.pop("target"), edge.pop("key"), edge)
                     for edge in data["edges"])
    return G


def _reason(err: Exception) -> str:
    return getattr(err, "strerror", None) or str(err)


def _short(err: Exception) -> str:
    text = str(err).splitlines()[0] if str(err) else type(err).__name__
    return text[:120]


_EncodedGraph._node_view = _EncodedNodes  # a subclass may read its storage another way
_EncodedGraph._edge_view = _EncodedEdges
