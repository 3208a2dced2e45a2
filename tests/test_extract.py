"""The extractor on small bulletins written for these tests (never corpus text)."""
from __future__ import annotations

import json

import networkx as nx
import pytest

import casegraph
from casegraph.extract.attributes import read_attributes
from casegraph.extract.dates import DateResolver, date_from_text
from casegraph.extract.places import facility_of, strip_admin
from casegraph.extract.sentences import split_sentences

BULLETIN = (
    "5月2日0时至16时，某市新增本土感染者2例。\n"
    "感染者31：男，45岁，现住丰台区东铁匠营街道青松园7号楼，工作地点为海淀区学院路8号星河大厦C座。"
    "4月30日作为感染者12的密切接触者进行集中隔离，5月1日出现发热症状，当日报告核酸检测结果为阳性，"
    "已转至定点医院，5月2日诊断为确诊病例，临床分型为普通型。\n"
    "感染者32：女，30岁，现住朝阳区。4月28日乘坐CA1234航班自成都抵京，4月29日前往朝阳区金台路"
    "福满楼饭店就餐，5月1日核酸检测结果为阳性，当日诊断为无症状感染者。已判定密接6人。\n"
)


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return casegraph.extract(BULLETIN, city="北京", date="2022-05-02", doc_id="t1")


def edge(G, source, target, relation):
    return G.edges[f"case:{source}", target, relation]


def test_every_node_type(graph):
    types = {data["type"] for _, data in graph.nodes(data=True)}
    assert types == {"case", "contact", "location", "facility"}


def test_case_attributes(graph):
    case = graph.nodes["case:感染者31"]
    assert (case["sex"], case["age"], case["district"]) == ("M", 45, "丰台区")
    assert case["status"] == "confirmed" and case["severity"] == "moderate"
    assert (case["onset_date"], case["positive_date"], case["diagnosis_date"]) == (
        "2022-05-01", "2022-05-01", "2022-05-02")
    other = graph.nodes["case:感染者32"]
    assert other["status"] == "asymptomatic" and other["sex"] == "F" and other["age"] == 30


def test_residence_strips_admin_units(graph):
    home = graph.nodes["location:青松园7号楼"]
    assert home["district"] == "丰台区"
    assert graph.has_edge("case:感染者31", "location:青松园7号楼", "resides_at")


def test_district_only_residence_is_an_attribute(graph):
    assert graph.nodes["case:感染者32"]["district"] == "朝阳区"
    assert not any(r == "resides_at" for _, _, r in graph.out_edges("case:感染者32", keys=True))


def test_work_place_drops_road_prefix(graph):
    assert graph.has_edge("case:感染者31", "location:星河大厦C座", "works_at")


def test_close_contact_direction_and_date(graph):
    data = graph.edges["case:感染者12", "case:感染者31", "close_contact"]
    assert data["date"] == "2022-04-30"


def test_isolation_and_admission_use_generic_facilities(graph):
    assert edge(graph, "感染者31", "facility:集中隔离点", "isolated_at")["date"] == "2022-04-30"
    assert graph.has_edge("case:感染者31", "facility:定点医院", "admitted_to")
    assert graph.nodes["facility:定点医院"]["kind"] == "designated_hospital"


def test_travel_vehicle_and_visits(graph):
    assert edge(graph, "感染者32", "location:CA1234航班", "visited")["date"] == "2022-04-28"
    assert graph.nodes["location:CA1234航班"]["kind"] == "vehicle"
    assert edge(graph, "感染者32", "location:成都", "visited")["date"] == "2022-04-28"
    assert edge(graph, "感染者32", "location:福满楼饭店", "visited")["date"] == "2022-04-29"


def test_counted_contacts(graph):
    contact = next(n for n, d in graph.nodes(data=True) if d["type"] == "contact")
    assert graph.nodes[contact]["count"] == 6
    assert graph.has_edge("case:感染者32", contact, "has_contacts")


