"""GraphML and GEXF (what Gephi, Cytoscape and yEd open), written as a stream.

Both formats hold one scalar per attribute and one type per attribute name, so every value
is flattened (:mod:`casegraph.export.table`): ``sources`` becomes JSON text plus a ``docs``
column of document ids, lists and dicts become JSON text, and a name whose values mix types
becomes text throughout. Characters XML cannot hold are dropped.

The files are written element by element to a temporary file (no document tree in memory:
networkx's writers build one, which took most of an export's time), in the layout networkx's
readers expect: ``networkx.read_graphml`` and ``read_gexf`` give back the graph that
:func:`flat_graph` describes, edge keys included.
"""
from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator



if TYPE_CHECKING:  # networkx loads only where a graph is built
    import networkx as nx

from casegraph.export._flat import coerce, column_types, write_chunks, xml_safe
from casegraph.export.splice import Sink
from casegraph.export.table import Table, flat_attrs, table_of

__all__ = ["flat_graph", "write_graphml", "write_gexf", "redated_gexf", "graph_columns"]

_GRAPHML_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}
_GEXF_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}
_CHUNK = 2000  # records per write


def flat_graph(G: nx.MultiDiGraph, label: bool = False) -> nx.MultiDiGraph:
    """A copy of ``G`` whose attributes are all typed scalars (one type per name): what the
    written files read back as (``label``: nodes get their name as ``label``, as GEXF has).

    >>> import networkx as nx

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("case:1", type="case", name="病例1", aliases=["一号"],
    ...            sources=[{"doc": "d1", "start": 0, "end": 9}])
    >>> flat_graph(G).nodes["case:1"]["aliases"], flat_graph(G).nodes["case:1"]["docs"]
    ('["一号"]', 'd1')
    """
    table = table_of(G)
    import networkx as nx

    H = nx.MultiDiGraph()
    H.graph.update(_graph_attrs(table)[0])
    H.add_nodes_from((n, attrs) for n, attrs in _nodes(table))
    if label:
        for n, attrs in H.nodes(data=True):
            attrs.setdefault("label", str(attrs.get("name", n)))
    H.add_edges_from(_edges(table))
    return H


def write_graphml(G: nx.MultiDiGraph | Table, path: str | os.PathLike,
                  sink: Sink | None = None) -> Path:
    """Write ``G`` as GraphML (read back with ``networkx.read_graphml``); return the path.
    (``sink``: where the bytes go, copying unchanged records: :mod:`.splice`.)"""
    table = G if isinstance(G, Table) else table_of(G)
    return write_chunks(path, _graphml(table, sink or Sink()))


def write_gexf(G: nx.MultiDiGraph | Table, path: str | os.PathLike,
               sink: Sink | None = None) -> Path:
    """Write ``G`` as GEXF 1.2 with names as labels (Gephi's own format); return the path."""
    table = G if isinstance(G, Table) else table_of(G)
    return write_chunks(path, _gexf(table, sink or Sink()))


# --- the typed, XML-safe attributes ----------------------------------------------------------

def _graph_attrs(table: Table) -> tuple[dict[str, Any], dict[str, type]]:
    flat = {k: xml_safe(v) for k, v in flat_attrs(table.graph).items()}
    return flat, column_types([flat])


def graph_columns(graph: dict[str, Any]) -> list[tuple[str, str]]:
    """The graph-level columns GraphML numbers first (name, type), in order: a change in
    them renumbers every node's and edge's columns (:mod:`casegraph.export.changed`)."""
    flat = {k: xml_safe(v) for k, v in flat_attrs(graph).items()}
    return [(name, kind.__name__) for name, kind in column_types([flat]).items()]


