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

import csv
import io
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator



if TYPE_CHECKING:  # networkx loads only where a graph is built
    import networkx as nx

from casegraph.export._flat import write_chunks
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
    rows = []
    dated = _dated_edges(table)
    for node, attrs, flat in table.nodes:
        if attrs.get("type") != "case":
            continue
        row = {k: flat.get(k) for k in attrs if k not in _NOT_COLUMNS}
        row.update(id=node, docs=flat.get("docs", ""), report_date=_first_report(attrs),
                   origin=_origin(attrs), **dated.get(node, {}))
        rows.append(row)
    extra = sorted({k for row in rows for k in row} - set(CASE_COLUMNS) - {"docs"})
    return list(CASE_COLUMNS) + extra + ["docs"], rows


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
    names of its infectors."""
    facts: dict[Any, dict[str, Any]] = {}
    columns = {"isolated_at": "isolated_date", "admitted_to": "admitted_date"}
    names: dict[str, str] | None = None
    for u, v, k, d, _flat in table.edges:
        relation, when = d.get("relation", k), d.get("date")
        if relation == "close_contact":
            if names is None:
                names = {n: str(attrs.get("name", n)) for n, attrs, _f in table.nodes}
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


def write_epicontacts(G: nx.MultiDiGraph | Table, out_dir: str | os.PathLike) -> list[Path]:
    """Write ``cases.csv`` and ``contacts.csv`` (UTF-8, RFC 4180 quoting) into ``out_dir``.

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
    header, rows = case_rows(table)
    return [_write_csv(out / "cases.csv", header, rows),
            _write_csv(out / "contacts.csv", list(CONTACT_COLUMNS), contact_rows(table))]


def _write_csv(path: Path, header: list[str], rows: Iterable[dict[str, Any]]) -> Path:
    def chunks() -> Iterator[bytes]:
        text = io.StringIO()
        writer = csv.writer(text, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerow(header)
        for count, row in enumerate(rows, 1):
            writer.writerow([_cell(row.get(k)) for k in header])
            if count % 5000 == 0:
                yield text.getvalue().encode("utf-8")
                text.seek(0)
                text.truncate()
        yield text.getvalue().encode("utf-8")

    return write_chunks(path, chunks())


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"  # what R's read.csv takes as logical
    return "" if value is None else value
