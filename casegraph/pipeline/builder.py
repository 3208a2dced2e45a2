"""A build: read -> extract -> merge -> store, incremental and idempotent.

Shape (so that any engine can run it):

* **map** — :func:`casegraph.pipeline.steps.process_document` is a pure function of one :class:`Document`: it
  extracts the document's graph and cuts out its evidence sentences, and returns a
  :class:`DocumentResult` that no longer holds the text. Documents are streamed: only the
  graph grows in memory, never the text read.
* **reduce** — :class:`casegraph.merge.merger.Merger` folds results into the store's graph; the
  merge is associative and commutative, so the order results arrive in does not matter.
* **batches** — documents travel in small batches; :func:`~casegraph.pipeline.steps.process_batch` maps a batch and
  merges its graphs into one fragment (:class:`Batch`) where it runs, so the process that
  holds the store only folds one fragment per batch.
* **engine** — a ``mapper(function, batches) -> results`` (default: in this process, in
  order). A pool of processes or Dask (:mod:`casegraph.pipeline.engines`) plugs in here without
  touching the rest; an engine that reduces the fragments itself returns batches without a
  graph and, last, one batch holding the reduced graph.

A build holds the store's lock, skips documents whose content hash the store already has,
replaces documents whose content changed, checkpoints the store every
``checkpoint_seconds``, and commits ``graph.json`` atomically at the end.
"""
from __future__ import annotations

import contextlib
import os
import functools
import gc
import sqlite3
import time
from concurrent.futures import BrokenExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import networkx as nx

from casegraph.collector import collector_paused
from casegraph.document import Document
from casegraph.errors import InputError, StoreError
from casegraph.merge.merger import Merger
from casegraph.pipeline.save import write_index
from casegraph.pipeline.steps import BATCH_DOCUMENTS, Batch, Extractor, Mapper, \
    batched, document_hash, process_batch, serial_mapper
from casegraph.extract import extract_document
from casegraph.store.folder import Store
from casegraph.store.graphs import DiskGraph
from casegraph.store.changes import Changes, changes_since
from casegraph.store.index import INDEX_FILE, copy_for_build, open_index, remove_index

__all__ = ["build", "BuildReport", "write_outputs", "DEFAULT_OUT"]

