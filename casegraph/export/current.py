"""The exports a store already holds beside it, copied instead of written again.

``casegraph build`` writes its exports beside the store and records in the store's outputs
stamp (``.casegraph.outputs``, :meth:`casegraph.store.Store.mark_outputs`) the
``graph.json`` they were written from, each file it wrote (their SHA-256) and the writers'
version. Where every file asked for is there with those bytes, the writers are of that
version, and ``graph.json`` is still the one they were written from, an export of the store
is a copy of them: byte for byte what the writers would write now (the GEXF header dated
today, as the writer dates it). Anything else (a file missing, rewritten or edited, another
``graph.json``, other writers, a stamp unreadable or of an older casegraph) and nothing is
copied: the writers run.
"""
from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, Mapping, Sequence

from casegraph.export._flat import write_chunks, write_file
from casegraph.export.graphml import redated_gexf
from casegraph.store.folder import Store, file_hash

__all__ = ["copy_current"]

_CHUNK = 1 << 20


def copy_current(store: str | os.PathLike[str], target: str | os.PathLike[str],
                 formats: Iterable[str],
                 files_of: Mapping[str, Sequence[str]], version: int) -> list[Path] | None:
    """The exports ``formats`` of the store folder ``store`` copied into ``target`` from
    the files beside the store, where they are current (see the module); the paths written,
    in the order of ``formats`` as :func:`casegraph.export.write_all` returns them
    (``files_of``: format -> its files, :data:`casegraph.export.FILES`; ``version``: the
    writers' own, :data:`casegraph.export.OUTPUTS_VERSION`, which the stamp must name).
    None, having written nothing, where any of them is not current. Into the store folder
    itself nothing is written: the files are there."""
    root, target = Path(store), Path(target)
    found = Store(root).current_outputs()
    if found is None:
        return None
    raw, stamp = found
    if stamp.get("version") != version:  # written by other writers
        return None
    files = stamp["files"]
    formats = list(dict.fromkeys(formats))
    names = [name for f in formats if f != "json" for name in files_of[f]]
    with contextlib.ExitStack() as stack:
        opened: dict[str, BinaryIO] = {}
        for name in names:  # each file opened and checked, then copied from the same handle
            try:
                handle = stack.enter_context(open(root / name, "rb"))
                if file_hash(handle) != files.get(name):
                    return None
                handle.seek(0)
            except OSError:
                return None
            opened[name] = handle
        beside = target.resolve() == root.resolve()
        if beside and "graph.gexf" in opened:
            head = opened["graph.gexf"].read(_CHUNK)
            if redated_gexf(head) != head:  # written another day: the writer dates it anew
                return None
        paths = []
        for f in formats:
            if f == "json":
                paths.append(root / "graph.json" if beside else
                             write_file(target / "graph.json", raw))
                continue
            for name in files_of[f]:
                paths.append(root / name if beside else
                             write_chunks(target / name, _chunks(opened[name], name)))
        return paths


def _chunks(handle: BinaryIO, name: str) -> Iterator[bytes]:
    first = True
    for chunk in iter(lambda: handle.read(_CHUNK), b""):
        yield redated_gexf(chunk) if first and name == "graph.gexf" else chunk
        first = False
