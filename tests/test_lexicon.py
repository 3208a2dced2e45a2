"""The extractor's vocabulary lives in casegraph.lexicon (issue 15, item 4): the regexes of
casegraph/extract are built from its word tuples, and hold no list of Chinese words inline."""
from __future__ import annotations

import ast
import re
from pathlib import Path

from casegraph import lexicon as lx

PACKAGE = Path(__file__).resolve().parent.parent / "casegraph"
EXTRACT = PACKAGE / "extract"
LEXICON = PACKAGE / "lexicon"

# A group whose alternatives are all Chinese words (``(?:前往|到访|赴)``, ``(?!于|社区)``): such
# a list belongs in the lexicon.
WORD_GROUP = re.compile(r"(?<!\\)\((?:\?(?::|!|=|<!|<=|P<\w+>))?[\u4e00-\u9fff]+(?:\|[\u4e00-\u9fff]+)+\)")
# A Chinese word that is one alternative of an alternation (next to an unescaped ``|``).
ALTERNATIVE = re.compile(r"(?<![\\\w])[\u4e00-\u9fff]+(?=\|)|(?<=\|)[\u4e00-\u9fff]+")
CJK_WORD = re.compile(r"[\u4e00-\u9fff]+")
# At most this many Chinese alternatives inline in one regex ...
MAX_INLINE_ALTERNATIVES = 2
# ... but for these, whose Chinese alternatives are bound to the regex's structure (a unit after
# digits, a word with a class or a gap after it), not a list of words.
STRUCTURAL = {
    "attributes.CONFIRMED_RE": "诊断为[^，,。]*?确诊病例, 确诊为…第?[0-9]+例, [0-9]日确诊",
    "subjects.GROUP_STATEMENT_RE": "counts: [0-9]{1,9}例, [0-9]{1,9}名, [0-9]{1,9}人",
    "travel.TIMED_TO_RE": "clock times: [0-9]{1,2}[时点](?:[0-9]{1,2}分|半), 左右, 日",
    "dates.DATE_RE": "[上下中]午, [0-9]时/点, 第2天",
    "care.HOSPITAL_ABBREVIATION_RE": "附院, [一二三四五六七八九]院, 医院[^，,。]{0,8}",
    "subjects.RELATIVES_INFECTED_RE": "核酸检测结果(…)?阳性, 检测(?:结果)?(…)?阳性",
    "subjects.ONE_PERSON_RE": "(?:一名|1名), …阳性",
}


def compiled_patterns():
    """``(module.NAME, [string constants of the pattern])`` of every re.compile in casegraph/extract."""
    for path in sorted(EXTRACT.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        owner = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
                for inner in ast.walk(node.value):
                    owner.setdefault(id(inner), node.targets[0].id)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "compile"
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and node.args):
                strings = [n.value for n in ast.walk(node.args[0])
                           if isinstance(n, ast.Constant) and isinstance(n.value, str)]
                yield f"{path.stem}.{owner.get(id(node), f'line{node.lineno}')}", strings


def test_no_regex_holds_a_group_of_words():
    found = {name: m.group(0) for name, strings in compiled_patterns() for s in strings
             for m in [WORD_GROUP.search(s)] if m}
    assert not found, f"word lists inline in regexes (move them to casegraph/lexicon): {found}"


def test_no_regex_holds_many_words_inline():
    over = {}
    for name, strings in compiled_patterns():
        words = [w for s in strings for w in ALTERNATIVE.findall(s)]
        if len(words) > MAX_INLINE_ALTERNATIVES and name not in STRUCTURAL:
            over[name] = words
    assert not over, f"Chinese alternatives inline in regexes (move them to casegraph/lexicon): {over}"


def test_structural_exceptions_still_exist():
    names = {name for name, _ in compiled_patterns()}
    assert set(STRUCTURAL) <= names


def test_the_regexes_read_their_words_from_the_lexicon():
    """Most regexes are built from lexicon tuples (161 of 224 when the words moved)."""
    reading = sum(1 for path in EXTRACT.glob("*.py")
                  for line in path.read_text(encoding="utf-8").splitlines()
                  if "re.compile(" in line and "lx." in line)
    assert reading >= 120


def test_every_lexicon_tuple_is_words_with_a_comment():
    for path in sorted(LEXICON.glob("*.py")):
        if path.name in ("__init__.py", "gazetteer.py"):
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            m = re.match(r"([A-Z][A-Z0-9_]*) = \(", line)
            if m:
                assert lines[i - 1].startswith("# "), f"{path.name}: {m.group(1)} has no comment"
                words = getattr(lx, m.group(1))
                flat = [w for item in words for w in (item if isinstance(item, tuple) else (item,))]
                assert isinstance(words, tuple) and words and all(isinstance(w, str) and w for w in flat), m.group(1)


def test_every_lexicon_name_an_extract_regex_uses_exists():
    for path in sorted(EXTRACT.glob("*.py")):
        for name in set(re.findall(r"\blx\.([A-Z][A-Z0-9_]*)\b", path.read_text(encoding="utf-8"))):
            assert hasattr(lx, name), f"{path.name}: lx.{name}"


def test_no_extract_module_keeps_a_word_list():
    """A tuple, list, set or dict of Chinese words at an extract module's top level belongs in the
    lexicon too (a module may keep its old name for it as an alias: ``X = lx.X``)."""
    found = []
    for path in sorted(EXTRACT.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if not isinstance(node, ast.Assign):
                continue
            for inner in ast.walk(node.value):
                if isinstance(inner, (ast.Tuple, ast.List, ast.Set, ast.Dict)):
                    words = [n.value for n in ast.walk(inner) if isinstance(n, ast.Constant)
                             and isinstance(n.value, str) and CJK_WORD.fullmatch(n.value)]
                    if len(words) >= 3:
                        found.append(f"{path.stem}:{node.lineno} {words[:4]}")
    assert not found, found


def test_in_order_keeps_the_order_and_alternation_puts_the_longest_first():
    assert lx.in_order(("乘", "乘坐", "乘")) == "乘|乘坐"
    assert lx.alternation(("乘", "乘坐")) == "乘坐|乘"
