"""One way to open a store: ``casegraph.open_store`` reads a store folder or a node-link
file for every command (query, view, export) and the API, and names resolve alike."""
from __future__ import annotations

import json

import networkx as nx
import pytest
from click.testing import CliRunner

import casegraph
from casegraph.cli import cli
from casegraph.errors import StoreError
from casegraph.export import write_json
from casegraph.query import IndexBackend, NetworkxBackend, backend
from casegraph.store.index import IndexGraph

TEXT = "感染者1：现住丰台区东木樨园14号楼。感染者2：系感染者1的密切接触者。"


def aliased() -> nx.MultiDiGraph:
    """Two cases, the first known also by an alias."""
    G = nx.MultiDiGraph(documents={})
    G.add_node("case:北京:感染者1", type="case", name="感染者1", city="北京",
               aliases=["一号感染者"])
    G.add_node("case:北京:感染者2", type="case", name="感染者2", city="北京")
    G.add_edge("case:北京:感染者1", "case:北京:感染者2", key="close_contact",
               relation="close_contact", date="2022-04-04")
    return G


@pytest.fixture
def built(tmp_path):
    (tmp_path / "d1.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out"
    casegraph.build([tmp_path / "d1.txt"], out, city="北京", date="2022-04-14", formats=[],
                    html=False)
    return out


def test_a_store_opens_on_its_index_and_a_file_on_its_graph(built):
    store = casegraph.open_store(built)
    assert isinstance(store.graph, IndexGraph) and isinstance(backend(store.graph), IndexBackend)
    G = casegraph.open_store(built / "graph.json").graph
    assert isinstance(G, nx.MultiDiGraph) and isinstance(backend(G), NetworkxBackend)
    assert G.number_of_nodes() == store.graph.number_of_nodes() == store.load().number_of_nodes()
    store.close()


def test_query_reads_a_json_file_as_it_reads_its_store(built):
    runner = CliRunner()
    answers = []
    for target in (built, built / "graph.json"):
        result = runner.invoke(cli, ["query", str(target), "chain", "感染者2", "--json"])
        assert result.exit_code == 0, result.output
        answers.append(json.loads(result.output))
    assert answers[0] == answers[1] and answers[0]["upstream"][0]["from_name"] == "感染者1"


def test_focus_query_and_export_resolve_an_alias_alike(tmp_path):
    path = write_json(aliased(), tmp_path / "g.json")
    runner = CliRunner()
    result = runner.invoke(cli, ["query", str(path), "chain", "一号感染者", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["case"]["id"] == "case:北京:感染者1"
    result = runner.invoke(cli, ["view", str(path), "--focus", "一号感染者", "-o",
                                 str(tmp_path / "page.html")])
    assert result.exit_code == 0, result.output
    assert "around 感染者1" in (tmp_path / "page.html").read_text(encoding="utf-8")
    result = runner.invoke(cli, ["export", str(path), "-f", "csv", "-o", str(tmp_path / "x")])
    assert result.exit_code == 0 and (tmp_path / "x" / "cases.csv").exists()


def test_a_file_that_is_not_a_graph_is_one_store_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2", encoding="utf-8")
    with pytest.raises(StoreError, match="not a casegraph graph"):
        casegraph.open_store(bad).load()
