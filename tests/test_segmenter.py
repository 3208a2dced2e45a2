"""jieba opened lazily (casegraph/lexicon/segmenter.py): the same cuts and tags as jieba with
its whole table loaded, a word file made once and mended when broken, and jieba's own load
where no word file can be kept."""
from __future__ import annotations

import logging

import jieba
import pytest

from casegraph.lexicon import segmenter

PHRASES = ["丰台区东木樨园14号楼", "卫生室输液", "到市第一人民医院就诊", "乘坐G1234次列车返回",
           "在万达广场小区附近超市购物", "定点医疗机构隔离治疗", "郑州东站下车后打车回家"]


@pytest.fixture
def fresh_folder(tmp_path, monkeypatch):
    """A temporary folder of its own, so that the word file is made anew in it."""
    monkeypatch.setattr(segmenter, "word_file_folder", lambda: tmp_path)
    segmenter.jieba_tokenizer.cache_clear()
    yield tmp_path
    segmenter.jieba_tokenizer.cache_clear()


def full_tokenizer() -> jieba.Tokenizer:
    """jieba as it loads itself: its whole table, then casegraph's words."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    with segmenter._user_dictionary() as user_dict:
        tokenizer.load_userdict(str(user_dict))
    return tokenizer


def test_lazy_table_cuts_and_tags_as_the_whole_table(fresh_folder):
    lazy = segmenter.jieba_tokenizer()
    assert isinstance(lazy.FREQ, segmenter.WordTable)
    assert list(fresh_folder.glob("casegraph.words.*.sqlite"))  # made once, kept
    full = full_tokenizer()
    tags = segmenter.word_tags()
    assert lazy.total == full.total
    for phrase in PHRASES:
        assert lazy.lcut(phrase, HMM=False) == full.lcut(phrase, HMM=False)
        assert segmenter.pos_cut(phrase) == [(w, tags.get(w, "x")) for w in full.cut(phrase, HMM=False)]
    assert segmenter.pos_cut("卫生室输液") == [("卫生室", "x"), ("输液", "v")]


def test_a_word_added_at_run_time_is_cut(fresh_folder):
    tokenizer = segmenter.jieba_tokenizer()
    tokenizer.add_word("木樨园十四号楼", 100000)
    assert "木樨园十四号楼" in tokenizer.lcut("东木樨园十四号楼", HMM=False)


def test_a_broken_word_file_is_made_again(fresh_folder):
    segmenter.jieba_tokenizer()
    (word_file,) = fresh_folder.glob("casegraph.words.*.sqlite")
    word_file.write_bytes(b"not a database")
    segmenter.jieba_tokenizer.cache_clear()
    tokenizer = segmenter.jieba_tokenizer()
    assert isinstance(tokenizer.FREQ, segmenter.WordTable)
    assert tokenizer.lcut("卫生室输液", HMM=False) == ["卫生室", "输液"]


def test_without_a_writable_folder_jieba_loads_its_whole_table(tmp_path, monkeypatch):
    monkeypatch.setattr(segmenter, "word_file_folder", lambda: tmp_path / "missing")
    segmenter.jieba_tokenizer.cache_clear()
    try:
        tokenizer = segmenter.jieba_tokenizer()
        assert isinstance(tokenizer.FREQ, dict)
        assert segmenter.pos_cut("卫生室输液") == [("卫生室", "x"), ("输液", "v")]
    finally:
        segmenter.jieba_tokenizer.cache_clear()
