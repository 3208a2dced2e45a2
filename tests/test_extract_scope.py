"""Statements about cases by count, not by label: which cases they reach (short texts
written for these tests)."""
from __future__ import annotations

import casegraph

CASES = ("病例1：男，30岁，现住东城区青松园7号楼。\n"
         "病例2：女，28岁，现住东城区青松园8号楼。\n")
ONE_PARAGRAPH = CASES.replace("\n", "")  # a statement after it still has 病例2 as its subject


def admitted(text: str) -> dict[str, set[str]]:
    """Each case's admissions."""
    G = casegraph.extract(text, city="北京", date="2022-03-03", doc_id="t")
    return {G.nodes[u]["name"]: {G.nodes[v]["name"] for _, v, key in G.out_edges(u, keys=True)
                                 if key == "admitted_to"}
            for u, data in G.nodes(data=True) if data["type"] == "case"}


def test_report_of_todays_cases_admits_each_case_told_after_it():
    text = "3月2日0时至24时，某市新增2例本土确诊病例，现已转入定点医疗机构隔离治疗。\n" + CASES
    assert admitted(text) == {"病例1": {"定点医疗机构"}, "病例2": {"定点医疗机构"}}


def test_report_then_its_parts_admits_each_case():
    text = ("某市新增1例确诊病例，1例无症状感染者。其中1例在密接排查中发现，1例在筛查中发现，"
            "均已转运至定点医院隔离治疗。\n" + CASES)
    assert admitted(text) == {"病例1": {"定点医院"}, "病例2": {"定点医院"}}


def test_statement_about_part_of_the_count_reaches_that_part_only():
    text = "某市新增确诊病例3例，其中2例为境外输入，已转至定点医疗机构。\n" + CASES
    assert admitted(text) == {"病例1": set(), "病例2": set()}
    text = ("某市新增确诊病例2例，其中1例为境外输入，已转至定点医疗机构。\n"
            "境外输入病例1：男，30岁，自泰国抵京。\n本土病例1：女，28岁，现住东城区青松园8号楼。\n")
    assert admitted(text) == {"境外输入病例1": {"定点医疗机构"}, "本土病例1": set()}


def test_count_of_the_cases_told_before_admits_each():
    text = CASES + "全员核酸检测中发现2人结果阳性，已转运至定点医疗机构。"
    assert admitted(text) == {"病例1": {"定点医疗机构"}, "病例2": {"定点医疗机构"}}


def test_above_cases_are_todays_cases():
    text = CASES + "上述病例已转运至地坛医院。"
    assert admitted(text) == {"病例1": {"地坛医院"}, "病例2": {"地坛医院"}}


def test_blanket_statement_gives_no_case_an_edge():
    text = ONE_PARAGRAPH + "所有患者均在定点医院接受治疗。"
    assert admitted(text) == {"病例1": set(), "病例2": set()}
    text = ONE_PARAGRAPH + "截至3月2日24时，本市累计报告确诊病例50例，均在定点医疗机构隔离治疗。"
    assert admitted(text) == {"病例1": set(), "病例2": set()}


def test_blanket_statement_leaves_the_subject_in_place():
    text = ONE_PARAGRAPH + "所有患者均在定点医院接受治疗。其密切接触者3人已集中隔离。"
    G = casegraph.extract(text, city="北京", date="2022-03-03", doc_id="t")
    assert G.has_edge("case:病例2", "contact:病例2的密接")


def test_admission_without_a_count_or_all_is_no_report_of_todays_cases():
    text = "某市新增2例本土确诊病例。\n核酸检测结果为阳性，由救护车转至地坛医院。\n" + CASES
    assert admitted(text) == {"病例1": set(), "病例2": set()}


def test_blanket_statement_about_contacts_gives_no_contact_node():
    text = ONE_PARAGRAPH + "目前，对所有密切接触者已全部采取集中隔离医学观察。"
    G = casegraph.extract(text, city="北京", date="2022-03-03", doc_id="t")
    assert not [n for n, data in G.nodes(data=True) if data["type"] in ("contact", "facility")]


def test_report_between_sections_admits_the_cases_told_after_it():
    text = ("病例1：男，30岁，现住东城区青松园7号楼，已转至地坛医院。\n"
            "新增本土确诊病例2例，均已转运至定点医院。\n"
            "病例2：女，28岁，现住东城区青松园8号楼。\n病例3：女，8岁，现住东城区青松园8号楼。\n")
    assert admitted(text) == {"病例1": {"地坛医院"}, "病例2": {"定点医院"}, "病例3": {"定点医院"}}


def test_report_of_one_case_admits_the_case_told_after_it():
    text = ("某县报告1例外地返回人员核酸检测阳性，诊断为确诊病例，目前已转运至定点医院隔离治疗。\n"
            "病例1：男，30岁，现住东城区青松园7号楼。\n")
    assert admitted(text) == {"病例1": {"定点医院"}}


def test_quarantine_of_new_cases_and_of_their_contacts():
    text = "某市新增2例无症状感染者，均在集中隔离点发现。\n" + CASES
    G = casegraph.extract(text, city="北京", date="2022-03-03", doc_id="t")
    assert G.has_edge("case:病例1", "facility:集中隔离点") and G.has_edge("case:病例2", "facility:集中隔离点")
    text = "某市新增2例无症状感染者。\n" + CASES + "2例病例的密切接触者此前均已落实集中隔离观察。"
    G = casegraph.extract(text, city="北京", date="2022-03-03", doc_id="t")
    assert not G.has_edge("case:病例1", "facility:集中隔离点")


def test_relevant_officials_are_no_cluster_site():
    from casegraph.extract.clusters import read_clusters

    assert read_clusters("另据南州市甲区相关负责人透露，该区已组织全员核检").sites == ()
    assert [s.name for s in read_clusters("均为星光广场相关病例").sites] == ["星光广场"]
