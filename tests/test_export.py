"""Exports read back with each consumer's own reader: networkx (GraphML, GEXF, node-link),
Python's csv module (epicontacts and Neo4j CSVs), JSON (the Cypher parameters)."""
from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

import networkx as nx
import pytest

from casegraph.cli import cli, main
from casegraph.errors import StoreError
from casegraph.export import (FORMATS, cypher_statements, load_graph, write_all,
                              write_epicontacts, write_gexf, write_graphml, write_json,
                              write_neo4j)
from casegraph.export.epicontacts import CASE_COLUMNS
from casegraph.export.graphml import flat_graph
from casegraph.export.neo4j import label_of, type_of
from test_view import make_store

# Text a bulletin could carry to break a format or a page (made up, not from a corpus).
NASTY = ['<script>alert(1)</script>', 'a "quoted", name', "line\nbreak", "x'); DROP--",
         "=HYPERLINK(\"http://x\")", "}) DETACH DELETE n //"]


def span(doc: str, date: str | None = None, start: int = 0, end: int = 10) -> list[dict]:
    return [{"doc": doc, "date": date, "start": start, "end": end}]


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph(doc="样例", city="样例市", date="2022-04-14", date_source="given")
    G.add_node("case:病例1", type="case", name="病例1", city="样例市", sex="F", age=35,
               status="confirmed", onset_date="2022-04-12", aliases=["一号", "1号"],
               conflicts={"age": [35, 36]}, unlabeled=False, sources=span("d1", "2022-04-14"))
    G.add_node("case:病例2", type="case", name=NASTY[1], city="样例市", age="unknown",
               district=NASTY[0], sources=span("d1", "2022-04-14") + span("d2", "2022-04-15"))
    G.add_node("contact:病例1的密接", type="contact", name="病例1的密接", count=9,
               sources=span("d1"))
    G.add_node("location:样例小区", type="location", name=NASTY[2], city="样例市", cases=2,
               cluster=True, case_site=False, sources=span("d1"))
    G.add_node("facility:定点医院", type="facility", name="定点医院\x07", kind=None,
               sources=[])
    G.add_node("weird", type=NASTY[5], name=NASTY[3], note=NASTY[4])
    G.add_edge("case:病例1", "case:病例2", key="close_contact", relation="close_contact",
               kind="household", date="2022-04-10", sources=span("d2", "2022-04-15"))
    G.add_edge("case:病例1", "contact:病例1的密接", key="has_contacts", relation="has_contacts",
               sources=span("d1"))
    G.add_edge("case:病例1", "location:样例小区", key="resides_at", relation="resides_at",
               sources=span("d1"))
    G.add_edge("case:病例1", "location:样例小区", key="visited", relation="visited",
               date="2022-04-09", sources=span("d1"))
    G.add_edge("case:病例2", "facility:定点医院", key="admitted_to", relation="admitted_to",
               sources=span("d2"))
    G.add_edge("case:病例2", "weird", key=NASTY[5], relation=NASTY[5], sources=[])
    return G


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


# -- GraphML and GEXF ------------------------------------------------------------------------

@pytest.mark.parametrize("write, read", [(write_graphml, nx.read_graphml),
                                         (write_gexf, nx.read_gexf)])
def test_graphml_and_gexf_round_trip_through_networkx(graph, tmp_path, write, read):
    H = read(write(graph, tmp_path / "g.xml"))
    assert H.is_directed() and H.is_multigraph()
    assert (H.number_of_nodes(), H.number_of_edges()) == (6, 6)
    for node, attrs in graph.nodes(data=True):
        for key in ("type", "name", "city", "cases", "cluster", "count"):
            if key in attrs:
                want = attrs[key].replace("\x07", "") if key == "name" else attrs[key]
                assert H.nodes[node][key] == want, (node, key)
    assert H.nodes["case:病例2"]["district"] == NASTY[0]
    assert json.loads(H.nodes["case:病例1"]["aliases"]) == ["一号", "1号"]
    assert json.loads(H.nodes["case:病例1"]["conflicts"]) == {"age": [35, 36]}
    assert H.nodes["case:病例2"]["docs"] == "d1;d2"
    assert json.loads(H.nodes["case:病例2"]["sources"]) == graph.nodes["case:病例2"]["sources"]
    # one type per attribute name: int and "unknown" both become text
    assert {H.nodes["case:病例1"]["age"], H.nodes["case:病例2"]["age"]} == {"35", "unknown"}
    edges = {(u, v, d["relation"], d.get("date")) for u, v, d in H.edges(data=True)}
    assert edges == {(u, v, d["relation"], d.get("date"))
                     for u, v, d in graph.edges(data=True)}


