"""The evidence sentences of a store (``evidence.sqlite``)."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

import networkx as nx

from casegraph.errors import StoreError
from casegraph.io import read_only_uri
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
                    self._db = sqlite3.connect(read_only_uri(self.path), uri=True)
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
