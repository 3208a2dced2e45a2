"""Place facts: what a clause says about where its subject lives, works, is treated or was.

The rules of :mod:`~casegraph.extract.residence`, :mod:`~casegraph.extract.care` and
:mod:`~casegraph.extract.travel` read a clause into these facts without looking at the
graph, so a clause is read once however often a bulletin repeats it (``居住于浦东新区``
recurs thousands of times in a Shanghai list); the reader then writes the facts for each
case the clause speaks of. A fact is immutable: one reading serves every document.
"""
from __future__ import annotations

from dataclasses import dataclass

from casegraph.extract.builder import GraphBuilder, Span


@dataclass(frozen=True)
class SubjectAttr:
    """An attribute of the case itself (its ``district``), kept if it has one already."""

    key: str
    value: object

    def write(self, builder: GraphBuilder, nid: str, span: Span, when: str | None, many: bool) -> None:
        builder.set(nid, self.key, self.value)


@dataclass(frozen=True)
class Residence:
    """A place the case lives at; with ``spread`` (``分别居住于``) a case site instead, when
    the clause names several places or speaks of several cases."""

    name: str
    district: str | None
    kind: str | None
    spread: bool = False
    several: bool = False

    def write(self, builder: GraphBuilder, nid: str, span: Span, when: str | None, many: bool) -> None:
        district = self.district or builder.nodes[nid].get("district")
        lid = builder.node("location", self.name, span, district=district, kind=self.kind)
        if self.spread and (many or self.several):
            builder.set(lid, "case_site", True)
        else:
            builder.edge(nid, lid, "resides_at", span)


@dataclass(frozen=True)
class Link:
    """An edge from the case to a place or facility node, made if new.

    ``attrs`` are the node's attributes in order (a list is held as a tuple, and written as
    a fresh list, so no two graphs share one); ``dated`` edges take the clause's date; an
    ``unless_admitted`` visit is dropped where the case is admitted already, and a visit to
    the bulletin's own city is none.
    """

    relation: str
    node_type: str
    name: str
    attrs: tuple[tuple[str, object], ...] = ()
    key: str | None = None
    dated: bool = True
    unless_admitted: bool = False
    city: str | None = None  # the city a one-character name stands for (温 for 温州)

    def write(self, builder: GraphBuilder, nid: str, span: Span, when: str | None, many: bool) -> None:
        """Write the edge from ``nid``."""
        self.write_all(builder, [nid], span, when)

    def write_all(self, builder: GraphBuilder, nids: list[str], span: Span, when: str | None) -> None:
        """:meth:`write` for each case of ``nids`` in turn (a clause about many cases), the
        node made once."""
        if not nids or (self.relation == "visited" and self._is_home_city(builder)):
            return
        attrs = {k: list(v) if isinstance(v, tuple) else v for k, v in self.attrs}
        target = builder.node(self.node_type, self.name, span, key=self.key, **attrs)
        date = when if self.dated else None
        for nid in nids:
            if not (self.unless_admitted and builder.has_edge(nid, target, "admitted_to")):
                builder.edge(nid, target, self.relation, span, date=date)

    def _is_home_city(self, builder: GraphBuilder) -> bool:
        """Whether the place is the bulletin's own city (``回淮安``, ``抵达淮安`` in a 淮安
        bulletin): the case is home, no visit."""
        city = (builder.graph_attrs.get("city") or "").removesuffix("市")
        return bool(city) and (self.city or self.name).removesuffix("市") == city


PlaceFact = SubjectAttr | Residence | Link
