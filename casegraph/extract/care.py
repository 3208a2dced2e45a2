"""Isolation, admission and clinic visits: ``集中隔离``, ``转至X医院``, ``到X就诊``, ``X医院收治``."""
from __future__ import annotations

import re

from casegraph import lexicon as lx
from casegraph.extract.facts import Link
from casegraph.extract.places import (
    cut_place,
    facility_of,
    looks_like_place,
    place_kind,
    strip_admin,
)

_alt = lx.alternation

# ``入院`` admits; ``入关``/``入境`` (entering the country) do not
ADMIT_RE = re.compile(rf"(?:{_alt(lx.ADMIT_CUES)}|(?<![{lx.NOT_ADMIT_BEFORE_RU}])入(?![{lx.NOT_ADMIT_AFTER_RU}]))"
                      rf"(?P<place>[^，,。；：:]+)")
# ``在X隔离治疗`` / ``到X住院`` (admitted) and ``到X就诊`` (a visit); ``就诊于X``, ``收住X``.
CARE_AT_RE = re.compile(rf"(?:{_alt(lx.CARE_AT_VERBS)})(?P<place>[^，,。；：:]{{2,30}}?)(?P<verb>{_alt(lx.CARE_AT_TREATMENTS)}|"
                        rf"{_alt(lx.CARE_AT_CARE_WORDS)})")
# ``长春市传染病医院收治``: the hospital named before the admission verb.
ADMITTED_BY_RE = re.compile(rf"(?P<place>[\u4e00-\u9fff0-9]{{2,20}}?(?:{_alt(lx.ADMITTING_HOSPITAL_ENDINGS)}))(?P<verb>{_alt(lx.ADMISSION_VERBS)})")
# ``被西安市第五医院隔离观察``: a hospital (by its ending) that keeps the case under observation.
HOSPITAL_OBSERVED_RE = re.compile(rf"(?:{_alt(lx.HOSPITAL_OBSERVATION_LEADS)})(?P<place>[^，,。；：:在被于]{{2,30}}?"
                                  rf"(?:{_alt(lx.ADMITTING_HOSPITAL_ENDINGS)}))(?:{_alt(lx.HOSPITAL_OBSERVATION_WORDS)})")
CARE_AFTER_RE = re.compile(rf"(?P<verb>{_alt(lx.CARE_AFTER_VERBS)})于(?P<place>[^，,。；：:]{{2,30}})")
# ``到X就诊并被留观``: the visit ended in admission.
KEPT_AFTER_RE = re.compile(rf"(?:{_alt(lx.KEPT_AFTER_LEADS)})?(?:被)?(?:{_alt(lx.KEPT_AFTER_VERBS)})")
SAMPLE_SENT_RE = re.compile(rf"(?:{_alt(lx.SAMPLE_WORDS)})(?:{_alt(lx.SAMPLE_SENT_ADVERBS)})?(?:{lx.in_order(lx.SAMPLE_SENT_VERBS)})")
ISOLATION_RE = re.compile(rf"{_alt(lx.ISOLATION_WORDS)}")
NOT_ISOLATED_RE = re.compile(rf"{_alt(lx.NOT_ISOLATED_WORDS)}")
NAMED_ISOLATION_RE = re.compile(rf"(?P<name>[\u4e00-\u9fff0-9A-Za-z]{{1,12}}(?:{_alt(lx.NAMED_ISOLATION_ENDINGS)}|"
                                rf"{_alt(lx.NAMED_ISOLATION_ENDINGS_2)})(?:{_alt(lx.CENTRAL_ISOLATION_SITE_WORDS)}|"
                                rf"{_alt(lx.ISOLATION_SITE_WORDS)}))")
UNNAMED_RE = re.compile(r"(?<!某)某(?!某)")
# ``送至浮龙湖隔离点``: after a transfer, the words before 隔离点 name the site.
SENT_TO_SITE_RE = re.compile(rf"(?:{_alt(lx.SENT_TO_SITE_VERBS)})(?P<name>(?!{_alt(lx.UNNAMED_SITE_LEADS)})"
                             rf"[\u4e00-\u9fff]{{2,8}}(?:{_alt(lx.SENT_TO_SITE_ENDINGS)}))")
CLINIC_ENDINGS = lx.CLINIC_NAME_ENDINGS
# ``集中隔离点(尚客优品酒店)``: the bracket holds the site's real name.
BRACKETED_SITE_RE = re.compile(rf"(?:{_alt(lx.BRACKETED_SITE_WORDS)})"
                               rf"[（(](?P<name>[\u4e00-\u9fff0-9A-Za-z]{{2,20}}?(?:{_alt(lx.BRACKETED_SITE_ENDINGS)}|"
                               rf"{_alt(lx.BRACKETED_SITE_ENDINGS_2)}))[）)]")
ISOLATION_SITE_END_RE = re.compile(rf"(?:{_alt(lx.ISOLATION_SITE_ENDINGS)})$")
LEAD_VERB_RE = re.compile(rf"^.*(?:{_alt(lx.SITE_LEAD_VERBS)})")
GOING_RE = re.compile(_alt(lx.CARE_GOING_VERBS))
DEPARTMENT_RE = re.compile(rf"(?<=医院)[\u4e00-\u9fff]{{1,6}}?(?:{_alt(lx.HOSPITAL_DEPARTMENT_ENDINGS)})$")
CARE_LEAD_RE = re.compile(rf"^(?:.*[0-9]日)?(?:(?:{_alt(lx.CARE_LEAD_WORDS)})(?!立))?")  # (市立医院 keeps 市)
HOSPITAL_ABBREVIATION_RE = re.compile(rf"(?:附院|[一二三四五六七八九]院|病院|医院[^，,。]{{0,8}}(?:{_alt(lx.HOSPITAL_PART_WORDS)}))$")