@pytest.mark.parametrize("write, nx_write, read, label", [
    (write_graphml, nx.write_graphml, nx.read_graphml, False),
    (write_gexf, nx.write_gexf, nx.read_gexf, True)])
def test_streamed_xml_reads_back_as_networkx_own_writer(graph, tmp_path, write, nx_write, read, label):
    """The streaming writers against networkx's (which build the whole tree in memory):
    read back, the two files are the same graph, attributes, types and edge keys included."""
    graph.add_node("spaced", type="case", name="tab\there", score=0.5, flag=True)
    graph.add_edge("spaced", "weird", key="k2", relation="visited", weight=2)
    ours = read(write(graph, tmp_path / "ours.xml"))
    nx_write(flat_graph(graph, label=label), tmp_path / "theirs.xml")
    theirs = read(tmp_path / "theirs.xml")
    assert list(ours.nodes(data=True)) == list(theirs.nodes(data=True))
    assert list(ours.edges(keys=True, data=True)) == list(theirs.edges(keys=True, data=True))
    assert ours.graph == theirs.graph


def test_gexf_labels_nodes_with_their_names(graph, tmp_path):
    H = nx.read_gexf(write_gexf(graph, tmp_path / "g.gexf"))
    assert H.nodes["case:病例1"]["label"] == "病例1"


def test_graphml_escapes_markup_as_xml(graph, tmp_path):
    text = write_graphml(graph, tmp_path / "g.graphml").read_text(encoding="utf-8")
    assert "<script>" not in text and "&lt;script&gt;" in text


# -- epicontacts CSVs ------------------------------------------------------------------------

def test_epicontacts_tables_load_with_csv_module(graph, tmp_path):
    cases, contacts = write_epicontacts(graph, tmp_path)
    header, rows = read_csv(cases)
    assert header[:2] == ["id", "name"] and header[-1] == "docs"
    assert {"sex", "age", "onset_date", "city", "aliases", "conflicts"} <= set(header)
    assert [r["id"] for r in rows] == ["case:病例1", "case:病例2"]
    first, second = rows
    assert (first["sex"], first["age"], first["onset_date"]) == ("F", "35", "2022-04-12")
    assert json.loads(first["aliases"]) == ["一号", "1号"] and first["unlabeled"] == "FALSE"
    assert second["name"] == NASTY[1] and second["district"] == NASTY[0]
    assert second["docs"] == "d1;d2" and second["sex"] == ""

    header, rows = read_csv(contacts)
    assert header == ["from", "to", "relation", "date", "kind", "docs"]
    assert len(rows) == graph.number_of_edges()
    assert rows[0] == {"from": "case:病例1", "to": "case:病例2", "relation": "close_contact",
                       "date": "2022-04-10", "kind": "household", "docs": "d2"}
    assert {r["relation"] for r in rows} >= {"resides_at", "visited", NASTY[5]}


def test_line_list_has_report_date_origin_and_every_dated_fact(graph, tmp_path):
    graph.add_node("case:境外输入病例3", type="case", name="境外输入病例3",
                   sources=span("d3", "2022-04-16") + span("d4", "2022-04-15"))
    graph.add_node("case:4", type="case", name="4号", aliases=["本土病例4"])
    graph.add_edge("case:病例2", "facility:定点医院", key="isolated_at", relation="isolated_at",
                   date="2022-04-11")
    graph.add_edge("case:境外输入病例3", "case:病例2", key="close_contact", relation="close_contact")
    header, rows = read_csv(write_epicontacts(graph, tmp_path)[0])
    assert header[:len(CASE_COLUMNS)] == list(CASE_COLUMNS)
    by_name = {r["name"]: r for r in rows}
    second = by_name[NASTY[1]]
    assert (second["report_date"], second["exposure_date"], second["isolated_date"]) == \
        ("2022-04-14", "2022-04-10", "2022-04-11")
    assert second["infectors"] == "病例1;境外输入病例3" and second["admitted_date"] == ""
    assert by_name["境外输入病例3"]["origin"] == "imported"
    assert by_name["境外输入病例3"]["report_date"] == "2022-04-15"  # the first, not the first listed
    assert by_name["4号"]["origin"] == "local" and by_name["病例1"]["origin"] == ""


def test_csv_cells_with_newlines_and_quotes_survive(tmp_path):
    G = nx.MultiDiGraph()
    G.add_node("c", type="case", name=NASTY[2] + NASTY[1])
    _, rows = read_csv(write_epicontacts(G, tmp_path)[0])
    assert rows[0]["name"] == NASTY[2] + NASTY[1]


