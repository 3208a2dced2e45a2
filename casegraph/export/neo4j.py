"""Neo4j: CSV files for ``neo4j-admin database import`` and parameterised Cypher for a server.

``nodes.csv`` and ``relationships.csv`` carry the import tool's header fields (``id:ID``,
``:LABEL``, ``:START_ID``, ``:END_ID``, ``:TYPE``) and typed properties (``age:int``,
``cluster:boolean``, ``cases:long``...); lists, maps and ``sources`` are JSON text. Import::

    neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv \\
        --multiline-fields=true neo4j

For a running server, ``load.cypher`` holds the statements (``UNWIND $rows AS row MERGE ...``)
and ``load.json`` the same statements with their ``rows`` parameters, in the body format of
Neo4j's HTTP transaction endpoint. Values only ever travel as parameters; labels and
relationship types, which Cypher cannot take as parameters, come from the schema's names,
reduced to ``[A-Za-z0-9_]``. With the Python driver::

    for query, params in cypher_statements(G):
        session.run(query, params)
"""
from __future__ import annotations

import functools
import json
import os
import re
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator



if TYPE_CHECKING:  # networkx loads only where a graph is built
    import networkx as nx

from casegraph.export._flat import coerce, column_types, write_chunks, write_csv_records, \
    write_file
from casegraph.export.splice import Sink
from casegraph.export.table import Table, table_of

__all__ = ["label_of", "type_of", "cypher_statements", "write_neo4j"]

BATCH = 1000
# Python type of a flattened column -> the import tool's type name.
_CSV_TYPES = {int: "long", float: "double", bool: "boolean", str: "string"}
_SCHEMA = "CREATE CONSTRAINT IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
_MERGE_NODES = "UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET n += row.props"
_MERGE_EDGES = ("UNWIND $rows AS row MATCH (a:{start} {{id: row.start}}) "
                "MATCH (b:{end} {{id: row.end}}) "
                "MERGE (a)-[r:{type} {{key: row.key}}]->(b) SET r += row.props")


@functools.lru_cache(maxsize=4096, typed=True)
def label_of(node_type: Any) -> str:
    """The node label for a node ``type``: ``"case"`` -> ``"Case"`` (``"Node"`` if empty)."""
    name = _identifier(str(node_type or ""))
    return name[:1].upper() + name[1:] if name else "Node"


@functools.lru_cache(maxsize=4096, typed=True)
def type_of(relation: Any) -> str:
    """The relationship type for a relation: ``"close_contact"`` -> ``"CLOSE_CONTACT"``."""
    return _identifier(str(relation or "")).upper() or "RELATED_TO"


def _identifier(text: str) -> str:
    name = re.sub(r"[^A-Za-z0-9_]", "", text)
    return f"_{name}" if name[:1].isdigit() else name


def cypher_statements(G: nx.MultiDiGraph | Table,
                      batch: int = BATCH) -> Iterator[tuple[str, dict]]:
    """``(query, {"rows": [...]})`` pairs that MERGE ``G`` into a Neo4j database.

    Nodes first (grouped by label, labels by name), then relationships (grouped by start
    label, type and end label), ``batch`` rows a statement.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("c1", type="case", name='病例1"})<x>')
    >>> query, params = next(cypher_statements(G))
    >>> query
    'UNWIND $rows AS row MERGE (n:Case {id: row.id}) SET n += row.props'
    >>> params["rows"][0]["props"]["name"]
    '病例1"})<x>'
    """
    table = G if isinstance(G, Table) else table_of(G)
    node_groups, edge_groups = _groups(table)
    for query, rows in _statements(node_groups, edge_groups, batch):
        yield query, {"rows": [_node_row(table.nodes[i]) if kind == "node" else
                               _edge_row(table.edges[i]) for kind, i in rows]}


def _groups(table: Table) -> tuple[dict[str, list[int]], dict[tuple[str, str, str], list[int]]]:
    """The rows of the nodes by label and of the edges by (start label, type, end label),
    each sorted by name (in the table's order within a group)."""
    nodes: dict[str, list[int]] = defaultdict(list)
    labels: dict[str, str] = {}
    types = table.types or {}
    for i, (node, raw, _flat) in enumerate(table.nodes):
        kind = raw.get("type") if raw is not None else types[node]
        labels[node] = label = label_of(kind if kind.__class__ is str else _hashable(kind))
        nodes[label].append(i)
    edges: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    relations = table.relations or {}
    for i, (u, v, k, raw, _flat) in enumerate(table.edges):
        relation = raw.get("relation", k) if raw is not None else relations[u, v, k]
        edges[labels.get(u, "Node"), type_of(relation if relation.__class__ is str
                                             else _hashable(relation)),
              labels.get(v, "Node")].append(i)
    return dict(sorted(nodes.items())), dict(sorted(edges.items()))


