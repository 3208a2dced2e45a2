"""Attribute flattening shared by the exporters: scalars as they are, everything else as JSON.

GraphML, GEXF, CSV and Neo4j hold one scalar per cell, and GraphML/GEXF/Neo4j want one type
per attribute name. :func:`flatten` turns a value into such a scalar; :func:`column_types`
picks one type per attribute over many records so that a column is never half ``int`` and
half ``str``.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

from casegraph.io import write_bytes_atomic, write_chunks_atomic

Scalar = str | int | float | bool

# Characters XML 1.0 forbids (a bulletin scraped from the web may carry them).
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def to_json(value: Any) -> str:
    """Compact, stable JSON that keeps Chinese readable."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      default=str)


def flatten(value: Any) -> Scalar | None:
    """One attribute value as a scalar: lists and dicts become JSON text, ``None`` stays."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple, set, dict)):
        return to_json(sorted(value) if isinstance(value, set) else value)
    return str(value)


def source_docs(sources: Any) -> str:
    """The document ids of a ``sources`` list, in order, once each, ``;``-joined."""
    docs: dict[str, None] = {}
    for source in sources or ():
        if isinstance(source, Mapping) and source.get("doc") is not None:
            docs[str(source["doc"])] = None
    return ";".join(docs)


def column_types(records: Iterable[Mapping[str, Any]]) -> dict[str, type]:
    """One Python type per key over flattened records: ints with floats give float, any
    other mix gives str; keys whose values are all ``None`` are left out."""
    return unified(column_kinds(records))


def column_kinds(records: Iterable[Mapping[str, Any]]) -> dict[str, set[type]]:
    """The types of the values of each key over flattened records (in the order the keys
    first appear; keys whose values are all ``None`` are left out)."""
    seen: dict[str, set[type]] = {}
    for record in records:
        for key, value in record.items():
            if value is not None:
                kinds = seen.get(key)
                if kinds is None:
                    seen[key] = {value.__class__}
                else:
                    kinds.add(value.__class__)
    return seen


def unified(kinds: Mapping[str, set[type]]) -> dict[str, type]:
    """:func:`column_types` of :func:`column_kinds`: one type per key."""
    return {key: _unify(types) for key, types in kinds.items()}


def _unify(types: set[type]) -> type:
    if len(types) == 1:
        return next(iter(types))
    if types <= {int, float}:
        return float
    return str


def coerce(value: Scalar | None, kind: type) -> Scalar | None:
    """A flattened value in its column's type (``bool`` shown as ``true``/``false`` in str)."""
    if value is None or type(value) is kind:
        return value
    if kind is float:
        return float(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def xml_safe(value: Scalar | None) -> Scalar | None:
    """Drop the characters XML 1.0 cannot hold; other values pass through."""
    return _XML_BAD.sub("", value) if isinstance(value, str) else value


def write_file(path: str | os.PathLike, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` atomically (creating its folder); return the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(target, data.encode("utf-8") if isinstance(data, str) else data)
    return target


def write_chunks(path: str | os.PathLike, chunks: Iterable[bytes]) -> Path:
    """Write the concatenated ``chunks`` to ``path`` atomically as they come (creating its
    folder; a large file is never whole in memory); return the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_chunks_atomic(target, chunks)
    return target


def write_csv_records(path: str | os.PathLike, header: list[str], sink: Any, section: str,
                      keys: list[Any], rows: list[Any], cells: Callable[[Any], list[Any]],
                      line_end: str, whole: bool = True) -> Path:
    """A CSV file (RFC 4180 quoting, lines ending ``line_end``): ``header``, then a line
    per row of ``rows``, each a record ``keys[i]`` of ``section`` in ``sink`` (a
    :class:`casegraph.export.splice.Sink`: ``cells(row)`` is called only where the line is
    not copied from the previous file; ``whole``: ``keys`` are all the section's records,
    as :meth:`Sink.records` takes it)."""
    text = io.StringIO()
    writer = csv.writer(text, quoting=csv.QUOTE_MINIMAL, lineterminator=line_end)

    def line(values: list[Any]) -> str:
        text.seek(0)
        text.truncate()
        writer.writerow(values)
        return text.getvalue()

    def chunks() -> Iterator[Any]:
        yield sink.text(line(header))
        yield from sink.records(section, keys, rows, lambda row: line(cells(row)), whole=whole)
        yield sink.end()

    return write_chunks(path, chunks())
