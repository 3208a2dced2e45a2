"""Where a case has been: routes (``自武汉返回``, ``经X转机``), visits (``前往X``) and vehicles."""
from __future__ import annotations

import re
from functools import lru_cache

from casegraph import lexicon as lx
from casegraph.extract.facts import Link
from casegraph.extract.places import (
    KNOWN_AREAS,
    BRACKET_RE,
    BRANCH_END_RE,
    STOP_RE,
    TRAILING_BRACKET_RE,
    after_landmark,
    bare_area,
    framed_places,
    is_bare_place_word,
    cut_place,
    facility_of,
    looks_like_place,
    place_kind,
    split_places,
    strip_admin,
    strip_road,
)

_alt = lx.alternation

# A place runs to the next visit verb (``到湖南长沙转车到深圳`` visits both).
VISIT_RE = re.compile(rf"(?:{_alt(lx.VISIT_VERBS)})"
                      rf"(?P<place>(?:(?!{_alt(lx.VISIT_PLACE_ENDERS)}|[到去至])[^，,。；：:])+)")
# ``在武汉经商``: where a case lives or works, no visit (GUIDE.md: a route covers the place).
LIVES_THERE_RE = re.compile(rf"^(?:{_alt(lx.LIVES_THERE_LEADS)})?在[^，,。；：:]{{2,12}}?(?:{_alt(lx.LIVES_THERE_VERBS)})")
# ``与途经武汉返乡人员龙某聚会``: a route of the people the case met.
OTHERS_ROUTE_RE = re.compile(rf"[^（(，,]{{1,10}}?(?:{_alt(lx.OTHERS_RETURN_VERBS)})[^（(，,]{{0,4}}?(?:{_alt(lx.OTHERS_ROUTE_PEOPLE)})")
# ``从武汉来深的父母``: a route that describes someone else.
SOMEONE_ELSES_RE = re.compile(rf"[^，,。；：:]{{0,24}}?的(?:{_alt(lx.FAMILY_WORDS + lx.SOCIAL_WORDS)})")
# ``自``/``从``/``由`` open a route (never 自驾, 自行, 由于); ROUTE_TO_RE finds where it ends.
_ROUTE_FROM = rf"(?:自(?!{_alt(lx.NOT_ROUTE_AFTER_ZI)})|从(?!{_alt(lx.NOT_ROUTE_AFTER_CONG)})|由(?!{_alt(lx.NOT_ROUTE_AFTER_YOU)}|120|{_alt(lx.NOT_ROUTE_AFTER_YOU_2)}|" + _alt(lx.FAMILY_WORDS + lx.SOCIAL_WORDS) + r"))"
FROM_RE = re.compile(_ROUTE_FROM + rf"(?P<place>[^，,。；：:]{{2,30}}?)(?:{_alt(lx.ROUTE_FROM_ENDERS)})")
# ``15日回绵阳``, ``自驾回淄博探亲``: a move to an area, read only where it names one.
AREA_TO_RE = re.compile(rf"(?:{_alt(lx.AREA_TO_VERBS)})(?P<place>[\u4e00-\u9fff]{{2,8}}?)"
                        rf"(?=[，,。；]|$|{_alt(lx.AREA_TO_PURPOSES)})")
ROUTE_TO_RE = re.compile(_ROUTE_FROM + rf"[^，,。；：:]{{2,30}}?(?:{_alt(lx.ROUTE_TO_VERBS)})"
                         r"(?P<place>[\u4e00-\u9fff]{2,12})")
VIA_RE = re.compile(rf"(?<!已)(?<!曾)经(?!{_alt(lx.NOT_VIA_AFTER_JING)})(?P<place>[^，,。；：:]{{2,20}}?)(?:{_alt(lx.VIA_ENDERS)})")
# ``经江西九江、湖南衡阳``: a route's last stops, places only where they end like one.
VIA_END_RE = re.compile(rf"(?<!已)(?<!曾)经(?!{_alt(lx.NOT_VIA_AFTER_JING)})(?P<place>[^，,。；：:]{{2,20}})$")
# ``1月24日武汉回温州``: a dated route with no 自/从, between two areas.
DATED_ROUTE_RE = re.compile(rf"[0-9]日(?:[上下]午|晚上?|{_alt(lx.DATED_ROUTE_DAY_PARTS)})?(?P<a>[\u4e00-\u9fff]{{2,8}}?)(?:{_alt(lx.DATED_ROUTE_VERBS)})"
                            r"(?P<b>[\u4e00-\u9fff]{1,8}?)(?=[，,。；]|$)")