def test_provenance_on_every_node_and_edge(graph):
    for _, data in graph.nodes(data=True):
        assert data["sources"], data
        for source in data["sources"]:
            assert source["doc"] == "t1" and 0 <= source["start"] < source["end"] <= len(BULLETIN)
    for _, _, data in graph.edges(data=True):
        assert data["sources"]
    source = graph.nodes["location:青松园7号楼"]["sources"][0]
    assert "青松园7号楼" in BULLETIN[source["start"]:source["end"]]


def test_node_link_round_trip(graph):
    data = json.loads(json.dumps(nx.node_link_data(graph, edges="edges"), ensure_ascii=False))
    back = nx.node_link_graph(data, edges="edges")
    assert nx.utils.graphs_equal(graph, back)


def test_same_person_told_twice_is_one_node():
    text = ("感染者7：现住海淀区花园路3号院，4月2日报告核酸检测结果为阳性。\n"
            "发布会上，海淀区副区长介绍，4月2日海淀区新增1例确诊病例。该病例曾前往海淀区美食城就餐。")
    G = casegraph.extract(text, city="北京", date="2022-04-03")
    cases = [n for n, d in G.nodes(data=True) if d["type"] == "case"]
    assert cases == ["case:感染者7"]
    assert G.has_edge("case:感染者7", "location:美食城", "visited")


def test_earlier_bulletin_case_is_kept_apart():
    text = ("本土确诊病例7，女，36岁，现居西安市雁塔区。\n"
            "本土确诊病例8，男，40岁，现居西安市未央区，系12月19日本土确诊病例7的密切接触者。")
    G = casegraph.extract(text, city="西安", date="2021-12-21")
    assert G.has_edge("case:12月19日本土确诊病例7", "case:本土确诊病例8", "close_contact")
    assert not G.has_edge("case:本土确诊病例7", "case:本土确诊病例8", "close_contact")
    assert G.nodes["case:本土确诊病例7"]["district"] == "雁塔区"


def test_label_groups_and_ranges():
    text = "感染者40、41：现住丰台区方庄街道芳城园二区3号楼。4月3日报告核酸检测结果为阳性。"
    G = casegraph.extract(text, city="北京", date="2022-04-04")
    for name in ("感染者40", "感染者41"):
        assert G.has_edge(f"case:{name}", "location:芳城园二区3号楼", "resides_at")


def test_list_style_ranges_give_case_site_districts():
    text = "病例1—病例3，居住于浦东新区，病例4、病例5，居住于黄浦区，均为隔离管控人员。"
    G = casegraph.extract(text, city="上海", date="2022-04-02")
    assert not [n for n, d in G.nodes(data=True) if d["type"] == "case"]
    assert G.nodes["location:浦东新区"]["case_site"] is True
    assert G.nodes["location:黄浦区"]["case_site"] is True


def test_unlabeled_single_case():
    text = "52岁，男，长期在外地务工，1月19日回到本市，1月20日发热，1月23日入本市第一人民医院。"
    G = casegraph.extract(text, city="淮安", date="2020-01-24")
    (case,) = [d for _, d in G.nodes(data=True) if d["type"] == "case"]
    assert case["unlabeled"] is True and case["age"] == 52 and case["sex"] == "M"
    assert case["onset_date"] == "2020-01-20"


def test_announced_single_case_without_label():
    text = ("2022年3月1日0—24时，新增境外输入性无症状感染者1例。\n"
            "该无症状感染者为中国籍，自新加坡出发，于2022年2月26日抵达上海浦东国际机场，入关后即被集中隔离观察。\n"
            "该境外输入性无症状感染者已转至定点医疗机构。")
    G = casegraph.extract(text, city="上海", date="2022-03-02")
    (nid,) = [n for n, d in G.nodes(data=True) if d["type"] == "case"]
    assert G.nodes[nid]["unlabeled"] is True and G.nodes[nid]["status"] == "asymptomatic"
    assert G.edges[nid, "location:上海浦东国际机场", "visited"]["date"] == "2022-02-26"
    assert any(d["type"] == "facility" and "定点" in d["name"] for _, d in G.nodes(data=True))


