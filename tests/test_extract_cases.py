"""Case mentions: labels of every form, surname forms, described and unlabeled cases."""
from __future__ import annotations

import pytest

from casegraph.extract import extract
from casegraph.extract.labels import find_groups


def cases(text: str, date: str = "2022-03-10") -> dict[str, dict]:
    G = extract(text, city="某市", date=date)
    return {d["name"]: d for _, d in G.nodes(data=True) if d.get("type") == "case"}


@pytest.mark.parametrize("text, names", [
    ("感染者：孙某平，男，41岁", ["孙某平"]),
    ("与孙某平同住的人", ["孙某平"]),
    ("某某：现住址：某区某路", ["某某"]),
    ("患者杨某于3月1日发热", ["杨某"]),
    ("对应某些场所", []),
])
def test_surname_forms(text, names):
    assert [n for g in find_groups(text) for n in g.names] == names


def test_surname_form_after_a_description_heads_the_sentence():
    found = cases("3月5日，本区首例病例是一名58岁的男子韩某明，他于3月1日自外地返回。"
                  "其妻子韩某芳，是第二例病例，55岁的她3月2日发热。")
    assert found["韩某明"]["sex"] == "M" and found["韩某明"]["age"] == 58
    assert found["韩某芳"]["sex"] == "F" and found["韩某芳"]["age"] == 55


def test_kinship_fixes_the_sex():
    found = cases("病例1，男，40岁，现住甲区。病例2是病例1的女儿，病例3是病例1的父亲。")
    assert found["病例2"]["sex"] == "F" and found["病例3"]["sex"] == "M"


def test_label_on_a_line_of_its_own_heads_the_next_line():
    found = cases("病例详情如下\n病例5（系病例4的儿子）\n30岁男性，现住甲区幸福小区，3月8日确诊。\n"
                  "确诊病例6（轻型）：\n女，44岁，现住乙区。")
    assert set(found) == {"病例5", "病例4", "确诊病例6"}
    assert (found["病例5"]["sex"], found["病例5"]["age"]) == ("M", 30)
    assert (found["确诊病例6"]["sex"], found["确诊病例6"]["age"]) == ("F", 44)


def test_announced_case_told_by_that_case():
    found = cases("3月8日，海淀区在集中隔离点发现1例初筛阳性感染者。该感染者居住于幸福小区。")
    (case,) = found.values()
    assert case.get("unlabeled") and case["district"] == "海淀区"


def test_announced_case_takes_the_label_that_follows():
    found = cases("3月8日，昌平区报告1例外地返回人员阳性感染者，经专家组会诊，诊断为确诊病例（轻型）。\n"
                  "感染者：钱某明，男，41岁。")
    assert set(found) == {"钱某明"}
    assert found["钱某明"]["severity"] == "mild" and found["钱某明"]["district"] == "昌平区"


def test_announced_case_told_nothing_more_is_only_counted():
    assert cases("3月8日，甲县新增1例确诊病例。全县累计报告确诊病例9例。") == {}


def test_category_word_heading_a_line_is_an_unlabeled_case():
    found = cases("新增1例境外输入确诊病例。\n境外输入确诊病例：中国籍，3月6日从新加坡抵达，3月8日核酸检测结果为阳性。")
    assert list(found) == ["境外输入确诊病例"]
    assert found["境外输入确诊病例"]["positive_date"] == "2022-03-08"


def test_trajectory_lines_after_an_aside_keep_the_case():
    text = ("卫某某，女，35岁，系外地返回人员。\n目前相关部门已排查该对象的密切接触者。\n经核查，具体轨迹如下：\n"
            "3月6日\n10:20乘G1234次列车自甲站至乙站\n17:00抵达丙县隔离点集中隔离\n")
    G = extract(text, city="某市", date="2022-03-10")
    visits = {G.nodes[t]["name"]: d.get("date") for s, t, k, d in G.edges(keys=True, data=True) if k == "visited"}
    assert visits.get("乙站") == "2022-03-06"


