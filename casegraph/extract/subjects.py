"""Who a sentence is about: heading labels, group statements, unlabeled and described cases.

These tests read text only; :class:`~casegraph.extract.reader.BulletinReader` keeps the
subject they decide on.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from casegraph import lexicon as lx
from casegraph.extract import labels
from casegraph.extract.labels import LabelGroup
from casegraph.extract.places import strip_admin

_alt = lx.alternation

HEADING_FOLLOW_RE = re.compile(rf"\s*(?:[：:]|[，,]\s*(?:(?:患者)?某?[男女]|[0-9]{{1,3}}岁|{_alt(lx.HEADING_DESCRIPTION_WORDS)})"
                               rf"|{_alt(lx.COPULAS)}|（|\(|{_alt(lx.HEADING_FACT_LEADS)}|[0-9]{{1,2}}月|{_alt(lx.HEADING_FACT_LEADS_2)})")
# ``一名64岁的老太毛某宁，她…``, ``其姐姐毛某亚，是…``: a person noun or kinship word before a
# surname form that the sentence goes on to tell about.
NAME_APPOSITION_LEADS = tuple(w for words in lx.SEXED_PERSON_WORDS.values() for w in words) + lx.FAMILY_WORDS
APPOSITION_FOLLOW_RE = re.compile(rf"[，,（(]\s*(?:{_alt(lx.APPOSITION_FOLLOWERS)}|[男女]|[0-9]{{1,3}}岁)")
_SEXED = {w: sex for table in (lx.SEXED_PERSON_WORDS, lx.SEXED_KIN_WORDS) for sex, words in table.items()
          for w in words}
APPOSITION_RE = re.compile(rf"(?:(?P<age>[0-9]{{1,3}})岁的?)?(?P<word>{_alt(list(_SEXED))})$")
# ``宁波市鄞州区在集中隔离点发现1例新冠病毒初筛阳性感染者``: one new case announced.
ANNOUNCE_RE = re.compile(rf"(?:{_alt(lx.NEW_CASE_VERBS)})"
                         rf"(?P<before>[^，,。；;0-9]{{0,16}}?)(?<![0-9])(?:1|一)(?:{_alt(lx.CASE_COUNT_UNITS)})(?![0-9])"
                         rf"(?P<desc>[^，,。；;0-9（(]{{0,24}}?(?:{_alt(lx.ANNOUNCED_CASE_WORDS)}))")
# ``新增1例确诊病例和1例无症状感染者``: more cases counted right after the first.
# ``病例发病前曾到过…``, ``该患者…``: the case word alone, no number or count, as a subject.
BARE_CASE_REFERENCE_RE = re.compile(rf"(?:^|[，,：:])(?:该)?(?:{_alt(lx.BARE_CASE_WORDS)})(?![0-9一二三四五六七八九十]|例|的密)")
# ``住址同病例7``, ``工作单位与病例3相同``: a home or workplace told as another case's.
SAME_PLACE_RE = re.compile(rf"^(?:现)?(?P<field>{_alt(lx.HOME_ADDRESS_WORDS + lx.WORK_ADDRESS_WORDS)})"
                           rf"(?:为)?(?:{_alt(lx.SAME_AS_WORDS)})")
# ``，输入病例为43岁女性患者``: a clause that describes the case just announced.
DESCRIBED_AFTER_COPULA_RE = re.compile(rf"[，,]?[^，,。；;]{{0,8}}?(?:{_alt(lx.COPULAS)})")
# (not ``，为一名出租车司机``: a count after a copula describes the case just announced)
MORE_CASES_RE = re.compile(rf"[（(]?[^，,。；;）)]{{0,6}}[）)]?(?:{_alt(lx.MORE_CASES_JOINERS)}|、|，|,)\s*(?!{_alt(lx.COPULAS)})"
                           rf"[^，,。；;0-9]{{0,6}}?(?:[0-9]{{1,5}}|[一两二三四五六七八九十]{{1,3}})(?:{_alt(lx.CASE_COUNT_UNITS)})")
# ``我市一名出租车司机核酸检测结果为阳性``: one person found infected, told by description.
ONE_PERSON_RE = re.compile(r"(?:一名|1名)(?P<desc>[^，,。；;0-9]{1,16}?)(?:的)?(?:新冠病毒)?"
                           rf"(?:{_alt(lx.NUCLEIC_TEST_WORDS)})?(?:{_alt(lx.TEST_KIND_WORDS)})?(?:结果)?(?:{_alt(lx.RESULT_COPULAS)})?阳性"
                           # ``一名35岁中国籍女性，被确诊为新型冠状病毒肺炎患者``
                           rf"|(?:一名|1名)(?P<desc2>[^，,。；;]{{1,20}}?)[，,]?(?:{_alt(lx.ONE_PERSON_ADVERBS)})?(?:{_alt(lx.ONE_PERSON_DIAGNOSIS_VERBS)})为")
DESC_AGE_RE = re.compile(r"([0-9]{1,3})岁")
DESC_SEX_RE = re.compile(rf"({_alt(lx.SEX_CHARS)})(?:{_alt(lx.SEX_WORD_ENDINGS)})")
CLAUSE_MARKS = "，,。；;：:"
ILLNESS_NAME_RE = re.compile(rf"^.*?(?:{_alt(lx.ILLNESS_NAMES)})")
_CATEGORY = _alt(lx.CASE_CATEGORY_WORDS)
_PREFIXES = _alt(lx.LABEL_PREFIXES)
CATEGORY_HEADING_RE = re.compile(rf"(?P<name>(?:{_PREFIXES})?(?:{_CATEGORY}))的?(?:{_alt(lx.CASE_CATEGORY_TAILS)})?"
                                 r"[：:](?!\s*$)(?![^，,。]{0,4}如下)")
BARE_HEADING_REST_RE = re.compile(r"\s*(?:[（(][^）)]{0,30}[）)])?\s*[：:]?\s*")
CJK_RE = re.compile(r"[\u4e00-\u9fff]")
LABEL_APPOSITION_RE = re.compile(rf"(?:{_alt(lx.LABEL_APPOSITION_WORDS)})(?![0-9的])")
HEADING_AREA_LEAD_RE = re.compile(_alt(lx.HEADING_AREA_LEADS))
OWNED_CONTACTS_RE = re.compile(rf"的?(?:{_alt(lx.CONTACT_OF_NO_DE_NOUNS)})(?:人员)?(?:{_alt(lx.CONTACT_COUNT_VERBS)})?"
                               rf"(?:{_alt(lx.CONTACT_COUNT_TOTALS)})?[0-9]{{1,6}}(?:{_alt(lx.CONTACT_COUNT_UNITS)})")
CASE_WORD_END_RE = re.compile(rf"(?:{_alt(lx.LABEL_APPOSITION_WORDS)})$")
# ``第32例确诊后，患者于…``: a time told by another case's event, not a heading.
TEMPORAL_CLAUSE_RE = re.compile(rf"(?:{_alt(lx.ONE_PERSON_ADVERBS)})?(?:{_alt(lx.OTHER_CASE_EVENTS)})(?:{_alt(lx.TEMPORAL_ENDINGS)})[，,]")
# A few words before ``患者X某`` that opens a sentence (出院患者赵某某, 龙南县患者叶某某).
SHORT_LEAD_RE = re.compile(r"[\u4e00-\u9fff]{1,12}")
# A line's number (一、 (3) 4. 其中：), or a bare number before the sex (``4，男，32岁``).
BULLET_RE = re.compile(r"(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]{1,9}[、.．]"
                       rf"|[0-9]{{1,3}}[，,](?=\s*某?[男女])|其中[：:，,]?|{_alt(lx.BULLET_WORDS)})?\s*")
PERSON_INTRO_RE = labels.PERSON_INTRO_RE
# ``病例28：闫某某``: what may stand between a label and the name of the same person.
NAME_AFTER_LABEL_RE = re.compile(rf"\s*(?:[：:，,、]|{_alt(lx.NAME_AFTER_LABEL_COPULAS)})?\s*(?:{_alt(lx.NAME_AFTER_LABEL_WORDS)})?")
GROUP_STATEMENT_RE = re.compile(rf"^(?:{_alt(lx.GROUP_STATEMENT_LEADS)})(?:[0-9一二三四五六七八九十两]{{1,9}}例|[0-9]{{1,9}}名|{_alt(lx.GROUP_STATEMENT_NOUNS)}|[0-9]{{1,9}}人)"
                                rf"|^(?:{_alt(lx.GROUP_STATEMENT_LEADS_2)})(?:[0-9二三四五六七八九十两]{{1,9}}例|[0-9]{{1,9}}名)"
                                # ``两人活动轨迹涉及场所：``, ``3人均为…``
                                rf"|^(?:[两二三四五六七八九十]|[2-9])(?:人|名(?:{_alt(lx.GROUP_STATEMENT_CASE_WORDS)})?)(?:{_alt(lx.GROUP_STATEMENT_FOLLOWERS)})")
COUNTED_GROUP_RE = re.compile(rf"^(?:新增)?[0-9]{{1,9}}例[\u4e00-\u9fff]{{0,8}}?(?:{_alt(lx.COUNTED_GROUP_CASE_WORDS)})(?:{_alt(lx.COUNTED_GROUP_ADVERBS)})")
ABOVE_CASES_RE = re.compile(rf"(?:{_alt(lx.GROUP_STATEMENT_LEADS)})(?:[0-9一二三四五六七八九十两]{{1,9}}例|[0-9]{{1,9}}名)?(?:确诊)?(?:{_alt(lx.ABOVE_CASES_WORDS)})")
DISTRICT_NEW_CASE_RE = re.compile(rf"(?:^|[，,：:。日时\s])(?P<district>[\u4e00-\u9fff]{{1,6}}?(?:{_alt(lx.DISTRICT_NEW_CASE_ENDINGS)}))(?:{_alt(lx.DISTRICT_NEW_CASE_DAYS)})?(?:{_alt(lx.DISTRICT_NEW_CASE_VERBS)})(?:1|一)例")
SPEAKER_VERB_RE = re.compile(rf"{_alt(lx.SPEAKER_VERBS)}")
SPEAKER_RE = re.compile(rf"(?:^|[，,。\s])[\u4e00-\u9fff]{{2,12}}(?:{_alt(lx.SPEAKER_VERBS)})[，,：:]")
# A count of several new cases: the sentence is about none of them in particular.
SINGLE_NEW_RE = re.compile(rf"新增(?P<kind>{_alt(lx.NEW_CASE_ORIGINS)})?(?:{_alt(lx.COVID_WORDS)})?"
                           rf"(?P<word>{_alt(lx.NEW_CASE_STATUSES)})(?<![0-9])(?:1|一)例(?:[，,。；;（(]|$)")
THAT_CASE_RE = re.compile(rf"^该(?:[0-9]{{1,3}}岁)?(?P<sex>{_alt(lx.SEX_CHARS)})?性?(?:{_alt(lx.NEW_CASE_ORIGINS)})?"
                          rf"(?:{_alt(lx.THAT_CASE_WORDS)})"
                          rf"|^该名?[\u4e00-\u9fff]{{0,4}}?(?P<sex2>{_alt(lx.SEX_CHARS)})(?:{_alt(lx.THAT_CASE_SEX_ENDINGS)})")
NEW_COUNT_RE = re.compile(rf"(?:新增|(?<!累计)(?:{_alt(lx.NEW_COUNT_VERBS)}))[\u4e00-\u9fff]{{0,20}}?(?<![0-9])(?:[02-9]|[1-9][0-9]{{1,8}}|两|[二三四五六七八九十])例")
# ``患者，女，76岁``, ``输入病例为43岁女性患者``, ``该市首例患者是一名62岁男性``; a job before
# the sex after a copula or 一名 (``患者系一名出租车司机，男，50岁``, ``一名快递员，女，30岁``).
UNLABELED_RE = re.compile(rf"(?:[\u4e00-\u9fff]{{0,8}}?(?:{_alt(lx.UNLABELED_CASE_WORDS)})|[\u4e00-\u9fff]{{1,6}}(?:1|一)例)?"
                          rf"(?:(?:{_alt(lx.COPULAS)})(?:{_alt(lx.ONE_PERSON_WORDS)}|1名)?|{_alt(lx.ONE_PERSON_WORDS)}|1名)?"
                          rf"(?:(?<=[\u4e00-\u9fff])[\u4e00-\u9fff]{{2,8}}?(?=[，,]\s*某?(?:{_alt(lx.SEX_CHARS)})))?[，,：:]?\s*"
                          rf"(?:某?(?P<sex1>{_alt(lx.SEX_CHARS)})性?[，,、]\s*(?P<age1>[0-9]{{1,3}})岁"
                          rf"|(?P<age2>[0-9]{{1,3}})岁的?[，,]?\s*(?P<sex2>{_alt(lx.SEX_CHARS)})性?)")
SHORT_LEAD_CLAUSE_RE = re.compile(r"[\u4e00-\u9fff]{1,4}[，,]\s*")
# ``死亡病例病情介绍：`` before an unlabeled case's sex and age.
HEADED_RE = re.compile(r"[\u4e00-\u9fff]{2,12}[：:]\s*")
THAT_PERSON_RE = re.compile(rf"该(?:{_alt(lx.THAT_PERSON_CASE_WORDS)}|名?[\u4e00-\u9fff]{{0,4}}?(?:{_alt(lx.THAT_PERSON_SEX_WORDS)}))"
                            rf"|(?<!确诊)(?<!其他)(?<!所有)患者(?:{_alt(lx.THAT_PERSON_FOLLOWERS)})")
TRAJECTORY_INTRO_RE = re.compile(rf"(?:{_alt(lx.TRAJECTORY_INTRO_WORDS)})?轨迹(?:及[^：:，,。]{{0,8}})?(?:公布)?(?:{_alt(lx.TRAJECTORY_INTRO_ENDINGS)})?[：:]$")
MAX_TRAJECTORY_INTRO = 30
# ``二、活动轨迹``, ``（三）行程轨迹情况``: a section's heading line, no colon after it.
TRAJECTORY_HEADING_RE = re.compile(rf"(?:{_alt(lx.TRAJECTORY_INTRO_WORDS)})?轨迹(?:{_alt(lx.TRAJECTORY_HEADING_TAILS)})?\s*")
# (a clock time or a part of the day goes on a trajectory: ``10:48乘G2193…``, ``上午…``)
PRONOUN_START_RE = re.compile(rf"^(?:[0-9]{{1,2}}(?::|：|{_alt(lx.CLOCK_UNITS)})[0-9]{{0,2}}|{_alt(lx.PRONOUN_STARTS)}|"
                              rf"{_alt(lx.NEXT_DAY_WORDS)}|[0-9]{{1,2}}月|[0-9]{{1,2}}日|{_alt(lx.DAY_PART_WORDS)})")
# One case of a count singled out by a description, and the facts that make it worth a node.
DESCRIBED_CASE_RE = re.compile(r"(?:^|[，,。：:])[^，,。；0-9]{0,12}?(?<![0-9])(?:1|一)例(?:[^，,。；]{0,40}?[，,]?)?为"
                               rf"(?P<desc>[^，,。；（(]{{2,20}}?(?:{_alt(lx.UNLABELED_CASE_WORDS)}))(?=[，,。；]|$)")
DESCRIBED_FACT_RE = re.compile(rf"{_alt(lx.DESCRIBED_FACT_WORDS)}")
DATE_LEAD_RE = re.compile(r"^(?:[0-9]{1,2}月)?[0-9]{1,2}日")
BLANKET_RE = re.compile(_alt(lx.BLANKET_WORDS))
# ``其``/``该``/``以上`` name the cases a statement is about: it is no blanket one.
REFERRING_RE = re.compile(rf"{_alt(lx.REFERRING_WORDS)}")
NEW_CASES_RE = re.compile(rf"(?:{_alt(lx.NEW_CASE_VERBS)})[^。；;]{{0,30}}?(?<![0-9])[0-9]{{1,5}}(?:{_alt(lx.NEW_CASE_UNITS)})")
CASE_COUNT_RE = re.compile(rf"([0-9]{{1,5}})(?:{_alt(lx.NEW_CASE_UNITS)})")
PART_WORD_RE = re.compile(_alt(list(lx.PART_LABEL_WORDS)))
# ``综合流行病学史、临床症状…等，诊断为确诊病例``: the verdict on every case of a paragraph.
CONCLUSION_RE = re.compile(r"^综合[^。]{0,60}?诊断")
# ``病例12的活动轨迹如下：``, ``感染者3的基本情况：``: a heading label's own account, after 的.
OWN_ACCOUNT_RE = re.compile(rf"的(?:主要)?(?:{_alt(lx.TRAJECTORY_INTRO_WORDS)})?(?:{_alt(lx.CASE_CATEGORY_TAILS)})")


def is_heading(text: str, group: LabelGroup) -> bool:
    """Whether a label group heads what follows (``感染者2：``, ``病例3，男，``), making its
    cases the subject, rather than naming them in passing (``感染者1的密切接触者``).

    The text around the group is read in place, never copied: a Shanghai sentence lists
    two thousand cases in 40,000 characters.
    """
    if group.dated or TEMPORAL_CLAUSE_RE.match(text, group.end):
        return False
    bullet_end = BULLET_RE.match(text).end()
    at_start = group.start <= bullet_end or bool(HEADING_AREA_LEAD_RE.fullmatch(text, bullet_end, group.start)) \
        or lead_district(text, group) is not None
    if at_start and (apposed := LABEL_APPOSITION_RE.match(text, group.end)):  # 第3例确诊患者为女性
        return bool(HEADING_FOLLOW_RE.match(text, apposed.end()))
    if at_start and (
            not text.startswith(("的", "相关", "关联"), group.end) or OWN_ACCOUNT_RE.match(text, group.end)):
        return True
    if text.startswith(("的", "、", "和", "与", "及", "等", "均", "属", "相关", "关联"), group.end):
        return False
    before = group.start  # where what comes before the group ends, blanks left out
    while before and text[before - 1].isspace():
        before -= 1
    if group.surname and text.endswith(NAME_APPOSITION_LEADS, 0, before) \
            or group.is_name and text.endswith(lx.PERSON_NOUNS, 0, before):
        return bool(APPOSITION_FOLLOW_RE.match(text, group.end))  # ``死者常某，男，79岁``
    if group.is_name and PERSON_INTRO_RE.match(text, group.end):
        return True  # ``新增确诊病例乌海市海勃湾区朱某，女，52岁``
    if group.is_name and text.startswith(("患者", "病例"), group.start) \
            and SHORT_LEAD_RE.fullmatch(text, BULLET_RE.match(text).end(), group.start):
        return bool(HEADING_FOLLOW_RE.match(text, group.end))  # ``4.龙南县患者叶某某，男``
    return bool(HEADING_FOLLOW_RE.match(text, group.end)) and (
        text.endswith(("：", ":", "，", ",", "。", "、", "患者", "病例"), 0, before)
        or not CJK_RE.search(text, 0, group.start))  # only stray marks before it (``# c2 f7 {病例9``)


def contacts_owner(text: str, groups: list[LabelGroup]) -> str | None:
    """``已追踪到病例1的密切接触者13人``: the one label whose counted contacts a sentence
    tells, else ``None``."""
    if len(groups) != 1 or len(groups[0].names) != 1:  # (病例1、病例2的密接: contacts of both)
        return None
    return groups[0].names[0] if OWNED_CONTACTS_RE.match(text, groups[0].end) else None


def lead_district(text: str, group: LabelGroup) -> str | None:
    """``铁岭市病例1``, ``南康区患者杨某某``: the district an administrative unit opening the
    sentence right before a label (and its case word) gives, else ``None``."""
    start = BULLET_RE.match(text).end()
    if not 2 <= group.start - start <= 20:  # (read in place: a Shanghai sentence lists 2,000 labels)
        return None
    lead = CASE_WORD_END_RE.sub("", text[start:group.start])
    if not 2 <= len(lead) <= 12 or not CJK_RE.match(lead):
        return None
    place = strip_admin(lead)
    return (place.district or lead) if place.is_admin_only else None


def announced_single(text: str) -> str | None:
    """``新增境外输入性无症状感染者1例``: the category of one case a bulletin is about to tell
    without a label (``境外输入性无症状感染者``), else ``None``."""
    m = SINGLE_NEW_RE.search(text)
    return (m.group("kind") or "") + m.group("word") if m else None


def that_case(text: str) -> str | None:
    """Whether a sentence opens on ``该无症状感染者`` / ``该女性病例``: the announced case; its
    sex (``M``/``F``) where the words give one, else ``""``; ``None`` if no such opening."""
    m = THAT_CASE_RE.match(text)
    if not m:
        return None
    return {"男": "M", "女": "F"}.get(m.group("sex") or m.group("sex2") or "", "")


def speaks_of_group(text: str) -> bool:
    """``以上病例均…``, ``3例病例均已…``: a statement about the cases told before it."""
    return bool(GROUP_STATEMENT_RE.match(text) or COUNTED_GROUP_RE.match(text) or ABOVE_CASES_RE.search(text))


def district_new_case(text: str) -> str | None:
    """``朝阳区新增1例``: the district of a sentence reporting one new case."""
    if "1例" not in text and "一例" not in text:
        return None
    m = DISTRICT_NEW_CASE_RE.search(text)
    return m.group("district") if m else None


def names_a_speaker(text: str) -> bool:
    """``市卫健委副主任介绍，``: an official speaks; what follows is about no case in particular."""
    return SPEAKER_VERB_RE.search(text) is not None and SPEAKER_RE.search(text) is not None


def unlabeled_case(text: str) -> tuple[str, int] | None:
    """``患者，女，76岁``: the sex (``男``/``女``) and age of a case told without a label."""
    pos = BULLET_RE.match(text).end()
    if (headed := HEADED_RE.match(text, pos)):
        pos = headed.end()
    m = UNLABELED_RE.match(text, pos)
    if not m and (lead := SHORT_LEAD_CLAUSE_RE.match(text, pos)):  # ``据介绍，新增确诊病例为…``
        m = UNLABELED_RE.match(text, lead.end())
    if not m:
        return None
    return m.group("sex1") or m.group("sex2"), int(m.group("age1") or m.group("age2"))


def described_case(text: str) -> str | None:
    """``其中，1例为松原市老年男性病例，已于…转入…``: the description of one case of a count.

    Only a description that the sentence goes on to give facts about counts (a case only
    reported as discharged is none).
    """
    if "1例" not in text and "一例" not in text:
        return None
    m = DESCRIBED_CASE_RE.search(text)
    if not m or not DESCRIBED_FACT_RE.search(m.group("desc") + text[m.end():]):
        return None
    return DATE_LEAD_RE.sub("", m.group("desc"))


def concludes_paragraph(text: str) -> bool:
    """Whether a sentence is the paragraph's diagnosis of its cases (``综合…诊断为确诊病例``)."""
    return CONCLUSION_RE.match(text) is not None


