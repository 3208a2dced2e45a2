"""Cluster sites (``X、Y等聚集性疫情``, ``X相关病例``) and the cases counted at them."""
from __future__ import annotations

import re
from dataclasses import dataclass

from casegraph import lexicon as lx
from casegraph.extract.places import looks_like_place, place_kind, strip_admin

_alt = lx.alternation

CLUSTER_RE = re.compile(rf"(?P<place>[\u4e00-\u9fff0-9A-Za-z]{{2,20}}?)(?:相关)?(?:{_alt(lx.CLUSTER_NOUNS)})")
LINKED_RE = re.compile(rf"(?P<place>[\u4e00-\u9fff0-9A-Za-z]{{2,20}}?)(?:{_alt(lx.LINKED_WORDS)})"
                       rf"(?!{_alt(lx.NOT_LINKED_FOLLOWERS)})(?:{_alt(lx.LINKED_NOUNS)})?")
SOURCE_SITE_RE = re.compile(rf"(?P<place>[\u4e00-\u9fff0-9A-Za-z]{{2,20}}?)(?:{_alt(lx.OUTBREAK_SOURCE_LINKS)})"
                            rf"(?:{_alt(lx.OUTBREAK_WORDS)})的?(?:{_alt(lx.OUTBREAK_SOURCE_NOUNS)})")
CLUSTER_COUNT_RE = re.compile(rf"(?:{_alt(lx.CLUSTER_COUNT_VERBS)})(?:{_alt(lx.CLUSTER_COUNT_NOUNS)})?(?P<n>[0-9]{{1,9}})(?:{_alt(lx.CLUSTER_COUNT_UNITS)})")
SITE_COUNT_RE = re.compile(rf"(?P<place>[\u4e00-\u9fff0-9]{{2,15}}?)(?:{_alt(lx.SITE_COUNT_VERBS)})(?:{_alt(lx.CLUSTER_COUNT_NOUNS)})?"
                           rf"(?P<n>[0-9]{{1,9}})(?:{_alt(lx.CLUSTER_COUNT_UNITS)})")
# Text with none of these words and no ``N例`` holds no cluster, site count or case count;
# each pattern needs its own words (聚集; 相关 or 关联; 检出), looked for before it is run.
GATE_WORDS_RE = re.compile(rf"{_alt(lx.CLUSTER_GATE_WORDS)}")
CASE_COUNT_RE = re.compile(r"[0-9]例")
CLAUSE_MARKS = "。；;：:"
LIST_SPLIT_RE = re.compile(r"[、，,及和]")
CLUSTER_LEAD_RE = re.compile(rf"^.*(?:{_alt(lx.CLUSTER_LEAD_WORDS)})")
NOT_CLUSTER_RE = re.compile(rf"{_alt(lx.NOT_CLUSTER_WORDS)}")


@dataclass(frozen=True)
class ClusterSite:
    """A place a cluster is named after."""

    name: str
    district: str | None
    kind: str | None


@dataclass(frozen=True)
class Clusters:
    """The cluster sites a stretch of text names and the case counts it gives per site."""

    sites: tuple[ClusterSite, ...]
    site_counts: tuple[tuple[str, int], ...]


def read_clusters(text: str) -> Clusters | None:
    """Cluster sites and site counts in ``text``; ``None`` when it can hold neither.

    >>> read_clusters("均为万达广场相关病例").sites[0].name
    '万达广场'
    """
    if not GATE_WORDS_RE.search(text) and not CASE_COUNT_RE.search(text):
        return None
    sites: list[ClusterSite] = []
    for regex, present in ((CLUSTER_RE, "聚集" in text), (LINKED_RE, "相关" in text or "关联" in text),
                           (SOURCE_SITE_RE, "疫情" in text)):
        for m in regex.finditer(text) if present else ():
            start = m.start("place")
            lead = text[max(text.rfind(mark, 0, start) for mark in CLAUSE_MARKS) + 1:start]
            items = LIST_SPLIT_RE.split(lead + m.group("place"))
            if regex is not CLUSTER_RE:
                items = items[-1:]
            for raw in items:
                name = _clean_cluster_name(raw.removesuffix("等"))
                if name:
                    sites.append(ClusterSite(name, strip_admin(raw.removesuffix("等")).district, place_kind(name)))
    counts = tuple((strip_admin(m.group("place")).name, int(m.group("n"))) for m in SITE_COUNT_RE.finditer(text)) \
        if "检出" in text else ()
    return Clusters(tuple(sites), counts)


def count_after(text: str, name: str) -> int | None:
    """The case count printed right after the first ``name`` in ``text`` (``X累计报告12例``)."""
    tail = text[text.index(name) + len(name):]
    count = CLUSTER_COUNT_RE.match(tail) or CLUSTER_COUNT_RE.search(tail[:12])
    return int(count.group("n")) if count else None


def _clean_cluster_name(raw: str) -> str | None:
    name = strip_admin(CLUSTER_LEAD_RE.sub("", raw, count=1)).name
    if len(name) < 2 or not looks_like_place(name) or NOT_CLUSTER_RE.search(name):
        return None
    return name
