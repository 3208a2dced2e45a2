"""A learned place tagger beside the rules: a character CRF that marks place spans with
the role they play for the case the sentence speaks of.

Rules read the forms of language someone wrote them for; the tagger, trained on labelled
reports (``bench/train_tagger.py``), proposes places in forms no rule knows. Each character
gets a BIO tag of one role: ``residence``, ``work``, ``visit``, ``care`` (admitted) or
``quarantine``. Features are the character and its neighbours, character bigrams, its
class, whether a place ending of the lexicon ends at or after it, and the cue words before
and after it (``住在``, ``前往``, ``就诊``, ``隔离``), so tagging a sentence costs one pass over
it. ``python-crfsuite`` runs the model; the model file ships in ``casegraph/models/``
(``CASEGRAPH_TAGGER_MODEL`` points at another one).
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from casegraph import lexicon as lx

ROLES = ("residence", "work", "visit", "care", "quarantine")
RELATION_OF_ROLE = {"residence": "resides_at", "work": "works_at", "visit": "visited",
                    "care": "admitted_to", "quarantine": "isolated_at"}
ROLE_OF_RELATION = {relation: role for role, relation in RELATION_OF_ROLE.items()}
MODEL_ENV = "CASEGRAPH_TAGGER_MODEL"
MODEL_NAME = "places.crfsuite"

def trie_pattern(words) -> str:
    """A regex alternation of ``words`` shaped as a trie (``a(?:b|c)``), longest match first:
    the engine tries one branch per character instead of every word at every position.

    >>> re.findall(trie_pattern(["小区", "小学", "区"]), "东园小区旁小学区")
    ['小区', '小学', '区']
    """
    trie: dict = {}
    for word in set(words):
        if word:
            node = trie
            for ch in word:
                node = node.setdefault(ch, {})
            node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict) -> str:
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a word may end here: the longer words first, then nothing
        return "(?:" + body + ")?"
    return body


# Words that tell a place's role when printed before or after it.
CUE_WORDS = tuple(sorted(set(
    lx.RESIDENCE_CUES + lx.WORK_CUES + lx.WORKER_WORDS + lx.VISIT_CUES + lx.ADMIT_CUES
    + lx.CLINIC_VISIT_CUES + lx.CARE_SUFFIXES + lx.PLACE_STOPWORDS
    + lx.TAGGER_ROLE_CUES)))
CUE_RE = re.compile(trie_pattern(CUE_WORDS))
SUFFIX_RE = re.compile(trie_pattern(lx.PLACE_SUFFIXES + tuple(s for s, _ in lx.FACILITY_SUFFIXES)
                                    + tuple(lx.GENERIC_FACILITIES)))
# A sentence worth tagging names a place ending or a known area (one-character endings
# such as 居, 里, 区, 院 stand in too many other words to count).
GATE_ENDINGS = tuple(s for s in lx.PLACE_SUFFIXES if len(s) >= 2) + lx.GATE_SHORT_ENDINGS
GATE_RE = re.compile(trie_pattern(GATE_ENDINGS + tuple(s for s, _ in lx.FACILITY_SUFFIXES)
                                  + tuple(lx.GENERIC_FACILITIES) + lx.CITIES + lx.PROVINCES
                                  + lx.COUNTRIES + lx.REGIONS))
DIGIT_RE = re.compile(r"[0-9]")
CUE_WINDOW = 12  # how far back (and ahead) a cue word still counts
_PUNCT = set("，,。；;：:、！？!?（）()【】[]“”\"'《》<>—-~～ \u3000")


class TaggedPlace(NamedTuple):
    """A place span the tagger found: ``text[start:end]`` plays ``role``; ``confidence`` is
    the model's mean marginal probability of the span's tags."""

    start: int
    end: int
    role: str
    confidence: float = 1.0


@lru_cache(maxsize=8192)
def _char_class(ch: str) -> str:
    if ch.isdigit():
        return "t=D"
    if ch.isascii() and ch.isalpha():
        return "t=A"
    if ch in _PUNCT:
        return "t=P"
    return "t=C"


_BUCKETS = [str(d) if d <= 3 else "4-6" if d <= 6 else "7+" for d in range(CUE_WINDOW + 64)]
# The distance features, made once: a sentence's features are strings built per character.
_BEFORE_DISTANCE = ["cbd=" + bucket for bucket in _BUCKETS]
_AFTER_DISTANCE = ["cad=" + bucket for bucket in _BUCKETS]
_SUFFIX_DISTANCE = ["sfx_d=" + bucket for bucket in _BUCKETS]


def _cue_features(text: str) -> list[list[str]]:
    """For each position: the cue word ending last before it (within CUE_WINDOW) and the one
    starting first after it, each with its distance."""
    n = len(text)
    found: list[list[str]] = [[] for _ in range(n)]
    ends_at: dict[int, str] = {}
    starts_at: dict[int, str] = {}
    for m in CUE_RE.finditer(text):
        ends_at[m.end()] = m.group()
        starts_at.setdefault(m.start(), m.group())
    for end, word in ends_at.items():
        cue = "cb=" + word
        for i in range(end, min(n, end + CUE_WINDOW + 1)):
            if i > end and i in ends_at:
                break
            found[i] += (cue, _BEFORE_DISTANCE[i - end])
    for start, word in starts_at.items():
        cue = "ca=" + word
        for i in range(start - 1, max(-1, start - CUE_WINDOW - 1), -1):
            if i < start - 1 and i + 1 in starts_at:
                break
            found[i] += (cue, _AFTER_DISTANCE[start - i])
    return found


def _suffix_features(text: str) -> list[list[str]]:
    """For each position: whether a place ending ends there, and how far the next one is."""
    n = len(text)
    found: list[list[str]] = [[] for _ in range(n)]
    last = -1
    for m in SUFFIX_RE.finditer(text):
        end = m.end() - 1
        found[end].append("sfx_end")
        for i in range(max(last + 1, end - 40), end + 1):
            found[i].append(_SUFFIX_DISTANCE[end - i])
        last = end
    return found


def features(text: str) -> list[list[str]]:
    """The feature strings of each character of ``text`` (a sentence).

    >>> feats = features("现住东园小区")
    >>> "c=东" in feats[2] and "cb=现住" in feats[2] and "sfx_end" in feats[5]
    True
    """
    text = DIGIT_RE.sub("0", text)  # digits tell by their class, not their value
    padded = "^^" + text + "$$"
    n = len(text)
    chars = padded[2:n + 2]
    return [["b", "c=" + c, "c-1=" + p1, "c+1=" + n1, "c-2=" + p2, "c+2=" + n2,
             "b-1=" + p1 + c, "b+1=" + c + n1, _char_class(c), *cues, *sfx]
            for c, p1, n1, p2, n2, cues, sfx in zip(chars, padded[1:], padded[3:], padded, padded[4:],
                                                    _cue_features(text), _suffix_features(text))]


def spans_of(tags: list[str]) -> list[TaggedPlace]:
    """BIO tags -> spans (an ``I-`` without its ``B-`` opens a span too).

    >>> [tuple(p[:3]) for p in spans_of(["O", "B-visit", "I-visit", "O", "I-care", "I-care"])]
    [(1, 3, 'visit'), (4, 6, 'care')]
    """
    found: list[TaggedPlace] = []
    start, role = -1, None
    for i, tag in enumerate([*tags, "O"]):
        kind, _, this = tag.partition("-")
        if role is not None and (kind != "I" or this != role):
            found.append(TaggedPlace(start, i, role))
            role = None
        if kind == "B" or (kind == "I" and role is None):
            start, role = i, this
    return found


def default_model_path() -> str | None:
    """The model file to use: ``$CASEGRAPH_TAGGER_MODEL``, else the one shipped, if any."""
    return os.environ.get(MODEL_ENV) or _shipped_model()


@lru_cache(maxsize=1)
def _shipped_model() -> str | None:
    shipped = resources.files("casegraph") / "models" / MODEL_NAME
    return str(shipped) if shipped.is_file() else None


_MODELS: dict = {}  # model file -> its opened pycrfsuite.Tagger (a model, not a cache of text)


def _tagger(path: str):
    if path not in _MODELS:
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(path)
        _MODELS[path] = tagger
    return _MODELS[path]


@lru_cache(maxsize=4)
def _place_tagger(path: str) -> PlaceTagger:
    """One tagger per model file, its cache of tagged sentences shared by the documents."""
    return PlaceTagger(path)


class PlaceTagger:
    """Tags place spans in sentences with a trained model."""

    def __init__(self, model_path: str):
        self.tagger = _tagger(model_path)
        self._cache: dict[str, list[TaggedPlace]] = {}

    def tag(self, text: str) -> list[TaggedPlace]:
        """The place spans of one sentence (sentences that differ in their digits alone,
        as the lines of a list do, are tagged once)."""
        if not text or not GATE_RE.search(text):
            return []
        return self._tag_shape(DIGIT_RE.sub("0", text))

    def _tag_shape(self, text: str) -> list[TaggedPlace]:
        found = self._cache.get(text)
        if found is None:
            if len(self._cache) >= 4096:
                self._cache.clear()
            tags = self.tagger.tag(features(text))
            found = self._cache[text] = [place._replace(confidence=self._confidence(tags, place))
                                         for place in spans_of(tags)]
        return found

    def _confidence(self, tags: list[str], place: TaggedPlace) -> float:
        """The mean marginal probability of a span's tags (right after :meth:`tag`)."""
        marginal = self.tagger.marginal
        return sum(marginal(tags[i], i) for i in range(place.start, place.end)) / (place.end - place.start)


def load_tagger(model_path: str | None = None) -> PlaceTagger | None:
    """The tagger of ``model_path`` (default :func:`default_model_path`), ``None`` without a
    model or without ``python-crfsuite``."""
    path = model_path or default_model_path()
    if not path:
        return None
    try:
        return _place_tagger(path)
    except (ImportError, OSError, ValueError):
        return None