def starts_paragraph_anew(text: str) -> bool:
    """Whether a paragraph's first sentence starts afresh (no pronoun, date or ``患者``, and
    no ``该患者`` further on: ``目前…已排查该对象的活动轨迹``)."""
    return not PRONOUN_START_RE.match(text) and not THAT_PERSON_RE.search(text)


def speaks_by_count(text: str) -> bool:
    """Whether a sentence counts cases or people, or speaks of every one (a cheap gate)."""
    return CASE_COUNT_RE.search(text) is not None or BLANKET_RE.search(text) is not None


def blanket(text: str) -> bool:
    """``所有患者均在定点医院``, ``累计…均在定点医疗机构``: a statement about every patient
    to date (or every contact), naming none of them (no ``其``, ``以上``)."""
    return BLANKET_RE.search(text) is not None and REFERRING_RE.search(text) is None


def new_case_count(text: str) -> int | None:
    """``新增1例确诊病例，8例无症状感染者``: how many cases a report of today's cases counts
    (the sum of its counts), else ``None``; a blanket statement reports none."""
    if NEW_CASES_RE.search(text) is None or BLANKET_RE.search(text):
        return None
    return case_count(text)


def case_count(text: str) -> int:
    """The sum of the counts of cases or people (``4例…2例…3例``) in ``text``."""
    return sum(int(n) for n in CASE_COUNT_RE.findall(text))


