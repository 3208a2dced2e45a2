"""The HTML page without a browser: what it holds, what it leaves out, and its limits.
(tests/test_browser.py opens it in headless Chromium.)"""
from __future__ import annotations

import base64
import json
import re
import sys
import webbrowser

import networkx as nx
import pytest

from casegraph.cli import cli, main
from casegraph.errors import QueryError
from casegraph.store import Evidence, Store
from casegraph.view import (RELATION_COLOUR, TYPE_STYLE, find_node, limit, render_html,
                            script_json, select, write_html)

PAYLOADS = ['<script>window.__pwned = "script"</script>',
            '<img src=x onerror="window.__pwned = \'img\'">',
            '</script><script>window.__pwned = "breakout"</script>',
            '"><svg onload="window.__pwned = \'attr\'">',
            "\u2028\u2029<!--<script>&amp;"]


def span(doc, date=None, start=0, end=5):
    return [{"doc": doc, "date": date, "start": start, "end": end}]


def small() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node("case:1", type="case", name="病例1", age=30, sources=span("d1", "2022-04-13"))
    G.add_node("case:2", type="case", name="病例2", sources=span("d2", "2022-04-20"))
    G.add_node("case:3", type="case", name="病例3", sources=span("d3", "2022-05-01"))
    G.add_node("location:a", type="location", name="A小区", sources=span("d1", "2022-04-13"))
    G.add_node("facility:h", type="facility", name="定点医院", sources=[])
    G.add_node("contact:c", type="contact", name="病例1的密接", count=9, sources=[])
    G.add_edge("case:1", "case:2", key="close_contact", relation="close_contact",
               sources=span("d2", "2022-04-20"))
    G.add_edge("case:1", "location:a", key="resides_at", relation="resides_at",
               sources=span("d1", "2022-04-13"))
    G.add_edge("case:3", "location:a", key="visited", relation="visited", date="2022-04-28",
               sources=span("d3", "2022-05-01"))
    G.add_edge("case:2", "facility:h", key="admitted_to", relation="admitted_to",
               date="2022-04-21", sources=[])
    G.add_edge("case:1", "contact:c", key="has_contacts", relation="has_contacts", sources=[])
    return G


def payload_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph(doc=PAYLOADS[0])
    for i, text in enumerate(PAYLOADS):
        G.add_node(f"case:{i}", type="case", name=text, district=text, aliases=[text],
                   sources=[{"doc": text, "date": "2022-04-13", "start": 0, "end": 5,
                             "text": text}])
        G.add_node(f"x:{i}", type=text, name="place" + text)
        G.add_edge(f"case:{i}", f"x:{i}", key=text, relation=text, date=text, kind=text,
                   sources=[{"doc": text, "start": 1, "end": 2}])
    return G


def make_store(folder, G: nx.MultiDiGraph, sentences: dict | None = None):
    """A store as `casegraph build` leaves it: graph.json and the evidence sentences
    (``{doc: {(start, end): text}}``)."""
    G = G.copy()
    docs = {s["doc"] for _, d in G.nodes(data=True) for s in d.get("sources", [])}
    G.graph["documents"] = {doc: {"sha256": f"hash-{doc}"} for doc in sorted(docs)}
    store = Store(folder)
    store.prepare()
    store.save(G)
    with Evidence(folder / "evidence.sqlite", write=True) as evidence:
        for doc, spans in (sentences or {}).items():
            evidence.add(f"hash-{doc}", spans)
        evidence.commit()
    return folder


def page_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="cg-data">(.*?)</script>', html,
                      re.S)
    return json.loads(match.group(1))


# -- the page --------------------------------------------------------------------------------

def test_page_is_one_offline_file(tmp_path):
    html = write_html(small(), tmp_path / "g.html").path.read_text(encoding="utf-8")
    assert "vis.Network" in html and "new vis.DataSet" in html  # vis-network is inline
    assert not re.search(r"<(script|img|iframe)[^>]*\ssrc\s*=", html, re.I)
    assert not re.search(r"<link\b", html, re.I)
    assert not re.search(r"""url\(\s*['"]?(https?:)?//|@import""", html, re.I)
    assert "bootstrap" not in html and "cdnjs" not in html and "jsdelivr" not in html
    assert "default-src 'none'" in html  # the browser would refuse any fetch anyway


