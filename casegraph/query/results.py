"""What each question returns: small dataclasses of plain JSON values.

``result.to_dict()`` is what ``--json`` prints and :func:`result_from_dict` reads it back;
``result.sections()`` is what the table shows.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar, Mapping

__all__ = ["Section", "result_from_dict", "Chain", "Path", "Clusters", "Place", "Timeline",
           "Ego", "Find", "Stats"]


@dataclass(frozen=True)
class Section:
    """A titled table: what the table renderer prints for (part of) a result."""

    title: str
    headers: tuple[str, ...]
    rows: list[tuple[Any, ...]]


class _Result:
    QUERY: ClassVar[str] = ""

    def to_dict(self) -> dict[str, Any]:
        """The result as JSON values (its own lists and dicts, not copies: the fields hold
        plain JSON values already, and copying a store's clusters took a tenth of a
        second)."""
        return {"query": self.QUERY,
                **{f.name: getattr(self, f.name) for f in fields(self)}}  # type: ignore[arg-type]

    def sections(self) -> list[Section]:  # pragma: no cover - every result overrides it
        raise NotImplementedError


def result_from_dict(data: Mapping[str, Any]) -> _Result:
    """The result whose :meth:`to_dict` gave ``data`` (``--json`` output read back)."""
    kind = _RESULTS.get(str(data.get("query")))
    if kind is None:
        raise ValueError(f"not a casegraph query result: {data.get('query')!r}")
    return kind(**{f.name: data[f.name] for f in fields(kind) if f.name in data})


@dataclass
class Chain(_Result):
    """A case's transmission chain through ``close_contact`` edges."""

    QUERY: ClassVar[str] = "chain"
    case: dict[str, Any]
    upstream: list[dict[str, Any]] = field(default_factory=list)
    downstream: list[dict[str, Any]] = field(default_factory=list)

    def sections(self) -> list[Section]:
        headers = ("depth", "from", "to", "date", "kind")

        def rows(links: list[dict]) -> list[tuple]:
            return [(l["depth"], l["from_name"], l["to_name"], l["date"], l["kind"])
                    for l in links]

        who = f"{self.case['name']} ({self.case['id']})"
        return [Section(f"upstream of {who}: who infected whom, back to the source", headers,
                        rows(self.upstream)),
                Section(f"downstream of {who}: the cases it led to", headers,
                        rows(self.downstream))]


@dataclass
class Path(_Result):
    """How two nodes connect: the steps of a shortest path, each edge in its own direction."""

    QUERY: ClassVar[str] = "path"
    source: dict[str, Any]
    target: dict[str, Any]
    steps: list[dict[str, Any]] = field(default_factory=list)
    via: str = "exposure"  #: ``exposure``: only links that mean exposure were walked

    def sections(self) -> list[Section]:
        rows = [(i + 1, s["from_name"], s["arrow"], s["relation"], s["to_name"], s["date"])
                for i, s in enumerate(self.steps)]
        title = f"{self.source['name']} to {self.target['name']}: {len(self.steps)} step(s)" + \
            (" by exposure links (no quarantine site, hospital, city, country or hub crossed)"
             if self.via == "exposure" else "")
        return [Section(title, ("step", "from", "", "relation", "to", "date"), rows)]


@dataclass
class Clusters(_Result):
    """Groups of cases joined by exposure, largest first."""

    QUERY: ClassVar[str] = "clusters"
    clusters: list[dict[str, Any]] = field(default_factory=list)
    #: hubs that joined no one: ``{"id", "name", "cases", "reason"}``
    set_aside: list[dict[str, Any]] = field(default_factory=list)

    def sections(self) -> list[Section]:
        rows = [(c["rank"], c["size"], c["first_date"], c["last_date"], _links_text(c.get("links", ())),
                 _short_list(c["place_names"]), _short_list(c["case_names"]))
                for c in self.clusters]
        return [Section(f"{len(self.clusters)} cluster(s) of cases joined by close contact or by "
                        "a specific place within the window",
                        ("#", "cases", "from", "to", "links", "places", "cases"), rows),
                Section("set aside (joined no one)", ("cases", "place", "reason"),
                        [(a["cases"], a["name"], a["reason"]) for a in self.set_aside])]


def _links_text(links: Any) -> str:
    """``3 close contact, 2 shared place``: what joined a cluster."""
    counts = Counter("close contact" if link[2] == "close_contact" else "shared place"
                     for link in links)
    return ", ".join(f"{n} {what}" for what, n in sorted(counts.items()))


def _short_list(items: list[str], limit: int = 4) -> str:
    shown = "、".join(str(i) for i in items[:limit])
    return shown + (f" +{len(items) - limit}" if len(items) > limit else "")


