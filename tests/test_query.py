"""Queries over a small merged graph made here: answers, near matches, JSON round trips."""
from __future__ import annotations

import json

import networkx as nx
import pytest

from casegraph import query as q
from casegraph.errors import QueryError
from casegraph.merge import fragment, merge
from casegraph.query.output import render


def doc(doc_id, city, date, nodes, edges=()):
    G = nx.MultiDiGraph(doc=doc_id, city=city, date=date, date_source="given")
    for i, (ntype, name, attrs) in enumerate(nodes):
        G.add_node(f"{ntype}:{name}", type=ntype, name=name,
                   sources=[{"doc": doc_id, "start": i, "end": i + 1}], **attrs)
    for u, v, relation, attrs in edges:
        G.add_edge(u, v, key=relation, relation=relation,
                   sources=[{"doc": doc_id, "start": 0, "end": 1}], **attrs)
    return G


@pytest.fixture(scope="module")
def G() -> nx.MultiDiGraph:
    d1 = doc("b1", "北京", "2022-04-14", [
        ("case", "感染者1", {"district": "丰台区", "onset_date": "2022-04-10"}),
        ("case", "感染者2", {"district": "丰台区", "diagnosis_date": "2022-04-13"}),
        ("case", "感染者3", {"district": "海淀区"}),
        ("location", "丰台区东铁匠营街道X小区1号楼", {}),
        ("location", "Y超市", {"district": "海淀区"}),
        ("facility", "定点医院", {}),
    ], [
        ("case:感染者1", "case:感染者2", "close_contact", {"date": "2022-04-08"}),
        ("case:感染者2", "case:感染者3", "close_contact", {"date": "2022-04-12"}),
        ("case:感染者1", "location:丰台区东铁匠营街道X小区1号楼", "resides_at", {}),
        ("case:感染者3", "location:Y超市", "visited", {"date": "2022-04-11"}),
        ("case:感染者2", "facility:定点医院", "admitted_to", {"date": "2022-04-13"}),
    ])
    d2 = doc("b2", "北京", "2022-04-15", [
        ("case", "感染者4", {}), ("location", "Y超市", {}), ("facility", "定点医院", {}),
        ("case", "感染者9", {}),
    ], [
        ("case:感染者4", "location:Y超市", "visited", {"date": "2022-04-12"}),
        ("case:感染者4", "facility:定点医院", "admitted_to", {"date": "2022-04-15"}),
        ("case:感染者9", "facility:定点医院", "admitted_to", {"date": "2022-04-15"}),
    ])
    d3 = doc("h1", "淮安", "2020-01-24", [("facility", "定点医院", {}), ("case", "患者1", {})],
             [("case:患者1", "facility:定点医院", "admitted_to", {})])
    return merge(fragment(d1), fragment(d2), fragment(d3))


def roundtrip(result):
    assert q.result_from_dict(json.loads(render(result, as_json=True))) == result
    assert render(result).strip()
    return result


def test_chain_goes_upstream_and_downstream_with_dates(G):
    result = roundtrip(q.chain(G, "感染者2"))
    assert [(l["from_name"], l["to_name"], l["date"]) for l in result.upstream] == \
        [("感染者1", "感染者2", "2022-04-08")]
    assert [(l["from_name"], l["to_name"], l["depth"]) for l in result.downstream] == \
        [("感染者2", "感染者3", 1)]
    assert [l["to_name"] for l in q.chain(G, "感染者1").downstream] == ["感染者2", "感染者3"]
    assert q.chain(G, "感染者1", max_depth=1).downstream[-1]["to_name"] == "感染者2"


def test_path_shows_each_edge_in_its_direction(G):
    shortest = roundtrip(q.path(G, "感染者1", "感染者4", via="all"))
    assert [s["to_name"] for s in shortest.steps] == ["感染者2", "定点医院", "定点医院"]
    exposure = roundtrip(q.path(G, "感染者1", "感染者4"))  # no designated hospital between
    assert [s["to_name"] for s in exposure.steps] == ["感染者2", "感染者3", "Y超市", "Y超市"]
    result = roundtrip(q.path(G, "感染者1", "感染者4", relations=["close_contact", "visited"]))
    assert [(s["from_name"], s["relation"], s["to_name"]) for s in result.steps] == \
        [("感染者1", "close_contact", "感染者2"), ("感染者2", "close_contact", "感染者3"),
         ("感染者3", "visited", "Y超市"), ("感染者4", "visited", "Y超市")]
    assert [s["arrow"] for s in result.steps] == ["->", "->", "->", "<-"]
    with pytest.raises(QueryError, match="not connected"):
        q.path(G, "感染者1", "患者1", relations=["close_contact"])


def test_clusters_join_cases_by_contact_and_shared_places(G):
    result = roundtrip(q.clusters(G))
    biggest = result.clusters[0]
    assert biggest["size"] == 4 and biggest["rank"] == 1
    assert biggest["place_names"] == ["Y超市"]  # 定点医院 is generic and joins no one
    assert (biggest["first_date"], biggest["last_date"]) == ("2022-04-08", "2022-04-15")
    assert all("感染者9" not in c["case_names"] for c in result.clusters)
    assert q.clusters(G, window_days=0).clusters[0]["size"] == 3  # 04-11 vs 04-12 too far