# ``返淮``, ``武汉回温，``, ``抵萍后``: a city by its one-character name, at a route's end.
ABBREVIATED_CITY_RE = re.compile(rf"(?:{_alt(lx.CITY_ABBREVIATION_VERBS)})(?P<abbr>[{''.join(lx.CITY_ABBREVIATIONS)}])"
                                 rf"(?=[，,。；、]|$|{_alt(lx.CITY_ABBREVIATION_FOLLOWERS)})")
# ``境外（西班牙）输入``: the country an imported case came from.
IMPORTED_FROM_RE = re.compile(r"境外[（(](?P<place>[\u4e00-\u9fff]{2,10})[）)]输入")
VEHICLE_RE = re.compile(rf"(?P<airline>[\u4e00-\u9fff]{{1,2}}航空|[\u4e00-\u9fff]航)?(?P<code>[0-9][A-Z][0-9]{{3,4}}|[A-Z]{{1,3}}[0-9]{{1,5}}|[0-9]{{1,4}}路)(?P<unit>{_alt(lx.VEHICLE_UNITS)})?")
# A bus with its route and plate (``816公交车(鲁BY9312)``, ``东1路公交车``) or a metro line
# (``地铁5号线``): one vehicle, named as printed.
_PLATE = rf"[{lx.PLATE_PROVINCE_CHARS}][A-Z][A-Z0-9]{{4,6}}"
BUS_RE = re.compile(rf"(?<![0-9A-Za-z])(?P<route>[{lx.BUS_ROUTE_PREFIX_CHARS}]?[0-9]{{1,4}})(?P<unit>路(?:{_PLATE})?(?:{_alt(lx.BUS_UNITS_AFTER_ROUTE)})?|{_alt(lx.BUS_UNITS)})"
                    rf"(?P<plate>[（(]{_PLATE}[）)])?|地铁[A-Z]?[0-9]{{1,2}}号线|"
                    rf"(?<={_alt(lx.PLATE_RIDE_VERBS)}){_PLATE}(?:{_alt(lx.PLATED_VEHICLES)})")  # 乘坐苏HX518A快车
# ``7时39分至X``, ``13:30左右至X``, ``乘坐地铁5号线至X``: after a clock time or a vehicle, 至
# goes to a place (never 至22时).
TIMED_TO_RE = re.compile(rf"(?:^(?:{_alt(lx.TIMED_TO_LEADS)})?|[0-9]{{1,2}}[时点](?:[0-9]{{1,2}}分|半)?|[0-9]{{1,2}}:[0-9]{{2}}|左右|[）)]|{_alt(lx.TIMED_TO_VEHICLES)}|[{lx.RIDE_END_CHARS}]|日)"
                         rf"(?:许)?(?:{_alt(lx.TIMED_TO_VERBS)})(?!达)"
                         r"(?![0-9今次当])(?P<place>[^，,。；：:]{2,30})")
CLINIC_VISIT_RE = re.compile(_alt(lx.CLINIC_VISIT_CUES))
# ``到X学习``, ``在X就餐``: a visit verb, a place, then what the case did there.
# (滑雪 in 万科滑雪场滑雪 is no activity before 场).
FRAMED_VISIT_RE = re.compile(rf"(?:{_alt(lx.FRAMED_VISIT_VERBS)})(?P<place>(?:(?!{_alt(lx.FRAMED_VISIT_ENDERS)})[^，,。；：:]){{2,30}}?)"
                             rf"(?P<activity>{_alt(lx.ACTIVITY_VERBS + lx.WEAK_ACTIVITY_VERBS)})"
                             rf"(?![{lx.PLACE_END_CHARS}])")
