"""The query index of a store: its graph in SQLite, looked up instead of loaded.

``OUT/graph.index.sqlite`` is the graph a build merged on disk
(:class:`casegraph.store.graphs.DiskGraph`: every node and edge as its ``graph.json``
bytes), kept when the build ends, with the names by which queries find nodes, each node's
type, and the answers of ``clusters`` and ``stats`` (the queries that read the whole graph)
worked out once (:mod:`casegraph.pipeline.save` fills the tables this module makes). Queries
and focus pages read it through :class:`IndexGraph`, the part of networkx's graph API they
use, and :class:`casegraph.query.backends.IndexBackend`, the lookups by SQL, so a question
to a store of millions of nodes is answered in a fraction of a second without loading
gigabytes of JSON.

It is a cache of ``graph.json``, never the record: it names the ``graph.json`` it was made
from (size, modification time, inode), and wherever they differ (a checkpoint of a build
that was killed, a store written by another tool) it is not used and ``graph.json`` is read.

Examples
--------
>>> import tempfile, casegraph
>>> from casegraph.pipeline import build
>>> folder = tempfile.mkdtemp()
>>> _ = open(f"{folder}/d1.txt", "w", encoding="utf-8").write(
...     "感染者1：现住丰台区东木樨园14号楼。感染者2：系感染者1的密切接触者。")
>>> _ = build([folder], f"{folder}/out", city="北京", date="2022-04-14", formats=[], html=False)
>>> G = open_index(f"{folder}/out")
>>> G.number_of_nodes() == casegraph.load(f"{folder}/out").number_of_nodes()
True
>>> casegraph.query.chain(G, "感染者2").upstream[0]["from_name"]
'感染者1'
"""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any, Iterable, Iterator

import networkx as nx

from casegraph.io import read_only_uri
from casegraph.names import clean_name
from casegraph.schema import PLACE_TYPES
from casegraph.store.folder import GRAPH_FILE
from casegraph.store.graphs import FORMAT, FORMAT_VERSION, DiskGraph, _EncodedEdges, \
    _EncodedNodes

__all__ = ["INDEX_FILE", "IndexGraph", "open_index", "copy_for_build", "remove_index",
           "prepare_index", "write_terms", "NAME", "AREA", "ID"]

INDEX_FILE = "graph.index.sqlite"
INDEX_VERSION = 4  # 3: clusters joined by exposure only; 4: visits to a place grouped within the window
# kinds of term: a node's names (name, full name, aliases), the areas a place lies in
# (district, administrative path), its id
NAME, AREA, ID = 0, 1, 2
_BATCH = 20_000


def _stamp(graph_path: Path) -> str:
    """What identifies one ``graph.json`` file: its size, modification time and inode."""
    st = graph_path.stat()
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}"



# --- writing ---------------------------------------------------------------------------------

def prepare_index(db: sqlite3.Connection, graph: dict,
                  changed: Iterable[str] | None = None) -> None:
    """The index's tables, emptied; its ``meta`` (but the stamp of ``graph.json``) and
    ``node_types`` written. With ``changed`` (the ids of the nodes a build added, changed
    or removed, where ``db`` is a copy of an index of this version), only their rows are
    done again: their terms are then written by :func:`write_terms`."""
    if changed is None:
        db.executescript("""
            DROP TABLE IF EXISTS terms; DROP TABLE IF EXISTS node_types;
            DROP TABLE IF EXISTS summaries; DROP TABLE IF EXISTS meta;
            CREATE TABLE terms (term TEXT, kind INTEGER, node TEXT, type TEXT, pos INTEGER);
            CREATE TABLE node_types (id TEXT PRIMARY KEY, type TEXT) WITHOUT ROWID;
            CREATE TABLE summaries (name TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT);
        """)
        _read_fields(db, "nodes")
    else:
        db.execute("CREATE TEMP TABLE changed (id TEXT PRIMARY KEY) WITHOUT ROWID")
        db.executemany("INSERT OR IGNORE INTO temp.changed VALUES (?)", ((n,) for n in changed))
        db.executescript("""
            DELETE FROM terms WHERE node IN (SELECT id FROM temp.changed);
            DELETE FROM node_types WHERE id IN (SELECT id FROM temp.changed);
            DELETE FROM summaries; DELETE FROM meta;
        """)
        _read_fields(db, "nodes WHERE id IN (SELECT id FROM temp.changed)")
        db.execute("DROP TABLE temp.changed")
    graph = {**graph, "format": FORMAT, "format_version": FORMAT_VERSION}
    db.executemany("INSERT INTO meta VALUES (?, ?)", [
        ("version", str(INDEX_VERSION)), ("graph", json.dumps(graph, ensure_ascii=False))])
    db.commit()


