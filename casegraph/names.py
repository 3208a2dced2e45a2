"""How nodes are named and matched: a name cleaned for comparison, the names a node answers
to, and how well a name matches a search text (shared by the questions and the index)."""
from __future__ import annotations

import difflib
import unicodedata
from typing import Any, Mapping

__all__ = ["clean_name", "node_names", "score_name", "fuzzy_lengths", "FIND_CUT"]


def clean_name(text: str) -> str:
    """``text`` as names are compared: NFKC-normalized, without white space."""
    return "".join(unicodedata.normalize("NFKC", str(text)).split())


def node_names(data: Mapping[str, Any]) -> list[str]:
    """The names a node answers to (name, full name, aliases), cleaned."""
    names = [data.get("name"), data.get("full_name"), *(data.get("aliases") or ())]
    return [clean_name(n) for n in names if n]


def fuzzy_lengths(length: int) -> tuple[int, int]:
    """The shortest and longest name ``find`` scores as near (not holding) a text."""
    spread = max(length, 4)
    return max(0, length - spread), length + spread


#: The lowest score ``find`` reports.
FIND_CUT = 0.5


def score_name(target: str, name: str) -> float:
    """How well ``name`` matches the search text ``target`` (both cleaned): 1 equal, 0.9
    prefix, 0.8 substring, else 0.79 times difflib's ratio."""
    if not target:
        return 0.0
    if name == target:
        return 1.0
    if name.startswith(target):
        return 0.9
    if target in name:
        return 0.8
    shortest, longest = fuzzy_lengths(len(target))
    if not shortest <= len(name) <= longest:
        return 0.0
    matcher = difflib.SequenceMatcher(None, target, name)
    if 0.79 * matcher.quick_ratio() < FIND_CUT:  # an upper bound of ratio(): below the cut
        return 0.0
    return 0.79 * matcher.ratio()

