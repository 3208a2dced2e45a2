"""The query index of a store: its graph in SQLite, looked up instead of loaded.

``OUT/graph.index.sqlite`` is the graph a build merged on disk
(:class:`casegraph.store.DiskGraph`: every node and edge as its ``graph.json`` bytes), kept
when the build ends, with the names by which queries find nodes, each node's type, and the
answers of ``clusters`` and ``stats`` (the queries that read the whole graph) worked out
once. Queries and focus pages read it through :class:`IndexGraph`, the part of networkx's
graph API they use, so a question to a store of millions of nodes is answered in a fraction
of a second without loading gigabytes of JSON.

It is a cache of ``graph.json``, never the record: it names the ``graph.json`` it was made
from (size, modification time, inode), and wherever they differ (a checkpoint of a build
that was killed, a store written by another tool) it is not used and ``graph.json`` is read.

Examples
--------
>>> import tempfile, casegraph
>>> from casegraph.build import build
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

import contextlib
import json
import os
import sqlite3
from collections import Counter
from concurrent.futures import BrokenExecutor, Future
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import networkx as nx

from casegraph import query
from casegraph.store import GRAPH_FILE, DiskGraph, FORMAT, FORMAT_VERSION, Store, \
    _EncodedEdges, _EncodedNodes, select_rows_in

__all__ = ["INDEX_FILE", "IndexGraph", "open_index", "write_index"]

INDEX_FILE = "graph.index.sqlite"
INDEX_VERSION = 2
PLACE_TYPES = ("location", "facility")
# kinds of term: a node's names (name, full name, aliases), the areas a place lies in
# (district, administrative path), its id
NAME, AREA, ID = 0, 1, 2
_BATCH = 20_000
_LAST = "\U0010ffff"
#: Below this many distinct names, ``find`` scores every name; above it, only candidates
#: from the character index (see :meth:`IndexGraph.find_candidates`).
FULL_SCAN_NAMES = 200_000
#: Names taken from each kind of candidate (exact, prefix, substring, fuzzy) per result asked.
_CANDIDATES_PER_RESULT = 50
#: Fuzzy candidates come from the text's rarest characters, up to this many names holding them.
_FUZZY_POSTINGS = 300_000


def _stamp(graph_path: Path) -> str:
    """What identifies one ``graph.json`` file: its size, modification time and inode."""
    st = graph_path.stat()
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}"


# --- writing ---------------------------------------------------------------------------------

def write_index(work: DiskGraph, root: str | os.PathLike[str], processes: int = 1, *,
                save: bool = False, on_saved: Callable[[], None] | None = None) -> None:
    """Make the build's graph ``work`` the index of the store ``root``: add the lookup
    tables and the whole-graph answers, then move the file into place (``work`` is closed).
    With ``save``, also write the store's ``graph.json`` from ``work`` (hold the store's
    lock), then call ``on_saved``; the graph is saved even where its index fails. Else
    ``graph.json`` was just written from it.

    With ``processes`` above 1, a second process writes ``graph.json`` and then works out
    the whole-graph answers while this one writes the name tables (the file is in WAL mode
    meanwhile, so the reader and the writer never wait for each other); this process
    commits the new ``graph.json``."""
    store = Store(root)
    saved = not save

    def commit(written: Path | None = None) -> None:
        """graph.json from ``written`` (a file the second process wrote) or from ``work``."""
        nonlocal saved
        saved = True  # tried once: a failed save is told, never tried again
        store.save(work) if written is None else store.commit(written)
        if on_saved is not None:
            on_saved()

    db = work.connection
    try:
        _prepare(db, work.graph)
        if processes > 1:
            db.execute("PRAGMA journal_mode = WAL")
            with _one_process() as pool:  # one process: the graph is written, then summaries
                saving = pool.submit(_write_graph, str(work.path), work.graph, str(root)) \
                    if save else None
                summaries = pool.submit(_summaries_of, str(work.path))
                try:
                    _write_terms(db)
                finally:  # the graph is committed before a failure of its index is told
                    if saving is not None:
                        saved = True  # a write that failed in the other process is not retried
                        commit(_written(saving))
                rows = summaries.result()
            db.execute("PRAGMA journal_mode = DELETE")  # the WAL back into the file
        else:
            if save:
                commit()
            _write_terms(db)
            rows = _summaries(IndexGraph(db))
        db.executemany("INSERT INTO summaries VALUES (?, ?)", rows)
        db.execute("INSERT INTO meta VALUES ('graph_json', ?)", (_stamp(store.graph_path),))
        work.keep(Path(root) / INDEX_FILE)
    except Exception:
        if not saved:  # the index failed before the graph was written: write it here
            commit()
        raise


def _written(saving: Future) -> Path | None:
    """The file the second process wrote graph.json to; None where that process died
    (then this one writes it). A failed write raises its :class:`StoreError`."""
    try:
        return saving.result()
    except BrokenExecutor:
        return None


def _prepare(db: sqlite3.Connection, graph: dict) -> None:
    """The index's tables, emptied; its ``meta`` (but the stamp of ``graph.json``) and
    ``node_types`` written."""
    db.executescript("""
        DROP TABLE IF EXISTS terms; DROP TABLE IF EXISTS node_types;
        DROP TABLE IF EXISTS summaries; DROP TABLE IF EXISTS meta;
        CREATE TABLE terms (term TEXT, kind INTEGER, node TEXT, type TEXT, pos INTEGER);
        CREATE TABLE node_types (id TEXT PRIMARY KEY, type TEXT) WITHOUT ROWID;
        CREATE TABLE summaries (name TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT);
    """)
    _read_fields(db)
    graph = {**graph, "format": FORMAT, "format_version": FORMAT_VERSION}
    db.executemany("INSERT INTO meta VALUES (?, ?)", [
        ("version", str(INDEX_VERSION)), ("graph", json.dumps(graph, ensure_ascii=False))])
    db.commit()


@contextlib.contextmanager
def _one_process() -> Iterator[Any]:
    from concurrent.futures import ProcessPoolExecutor

    from casegraph.engine import fresh_process_context

    pool = ProcessPoolExecutor(1, mp_context=fresh_process_context())
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


@contextlib.contextmanager
def _index_at(path: str) -> Iterator[IndexGraph]:
    """The index being written at ``path``, read from another process."""
    db = sqlite3.connect(path)
    try:
        yield IndexGraph(db)
    finally:
        db.close()


def _write_graph(path: str, graph: dict, root: str) -> Path:
    """In another process: the store ``root``'s next ``graph.json`` written beside it from
    the index being written at ``path`` (whose graph attributes are ``graph``), for the
    caller to commit (:meth:`casegraph.store.Store.commit`)."""
    with _index_at(path) as index:
        index.graph = graph
        return Store(root).write(index)


def _summaries_of(path: str) -> list[tuple[str, str]]:
    """:func:`_summaries` of the index being written at ``path`` (in another process)."""
    with _index_at(path) as index:
        return _summaries(index)


def _summaries(index: IndexGraph) -> list[tuple[str, str]]:
    """``(name, JSON)`` of the queries that read the whole graph."""
    summaries = {"clusters": query.clusters(index), "stats": query.stats(index)}
    return [(name, json.dumps(result.to_dict(), ensure_ascii=False))
            for name, result in summaries.items()]


def _read_fields(db: sqlite3.Connection) -> None:
    """Each node's type (``node_types``) and the fields its terms come from (a temporary
    table, ``fields``), read in one pass of SQLite's JSON parser over the nodes."""
    db.executescript("""
        DROP TABLE IF EXISTS temp.fields;
        CREATE TEMP TABLE fields AS SELECT id, json_extract(data, '$.type', '$.name',
            '$.full_name', '$.aliases', '$.district', '$.admin_path') value FROM nodes;
        INSERT INTO node_types SELECT id, json_extract(value, '$[0]') FROM temp.fields;
    """)


