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
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

import filelock
import networkx as nx

from casegraph.errors import StoreError
from casegraph.io import write_bytes_atomic, write_chunks_atomic

__all__ = ["Store", "Evidence", "dumps", "iter_dumps", "load", "FORMAT", "FORMAT_VERSION", "GRAPH_FILE",
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


def iter_dumps(G: nx.MultiDiGraph) -> Iterator[bytes]:
    """:func:`dumps` as a stream of chunks, so a large graph is written without its whole
    text in memory."""
    graph = dict(G.graph)
    graph.update(format=FORMAT, format_version=FORMAT_VERSION)
    yield f'{{"directed":true,"multigraph":true,\n"graph":{_json(graph)},\n"nodes":['.encode()
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
        try:
            write_chunks_atomic(self.graph_path, iter_dumps(G))
        except OSError as err:
            raise StoreError(f"{self.graph_path}: cannot write: {_reason(err)} "
                             "(the previous store is unchanged)") from None

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


def _check_shape(data: dict) -> None:
    """Raise ``ValueError`` where ``data`` lacks the shape every reader of a store relies
    on: a document table of records, string ids, typed nodes, sources as lists of records,
    edges between nodes that exist."""
    documents = data["graph"].get("documents")
    if not isinstance(documents, dict) or not all(isinstance(r, dict)
                                                  for r in documents.values()):
        raise ValueError("no document table")
    if not isinstance(data.get("nodes"), list) or not isinstance(data.get("edges"), list):
        raise ValueError("no node or edge list")
    ids = set()
    for node in data["nodes"]:
        if not isinstance(node, dict) or not isinstance(node.get("id"), str) \
                or not isinstance(node.get("type"), str):
            raise ValueError("a node without a string id and type")
        _check_sources(node)
        ids.add(node["id"])
    for edge in data["edges"]:
        if not isinstance(edge, dict) or not all(isinstance(edge.get(end), str)
                                                 for end in ("source", "target", "key")):
            raise ValueError("an edge without string ends and key")
        if edge["source"] not in ids or edge["target"] not in ids:
            raise ValueError(f"an edge to an unknown node ({edge['source']} -> {edge['target']})")
        _check_sources(edge)


def _check_sources(item: dict) -> None:
    sources = item.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(s, dict) and isinstance(s.get("doc"), str)
                                                for s in sources):
        raise ValueError(f"sources of {item.get('id') or item.get('key')} are not records")


def _graph(data: dict) -> nx.MultiDiGraph:
    """The graph of node-link ``data`` (what ``nx.node_link_graph`` does, in one pass)."""
    G = nx.MultiDiGraph()
    G.graph.update(data["graph"])
    G.add_nodes_from((node.pop("id"), node) for node in data["nodes"])
    G.add_edges_from((edge.pop("source"), edge.pop("target"), edge.pop("key"), edge)
                     for edge in data["edges"])
    return G


def _reason(err: OSError) -> str:
    return err.strerror or str(err)


def _short(err: Exception) -> str:
    text = str(err).splitlines()[0] if str(err) else type(err).__name__
    return text[:120]
