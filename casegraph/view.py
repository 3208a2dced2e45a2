"""The interactive page: one offline HTML file drawing a case graph with pyvis/vis-network.

The page is self-contained (vis-network's JavaScript and CSS inline, no CDN, nothing fetched).
Untrusted text — names, attributes, evidence sentences — travels only as JSON data and is
put on screen with ``textContent``; the JSON is escaped so it cannot close its ``<script>``.

Large graphs: a page over ``max_nodes`` nodes would freeze a browser, so :func:`write_html`
keeps the largest clusters that fit (or, with ``focus``, the nodes nearest to it) and says so
in :attr:`Page.note`, which the page shows too.
"""
from __future__ import annotations

import base64
import difflib
import json
import math
import os
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Mapping
from typing import Any, Callable, Hashable, Iterable, Iterator

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from casegraph.errors import QueryError
from casegraph.io import write_text_atomic
from casegraph.query.exposure import within
from casegraph.timeaxis import time_axis

__all__ = ["Page", "TYPE_STYLE", "RELATION_COLOUR", "MAX_NODES", "find_node", "select",
           "limit", "render_html", "write_html"]

MAX_NODES = 2000
#: The fonts the page asks for, in turn, so that Chinese labels show as text (a machine with
#: none of them shows boxes: install fonts-noto-cjk or fonts-wqy-zenhei there).
CJK_FONTS = ('"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "PingFang SC", '
             '"Hiragino Sans GB", "Microsoft YaHei", sans-serif')
#: How many names of nodes a page does not draw its search can still find.
MAX_SEARCH_NAMES = 200_000

#: Node type -> (colour, vis-network shape, legend text). Unknown types are drawn as "other".
TYPE_STYLE = {
    "case": ("#d62728", "dot", "case 病例"),
    "contact": ("#ff7f0e", "triangle", "contact 密接"),
    "location": ("#1f77b4", "square", "location 地点"),
    "facility": ("#2ca02c", "diamond", "facility 隔离/医疗点"),
    "other": ("#7f7f7f", "dot", "other"),
}
#: Relation -> edge colour (unknown relations are grey).
RELATION_COLOUR = {
    "close_contact": "#d62728",
    "has_contacts": "#ff7f0e",
    "resides_at": "#1f77b4",
    "works_at": "#9467bd",
    "visited": "#17becf",
    "linked_to": "#8c564b",
    "isolated_at": "#2ca02c",
    "admitted_to": "#e377c2",
}
_SIZED_TYPES = ("case", "location", "facility")  # drawn bigger the more edges they have
#: Types that do not join clusters in the large-graph rule: a quarantine site or designated
#: hospital takes in cases from everywhere, and a bulletin's "contacts of N cases" hangs off
#: all of them, which ties them to it but not to each other. So does any hub with more edges
#: than a tenth of the page limit (an airport everyone passed through).
_BRIDGE_TYPES = ("facility", "contact")
_HUB_DEGREE = 50
#: Attributes the panel does not list as they are: the merge's bookkeeping (``keys``), and
#: what it shows in sections of its own (``values`` by document, ``conflicts``, ``merged_by``).
_HIDDEN_ATTRS = ("type", "name", "sources", "keys", "values", "conflicts", "merged_by")
_MAX_SOURCES = 30  # per node or edge on the page; the rest are counted
_LABEL_CHARS = 24
_ASSETS = Path(__file__).parent / "templates"


def _vis() -> Path:
    """vis-network as pyvis bundles it (templates/lib/vis-<version>/), the newest if several;
    found without importing pyvis (which imports IPython: half a second of every command)."""
    from importlib.util import find_spec

    lib = Path(find_spec("pyvis").origin).parent / "templates" / "lib"
    return max(lib.glob("vis-*/vis-network.min.js"), key=lambda p: tuple(
        int(x) for x in p.parent.name[4:].split(".") if x.isdigit())).parent

Evidence = Callable[[Mapping[str, Any]], "str | None"]