FRAMED_NOISE_RE = re.compile(_alt(lx.FRAMED_NOISE))
PERSON_RE = re.compile(_alt(lx.FAMILY_WORDS + lx.SOCIAL_WORDS + lx.ESCORT_WORDS))
# What a vehicle needs: a flight or train code, or a bus route.
VEHICLE_CODE_RE = re.compile(r"[A-Z][0-9]|[0-9]路")
NOT_VISIT_RE = re.compile(rf"^(?:{_alt(lx.NOT_VISIT_STARTS)})")
RIDE_RE = re.compile(rf"{_alt(lx.RIDE_VERBS)}")
BUS_ROUTE_RE = re.compile(r"[0-9]{1,4}路")
BUS_WORD_RE = re.compile(rf"{_alt(lx.BUS_CUE_WORDS)}")
VISIT_LEAD_RE = re.compile(rf"^(?:{_alt(lx.VISIT_LEAD_PARTICLES)})(?!治[区州县旗])")  # (自治区 is a name)
VEHICLE_WORD_RE = re.compile(rf"{_alt(lx.VEHICLE_KIND_WORDS)}")
# ``救护车``, ``卫生院救护车送``: a vehicle with no number is no place (a 汽车站 is one).
VEHICLE_IN_RE = re.compile(rf"车(?:{_alt(lx.VEHICLE_TAIL_WORDS)})?$")
# ``该院``, ``某乡镇``, ``本村``: a place named by a pronoun or left unnamed.
UNNAMED_LEADS = lx.UNNAMED_PLACE_LEADS
# ``转运至花垣县隔离点``: a transfer to quarantine is care's, no visit to the county.
ISOLATION_SITE_RE = re.compile(rf"[\u4e00-\u9fff]{{2,8}}?(?:{_alt(lx.ISOLATION_SITE_UNITS)})?(?:集中)?隔离")
UNNAMED_RE = re.compile(r"(?<!某)某(?!某)")  # 某医院; 曹某某诊所 is named
# ``两个服务区``, ``一家火锅店``: a count of places names none.
COUNTED_RE = re.compile(rf"^(?:[0-9]+|[一二两三四五六七八九十几多某])(?:{_alt(lx.PLACE_MEASURE_WORDS)})")
_LIST_NOUN = rf"(?:{_alt(lx.PLACE_LIST_NOUNS)})"
PLACE_LIST_RE = re.compile(rf"(?:{_alt(lx.PLACE_LIST_HEADS)})[^，,。；;：:]{{0,10}}?"
                           rf"(?:涉及(?:[^，,。；;：:]{{0,8}}?{_LIST_NOUN})?|(?:{_alt(lx.LIST_BELOW_WORDS)}){_LIST_NOUN})(?:{_alt(lx.LIST_INTRO_VERBS)})?[：:]?"
                           # ``行程轨迹公布如下：`` at a clause's end: the lines below list the places
                           rf"|(?:{_alt(lx.TRAJECTORY_WORDS)})(?:[^，,。；;：:]{{0,4}}?(?:{_alt(lx.PUBLISH_VERBS)}))?如下[：:]?$")
NOT_LISTED_RE = re.compile(_alt(lx.NOT_LISTED_PLACE))
LISTED_NAME_RE = re.compile(_alt(lx.LISTED_NAME_WORDS))
BRACKETED_RE = re.compile(r"[（(][^）)]*[）)]")
LIST_DATE_RE = re.compile(r"^(?:[0-9]{1,4}年)?(?:[0-9]{1,2}月)?[0-9]{1,2}日(?:[-—至到~](?:[0-9]{1,2}月)?[0-9]{1,2}日)?"
                          rf"(?:{_alt(lx.LIST_DATE_ENDINGS)})?")
# A time of day before a listed place (``8时左右``, ``12时15分至12时28分左右``, ``12:46-15:05``).
_CLOCK = rf"(?:{_alt(lx.LIST_DAY_PARTS)})?[0-9]{{1,2}}(?:[:：][0-9]{{2}}|[时点](?:[0-9]{{1,2}}分|半)?)"
LIST_TIME_RE = re.compile(rf"^(?:{_CLOCK}(?:{_alt(lx.ABOUT_WORDS)})?(?:[-—~至到]{_CLOCK})?(?:{_alt(lx.ABOUT_WORDS)})?(?:和|、)?)+")
# ``9月6日-10日有厦门旅居史``: the places of a travel history, visited (never ``无武汉旅居史``).
TRAVEL_HISTORY_RE = re.compile("".join(rf"(?<!{re.escape(w)})" for w in lx.NO_HISTORY_WORDS) + rf"有(?P<place>[^，,。；：:有]{{2,24}}?)"
                               rf"(?:{_alt(lx.TRAVEL_HISTORY_WORDS)})")
