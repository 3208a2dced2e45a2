"""Entity resolution and the associative merge, on small hand-made per-document graphs."""
from __future__ import annotations

import itertools

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casegraph.merge import GAP_DAYS, Merger, fragment, label_scope, merge, place_key
from casegraph.store import dumps


def doc(doc_id: str, city: str | None, date: str | None, nodes=(), edges=()) -> nx.MultiDiGraph:
    """A per-document graph as the extractor makes it: ``nodes`` are (type, name, attrs)."""
    G = nx.MultiDiGraph(doc=doc_id, city=city, date=date, date_source="given")
    for i, (ntype, name, attrs) in enumerate(nodes):
        G.add_node(f"{ntype}:{name}", type=ntype, name=name,
                   sources=[{"doc": doc_id, "start": 10 * i, "end": 10 * i + 9}], **attrs)
    for u, v, relation, attrs in edges:
        G.add_edge(u, v, key=relation, relation=relation,
                   sources=[{"doc": doc_id, "start": 0, "end": 5}], **attrs)
    return G


def merged(*graphs: nx.MultiDiGraph) -> nx.MultiDiGraph:
    return merge(*(fragment(g) for g in graphs))


def case(name: str, **attrs):
    return ("case", name, attrs)


def cases(G: nx.MultiDiGraph) -> list[str]:
    return sorted(n for n, d in G.nodes(data=True) if d["type"] == "case")


# --- cases ------------------------------------------------------------------------------------

def test_city_label_names_one_person_across_bulletins():
    a = doc("b1", "北京", "2022-04-14", [case("感染者128", age=45, district="丰台区")])
    b = doc("b2", "北京", "2022-04-15", [case("感染者128", sex="M")])
    G = merged(a, b)
    assert cases(G) == ["case:北京:感染者128"]
    node = G.nodes["case:北京:感染者128"]
    assert (node["age"], node["sex"], node["city"]) == (45, "M", "北京")
    assert [(s["doc"], s["date"]) for s in node["sources"]] == [("b1", "2022-04-14"),
                                                                ("b2", "2022-04-15")]
    assert node["merged_by"] == ["label 感染者128 names one person across 北京 bulletins"]


def test_city_label_in_another_city_is_someone_else():
    G = merged(doc("b1", "北京", "2022-04-14", [case("感染者1")]),
               doc("t1", "天津", "2022-04-14", [case("感染者1")]))
    assert cases(G) == ["case:北京:感染者1", "case:天津:感染者1"]


def test_restarted_label_months_later_is_a_new_person():
    G = merged(doc("b1", "北京", "2022-01-10", [case("感染者1")]),
               doc("b2", "北京", "2022-01-20", [case("感染者1")]),
               doc("b3", "北京", "2022-06-10", [case("感染者1")]))
    assert cases(G) == ["case:北京:感染者1", "case:北京:感染者1#2"]
    first, second = G.nodes["case:北京:感染者1"], G.nodes["case:北京:感染者1#2"]
    assert {s["doc"] for s in first["sources"]} == {"b1", "b2"}
    assert {s["doc"] for s in second["sources"]} == {"b3"}
    assert second["split_from"] == "case:北京:感染者1"
    assert f"more than {GAP_DAYS}" in second["split_reason"]


def test_conflicting_sex_keeps_two_people_apart():
    G = merged(doc("b1", "北京", "2022-04-14", [case("感染者5", sex="M")]),
               doc("b2", "北京", "2022-04-16", [case("感染者5", sex="F")]))
    assert cases(G) == ["case:北京:感染者5", "case:北京:感染者5#2"]
    assert G.nodes["case:北京:感染者5#2"]["split_reason"] == "sex differs (M vs F)"


def test_small_age_difference_is_kept_and_flagged_not_overwritten():
    G = merged(doc("b1", "北京", "2022-04-14", [case("感染者5", age=45)]),
               doc("b2", "北京", "2022-04-16", [case("感染者5", age=46)]))
    node = G.nodes["case:北京:感染者5"]
    assert node["age"] == 46  # the latest bulletin's value
    assert node["conflicts"] == {"age": [45, 46]}
    assert node["values"]["age"] == [{"value": 45, "doc": "b1"}, {"value": 46, "doc": "b2"}]


def test_daily_list_label_is_a_new_person_in_each_bulletin():
    G = merged(doc("s1", "上海", "2022-04-01", [case("病例1", age=30)]),
               doc("s2", "上海", "2022-04-02", [case("病例1", age=30)]))
    assert cases(G) == ["case:上海:2022-04-01:病例1", "case:上海:2022-04-02:病例1"]


def test_two_lists_of_one_date_never_share_a_person():
    G = merged(doc("s1", "上海", "2022-03-14", [case("无症状感染者1")]),
               doc("s2", "上海", "2022-03-14", [case("无症状感染者1")]))
    assert len(cases(G)) == 2


