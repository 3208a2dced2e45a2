"""The map step of a build: one document to its graph and evidence sentences, in batches.

* :func:`process_document` is a pure function of one :class:`Document` and the extractor:
  it extracts the document's graph and cuts out its evidence sentences, and returns a
  :class:`DocumentResult` that no longer holds the text. Documents are streamed: only the
  graph grows in memory, never the text read.
* :func:`process_batch` maps a batch and merges its graphs into one fragment (:class:`Batch`)
  where it runs, so the process that holds the store only folds one fragment per batch.
* An engine is a ``mapper(function, batches) -> results``: :func:`serial_mapper` (in this
  process, in order) or one of :mod:`casegraph.pipeline.engines`.

The extractor is a parameter (default :func:`casegraph.extract.extract_document`), a
module-level function, so that it travels to worker processes with the batches.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, replace
from typing import Any, Callable, Iterable, Iterator, Sequence

import networkx as nx

from casegraph.collector import collector_paused
from casegraph.document import Document
from casegraph.errors import InputError
from casegraph.extract import extract_document
from casegraph.merge.merger import Merger
from casegraph.store.graphs import PackedGraph

__all__ = ["process_document", "process_or_error", "process_batch", "serial_mapper",
           "batched", "document_hash", "DocumentResult", "Batch", "Mapper", "Extractor",
           "BATCH_DOCUMENTS", "BATCH_CHARS"]

#: Documents per batch, and the most text (characters) a batch holds.
BATCH_DOCUMENTS = 64
BATCH_CHARS = 2_000_000

Mapper = Callable[[Callable[[Any], Any], Iterable[Any]], Iterable[Any]]
#: What extracts one document's graph (:func:`casegraph.extract.extract_document`).
Extractor = Callable[[Document], nx.MultiDiGraph]


@dataclass
class DocumentResult:
    """What the map step returns for one document (no text: only graph and sentences).

    ``graph`` is ``None`` once it has been merged into its batch's fragment.
    """

    doc: str
    sha256: str
    graph: nx.MultiDiGraph | None
    sentences: dict[tuple[int, int], str]


@dataclass
class Batch:
    """What the map step returns for a batch of documents.

    ``results`` holds each document's result (its graph left out) or its error, in input
    order; ``graph`` is the merged fragment of the batch's documents, or ``None`` when an
    engine reduces fragments itself and sends the reduced graph in a later batch.
    """

    results: list[DocumentResult | InputError]
    graph: nx.MultiDiGraph | None


def document_hash(doc: Document) -> str:
    """The content hash a store records per document: text, city and date."""
    digest = hashlib.sha256()
    for part in (doc.text, doc.city or "", doc.date or ""):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def process_document(doc: Document, extractor: Extractor = extract_document) -> DocumentResult:
    """The map step: extract one document's graph and its evidence sentences.

    Pure (depends on ``doc`` and ``extractor`` alone), so it may run in any process or
    machine.
    """
    sha = document_hash(doc)
    G = extractor(doc)
    G.graph["sha256"] = sha
    spans = set()
    for _node, sources in G.nodes(data="sources"):
        spans.update(_spans(sources))
    for _u, _v, sources in G.edges(data="sources"):
        spans.update(_spans(sources))
    sentences = {(s, e): doc.text[s:e] for s, e in spans}
    return DocumentResult(doc.id, sha, G, sentences)


def process_or_error(doc: Document,
                     extractor: Extractor = extract_document) -> DocumentResult | InputError:
    """:func:`process_document`, with an extractor failure turned into an error for this
    document alone (set ``CASEGRAPH_DEBUG=1`` to let it raise)."""
    try:
        return process_document(doc, extractor)
    except Exception as err:  # a bug on one document must not cost the whole build
        if os.environ.get("CASEGRAPH_DEBUG"):
            raise
        where = doc.path or doc.id
        return InputError(f"internal error while extracting {doc.id!r}: "
                          f"{type(err).__name__}: {err} (please report it)", where, doc.line)


def process_batch(documents: Sequence[Document],
                  extractor: Extractor = extract_document) -> Batch:
    """The map step for a batch: each document processed, their graphs merged into one
    fragment (:func:`casegraph.merge.merge` of the documents' fragments), encoded as
    ``graph.json`` will hold it (a :class:`casegraph.store.graphs.PackedGraph`). Pure."""
    results: list[DocumentResult | InputError] = []

    def graphs() -> Iterator[nx.MultiDiGraph]:
        for doc in documents:
            result = process_or_error(doc, extractor)
            if isinstance(result, DocumentResult):
                graph, result = result.graph, replace(result, graph=None)
                results.append(result)
                yield graph
                _break_view_cycles(graph)  # so the graph is freed when let go, not collected
                del graph
            else:
                results.append(result)

    # The merge makes no reference cycles: collections would find nothing in all it builds,
    # yet walk it all again and again. What the documents share is resolved once, and
    # encoded as it is merged, here in the worker.
    with collector_paused():
        merger = Merger(PackedGraph())
        merger.add_document_graphs(graphs())
    return Batch(results, merger.graph)


def _break_view_cycles(G: nx.Graph) -> None:
    """Drop the views networkx caches on a graph (an edge view refers back to its graph,
    a reference cycle only the collector could free; the graph's data stays as it is)."""
    for name in ("edges", "out_edges", "in_edges", "degree", "in_degree", "out_degree"):
        G.__dict__.pop(name, None)


def batched(documents: Iterable[Document], size: int = BATCH_DOCUMENTS,
            chars: int = BATCH_CHARS) -> Iterator[list[Document]]:
    """Lists of at most ``size`` documents and (beyond their first) ``chars`` characters."""
    batch: list[Document] = []
    held = 0
    for doc in documents:
        if batch and (len(batch) >= size or held + len(doc.text) > chars):
            yield batch
            batch, held = [], 0
        batch.append(doc)
        held += len(doc.text)
    if batch:
        yield batch


def _spans(sources: Any) -> Iterator[tuple[int, int]]:
    for src in sources or ():
        start, end = src.get("start"), src.get("end")
        if isinstance(start, int) and isinstance(end, int):
            yield start, end


def serial_mapper(function: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
    """The default engine: one item after another, in this process."""
    for item in items:
        yield function(item)