TEST_SITE_RE = re.compile(rf"(?P<name>[\u4e00-\u9fff0-9A-Za-z]{{2,16}}?)(?P<ending>{_alt(lx.TEST_SITE_ENDINGS)})")
# ``12:30 老街火锅（万象城店）就餐``: after a time of day, a place and what the case did there.
CLOCKED_VISIT_RE = re.compile(rf"[，,\s]*(?P<place>(?!{_alt(lx.FRAMED_VISIT_VERBS)})[^，,。；：:\s]{{2,30}}?)"
                              rf"(?P<activity>{_alt(lx.ACTIVITY_VERBS)})(?![{lx.PLACE_END_CHARS}])")
# ``樱花北园楼下的杨西街早市``: a position before a listed place is no part of it.
LIST_LANDMARK_RE = re.compile(rf"^[^，,。；;、]{{2,16}}?(?:{_alt(lx.LIST_LANDMARK_WORDS)})的(?=[^，,。；;、]{{2}})")
PLAUSIBLE_RE = re.compile(r"[\u4e00-\u9fff]{2,10}")
# ``前往台州(高铁宁波南站,D2281)``, ``返回宁波(G344)``: what a bracket after a ride names, a
# station and a train or flight code; a clause cut inside the bracket (``D2281)``) too.
RIDE_BRACKET_RE = re.compile(r"[（(](?P<inner>[^（()）]*)(?:[）)]|$)")
BRACKET_STATION_RE = re.compile(rf"^(?:{_alt(lx.STATION_LEADS)})?(?P<name>[\u4e00-\u9fff]{{2,10}}站)$")
BRACKET_CODE_RE = re.compile(r"^[A-Z]{1,2}[0-9]{2,5}$")
CUT_BRACKET_CODE_RE = re.compile(r"^(?P<code>[A-Z]{1,2}[0-9]{2,5})[）)]$")
RIDE_CLAUSE_RE = re.compile(_alt(lx.RIDE_CLAUSE_CUES))
# ``郑州东站下车后…``: a station opening a clause, got off or on at.
STATION_ALIGHT_RE = re.compile(rf"^(?P<place>[\u4e00-\u9fff]{{2,10}}站)(?:{_alt(lx.STATION_ALIGHT_WORDS)})")


def read_travel(clause: str) -> list[Link]:
    """Visited edges for the routes, visits and vehicles of a clause, in order.

    >>> [f.name for f in read_travel("1月20日自武汉乘坐G123次列车返回")]
    ['武汉', 'G123次列车']
    """
    framed = {m.start(): m for m in FRAMED_VISIT_RE.finditer(clause)}
    buses = _buses(clause)
    return (_routes(clause) + _framed_visits(framed) + _plain_visits(clause, framed)
            + [Link("visited", "location", m.group(), (("kind", "vehicle"),)) for m in buses]
            + _timed_visits(clause, framed) + _vehicles(clause, [(m.start(), m.end()) for m in buses])
            + _bracketed_ride(clause) + _station_alighted(clause) + _clocked_visits(clause)
            + _travel_history(clause))


def _travel_history(clause: str) -> list[Link]:
    """``有厦门旅居史``, ``有湖北武汉、孝感旅行史``: each place of the history, visited."""
    if "史" not in clause:
        return []
    return [link for m in TRAVEL_HISTORY_RE.finditer(clause)
            for item in split_places(m.group("place").removeprefix("在")) if item not in lx.VAGUE_AREAS
            for link in _visit(item)]


def _clocked_visits(clause: str) -> list[Link]:
    """``3月13日 12:30-13:30 老街火锅就餐``: the place after a time of day, visited."""
    text = LIST_DATE_RE.sub("", clause.strip()).lstrip()
    clock = LIST_TIME_RE.match(text)
    if not clock or not clock.group() or not (m := CLOCKED_VISIT_RE.match(text, clock.end())):
        return []
    return _framed(m.group("place"), strong=True)