@dataclass
class Place(_Result):
    """The cases tied to a place (and to the places inside it)."""

    QUERY: ClassVar[str] = "place"
    name: str
    places: list[dict[str, Any]] = field(default_factory=list)
    cases: list[dict[str, Any]] = field(default_factory=list)
    inside: list[dict[str, Any]] = field(default_factory=list)

    def sections(self) -> list[Section]:
        matched = "、".join(f"{p['full_name'] or p['name']} ({p['id']})" for p in self.places)
        return [Section(f"cases tied to {matched or self.name}",
                        ("date", "case", "relation", "place"),
                        [(c["date"], c["case_name"], c["relation"], c["place_name"])
                         for c in self.cases]),
                Section(f"places inside {self.name}", ("place", "cases", "id"),
                        [(p["name"], p["cases"], p["id"]) for p in self.inside])]


@dataclass
class Timeline(_Result):
    """Every dated fact about a case, in order, with its evidence."""

    QUERY: ClassVar[str] = "timeline"
    case: dict[str, Any]
    events: list[dict[str, Any]] = field(default_factory=list)

    def sections(self) -> list[Section]:
        rows = [(e["date"], e["fact"], e["detail"], e["doc"], e["sentence"] or "")
                for e in self.events]
        return [Section(f"timeline of {self.case['name']} ({self.case['id']})",
                        ("date", "fact", "detail", "document", "sentence"), rows)]


@dataclass
class Ego(_Result):
    """A node and everything within ``hops`` edges of it."""

    QUERY: ClassVar[str] = "ego"
    center: dict[str, Any]
    hops: int
    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    via: str = "exposure"  #: ``exposure``: only links that mean exposure were walked
    #: why nodes were reached but not walked through, and how many
    set_aside: dict[str, int] = field(default_factory=dict)

    def sections(self) -> list[Section]:
        names = {n["id"]: n["name"] for n in self.nodes}
        how = " by exposure links" if self.via == "exposure" else ""
        return [Section(f"within {self.hops} hop(s) of {self.center['name']}{how}: "
                        f"{len(self.nodes)} node(s)", ("distance", "type", "name", "id"),
                        [(n["distance"], n["type"], n["name"], n["id"]) for n in self.nodes]),
                Section("edges", ("from", "relation", "to", "date"),
                        [(names[e["source"]], e["relation"], names[e["target"]], e["date"])
                         for e in self.edges]),
                Section("set aside (reached, not walked through; --via all walks them)",
                        ("nodes", "why"), [(n, why) for why, n in self.set_aside.items()])]


@dataclass
class Find(_Result):
    """Nodes whose names contain or resemble a text, best first."""

    QUERY: ClassVar[str] = "find"
    text: str
    matches: list[dict[str, Any]] = field(default_factory=list)

    def sections(self) -> list[Section]:
        return [Section(f"{len(self.matches)} match(es) for {self.text!r}",
                        ("score", "type", "name", "city", "id"),
                        [(f"{m['score']:.2f}", m["type"], m["name"], m["city"], m["id"])
                         for m in self.matches])]


@dataclass
class Stats(_Result):
    """Counts by type, relation, city, district and date; top places by cases."""

    QUERY: ClassVar[str] = "stats"
    documents: int
    nodes: int
    edges: int
    by_type: dict[str, int] = field(default_factory=dict)
    by_relation: dict[str, int] = field(default_factory=dict)
    cases_by_city: dict[str, int] = field(default_factory=dict)
    cases_by_district: dict[str, int] = field(default_factory=dict)
    cases_by_date: dict[str, int] = field(default_factory=dict)
    top_places: list[dict[str, Any]] = field(default_factory=list)

    def sections(self) -> list[Section]:
        def table(title: str, counts: dict[str, int], head: str) -> Section:
            return Section(title, (head, "count"), list(counts.items()))

        return [Section("totals", ("documents", "nodes", "edges"),
                        [(self.documents, self.nodes, self.edges)]),
                table("nodes by type", self.by_type, "type"),
                table("edges by relation", self.by_relation, "relation"),
                table("cases by city", self.cases_by_city, "city"),
                table("cases by district", self.cases_by_district, "district"),
                table("cases by date first reported", self.cases_by_date, "date"),
                Section("top places by cases", ("cases", "place", "city", "id"),
                        [(p["cases"], p["name"], p["city"], p["id"]) for p in self.top_places])]


_RESULTS: dict[str, type] = {cls.QUERY: cls for cls in (Chain, Path, Clusters, Place, Timeline,
                                                         Ego, Find, Stats)}

