"""The build pipeline: incremental, idempotent, --rebuild, bad input, locks and crashes.

The extractor is replaced by a stand-in that reads a graph spelt out in the document
itself (one ``type name [attr=value ...] [-> relation other-type other-name]`` a line), so
these tests depend on the pipeline alone.
"""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

import casegraph
from casegraph.pipeline import build, document_hash, process_document
from casegraph.document import Document
from casegraph.errors import StoreError
from casegraph.store import Store


def spelt_graph(doc: Document) -> nx.MultiDiGraph:
    """A per-document graph read from lines such as ``case 感染者1 age=30 -> resides_at
    location X小区``; each line is the evidence sentence of what it states."""
    G = nx.MultiDiGraph(doc=doc.id, city=doc.city, date=doc.date, date_source="given")
    offset = 0
    for line in doc.text.splitlines(keepends=True):
        span = {"doc": doc.id, "start": offset, "end": offset + len(line.rstrip("\n"))}
        offset += len(line)
        head, _, tail = line.strip().partition(" -> ")
        if not head:
            continue
        ntype, name, *attrs = head.split()
        node = f"{ntype}:{name}"
        values = {k: int(v) if v.isdigit() else v for k, v in (a.split("=") for a in attrs)}
        if node in G:
            G.nodes[node]["sources"].append(span)
        else:
            G.add_node(node, type=ntype, name=name, sources=[span], **values)
        if tail:
            relation, otype, oname = tail.split()
            other = f"{otype}:{oname}"
            if other not in G:
                G.add_node(other, type=otype, name=oname, sources=[span])
            G.add_edge(node, other, key=relation, relation=relation, sources=[span])
    return G


SEEN: list[str] = []  #: the documents :func:`spelt_extractor` was given


def spelt_extractor(doc: Document) -> nx.MultiDiGraph:
    """The stand-in extractor :func:`run` passes to the build (module level: picklable)."""
    SEEN.append(doc.id)
    return spelt_graph(doc)


@pytest.fixture
def spelt() -> list[str]:
    SEEN.clear()
    return SEEN