@pytest.mark.parametrize("text, names", [
    ("阳性感染者1：男，30岁", ["阳性感染者1"]),
    ("8号病例：男，30岁", ["8号病例"]),
    ("确诊3号病例，女，30岁", ["确诊3号病例"]),
    ("个案3：男，30岁", ["个案3"]),
    ("初筛阳性人员2、3：均为男性", ["阳性人员2", "阳性人员3"]),
    ("病例十二，男，30岁", ["病例十二"]),
    ("本土确诊病例7，女", ["本土确诊病例7"]),
    ("与本市第九例确诊病例系母子关系", ["第九例"]),
    ("该病例系第39、40例确诊病例的家属", ["第39例", "第40例"]),
    ("病例3至5均为病例2的同事", ["病例3", "病例4", "病例5", "病例2"]),
    ("5月12号病例数为零", []),
])
def test_label_forms(text, names):
    assert [n for g in find_groups(text) for n in g.names] == names


def test_label_then_name_of_the_same_person():
    found = cases("新增确诊病例分别为：病例8、患者祝某某，男，45岁，现住甲区。病例9、患者应某，女，48岁。")
    assert set(found) == {"病例8", "病例9"}
    assert found["病例8"]["aliases"] == ["祝某某"] and found["病例9"]["age"] == 48


@pytest.mark.parametrize("text, sex, age", [
    ("3月9日，新增1例境外输入病例。输入病例为43岁女性患者，3月1日抵达甲市。", "F", 43),
    ("该市首例患者是62岁男性，现住幸福小区。", "M", 62),
    ("患者男，68岁，现住平安里小区。", "M", 68),
])
def test_case_introduced_by_description(text, sex, age):
    (case,) = cases(text).values()
    assert case.get("unlabeled") and (case["sex"], case["age"]) == (sex, age)


def test_that_case_with_a_sex_word():
    (case,) = cases("3月9日新增1例确诊病例。该女性病例为快递员，现住幸福小区。").values()
    assert case["sex"] == "F" and case["status"] == "confirmed"


def test_one_person_found_positive_and_then_told_of():
    (case,) = cases("3月8日，我市一名出租车司机核酸检测结果为阳性，该患者现住光明小区。").values()
    assert case["positive_date"] == "2022-03-08"
    assert cases("3月8日，我市一名出租车司机核酸检测结果为阳性。") == {}


def test_name_given_later_to_a_described_case():
    found = cases("3月9日，某市新增1例确诊病例。\n患者女，75岁，现住幸福小区。3月8日下午，卫某因不适到甲医院就诊。")
    assert set(found) == {"卫某"}
    assert (found["卫某"]["sex"], found["卫某"]["age"]) == ("F", 75)


def test_two_described_cases_stay_apart():
    found = cases("患者男，68岁，现住甲小区。\n患者女，42岁，现住乙小区。")
    assert len(found) == 2


def test_label_after_stray_marks_heads_its_line():
    found = cases("详情如下：\n# c2 f7 {确诊病例12 在重点人群筛查中发现，诊断为确诊病例（轻型）。")
    assert found["确诊病例12"]["severity"] == "mild"


def test_contact_count_after_a_copula():
    G = extract("病例1，男，30岁。其密切接触者是16人。", city="某市", date="2022-03-10")
    assert [d["count"] for _, d in G.nodes(data=True) if d["type"] == "contact"] == [16]


def test_names_listed_first_then_labelled():
    found = cases("3月9日，某市检出2名阳性人员钱某某、孙某某（两人系母女），均已转运至定点医院。\n"
                  "病例1：钱某某，经诊断为确诊病例（普通型），居住于幸福小区。\n"
                  "病例2：孙某某，经诊断为无症状感染者，居住于幸福小区。\n两人活动轨迹涉及场所：甲市场。")
    assert set(found) == {"病例1", "病例2"}
    assert found["病例2"]["aliases"] == ["孙某某"] and found["病例2"]["status"] == "asymptomatic"


