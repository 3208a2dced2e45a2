"""Reading: documents from ``.txt`` / ``.jsonl`` files, folders and stdin, in any common encoding.

The one entry point is :func:`iter_documents`. It streams: a ``.txt`` file is one document,
a ``.jsonl`` file is read a line at a time, a folder is walked lazily in sorted order. A bad
document does not stop the reading: it comes out of the iterator as an
:class:`~casegraph.errors.InputError` (naming file and line) in place of a
:class:`~casegraph.document.Document`, and the caller reports it and goes on.
"""
from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import sys
from dataclasses import dataclass
from datetime import date as _date
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator, Union


from casegraph.document import Document
from casegraph.errors import InputError

__all__ = ["iter_documents", "decode_bytes", "normalize_date", "MANIFEST_NAME", "STDIN"]

STDIN = "-"
MANIFEST_NAME = "manifest.tsv"
TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
#: A JSONL line longer than this is reported and skipped without being held in memory.
MAX_LINE_BYTES = 64 * 1024 * 1024

# Encodings tried (by charset-normalizer) before an open detection, best first when they tie:
# bulletins come from mainland sites (GB18030 is a superset of GBK and GB2312), then Big5.
_CJK_ENCODINGS = ("gb18030", "big5")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_DATE = re.compile(r"(\d{4})(?:[-/.年](\d{1,2})[-/.月](\d{1,2})日?|(\d{2})(\d{2}))")

Item = Union[Document, InputError]


@dataclass(frozen=True)
class _Defaults:
    city: str | None
    date: str | None


def iter_documents(inputs: Iterable[str | os.PathLike[str]], city: str | None = None,
                   date: str | None = None) -> Iterator[Item]:
    """Yield every document of ``inputs``, or an :class:`InputError` for each bad one.

    Parameters
    ----------
    inputs : iterable of paths
        ``.txt`` files (one document each, id = file stem), ``.jsonl`` files (one
        ``{"id", "text", "city", "date"}`` object a line; ``.ndjson`` too), folders (their
        ``.txt`` and ``.jsonl`` files, recursively, in sorted order, hidden ones skipped)
        or ``"-"`` for standard input (JSONL when its first non-empty line is a JSON
        object, else one text document with id ``stdin``). Suffixes are matched without
        regard to case; a ``manifest.tsv`` named here is skipped (it is metadata).
    city, date : str, optional
        Defaults for documents that carry none. ``date`` is normalised to ISO
        (``YYYY-MM-DD``; ``YYYYMMDD`` and ``YYYY/MM/DD`` are accepted).

    Yields
    ------
    Document or InputError
        Errors are yielded, not raised, so that one bad document never stops the rest.
        For ``.txt`` files a ``manifest.tsv`` beside them (columns ``file``, ``city``,
        ``date``) supplies city and date; a document's own fields win over the manifest,
        and the manifest wins over ``city``/``date``.

    Raises
    ------
    InputError
        At once, only when the ``date`` default itself is not a date.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "b1.txt").write_text("感染者1：现住丰台区。", encoding="gb18030")
    >>> [(d.id, d.text, d.city) for d in iter_documents([folder], city="北京")]
    [('b1', '感染者1：现住丰台区。', '北京')]
    """
    defaults = _Defaults(city or None, normalize_date(date))  # checked now, not on first next()
    return _iter_inputs(inputs, defaults)


def _iter_inputs(inputs: Iterable[str | os.PathLike[str]], defaults: _Defaults) -> Iterator[Item]:
    manifests = _Manifests()
    for item in inputs:
        yield from _iter_input(str(item), defaults, manifests)


def normalize_date(value: str | None) -> str | None:
    """ISO ``YYYY-MM-DD`` from ``YYYY-MM-DD``, ``YYYYMMDD``, ``YYYY/MM/DD`` or ``YYYY年M月D日``.

    Empty or ``None`` gives ``None``; anything else that is not a real date raises
    :class:`InputError`.

    >>> normalize_date("2022/4/14"), normalize_date("20220414"), normalize_date("")
    ('2022-04-14', '2022-04-14', None)
    """
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    match = _DATE.fullmatch(text)
    if match:
        year, month, day = match[1], match[2] or match[4], match[3] or match[5]
        try:
            return _date(int(year), int(month), int(day)).isoformat()
        except ValueError:
            pass
    raise InputError(f"not a date: {text!r} (expected YYYY-MM-DD)")


