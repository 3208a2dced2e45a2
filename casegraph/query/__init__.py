"""Questions to a merged case graph: chain, path, clusters, place, timeline, ego, find, stats.

Each question is written once (:mod:`casegraph.query.questions`) and reads the graph through
a backend (:mod:`casegraph.query.backends`): a networkx graph in memory, or a store's query
index on disk. Every question returns a small dataclass of plain JSON values
(:mod:`casegraph.query.results`): ``result.to_dict()`` is what ``--json`` prints and
:func:`result_from_dict` reads it back; ``result.sections()`` is what the table shows
(:mod:`casegraph.query.output`).

>>> import networkx as nx
>>> G = nx.MultiDiGraph(documents={})
>>> G.add_node("case:北京:感染者1", type="case", name="感染者1", city="北京")
>>> G.add_node("case:北京:感染者2", type="case", name="感染者2", city="北京")
>>> _ = G.add_edge("case:北京:感染者1", "case:北京:感染者2", key="close_contact",
...                relation="close_contact", date="2022-04-04")
>>> [link["to"] for link in chain(G, "感染者1").downstream]
['case:北京:感染者2']
"""
from __future__ import annotations

from casegraph.query.backends import Backend, IndexBackend, NetworkxBackend, backend
from casegraph.query.questions import EXPOSURE_RELATIONS, chain, clusters, ego, find, path, \
    place, resolve, stats, timeline
from casegraph.query.results import Chain, Clusters, Ego, Find, Path, Place, Section, Stats, \
    Timeline, result_from_dict

__all__ = ["chain", "path", "clusters", "place", "timeline", "ego", "find", "stats", "resolve",
           "result_from_dict", "Section", "Chain", "Path", "Clusters", "Place", "Timeline",
           "Ego", "Find", "Stats", "EXPOSURE_RELATIONS", "Backend", "backend",
           "NetworkxBackend", "IndexBackend"]
