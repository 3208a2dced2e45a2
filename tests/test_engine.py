"""Engines: --jobs N and Dask give the very graph of one process; batches, windows, streaming.

The documents are tiny bulletins written here (the real extractor runs in the workers, where
a test's stand-in would not reach): a city's running labels told again in later bulletins,
a daily list, places and a quarantine hub shared by many bulletins, so that fragments of
different batches meet and must be merged, not just put side by side.
"""
from __future__ import annotations

import gc
import json
from pathlib import Path

import networkx as nx
import pytest

from casegraph.pipeline import build
from casegraph.pipeline.steps import BATCH_DOCUMENTS, Batch, batched, process_batch
from casegraph.cli import cli
from casegraph.document import Document
from casegraph.pipeline.engines import LocalEngine, default_jobs, engine
from casegraph.errors import InputError
from casegraph.io import write_chunks_atomic
from casegraph.merge import Merger, fragment, merge
from casegraph.store import Store, dumps, iter_dumps

STREETS = ["东木樨园", "西罗园", "马家堡", "角门", "洋桥", "大红门"]
DISTRICTS = ["丰台区", "朝阳区", "海淀区"]


def bulletin(i: int) -> dict:
    """Bulletin ``i``: Beijing's running labels (some told again), or a Shanghai daily list."""
    day = 1 + i % 28
    if i % 3 == 2:
        text = (f"4月{day}日0—24时，新增本土确诊病例2例。病例1，女，{20 + i % 50}岁，居住于"
                f"徐汇区{STREETS[i % 6]}路{i % 9 + 1}号。病例2，男，{30 + i % 40}岁，居住于"
                f"浦东新区，在隔离管控中发现。均已转运至定点医疗机构。")
        return {"id": f"sh{i:03d}", "city": "上海", "date": f"2022-04-{day:02d}", "text": text}
    label, earlier = i + 100, i // 2 + 100
    text = (f"感染者{label}：现住{DISTRICTS[i % 3]}{STREETS[i % 6]}{i % 4 + 1}号楼。"
            f"4月{day}日作为感染者{earlier}的密切接触者进行集中隔离，期间核酸检测阳性。"
            f"感染者{earlier}：现住{STREETS[(i + 1) % 6]}小区，曾到访{STREETS[i % 6]}超市。")
    return {"id": f"bj{i:03d}", "city": "北京", "date": f"2022-04-{day:02d}", "text": text}