def test_two_counts_announce_no_single_case():
    assert cases("某市新增1例确诊病例和1例无症状感染者。\n病例1：男，30岁。")["病例1"].get("status") is None


def test_count_sentence_facts_go_to_the_cases_told_next():
    found = cases("3月8日，某市新增2例本土确诊病例，现已转入定点医疗机构隔离治疗。\n"
                  "病例1：现住址：甲区幸福小区。\n病例2：现住址：乙区和平小区。")
    assert {c["status"] for c in found.values()} == {"confirmed"}
    G = extract("3月8日，某市新增2例本土确诊病例，现已转入定点医疗机构隔离治疗。\n病例1：男，30岁。",
                city="某市", date="2022-03-10")
    assert G.has_edge("case:病例1", "facility:定点医院", "admitted_to")


def test_relatives_infected_with_the_subject():
    found = cases("患者韩某3月1日参加聚餐。随后，该女子及其丈夫、儿子均确诊为确诊病例。")
    assert found["韩某"]["sex"] == "F"
    assert (found["韩某的丈夫"]["sex"], found["韩某的儿子"]["sex"]) == ("M", "M")
    assert found["韩某的丈夫"]["unlabeled"] and found["韩某的丈夫"]["status"] == "confirmed"


def test_contacts_with_a_list_of_ordinal_cases():
    G = extract("第50例患者，男，59岁。患者曾与第6例确诊病例和第2例确诊病例有过接触。", city="某市", date="2020-02-02")
    assert G.has_edge("case:第6例", "case:第50例", "close_contact")
    assert G.has_edge("case:第2例", "case:第50例", "close_contact")


def test_another_cases_event_as_a_time_is_no_heading():
    G = extract("第51例患者，女，70岁，是第33例确诊病例的亲戚。第33例确诊后，患者于1月31日被送至甲医院。",
                city="某市", date="2020-02-02")
    assert G.has_edge("case:第51例", "facility:甲医院", "admitted_to")
    assert G.has_edge("case:第33例", "case:第51例", "close_contact")


def test_a_sentence_without_a_date_takes_the_paragraphs_last():
    G = extract("病例1：男，64岁。\n9月3日，区疾控中心报告其核酸检测结果异常。经市疾控中心复核，结果为阳性，转运至甲医院。",
                city="某市", date="2022-09-04")
    assert G.nodes["case:病例1"]["positive_date"] == "2022-09-03"
    assert G.edges["case:病例1", "facility:甲医院", "admitted_to"]["date"] == "2022-09-03"


@pytest.mark.parametrize("text, name", [
    ("出院患者赵某某，女，37岁，住址甲区。", "赵某某"),
    ("4.某县患者叶某某，男，27岁，于1月3日到甲市出差。", "叶某某"),
])
def test_name_after_a_few_words_and_patient_heads(text, name):
    assert name in cases(text)


def test_ordinal_label_then_the_persons_name():
    found = cases("第五例：1月30日，我市新增1例确诊病例。患者曹某某，女，48岁。\n病例3：男，40岁。\n患者王某某，女，30岁。")
    assert found["第五例"]["aliases"] == ["曹某某"] and found["第五例"]["age"] == 48
    assert "王某某" in found and "aliases" not in found["病例3"]


def test_patient_then_sex_alone():
    assert cases("第二例：1月24日新增1例确诊病例。患者男，武汉人。")["第二例"]["sex"] == "M"


def test_cases_of_a_count_told_one_by_one():
    found = cases("2例新增确诊患者，一为46岁女性，现住甲区幸福小区；另一为52岁男性，现住乙区和平里。")
    assert sorted((c["sex"], c["age"]) for c in found.values()) == [("F", 46), ("M", 52)]
    assert all(c["unlabeled"] for c in found.values())