DEFAULT_OUT = "casegraph-out"
HTML_FILE = "graph.html"


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
    #: the exports were written by copying the records this build left unchanged from the
    #: previous ones (:mod:`casegraph.export.splice`), not in full
    outputs_spliced: bool = False
    #: wall seconds of each stage, as this process saw them: ``batches`` (waiting for the
    #: engine to read, extract and merge batches), ``fold`` (into the store's graph),
    #: ``checkpoints``, ``save`` (graph.json and its query index), ``index`` (the query
    #: index alone, where only it was missing), ``outputs`` (exports and page)
    timings: dict[str, float] = field(default_factory=dict)

    @contextlib.contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        """Add the wall time of the ``with`` block to ``timings[stage]``."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - start

    @property
    def changed(self) -> bool:
        return bool(self.added or self.replaced)


def build(inputs: Iterable[str | os.PathLike[str]], out: str | os.PathLike[str] = DEFAULT_OUT,
          *, city: str | None = None, date: str | None = None, rebuild: bool = False,
          wait: bool = True, formats: Iterable[str] | None = None, html: bool = True,
          progress: bool = False, on_error: Callable[[InputError], None] | None = None,
          on_wait: Callable[[str], None] | None = None, mapper: Mapper | None = None,
          checkpoint_seconds: float = 600.0, batch_size: int = BATCH_DOCUMENTS,
          extractor: Extractor = extract_document) -> BuildReport:
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
        The engine: ``mapper(process_batch, batches)`` yields a :class:`Batch` per batch
        (e.g. :func:`casegraph.pipeline.engines.engine`; default: in this process). The graph is the
        same whatever the engine.
    batch_size : int
        Documents per batch.
    extractor : callable
        One document's graph (default :func:`casegraph.extract.extract_document`); a
        module-level function where the engine runs worker processes.

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
    inputs = list(inputs)
    wanted = _outputs_wanted(formats, html)
    with _progress(progress, inputs, city, date, wanted) as bar, \
            store.lock(wait=wait, on_wait=on_wait):
        store.clean_temporary()
        # the outputs an update splices its changes into: written from the graph.json there
        before = store.outputs_source(wanted) if wanted and not rebuild and store.exists() \
            else None
        # the graph is merged on disk (each node and edge as its JSON): memory stays flat
        # however large the graph grows
        graph, copied = _work_graph(store, rebuild)
        changes = None
        merger = Merger(graph)
        known = {doc: rec.get("sha256") for doc, rec in graph.graph["documents"].items()}
        evidence = store.evidence(write=True)
        try:
            documents = _new_documents(iter_documents(inputs, city=city, date=date), known,
                                       report, on_error)
            last_save = time.monotonic()
            work = functools.partial(process_batch, extractor=extractor)
            batches = iter((mapper or serial_mapper)(work, batched(documents, batch_size)))
            with collector_paused():
                while True:
                    with report.timed("batches"):
                        batch = next(batches, None)
                    if batch is None:
                        break
                    with report.timed("fold"):
                        _fold(batch, merger, evidence, known, report, on_error)
                        bar.update(len(batch.results))
                        del batch  # garbage now (a fragment has reference cycles): collect
                        gc.collect(1)  # the young objects only; the graph is never walked
                    if time.monotonic() - last_save > checkpoint_seconds:
                        with report.timed("checkpoints"):
                            took = _commit(store, evidence, merger.graph)
                        # a large store takes a while to write: never spend over a
                        # twentieth of the build on checkpoints
                        last_save = time.monotonic() + max(0.0, 20 * took - checkpoint_seconds)
            bar.update(max(0, (bar.total or 0) - len(bar.steps) - bar.n))  # unchanged ones
            report.documents = len(graph.graph["documents"])
            report.nodes, report.edges = graph.number_of_nodes(), graph.number_of_edges()
            processes = getattr(mapper, "local_processes", 1)
            if copied and report.changed:  # told by the index it was copied from
                changes = changes_since(graph.connection, store.root / INDEX_FILE)
            if report.changed or rebuild or not store.exists():
                bar.set_postfix_str("save")
                with report.timed("save"):  # graph.json and its query index, kept for queries
                    evidence.commit()  # first: the graph's rename is the commit point
                    _keep_index(graph, store, processes, on_saved=functools.partial(
                        _saved, report, evidence, graph.graph["documents"],
                        prune=bool(report.replaced or rebuild)),
                        changed=None if changes is None else
                        [*changes.nodes, *changes.removed_nodes])
            elif open_index(store.root) is None:
                with report.timed("index"):
                    _keep_index(graph, store, processes)
        finally:
            evidence.close()
            graph.close()
        del graph, merger
        bar.step("save")
        if wanted and (report.written or not store.outputs_current(wanted)):
            bar.set_postfix_str("outputs")
            with report.timed("outputs"):  # from graph.json: the same however it was built
                digests: dict[str, str] = {}
                sha = store.graph_hash()
                report.page_note = write_outputs(
                    None, store.root, formats=formats, html=html, on_output=bar.step,
                    digests=digests, changes=changes if before is not None else None,
                    before=(before, sha),
                    told_spliced=lambda: setattr(report, "outputs_spliced", True))
            # after the last of them: a kill before it redoes them
            store.mark_outputs(wanted, digests, graph_sha256=sha)
        for step in list(bar.steps):
            bar.step(step)
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


def _fold(batch: Batch, merger: Merger, evidence: Any, known: dict[str, str | None],
          report: BuildReport, on_error: Callable[[InputError], None] | None) -> None:
    """The reduce step for one batch: old versions out, evidence in, the fragment merged."""
    results = []
    for result in batch.results:
        if isinstance(result, InputError):
            _error(result, report, on_error)
        else:
            results.append(result)
    replaced = [result.doc for result in results if result.doc in known]
    if replaced:
        merger.remove_documents(replaced)
        report.replaced += replaced
    for result in results:
        if result.doc not in known:
            report.added.append(result.doc)
        evidence.add(result.sha256, result.sentences)
        known[result.doc] = result.sha256
    if batch.graph is not None:
        merger.add(batch.graph)


def _saved(report: BuildReport, evidence: Any, documents: dict[str, dict], prune: bool) -> None:
    """graph.json is committed: say so and, with ``prune``, drop the evidence sentences of
    documents it no longer holds (those only the graph it replaced needed)."""
    report.written = True
    if prune:
        evidence.prune(record.get("sha256") for record in documents.values())


def _keep_index(graph: DiskGraph, store: Store, processes: int,
                on_saved: Callable[[], None] | None = None,
                changed: list[str] | None = None) -> None:
    """Make ``graph`` the store's query index; with ``on_saved``, also save it as graph.json
    and call that once it is committed (see :func:`casegraph.pipeline.save.write_index`;
    ``changed``: the nodes changed since the index ``graph`` is a copy of)."""
    try:
        write_index(graph, store.root, processes, save=on_saved is not None, on_saved=on_saved,
                    changed=changed)
    except (OSError, sqlite3.Error, BrokenExecutor) as err:
        remove_index(store.root)
        raise StoreError(f"{store.root}: graph.json is saved, but its query index could not "
                         f"be written ({err}); queries will read graph.json") from None


def _work_graph(store: Store, rebuild: bool) -> tuple[DiskGraph, bool]:
    """The graph a build merges into, on disk: empty, a copy of the store's query index, or
    (where the index is missing or stale) the store's ``graph.json``; and whether it is
    the copy of the index (which then tells what the build changed)."""
    if rebuild or not store.exists():
        return store.work_graph(None), False
    copied = copy_for_build(store.root)
    return (copied, True) if copied is not None else (store.work_graph(store.load()), False)


def _commit(store: Store, evidence: Any, G: Any) -> float:
    """Evidence first, then the graph: the graph's rename is the commit point (the query
    index of the graph it replaces is ignored from then on, until a new one replaces it).
    Returns the seconds it took."""
    start = time.monotonic()
    evidence.commit()
    store.save(G)
    return time.monotonic() - start


def _progress(enabled: bool, inputs: list, city: str | None, date: str | None,
              wanted: dict[str, Any] | None) -> Any:
    """A progress bar over the whole build (one that shows nothing when not ``enabled``):
    one step per document of ``inputs`` (counted first, where they can be read twice), one
    for saving the store and one per output (the exports, the page); ``bar.step(name)``
    completes a named step once."""
    from tqdm import tqdm

    steps = ["save"] + (["exports"] if wanted and wanted["formats"] else []) + (
        ["page"] if wanted and wanted["html"] else [])
    total = None
    if enabled and not any(str(item) == "-" for item in inputs):
        from casegraph.read import iter_documents
        total = sum(1 for _ in iter_documents(inputs, city=city, date=date)) + len(steps)
    class Bar(tqdm):
        monitor_interval = 0  # no monitor thread: write_outputs forks, best done thread-free

    bar = Bar(desc="casegraph build", unit="step", total=total, leave=False,
              disable=not enabled)
    bar.steps = dict.fromkeys(steps)

    def step(name: str) -> None:
        if bar.steps.pop(name, "done") is None:
            bar.update(1)

    bar.step = step
    return bar



# --- exports and HTML (hook) --------------------------------------------------------------------
# The exports (casegraph.export, issue 5) and the page (casegraph.view) are written by their
# own modules; build only calls them. ``graph.json`` is the store itself (the ``json``
# export), so the exporters never write it here.

def write_outputs(G: nx.MultiDiGraph | None, out: Path, *, formats: Iterable[str] | None = None,
                  html: bool = True, evidence: Callable | None = None,
                  on_output: Callable[[str], None] | None = None,
                  digests: dict[str, str] | None = None, changes: Changes | None = None,
                  before: tuple[str | None, str] | None = None,
                  told_spliced: Callable[[], None] | None = None) -> str | None:
    """Write the exports and the HTML page beside the store.

    With ``G`` None, the store in ``out`` is read, once (as a table of its ``graph.json``,
    with the store's checks); this process makes the graph of the same rows and writes the
    page with the store's evidence sentences. The formats are shared out between this
    process (after the page) and forked ones, one per further core, by their usual cost.

    ``on_output(name)`` is told as each output is written: ``"page"``, ``"exports"``.
    ``digests``, given, receives the SHA-256 of each export file written (by its name
    relative to ``out``; each process hashes its own files while they are fresh), for
    the store's outputs stamp. Returns the page's note when the large-graph rule left
    nodes out of it, else ``None``.

    ``before``, for a build (``G`` None): the SHA-256 of the ``graph.json`` the outputs
    there were written from (None if they are not current) and of the one now. Then each
    file's layout is kept for the next build, and where ``changes`` (what the build
    changed since) is given, the writers copy the unchanged records' fragments from the
    files there (:mod:`casegraph.export.splice`); ``told_spliced()`` is called when they
    did.
    """
    from casegraph import export, view
    from casegraph.export.changed import changed_table, previous_outputs, write_records

    told = on_output or (lambda name: None)
    chosen = [f for f in (export.FORMATS if formats is None else formats) if f != "json"]
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)
    with collector_paused():  # millions of objects, no cycles: collecting them is waste
        layout = G is None and before is not None  # a build's: kept for the next one
        previous = previous_outputs(out, changes, before[0]) \
            if layout and changes is not None and before[0] else None

        def page() -> str | None:
            if G is not None:
                return view.write_html(G, out / HTML_FILE, evidence=evidence).note
            return _store_page(out, previous if layout else None, layout)

        # a store's page reads its index, not the table: it is drawn in a process of its
        # own meanwhile, where there are cores to spare
        paged = export.fork_job(page) if html and G is None and cores > 1 and \
            export.can_fork() else None
        try:
            files = [name for f in chosen for name in export.FILES[f]]
            table = changed_table(out, changes, previous) \
                if previous and chosen and previous.has_files(files) else None
            spliced = table is not None  # the table holds the changed records only
            if spliced and told_spliced is not None:
                told_spliced()
            if table is None and (chosen or G is not None):
                table = export.read_table(out) if G is None else export.table_of(G)
            # the formats shared out between this process (after the page, if it draws it)
            # and forked ones
            here = html and paged is None
            groups = export.share_out(chosen, cores, first=_PAGE_COST if here else 0) or [[]]

            def job(group: list[str], with_page: bool = False) -> Callable[[], tuple]:
                def run() -> tuple[str | None, dict[str, str]]:
                    note = page() if with_page else None
                    written = export.write_all(table, out, group, jobs=1, layout=layout,
                                               previous=previous if spliced else None) \
                        if group else []
                    return note, _digests(out, written) if digests is not None else {}
                return run

            jobs = [job(groups[0], here)] + [job(group) for group in groups[1:]]
            results = export.run_forked(jobs) if len(jobs) > 1 else [jobs[0]()]
            if chosen:
                told("exports")
            note = paged() if paged is not None else results[0][0]
            if html:
                told("page")
        except OSError as err:
            raise StoreError(f"{out}: cannot write the exports: {err.strerror or err} "
                             "(the store itself is saved)") from None
        finally:
            if paged is not None:
                with contextlib.suppress(BaseException):
                    paged()  # waited for even where the exports failed (no zombie)
    for _note, found in results:
        if digests is not None:
            digests.update(found)
    if layout:
        write_records(out, before[1], table if chosen else None)
    return note


def _store_page(out: Path, previous: Any, layout: bool) -> str | None:
    """The page of the store ``out``, from its index (:mod:`casegraph.page`; the search
    rows of ``previous``, the earlier outputs, copied where unchanged), else from its graph
    loaded whole. Returns the large-graph rule's note."""
    import types

    from casegraph import view
    from casegraph.export.splice import Sink
    from casegraph.page import write_store_page

    index = open_index(out)
    store = Store(out)
    if index is None:
        graph = store.load()
        with store.evidence() as sentences:
            return view.write_html(graph, out / HTML_FILE, evidence=sentences.lookup(graph)).note
    try:
        graph = index.sorted_graph()
        sink = Sink(previous.file(HTML_FILE) if previous is not None else None)
        with store.evidence() as sentences:
            return write_store_page(out, index.connection, graph, sentences.lookup(
                types.SimpleNamespace(graph=graph)), sink, layout=layout)
    finally:
        index.close()


def _digests(out: Path, paths: Iterable[Path]) -> dict[str, str]:
    """The SHA-256 of each of the files ``paths``, by their name relative to ``out``."""
    from casegraph.store.folder import file_hash

    found = {}
    for path in paths:
        with open(path, "rb") as handle:
            found[Path(path).relative_to(out).as_posix()] = file_hash(handle)
    return found


_PAGE_COST = 6  # the page, in the units of casegraph.export's format costs


def _outputs_wanted(formats: Iterable[str] | None, html: bool) -> dict[str, Any] | None:
    """The outputs a build writes beside the store, as its stamp records them (None: none)."""
    from casegraph import export

    chosen = sorted({f for f in (export.FORMATS if formats is None else formats) if f != "json"})
    # the writers' version: outputs of other writers are written again
    return {"formats": chosen, "html": html, "version": export.OUTPUTS_VERSION} \
        if chosen or html else None