def corpus(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "bulletins.jsonl"
    path.write_text("".join(json.dumps(bulletin(i), ensure_ascii=False) + "\n"
                            for i in range(count)), encoding="utf-8")
    return path


def graph_bytes(out: Path) -> bytes:
    return (out / "graph.json").read_bytes()


def run(source: Path, out: Path, **kwargs):
    return build([source], out, formats=[], html=False, **kwargs)


@pytest.fixture(scope="module")
def single(tmp_path_factory) -> tuple[Path, bytes]:
    """A corpus and its graph built in this process, one document after another."""
    folder = tmp_path_factory.mktemp("engine")
    source = corpus(folder / "in", 24)
    report = run(source, folder / "one", batch_size=1, mapper=LocalEngine(1))
    assert len(report.added) == 24 and not report.errors
    return source, graph_bytes(folder / "one")


def test_the_corpus_makes_batches_meet(single):
    """Guard: the test corpus has people and places told in several bulletins."""
    G = Store(single[0].parent.parent / "one").load()
    shared = [n for n, d in G.nodes(data=True) if len({s["doc"] for s in d["sources"]}) > 1]
    assert any(n.startswith("case:北京:感染者") for n in shared)
    assert any(n.startswith("facility:") for n in shared)
    assert any(n.startswith("location:") for n in shared)


@pytest.mark.parametrize("batch_size", [1, 5, 1000])
def test_batches_of_any_size_give_the_same_graph(tmp_path, single, batch_size):
    source, expected = single
    run(source, tmp_path / "out", batch_size=batch_size)
    assert graph_bytes(tmp_path / "out") == expected


@pytest.mark.slow
def test_two_processes_give_the_graph_of_one_byte_for_byte(tmp_path, single):
    source, expected = single
    report = run(source, tmp_path / "two", batch_size=3, mapper=LocalEngine(2))
    assert len(report.added) == 24
    assert graph_bytes(tmp_path / "two") == expected
    assert gc.get_freeze_count() == 0  # the build leaves the collector as it found it


@pytest.mark.slow
def test_cli_jobs_2_equals_jobs_1(tmp_path, runner):
    source = corpus(tmp_path / "in", BATCH_DOCUMENTS + 8)  # two batches: the pool runs
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"j{jobs}"
        result = runner.invoke(cli, ["build", str(source), "-o", str(out), "--jobs", jobs,
                                     "--format", "none", "--no-html"])
        assert result.exit_code == 0, result.output
        outs.append(graph_bytes(out))
    assert outs[0] == outs[1]


@pytest.mark.slow
def test_incremental_build_with_jobs_equals_one_build(tmp_path, single):
    source, expected = single
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text("".join(lines[::2]), encoding="utf-8")
    second.write_text("".join(lines[1::2]), encoding="utf-8")
    run(first, tmp_path / "out", batch_size=2, mapper=LocalEngine(2))
    report = run(second, tmp_path / "out", batch_size=2, mapper=LocalEngine(2))
    assert len(report.added) == 12
    assert graph_bytes(tmp_path / "out") == expected


def test_a_long_build_checkpoints_and_a_killed_one_resumes_to_the_same_graph(tmp_path, single):
    source, expected = single

    def killed(function, items):  # an engine whose build dies at its fourth batch
        for i, item in enumerate(items):
            if i == 3:
                raise KeyboardInterrupt
            yield function(item)

    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        run(source, out, batch_size=2, mapper=killed, checkpoint_seconds=0)
    assert 0 < len(Store(out).load().graph["documents"]) <= 6
    assert not list(out.glob(".*.tmp"))  # the build's work file went with it
    report = run(source, out)
    assert len(report.added) >= 18 and graph_bytes(out) == expected


def test_local_engine_keeps_order_and_holds_a_bounded_window():
    pulled = []

    def items():
        for i in range(40):
            pulled.append(i)
            yield -i

    seen = []
    for value in LocalEngine(2)(abs, items()):
        seen.append(value)
        assert len(pulled) - len(seen) <= 2 * 2  # never the whole input at once
    assert seen == list(range(40))


def test_engine_by_name_and_its_usage_errors(runner, tmp_path):
    assert engine("local", jobs=3).jobs == 3 and default_jobs() >= 1
    with pytest.raises(ValueError, match="dask engine"):
        engine("local", scheduler="tcp://127.0.0.1:8786")
    with pytest.raises(ValueError, match="unknown engine"):
        engine("spark")
    source = corpus(tmp_path / "in", 2)
    for args in (["--scheduler", "tcp://127.0.0.1:1"], ["--jobs", "0"], ["--engine", "spark"]):
        result = runner.invoke(cli, ["build", str(source), "-o", str(tmp_path / "o"), *args])
        assert result.exit_code == 2, (args, result.output)


def test_process_batch_keeps_errors_in_place_and_no_graph_per_document(monkeypatch):

    def flaky(doc: Document) -> nx.MultiDiGraph:
        if doc.id == "bad":
            raise RuntimeError("boom")
        G = nx.MultiDiGraph(doc=doc.id, city="北京", date="2022-04-14")
        G.add_node("facility:集中隔离点", type="facility", name="集中隔离点",
                   sources=[{"doc": doc.id, "start": 0, "end": 2}])
        return G

    monkeypatch.delenv("CASEGRAPH_DEBUG", raising=False)
    docs = [Document(i, "隔离", "北京", "2022-04-14") for i in ("a", "bad", "b")]
    batch = process_batch(docs, extractor=flaky)
    assert isinstance(batch, Batch) and isinstance(batch.results[1], InputError)
    assert [r.doc for r in batch.results if not isinstance(r, InputError)] == ["a", "b"]
    assert all(r.graph is None for r in batch.results if not isinstance(r, InputError))
    node = batch.graph.nodes["facility:北京:集中隔离点"]
    assert [s["doc"] for s in node["sources"]] == ["a", "b"]


def test_batched_caps_documents_and_text():
    docs = [Document(str(i), "字" * 400) for i in range(10)]
    assert [len(b) for b in batched(docs, size=4)] == [4, 4, 2]
    assert [len(b) for b in batched(docs, size=100, chars=1000)] == [2, 2, 2, 2, 2]
    assert [len(b) for b in batched(docs, size=100, chars=10)] == [1] * 10  # one always fits


def test_a_hub_told_in_every_batch_merges_as_one_document_at_a_time():
    """Fragments folded into a large graph equal documents merged one by one."""
    graphs = []
    for i in range(30):
        G = nx.MultiDiGraph(doc=f"d{i}", city="上海", date=f"2022-04-{1 + i % 28:02d}")
        src = [{"doc": f"d{i}", "start": 0, "end": 9}]
        G.add_node("case:病例1", type="case", name="病例1", sources=src, age=20 + i)
        G.add_node("facility:集中隔离点", type="facility", name="集中隔离点", sources=src)
        G.add_node(f"location:X路{i % 4}号", type="location", name=f"X路{i % 4}号", sources=src)
        G.add_edge("case:病例1", "facility:集中隔离点", key="isolated_at",
                   relation="isolated_at", sources=src)
        G.add_edge("case:病例1", f"location:X路{i % 4}号", key="resides_at",
                   relation="resides_at", sources=src)
        graphs.append(G)
    one_by_one = Merger()
    for G in graphs:
        one_by_one.add_document_graph(G)
    folded = Merger()
    for start in range(0, 30, 7):
        part = Merger()
        for G in graphs[start:start + 7]:
            part.add_document_graph(G)
        folded.add(part.graph)
    assert dumps(folded.graph) == dumps(one_by_one.graph)
    tree = merge(merge(*map(fragment, graphs[:13])), merge(*map(fragment, graphs[13:])))
    assert dumps(tree) == dumps(one_by_one.graph)


def test_the_store_is_written_in_chunks_and_a_failure_leaves_the_old_one(tmp_path):
    G = nx.MultiDiGraph(documents={})
    for i in range(5000):
        G.add_node(f"case:{i}", type="case", name=str(i))
    chunks = list(iter_dumps(G))
    assert len(chunks) > 3 and b"".join(chunks) == dumps(G)
    json.loads(b"".join(chunks))
    target = tmp_path / "graph.json"
    target.write_bytes(b"old")

    def broken():
        yield b"new"
        raise ValueError("cannot encode")

    with pytest.raises(ValueError):
        write_chunks_atomic(target, broken())
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["graph.json"]


# --- Dask ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip(
        "dask.distributed", reason="Dask is not installed (pip install 'casegraph[dask]')")
    import logging

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=logging.ERROR) as local:
        yield local