@dataclass(frozen=True)
class Page:
    """What :func:`write_html` wrote."""

    path: Path
    nodes: int  #: nodes drawn
    edges: int  #: edges drawn
    selected: int  #: nodes that matched focus/type/date before the node limit
    note: str | None = None  #: what the large-graph rule did, if it did anything


def find_node(G: nx.MultiDiGraph, text: str) -> Hashable:
    """The node whose id is ``text``, else the one node named ``text``.

    Raises
    ------
    QueryError
        If nothing or several nodes match (the message lists some candidates).
    """
    if text in G:
        return text
    named = [n for n, name in G.nodes(data="name") if name == text]
    if len(named) == 1:
        return named[0]
    if named:
        ids = ", ".join(map(str, named[:5]))
        raise QueryError(f"{len(named)} nodes are named {text!r}; give an id: {ids}")
    names = sorted({str(name) for _, name in G.nodes(data="name") if name is not None})
    near = difflib.get_close_matches(text, names, n=5, cutoff=0.6)
    hint = f"; did you mean: {', '.join(near)}" if near else ""
    raise QueryError(f"no node {text!r} in the graph{hint}")


def select(G: nx.MultiDiGraph, focus: Hashable | None = None, hops: int = 2,
           types: Iterable[str] | None = None, since: str | None = None,
           until: str | None = None, via: str = "exposure") -> nx.MultiDiGraph:
    """The part of ``G`` a page shows: the ``hops`` neighbourhood of ``focus`` (edges in
    either direction; with ``via="exposure"`` only links that mean exposure, no quarantine
    site, hospital, city, country or hub walked through: :mod:`casegraph.query.exposure`),
    then only nodes of ``types`` and nodes and edges whose dates meet ``[since, until]`` (ISO
    dates; undated items stay). The focus node always stays."""
    keep = set(G)
    if focus is not None:
        focus = find_node(G, focus)
        keep = set(within(G, focus, hops, via)[0])
    wanted = set(types) if types else None
    fallback = G.graph.get("date")
    keep = {n for n in keep if n == focus or (
        (wanted is None or _type(G.nodes[n]) in wanted)
        and _meets(event_span(G, n, fallback), since, until))}
    H = _induced(G, keep)
    H.remove_edges_from([(u, v, k) for u, v, k, d in H.edges(keys=True, data=True)
                         if not _meets(_edge_span(d, fallback), since, until)])
    return H


def limit(G: nx.MultiDiGraph, max_nodes: int = MAX_NODES,
          focus: Hashable | None = None) -> tuple[nx.MultiDiGraph, str | None]:
    """The large-graph rule: ``G`` itself if it has at most ``max_nodes`` nodes, else the
    largest clusters that fit together (or, with ``focus``, the nodes nearest to it), with a
    sentence saying what was left out.

    Clusters are the connected parts of ``G`` once *bridges* are set aside: facilities,
    contact groups and hubs with more than ``max_nodes // 10`` (at least 50) edges.
    Bridges touching the chosen clusters are added while room is left."""
    keep, note = kept_nodes(GraphShape(G), max_nodes, focus)
    return (G, None) if keep is None else (_induced(G, keep), note)


class GraphShape:
    """What the large-graph rule reads of a graph: its nodes in order, their degrees and
    types, its edges' ends, each node's neighbours (as ``networkx.all_neighbors``). A
    store's index gives the same without the graph (:mod:`casegraph.page`)."""

    def __init__(self, G: nx.MultiDiGraph):
        self.G = G

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self.G)

    def __len__(self) -> int:
        return self.G.number_of_nodes()

    def degrees(self) -> Iterable[tuple[Hashable, int]]:
        return self.G.degree()

    def kind(self, node: Hashable) -> Any:
        return self.G.nodes[node].get("type")

    def pairs(self) -> Iterable[tuple[Hashable, Hashable]]:
        return self.G.edges()

    def neighbors(self, node: Hashable) -> Iterable[Hashable]:
        return nx.all_neighbors(self.G, node)


