"""The benchmark corpus generator (bench/gen_corpus.py) grows an archive that a build reads
like the bulletins it grew from: same people per bulletin, real districts, new labels."""
from __future__ import annotations

import importlib.util
import itertools
import re
from pathlib import Path

import pytest

import casegraph
from casegraph.document import Document

GEN_PATH = Path(__file__).resolve().parent.parent / "bench" / "gen_corpus.py"

SOURCES = [
    Document(id="sh", city="上海", date="2022-04-15", text=(
        "2022年4月15日0—24时，新增本土确诊病例4例。病例1—病例3，居住于浦东新区，病例4，居住于黄浦区。"
        "无症状感染者1，女，35岁，居住于浦东新区锦绣家园，系此前报告病例的密切接触者。")),
    Document(id="bj", city="北京", date="2022-04-14", text=(
        "感染者12：现住丰台区东铁匠营街道东木樨园14号楼。4月4日作为感染者9的密切接触者进行集中隔离，"
        "4月13日核酸检测结果为阳性，已转至定点医院。感染者13：现住海淀区学院路小区，在安华超市工作。")),
]


@pytest.fixture(scope="module")
def gen():
    spec = importlib.util.spec_from_file_location("gen_corpus", GEN_PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rounds(gen, n: int, seed: int = 7) -> list[dict]:
    return list(itertools.islice(gen.Grower(SOURCES, seed).documents(), n * len(SOURCES)))


def _cases(record: dict) -> int:
    doc = Document(id=record["id"], text=record["text"], city=record["city"], date=record["date"])
    G = casegraph.extract_document(doc)
    return sum(1 for _n, t in G.nodes(data="type") if t == "case")


def test_same_seed_same_corpus_and_other_seed_another(gen):
    assert _rounds(gen, 3) == _rounds(gen, 3)
    assert _rounds(gen, 3) != _rounds(gen, 3, seed=8)


def test_labels_rise_by_one_step_per_round(gen):
    for record in _rounds(gen, 4):
        step = int(record["id"][1:5]) * gen.LABEL_STEP
        if record["id"].endswith("-bj"):
            assert f"感染者{12 + step}：" in record["text"]
            assert f"感染者{9 + step}的密切接触者" in record["text"]
        else:
            assert f"病例{1 + step}—病例{3 + step}" in record["text"]


def test_districts_stay_real_and_every_round_has_the_same_people(gen):
    """A made-up district is no district: 病例1—病例3，居住于<made-up>区 would read as three
    cases living at one place, growing the graph with every round (GUIDE: a range with a
    district gives no case nodes)."""
    source_cases = {doc.id: _cases({"id": doc.id, "text": doc.text, "city": doc.city,
                                    "date": doc.date}) for doc in SOURCES}
    records = _rounds(gen, 5)
    for record in records:
        source = record["id"].split("-", 1)[1]
        for district in re.findall(r"(浦东新区|黄浦区|丰台区|海淀区)", SOURCES[source == "bj"].text):
            assert district in record["text"]
        assert _cases(record) == source_cases[source], record["id"]
    renamed = [r for r in records if r["id"].endswith("-sh") and "锦绣家园" not in r["text"]]
    assert renamed, "some rounds give the compound a new name"


def test_no_city_has_two_bulletins_of_one_date(gen):
    records = _rounds(gen, 8)
    assert len({(r["city"], r["date"]) for r in records}) == len(records)


def test_a_smaller_corpus_is_the_start_of_a_larger_one(gen, tmp_path):
    small, large = tmp_path / "small.jsonl", tmp_path / "large.jsonl"
    gen.write_corpus(gen.Grower(SOURCES, 3), small, 2_000)
    gen.write_corpus(gen.Grower(SOURCES, 3), large, 6_000)
    assert large.read_bytes().startswith(small.read_bytes())
    assert small.stat().st_size >= 2_000 and large.stat().st_size >= 6_000
