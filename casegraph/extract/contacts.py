"""Who a case met: ``作为X的密切接触者``, ``（病例89女儿）``, ``密切接触者12人``."""
from __future__ import annotations

import re
from dataclasses import dataclass

from casegraph import lexicon as lx
from casegraph.extract.labels import find_groups

_alt = lx.alternation

CONTACT_OF_RE = re.compile(rf"(?:{_alt(lx.CONTACT_OF_COPULAS)})(?P<ref>[^，,。；]{{0,40}}?)的(?:{_alt(lx.CONTACT_OF_NOUNS)}|"
                           rf"{_alt(lx.CONTACT_OF_HOUSEHOLD_WORDS)}|(?:" + _alt(lx.FAMILY_WORDS) + r"))")
CONTACT_OF_NO_DE_RE = re.compile(rf"(?:{_alt(lx.CONTACT_OF_COPULAS)})(?P<ref>[^，,。；的]{{1,40}}?)(?:{_alt(lx.CONTACT_OF_NO_DE_NOUNS)})")
BARE_CONTACT_OF_RE = re.compile(rf"(?P<ref>[^，,。；]{{1,30}}?)的(?:{_alt(lx.CONTACT_OF_NO_DE_NOUNS)})$")
# ``病例188（病例12的密切接触者）25岁女性患者``: a bracket after the label says whose contact.
BRACKET_CONTACT_OF_RE = re.compile(rf"[（(](?:{_alt(lx.COPULAS)})?(?P<ref>[^，,。；（()）]{{1,30}}?)的(?:{_alt(lx.CONTACT_OF_NO_DE_NOUNS)})[）)]")
CONTACT_COUNT_RE = re.compile(rf"(?:{_alt(lx.CONTACT_PHRASES)})(?:人员)?(?:{_alt(lx.CONTACT_COUNT_VERBS)})?(?:{_alt(lx.CONTACT_COUNT_TOTALS)})?(?P<n1>[0-9]{{1,9}})(?:{_alt(lx.CONTACT_COUNT_UNITS)})"
                              rf"|(?<![0-9例者号])(?P<n2>[0-9]{{1,9}})(?:{_alt(lx.CONTACT_COUNT_UNITS)})?(?:{_alt(lx.CONTACT_OF_NO_DE_NOUNS)})")
# ``共追踪到病例1密切接触者13人``: a label's own contacts counted, no tally of the city's.
OWNED_COUNT_RE = re.compile(rf"(?:[0-9]|某)的?(?:{_alt(lx.CONTACT_OF_NO_DE_NOUNS)})")
# ``其妻子、儿子``, ``其家人``: the subject's relatives opening a clause.
_RELATIVES = rf"其(?:{_alt(lx.FAMILY_WORDS)})(?:[、和及与](?:{_alt(lx.FAMILY_WORDS)}))*"
RELATIVES_CLAUSE_RE = re.compile(rf"^{_RELATIVES}")
CONTACT_PLAIN_RE = re.compile(rf"(?:{_alt(lx.CONTACT_PLAIN_SUBJECTS)}|(?<![\u4e00-\u9fff])患者)的?(?:{_alt(lx.CONTACT_OF_NO_DE_NOUNS)})"
                              # ``对已追踪到的密接者…均已隔离管控``: the subject's contacts traced
                              rf"|(?:{_alt(lx.CONTACT_TRACED_VERBS)})的(?:相关)?(?:{_alt(lx.CONTACT_OF_NO_DE_NOUNS)})"
                              # ``其妻子、儿子均为密切接触者``: the subject's relatives, named its contacts
                              rf"|^{_RELATIVES}[^，,。；]{{0,6}}?(?:{_alt(lx.COPULAS)})(?:其)?(?:{_alt(lx.CONTACT_OF_NO_DE_NOUNS)})")
# ``目前追踪到密切接触者224人，已解除医学观察37人``: a tally of the city's contacts, no one's own.
TALLY_LEAD_RE = re.compile(rf"(?:{_alt(lx.TALLY_LEADS)})")
# What follows a label named in passing when its case met the subject.
RELATIVE_AFTER_RE = re.compile(rf"^的?(?P<word>{_alt(lx.FAMILY_WORDS + lx.SOCIAL_WORDS)})")
CONTACT_WITH_RE = re.compile(rf"^(?:{_alt(lx.CONTACT_WITH_VERBS)})?(?:过)?(?:密切)?接触")
# Clauses without these name no partner the way _partners reads them.
PARTNER_GATE_RE = re.compile(rf"{_alt(lx.PARTNER_GATE_WORDS)}|第[0-9一二三四五六七八九十]{{1,9}}例")
KIND_WORDS = ((lx.HOUSEHOLD_WORDS, "household"), (lx.FAMILY_WORDS, "family"),
              (lx.COLLEAGUE_WORDS, "colleague"), (lx.BUILDING_WORDS, "same_building"))