def _safe(table: Table, scope: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """A record's flattened attributes XML-safe and each in its column's type."""
    kinds, mixed, clean = table.node_types if scope == "node" else table.edge_types, \
        table.mixed(scope), table.clean

    def safe(attrs: dict[str, Any]) -> dict[str, Any]:
        if not clean:
            attrs = {name: xml_safe(value) for name, value in attrs.items()}
        if mixed:
            attrs = {name: coerce(value, kinds[name]) if name in mixed else value
                     for name, value in attrs.items()}
        return attrs

    return safe


def _nodes(table: Table) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(id, attributes)`` per node, XML-safe and in their column's type."""
    safe = _safe(table, "node")
    for n, _raw, attrs in table.nodes:
        yield (n if table.clean else xml_safe(n)), safe(attrs)


def _edges(table: Table) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    safe = _safe(table, "edge")
    for u, v, k, _raw, attrs in table.edges:
        if not table.clean:
            u, v, k = xml_safe(u), xml_safe(v), xml_safe(k)
        yield u, v, k, safe(attrs)


# --- GraphML ---------------------------------------------------------------------------------

def _graphml(table: Table, sink: Sink) -> Iterator[bytes]:
    head = ["<?xml version='1.0' encoding='utf-8'?>\n"
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
            'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n']
    graph, graph_types = _graph_attrs(table)
    keys: dict[tuple[str, str], str] = {}
    for scope, kinds in (("graph", graph_types), ("node", table.node_types),
                         ("edge", table.edge_types)):
        for name, kind in kinds.items():
            keys[scope, name] = f"d{len(keys)}"
            head.append(f'  <key id="{keys[scope, name]}" for="{scope}" '
                        f'attr.name="{_attr(name)}" attr.type="{_GRAPHML_TYPES[kind]}" />\n')
    head.append('  <graph edgedefault="directed">\n')
    head += [f'    <data key="{keys["graph", name]}">{_text(value)}</data>\n'
             for name, value in graph.items()]
    yield sink.text("".join(head))
    text, attr = (_plain_text, _plain_attr) if table.plain else (_text, _attr)
    node_data = {name: f'      <data key="{keys["node", name]}">' for name in table.node_types}
    edge_data = {name: f'      <data key="{keys["edge", name]}">' for name in table.edge_types}
    safe_node, safe_edge, clean = _safe(table, "node"), _safe(table, "edge"), table.clean

    def node(n: str, flat: dict[str, Any]) -> str:
        attrs = safe_node(flat)
        return "".join([f'    <node id="{attr(n if clean else xml_safe(n))}">\n',
                        *[f"{node_data[name]}{text(value)}</data>\n"
                          for name, value in attrs.items()], "    </node>\n"])

    def edge(u: str, v: str, k: str, flat: dict[str, Any]) -> str:
        attrs = safe_edge(flat)
        if not clean:
            u, v, k = xml_safe(u), xml_safe(v), xml_safe(k)
        return "".join([f'    <edge source="{attr(u)}" target="{attr(v)}" id="{attr(k)}">\n',
                        *[f"{edge_data[name]}{text(value)}</data>\n"
                          for name, value in attrs.items()], "    </edge>\n"])

    keys = table.record_keys
    yield from sink.records("nodes", keys["nodes"], table.nodes, lambda row: node(row[0], row[2]),
                            whole=True)
    yield from sink.records("edges", keys["edges"], table.edges,
                            lambda row: edge(row[0], row[1], row[2], row[4]), whole=True)
    yield from sink.put("  </graph>\n</graphml>\n")


# --- GEXF ------------------------------------------------------------------------------------

def _gexf(table: Table, sink: Sink) -> Iterator[bytes]:
    head = ["<?xml version='1.0' encoding='utf-8'?>\n"
            '<gexf xmlns="http://www.gexf.net/1.2draft" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" '
            'version="1.2">\n'
            f'  <meta lastmodifieddate="{_today()}">\n'
            "    <creator>casegraph</creator>\n  </meta>\n"
            '  <graph defaultedgetype="directed" mode="static" name="">\n']
    node_types = {k: v for k, v in table.node_types.items() if k != "label"}  # the node's own
    node_ids = {name: str(i) for i, name in enumerate(node_types)}
    edge_types = {**table.edge_types, "networkx_key": str}  # read_gexf gives edge keys back
    edge_ids = {name: str(len(node_ids) + i) for i, name in enumerate(edge_types)}
    for scope, ids, kinds in (("node", node_ids, node_types), ("edge", edge_ids, edge_types)):
        head.append(f'    <attributes mode="static" class="{scope}">\n')
        head += [f'      <attribute id="{ids[name]}" title="{_attr(name)}" '
                 f'type="{_GEXF_TYPES[kind]}" />\n' for name, kind in kinds.items()]
        head.append("    </attributes>\n")
    head.append("    <nodes>\n")
    yield sink.text("".join(head))
    attr, clean = (_plain_attr if table.plain else _attr), table.clean
    node_value = {name: f'          <attvalue for="{i}" value="' for name, i in node_ids.items()}
    edge_value = {name: f'          <attvalue for="{i}" value="' for name, i in edge_ids.items()}
    key_value = edge_value.pop("networkx_key")
    safe_node, safe_edge = _safe(table, "node"), _safe(table, "edge")

    def node(n: str, flat: dict[str, Any]) -> str:
        attrs = safe_node(flat)
        n = n if clean else xml_safe(n)
        parts = [f'      <node id="{attr(n)}" '
                 f'label="{attr(attrs.get("label", attrs.get("name", n)))}">\n']
        values = [f'{node_value[name]}{attr(value)}" />\n'
                  for name, value in attrs.items() if name != "label"]
        if values:
            parts += ["        <attvalues>\n", *values, "        </attvalues>\n"]
        parts.append("      </node>\n")
        return "".join(parts)

    def edge(k: str, flat: dict[str, Any]) -> str:
        values = [f'{edge_value[name]}{attr(value)}" />\n'
                  for name, value in safe_edge(flat).items()]
        return "".join([*values, f'{key_value}{attr(k if clean else xml_safe(k))}" />\n'
                        "        </attvalues>\n      </edge>\n"])

    ends: dict[str, str] = {}  # node id -> as an XML attribute value

    def end(n: str) -> str:
        found = ends.get(n)
        if found is None:
            found = ends[n] = attr(n if clean else xml_safe(n))
        return found

    def head(i: int) -> str:  # the number is the edge's place: written each time
        u, v = table.edges[i][:2]
        return (f'      <edge source="{end(u)}" target="{end(v)}" id="{i}">\n'
                "        <attvalues>\n")

    keys = table.record_keys
    yield from sink.records("nodes", keys["nodes"], table.nodes, lambda row: node(row[0], row[2]),
                            whole=True)
    yield from sink.put("    </nodes>\n    <edges>\n")
    yield from sink.records("edges", keys["edges"], table.edges,
                            lambda row: edge(row[2], row[4]), before=head)
    yield from sink.put("    </edges>\n  </graph>\n</gexf>\n")


def _today() -> str:
    return time.strftime("%Y-%m-%d")


_GEXF_DATE = re.compile(rb'(<meta lastmodifieddate=")[0-9]{4}-[0-9]{2}-[0-9]{2}(")')


def redated_gexf(head: bytes) -> bytes:
    """The first bytes of a GEXF file written here (its header), dated today as a file
    written now would be (a copy of an earlier one: :mod:`casegraph.export.current`)."""
    return _GEXF_DATE.sub(lambda m: m[1] + _today().encode("ascii") + m[2], head, count=1)


# --- escaping --------------------------------------------------------------------------------

def _plain_text(value: Any) -> str:
    """:func:`_text` of a value known to hold no ``&<>`` nor control character."""
    if value.__class__ is str:
        return value
    if value.__class__ is bool:
        return "true" if value else "false"
    return str(value)


def _plain_attr(value: Any) -> str:
    """:func:`_attr` of a value known to hold no ``&<>`` nor control character."""
    if value.__class__ is str:
        return value.replace('"', "&quot;") if '"' in value else value
    if value.__class__ is bool:
        return "true" if value else "false"
    return str(value)


def _text(value: Any) -> str:
    """A value as XML element text."""
    if value.__class__ is str:
        if "&" in value:
            value = value.replace("&", "&amp;")
        if "<" in value:
            value = value.replace("<", "&lt;")
        if ">" in value:
            value = value.replace(">", "&gt;")
        return value
    if value.__class__ is bool:
        return "true" if value else "false"
    return str(value)


def _attr(value: Any) -> str:
    """A value as an XML attribute value (quotes and line breaks as references too)."""
    value = _text(value)
    if '"' in value:
        value = value.replace('"', "&quot;")
    if "\n" in value:
        value = value.replace("\n", "&#10;")
    if "\r" in value:
        value = value.replace("\r", "&#13;")
    if "\t" in value:
        value = value.replace("\t", "&#9;")
    return value


def _encoded(parts: Iterator[str]) -> Iterator[bytes]:
    return (part.encode("utf-8") for part in parts)