def _station_alighted(clause: str) -> list[Link]:
    """``郑州东站下车``: the station, visited."""
    m = STATION_ALIGHT_RE.match(clause)
    return [Link("visited", "location", m.group("place"), (("kind", "station"),))] if m else []


def _bracketed_ride(clause: str) -> list[Link]:
    """The station and the train or flight a bracket after a ride names (a clause cut inside
    the bracket, ``D2281)``, is its code alone)."""
    if (cut := CUT_BRACKET_CODE_RE.match(clause)) is not None:
        return [Link("visited", "location", cut.group("code"), (("kind", "vehicle"),))]
    if RIDE_CLAUSE_RE.search(clause) is None:
        return []
    facts = []
    for bracket in RIDE_BRACKET_RE.finditer(clause):
        for item in re.split(r"[，,、]", bracket.group("inner")):
            item = item.strip()
            if (station := BRACKET_STATION_RE.match(item)) is not None:
                facts.append(Link("visited", "location", station.group("name"), (("kind", "station"),)))
            elif BRACKET_CODE_RE.match(item):
                facts.append(Link("visited", "location", item, (("kind", "vehicle"),)))
    return facts


def _routes(clause: str) -> list[Link]:
    """``自X出发，经Y转机，抵达Z``, ``15日回绵阳``, ``1月24日武汉回温州``, ``返淮``, ``经X、Y``."""
    facts: list[Link] = []
    for regex in (FROM_RE, VIA_RE, ROUTE_TO_RE, IMPORTED_FROM_RE):
        for m in regex.finditer(clause):
            if SOMEONE_ELSES_RE.match(clause, m.start()) or ISOLATION_SITE_RE.match(m.group("place")) \
                    or OTHERS_ROUTE_RE.match(clause, m.start("place")):
                continue
            for item in split_places(cut_place(m.group("place"))):
                facts += _visit(item, strong=True)
    for m in AREA_TO_RE.finditer(clause):
        place = m.group("place").removeprefix("老家")  # 回老家潜山市
        if _is_area(place) and not SOMEONE_ELSES_RE.match(clause, m.start()):
            facts += _visit(place)
    for m in DATED_ROUTE_RE.finditer(clause):
        if _is_area(m.group("a")):
            facts += _visit(m.group("a")) + (_visit(m.group("b")) if _is_area(m.group("b")) else [])
    for m in ABBREVIATED_CITY_RE.finditer(clause):
        abbr, city = m.group("abbr"), lx.CITY_ABBREVIATIONS[m.group("abbr")]
        facts.append(Link("visited", "location", abbr, (("kind", "city"), ("aliases", (city,))), city=city))
    if not VIA_RE.search(clause):
        for m in VIA_END_RE.finditer(clause):
            for item in split_places(m.group("place")):
                facts += _visit(item)
    return facts


def _framed_noise(item: str) -> bool:
    """Whether a framed phrase holds a person, a means or a step of the route rather than a
    place; one such character inside a name that ends like a place is part of it
    (``时代广场``, ``好又多超市``, ``回民街``)."""
    noise = [m.group() for m in FRAMED_NOISE_RE.finditer(item)]
    if not noise:
        return False
    return not (all(n in lx.NAME_SAFE_NOISE for n in noise) and looks_like_place(item))


def _framed_visits(framed: dict[int, re.Match]) -> list[Link]:
    """``到X学习``: X, named however it ends."""
    return [link for m in framed.values()
            for link in _framed(m.group("place"), strong=m.group("activity") not in lx.WEAK_ACTIVITY_VERBS)]


def _framed(phrase: str, strong: bool) -> list[Link]:
    """The visits of a phrase an activity frames: each of its places but framing noise."""
    return [link for item in framed_places(phrase) if not _framed_noise(item)
            for link in _visit(item, strong=strong)]


