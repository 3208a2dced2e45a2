"""One flattening of a graph for every export: each node and edge read and flattened once.

A :class:`Table` holds every node and edge twice over: its attributes as the store holds
them (``raw``) and flattened to scalars (``flat``: lists and dicts as compact JSON text,
``sources`` also as ``docs``, see :mod:`casegraph.export._flat`). GraphML, GEXF, the Neo4j
files and the line list all read the same table, so the JSON of a ``sources`` list is made
once however many formats are written.

A table comes from a networkx graph (:func:`table_of`) or straight from a node-link file
such as a store's ``graph.json`` (:func:`read_table`: no networkx graph is built, and the
file itself is the ``json`` export).
"""
from __future__ import annotations

import functools
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any



if TYPE_CHECKING:  # networkx loads only where a graph is built
    import networkx as nx

from casegraph.collector import collector_paused
from casegraph.errors import StoreError
from casegraph.export._flat import _XML_BAD, column_kinds, flatten, source_docs, unified

__all__ = ["Table", "table_of", "read_table"]



def _encoder() -> Any:
    """What :func:`_flat.to_json` does, the C encoder made once (``JSONEncoder.encode``
    makes it anew for every value: half the time of encoding a short list)."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # pragma: no cover - a Python without the C accelerator
        return json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                                default=str).encode
    def fresh() -> Any:
        return make({}, str, json.encoder.encode_basestring, None, ":", ",", True, False, True)

    made = [fresh()]
    join = "".join

    def encode(value: Any) -> str:
        try:
            return join(made[0](value, 0))
        except BaseException:
            made[0] = fresh()  # its record of the containers it is inside may be stale
            raise

    return encode


_ENCODE = _encoder()
_SCALARS = (str, int, float, bool)
# JSON escapes that may stand for a character XML 1.0 cannot hold (a lone surrogate, a
# control character); where the file has none, no value needs cleaning.
_ESCAPED_BAD = re.compile(r"\\u00[01][0-9a-fA-F]|\\[bf]|\\u[dD][89a-fA-F]|\\u[fF]{3}[eEfF]")
# a JSON escape other than \" and \\ (a line break, a tab, a control character...); an
# escaped backslash before a letter is found too, which only costs the quick path
_OTHER_ESCAPE = re.compile(r'\\[^"\\]')
_NODE_LINK = ("id",)
_EDGE_LINK = ("source", "target", "key")


@dataclass
class Table:
    """A graph's nodes and edges, raw and flattened (see the module).

    ``nodes`` rows are ``(id, raw, flat)``, ``edges`` rows ``(source, target, key, raw,
    flat)``; ids are strings. ``clean`` says no string holds a character XML cannot (then
    the XML writers skip cleaning value by value); ``json_file`` is the node-link file the
    table was read from, ``networkx`` the graph it was made from, if any.
    """

    graph: dict[str, Any]
    nodes: list[tuple[str, dict, dict]]
    edges: list[tuple[str, str, str, dict, dict]]
    clean: bool = False
    #: no string holds ``&<>`` or a control character (a quote or a backslash may be there)
    plain: bool = False
    json_file: Path | None = None
    networkx: nx.MultiDiGraph | None = field(default=None, repr=False)  #: made from this
    #: per scope (``node``, ``edge``): how many records hold each flattened attribute in
    #: each type (what a later build updates record by record: :mod:`casegraph.export.splice`)
    kinds: dict[str, dict[str, dict[type, int]]] = field(default_factory=dict, repr=False)

    #: how many case nodes hold each attribute (worked out where first needed)
    case_keys: dict[str, int] | None = field(default=None, repr=False)
    #: each case's dated facts from its edges, where a build worked them out (else from
    #: :attr:`edges`: :func:`casegraph.export.epicontacts.dated_facts`)
    case_facts: dict[str, dict[str, Any]] | None = field(default=None, repr=False)
    #: node id -> its ``type``, where rows leave ``raw`` out (a table of a build's changes)
    types: dict[str, Any] | None = field(default=None, repr=False)

    def is_case(self, node: str, raw: dict | None) -> bool:
        """Whether ``node`` (whose row holds ``raw``) is a case."""
        return self.type_of(node, raw) == "case"

    @functools.cached_property
    def record_keys(self) -> dict[str, list[Any]]:
        """The record keys of each section a writer's layout follows
        (:mod:`casegraph.export.splice`): node ids (``nodes``, ``cases``) and
        ``(source, target, key)`` of edges (``edges``), in the table's order."""
        nodes = [row[0] for row in self.nodes]
        return {"nodes": nodes, "cases": nodes, "edges": [row[:3] for row in self.edges]}

    #: edge -> its ``relation``, where rows leave ``raw`` out
    relations: dict[tuple[str, str, str], Any] | None = field(default=None, repr=False)

    def type_of(self, node: str, raw: dict | None) -> Any:
        """The ``type`` of ``node`` (whose row holds ``raw``)."""
        return raw.get("type") if raw is not None else self.types[node]

    def relation_of(self, u: str, v: str, k: str, raw: dict | None) -> Any:
        """The ``relation`` of the edge ``u, v, k`` (its key where it has none)."""
        return raw.get("relation", k) if raw is not None else self.relations[u, v, k]

    def _kinds(self, scope: str) -> dict[str, dict[type, int]]:
        if scope not in self.kinds:
            rows = (row[2] for row in self.nodes) if scope == "node" else (
                row[4] for row in self.edges)
            self.kinds[scope] = {key: dict.fromkeys(kinds, 1)
                                 for key, kinds in column_kinds(rows).items()}
        return self.kinds[scope]

    @property
    def node_types(self) -> dict[str, type]:
        """One type per flattened node attribute (see :func:`_flat.column_types`), by name."""
        return _types(self._kinds("node"))

    @property
    def edge_types(self) -> dict[str, type]:
        return _types(self._kinds("edge"))

    def mixed(self, scope: str) -> set[str]:
        """The flattened attributes of ``scope`` (``node``, ``edge``) some of whose values
        are not of their column's type (they are coerced to it)."""
        return {key for key, kinds in self._kinds(scope).items() if len(kinds) > 1}

    def labels(self) -> dict[str, Any]:
        """Node id -> its ``type`` attribute."""
        return {n: raw.get("type") for n, raw, _f in self.nodes}