def test_admission_for_medical_observation_is_an_admission():
    """``已转至定点医疗机构医学观察`` (asymptomatic cases) is admitted_to, as ``…救治`` is."""
    text = ("无症状感染者1为中国籍，自泰国出发，于2022年3月5日抵达上海浦东国际机场，入关后即被集中隔离观察。\n"
            "无症状感染者2为中国籍，自香港出发，于2022年3月6日抵达上海浦东国际机场，入关后即被集中隔离观察。\n"
            "2例境外输入性无症状感染者已转至定点医疗机构医学观察。")
    G = casegraph.extract(text, city="上海", date="2022-03-07")
    for case in ("case:无症状感染者1", "case:无症状感染者2"):
        (hospital,) = [v for _u, v, k in G.out_edges(case, keys=True) if k == "admitted_to"]
        assert G.nodes[hospital]["kind"] == "designated_hospital"


def test_quarantine_told_after_counted_contacts_is_the_contacts():
    """``已追踪同航班密切接触者75人，均已落实集中隔离观察``: the contacts are quarantined, not
    the cases; ``作为感染者9的密切接触者进行集中隔离``: the case is."""
    text = ("病例1为中国籍，自英国出发，于2022年3月5日抵达上海浦东国际机场，入关后即被送至定点医疗机构。\n"
            "病例2为中国籍，自英国出发，于2022年3月5日抵达上海浦东国际机场，入关后即被送至定点医疗机构。\n"
            "2例境外输入性确诊病例均已转至定点医疗机构救治，已追踪同航班密切接触者75人，均已落实集中隔离观察。\n"
            "病例3，男，30岁，3月4日作为病例1的密切接触者进行集中隔离。")
    G = casegraph.extract(text, city="上海", date="2022-03-07")
    (contact,) = [n for n, d in G.nodes(data=True) if d["type"] == "contact"]
    assert G.nodes[contact]["count"] == 75
    assert {u for u, _v in G.in_edges(contact)} == {"case:病例1", "case:病例2"}
    isolated = {u for u, _v, k in G.edges(keys=True) if k == "isolated_at"}
    assert isolated == {contact, "case:病例3"}


def test_a_label_group_that_takes_the_sentence_over_mid_way():
    """``…，病例5、病例6乘坐同一航班，于…抵达`` and ``…，病例7因有症状，…``: the group named
    after a comma is the subject of what follows."""
    text = ("病例5为泰国籍，自泰国出发，病例6为中国籍，自越南出发，经泰国转机，病例5、病例6乘坐同一航班，"
            "于2022年3月5日抵达上海浦东国际机场，入关后即被集中隔离观察。\n"
            "病例7、病例8均为中国籍，自香港出发，于2022年3月6日抵达上海浦东国际机场，病例8入关后即被集中隔离观察，"
            "病例7因有症状，入关后即被送至定点医疗机构。")
    G = casegraph.extract(text, city="上海", date="2022-03-07")

    def targets(case: str, relation: str) -> set[str]:
        return {G.nodes[v]["name"] for _u, v, k in G.out_edges(case, keys=True) if k == relation}

    for case in ("case:病例5", "case:病例6"):
        assert "上海浦东国际机场" in targets(case, "visited")
        assert targets(case, "isolated_at") == {"集中隔离点"}
    assert targets("case:病例8", "isolated_at") == {"集中隔离点"}
    assert targets("case:病例7", "isolated_at") == set()
    assert len(targets("case:病例7", "admitted_to")) == 1


def test_a_paragraphs_closing_diagnosis_is_of_all_its_cases():
    """``综合…诊断为确诊病例`` at a paragraph's end is the verdict on every case the paragraph
    headed, not only on the last ones named; the next paragraph starts afresh."""
    text = ("病例3—病例5均为中国籍，自香港出发，于2022年3月5日抵达上海浦东国际机场，病例3、病例4入关后即被集中隔离观察。"
            "病例5因有症状，入关后即被送至定点医疗机构。综合流行病学史、临床症状和实验室检测结果等，诊断为确诊病例。\n"
            "无症状感染者1为中国籍，自英国出发，于2022年3月5日抵达上海浦东国际机场。"
            "综合流行病学史和实验室检测结果等，诊断为无症状感染者。")
    G = casegraph.extract(text, city="上海", date="2022-03-07")
    status = {d["name"]: d.get("status") for _n, d in G.nodes(data=True) if d["type"] == "case"}
    assert status == {"病例3": "confirmed", "病例4": "confirmed", "病例5": "confirmed",
                      "无症状感染者1": "asymptomatic"}