# -- Neo4j -----------------------------------------------------------------------------------

_TYPED = re.compile(r"^[A-Za-z_][^:]*:(string|long|double|boolean|int|float)(\[\])?$")


def test_neo4j_csv_headers_follow_the_import_tool(graph, tmp_path):
    nodes, rels, _, _ = write_neo4j(graph, tmp_path)
    header, rows = read_csv(nodes)
    assert header[:2] == ["id:ID", ":LABEL"]
    assert all(_TYPED.match(h) for h in header[2:]), header
    assert {"age:string", "cases:long", "cluster:boolean", "count:long", "name:string"} <= set(
        header)
    assert len(rows) == graph.number_of_nodes()
    by_id = {r["id:ID"]: r for r in rows}
    assert by_id["case:病例1"][":LABEL"] == "Case"
    assert by_id["location:样例小区"]["cluster:boolean"] == "true"
    assert by_id["location:样例小区"]["name:string"] == NASTY[2]
    assert by_id["weird"][":LABEL"] == "DETACHDELETEn"

    header, rows = read_csv(rels)
    assert header[:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert all(_TYPED.match(h) for h in header[3:]), header
    assert len(rows) == graph.number_of_edges()
    assert {r[":TYPE"] for r in rows} == {"CLOSE_CONTACT", "HAS_CONTACTS", "RESIDES_AT",
                                          "VISITED", "ADMITTED_TO", "DETACHDELETEN"}
    assert set(r[":START_ID"] for r in rows) | set(r[":END_ID"] for r in rows) <= set(by_id)


def test_cypher_takes_every_value_as_a_parameter(graph, tmp_path):
    _, _, script, body = write_neo4j(graph, tmp_path)
    cypher = script.read_text(encoding="utf-8")
    for value in ("病例", "样例", "d1", "DROP", "alert", "HYPERLINK"):
        assert value not in cypher
    statements = json.loads(body.read_text(encoding="utf-8"))["statements"]
    for item in statements:
        assert item["statement"].startswith("UNWIND $rows AS row ")
        assert item["statement"] + ";" in cypher
        labels = re.findall(r"[(:\[]:?([A-Za-z_]\w*) \{", item["statement"])
        assert labels and all(re.fullmatch(r"[A-Za-z_]\w*", x) for x in labels)
    rows = [row for item in statements for row in item["parameters"]["rows"]]
    node_rows = {r["id"]: r["props"] for r in rows if "id" in r}
    assert set(node_rows) == set(graph.nodes)
    assert node_rows["case:病例1"]["aliases"] == ["一号", "1号"]  # a list stays a list
    assert node_rows["case:病例1"]["age"] == 35
    assert node_rows["weird"]["type"] == NASTY[5]  # the raw text is data, untouched
    edge_rows = [r for r in rows if "start" in r]
    assert len(edge_rows) == graph.number_of_edges()


def test_cypher_statements_batch_rows():
    G = nx.MultiDiGraph()
    G.add_nodes_from((f"c{i}", {"type": "case", "name": str(i)}) for i in range(5))
    batches = list(cypher_statements(G, batch=2))
    assert [len(p["rows"]) for _, p in batches] == [2, 2, 1]


@pytest.mark.parametrize("text, label, rel", [("case", "Case", "CASE"), ("", "Node", "RELATED_TO"),
                                              ("9x", "_9x", "_9X"), ("a`b", "Ab", "AB")])
def test_labels_and_types_are_plain_identifiers(text, label, rel):
    assert (label_of(text), type_of(text)) == (label, rel)


# -- node-link JSON, write_all, load_graph ---------------------------------------------------

def test_write_all_writes_every_format_and_json_round_trips(graph, tmp_path):
    names = sorted(p.relative_to(tmp_path).as_posix() for p in write_all(graph, tmp_path))
    assert names == sorted(["graph.json", "graph.graphml", "graph.gexf", "cases.csv",
                            "contacts.csv", "neo4j/nodes.csv", "neo4j/relationships.csv",
                            "neo4j/load.cypher", "neo4j/load.json"])
    back = load_graph(tmp_path / "graph.json")
    assert nx.utils.graphs_equal(back, graph)
    assert not list(tmp_path.glob("**/.*tmp"))  # no temporary file left


def test_write_all_takes_a_subset_and_refuses_unknown_formats(graph, tmp_path):
    assert [p.name for p in write_all(graph, tmp_path, ["csv", "csv"])] == [
        "cases.csv", "contacts.csv"]
    with pytest.raises(ValueError, match="xml"):
        write_all(graph, tmp_path, ["xml"])
    assert FORMATS == ("json", "graphml", "gexf", "csv", "neo4j")


def test_load_graph_reads_stores_and_node_link_files(graph, tmp_path):
    make_store(tmp_path / "store", graph)
    assert load_graph(tmp_path / "store").number_of_nodes() == 6
    write_json(graph, tmp_path / "one.json")  # what `casegraph extract` writes
    assert nx.utils.graphs_equal(load_graph(tmp_path / "one.json"), graph)


def test_load_graph_errors_are_store_errors(tmp_path):
    with pytest.raises(StoreError, match="no casegraph store here"):
        load_graph(tmp_path)
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(StoreError, match="not a casegraph graph"):
        load_graph(tmp_path / "bad.json")


# -- casegraph export ------------------------------------------------------------------------

def test_export_command_writes_chosen_formats(graph, tmp_path, runner):
    store = make_store(tmp_path / "store", graph)
    result = runner.invoke(cli, ["export", str(store), "-f", "graphml,csv",
                                 "--format", "neo4j", "-o", str(tmp_path / "x")])
    assert result.exit_code == 0, result.output
    written = result.stdout.split()
    assert [Path(p).name for p in written] == ["graph.graphml", "cases.csv", "contacts.csv",
                                               "nodes.csv", "relationships.csv", "load.cypher",
                                               "load.json"]
    assert all(Path(p).exists() for p in written)


def test_export_beside_the_store_leaves_the_store_alone(graph, tmp_path, runner):
    store = make_store(tmp_path / "store", graph)
    before = (store / "graph.json").read_bytes()
    result = runner.invoke(cli, ["export", str(store), "-f", "json,gexf"])
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == [str(store / "graph.json"), str(store / "graph.gexf")]
    assert (store / "graph.json").read_bytes() == before  # the store is the json export


def run_main(monkeypatch, capsys, *args) -> tuple[int, str]:
    monkeypatch.setattr(sys, "argv", ["casegraph", *map(str, args)])
    with pytest.raises(SystemExit) as stop:
        main()
    return stop.value.code, capsys.readouterr().err


def test_export_command_errors_are_one_line(tmp_path, monkeypatch, capsys):
    code, err = run_main(monkeypatch, capsys, "export", tmp_path)
    assert code == 1
    assert err == (f"casegraph: error: {tmp_path}: no casegraph store here "
                   "(run `casegraph build INPUT -o DIR` first)\n")
    code, err = run_main(monkeypatch, capsys, "export", tmp_path, "-f", "pdf")
    assert code == 2 and "'pdf' is not one of" in err and "Traceback" not in err


# -- one table for every format, formats in parallel -----------------------------------------

def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_store_read_as_a_table_exports_what_its_graph_exports(graph, tmp_path):
    from casegraph.export import read_table
    store = make_store(tmp_path / "store", graph)
    table = read_table(store)
    assert table.json_file == store / "graph.json"
    write_all(load_graph(store), tmp_path / "graph", [f for f in FORMATS if f != "json"])
    write_all(table, tmp_path / "table")
    files = _files(tmp_path / "table")
    assert files.pop("graph.json") == (store / "graph.json").read_bytes()  # a copy
    assert files == _files(tmp_path / "graph")


def test_a_table_marks_text_xml_cannot_hold(graph, tmp_path):
    from casegraph.export import read_table
    assert not read_table(make_store(tmp_path / "dirty", graph)).clean  # 定点医院\x07
    graph.nodes["facility:定点医院"]["name"] = "定点医院"
    assert read_table(make_store(tmp_path / "clean", graph)).clean


@pytest.mark.skipif(sys.platform == "win32", reason="formats run in parallel where processes fork")
@pytest.mark.parametrize("jobs", [2, 3, 8])
def test_formats_written_in_parallel_equal_a_serial_write_byte_for_byte(graph, tmp_path, jobs):
    from casegraph.export import read_table
    table = read_table(make_store(tmp_path / "store", graph))
    serial = write_all(table, tmp_path / "serial", jobs=1)
    parallel = write_all(table, tmp_path / "parallel", jobs=jobs)
    assert [p.relative_to(tmp_path / "parallel") for p in parallel] == [
        p.relative_to(tmp_path / "serial") for p in serial]
    assert _files(tmp_path / "parallel") == _files(tmp_path / "serial")


def test_a_failing_format_in_another_process_fails_the_export(graph, tmp_path, monkeypatch):
    from casegraph import export

    def broken(table, out, sinks):
        raise OSError(28, "No space left on device")

    monkeypatch.setitem(export._WRITERS, "gexf", broken)
    with pytest.raises(OSError, match="No space left"):
        write_all(graph, tmp_path, ["neo4j", "gexf", "graphml"], jobs=2)


def test_export_command_runs_formats_in_parallel(graph, tmp_path, runner):
    store = make_store(tmp_path / "store", graph)
    for jobs in ("1", "3"):
        result = runner.invoke(cli, ["export", str(store), "-o", str(tmp_path / jobs),
                                     "-j", jobs])
        assert result.exit_code == 0, result.output
    assert _files(tmp_path / "1") == _files(tmp_path / "3")


# -- a build's outputs and its progress bar --------------------------------------------------

def test_build_outputs_equal_the_export_command_and_the_bar_counts_every_step(graph, tmp_path,
                                                                               capsys):
    import casegraph
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"d{i}.txt").write_text(f"感染者{i + 1}：现住丰台区东木樨园{i}号楼。",
                                          encoding="utf-8")
    out = tmp_path / "out"
    casegraph.build([folder], out, city="北京", date="2022-04-14", progress=True)
    bar = capsys.readouterr().err.replace("\r", "\n")
    assert "0/6" in bar and "3/6" in bar  # 3 documents, save, exports, page
    assert "save" in bar and "outputs" in bar
    from casegraph.export import read_table
    write_all(read_table(out), tmp_path / "export", [f for f in FORMATS if f != "json"], jobs=1)
    built = {name: data for name, data in _files(out).items()
             if not name.startswith(".") and name.rsplit(".", 1)[-1] in ("graphml", "gexf", "csv",
                                                                           "cypher", "json")
             and name != "graph.json"}
    assert built == _files(tmp_path / "export")