def _statements(nodes: dict[str, list[int]], edges: dict[tuple[str, str, str], list[int]],
                batch: int) -> Iterator[tuple[str, list[tuple[str, int]]]]:
    """``(query, [(kind, row), ...])`` per statement: ``batch`` rows each."""
    for label, rows in nodes.items():
        query = _MERGE_NODES.format(label=label)
        for at in range(0, len(rows), batch):
            yield query, [("node", i) for i in rows[at:at + batch]]
    for (start, rel, end), rows in edges.items():
        query = _MERGE_EDGES.format(start=start, type=rel, end=end)
        for at in range(0, len(rows), batch):
            yield query, [("edge", i) for i in rows[at:at + batch]]


def _node_row(row: tuple) -> dict[str, Any]:
    node, raw, flat = row
    return {"id": node, "props": _props(raw, flat)}


def _edge_row(row: tuple) -> dict[str, Any]:
    u, v, k, raw, flat = row
    return {"start": u, "end": v, "key": k, "props": _props(raw, flat)}


def write_neo4j(G: nx.MultiDiGraph | Table, out_dir: str | os.PathLike,
                sinks: dict[str, Sink] | None = None) -> list[Path]:
    """Write ``nodes.csv``, ``relationships.csv``, ``load.cypher`` and ``load.json``
    (``sinks``: file name -> where its bytes go, copying unchanged records: :mod:`.splice`)."""
    table = G if isinstance(G, Table) else table_of(G)
    out = Path(out_dir)
    sinks = sinks or {}
    groups = _groups(table)
    statements = [query for query, _rows in _statements(*groups, BATCH)]
    return [_write_nodes(table, out / "nodes.csv", sinks.get("nodes.csv", Sink())),
            _write_relationships(table, out / "relationships.csv",
                                 sinks.get("relationships.csv", Sink())),
            write_file(out / "load.cypher", _cypher_script(groups[0], statements)),
            write_chunks(out / "load.json", _load_json(table, groups,
                                                       sinks.get("load.json", Sink())))]


def _load_json(table: Table, groups: tuple[dict, dict], sink: Sink) -> Iterator[bytes]:
    """``{"statements":[{"statement":...,"parameters":{"rows":[...]}},...]}``, a statement
    at a time (the same bytes as one ``orjson.dumps`` of the whole: compact UTF-8), each
    row a record of the sink."""
    import orjson

    nodes, edges = table.nodes, table.edges
    yield sink.text('{"statements":[')
    for number, (query, rows) in enumerate(_statements(*groups, BATCH)):
        yield from sink.put(("," if number else "") + '{"statement":' +
                            orjson.dumps(query).decode() + ',"parameters":{"rows":[')
        if rows[0][0] == "node":
            found = [nodes[i] for _kind, i in rows]
            yield from sink.records("nodes", [row[0] for row in found], found,
                                    lambda row: _json(_node_row(row)), sep=",")
        else:
            found = [edges[i] for _kind, i in rows]
            yield from sink.records("edges", [row[:3] for row in found], found,
                                    lambda row: _json(_edge_row(row)), sep=",")
        yield from sink.put("]}}")
    yield from sink.put("]}")


def _json(value: Any) -> bytes:
    """Compact UTF-8 JSON, by orjson (by json where orjson cannot: an integer past 64
    bits)."""
    import orjson

    try:
        return orjson.dumps(value)
    except TypeError:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _hashable(value: Any) -> Any:
    return value if value is None or isinstance(value, (str, int, float, bool)) else str(value)


def _props(raw: dict[str, Any], flat: dict[str, Any]) -> dict[str, Any]:
    """Properties Neo4j can store: scalars and lists of strings/numbers; the rest as JSON
    (``sources`` as JSON text, and its document ids as ``docs``)."""
    props: dict[str, Any] = {}
    for key, value in raw.items():
        if value is None:
            continue
        name = key if key.__class__ is str else str(key)
        if key == "sources":
            props["docs"] = flat["docs"]
            value = flat[name]
        elif value.__class__ in _SEQUENCES and _homogeneous(value):
            value = list(value)
        else:
            value = flat[name]
        props[name] = value
    return props


_SEQUENCES = frozenset((list, tuple))
_SCALAR_TYPES = frozenset((str, int, float, bool))