def test_place_by_any_spelling_lists_cases_and_places_inside(G):
    result = roundtrip(q.place(G, "丰台区东铁匠营街道X小区1号楼"))
    assert [c["case_name"] for c in result.cases] == ["感染者1"]
    assert result.places[0]["id"] == "location:北京:X小区1号楼"
    district = roundtrip(q.place(G, "东铁匠营街道"))
    assert [p["name"] for p in district.inside] == ["X小区1号楼"]
    assert [c["case_name"] for c in district.cases] == ["感染者1"]
    assert [c["case_name"] for c in q.place(G, "X小区").cases] == ["感染者1"]
    assert [p["name"] for p in q.place(G, "海淀区").inside] == ["Y超市"]  # by its district
    assert q.place(G, "北京市丰台区东铁匠营街道X小区1号楼").places == result.places
    hospital = q.place(G, "定点医院", city="北京")
    assert [c["case_name"] for c in hospital.cases] == ["感染者2", "感染者4", "感染者9"]
    assert len(q.place(G, "定点医院").places) == 2  # one per city


def test_timeline_orders_every_dated_fact_with_its_evidence(G):
    result = roundtrip(q.timeline(G, "感染者2", evidence=lambda s: f"sentence {s['start']}"))
    facts = [(e["date"], e["fact"]) for e in result.events]
    assert facts == [("2022-04-08", "close_contact"), ("2022-04-12", "close_contact"),
                     ("2022-04-13", "diagnosis"), ("2022-04-13", "admitted_to"),
                     ("2022-04-14", "reported")]
    assert facts == sorted(facts, key=lambda f: f[0])
    assert result.events[0]["sentence"] == "sentence 0"
    assert result.events[0]["detail"] == "<- 感染者1"


def test_ego_within_hops(G):
    result = roundtrip(q.ego(G, "感染者3", hops=1))
    assert {n["name"]: n["distance"] for n in result.nodes} == \
        {"感染者3": 0, "感染者2": 1, "Y超市": 1}
    assert len(q.ego(G, "感染者3", hops=0).nodes) == 1
    assert {e["relation"] for e in result.edges} == {"close_contact", "visited"}


def test_find_by_substring_and_fuzzy(G):
    result = roundtrip(q.find(G, "X小区"))
    assert result.matches[0]["name"] == "X小区1号楼"
    assert q.find(G, "感染者", types=["case"]).matches[0]["type"] == "case"
    assert q.find(G, "感染着1").matches[0]["name"] == "感染者1"  # a typo still finds it
    with pytest.raises(QueryError, match="nothing matches"):
        q.find(G, "完全无关的文字ZZZ")


def test_stats_counts(G):
    result = roundtrip(q.stats(G))
    assert result.documents == 3
    assert result.by_type == {"case": 6, "facility": 2, "location": 2}
    assert result.cases_by_city == {"北京": 5, "淮安": 1}
    assert result.top_places[0]["name"] == "定点医院" and result.top_places[0]["cases"] == 3
    assert result.cases_by_date == {"2020-01-24": 1, "2022-04-14": 3, "2022-04-15": 2}


def test_a_name_that_matches_nothing_suggests_near_matches(G):
    with pytest.raises(QueryError, match="no case named '感染者7'; did you mean: .*感染者1"):
        q.chain(G, "感染者7")
    with pytest.raises(QueryError, match="no place named"):
        q.place(G, "不存在的地方")


def test_an_ambiguous_name_lists_the_ids(G):
    with pytest.raises(QueryError, match="names 2 nodes: facility:北京:定点医院, facility:淮安:定点医院"):
        q.ego(G, "定点医院")
    assert q.ego(G, "facility:淮安:定点医院").center["city"] == "淮安"


def test_timeline_cites_the_sentence_that_states_each_fact():
    G = nx.MultiDiGraph()
    sentences = {(0, 10): "病例1：男，30岁，现住某小区。", (10, 30): "4月13日出现发热症状。",
                 (30, 50): "4月14日核酸检测结果阳性。", (50, 70): "4月15日诊断为确诊病例。"}
    G.add_node("case:1", type="case", name="病例1", onset_date="2022-04-13",
               positive_date="2022-04-14", diagnosis_date="2022-04-15",
               sources=[{"doc": "d", "date": "2022-04-16", "start": a, "end": b} for a, b in sentences])
    result = q.timeline(G, "病例1", evidence=lambda s: sentences[s["start"], s["end"]])
    cited = {e["fact"]: e["sentence"] for e in result.events}
    assert cited["onset"] == "4月13日出现发热症状。"
    assert cited["positive"] == "4月14日核酸检测结果阳性。"
    assert cited["diagnosis"] == "4月15日诊断为确诊病例。"
    assert cited["reported"].count(" / ") == 3  # the report cites every sentence of the case


def test_a_source_date_that_is_not_text_is_passed_over_not_compared(G):
    """Found by the hostile store trials: a hand-edited store whose source holds a number as
    its date passes the store's checks; clusters and stats must not crash on it."""
    case = next(n for n, d in G.nodes(data=True) if d.get("type") == "case")
    G.nodes[case]["sources"] = [{"doc": "d1", "date": 1, "start": 0, "end": 5},
                                {"doc": "d1", "date": "2022-04-13", "start": 5, "end": 9}]
    for key in ("diagnosis_date", "positive_date", "onset_date"):
        G.nodes[case].pop(key, None)
    assert q.clusters(G).clusters and q.stats(G)
    from casegraph.export.epicontacts import case_rows
    row = next(r for r in case_rows(G)[1] if r["id"] == case)
    assert row["report_date"] == "2022-04-13"