def _plain_visits(clause: str, framed: dict[int, re.Match]) -> list[Link]:
    """``前往X``, ``在X``: X where it ends like a place (never 在武汉经商, never a quarantine)."""
    if LIVES_THERE_RE.match(clause):
        return []
    facts: list[Link] = []
    for m in VISIT_RE.finditer(clause):
        raw = m.group("place")
        if m.start() in framed or NOT_VISIT_RE.match(raw) or "隔离" in raw or OTHERS_ROUTE_RE.match(raw):
            continue
        for item in split_places(cut_place(after_landmark(raw))):
            facts += _visit(item)
    return facts


def _timed_visits(clause: str, framed: dict[int, re.Match]) -> list[Link]:
    """``7时39分至X``, ``乘坐地铁5号线至X``, a clause opening with ``至X``."""
    facts: list[Link] = []
    for m in TIMED_TO_RE.finditer(clause):
        if m.start("place") - 1 in framed or _seen_by_doctor(m.group("place")):
            continue  # a place seen by a doctor (到X就诊) is care's
        for item in split_places(cut_place(after_landmark(m.group("place")))):
            facts += _visit(item, strong=True)
    return facts


def _buses(clause: str) -> list[re.Match]:
    """Buses and metro lines a case rode (``816公交车(鲁BY9312)``, ``乘坐18路``)."""
    return [m for m in BUS_RE.finditer(clause) if m.group("plate") or m.group("route") is None
            or "公交" in m.group() or (m.group("unit") and RIDE_RE.search(clause[:m.start()]))]


def _vehicles(clause: str, taken: list[tuple[int, int]]) -> list[Link]:
    """Flights, trains and bus routes (``CA1234航班``, ``乘G123``) outside the buses ``taken``."""
    facts: list[Link] = []
    for m in VEHICLE_RE.finditer(clause) if VEHICLE_CODE_RE.search(clause) else ():
        if any(a <= m.start() < b for a, b in taken):
            continue
        if m.group("unit") or RIDE_RE.search(clause[:m.start()]):
            name = (m.group("airline") or "") + m.group("code") + (m.group("unit") or "")
            if BUS_ROUTE_RE.fullmatch(name) and not BUS_WORD_RE.search(clause):
                continue
            facts.append(Link("visited", "location", name, (("kind", "vehicle"),)))
    return facts


def _visit(item: str, strong: bool = False) -> list[Link]:
    item = VISIT_LEAD_RE.sub("", item, count=1)
    if (site := TEST_SITE_RE.fullmatch(item)) is not None:
        return _test_site(site)
    if VEHICLE_RE.fullmatch(item) or (VEHICLE_WORD_RE.search(item) and not item.endswith("站")):
        return []  # (a 高铁站 is a station)
    fac = facility_of(item)
    if fac:
        if UNNAMED_RE.search(fac[0]) or (fac[0] in lx.UNNAMED_GENERIC or fac[0] in lx.GENERIC_FACILITIES) and fac[0] != "方舱医院":
            return []
        return [Link("visited", "facility", fac[0], (("kind", fac[1]),), unless_admitted=True)]
    place = strip_admin(item)
    if "医院" in item or "病院" in item or item in lx.UNNAMED_GENERIC or COUNTED_RE.match(item) \
            or COUNTED_RE.match(place.name) \
            or VEHICLE_IN_RE.search(item) or place.name.startswith(UNNAMED_LEADS + lx.PLACE_PRONOUN_LEADS):
        return []  # a hospital's branch is care's; 村委会, 两个服务区, 救护车, 某乡镇 are no places
    name = item if place.is_admin_only else place.name
    if bare_area(name):  # 湖北黄冈, 深圳龙岗: an area printed without its units
        return [Link("visited", "location", name, (("kind", "city"),))]
    if not looks_like_place(name) and not (strong and _plausible_name(TRAILING_BRACKET_RE.sub("", name))):
        return []  # (a branch in brackets, 肯德基（解放碑店）, is judged by the name before it)
    if not place.is_admin_only:
        name = strip_road(name)
    kind = place_kind(name) or ("district" if place.is_admin_only else None)
    return [Link("visited", "location", name, (("kind", kind), ("district", place.district)))]


