"""The page's time-axis view: transmission chains laid out on a date axis when the page is
written (deterministic, no physics), and the epicurve under it.

x is a case's date (onset, else positive test, else diagnosis; the axis counts which), y orders
each chain as a tree (an index case, then each infectee below its infector, depth first), one
chain under the other, largest first. Each case carries the dates of its bar: exposure (its
first dated close-contact link), quarantine (its first dated ``isolated_at``) and
confirmation (its diagnosis date, else its positive test).

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("a", type="case", name="A", onset_date="2022-04-01")
>>> G.add_node("b", type="case", name="B", onset_date="2022-04-03")
>>> _ = G.add_edge("a", "b", "close_contact", relation="close_contact", date="2022-04-02")
>>> axis = time_axis(G, {"a": 0, "b": 1})
>>> [(c["name"], c["x"], c["y"], c["bar"]["exposure"]) for c in axis["cases"]]
[('A', 40, 30, None), ('B', 88, 54, '2022-04-02')]
"""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from typing import Any, Hashable, Mapping

import networkx as nx

from casegraph.analyze import case_date, transmission_pairs

__all__ = ["time_axis", "DAY_PX", "ROW_PX", "LEFT_PX", "TOP_PX"]

DAY_PX = 24  #: width of one day on the axis
ROW_PX = 24  #: height of one case's row
LEFT_PX = 40  #: x of the first day
TOP_PX = 30  #: y of the first row (the date labels sit above it)
CHAIN_GAP_ROWS = 1  #: empty rows between two chains


def time_axis(G: nx.MultiDiGraph, index: Mapping[Hashable, int]) -> dict[str, Any]:
    """The layout of the dated cases of ``G`` (``index``: each node's number on the page)."""
    dated = {}
    for node, data in G.nodes(data=True):
        if data.get("type") == "case":
            day, kind = case_date(data, "first")
            if day:
                dated[node] = (day[:10], kind)
    undated = sum(1 for _n, d in G.nodes(data=True) if d.get("type") == "case") - len(dated)
    if not dated:
        return {"start": None, "end": None, "cases": [], "links": [], "epicurve": [],
                "kinds": {}, "undated": undated, "day_px": DAY_PX, "left_px": LEFT_PX}
    start = min(day for day, _k in dated.values())
    end = max(day for day, _k in dated.values())
    links = [(u, v) for u, v, _d in transmission_pairs(G) if u in dated and v in dated]
    rows = _rows(dated, links)
    bars = _bars(G)
    cases = [{"node": index[n], "name": str(G.nodes[n].get("name", n)), "date": dated[n][0],
              "kind": dated[n][1], "x": x_of(dated[n][0], start), "y": TOP_PX + rows[n] * ROW_PX,
              "bar": bars.get(n, {"exposure": None, "quarantine": None, "confirmation": None})}
             for n in sorted(dated, key=lambda n: rows[n])]
    position = {n: i for i, n in enumerate(sorted(dated, key=lambda n: rows[n]))}
    curve = Counter(day for day, _k in dated.values())
    return {"start": start, "end": end, "cases": cases,
            "links": [[position[u], position[v]] for u, v in links],
            "epicurve": sorted(curve.items()), "kinds": dict(Counter(k for _d, k in dated.values())),
            "undated": undated, "day_px": DAY_PX, "left_px": LEFT_PX}


def x_of(day: str, start: str) -> int:
    """The x of ``day`` on an axis that starts on ``start``."""
    return LEFT_PX + (date.fromisoformat(day) - date.fromisoformat(start)).days * DAY_PX


def _rows(dated: dict[Hashable, tuple[str, str]], links: list[tuple[Hashable, Hashable]]) -> dict[Hashable, int]:
    """Each case's row: chains (largest first, then earliest) one under the other, each a
    depth-first walk from its index cases, infectees in date order."""
    T = nx.DiGraph(links)
    T.add_nodes_from(dated)
    order = {n: i for i, n in enumerate(sorted(dated, key=lambda n: (dated[n][0], str(n))))}
    chains = sorted(nx.weakly_connected_components(T),
                    key=lambda c: (-len(c), min(order[n] for n in c)))
    rows: dict[Hashable, int] = {}
    row = 0
    for chain in chains:
        roots = sorted((n for n in chain if T.in_degree(n) == 0), key=order.get) or \
            [min(chain, key=order.get)]
        for root in roots:
            stack = [root]
            while stack:
                node = stack.pop()
                if node in rows:
                    continue
                rows[node] = row
                row += 1
                stack.extend(sorted((c for c in T.successors(node) if c not in rows),
                                    key=order.get, reverse=True))
        for node in sorted(chain - rows.keys(), key=order.get):  # in a cycle with no root
            rows[node] = row
            row += 1
        row += CHAIN_GAP_ROWS
    return rows


def _bars(G: nx.MultiDiGraph) -> dict[Hashable, dict[str, str | None]]:
    """Exposure, quarantine and confirmation dates of each case, where the graph has them."""
    exposure: dict[Hashable, str] = {}
    quarantine: dict[Hashable, str] = {}
    for u, v, key, data in G.edges(keys=True, data=True):
        when = data.get("date")
        if not when:
            continue
        relation = data.get("relation", key)
        if relation == "close_contact":
            exposure[v] = min(exposure.get(v, "9999"), str(when)[:10])
        elif relation == "isolated_at":
            quarantine[u] = min(quarantine.get(u, "9999"), str(when)[:10])
    bars: dict[Hashable, dict[str, str | None]] = defaultdict(dict)
    for node, data in G.nodes(data=True):
        if data.get("type") != "case":
            continue
        confirmed = data.get("diagnosis_date") or data.get("positive_date")
        bars[node] = {"exposure": exposure.get(node), "quarantine": quarantine.get(node),
                      "confirmation": str(confirmed)[:10] if confirmed else None}
    return bars
