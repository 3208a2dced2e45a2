"""Exports written again where a build changed them: unchanged records copied, not rendered.

A build that adds a bulletin to a store changes a few of its nodes and edges. Every export
is a header, one *fragment* per record (a GraphML element, a CSV row, a Neo4j parameter
row) and a footer, and a fragment depends on its record and on the file's header only
(the attribute columns and their types). So each writer hands its fragments to a
:class:`Sink`, which writes them and remembers where each went: the file's *layout*, kept
in ``.casegraph.layout/`` beside the store. The next build's sink is given the previous
layout and the records the build changed (:class:`casegraph.store.changes.Changes`): for
every other record it copies the fragment's bytes from the previous file instead of
calling the writer's renderer, whole stretches at once where the records lie together. The
files are byte for byte what a full write gives (``tests/test_update_outputs.py``);
whatever does not fit (another ``graph.json``, a file edited since, columns that changed)
and the writers run in full (:mod:`casegraph.export.changed` decides).

Sections name the record lists a layout follows: ``nodes`` (node ids in the graph's
order), ``edges`` (``(source, target, key)``) and ``cases`` (node ids); a section named
``BASE:PART`` holds another part of the records of ``BASE``.
"""
from __future__ import annotations

import mmap
import os
from array import array
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Hashable, Iterable, Iterator

__all__ = ["Previous", "Sink", "LAYOUT_DIR", "read_offsets", "write_offsets"]

LAYOUT_DIR = ".casegraph.layout"
_MAGIC = b"casegraph-offsets 1\n"
_BATCH = 2000  # records rendered per chunk written


@dataclass
class Previous:
    """The previous files of the outputs and their layouts, and what to render afresh.

    ``keys``: section -> the record keys of the previous layout, in its order;
    ``changed``: section -> keys whose fragments must be rendered (the others are copied).
    """

    keys: dict[str, list[Hashable]]
    changed: dict[str, set[Hashable]]
    root: Path
    #: what the previous build kept of its records (:mod:`casegraph.export.changed`)
    records: dict[str, Any] = field(default_factory=dict)
    #: section -> keys of the previous layout the build removed
    removed: dict[str, set[Hashable]] = field(default_factory=dict)
    _positions: dict[str, dict[Hashable, int]] = field(default_factory=dict, repr=False)
    _plans: dict[str, tuple[list, list]] = field(default_factory=dict, repr=False)

    def plan(self, section: str, keys: list[Hashable]) -> list[tuple[int, int, int]] | None:
        """How ``keys`` (a section's records now, sorted, as its previous keys are) follow
        from the previous ones: ``(i, j, n)`` where ``keys[i:i + n]`` are the previous
        ``[j:j + n]``, unchanged, and ``(i, -1, 1)`` for a record to render; worked out
        from the changes alone (None where the keys do not line up)."""
        cached = self._plans.get(section)
        if cached is not None and cached[0] is keys:
            return cached[1]
        old = self.keys[section]
        dirty = sorted({i for key in self.changed[section]
                        if (i := bisect_left(keys, key)) < len(keys) and keys[i] == key})
        gone = sorted({j for key in self.removed.get(section, ())
                       if (j := bisect_left(old, key)) < len(old) and old[j] == key})
        found: list[tuple[int, int, int]] | None = []
        i = j = d = g = 0
        while i < len(keys):
            next_dirty = dirty[d] if d < len(dirty) else len(keys)
            next_gone = gone[g] if g < len(gone) else len(old)
            if j == next_gone:  # a record removed
                j, g = j + 1, g + 1
            elif i == next_dirty:  # a record added or changed
                found.append((i, -1, 1))
                if j < len(old) and old[j] == keys[i]:
                    j += 1
                i, d = i + 1, d + 1
            else:
                count = min(next_dirty - i, next_gone - j)
                if j >= len(old) or old[j] != keys[i] or old[j + count - 1] != keys[i + count - 1]:
                    found = None  # not the sorted lists they should be: record by record
                    break
                found.append((i, j, count))
                i, j = i + count, j + count
        self._plans[section] = (keys, found)
        return found

    def position(self, section: str) -> dict[Hashable, int]:
        """Key -> its place in the previous layout's list of ``section``."""
        found = self._positions.get(section)
        if found is None:
            found = self._positions[section] = {k: i for i, k in enumerate(self.keys[section])}
        return found

    def has_files(self, names: Iterable[str]) -> bool:
        """Whether every one of the previous files ``names`` is there with its layout."""
        return all(self.file(name) is not None for name in names)

    def file(self, name: str) -> "PreviousFile | None":
        """The previous file ``name`` (relative to the store) with its layout, or None
        where it is missing or is not the file the layout was written with."""
        offsets = read_offsets(self.root, name)
        if offsets is None:
            return None
        size, mtime, arrays = offsets
        try:
            handle = open(self.root / name, "rb")
        except OSError:
            return None
        with handle:
            stat = os.fstat(handle.fileno())
            if (stat.st_size, stat.st_mtime_ns) != (size, mtime):
                return None
            # mapped, not read (Windows cannot replace a mapped file: read there)
            data = b"" if not size else handle.read() if os.name == "nt" else \
                mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        return PreviousFile(self, data, arrays)