def test_dated_reference_joins_the_case_of_that_bulletin():
    earlier = doc("x19", "西安", "2021-12-19", [case("本土确诊病例7", age=36, sex="F")])
    today = doc("x21", "西安", "2021-12-21",
                [case("本土确诊病例2", age=45), case("12月19日本土确诊病例7"),
                 case("本土确诊病例7", age=60)],
                [("case:12月19日本土确诊病例7", "case:本土确诊病例2", "close_contact",
                  {"date": "2021-12-19"})])
    G = merged(today, earlier)
    source = "case:西安:2021-12-19:本土确诊病例7"
    assert G.nodes[source]["name"] == "本土确诊病例7"
    assert G.nodes[source]["aliases"] == ["12月19日本土确诊病例7"]
    assert G.nodes[source]["age"] == 36
    assert G.has_edge(source, "case:西安:2021-12-21:本土确诊病例2", "close_contact")
    assert G.nodes["case:西安:2021-12-21:本土确诊病例7"]["age"] == 60  # today's 病例7 apart
    assert any("dated reference" in r for r in G.nodes[source]["merged_by"])


def test_december_reference_in_a_january_bulletin_is_the_year_before():
    G = merged(doc("x0102", "西安", "2022-01-02", [case("12月29日本土确诊病例126")]),
               doc("x1229", "西安", "2021-12-29", [case("本土确诊病例126")]))
    assert cases(G) == ["case:西安:2021-12-29:本土确诊病例126"]


def test_reference_to_a_bulletin_not_in_the_store_stays_a_named_stub():
    G = merged(doc("x21", "西安", "2021-12-21", [case("12月15日本土确诊病例2")]))
    node = G.nodes["case:西安:2021-12-15:本土确诊病例2"]
    assert node["name"] == "12月15日本土确诊病例2"


def test_reclassified_case_is_one_person_under_its_latest_label():
    G = merged(doc("x17", "西安", "2021-12-17", [case("本土无症状感染者1", status="asymptomatic")]),
               doc("x21", "西安", "2021-12-21",
                   [case("本土确诊病例37", status="confirmed",
                         aliases=["12月17日本土无症状感染者1"])]))
    assert len(cases(G)) == 1
    node = G.nodes[cases(G)[0]]
    assert node["name"] == "本土确诊病例37"
    assert node["status"] == "confirmed"
    assert node["conflicts"] == {"status": ["asymptomatic", "confirmed"]}


def test_surname_labels_and_unknown_cities_stay_in_their_document():
    G = merged(doc("a", "北京", "2020-01-26", [case("王某某")]),
               doc("b", "北京", "2020-01-27", [case("王某某")]),
               doc("c", None, "2022-04-14", [case("感染者1")]),
               doc("d", None, "2022-04-15", [case("感染者1")]))
    assert len(cases(G)) == 4


def test_label_scopes_come_from_the_table():
    assert label_scope("感染者128") == "city"
    assert label_scope("本土确诊病例7") == "bulletin"
    assert label_scope("无症状感染者5325") == "bulletin"
    assert label_scope("患者杨某") == "document"


# --- places -----------------------------------------------------------------------------------

def place(name: str, ptype: str = "location", **attrs):
    return (ptype, name, attrs)


def test_one_place_under_three_spellings_with_its_admin_path():
    G = merged(doc("b1", "北京", "2022-04-14", [place("东木樨园14号楼")]),
               doc("b2", "北京", "2022-04-15", [place("东铁匠营街道东木樨园14号楼")]),
               doc("b3", "北京", "2022-04-16", [place("丰台区东铁匠营街道东木樨园14号楼")]))
    assert list(G.nodes) == ["location:北京:东木樨园14号楼"]
    node = G.nodes["location:北京:东木樨园14号楼"]
    assert node["full_name"] == "丰台区东铁匠营街道东木樨园14号楼"
    assert node["admin_path"] == ["北京", "丰台区", "东铁匠营街道", "东木樨园14号楼"]
    assert node["district"] == "丰台区"
    assert set(node["aliases"]) == {"东铁匠营街道东木樨园14号楼", "丰台区东铁匠营街道东木樨园14号楼"}


def test_same_place_name_in_two_cities_is_two_places():
    G = merged(doc("h1", "淮安", "2020-01-24", [place("人民医院", "facility")]),
               doc("b1", "北京", "2020-01-24", [place("人民医院", "facility")]))
    assert sorted(G.nodes) == ["facility:北京:人民医院", "facility:淮安:人民医院"]


def test_generic_facility_is_one_per_city_across_bulletins():
    G = merged(doc("b1", "北京", "2022-04-14", [place("定点医院", "facility")]),
               doc("b2", "北京", "2022-09-14", [place("定点医院", "facility")]),
               doc("s1", "上海", "2022-04-14", [place("定点医院", "facility")]))
    assert sorted(G.nodes) == ["facility:上海:定点医院", "facility:北京:定点医院"]


