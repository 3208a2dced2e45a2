"""`casegraph export` of a store copies the exports a build wrote beside it while they are
current (casegraph.export.current), and runs the writers whenever they might not be."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import casegraph
from casegraph.cli import cli
from casegraph.export import FILES, FORMATS, read_table, write_all
from casegraph.export import graphml as graphml_module
from casegraph.store import OUTPUTS_FILE

EXPORTS = [f for f in FORMATS if f != "json"]


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def store(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"d{i}.txt").write_text(
            f"感染者{i + 1}：现住丰台区东木樨园{i}号楼，系感染者{i + 4}的密切接触者。",
            encoding="utf-8")
    out = tmp_path / "store"
    casegraph.build([folder], out, city="北京", date="2022-04-14")
    return out


def written(store: Path, target: Path) -> dict[str, bytes]:
    """What the writers write for the store, from its graph.json."""
    write_all(read_table(store), target, FORMATS, jobs=1)
    return files(target)


@pytest.fixture
def no_writers(monkeypatch):
    """Fail the test if the export command reads the store to write it."""
    def refuse(*args, **kwargs):
        raise AssertionError("the writers ran")
    monkeypatch.setattr("casegraph.cli.export.read_table", refuse)


def export(runner, store: Path, target: Path, *args: str) -> list[str]:
    result = runner.invoke(cli, ["export", str(store), "-o", str(target), *args])
    assert result.exit_code == 0, result.output
    return result.stdout.split()


def test_a_built_store_is_exported_by_copying_its_current_files(store, tmp_path, runner,
                                                                no_writers):
    stamp = json.loads((store / OUTPUTS_FILE).read_text(encoding="utf-8"))
    assert sorted(stamp["files"]) == sorted(n for f in EXPORTS for n in FILES[f])
    paths = export(runner, store, tmp_path / "copy")
    assert [Path(p).relative_to(tmp_path / "copy").as_posix() for p in paths] == \
        [name for f in FORMATS for name in FILES[f]]
    assert files(tmp_path / "copy") == written(store, tmp_path / "fresh")


def test_a_subset_and_the_store_folder_itself(store, tmp_path, runner, no_writers):
    assert [Path(p).name for p in export(runner, store, tmp_path / "x", "-f", "csv,gexf")] == \
        ["cases.csv", "contacts.csv", "graph.gexf"]
    before = files(store)
    result = runner.invoke(cli, ["export", str(store)])
    assert result.exit_code == 0, result.output
    assert result.stdout.split()[0] == str(store / "graph.json")
    assert files(store) == before  # nothing to write: they are there


@pytest.mark.parametrize("change", ["edited", "removed", "stamp", "graph", "old stamp",
                                    "other writers"])
def test_anything_not_current_is_written_by_the_writers(store, tmp_path, runner, change,
                                                        monkeypatch):
    ran = []
    real = read_table
    monkeypatch.setattr("casegraph.cli.export.read_table",
                        lambda path: ran.append(path) or real(path))
    if change == "edited":  # same size, another inode: a file rewritten since
        data = (store / "contacts.csv").read_bytes()
        (store / "contacts.csv").unlink()
        (store / "contacts.csv").write_bytes(data.replace(b"from", b"FROM", 1))
    elif change == "removed":
        (store / "neo4j" / "load.json").unlink()
    elif change == "stamp":
        (store / OUTPUTS_FILE).write_text("{not json", encoding="utf-8")
    elif change == "graph":  # another graph.json (a kill after its commit, before outputs)
        casegraph.build([_doc(tmp_path)], store, city="北京", date="2022-04-15",
                        formats=[], html=False)
    elif change == "old stamp":  # written by a casegraph that named no files
        stamp = json.loads((store / OUTPUTS_FILE).read_text(encoding="utf-8"))
        del stamp["files"]
        (store / OUTPUTS_FILE).write_text(json.dumps(stamp), encoding="utf-8")
    else:  # these writers write other bytes than the ones that wrote the files
        monkeypatch.setattr("casegraph.export.OUTPUTS_VERSION", 99)
    export(runner, store, tmp_path / "x")
    assert ran == [store]
    assert files(tmp_path / "x") == written(store, tmp_path / "fresh")


def _doc(tmp_path: Path) -> Path:
    path = tmp_path / "more" / "d9.txt"
    path.parent.mkdir()
    path.write_text("感染者9：现住丰台区东木樨园9号楼。", encoding="utf-8")
    return path


def test_a_copy_made_another_day_is_dated_as_the_writer_dates_it(store, tmp_path, runner,
                                                                  monkeypatch):
    monkeypatch.setattr(graphml_module, "_today", lambda: "2031-01-02")
    copied = export(runner, store, tmp_path / "copy", "-f", "gexf")
    text = Path(copied[0]).read_text(encoding="utf-8")
    assert '<meta lastmodifieddate="2031-01-02">' in text
    assert files(tmp_path / "copy")["graph.gexf"] == written(store, tmp_path / "fresh")[
        "graph.gexf"]
    # beside the store, the day's file is written anew by the writer
    export(runner, store, store, "-f", "gexf")
    assert '<meta lastmodifieddate="2031-01-02">' in (store / "graph.gexf").read_text(
        encoding="utf-8")


def test_an_update_stamps_its_new_files(store, tmp_path, runner, no_writers):
    casegraph.build([_doc(tmp_path)], store, city="北京", date="2022-04-15")
    export(runner, store, tmp_path / "copy")
    assert files(tmp_path / "copy") == written(store, tmp_path / "fresh")
    assert b"d9" in files(tmp_path / "copy")["contacts.csv"]


def test_outputs_of_other_writers_are_written_again_by_a_build(store, tmp_path, monkeypatch):
    before = (store / "graph.graphml").stat().st_ino
    monkeypatch.setattr("casegraph.export.OUTPUTS_VERSION", 99)
    assert not casegraph.build([tmp_path / "in"], store, city="北京", date="2022-04-14").changed
    assert (store / "graph.graphml").stat().st_ino != before  # written anew
    assert json.loads((store / OUTPUTS_FILE).read_text(encoding="utf-8"))["version"] == 99
