"""Atomic writes and safe file names."""
from __future__ import annotations

import json
import os
import stat

import pytest

from casegraph import io as cio
from casegraph.io import safe_filename, write_json_atomic, write_text_atomic


def test_json_is_utf8_readable_and_round_trips(tmp_path):
    target = tmp_path / "g.json"
    write_json_atomic(target, {"name": "感染者1", "n": [1, 2]})
    raw = target.read_bytes()
    assert "感染者1".encode() in raw and raw.endswith(b"\n")
    assert json.loads(raw) == {"name": "感染者1", "n": [1, 2]}


def test_new_file_gets_the_usual_permissions(tmp_path):
    target = tmp_path / "a.txt"
    write_text_atomic(target, "x")
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    assert stat.S_IMODE(target.stat().st_mode) == stat.S_IMODE(plain.stat().st_mode)


@pytest.mark.parametrize("broken", ["fsync", "replace"])
def test_failed_write_keeps_the_old_file_and_leaves_no_temp_file(tmp_path, monkeypatch, broken):
    target = tmp_path / "g.json"
    write_json_atomic(target, {"version": 1})
    before = target.read_bytes()

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, broken, fail)
    with pytest.raises(OSError, match="No space left") as raised:
        write_json_atomic(target, {"version": 2, "pad": "x" * 100_000})
    assert raised.value.filename == str(target)  # the file asked for, not its temporary file
    assert target.read_bytes() == before
    assert os.listdir(tmp_path) == ["g.json"]


def test_interrupt_during_write_leaves_no_temp_file(tmp_path, monkeypatch):
    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_text_atomic(tmp_path / "a.txt", "half")
    assert os.listdir(tmp_path) == []


def test_unserialisable_value_touches_nothing(tmp_path):
    target = tmp_path / "g.json"
    target.write_text("old")
    for bad in ({"x": {1, 2}}, {"x": float("nan")}):
        with pytest.raises((TypeError, ValueError)):
            write_json_atomic(target, bad)
    assert target.read_text() == "old" and os.listdir(tmp_path) == ["g.json"]


def test_missing_folder_raises_oserror_naming_the_target(tmp_path):
    with pytest.raises(FileNotFoundError) as raised:
        write_text_atomic(tmp_path / "no" / "a.txt", "x")
    assert raised.value.filename == str(tmp_path / "no" / "a.txt")


@pytest.mark.parametrize("name", ["../evil", "a/b", "a\\b", "..", ".", "", " ", ".hidden",
                                  "x\ny", "C:", "病" * 200, "a\x00b"])
def test_safe_filename_stays_in_its_folder(tmp_path, name):
    stem = safe_filename(name)
    assert stem and stem not in (".", "..") and not stem.startswith(".")
    assert len(stem.encode()) <= cio.MAX_STEM_BYTES + 11
    path = tmp_path / f"{stem}.json"
    assert path.parent == tmp_path
    path.write_text("{}")  # the file system accepts it


def test_safe_filename_keeps_good_names_and_never_merges_two_names():
    assert safe_filename("000_北京_20220414") == "000_北京_20220414"
    names = ["a/b", "a_b", "a\\b", "a:b", "a b", "..", "_..", "病" * 200, "病" * 201]
    assert len({safe_filename(n) for n in names}) == len(names)


def test_compact_json_is_one_utf8_line_and_refuses_what_json_cannot_hold():
    raw = cio.compact_json({"name": "感染者1", "n": [1, 2], "g": {"city": None}})
    assert raw.endswith(b"\n") and raw.count(b"\n") == 1 and "感染者1".encode() in raw
    assert json.loads(raw) == {"name": "感染者1", "n": [1, 2], "g": {"city": None}}
    with pytest.raises(TypeError):
        cio.compact_json({"x": {1, 2}})
