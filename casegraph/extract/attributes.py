"""What a clause says of the case itself: sex, age, clinical type, status and dated events."""
from __future__ import annotations

import re
from dataclasses import dataclass

from casegraph import lexicon as lx

_alt = lx.alternation

SEX_RE = re.compile(rf"^(?:{_alt(lx.LABEL_APPOSITION_WORDS)})?(?:{_alt(lx.COPULAS)})?(?:性别[：:]?)?某?(?P<sex>{_alt(lx.SEX_CHARS)})(?:{_alt(lx.SEX_WORD_ENDINGS)})?$")
AGE_RE = re.compile(r"^(?:年龄[：:]?)?(?P<age>[0-9]{1,3})(?:周)?岁(?:半)?(?:[（(][^）)]*[）)])?$")  # 59岁（第十三例母亲）
AGE_SEX_RE = re.compile(rf"(?P<age>[0-9]{{1,3}})岁(?:的)?(?P<sex>{_alt(lx.SEX_CHARS)})(?:{_alt(lx.SEX_WORD_ENDINGS)})?")
SEX_AGE_RE = re.compile(rf"(?P<sex>{_alt(lx.SEX_CHARS)})(?:性)?[，,、\s]*(?P<age>[0-9]{{1,3}})岁")
_SEX_OF_WORD = {w: sex for sex, words in lx.SEXED_PERSON_WORDS.items() for w in words}
_SEX_OF_KIN = {w: sex for sex, words in lx.SEXED_KIN_WORDS.items() for w in words}
# ``一名64岁的老太``, ``70岁的她``: an age before a word for a person of one sex.
AGE_PERSON_RE = re.compile(rf"(?P<age>[0-9]{{1,3}})岁的?(?P<word>{_alt(list(_SEX_OF_WORD))})")
# ``是病例1的妻子``: the subject is the kin of another, which fixes the subject's sex.
KIN_OF_RE = re.compile(rf"(?:^|{_alt(lx.KIN_OF_COPULAS)})[^，,。；]{{0,16}}?的(?P<word>{_alt(list(_SEX_OF_KIN))})(?:$|[，,。；）)])")
# A clinical type said of the subject (``（轻型）``, ``为普通型``, ``属重症病例``), not a tally (``重型15例``).
SEVERITY_RE = re.compile(rf"(?:^|(?:{_alt(lx.SEVERITY_COPULAS)})(?:{_alt(lx.COVID_PNEUMONIA_WORDS)})?(?:确诊的)?|分型[为：:]?|[（(])(?P<type>{_alt(list(lx.SEVERITY_WORDS))})"
                         rf"(?:{_alt(lx.SEVERITY_CASE_WORDS)})?(?:$|[）)，,。；])")
CONFIRMED_RE = re.compile(rf"(?:{_alt(lx.CONFIRMED_VERBS)})(?:新冠肺炎)?(?:{_alt(lx.CONFIRMED_NOUNS)})|诊断为[^，,。]*?确诊病例"
                          # 2020: ``确定为新型冠状病毒感染的肺炎``, ``确诊为天津第46例病例``
                          rf"|(?:{_alt(lx.PNEUMONIA_DIAGNOSIS_VERBS)})(?:{_alt(lx.CORONAVIRUS_WORDS)})(?:感染的)?肺炎"
                          r"|确诊为[^，,。无]{0,8}?第?[0-9]+例(?:确诊)?病例"
                          # ``2月5日下午确诊``, ``被确诊``: the case itself confirmed
                          rf"|(?:[0-9]日|{_alt(lx.CONFIRMED_TIME_WORDS)})确诊$"
                          # ``作为…确诊病例``, ``是扬州报告的第二例确诊病例``
                          r"|作为[^，,。]{0,20}?确诊病例(?!的)"
                          rf"|(?:{_alt(lx.TYPED_DIAGNOSIS_VERBS)})(?:{_alt(lx.COVID_PNEUMONIA_WORDS)})?(?:{_alt(lx.CONFIRMED_TYPES)})(?:{_alt(lx.SEVERITY_CASE_WORDS)})"
                          rf"|(?:{_alt(lx.NTH_CONFIRMED_COPULAS)})[^，,。]{{0,12}}?第[0-9一二三四五六七八九十]{{1,4}}例确诊病例(?!的)")