@pytest.mark.slow
@pytest.mark.parametrize("folds", [8, 1, 2])
def test_dask_local_cluster_builds_the_single_process_graph(tmp_path, single, cluster, folds,
                                                            monkeypatch):
    """Whether the workers hand their graphs over at the end or every few batches."""
    import casegraph.pipeline.engines

    monkeypatch.setattr(casegraph.pipeline.engines, "FOLDS_PER_GRAPH", folds)
    source, expected = single
    report = run(source, tmp_path / "dask", batch_size=2,
                 mapper=engine("dask", scheduler=cluster.scheduler_address))
    assert len(report.added) == 24 and not report.errors
    assert graph_bytes(tmp_path / "dask") == expected
    lookup = Store(tmp_path / "dask").evidence().lookup(Store(tmp_path / "dask").load())
    G = Store(tmp_path / "dask").load()
    assert all(lookup(s) for _n, d in G.nodes(data=True) for s in d["sources"])


@pytest.mark.slow
def test_cli_engine_dask_with_a_scheduler_address(tmp_path, single, cluster, runner):
    source, expected = single
    out = tmp_path / "cli"
    result = runner.invoke(cli, ["build", str(source), "-o", str(out), "--engine", "dask",
                                 "--scheduler", cluster.scheduler_address,
                                 "--format", "none", "--no-html"])
    assert result.exit_code == 0, result.output
    assert graph_bytes(out) == expected


@pytest.mark.slow
def test_dask_unreachable_scheduler_is_a_one_line_error(tmp_path, cluster, runner):
    from casegraph.pipeline.engines import DaskEngine, EngineError

    source = corpus(tmp_path / "in", 2)
    with pytest.raises(EngineError, match="cannot reach the Dask scheduler"):
        run(source, tmp_path / "o", mapper=DaskEngine("tcp://127.0.0.1:9", timeout=1))


