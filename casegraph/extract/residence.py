"""Where a case lives and works: ``现住X``, ``X人``, ``工作单位为X``, ``为X员工``."""
from __future__ import annotations

import re

from casegraph import lexicon as lx
from casegraph.extract.facts import Link, PlaceFact, Residence, SubjectAttr
from casegraph.extract.places import (
    KNOWN_AREAS,
    NOT_PLACE_RE,
    Place,
    bare_area,
    cut_place,
    facility_of,
    looks_like_place,
    place_kind,
    split_places,
    strip_admin,
    strip_road,
)

_alt = lx.alternation

RESIDENCE_RE = re.compile(rf"(?:{_alt(lx.RESIDENCE_CUES)})[：:]?")
WORK_RE = re.compile(rf"(?:{_alt(lx.WORK_CUES)})[：:]?")
# (``为一名出租车司机``: a count before the job is no employer)
EMPLOYEE_RE = re.compile(rf"^(?!(?:{_alt(lx.COPULAS)})?[一1][名位个])(?:(?:{_alt(lx.COPULAS)})|(?=[\u4e00-\u9fff][^，,。；0-9]+$))"
                         rf"(?P<place>[^，,。；]{{2,30}}?)(?:的)?(?:{_alt(lx.WORKER_WORDS)})")
# ``淮安区人``, ``安康市汉阴县人``: where a case is from, read as its residence.
# ``住X`` opening a clause (``住黄岛区盈泰嘉园小区``), never 住院.
BARE_HOME_RE = re.compile(r"^住(?![院址所处])")  # (``住址：X`` is a field, read as such)
SCHOOL_RE = re.compile(rf"(?:{_alt(lx.SCHOOL_CUES)})[：:]?")
# ``工作地址和现住址：X``: one field for both.
HOME_AND_WORK_RE = re.compile(rf"(?:{_alt(lx.WORK_ADDRESS_WORDS)})(?:{_alt(lx.AND_WORDS)})(?:现)?(?:{_alt(lx.HOME_ADDRESS_WORDS)})[：:]?|"
                              rf"(?:现)?(?:{_alt(lx.HOME_ADDRESS_WORDS)})(?:{_alt(lx.AND_WORDS)})(?:{_alt(lx.WORK_ADDRESS_WORDS)})[：:]?")
WORK_AT_RE = re.compile(rf"^(?:[0-9月日号至到—\-~：:时点分\s]|{_alt(lx.WORK_AT_ADVERBS)})*在(?P<place>[^，,。；：:]{{2,30}}?)"
                        rf"(?:{_alt(lx.WORK_VERBS)})")  # (3月9日至11日每日8时至17时在X上班)
# ``东城区分司厅小学四年级学生``: a pupil's school, a works_at place of kind school.
STUDENT_RE = re.compile(rf"^(?:{_alt(lx.COPULAS)})?(?P<place>[^，,。；]{{2,24}}?(?:{_alt(lx.SCHOOL_ENDINGS)}))"
                        rf"[^，,。；]{{0,8}}?(?:{_alt(lx.STUDENT_WORDS)})$")
