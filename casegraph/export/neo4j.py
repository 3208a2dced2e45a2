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

import csv
import io
import json
import os
import re
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterator

import networkx as nx

from casegraph.export._flat import (coerce, column_types, flatten, source_docs, to_json,
                                    write_file)

__all__ = ["label_of", "type_of", "cypher_statements", "write_neo4j"]

BATCH = 1000
# Python type of a flattened column -> the import tool's type name.
_CSV_TYPES = {int: "long", float: "double", bool: "boolean", str: "string"}
_SCHEMA = "CREATE CONSTRAINT IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
_MERGE_NODES = "UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET n += row.props"
_MERGE_EDGES = ("UNWIND $rows AS row MATCH (a:{start} {{id: row.start}}) "
                "MATCH (b:{end} {{id: row.end}}) "
                "MERGE (a)-[r:{type} {{key: row.key}}]->(b) SET r += row.props")


def label_of(node_type: Any) -> str:
    """The node label for a node ``type``: ``"case"`` -> ``"Case"`` (``"Node"`` if empty)."""
    name = _identifier(str(node_type or ""))
    return name[:1].upper() + name[1:] if name else "Node"


def type_of(relation: Any) -> str:
    """The relationship type for a relation: ``"close_contact"`` -> ``"CLOSE_CONTACT"``."""
    return _identifier(str(relation or "")).upper() or "RELATED_TO"


def _identifier(text: str) -> str:
    name = re.sub(r"[^A-Za-z0-9_]", "", text)
    return f"_{name}" if name[:1].isdigit() else name


def cypher_statements(G: nx.MultiDiGraph, batch: int = BATCH) -> Iterator[tuple[str, dict]]:
    """``(query, {"rows": [...]})`` pairs that MERGE ``G`` into a Neo4j database.

    Nodes first (grouped by label), then relationships (grouped by start label, type and
    end label), ``batch`` rows a statement.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("c1", type="case", name='病例1"})<x>')
    >>> query, params = next(cypher_statements(G))
    >>> query
    'UNWIND $rows AS row MERGE (n:Case {id: row.id}) SET n += row.props'
    >>> params["rows"][0]["props"]["name"]
    '病例1"})<x>'
    """
    nodes: dict[str, list] = defaultdict(list)
    for node, attrs in G.nodes(data=True):
        nodes[label_of(attrs.get("type"))].append({"id": str(node), "props": _props(attrs)})
    for label, rows in nodes.items():
        yield from _batches(_MERGE_NODES.format(label=label), rows, batch)
    edges: dict[tuple[str, str, str], list] = defaultdict(list)
    for u, v, k, attrs in G.edges(keys=True, data=True):
        group = (_label(G, u), type_of(attrs.get("relation", k)), _label(G, v))
        edges[group].append({"start": str(u), "end": str(v), "key": str(k),
                             "props": _props(attrs)})
    for (start, rel, end), rows in edges.items():
        yield from _batches(_MERGE_EDGES.format(start=start, type=rel, end=end), rows, batch)


def write_neo4j(G: nx.MultiDiGraph, out_dir: str | os.PathLike) -> list[Path]:
    """Write ``nodes.csv``, ``relationships.csv``, ``load.cypher`` and ``load.json``."""
    out = Path(out_dir)
    statements = list(cypher_statements(G))
    return [_write_nodes(G, out / "nodes.csv"),
            _write_relationships(G, out / "relationships.csv"),
            write_file(out / "load.cypher", _cypher_script(G, statements)),
            write_file(out / "load.json", json.dumps(
                {"statements": [{"statement": q, "parameters": p} for q, p in statements]},
                ensure_ascii=False))]


def _label(G: nx.MultiDiGraph, node: Any) -> str:
    return label_of(G.nodes[node].get("type"))


def _props(attrs: dict[str, Any]) -> dict[str, Any]:
    """Properties Neo4j can store: scalars and lists of strings/numbers; the rest as JSON."""
    props: dict[str, Any] = {}
    for key, value in attrs.items():
        if value is None:
            continue
        if key == "sources":
            props["docs"] = source_docs(value)
            value = to_json(value)
        elif isinstance(value, (list, tuple)) and _homogeneous(value):
            value = list(value)
        else:
            value = flatten(value)
        props[str(key)] = value
    return props


def _homogeneous(values: Any) -> bool:
    kinds = {type(v) for v in values}
    return len(kinds) == 1 and kinds <= {str, int, float, bool}


def _batches(query: str, rows: list, size: int) -> Iterator[tuple[str, dict]]:
    for i in range(0, len(rows), size):
        yield query, {"rows": rows[i:i + size]}


def _cypher_script(G: nx.MultiDiGraph, statements: list[tuple[str, dict]]) -> str:
    labels = sorted({_label(G, n) for n in G})
    lines = ["// casegraph: load into a running Neo4j. Every value is a parameter ($rows);",
             "// load.json holds each statement with its rows (HTTP transaction format).",
             "// Run the constraints first, in their own transaction.", ""]
    lines += [_SCHEMA.format(label=label) + ";" for label in labels]
    lines.append("")
    seen: list[str] = []
    for query, _ in statements:
        if query not in seen:
            seen.append(query)
    lines += [query + ";" for query in seen]
    return "\n".join(lines) + "\n"


def _write_nodes(G: nx.MultiDiGraph, path: Path) -> Path:
    records = [_csv_record(attrs) for _, attrs in G.nodes(data=True)]
    kinds = column_types(records)
    keys = sorted(kinds)
    header = ["id:ID", ":LABEL"] + [f"{k}:{_CSV_TYPES[kinds[k]]}" for k in keys]
    rows = ([str(n), label_of(a.get("type"))] + [_cell(r.get(k), kinds[k]) for k in keys]
            for (n, a), r in zip(G.nodes(data=True), records))
    return _write_csv(path, header, rows)


def _write_relationships(G: nx.MultiDiGraph, path: Path) -> Path:
    edges = list(G.edges(keys=True, data=True))
    records = [dict(_csv_record(d), key=str(k)) for _, _, k, d in edges]
    kinds = column_types(records)
    keys = sorted(kinds)
    header = [":START_ID", ":END_ID", ":TYPE"] + [f"{k}:{_CSV_TYPES[kinds[k]]}" for k in keys]
    rows = ([str(u), str(v), type_of(d.get("relation", k))]
            + [_cell(r.get(key), kinds[key]) for key in keys]
            for (u, v, k, d), r in zip(edges, records))
    return _write_csv(path, header, rows)


def _csv_record(attrs: dict[str, Any]) -> dict[str, Any]:
    record = {_column(k): flatten(v) for k, v in attrs.items() if v is not None}
    if "sources" in attrs:
        record["docs"] = source_docs(attrs["sources"])
    return record


def _column(key: Any) -> str:
    # ':' separates a header field's name from its type; keep names free of it.
    return str(key).replace(":", "_")


def _cell(value: Any, kind: type) -> Any:
    value = coerce(value, kind)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def _write_csv(path: Path, header: list[str], rows: Any) -> Path:
    text = io.StringIO()
    writer = csv.writer(text, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return write_file(path, text.getvalue())

