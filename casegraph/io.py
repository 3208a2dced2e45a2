"""Atomic file writes: a reader sees the old file or the new one, never half of one.

Each write goes to a temporary file in the target's folder, is flushed and fsync'ed, then
renamed over the target with :func:`os.replace` (atomic on POSIX and Windows). If anything
fails before the rename, the temporary file is removed and the target is left untouched.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any, Iterable

__all__ = ["read_only_uri", "write_bytes_atomic", "write_chunks_atomic", "write_chunks_beside", "replace_with",
           "write_text_atomic", "write_json_atomic", "dumps_json", "compact_json", "safe_filename"]

TEMP_SUFFIX = ".tmp"
#: Longest file stem :func:`safe_filename` returns, in UTF-8 bytes (leaves room under the
#: usual 255-byte limit for a suffix, a hash and the temporary file's decoration).
MAX_STEM_BYTES = 160
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')


def read_only_uri(path: str | os.PathLike[str]) -> str:
    """The SQLite URI that opens the database file ``path`` read-only (``#``, ``?`` and
    ``%`` in the path quoted, as a plain ``file:`` + path would not).

    >>> read_only_uri("/tmp/my#store/graph.index.sqlite")
    'file:///tmp/my%23store/graph.index.sqlite?mode=ro'
    """
    return Path(os.path.abspath(path)).as_uri() + "?mode=ro"


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes, *, fsync: bool = True) -> None:
    """Write ``data`` to ``path`` atomically.

    Parameters
    ----------
    path : path-like
        The target; its folder must exist.
    data : bytes
        The whole new content.
    fsync : bool
        Flush to disk before the rename (and the folder after it); turn off only for
        throw-away output.

    Raises
    ------
    OSError
        When the folder is missing or unwritable or the disk is full; ``path`` is then
        unchanged and no temporary file is left.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> write_bytes_atomic(target, b"new")
    >>> target.read_bytes()
    b'new'
    """
    write_chunks_atomic(path, (data,), fsync=fsync)


def write_chunks_atomic(path: str | os.PathLike[str], chunks: Iterable[bytes], *,
                        fsync: bool = True) -> None:
    """Write the concatenation of ``chunks`` to ``path`` atomically, one chunk at a time
    (a large file is never held whole in memory). An exception raised while the chunks
    are made leaves ``path`` unchanged, as in :func:`write_bytes_atomic`."""
    replace_with(write_chunks_beside(path, chunks, fsync=fsync), path, fsync=fsync)


def write_chunks_beside(path: str | os.PathLike[str], chunks: Iterable[bytes], *,
                        fsync: bool = True) -> Path:
    """The first half of :func:`write_chunks_atomic`: the chunks written to a new temporary
    file beside ``path`` (flushed to disk), whose name is returned; :func:`replace_with`
    makes it ``path``. Whatever fails removes the temporary file."""
    target = Path(path)
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX,
                                    dir=target.parent)
    except OSError as err:
        raise _naming(err, target) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            if hasattr(os, "fchmod"):  # not on Windows before Python 3.13
                os.fchmod(handle.fileno(), _file_mode())
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            if fsync:
                os.fsync(handle.fileno())
    except BaseException as err:
        _remove_quietly(temp)
        if isinstance(err, OSError):
            raise _naming(err, target) from None
        raise
    return Path(temp)


def replace_with(temp: str | os.PathLike[str], path: str | os.PathLike[str], *,
                 fsync: bool = True) -> None:
    """Rename ``temp`` (from :func:`write_chunks_beside`) over ``path``, atomically."""
    try:
        os.replace(temp, path)
    except BaseException as err:
        _remove_quietly(temp)
        if isinstance(err, OSError):
            raise _naming(err, Path(path)) from None
        raise
    if fsync:
        _fsync_folder(Path(path).parent)


def _naming(err: OSError, target: Path) -> OSError:
    """``err`` told of ``target``, the file the user asked for, not of its temporary file."""
    return OSError(err.errno, err.strerror, str(target)) if err.errno else err


def write_text_atomic(path: str | os.PathLike[str], text: str, *, fsync: bool = True) -> None:
    """Write ``text`` as UTF-8 to ``path`` atomically (see :func:`write_bytes_atomic`)."""
    write_bytes_atomic(path, text.encode("utf-8"), fsync=fsync)


def write_json_atomic(path: str | os.PathLike[str], obj: Any, *, indent: int | None = 2,
                      fsync: bool = True) -> None:
    """Write ``obj`` as UTF-8 JSON (non-ASCII kept readable) to ``path`` atomically.

    The object is serialised before any file is touched, so an unserialisable value
    (``TypeError``/``ValueError``) leaves nothing behind.
    """
    write_text_atomic(path, dumps_json(obj, indent=indent), fsync=fsync)


def compact_json(obj: Any) -> bytes:
    """``obj`` as one line of UTF-8 JSON and a newline, by orjson (several times faster than
    the standard library: it matters when every bulletin gets a file). A value JSON cannot
    hold raises ``TypeError``. Unlike :func:`dumps_json` it does not refuse ``NaN``
    (orjson writes ``null``): use it for graphs that hold no floats, as extracted ones."""
    import orjson

    return orjson.dumps(obj, option=orjson.OPT_APPEND_NEWLINE)


def dumps_json(obj: Any, *, indent: int | None = 2) -> str:
    """``obj`` as JSON text with a final newline; ``NaN`` and infinities are refused."""
    return json.dumps(obj, ensure_ascii=False, indent=indent, allow_nan=False) + "\n"


def safe_filename(name: str) -> str:
    """A file stem for ``name`` that stays inside its folder on every common file system.

    Separators, control and reserved characters become ``_``; a leading dot, an empty name
    and over-long names are mended too. A name that had to change gets a short hash of the
    original appended, so two different names never share a file.

    >>> safe_filename("000_beijing"), safe_filename("../etc/passwd")[:14]
    ('000_beijing', '_.._etc_passwd')
    """
    stem = _UNSAFE.sub("_", name).strip()
    if stem.startswith(".") or not stem:
        stem = "_" + stem
    stem = stem.encode("utf-8")[:MAX_STEM_BYTES].decode("utf-8", "ignore")
    if stem != name:
        stem = f"{stem}-{hashlib.sha1(name.encode('utf-8', 'surrogatepass')).hexdigest()[:10]}"
    return stem


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every platform lets a folder be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


_MODE: int | None = None


def _file_mode() -> int:
    """The mode a plain ``open()`` would give (``mkstemp`` makes files private, 0600)."""
    global _MODE
    if _MODE is None:
        umask = os.umask(0o022)
        os.umask(umask)
        _MODE = 0o666 & ~umask
    return _MODE