def test_nodes_are_styled_by_type_and_sized_by_degree():
    data = page_data(render_html(small()))
    nodes = {n["label"]: n for n in data["nodes"]}
    for label, kind in (("病例1", "case"), ("A小区", "location"), ("定点医院", "facility"),
                        ("病例1的密接", "contact")):
        assert (nodes[label]["color"], nodes[label]["shape"]) == TYPE_STYLE[kind][:2]
    assert nodes["病例1"]["size"] > nodes["病例3"]["size"]  # degree 3 against 1
    assert nodes["A小区"]["size"] > nodes["定点医院"]["size"]
    labels = {e["label"] for e in data["edges"]}
    assert {"visited 2022-04-28", "admitted_to 2022-04-21", "resides_at"} <= labels
    edge = next(e for e in data["edges"] if e["r"] == "visited")
    assert edge["color"] == RELATION_COLOUR["visited"]
    assert data["options"]["physics"]["stabilization"]["iterations"] > 0


def test_panel_data_carries_attributes_sources_and_evidence():
    asked = []

    def evidence(source):
        asked.append(source["doc"])
        return f"sentence of {source['doc']}"

    G = small()
    G.add_edge("case:1", "location:a", key="visited", relation="visited",
               sources=span("d1", "2022-04-13"))  # the same sentence again
    info = page_data(render_html(G, evidence=evidence))["info"]
    first = next(n for n in info["nodes"] if n["name"] == "病例1")
    assert ["age", "30"] in first["attrs"] and first["type"] == "case"
    assert first["sources"] == [{"doc": "d1", "date": "2022-04-13", "start": 0, "end": 5,
                                 "text": "sentence of d1"}]
    assert sorted(asked) == ["d1", "d2", "d3"]  # each sentence looked up once
    edge = next(e for e in info["edges"] if e["relation"] == "close_contact")
    assert (edge["from"], edge["to"]) == ("病例1", "病例2")


def test_untrusted_text_stays_data(tmp_path):
    html = write_html(payload_graph(), tmp_path / "x.html").path.read_text(encoding="utf-8")
    for text in PAYLOADS:
        assert text not in html
    assert "\u2028" not in html and "\u2029" not in html
    assert html.count("</script") == 3  # the data, vis-network and the page's script
    assert "<title>&lt;script&gt;" in html
    data = page_data(html)  # ...and the data still holds the exact text
    assert [n["name"] for n in data["info"]["nodes"][::2]] == PAYLOADS
    assert data["info"]["nodes"][0]["sources"][0]["text"] == PAYLOADS[0]


def test_script_json_cannot_close_its_element():
    text = script_json({"a": "</script><!-- & \u2028"})
    assert re.fullmatch(r"[^<>&\u2028\u2029]*", text)
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}


# -- choosing what to show -------------------------------------------------------------------

def test_find_node_by_id_or_name():
    G = small()
    assert find_node(G, "case:2") == find_node(G, "病例2") == "case:2"
    with pytest.raises(QueryError, match="did you mean: 病例1"):
        find_node(G, "病例1X")
    G.add_node("case:other", type="case", name="病例2")
    with pytest.raises(QueryError, match="2 nodes are named '病例2'"):
        find_node(G, "病例2")


def test_date_filters_use_the_dates_of_events_not_of_reports():
    G = nx.MultiDiGraph()
    G.add_node("case:1", type="case", name="病例1", onset_date="2022-04-02",
               sources=span("d1", "2022-04-20"))  # fell ill early, reported late
    G.add_node("case:2", type="case", name="病例2", sources=span("d2", "2022-04-20"))
    G.add_node("location:m", type="location", name="某市场", sources=span("d2", "2022-04-20"))
    G.add_edge("case:2", "location:m", key="visited", relation="visited", date="2022-04-05",
               sources=span("d2", "2022-04-20"))
    kept = select(G, since="2022-04-04", until="2022-04-10")
    assert set(kept) == {"location:m"}  # the visit's day; the case only by its report: out
    assert set(select(G, until="2022-04-03")) == {"case:1"}  # its onset, not its report


