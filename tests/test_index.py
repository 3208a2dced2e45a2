"""The store's query index answers every query as graph.json does, and is never used stale."""
from __future__ import annotations

import json
import os

import networkx as nx
import pytest

from casegraph import query as q
from casegraph.pipeline import build
from casegraph.errors import QueryError
from casegraph.pipeline.save import write_index
from casegraph.query import IndexBackend
from casegraph.store.index import INDEX_FILE, open_index
from casegraph.store import DiskGraph, Store, open_store

from test_query import G as query_graph  # noqa: F401  (the fixture)


@pytest.fixture(scope="module")
def stores(query_graph, tmp_path_factory):  # noqa: F811
    """The query tests' graph as a store with its index: (graph.json loaded, the index)."""
    root = tmp_path_factory.mktemp("store")
    store = Store(root)
    work = DiskGraph.from_networkx(query_graph, root / ".graph.json.work.tmp")
    store.save(work)
    write_index(work, root)
    index = open_index(root)
    assert index is not None
    return store.load(), index


def same(a, b):
    assert json.dumps(a.to_dict(), sort_keys=True) == json.dumps(b.to_dict(), sort_keys=True)


def agree(query, G, index, *args, **kwargs):
    """``query`` gives the same answer on both graphs, or fails on both."""
    try:
        expected = query(G, *args, **kwargs)
    except QueryError:
        with pytest.raises(QueryError):
            query(index, *args, **kwargs)
        return
    same(expected, query(index, *args, **kwargs))


CASES = ["感染者1", "感染者2", "感染者3", "感染者4", "患者1"]
PLACES = ["Y超市", "丰台区", "X小区1号楼", "丰台区东铁匠营街道X小区1号楼", "东铁匠营街道", "定点医院",
          "海淀区"]


def test_every_query_on_the_index_equals_the_query_on_graph_json(stores):
    G, index = stores
    assert index.number_of_nodes() == G.number_of_nodes()
    assert index.number_of_edges() == G.number_of_edges()
    assert index.graph == G.graph
    for case in CASES:
        same(q.chain(G, case), q.chain(index, case))
        same(q.timeline(G, case), q.timeline(index, case))
        for hops in (0, 1, 2, 3):
            same(q.ego(G, case, hops), q.ego(index, case, hops))
    for name in PLACES:
        for city in (None, "北京", "淮安"):
            agree(q.place, G, index, name, city)
    for a, b in [("感染者1", "感染者3"), ("感染者1", "感染者4"), ("感染者4", "感染者9")]:
        for relations in (None, ["close_contact"]):
            try:
                expected = q.path(G, a, b, relations)
            except QueryError:
                with pytest.raises(QueryError):
                    q.path(index, a, b, relations)
                continue
            assert len(q.path(index, a, b, relations).steps) == len(expected.steps)
    same(q.clusters(G), q.clusters(index))
    same(q.clusters(G, min_size=1, window_days=3), q.clusters(index, min_size=1, window_days=3))
    same(q.stats(G), q.stats(index))
    same(q.stats(G, top=2), q.stats(index, top=2))
    for text in ["感染者", "Y超", "定点", "感染者1", "超市Y", "完全无关"]:
        agree(q.find, G, index, text)
        agree(q.find, G, index, text, types=["location"])
        agree(q.find, G, index, text, limit=2)


def test_a_name_the_index_does_not_hold_is_answered_with_near_matches(stores):
    _G, index = stores
    with pytest.raises(QueryError, match="did you mean: 感染者"):
        q.chain(index, "感染者7")
    with pytest.raises(QueryError, match="names 2 facility/locations"):
        q.resolve(index, "定点医院", ["facility", "location"])


def test_the_around_graph_is_the_ego_graph(stores):
    G, index = stores
    H = index.around("case:北京:感染者1", 2)
    keep = nx.single_source_shortest_path_length(G.to_undirected(as_view=True),
                                                 "case:北京:感染者1", cutoff=2)
    assert sorted(H.nodes) == sorted(keep)
    assert sorted(H.edges(keys=True)) == sorted(G.subgraph(keep).edges(keys=True))


SEED = "感染者1：现住丰台区东木樨园14号楼，4月10日诊断。感染者2：现住丰台区东木樨园14号楼，系感染者1的密切接触者。"
MORE = "感染者3：现住朝阳区Z小区，4月12日作为感染者2的密切接触者集中隔离。"