def part_label_word(text: str) -> str | None:
    """``其中5例境外输入``: the word the labels of that part carry (``输入``), if any."""
    m = PART_WORD_RE.search(text)
    return lx.PART_LABEL_WORDS[m.group()] if m else None



def introduces_trajectory(text: str) -> bool:
    """``主要活动轨迹：``, ``经核查，具体轨迹如下：``, a heading line ``二、活动轨迹``: the lines
    below tell where the case went."""
    return len(text) <= MAX_TRAJECTORY_INTRO and (TRAJECTORY_INTRO_RE.search(text) is not None
                                                  or TRAJECTORY_HEADING_RE.fullmatch(text, BULLET_RE.match(text).end()) is not None)


def apposition(text: str, group: LabelGroup) -> tuple[str | None, int | None]:
    """``一名64岁的老太毛某宁``: the sex (``M``/``F``) and age the words before a surname form
    give its person, ``(None, None)`` where they give none."""
    if not group.surname:
        return None, None
    m = APPOSITION_RE.search(text, max(0, group.start - 12), group.start)
    if not m:
        return None, None
    return _SEXED[m.group("word")], int(m.group("age")) if m.group("age") else None


def is_bare_heading(text: str, group: LabelGroup) -> bool:
    """``病例41（系病例40的妻子）``, ``确诊病例10（轻型）：``: a label heading a line with nothing
    after it but a bracketed note, so the lines below tell of its case."""
    return group.start <= BULLET_RE.match(text).end() and BARE_HEADING_REST_RE.fullmatch(text, group.end) is not None


