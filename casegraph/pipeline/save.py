"""Saving a build: ``graph.json`` and the store's query index, in one process or two.

The index (:mod:`casegraph.store.index`) is the build's on-disk graph kept for queries, with
the answers of the questions that read the whole graph (``clusters``, ``stats``) worked out
once. Writing it and writing ``graph.json`` both read the whole graph: with two processes
they run side by side.
"""
from __future__ import annotations

import contextlib
import functools
import json
import os
import sqlite3
import threading
from concurrent.futures import BrokenExecutor, ProcessPoolExecutor
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from casegraph import query
from casegraph.export._process import ChildDied, can_fork, fork_job
from casegraph.pipeline.engines import fresh_process_context
from casegraph.store.folder import Store
from casegraph.store.graphs import DiskGraph
from casegraph.store.index import INDEX_FILE, IndexGraph, _stamp, prepare_index, write_terms

__all__ = ["write_index"]


def write_index(work: DiskGraph, root: str | os.PathLike[str], processes: int = 1, *,
                save: bool = False, on_saved: Callable[[], None] | None = None,
                changed: Iterable[str] | None = None) -> None:
    """Make the build's graph ``work`` the index of the store ``root``: add the lookup
    tables and the whole-graph answers, then move the file into place (``work`` is closed).
    With ``save``, also write the store's ``graph.json`` from ``work`` (hold the store's
    lock), then call ``on_saved``; the graph is saved even where its index fails. Else
    ``graph.json`` was just written from it.

    With ``processes`` above 1, a second process writes ``graph.json`` and then works out
    the whole-graph answers while this one writes the name tables (the file is in WAL mode
    meanwhile, so the reader and the writer never wait for each other); this process
    commits the new ``graph.json``.

    ``changed``: where ``work`` is a copy of the store's index, the ids of the nodes the
    build added, changed or removed; only their rows of the lookup tables are written
    again."""
    store = Store(root)
    saved = not save

    def commit(written: Path | None = None) -> None:
        """graph.json from ``written`` (a file the second process wrote) or from ``work``."""
        nonlocal saved
        saved = True  # tried once: a failed save is told, never tried again
        store.save(work) if written is None else store.commit(written)
        if on_saved is not None:
            on_saved()

    def committing(saving: Callable[[], Any]) -> None:
        """Commit what the second process wrote (a write that failed there is told, and
        not tried again here)."""
        nonlocal saved
        saved = True
        commit(_written(saving))

    db = work.connection
    try:
        prepare_index(db, work.graph, changed)
        if processes > 1:
            db.execute("PRAGMA journal_mode = WAL")
            rows = _write_beside(work, root, db, save, changed, committing)
            db.execute("PRAGMA journal_mode = DELETE")  # the WAL back into the file
        else:
            if save:
                commit()
            write_terms(db)
            rows = _summaries(IndexGraph(db))
        db.executemany("INSERT INTO summaries VALUES (?, ?)", rows)
        db.execute("INSERT INTO meta VALUES ('graph_json', ?)", (_stamp(store.graph_path),))
        work.keep(Path(root) / INDEX_FILE)
    except Exception:
        if not saved:  # the index failed before the graph was written: write it here
            commit()
        raise


def _write_beside(work: DiskGraph, root: str | os.PathLike[str], db: sqlite3.Connection,
                  save: bool, changed: Iterable[str] | None,
                  committing: Callable[[Callable[[], Any]], None]) -> list[tuple[str, str]]:
    """The lookup tables written here while another process writes ``graph.json`` (with
    ``save``; committed here by ``committing``) and works out the summaries (an update's
    few terms leave this one the time for the stats); returns the summaries' rows."""
    there = SUMMARIES if changed is None else ("clusters",)
    with _elsewhere() as start:
        saving = start(_write_graph, str(work.path), work.graph, str(root)) if save else None
        summaries = start(_summaries_of, str(work.path), there)
        try:
            write_terms(db)
            here = _summaries(IndexGraph(db), tuple(n for n in SUMMARIES if n not in there))
        finally:  # the graph is committed before a failure of its index is told
            if saving is not None:
                committing(saving)
        return here + summaries()


def _written(saving: Callable[[], Any]) -> Path | None:
    """The file the second process wrote graph.json to; None where that process died
    (then this one writes it). A failed write raises its :class:`StoreError`."""
    try:
        return saving()
    except (BrokenExecutor, ChildDied):
        return None


@contextlib.contextmanager
def _elsewhere() -> Iterator[Callable[..., Callable[[], Any]]]:
    """``start(function, *args)``: run it in another process; returns the function that
    waits for its result. The process is forked where this one has no other thread (a
    fork starts at once, and this process holds no large graph: the graph is on disk),
    else a fresh one (a fork of a process with threads may deadlock)."""
    if can_fork() and threading.active_count() == 1:
        waits: list[Callable[[], Any]] = []

        def fork(function: Callable[..., Any], *args: Any) -> Callable[[], Any]:
            waits.append(fork_job(functools.partial(function, *args)))
            return waits[-1]

        try:
            yield fork
        finally:  # no process left behind, whatever failed
            for wait in waits:
                with contextlib.suppress(BaseException):
                    wait()
        return
    with _one_process() as pool:  # one process: the graph is written, then summaries
        yield lambda function, *args: pool.submit(function, *args).result


@contextlib.contextmanager
def _one_process() -> Iterator[Any]:
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
    caller to commit (:meth:`casegraph.store.folder.Store.commit`)."""
    with _index_at(path) as index:
        index.graph = graph
        return Store(root).write(index)


def _summaries_of(path: str, names: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """:func:`_summaries` of the index being written at ``path`` (in another process)."""
    with _index_at(path) as index:
        return _summaries(index, names or SUMMARIES)


#: The queries that read the whole graph, whose answers the index keeps.
SUMMARIES = ("clusters", "stats")


def _summaries(index: IndexGraph, names: tuple[str, ...] = SUMMARIES) -> list[tuple[str, str]]:
    """``(name, JSON)`` of the queries ``names`` (of :data:`SUMMARIES`)."""
    questions = {"clusters": query.clusters, "stats": query.stats}
    return [(name, json.dumps(questions[name](index).to_dict(), ensure_ascii=False))
            for name in names]