def _write_terms(db: sqlite3.Connection) -> None:
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
    db.execute("CREATE INDEX terms_by_term ON terms (term, kind)")
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
    return None if text is None else query._clean(text)


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
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
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
    import shutil
    import tempfile

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
    ``predecessors``, ``subgraph`` and ``degree`` as networkx has them, and lookups by
    name that :mod:`casegraph.query` uses where a networkx graph is scanned. Read only."""

    def __init__(self, db: sqlite3.Connection):  # noqa: super().__init__ would make tables
        self.graph = json.loads(db.execute("SELECT value FROM meta WHERE name = 'graph'")
                                .fetchone()[0])
        self._decoded = {}
        self._db = db
        self.path = None

    def close(self) -> None:
        self._db.close()

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

    # lookups for casegraph.query --------------------------------------------------------------
    def named(self, term: str, types: Iterable[str] | None = None) -> list[str]:
        """The nodes one of whose names (name, full name, alias) is ``term``."""
        return sorted(n for n, t in self._db.execute(
            "SELECT DISTINCT node, type FROM terms WHERE term = ? AND kind = ?", (term, NAME))
            if types is None or t in types)

    def starting_with(self, prefix: str, types: Iterable[str] | None = None,
                      kinds: Iterable[int] = (NAME, AREA)) -> list[str]:
        """The nodes with a name or an area that starts with ``prefix``."""
        kinds = tuple(kinds)
        rows = self._db.execute(
            "SELECT DISTINCT node, type FROM terms WHERE term >= ? AND term < ? AND kind IN "
            f"({','.join('?' * len(kinds))})", (prefix, prefix + _LAST, *kinds))
        return sorted(n for n, t in rows if types is None or t in types)

    def containing(self, text: str, types: Iterable[str] | None = None) -> list[str]:
        """The nodes with a name or id that contains ``text``."""
        return sorted({n for n, t in self._db.execute(
            f"SELECT node, type FROM terms WHERE kind IN ({NAME}, {ID}) AND instr(term, ?) > 0",
            (text,)) if types is None or t in types})

    def find_candidates(self, text: str, limit: int,
                        types: Iterable[str] | None = None) -> list[str] | None:
        """The nodes ``find`` scores for ``text`` on a large index, else None (score all).

        The names holding ``text`` (exact, prefix, substring), shortest first, as many per
        kind as a result needs; where their nodes are fewer than ``limit``, also names of a
        similar length that hold the text's rarest characters, best ranked (BM25) first: a
        name that shares none of them is no near match. Of these names, only the nodes of
        the best scoring ones are returned: enough for ``limit`` results, ties included.
        """
        count = self._db.execute("SELECT max(id) FROM names").fetchone()[0] or 0
        if count < FULL_SCAN_NAMES:
            return None
        cap = limit * _CANDIDATES_PER_RESULT
        tokens = _spaced(text).split()
        terms = {text}
        if tokens:
            phrase = '"' + " ".join(tokens) + '"'
            for match in ("^" + phrase, phrase):
                terms.update(self._name_terms("name_chars MATCH ?", (match,), cap))
        nodes = self._nodes_of_best(text, terms, limit, types)
        if len(nodes) < limit and tokens:
            nodes |= self._nodes_of_best(text, self._similar_terms(text, tokens, cap), limit,
                                         types)
        if ":" in text:
            nodes.update(self.starting_with(text, types, kinds=(ID,))[:cap])
        return sorted(nodes)

    def _nodes_of_best(self, text: str, terms: Iterable[str], limit: int,
                       types: Iterable[str] | None) -> set[str]:
        """The nodes named by the best scoring of ``terms``: at least ``limit`` of them where
        there are, with every node whose name scores as well as the last one taken."""
        scored = sorted(((query.score_name(text, term), term) for term in terms),
                        key=lambda st: (-st[0], len(st[1]), st[1]))
        nodes: set[str] = set()
        cut = None
        for score, term in scored:
            if score < query.FIND_CUT or (cut is not None and score < cut):
                break
            nodes.update(self.named(term, types))
            if cut is None and len(nodes) >= limit:
                cut = score
            if len(nodes) >= limit * _CANDIDATES_PER_RESULT:
                break
        return nodes

    def _name_terms(self, where: str, args: tuple, cap: int, order: str = "rowid") -> list[str]:
        return [term for (term,) in self._db.execute(
            f"SELECT n.term FROM (SELECT rowid FROM name_chars WHERE {where} ORDER BY {order} "
            f"LIMIT {cap}) f JOIN names n ON n.id = f.rowid", args)]

    def _similar_terms(self, text: str, tokens: list[str], cap: int) -> list[str]:
        """Names of a length ``find`` may score that hold the rarest of ``tokens``."""
        counts = dict(self._db.execute(
            f"SELECT term, doc FROM name_vocab WHERE term IN ({','.join('?' * len(tokens))})",
            [t.lower() for t in tokens]))
        rare, total = [], 0
        for token in sorted(set(counts), key=counts.get):
            if rare and total + counts[token] > _FUZZY_POSTINGS:
                break
            rare.append(token)
            total += counts[token]
        if not rare:
            return []
        shortest, longest = query.fuzzy_lengths(len(text))
        low, high = self._db.execute(
            "SELECT min(first), max(last) FROM name_lengths WHERE length BETWEEN ? AND ?",
            (shortest, longest)).fetchone()
        if low is None:
            return []
        match = " OR ".join(f'"{token}"' for token in rare)
        return self._name_terms("name_chars MATCH ? AND rowid BETWEEN ? AND ?",
                                (match, low, high), cap, order="rank")

    def name_rows(self, types: Iterable[str] | None = None, nodes: list[str] | None = None
                  ) -> Iterator[tuple[str, list[str]]]:
        """``(node, its names and id)`` for every node (of ``types``; of ``nodes``)."""
        wanted = None if types is None else set(types)
        if nodes is not None:  # looked up by id (the terms are not indexed by node)
            yield from self._names_by_id(sorted(nodes), wanted)
            return
        node, names = None, []
        rows = _rows(self._db, f"SELECT term, node, type FROM terms WHERE kind IN ({NAME}, {ID})"
                               " ORDER BY node, pos")
        for term, n, t in rows:
            if wanted is not None and t not in wanted:
                continue
            if n != node:
                if node is not None:
                    yield node, names
                node, names = n, []
            names.append(term)
        if node is not None:
            yield node, names

    def _names_by_id(self, nodes: list[str], wanted: set[str] | None
                     ) -> Iterator[tuple[str, list[str]]]:
        for node, ntype, name, full, aliases in select_rows_in(self._db, """
                SELECT n.id, t.type, json_extract(n.data, '$.name'),
                       json_extract(n.data, '$.full_name'), json_extract(n.data, '$.aliases')
                FROM nodes n JOIN node_types t ON t.id = n.id WHERE n.id IN ({})
                ORDER BY n.id""", nodes):
            if wanted is None or ntype in wanted:
                data = {"name": name, "full_name": full,
                        "aliases": json.loads(aliases) if aliases else ()}
                yield node, query._names(data) + [query._clean(node)]

    def node_types(self) -> dict[str, str]:
        return dict(_rows(self._db, "SELECT id, type FROM node_types"))

    def case_count(self, node: str) -> int:
        """How many distinct cases have an edge to ``node``."""
        return self._db.execute(
            "SELECT count(DISTINCT e.source) FROM edges e JOIN node_types t ON t.id = e.source "
            "WHERE e.target = ? AND t.type = 'case'", (node,)).fetchone()[0]

    def cases_at(self, node: str) -> list[tuple[str, str, Any, Any]]:
        """``(case, relation, date, case name)`` of the edges from cases into ``node``."""
        return self._db.execute("""
            SELECT e.source, e.key, json_extract(e.data, '$.date'), json_extract(n.data, '$.name')
            FROM edges e JOIN node_types t ON t.id = e.source JOIN nodes n ON n.id = e.source
            WHERE e.target = ? AND t.type = 'case' ORDER BY e.source, e.key""",
                                (node,)).fetchall()

    def case_counts(self) -> dict[str, int]:
        """:meth:`case_count` of every place that has cases."""
        return dict(_rows(self._db, f"""
            SELECT e.target, count(DISTINCT e.source) FROM edges e
            JOIN node_types s ON s.id = e.source AND s.type = 'case'
            JOIN node_types p ON p.id = e.target AND p.type IN {PLACE_TYPES}
            GROUP BY e.target"""))

    def case_edges(self, relations: Iterable[str]) -> Iterator[tuple[str, str, str, Any, str]]:
        """``(case, other end, relation, date, other end's type)`` of every edge of
        ``relations`` that leaves a case (as :func:`casegraph.query.clusters` reads them)."""
        relations = sorted(relations)
        yield from _rows(self._db, f"""
            SELECT e.source, e.target, e.key, json_extract(e.data, '$.date'), t.type
            FROM edges e JOIN node_types s ON s.id = e.source AND s.type = 'case'
            JOIN node_types t ON t.id = e.target
            WHERE e.key IN ({','.join(map(_quoted, relations))})""")

    def case_tallies(self) -> tuple[Counter[str], Counter[str], Counter[str], Counter[str]]:
        """Nodes by type; cases by city, district and first reported date (as
        :func:`casegraph.query.stats` counts them), read by SQLite."""
        types = Counter({str(t): n for t, n in self._db.execute(
            "SELECT type, count(*) FROM node_types GROUP BY type")})
        cities, districts, dates = Counter(), Counter(), Counter()
        for city, district, first, count in self._db.execute("""
                SELECT coalesce(nullif(json_extract(n.data, '$.city'), ''), '?'),
                       coalesce(nullif(json_extract(n.data, '$.district'), ''), '?'),
                       coalesce((SELECT min(json_extract(s.value, '$.date'))
                                 FROM json_each(n.data, '$.sources') s
                                 WHERE json_extract(s.value, '$.date') != ''), '?'),
                       count(*)
                FROM nodes n JOIN node_types t ON t.id = n.id WHERE t.type = 'case'
                GROUP BY 1, 2, 3"""):
            cities[str(city)] += count
            districts[str(district)] += count
            dates[str(first)] += count
        return types, cities, districts, dates

    def case_dates(self) -> dict[str, str | None]:
        """Every case's date as :func:`casegraph.query.clusters` reads it (diagnosis, positive,
        onset, else first reported), read by SQLite (each node's JSON parsed once, its
        sources only where it has none of those dates)."""
        return dict(_rows(self._db, """
            WITH picked AS MATERIALIZED (
                SELECT n.id, json_extract(n.data, '$.diagnosis_date', '$.positive_date',
                                          '$.onset_date') dates
                FROM nodes n JOIN node_types t ON t.id = n.id WHERE t.type = 'case')
            SELECT id, coalesce(nullif(json_extract(dates, '$[0]'), ''),
                                nullif(json_extract(dates, '$[1]'), ''),
                                nullif(json_extract(dates, '$[2]'), ''),
                                (SELECT min(json_extract(s.value, '$.date'))
                                 FROM nodes n, json_each(n.data, '$.sources') s
                                 WHERE n.id = picked.id AND json_extract(s.value, '$.date') != ''))
            FROM picked"""))

    def place_joins(self) -> dict[str, bool]:
        """Whether each place joins the cases tied to it into a cluster (see
        :func:`casegraph.query.clusters`), from its name and level alone."""
        return {node: query._joins({"name": name or "", "admin_level": level})
                for node, name, level in _rows(self._db, f"""
                    SELECT id, json_extract(fields, '$[0]'), json_extract(fields, '$[1]') FROM (
                        SELECT n.id, json_extract(n.data, '$.name', '$.admin_level') fields
                        FROM nodes n JOIN node_types t ON t.id = n.id
                        WHERE t.type IN {PLACE_TYPES})""")}

    def names_of(self, nodes: list[str]) -> dict[str, Any]:
        """``{node: its name}`` for ``nodes``."""
        return dict(select_rows_in(
            self._db, "SELECT id, json_extract(data, '$.name') FROM nodes WHERE id IN ({})",
            nodes))

    def relation_counts(self) -> Counter[str]:
        return Counter(dict(self._db.execute("SELECT key, count(*) FROM edges GROUP BY key")))

    def summary(self, name: str) -> dict[str, Any] | None:
        """The whole-graph answer ``name`` (``clusters``, ``stats``) worked out at build."""
        row = self._db.execute("SELECT value FROM summaries WHERE name = ?", (name,)).fetchone()
        return None if row is None else json.loads(row[0])


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


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
