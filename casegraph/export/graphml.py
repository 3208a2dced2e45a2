"""GraphML and GEXF (what Gephi, Cytoscape and yEd open), through networkx's writers.

Both formats hold one scalar per attribute and one type per attribute name, so every value
is flattened (:mod:`casegraph.export._flat`): ``sources`` becomes JSON text plus a ``docs``
column of document ids, lists and dicts become JSON text, and a name whose values mix types
becomes text throughout. XML escaping is the writer's; characters XML cannot hold are dropped.
"""
from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any, Callable

import networkx as nx

from casegraph.export._flat import (coerce, column_types, flatten, source_docs, write_file,
                                    xml_safe)

__all__ = ["flat_graph", "write_graphml", "write_gexf"]


def flat_graph(G: nx.MultiDiGraph, label: bool = False) -> nx.MultiDiGraph:
    """A copy of ``G`` whose attributes are all typed scalars (one type per name).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A per-document or merged case graph.
    label : bool
        Also set ``label`` to the node's name (GEXF viewers show it).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("case:1", type="case", name="病例1", aliases=["一号"],
    ...            sources=[{"doc": "d1", "start": 0, "end": 9}])
    >>> flat_graph(G).nodes["case:1"]["aliases"], flat_graph(G).nodes["case:1"]["docs"]
    ('["一号"]', 'd1')
    """
    nodes = {xml_safe(str(n)): _flat_attrs(d) for n, d in G.nodes(data=True)}
    if label:
        for n, attrs in nodes.items():
            attrs.setdefault("label", str(attrs.get("name", n)))
    edges = [(xml_safe(str(u)), xml_safe(str(v)), xml_safe(str(k)), _flat_attrs(d))
             for u, v, k, d in G.edges(keys=True, data=True)]  # ids hold document ids
    H = nx.MultiDiGraph()
    H.graph.update(_typed([_flat_attrs(G.graph)])[0])
    H.add_nodes_from(zip(nodes, _typed(list(nodes.values()))))
    for (u, v, k, _), attrs in zip(edges, _typed([e[3] for e in edges])):
        H.add_edge(u, v, key=k, **attrs)
    return H


def write_graphml(G: nx.MultiDiGraph, path: str | os.PathLike) -> Path:
    """Write ``G`` as GraphML (read back with ``networkx.read_graphml``); return the path."""
    return _write(nx.write_graphml, flat_graph(G), path)


def write_gexf(G: nx.MultiDiGraph, path: str | os.PathLike) -> Path:
    """Write ``G`` as GEXF 1.2 with names as labels (Gephi's own format); return the path."""
    return _write(nx.write_gexf, flat_graph(G, label=True), path)


def _write(writer: Callable[..., Any], H: nx.MultiDiGraph, path: str | os.PathLike) -> Path:
    buffer = io.BytesIO()
    writer(H, buffer)
    return write_file(path, buffer.getvalue())


def _flat_attrs(attrs: dict[str, Any]) -> dict[str, Any]:
    flat = {str(k): xml_safe(flatten(v)) for k, v in attrs.items()}
    if "sources" in attrs:
        flat["docs"] = xml_safe(source_docs(attrs["sources"]))
    return {k: v for k, v in flat.items() if v is not None}


def _typed(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    kinds = column_types(records)
    return [{k: coerce(v, kinds[k]) for k, v in r.items()} for r in records]
