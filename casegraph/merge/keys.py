"""Resolution keys: a case label's scope, a place's key and full name (see the merge's rules
in :mod:`casegraph.merge`)."""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import date as _date
from functools import lru_cache
from importlib import resources
from typing import Iterable, Iterator

from casegraph import lexicon
from casegraph.schema import PLACE_TYPES

__all__ = ["label_scope", "place_key", "place_name"]


_DATED = re.compile(r"^(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:发布的?)?(.+)$")
_SPACE = re.compile(r"\s+")


# --- lexicon tables ---------------------------------------------------------------------------

@dataclass(frozen=True)
class _LabelRule:
    regex: re.Pattern[str]
    scope: str
    city: str | None
    length: int


def _lexicon_rows(name: str) -> Iterator[list[str]]:
    text = (resources.files("casegraph") / "lexicon" / name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


@lru_cache(maxsize=1)
def _label_rules() -> tuple[_LabelRule, ...]:
    rules = []
    for row in _lexicon_rows("label_scopes.tsv"):
        pattern, scope = row[0].strip(), row[1].strip()
        city = row[2].strip() if len(row) > 2 and row[2].strip() else None
        if scope not in ("city", "bulletin", "document") or "N" not in pattern:
            raise ValueError(f"label_scopes.tsv: bad row {row!r}")
        regex = re.compile("^" + re.escape(pattern).replace("N", r"\d+") + "$")
        rules.append(_LabelRule(regex, scope, city, len(pattern)))
    # city-specific rows first, then the most specific pattern
    return tuple(sorted(rules, key=lambda r: (r.city is None, -r.length)))


_MAX_UNIT = 12  # longest administrative unit looked for, in characters


@dataclass(frozen=True)
class _AdminTable:
    levels: dict[str, str]  # suffix -> level
    regex: re.Pattern[str]  # any suffix, longest first
    not_unit: tuple[str, ...]
    not_after: tuple[str, ...]
    generic: re.Pattern[str]  # a remainder that is no name by itself
    departments: tuple[str, ...]  # parts of an institution, longest first


@lru_cache(maxsize=1)
def _admin_table() -> _AdminTable:
    suffixes, not_unit, not_after, generic, departments = [], [], [], [], []
    for row in _lexicon_rows("admin_units.tsv"):
        kind, text = row[0].strip(), row[1].strip()
        if kind == "suffix":
            suffixes.append((text, row[2].strip()))
        elif kind in ("not_unit", "not_after", "generic", "department"):
            {"not_unit": not_unit, "not_after": not_after, "generic": generic,
             "department": departments}[kind].append(text)
        else:
            raise ValueError(f"admin_units.tsv: bad row {row!r}")
    suffixes.sort(key=lambda item: -len(item[0]))
    regex = re.compile("|".join(re.escape(suffix) for suffix, _level in suffixes))
    words = "|".join(re.escape(w) for w in sorted(generic, key=lambda w: (-len(w), w)))
    rest = re.compile(rf"(?:第[一二三四五六七八九十百零\d]+)?(?:{words})+")
    not_unit += lexicon.COMPOUND_PART_ENDINGS  # 幸福小区东区 is no district
    return _AdminTable(dict(suffixes), regex, tuple(not_unit), tuple(not_after), rest,
                       tuple(sorted(departments, key=len, reverse=True)))


# --- keys ---------------------------------------------------------------------------------------

def _clean(name: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", str(name)))


@lru_cache(maxsize=1 << 16)
def label_scope(label: str, city: str | None = None) -> str:
    """The scope of a case label: ``"city"``, ``"bulletin"`` or ``"document"``.

    >>> label_scope("感染者128"), label_scope("病例3"), label_scope("王某某")
    ('city', 'bulletin', 'document')
    """
    label = _clean(label)
    for rule in _label_rules():
        if (rule.city is None or rule.city == city) and rule.regex.match(label):
            return rule.scope
    return "document"


def _reference(name: str, doc_date: str | None) -> tuple[str, str] | None:
    """``(ISO date, label)`` of a dated reference ``12月19日本土确诊病例7``; the year is the
    document's, or the one before when the month lies after the document's month."""
    match = _DATED.match(name)
    if not match or doc_date is None:
        return None
    year = int(match[1]) if match[1] else int(doc_date[:4])
    month, day = int(match[2]), int(match[3])
    if not match[1] and month > int(doc_date[5:7]):
        year -= 1
    try:
        return _date(year, month, day).isoformat(), match[4]
    except ValueError:
        return None


@lru_cache(maxsize=1 << 16)
def _case_key(name: str, city: str | None, doc: str, date: str | None) -> tuple[str, bool]:
    """``(key, own)``: the resolution key of a case name; ``own`` is False for a reference to
    another bulletin's case."""
    ref = _reference(name, date)
    label, when, own = (ref[1], ref[0], False) if ref else (name, date, True)
    scope = label_scope(label, city) if city else "document"
    if scope == "city" and when is not None:
        return f"case|city|{city}|{label}", own
    if scope == "bulletin" and when is not None:
        return f"case|bulletin|{city}|{when}|{label}", own
    return f"case|doc|{doc}|{name}", True


@lru_cache(maxsize=1 << 16)
def place_key(name: str, city: str | None = None) -> tuple[str, tuple[tuple[str, str], ...]]:
    """A place's name without the administrative units that open it, and those units.

    The city's own name is dropped too (with or without 市), and a district's short name
    before a residential name (海淀友谊社区). A name that is nothing but administrative units
    keeps its last one. The rest is put in one form (:func:`_key_form`).

    >>> place_key("丰台区东铁匠营街道东木樨园14号楼", "北京")
    ('东木樨园14号楼', (('丰台区', 'district'), ('东铁匠营街道', 'street')))
    >>> place_key("阳光小区3号楼")[0], place_key("岳各庄市场")[0], place_key("咸阳市渭城区")[0]
    ('阳光小区3号楼', '岳各庄市场', '渭城区')
    >>> place_key("淮安区淮城镇卫生院", "淮安")[0], place_key("武汉市")[0], place_key("英国伦敦")[0]
    ('淮城镇卫生院', '武汉', '伦敦')
    >>> place_key("海淀友谊社区", "北京"), place_key("上海浦东国际机场", "上海")[0]
    (('友谊社区', (('海淀区', 'district'),)), '浦东机场')
    """
    rest, units = _clean(name), []
    generic = _admin_table().generic
    while True:
        found = _next_unit(rest, city)
        if found is None or found[0] >= len(rest) or generic.fullmatch(rest[found[0]:]):
            break
        units.append(found[1])
        rest = rest[found[0]:]
    if (unit := _leading_unit(rest, city)) is not None and unit[0] == rest:
        units.append(unit)  # nothing but administrative units: 渭城区, 武汉市
        if unit[1] in ("city", "province") and rest[-1] in "市省" and len(rest) > 2:
            rest = rest[:-1]  # 武汉市 is 武汉
    elif (full := _short_districts(city).get(rest)) is not None:
        units.append((full, "district"))  # 海淀 is 海淀区
        rest = full
    elif (country := _leading_country(rest)) is not None:
        units.append((country, "country"))  # 英国伦敦 is 伦敦
        rest = rest[len(country):]
    return _key_form(rest), tuple(units)


def _key_form(name: str) -> str:
    """One form of a place's name: 浦东国际机场 -> 浦东机场; 世博家园大道站路94弄 -> 大道站路94弄
    (a compound before a street address is dropped: the address is the place)."""
    for ending, short in lexicon.PLACE_KEY_ENDINGS:
        if name.endswith(ending) and len(name) > len(ending):
            name = name[:-len(ending)] + short
    if (address := _address_after_compound().fullmatch(name)) is not None:
        name = address.group("address")
    return name


@lru_cache(maxsize=1)
def _address_after_compound() -> re.Pattern[str]:
    """A residential compound, then a street address (the group ``address``)."""
    return re.compile(rf".{{2,}}?(?:{lexicon.alternation(lexicon.RESIDENTIAL_ENDINGS)})"
                      rf"(?P<address>[\u4e00-\u9fff]{{2,}}?(?:{lexicon.alternation(lexicon.ROAD_WORDS)})"
                      rf"\d+(?:弄|号).*)")


def _next_unit(text: str, city: str | None) -> tuple[int, tuple[str, str]] | None:
    """``(length printed, (unit, level))`` of the administrative unit opening ``text``."""
    if (unit := _leading_unit(text, city)) is not None:
        return len(unit[0]), unit
    if (short := _short_district(text, city)) is not None:
        return len(short), (_short_districts(city)[short], "district")
    return None


@lru_cache(maxsize=256)
def _short_districts(city: str | None) -> dict[str, str]:
    """A city's districts by their short names: ``{"海淀": "海淀区", "浦东": "浦东新区"}``."""
    from casegraph.lexicon import gazetteer

    shorts = {}
    for full in gazetteer.counties_of(city) if city else ():
        for suffix in ("新区", "区", "县"):
            if full.endswith(suffix) and len(full) - len(suffix) >= 2:
                shorts[full[:-len(suffix)]] = full
                break
    shorts.pop(city, None)  # 淮安 is the city of 淮安, not its 淮安区
    return shorts


def _short_district(text: str, city: str | None) -> str | None:
    """A district's short name opening ``text`` before a residential name, as jieba cuts it:
    海淀 in 海淀友谊社区; not 朝阳 in 朝阳门外大街 (no word ends there) nor 嘉定 in
    嘉定工业区草庵村 (the next word is an area of its own)."""
    table = _admin_table()
    for short in _short_districts(city):
        rest = text[len(short):]
        if not text.startswith(short) or len(rest) < 3 or table.regex.match(rest) \
                or not rest.endswith(lexicon.RESIDENTIAL_ENDINGS) or table.generic.fullmatch(rest):
            continue
        words = {start: word for word, start, _end
                 in lexicon.jieba_tokenizer().tokenize(text, HMM=False)}
        after = words.get(len(short), "")
        if after and not table.regex.fullmatch(after[-1]):
            return short
    return None


def _leading_country(text: str) -> str | None:
    """A country before a city the lexicon knows (英国伦敦), else None."""
    by_head, cities = _country_tables()
    for country in by_head.get(text[:1], ()):
        if text.startswith(country) and text[len(country):] in cities:
            return country
    return None


@lru_cache(maxsize=1)
def _country_tables() -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """The lexicon's countries by their first character (in its order), and its cities."""
    by_head: dict[str, list[str]] = defaultdict(list)
    for country in lexicon.COUNTRIES:
        by_head[country[0]].append(country)
    return {head: tuple(names) for head, names in by_head.items()}, frozenset(lexicon.CITIES)


def _leading_unit(text: str, city: str | None) -> tuple[str, str] | None:
    """The administrative unit at the start of ``text`` as ``(unit, level)``, if any."""
    table = _admin_table()
    if city:
        for form in (city + "市", city):
            rest = text[len(form):]
            if text.startswith(form) and len(rest) > 1 and not table.regex.match(rest):
                return form, "city"  # 北京市X, 北京X; not 淮安区 (the district of 淮安)
    for match in table.regex.finditer(text[:_MAX_UNIT]):
        end, suffix = match.end(), match.group()
        head = text[:end]
        if len(head) - len(suffix) < (2 if len(suffix) == 1 else 1):
            continue
        if not _is_cjk(head) or head.endswith(table.not_unit) \
                and not lexicon.is_real_direction_district(head):
            continue
        if text[end:].startswith(table.not_after):
            continue
        return head, table.levels[suffix]
    return None


def place_name(name: str, city: str | None = None, ptype: str = "location") -> str:
    """The name a place goes by in the merged graph (its key within the city).

    >>> place_name("丰台区东铁匠营街道东木樨园14号楼", "北京")
    '东木樨园14号楼'
    """
    key = place_key(_clean(name), city)[0]
    return _institution(key) if ptype == "facility" else key


def _institution(key: str) -> str:
    """A facility's key without a department at its end: 淮城镇卫生院发热门诊 -> 淮城镇卫生院."""
    for department in _admin_table().departments:
        if key.endswith(department) and len(key) - len(department) >= 2:
            return key[:-len(department)]
    return key


def _is_cjk(text: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in text)


def _place_key(ptype: str, name: str, city: str | None, doc: str) -> str:
    key = place_key(name, city)[0]
    if ptype == "facility":
        key = _institution(key)
    return f"{ptype}|place|{city}|{key}" if city else f"{ptype}|doc|{doc}|{key}"


def _keys(ntype: str, names: Iterable[str], city: str | None, doc: str,
          date: str | None) -> tuple[frozenset[str], frozenset[str]]:
    """``(own, refs)``: the keys of a mention printed under ``names`` in document ``doc``."""
    own, refs = set(), set()
    for name in names:
        if ntype == "case":
            key, is_own = _case_key(name, city, doc, date)
            (own if is_own else refs).add(key)
        elif ntype in PLACE_TYPES:
            own.add(_place_key(ntype, name, city, doc))
        else:
            own.add(f"{ntype}|doc|{doc}|{name}")
    return frozenset(own), frozenset(refs)


def _key_scope(key: str) -> str:
    return key.split("|", 2)[1]


def _node_id(key: str) -> str:
    ntype, scope, rest = key.split("|", 2)
    if scope == "doc":
        return f"{ntype}:@{rest.replace('|', ':')}"
    return f"{ntype}:{rest.replace('|', ':')}"