def test_onset_without_an_obvious_cause():
    assert cases("病例7：女性，32岁，1月26日无明显诱因出现高热。", date="2020-02-01")["病例7"]["onset_date"] == "2020-01-26"


def test_a_clause_that_is_only_a_labels_close_contacts():
    G = extract("程某莲，女，39岁，廖某轩的密切接触者，居住于甲小区。", city="某市", date="2022-03-10")
    assert G.has_edge("case:廖某轩", "case:程某莲", "close_contact")


def test_status_section_and_bare_confirmation():
    found = cases("确诊病例详情如下\n病例9\n62岁女性，现住甲区，3月5日下午确诊。追踪排查到其与病例8密切接触者共1人。")
    assert found["病例9"]["status"] == "confirmed"
    G = extract("病例9，女，62岁，3月5日下午确诊。追踪排查到其与病例8密切接触者共1人。", city="某市", date="2022-03-10")
    assert [d.get("count") for _, d in G.nodes(data=True) if d["type"] == "contact"] == [1]


@pytest.mark.parametrize("text, key, value", [
    ("李某于1月30日作为新型冠状病毒感染的肺炎确诊病例。", "status", "confirmed"),
    ("其妹妹汪某，是本市报告的第二例确诊病例，70岁的她常去棋牌室。", "status", "confirmed"),
    ("病例汪某，女，被诊断为新冠肺炎轻症病例。", "severity", "mild"),
    ("病例汪某，女，被诊断为新冠肺炎轻症病例。", "status", "confirmed"),
])
def test_status_and_severity_forms(text, key, value):
    (case,) = cases(text, date="2020-02-01").values()
    assert case[key] == value


def test_count_sentence_status_reaches_a_label_with_its_name():
    found = cases("2月4日0-24时，某市新增新型冠状病毒感染的肺炎确诊病例2例。新增确诊病例分别为：病例21、患者胡某某，男，45岁。",
                  date="2020-02-05")
    assert found["病例21"]["status"] == "confirmed"


def test_other_counts_after_an_announcement():
    found = cases("2月2日，某市新增1例确诊病例，排除疑似病例2例。\n段某某，男性，28岁，在武汉工作。", date="2020-02-02")
    assert found["段某某"]["status"] == "confirmed"


def test_counted_cases_all_in_one_place_and_a_blanket_statement():
    text = ("3月8日0时至24时，某省新增确诊病例2例，新增无症状感染者1例，均在瑞丽市。\n"
            "截至3月7日24时，某省现有确诊病例15例，均在定点医疗机构隔离治疗。\n"
            "新增1例无症状感染者信息：\n无症状感染者1：男，20岁，缅甸籍\n")
    G = extract(text, city="某市", date="2022-03-09")
    case = G.nodes["case:无症状感染者1"]
    assert case["district"] == "瑞丽市" and case["status"] == "asymptomatic"
    # every patient to date under care is a blanket statement: no edge (GUIDE.md)
    assert not G.has_edge("case:无症状感染者1", "facility:定点医院")


def test_district_of_a_count_is_only_a_fallback():
    text = ("3月6日，黄岛区报告2例本土确诊病例，目前均在定点医院接受隔离治疗。\n病例1：男，40岁，现住黄岛区幸福小区。\n"
            "病例2：女，35岁，现居胶州市。")
    found = cases(text)
    assert found["病例1"]["district"] == "黄岛区" and found["病例2"]["district"] == "胶州市"


def test_one_person_diagnosed_then_told_of():
    text = "19日，经甲机场入境的一名35岁中国籍女性，被确诊为新型冠状病毒肺炎患者。该名中国女性19日入境时发热。"
    (case,) = cases(text).values()
    assert (case["sex"], case["age"], case["status"]) == ("F", 35, "confirmed")