def test_select_focus_types_and_dates():
    G = small()
    assert set(select(G, focus="病例2", hops=1, via="all")) == {"case:2", "case:1", "facility:h"}
    assert set(select(G, focus="病例2", hops=1)) == {"case:2", "case:1"}  # care is no exposure
    assert set(select(G, types=["case"])) == {"case:1", "case:2", "case:3"}
    # the focus node stays even when its type is filtered out
    assert "location:a" in select(G, focus="location:a", types=["case"])
    dated = select(G, since="2022-04-15", until="2022-04-30")
    assert "case:1" not in dated and "case:3" not in dated and "case:2" in dated
    assert "facility:h" in dated and "contact:c" in dated  # undated items stay
    assert [k for *_, k in dated.edges(keys=True)] == ["admitted_to"]


def test_limit_keeps_whole_largest_clusters():
    G = nx.MultiDiGraph()
    nx.add_path(G, range(0, 50))
    nx.add_path(G, range(100, 130))
    nx.add_path(G, range(200, 225))
    G.add_nodes_from(range(300, 310))
    H, note = limit(G, max_nodes=79)
    # 50 fits, then 30 does not, 25 does, and 4 single nodes fill the rest
    assert set(H) == set(range(50)) | set(range(200, 225)) | set(range(300, 304))
    assert note == ("the graph has 115 nodes, over the page limit of 79: showing the 6 "
                    "largest clusters (79 nodes); use --focus NODE --hops N to see any "
                    "other part")
    assert limit(G, max_nodes=500) == (G, None)


def test_limit_cuts_a_giant_cluster_around_its_hub_or_the_focus():
    G = nx.MultiDiGraph(nx.barabasi_albert_graph(3000, 2, seed=1))
    H, note = limit(G, max_nodes=200)
    assert H.number_of_nodes() == 200 and nx.is_weakly_connected(H)
    assert "largest cluster (200 nodes)" in note
    H, note = limit(G, max_nodes=100, focus=2999)
    assert H.number_of_nodes() == 100 and 2999 in H and nx.is_weakly_connected(H)
    assert "nearest to 2999" in note


@pytest.mark.parametrize("hub", ["facility", "contact", "location"])
def test_a_quarantine_site_does_not_make_one_giant_cluster(hub):
    G = nx.MultiDiGraph()  # a location joins clusters unless it is a hub (200 edges here)
    G.add_node("hotel", type=hub, name="集中隔离点")
    for c in range(40):  # 40 households of 5 cases, all isolated at the same hotel
        members = [f"c{c}-{i}" for i in range(5)]
        G.add_nodes_from(members, type="case")
        nx.add_path(G, members, relation="close_contact")
        G.add_edges_from((m, "hotel") for m in members)
    H, note = limit(G, max_nodes=12)
    assert H.number_of_nodes() == 11 and "hotel" in H  # two whole households + the hotel
    assert nx.number_weakly_connected_components(H.subgraph(n for n in H if n != "hotel")) == 2
    H, _ = limit(G, max_nodes=6, focus="c7-0")
    assert set(H) == {"c7-0", "c7-1", "c7-2", "c7-3", "c7-4", "hotel"}  # the household first


def test_write_html_applies_the_rule_and_reports_it(tmp_path):
    G = nx.MultiDiGraph(nx.path_graph(5000))
    nx.set_node_attributes(G, "case", "type")
    page = write_html(G, tmp_path / "big.html", max_nodes=400)
    assert (page.nodes, page.selected) == (400, 5000) and "page limit of 400" in page.note
    data = page_data(page.path.read_text(encoding="utf-8"))
    assert len(data["nodes"]) == 400 and data["note"] == page.note
    assert data["options"]["physics"]["stabilization"]["iterations"] == 150