@dataclass
class PreviousFile:
    """One previous file: its bytes (mapped) and the offsets of its fragments."""

    previous: Previous
    data: Any
    arrays: dict[str, array]

    def section(self, section: str) -> tuple[dict[Hashable, int], set[Hashable], array] | None:
        """For the records of ``section``: key -> place in the previous layout, the keys
        to render afresh, and the previous spans (None where the file has none)."""
        offsets = self.arrays.get(section)
        if offsets is None:
            return None
        base = section.partition(":")[0]
        return self.previous.position(base), self.previous.changed[base], offsets


class Sink:
    """Where a writer puts a file's bytes, in order: text as it is (:meth:`text`) and
    records' fragments (:meth:`records`), copied from ``previous`` where
    they can be. Each returns or yields the bytes to write next: runs of copied fragments
    that lie together in the previous file are copied as one when the run ends (so
    :meth:`text` and :meth:`end` may return what is left of one). It keeps each
    fragment's place for the next build (:meth:`layout`)."""

    def __init__(self, previous: PreviousFile | None = None):
        self.previous = previous
        self.position = 0
        self.rendered = 0
        self._keys: dict[str, list[Hashable]] = {}
        self._spans: dict[str, array] = {}
        self._sections: dict[str, Any] = {}
        self._run = (0, 0)  # the span of the previous file still to copy
        self._view = memoryview(previous.data) if previous is not None and \
            len(previous.data) else None

    def text(self, text: str) -> bytes:
        """The bytes of ``text`` (where no run of copied fragments is pending: else
        :meth:`put`)."""
        data = text.encode("utf-8")
        self.position += len(data)
        return bytes(self.end()) + data if self._run[1] else data

    def put(self, text: str) -> Iterator[bytes | memoryview]:
        """The bytes of a pending run of copied fragments, then of ``text``."""
        run = self.end()
        if run:
            yield run
        data = text.encode("utf-8")
        self.position += len(data)
        yield data

    def end(self) -> bytes | memoryview:
        """The bytes of the run of copied fragments not yet given."""
        start, end = self._run
        if not end:
            return b""
        self._run = (0, 0)
        return self._view[start:end]

    def records(self, section: str, keys: list[Hashable], rows: Any,
                render: Callable[[Any], str | bytes], sep: str = "",
                before: Callable[[int], str] | None = None,
                whole: bool = False) -> Iterator[bytes | memoryview]:
        """The bytes of the fragments of ``keys`` (``render(rows[i])`` for ``keys[i]``
        where it is not copied), ``sep`` between them and ``before(i)`` (text written
        afresh) before each, in chunks. ``whole``: ``keys`` are all the records of the
        section, in the graph's order; then unchanged stretches are copied at once."""
        if section not in self._sections:
            self._begin(section)
        found = self._sections[section]
        plan = None
        if found is not None and whole and before is None:
            plan = self.previous.previous.plan(section.partition(":")[0], keys)
        self._keys[section].extend(keys)
        out: list[Any] = []
        for i, j, count in plan or [(0, -1, len(keys))]:
            if j >= 0 and self._stretch(section, i, j, count, sep, out):
                continue
            for at in range(i, i + count, _BATCH):  # a chunk at a time: memory stays flat
                self._each(section, keys, rows, render, sep, before,
                           range(at, min(at + _BATCH, i + count)), out)
                if len(out) >= _BATCH:
                    yield from _packed(out)
                    out.clear()
        yield from _packed(out)

    def _stretch(self, section: str, i: int, j: int, count: int, sep: str,
                 out: list[Any]) -> bool:
        """Copy the previous records ``[j:j + count]`` of ``section`` as the records
        ``[i:i + count]`` at once, where they lie together in the previous file
        (``sep`` between them); False (nothing done) where they do not."""
        offsets = self._sections[section][2]
        starts, ends = offsets[2 * j:2 * (j + count):2], offsets[2 * j + 1:2 * (j + count):2]
        gap = sep.encode("utf-8")
        width = len(gap)
        if min(starts) < 0 or ends[-1] - starts[0] != sum(ends) - sum(starts) + width * (count - 1):
            return False
        joined = bool(i and width)
        start, end = starts[0], ends[-1]
        run_start, run_end = self._run
        old = self.previous.data
        if run_end and (start == run_end if not joined else
                        start == run_end + width and old[run_end:start] == gap):
            self._run = (run_start, end)
        else:
            if run_end:
                out.append(self._view[run_start:run_end])
            if joined:
                out.append(gap)
            self._run = (start, end)
        self.position += width * joined
        self._spans[section].extend(map((self.position - start).__add__,
                                        offsets[2 * j:2 * (j + count)]))
        self.position += end - start
        return True

    def _each(self, section: str, keys: list[Hashable], rows: Any,
              render: Callable[[Any], str | bytes], sep: str,
              before: Callable[[int], str] | None, indices: range, out: list[Any]) -> None:
        """The records ``indices`` of ``keys`` one by one: copied where they can be."""
        found = self._sections[section]
        positions, changed, offsets = found if found is not None else ({}, (), None)
        old, view = (self.previous.data, self._view) if found is not None else (None, None)
        spans, pos = self._spans[section], self.position
        gap = sep.encode("utf-8")
        width = len(gap)
        run_start, run_end = self._run
        for i in indices:
            key = keys[i]
            joined = bool(i and width)  # a separator comes first
            head = before(i).encode("utf-8") if before is not None else b""
            start = -1
            at = positions.get(key)
            if at is not None and key not in changed:
                start, end = offsets[2 * at], offsets[2 * at + 1]
            if start >= 0 and run_end and not head and (
                    start == run_end if not joined else
                    start == run_end + width and (old[run_end] == gap[0] if width == 1
                                                  else old[run_end:start] == gap)):
                run_end = end  # the run goes on, the separator inside it
            else:
                if run_end:
                    out.append(view[run_start:run_end])
                    run_start = run_end = 0
                if joined:
                    out.append(gap)
                if head:
                    out.append(head)
                if start >= 0:
                    run_start, run_end = start, end
                else:
                    piece = render(rows[i])
                    if piece.__class__ is str:
                        piece = piece.encode("utf-8")
                    out.append(piece)
                    end, start = len(piece), 0
                    self.rendered += 1
            pos += width * joined + len(head)
            spans.extend((pos, pos + end - start))
            pos += end - start
        self._run = (run_start, run_end)
        self.position = pos

    def _begin(self, section: str) -> None:
        self._sections[section] = self.previous.section(section) \
            if self.previous is not None else None
        self._keys[section] = []
        self._spans[section] = array("q")

    def layout(self, keys: dict[str, list[Hashable]]) -> dict[str, array]:
        """Each section's spans in the order of ``keys`` (section -> record keys; a
        record without a fragment gets ``-1, -1``)."""
        arrays = {}
        for section, spans in self._spans.items():
            order = keys[section.partition(":")[0]]
            written = self._keys[section]
            if written == order:
                arrays[section] = spans
                continue
            at = {key: i for i, key in enumerate(written)}
            offsets = array("q")
            for key in order:
                i = at.get(key)
                offsets.extend((-1, -1) if i is None else (spans[2 * i], spans[2 * i + 1]))
            arrays[section] = offsets
        return arrays


