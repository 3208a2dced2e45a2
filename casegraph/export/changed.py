"""The table of the records a build changed, for the writers to splice into the previous
outputs (:mod:`casegraph.export.splice`).

A build that changed a few records of a store makes, from its new query index and the
:class:`casegraph.store.changes.Changes` it found, a :class:`Table` that holds every record's
place but the contents of the changed ones only (and of the cases whose line-list row
depends on a change: their own edges, or an infector's name). The column types are those
the previous outputs were written with, updated record by record; where they differ (a new
attribute, a column whose types changed) the table is not made and the writers run in full.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any, Hashable

import orjson

from casegraph.export.epicontacts import case_header, case_keys, dated_facts
from casegraph.export.graphml import graph_columns
from casegraph.export.splice import LAYOUT_DIR, Previous
from casegraph.export.table import _EDGE_LINK, _NODE_LINK, Table, _types, flat_attrs, \
    record_kinds
from casegraph.store.changes import Changes
from casegraph.store.graphs import select_rows_in

__all__ = ["previous_outputs", "changed_table", "write_records", "read_records"]

Edge = tuple[str, str, str]


def previous_outputs(root: Path, changes: Changes, before_sha256: str) -> Previous | None:
    """The outputs of the store ``root`` written from the ``graph.json`` whose SHA-256 is
    ``before_sha256``, to splice ``changes`` into (None where their layout is not there)."""
    before = read_records(root, before_sha256)
    if before is None:
        return None
    return Previous(keys={"nodes": before["nodes"], "edges": before["edges"],
                          "cases": before["nodes"]},
                    changed={"nodes": set(changes.nodes), "edges": set(changes.edges),
                             "cases": set()},
                    root=root, records=before,
                    removed={"nodes": set(changes.removed_nodes),
                             "edges": set(changes.removed_edges)})


def changed_table(root: Path, changes: Changes, previous: Previous) -> Table | None:
    """The table of the store ``root``'s graph (just saved, with its index) that holds
    the contents of the records ``changes`` touched, to splice into ``previous`` (whose
    line-list rows to write afresh it learns); None where the exports must be written in
    full."""
    from casegraph.store.index import open_index

    before = previous.records
    if before.get("kinds") is None or before.get("types") is None:
        return None
    kinds = _updated_kinds(before["kinds"], changes)
    cases = _updated_case_keys(before["case_keys"], changes)
    if not _same_columns(before, kinds, cases):
        return None
    index = open_index(root)
    if index is None:
        return None
    try:
        table, dirty_cases = _table(index.connection, index.sorted_graph(), changes, before,
                                    kinds, cases)
    finally:
        index.close()
    if [tuple(column) for column in before.get("graph_columns") or ()] != \
            graph_columns(table.graph):  # GraphML numbers the graph's columns first
        return None
    previous.changed["cases"] = dirty_cases
    return table


def _table(db: sqlite3.Connection, graph: dict[str, Any], changes: Changes,
           before: dict[str, Any], kinds: dict, cases: dict) -> tuple[Table, set[str]]:
    """The table (``graph``: the graph's attributes), and the cases whose rows are written
    afresh."""
    nodes = {n: _node(new) for n, (_old, new) in changes.nodes.items()}
    edges = {e: _edge(new) for e, (_old, new) in changes.edges.items()}
    # every record's type or relation: kept from the previous build, the changed ones anew
    types = _updated(before["nodes"], before["types"], changes.removed_nodes,
                     {n: raw.get("type") for n, (raw, _flat) in nodes.items()})
    relations = _updated(before["edges"], before["relations"], changes.removed_edges,
                         {e: raw.get("relation", e[2]) for e, (raw, _flat) in edges.items()})
    dirty = _dirty_cases(changes, types, relations)
    nodes.update(_read_nodes(db, [n for n in dirty if n not in nodes]))
    table = Table(graph, [(n, *nodes.get(n, (None, None))) for n in types],
                  [(*e, *edges.get(e, (None, None))) for e in relations],
                  kinds=kinds, case_keys=cases, types=types, relations=relations)
    table.case_facts = _case_facts(db, sorted(dirty))
    return table, dirty


def _updated(keys: list, values: list, removed: dict, changed: dict) -> dict:
    """``keys`` -> ``values``, less ``removed``, with ``changed``, in the keys' order (the
    graph's: ids, or ``(source, target, key)``, sorted)."""
    found = dict(zip(keys, values))
    added = [key for key in changed if key not in found]
    for key in removed:
        found.pop(key, None)
    found.update(changed)
    if added:
        found = {key: found[key] for key in sorted(found)}
    return found


def _record(data: bytes | str) -> Any:
    """A record as :func:`casegraph.export.read_table` reads ``graph.json`` (``json``: an
    integer past 64 bits stays an integer, where orjson would refuse or round it)."""
    return json.loads(data)


def _node(data: bytes) -> tuple[dict, dict]:
    raw = _record(data)
    flat = flat_attrs(raw, _NODE_LINK)
    raw.pop("id", None)
    return raw, flat


def _edge(data: bytes) -> tuple[dict, dict]:
    raw = _record(data)
    flat = flat_attrs(raw, _EDGE_LINK)
    for key in _EDGE_LINK:
        raw.pop(key, None)
    return raw, flat


def _dirty_cases(changes: Changes, types: dict[str, Any],
                 relations: dict[Edge, Any]) -> set[str]:
    """The cases whose line-list row may differ: changed ones, the ends of changed or
    removed edges, and the people infected by a changed node (its name is in their row)."""
    touched = set(changes.nodes)
    for u, v, _k in [*changes.edges, *changes.removed_edges]:
        touched.update((u, v))
    touched.update(v for (u, v, k), relation in relations.items()
                   if u in changes.nodes and relation == "close_contact")
    return {n for n in touched if types.get(n) == "case"}


def _read_nodes(db: sqlite3.Connection, nodes: list[str]) -> dict[str, tuple[dict, dict]]:
    return {n: _node(data) for n, data in
            select_rows_in(db, "SELECT id, data FROM nodes WHERE id IN ({})", nodes)}


def _case_facts(db: sqlite3.Connection, cases: list[str]) -> dict[str, dict[str, Any]]:
    """The dated facts of the ``cases`` (from every edge into or out of them, in the
    graph's order, as :func:`casegraph.export.epicontacts.dated_facts` reads them all)."""
    found: dict[Edge, dict] = {}
    for end in ("target", "source"):
        for u, v, k, data in select_rows_in(
                db, f"SELECT source, target, key, data FROM edges WHERE {end} IN ({{}})", cases):
            found[u, v, k] = _record(data)
    edges = [(u, v, k, found[u, v, k]) for u, v, k in sorted(found)]
    infectors = sorted({u for u, _v, k, d in edges if d.get("relation", k) == "close_contact"})
    names = {n: str(raw.get("name", n)) for n, (raw, _f) in _read_nodes(db, infectors).items()}
    facts = dated_facts(edges, names)
    return {n: facts[n] for n in cases if n in facts}


def _updated_kinds(kinds: dict[str, dict[str, dict[type, int]]],
                   changes: Changes) -> dict[str, dict[str, dict[type, int]]]:
    """The column counts of the previous outputs, less the records' old versions, plus
    their new ones."""
    updated = {scope: {key: dict(found) for key, found in by_key.items()}
               for scope, by_key in kinds.items()}
    for scope, links, changed, removed in (
            ("node", _NODE_LINK, changes.nodes, changes.removed_nodes),
            ("edge", _EDGE_LINK, changes.edges, changes.removed_edges)):
        counts = updated.setdefault(scope, {})
        olds = [old for old, _new in changed.values() if old is not None] + list(removed.values())
        for data, step in [(old, -1) for old in olds] + [(new, 1) for _o, new in changed.values()]:
            for key, kind in record_kinds(_record(data), links):
                found = counts.setdefault(key, {})
                found[kind] = found.get(kind, 0) + step
                if not found[kind]:
                    del found[kind]
                if not found:
                    del counts[key]
    return updated


def _updated_case_keys(keys: dict[str, int], changes: Changes) -> dict[str, int]:
    updated = dict(keys)
    olds = [old for old, _new in changes.nodes.values() if old is not None] + \
        list(changes.removed_nodes.values())
    for data, step in [(old, -1) for old in olds] + \
            [(new, 1) for _old, new in changes.nodes.values()]:
        raw = _record(data)
        if raw.get("type") == "case":
            for key in raw:
                if key != "id":
                    updated[key] = updated.get(key, 0) + step
                    if not updated[key]:
                        del updated[key]
    return updated


def _same_columns(before: dict[str, Any], kinds: dict, cases: dict[str, int]) -> bool:
    """Whether the outputs' columns (names, types, mixed ones, the line list's) are those
    the previous outputs were written with, and the table of changes can be read."""
    for scope in ("node", "edge"):
        old, new = before["kinds"].get(scope, {}), kinds.get(scope, {})
        if _types(old) != _types(new) or _mixed(old) != _mixed(new):
            return False
        if any(":" in key for key in new):  # renamed Neo4j columns come from every record
            return False
    return case_header(before["case_keys"]) == case_header(cases)


def _mixed(kinds: dict[str, dict[type, int]]) -> set[Hashable]:
    return {key for key, found in kinds.items() if len(found) > 1}


# --- the records of a layout: keys and column counts -----------------------------------------

RECORDS_FILE = "records.json"
_TYPES = {"str": str, "int": int, "float": float, "bool": bool}


def write_records(root: Path, graph_sha256: str, table: Table | None = None) -> None:
    """Keep, beside the outputs just written (from the store's ``graph.json``, whose
    SHA-256 is ``graph_sha256``), the record keys their layouts follow and, where the
    exports were written from ``table``, the counts their columns come from."""
    from casegraph.io import write_bytes_atomic

    types = relations = None
    if table is not None:
        nodes = [n for n, _r, _f in table.nodes]
        edges = [(u, v, k) for u, v, k, _r, _f in table.edges]
        types = [table.type_of(n, raw) for n, raw, _f in table.nodes]
        relations = [table.relation_of(u, v, k, raw) for u, v, k, raw, _f in table.edges]
    else:
        from casegraph.store.index import open_index
        index = open_index(root)
        if index is None:
            return
        try:
            db = index.connection
            nodes = [n for (n,) in db.execute("SELECT id FROM nodes ORDER BY id")]
            edges = db.execute("SELECT source, target, key FROM edges "
                               "ORDER BY source, target, key").fetchall()
        finally:
            index.close()
    data = {"graph_sha256": graph_sha256, "nodes": nodes, "edges": edges, "types": types,
            "relations": relations,
            "graph_columns": None if table is None else graph_columns(table.graph),
            "kinds": None if table is None else {
                scope: {key: {kind.__name__: count for kind, count in kinds.items()}
                        for key, kinds in table._kinds(scope).items()}
                for scope in ("node", "edge")},
            "case_keys": None if table is None else case_keys(table)}
    folder = root / LAYOUT_DIR
    folder.mkdir(exist_ok=True)
    try:
        text = orjson.dumps(data)
    except TypeError:  # a value orjson cannot write (an integer past 64 bits): no splicing
        (folder / RECORDS_FILE).unlink(missing_ok=True)
        return
    write_bytes_atomic(folder / RECORDS_FILE, text, fsync=False)


def read_records(root: Path, graph_sha256: str) -> dict[str, Any] | None:
    """What :func:`write_records` kept, where it was kept for the ``graph.json`` whose
    SHA-256 is ``graph_sha256`` (else None)."""
    try:
        data = orjson.loads((root / LAYOUT_DIR / RECORDS_FILE).read_bytes())
        if data.get("graph_sha256") != graph_sha256:
            return None
        data["edges"] = [tuple(edge) for edge in data["edges"]]
        if data["kinds"] is not None:
            data["kinds"] = {scope: {key: {_TYPES[name]: count for name, count in kinds.items()}
                                     for key, kinds in found.items()}
                             for scope, found in data["kinds"].items()}
        return data
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