# --- the packed graph a build holds ------------------------------------------------------------

def random_documents(seed: int, count: int) -> list[nx.MultiDiGraph]:
    """Per-document graphs drawn from few labels and places, so that they meet often."""
    import random

    rnd = random.Random(seed)
    graphs = []
    for i in range(count):
        city = rnd.choice(["北京", "上海"])
        date = f"2022-0{rnd.randint(1, 4)}-{rnd.randint(10, 28)}"
        G = nx.MultiDiGraph(doc=f"d{i}", city=city, date=date, date_source="given")
        src = [{"doc": f"d{i}", "start": i, "end": i + 5}]
        labels = rnd.sample(["感染者1", "感染者2", "病例1", "病例2", "1月20日病例1"], 2)
        for label in labels:
            G.add_node(f"case:{label}", type="case", name=label, sources=src,
                       **rnd.choice([{}, {"age": 30}, {"age": 50}, {"sex": "F"}]))
        place = rnd.choice(["X小区", "丰台区X小区", "Y大厦", "集中隔离点"])
        G.add_node(f"location:{place}", type="location", name=place, sources=src)
        G.add_edge(f"case:{labels[0]}", f"location:{place}", key="visited", relation="visited",
                   sources=src, date=date)
        G.add_edge(f"case:{labels[0]}", f"case:{labels[1]}", key="close_contact",
                   relation="close_contact", sources=src)
        graphs.append(G)
    return graphs


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("kind", ["packed", "disk"])
def test_merging_into_an_encoded_graph_equals_merging_into_networkx(seed, kind, tmp_path):
    from casegraph.store import DiskGraph, PackedGraph

    graphs = random_documents(seed, 40)
    encoded = PackedGraph() if kind == "packed" else DiskGraph(tmp_path / "work.tmp")
    plain, packed = Merger(), Merger(encoded)
    for start in range(0, 40, 6):
        part = Merger(PackedGraph() if start % 18 else None)  # fragments of either kind
        for G in graphs[start:start + 6]:
            part.add_document_graph(G)
            if start % 12:  # these one document at a time,
                packed.add_document_graph(G)
        if not start % 12:  # those as a fragment
            packed.add(part.graph)
        plain.add(part.graph)
    assert dumps(packed.graph) == dumps(plain.graph)
    gone = [f"d{i}" for i in range(0, 40, 7)]
    plain.remove_documents(gone)
    packed.remove_documents(gone)
    assert dumps(packed.graph) == dumps(plain.graph)
    assert dumps(packed.graph.to_networkx()) == dumps(plain.graph)
    if kind == "disk":
        encoded.close()
        assert not (tmp_path / "work.tmp").exists()


def test_packed_graph_edges_stay_right_through_removals_and_readds():
    from casegraph.store import PackedGraph

    P = PackedGraph()
    for node in "abc":
        P.add_node(node, type="case")
    P.add_edge("a", "b", key="close_contact", relation="close_contact", n=1)
    P.add_edge("c", "b", key="close_contact", relation="close_contact")
    P.remove_edge("a", "b", "close_contact")
    P.add_edge("a", "b", key="close_contact", relation="close_contact", n=2)
    assert P.in_edges("b", data=True) == [
        ("a", "b", {"relation": "close_contact", "n": 2}),
        ("c", "b", {"relation": "close_contact"})]
    P.remove_node("c")
    assert P.in_edges("b") == [("a", "b")] and P.out_edges("a") == [("a", "b")]
    assert P.number_of_edges() == 1 and "c" not in P
    P.add_node("a", type="contact")  # adding again replaces, edges stay
    assert P.nodes["a"] == {"type": "contact"} and P.has_edge("a", "b", "close_contact")
    assert dumps(PackedGraph.from_networkx(P.to_networkx())) == dumps(P)


@pytest.mark.parametrize("seed", range(4))
def test_documents_merged_at_once_equal_documents_merged_one_by_one(seed):
    graphs = random_documents(seed, 30)
    one_by_one, at_once = Merger(), Merger()
    for G in graphs:
        one_by_one.add_document_graph(G)
    at_once.add_document_graphs(graphs)
    assert dumps(at_once.graph) == dumps(one_by_one.graph)