def kept_nodes(shape: Any, max_nodes: int = MAX_NODES,
               focus: Hashable | None = None) -> tuple[list[Hashable] | None, str | None]:
    """:func:`limit` on a :class:`GraphShape` (or any object with its methods): the nodes
    kept and the note, or ``None, None`` where the graph fits whole."""
    total = len(shape)
    if total <= max_nodes:
        return None, None
    hub = max(_HUB_DEGREE, max_nodes // 10)
    degree = dict(shape.degrees())
    bridges = {n for n in shape if degree[n] > hub or shape.kind(n) in _BRIDGE_TYPES}
    if focus is not None:
        keep = _nearest(shape, focus, max_nodes, bridges)
        note = (f"the view has {total:,} nodes, over the page limit of {max_nodes:,}: "
                f"showing the {len(keep):,} nearest to {focus}; use fewer --hops")
        return keep, note
    keep, clusters = _largest_clusters(shape, degree, max_nodes, bridges)
    shown = "largest cluster" if clusters == 1 else f"{clusters:,} largest clusters"
    note = (f"the graph has {total:,} nodes, over the page limit of {max_nodes:,}: "
            f"showing the {shown} ({len(keep):,} nodes); "
            "use --focus NODE --hops N to see any other part")
    return keep, note


def render_html(G: nx.MultiDiGraph, title: str = "casegraph", note: str | None = None,
                evidence: Evidence | None = None,
                degrees: Mapping[Hashable, int] | None = None,
                plots: Mapping[str, bytes] | None = None,
                undrawn: list[list[Any]] | None = None) -> str:
    """The page for ``G`` as one HTML string (no size limit: see :func:`limit`).

    ``evidence(source)`` returns the sentence a source points at; given, the page shows it.
    ``degrees`` sizes the nodes (default: their degree in ``G``). ``plots`` (title -> SVG
    bytes, such as ``casegraph analyze`` writes) are shown in the side panel, inline.
    ``undrawn`` (see :func:`undrawn_names`) lets the search find nodes the page leaves out.
    """
    nodes, edges = _network(G, degrees or dict(G.degree()))
    payload = {"nodes": nodes, "edges": edges,
               "options": json.loads(json.dumps(_options(G.number_of_nodes()))),
               "info": _info(G, evidence), "note": note, "title": title,
               "timeline": time_axis(G, {n: i for i, n in enumerate(G)}),
               "plots": [[name, "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")]
                         for name, svg in (plots or {}).items()],
               "undrawn": undrawn or [],
               "types": {t: list(s) for t, s in TYPE_STYLE.items()},
               "relations": RELATION_COLOUR}
    env = Environment(loader=FileSystemLoader(_ASSETS), autoescape=select_autoescape())
    return env.get_template("view.html").render(
        title=title, data=Markup(script_json(payload)),
        vis_js=_inline_js(_vis() / "vis-network.min.js"),
        vis_css=Markup((_vis() / "vis-network.css").read_text(encoding="utf-8")),
        page_js=_inline_js(_ASSETS / "view.js"),
        page_css=Markup((_ASSETS / "view.css").read_text(encoding="utf-8")))


