"""The graph store on disk: ``OUT/graph.json`` plus the evidence sentences, safe to crash.

Layout of a store folder ``OUT``:

``graph.json``
    The merged graph, ``nx.node_link_data(G, edges="edges")``, written canonically (nodes
    sorted by id, edges by ends and relation, keys sorted, one item a line) so that the same
    documents always give the same bytes. ``G.graph`` holds ``format`` (``"casegraph"``),
    ``format_version`` and ``documents``: ``{doc id: {"sha256", "city", "date", ...}}``,
    the content hash by which a later build knows what it has seen.
``evidence.sqlite``
    The text of every evidence sentence, keyed by the document's content hash and the span
    (``sentences(sha256, start, end, text)``), so ``sources`` entries can be shown as text
    without keeping the bulletins. Rows are only ever added for a hash, so any
    ``graph.json`` — the previous one or the new one — finds its sentences; rows of
    documents no longer in the graph are pruned after a build has committed.
``graph.index.sqlite``
    The query index (:mod:`casegraph.store.index`): the build's on-disk graph kept for queries, a
    cache that is used only while the ``graph.json`` it names is there unchanged.
``.casegraph.lock``
    The build lock (an OS file lock via ``filelock``: the operating system releases it when
    its process dies, so a lock left by a killed build is taken over at once).
``.casegraph.outputs``
    Which ``graph.json`` (by hash) the exports and ``graph.html`` beside it were last
    written from, in full: a build killed while writing them leaves this stale, and the
    next build writes them again even when no document changed.

``graph.json`` is replaced atomically (temporary file + rename) and is the store's one
commit point: a build killed at any moment leaves the previous store or the new one.
"""
from __future__ import annotations

from casegraph.store.evidence import Evidence
from casegraph.store.folder import EVIDENCE_FILE, GRAPH_FILE, LOCK_FILE, OUTPUTS_FILE, Store, load
from casegraph.store.graphs import FORMAT, FORMAT_VERSION, DiskGraph, PackedGraph, dumps, \
    iter_dumps, select_rows_in
from casegraph.store.opened import OpenStore, open_store

__all__ = ["Store", "Evidence", "PackedGraph", "DiskGraph", "dumps", "iter_dumps", "load",
           "FORMAT", "FORMAT_VERSION", "GRAPH_FILE", "select_rows_in", "EVIDENCE_FILE",
           "LOCK_FILE", "OUTPUTS_FILE", "open_store", "OpenStore"]