@pytest.mark.parametrize("text, sex, age", [
    ("本市新增8例病例。死亡1例，男，50岁，1月8日前往甲市。", "M", 50),
    ("据介绍，新增确诊病例为一名53岁男子，现住甲区幸福村。", "M", 53),
    ("确诊病例，某男，51岁，现住甲区和平村。", "M", 51),
    ("患者系一名网约车司机，男，47岁，3月5日发病。", "M", 47),
    ("一名快递员，女，29岁，3月5日核酸检测阳性。", "F", 29),
    ("患者为超市理货员，女，52岁，3月5日确诊。", "F", 52),
])
def test_more_unlabeled_openings(text, sex, age):
    (case,) = cases(text).values()
    assert case.get("unlabeled") and (case["sex"], case["age"]) == (sex, age)


def test_names_masked_with_x():
    assert "姜xx" in cases("1. 姜xx， 49岁男性。1月13日出现发热。")
    assert cases("病例2，孙XX，男，59岁。")["病例2"]["aliases"] == ["孙XX"]


@pytest.mark.parametrize("text, name, age", [
    ("据市卫健委：全省首例肺炎死者常某，男，79岁，甲县人。", "常某", 79),
    ("某市疑似病例确诊，乐某，患者男，30岁，家住甲市。", "乐某", 30),
])
def test_names_after_a_person_noun_or_alone(text, name, age):
    assert cases(text)[name]["age"] == age


def test_contacts_of_someone_else_or_of_the_city_are_not_the_cases():
    G = extract("确诊患者：女，33岁，系我市之前某确诊患者的密切接触者。目前追踪到密切接触者224人，已解除医学观察37人。",
                city="某市", date="2020-02-14")
    assert not [n for n, d in G.nodes(data=True) if d["type"] == "contact"]


def test_traced_contacts_of_the_one_case():
    G = extract("卫某某，女，33岁。目前相关部门已排查该对象的活动轨迹，对已追踪到的密接者均已隔离管控。",
                city="某市", date="2022-03-30")
    assert G.has_edge("case:卫某某", "contact:卫某某的密接", "has_contacts")


def test_paragraph_about_the_patients_contacts_keeps_the_case():
    G = extract("患者女，75岁，现住幸福小区。\n截至5月21日17:00，初步甄别患者的密切接触者是16人。",
                city="某市", date="2022-05-21")
    assert [d.get("count") for _, d in G.nodes(data=True) if d["type"] == "contact"] == [16]


def test_a_sample_sent_for_testing_admits_no_one():
    G = extract("病例1，男，30岁。采样已送市疾控中心复核。", city="某市", date="2022-04-12")
    assert not [e for e in G.edges(keys=True) if e[2] == "admitted_to"]


def test_a_hospital_printed_with_mou_is_unnamed():
    from casegraph.extract.care import read_care

    assert read_care("2月4日到市北区某医院就诊") == []
    assert {f.name for f in read_care("当晚转送至青岛市某定点医院进行隔离治疗")} == {"定点医院"}


@pytest.mark.parametrize("clause, sources", [
    ("为病例1陈XX的密切接触者", ("病例1",)),
    ("系确诊患者张某某、汤某某密切接触者", ("张某某", "汤某某")),
])
def test_contact_sources_named_with_label_and_name_or_without_de(clause, sources):
    from casegraph.extract.contacts import read_contacts

    assert read_contacts(clause).sources == sources


@pytest.mark.parametrize("text, name, age", [
    ("新增确诊病例甲市乙区朱某，女，52岁。", "朱某", 52),
    ("鄂尔多斯市达拉特旗患者韩某，系确诊病例宋某的妻子，女，32岁。", "韩某", 32),
    ("患者鄢某某，26岁，丰城市人。", "鄢某某", 26),
])
def test_a_name_followed_by_sex_and_age_introduces_its_person(text, name, age):
    assert cases(text)[name]["age"] == age


