"""Read one bulletin sentence by sentence and write its facts onto the graph.

The reader keeps a *subject* (the case or cases the text is talking about): a case label
that heads a passage (``感染者128：``, ``病例3，男，``) makes it current; pronouns (``该病例``,
``其``) need nothing, they simply leave it in place. Every clause is then read by the rules
of the modules beside this one (attributes, contacts, residence, care, travel, clusters,
case sites), whose readings depend on the clause's text alone and are cached; their facts
hang on the subject, dated by the last date printed before the clause's end in the same
sentence.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from casegraph import lexicon as lx
from casegraph.extract import subjects as sj
from casegraph.extract.attributes import Attributes
from casegraph.extract.builder import GraphBuilder, Span
from casegraph.extract.care import read_isolation
from casegraph.extract.case_sites import (
    Site,
    counted_sites,
    listed_district,
    listed_sites,
    listing_line,
    spread_listing,
)
from casegraph.extract.clusters import count_after, read_clusters
from casegraph.extract.contacts import RELATIVES_CLAUSE_RE, Contacts, contact_date_kind, related_cases
from casegraph.extract.clause import read_clause
from casegraph.extract.counts import CountedStatements
from casegraph.extract.dates import DateMention, DateResolver
from casegraph.extract.facts import Link, PlaceFact, SubjectAttr
from casegraph.extract.labels import LabelGroup, find_groups
from casegraph.extract.learned import Stretch
from casegraph.extract.places import strip_admin
from casegraph.extract.sentences import Sentence, clauses, split_sentences
from casegraph.extract.travel import list_visits, listed_places, place_list, starts_dated
from casegraph.schema import node_id

if TYPE_CHECKING:  # networkx loads only where a graph is made
    import networkx as nx

_alt = lx.alternation

# What may stand between a heading label and its first fact (``病例3，为…``).
AFTER_HEADING_RE = re.compile(rf"^(?:均)?(?:{_alt(lx.COPULAS)})?")
DAY_LINE_RE = re.compile(r"(?:[0-9]{4}年)?[0-9]{1,2}月[0-9]{1,2}日(?:[（(][^）)]{0,8}[）)])?[：:，,。]?")
SEX_CHAR_RE = re.compile(rf"{_alt(lx.SEX_CHARS)}")
# A line that is only a day (``3月28日``, ``4月29日：…``): it dates the undated lines under it.
DAY_HEADER_RE = re.compile(r"^(?:[0-9]{4}年)?[0-9]{1,2}月[0-9]{1,2}日(?:[（(][^）)]{0,6}[）)])?(?:[：:，,]|$)")
# ``具体轨迹如下：``: the trajectory of the case just told, where the text has told only one.
TRAJECTORY_HEADER_RE = re.compile(rf"(?:{_alt(lx.TRAJECTORY_HEADER_WORDS)})(?:如下|[：:]\s*$)")
STATUS_LABEL_WORDS = lx.STATUS_LABEL_WORDS


def _outside_labels(mentions: list[DateMention], groups: list[LabelGroup]) -> list[DateMention]:
    """The dates of a sentence that date its facts: the day in a reference to an earlier
    bulletin's case (``系12月25日发布的本土确诊病例126的密切接触者``) is part of that case's
    name, not the day of the contact."""
    dated = [(g.start, g.end) for g in groups if g.dated]
    if not dated:
        return mentions
    return [m for m in mentions if not any(start <= m.start < end for start, end in dated)]


class BulletinReader(CountedStatements):
    """Reads one bulletin into a graph (see the module docstring)."""

    def __init__(self, doc: str, text: str, city: str | None, doc_date: date | None,
                 date_source: str, original_span: Callable[[int, int], Span] | None = None):
        self.text = text
        self.original_span = original_span  # a span of ``text`` in the text before normalising
        self.builder = GraphBuilder(doc, city=city,
                                    date=doc_date.isoformat() if doc_date else None,
                                    date_source=date_source)
        self.dates = DateResolver(doc_date)
        self.subjects: list[str] = []
        self.cases: list[str] = []
        self._case_set: set[str] = set()  # self.cases, for membership tests
        self.section: list[str] = []  # cases since the last group statement (以上…)
        self.paragraph_cases: dict[str, None] = {}  # the cases headings of this paragraph named
        self.last_group: list[str] = []  # the cases the last group statement spoke of
        self.listing_district: str | None = None
        self.reset_after = False
        self.last_subjects: list[str] = []  # the subjects before a paragraph started anew
        self.heading_line = False  # the last sentence was a label and nothing more
        self.sentence_lead = 0
        self.day_line: str | None = None  # the date of the last line that was only a date
        self.paragraph_date: str | None = None  # the last date printed in this paragraph
        self.undated: str | None = None
        self.facts_from = 0
        self.announced: str | None = None  # the case announced by 新增…1例, told of by no label yet
        self.announced_kept = False  # whether the bulletin went on to tell of it
        self.described = False  # the announced case is one told by description (患者女，75岁)
        # ``新增5例确诊病例，现已转入定点医疗机构``: the status and admission of the cases told next
        self.count_facts: tuple[str | None, tuple[PlaceFact, ...]] = (None, ())
        self.counted_facts_given: set[str] = set()  # the cases given count facts already
        self.count_date: str | None = None  # the day the last count of new cases reports
        self.count_districts: dict[str, str] = {}  # a case's district from its count, if it tells none
        self.sentence_dates: list[DateMention] = []
        self.site_counts: dict[str, int] = {}
        self.cluster_nodes: set[str] = set()
        self.announced_count = 0  # cases the last report of today's cases counted (新增9例)
        self.announced_at = 0  # how many cases had been told then
        # care told of counted cases: links, span, date, cases told before, count, the word
        # the labels of a part of them carry
        self.reported_care: list[tuple[tuple[Link, ...], Span, str | None, int, int, str | None]] = []
        self.in_place_list = False  # the clauses go on a list of places (活动轨迹涉及场所：)
        self.list_by_header = False  # a header line opened it: it goes on over paragraphs
        # ``住址同病例7``: (cases, relation, the label of the case whose place it is, span)
        self.same_places: list[tuple[tuple[str, ...], str, str, Span]] = []
        self.place_list_date: str | None = None  # the last date the list printed
        self.day_header: str | None = None  # the day a header line printed (3月28日)
        self.stretches: list[Stretch] = []  # who each stretch of a sentence speaks of (for the tagger)

    # --- the walk ----------------------------------------------------------------------------
    def read(self) -> nx.MultiDiGraph:
        self.walk()
        return self.builder.graph()

    def walk(self) -> None:
        """Read every sentence onto the builder (:meth:`read` without making the graph)."""
        for sentence in split_sentences(self.text):
            self._sentence(sentence)
        self._care_for_reported()
        self._copy_same_places()
        self._drop_untold_announced()
        for nid, district in self.count_districts.items():
            self.builder.set(nid, "district", district)

    def _sentence(self, sentence: Sentence) -> None:
        span = (sentence.start, sentence.end) if self.original_span is None \
            else self.original_span(sentence.start, sentence.end)
        if self._listing_item(sentence, span):
            return
        text = sentence.text
        self.sentence_lead = sj.BULLET_RE.match(text).end()  # where the sentence's words start
        if self._starts_paragraph(sentence):
            self.paragraph_cases = {}
            # a list of places ends with its paragraph, unless a header line opened it
            # (``行程轨迹公布如下：`` and a place or a day a line below)
            self.in_place_list = self.in_place_list and self.list_by_header and starts_dated(text)
            self.paragraph_date = None
        groups = find_groups(text)
        mentions = self.sentence_dates = self._dated(text, _outside_labels(self.dates.find(text), groups))
        self.facts_from = 0  # where the facts of the sentence's subject start
        if mentions and mentions[0].start >= 0 and DAY_LINE_RE.fullmatch(text):
            self.day_line = mentions[0].iso  # ``3月28日`` on a line of its own dates the lines below
        self.undated = self.paragraph_date or self.day_line  # the date of a sentence that prints none
        if mentions:
            self.paragraph_date = mentions[-1].iso
        consumed = self._list_residences(text, groups, span)
        headings = [g for i, g in enumerate(groups) if g not in consumed
                    and (sj.is_heading(text, g) or sj.names_next(text, groups, i))
                    and not sj.in_name_list(text, groups, i)]
        headings = self._merge_name_headings(text, groups, headings, span)
        if not groups:
            headings = sj.enumerated_cases(text)
        scope = None if headings else self._count_scope(text, groups, mentions, span)
        if scope == "blanket":
            return
        if headings:
            self.day_header = None
        else:
            self._continue_subject(sentence, groups, span)
            if (owner := sj.contacts_owner(text, groups)) is not None:  # 追踪到病例1的密切接触者13人
                self.subjects = [self._reference(owner, span)]
            if not self.subjects and len(self.cases) == 1 and TRAJECTORY_HEADER_RE.search(text):
                self.subjects = list(self.cases)
        if scope == "today":
            self.subjects = []
        cuts = sorted({0, *(g.start for g in headings)})
        by_start = {g.start: g for g in headings}
        parts = clauses(sentence)
        if not (headings or self.subjects):  # no subject, no facts
            for _, clause in parts:  # a list of places for no case: case sites
                self._place_list(clause, span, [], None)
            parts = []
        starts = [m.start for m in mentions]
        told = Sentence(span[0], span[1], text)  # at its span in the text as given, as the sources
        for i, cut in enumerate(cuts):
            heading = by_start.get(cut)
            if heading is not None:
                self.subjects = self._heading_cases(heading, span)
                self._apposition(text, heading, span)
                for nid in self.subjects if (district := sj.lead_district(text, heading)) else ():
                    self.builder.set(nid, "district", district, span)  # 铁岭市病例1
                self.paragraph_cases.update(dict.fromkeys(self.subjects))
            end = cuts[i + 1] if i + 1 < len(cuts) else len(text)
            skip = heading.end if heading is not None else max(cut, self.facts_from)
            self._facts(text, parts, span, cut, end, mentions, starts, skip)
            if self.subjects:
                self.stretches.append(Stretch(told, skip, end, tuple(self.subjects), mentions))
        if len(self.subjects) == 1:
            for label, kind in related_cases(text):  # ``与X为亲戚关系，系密切接触者``
                source = self._reference(label, span)
                if source != self.subjects[0]:
                    self.builder.edge(source, self.subjects[0], "close_contact", span, kind=kind)
        if len(self.subjects) == 1 and ("该" in text or "其" in text):
            self._relatives(text, span)
            self.builder.set(self.subjects[0], "sex", sj.pronoun_sex(text), span)
        if self.reset_after and not self.in_place_list:  # (a list of their places goes on)
            self.subjects, self.reset_after = [], False
        self.heading_line = len(headings) == 1 and sj.is_bare_heading(text, headings[0])

    def _dated(self, text: str, mentions: list[DateMention]) -> list[DateMention]:
        """The sentence's dates; a day header line sets the day of the undated lines under it,
        which get it as a date standing before their text."""
        if mentions and mentions[0].start == 0 and DAY_HEADER_RE.match(text):
            self.day_header = mentions[0].iso
        if mentions or self.day_header is None:
            return mentions
        return [DateMention(-1, -1, self.day_header)]

    def _relatives(self, text: str, span: Span) -> None:
        """``其丈夫、女儿均确诊``: each relative is an unlabeled case (``胡某的丈夫``)."""
        for kin, sex, status in sj.relatives_infected(text):
            name = f"{self.builder.nodes[self.subjects[0]]['name']}的{kin}"
            nid = self.builder.node("case", name, span, unlabeled=True)
            self.builder.set(nid, "sex", sex)
            self.builder.set(nid, "status", status)

    def _apposition(self, text: str, heading: LabelGroup, span: Span) -> None:
        """``64岁的老太毛某宁``: the sex and age told before a name."""
        sex, age = sj.apposition(text, heading)
        if sex is None and age is None:
            return
        for nid in self.subjects:
            self.builder.set(nid, "sex", sex, span)
            self.builder.set(nid, "age", age, span)

    def _merge_name_headings(self, text: str, groups: list[LabelGroup], headings: list[LabelGroup],
                             span: Span) -> list[LabelGroup]:
        """``病例28：闫某某，男``: a name right after a label is the same person, an alias; a case
        the text named by that name before (``检出张某某、李某某``) is the same node."""
        names = [g for g in groups if g.is_name]
        if not names:
            return headings
        kept: list[LabelGroup] = []
        for group in headings:
            kept.append(group)
            if group.is_name or len(group.names) != 1:
                continue
            gap = sj.NAME_AFTER_LABEL_RE.match(text, group.end)
            name = next((g for g in names if group.end <= g.start <= gap.end()), None)
            if name is None or name.names[0] == group.names[0]:
                continue
            nid = self._case(group.names[0], span)
            aliases = self.builder.nodes[nid].setdefault("aliases", [])
            if name.names[0] not in aliases:
                aliases.append(name.names[0])
            self._same_person(node_id("case", name.names[0]), nid)
            group.end = name.end
        return [g for g in kept if not (g.is_name and any(k.start < g.start < k.end for k in kept))]

    def _same_person(self, old: str, nid: str) -> None:
        """A case node told before under another name is ``nid``: merge it in."""
        if old not in self._case_set or old == nid:
            return
        self.builder.merge_into(old, nid)
        self._forget_case(old)

    def _forget_case(self, nid: str) -> None:
        """Take a case that is no more (merged or dropped) out of every list of cases."""
        self._case_set.discard(nid)
        self.cases = [c for c in self.cases if c != nid]
        self.section = [c for c in self.section if c != nid]
        self.paragraph_cases.pop(nid, None)
        if self.announced == nid:
            self.announced = None

    def _continue_subject(self, sentence: Sentence, groups: list[LabelGroup], span: Span) -> None:
        """Decide who a sentence without a heading label is about."""
        text = sentence.text
        if self.heading_line:
            return  # ``病例41（系病例40的妻子）`` on a line of its own: the next line tells of it
        if self.announced and not self.announced_kept and self.subjects == [self.announced] \
                and sj.starts_paragraph_anew(text):
            self.subjects = []  # the announcement is over; the case waits for its label
        if not groups and self.paragraph_cases and sj.concludes_paragraph(text):
            self.subjects = list(self.paragraph_cases)  # ``综合…诊断为确诊病例``: all of them
            return
        if not groups and (district := sj.district_new_case(text)) \
                and (same := [c for c in self.cases if district in self._districts_of(c)]):
            self.subjects = same[:1] if len(same) == 1 else []
            for nid in self.subjects:
                self.builder.set(nid, "district", district, span)
            return
        if sj.names_a_speaker(text):
            self.subjects = []
        if sj.speaks_of_group(text):
            self.subjects = list(self.section or self.last_group or self.cases)
            self.last_group, self.section = list(self.subjects), []
            self.reset_after = True
            return
        if self._described_case(text, span):
            return
        if not groups and (announced := sj.announced_case(text)):
            self._announced_case(announced, span)
            self.announced_kept = sj.THAT_PERSON_RE.search(text, announced.end) is not None \
                or self._told_after_announcement(text[announced.end:], span)  # ``，该患者…``
            return
        if self.announced and not groups and (sex := sj.that_case(text)) is not None:
            self.subjects, self.announced_kept = [self.announced], True
            self.builder.set(self.announced, "sex", sex or None, span)
            return
        if not groups and (category := sj.category_heading(text)):
            self._category_case(category, span)
            return
        if sj.NEW_COUNT_RE.search(text):
            self.subjects = []
            self.count_date = self.sentence_dates[0].iso if self.sentence_dates else self.count_date
            self._count_facts(sentence, sj.count_status(text))
        if (unlabeled := sj.unlabeled_case(text)):
            self._unlabeled_case(text, *unlabeled, span)
            return
        for site, count in counted_sites(text):
            self.builder.node("location", site.name, span, case_site=True, cases=count,
                              district=site.district, kind=site.kind)
        if (status := sj.status_section(text)) is not None:
            self.count_facts, self.subjects = (status, ()), []
            return
        if sj.introduces_trajectory(text):
            if not self.subjects and len(self.last_subjects) == 1:
                self.subjects = list(self.last_subjects)  # the one case told last
            return
        if self._starts_paragraph(sentence) and sj.starts_paragraph_anew(text):
            self.last_subjects = self.subjects or self.last_subjects
            self.subjects = []
        if not self.subjects and not groups and len(self.cases) == 1 \
                and sj.BARE_CASE_REFERENCE_RE.search(text):
            self.subjects = list(self.cases)  # ``病例发病前曾到过…``: the bulletin's one case

    def _starts_paragraph(self, sentence: Sentence) -> bool:
        return sentence.start == 0 or self.text[sentence.start - 1] in "\n\r"

    def _announced_case(self, announced: sj.Announced, span: Span) -> None:
        """The one case a ``新增…1例`` line announces: the subject, kept if the bulletin goes on
        to tell of it (``该感染者…``, a label or a description that it becomes)."""
        self._drop_untold_announced()
        nid = self._case(announced.name, span, unlabeled=True)
        self.builder.set(nid, "status", announced.status)
        self.builder.set(nid, "district", announced.district)
        sex, age = sj.described_person(announced.name)
        self.builder.set(nid, "sex", sex)
        self.builder.set(nid, "age", age)
        self.subjects, self.announced, self.announced_kept, self.described = [nid], nid, False, False
        # ``在集中隔离点发现``: where the case was found is no visit, but a quarantine is one
        self._write(read_isolation(announced.where), nid, span, None, many=False)
        self.facts_from = announced.end

    def _copy_same_places(self) -> None:
        """``住址同病例7``: the homes (workplaces) of the case named, for the cases told so."""
        for subjects, relation, label, span in self.same_places:
            source = self.builder.current(node_id("case", label))
            if source is None:
                continue
            places = [(target, data) for target, key, data in self.builder.out_edges(source) if key == relation]
            for nid in subjects:
                if (nid := self.builder.current(nid)) is not None and nid != source:
                    for target, data in places:
                        self.builder.edge(nid, target, relation, span, date=data.get("date"))

    def _told_after_announcement(self, rest: str, span: Span) -> bool:
        """``新增1例确诊病例，为一名出租车司机，男，45岁``, ``…，输入病例为43岁女性患者``,
        ``新增1例无症状感染者，女，25岁``: the sentence goes on to describe the announced case
        (its sex and age)."""
        described = sj.DESCRIBED_AFTER_COPULA_RE.match(rest)
        sex, age = sj.described_person(rest[:40]) if described else (None, None)
        if sex is None and age is None and (plain := sj.unlabeled_case(rest.lstrip("，,：:。 "))):
            sex, age = ("M" if plain[0] == "男" else "F"), plain[1]  # ``新增1例无症状感染者，女，25岁``
        if sex is None and age is None:
            return False
        self.builder.set(self.announced, "sex", sex, span)
        self.builder.set(self.announced, "age", age, span)
        return True

    def _drop_untold_announced(self) -> None:
        """An announced case the bulletin told nothing more of was only counted: no node."""
        if self.announced and not self.announced_kept:
            self.builder.remove(self.announced)
            self._forget_case(self.announced)
        self.announced = None

    def _absorb_announced(self, nid: str) -> None:
        """The announced case turns out to be ``nid`` (its label or description)."""
        if not self.announced:
            return
        if self.announced == nid:  # told again by the same words: kept, and no label to come
            self.announced_kept, self.announced = True, None
            return
        status = self.builder.nodes[self.announced].get("status")
        if status and self.builder.nodes[nid].get("status") not in (None, status):
            return
        self.announced_kept = False
        self._same_person(self.announced, nid)

    def _category_case(self, category: str, span: Span) -> None:
        """``境外输入确诊病例：中国籍，…``: the unlabeled case the line is about."""
        nid = self._case(category, span, unlabeled=True)
        self._told_by_description(nid)

    def _told_by_description(self, nid: str) -> None:
        """An unlabeled case: it is the announced one, and a name the text gives it later
        (``患者女，75岁，…。5月20日，郭某因不适…``) is its own."""
        if not self.described:  # one told by description before is someone else
            self._absorb_announced(nid)
        self.subjects, self.announced, self.announced_kept, self.described = [nid], nid, True, True

    def _unlabeled_case(self, text: str, sex: str, age: int, span: Span) -> None:
        """``患者，女，76岁``: a case told without a label, named by its age and sex."""
        nid = self._case(f"{age}岁{'男' if sex == '男' else '女'}性患者", span, unlabeled=True)
        if "无症状" not in text:
            self.builder.set(nid, "status", "confirmed")
        self.builder.set(nid, "sex", "M" if sex == "男" else "F")
        self.builder.set(nid, "age", age)
        self._told_by_description(nid)

    def _described_case(self, text: str, span: Span) -> bool:
        """``其中，1例为松原市老年男性病例，已于…``: a case named by its description."""
        desc = sj.described_case(text)
        if desc is None:
            return False
        nid = self._case(desc, span, unlabeled=True)
        self.builder.set(nid, "status", "asymptomatic" if "无症状" in desc else "confirmed")
        if (sex := SEX_CHAR_RE.search(desc)):
            self.builder.set(nid, "sex", "M" if sex.group() == "男" else "F")
        self.builder.set(nid, "district", strip_admin(desc).district)
        self._told_by_description(nid)
        return True

    def _districts_of(self, case: str) -> set[str]:
        """The case's district and the districts of the places it is tied to."""
        nodes = self.builder.nodes
        found = {nodes[case].get("district")}
        found |= {nodes[t].get("district") for t in self.builder.successors(case)}
        return found - {None}

    # --- cases -------------------------------------------------------------------------------
    def _case(self, name: str, span: Span, unlabeled: bool = False) -> str:
        nid = self.builder.node("case", name, span, unlabeled=True if unlabeled else None)
        if "月" not in name:
            for word, status in STATUS_LABEL_WORDS:
                if word in name:
                    self.builder.set(nid, "status", status)
                    break
        if nid not in self._case_set:
            self._case_set.add(nid)
            self.cases.append(nid)
            self.section.append(nid)
        return nid

    def _heading_cases(self, group: LabelGroup, span: Span) -> list[str]:
        self.dates.reset_day()
        self.day_line = None
        cases = [self._case(name, span, unlabeled=group.unlabeled) for name in group.names]
        status, facts = self.count_facts
        if status or facts:
            for nid in cases:
                if nid not in self.counted_facts_given:
                    self.counted_facts_given.add(nid)
                    self.builder.set(nid, "status", status)
                    for fact in facts:
                        if isinstance(fact, SubjectAttr):  # the case's own words come first
                            self.count_districts[nid] = fact.value
                        else:
                            fact.write(self.builder, nid, span, self.count_date, False)
        if len(cases) == 1 and (group.surname or not self.described):
            self._absorb_announced(cases[0])  # the announced case came with a label after all
        if group.is_name and len(cases) == 1 and group.start <= self.sentence_lead \
                and (label := self._label_awaiting_name()) is not None:
            # ``第五例：1月30日，…新增1例…。患者曹某某，女，48岁``: the label's person by name
            self._same_person(cases[0], label)
            aliases = self.builder.nodes[label].setdefault("aliases", [])
            aliases.append(group.names[0])
            return [label]
        return cases

    def _label_awaiting_name(self) -> str | None:
        """The one labelled case this paragraph is about, while no name has been given it."""
        if len(self.subjects) != 1 or list(self.paragraph_cases) != self.subjects:
            return None
        data = self.builder.nodes.get(self.subjects[0], {})
        if data.get("aliases") or data.get("unlabeled") or "某" in data.get("name", "某"):
            return None
        return self.subjects[0]

    def _reference(self, name: str, span: Span) -> str:
        """A case named in passing (``感染者96``): a node without facts of its own."""
        return self.builder.node("case", name, span)

    # --- case sites --------------------------------------------------------------------------
    def _list_residences(self, text: str, groups: list[LabelGroup], span: Span) -> list[LabelGroup]:
        """``病例1—病例4，居住于浦东新区，病例5，居住于黄浦区``: counted cases, case-site districts."""
        listed = [(g, place) for g in groups if (place := listed_district(text, g.end)) is not None]
        if not listed or not (len(listed) >= 2 or listed[0][0].is_range or len(listed[0][0].names) > 1):
            return []
        for _, place in listed:
            district = place.district or place.name
            self.builder.node("location", district, span, case_site=True, district=district, kind="district")
        return [g for g, _ in listed]

    def _listing_item(self, sentence: Sentence, span: Span) -> bool:
        """Lines of a ``分别居住于：`` list of addresses (Shanghai 2022): case sites."""
        text = sentence.text
        if (spread := spread_listing(text)) is not None:
            self.listing_district, tail = spread
            self._listed_sites(listed_sites(tail), span)
            return True
        if self.listing_district is None:
            return False
        sites = listing_line(text.rstrip("，,。；;、 "))
        if sites is None:
            self.listing_district = None
            return False
        self._listed_sites(sites, span)
        if text.endswith(("。", "；", ";")):
            self.listing_district = None
        return True

    def _listed_sites(self, sites: tuple[Site, ...], span: Span) -> None:
        for site in sites:
            self.builder.node("location", site.name, span, case_site=True,
                              district=site.district or self.listing_district, kind=site.kind)

    # --- facts in one stretch of a sentence --------------------------------------------------
    def _facts(self, text: str, parts: list[tuple[int, str]], span: Span, start: int, end: int,
               mentions: list[DateMention], starts: list[int], skip: int) -> None:
        subjects = list(self.subjects)
        contacts = None  # the contact node the last clause made
        first = max(bisect_right(parts, (start, "\uffff")) - 1, 0)
        for i in range(first, len(parts) if subjects else first):  # a clause speaks only of a case
            offset, clause = parts[i]
            if offset >= end:
                break
            if offset + len(clause) <= start:
                continue
            if offset < skip:
                clause, offset = clause[skip - offset:], skip
                clause = AFTER_HEADING_RE.sub("", clause, count=1)
                if not clause:
                    continue
            index = bisect_left(starts, offset + len(clause))  # the last date before the clause's end
            when = mentions[index - 1].iso if index else self.undated
            if place_list(clause) is None and not self.in_place_list:
                self.list_by_header = False  # (what _place_list does with a clause of no list)
            elif self._place_list(clause, span, subjects, when):
                continue
            contacts = self._clause(clause, span, subjects, when, contacts)
        self._clusters(text[start:end], span, subjects)

    def _place_list(self, clause: str, span: Span, subjects: list[str], when: str | None) -> bool:
        """A clause that opens or goes on a list of places (``活动轨迹涉及场所：A、B``, then
        ``9月19日，C、D``): visits of the subjects, or case sites where no case is spoken of."""
        names = place_list(clause)
        if names is not None:
            self.place_list_date = None
            self.list_by_header = names == ()  # the places come on the lines below
        elif self.in_place_list:
            names = listed_places(clause)
        self.in_place_list = names is not None
        if names is None:
            self.list_by_header = False
            return False
        when = self.place_list_date = when or self.place_list_date  # ``A；B；C`` spans sentences
        for fact in list_visits(names):
            if subjects:
                for nid in subjects:
                    fact.write(self.builder, nid, span, when, many=len(subjects) > 1)
            elif fact.node_type == "location":
                attrs = {k: v for k, v in fact.attrs if v is not None}
                self.builder.node("location", fact.name, span, case_site=True, **attrs)
        return True

    def _clause(self, clause: str, span: Span, subjects: list[str], when: str | None,
                contacts_before: str | None) -> str | None:
        """Write what ``clause`` tells of ``subjects``; return the contact node it made, if any
        (``contacts_before``: the one the clause before made)."""
        if "同" in clause or "与" in clause:
            if (same := sj.same_place_as(clause)) is not None:
                self.same_places.append((tuple(subjects), *same, span))  # copied once all is read
                return contacts_before
        reading = read_clause(clause)
        contact_handled, contacts = self._contacts(reading.contacts, span, subjects, when, clause) \
            if reading.contacts is not None else (False, None)
        if reading.attributes is not None:
            self._attributes(reading.attributes, span, subjects, when)
        if contact_handled:
            # ``其密切接触者均已落实集中隔离观察``: the contacts are isolated; ``作为感染者96的
            # 密切接触者进行集中隔离``: the case is
            facts = read_isolation(clause)
            for nid in [contacts] if contacts else subjects:
                self._write(facts, nid, span, when, many=False)
            return contacts
        facts = reading.places
        if not facts:
            return contacts
        only_isolation = all(isinstance(f, Link) and f.relation == "isolated_at" for f in facts)
        if contacts_before and only_isolation:
            self._write(facts, contacts_before, span, when, many=False)  # ``密接75人，均已落实集中隔离``
            return contacts
        if only_isolation and RELATIVES_CLAUSE_RE.match(clause):
            return contacts  # ``其家人已被集中隔离``: the relatives are, not the case
        if len(subjects) == 1:
            self._write(facts, subjects[0], span, when, many=False)
            return contacts
        for fact in facts:  # each case gets every fact (one may have had a visit already)
            if isinstance(fact, Link):
                fact.write_all(self.builder, subjects, span, when)
            else:
                for nid in subjects:
                    fact.write(self.builder, nid, span, when, True)
        return contacts

    def _write(self, facts: list[PlaceFact] | tuple[PlaceFact, ...], nid: str, span: Span, when: str | None, many: bool) -> None:
        for fact in facts:
            fact.write(self.builder, nid, span, when, many)

    def _attributes(self, found: Attributes, span: Span, subjects: list[str], when: str | None) -> None:
        b = self.builder
        for nid in subjects:
            if found.sex:
                b.set(nid, "sex", found.sex, span)
            if found.age is not None:
                b.set(nid, "age", found.age, span)
        if found.severity:
            for nid in subjects:
                b.set(nid, "severity", found.severity, span)
        if found.status:
            for nid in subjects:
                b.set(nid, "status", found.status, span, overwrite=found.status == "confirmed")
        if when is None:
            return
        for event, key in ((found.positive, "positive_date"), (found.diagnosis, "diagnosis_date"),
                           (found.onset, "onset_date")):
            if event:
                for nid in subjects:
                    b.set(nid, key, when, span)

    def _contacts(self, found: Contacts, span: Span, subjects: list[str],
                  when: str | None, clause: str = "") -> tuple[bool, str | None]:
        """Close-contact links and counted contacts: whether the clause was about contacts,
        and the contact node it made, if any."""
        b = self.builder
        handled = False
        date_kind = contact_date_kind(clause)
        if found.sources is not None:
            for name in found.sources:
                source = self._reference(name, span)
                for nid in subjects:
                    b.edge(source, nid, "close_contact", span, date=when, kind=found.kind,
                           date_kind=date_kind)
            handled = True
        for name, kind in found.partners:
            source = self._reference(name, span)
            if source in subjects:
                continue
            for nid in subjects:
                b.edge(source, nid, "close_contact", span, date=when, kind=kind, date_kind=date_kind)
            handled = True
        if found.count is not None:
            label = b.nodes[subjects[0]]["name"] if len(subjects) == 1 else f"{len(subjects)}例病例"
            cid = b.node("contact", f"{label}的密接", span, count=found.count)
            for nid in subjects:
                b.edge(nid, cid, "has_contacts", span)
            return True, cid
        if found.plain and len(subjects) == 1:
            cid = b.node("contact", f"{b.nodes[subjects[0]]['name']}的密接", span)
            b.edge(subjects[0], cid, "has_contacts", span)
            return True, cid
        return handled, None

    def _clusters(self, text: str, span: Span, subjects: list[str]) -> None:
        """Cluster sites (``X、Y等聚集性疫情``, ``X相关``) and the cases counted at them."""
        found = read_clusters(text)
        if found is None:
            return
        for site in found.sites:
            lid = self.builder.node("location", site.name, span, cluster=True, kind=site.kind,
                                    district=site.district)
            self.cluster_nodes.add(lid)
            for nid in subjects:
                self.builder.edge(nid, lid, "linked_to", span)
        for name, count in found.site_counts:
            self.site_counts.setdefault(name, count)
        nodes = self.builder.nodes
        for nid in sorted(self.cluster_nodes):
            data = nodes[nid]
            if data.get("cluster") and "cases" not in data and data["name"] in self.site_counts:
                self.builder.set(nid, "cases", self.site_counts[data["name"]])
            if data.get("cluster") and data["name"] in text and "cases" not in data \
                    and (count := count_after(text, data["name"])) is not None:
                self.builder.set(nid, "cases", count, span)
