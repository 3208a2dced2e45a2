"""Compiled regular expressions kept between runs, so that a new process skips compiling them.

The extractor's rules are some 300 regular expressions, compiled as their modules load.
Python compiles a pattern in Python code, and a class of Chinese characters
(``[\\u4e00-\\u9fff]``) alone costs a millisecond: 0.12 s in all, the time of a dozen
bulletins. :func:`preload` puts the compiled form of every pattern an earlier run compiled
into :mod:`re`'s own cache, where ``re.compile`` finds it; :func:`save` writes the patterns
a run compiled anew to a file in the temporary folder (beside the word file of
:mod:`casegraph.lexicon.segmenter`), one for each Python version and each version of
casegraph's rules (their files' sizes and times), so it never holds another version's
patterns. A pattern is saved only if what the file gives back equals what ``re.compile``
made (code, flags and groups); on a Python whose internals differ nothing is saved and
every pattern compiles as before.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
import tempfile
from pathlib import Path

from casegraph.collector import collector_paused

__all__ = ["preload", "save", "cache_path"]

#: Bumped whenever the file's layout changes, so an older file is never read.
FILE_VERSION = 1
#: The most patterns a file keeps: the rules' (about 300) and a few more.
MAX_PATTERNS = 352
#: Room left in ``re``'s cache after preloading: when it is full, each new pattern pushes
#: out the oldest one, which would be the next preloaded pattern a module asks for.
HEADROOM = 128
#: The folders whose modules compile the patterns kept.
RULE_FOLDERS = ("extract", "lexicon")

try:  # the internals ``re.compile`` is made of (Python 3.11 and later)
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - an older Python: no cache
    _sre = None

#: The patterns the file held or was given, and those in ``re``'s cache before :func:`preload`
#: (compiled by whatever ran before casegraph, never saved).
_known: set[tuple[str | bytes, int]] = set()
_before: set[tuple[str | bytes, int]] = set()
_state = {"preloaded": False, "seen": 0}


def cache_path() -> Path:
    """This Python's and these rules' file of compiled patterns, in the temporary folder."""
    key = hashlib.sha1(f"{sys.version}:{_sre.MAGIC if _sre else 0}:{FILE_VERSION}".encode())
    package = Path(__file__).resolve().parent
    for folder in RULE_FOLDERS:
        with os.scandir(package / folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.name.endswith(".py"):
                    stat = entry.stat()
                    key.update(f"{entry.name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return Path(tempfile.gettempdir()) / f"casegraph.regex.{key.hexdigest()[:16]}.marshal"


def _re_cache() -> dict | None:
    cache = getattr(re, "_cache", None)
    return cache if _sre is not None and isinstance(cache, dict) else None


def preload() -> None:
    """Put the patterns of the file into ``re``'s cache, as many as leave it
    :data:`HEADROOM` (once a process; a missing or unreadable file changes nothing)."""
    cache = _re_cache()
    if _state["preloaded"] or cache is None:
        return
    _state["preloaded"] = True
    _before.update((pattern, flags) for _kind, pattern, flags in cache)
    room = getattr(re, "_MAXCACHE", 512) - HEADROOM - len(cache)
    try:
        with collector_paused():  # (each collection would walk all of the patterns' code)
            for (pattern, flags), args in list(_read().items())[:max(room, 0)]:
                cache.setdefault((type(pattern), pattern, flags), _sre.compile(pattern, *args))
                _known.add((pattern, flags))
    except (TypeError, ValueError, RuntimeError):  # not what this Python's _sre takes
        pass
    _state["seen"] = len(cache)


def save() -> None:
    """Add to the file the patterns compiled since :func:`preload` that it lacks (cheap
    when none were), each checked equal to its compiled form: those casegraph's and jieba's
    modules hold first, then others, up to :data:`MAX_PATTERNS` in all (so that a test run's
    own patterns never crowd the rules' out). Writes nothing where the temporary folder
    cannot be written."""
    cache = _re_cache()
    if cache is None or len(cache) == _state["seen"]:
        return
    _state["seen"] = len(cache)
    new = [(pattern, flags) for _kind, pattern, flags in list(cache)
           if (pattern, flags) not in _known and (pattern, flags) not in _before]
    if not new:
        return
    _known.update(new)
    entries = _read()
    held = _held_patterns()
    new = sorted((key for key in new if key not in entries),
                 key=lambda key: id(cache.get((type(key[0]), *key))) not in held)
    added = 0
    for pattern, flags in new[:max(MAX_PATTERNS - len(entries), 0)]:
        args = _arguments(pattern, flags, cache.get((type(pattern), pattern, flags)))
        if args is not None:
            entries[pattern, flags], added = args, added + 1
    if added:
        _write(cache_path(), marshal.dumps(entries))


def _held_patterns() -> set[int]:
    """The ids of the compiled patterns casegraph's and jieba's modules hold."""
    return {id(value) for name, module in list(sys.modules.items())
            if module is not None and name.split(".")[0] in ("casegraph", "jieba")
            for value in list(vars(module).values()) if isinstance(value, re.Pattern)}


def _read() -> dict:
    """The file's patterns (none where it is missing or unreadable)."""
    try:
        entries = marshal.loads(cache_path().read_bytes())  # (``marshal.load`` reads bit by bit)
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return entries if isinstance(entries, dict) else {}


def _arguments(pattern: str | bytes, flags: int, compiled: re.Pattern | None) -> tuple | None:
    """The arguments of ``_sre.compile`` that make ``compiled`` again (after the pattern), as
    ``re`` works them out; None unless they give back an equal pattern."""
    if compiled is None:
        return None
    try:
        parsed = _parser.parse(pattern, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        code = [int(op) for op in _compiler._code(parsed, flags)]  # opcodes are int subclasses
        args = (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex,
                tuple(indexgroup))
        again = _sre.compile(pattern, *args)
    except Exception:  # noqa: BLE001 - other internals: this pattern is not kept
        return None
    same = again == compiled and again.groups == compiled.groups \
        and again.groupindex == compiled.groupindex
    return args if same else None


def _write(path: Path, data: bytes) -> None:
    """``data`` to ``path`` atomically, readable by every user (as jieba's cache)."""
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            if hasattr(os, "fchmod"):  # not on Windows before Python 3.13
                os.fchmod(handle.fileno(), 0o644)
            handle.write(data)
        os.replace(temp, path)
    except OSError:
        try:
            os.unlink(temp)
        except OSError:
            pass
