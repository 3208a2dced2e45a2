"""Text as it comes off the web: script, punctuation, stray breaks and junk change nothing,
and evidence spans still index the text as given (short texts written for these tests)."""
from __future__ import annotations

import networkx as nx

import casegraph
from casegraph.extract.normalize import OffsetMap, normalize

SIMPLIFIED = ("感染者3：男，41岁，现住东城区青松园7号楼，工作单位为东城区安定门东大街9号。"
              "3月2日作为感染者1的密切接触者进行集中隔离，当日核酸检测结果为阳性，已转至定点医院。")


def facts(G: nx.MultiDiGraph) -> tuple[dict, set]:
    """What a graph says, its provenance and printed forms left out."""
    nodes = {nid: {k: v for k, v in data.items() if k not in ("sources", "aliases")} for nid, data in G.nodes(data=True)}
    edges = {(u, v, key, data.get("date")) for u, v, key, data in G.edges(keys=True, data=True)}
    return nodes, edges


def extract(text: str) -> nx.MultiDiGraph:
    return casegraph.extract(text, city="北京", date="2022-03-03", doc_id="t")


def test_plain_text_needs_no_map():
    norm = normalize(SIMPLIFIED)
    assert norm.text == SIMPLIFIED and norm.offsets is None


def test_traditional_script_gives_simplified_names():
    traditional = ("感染者3：男，41歲，現住東城區青松園7號樓，工作單位為東城區安定門東大街9號。"
                   "3月2日作為感染者1的密切接觸者進行集中隔離，當日核酸檢測結果為陽性，已轉至定點醫院。")
    assert facts(extract(traditional)) == facts(extract(SIMPLIFIED))


def test_ascii_punctuation_reads_like_full_width():
    ascii_text = SIMPLIFIED.replace("，", ",").replace("：", ":")
    assert facts(extract(ascii_text)) == facts(extract(SIMPLIFIED))


def test_times_and_thousands_keep_ascii_marks():
    assert normalize("18:30到达,共1,200人").text == "18:30到达，共1,200人"


def test_line_break_and_spaces_inside_a_sentence_change_nothing():
    broken = SIMPLIFIED.replace("41岁，", "41岁，\n").replace("3月2日", "3 月 2 日")
    assert facts(extract(broken)) == facts(extract(SIMPLIFIED))


def test_web_junk_is_no_place():
    junk = "来源：某某日报客户端 编辑：张三\nhttp://www.example.com/news/1.html" + SIMPLIFIED.replace(
        "现住", "现住www.example.cn")
    assert facts(extract(junk)) == facts(extract(SIMPLIFIED))


def test_watermark_noise_is_dropped():
    noisy = SIMPLIFIED.replace("当日", '; b1 ?% c- V4 I, y* K" w9 ~当日')
    assert normalize(noisy).text == SIMPLIFIED


def test_spans_slice_the_original_text():
    text = "來源：某某網站\n感染者3：男，41歲，\n現住東城區青松園7號樓。"
    G = extract(text)
    assert G.nodes["location:青松园7号楼"]["name"] == "青松园7号楼"
    source = G.edges["case:感染者3", "location:青松园7号楼", "resides_at"]["sources"][0]
    assert text[source["start"]:source["end"]] == "感染者3：男，41歲，\n現住東城區青松園7號樓。"


def test_offset_map_maps_the_end_of_each_piece():
    offsets = OffsetMap([0, 2], [0, 4], 5)  # kept: original [0, 2) and [4, 7)
    assert [offsets.original(i) for i in range(6)] == [0, 1, 4, 5, 6, 7]


def test_full_width_digits_and_dashes_read_as_ascii():
    assert normalize("３月１日０－２４时，病例１２").text == "3月1日0-24时，病例12"


def test_traditional_printed_form_is_an_alias():
    G = extract("感染者3：男，41歲，現住東城區青松園7號樓。")
    assert G.nodes["location:青松园7号楼"]["aliases"] == ["青松園7號樓"]
    assert "aliases" not in G.nodes["case:感染者3"]


def test_fields_on_the_line_after_a_label_are_the_labelled_case():
    G = extract("确诊病例10（轻型）：\n女，38岁，现住东城区青松园7号楼。")
    assert [n for n, data in G.nodes(data=True) if data["type"] == "case"] == ["case:确诊病例10"]
    assert G.nodes["case:确诊病例10"]["age"] == 38


def test_unicode_spaces_and_zero_width_marks_change_nothing():
    text = "\u2002\u2002" + SIMPLIFIED.replace("现住", "现\u200b住\u2002")
    assert facts(extract(text)) == facts(extract(SIMPLIFIED))


def test_a_traditional_passage_in_a_simplified_text_is_converted_alone():
    simplified_part = "本市今日通报如下，" * 60 + "乾溪路一带。\n"
    text = simplified_part + "感染者3：男，41歲，現住東城區青松園7號樓。\n"
    assert normalize(text).text == simplified_part + "感染者3：男，41岁，现住东城区青松园7号楼。\n"
