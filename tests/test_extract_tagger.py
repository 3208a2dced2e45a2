"""The learned place tagger: features, training on a tiny made-up set, and its pass after
the rules (a form no rule reads, ``逗留于X茶楼``, comes back only with the tagger on).

Every text here is made up for the test; no corpus text."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("pycrfsuite")

import casegraph  # noqa: E402
from casegraph.cli import cli  # noqa: E402
from casegraph.extract.learned import fact_of  # noqa: E402
from casegraph.extract.tagger import PlaceTagger, features, spans_of  # noqa: E402
from casegraph.extract.tagger_train import bio_tags, ecr_spans, gold_spans, sentence_examples, train  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
# (text, place, role): short sentences in the forms the tiny model learns
SENTENCES = [
    ("1月5日逗留于星光茶楼。", "星光茶楼", "visit"),
    ("2月3日逗留于金桥茶楼打牌。", "金桥茶楼", "visit"),
    ("3月1日逗留于红星茶楼，未戴口罩。", "红星茶楼", "visit"),
    ("患者暂住于青松公寓。", "青松公寓", "residence"),
    ("其暂住于白云公寓。", "白云公寓", "residence"),
    ("1月9日收入东城医院。", "东城医院", "care"),
    ("当日出现咳嗽症状。", None, None),
]
UNSEEN = "病例1：女，30岁。1月5日逗留于银河茶楼。"


def _examples(repeat: int = 6):
    for text, place, role in SENTENCES * repeat:
        spans = [(text.index(place), text.index(place) + len(place), role)] if place else []
        yield text, bio_tags(len(text), spans)


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("tagger") / "tiny.crfsuite"
    assert train(_examples(), path, max_iterations=60, min_freq=1) == len(SENTENCES) * 6
    return path


def test_features_one_list_per_character():
    feats = features("到星光茶楼")
    assert len(feats) == 5
    assert "cb=到" in feats[1] and "sfx_end" in feats[4]


def test_spans_of_reads_bio():
    assert [(p.start, p.end, p.role) for p in spans_of(["B-care", "I-care", "O", "B-visit"])] == \
        [(0, 2, "care"), (3, 4, "visit")]


def test_tiny_model_tags_an_unseen_name(tiny_model):
    tagger = PlaceTagger(str(tiny_model))
    text = "1月7日逗留于银河茶楼。"
    found = [(text[p.start:p.end], p.role) for p in tagger.tag(text)]
    assert ("银河茶楼", "visit") in found


def test_tagger_adds_what_the_rules_missed(tiny_model, monkeypatch):
    monkeypatch.setenv("CASEGRAPH_TAGGER_MODEL", str(tiny_model))
    monkeypatch.setenv("CASEGRAPH_TAGGER_ROLES", "visit,residence")  # visits are not used by default
    rules = casegraph.extract(UNSEEN, city="测试", date="2020-01-10", tagger=False)
    assert not rules.has_edge("case:病例1", "location:银河茶楼")
    both = casegraph.extract(UNSEEN, city="测试", date="2020-01-10", tagger=True)
    assert both.edges["case:病例1", "location:银河茶楼", "visited"]["date"] == "2020-01-05"


def test_tagger_leaves_what_the_rules_read(tiny_model, monkeypatch):
    monkeypatch.setenv("CASEGRAPH_TAGGER_MODEL", str(tiny_model))
    text = "病例1：女，30岁，现住样例区青松公寓。1月9日收入东城医院。"
    rules = casegraph.extract(text, city="测试", date="2020-01-10", tagger=False)
    both = casegraph.extract(text, city="测试", date="2020-01-10", tagger=True)
    assert sorted(both.edges(keys=True)) == sorted(rules.edges(keys=True))


def test_no_tagger_switch(tiny_model, monkeypatch, tmp_path):
    from click.testing import CliRunner

    monkeypatch.setenv("CASEGRAPH_TAGGER_MODEL", str(tiny_model))
    monkeypatch.setenv("CASEGRAPH_TAGGER_ROLES", "visit")
    (tmp_path / "doc.txt").write_text(UNSEEN, encoding="utf-8")
    runner = CliRunner()
    for flag, expected in (([], True), (["--no-tagger"], False)):
        out = tmp_path / f"out{len(flag)}"
        result = runner.invoke(cli, ["extract", str(tmp_path / "doc.txt"), "--out", str(out),
                                     "--date", "2020-01-10", *flag])
        assert result.exit_code == 0, result.output
        edges = json.loads((out / "doc.json").read_text(encoding="utf-8"))["edges"]
        assert any(e["target"] == "location:银河茶楼" for e in edges) is expected


def test_fact_of_roles():
    assert fact_of("朝阳区青松公寓", "residence").name == "青松公寓"
    assert fact_of("东城医院", "care").relation == "admitted_to"
    assert fact_of("东城医院", "visit").node_type == "facility"
    assert fact_of("集中隔离点", "quarantine").relation == "isolated_at"
    assert fact_of("住处", "residence") is None


def test_tagged_names_cleaned():
    """A branch in brackets stays in the name, an address goes; a span begun inside a
    district starts after it."""
    from casegraph.extract.learned import _place_fact, clean_span
    from casegraph.extract.tagger import TaggedPlace

    assert clean_span("星光超市(东园店)") == "星光超市(东园店)"
    assert clean_span("嘉园小区（样例路8号）") == "嘉园小区"
    text = "1月2日，到星光超市(东园店)购物。"
    at = text.index("东园店")
    fact, _ = _place_fact(text, TaggedPlace(at, at + 3, "visit", 0.9), set(), None)
    assert fact.name == "星光超市(东园店)"
    text = "现住于洪区沙河子小区。"
    fact, _ = _place_fact(text, TaggedPlace(4, 10, "residence", 0.9), set(), None)
    assert fact.name == "沙河子小区"


def test_training_data_from_both_sources():
    record = {"text": "患者现住样例小区，1月2日到星光茶楼。",
              "entities": [[4, 8, "ResidencePlace"], [14, 18, "Spot"], [11, 12, "Event"]],
              "events": [{"type": [11, 12, "Event"], "tuple": [[14, 18, "Spot"]]}]}
    assert sorted(ecr_spans(record)) == [(4, 8, "residence"), (14, 18, "visit")]
    graph = {"nodes": [{"id": "c", "type": "case", "name": "病例1"},
                       {"id": "l", "type": "location", "name": "星光茶楼"}],
             "edges": [{"source": "c", "target": "l", "relation": "visited"}]}
    assert gold_spans(record["text"], graph) == [(14, 18, "visit")]
    (text, tags), = sentence_examples(record["text"], ecr_spans(record))
    assert tags[4:8] == ["B-residence"] + ["I-residence"] * 3


def test_training_script(tmp_path):
    """bench/train_tagger.py on a made-up ECR file and a made-up gold folder."""
    import importlib.util

    ecr = tmp_path / "ecr.txt"
    text = "患者现住样例小区，1月2日到星光茶楼。"
    record = {"text": text, "entities": [[4, 8, "ResidencePlace"]],
              "events": [{"type": [11, 12, "Event"], "tuple": [[14, 18, "Spot"]]}]}
    ecr.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    corpus, gold = tmp_path / "corpus", tmp_path / "gold"
    corpus.mkdir(), gold.mkdir()
    (corpus / "d1.txt").write_text("病例1：1月3日逗留于金桥茶楼。", encoding="utf-8")
    (corpus / "manifest.tsv").write_text("file\tcity\tdate\nd1.txt\t测试\t2020-01-10\n", encoding="utf-8")
    (gold / "d1.json").write_text(json.dumps({"nodes": [
        {"id": "c", "type": "case", "name": "病例1"}, {"id": "l", "type": "location", "name": "金桥茶楼"}],
        "edges": [{"source": "c", "target": "l", "relation": "visited"}]}, ensure_ascii=False),
        encoding="utf-8")
    spec = importlib.util.spec_from_file_location("train_tagger", REPO / "bench" / "train_tagger.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "m.crfsuite"
    module.main(["--out", str(out), "--ecr", str(ecr), "--gold", str(gold), "--corpus", str(corpus),
                 "--iterations", "10"])
    assert out.stat().st_size > 0
    assert PlaceTagger(str(out)).tag("1月4日到星光茶楼。") is not None


def test_shipped_model_loads():
    from casegraph.extract.tagger import load_tagger

    assert load_tagger() is not None


def test_only_the_roles_that_help_on_unseen_text_become_edges(tiny_model, monkeypatch):
    from casegraph.extract.learned import USED_ROLES

    assert USED_ROLES == ("residence",)  # bench/tagger_kfold.py: where it adds on held-out text
    monkeypatch.setenv("CASEGRAPH_TAGGER_MODEL", str(tiny_model))
    both = casegraph.extract(UNSEEN, city="测试", date="2020-01-10", tagger=True)
    assert not both.has_edge("case:病例1", "location:银河茶楼")  # a visit: left to the rules


def test_with_homes_only_the_tagger_reads_only_stretches_near_a_home_word(tiny_model, monkeypatch):
    from casegraph.extract import learned

    calls = []
    tagger = PlaceTagger(str(tiny_model))
    real_tag = tagger.tag
    monkeypatch.setattr(tagger, "tag", lambda text: calls.append(text) or real_tag(text))
    text = "1月5日逗留于银河茶楼。其暂住于白云公寓。"
    learned._tag_unread(tagger, text, (), 0.0, learned._role_cues(("residence",)))
    assert calls and all("住" in window for window in calls)
    calls.clear()
    learned._tag_unread(tagger, text, (), 0.0, learned._role_cues(("visit", "residence")))
    assert any("银河茶楼" in window for window in calls)