@pytest.mark.parametrize("clause", [
    "经省级专家组会诊，确定为新型冠状病毒感染的肺炎",
    "经市专家组确诊为天津第52例病例",
    "确诊为新冠病毒肺炎",
])
def test_early_2020_wordings_of_a_confirmed_diagnosis(clause):
    assert read_attributes(clause).status == "confirmed"


def test_a_job_after_a_workplace_names_where_the_case_works():
    G = casegraph.extract("第52例患者，女，30岁，现居住于河西区，为河西区康宁大药房售货员。",
                          city="天津", date="2020-02-05")
    (case,) = [n for n, d in G.nodes(data=True) if d["type"] == "case"]
    ((_u, place),) = [(u, v) for u, v, k in G.out_edges(case, keys=True) if k == "works_at"]
    assert G.nodes[place]["name"] == "康宁大药房" and G.nodes[place]["district"] == "河西区"


def test_announced_case_without_a_category_word():
    G = casegraph.extract("新增无症状感染者1例。\n该无症状感染者为中国籍。", city="上海", date="2022-03-02")
    assert [d["name"] for _, d in G.nodes(data=True) if d["type"] == "case"] == ["无症状感染者"]


def test_announced_case_that_gets_a_label_is_not_doubled():
    text = "新增境外输入性确诊病例1例。\n病例1为中国籍，自英国出发。\n该病例已转至定点医疗机构。"
    G = casegraph.extract(text, city="上海", date="2022-03-02")
    assert [n for n, d in G.nodes(data=True) if d["type"] == "case"] == ["case:病例1"]


def test_cluster_site_with_count():
    text = "海淀区友爱社区已连续检出12例阳性人员。友爱社区、南湖市场等聚集性疫情存在传播风险。"
    G = casegraph.extract(text, city="北京", date="2022-05-20")
    site = G.nodes["location:友爱社区"]
    assert site["cluster"] is True and site["cases"] == 12
    assert G.nodes["location:南湖市场"]["cluster"] is True


def test_counted_cases_give_case_site():
    text = "西城区新增2例，均居住于鸭子桥路9号院。"
    G = casegraph.extract(text, city="北京", date="2022-05-20")
    assert not [n for n, d in G.nodes(data=True) if d["type"] == "case"]
    site = G.nodes["location:鸭子桥路9号院"]
    assert site["case_site"] is True and site["cases"] == 2


def test_aggregate_only_bulletin_has_no_cases():
    text = ("市卫健委今日通报，本市新增本土确诊病例26例和无症状感染者328例，均在隔离管控中发现。"
            "全市将继续做好核酸筛查，落实各项防控措施。")
    G = casegraph.extract(text, city="上海", date="2022-04-15")
    assert G.number_of_nodes() == 0


@pytest.mark.parametrize("text, expected", [
    ("4月13日", "2022-04-13"),
    ("13日", "2022-04-13"),
    ("4月5日至9日", "2022-04-05"),
    ("4月11日10时", "2022-04-11"),
    ("2021年12月30日", "2021-12-30"),
    ("4月13号", "2022-04-13"),
])
def test_date_forms(text, expected):
    resolver = DateResolver(date_from_text("2022年4月14日"))
    assert [m.iso for m in resolver.find(text)] == [expected]


def test_december_in_a_january_bulletin_is_last_year():
    resolver = DateResolver(date_from_text("2022年1月2日"))
    assert [m.iso for m in resolver.find("12月29日出现症状，次日就诊，1月1日阳性")] == [
        "2021-12-29", "2021-12-30", "2022-01-01"]


def test_building_numbers_are_not_days():
    resolver = DateResolver(date_from_text("2022年4月14日"))
    assert resolver.find("现住14号楼，梅市口路133号") == []


