"""Opening a store for reading: the one way the commands (query, view, export) and the API
read a graph.

:func:`open_store` takes a store folder or a node-link ``.json`` file (a store's
``graph.json``, a graph ``casegraph extract`` wrote). Nothing is read until asked: questions
read :attr:`OpenStore.graph`, the store's query index where it is current (looked up, not
loaded) and else the whole graph; exports and pages read :meth:`OpenStore.load`.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import networkx as nx

from casegraph.errors import StoreError
from casegraph.store.evidence import Evidence
from casegraph.store.folder import EVIDENCE_FILE, load
from casegraph.store.index import IndexGraph, open_index

__all__ = ["open_store", "OpenStore"]


def open_store(path: str | os.PathLike[str]) -> "OpenStore":
    """The store folder or node-link JSON file ``path``, opened for reading.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> G = nx.MultiDiGraph(documents={})
    >>> G.add_node("case:1", type="case", name="病例1", aliases=["一号病例"])
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "g.json"
    >>> _ = path.write_text(json.dumps(nx.node_link_data(G, edges="edges")), encoding="utf-8")
    >>> open_store(path).load().nodes["case:1"]["name"]
    '病例1'
    """
    return OpenStore(path)


class OpenStore:
    """A store (or node-link file) opened for reading; see :func:`open_store`."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        #: The folder of the store, or of the file (where its evidence would be).
        self.folder = self.path if self.path.is_dir() else self.path.parent
        self._index: IndexGraph | None = None
        self._index_tried = False
        self._graph: nx.MultiDiGraph | None = None

    def __repr__(self) -> str:
        return f"open_store({str(self.path)!r})"

    @property
    def index(self) -> IndexGraph | None:
        """The store's query index if it is current (a folder only), else None."""
        if not self._index_tried:
            self._index_tried = True
            self._index = open_index(self.path) if self.path.is_dir() else None
        return self._index

    @property
    def graph(self) -> Any:
        """The graph questions read: the query index where it is current, else the whole
        graph (:meth:`load`)."""
        return self.index or self.load()

    def load(self) -> nx.MultiDiGraph:
        """The whole graph, in memory (read once).

        Raises
        ------
        StoreError
            If there is no graph there or it is not a node-link graph.
        """
        if self._graph is None:
            self._graph = _read(self.path)
        return self._graph

    def neighbourhood(self, node: str, hops: int) -> nx.MultiDiGraph:
        """A graph holding the nodes within ``hops`` of ``node`` (an id): read from the
        index where there is one, else the whole graph."""
        index = self.index
        return index.around(node, hops) if index is not None else self.load()

    def evidence(self) -> Evidence:
        """The store's evidence sentences (none where the folder holds no evidence file)."""
        return Evidence(self.folder / EVIDENCE_FILE)

    def close(self) -> None:
        if self._index is not None:
            self._index.close()
            self._index = None


def _read(path: Path) -> nx.MultiDiGraph:
    """A store folder through :func:`casegraph.store.load`; any other file as node-link JSON."""
    if path.is_dir() or not path.exists():
        return load(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        G = nx.node_link_graph(data, edges="edges", multigraph=True, directed=True)
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as err:
        raise StoreError(f"{path}: not a casegraph graph: {err}") from None
    return G if isinstance(G, nx.MultiDiGraph) else nx.MultiDiGraph(G)