def write_html(G: nx.MultiDiGraph, path: str | os.PathLike, focus: Hashable | None = None,
               hops: int = 2, types: Iterable[str] | None = None, since: str | None = None,
               until: str | None = None, max_nodes: int = MAX_NODES,
               evidence: Evidence | None = None, title: str | None = None,
               plots: Mapping[str, bytes] | None = None, via: str = "exposure") -> Page:
    """Write the interactive page for (part of) ``G`` to ``path``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A merged store graph or a per-document graph.
    path : path-like
        The HTML file to write (its folder is created).
    focus, hops : node id or name, int
        Show only the ``hops`` neighbourhood of this node.
    via : str
        ``exposure`` (the neighbourhood by exposure links only) or ``all`` (every link).
    types : iterable of str
        Show only nodes of these types (``case``, ``contact``, ``location``, ``facility``).
    since, until : str
        ISO dates: show only nodes and edges whose dates meet this range.
    max_nodes : int
        The large-graph rule's limit (see :func:`limit`).
    evidence : callable
        ``evidence(source) -> str``: the sentence a ``sources`` entry points at.
    plots : mapping
        Title -> SVG bytes of pictures to show in the side panel (``casegraph analyze``'s).

    Returns
    -------
    Page
        Counts drawn, and ``note`` when the large-graph rule left nodes out.

    Examples
    --------
    >>> import tempfile
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("case:1", type="case", name="病例1")
    >>> G.add_node("location:x", type="location", name="X小区")
    >>> _ = G.add_edge("case:1", "location:x", key="resides_at", relation="resides_at")
    >>> write_html(G, tempfile.mkdtemp() + "/g.html").nodes
    2
    """
    focus = find_node(G, focus) if focus is not None else None
    everything = focus is None and not types and since is None and until is None
    H = G if everything else select(G, focus, hops, types, since, until, via)  # G: read only
    shown, note = limit(H, max_nodes, focus)
    title = title or _title(G, focus)
    html = render_html(shown, title=title, note=note, evidence=evidence,
                       degrees=dict(G.degree(shown)), plots=plots, undrawn=undrawn_names(G, shown))
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(out, html)
    return Page(out, shown.number_of_nodes(), shown.number_of_edges(), H.number_of_nodes(), note)


def undrawn_names(G: nx.MultiDiGraph, shown: nx.MultiDiGraph,
                  limit: int = MAX_SEARCH_NAMES) -> list[list[Any]]:
    """``[name, id, type, city, first date]`` of the nodes of ``G`` the page does not draw
    (at most ``limit``, cases first), so that its search finds every person and place of
    the store and says how to draw them."""
    rows = [search_row(n, d) for n, d in G.nodes(data=True) if n not in shown]
    rows.sort(key=lambda r: r[2] != "case")
    return rows[:limit]


def search_row(node: Hashable, attrs: Mapping[str, Any]) -> list[Any]:
    """What the page's search knows of a node it does not draw (:func:`undrawn_names`)."""
    return [str(attrs.get("name", node)), str(node), _type(attrs), attrs.get("city"),
            (_span(attrs) or [None])[0]]


#: Where the rows of :func:`undrawn_names` go in a page's data (:func:`page_around`).
_UNDRAWN = '"undrawn":[]'


def page_around(shown: nx.MultiDiGraph, title: str, note: str | None,
                evidence: Evidence | None,
                degrees: Mapping[Hashable, int]) -> tuple[str, str] | None:
    """The page of ``shown`` as the text before and after its search rows (each
    :func:`script_json` of a :func:`search_row`, comma-separated, go between): so a store's
    page is written a row at a time. None where the rows' place cannot be told."""
    html = render_html(shown, title=title, note=note, evidence=evidence, degrees=degrees)
    if html.count(_UNDRAWN) != 1:
        return None
    head, _mark, tail = html.partition(_UNDRAWN)
    return head + _UNDRAWN[:-1], _UNDRAWN[-1] + tail


def title_of(G: nx.MultiDiGraph) -> str:
    """The page title of a whole graph (no focus)."""
    return _title(G, None)


def script_json(value: Any) -> str:
    """JSON safe inside an HTML ``<script>`` element: ``<``, ``>``, ``&`` and the JavaScript
    line separators U+2028/U+2029 are ``\\u`` escapes, so no ``</script>`` can appear."""
    import orjson  # compact UTF-8 JSON, as json.dumps writes it here, many times faster

    try:
        text = orjson.dumps(value, default=str, option=orjson.OPT_NON_STR_KEYS).decode()
    except (TypeError, OverflowError):  # an integer past 64 bits, a nested default
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


# --- building the pyvis network -------------------------------------------------------------