class Announced(NamedTuple):
    """One new case a sentence reports without a label: what it is called, its status and
    the district the report comes from."""

    name: str
    status: str | None
    district: str | None
    where: str = ""  # what the report says before its verb (``在集中隔离点``)
    end: int = 0  # where the report ends: facts of the case come after it


def announced_case(text: str) -> Announced | None:
    """``湘阴县疾控中心报告1例外地返回人员初筛新冠肺炎阳性感染者``: the one new case reported."""
    if "1" not in text and "一" not in text or NEW_COUNT_RE.search(text):
        return None  # no one, or several cases counted
    m = ANNOUNCE_RE.search(text) if "例" in text or "名" in text else None
    if not m and ("阳性" in text or "诊" in text) and (one := ONE_PERSON_RE.search(text)):
        where = _clause_before(text, one.start())
        desc = "desc" if one.group("desc") else "desc2"
        return Announced(one.group(desc), None, _county_in(where), where, one.end(desc))
    if not m and (single := SINGLE_NEW_RE.search(text)):
        category = (single.group("kind") or "") + single.group("word")
        return Announced(category, "asymptomatic" if "无症状" in category else "confirmed", None,
                         end=single.end())
    if not m or any(w in m.group("before") + m.group("desc") for w in lx.NOT_NEW_CASE_WORDS) \
            or _more_cases(text, m.end()):
        return None
    desc = ILLNESS_NAME_RE.sub("", m.group("desc")) or m.group("desc")
    words = m.group("before") + desc
    status = "asymptomatic" if "无症状" in words else "confirmed" if "确诊" in words else None
    where = _clause_before(text, m.start())
    return Announced(desc, status, _county_in(where), where, m.end())