def decode_bytes(data: bytes, path: str | None = None) -> str:
    """Decode a text file's bytes: UTF-8 first, then a BOM, then detection by charset-normalizer.

    A byte-order mark is dropped. NUL bytes (outside UTF-16/32) or control characters mean a
    binary file: :class:`InputError`, as for bytes no encoding explains. Between equally
    plausible Chinese encodings GB18030 (which covers GBK) is preferred to Big5.

    >>> decode_bytes("病例".encode("gbk"))
    '病例'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as err:
                raise InputError(f"cannot decode as {encoding}: {err.reason}", path) from None
    if b"\x00" in data:
        raise InputError("binary file (NUL bytes), not text", path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = _detect(data)
    if text is None or len(_CONTROL.findall(text)) > len(text) // 100:
        raise InputError("binary or undecodable file (no text encoding fits)", path)
    return text


def _detect(data: bytes) -> str | None:
    """Text by charset-normalizer: Chinese encodings first, then any (imported here: most
    input is UTF-8, and the import costs a tenth of a short command's start)."""
    import charset_normalizer

    found = charset_normalizer.from_bytes(data, cp_isolation=list(_CJK_ENCODINGS))
    if len(found):
        order = {name: rank for rank, name in enumerate(_CJK_ENCODINGS)}
        best = min(found, key=lambda m: (m.chaos, order.get(m.encoding, len(order))))
        return str(best)
    best = charset_normalizer.from_bytes(data).best()
    return None if best is None else str(best)


# -- one input --------------------------------------------------------------------------

def _iter_input(name: str, defaults: _Defaults, manifests: "_Manifests") -> Iterator[Item]:
    if name == STDIN:
        yield from _read_stdin(defaults)
        return
    path = Path(name)
    try:
        is_dir = path.is_dir()
    except OSError as err:  # e.g. a name too long
        yield InputError(_os_reason(err), name)
        return
    if is_dir and not _suffix_in(path, TEXT_SUFFIXES + JSONL_SUFFIXES):
        yield from _read_folder(path, defaults, manifests)
    elif _suffix_in(path, JSONL_SUFFIXES):
        yield from _read_jsonl_file(path, defaults)
    elif _suffix_in(path, TEXT_SUFFIXES):
        yield from _read_text_file(path, defaults, manifests)
    elif not path.exists() and not path.is_symlink():  # a mistyped folder, say
        yield InputError("no such file or directory", name)
    elif path.name != MANIFEST_NAME:  # a manifest caught by a glob (data/*) is metadata
        yield InputError("not a .txt or .jsonl file (or a folder, or - for stdin)", name)


def _read_folder(folder: Path, defaults: _Defaults, manifests: "_Manifests") -> Iterator[Item]:
    found = False
    for path in _walk(folder):
        if isinstance(path, InputError):
            yield path
        elif _suffix_in(path, JSONL_SUFFIXES):
            found = True
            yield from _read_jsonl_file(path, defaults)
        else:
            found = True
            yield from _read_text_file(path, defaults, manifests)
    if not found:
        yield InputError("no .txt or .jsonl files in this folder", str(folder))


def _walk(folder: Path) -> Iterator[Path | InputError]:
    """The folder's document files, depth first in name order; hidden entries and links
    to folders are skipped; a subfolder that cannot be listed is an error."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as err:
        yield InputError(f"cannot list folder: {_os_reason(err)}", str(folder))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path)
        elif _suffix_in(path, TEXT_SUFFIXES + JSONL_SUFFIXES):
            yield path


def _read_text_file(path: Path, defaults: _Defaults, manifests: "_Manifests") -> Iterator[Item]:
    meta, errors = manifests.lookup(path)
    yield from errors
    try:
        text = decode_bytes(_read_bytes(path), str(path))
        yield _make_document(path.stem, text, meta.city or defaults.city,
                             meta.date or defaults.date, str(path), None)
    except InputError as err:
        yield err


def _read_bytes(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise InputError("is a directory, not a text file", str(path))
        return path.read_bytes()
    except OSError as err:
        raise InputError(_os_reason(err), str(path)) from None


def _read_stdin(defaults: _Defaults) -> Iterator[Item]:
    stream: BinaryIO = sys.stdin.buffer
    head: list[bytes] = []
    for raw in iter(stream.readline, b""):
        head.append(raw)
        if raw.strip():
            break
    first = b"".join(head).lstrip(codecs.BOM_UTF8).strip()
    if first.startswith(b"{") and isinstance(_loads(first), dict):
        lines = _chain_lines(head, stream)
        yield from _read_jsonl(lines, "<stdin>", defaults)
        return
    try:
        text = decode_bytes(b"".join(head) + stream.read(), "<stdin>")
        yield _make_document("stdin", text, defaults.city, defaults.date, "<stdin>", None)
    except InputError as err:
        yield err


def _chain_lines(head: list[bytes], stream: BinaryIO) -> Iterator[bytes | None]:
    yield from head
    yield from _bounded_lines(stream)


# -- JSONL --------------------------------------------------------------------------------

def _read_jsonl_file(path: Path, defaults: _Defaults) -> Iterator[Item]:
    try:
        if path.is_dir():
            raise IsADirectoryError(21, "Is a directory")
        handle = path.open("rb")
    except OSError as err:
        yield InputError(_os_reason(err), str(path))
        return
    with handle:
        try:
            yield from _read_jsonl(_bounded_lines(handle), str(path), defaults)
        except OSError as err:  # e.g. an I/O error or the file vanishing mid-read
            yield InputError(_os_reason(err), str(path))


def _bounded_lines(stream: BinaryIO) -> Iterator[bytes | None]:
    """Lines of ``stream``; a line over :data:`MAX_LINE_BYTES` is skipped and comes out as None."""
    while True:
        raw = stream.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield raw


def _read_jsonl(lines: Iterable[bytes | None], where: str,
                defaults: _Defaults) -> Iterator[Item]:
    for number, raw in enumerate(lines, 1):
        if number == 1 and raw is not None:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        if raw is not None and not raw.strip():
            continue
        try:
            yield _jsonl_document(raw, where, number, defaults)
        except InputError as err:
            yield err


def _jsonl_document(raw: bytes | None, where: str, number: int,
                    defaults: _Defaults) -> Document:
    def fail(reason: str) -> InputError:
        return InputError(reason, where, number)

    if raw is None:
        raise fail(f"line longer than {MAX_LINE_BYTES} bytes, skipped")
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise fail("line is not valid UTF-8 (JSONL must be UTF-8)") from None
    record = _loads(line)
    if record is _MALFORMED:
        raise fail("malformed JSON")
    if not isinstance(record, dict):
        raise fail(f"expected a JSON object, got {type(record).__name__}")
    doc_id, text = record.get("id"), record.get("text")
    for field, value in (("id", doc_id), ("text", text)):
        if value is None:
            raise fail(f"missing field {field!r}")
    if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)):
        raise fail("field 'id' must be a string")
    if not isinstance(text, str):
        raise fail("field 'text' must be a string")
    city = _optional_str(record.get("city"), "city", fail) or defaults.city
    try:
        day = normalize_date(_optional_str(record.get("date"), "date", fail)) or defaults.date
    except InputError as err:
        raise fail(err.reason) from None
    try:
        return _make_document(str(doc_id), text, city, day, where, number)
    except InputError as err:
        raise fail(err.reason) from None


def _optional_str(value: object, field: str, fail: Callable[[str], InputError]) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise fail(f"field {field!r} must be a string")
    return value.strip() or None


_MALFORMED = object()


def _loads(line: bytes | str) -> object:
    """Parsed JSON, or the :data:`_MALFORMED` marker (also for absurd nesting or numbers)."""
    try:
        return json.loads(line)
    except (ValueError, RecursionError):
        return _MALFORMED


# -- shared -------------------------------------------------------------------------------

def _make_document(doc_id: str, text: str, city: str | None, day: str | None,
                   path: str, line: int | None) -> Document:
    if not doc_id.strip():
        raise InputError("empty document id", path, line)
    if not text.strip():
        raise InputError("empty document (no text)", path, line)
    if _SURROGATE.search(text) or _SURROGATE.search(doc_id):
        raise InputError("invalid Unicode (lone surrogate)", path, line)
    return Document(id=doc_id, text=text, city=city, date=day, path=path, line=line)


def _suffix_in(path: Path, suffixes: tuple[str, ...]) -> bool:
    return path.suffix.lower() in suffixes


def _os_reason(err: OSError) -> str:
    return err.strerror.lower() if err.strerror else str(err)


# -- manifest.tsv ------------------------------------------------------------------------

@dataclass(frozen=True)
class _Meta:
    city: str | None = None
    date: str | None = None


_NO_META = _Meta()


class _Manifests:
    """``manifest.tsv`` files, each read once, on first need."""

    def __init__(self) -> None:
        self._by_folder: dict[Path, dict[str, _Meta]] = {}

    def lookup(self, path: Path) -> tuple[_Meta, list[InputError]]:
        """The metadata for ``path``, and the manifest's errors when it is first read."""
        folder = path.parent
        errors: list[InputError] = []
        if folder not in self._by_folder:
            self._by_folder[folder], errors = _read_manifest(folder / MANIFEST_NAME)
        return self._by_folder[folder].get(path.name, _NO_META), errors


def _read_manifest(path: Path) -> tuple[dict[str, _Meta], list[InputError]]:
    try:
        if not path.is_file():
            return {}, []
        text = decode_bytes(path.read_bytes(), str(path))
    except OSError as err:
        return {}, [InputError(f"manifest unreadable: {_os_reason(err)}", str(path))]
    except InputError as err:
        return {}, [err]
    rows = csv.reader(io.StringIO(text), delimiter="\t")
    header = [cell.strip().lower() for cell in next(rows, [])]
    if "file" not in header:
        return {}, [InputError("manifest has no 'file' column, ignored", str(path), 1)]
    table, errors = {}, []
    for number, row in enumerate(rows, 2):
        cells = dict(zip(header, (cell.strip() for cell in row)))
        if not cells.get("file"):
            continue
        try:
            day = normalize_date(cells.get("date"))
        except InputError as err:
            errors.append(InputError(err.reason, str(path), number))
            day = None
        table[cells["file"]] = _Meta(cells.get("city") or None, day)
    return table, errors
