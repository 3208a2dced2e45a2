"""The store folder: ``graph.json`` loaded, saved and committed, the build lock, the outputs'
stamp, and the shape every reader relies on (see :mod:`casegraph.store`)."""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sqlite3
import tempfile
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterable, Iterator, Mapping

import filelock
import networkx as nx

from casegraph.errors import StoreError
from casegraph.io import replace_with, write_bytes_atomic, write_chunks_beside
from casegraph.store.evidence import Evidence
from casegraph.store.graphs import FORMAT, FORMAT_VERSION, DiskGraph, iter_dumps

__all__ = ["Store", "load", "file_hash", "GRAPH_FILE", "EVIDENCE_FILE", "LOCK_FILE",
           "OUTPUTS_FILE"]

GRAPH_FILE = "graph.json"
EVIDENCE_FILE = "evidence.sqlite"
LOCK_FILE = ".casegraph.lock"
OWNER_FILE = ".casegraph.lock.owner"
OUTPUTS_FILE = ".casegraph.outputs"
#: The temporary files of :func:`casegraph.io.write_bytes_atomic` (``.NAME.RANDOM.tmp``).
_TEMPORARY = re.compile(r"\..+\.[A-Za-z0-9_]+\.tmp")


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
            check_shape(data)
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
        return self.outputs_source(wanted) is not None

    def outputs_source(self, wanted: Mapping[str, Any]) -> str | None:
        """The SHA-256 of ``graph.json`` where the outputs ``wanted`` were all written
        from it as it is now (see :meth:`mark_outputs`), else None."""
        stamp = self._outputs_stamp()
        if stamp is None:
            return None
        stamp.pop("files", None)
        try:
            sha = self._graph_hash()
        except OSError:
            return None
        return sha if stamp == {**wanted, "graph_sha256": sha} else None

    def mark_outputs(self, wanted: Mapping[str, Any],
                     files: Mapping[str, str] | Iterable[str] = (),
                     graph_sha256: str | None = None) -> None:
        """Record that the outputs ``wanted`` were just written in full from ``graph.json``,
        and which files they are (``files``, relative to the store, each with the SHA-256
        of its bytes, so that a file changed since is told apart: given as a mapping, or
        as names whose files are hashed here)."""
        if isinstance(files, Mapping):
            found = dict(files)
        else:
            found = {}
            for name in files:
                with contextlib.suppress(OSError), open(self.root / name, "rb") as handle:
                    found[name] = file_hash(handle)
        stamp = json.dumps({**wanted, "graph_sha256": graph_sha256 or self._graph_hash(),
                            "files": found},
                           sort_keys=True)
        try:
            write_bytes_atomic(self.root / OUTPUTS_FILE, stamp.encode("utf-8"), fsync=False)
        except OSError as err:
            raise StoreError(f"{self.root}: cannot write {OUTPUTS_FILE}: {_reason(err)} "
                             "(the store itself is saved)") from None

    def current_outputs(self) -> tuple[bytes, dict[str, Any]] | None:
        """The bytes of ``graph.json`` and the outputs stamp of the outputs written from
        those very bytes (its ``files``: relative name -> the SHA-256 of the bytes written,
        to compare with :func:`file_hash` of the file opened), or None where the stamp is
        missing, unreadable, names no files or is of another ``graph.json``."""
        stamp = self._outputs_stamp()
        if stamp is None or not isinstance(stamp.get("files"), dict):
            return None
        try:
            raw = self.graph_path.read_bytes()
        except OSError:
            return None
        if hashlib.sha256(raw).hexdigest() != stamp.get("graph_sha256"):
            return None
        return raw, stamp

    def _outputs_stamp(self) -> dict[str, Any] | None:
        try:
            stamp = json.loads((self.root / OUTPUTS_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return stamp if isinstance(stamp, dict) else None

    def graph_hash(self) -> str:
        """The SHA-256 (hex) of ``graph.json``."""
        return self._graph_hash()

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


def check_shape(data: dict) -> None:
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


def file_hash(handle: BinaryIO) -> str:
    """The SHA-256 (hex) of what is left to read of the open file ``handle``."""
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(1 << 20), b""):
        digest.update(chunk)
    return digest.hexdigest()


def _reason(err: Exception) -> str:
    return getattr(err, "strerror", None) or str(err)


def _short(err: Exception) -> str:
    text = str(err).splitlines()[0] if str(err) else type(err).__name__
    return text[:120]

