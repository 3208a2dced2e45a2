"""Environment faults: read-only, missing and full output folders; corrupt, foreign and newer
stores. Each gives one error line and a non-zero exit, and damages nothing written before.

The faults are simulated by patching the few OS calls casegraph writes through, so they run
anywhere; where the test runs as root, real read-only bind mounts and a tiny tmpfs repeat
them against the kernel (skipped elsewhere).
"""
from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from unittest import mock

import pytest

from casegraph.cli import main
from casegraph.store.index import INDEX_FILE
from casegraph.store import OUTPUTS_FILE, Store

# Made-up bulletins (not from any corpus).
DAY1 = ("病例1：男，45岁，现住样例区和平街道幸福小区3号楼，系病例9的密切接触者。"
        "4月2日出现发热症状，4月3日核酸检测结果为阳性，已转至样例医院隔离治疗。\n")
DAY2 = ("病例2：女，31岁，现住样例区光明街道阳光花园7号楼。4月5日曾到样例区红星超市购物，"
        "4月6日诊断为确诊病例。病例3：男，8岁，系病例2的密切接触者。\n")


def inputs(folder: Path, **docs: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in docs.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def run(*args, capsys) -> tuple[int, list[str]]:
    """``casegraph ARGS`` through the real entry point: (exit status, stderr lines)."""
    capsys.readouterr()
    with mock.patch.object(sys, "argv", ["casegraph", *map(str, args)]):
        try:
            main()
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
    return code, capsys.readouterr().err.splitlines()


def build(src: Path, out: Path, *more, capsys) -> tuple[int, list[str]]:
    return run("build", src, "-o", out, "--city", "样例市", "--date", "2022-04-07", "-q",
               *more, capsys=capsys)


def files(folder: Path) -> dict[str, bytes]:
    """Every file of a store folder (lock files and the outputs' layouts aside: a cache
    that names the files' modification times), by relative path."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".casegraph.lock")
            and ".casegraph.layout" not in p.parts}


def same_graph_and_outputs(one: Path, other: Path) -> bool:
    """Equal stores: every file the same bytes, but the evidence database, whose pages depend
    on its history (its sentences are compared instead)."""
    mine, theirs = files(one), files(other)
    history = ("evidence.sqlite", INDEX_FILE)
    if {k: v for k, v in mine.items() if k not in history} != \
            {k: v for k, v in theirs.items() if k not in history}:
        return False
    return sentences(one) == sentences(other) and index_holds_graph(one) \
        and index_holds_graph(other)


def index_holds_graph(store: Path) -> bool:
    """The store's query index is in use and holds the very graph of its graph.json."""
    from casegraph.store.index import open_index
    from casegraph.store import dumps

    index = open_index(store)
    return index is not None and dumps(index) == (store / "graph.json").read_bytes()


def sentences(store: Path) -> set:
    import sqlite3

    db = sqlite3.connect(f"file:{store / 'evidence.sqlite'}?mode=ro", uri=True)
    try:
        return set(db.execute("SELECT * FROM sentences"))
    finally:
        db.close()


def temporaries(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.tmp"))


def one_error(lines: list[str], *words: str) -> str:
    """The one line a fault gives: an error, no traceback, no internal error."""
    assert len(lines) == 1, lines
    line = lines[0]
    assert line.startswith("casegraph: error: ") and "internal error" not in line, line
    for word in words:
        assert word in line, line
    return line


@pytest.fixture
def store(tmp_path, capsys) -> Path:
    """A store built from DAY1 with every export and the page."""
    out = tmp_path / "store"
    assert build(inputs(tmp_path / "day1", day1=DAY1), out, capsys=capsys) == (0, [])
    return out


@pytest.fixture
def reference(tmp_path, capsys) -> Path:
    """An uninterrupted build of DAY1 then DAY2."""
    out = tmp_path / "reference"
    build(inputs(tmp_path / "day1", day1=DAY1), out, capsys=capsys)
    build(inputs(tmp_path / "day2", day2=DAY2), out, capsys=capsys)
    return out


# --- simulated faults ---------------------------------------------------------------------------

@contextlib.contextmanager
def read_only(folder: Path, code: int = errno.EROFS):
    """Refuse every change inside ``folder`` as a read-only file system would."""
    folder = folder.resolve()
    real_open, real_mkdir = os.open, os.mkdir
    writes = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

    def inside(path) -> bool:
        try:
            return Path(os.fsdecode(path)).resolve().is_relative_to(folder)
        except (TypeError, ValueError):
            return False

    def refuse(path):
        raise OSError(code, os.strerror(code), os.fsdecode(path))

    def guarded_open(path, flags, *args, **kwargs):
        if flags & writes and inside(path):
            refuse(path)
        return real_open(path, flags, *args, **kwargs)

    def guarded(real):
        def call(path, *args, **kwargs):
            if inside(path):
                refuse(path)
            return real(path, *args, **kwargs)
        return call

    with mock.patch.object(os, "open", guarded_open), \
            mock.patch.object(os, "mkdir", guarded(real_mkdir)), \
            mock.patch.object(os, "replace", guarded(os.replace)), \
            mock.patch.object(os, "unlink", guarded(os.unlink)):
        yield


class _Full:
    """A file whose disk fills up after ``room`` more bytes."""

    def __init__(self, handle, room: int):
        self._handle, self._room = handle, room

    def write(self, data) -> int:
        if len(data) > self._room:
            self._handle.write(data[:self._room])  # the part that fitted is on disk
            self._room = 0
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self._room -= len(data)
        return self._handle.write(data)

    def __getattr__(self, name):
        return getattr(self._handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._handle.close()


@contextlib.contextmanager
def full_disk(room: int = 100, only=lambda name: True):
    """Files casegraph writes (temporary file, then rename) fill the disk after ``room``
    bytes; ``only(target name)`` picks which files are hit."""
    names: dict[int, str] = {}
    real_mkstemp, real_fdopen = tempfile.mkstemp, os.fdopen

    def mkstemp(*args, **kwargs):
        fd, name = real_mkstemp(*args, **kwargs)
        names[fd] = name
        return fd, name

    def fdopen(fd, *args, **kwargs):
        handle = real_fdopen(fd, *args, **kwargs)
        name = names.pop(fd, None)
        target = Path(name).name.split(".")[1:-2] if name else []
        return _Full(handle, room) if name and only(".".join(target)) else handle

    with mock.patch.object(tempfile, "mkstemp", mkstemp), \
            mock.patch.object(os, "fdopen", fdopen):
        yield


# --- read-only ----------------------------------------------------------------------------------

def test_build_into_a_read_only_store_is_one_line_and_changes_nothing(tmp_path, store, capsys):
    before = files(store)
    with read_only(store):
        code, lines = build(inputs(tmp_path / "day2", day2=DAY2), store, capsys=capsys)
    assert code == 1
    one_error(lines, str(store), "cannot lock the store", "Read-only file system")
    assert files(store) == before


def test_a_read_only_store_can_still_be_queried_but_not_exported_into(tmp_path, store, capsys):
    with read_only(store):
        code, lines = run("query", store, "stats", capsys=capsys)
        assert (code, lines) == (0, [])
        # its exports are there, written from its graph.json: nothing to write
        code, lines = run("export", store, "-f", "csv", capsys=capsys)
        assert code == 0 and lines == []
    (store / OUTPUTS_FILE).unlink()  # as if a kill had cut the outputs short
    with read_only(store):
        code, lines = run("export", store, "-f", "csv", capsys=capsys)
        assert code == 1
        one_error(lines, "cases.csv", "Read-only file system")
        code, lines = run("export", store, "-f", "csv", "-o", tmp_path / "elsewhere",
                          capsys=capsys)
        assert code == 0 and (tmp_path / "elsewhere" / "cases.csv").exists()


@pytest.mark.parametrize("command", ["build", "extract"])
def test_an_output_folder_that_cannot_be_created_is_one_line(tmp_path, capsys, command):
    parent = tmp_path / "readonly"
    parent.mkdir()
    src = inputs(tmp_path / "day1", day1=DAY1)
    with read_only(parent, errno.EACCES):
        code, lines = run(command, src, "-o", parent / "new" / "out", capsys=capsys)
    assert code == 1
    one_error(lines, str(parent / "new" / "out"), "ermission denied")
    assert list(parent.iterdir()) == []


def test_missing_output_folders_are_created(tmp_path, capsys):
    out = tmp_path / "not" / "there" / "yet"
    assert build(inputs(tmp_path / "day1", day1=DAY1), out, capsys=capsys) == (0, [])
    assert Store(out).load().graph["documents"]


# --- missing --------------------------------------------------------------------------------------

def test_a_store_folder_removed_during_the_build_is_one_line(tmp_path, store, capsys,
                                                             monkeypatch):
    import casegraph

    real = casegraph.extract_document

    def and_remove(doc):
        shutil.rmtree(store)  # another job cleans the folder up mid-build
        return real(doc)

    monkeypatch.setattr(casegraph, "extract_document", and_remove)
    code, lines = build(inputs(tmp_path / "day2", day2=DAY2), store, capsys=capsys)
    assert code == 1
    one_error(lines, str(store))  # the evidence or graph.json cannot be written: said so


def test_a_missing_input_is_one_line_and_leaves_the_store(tmp_path, store, capsys):
    before = files(store)
    code, lines = build(tmp_path / "gone", store, capsys=capsys)
    assert code == 1
    one_error(lines, str(tmp_path / "gone"), "no such file or directory")
    assert files(store) == before


# --- a full disk ----------------------------------------------------------------------------------

def test_a_full_disk_while_saving_the_store_keeps_the_previous_one(tmp_path, store, reference,
                                                                   capsys):
    before, said = files(store), sentences(store)
    day2 = inputs(tmp_path / "day2", day2=DAY2)
    with full_disk(room=500, only=lambda name: name == "graph.json"):
        # one process: the fault is injected in this one (with more, another writes graph.json)
        code, lines = build(day2, store, "--jobs", "1", capsys=capsys)
    assert code == 1
    one_error(lines, "graph.json", "No space left on device", "previous store is unchanged")
    assert temporaries(store) == []
    after = files(store)
    assert after.pop("evidence.sqlite") and before.pop("evidence.sqlite")
    assert after == before and sentences(store) >= said  # evidence only ever gains rows
    assert build(day2, store, capsys=capsys) == (0, [])  # space freed: the same as never full
    assert same_graph_and_outputs(store, reference)


@pytest.mark.slow
@pytest.mark.parametrize("jobs, failing", [("1", "write_terms"), ("2", "write_terms"),
                                            ("1", "_summaries")])
def test_an_index_that_cannot_be_written_leaves_the_graph_saved(tmp_path, store, capsys,
                                                                 monkeypatch, jobs, failing):
    """With two processes another one writes graph.json while this one writes the index:
    the graph is committed all the same (the evidence that only the old graph needed
    pruned), and the next build mends the index. (With two processes the summaries are
    worked out in the other process, out of this patch's reach.)"""
    import casegraph.pipeline.save

    def fail(*args):
        raise sqlite3.OperationalError("database or disk is full")

    changed = inputs(tmp_path / "changed", day1=DAY2)  # day1's text replaced
    reference = tmp_path / "reference"
    build(inputs(tmp_path / "day1", day1=DAY1), reference, capsys=capsys)
    assert build(changed, reference, capsys=capsys) == (0, [])
    with monkeypatch.context() as patch:
        patch.setattr(casegraph.pipeline.save, failing, fail)
        code, lines = build(changed, store, "--jobs", jobs, capsys=capsys)
    assert code == 1
    one_error(lines, "graph.json is saved, but its query index could not be written",
              "database or disk is full")
    assert (store / "graph.json").read_bytes() == (reference / "graph.json").read_bytes()
    assert sentences(store) == sentences(reference)
    assert not any("幸福小区" in str(row) for row in sentences(store))  # day1's old text
    assert not (store / INDEX_FILE).exists() and temporaries(store) == []
    assert build(changed, store, capsys=capsys) == (0, [])
    assert same_graph_and_outputs(store, reference)


def test_a_full_disk_while_writing_the_exports_is_mended_by_the_next_build(tmp_path, store,
                                                                           reference, capsys):
    day2 = inputs(tmp_path / "day2", day2=DAY2)
    with full_disk(room=10, only=lambda name: name == "graph.gexf"):
        code, lines = build(day2, store, capsys=capsys)
    assert code == 1
    one_error(lines, "cannot write the exports", "No space left on device",
              "the store itself is saved")
    assert sorted(Store(store).load().graph["documents"]) == ["day1", "day2"]
    assert temporaries(store) == []
    assert not same_graph_and_outputs(store, reference)  # the exports are behind the graph...
    assert build(day2, store, capsys=capsys) == (0, [])  # ...until the next build
    assert same_graph_and_outputs(store, reference)


def test_a_full_disk_in_extract_keeps_the_previous_output(tmp_path, capsys):
    src, out = inputs(tmp_path / "in", day1=DAY1), tmp_path / "out"
    assert run("extract", src, "-o", out, "-q", capsys=capsys) == (0, [])
    before = files(out)
    (src / "day1.txt").write_text(DAY2, encoding="utf-8")
    with full_disk(room=64):
        code, lines = run("extract", src, "-o", out, "-q", capsys=capsys)
    assert code == 1
    one_error(lines, "day1.json", "no space left on device")
    assert files(out) == before and temporaries(out) == []


# --- corrupt, foreign and newer stores -------------------------------------------------------------

def _graph_json(store: Path) -> dict:
    return json.loads((store / "graph.json").read_text(encoding="utf-8"))


def _mangle(store: Path, change) -> None:
    data = _graph_json(store)
    change(data)
    (store / "graph.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _cut(store: Path, keep) -> None:
    data = (store / "graph.json").read_bytes()
    (store / "graph.json").write_bytes(keep(data))


CORRUPTIONS = {
    "truncated": (lambda s: _cut(s, lambda b: b[:len(b) // 2]), "corrupt store"),
    "empty file": (lambda s: _cut(s, lambda b: b""), "corrupt store"),
    "zeroed block": (lambda s: _cut(s, lambda b: b[:40] + bytes(4096) + b[4136:]),
                     "corrupt store"),
    "not JSON text": (lambda s: _cut(s, lambda b: b"\xff\xfe\x00garbage"), "corrupt store"),
    "foreign JSON": (lambda s: _cut(s, lambda b: b'{"nodes": [], "links": []}'),
                     "not a casegraph store"),
    "newer format": (lambda s: _mangle(s, lambda d: d["graph"].update(format_version=2)),
                     "newer than this casegraph reads"),
    "version not a number": (lambda s: _mangle(s, lambda d: d["graph"].update(
        format_version="1")), "corrupt store"),
    "document record not a record": (lambda s: _mangle(s, lambda d: d["graph"]["documents"]
                                                       .update(day1=5)), "corrupt store"),
    "node without a type": (lambda s: _mangle(s, lambda d: d["nodes"][0].pop("type")),
                            "corrupt store"),
    "sources not a list": (lambda s: _mangle(s, lambda d: d["nodes"][0].update(sources=5)),
                           "corrupt store"),
    "edge to nowhere": (lambda s: _mangle(s, lambda d: d["edges"][0].update(target="case:x")),
                        "corrupt store"),
    "keys not a list": (lambda s: _mangle(s, lambda d: d["nodes"][0].update(keys=None)),
                        "corrupt store"),
    "span not a number": (lambda s: _mangle(s, lambda d: d["nodes"][0]["sources"][0].update(
        start="0")), "corrupt store"),
    "a date that is a number": (lambda s: _mangle(s, lambda d: d["nodes"][0].update(
        positive_date=1)), "corrupt store"),
}


@pytest.mark.parametrize("command", ["build", "query", "export", "view"])
@pytest.mark.parametrize("corruption", list(CORRUPTIONS))
def test_a_bad_store_is_one_line_and_never_overwritten(tmp_path, store, capsys, corruption,
                                                      command):
    spoil, words = CORRUPTIONS[corruption]
    spoil(store)
    before = files(store)
    args = {"build": ["build", inputs(tmp_path / "day2", day2=DAY2), "-o", store],
            "query": ["query", store, "stats"],
            "export": ["export", store],
            "view": ["view", store]}[command]
    code, lines = run(*args, capsys=capsys)
    assert code == 1
    one_error(lines, "graph.json", words)
    assert files(store) == before


def test_a_corrupt_evidence_file_is_refused_not_replaced(tmp_path, store, capsys):
    (store / "evidence.sqlite").write_bytes(b"not a database, but someone's data" * 100)
    before = files(store)
    code, lines = build(inputs(tmp_path / "day2", day2=DAY2), store, capsys=capsys)
    assert code == 1
    one_error(lines, "evidence.sqlite", "not a database")
    assert files(store) == before


def test_a_lock_path_that_is_not_a_file_is_one_line(tmp_path, store, capsys):
    (store / ".casegraph.lock").unlink()
    (store / ".casegraph.lock").mkdir()
    code, lines = build(inputs(tmp_path / "day2", day2=DAY2), store, capsys=capsys)
    assert code == 1
    one_error(lines, "cannot lock the store")


# --- the same faults from the kernel (root only) ---------------------------------------------------

def _mount(*args: str) -> None:
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("real mounts need root")
    done = subprocess.run(["mount", *args], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount here: {done.stderr.strip()}")


def _umount(path: Path) -> None:
    subprocess.run(["umount", "-l", str(path)], capture_output=True)


@contextlib.contextmanager
def real_read_only(folder: Path):
    _mount("--bind", str(folder), str(folder))
    try:
        _mount("-o", "remount,bind,ro", str(folder))
        yield
    finally:
        _umount(folder)


@contextlib.contextmanager
def tmpfs(folder: Path, size: str):
    folder.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder))
    try:
        yield folder
    finally:
        _umount(folder)


@pytest.mark.slow
def test_a_really_read_only_store(tmp_path, store, capsys):
    before = files(store)
    with real_read_only(store):
        code, lines = build(inputs(tmp_path / "day2", day2=DAY2), store, capsys=capsys)
        assert code == 1
        one_error(lines, "Read-only file system")
        assert run("query", store, "stats", capsys=capsys) == (0, [])
    assert files(store) == before


@pytest.mark.slow
def test_a_really_full_disk(tmp_path, store, capsys):
    """A tmpfs just big enough for the first build; the second runs out of space."""
    day2 = inputs(tmp_path / "day2", day2=DAY2 * 40)  # a long bulletin: a bigger graph
    clean = tmp_path / "clean"
    shutil.copytree(store, clean)
    assert build(day2, clean, capsys=capsys) == (0, [])
    needed = sum(len(b) for b in files(clean).values())
    with tmpfs(tmp_path / "disk", "64m") as disk:
        out = disk / "store"
        shutil.copytree(store, out)
        before = files(out)
        used = shutil.disk_usage(disk).used
        _mount("-o", f"remount,size={used + needed // 3}", "tmpfs", str(disk))
        code, lines = build(day2, out, capsys=capsys)
        assert code == 1
        line = one_error(lines)
        assert "No space left on device" in line or "database or disk is full" in line, line
        assert temporaries(out) == []
        graph = (out / "graph.json").read_bytes()
        assert graph in (before["graph.json"], files(clean)["graph.json"])
        Store(out).load()
        _mount("-o", "remount,size=64m", "tmpfs", str(disk))
        assert build(day2, out, capsys=capsys) == (0, [])
        assert same_graph_and_outputs(out, clean)