def bulletins(folder: Path, docs: dict[str, tuple[str, str, str]]) -> Path:
    """Write ``{id: (city, date, text)}`` as one JSONL file in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({"id": i, "city": c, "date": d, "text": t}, ensure_ascii=False)
             for i, (c, d, t) in docs.items()]
    path = folder / "bulletins.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


DAY1 = {"b1": ("北京", "2022-04-14",
               "case 感染者1 age=30 -> resides_at location 丰台区X小区\n"
               "case 感染者2 -> visited location Y超市\n")}
DAY2 = {"b2": ("北京", "2022-04-15",
               "case 感染者2 sex=F -> resides_at location X小区\n"
               "case 感染者1 -> close_contact case 感染者2\n")}


def run(inputs, out, **kwargs):
    kwargs.setdefault("formats", [])
    kwargs.setdefault("html", False)
    kwargs.setdefault("extractor", spelt_extractor)
    return build([str(i) for i in inputs], out, **kwargs)


def test_build_merges_documents_into_one_store(tmp_path, spelt):
    src = bulletins(tmp_path / "in", {**DAY1, **DAY2})
    report = run([src], tmp_path / "out")
    assert report.added == ["b1", "b2"] and report.written
    G = Store(tmp_path / "out").load()
    assert sorted(G.graph["documents"]) == ["b1", "b2"]
    assert G.graph["documents"]["b1"]["sha256"] == document_hash(
        Document("b1", DAY1["b1"][2], "北京", "2022-04-14"))
    assert G.nodes["case:北京:感染者2"]["sex"] == "F"
    assert G.has_edge("case:北京:感染者2", "location:北京:X小区", "resides_at")
    assert [s["doc"] for s in G.nodes["location:北京:X小区"]["sources"]] == ["b1", "b2"]


def test_adding_a_folder_extracts_only_unseen_documents(tmp_path, spelt):
    out = tmp_path / "out"
    run([bulletins(tmp_path / "day1", DAY1)], out)
    spelt.clear()
    report = run([bulletins(tmp_path / "day1", DAY1), bulletins(tmp_path / "day2", DAY2)], out)
    assert spelt == ["b2"]
    assert (report.added, report.unchanged) == (["b2"], 1)


def test_incremental_equals_rebuild_and_building_twice_changes_nothing(tmp_path, spelt):
    day1, day2 = bulletins(tmp_path / "day1", DAY1), bulletins(tmp_path / "day2", DAY2)
    run([day1], tmp_path / "inc")
    run([day2], tmp_path / "inc")
    run([day2, day1], tmp_path / "full")
    incremental = (tmp_path / "inc" / "graph.json").read_bytes()
    assert incremental == (tmp_path / "full" / "graph.json").read_bytes()
    spelt.clear()
    again = run([day1, day2], tmp_path / "inc")
    assert spelt == [] and not again.written
    assert (tmp_path / "inc" / "graph.json").read_bytes() == incremental
    rebuilt = run([day1, day2], tmp_path / "inc", rebuild=True)
    assert rebuilt.added == ["b1", "b2"]
    assert (tmp_path / "inc" / "graph.json").read_bytes() == incremental


def test_rebuild_starts_over(tmp_path, spelt):
    out = tmp_path / "out"
    run([bulletins(tmp_path / "day1", DAY1)], out)
    run([bulletins(tmp_path / "day2", DAY2)], out, rebuild=True)
    assert sorted(Store(out).load().graph["documents"]) == ["b2"]


def test_a_document_whose_text_changed_replaces_its_old_version(tmp_path, spelt):
    out = tmp_path / "out"
    run([bulletins(tmp_path / "v1", DAY1)], out)
    fixed = {"b1": ("北京", "2022-04-14", "case 感染者1 age=31\n")}
    report = run([bulletins(tmp_path / "v2", fixed)], out)
    assert report.replaced == ["b1"]
    G = Store(out).load()
    assert G.nodes["case:北京:感染者1"]["age"] == 31
    assert "case:北京:感染者2" not in G and "location:北京:X小区" not in G


def test_bad_documents_are_reported_and_the_rest_built(tmp_path, spelt):
    src = bulletins(tmp_path / "in", DAY1)
    (src / "broken.jsonl").write_text('{"id": "x", "text": \n', encoding="utf-8")
    errors = []
    report = run([src], tmp_path / "out", on_error=errors.append)
    assert report.added == ["b1"]
    assert len(errors) == 1 and "broken.jsonl:1" in str(errors[0])


def test_evidence_sentences_of_every_source_are_retrievable(tmp_path, spelt):
    out = tmp_path / "out"
    run([bulletins(tmp_path / "in", {**DAY1, **DAY2})], out)
    store = Store(out)
    G = store.load()
    lookup = store.evidence().lookup(G)
    edge = G.edges["case:北京:感染者1", "case:北京:感染者2", "close_contact"]
    assert [lookup(s) for s in edge["sources"]] == ["case 感染者1 -> close_contact case 感染者2"]
    for _node, data in G.nodes(data=True):
        assert all(lookup(s) for s in data["sources"])


def test_process_document_keeps_no_text(spelt):
    result = process_document(Document("d", "case 病例1\n", "上海", "2022-04-01"),
                              spelt_extractor)
    assert result.sentences == {(0, 8): "case 病例1"}
    assert result.graph.graph["sha256"] == result.sha256


def test_a_corrupt_store_is_never_overwritten(tmp_path, spelt):
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.json").write_text('{"nodes": [', encoding="utf-8")
    with pytest.raises(StoreError, match="corrupt store"):
        run([bulletins(tmp_path / "in", DAY1)], out)
    assert (out / "graph.json").read_text(encoding="utf-8") == '{"nodes": ['
    assert spelt == []
    run([bulletins(tmp_path / "in", DAY1)], out, rebuild=True)  # said out loud: allowed
    assert Store(out).load().graph["documents"]


def test_a_locked_store_fails_clearly_with_no_wait(tmp_path, spelt):
    out = tmp_path / "out"
    with Store(out).lock():
        with pytest.raises(StoreError, match="another casegraph build"):
            run([bulletins(tmp_path / "in", DAY1)], out, wait=False)


def test_a_crash_before_the_commit_leaves_the_previous_store(tmp_path, spelt, monkeypatch):
    out = tmp_path / "out"
    run([bulletins(tmp_path / "day1", DAY1)], out)
    before = (out / "graph.json").read_bytes()

    def crash(self, G):
        raise KeyboardInterrupt  # the process dies here, before graph.json is replaced

    monkeypatch.setattr(Store, "save", crash)
    with pytest.raises(KeyboardInterrupt):
        run([bulletins(tmp_path / "day2", DAY2)], out)
    monkeypatch.undo()
    assert (out / "graph.json").read_bytes() == before
    run([bulletins(tmp_path / "day2", DAY2)], out)
    run([bulletins(tmp_path / "all", {**DAY1, **DAY2})], tmp_path / "clean")
    assert (out / "graph.json").read_bytes() == (tmp_path / "clean" / "graph.json").read_bytes()


def test_build_writes_exports_and_page_through_the_hook(tmp_path, spelt):
    out = tmp_path / "out"
    run([bulletins(tmp_path / "in", DAY1)], out, formats=["csv"], html=True)
    assert (out / "cases.csv").exists() and (out / "graph.html").exists()
    assert json.loads((out / "graph.json").read_text(encoding="utf-8"))["graph"]["format"] \
        == "casegraph"  # the json export is the store itself, never overwritten


def test_build_with_the_real_extractor_smoke(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "d1.txt").write_text("感染者1：现住丰台区东木樨园14号楼。", encoding="utf-8")
    (src / "d2.txt").write_text("感染者1：现住丰台区东铁匠营街道东木樨园14号楼。", encoding="utf-8")
    report = run([src], tmp_path / "out", city="北京", date="2022-04-14",
                 extractor=casegraph.extract_document)
    assert report.added == ["d1", "d2"]
    G = Store(tmp_path / "out").load()
    for _node, data in G.nodes(data=True):
        assert {"type", "name", "city", "sources"} <= set(data)


def test_an_extractor_failure_costs_one_document(tmp_path, monkeypatch):
    def flaky(doc: Document) -> nx.MultiDiGraph:
        if doc.id == "b2":
            raise RuntimeError("boom")
        return spelt_graph(doc)

    monkeypatch.delenv("CASEGRAPH_DEBUG", raising=False)
    errors = []
    report = run([bulletins(tmp_path / "in", {**DAY1, **DAY2})], tmp_path / "out",
                 on_error=errors.append, extractor=flaky)
    assert report.added == ["b1"]
    assert len(errors) == 1 and "internal error while extracting 'b2': RuntimeError: boom" \
        in str(errors[0])


def test_a_second_build_waits_for_the_first_and_both_inputs_land(tmp_path, spelt):
    import threading

    out = tmp_path / "out"
    run([bulletins(tmp_path / "day1", DAY1)], out)
    told: list[str] = []
    done: list = []
    with Store(out).lock():  # a first build is writing
        second = threading.Thread(target=lambda: done.append(
            run([bulletins(tmp_path / "day2", DAY2)], out, on_wait=told.append)))
        second.start()
        for _ in range(500):
            if told:
                break
            threading.Event().wait(0.01)
        assert told and not done  # waiting, and said so
    second.join(30)
    assert done and done[0].added == ["b2"]
    assert sorted(Store(out).load().graph["documents"]) == ["b1", "b2"]