def _network(G: nx.MultiDiGraph, degrees: Mapping[Hashable, int]) -> tuple[list, list]:
    """vis-network's node and edge objects for ``G``, as pyvis's ``Network.add_node`` and
    ``add_edge`` make them (built here: pyvis imports IPython, and checks every edge's ends
    against a list of all nodes)."""
    index = {n: i for i, n in enumerate(G)}  # the page's node numbers (the time axis's too)
    fallback = G.graph.get("date")
    nodes = []
    for n, attrs in G.nodes(data=True):
        kind = _type(attrs)
        colour, shape, _ = TYPE_STYLE[kind if kind in TYPE_STYLE else "other"]
        label = _short(attrs.get("name", n))
        nodes.append({"color": colour, "size": _size(kind, degrees.get(n, 0)), "t": kind,
                      "d": event_span(G, n, fallback), "id": index[n], "label": label or index[n],
                      "shape": shape})
    edges = []
    for j, (u, v, k, attrs) in enumerate(G.edges(keys=True, data=True)):
        relation = str(attrs.get("relation", k))
        label = f"{relation} {attrs['date']}" if attrs.get("date") else relation
        edges.append({"id": j, "label": label, "r": relation, "d": _edge_span(attrs, fallback),
                      "color": RELATION_COLOUR.get(relation, "#999999"), "from": index[u],
                      "to": index[v], "arrows": "to"})
    return nodes, edges


def _options(n: int) -> dict[str, Any]:
    """vis-network options: Barnes-Hut physics that settles in a bounded number of
    iterations (600 for small graphs, down to 60 from 1,000 nodes: each costs more there);
    the page turns physics off once it has settled."""
    big = n > 300
    iterations = max(60, min(600, 60_000 // max(n, 1)))
    return {
        "autoResize": True,
        "layout": {"improvedLayout": n <= 100, "randomSeed": 7},
        "physics": {
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -3000 if big else -6000,
                          "springLength": 90, "springConstant": 0.04, "damping": 0.5,
                          "avoidOverlap": 0},
            "minVelocity": 1.0,
            "maxVelocity": 60,
            "stabilization": {"enabled": True, "iterations": iterations,
                              "updateInterval": 25, "fit": True},
        },
        "nodes": {"font": {"size": 14, "face": CJK_FONTS}, "borderWidth": 1},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "font": {"size": 10, "align": "middle", "color": "#555555",
                           "strokeWidth": 3},
                  "smooth": False if big else {"type": "continuous"}, "width": 1},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": big,
                        "navigationButtons": False, "keyboard": False},
    }


def _info(G: nx.MultiDiGraph, evidence: Evidence | None) -> dict[str, list]:
    """What the tooltip and the side panel show, per node and per edge (same order)."""
    cache: dict[tuple, str | None] = {}
    nodes = [{"id": str(n), "name": str(a.get("name", n)), "type": _type(a),
              "city": a.get("city"), "date": (_span(a) or [None])[0],
              "attrs": _attr_rows(a), **_history(a), **_sources(a.get("sources"), evidence, cache)}
             for n, a in G.nodes(data=True)]
    edges = [{"from": str(G.nodes[u].get("name", u)), "to": str(G.nodes[v].get("name", v)),
              "relation": str(a.get("relation", k)),
              "attrs": _attr_rows({x: y for x, y in a.items() if x != "relation"}),
              **_history(a), **_sources(a.get("sources"), evidence, cache)}
             for u, v, k, a in G.edges(keys=True, data=True)]
    return {"nodes": nodes, "edges": edges}


def _attr_rows(attrs: Mapping[str, Any]) -> list[list[str]]:
    """``[name, value]`` rows as a reader wants them: lists joined, a conflicting value
    followed by the others the bulletins gave."""
    conflicts = attrs.get("conflicts") or {}
    rows = []
    for k, v in attrs.items():
        if k in _HIDDEN_ATTRS or v is None or v == "" or v == []:
            continue
        text = _text(v)
        others = [_text(o) for o in conflicts.get(k, ()) if _text(o) != text] \
            if isinstance(conflicts, Mapping) else []
        rows.append([str(k), f"{text} (bulletins disagree: also {'、'.join(others)})" if others else text])
    return rows


