"""jieba, with casegraph's user dictionary, opened lazily.

The extractor cuts only a few hundred short phrases with jieba in a whole corpus, yet
jieba loads its 350,000-word prefix table (about 0.6 s, even from its own cache) before
the first cut, and ``jieba.posseg`` reads its dictionary file again for the tags. Here the
complete table, casegraph's words added, and the tags the extractor reads are kept once in
an SQLite file beside jieba's own cache (made once for each pair of dictionaries), and a
tokenizer looks up only the words of the phrases it cuts, remembering each answer: the
same cuts, at the cost of a file open. Where that folder cannot be written or read, the
tokenizer loads its table in full, as jieba does.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
import tempfile
import threading
from collections.abc import Iterator, Mapping
from contextlib import closing
from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = ["PHRASE_BREAK_TAGS", "jieba_tokenizer", "pos_cut", "word_tags"]

# The word classes that end a place phrase (verbs, prepositions, particles, adverbs,
# conjunctions): jieba's part-of-speech tags that start with one of these letters.
PHRASE_BREAK_TAGS = ("v", "p", "u", "d", "c")

#: Bumped whenever the word file's layout changes, so an older file is never read.
WORD_FILE_VERSION = 1


@lru_cache(maxsize=1)
def jieba_tokenizer():
    """A jieba tokenizer with casegraph's user dictionary, built once, offline; its word
    table read from the word file on demand (see the module's docstring)."""
    import logging

    jieba = _import_jieba()
    jieba.setLogLevel(logging.WARNING)
    table = _word_table()
    tokenizer = jieba.Tokenizer()
    if table is None:
        with _user_dictionary() as user_dict:
            tokenizer.load_userdict(str(user_dict))
        return tokenizer
    tokenizer.FREQ, tokenizer.total = table, table.total
    tokenizer.initialized = True
    return tokenizer


def pos_cut(text: str) -> list[tuple[str, str]]:
    """``text`` cut into ``(word, part-of-speech tag)`` pairs by :func:`jieba_tokenizer`
    without its HMM, as ``jieba.posseg`` cuts with ``HMM=False``, but with the tags of
    :func:`word_tags` only: a word of any other class is tagged ``x``.

    >>> pos_cut("卫生室输液")
    [('卫生室', 'x'), ('输液', 'v')]
    """
    tokenizer = jieba_tokenizer()
    tag_of = tokenizer.FREQ.tag if isinstance(tokenizer.FREQ, WordTable) else word_tags().get
    return [(word, tag_of(word) or "x") for word in tokenizer.cut(text, HMM=False)]


@lru_cache(maxsize=1)
def word_tags() -> dict[str, str]:
    """The part-of-speech tag of every word of jieba's dictionary and of casegraph's whose
    class is one of :data:`PHRASE_BREAK_TAGS` (read from the dictionary files)."""
    tags = {}
    with _user_dictionary() as user_dict:
        for path in (_jieba_dictionary(), user_dict):
            tags.update(_tags_in(path))
    return tags


class WordTable(Mapping):
    """jieba's prefix table (``word -> frequency``, 0 for a prefix that is no word) read from
    an SQLite word file as the tokenizer asks, each answer kept; ``tag(word)`` gives the
    word's part of speech where it is a phrase-breaking class. Words added at run time
    (``tokenizer.add_word``) are kept in memory. Safe across threads and after a fork."""

    def __init__(self, path: Path, total: int) -> None:
        self.path, self.total = path, total
        self._known: dict[str, tuple[int, str] | None] = {}
        self._lock = threading.Lock()
        self._pid, self._db = -1, None

    def _row(self, word: str) -> tuple[int, str] | None:
        try:
            return self._known[word]
        except KeyError:
            pass
        with self._lock:
            found = self._connection().execute(
                "SELECT freq, tag FROM words WHERE word = ?", (word,)).fetchone()
        self._known[word] = found
        return found

    def _connection(self) -> sqlite3.Connection:
        """The word file, opened ``immutable``: it is only ever replaced whole (a new file
        renamed over it), never changed in place, so SQLite may skip its locks and checks
        (two file locks, a stat and a read for every word looked up otherwise)."""
        if self._pid != os.getpid():  # a connection must not cross a fork
            self._db = sqlite3.connect(f"{self.path.as_uri()}?mode=ro&immutable=1", uri=True,
                                       check_same_thread=False)
            self._pid = os.getpid()
        return self._db

    def __getitem__(self, word: str) -> int:
        row = self._row(word)
        if row is None:
            raise KeyError(word)
        return row[0]

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._row(word) is not None

    def get(self, word: str, default=None):
        row = self._row(word)
        return default if row is None else row[0]

    def __setitem__(self, word: str, freq: int) -> None:
        row = self._row(word)
        self._known[word] = (freq, row[1] if row else "")

    def tag(self, word: str) -> str:
        """The word's phrase-breaking tag, or ``""``."""
        row = self._row(word)
        return row[1] if row else ""

    def __iter__(self) -> Iterator[str]:
        with self._lock:
            stored = [word for (word,) in self._connection().execute("SELECT word FROM words")]
        added = [word for word, row in self._known.items() if row is not None]
        return iter(dict.fromkeys(stored + added))

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _word_table() -> WordTable | None:
    """The word file for the present dictionaries, made if missing; None where it can be
    neither read nor made."""
    path = word_file_folder() / f"casegraph.words.{_dictionaries_digest()}.sqlite"
    for _attempt in range(2):
        try:
            with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as db:
                (total,) = db.execute("SELECT total FROM meta").fetchone()
            return WordTable(path, total)
        except (sqlite3.Error, TypeError):
            if not _make_word_file(path):
                return None
    return None


def _import_jieba():
    """``import jieba`` without ``pkg_resources``, which jieba imports only to open its own
    data files (it opens them by path without it) and which takes 0.1 s to import, longer
    than cutting a bulletin's phrases."""
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba
        return jieba
    sys.modules["pkg_resources"] = None  # jieba's ``import pkg_resources`` fails at once
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]
    return jieba