def _homogeneous(values: Any) -> bool:
    """A non-empty list of values of one scalar type (what a Neo4j list property holds).
    (The lists are short, a name or two: a loop beats building a set of types.)"""
    kind = values[0].__class__ if values else None
    for value in values:
        if value.__class__ is not kind:
            return False
    return kind in _SCALAR_TYPES


def _batches(query: str, rows: list, size: int) -> Iterator[tuple[str, dict]]:
    for i in range(0, len(rows), size):
        yield query, {"rows": rows[i:i + size]}


def _cypher_script(node_groups: dict[str, list[int]], statements: list[str]) -> str:
    lines = ["// casegraph: load into a running Neo4j. Every value is a parameter ($rows);",
             "// load.json holds each statement with its rows (HTTP transaction format).",
             "// Run the constraints first, in their own transaction.", ""]
    lines += [_SCHEMA.format(label=label) + ";" for label in sorted(node_groups)]
    lines.append("")
    lines += [query + ";" for query in dict.fromkeys(statements)]
    return "\n".join(lines) + "\n"


def _write_nodes(table: Table, path: Path, sink: Sink) -> Path:
    renamed = any(":" in key for key in table.node_types)
    records = [_csv_record(flat) for _n, _r, flat in table.nodes] if renamed else None
    kinds = column_types(records) if renamed else table.node_types
    keys = sorted(kinds)
    header = ["id:ID", ":LABEL"] + [f"{k}:{_CSV_TYPES[kinds[k]]}" for k in keys]
    cells = _cells(keys, kinds, records, odd=None if renamed else table.mixed("node"))
    return _write_csv(path, header, sink, "nodes", table.record_keys["nodes"], table.nodes,
                      lambda row: [row[0], label_of(_hashable(table.type_of(row[0], row[1])))]
                      + cells(_csv_record(row[2])))


def _write_relationships(table: Table, path: Path, sink: Sink) -> Path:
    renamed = any(":" in key for key in table.edge_types)
    records = [_csv_record(e[4]) for e in table.edges] if renamed else None
    kinds = {**(column_types(records) if renamed else table.edge_types), "key": str}
    keys = sorted(kinds)
    header = [":START_ID", ":END_ID", ":TYPE"] + [f"{k}:{_CSV_TYPES[kinds[k]]}" for k in keys]
    cells = _cells(keys, kinds, records, with_key=True,
                   odd=None if renamed else table.mixed("edge"))
    return _write_csv(path, header, sink, "edges", table.record_keys["edges"], table.edges,
                      lambda row: [row[0], row[1], type_of(_hashable(row[3].get("relation",
                                                                                row[2])))]
                      + cells(_csv_record(row[4]), row[2]))


def _csv_record(flat: dict[str, Any]) -> dict[str, Any]:
    # ':' separates a header field's name from its type; keep names free of it.
    for key in flat:
        if ":" in key:
            return {key.replace(":", "_"): value for key, value in flat.items()}
    return flat


def _cells(keys: list[str], kinds: dict[str, type], records: list[dict[str, Any]],
           with_key: bool = False, odd: set[str] | None = None) -> Any:
    """``cells(record[, key])``: a record's cells in ``keys`` order, each in its column's
    type (booleans as ``true``/``false``, missing values empty); with ``with_key``, the
    ``key`` column is the edge key. ``odd``, where known, holds the keys some of whose
    values are not of their column's type (else they are looked for)."""
    if odd is None:
        odd = set()
        for record in records:
            for key, value in record.items():
                if value.__class__ is not kinds[key]:
                    odd.add(key)
    odd = odd | {key for key, kind in kinds.items() if kind is bool}
    at_key = keys.index("key") if with_key else -1
    odd_at = [(i, kinds[key]) for i, key in enumerate(keys) if key in odd and i != at_key]

    blank = dict.fromkeys(keys, "")
    width = len(keys)

    def cells(record: dict[str, Any], key: str | None = None) -> list[Any]:
        row = {**blank, **record}  # in the order of ``keys``, missing values empty
        row = list(row.values()) if len(row) == width else [record.get(k, "") for k in keys]
        if at_key >= 0:
            row[at_key] = key
        for i, kind in odd_at:
            value = row[i]
            if value != "":
                value = coerce(value, kind)
                row[i] = ("true" if value else "false") if value.__class__ is bool else value
        return row

    return cells


def _write_csv(path: Path, header: list[str], sink: Sink, section: str, keys: list[Any],
               rows: list[Any], cells: Callable[[Any], list[Any]], whole: bool = True) -> Path:
    return write_csv_records(path, header, sink, section, keys, rows, cells, "\n", whole)
