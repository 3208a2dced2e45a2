"""Case sites: places where cases were found, told as lists rather than of one case.

``分别居住于：`` followed by lines of addresses (Shanghai 2022), ``病例1—病例4，居住于浦东新区``
and ``3例均居住于X小区`` give location nodes with ``case_site`` and no case edges.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from casegraph import lexicon as lx
from casegraph.extract.labels import find_groups
from casegraph.extract.places import (
    Place,
    cut_place,
    facility_of,
    looks_like_place,
    place_kind,
    strip_admin,
)

_alt = lx.alternation

SPREAD_RESIDENCE_RE = re.compile(rf"{_alt(lx.SPREAD_RESIDENCE_CUES)}|居住于[：:]|居住在[：:]")
LISTING_DISTRICT_RE = re.compile(rf"(?P<d>[\u4e00-\u9fff]{{1,5}}?(?:{_alt(lx.LISTING_DISTRICT_ENDINGS)}))(?:新增|[0-9]{{1,2}}月)")
ANY_DISTRICT_RE = re.compile(rf"(?P<d>[\u4e00-\u9fff]{{1,5}}?(?:{_alt(lx.LISTING_DISTRICT_ENDINGS)}))")
# A line with these is no address of a list.
NOT_LISTED_RE = re.compile(rf"{_alt(lx.NOT_LISTED_LEADS)}|[0-9]{{1,2}}月[0-9]{{1,2}}日|{_alt(lx.NOT_LISTED_WORDS_2)}|疫情")
LISTED_SPLIT_RE = re.compile(r"[，,、；;。]")
LIST_RESIDENCE_RE = re.compile(rf"[，,]\s*(?:均)?(?:{_alt(lx.LIST_RESIDENCE_CUES)})(?P<place>[^，,。；]{{2,12}})(?=[，,。；]|$)")
COUNTED_SITE_RE = re.compile(rf"(?:(?P<district>[\u4e00-\u9fff]{{1,4}}(?:{_alt(lx.LISTING_DISTRICT_ENDINGS)}))(?:新增)?)?(?P<n>[0-9]{{1,9}}|{_alt(lx.COUNT_NUMERALS)})(?:{_alt(lx.COUNT_UNITS)})"
                             rf"(?:[\u4e00-\u9fff]{{0,4}}?病例)?[，,]?(?:{_alt(lx.ALL_WORDS)})?(?:{_alt(lx.COUNTED_SITE_CUES)})(?P<place>[^，,。；;]{{2,30}}?)(?:{_alt(lx.COUNTED_SITE_VERBS)}|，|,|。|；|$)")

# What a counted site needs: a count before 例/人/名/病例, and 住 or 在 for where.
COUNT_RE = re.compile(r"[0-9一两二三四五六七八九十][例人名病]")


class Site(NamedTuple):
    """A listed case site: its name, district (if printed) and kind."""

    name: str
    district: str | None
    kind: str | None


def spread_listing(text: str) -> tuple[str | None, str] | None:
    """``浦东新区新增…，分别居住于：A，B``: the list's district and the text after its cue."""
    if "居住" not in text or not SPREAD_RESIDENCE_RE.search(text):
        return None
    m = LISTING_DISTRICT_RE.search(text) or ANY_DISTRICT_RE.search(text)
    return (m.group("d") if m else None), SPREAD_RESIDENCE_RE.split(text, maxsplit=1)[1]


@lru_cache(maxsize=65536)
def listing_line(item: str) -> tuple[Site, ...] | None:
    """The addresses of a line (stripped of its end marks) that can be one of a list's.

    >>> [s.name for s in listing_line("徐汇区虹梅路小区，长宁区")]
    ['虹梅路小区', '长宁区']
    >>> listing_line("新增本土确诊病例3例") is None
    True
    """
    if not item or len(item) > 40 or NOT_LISTED_RE.search(item) or find_groups(item):
        return None
    return listed_sites(item)


def listed_sites(text: str) -> tuple[Site, ...]:
    """The addresses of a listing line, ``A，B、C``."""
    sites = []
    for raw in LISTED_SPLIT_RE.split(text):
        raw = raw.strip(" ：:")
        if len(raw) < 2 or "已对" in raw or "消毒" in raw:
            continue
        place = strip_admin(raw)
        name = place.name if not place.is_admin_only else raw
        sites.append(Site(name, place.district, place_kind(name)))
    return tuple(sites)


def listed_district(text: str, pos: int) -> Place | None:
    """``，居住于浦东新区`` at ``pos``, after a label group: the district its cases live in."""
    m = LIST_RESIDENCE_RE.match(text, pos)
    if not m:
        return None
    place = strip_admin(m.group("place"))
    return place if place.is_admin_only else None


def counted_sites(text: str) -> list[tuple[Site, int]]:
    """``3例均居住于X小区``: the places where counted cases live, with the count."""
    found: list[tuple[Site, int]] = []
    if not ("在" in text or "住" in text) or not COUNT_RE.search(text):
        return found
    for m in COUNTED_SITE_RE.finditer(text):
        place = strip_admin(cut_place(m.group("place")))
        if place.is_admin_only or not looks_like_place(place.name) or facility_of(place.name):
            continue
        n = m.group("n")
        count = int(n) if n.isdigit() else lx.NUMERALS.get(n, 1)
        found.append((Site(place.name, m.group("district") or place.district, place_kind(place.name)), count))
    return found