def test_same_name_in_two_districts_is_two_places():
    G = merged(doc("b1", "北京", "2022-04-14", [place("朝阳区幸福小区")]),
               doc("b2", "北京", "2022-04-15", [place("海淀区幸福小区")]))
    assert len(G) == 2


def test_short_forms_of_one_place_are_one_node():
    G = merged(doc("s1", "上海", "2020-03-20", [place("上海浦东国际机场"), place("浦东新区幸福家园天平路8弄")]),
               doc("s2", "上海", "2020-03-21", [place("浦东机场"), place("天平路8弄")]),
               doc("b1", "北京", "2022-05-01", [place("海淀区友谊社区")]),
               doc("b2", "北京", "2022-05-02", [place("海淀友谊社区")]))
    assert sorted(G.nodes) == ["location:上海:天平路8弄", "location:上海:浦东机场",
                               "location:北京:友谊社区"]
    assert G.nodes["location:北京:友谊社区"]["district"] == "海淀区"
    assert "conflicts" not in G.nodes["location:北京:友谊社区"]
    assert G.nodes["location:上海:浦东机场"]["full_name"] == "上海浦东国际机场"


def test_short_district_names_are_taken_only_before_a_residential_name():
    G = merged(doc("b1", "北京", "2022-05-01", [place("朝阳门外大街"), place("门外大街")]),
               doc("x1", "西安", "2022-01-01", [place("长安国际酒店"), place("国际酒店")]),
               doc("h1", "淮安", "2020-02-01", [place("淮安"), place("淮安区")]))
    assert len(G) == 6


@pytest.mark.parametrize("name, key", [
    ("阳光小区3号楼", "阳光小区3号楼"),  # 小区 is no district
    ("岳各庄市场", "岳各庄市场"),  # 市 + 场 is a market
    ("物美超市五棵松店", "物美超市五棵松店"),
    ("上海市浦东新区昌里路100弄", "昌里路100弄"),
    ("咸阳市渭城区", "渭城区"),  # nothing but admin units: the last one stays
    ("北京大兴国际机场", "大兴机场"),  # 大兴 stays: 国际机场 is no name by itself
    ("嘉定工业区草庵村", "嘉定工业区草庵村"),  # 嘉定 is no district before 工业区
    ("阳光花园3号楼", "阳光花园3号楼"),  # no street address after the compound
    ("幸福小区东区5号楼", "幸福小区东区5号楼"),  # the compound's east part is no district
    ("河东区康宁大药房", "康宁大药房"),  # 天津's 河东区 is one
])
def test_place_key_drops_only_administrative_units(name, key):
    city = {"北京": "北京", "嘉定": "上海", "河东": "天津", "幸福": "天津"}.get(name[:2])
    assert place_key(name, city)[0] == key


def test_buildings_of_two_compounds_parts_stay_apart():
    G = merged(doc("t1", "天津", "2022-01-10", [place("金桥花园东区3号楼")]),
               doc("t2", "天津", "2022-01-11", [place("银河花园西区3号楼")]),
               doc("t3", "天津", "2022-01-12", [place("河西区康宁大药房"), place("康宁大药房")]))
    assert sorted(G.nodes) == ["location:天津:康宁大药房", "location:天津:金桥花园东区3号楼",
                               "location:天津:银河花园西区3号楼"]


# --- edges and provenance -----------------------------------------------------------------------

def test_edges_keep_every_source_and_the_first_date():
    a = doc("b1", "北京", "2022-04-14", [case("感染者1"), place("超市X")],
            [("case:感染者1", "location:超市X", "visited", {"date": "2022-04-10"})])
    b = doc("b2", "北京", "2022-04-15", [case("感染者1"), place("超市X")],
            [("case:感染者1", "location:超市X", "visited", {"date": "2022-04-08"})])
    G = merged(a, b)
    edge = G.edges["case:北京:感染者1", "location:北京:超市X", "visited"]
    assert edge["date"] == "2022-04-08"
    assert [s["doc"] for s in edge["sources"]] == ["b1", "b2"]
    assert edge["conflicts"] == {"date": ["2022-04-08", "2022-04-10"]}


def test_every_node_carries_type_name_city_and_dated_sources():
    G = merged(doc("b1", "北京", "2022-04-14", [case("感染者1"), place("X小区")]))
    for _node, data in G.nodes(data=True):
        assert {"type", "name", "city", "sources"} <= set(data)
        assert all(set(s) == {"doc", "date", "start", "end"} for s in data["sources"])


# --- algebra ----------------------------------------------------------------------------------

