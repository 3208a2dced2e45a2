"""Which links mean exposure, and walks that follow only them.

Contact tracers link people by close contact, a shared home or workplace, or being at one
place at overlapping times. A quarantine hotel or designated hospital that took in strangers,
an airport on different days, a city or a country is not exposure. So by default
(``via="exposure"``) the questions walk only the relations :data:`~casegraph.schema.RELATION_MEANING`
calls exposure, and a node is never a *bridge* (walked through from one person to another)
when it is travel context, a bare district or city, a generic facility, a group of counted
contacts, or a hub tied to more than ``hub`` cases; such a node may still be reached, as an
end. ``via="all"`` walks everything, as before.
"""
from __future__ import annotations

import re
from collections import Counter, deque
from functools import lru_cache
from typing import Any, Iterator, Mapping

from casegraph.names import clean_name
from casegraph.schema import RELATION_MEANING, TRAVEL_PLACE_KINDS

__all__ = ["HUB_CASES", "VIA", "set_aside_reason", "steps", "within", "exposure_path"]

#: A node tied to more cases than this is a hub: a bridge only with ``via="all"``.
HUB_CASES = 100
#: The ways a walk may go.
VIA = ("exposure", "all")


def set_aside_reason(G: Any, node: str, hub: int = HUB_CASES) -> str | None:
    """Why ``node`` may not join two people in an exposure walk, or None if it may."""
    data = G.nodes[node]
    kind = data.get("type")
    if kind == "case":
        return None
    if kind == "contact":
        return "a group of counted contacts"
    if data.get("kind") in TRAVEL_PLACE_KINDS or data.get("admin_level") \
            or area_pattern().fullmatch(clean_name(data.get("name", ""))):
        return "travel context (a country, region, city, district, airport or port)"
    if generic_pattern().fullmatch(clean_name(data.get("name", ""))):
        return "a generic facility (定点医院, 集中隔离点, 发热门诊…)"
    if G.degree(node) > hub and _cases_at(G, node) > hub:
        return f"a hub tied to more than {hub} cases"
    return None


def _cases_at(G: Any, node: str) -> int:
    return len({u for u, _v in G.in_edges(node) if G.nodes[u].get("type") == "case"})


def steps(G: Any, node: str, via: str = "exposure") -> Iterator[tuple[str, tuple, bool]]:
    """``(other end, edge, exposure?)`` of every edge of ``node``, either direction; with
    ``via="exposure"`` only edges whose relation means exposure."""
    for edge in G.out_edges(node, keys=True, data=True):
        if via == "all" or RELATION_MEANING.get(edge[2]) == "exposure":
            yield edge[1], edge, True
    for edge in G.in_edges(node, keys=True, data=True):
        if via == "all" or RELATION_MEANING.get(edge[2]) == "exposure":
            yield edge[0], edge, False


def within(G: Any, start: str, hops: int, via: str = "exposure",
           hub: int = HUB_CASES) -> tuple[dict[str, int], Counter[str]]:
    """Every node within ``hops`` links of ``start`` and its distance, and what the walk set
    aside (reason -> nodes reached but not walked through, or links not followed)."""
    distance, todo, aside = {start: 0}, deque([start]), Counter()
    reasons: dict[str, str | None] = {}
    while todo:
        node = todo.popleft()
        if distance[node] >= hops:
            continue
        if node != start and via == "exposure":
            reason = reasons.setdefault(node, set_aside_reason(G, node, hub))
            if reason is not None:
                aside[reason] += 1
                continue
        for other, _edge, _out in steps(G, node, via):
            if other not in distance:
                distance[other] = distance[node] + 1
                todo.append(other)
    if via == "exposure":
        skipped = sum(1 for _ in steps(G, start, "all")) - sum(1 for _ in steps(G, start, via))
        if skipped:
            aside["care and control links (isolated_at, admitted_to) not followed"] += skipped
    return distance, aside


def exposure_path(G: Any, u: str, v: str, via: str = "exposure", hub: int = HUB_CASES,
                  relations: set[str] | None = None) -> list[tuple] | None:
    """The edges of a shortest path from ``u`` to ``v`` (either direction), walked as
    :func:`within` walks; None where there is none."""
    came: dict[str, tuple | None] = {u: None}
    todo = deque([u])
    reasons: dict[str, str | None] = {}
    while todo and v not in came:
        node = todo.popleft()
        if node != u and via == "exposure" and \
                reasons.setdefault(node, set_aside_reason(G, node, hub)) is not None:
            continue
        for other, edge, _out in sorted(steps(G, node, via), key=lambda s: (s[0], s[1][2])):
            if relations is not None and edge[2] not in relations:
                continue
            if other not in came:
                came[other] = (node, edge)
                todo.append(other)
    if v not in came:
        return None
    edges, node = [], v
    while came[node] is not None:
        node, edge = came[node]
        edges.insert(0, edge)
    return edges


@lru_cache(maxsize=1)
def area_pattern() -> re.Pattern[str]:
    """Countries, regions, provinces and cities by name (法国, 台北, 武汉市): too wide to join."""
    from casegraph import lexicon

    words = [*getattr(lexicon, "COUNTRIES", ()), *getattr(lexicon, "REGIONS", ()),
             *getattr(lexicon, "CITIES", ()), *getattr(lexicon, "PROVINCES", ())]
    words = sorted(set(words), key=lambda w: (-len(w), w))
    if not words:
        return re.compile("(?!)")
    return re.compile("(?:" + "|".join(map(re.escape, words)) + ")(?:省|市|地区|特别行政区)?")


@lru_cache(maxsize=1)
def generic_pattern() -> re.Pattern[str]:
    """Generic facilities and unnamed places (定点医院, 集中隔离点, 核酸采样点…)."""
    from casegraph import lexicon

    words = set(getattr(lexicon, "UNNAMED_GENERIC", ()))
    for name, aliases in getattr(lexicon, "GENERIC_FACILITIES", {}).items():
        words.update((name, *aliases))
    words = sorted(words, key=lambda w: (-len(w), w))
    return re.compile("(?:" + "|".join(map(re.escape, words)) + ")+" if words else "(?!)")


def joins_cases(data: Mapping[str, Any]) -> bool:
    """Whether a place may join the cases tied to it into a cluster (see the module)."""
    name = clean_name(data.get("name", ""))
    return not data.get("admin_level") and data.get("kind") not in TRAVEL_PLACE_KINDS \
        and not generic_pattern().fullmatch(name) and not area_pattern().fullmatch(name)
