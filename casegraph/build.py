"""The pipeline: read -> extract -> merge -> store, incremental and idempotent.

Shape (so that any engine can run it):

* **map** — :func:`process_document` is a pure function of one :class:`Document`: it
  extracts the document's graph and cuts out its evidence sentences, and returns a
  :class:`DocumentResult` that no longer holds the text. Documents are streamed: only the
  graph grows in memory, never the text read.
* **reduce** — :class:`casegraph.merge.Merger` folds results into the store's graph; the
  merge is associative and commutative, so the order results arrive in does not matter.
* **engine** — a ``mapper(function, documents) -> results`` (default: in this process, in
  order). A pool of processes or Dask plugs in here without touching the rest.

A build holds the store's lock, skips documents whose content hash the store already has,
replaces documents whose content changed, checkpoints the store every
``checkpoint_seconds``, and commits ``graph.json`` atomically at the end.
"""
from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import networkx as nx

from casegraph.document import Document
from casegraph.errors import InputError, StoreError
from casegraph.merge import Merger
from casegraph.store import Store

__all__ = ["build", "process_document", "process_or_error", "serial_mapper", "document_hash", "DocumentResult", "BuildReport",
           "DEFAULT_OUT"]

DEFAULT_OUT = "casegraph-out"
HTML_FILE = "graph.html"

Mapper = Callable[[Callable[[Document], Any], Iterable[Document]], Iterable[Any]]


@dataclass
class DocumentResult:
    """What the map step returns for one document (no text: only graph and sentences)."""

    doc: str
    sha256: str
    graph: nx.MultiDiGraph
    sentences: dict[tuple[int, int], str]


@dataclass
class BuildReport:
    """What a build did."""

    out: Path
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: int = 0
    errors: list[InputError] = field(default_factory=list)
    documents: int = 0
    nodes: int = 0
    edges: int = 0
    written: bool = False
    page_note: str | None = None  #: what the page's large-graph rule did, if anything

    @property
    def changed(self) -> bool:
        return bool(self.added or self.replaced)


def document_hash(doc: Document) -> str:
    """The content hash a store records per document: text, city and date."""
    digest = hashlib.sha256()
    for part in (doc.text, doc.city or "", doc.date or ""):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def process_document(doc: Document) -> DocumentResult:
    """The map step: extract one document's graph and its evidence sentences.

    Pure (depends on ``doc`` alone), so it may run in any process or machine.
    """
    import casegraph  # looked up at call time, so the extractor can be swapped (tests)

    sha = document_hash(doc)
    G = casegraph.extract_document(doc)
    G.graph["sha256"] = sha
    spans = set()
    for _node, sources in G.nodes(data="sources"):
        spans.update(_spans(sources))
    for _u, _v, sources in G.edges(data="sources"):
        spans.update(_spans(sources))
    sentences = {(s, e): doc.text[s:e] for s, e in spans}
    return DocumentResult(doc.id, sha, G, sentences)


def process_or_error(doc: Document) -> DocumentResult | InputError:
    """:func:`process_document`, with an extractor failure turned into an error for this
    document alone (set ``CASEGRAPH_DEBUG=1`` to let it raise)."""
    try:
        return process_document(doc)
    except Exception as err:  # a bug on one document must not cost the whole build
        if os.environ.get("CASEGRAPH_DEBUG"):
            raise
        where = doc.path or doc.id
        return InputError(f"internal error while extracting {doc.id!r}: "
                          f"{type(err).__name__}: {err} (please report it)", where, doc.line)


def _spans(sources: Any) -> Iterator[tuple[int, int]]:
    for src in sources or ():
        start, end = src.get("start"), src.get("end")
        if isinstance(start, int) and isinstance(end, int):
            yield start, end


def serial_mapper(function: Callable[[Document], Any],
                  documents: Iterable[Document]) -> Iterator[Any]:
    """The default engine: one document after another, in this process."""
    for doc in documents:
        yield function(doc)