def _more_cases(text: str, pos: int) -> bool:
    """Whether more new cases are counted right after ``pos`` (not 排除疑似病例2例)."""
    m = MORE_CASES_RE.match(text, pos)
    return m is not None and not any(w in m.group() for w in lx.NOT_NEW_CASE_WORDS)


def _clause_before(text: str, end: int) -> str:
    """The words of the clause before ``end`` (back to the last comma or stop)."""
    start = max(text.rfind(mark, 0, end) for mark in CLAUSE_MARKS) + 1
    return text[start:end]


def _county_in(text: str) -> str | None:
    """The first county-level unit printed in ``text`` (``湘西州花垣县在…`` gives 花垣县)."""
    for start in range(min(len(text), 12)):
        district = strip_admin(text[start:]).district
        if district and district.endswith(("区", "县", "旗")):
            return district
    return None


def category_heading(text: str) -> str | None:
    """``境外输入确诊病例：中国籍，…``: a line headed by a word for an infected person and no
    number, whose case it is about (``境外输入确诊病例``)."""
    m = CATEGORY_HEADING_RE.match(text, BULLET_RE.match(text).end())
    return m.group("name") if m else None


def names_next(text: str, groups: list[LabelGroup], i: int) -> bool:
    """``病例21、患者胡某某，男``: a label whose person's name follows and heads what comes."""
    group = groups[i]
    if group.is_name or len(group.names) != 1 or i + 1 >= len(groups) or not groups[i + 1].is_name:
        return False
    name = groups[i + 1]
    return NAME_AFTER_LABEL_RE.fullmatch(text, group.end, name.start) is not None and is_heading(text, name)