def _read_fields(db: sqlite3.Connection, nodes: str) -> None:
    """Each node's type (``node_types``) and the fields its terms come from (a temporary
    table, ``fields``), read in one pass of SQLite's JSON parser over the ``nodes`` (a
    table, maybe with a condition)."""
    db.executescript(f"""
        DROP TABLE IF EXISTS temp.fields;
        CREATE TEMP TABLE fields AS SELECT id, json_extract(data, '$.type', '$.name',
            '$.full_name', '$.aliases', '$.district', '$.admin_path') value FROM {nodes};
        INSERT INTO node_types SELECT id, json_extract(value, '$[0]') FROM temp.fields;
    """)


def write_terms(db: sqlite3.Connection) -> None:
    """The names, areas and ids by which queries find nodes (``terms``, ``name_chars``)."""
    # read in SQLite's own JSON functions, from the fields of one parse of each node:
    # decoding every node in Python took longer
    db.create_function("clean", 1, _clean, deterministic=True)
    db.executescript(f"""
        INSERT INTO terms SELECT clean(term), kind, id, type, pos FROM (
            SELECT json_extract(value, '$[1]') term, {NAME} kind, id,
                   json_extract(value, '$[0]') type, 0 pos FROM temp.fields
            UNION ALL
            SELECT json_extract(value, '$[2]'), {NAME}, id, json_extract(value, '$[0]'), 1
                FROM temp.fields
            UNION ALL
            SELECT a.value, {NAME}, f.id, json_extract(f.value, '$[0]'), 2 + a.key
                FROM temp.fields f, json_each(f.value, '$[3]') a
            UNION ALL
            SELECT id, {ID}, id, json_extract(value, '$[0]'), 1000000 FROM temp.fields
            UNION ALL
            SELECT json_extract(value, '$[4]'), {AREA}, id, json_extract(value, '$[0]'), -1
                FROM temp.fields WHERE json_extract(value, '$[0]') IN {PLACE_TYPES}
            UNION ALL
            SELECT p.value, {AREA}, f.id, json_extract(f.value, '$[0]'), -1
                FROM temp.fields f, json_each(f.value, '$[5]') p
                WHERE json_extract(f.value, '$[0]') IN {PLACE_TYPES})
        WHERE term IS NOT NULL AND term != '';
        DROP TABLE temp.fields;
    """)
    db.execute("CREATE INDEX IF NOT EXISTS terms_by_term ON terms (term, kind)")
    _write_name_chars(db)
    db.commit()


def _write_name_chars(db: sqlite3.Connection) -> None:
    """Every distinct name, numbered shortest first (``names``), and an FTS5 index of its
    characters (``name_chars``): a phrase of characters finds the names that hold a text, a
    character's postings the names that may resemble it."""
    db.executescript(f"""
        DROP TABLE IF EXISTS names; DROP TABLE IF EXISTS name_chars;
        DROP TABLE IF EXISTS name_vocab; DROP TABLE IF EXISTS name_lengths;
        CREATE TABLE names (id INTEGER PRIMARY KEY, term TEXT);
        INSERT INTO names (term) SELECT term FROM (SELECT DISTINCT term FROM terms
            WHERE kind = {NAME}) ORDER BY length(term), term;
        CREATE VIRTUAL TABLE name_chars USING fts5(chars, content='',
            tokenize='unicode61 remove_diacritics 0');
        CREATE VIRTUAL TABLE name_vocab USING fts5vocab(name_chars, 'row');
        CREATE TABLE name_lengths AS SELECT length(term) length, min(id) first, max(id) last
            FROM names GROUP BY length(term);
    """)
    db.create_function("spaced", 1, _spaced, deterministic=True)
    db.execute("INSERT INTO name_chars (rowid, chars) SELECT id, spaced(term) FROM names")
    db.execute("INSERT INTO name_chars (name_chars) VALUES ('optimize')")


