"""A line list and a contact list: the two tables R's ``epicontacts::make_epicontacts`` takes.

``cases.csv`` has one row per case node: ``id`` first (epicontacts' default ``id`` column),
then ``name``, the case attributes of the schema, ``city``, the line-list columns (see
:data:`LINE_LIST_COLUMNS`: when the case was first reported, imported or local, and the dates
of its exposure, quarantine and admission, with its infectors), any other attribute the cases
carry, and ``docs`` (the documents that tell of the case). ``contacts.csv`` has one row per edge with
``from,to,relation,date`` first (epicontacts reads the first two as the pair), then ``kind``
and ``docs``. Edges to places are kept, so a place shows up as a non-case node; filter on
``relation == "close_contact"`` for person-to-person transmission only.

In R::

    linelist <- read.csv("cases.csv", encoding = "UTF-8")
    contacts <- read.csv("contacts.csv", encoding = "UTF-8")
    x <- epicontacts::make_epicontacts(linelist, contacts, directed = TRUE)
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable



if TYPE_CHECKING:  # networkx loads only where a graph is built
    import networkx as nx

from casegraph.export._flat import write_csv_records
from casegraph.export.splice import Sink
from casegraph.export.table import Table, table_of
from casegraph.schema import CASE_ATTRS

__all__ = ["CASE_COLUMNS", "CONTACT_COLUMNS", "case_rows", "contact_rows", "write_epicontacts"]

#: What a line list adds to a case's own attributes, from its sources and its edges.
LINE_LIST_COLUMNS = ("report_date", "origin", "exposure_date", "infectors", "isolated_date",
                     "admitted_date")
CASE_COLUMNS = ("id", "name") + CASE_ATTRS + ("city",) + LINE_LIST_COLUMNS
#: Words of a case's name or aliases that say it was imported (境外输入) or local (本土).
IMPORTED_WORDS = ("境外输入", "输入性", "输入病例", "入境")
LOCAL_WORDS = ("本土", "本地")
CONTACT_COLUMNS = ("from", "to", "relation", "date", "kind", "docs")
_NOT_COLUMNS = {"type", "sources"}


def case_rows(G: nx.MultiDiGraph | Table) -> tuple[list[str], list[dict[str, Any]]]:
    """The header and the rows of the line list (one row per ``case`` node)."""
    table = G if isinstance(G, Table) else table_of(G)
    dated = _dated_edges(table)
    rows = [_case_row(node, attrs, flat, dated) for node, attrs, flat in table.nodes
            if attrs.get("type") == "case"]
    return case_header(case_keys(table)), rows


def case_keys(table: Table) -> dict[str, int]:
    """How many case nodes hold each attribute (the line list's columns come from them)."""
    if table.case_keys is None:
        counts: dict[str, int] = {}
        for _node, attrs, _flat in table.nodes:
            if attrs.get("type") == "case":
                for key in attrs:
                    counts[key] = counts.get(key, 0) + 1
        table.case_keys = counts
    return table.case_keys


def case_header(keys: Iterable[str]) -> list[str]:
    """The line list's columns: :data:`CASE_COLUMNS`, the cases' other attributes (by
    name), ``docs``."""
    extra = sorted(set(keys) - _NOT_COLUMNS - set(CASE_COLUMNS) - {"docs", "id"})
    return list(CASE_COLUMNS) + extra + ["docs"]


def _case_row(node: str, attrs: dict[str, Any], flat: dict[str, Any],
              dated: dict[Any, dict[str, Any]]) -> dict[str, Any]:
    row = {k: flat.get(k) for k in attrs if k not in _NOT_COLUMNS}
    row.update(id=node, docs=flat.get("docs", ""), report_date=_first_report(attrs),
               origin=_origin(attrs), **dated.get(node, {}))
    return row


def _first_report(attrs: dict[str, Any]) -> str | None:
    """The first date a bulletin told of the case."""
    dates = [s.get("date") for s in attrs.get("sources") or ()
             if isinstance(s, dict) and isinstance(s.get("date"), str) and s.get("date")]
    return min(dates) if dates else None


def _origin(attrs: dict[str, Any]) -> str | None:
    """``imported`` or ``local`` where the case's label says so (境外输入病例3, 本土病例7)."""
    names = " ".join([str(attrs.get("name", ""))] + [str(a) for a in attrs.get("aliases") or ()])
    if any(word in names for word in IMPORTED_WORDS):
        return "imported"
    if any(word in names for word in LOCAL_WORDS):
        return "local"
    return None


def _dated_edges(table: Table) -> dict[Any, dict[str, Any]]:
    """Each case's first exposure (close contact), quarantine and admission dates and the
    names of its infectors (those a build worked out already: :attr:`Table.case_facts`)."""
    if table.case_facts is not None:
        return table.case_facts
    names: dict[str, str] = {}
    if any(d.get("relation", k) == "close_contact" for _u, _v, k, d, _f in table.edges):
        names = {n: str(attrs.get("name", n)) for n, attrs, _f in table.nodes}
    return dated_facts(((u, v, k, d) for u, v, k, d, _flat in table.edges), names)


def dated_facts(edges: Iterable[tuple[str, str, str, dict[str, Any]]],
                names: dict[str, str]) -> dict[str, dict[str, Any]]:
    """:func:`_dated_edges` of the edges ``edges`` (``names``: node id -> name)."""
    facts: dict[Any, dict[str, Any]] = {}
    columns = {"isolated_at": "isolated_date", "admitted_to": "admitted_date"}
    for u, v, k, d in edges:
        relation, when = d.get("relation", k), d.get("date")
        if relation == "close_contact":
            row = facts.setdefault(v, {})
            infectors = row.setdefault("infectors", [])
            infectors.append(names.get(u, u))
            if when:
                row["exposure_date"] = min(row.get("exposure_date") or when, when)
        elif relation in columns and when:
            row = facts.setdefault(u, {})
            row[columns[relation]] = min(row.get(columns[relation]) or when, when)
    for row in facts.values():
        if "infectors" in row:
            row["infectors"] = ";".join(dict.fromkeys(row["infectors"]))
    return facts


def contact_rows(G: nx.MultiDiGraph | Table) -> list[dict[str, Any]]:
    """The rows of the contact list: every edge, ``from`` → ``to``."""
    table = G if isinstance(G, Table) else table_of(G)
    return [{"from": u, "to": v, "relation": d.get("relation", k), "date": d.get("date"),
             "kind": flat.get("kind"), "docs": flat.get("docs", "")}
            for u, v, k, d, flat in table.edges]


def write_epicontacts(G: nx.MultiDiGraph | Table, out_dir: str | os.PathLike,
                      sinks: tuple[Sink, Sink] | None = None) -> list[Path]:
    """Write ``cases.csv`` and ``contacts.csv`` (UTF-8, RFC 4180 quoting) into ``out_dir``
    (``sinks``: where each file's bytes go, copying unchanged rows: :mod:`.splice`).

    Examples
    --------
    >>> import csv, tempfile
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", type="case", name="病例1", age=30)
    >>> G.add_node("b", type="case", name="病例2")
    >>> _ = G.add_edge("a", "b", key="close_contact", relation="close_contact")
    >>> cases, contacts = write_epicontacts(G, tempfile.mkdtemp())
    >>> next(csv.DictReader(open(contacts, encoding="utf-8")))["relation"]
    'close_contact'
    """
    table = G if isinstance(G, Table) else table_of(G)
    out = Path(out_dir)
    cases, contacts = sinks or (Sink(), Sink())
    header = case_header(case_keys(table))
    facts: list[dict[Any, dict[str, Any]]] = []  # worked out where a row is rendered

    def case(node: str, attrs: dict[str, Any], flat: dict[str, Any]) -> list[Any]:
        if not facts:
            facts.append(_dated_edges(table))
        row = _case_row(node, attrs, flat, facts[0])
        return [_cell(row.get(k)) for k in header]

    cases_ = [row for row in table.nodes if table.is_case(row[0], row[1])]
    return [_write_csv(out / "cases.csv", header, cases, "cases", [row[0] for row in cases_],
                       cases_, lambda row: case(*row), whole=False),
            _write_csv(out / "contacts.csv", list(CONTACT_COLUMNS), contacts, "edges",
                       table.record_keys["edges"], table.edges, _contact)]


def _contact(row: tuple) -> list[Any]:
    u, v, k, d, flat = row
    return [_cell(value) for value in (u, v, d.get("relation", k), d.get("date"),
                                       flat.get("kind"), flat.get("docs", ""))]


def _write_csv(path: Path, header: list[str], sink: Sink, section: str, keys: list[Any],
               rows: list[Any], cells: Callable[[Any], list[Any]], whole: bool = True) -> Path:
    return write_csv_records(path, header, sink, section, keys, rows, cells, "\r\n", whole)


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"  # what R's read.csv takes as logical
    return "" if value is None else value
