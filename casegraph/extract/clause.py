"""One clause read on its own: its contacts, attributes and place facts.

A clause's reading depends on its text alone, so it is made once for each text and cached
(``男``, ``居住于浦东新区`` recur thousands of times in a bulletin's lists).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from casegraph import lexicon as lx
from casegraph.extract.attributes import Attributes, read_attributes
from casegraph.extract.care import read_care, read_isolation
from casegraph.extract.contacts import Contacts, read_contacts
from casegraph.extract.facts import Link, PlaceFact
from casegraph.extract.residence import read_home_or_work
from casegraph.extract.travel import read_travel

__all__ = ["Reading", "read_clause", "read_places"]

# A clause with none of these can hold no place fact.
CUE_GATE_RE = re.compile(rf"{lx.alternation(lx.PLACE_FACT_CUES)}|"
                         rf"{lx.alternation(lx.PLACE_FACT_CUES_2)}|人$|"
                         rf"{lx.alternation(lx.ACTIVITY_VERBS)}"  # ``12:30 老街火锅就餐``
                         r"|^[A-Z]{1,2}[0-9]{2,5}[）)]$")  # ``D2281)``: a ride's code, its bracket cut

class Reading(NamedTuple):
    """What the rules read in one clause: its text alone decides it."""

    contacts: Contacts | None
    attributes: Attributes | None
    places: tuple[PlaceFact, ...]


@lru_cache(maxsize=65536)
def read_clause(clause: str) -> Reading:
    """The reading of a clause, made once for each text (``男``, ``居住于浦东新区`` recur
    thousands of times in a bulletin's lists)."""
    return Reading(read_contacts(clause), read_attributes(clause), read_places(clause))


def read_places(clause: str) -> tuple[PlaceFact, ...]:
    """Where a clause's case lives or works, else where it is isolated, treated or has been."""
    if not CUE_GATE_RE.search(clause):
        return ()
    home_or_work = read_home_or_work(clause)
    if home_or_work:  # (``系从X返回的学生`` names no workplace: its route is read below)
        return tuple(home_or_work)
    care = read_isolation(clause) + read_care(clause)
    return tuple(care + _not_told_by_care(read_travel(clause), care))


def _not_told_by_care(visits: list[Link], care: list[Link]) -> list[Link]:
    """The travel reader's visits but those to a facility the care reader named already
    (``到市第一人民医院就诊``: 第一人民医院, not a second node 市第一人民医院)."""
    named = [f.key or f.name for f in care if f.node_type == "facility"]
    if not named:
        return visits
    return [v for v in visits
            if not (v.node_type == "facility" and any(v.name.endswith(name) for name in named))]