def build(inputs: Iterable[str | os.PathLike[str]], out: str | os.PathLike[str] = DEFAULT_OUT,
          *, city: str | None = None, date: str | None = None, rebuild: bool = False,
          wait: bool = True, formats: Iterable[str] | None = None, html: bool = True,
          progress: bool = False, on_error: Callable[[InputError], None] | None = None,
          on_wait: Callable[[str], None] | None = None, mapper: Mapper | None = None,
          checkpoint_seconds: float = 300.0) -> BuildReport:
    """Build or update the store ``out`` from the documents of ``inputs``.

    Parameters
    ----------
    inputs : paths
        As for :func:`casegraph.read.iter_documents` (files, folders, ``-``).
    out : path
        The store folder (created if missing).
    city, date : str, optional
        Defaults for documents that carry none.
    rebuild : bool
        Start from an empty store instead of adding to the existing one.
    wait : bool
        If another build holds the store, wait for it (``on_wait`` is told); else fail.
    formats : iterable of str, optional
        Export formats written beside the store (all by default; ``[]`` for none).
    html : bool
        Write the interactive page ``graph.html``.
    progress : bool
        Show a progress bar on standard error.
    on_error : callable
        Called with each :class:`InputError` (a bad document is skipped, the build goes on).
    mapper : callable
        The engine running :func:`process_document` over the documents.

    Returns
    -------
    BuildReport

    Raises
    ------
    StoreError
        The store is corrupt, too new, locked (``wait=False``) or unwritable.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "d1.txt").write_text("感染者1：现住丰台区东木樨园14号楼。", encoding="utf-8")
    >>> report = build([folder], folder / "out", city="北京", date="2022-04-14",
    ...                formats=[], html=False)
    >>> report.added, build([folder], folder / "out", city="北京", date="2022-04-14",
    ...                     formats=[], html=False).added
    (['d1'], [])
    """
    from casegraph.read import iter_documents

    store = Store(out)
    report = BuildReport(store.root)
    with store.lock(wait=wait, on_wait=on_wait):
        store.clean_temporary()
        graph = nx.MultiDiGraph(documents={}) if rebuild else store.load_or_empty()
        merger = Merger(graph)
        known = {doc: rec.get("sha256") for doc, rec in graph.graph["documents"].items()}
        evidence = store.evidence(write=True)
        try:
            documents = _new_documents(iter_documents(inputs, city=city, date=date), known,
                                       report, on_error)
            last_save = time.monotonic()
            for result in _progress((mapper or serial_mapper)(process_or_error, documents),
                                    progress):
                if isinstance(result, InputError):
                    _error(result, report, on_error)
                    continue
                _fold(result, merger, evidence, known, report)
                if time.monotonic() - last_save > checkpoint_seconds:
                    _commit(store, evidence, merger.graph)
                    last_save = time.monotonic()
            if report.changed or rebuild or not store.exists():
                _commit(store, evidence, merger.graph)
                report.written = True
            if report.replaced or rebuild:
                evidence.prune(rec.get("sha256")
                               for rec in merger.graph.graph["documents"].values())
        finally:
            evidence.close()
        G = merger.graph
        if report.written or not _outputs_exist(store.root, formats, html):
            with store.evidence() as sentences:
                report.page_note = write_outputs(G, store.root, formats=formats, html=html,
                                                 evidence=sentences.lookup(G))
    report.documents = len(G.graph["documents"])
    report.nodes, report.edges = G.number_of_nodes(), G.number_of_edges()
    return report


def _new_documents(items: Iterable[Document | InputError], known: dict[str, str | None],
                   report: BuildReport,
                   on_error: Callable[[InputError], None] | None) -> Iterator[Document]:
    """The documents the store does not hold yet (or holds with other content)."""
    seen_now: dict[str, str] = {}
    for item in items:
        if isinstance(item, InputError):
            _error(item, report, on_error)
            continue
        if item.id in seen_now:
            where = item.path or "<input>"
            _error(InputError(f"duplicate document id {item.id!r} (first in {seen_now[item.id]}),"
                              " skipped", where, item.line), report, on_error)
            continue
        seen_now[item.id] = f"{item.path or '<input>'}" + (f":{item.line}" if item.line else "")
        if known.get(item.id) == document_hash(item):
            report.unchanged += 1
            continue
        yield item


def _error(err: InputError, report: BuildReport,
           on_error: Callable[[InputError], None] | None) -> None:
    report.errors.append(err)
    if on_error is not None:
        on_error(err)


def _fold(result: DocumentResult, merger: Merger, evidence: Any, known: dict[str, str | None],
          report: BuildReport) -> None:
    """The reduce step for one result."""
    if result.doc in known:
        merger.remove_documents([result.doc])
        report.replaced.append(result.doc)
    else:
        report.added.append(result.doc)
    evidence.add(result.sha256, result.sentences)
    merger.add_document_graph(result.graph)
    known[result.doc] = result.sha256


def _commit(store: Store, evidence: Any, G: nx.MultiDiGraph) -> None:
    """Evidence first, then the graph: the graph's rename is the commit point."""
    evidence.commit()
    store.save(G)


def _progress(results: Iterable[Any], enabled: bool) -> Iterable[Any]:
    if not enabled:
        return results
    from tqdm import tqdm

    return tqdm(results, desc="casegraph build", unit="doc", leave=False)


# --- exports and HTML (hook) --------------------------------------------------------------------
# The exports (casegraph.export, issue 5) and the page (casegraph.view) are written by their
# own modules; build only calls them. ``graph.json`` is the store itself (the ``json``
# export), so the exporters never write it here.

def write_outputs(G: nx.MultiDiGraph, out: Path, *, formats: Iterable[str] | None = None,
                  html: bool = True, evidence: Callable | None = None) -> str | None:
    """Write the exports and the HTML page beside the store.

    Returns the page's note when the large-graph rule left nodes out of it, else ``None``.
    """
    from casegraph import export, view

    chosen = [f for f in (export.FORMATS if formats is None else formats) if f != "json"]
    try:
        if chosen:
            export.write_all(G, out, chosen)
        if html:
            return view.write_html(G, out / HTML_FILE, evidence=evidence).note
    except OSError as err:
        raise StoreError(f"{out}: cannot write the exports: {err.strerror or err} "
                         "(the store itself is saved)") from None
    return None


def _outputs_exist(out: Path, formats: Iterable[str] | None, html: bool) -> bool:
    """Whether a build that changed nothing may leave the outputs as they are."""
    return not html or (out / HTML_FILE).exists()
