"""GraphML and GEXF (what Gephi, Cytoscape and yEd open), written as a stream.

Both formats hold one scalar per attribute and one type per attribute name, so every value
is flattened (:mod:`casegraph.export._flat`): ``sources`` becomes JSON text plus a ``docs``
column of document ids, lists and dicts become JSON text, and a name whose values mix types
becomes text throughout. Characters XML cannot hold are dropped.

The files are written element by element to a temporary file (no document tree in memory:
networkx's writers build one, which took most of an export's time), in the layout networkx's
readers expect: ``networkx.read_graphml`` and ``read_gexf`` give back the graph that
:func:`flat_graph` describes, edge keys included.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import networkx as nx

from casegraph.export._flat import (coerce, column_types, flatten, source_docs, write_chunks,
                                    xml_safe)

__all__ = ["Flat", "flatten_graph", "flat_graph", "write_graphml", "write_gexf"]

_GRAPHML_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}
_GEXF_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}
_CHUNK = 2000  # elements per write
_XML_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_XML_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                           "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


@dataclass
class Flat:
    """A graph with typed scalar attributes, as both formats need it (see the module)."""

    graph: dict[str, Any]
    nodes: list[tuple[str, dict[str, Any]]]
    edges: list[tuple[str, str, str, dict[str, Any]]]
    graph_types: dict[str, type]
    node_types: dict[str, type]
    edge_types: dict[str, type]


def flatten_graph(G: nx.MultiDiGraph, label: bool = False) -> Flat:
    """The flattened, typed attributes of ``G`` (``label``: nodes get their name as
    ``label``, which GEXF viewers show)."""
    nodes = [(xml_safe(str(n)), _flat_attrs(d)) for n, d in G.nodes(data=True)]
    if label:
        for n, attrs in nodes:
            attrs.setdefault("label", str(attrs.get("name", n)))
    edges = [(xml_safe(str(u)), xml_safe(str(v)), xml_safe(str(k)), _flat_attrs(d))
             for u, v, k, d in G.edges(keys=True, data=True)]  # ids hold document ids
    graph = _flat_attrs(G.graph)
    kinds = [column_types([graph]), column_types(a for _n, a in nodes),
             column_types(e[3] for e in edges)]
    return Flat(_typed(graph, kinds[0]), [(n, _typed(a, kinds[1])) for n, a in nodes],
                [(u, v, k, _typed(a, kinds[2])) for u, v, k, a in edges], *kinds)


def flat_graph(G: nx.MultiDiGraph, label: bool = False) -> nx.MultiDiGraph:
    """A copy of ``G`` whose attributes are all typed scalars (one type per name): what the
    written files read back as.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("case:1", type="case", name="病例1", aliases=["一号"],
    ...            sources=[{"doc": "d1", "start": 0, "end": 9}])
    >>> flat_graph(G).nodes["case:1"]["aliases"], flat_graph(G).nodes["case:1"]["docs"]
    ('["一号"]', 'd1')
    """
    flat = flatten_graph(G, label)
    H = nx.MultiDiGraph()
    H.graph.update(flat.graph)
    H.add_nodes_from(flat.nodes)
    H.add_edges_from((u, v, k, a) for u, v, k, a in flat.edges)
    return H


def write_graphml(G: nx.MultiDiGraph | Flat, path: str | os.PathLike) -> Path:
    """Write ``G`` as GraphML (read back with ``networkx.read_graphml``); return the path."""
    flat = G if isinstance(G, Flat) else flatten_graph(G)
    return write_chunks(path, _encoded(_graphml(flat)))


def write_gexf(G: nx.MultiDiGraph | Flat, path: str | os.PathLike) -> Path:
    """Write ``G`` as GEXF 1.2 with names as labels (Gephi's own format); return the path."""
    flat = G if isinstance(G, Flat) else flatten_graph(G)
    return write_chunks(path, _encoded(_gexf(flat)))


# --- GraphML ---------------------------------------------------------------------------------

def _graphml(flat: Flat) -> Iterator[str]:
    yield ("<?xml version='1.0' encoding='utf-8'?>\n"
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
           'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
    keys: dict[tuple[str, str], str] = {}
    for scope, kinds in (("graph", flat.graph_types), ("node", flat.node_types),
                         ("edge", flat.edge_types)):
        for name, kind in kinds.items():
            keys[scope, name] = f"d{len(keys)}"
            yield (f'  <key id="{keys[scope, name]}" for="{scope}" attr.name="{_attr(name)}" '
                   f'attr.type="{_GRAPHML_TYPES[kind]}" />\n')
    yield '  <graph edgedefault="directed">\n'
    for name, value in flat.graph.items():
        yield f'    <data key="{keys["graph", name]}">{_text(value)}</data>\n'
    for chunk in _chunked(flat.nodes):
        yield "".join(f'    <node id="{_attr(n)}">\n{_graphml_data(keys, "node", attrs)}    </node>\n'
                      for n, attrs in chunk)
    for chunk in _chunked(flat.edges):
        yield "".join(f'    <edge source="{_attr(u)}" target="{_attr(v)}" id="{_attr(k)}">\n'
                      f'{_graphml_data(keys, "edge", attrs)}    </edge>\n'
                      for u, v, k, attrs in chunk)
    yield "  </graph>\n</graphml>\n"


def _graphml_data(keys: dict[tuple[str, str], str], scope: str, attrs: dict[str, Any]) -> str:
    return "".join(f'      <data key="{keys[scope, name]}">{_text(value)}</data>\n'
                   for name, value in attrs.items())


# --- GEXF ------------------------------------------------------------------------------------

def _gexf(flat: Flat) -> Iterator[str]:
    yield ("<?xml version='1.0' encoding='utf-8'?>\n"
           '<gexf xmlns="http://www.gexf.net/1.2draft" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" '
           'version="1.2">\n'
           f'  <meta lastmodifieddate="{time.strftime("%Y-%m-%d")}">\n'
           "    <creator>casegraph</creator>\n  </meta>\n"
           '  <graph defaultedgetype="directed" mode="static" name="">\n')
    node_types = {k: v for k, v in flat.node_types.items() if k != "label"}  # the node's own
    node_ids = {name: str(i) for i, name in enumerate(node_types)}
    edge_types = {**flat.edge_types, "networkx_key": str}  # read_gexf gives edge keys back
    edge_ids = {name: str(len(node_ids) + i) for i, name in enumerate(edge_types)}
    for scope, ids, kinds in (("node", node_ids, node_types), ("edge", edge_ids, edge_types)):
        yield f'    <attributes mode="static" class="{scope}">\n'
        for name, kind in kinds.items():
            yield (f'      <attribute id="{ids[name]}" title="{_attr(name)}" '
                   f'type="{_GEXF_TYPES[kind]}" />\n')
        yield "    </attributes>\n"
    yield "    <nodes>\n"
    for chunk in _chunked(flat.nodes):
        yield "".join(f'      <node id="{_attr(n)}" label="{_attr(attrs.get("label", attrs.get("name", n)))}">\n'
                      f'{_gexf_values(node_ids, attrs)}      </node>\n' for n, attrs in chunk)
    yield "    </nodes>\n    <edges>\n"
    number = 0
    for chunk in _chunked(flat.edges):
        parts = []
        for u, v, k, attrs in chunk:
            parts.append(f'      <edge source="{_attr(u)}" target="{_attr(v)}" id="{number}">\n'
                         f'{_gexf_values(edge_ids, {**attrs, "networkx_key": k})}      </edge>\n')
            number += 1
        yield "".join(parts)
    yield "    </edges>\n  </graph>\n</gexf>\n"


def _gexf_values(ids: dict[str, str], attrs: dict[str, Any]) -> str:
    values = "".join(f'          <attvalue for="{ids[name]}" value="{_attr(value)}" />\n'
                     for name, value in attrs.items() if name != "label")
    return f"        <attvalues>\n{values}        </attvalues>\n" if values else ""


# --- shared ----------------------------------------------------------------------------------

def _flat_attrs(attrs: dict[str, Any]) -> dict[str, Any]:
    flat = {str(k): xml_safe(flatten(v)) for k, v in attrs.items()}
    if "sources" in attrs:
        flat["docs"] = xml_safe(source_docs(attrs["sources"]))
    return {k: v for k, v in flat.items() if v is not None}


def _typed(attrs: dict[str, Any], kinds: dict[str, type]) -> dict[str, Any]:
    return {k: coerce(v, kinds[k]) for k, v in attrs.items()}


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _text(value: Any) -> str:
    return _value(value).translate(_XML_TEXT)


def _attr(value: Any) -> str:
    return _value(value).translate(_XML_ATTR)


def _chunked(items: list) -> Iterator[list]:
    for start in range(0, len(items), _CHUNK):
        yield items[start:start + _CHUNK]


def _encoded(parts: Iterator[str]) -> Iterator[bytes]:
    return (part.encode("utf-8") for part in parts)