def corpus():
    return [
        doc("b1", "北京", "2022-04-14", [case("感染者1", age=30), case("感染者2"),
                                         place("丰台区X小区")],
            [("case:感染者1", "case:感染者2", "close_contact", {"date": "2022-04-10"}),
             ("case:感染者2", "location:丰台区X小区", "resides_at", {})]),
        doc("b2", "北京", "2022-04-15", [case("感染者2", age=40), place("X小区")],
            [("case:感染者2", "location:X小区", "resides_at", {})]),
        doc("b3", "北京", "2022-08-15", [case("感染者1", age=70)]),
        doc("x1", "西安", "2021-12-21", [case("本土确诊病例1"), case("12月20日本土确诊病例3")],
            [("case:12月20日本土确诊病例3", "case:本土确诊病例1", "close_contact", {})]),
        doc("x0", "西安", "2021-12-20", [case("本土确诊病例3", sex="F")]),
    ]


def test_merge_is_associative_commutative_and_idempotent():
    frags = [fragment(g) for g in corpus()]
    expected = dumps(merge(*frags))
    for order in itertools.permutations(frags[:4]):
        assert dumps(merge(*order, frags[4])) == expected
    a, b, c = merge(*frags[:2]), merge(frags[2]), merge(*frags[3:])
    assert dumps(merge(a, merge(b, c))) == dumps(merge(merge(a, b), c)) == expected
    assert dumps(merge(merge(*frags), merge(*frags))) == expected


def test_merger_on_document_graphs_equals_merging_fragments():
    merger = Merger()
    for g in reversed(corpus()):
        merger.add_document_graph(g)
    assert dumps(merger.graph) == dumps(merge(*(fragment(g) for g in corpus())))


def test_merge_leaves_its_inputs_alone():
    frags = [fragment(g) for g in corpus()]
    before = [dumps(f) for f in frags]
    merge(*frags)
    assert [dumps(f) for f in frags] == before


def test_removing_a_document_gives_the_graph_without_it():
    graphs = corpus()
    merger = Merger()
    for g in graphs:
        merger.add_document_graph(g)
    merger.remove_documents(["b2", "x0"])
    rest = [g for g in graphs if g.graph["doc"] not in ("b2", "x0")]
    assert dumps(merger.graph) == dumps(merged(*rest))


LABELS = ["感染者1", "感染者2", "病例1", "病例2", "12月30日病例1", "1月2日病例2", "王某某"]
PLACES = ["X小区", "丰台区X小区", "Y大厦", "朝阳区Y大厦", "定点医院"]
DATES = ["2021-12-30", "2021-12-31", "2022-01-02", "2022-01-03", "2022-04-01", "2022-09-01"]


@st.composite
def documents(draw, doc_id):
    city = draw(st.sampled_from(["北京", "上海"]))
    date = draw(st.sampled_from(DATES))
    labels = draw(st.lists(st.sampled_from(LABELS), max_size=3, unique=True))
    places = draw(st.lists(st.sampled_from(PLACES), max_size=2, unique=True))
    nodes = [case(l, **draw(st.fixed_dictionaries({}, optional={
        "age": st.sampled_from([30, 31, 50]), "sex": st.sampled_from(["M", "F"])}))) for l in labels]
    nodes += [place(p, "facility" if p == "定点医院" else "location") for p in places]
    edges = []
    for a, b in zip(labels, labels[1:]):
        edges.append((f"case:{a}", f"case:{b}", "close_contact",
                      {"date": draw(st.sampled_from(DATES))}))
    for label in labels:
        for p in places:
            if draw(st.booleans()):
                kind = "facility" if p == "定点医院" else "location"
                edges.append((f"case:{label}", f"{kind}:{p}", "visited", {}))
    return doc(doc_id, city, date, nodes, edges)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(0, 10 ** 6), min_size=3, max_size=5).flatmap(
    lambda seeds: st.tuples(*(documents(f"d{i}") for i in range(len(seeds))))),
       st.randoms(use_true_random=False))
def test_any_grouping_and_order_gives_the_same_graph(graphs, rnd):
    frags = [fragment(g) for g in graphs]
    expected = dumps(merge(*frags))
    shuffled = list(frags)
    rnd.shuffle(shuffled)
    cut = rnd.randint(1, len(shuffled) - 1)
    assert dumps(merge(merge(*shuffled[:cut]), merge(*shuffled[cut:]))) == expected
    merger = Merger()
    for g in reversed(graphs):
        merger.add_document_graph(g)
    assert dumps(merger.graph) == expected


def test_admin_path_takes_the_district_the_extractor_gave():
    G = merged(doc("b1", "北京", "2022-04-14", [place("东木樨园14号楼", district="丰台区")]))
    assert G.nodes["location:北京:东木樨园14号楼"]["admin_path"] == ["北京", "丰台区", "东木樨园14号楼"]