def word_file_folder() -> Path:
    """Where word files are kept: the temporary folder, beside jieba's own cache."""
    return Path(tempfile.gettempdir())


def _make_word_file(path: Path) -> bool:
    """Write the complete prefix table and tags to ``path`` (atomically); False on failure."""
    import jieba

    tokenizer = jieba.Tokenizer()
    with _user_dictionary() as user_dict:
        tokenizer.load_userdict(str(user_dict))
    tags = word_tags()
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        os.close(fd)
        os.chmod(temp, 0o644)  # readable by every user of the shared folder, as jieba's cache
        with closing(sqlite3.connect(temp)) as db:
            db.execute("CREATE TABLE words (word TEXT PRIMARY KEY, freq INTEGER, tag TEXT)"
                       " WITHOUT ROWID")
            db.execute("CREATE TABLE meta (total INTEGER)")
            db.executemany("INSERT INTO words VALUES (?, ?, ?)",
                           ((word, freq, tags.get(word, "")) for word, freq in tokenizer.FREQ.items()))
            db.execute("INSERT INTO meta VALUES (?)", (tokenizer.total,))
            db.commit()
        os.replace(temp, path)
        return True
    except (OSError, sqlite3.Error):
        try:
            os.unlink(temp)
        except (OSError, UnboundLocalError):
            pass
        return False


def _dictionaries_digest() -> str:
    """A key of jieba's version, both dictionaries and this file's layout."""
    import jieba

    digest = hashlib.sha1(f"{jieba.__version__}:{WORD_FILE_VERSION}".encode())
    with _user_dictionary() as user_dict:
        for path in (_jieba_dictionary(), user_dict):
            digest.update(f"{path}:{path.stat().st_size}:{path.stat().st_mtime_ns}".encode())
            digest.update(hashlib.sha1(path.read_bytes()).digest() if path == user_dict else b"")
    return digest.hexdigest()[:16]


def _jieba_dictionary() -> Path:
    import jieba

    with jieba.get_dict_file() as handle:
        return Path(handle.name)


def _user_dictionary():
    return resources.as_file(resources.files(__package__) / "jieba_user.txt")


def _tags_in(dictionary) -> dict[str, str]:
    """``word -> tag`` of a jieba dictionary file (lines ``word [freq [tag]]``), for the
    words of :data:`PHRASE_BREAK_TAGS`' classes."""
    tags = {}
    with open(dictionary, encoding="utf-8") as lines:
        for line in lines:
            parts = line.split()
            if len(parts) == 3 and parts[2].startswith(PHRASE_BREAK_TAGS):
                tags[parts[0]] = parts[2]
    return tags