def test_a_bare_number_before_the_sex_is_a_bullet():
    (case,) = cases("4，男，32岁，现居住地甲县清华城，发病时间1月28日。").values()
    assert (case["sex"], case["age"]) == ("M", 32)


@pytest.mark.parametrize("text, name, sex, age", [
    ("第十二例：女，59岁（第十三例母亲），现住甲区。", "第十二例", "F", 59),
    ("患者，女性、66岁，常住甲市。", "66岁女性患者", "F", 66),
    ("L某，男，35岁，12月12日高烧就诊。", "L某", "M", 35),
])
def test_more_sex_and_age_forms(text, name, sex, age):
    case = cases(text)[name]
    assert (case["sex"], case["age"]) == (sex, age)


def test_an_announced_case_described_in_the_same_sentence_is_kept():
    found = cases("新增1例确诊病例，为一名出租车司机，男，45岁，现住朝阳区幸福小区。")
    assert [(c["age"], c["sex"]) for c in found.values()] == [(45, "M")]
    G = extract("新增1例境外输入病例，输入病例为43岁女性患者，自泰国抵京。", city="某市", date="2022-04-14")
    people = [d for _n, d in G.nodes(data=True) if d["type"] == "case"]
    assert [(d["age"], d["sex"]) for d in people] == [(43, "F")]
    assert not [e for e in G.edges(keys=True) if e[2] == "works_at"]  # 一名出租车 is no employer
    assert cases("新增1例确诊病例，2例无症状感染者。") == {}  # counted only


def test_the_case_word_alone_is_the_bulletins_one_case():
    text = ("新增1例本土确诊病例郭某，女，75岁，现住荔湾区龙津街。\n"
            "根据目前流调掌握的情况，病例发病前曾到过以下场所：星光茶楼、龙津市场。\n")
    G = extract(text, city="某市", date="2021-05-21")
    visited = {G.nodes[v]["name"] for u, v, k in G.edges(keys=True) if k == "visited"}
    assert visited == {"星光茶楼", "龙津市场"}


def test_the_place_an_outbreak_started_is_its_cluster_site():
    G = extract("专家分析认为，此轮疫情为境外输入引起，海湾中心渔港是此次疫情的始发输入地。",
                city="某市", date="2022-08-04")
    sites = [d["name"] for _n, d in G.nodes(data=True) if d.get("cluster")]
    assert sites == ["海湾中心渔港"]


def test_a_home_told_as_another_cases_is_that_home():
    G = extract("病例8：男，40岁，住址同病例7。病例7：女，38岁，居住于星光小区2栋。",
                city="某市", date="2022-05-11")
    homes = {(G.nodes[u]["name"], G.nodes[v]["name"]) for u, v, k in G.edges(keys=True) if k == "resides_at"}
    assert homes == {("病例7", "星光小区2栋"), ("病例8", "星光小区2栋")}


def test_a_relative_the_text_calls_a_close_contact_is_one_and_only_then():
    G = extract("患者，男，32岁，其与本市第32例确诊病例为亲戚关系，系密切接触者。", city="某市", date="2020-02-01")
    assert [(G.nodes[u]["name"], k, d["kind"]) for u, _v, k, d in G.edges(keys=True, data=True)] == \
        [("第32例", "close_contact", "family")]
    G = extract("患者14，女，59岁，与患者13为夫妻关系。", city="某市", date="2020-02-01")
    assert not list(G.edges)  # relatives not called close contacts: no edge (GUIDE.md)


@pytest.mark.parametrize("text", [
    "该市第3例确诊患者为女性，58岁，3月6日出现咳嗽，3月8日确诊。",
    "第3例确诊患者，女，58岁，3月6日出现咳嗽，3月8日确诊。",
    "本市第3例患者是58岁女性，3月6日出现咳嗽，3月8日确诊。",
])
def test_an_ordinal_case_with_its_case_word_and_the_citys_name_before_it(text):
    case = cases(text)["第3例"]
    assert (case["sex"], case["age"], case["onset_date"]) == ("F", 58, "2022-03-06")