def _types(kinds: dict[str, dict[type, int]]) -> dict[str, type]:
    return unified({key: set(kinds[key]) for key in sorted(kinds) if kinds[key]})


def flat_attrs(attrs: dict[str, Any], skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """``attrs`` flattened: scalars as they are, lists and dicts as JSON text, ``None``
    left out, ``sources`` also as ``docs`` (the keys in ``skip`` are not attributes)."""
    flat: dict[str, Any] = {}
    for key, value in attrs.items():
        if value is None or key in skip:
            continue
        kind = value.__class__
        if kind is str or kind is int or kind is float or kind is bool:
            flat[key if key.__class__ is str else str(key)] = value
        elif kind is list or kind is dict:
            flat[key if key.__class__ is str else str(key)] = _ENCODE(value)
        else:
            flat[str(key)] = flatten(value)
    if "sources" in attrs:
        flat["docs"] = _docs(attrs["sources"])
    return flat


def _docs(sources: Any) -> str:
    """:func:`_flat.source_docs`, quicker where every source is a dict with a string doc."""
    try:
        docs = [source["doc"] for source in sources]
        if all(doc.__class__ is str for doc in docs):
            return ";".join(dict.fromkeys(docs))
    except (TypeError, KeyError, IndexError):
        pass
    return source_docs(sources)


def table_of(G: nx.MultiDiGraph) -> Table:
    """The table of a networkx graph (the XML writers clean its values one by one)."""
    return Table(dict(G.graph),
                 [(str(n), d, flat_attrs(d)) for n, d in G.nodes(data=True)],
                 [(str(u), str(v), str(k), d, flat_attrs(d))
                  for u, v, k, d in G.edges(keys=True, data=True)], networkx=G)


def read_table(path: str | os.PathLike) -> Table:
    """The table of a store (its folder) or of a node-link JSON file (a store's
    ``graph.json``, a graph ``casegraph extract`` wrote), read without building a networkx
    graph. A store is checked as :meth:`casegraph.store.Store.load` checks it.

    Raises
    ------
    StoreError
        If there is no graph there, it is not a node-link graph, or a store is corrupt or
        too new (the store's own messages).
    """
    path = Path(path)
    store = path.is_dir() or not path.exists()
    if store:
        from casegraph.store import GRAPH_FILE
        if not (path / GRAPH_FILE).is_file():
            from casegraph.store import load
            load(path)  # raises the store's own error
        path = path / GRAPH_FILE
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as err:
        raise StoreError(f"{path}: cannot read: {err.strerror or err}") from None
    except UnicodeDecodeError as err:
        raise _bad(path, store, err) from None
    with collector_paused():
        return _table(text, path, store)


def _table(text: str, path: Path, store: bool) -> Table:
    try:
        data = json.loads(text)
    except ValueError as err:
        raise _bad(path, store, err) from None
    # the store's checks and a look at the text in a forked process while this one
    # flattens the rows
    from casegraph.export._process import run_forked
    flat, ((table_clean, table_plain), kinds) = run_forked([
        lambda: _caught(_flat_table, data, path, store),
        lambda: (_check_store(data, path) if store else None, _text_kind(text),
                 _caught(_raw_kinds, data))[1:]])
    if isinstance(flat, Exception):  # the checks passed: the rows' own error, then
        raise flat
    table = flat
    table.clean, table.plain = table_clean, table_plain
    if not isinstance(kinds, Exception):
        table.kinds = kinds
    table.json_file = path
    # the raw records hold their link fields too; writers read attributes through these
    for n, raw, _f in table.nodes:
        raw.pop("id", None)
    for row in table.edges:
        for key in _EDGE_LINK:
            row[3].pop(key, None)
    return table


def _text_kind(text: str) -> tuple[bool, bool]:
    """Whether the JSON ``text`` is ``clean`` (no string holds a character XML cannot) and
    ``plain`` (clean, and no ``&<>`` nor any escape but ``\\"`` and ``\\\\`` anywhere: no
    string holds a line break, a tab or a control character; quotes and backslashes need
    nothing more than the plain writers do)."""
    clean = not (_XML_BAD.search(text) or _ESCAPED_BAD.search(text))
    return clean, clean and not any(char in text for char in "&<>") \
        and not _OTHER_ESCAPE.search(text)


def _raw_kinds(data: dict) -> dict[str, dict[str, dict[type, int]]]:
    """:attr:`Table.kinds` worked out from node-link ``data`` itself, unflattened (see
    :func:`record_kinds`), so that it can be done beside the flattening."""
    return {"node": kind_counts(data["nodes"], _NODE_LINK),
            "edge": kind_counts(data["edges"], _EDGE_LINK)}


def kind_counts(records: Any, links: tuple[str, ...]) -> dict[str, dict[type, int]]:
    """How many of the node-link ``records`` hold each flattened attribute in each type
    (see :func:`record_kinds`)."""
    counts: dict[str, dict[type, int]] = {}
    for record in records:
        for key, kind in record_kinds(record, links):
            kinds = counts.get(key)
            if kinds is None:
                counts[key] = {kind: 1}
            else:
                kinds[kind] = kinds.get(kind, 0) + 1
    return counts


def record_kinds(record: dict, links: tuple[str, ...]) -> list[tuple[str, type]]:
    """The flattened attributes of one node-link record, each with the type of its
    flattened value, read from the record itself: lists and dicts become text, and
    ``sources`` adds a text ``docs``; ``None`` and the link fields ``links`` are left out."""
    found = []
    sources = "sources" in record
    for key, value in record.items():
        if value is None or key in links or (sources and key == "docs"):
            continue
        kind = value.__class__
        if kind is list or kind is dict:
            kind = str
        elif not (kind is str or kind is int or kind is float or kind is bool):
            raise TypeError(f"a value of type {kind.__name__}")  # not from JSON
        found.append((key, kind))
    if sources:
        found.append(("docs", str))
    return found


def _caught(function: Any, *args: Any) -> Any:
    """``function(*args)``, or the exception it raised."""
    try:
        return function(*args)
    except Exception as err:  # noqa: BLE001 - handed back, raised by the caller
        return err


def _flat_table(data: Any, path: Path, store: bool) -> Table:
    try:
        graph, nodes, edges = data["graph"], data["nodes"], data["edges"]
        if not (isinstance(graph, dict) and isinstance(nodes, list) and isinstance(edges, list)):
            raise TypeError("graph, nodes and edges are not an object and two lists")
        table = Table(graph,
                      [(_id(node["id"]), node, flat_attrs(node, _NODE_LINK)) for node in nodes],
                      [(_id(e["source"]), _id(e["target"]), _id(e["key"]), e,
                        flat_attrs(e, _EDGE_LINK)) for e in edges])
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        raise _bad(path, store, err) from None
    return table


def _bad(path: Path, store: bool, err: Exception) -> StoreError:
    if store:
        return StoreError(f"{path}: corrupt store ({_short(err)}); it was left untouched: "
                          "move it away or rebuild with --rebuild")
    return StoreError(f"{path}: not a casegraph graph: {err}")


def _short(err: Exception) -> str:
    text = str(err).splitlines()[0] if str(err) else type(err).__name__
    return text[:120]


def _check_store(data: Any, path: Path) -> None:
    """What :meth:`casegraph.store.Store.load` checks, with its messages."""
    from casegraph.store.folder import FORMAT, FORMAT_VERSION, check_shape
    if not isinstance(data, dict) or not isinstance(data.get("graph"), dict) \
            or data["graph"].get("format") != FORMAT:
        raise StoreError(f"{path}: not a casegraph store; it was left untouched")
    version = data["graph"].get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise StoreError(f"{path}: store format version {version} is newer than this "
                         f"casegraph reads ({FORMAT_VERSION}); upgrade casegraph")
    try:
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise ValueError(f"format version {version!r}")
        check_shape(data)
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise _bad(path, True, err) from None


def _id(value: Any) -> str:
    return value if value.__class__ is str else str(value)