def _history(attrs: Mapping[str, Any]) -> dict[str, list]:
    """What the bulletins each said of a merged item: ``[attribute, value, documents]`` rows
    (one per value), and why mentions were merged into it."""
    rows = []
    values = attrs.get("values")
    for attr, entries in (values.items() if isinstance(values, Mapping) else ()):
        docs_of: dict[str, list[str]] = {}
        for entry in entries if isinstance(entries, list) else ():
            if isinstance(entry, Mapping):
                docs_of.setdefault(_text(entry.get("value")), []).append(str(entry.get("doc")))
        rows += [[str(attr), value, "、".join(dict.fromkeys(docs))] for value, docs in docs_of.items()]
    merged = attrs.get("merged_by")
    return {"history": rows, "merged_by": [str(m) for m in merged] if isinstance(merged, list) else []}


def _sources(sources: Any, evidence: Evidence | None, cache: dict) -> dict[str, Any]:
    items = [s for s in (sources or []) if isinstance(s, Mapping)]
    shown = []
    for source in items[:_MAX_SOURCES]:
        row = {k: source.get(k) for k in ("doc", "date", "start", "end")}
        text = source.get("text")
        if text is None and evidence is not None:
            key = (source.get("doc"), source.get("start"), source.get("end"))
            if key not in cache:
                cache[key] = evidence(source)
            text = cache[key]
        row["text"] = None if text is None else str(text)
        shown.append(row)
    return {"sources": shown, "more": len(items) - len(shown)}


def _text(value: Any) -> str:
    """A value as a reader reads it: lists joined with 、, true/false as yes/no."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return "、".join(_text(v) for v in value)
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {_text(v)}" for k, v in value.items())
    return str(value)


def _type(attrs: Mapping[str, Any]) -> str:
    return str(attrs.get("type") or "other")


def _short(name: Any) -> str:
    text = " ".join(str(name).split())
    return text if len(text) <= _LABEL_CHARS else text[:_LABEL_CHARS - 1] + "…"


def _size(kind: str, degree: int) -> float:
    if kind not in _SIZED_TYPES:
        return 10.0
    return round(min(10 + 4 * math.sqrt(degree), 48), 1)


_CASE_EVENTS = ("onset_date", "positive_date", "diagnosis_date")


def event_span(G: nx.MultiDiGraph, node: Hashable, fallback: str | None = None) -> list[str] | None:
    """The first and last date of the events of a node, which the date filters use: a
    case's onset, positive test and diagnosis; a place's or a contact group's dated edges
    (the visits, quarantines, admissions); failing any, the dates of the bulletins that
    report it (:func:`_span`)."""
    data = G.nodes[node]
    if data.get("type") == "case":
        dates = [str(data[k])[:10] for k in _CASE_EVENTS if data.get(k)]
    else:
        dates = [str(d["date"])[:10] for *_e, d in G.in_edges(node, keys=True, data=True) if d.get("date")]
        dates += [str(d["date"])[:10] for *_e, d in G.out_edges(node, keys=True, data=True) if d.get("date")]
    dates.sort()
    return [dates[0], dates[-1]] if dates else _span(data, fallback)


def _edge_span(attrs: Mapping[str, Any], fallback: str | None = None) -> list[str] | None:
    """An edge's event date where it has one, else the dates of the bulletins that report it."""
    if attrs.get("date"):
        day = str(attrs["date"])[:10]
        return [day, day]
    return _span(attrs, fallback)


def _span(attrs: Mapping[str, Any], fallback: str | None = None) -> list[str] | None:
    """The first and last ISO date an item is known by (its ``date``, its sources' dates,
    else the document's date), or ``None``."""
    dates = [attrs.get("date")] + [s.get("date") for s in attrs.get("sources") or ()
                                   if s.__class__ is dict or isinstance(s, Mapping)]
    dates = [d for d in dates if d.__class__ is str and d or isinstance(d, str) and d]
    if not dates:
        return [fallback, fallback] if fallback else None
    return [min(dates), max(dates)]