# ``接至X村家中``, ``返回X小区家中``: the home the case was taken back to.
HOME_AT_RE = re.compile(rf"(?:{_alt(lx.HOME_RETURN_VERBS)})(?P<place>[^，,。；：:]{{2,30}}?)(?:的)?(?:{_alt(lx.HOME_WORDS)})")
EMPLOYER_END_RE = re.compile(_alt(lx.EMPLOYER_ENDINGS))
SCHOOL_END_RE = re.compile(_alt(lx.SCHOOL_ENDINGS))
# Words that make a phrase no name (the verbs and phrases of PLACE_STOPWORDS, not 时 of 时代).
VERB_RE = re.compile(_alt(tuple(w for w in lx.PLACE_STOPWORDS if len(w) > 1) + lx.NAME_BREAK_WORDS))
# What an employer printed bare before a post cannot hold (``发病后曾在X熟医生``).
BARE_NOISE_RE = re.compile(r"[、和与及在于到去至曾后]|" + _alt(tuple(w for w in lx.PLACE_STOPWORDS if len(w) > 1)))
ADDRESS_NAME_RE = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff0-9A-Za-z]{1,15}")
NATIVE_RE = re.compile(r"^(?P<place>[\u4e00-\u9fff]{2,16}?)(?:籍)?人$")
# ``系辛庄村村民``, ``万紫村3组村民``, ``为东方小区居民`` (a region's ``台湾地区居民`` names no home).
RESIDENT_RE = re.compile(rf"^(?:{_alt(lx.COPULAS)})?(?P<place>[\u4e00-\u9fff][\u4e00-\u9fff0-9]{{1,23}}?)"
                         rf"(?<!地区)(?:{_alt(lx.RESIDENT_WORDS)})$")


# ``在东昌府区居住``, ``发病前在武汉居住``: X is where the case lives.
LIVES_IN_RE = re.compile(rf"^(?:[\u4e00-\u9fff]{{0,4}}?前)?(?:{_alt(lx.WORK_AT_ADVERBS)})?在(?P<place>[^，,。；：:]{{2,30}}?)"
                         rf"(?:{_alt(lx.LIVES_IN_VERBS)})$")
# A clause that is a county and its city alone, among a case's details (``渭南市临渭区``).
BARE_UNIT_RE = re.compile(r"[\u4e00-\u9fff]{2,12}[区县旗]")
# ``居住岳塘区`` (no 于 or 在): the cue alone before a county.
BARE_LIVES_RE = re.compile(r"^居住(?![地于在的时])(?=[\u4e00-\u9fff]{2})")


def read_home_or_work(clause: str) -> list[PlaceFact] | None:
    """The facts of a clause naming where the case lives or works; ``None`` if it names neither.

    >>> for fact in read_home_or_work("现住丰台区东木樨园14号楼"):
    ...     print(fact)
    SubjectAttr(key='district', value='丰台区')
    Residence(name='东木樨园14号楼', district='丰台区', kind='building', spread=False, several=False)
    >>> read_home_or_work("4月4日进行集中隔离") is None
    True
    """
    stripped = clause.strip()
    if (m := NATIVE_RE.match(stripped) or RESIDENT_RE.match(stripped)):
        return _residence(m.group("place"), spread=False)
    if (m := HOME_AND_WORK_RE.search(clause)):
        rest = clause[m.end():]
        return _residence(rest, spread=False) + _workplaces(rest.lstrip("为在于是：:"))
    if (m := BARE_HOME_RE.match(stripped) or BARE_LIVES_RE.match(stripped)):
        return _residence(stripped[m.end():], spread=False)
    if (m := LIVES_IN_RE.match(stripped)):  # (在美国生活, 在台湾地区生活: a stay abroad is the route's)
        place = m.group("place")
        abroad = place in lx.COUNTRIES or place in lx.REGIONS or place.endswith("地区")
        return None if abroad else _residence(place, spread=False)
    if (m := SCHOOL_RE.search(clause)):
        return _workplaces(_up_to_school(clause[m.end():].lstrip("为在于是：:")), kind="school")
    if (m := RESIDENCE_RE.search(clause)):
        return _residence(clause[m.end():], spread="分别" in clause)
    if (m := WORK_RE.search(clause)):
        return _workplaces(clause[m.end():].lstrip("为在于是：:"))
    if (m := STUDENT_RE.match(stripped)):
        return _workplaces(m.group("place"), kind="school")
    if (m := EMPLOYEE_RE.match(stripped)) and (stripped[0] in "为系是" or not BARE_NOISE_RE.search(m.group("place"))):
        return _workplaces(_up_to_employer(m.group("place")), employer=True)
    if (m := HOME_AT_RE.search(stripped)) and (home := _residence(m.group("place"), spread=False)):
        return [f for f in home if isinstance(f, Residence)]
    if (m := WORK_AT_RE.match(stripped)):
        return _workplaces(m.group("place"), named_only=True) or None
    if BARE_UNIT_RE.fullmatch(stripped) and (place := strip_admin(stripped)).is_admin_only and place.district:
        return [SubjectAttr("district", place.district)]  # ``患者22，女，37岁，渭南市临渭区，``
    return None