def test_text_without_markup_skips_escaping_and_writes_the_same_bytes(tmp_path):
    from casegraph.export import read_table
    G = nx.MultiDiGraph()
    G.add_node("case:1", type="case", name="病例1", age=3, aliases=["一号"],
               sources=span("d1", "2022-04-14"))  # JSON text: quotes to escape
    G.add_node("location:x", type="location", name="X小区", cluster=True)
    G.add_edge("case:1", "location:x", key="visited", relation="visited", date="2022-04-01")
    table = read_table(make_store(tmp_path / "store", G))
    assert table.plain
    write_all(table, tmp_path / "plain", ["graphml", "gexf"])
    write_all(load_graph(tmp_path / "store"), tmp_path / "escaped", ["graphml", "gexf"])
    assert _files(tmp_path / "plain") == _files(tmp_path / "escaped")


def test_column_kinds_read_beside_the_flattening_equal_the_flattened_ones(graph, tmp_path):
    """read_table works out each column's types from the raw records in another process
    (how many records hold each: a later build updates them record by record); they are
    those of the flattened rows."""
    from casegraph.export import read_table
    from casegraph.export._flat import column_kinds
    graph.nodes["case:病例1"]["docs"] = 7  # shadowed by the docs of its sources
    graph.nodes["contact:病例1的密接"]["count"] = 9.5  # with an int: double
    graph.nodes["location:样例小区"]["count"] = 3
    graph.nodes["weird"]["docs"] = None
    table = read_table(make_store(tmp_path / "store", graph))
    assert set(table.kinds) == {"node", "edge"}
    for scope, rows in (("node", [r[2] for r in table.nodes]),
                        ("edge", [r[4] for r in table.edges])):
        flat = column_kinds(rows)
        assert {key: set(kinds) for key, kinds in table.kinds[scope].items()} == flat
        for key, kinds in table.kinds[scope].items():
            assert sum(kinds.values()) == sum(key in row for row in rows)
    assert table.mixed("node") >= {"age", "count"}


@pytest.mark.parametrize("name, plain", [('永欣"北大门"菜场', True), ('a\\"b\\', True),
                                         ("a\nb", False), ("a\tb", False), ("a&b", False),
                                         ("a\\nb", False)])  # (only costs the quick path)
def test_quotes_and_backslashes_keep_the_quick_path_and_its_bytes(tmp_path, name, plain):
    from casegraph.export import read_table
    G = nx.MultiDiGraph()
    G.add_node("location:x", type="location", name=name, aliases=[name])
    G.add_node("case:1", type="case", name="病例1")
    G.add_edge("case:1", "location:x", key="visited", relation="visited", note=name)
    table = read_table(make_store(tmp_path / "store", G))
    assert table.plain is plain
    write_all(table, tmp_path / "table", ["graphml", "gexf"])
    write_all(load_graph(tmp_path / "store"), tmp_path / "graph", ["graphml", "gexf"])
    assert _files(tmp_path / "table") == _files(tmp_path / "graph")