def read_isolation(clause: str) -> list[Link]:
    """``进行集中隔离`` / ``转入X集中隔离观察点``: an isolated_at edge (never 居家隔离).

    >>> [f.name for f in read_isolation("4月4日作为密切接触者进行集中隔离")]
    ['集中隔离点']
    """
    if not ISOLATION_RE.search(clause) or NOT_ISOLATED_RE.search(clause):
        return []
    if (inner := BRACKETED_SITE_RE.search(clause)) and looks_like_place(inner.group("name")):
        return [Link("isolated_at", "facility", inner.group("name"), (("kind", "quarantine"),))]
    named = NAMED_ISOLATION_RE.search(clause) or SENT_TO_SITE_RE.search(clause)
    name = LEAD_VERB_RE.sub("", named.group("name")) if named else "集中隔离点"
    if named and not _named_site(name):
        name = "集中隔离点"
    fac = facility_of(name) or ("集中隔离点", "quarantine")
    return [Link("isolated_at", "facility", fac[0], (("kind", fac[1]),))]


def _named_site(name: str) -> bool:
    """A quarantine site named by a building, or by a real county (``花垣县隔离点``, never
    ``本市隔离点``)."""
    unit = ISOLATION_SITE_END_RE.sub("", name)
    if unit.endswith(("集中", "医学", "隔离")) or unit.startswith(("本", "该", "我", "某")):
        return False
    return not unit.endswith(("县", "区", "市")) or strip_admin(unit).is_admin_only


def read_care(clause: str) -> list[Link]:
    """Admissions (``转至X医院``, ``X医院收治``) and clinic visits (``到X就诊``), in order; a
    sample sent for testing (``采样已送市疾控中心复核``) admits no one."""
    if SAMPLE_SENT_RE.search(clause):
        return []
    facts: list[Link] = []
    for m in ADMIT_RE.finditer(clause):
        facts += _cares(m.group("place"), admit=True)
    for m in HOSPITAL_OBSERVED_RE.finditer(clause) if "观" in clause else ():
        facts += _care(m.group("place"), admit=True)
    for regex in (CARE_AT_RE, CARE_AFTER_RE, ADMITTED_BY_RE) if "收" in clause else (CARE_AT_RE, CARE_AFTER_RE):
        for m in regex.finditer(clause):
            admit = m.group("verb") not in lx.CLINIC_VISIT_CUES or bool(KEPT_AFTER_RE.match(clause, m.end()))
            facts += _cares(m.group("place"), admit=admit)
    return facts


def _cares(raw: str, admit: bool) -> list[Link]:
    """:func:`_care` of each hospital of a list (``先后就诊于X医院、Y医院``)."""
    return [link for item in raw.split("、") for link in _care(item, admit)]


def _care(raw: str, admit: bool) -> list[Link]:
    raw = GOING_RE.split(raw)[-1]  # 独自骑车到辖区医院: the hospital after the last 到
    name = cut_place(CARE_LEAD_RE.sub("", raw.removeprefix("住"), count=1))  # 入住X
    for suffix in lx.CARE_SUFFIXES:
        name = name.removesuffix(suffix)
    name = DEPARTMENT_RE.sub("", name)  # 县人民医院传染病科: the hospital
    if lx.UNNAMED_MARK in name:  # 某医院 names none; 青岛市某定点医院 is the generic 定点医院
        name = name.rsplit(lx.UNNAMED_MARK, 1)[1]
        if not any(name.endswith(v) for key in lx.GENERIC_PRINTED_NAMES for v in lx.GENERIC_FACILITIES[key]):
            return []
    fac = facility_of(name) or _hospital_abbreviation(name) or (None if admit else _clinic_seen(name))
    if not fac:
        if not admit or "隔离" in raw:  # a hotel used as a quarantine site is read_isolation's
            return []
        place = strip_admin(name)
        if looks_like_place(place.name) and place_kind(place.name) in ("hotel",):
            return [Link("visited", "location", place.name, (("district", place.district), ("kind", "hotel")))]
        return []
    if UNNAMED_RE.search(fac[0]):  # 某医院 names none; 某定点医院 is the generic one (曹某某诊所 is named)
        fac = facility_of(fac[0].rpartition("某")[2])
        if fac is None or fac[0] not in lx.GENERIC_FACILITIES:
            return []
        name = fac[0]
    if fac[0] in lx.UNNAMED_GENERIC:
        return []
    canon, kind = fac
    printed = canon
    if canon in lx.GENERIC_FACILITIES:  # one node per document, named as first printed
        printed = next((v for v in lx.GENERIC_PRINTED_NAMES.get(canon, ()) if name.endswith(v)), canon)
    aliases = (canon,) if printed != canon else None
    return [Link("admitted_to" if admit else "visited", "facility", printed, (("kind", kind), ("aliases", aliases)),
                 key=canon, unless_admitted=not admit)]


def _clinic_seen(name: str) -> tuple[str, str] | None:
    """``到首都儿研所就诊``: a place a case saw a doctor at, named with an institute's ending."""
    place = strip_admin(name)
    if len(place.name) >= 4 and place.name.endswith(CLINIC_ENDINGS) and not UNNAMED_RE.search(name) \
            and not place.name.startswith(("社区", "村", "乡", "镇", "当地", "本地", "附近", "该", "本")) \
            and looks_like_place(place.name.removesuffix("所") + "院"):
        return name, "hospital"
    return None


def _hospital_abbreviation(name: str) -> tuple[str, str] | None:
    """After a care cue, ``市二院``, ``中科大一附院``, ``陕西省传染病院`` name hospitals."""
    if HOSPITAL_ABBREVIATION_RE.search(name) and len(name) <= 24:
        return name, "hospital"
    return None