def test_a_build_keeps_an_index_and_the_next_build_starts_from_it(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "d1.txt").write_text(SEED, encoding="utf-8")
    out = tmp_path / "out"
    build([tmp_path / "in"], out, city="北京", date="2022-04-14", formats=[], html=False)
    assert open_index(out) is not None
    (tmp_path / "in" / "d2.txt").write_text(MORE, encoding="utf-8")
    build([tmp_path / "in"], out, city="北京", date="2022-04-14", formats=[], html=False)
    again = tmp_path / "again"
    build([tmp_path / "in"], again, city="北京", date="2022-04-14", formats=[], html=False)
    assert (out / "graph.json").read_bytes() == (again / "graph.json").read_bytes()
    index = open_index(out)
    assert index is not None and index.number_of_nodes() == Store(again).load().number_of_nodes()
    same(q.chain(index, "感染者3"), q.chain(Store(again).load(), "感染者3"))
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_an_index_not_made_from_the_graph_json_there_is_not_used(tmp_path):
    (tmp_path / "d1.txt").write_text(SEED, encoding="utf-8")
    out = tmp_path / "out"
    build([tmp_path / "d1.txt"], out, city="北京", date="2022-04-14", formats=[], html=False)
    graph = out / "graph.json"
    data = json.loads(graph.read_text(encoding="utf-8"))
    data["nodes"] = [n for n in data["nodes"] if n["name"] != "感染者2"]
    data["edges"] = [e for e in data["edges"] if "感染者2" not in e["source"] + e["target"]]
    graph.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")  # by hand
    assert open_index(out) is None
    with pytest.raises(QueryError):  # the query reads graph.json, which lost 感染者2
        q.chain(open_store(out).graph, "感染者2")
    # and the next build neither trusts it nor keeps it: it starts from graph.json
    os.utime(graph)
    build([tmp_path / "d1.txt"], out, city="北京", date="2022-04-14", formats=[], html=False)
    assert open_index(out) is not None and (out / INDEX_FILE).exists()


def test_a_focus_page_reads_the_neighbourhood_from_the_index(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from casegraph.cli import cli
    from casegraph.store import Store as TheStore

    (tmp_path / "d1.txt").write_text(SEED + MORE, encoding="utf-8")
    out = tmp_path / "out"
    build([tmp_path / "d1.txt"], out, city="北京", date="2022-04-14", formats=[], html=False)
    G = TheStore(out).load()
    near = len(nx.ego_graph(G.to_undirected(), q.resolve(G, "感染者3"), 1))
    monkeypatch.setattr(TheStore, "load", lambda self: pytest.fail("graph.json was loaded"))
    result = CliRunner().invoke(cli, ["view", str(out), "--focus", "感染者3", "--hops", "1",
                                      "--via", "all", "-o", str(tmp_path / "page.html")])
    assert result.exit_code == 0, result.output
    assert "感染者3" in (tmp_path / "page.html").read_text(encoding="utf-8")
    assert f"({near} nodes" in result.output
    result = CliRunner().invoke(cli, ["query", str(out), "chain", "感染者3", "--json"])
    assert result.exit_code == 0 and "感染者2" in result.output


def test_find_on_a_large_index_scores_only_candidates_and_finds_the_same(stores, monkeypatch):
    import casegraph.query.backends as backends_module

    G, index = stores
    monkeypatch.setattr(backends_module, "FULL_SCAN_NAMES", 0)  # as on an index of millions
    assert IndexBackend(index).find_candidates("X小区", 20) is not None
    for text in ["感染者", "Y超", "定点", "感染者1", "超市Y", "X小区1号楼", "丰台", "完全无关"]:
        agree(q.find, G, index, text)
        agree(q.find, G, index, text, types=["location"])
    # a near match (one character wrong) comes from the text's rarest characters
    assert q.find(index, "X小区1号院").matches[0]["name"] == q.find(G, "X小区1号院").matches[0]["name"]
    with pytest.raises(QueryError):
        q.find(index, "完全无关")


@pytest.mark.slow
def test_an_index_written_by_two_processes_is_the_same(query_graph, tmp_path):  # noqa: F811
    answers = []
    for processes in (1, 2):
        root = tmp_path / str(processes)
        root.mkdir()
        work = DiskGraph.from_networkx(query_graph, root / ".graph.json.work.tmp")
        Store(root).save(work)
        write_index(work, root, processes=processes)
        assert sorted(p.name for p in root.iterdir() if "index" in p.name) == [INDEX_FILE]
        index = open_index(root)
        lookups = IndexBackend(index)
        answers.append([lookups.summary("clusters"), lookups.summary("stats"),
                        sorted(lookups.named("X小区1号楼", None))])
        index.close()
    assert answers[0] == answers[1]
    assert answers[0][0] is not None