def _spaced(text: str) -> str:
    """``text``'s letters and digits as tokens of one character: ``友谊社区`` -> ``友 谊 社 区``."""
    return " ".join(ch for ch in text if ch.isalnum())


def _clean(text: object) -> str | None:
    return None if text is None else clean_name(text)


def _rows(db: sqlite3.Connection, sql: str) -> Iterator[tuple]:
    """The rows of ``sql`` read in slices (the connection may write between them)."""
    cursor = db.execute(sql)
    while rows := cursor.fetchmany(_BATCH):
        yield from rows



# --- reading ---------------------------------------------------------------------------------

def open_index(root: str | os.PathLike[str]) -> IndexGraph | None:
    """The index of the store ``root`` if it was made from the ``graph.json`` there now,
    else None (then load ``graph.json``)."""
    root = Path(root)
    path = root / INDEX_FILE
    try:
        if not path.is_file():
            return None
        db = sqlite3.connect(read_only_uri(path), uri=True)
        meta = dict(db.execute("SELECT name, value FROM meta"))
        if meta.get("version") != str(INDEX_VERSION) or \
                meta.get("graph_json") != _stamp(root / GRAPH_FILE):
            db.close()
            return None
        return IndexGraph(db)
    except (OSError, sqlite3.Error, ValueError):
        return None


def copy_for_build(root: str | os.PathLike[str]) -> DiskGraph | None:
    """A build's work graph on a copy of the store's index (None where the index is not
    current): the build starts from it instead of loading ``graph.json``."""
    index = open_index(root)
    if index is None:
        return None
    graph = index.graph
    index.close()
    fd, name = tempfile.mkstemp(prefix=f".{GRAPH_FILE}.", suffix=".tmp", dir=root)
    os.close(fd)
    try:
        shutil.copyfile(Path(root) / INDEX_FILE, name)
        work = DiskGraph(name, graph)
    except (OSError, sqlite3.Error):
        Path(name).unlink(missing_ok=True)
        return None
    work.keys_indexed = True  # its key index came with it
    work.track_changes()  # what the build changes is then told cheaply
    return work


def remove_index(root: str | os.PathLike[str]) -> None:
    """Delete the index of the store ``root`` (before its ``graph.json`` changes)."""
    try:
        (Path(root) / INDEX_FILE).unlink()
    except FileNotFoundError:
        pass