def in_name_list(text: str, groups: list[LabelGroup], i: int) -> bool:
    """``检出2名阳性人员张某某、李某某（两人系母女）``: a name listed after another names no
    subject (the first would have to head the list too)."""
    group = groups[i]
    if not group.is_name or i == 0 or not groups[i - 1].is_name:
        return False
    return text[groups[i - 1].end:group.start].strip() in ("、", "和", "及", "与") \
        and not is_heading(text, groups[i - 1])


def count_status(text: str) -> str | None:
    """``新增5例本土确诊病例``: the status of every case counted, where they share one."""
    confirmed, asymptomatic = "确诊" in text, "无症状" in text
    if confirmed == asymptomatic:
        return None
    return "confirmed" if confirmed else "asymptomatic"


_KIN = _alt(list(lx.SEXED_KIN_WORDS["M"] + lx.SEXED_KIN_WORDS["F"]))
# ``该女子及其丈夫、女儿均确诊为…确诊病例``: relatives of the subject found infected too.
RELATIVES_INFECTED_RE = re.compile(rf"其(?P<kins>(?:{_KIN})(?:[、和及与]其?(?:{_KIN}))*)(?:{_alt(lx.RELATIVES_ALSO_WORDS)})?(?:{_alt(lx.RELATIVES_ALREADY_WORDS)})?(?:被)?"
                                   rf"(?P<verb>{_alt(lx.RELATIVES_DIAGNOSIS_VERBS)}|核酸检测结果(?:{_alt(lx.RELATIVES_RESULT_COPULAS)})?阳性|检测(?:结果)?(?:{_alt(lx.RELATIVES_RESULT_COPULAS)})?阳性)"
                                   r"(?P<after>[^，,。；;]{0,24})")
