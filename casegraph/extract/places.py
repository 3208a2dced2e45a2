"""Place phrases: cut them out of running text, strip admin prefixes, tell facilities apart."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from casegraph import lexicon as lx
from casegraph.lexicon import gazetteer

_alt = lx.alternation

_CJK = r"\u4e00-\u9fff"
ADMIN_RE = re.compile(rf"[{_CJK}]{{1,7}}?(?:{_alt(lx.ADMIN_UNIT_ENDINGS)})")
SUBCOUNTY_RE = re.compile(rf"[{_CJK}]{{2,8}}?(?:{_alt(lx.SUBCOUNTY_SUFFIXES)})")  # 虹镇老街 is a street
ROAD_PREFIX_RE = re.compile(rf"[{_CJK}]{{1,10}}?(?:{_alt(lx.ROAD_PREFIX_WORDS)})(?:[0-9]{{1,9}}号(?:院)?)?(?=[{_CJK}])")
BUILDING_END_RE = re.compile(rf"(?:{_alt(lx.BUILDING_ENDINGS)})"
                             rf"[A-Za-z0-9]*(?:{_alt(lx.BUILDING_PART_WORDS)})?$")
COMPOUND_END_RE = re.compile(rf"(?:{_alt(lx.RESIDENTIAL_ENDINGS)})$")
PLACE_WORD_END_RE = re.compile(rf"(?:{_alt(lx.PLACE_SUFFIXES)})$")
STOP_RE = re.compile(_alt(lx.PLACE_STOPWORDS))
PLACE_END_RE = re.compile(rf"(?:{_alt(lx.PLACE_SUFFIXES)})$|[0-9A-Za-z]$")
NUMBER_UNIT_RE = re.compile(rf"^[0-9A-Za-z]{{1,9}}(?:{_alt(lx.NUMBER_UNITS)})")
TRAILING_JUNK = lx.PLACE_TRAILING_CHARS
# ``张村岳父家``, ``中京城奶奶家``: a relative's home at a place is the place.
RELATIVE_HOME_RE = re.compile(rf"(?:{_alt(lx.RELATIVE_HOME_LEADS)})?(?:(?:{_alt(lx.FAMILY_WORDS + lx.SOCIAL_WORDS + ('亲戚',))})(?:{_alt(lx.RELATIVE_HOME_WORDS)})|"
                              rf"{_alt(lx.FAMILY_HOME_WORDS)})(?:{_alt(lx.RELATIVE_HOME_TAILS)})?$")
BRACKET_RE = re.compile(r"^(?P<head>[^（(]*)(?P<bracket>[（(](?P<inner>[^）)]*)(?:[）)]|$))")
BRANCH_END_RE = re.compile(rf"(?:{_alt(lx.BRANCH_ENDINGS)})$")
LANDMARK_RE = re.compile(rf"^[^，,。]{{2,16}}?(?:{_alt(lx.LANDMARK_WORDS)})(?:的)?(?=[^，,。]{{2}})")
# ``百货大楼鞋区``: a department of a store is the store.
ADMIN_END_LOOKBEHIND = "|".join(f"(?<={re.escape(w)})" for w in lx.SUBCOUNTY_SUFFIXES)
ADMIN_END_LOOKBEHIND = rf"(?:{ADMIN_END_LOOKBEHIND})"
# Where a list of places splits: 、, or a conjunction after something that is no town or
# street office (``城关镇和平村``) and not at the start (``和平区第一小学``).
CONJUNCTION_SPLIT_RE = re.compile(rf"、|→|->|(?<=.)(?<!{ADMIN_END_LOOKBEHIND})(?:[及和与]|以及)")  # (A→B→C: a route's stops)
DEPARTMENT_RE = re.compile(rf"(?<={_alt(lx.STORE_WORDS)})(?!小区$)[\u4e00-\u9fff]{{1,2}}区$")  # (万达广场小区 is a compound)
POSITION_LEAD_RE = re.compile(rf"^(?:{_alt(lx.POSITION_LEADS)})(?:的)?(?=[^，,。]{{2}})")
POSITION_END_RE = re.compile(rf"(?:{_alt(lx.POSITION_ENDINGS)}|[0-9A-Za-z]+(?:{_alt(lx.ROOM_WORDS)}))$")
TRAILING_BRACKET_RE = re.compile(r"[（(][^）)]*[）)]$")
# ``龙津街道的锦龙社区``: ``的`` after an admin unit joins it to the place in it.
UNIT_OF_RE = re.compile(rf"^([{_CJK}]{{2,12}}?(?:{_alt(lx.SUBCOUNTY_SUFFIXES)}|{_alt(lx.UNIT_OF_ENDINGS)}))的(?=[{_CJK}]{{2}})")
FACILITY_NOISE_RE = re.compile(rf"{_alt(lx.FACILITY_NOISE_LEADS)}|将(?!军)|{_alt(lx.FACILITY_NOISE_WORDS)}")
HE_NAME_WORD_RE = re.compile(_alt(lx.HOSPITAL_NAME_WORDS_WITH_HE))  # 协和医院: no 和 of a list
GENERIC_INDEX = {variant: canon for canon, variants in lx.GENERIC_FACILITIES.items()
                 for variant in variants}
_GENERIC_LONGEST_FIRST = sorted(GENERIC_INDEX.items(), key=lambda kv: -len(kv[0]))
KNOWN_AREAS = frozenset(lx.COUNTRIES + lx.REGIONS + lx.CITIES + lx.PROVINCES)
OWN_AREA_LEAD_RE = re.compile(rf"^(?:{_alt(lx.OWN_AREA_LEADS)})(?=[{_CJK}]{{2}})")


def _areas_with_conjunctions() -> list[str]:
    """Names of areas that hold 和, 与 or 及 inside them (呼和浩特市, 呼和浩特, 永和县)."""
    names = set()
    for name in [*KNOWN_AREAS, *gazetteer.units()]:
        stem = name[:-1] if len(name) > 3 and name[-1] in "市县区" else name
        for form in {name, stem}:
            if any(c in form[1:-1] for c in "和与及"):
                names.add(form)
    return sorted(names)


# A list never splits inside the name of an area (``返回呼和浩特市`` is no 呼 and 浩特市).
CONJUNCTION_AREA_RE = re.compile(_alt(_areas_with_conjunctions()))
_AREA_KINDS = ((frozenset(lx.COUNTRIES), "country"), (frozenset(lx.REGIONS), "region"),
               (frozenset(lx.CITIES), "city"), (frozenset(lx.PROVINCES), "province"))
# An area's kind by its name, the first table naming it deciding (as _AREA_KINDS is read).
_AREA_KIND = {name: kind for names, kind in reversed(_AREA_KINDS) for name in names}
# PLACE_KINDS by suffix, with each entry's rank: the first entry a name ends with wins.
_KIND_BY_SUFFIX: dict[str, tuple[int, str]] = {}
for _rank, (_suffix, _kind) in enumerate(lx.PLACE_KINDS):
    _KIND_BY_SUFFIX.setdefault(_suffix, (_rank, _kind))
_KIND_SUFFIX_LENGTHS = sorted({len(suffix) for suffix in _KIND_BY_SUFFIX})
# a bare place word (小区, 饭店, 机场) names no place by itself
NOT_A_PLACE = frozenset(lx.TRAVEL_ENDPOINT_STOP + lx.UNNAMED_GENERIC + lx.PLACE_SUFFIXES)
NOT_PLACE_RE = re.compile(_alt(lx.NOT_PLACE_WORDS))
VEHICLE_NAME_RE = re.compile(rf"[0-9A-Z]{{2,}}(?:{_alt(lx.VEHICLE_NAME_UNITS)})$|^[A-Z]{{1,2}}[0-9]{{2,5}}$")
ALNUM_RE = re.compile(r"[0-9A-Za-z]+")


class Place(NamedTuple):
    """A place phrase, split into the name to use and what it says about its district."""

    name: str
    district: str | None = None
    full: str = ""
    is_admin_only: bool = False


def is_district_unit(unit: str) -> bool:
    """Whether an admin-looking unit is a real one (``雁塔区``, ``国际港务区``), not ``融汇社区``
    or ``天堂超市``: a unit the national table knows, or a development zone."""
    if unit.endswith(lx.NOT_DISTRICT_ENDINGS):
        return lx.is_real_direction_district(unit)
    return gazetteer.is_admin_unit(unit) or unit.endswith(lx.ZONE_SUFFIXES) or _renamed_district(unit)


def _renamed_district(unit: str) -> bool:
    """A county or county-level city made a district, or a county made a city, after the table
    was drawn (即墨市 is now 即墨区, 潜山县 潜山市)."""
    if len(unit) < 3:
        return False
    if unit.endswith("区"):
        return any(gazetteer.level(unit[:-1] + old) == "county" for old in ("市", "县"))
    return unit.endswith("市") and gazetteer.level(unit[:-1] + "县") == "county"  # 潜山县 -> 潜山市


@lru_cache(maxsize=65536)
def strip_admin(text: str) -> Place:
    """Split leading province/city/district/street units off an address.

    >>> strip_admin("丰台区东铁匠营街道东木樨园14号楼")
    Place(name='东木樨园14号楼', district='丰台区', full='丰台区东铁匠营街道东木樨园14号楼', is_admin_only=False)
    >>> strip_admin("西安市雁塔区").is_admin_only
    True
    """
    rest, district = text, None
    while (unit := ADMIN_RE.match(rest)) and is_district_unit(unit.group()):
        word = unit.group()
        if word[:-1] in lx.COUNTRIES or _false_unit(rest[unit.end():]):
            break
        rest = rest[unit.end():]
        if not word.endswith(("省", "自治区", "特别行政区", "自治州", "盟")):
            if not (word.endswith("市") and district and not district.endswith("市")):
                district = word
    if not rest:
        return Place(text, district, text, True)
    while (unit := SUBCOUNTY_RE.match(rest)) and len(unit.group()) < len(rest) \
            and rest[unit.end():] not in lx.PLACE_SUFFIXES:  # 石板镇物流园 keeps its town
        rest = rest[unit.end():]
    return Place(rest, district, text)


def _false_unit(after: str) -> bool:
    """Whether the text after a unit shows it was none (市场, 市民), unlike 西安市长安区."""
    if not after.startswith(lx.ADMIN_FALSE_FOLLOWERS):
        return False
    unit = ADMIN_RE.match(after)
    return not (unit and is_district_unit(unit.group()))


def bare_area(text: str) -> str | None:
    """The district-level name of an area printed without unit suffixes, else ``None``.

    >>> bare_area("湖北黄冈"), bare_area("深圳龙岗"), bare_area("衡阳"), bare_area("家中")
    ('黄冈', '龙岗', '衡阳', None)
    """
    rest, last = text, None
    for table in (lx.PROVINCES, lx.CITIES):
        head = next((w for w in sorted(table, key=len, reverse=True) if rest.startswith(w)), None)
        if head:
            rest, last = rest[len(head):], head
    if not rest:
        return last
    if re.fullmatch(rf"[{_CJK}]{{2,3}}", rest) and rest not in lx.NOT_AREA_WORDS \
            and any(gazetteer.is_admin_unit(rest + unit) for unit in "市区县旗"):
        return rest
    return None


@lru_cache(maxsize=65536)
def strip_road(name: str) -> str:
    """Drop a road prefix before a named building: ``梅市口路133号京荟广场4层`` -> ``京荟广场4层``."""
    road = ROAD_PREFIX_RE.match(name)
    if not road or re.match(r"[0-9]", name[road.end():]):
        return name
    rest = name[road.end():]
    if is_bare_place_word(rest):  # ``老街饭店`` is the restaurant's name, not 老街's 饭店
        return name
    if BUILDING_END_RE.search(rest) or (COMPOUND_END_RE.search(rest) and len(rest) > 3):
        return rest
    return name


@lru_cache(maxsize=65536)
def cut_place(raw: str) -> str:
    """The place phrase at the start of ``raw``, cut before the first verb or function word;
    a branch in brackets (``(岗厦店)``) stays, any other bracket goes."""
    raw = OWN_AREA_LEAD_RE.sub("", UNIT_OF_RE.sub(r"\1", raw.strip(" ：:“”\"'「」")))
    branch = ""
    if (m := BRACKET_RE.match(raw)):
        raw = m.group("head")
        if BRANCH_END_RE.search(m.group("inner")) and m.group("bracket")[-1:] in "）)":
            branch = m.group("bracket")
    head = raw
    for stop in STOP_RE.finditer(raw):
        head = raw[:stop.start()]
        if not head or _opens_name(raw, 0, stop):  # (东城区和平里小区)
            continue
        if len(stop.group()) >= 2 or PLACE_END_RE.search(head) or head in KNOWN_AREAS:
            raw = head
            break
    raw = DEPARTMENT_RE.sub("", RELATIVE_HOME_RE.sub("", raw)).rstrip(TRAILING_JUNK)
    if len(raw) >= 4 and not PLACE_END_RE.search(raw) and raw not in KNOWN_AREAS:
        raw = segmented_place(raw)
    return raw + branch if branch and raw == head else raw


def framed_places(raw: str) -> list[str]:
    """The places of a phrase a visit verb and an activity frame (``到X学习``): the phrase is
    delimited already, so no verb cuts it (``雾凇度假酒店``); a landmark, a position and any
    bracket but a branch go (``东昌花园附近的金鹰托管班(世纪广场对面)`` -> ``金鹰托管班``)."""
    raw = raw.strip(" ：:“”\"'「」")
    branch = ""
    if (m := BRACKET_RE.match(raw)):
        raw = m.group("head")
        if BRANCH_END_RE.search(m.group("inner")) and m.group("bracket")[-1:] in "）)":
            branch = m.group("bracket")
    raw = UNIT_OF_RE.sub(r"\1", after_landmark(raw.removeprefix("过").removeprefix("了")))  # 去过X购物
    items = [DEPARTMENT_RE.sub("", RELATIVE_HOME_RE.sub("", i)).rstrip(TRAILING_JUNK) for i in raw.split("、")]
    if branch and len(items) == 1:
        items[0] += branch
    return [i for i in items if len(i) >= 2]


def after_landmark(raw: str) -> str:
    """``东昌花园附近的金鹰托管班`` -> ``金鹰托管班``; ``世纪广场地下`` -> ``世纪广场``."""
    raw = POSITION_LEAD_RE.sub("", LANDMARK_RE.sub("", raw, count=1), count=1)
    return POSITION_END_RE.sub("", raw)


def segmented_place(raw: str) -> str:
    """Where no rule decides where a place phrase ends (``定点医疗机构救治``), let jieba
    segment it with casegraph's dictionary and cut before the first verb or preposition,
    if what is left ends like a place.

    >>> segmented_place("三树村卫生室输液"), segmented_place("定点医疗机构救治")
    ('三树村卫生室', '定点医疗机构')
    >>> segmented_place("核酸筛查中")
    '核酸筛查中'

    """
    kept = ""
    for word, flag in lx.pos_cut(raw):
        if kept and flag.startswith(lx.PHRASE_BREAK_TAGS) and (
                PLACE_WORD_END_RE.search(kept) or facility_of(kept)):
            return kept
        kept += word
    return raw


def split_places(raw: str) -> list[str]:
    """Split ``大连、吉林白山、长春`` and inherit the base of ``紫芳园一区7号楼、8号楼``."""
    # (a conjunction right after an administrative unit opens the next name: 城关镇和平村3组)
    items = [i for i in _list_items(raw) if i]
    out: list[str] = []
    for item in items:
        if out and NUMBER_UNIT_RE.match(item):
            base = re.sub(r"[0-9A-Za-z]{1,9}(?:号楼|号院|号|栋|幢|单元|弄|座|层|室|区)$", "", out[-1])
            item = base + item
        out.append(item)
    return out


def _list_items(raw: str) -> list[str]:
    """``raw`` split at each conjunction or 、 that is not inside an area's name, nor 和
    opening a name after a district (``东城区和平里小区``; ``朝阳区和海淀区`` is two)."""
    inside = [m.span() for m in CONJUNCTION_AREA_RE.finditer(raw)]
    items, start = [], 0
    for m in CONJUNCTION_SPLIT_RE.finditer(raw):
        if any(begin < m.start() < end for begin, end in inside) or _opens_name(raw, start, m):
            continue
        items.append(raw[start:m.start()])
        start = m.end()
    return items + [raw[start:]]


def _opens_name(raw: str, start: int, conjunction: re.Match) -> bool:
    """Whether 和 right after a district (the item from ``start``) begins the name of a
    place in it (和平里小区)."""
    before = raw[start:conjunction.start()]
    if conjunction.group() != "和" or not before.endswith(lx.COUNTY_UNIT_CHARS) \
            or not strip_admin(before).is_admin_only:
        return False
    rest = re.split(r"[、和与及]", raw[conjunction.start():][1:], maxsplit=1)[0]
    return len(rest) >= 2 and not strip_admin(rest).is_admin_only and not strip_admin("和" + rest).is_admin_only


@lru_cache(maxsize=65536)
def facility_of(name: str) -> tuple[str, str] | None:
    """``(canonical name, kind)`` where ``name`` is an epidemic-control facility."""
    for variant, canon in _GENERIC_LONGEST_FIRST:
        if name == variant or (name.endswith(variant) and ADMIN_RE.fullmatch(name[:-len(variant)] or "-")):
            return canon, lx.FACILITY_KINDS[canon]
    for suffix, kind in lx.FACILITY_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            if len(name) > 24 or FACILITY_NOISE_RE.search(HE_NAME_WORD_RE.sub("", name[:-len(suffix)])):
                return None
            if kind == "fever_clinic" and (hospital := _clinic_parent(name)) is not None:
                return hospital  # ``X医院发热门诊``: a hospital's fever clinic is its hospital
            return name, kind
    return None


def _clinic_parent(name: str) -> tuple[str, str] | None:
    """The named hospital or clinic whose fever clinic ``name`` is, if it names one; the
    generic fever clinic where the hospital is unnamed (``辖区医院发热门诊``)."""
    for word in lx.FEVER_CLINIC_WORDS:
        if name.endswith(word) and (parent := facility_of(name[:-len(word)].rstrip("的"))) \
                and parent[1] in lx.CLINIC_PARENT_KINDS:
            return parent if parent[0] not in lx.UNNAMED_GENERIC else ("发热门诊", "fever_clinic")
    return None


@lru_cache(maxsize=65536)
def place_kind(name: str) -> str | None:
    """A coarse kind for a place name (``building``, ``hotel``, ``country``…)."""
    if name.endswith((")", "）", ")\n", "）\n")):  # (where TRAILING_BRACKET_RE can match)
        name = TRAILING_BRACKET_RE.sub("", name)
    if (kind := _AREA_KIND.get(name)) is not None:
        return kind
    found = [hit for n in _KIND_SUFFIX_LENGTHS if (hit := _KIND_BY_SUFFIX.get(name[-n:]))]
    return min(found)[1] if found else None


def is_bare_place_word(name: str) -> bool:
    """A place word that names no place (``小区``, ``机场``, ``小超市``)."""
    return name in NOT_A_PLACE or (name[:1] in "小大新老" and name[1:] in NOT_A_PLACE)


@lru_cache(maxsize=65536)
def looks_like_place(name: str) -> bool:
    """Whether a cut phrase is specific enough to be a place node."""
    name = TRAILING_BRACKET_RE.sub("", name)
    if len(name) < 2 or is_bare_place_word(name) or NOT_PLACE_RE.search(name) \
            or name.startswith(lx.PLACE_PRONOUN_LEADS):
        return False
    if name in KNOWN_AREAS or name.rstrip("市省") in KNOWN_AREAS:
        return True
    if VEHICLE_NAME_RE.search(name):
        return True
    if ADMIN_RE.fullmatch(name):
        return True
    return bool(PLACE_END_RE.search(name)) and not ALNUM_RE.fullmatch(name)


def merge_short_facility_names(builder) -> None:
    """A facility a bulletin names once in full and once without its city or county
    (``吉林市儿童医院``, ``儿童医院``) is one node, under the full name, the short one an alias."""
    nodes = builder.nodes
    full_names = {data["name"]: nid for nid, data in nodes.items() if data.get("type") == "facility"}
    for name, nid in list(full_names.items()):
        longer = [other for other in full_names if other != name and other.endswith(name)
                  and strip_admin(other).name == name and facility_of(name) is not None
                  and name not in lx.GENERIC_FACILITIES]
        if len(longer) != 1 or nid not in nodes:
            continue
        target = full_names[longer[0]]
        builder.merge_into(nid, target)
        aliases = nodes[target].setdefault("aliases", [])
        if name not in aliases:
            aliases.append(name)
