"""``casegraph build`` and ``casegraph query OUT ...``: tables, --json round trips, errors."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

import casegraph
from casegraph import query as q
from casegraph.cli import cli
from casegraph.document import Document
from casegraph.store import Store

BULLETINS = [
    {"id": "b1", "city": "北京", "date": "2022-04-14",
     "text": "感染者1 住 丰台区X小区\n感染者2 住 X小区\n感染者1 传 感染者2\n"},
    {"id": "b2", "city": "北京", "date": "2022-04-15",
     "text": "感染者3 到 Y超市\n感染者2 传 感染者3\n"},
]
RELATIONS = {"住": ("resides_at", "location"), "到": ("visited", "location"),
             "传": ("close_contact", "case")}


def line_graph(doc: Document) -> nx.MultiDiGraph:
    """Stand-in extractor: ``<case> <住|到|传> <other>`` a line."""
    G = nx.MultiDiGraph(doc=doc.id, city=doc.city, date=doc.date, date_source="given")
    offset = 0
    for line in doc.text.splitlines(keepends=True):
        span = [{"doc": doc.id, "start": offset, "end": offset + len(line) - 1}]
        offset += len(line)
        subject, verb, other = line.split()
        relation, otype = RELATIONS[verb]
        for node, ntype, name in ((f"case:{subject}", "case", subject),
                                  (f"{otype}:{other}", otype, other)):
            if node not in G:
                G.add_node(node, type=ntype, name=name, sources=list(span))
        G.add_edge(f"case:{subject}", f"{otype}:{other}", key=relation, relation=relation,
                   sources=span)
    return G


@pytest.fixture
def store(tmp_path, runner, monkeypatch) -> Path:
    monkeypatch.setattr(casegraph, "extract_document", line_graph)
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(b, ensure_ascii=False) + "\n" for b in BULLETINS),
                      encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(source), "-o", str(out), "--format", "none",
                                 "--no-html"])
    assert result.exit_code == 0, result.output
    assert "2 added, 0 unchanged; 2 document(s)" in result.stderr
    return out


QUERIES = [
    ["chain", "感染者2"],
    ["path", "感染者1", "Y超市"],
    ["clusters"],
    ["place", "X小区"],
    ["timeline", "感染者2"],
    ["ego", "感染者2", "--hops", "2"],
    ["find", "感染"],
    ["stats"],
]


@pytest.mark.parametrize("args", QUERIES, ids=[a[0] for a in QUERIES])
def test_every_query_prints_a_table_and_json_that_round_trips(runner, store, args):
    table = runner.invoke(cli, ["query", str(store), *args])
    assert table.exit_code == 0, table.output
    assert table.stdout.strip() and not table.stdout.lstrip().startswith("{")
    as_json = runner.invoke(cli, ["query", str(store), *args, "--json"])
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.stdout)
    assert data["query"] == args[0]
    result = q.result_from_dict(data)
    assert json.loads(json.dumps(result.to_dict(), ensure_ascii=False)) == data


def test_query_json_equals_the_python_api(runner, store):
    G = Store(store).load()
    out = runner.invoke(cli, ["query", str(store), "chain", "感染者2", "--json"])
    assert q.result_from_dict(json.loads(out.stdout)) == q.chain(G, "感染者2")


def test_timeline_table_shows_the_evidence_sentence(runner, store):
    out = runner.invoke(cli, ["query", str(store), "timeline", "感染者3"])
    assert "2022-04-15  reported" in out.stdout and "感染者3 到 Y超市" in out.stdout


def test_building_again_adds_nothing(runner, store, tmp_path):
    before = (store / "graph.json").read_bytes()
    again = runner.invoke(cli, ["build", str(tmp_path / "in.jsonl"), "-o", str(store),
                                "--format", "none", "--no-html"])
    assert again.exit_code == 0
    assert "0 added, 2 unchanged" in again.stderr
    assert (store / "graph.json").read_bytes() == before


def test_timings_name_each_stage_of_a_build(runner, store, tmp_path):
    done = runner.invoke(cli, ["build", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "t"),
                               "--format", "none", "--no-html", "--timings", "--jobs", "1"])
    assert done.exit_code == 0
    line = next(l for l in done.stderr.splitlines() if l.startswith("casegraph: timings: "))
    stages = dict(part.rsplit(" ", 2)[:2] for part in line.split(": ", 2)[2].split(", "))
    assert {"batches", "fold", "save"} <= set(stages)  # save: graph.json and its index
    assert all(float(seconds) >= 0 for seconds in stages.values())


def casegraph_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from casegraph.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.slow
def test_unknown_name_is_one_line_with_near_matches_and_exit_1(store):
    done = casegraph_cli("query", str(store), "chain", "感染者7")
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "casegraph: error: no case named '感染者7'; did you mean: 感染者1, 感染者2, 感染者3?"]


@pytest.mark.slow
def test_missing_store_is_one_line_and_exit_1(tmp_path):
    done = casegraph_cli("query", str(tmp_path / "nowhere"), "stats")
    assert done.returncode == 1
    assert len(done.stderr.splitlines()) == 1 and "no casegraph store here" in done.stderr


@pytest.mark.slow
def test_usage_error_exits_2(store):
    done = casegraph_cli("query", str(store), "ego", "感染者1", "--hops", "many")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_every_command_has_help(runner):
    for args in (["build"], ["query"], *(["query", "OUT", a[0]] for a in QUERIES)):
        result = runner.invoke(cli, [*args, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.stdout