ASYMPTOMATIC_RE = re.compile(rf"(?:{_alt(lx.ASYMPTOMATIC_VERBS)})(?:新冠病毒)?无症状感染者")
DIAGNOSIS_RE = re.compile(rf"(?:{_alt(lx.DIAGNOSIS_VERBS)})(?!{_alt(lx.NOT_DIAGNOSIS_FOLLOWERS)})")
CATEGORY_RE = re.compile(rf"(?:{_alt(lx.CATEGORY_COPULAS)})(?:{_alt(lx.CONFIRMED_NOUNS)})")  # 属确诊病例
NOT_OWN_DIAGNOSIS_RE = re.compile(rf"{_alt(lx.NOT_OWN_DIAGNOSIS_WORDS)}")
# ``因外孙被确诊``: someone else's diagnosis.
OTHER_DIAGNOSED_RE = re.compile(rf"(?:{_alt(lx.FAMILY_WORDS + lx.SOCIAL_WORDS)})(?:{_alt(lx.OTHER_DIAGNOSED_ADVERBS)})?(?:{_alt(lx.OTHER_DIAGNOSED_VERBS)})")
ONSET_RE = re.compile(rf"(?!{_alt(lx.NOT_ONSET_NAMES)})(?:{_alt(lx.ONSET_WORDS)})")  # (not 发热门诊)
NO_ONSET_RE = re.compile(rf"{_alt(lx.NO_SYMPTOM_WORDS)}|无明显(?!诱因)|{_alt(lx.NO_SYMPTOM_WORDS_2)}")
# A clause with none of these says nothing of the case itself.
ATTRIBUTE_GATE_RE = re.compile(rf"{_alt(lx.ATTRIBUTE_GATE_WORDS)}")
MAX_AGE = 120


@dataclass(frozen=True)
class Attributes:
    """The attributes one clause gives its case.

    ``status`` is ``confirmed`` (overriding an earlier status) or ``asymptomatic``;
    ``positive``/``diagnosis``/``onset`` say the clause's date is that event's.
    """

    sex: str | None = None
    age: int | None = None
    severity: str | None = None
    status: str | None = None
    positive: bool = False
    diagnosis: bool = False
    onset: bool = False


def read_attributes(clause: str) -> Attributes | None:
    """The attributes ``clause`` states, or ``None`` when it states none.

    >>> read_attributes("男，35岁")
    Attributes(sex='M', age=35, severity=None, status=None, positive=False, diagnosis=False, onset=False)
    >>> read_attributes("居住于浦东新区") is None
    True
    """
    c = clause.strip()
    if not ATTRIBUTE_GATE_RE.search(c):
        return None
    sex = age = None
    bare = c.strip("（()）")  # ``感染者3（女，25岁）``: the sex and age in a bracket
    if (m := SEX_RE.match(c) or SEX_RE.match(bare)):
        sex = m.group("sex")
    elif (m := AGE_RE.match(c) or AGE_RE.match(bare)):
        age = int(m.group("age"))
    elif (m := AGE_SEX_RE.search(c) or SEX_AGE_RE.search(c)):
        sex, age = m.group("sex"), int(m.group("age"))
    elif (m := AGE_PERSON_RE.search(c)):
        sex, age = "男" if _SEX_OF_WORD[m.group("word")] == "M" else "女", int(m.group("age"))
    elif (m := KIN_OF_RE.search(c)):
        sex = "男" if _SEX_OF_KIN[m.group("word")] == "M" else "女"
    severity = lx.SEVERITY_WORDS[m.group("type")] if (m := SEVERITY_RE.search(c)) else None
    status = None
    if CONFIRMED_RE.search(c):
        status = "confirmed"
    elif ASYMPTOMATIC_RE.search(c):
        status = "asymptomatic"
    return Attributes(
        sex={"男": "M", "女": "F"}.get(sex),
        age=age if age is not None and age <= MAX_AGE else None,
        severity=severity,
        status=status,
        positive="阳性" in c and "阴性" not in c.split("阳性")[0][-6:],
        diagnosis=DIAGNOSIS_RE.search(CATEGORY_RE.sub("", c)) is not None and not NOT_OWN_DIAGNOSIS_RE.search(c)
        and not OTHER_DIAGNOSED_RE.search(c),
        onset=ONSET_RE.search(c) is not None and not NO_ONSET_RE.search(c) and "阳性" not in c and "检测" not in c,
    )