def _meets(span: list[str] | None, since: str | None, until: str | None) -> bool:
    if span is None:
        return True
    return not ((since and span[1] < since) or (until and span[0] > until))


# --- the large-graph rule -------------------------------------------------------------------

def _induced(G: nx.MultiDiGraph, keep: Iterable[Hashable]) -> nx.MultiDiGraph:
    """``G.subgraph(keep).copy()`` in ``G``'s own order: networkx walks a ``keep`` smaller
    than half of ``G`` in set order, which made the page differ from one run to the next."""
    kept = set(keep)
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    H.add_nodes_from((n, d) for n, d in G.nodes(data=True) if n in kept)
    H.add_edges_from((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True)
                     if u in kept and v in kept)
    return H


def _nearest(shape: Any, start: Hashable, count: int,
             bridges: set = frozenset()) -> list[Hashable]:
    """The ``count`` nodes nearest to ``start``, breadth first (edges either way). A bridge
    node is taken but its other neighbours wait until nothing else is left, so one
    quarantine site does not fill the page with strangers."""
    seen, queue, deferred = {start: None}, deque([start]), deque()
    while (queue or deferred) and len(seen) < count:
        if queue:
            node = queue.popleft()
            if node != start and node in bridges:
                deferred.append(node)
                continue
        else:
            node = deferred.popleft()
        for other in shape.neighbors(node):
            if other not in seen:
                seen[other] = None
                queue.append(other)
                if len(seen) >= count:
                    break
    return list(seen)


def _largest_clusters(shape: Any, degree: dict[Hashable, int], count: int,
                      bridges: set) -> tuple[list[Hashable], int]:
    """Clusters (connected parts once bridge nodes are set aside), biggest first, while they
    fit in ``count``, then the bridge nodes they touch while room is left; if even the
    biggest cluster does not fit, the ``count`` nodes nearest to its best connected node."""
    order = {n: i for i, n in enumerate(shape)}  # ties go to the earlier node: same page each run
    # a part's first node is its earliest (parts are filled in the graph's order)
    clusters = sorted(_components(shape, bridges), key=lambda c: (-len(c), order[c[0]]))
    if not clusters:  # nothing but bridges
        return list(shape)[:count], 1
    if len(clusters[0]) > count:
        hub = max(clusters[0], key=lambda n: (degree[n], -order[n]))
        return _nearest(shape, hub, count, bridges), 1
    keep: list[Hashable] = []
    taken = 0
    for cluster in clusters:
        if len(keep) + len(cluster) <= count:
            keep.extend(cluster)
            taken += 1
    kept = set(keep)
    touching = {b for n in keep for b in shape.neighbors(n) if b in bridges}
    ranked = sorted(touching, key=lambda b: (-sum(o in kept for o in shape.neighbors(b)),
                                             order[b]))
    return keep + ranked[:count - len(keep)], taken


def _components(shape: Any, bridges: set) -> list[list]:
    """The weakly connected parts of the graph without the ``bridges``, each in the graph's
    order (union-find over the edges: a subgraph view of a graph walks far slower)."""
    parent = {n: n for n in shape if n not in bridges}

    def root(n: Hashable) -> Hashable:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for u, v in shape.pairs():
        if u in parent and v in parent:
            a, b = root(u), root(v)
            if a != b:
                parent[b] = a
    parts: dict[Hashable, list] = {}
    for n in parent:
        parts.setdefault(root(n), []).append(n)
    return list(parts.values())


def _title(G: nx.MultiDiGraph, focus: Hashable | None) -> str:
    documents = G.graph.get("documents")
    name = G.graph.get("doc") or G.graph.get("name") or (
        f"casegraph: {len(documents):,} documents" if isinstance(documents, dict)
        else "casegraph")
    return f"{name}: around {G.nodes[focus].get('name', focus)}" if focus is not None else str(name)


def _inline_js(path: Path) -> Markup:
    text = path.read_text(encoding="utf-8")
    # A literal "</script" inside the code would end the element early.
    return Markup(text.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT"))