class IndexGraph(DiskGraph):
    """A store's graph read from its index: ``G.nodes[n]``, ``G.nodes(data=True)``,
    ``G.edges(keys=True, data=True)``, ``in_edges``, ``out_edges``, ``successors``,
    ``predecessors``, ``subgraph`` and ``degree`` as networkx has them; :attr:`connection` for
    the lookups by SQL (:class:`casegraph.query.backends.IndexBackend`). Read only."""

    def __init__(self, db: sqlite3.Connection):  # noqa: super().__init__ would make tables
        self.graph = json.loads(db.execute("SELECT value FROM meta WHERE name = 'graph'")
                                .fetchone()[0])
        self._decoded = {}
        self._db = db
        self.path = None

    def close(self) -> None:
        self._db.close()

    def sorted_graph(self) -> dict[str, Any]:
        """The graph's attributes in ``graph.json``'s order (its keys sorted)."""
        return {key: self.graph[key] for key in sorted(self.graph)}

    def in_edges(self, node: str, keys: bool = False, data: bool = False) -> list[tuple]:
        return self._edges("target", node, keys, data)

    def out_edges(self, node: str, keys: bool = False, data: bool = False) -> list[tuple]:
        return self._edges("source", node, keys, data)

    def _edges(self, end: str, node: str, keys: bool, data: bool) -> list[tuple]:
        order = "target, key" if end == "source" else "source, key"
        rows = self._db.execute(f"SELECT source, target, key, data FROM edges WHERE {end} = ? "
                                f"ORDER BY {order}", (node,))
        return [_edge_tuple(row, keys, data) for row in rows]

    def successors(self, node: str) -> list[str]:
        return [r[0] for r in self._db.execute(
            "SELECT DISTINCT target FROM edges WHERE source = ? ORDER BY target", (node,))]

    def predecessors(self, node: str) -> list[str]:
        return [r[0] for r in self._db.execute(
            "SELECT DISTINCT source FROM edges WHERE target = ? ORDER BY source", (node,))]

    def degree(self, node: str) -> int:
        return self.in_degree(node) + self.out_degree(node)

    def in_degree(self, node: str) -> int:
        return self._db.execute("SELECT count(*) FROM edges WHERE target = ?",
                                (node,)).fetchone()[0]

    def out_degree(self, node: str) -> int:
        return self._db.execute("SELECT count(*) FROM edges WHERE source = ?",
                                (node,)).fetchone()[0]

    def get_edge_data(self, u: str, v: str) -> dict[str, dict] | None:
        found = {k: d for _u, _v, k, d in self.out_edges(u, keys=True, data=True) if _v == v}
        return found or None

    def subgraph(self, nodes: Iterable[str]) -> nx.MultiDiGraph:
        """The nodes and the edges among them, as a networkx graph of their own (a copy,
        in ``graph.json``'s order)."""
        wanted = set(nodes)
        kept = sorted(wanted & self.present(wanted))
        H = nx.MultiDiGraph()
        H.graph.update(self.graph)
        H.add_nodes_from((n, self.nodes[n]) for n in kept)
        members = set(kept)
        H.add_edges_from((u, v, k, d) for n in kept for u, v, k, d in
                         self.out_edges(n, keys=True, data=True) if v in members)
        return H

    def around(self, node: str, hops: int) -> nx.MultiDiGraph:
        """The nodes within ``hops`` edges of ``node`` (either direction) and the edges among
        them, as a networkx graph."""
        seen, frontier = {node}, [node]
        for _ in range(hops):
            frontier = [m for n in frontier
                        for m in (*self.successors(n), *self.predecessors(n)) if m not in seen]
            seen.update(frontier)
        return self.subgraph(seen)



def _edge_tuple(row: tuple, keys: bool, data: bool) -> tuple:
    u, v, k, raw = row
    head = (u, v, k) if keys else (u, v)
    if not data:
        return head
    attrs = json.loads(raw)
    for attr in ("source", "target", "key"):
        del attrs[attr]
    return (*head, attrs)


class _IndexNodes(_EncodedNodes):
    def __call__(self, data: bool | str = False, default: Any = None) -> Iterator:
        if data is False:
            yield from (r[0] for r in _rows(self._graph._db, "SELECT id FROM nodes"))
            return
        for node, raw in _rows(self._graph._db, "SELECT id, data FROM nodes"):
            attrs = json.loads(raw)
            del attrs["id"]
            yield (node, attrs) if data is True else (node, attrs.get(data, default))

    def items(self) -> Iterator:
        return self(data=True)


class _IndexEdges(_EncodedEdges):
    def __call__(self, keys: bool = False, data: bool = False) -> Iterator[tuple]:
        columns = "source, target, key, data" if data else "source, target, key, NULL"
        for row in _rows(self._graph._db, f"SELECT {columns} FROM edges"):
            yield _edge_tuple(row, keys, data)



# views as networkx has them, each a single pass over a table
IndexGraph._node_view = _IndexNodes
IndexGraph._edge_view = _IndexEdges