@dataclass(frozen=True)
class Contacts:
    """What one clause says about a case's contacts.

    ``sources``: the cases it was a close contact of (``作为感染者1的密切接触者``; ``None``
    when the clause says no such thing), with the ``kind`` of contact; ``partners``: labelled
    cases named in passing that it met, as ``(name, kind)``, read only when there are no
    ``sources``; ``count``: its counted contacts; ``plain``: ``其密切接触者`` without a count.
    """

    sources: tuple[str, ...] | None = None
    kind: str = "other"
    partners: tuple[tuple[str, str], ...] = ()
    count: int | None = None
    plain: bool = False


def read_contacts(clause: str) -> Contacts | None:
    """The contacts a clause speaks of, ``None`` if none.

    >>> read_contacts("作为感染者148的密切接触者").sources
    ('感染者148',)
    >>> read_contacts("（病例89女儿）").partners
    (('病例89', 'family'),)
    """
    sources, kind, partners = None, "other", ()
    if (m := CONTACT_OF_RE.search(clause) or _bare_contact_of(clause)):
        sources = tuple(name for group in _people(m.group("ref")) for name in group.names)
        kind = contact_kind(clause)
    else:
        partners = _partners(clause)
    count = None
    if (m := CONTACT_COUNT_RE.search(clause)) and not (TALLY_LEAD_RE.match(clause) and "其" not in clause
                                                        and "该" not in clause and not OWNED_COUNT_RE.search(clause)):
        count = int(m.group("n1") or m.group("n2"))
    plain = CONTACT_PLAIN_RE.search(clause) is not None
    if sources is None and not partners and count is None and not plain:
        return None
    return Contacts(sources, kind, partners, count, plain)


def _people(text: str) -> list:
    """The label groups of ``text``, a name printed right after a label (``病例1陈XX``) being
    that label's person, not another."""
    groups = find_groups(text)
    return [g for i, g in enumerate(groups)
            if not (i and g.is_name and not groups[i - 1].is_name and g.start == groups[i - 1].end)]


def _bare_contact_of(clause: str) -> re.Match | None:
    """``易某莲，女，39岁，廖某轩的密切接触者``: a clause that is only a label's close contacts;
    ``系确诊患者张某某、汤某某密切接触者``: labels before 密切接触者 without 的."""
    m = BARE_CONTACT_OF_RE.match(clause) or CONTACT_OF_NO_DE_RE.search(clause) or BRACKET_CONTACT_OF_RE.search(clause)
    return m if m and find_groups(m.group("ref")) else None


def _partners(clause: str) -> tuple[tuple[str, str], ...]:
    """``（病例89女儿）``, ``与1月29日确诊患者8有接触史``: labelled cases the subject met."""
    if not PARTNER_GATE_RE.search(clause):
        return ()
    found = []
    groups = _people(clause)
    met_next = False  # the group after this one, joined by 和/、, met the subject
    for i in range(len(groups) - 1, -1, -1):
        group = groups[i]
        after = clause[group.end:]
        relative = RELATIVE_AFTER_RE.match(after)
        joined = i + 1 < len(groups) and clause[group.end:groups[i + 1].start] in ("和", "、", "及", "与")
        met = (CONTACT_WITH_RE.match(after) or joined and met_next) \
            and clause[:group.start].endswith(("与", "和", "同", "、", "及"))
        met_next = bool(met)
        if not (relative or met):
            continue
        kind = "family" if relative and relative.group("word") in lx.FAMILY_WORDS else "other"
        found[:0] = [(name, kind) for name in group.names]
    return tuple(found)


def contact_kind(clause: str) -> str:
    """``household``, ``family``, ``colleague``, ``same_building`` or ``other``, by the words used."""
    for words, kind in KIND_WORDS:
        if any(w in clause for w in words):
            return kind
    return "other"


def contact_date_kind(clause: str) -> str:
    """What the date of a close-contact clause is the date of: the contact's quarantine
    (``4月4日作为感染者96的密切接触者进行集中隔离``), the exposure (``4月2日与病例1共同聚餐``)
    or, failing either, the day the contact was found."""
    if any(word in clause for word in lx.CONTACT_QUARANTINE_CUES):
        return "quarantine"
    if any(word in clause for word in lx.EXPOSURE_CUES):
        return "exposure"
    return "identified"


# ``其与天津市第32例确诊病例为亲戚关系``: a relation the subject has with a labelled case.
RELATION_WITH_RE = re.compile(rf"与(?P<ref>[^，,。；]{{1,30}}?)(?:{_alt(lx.COPULAS)})(?P<rel>{_alt(lx.RELATION_KIN_WORDS + lx.RELATION_OTHER_WORDS)})关系")


def related_cases(sentence: str) -> list[tuple[str, str]]:
    """The labelled cases a sentence says the subject is related to, where it also calls the
    subject a close contact (``其与第32例确诊病例为亲戚关系，系密切接触者``): ``(label, kind)``."""
    if "密切接触" not in sentence or "关系" not in sentence:
        return []
    found = []
    for m in RELATION_WITH_RE.finditer(sentence):
        kind = "family" if m.group("rel") in lx.RELATION_KIN_WORDS else contact_kind(m.group("rel"))
        found += [(name, kind) for group in find_groups(m.group("ref")) for name in group.names]
    return found