def _test_site(site: re.Match) -> list[Link]:
    """``苏堤春晓小区核酸采集点``: a named testing site, visited (``社区核酸采样点`` names none)."""
    place = strip_admin(site.group("name"))
    if place.name.endswith("核酸") or place.name in lx.UNNAMED_TEST_SITE_LEADS or place.name.startswith(lx.UNNAMED_TEST_SITE_LEADS) \
            or UNNAMED_RE.search(place.name):
        return []
    name = place.name + site.group("ending")
    return [Link("visited", "location", name, (("kind", "test_site"), ("district", place.district)))]


def _seen_by_doctor(raw: str) -> bool:
    """``X就诊…``: X is a clinic, care's to read, unless X is a city (``至合肥就诊于Y``)."""
    m = CLINIC_VISIT_RE.search(raw)
    return m is not None and not _is_area(raw[:m.start()])


def _is_area(name: str) -> bool:
    """A city, province or country, with or without its units (武汉, 湖北十堰市, 温州)."""
    place = strip_admin(name)
    return name in KNOWN_AREAS or place.is_admin_only or bool(bare_area(name))


def _plausible_name(name: str) -> bool:
    """A short run of Chinese characters with no function word: a place after a strong cue."""
    return bool(PLAUSIBLE_RE.fullmatch(name)) and not STOP_RE.search(name) and not PERSON_RE.search(name) \
        and not is_bare_place_word(name) \
        and not name.endswith(lx.WORKER_WORDS + ("学生", "人员", "人")) \
        and name not in lx.TRAVEL_ENDPOINT_STOP and not any(w in name for w in lx.NOT_PLACE_WORDS)


@lru_cache(maxsize=65536)
def place_list(clause: str) -> tuple[str, ...] | None:
    """The places of a clause that opens a list of places (``活动轨迹涉及场所：A、B``,
    ``曾到过以下场所``): those printed after its cue, none if it ends there; ``None`` where
    the clause opens no list."""
    m = PLACE_LIST_RE.search(clause)
    if m is None:
        return None
    rest = clause[m.end():]
    return (listed_places(rest) or ()) if rest else ()


def starts_dated(text: str) -> bool:
    """Whether a line opens with a day or a time of day (``4月11日``, ``12:46-15:05``), as the
    lines of a trajectory do."""
    return bool(LIST_DATE_RE.match(text) or LIST_TIME_RE.match(text))


@lru_cache(maxsize=65536)
def listed_places(clause: str) -> tuple[str, ...] | None:
    """The places of a clause that goes on a list (``9月19日，A、B``, ``A；B``), or ``None``
    where the clause is no bare list of names.

    >>> listed_places("外婆小厨(城南店)、振兴小区"), listed_places("市民请关注官方发布")
    (('外婆小厨(城南店)', '振兴小区'), None)
    """
    text = LIST_LANDMARK_RE.sub("", LIST_TIME_RE.sub("", LIST_DATE_RE.sub("", clause.strip())))
    if not text:
        return ()
    if len(text) > 160 or NOT_LISTED_RE.search(LISTED_NAME_RE.sub("", BRACKETED_RE.sub("", text))):
        return None
    items = []
    for raw in text.split("、"):
        branch = BRACKET_RE.match(raw)
        name = raw if branch is None else branch.group("head") + (
            branch.group("bracket") if BRANCH_END_RE.search(branch.group("inner")) else "")
        name = name.strip()
        if not (2 <= len(name) <= 24) or name.endswith(lx.ACTIVITY_VERBS):
            return None  # (``老街火锅就餐`` tells a visit, read as a clause)
        items.append(name)
    return tuple(items)


def list_visits(names: tuple[str, ...]) -> list[Link]:
    """Visited edges to the places of a list (a name ending like no place is kept: the list
    says it is one)."""
    facts: list[Link] = []
    for name in names:
        fac = facility_of(name)
        if fac:
            if fac[0] not in lx.UNNAMED_GENERIC and fac[0] not in lx.GENERIC_FACILITIES:
                facts.append(Link("visited", "facility", fac[0], (("kind", fac[1]),), unless_admitted=True))
            continue
        place = strip_admin(name)
        if name in lx.UNNAMED_GENERIC or is_bare_place_word(place.name):
            continue
        facts.append(Link("visited", "location", place.name if not place.is_admin_only else name,
                          (("kind", place_kind(place.name)), ("district", place.district))))
    return facts