KIN_RE = re.compile(_KIN)


def relatives_infected(text: str) -> list[tuple[str, str, str | None]]:
    """``其丈夫、女儿均确诊``: each relative named, with the sex (``M``/``F``) the word fixes and
    the status the sentence gives them."""
    m = RELATIVES_INFECTED_RE.search(text)
    if not m:
        return []
    status = "asymptomatic" if "无症状" in m.group("after") else "confirmed" if "确诊" in m.group() else None
    return [(w, _SEXED[w], status) for w in KIN_RE.findall(m.group("kins"))]


SEXED_PRONOUN_RE = re.compile(rf"该名?(?P<sex>{_alt(lx.SEX_CHARS)})(?:{_alt(lx.SEXED_WORD_ENDINGS)})")


def pronoun_sex(text: str) -> str | None:
    """``该女子…``: the sex (``M``/``F``) a pronoun gives the subject."""
    m = SEXED_PRONOUN_RE.search(text)
    return ("M" if m.group("sex") == "男" else "F") if m else None


# ``2例新增确诊患者，一为46岁女性，…；另一为52岁男性，…``: cases of a count told one by one.
ENUMERATED_CASE_RE = re.compile(rf"(?:^|(?<=[，,。；;：:]))(?:其中)?(?:{_alt(lx.ENUMERATED_CASE_LEADS)}|1)(?:{_alt(lx.ENUMERATED_CASE_UNITS)})?(?:{_alt(lx.NAME_AFTER_LABEL_COPULAS)})"
                                rf"(?=(?P<age>[0-9]{{1,3}})岁的?(?P<sex>{_alt(lx.SEX_CHARS)})性?)")