def _packed(pieces: list[Any]) -> Iterator[bytes | memoryview]:
    """``pieces`` as few chunks: small ones joined, large ones (copied runs) as they are."""
    small: list[Any] = []
    for piece in pieces:
        if len(piece) >= 1 << 16:
            if small:
                yield b"".join(small)
                small.clear()
            yield piece
        else:
            small.append(piece)
    if small:
        yield b"".join(small)


def write_offsets(root: Path, name: str, arrays: dict[str, array]) -> None:
    """Keep the layout ``arrays`` of the output file ``root/name`` (just written) in
    ``root/.casegraph.layout/``, with the file's size and modification time."""
    from casegraph.io import write_bytes_atomic

    stat = (root / name).stat()
    head = [f"{stat.st_size} {stat.st_mtime_ns} {len(arrays)}"]
    head += [f"{section} {len(offsets)}" for section, offsets in arrays.items()]
    data = _MAGIC + ("\n".join(head) + "\n").encode("utf-8") + b"".join(
        offsets.tobytes() for offsets in arrays.values())
    folder = root / LAYOUT_DIR
    folder.mkdir(exist_ok=True)
    write_bytes_atomic(folder / _offsets_name(name), data, fsync=False)


def read_offsets(root: Path, name: str) -> tuple[int, int, dict[str, array]] | None:
    """The size, modification time and layout arrays :func:`write_offsets` kept for the
    output file ``name`` (None where there are none or they do not read)."""
    try:
        data = (root / LAYOUT_DIR / _offsets_name(name)).read_bytes()
        if not data.startswith(_MAGIC):
            return None
        at = len(_MAGIC)
        line, at = _line(data, at)
        size, mtime, count = (int(part) for part in line.split())
        sections = []
        for _ in range(count):
            line, at = _line(data, at)
            section, length = line.rsplit(" ", 1)
            sections.append((section, int(length)))
        arrays = {}
        for section, length in sections:
            offsets = array("q")
            offsets.frombytes(data[at:at + 8 * length])
            if len(offsets) != length:
                return None
            arrays[section] = offsets
            at += 8 * length
        return size, mtime, arrays
    except (OSError, ValueError):
        return None


def _line(data: bytes, at: int) -> tuple[str, int]:
    end = data.index(b"\n", at)
    return data[at:end].decode("utf-8"), end + 1


def _offsets_name(name: str) -> str:
    return name.replace("/", "__") + ".offsets"
