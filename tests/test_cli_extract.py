"""``casegraph extract``: files written, one-line errors, exit codes 0/1/2."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from casegraph.cli import cli

REPO = Path(__file__).resolve().parent.parent
# Made-up bulletin sentences (not from any corpus).
TEXT = "病例1：女，35岁，现住样例区测试街道样例小区3号楼。4月2日出现发热症状。"


def extract(runner, *args):
    return runner.invoke(cli, ["extract", *map(str, args)])


def load_graph(path: Path) -> nx.MultiDiGraph:
    return nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges")


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("casegraph: error: ")]


def jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


# -- success ------------------------------------------------------------------------------

def test_writes_one_node_link_file_per_document(runner, tmp_path, fake_extract):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "b1.txt").write_text(TEXT, encoding="gbk")
    jsonl(tmp_path / "in" / "more.jsonl", [{"id": "j1", "text": TEXT, "city": "样例市"}])
    out = tmp_path / "out" / "nested"
    result = extract(runner, tmp_path / "in", "--out", out)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert sorted(p.name for p in out.iterdir()) == ["b1.json", "j1.json"]
    graph = load_graph(out / "b1.json")
    assert graph.graph["doc"] == "b1" and graph.is_multigraph() and graph.is_directed()
    assert graph.nodes["case:病例1"]["name"] == "病例1"
    assert "病例1" in (out / "b1.json").read_text(encoding="utf-8")  # ensure_ascii=False
    assert "extracted 2 document(s)" in result.stderr


def test_city_and_date_options_are_defaults(runner, tmp_path, fake_extract):
    jsonl(tmp_path / "d.jsonl", [{"id": "own", "text": TEXT, "city": "自有市", "date": "2021-12-31"},
                                 {"id": "bare", "text": TEXT}])
    result = extract(runner, tmp_path / "d.jsonl", "-o", tmp_path / "out",
                     "--city", "默认市", "--date", "20220506", "--quiet")
    assert result.exit_code == 0 and result.stderr == ""
    assert [(d.id, d.city, d.date) for d in fake_extract] == [
        ("own", "自有市", "2021-12-31"), ("bare", "默认市", "2022-05-06")]
    assert load_graph(tmp_path / "out" / "bare.json").graph["date"] == "2022-05-06"


def test_rerun_overwrites_its_own_output(runner, tmp_path, fake_extract):
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    for _ in range(2):
        assert extract(runner, tmp_path / "b.txt", "-o", tmp_path / "out").exit_code == 0
    assert os.listdir(tmp_path / "out") == ["b.json"]


# -- bad documents: exit 1, one line each, the rest still written -------------------------

def test_bad_documents_are_reported_and_the_others_processed(runner, tmp_path, fake_extract):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(TEXT, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    jsonl(folder / "lines.jsonl", [{"id": "j1", "text": TEXT}])
    with (folder / "lines.jsonl").open("a", encoding="utf-8") as handle:
        handle.write('{"id": "j2", "text": \n{"text": "无编号"}\n')
    result = extract(runner, folder, tmp_path / "missing.txt", "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert error_lines(result.stderr) == [
        f"casegraph: error: {folder / 'blob.txt'}: binary file (NUL bytes), not text",
        f"casegraph: error: {folder / 'empty.txt'}: empty document (no text)",
        f"casegraph: error: {folder / 'lines.jsonl'}:2: malformed JSON",
        f"casegraph: error: {folder / 'lines.jsonl'}:3: missing field 'id'",
        f"casegraph: error: {tmp_path / 'missing.txt'}: no such file or directory",
    ]
    assert sorted(os.listdir(tmp_path / "out")) == ["good.json", "j1.json"]
    assert "(5 error(s))" in result.stderr


def test_extractor_crash_costs_one_document_not_the_run(runner, tmp_path, monkeypatch):
    def flaky(doc):
        if "炸" in doc.text:
            raise ValueError("boom\nsecond line")
        return nx.node_link_data(nx.MultiDiGraph(doc=doc.id), edges="edges")

    monkeypatch.setattr("casegraph.cli.extract.extract_data", flaky)
    path = jsonl(tmp_path / "d.jsonl", [{"id": "a", "text": TEXT}, {"id": "b", "text": "炸"},
                                        {"id": "c", "text": TEXT}])
    result = extract(runner, path, "-o", tmp_path / "out")
    assert result.exit_code == 1
    [line] = error_lines(result.stderr)
    assert line.startswith(f"casegraph: error: {path}:2: internal error while extracting: "
                           "ValueError: boom\\nsecond line")
    assert len(result.stderr.splitlines()) == 2  # the error and the summary
    assert sorted(os.listdir(tmp_path / "out")) == ["a.json", "c.json"]


def test_graph_that_is_not_json_is_one_error_and_no_file(runner, tmp_path, monkeypatch):
    monkeypatch.setattr("casegraph.cli.extract.extract_data",
                        lambda doc: nx.node_link_data(nx.MultiDiGraph(doc=doc.id, bad={1, 2}), edges="edges"))
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    result = extract(runner, tmp_path / "a.txt", "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert "not JSON-serialisable" in error_lines(result.stderr)[0]
    assert os.listdir(tmp_path / "out") == []


def test_unsafe_ids_never_escape_the_output_folder(runner, tmp_path, fake_extract):
    ids = ["../escape", "/etc/owned", "a/b", "..", ".", ".hidden", "x\ny", "C:\\win"]
    path = jsonl(tmp_path / "d.jsonl", [{"id": i, "text": TEXT} for i in ids]
                 + [{"id": "", "text": TEXT}])
    out = tmp_path / "work" / "out"
    result = extract(runner, path, "-o", out)
    assert error_lines(result.stderr) == [f"casegraph: error: {path}:9: empty document id"]
    assert result.exit_code == 1
    files = sorted(out.iterdir())
    assert len(files) == len(ids)
    assert not any(name.startswith(".") for name in os.listdir(out))
    assert sorted(p.name for p in (tmp_path / "work").iterdir()) == ["out"]
    assert sorted(load_graph(f).graph["doc"] for f in files) == sorted(ids)


def test_duplicate_ids_are_reported_not_overwritten(runner, tmp_path, fake_extract):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "same.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b" / "same.txt").write_text(TEXT + "另一篇", encoding="utf-8")
    result = extract(runner, tmp_path, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert error_lines(result.stderr) == [
        f"casegraph: error: {tmp_path / 'b' / 'same.txt'}: duplicate document id 'same' "
        f"(first in {tmp_path / 'a' / 'same.txt'}), skipped"]
    assert "另一篇" not in json.dumps(load_graph(tmp_path / "out" / "same.json").graph)


def test_write_failure_is_one_line_and_keeps_the_old_output(runner, tmp_path, fake_extract,
                                                            monkeypatch):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out"
    assert extract(runner, tmp_path / "a.txt", "-o", out).exit_code == 0
    before = (out / "a.json").read_bytes()

    def full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    result = extract(runner, tmp_path / "a.txt", "-o", out)
    assert result.exit_code == 1
    assert error_lines(result.stderr) == [
        f"casegraph: error: {out / 'a.json'}: cannot write: no space left on device"]
    assert (out / "a.json").read_bytes() == before
    assert os.listdir(out) == ["a.json"]


def test_output_folder_that_cannot_be_made_is_one_line_exit_1(runner, tmp_path, fake_extract):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "file").write_text("not a folder")
    result = extract(runner, tmp_path / "a.txt", "-o", tmp_path / "file" / "out")
    assert result.exit_code == 1
    assert error_lines(result.stderr) == [
        f"casegraph: error: {tmp_path / 'file' / 'out'}: cannot create output folder: "
        "not a directory"]
    assert fake_extract == []


# -- usage errors: exit 2 -----------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["a.txt"],                                  # no --out
    ["--out", "o"],                             # no INPUT
    ["a.txt", "--out", "o", "--date", "2022-02-30"],
    ["a.txt", "--out", "o", "--frobnicate"],
    ["a.txt", "--out", "pyproject.toml"],      # --out names a file
])
def test_usage_errors_exit_2(runner, fake_extract, args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("pyproject.toml").write_text("")
    result = runner.invoke(cli, ["extract", *args])
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr and fake_extract == []


def test_help_describes_inputs(runner):
    result = runner.invoke(cli, ["extract", "--help"])
    assert result.exit_code == 0
    for word in ("INPUT", "--out", "--city", "--date", "--quiet", ".jsonl", "standard input"):
        assert word in result.stdout


# -- the real console script, in a subprocess ---------------------------------------------

def console_script() -> list[str]:
    """The installed ``casegraph`` script, else the same entry point through this Python."""
    found = Path(sys.executable).with_name("casegraph")
    if found.exists():
        return [str(found)]
    if shutil.which("casegraph"):
        return [shutil.which("casegraph")]
    return [sys.executable, "-c", "from casegraph.cli import main; main()"]


def run_script(*args, stdin: bytes = b"", cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([*console_script(), *map(str, args)], input=stdin, cwd=cwd,
                          capture_output=True, timeout=300)


@pytest.mark.slow
def test_console_script_mixed_input_and_stdin(tmp_path):
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-16")
    (tmp_path / "empty.txt").write_text("  ", encoding="utf-8")
    out = tmp_path / "out"
    done = run_script("extract", tmp_path, "-", "--out", out, "--city", "样例市",
                      "--date", "2022-04-03", stdin=TEXT.encode("gb18030"))
    stderr = done.stderr.decode()
    assert done.returncode == 1, stderr
    assert "Traceback" not in stderr
    assert error_lines(stderr) == [
        f"casegraph: error: {tmp_path / 'empty.txt'}: empty document (no text)"]
    assert sorted(os.listdir(out)) == ["good.json", "stdin.json"]
    for name, doc in (("good.json", "good"), ("stdin.json", "stdin")):
        graph = load_graph(out / name)
        assert graph.graph["doc"] == doc
        assert all("type" in attrs for _, attrs in graph.nodes(data=True))


@pytest.mark.slow
def test_console_script_runs_the_readme_command_on_the_sample_data(tmp_path):
    done = run_script("extract", REPO / "data", "--out", tmp_path / "out", "--quiet")
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr == b""
    names = sorted(p.stem for p in (REPO / "data").glob("*.txt"))
    assert sorted(p.stem for p in (tmp_path / "out").iterdir()) == names
    for name in names:
        assert load_graph(tmp_path / "out" / f"{name}.json").graph["doc"] == name


@pytest.mark.slow
def test_console_script_usage_error_exits_2(tmp_path):
    done = run_script("extract", "--out", tmp_path / "out")
    assert done.returncode == 2
    assert b"Traceback" not in done.stderr and b"INPUT" in done.stderr
