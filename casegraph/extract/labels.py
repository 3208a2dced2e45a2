"""Find case labels (感染者128, 本土确诊病例7, 12月19日本土确诊病例7, 患者林某) and their groups."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from casegraph import lexicon as lx

_alt = lx.alternation

_PREFIX = _alt(lx.LABEL_PREFIXES)
_WORD = _alt(lx.LABEL_WORDS)
_DATE = r"[0-9]{1,2}月[0-9]{1,2}日"
_SURNAMES = "".join(lx.SURNAMES)
_NUMBERED_LEAD = _alt(lx.NUMBERED_LABEL_LEADS)
_NUMBERED_WORD = _alt(lx.NUMBERED_LABEL_WORDS)
# A surname form: 王某, 王某某, 毛某宁 (a third character only where the form ends after it), or
# a bare 某某 heading a paragraph (``某某：现住址…``).
_GIVEN = rf"(?![{lx.NOT_GIVEN_NAME_CHARS}某])[\u4e00-\u9fff]"
_FORM_END = rf"[，,。：:；;（(）)、\s{lx.SURNAME_FORM_END_CHARS}]|同住|$"
_SURNAME_FORM = (rf"[{_SURNAMES}A-Z]某(?:某|{_GIVEN}(?={_FORM_END}))?|某某(?=[：:])"
                 rf"|[{_SURNAMES}](?:[xX]{{1,2}}|×{{1,2}}|\*{{1,2}})(?![a-zA-Z0-9])")  # 姜xx, 孙XX
# What may stand before a surname form in running text (老太毛某宁, 姐姐毛某亚, 与李某同住).
_SURNAME_LEADS = tuple(lx.PERSON_NOUNS + lx.FAMILY_WORDS + lx.SURNAME_JOINERS)
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
# ``朱某，女，52岁``: what after a name shows the name introduces its person, whatever came before.
PERSON_INTRO_RE = re.compile(r"[，,（(]\s*(?:(?:患者)?某?[男女]性?[，,、]?\s*[0-9]{1,3}\s*岁|[0-9]{1,3}\s*岁)")
_NAME_MARK_RE = re.compile(r"某|[xX×*]")

# One label: an optional earlier-bulletin date, a label word and a number, or a surname form;
# a label word with a numeral or a letter (病例一, 病例A) is an ordinal label.
LABEL = (rf"(?:(?P<ref>{_DATE})(?:发布的?|公布的?|通报的?|报告的?)?)?"
         rf"(?P<word>(?:{_PREFIX})?(?:{_WORD}))\s*(?P<num>[0-9]{{1,9}})(?![0-9]|{_alt(lx.NOT_LABEL_NUMBER_UNITS)})"
         rf"|(?:{_alt(lx.SURNAME_LABEL_LEADS)})?(?P<surname>{_SURNAME_FORM})"
         rf"|(?P<ordinal>(?:{_PREFIX})?(?:{_WORD})(?:[一二三四五六七八九十]{{1,3}}|[A-Z])(?=[：:，,（(\s、]|{_alt(lx.ORDINAL_LABEL_FOLLOWERS)})"
         rf"|第(?:[0-9]{{1,5}}(?:[、和及]第?[0-9]{{1,5}})*|[一二三四五六七八九十]{{1,3}})例(?:{_alt(lx.NTH_CASE_LABEL_WORDS)})?"
         rf"|(?:{_PREFIX})?(?:{_NUMBERED_LEAD})?(?<![0-9])[0-9]{{1,4}}号(?:{_NUMBERED_WORD}))")
LABEL_RE = re.compile(LABEL)
# Where a label can start: the first two characters of a prefix or label word (or 第 and a
# number), a surname before 某, or the date of an earlier bulletin before a word
# (``12月19日本土确诊病例7``). Trying LABEL_RE only there finds what LABEL_RE.search finds,
# without running every branch at every character.
_WORDS = lx.LABEL_PREFIXES + lx.LABEL_WORDS + ("患者", "病例")
_FIRST = "".join(sorted({w[0] for w in _WORDS} | {"第"}))
_SECOND = "".join(sorted({w[1] for w in _WORDS})) + "0-9一二三四五六七八九十"
LABEL_START_RE = re.compile(rf"[{_FIRST}](?=[{_SECOND}])|[{_SURNAMES}](?=某|[xX×*])|[A-Z](?=某)|某(?=某[：:])"
                            rf"|[0-9](?=[0-9]?月[0-9]{{1,2}}日(?:{_alt(lx.EARLIER_BULLETIN_VERBS)})?的?[{_FIRST}])")
# The same, with numbered labels (8号病例), for a text that has 号 at all.
NUMBERED_START_RE = re.compile(LABEL_START_RE.pattern + rf"|(?<![0-9月])[0-9](?=[0-9]{{0,3}}号(?:{_NUMBERED_WORD}))")
# What may join labels of one group: 感染者228、229 | 病例1—病例24 | 感染者238至245 | 病例8、病例9
JOINER_RE = re.compile(rf"\s*(?P<op>、|{_alt(lx.LABEL_JOINERS)}|—|–|-|~|～)\s*"
                       rf"(?:(?:{_PREFIX})?(?:{_WORD}))?\s*(?P<num>[0-9]{{1,9}})(?![0-9]|{_alt(lx.NOT_JOINED_UNITS)})")
ORDINAL_JOINER_RE = re.compile(r"[0-9][、和及]")
RANGE_OPS = set(lx.LABEL_RANGE_WORDS)
MAX_RANGE = 2000


@dataclass
class LabelGroup:
    """Labels printed together (``感染者233、234、236``), with where the group stands."""

    start: int
    end: int
    names: list[str] = field(default_factory=list)
    is_range: bool = False
    aliases: dict[str, str] = field(default_factory=dict)
    surname: bool = False
    unlabeled: bool = False  # a person told by description (一为46岁女性), no label

    @property
    def is_name(self) -> bool:
        """A surname form (王某某), not a numbered label."""
        return self.surname and not self.unlabeled and not self.names[0].startswith("第") \
            and not self.names[0][-1].isdigit() and _NAME_MARK_RE.search(self.names[0]) is not None

    @property
    def dated(self) -> bool:
        return bool(self.names) and "月" in self.names[0]


def _label_name(match: re.Match) -> str:
    if match.group("surname"):
        return match.group("surname")
    if match.group("ordinal"):
        return re.sub(r"(?<=例)(?:患者|病例|确诊病例)$", "", match.group("ordinal"))
    word = match.group("word")
    if word == "无症状":
        word = "无症状感染者"
    name = f"{word}{int(match.group('num'))}"
    if match.group("ref"):
        name = match.group("ref") + name
    return name


def _ordinal_list(match: re.Match) -> list[str]:
    """``第39、40例``: one ordinal label per number (an empty list for any other label)."""
    ordinal = match.group("ordinal")
    if not ordinal or not ordinal.startswith("第") or not ORDINAL_JOINER_RE.search(ordinal):
        return []
    return [f"第{n}例" for n in re.findall(r"[0-9]+", ordinal)]


def _search(text: str, pos: int, starts: re.Pattern = LABEL_START_RE) -> re.Match | None:
    """``LABEL_RE.search(text, pos)``, tried only where a label can start (``starts``)."""
    for start in starts.finditer(text, pos):
        if (match := LABEL_RE.match(text, start.start())) and _stands_alone(text, match):
            return match
    return None


def _stands_alone(text: str, match: re.Match) -> bool:
    """Whether a surname form begins a name rather than ends a word (对应某…): it follows
    no Chinese character, or ``患者``, a person noun, a kinship word or ``与``."""
    start = match.start("surname")
    if start < 0 or start > match.start():
        return True
    return start == 0 or not _CJK_RE.match(text[start - 1]) or text.endswith(_SURNAME_LEADS, 0, start) \
        or PERSON_INTRO_RE.match(text, match.end()) is not None


def find_groups(text: str) -> list[LabelGroup]:
    """Label groups in ``text`` in order of appearance.

    >>> [g.names for g in find_groups("感染者233、234、236：作为感染者148的密切接触者")]
    [['感染者233', '感染者234', '感染者236'], ['感染者148']]
    >>> find_groups("病例1—病例3，居住于浦东新区")[0].names
    ['病例1', '病例2', '病例3']
    """
    groups: list[LabelGroup] = []
    pos = 0
    starts = NUMBERED_START_RE if "号" in text else LABEL_START_RE
    while True:
        match = _search(text, pos, starts)
        if not match:
            return groups
        ref, prefix, num, surname, ordinal = match.group("ref", "word", "num", "surname", "ordinal")
        pos = match.end()
        if surname or ordinal:
            names = _ordinal_list(match) or [_label_name(match)]
            groups.append(LabelGroup(match.start(), pos, names, surname=True))
            continue
        group = LabelGroup(match.start(), pos, [_label_name(match)])
        ref = ref or ""
        last = int(num)
        while (join := JOINER_RE.match(text, pos)):
            num = int(join.group("num"))
            if join.group("op") in RANGE_OPS:
                if not last < num <= last + MAX_RANGE:
                    break
                group.names += [f"{ref}{prefix}{n}" for n in range(last + 1, num + 1)]
                group.is_range = True
            else:
                group.names.append(f"{ref}{prefix}{num}")
            last, pos = num, join.end()
        group.end = pos
        groups.append(group)