def enumerated_cases(text: str) -> list[LabelGroup]:
    """The cases a sentence tells one by one by age and sex, as groups that head the words
    after them (``一为46岁女性，现住黄岛区``)."""
    if "岁" not in text:
        return []
    return [LabelGroup(m.start(), m.end(), [f"{m.group('age')}岁{m.group('sex')}性患者"], surname=True,
                       unlabeled=True)
            for m in ENUMERATED_CASE_RE.finditer(text)]


# ``确诊病例详情如下``, ``新增无症状感染者情况如下：``: a section of cases of one status.
STATUS_SECTION_RE = re.compile(rf"(?:新增)?(?:{_alt(lx.STATUS_SECTION_ORIGINS)})?(?P<word>{_alt(lx.STATUS_SECTION_STATUSES)})的?(?:{_alt(lx.STATUS_SECTION_NOUNS)})(?:如下)?[：:]?")


def status_section(text: str) -> str | None:
    """The status of the cases a section header introduces, else ``None``."""
    m = STATUS_SECTION_RE.fullmatch(text.rstrip("。"))
    if not m:
        return None
    return "asymptomatic" if m.group("word") == "无症状感染者" else "confirmed"


# ``新增确诊病例6例，新增无症状感染者23例，均在瑞丽市``: where every counted case is.
COUNT_DISTRICT_RE = re.compile(rf"均(?:{_alt(lx.COUNT_DISTRICT_VERBS)})(?P<where>[\u4e00-\u9fff]{{2,12}}?)(?:{_alt(lx.COUNT_DISTRICT_FOLLOWERS)})?(?:[，,。；;]|$)")


def count_district(text: str) -> str | None:
    """The county-level unit every case counted in ``text`` is in, else ``None``."""
    if (m := COUNT_DISTRICT_RE.search(text)) and (place := strip_admin(m.group("where"))).is_admin_only:
        return place.district
    count = NEW_COUNT_RE.search(text)  # ``黄岛区报告3例…``: where the report comes from
    return _county_in(_clause_before(text, count.start())) if count else None




def described_person(desc: str) -> tuple[str | None, int | None]:
    """``35岁中国籍女性``: the sex (``M``/``F``) and age a description gives."""
    age = DESC_AGE_RE.search(desc)
    sex = DESC_SEX_RE.search(desc)
    return ({"男": "M", "女": "F"}[sex.group(1)] if sex else None), (int(age.group(1)) if age else None)


def same_place_as(clause: str) -> tuple[str, str] | None:
    """``住址同病例7``: the relation (``resides_at``, ``works_at``) and the label of the case
    whose place it is, else ``None``."""
    m = SAME_PLACE_RE.match(clause)
    if m is None or not (groups := labels.find_groups(clause[m.end():])) or len(groups[0].names) != 1:
        return None
    relation = "resides_at" if m.group("field") in lx.HOME_ADDRESS_WORDS else "works_at"
    return relation, groups[0].names[0]