def place_documents(seed: int, count: int) -> list[nx.MultiDiGraph]:
    """Bulletins naming a few places over and over, under several spellings, with facts
    that agree or not (the district among them), some a day apart, some undated."""
    import random

    rnd = random.Random(seed)
    spellings = [("location", "X小区"), ("location", "丰台区X小区"), ("location", "朝阳区X小区"),
                 ("location", "Y大厦"), ("facility", "集中隔离点"), ("facility", "定点医院")]
    graphs = []
    for i in range(count):
        date = rnd.choice([None, "2022-04-01", "2022-04-02", f"2022-04-{10 + i % 9}"])
        G = nx.MultiDiGraph(doc=f"p{i:02d}", city=rnd.choice(["北京", "北京", "上海"]), date=date)
        for j, (ptype, name) in enumerate(rnd.sample(spellings, rnd.randint(1, 3))):
            facts = rnd.choice([{}, {"kind": "residence"}, {"kind": "market"},
                                {"cases": rnd.randint(1, 3)}, {"case_site": True},
                                {"district": rnd.choice(["丰台区", "朝阳区"])}])
            G.add_node(f"{ptype}:{name}", type=ptype, name=name,
                       sources=[{"doc": f"p{i:02d}", "start": 3 * j, "end": 3 * j + 2}], **facts)
        G.add_node("case:感染者1", type="case", name="感染者1",
                   sources=[{"doc": f"p{i:02d}", "start": 0, "end": 1}])
        for node in list(G.nodes)[:-1]:
            G.add_edge("case:感染者1", node, key="visited", relation="visited",
                       sources=[{"doc": f"p{i:02d}", "start": 0, "end": 1}])
        graphs.append(G)
    return graphs


@pytest.mark.parametrize("seed", range(12))
def test_places_joined_without_a_rebuild_equal_places_rebuilt(seed, monkeypatch):
    """The merge's shortcut for new mentions of a known place gives the very node that
    resolving all the place's mentions again gives."""
    graphs = place_documents(seed, 24)
    results = []
    for appending in (False, True):
        monkeypatch.setattr(Merger, "appending", appending)
        one, grouped = Merger(), Merger()
        for G in graphs:
            one.add_document_graph(G)
        for start in range(0, 24, 5):
            part = Merger()
            part.add_document_graphs(graphs[start:start + 5])
            grouped.add(part.graph)
        results += [dumps(one.graph), dumps(grouped.graph)]
        for G in graphs[::3]:  # documents given again change nothing
            grouped.add_document_graph(G)
        results.append(dumps(grouped.graph))
    assert len(set(results)) == 1


def merged_in_a_random_tree(graphs: list[nx.MultiDiGraph], rnd) -> nx.MultiDiGraph:
    """Merge ``graphs`` (kept in order) by a random grouping: merge(a, merge(b, c)) and
    merge(merge(a, b), c) alike."""
    if len(graphs) == 1 or rnd.random() < 0.2:
        whole = Merger()
        for G in graphs:
            whole.add_document_graph(G)
        return whole.graph
    cut = rnd.randint(1, len(graphs) - 1)
    left = Merger(merged_in_a_random_tree(graphs[:cut], rnd))
    left.add(merged_in_a_random_tree(graphs[cut:], rnd))
    return left.graph


@pytest.mark.parametrize("seed", range(8))
def test_merge_is_associative(seed):
    """Any grouping of the same documents, in the same order, gives the same graph."""
    import random

    rnd = random.Random(seed)
    graphs = random_documents(seed, 16) + place_documents(seed, 16)
    rnd.shuffle(graphs)
    one = Merger()
    for G in graphs:
        one.add_document_graph(G)
    for _ in range(3):
        assert dumps(merged_in_a_random_tree(graphs, rnd)) == dumps(one.graph)


def test_a_documents_graph_is_freed_without_the_collector():
    """The build reads with the cycle collector paused: a document's graph must go as soon
    as the merge lets go of it."""
    import weakref

    import casegraph
    from casegraph.pipeline.steps import _break_view_cycles

    G = casegraph.extract("感染者1：现住丰台区东木樨园14号楼，4月4日作为感染者96的密切接触者集中隔离。",
                          city="北京", date="2022-04-14")
    list(G.edges(data=True)), G.in_edges, G.out_edges  # the views a reader caches
    ref = weakref.ref(G)
    gc.disable()
    try:
        _break_view_cycles(G)
        del G
        assert ref() is None
    finally:
        gc.enable()
