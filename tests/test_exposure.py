"""Links that mean exposure: clusters, paths and neighbourhoods on a town of our own.

甲 and 乙 share a home; 丙 and 丁 stayed at one quarantine hotel, strangers; 戊 and 己 went to
one market a month apart; 庚 and 辛 flew on one flight on one day, 壬 on the same flight number
a week later; 癸 came from the same country as 甲; 120 people passed through one airport.
"""
from datetime import date, timedelta

import networkx as nx
import pytest

from casegraph import query as q
from casegraph.errors import QueryError
from casegraph.query.exposure import set_aside_reason, within
from casegraph.schema import RELATION_MEANING, RELATIONS


def town() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()

    def case(name, day):
        G.add_node(f"case:{name}", type="case", name=name, city="某市", diagnosis_date=day)

    def place(pid, name, **attrs):
        G.add_node(pid, type=attrs.pop("type", "location"), name=name, city="某市", **attrs)

    def link(name, pid, relation, day=None):
        G.add_edge(f"case:{name}", pid, relation, relation=relation, date=day)

    for name, day in (("甲", "2022-04-01"), ("乙", "2022-04-03"), ("丙", "2022-04-02"),
                      ("丁", "2022-04-02"), ("戊", "2022-03-01"), ("己", "2022-04-05"),
                      ("庚", "2022-04-10"), ("辛", "2022-04-11"), ("壬", "2022-04-17"),
                      ("癸", "2022-04-20")):
        case(name, day)
    place("location:家", "幸福小区3号楼", kind="building")
    place("facility:酒店", "某某酒店集中隔离点", type="facility", kind="quarantine")
    place("location:市场", "新发地市场", kind="market")
    place("location:航班", "CA1234", kind="vehicle")
    place("location:国家", "法国", kind="country")
    place("location:机场", "某市国际机场", kind="airport")
    link("甲", "location:家", "resides_at")
    link("乙", "location:家", "resides_at")
    link("丙", "facility:酒店", "isolated_at", "2022-04-01")
    link("丁", "facility:酒店", "isolated_at", "2022-04-01")
    link("戊", "location:市场", "visited", "2022-03-01")
    link("己", "location:市场", "visited", "2022-04-02")
    link("庚", "location:航班", "visited", "2022-04-09")
    link("辛", "location:航班", "visited", "2022-04-09")
    link("壬", "location:航班", "visited", "2022-04-16")
    link("甲", "location:国家", "visited")
    link("癸", "location:国家", "visited")
    for i in range(120):  # strangers through one airport
        case(f"旅客{i}", "2022-04-15")
        link(f"旅客{i}", "location:机场", "visited", "2022-04-15")
    link("甲", "location:机场", "visited", "2022-03-30")
    return G


def members(result) -> list[set[str]]:
    return [set(c["case_names"]) for c in result.clusters]


def test_every_relation_says_what_it_means_for_transmission():
    assert set(RELATION_MEANING) == set(RELATIONS)
    assert {RELATION_MEANING[r] for r in ("isolated_at", "admitted_to")} == {"care", "control"}


def test_clusters_join_a_household_and_a_same_day_flight_only():
    result = q.clusters(town())
    assert {"甲", "乙"} in members(result) and {"庚", "辛"} in members(result)
    joined = {name for group in members(result) for name in group}
    assert not joined & {"丙", "丁", "戊", "己", "壬", "癸"}  # hotel, a month apart, a week later
    assert not any(len(group) > 2 for group in members(result))  # the airport joins no one
    household = next(c for c in result.clusters if set(c["case_names"]) == {"甲", "乙"})
    assert household["links"] == [["case:甲", "case:乙", "location:家", "2022-04-01", "2022-04-03"]]


def test_a_hub_is_set_aside_and_said_so():
    result = q.clusters(town(), hub=100)
    assert result.set_aside == []  # the airport is travel context: it never joins anyone
    G = town()
    G.nodes["location:机场"]["kind"] = "mall"  # a real place, but 121 cases: a hub
    result = q.clusters(G, hub=100)
    assert result.set_aside == [{"id": "location:机场", "name": "某市国际机场", "cases": 121,
                                 "reason": "a hub tied to more than 100 cases"}]
    assert max(c["size"] for c in result.clusters) == 2
    # when asked, the 120 of 04-15 are one cluster; 甲 was there 16 days earlier: outside the window
    assert max(c["size"] for c in q.clusters(G, hub=1000).clusters) == 120


def test_a_wider_window_joins_the_market_visits():
    assert {"戊", "己"} in members(q.clusters(town(), window_days=40))


def test_path_crosses_no_quarantine_site_country_or_airport_by_default():
    G = town()
    with pytest.raises(QueryError, match="not connected by exposure links"):
        q.path(G, "丙", "丁")
    via_hotel = q.path(G, "丙", "丁", via="all")
    assert [s["to_name"] for s in via_hotel.steps] == ["某某酒店集中隔离点", "某某酒店集中隔离点"]
    with pytest.raises(QueryError):
        q.path(G, "甲", "癸")  # only a country between them
    assert len(q.path(G, "甲", "乙").steps) == 2  # their home


def test_ego_reaches_travel_context_but_walks_no_further_and_says_so():
    G = town()
    result = q.ego(G, "甲", hops=3)
    names = {n["name"] for n in result.nodes}
    assert {"乙", "幸福小区3号楼", "法国", "某市国际机场"} <= names
    assert "癸" not in names and "旅客0" not in names
    assert result.set_aside == {
        "travel context (a country, region, city, district, airport or port)": 2}
    assert len(q.ego(G, "甲", hops=3, via="all").nodes) > 120
    distance, aside = within(G, "case:丙", 2)
    assert set(distance) == {"case:丙"}
    assert aside == {"care and control links (isolated_at, admitted_to) not followed": 1}


def test_set_aside_reasons():
    G = town()
    assert set_aside_reason(G, "location:家") is None
    assert set_aside_reason(G, "location:国家").startswith("travel context")
    assert set_aside_reason(G, "facility:酒店") is None  # named: only care edges reach it
    G.add_node("facility:定点", type="facility", name="定点医院")
    assert set_aside_reason(G, "facility:定点").startswith("a generic facility")


def test_weekly_visits_to_one_market_do_not_chain_over_months():
    G = nx.MultiDiGraph()
    G.add_node("location:市场", type="location", name="新发地市场", kind="market")
    for week in range(6):  # a visit every 7 days: each within the window of the last
        G.add_node(f"case:{week}", type="case", name=f"病例{week}")
        day = date(2022, 4, 1) + timedelta(days=7 * week)
        G.add_edge(f"case:{week}", "location:市场", "visited", relation="visited",
                   date=day.isoformat())
    sizes = sorted(c["size"] for c in q.clusters(G).clusters)
    assert sizes == [3, 3]  # 04-01, 04-08, 04-15 | 04-22, 04-29, 05-06 would be a chain of 6