@pytest.mark.parametrize("text, name, sex, age", [
    ("新增1例无症状感染者，女，25岁，现住幸福小区。", "无症状感染者", "F", 25),
    ("新增确诊病例1例，为男性，31岁，现住幸福小区。", "确诊病例", "M", 31),
    ("今日新增1例本土确诊病例，患者女，25岁，现住幸福小区。", "本土确诊病例", "F", 25),
    ("无症状感染者3（女，25岁），现住幸福小区。", "无症状感染者3", "F", 25),
    ("阳性感染者张某（男，35岁），现住幸福小区。", "张某", "M", 35),
    ("病例A，男，31岁，现住幸福小区。", "病例A", "M", 31),
])
def test_a_case_described_right_after_its_announcement_label_or_name(text, name, sex, age):
    case = cases(text)[name]
    assert (case["sex"], case["age"]) == (sex, age)
    G = extract(text, city="某市", date="2022-03-10")
    assert any(d["relation"] == "resides_at" for _, _, d in G.edges(data=True))


def test_a_letter_in_a_word_is_no_label():
    assert cases("检测A型流感。病例A型？") == {}


def test_relatives_named_contacts_are_the_contacts_isolated_and_the_case_is_not():
    G = extract("确诊病例5：男，52岁，现住芳草小区。其妻子、儿子均为密切接触者，已集中隔离。\n"
                "确诊病例6：女，40岁，现住芳草小区，其家人已被集中隔离。\n", city="某市", date="2022-03-10")
    isolated = {s for s, _, d in G.edges(data=True) if d["relation"] == "isolated_at"}
    assert isolated == {"contact:确诊病例5的密接"}
    assert G.has_edge("case:确诊病例5", "contact:确诊病例5的密接")


def test_whose_contact_in_a_bracket_after_the_label():
    G = extract("病例18（病例12的密切接触者）25岁女性患者，现住甲区幸福小区。\n", city="某市", date="2022-03-10")
    assert G.has_edge("case:病例12", "case:病例18", "close_contact")


def test_a_labels_counted_contacts_in_a_section_of_their_own():
    G = extract("病例1：女，75岁，3月1日出现发热。\n三、密切接触者情况\n已追踪到病例1的密切接触者13人，均已落实集中隔离医学观察。\n",
                city="某市", date="2022-03-10")
    assert G.nodes["contact:病例1的密接"]["count"] == 13
    assert G.has_edge("case:病例1", "contact:病例1的密接")
    assert not any(d["relation"] == "isolated_at" for s, _, d in G.edges(data=True) if s == "case:病例1")


def test_labelled_date_fields_and_a_category_that_dates_nothing():
    case = cases("病例3：性别：女；年龄：45岁；发病日期：3月5日；核酸阳性时间：3月6日；确诊日期：3月8日；"
                 "现住址：东城区和平里小区。")["病例3"]
    assert (case["onset_date"], case["positive_date"], case["diagnosis_date"]) == (
        "2022-03-05", "2022-03-06", "2022-03-08")
    other = cases("患者7，男，62岁，发病时间3月2日，属确诊病例，报告单位甲市第九医院，已隔离治疗。")["患者7"]
    assert other["status"] == "confirmed" and other["onset_date"] == "2022-03-02"
    assert "diagnosis_date" not in other


def test_a_name_opening_with_he_after_a_district_is_not_split():
    G = extract("病例3：女，45岁，现住址：东城区和平里小区。\n病例4：男，30岁，3月1日到朝阳区和海淀区。\n",
                city="北京", date="2022-03-10")
    names = {name for _, name in G.nodes(data="name")}
    assert "和平里小区" in names and "平里小区" not in names