def test_date_from_text_when_none_given():
    G = casegraph.extract("2022年4月14日通报：感染者3：4月13日报告核酸检测结果为阳性。")
    assert G.graph["date"] == "2022-04-14" and G.graph["date_source"] == "text"
    assert G.nodes["case:感染者3"]["positive_date"] == "2022-04-13"


def test_unknown_year_is_never_invented():
    G = casegraph.extract("感染者3：4月13日报告核酸检测结果为阳性。")
    assert G.graph["date"] is None and G.graph["date_source"] == "unknown"
    assert "positive_date" not in G.nodes["case:感染者3"]


def test_admin_stripping_and_facilities():
    assert strip_admin("西安市雁塔区").is_admin_only
    assert strip_admin("门头沟区永定镇泷水小区2号楼").name == "泷水小区2号楼"
    assert facility_of("定点医疗机构") == ("定点医院", "designated_hospital")
    assert facility_of("集中隔离医学观察点") == ("集中隔离点", "quarantine")
    assert facility_of("山河大厦集中隔离观察点")[0] == "山河大厦集中隔离观察点"
    assert facility_of("青松园7号楼") is None


def test_only_real_units_or_zones_are_districts():
    assert strip_admin("天堂超市").district is None
    assert strip_admin("百货大楼鞋区").district is None
    assert strip_admin("雁塔区长安大学南院").district == "雁塔区"
    assert strip_admin("国际港务区港务大道").district == "国际港务区"
    text = "感染者5：现住天堂超市对面的幸福里小区，4月3日报告核酸检测结果为阳性。"
    G = casegraph.extract(text, city="北京", date="2022-04-04")
    assert "district" not in G.nodes["case:感染者5"]


def test_trade_words_and_bare_place_words_are_no_places():
    text = "患者一为女性，50岁，此前在武汉市从事水产经营，1月19日回到所在小区。"
    G = casegraph.extract(text, city="淮安", date="2020-01-30")
    names = {d["name"] for _, d in G.nodes(data=True) if d["type"] == "location"}
    assert "水产" not in names and "事水产" not in names and "小区" not in names
    assert strip_admin("虹镇老街269号").name == "虹镇老街269号"
    assert strip_admin("高桥镇南塘村顾家宅").name == "南塘村顾家宅"


def test_sentence_spans_point_into_the_text():
    text = "感染者1：现住A区。\n\n感染者2：现住B区！"
    for sentence in split_sentences(text):
        assert text[sentence.start:sentence.end] == sentence.text


def test_pathological_input_is_linear():
    # repeated label-like and date-like fragments must not make a regex backtrack
    text = "感染者1" * 2000 + "4月" * 2000 + "、" * 5000 + "现住" + "号" * 5000
    G = casegraph.extract(text, city="北京", date="2022-04-14")
    assert isinstance(G, nx.MultiDiGraph)


def test_a_node_merged_into_another_is_found_under_its_new_id_with_its_edges_dates():
    from casegraph.extract.builder import GraphBuilder

    b = GraphBuilder("d")
    old = b.node("case", "57岁女性患者", (0, 5))
    new = b.node("case", "病例1", (6, 9))
    b.node("case", "病例2", (10, 12))
    b.edge("case:病例2", old, "close_contact", (10, 12), date="2020-01-20", date_kind="exposure")
    b.merge_into(old, new)
    assert b.current(old) == new and b.current("case:nobody") is None
    assert b.graph().edges["case:病例2", new, "close_contact"]["date_kind"] == "exposure"


def test_extract_data_is_the_node_link_data_of_the_graph():
    from casegraph.document import Document
    from casegraph.extract import extract_data, extract_document

    for text in ("感染者2：现住丰台区东木樨园14号楼。4月4日作为感染者1的密切接触者进行集中隔离。",
                 "確診病例3：女，58歲，現住思明區幸福小區，9月12日到中山醫院就診。"):
        doc = Document(id="d", text=text, city="北京", date="2022-04-14")
        assert extract_data(doc) == nx.node_link_data(extract_document(doc), edges="edges")
