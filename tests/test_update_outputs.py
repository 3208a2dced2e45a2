"""An update rewrites only what it changed: the exports and the page of a store that gains
a bulletin are spliced from the previous ones (:mod:`casegraph.export.splice`), and its
query index is updated row by row, yet every file is what a full build writes."""
from __future__ import annotations

import importlib.util
import json
import sqlite3
import sys
from pathlib import Path

import pytest

from casegraph import view
from casegraph.export.splice import Sink
from casegraph.pipeline import build

REPO = Path(__file__).resolve().parent.parent


def _harness():
    spec = importlib.util.spec_from_file_location("kill_trials", REPO / "bench" / "kill_trials.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


harness = _harness()


@pytest.fixture
def small_page(monkeypatch):
    """A page limit the made-up stores exceed: the page leaves nodes out, and their search
    rows are spliced too."""
    monkeypatch.setattr(view, "MAX_NODES", 30)


def index_content(store: Path) -> dict[str, list]:
    """What queries read of a store's index (its rows, in no particular order)."""
    db = sqlite3.connect(store / "graph.index.sqlite")
    tables = ["terms", "node_types", "names", "summaries", "name_lengths", "nodes", "edges", "keys"]
    found = {table: sorted(db.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
             for table in tables}
    found["meta"] = {name: json.loads(value) if name == "graph" else value for name, value
                     in db.execute("SELECT * FROM meta WHERE name != 'graph_json'")}
    db.close()
    return found


def same_store(one: Path, other: Path) -> None:
    assert harness.snapshot(one) == harness.snapshot(other)
    assert index_content(one) == index_content(other)


def test_an_update_splices_its_changes_into_what_a_full_build_writes(tmp_path, small_page):
    day1 = harness.generate_corpus(tmp_path / "day1", 10, seed=1)
    day2 = harness.generate_corpus(tmp_path / "day2", 3, seed=2)
    build([day1], tmp_path / "out")
    report = build([day1, day2], tmp_path / "out")
    assert report.added and report.outputs_spliced
    build([day1, day2], tmp_path / "full")
    same_store(tmp_path / "out", tmp_path / "full")
    page = (tmp_path / "out" / "graph.html").read_text(encoding="utf-8")
    assert '"undrawn":[["' in page  # rows were spliced, not only the drawn part


def test_a_replaced_bulletin_is_spliced_out_and_its_new_version_in(tmp_path, small_page):
    day1 = harness.generate_corpus(tmp_path / "day1", 10, seed=3)
    build([day1], tmp_path / "out")
    first = sorted(day1.glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8").replace("病例", "确诊病例", 1),
                     encoding="utf-8")
    report = build([day1], tmp_path / "out")
    assert report.replaced == [first.stem] and report.outputs_spliced
    build([day1], tmp_path / "full")
    same_store(tmp_path / "out", tmp_path / "full")


def test_an_edited_export_is_written_again_in_full(tmp_path):
    day1 = harness.generate_corpus(tmp_path / "day1", 6, seed=4)
    day2 = harness.generate_corpus(tmp_path / "day2", 2, seed=5)
    out = tmp_path / "out"
    build([day1], out)
    with open(out / "cases.csv", "a", encoding="utf-8") as handle:
        handle.write("a row someone typed in\r\n")
    report = build([day1, day2], out)
    assert report.added and not report.outputs_spliced
    build([day1, day2], tmp_path / "full")
    same_store(out, tmp_path / "full")


def test_a_new_column_writes_the_exports_in_full(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "d1.txt").write_text("病例1：现住丰台区东木樨园14号楼。", encoding="utf-8")
    (tmp_path / "b" / "d2.txt").write_text("病例2：男，35岁，现住朝阳区望京西园。",
                                           encoding="utf-8")
    options = {"city": "北京", "date": "2022-04-14"}
    out = tmp_path / "out"
    build([tmp_path / "a"], out, **options)
    report = build([tmp_path / "a", tmp_path / "b"], out, **options)
    assert report.added == ["d2"] and not report.outputs_spliced  # age and sex are new columns
    build([tmp_path / "a", tmp_path / "b"], tmp_path / "full", **options)
    same_store(out, tmp_path / "full")
    again = build([tmp_path / "a", tmp_path / "b", tmp_path / "b"], out, **options)
    assert not again.changed


def test_a_sink_copies_unchanged_fragments_and_runs_across_separators():
    def write(keys, rows, previous=None, changed=()):
        from casegraph.export.splice import Previous, PreviousFile
        sink = Sink(None if previous is None else PreviousFile(
            Previous({"nodes": previous[1]}, {"nodes": set(changed)}, Path(".")),
            previous[0], previous[2]))
        data = b"".join(bytes(part) for part in [
            sink.text("["), *sink.records("nodes", keys, rows, str.upper, sep=","),
            *sink.put("]")])
        return data, sink.layout({"nodes": keys}), sink.rendered

    first, layout, rendered = write(["a", "b", "c", "d"], ["a", "b", "c", "d"])
    assert first == b"[A,B,C,D]" and rendered == 4
    keys = ["a", "b", "x", "c", "d"]
    second, _layout, rendered = write(keys, ["?", "?", "x", "c2", "?"],
                                      (first, ["a", "b", "c", "d"], layout), changed={"c"})
    assert second == b"[A,B,X,C2,D]" and rendered == 2  # a, b and d copied


def test_changes_are_told_alike_from_the_noted_rows_and_from_every_row(tmp_path):
    import shutil

    from casegraph.store.changes import changes_since
    from casegraph.store.graphs import DiskGraph

    before = DiskGraph(tmp_path / "before.sqlite")
    for name in "abc":
        before.add_node(name, type="case", name=name)
    before.add_edge("a", "b", key="close_contact", relation="close_contact")
    before.add_edge("b", "c", key="close_contact", relation="close_contact")
    before.connection.commit()
    told = []
    for tracked in (True, False):
        shutil.copyfile(tmp_path / "before.sqlite", tmp_path / f"work{tracked}.sqlite")
        work = DiskGraph(tmp_path / f"work{tracked}.sqlite")
        if tracked:
            work.track_changes()
        work.add_node("a", type="case", name="a")  # written again, the same bytes
        work.add_node("b", type="case", name="b2")
        work.add_node("d", type="case", name="d")
        work.remove_edge("b", "c", "close_contact")
        work.add_edge("c", "d", key="close_contact", relation="close_contact")
        work.remove_node("a")  # and its edge
        told.append(changes_since(work.connection, tmp_path / "before.sqlite"))
    assert told[0] == told[1]
    assert set(told[0].nodes) == {"b", "d"} and set(told[0].removed_nodes) == {"a"}
    assert set(told[0].edges) == {("c", "d", "close_contact")}
    assert set(told[0].removed_edges) == {("a", "b", "close_contact"),
                                          ("b", "c", "close_contact")}


def _json_extractor(doc):
    """A document whose text is its graph: ``{"nodes": [[id, attrs]], "edges": [[u, v, k,
    attrs]]}`` (any values at all, as a custom extractor may give)."""
    import networkx as nx

    data = json.loads(doc.text)
    G = nx.MultiDiGraph()
    G.graph.update(doc=doc.id, city=doc.city, date=doc.date, date_source="given")
    source = [{"doc": doc.id, "start": 0, "end": 1}]
    for node, attrs in data.get("nodes", []):
        G.add_node(node, sources=source, **attrs)
    for u, v, key, attrs in data.get("edges", []):
        G.add_edge(u, v, key=key, relation=key, sources=source, **attrs)
    return G


def test_an_integer_past_64_bits_is_written_alike_by_an_update_and_a_full_build(tmp_path):
    def case(n, **attrs):
        return [f"case:{n}", {"type": "case", "name": f"病例{n}", **attrs}]

    first = {"nodes": [case(1, code=1), case(2, code=2.5), case(3)],
             "edges": [["case:1", "case:2", "close_contact", {}]]}
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "d1.txt").write_text(json.dumps(first), encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "d2.txt").write_text(json.dumps({"nodes": [case(4, code=10**30)]}),
                                           encoding="utf-8")
    options = {"city": "北京", "date": "2022-04-14", "extractor": _json_extractor}
    build([tmp_path / "a"], tmp_path / "out", **options)
    report = build([tmp_path / "a", tmp_path / "b"], tmp_path / "out", **options)
    assert report.added == ["d2"] and report.outputs_spliced
    build([tmp_path / "a", tmp_path / "b"], tmp_path / "full", **options)
    same_store(tmp_path / "out", tmp_path / "full")
    assert "1000000000000000000000000000000" in (tmp_path / "out" / "cases.csv").read_text(
        encoding="utf-8")


def test_a_store_whose_path_holds_a_hash_sign_is_updated_in_place(tmp_path):
    day1 = harness.generate_corpus(tmp_path / "day1", 6, seed=6)
    day2 = harness.generate_corpus(tmp_path / "day2", 1, seed=7)
    out = tmp_path / "my#store?x%y"
    build([day1], out)
    report = build([day1, day2], out)
    assert report.added and report.outputs_spliced
    assert sorted(p.name for p in tmp_path.iterdir()) == ["day1", "day2", "my#store?x%y"]
