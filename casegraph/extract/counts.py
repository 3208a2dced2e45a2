"""Statements about cases a bulletin counts rather than names (``新增5例…现已转入定点医疗
机构``, ``其中2例境外输入…``, ``所有患者均在定点医院``): which of the cases they reach.

:class:`CountedStatements` is a part of :class:`~casegraph.extract.reader.BulletinReader`
(it reads and writes the reader's cases, subjects and builder).
"""
from __future__ import annotations

import re
from bisect import bisect_left

from casegraph import lexicon as lx
from casegraph.extract import subjects as sj
from casegraph.extract.builder import Span
from casegraph.extract.care import read_care
from casegraph.extract.clause import read_clause
from casegraph.extract.dates import DateMention
from casegraph.extract.facts import Link, SubjectAttr
from casegraph.extract.labels import LabelGroup
from casegraph.extract.sentences import CLAUSE as CLAUSE_RE
from casegraph.extract.sentences import Sentence, clauses

__all__ = ["CountedStatements"]

# A sentence with none of these tells of no care, isolation or contacts.
CARE_GATE_RE = re.compile(rf"{lx.alternation(lx.CARE_GATE_WORDS)}")
CARE_RELATIONS = ("admitted_to", "isolated_at")


class CountedStatements:
    """What the reader does with statements about counted cases (see the module)."""

    def _count_scope(self, text: str, groups: list[LabelGroup], mentions: list[DateMention],
                     span: Span) -> str | None:
        """Read a sentence that speaks of cases by count, not by label.

        ``blanket``: a statement about every patient to date (``所有患者均在定点医院``,
        ``累计…均在定点医疗机构``) gives no case an edge. ``today``: a statement about the
        cases the bulletin reports (``新增5例…现已转入定点医疗机构``; after the list, ``发现29人
        …转运至定点医疗机构``) admits each of them once the bulletin is read (see
        :meth:`_care_for_reported`); one about part of them (``其中5例…``) reaches none.
        ``None``: the sentence is read as usual.
        """
        if groups or not (sj.speaks_by_count(text) or (self.announced_count and "均" in text)):
            return None
        found = self._first_care_clause(text)
        if found is None:
            if (count := sj.new_case_count(text)):
                self.announced_count, self.announced_at = count, len(self.cases)
            return None
        end, links, counted = found
        statement = text[:end]
        if sj.blanket(statement) and not counted:
            return "blanket"
        if sj.speaks_of_group(text):
            return None  # ``以上2例…``: the cases told before, as usual
        count, part = self._count_of(statement)
        if not links or not count:
            return None
        index = bisect_left([m.start for m in mentions], end)
        when = mentions[index - 1].iso if index else None
        self.reported_care.append((links, span, when, len(self.cases), count, part))
        return "today" if count > 1 else None  # one case: the sentence may be about it, read on

    def _count_of(self, statement: str) -> tuple[int | None, str | None]:
        """How many of today's cases a statement speaks of, and for part of them
        (``其中5例境外输入…``) the word their labels carry (no count where none is printed)."""
        count = sj.new_case_count(statement)
        if count is None and self.announced_count and self.announced_at == len(self.cases) \
                and "均" in statement:
            count = self.announced_count  # ``新增…9例。其中…均已转运至…``
        if count is not None and (cut := statement.find("其中")) >= 0:
            whole = sj.case_count(statement[:cut]) or self.announced_count
            part = sj.case_count(statement[cut:])
            if part < whole:
                word = sj.part_label_word(statement[cut:])
                return (part, word) if word else (None, None)
        return count, None

    def _first_care_clause(self, text: str) -> tuple[int, tuple[Link, ...], bool] | None:
        """Where the first clause telling of care, isolation or contacts ends, the
        admissions and quarantine it tells of, and whether it counts contacts (``密切接触者16人``:
        someone's)."""
        if not CARE_GATE_RE.search(text):
            return None
        for match in CLAUSE_RE.finditer(text):
            reading = read_clause(match.group())
            if reading.contacts is not None:  # ``其密切接触者均已落实集中隔离``: the contacts'
                return match.end(), (), reading.contacts.count is not None
            facts = tuple(f for f in reading.places if isinstance(f, Link) and f.relation in CARE_RELATIONS)
            if facts:
                return match.end(), facts, False
        return None

    def _with_edge(self, relation: str) -> set[str]:
        """Today's cases with an edge of ``relation`` written."""
        return {nid for nid in self.cases if any(key == relation for _, key, _ in self.builder.out_edges(nid))}

    def _care_for_reported(self) -> None:
        """Admissions and quarantine told of a count of today's cases: the cases told after
        the statement get them if there are no more of them than counted (``新增5例…已转入定点
        医疗机构``, then the cases); failing any, the cases told before it if the count is
        theirs (the list, then ``发现29人…转运至定点医疗机构``). A part of the count
        (``其中5例境外输入…``) is the cases whose labels say so. A case that has an edge of
        the relation already keeps its own."""
        for links, span, when, position, count, part in self.reported_care:
            after = self.cases[position:]
            if part is not None:  # ``其中5例境外输入…``: the cases whose labels say so
                after = [nid for nid in after if part in self.builder.nodes[nid]["name"]]
            targets = after if after and len(after) <= count else \
                self.cases if not after and count == position else []
            for link in links:
                done = self._with_edge(link.relation)
                for nid in targets:
                    if nid not in done:
                        link.write(self.builder, nid, span, when, True)

    def _count_facts(self, sentence: Sentence, status: str | None) -> None:
        """What a sentence counting cases says of them all (admission, district), for the
        cases told next; a count that says nothing keeps what the last one said."""
        cut = sentence.text.find("其中")  # ``其中2例…已转至…``: a part of the count, not all of it
        care = tuple(f for offset, c in clauses(sentence) if cut < 0 or offset < cut
                     for f in read_care(c) if f.relation == "admitted_to")
        district = sj.count_district(sentence.text)
        before = self.count_facts[1]
        care = care or tuple(f for f in before if isinstance(f, Link))
        districts = (SubjectAttr("district", district),) if district else \
            tuple(f for f in before if isinstance(f, SubjectAttr))
        self.count_facts = (status, care + districts)