# -- casegraph view --------------------------------------------------------------------------
def test_panel_shows_values_and_conflicts_as_a_reader_reads_them():
    G = nx.MultiDiGraph()
    G.add_node("facility:x", type="facility", name="卫生院", kind="clinic",
               aliases=["甲卫生院", "乙卫生院"], keys=["facility|place|x"], cluster=True,
               conflicts={"kind": ["clinic", "fever_clinic"]},
               merged_by=["same place once units are dropped"],
               values={"kind": [{"doc": "d1", "value": "fever_clinic"}, {"doc": "d2", "value": "clinic"},
                                {"doc": "d3", "value": "clinic"}]})
    node = page_data(render_html(G))["info"]["nodes"][0]
    assert node["attrs"] == [["kind", "clinic (bulletins disagree: also fever_clinic)"],
                             ["aliases", "甲卫生院、乙卫生院"], ["cluster", "yes"]]  # no keys, no JSON
    assert node["history"] == [["kind", "fever_clinic", "d1"], ["kind", "clinic", "d2、d3"]]
    assert node["merged_by"] == ["same place once units are dropped"]


def test_view_shows_the_plots_analyze_wrote_beside_the_store(tmp_path, runner):
    make_store(tmp_path, small(), {})
    assert page_data(write_html(small(), tmp_path / "none.html").path.read_text(encoding="utf-8"))["plots"] == []
    result = runner.invoke(cli, ["analyze", str(tmp_path)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["view", str(tmp_path)])
    assert result.exit_code == 0, result.output
    plots = page_data((tmp_path / "graph.html").read_text(encoding="utf-8"))["plots"]
    assert [name for name, _uri in plots] == ["epicurve", "offspring", "serial interval"]
    svg = base64.b64decode(plots[0][1].removeprefix("data:image/svg+xml;base64,"))
    assert svg == (tmp_path / "analysis" / "epicurve.svg").read_bytes()


def test_view_open_without_a_browser_says_so_and_succeeds(tmp_path, runner, monkeypatch):
    make_store(tmp_path, small(), {})
    monkeypatch.setattr(webbrowser, "open", lambda url, **kw: False)  # no browser on this host
    result = runner.invoke(cli, ["view", str(tmp_path), "--open"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == (f"casegraph: no browser could be opened here; "
                                              f"open {tmp_path / 'graph.html'} in one")
    assert (tmp_path / "graph.html").is_file()



def test_view_command(tmp_path, runner, monkeypatch):
    make_store(tmp_path, small(), {"d2": {(0, 5): "病例2的证据句"}})
    opened = []
    monkeypatch.setattr(webbrowser, "open", lambda url, **kw: opened.append(url) or True)
    result = runner.invoke(cli, ["view", str(tmp_path), "--focus", "病例2", "--hops", "1",
                                 "--via", "all", "--open"])
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == (f"casegraph: wrote {tmp_path / 'graph.html'} "
                                     "(3 nodes, 2 edges)")
    assert opened == [(tmp_path / "graph.html").resolve().as_uri()]
    info = page_data((tmp_path / "graph.html").read_text(encoding="utf-8"))["info"]
    case2 = next(n for n in info["nodes"] if n["name"] == "病例2")
    assert case2["sources"][0]["text"] == "病例2的证据句"  # from the store's evidence
    result = runner.invoke(cli, ["view", str(tmp_path), "--max-nodes", "2", "--type",
                                 "case,location", "--since", "2022-04-01", "-o",
                                 str(tmp_path / "p.html")])
    assert result.exit_code == 0, result.output
    assert "casegraph: the graph has 4 nodes, over the page limit of 2" in result.stderr
    assert (tmp_path / "p.html").exists()


@pytest.mark.parametrize("args, code, message", [
    (["--hops", "2"], 2, "--hops needs --focus"),
    (["--type", "person"], 2, "'person' is not one of"),
    (["--since", "2022-02-30"], 2, "not a date"),
    (["--focus", "病例9"], 1, "casegraph: error: no node named '病例9'; did you mean"),
])
def test_view_command_errors(tmp_path, monkeypatch, capsys, args, code, message):
    make_store(tmp_path, small())
    monkeypatch.setattr(sys, "argv", ["casegraph", "view", str(tmp_path), *args])
    with pytest.raises(SystemExit) as stop:
        main()
    err = capsys.readouterr().err
    assert stop.value.code == code and message in err and "Traceback" not in err