def _up_to_school(raw: str) -> str:
    """``第一小学三年级`` -> ``第一小学``: a school's name, without the grade or class after it."""
    ends = list(SCHOOL_END_RE.finditer(raw))
    return raw[:ends[-1].end()] if ends else raw


def _up_to_employer(raw: str) -> str:
    """``X有限公司装载车`` -> ``X有限公司``: an employer's name, without the post after it."""
    ends = list(EMPLOYER_END_RE.finditer(raw))
    return raw[:ends[-1].end()] if ends and len(raw) - ends[-1].end() <= 6 else raw


def _residence(raw: str, spread: bool) -> list[PlaceFact]:
    """Homes in ``raw``; a bare district (``居住于浦东新区``) is the case's district only."""
    raw = raw.lstrip("为在于是：:")
    if raw.startswith(("与", "同", "相同")):
        return []
    facts: list[PlaceFact] = []
    items = split_places(cut_place(raw))
    for item in items:
        place = strip_admin(item)
        if place.district:
            facts.append(SubjectAttr("district", place.district))
        if place.name in lx.REGIONS or place.name.startswith("某"):
            continue  # 外省, 某小区: no home named
        if place.is_admin_only or not (looks_like_place(place.name) or _named_in_address(place)):
            if not place.district and (area := bare_area(place.name)):
                facts.append(SubjectAttr("district", area))
            continue
        name = strip_road(place.name)
        facts.append(Residence(name, place.district, place_kind(name), spread, len(items) > 1))
    return facts


def _employer_name(name: str) -> bool:
    """A name printed before a post (``天津动车客车段``), long enough to be an employer's own."""
    return len(name) >= 4 and bool(ADDRESS_NAME_RE.fullmatch(name)) and not VERB_RE.search(name) \
        and not NOT_PLACE_RE.search(name) and not name.startswith(("该", "本", "某", "其"))


def _named_in_address(place: Place) -> bool:
    """A name with no place ending printed after a district in an address (``东湖高新区保利时代
    天悦``, ``湘东区腊市镇明塘村胡家屋场``): a compound's or hamlet's own name."""
    return bool(place.district) and bool(ADDRESS_NAME_RE.fullmatch(place.name)) \
        and not VERB_RE.search(place.name) and not NOT_PLACE_RE.search(place.name) \
        and place.name not in lx.TRAVEL_ENDPOINT_STOP


def _workplaces(raw: str, kind: str | None = None, named_only: bool = False,
                employer: bool = False) -> list[PlaceFact]:
    """Workplaces in ``raw``; ``named_only``: none that is a bare city or country (``在芬兰工作``);
    ``employer``: ``raw`` stood before a post (``为X员工``), so a name needs no place ending."""
    facts: list[PlaceFact] = []
    for item in split_places(cut_place(raw)):
        place = strip_admin(item)
        if place.is_admin_only or place.name.startswith(("某", "该", "本", "其", "此")) \
                or (named_only and (place.name in KNOWN_AREAS or bare_area(place.name))):
            continue
        if (fac := facility_of(item)):
            facts.append(Link("works_at", "facility", fac[0], (("kind", fac[1]), ("district", place.district)),
                              dated=False))
            continue
        name = strip_road(place.name)
        if looks_like_place(name) or (employer and _employer_name(name)):
            facts.append(Link("works_at", "location", name, (("district", place.district), ("kind", kind or place_kind(name))),
                              dated=False))
    return facts
