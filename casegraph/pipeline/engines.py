"""Engines: where :func:`casegraph.pipeline.build` runs its map and reduce steps.

An engine is a ``mapper(function, batches) -> results`` (see :mod:`casegraph.pipeline.steps`):

* :class:`LocalEngine` — ``jobs`` processes of this machine (``jobs=1``: this process).
  Batches are submitted through a bounded window, so only a few batches of text are held
  at any time, and results come back in input order; the graph is byte for byte the graph
  of ``jobs=1``.
* :class:`DaskEngine` — a Dask distributed cluster (``pip install 'casegraph[dask]'``),
  the scheduler at ``scheduler`` or a local cluster of ``jobs`` worker processes. Workers
  map batches to fragments and fold the fragments into one graph per worker (the merge's
  reduction, on the cluster); the driver receives each batch's evidence sentences and,
  every :data:`FOLDS_PER_GRAPH` batches per worker, the workers' graphs one at a time, and
  merges them into the store like any fragment. The merge is associative and commutative,
  so the graph equals the single-process one.

:func:`engine` picks one by name, as the CLI's ``--engine``, ``--jobs`` and ``--scheduler`` do.
"""
from __future__ import annotations

import itertools
import logging
import multiprocessing
import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Callable, Iterable, Iterator

from casegraph.pipeline.steps import Batch, Mapper
from casegraph.errors import CasegraphError
from casegraph.merge.merger import Merger
from casegraph.store.graphs import PackedGraph

__all__ = ["engine", "LocalEngine", "DaskEngine", "EngineError", "ENGINES", "default_jobs",
           "fresh_process_context"]

ENGINES = ("local", "dask")
#: Batches in flight per worker: enough to keep every worker busy, few enough that memory
#: holds only a handful of batches of text.
WINDOW_PER_WORKER = 2
#: Batches a Dask worker folds into one graph before handing it to the driver: the most of
#: the graph a worker (or the driver, receiving it) holds in memory at once.
FOLDS_PER_GRAPH = 4


class EngineError(CasegraphError):
    """An engine cannot run: its library is missing or its cluster cannot be reached."""


def default_jobs() -> int:
    """The cores this process may use (``os.process_cpu_count`` where Python has it)."""
    count = getattr(os, "process_cpu_count", None)
    if count is not None:
        return count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def engine(name: str = "local", *, jobs: int | None = None,
           scheduler: str | None = None) -> Mapper:
    """The engine called ``name`` (``"local"`` or ``"dask"``).

    Parameters
    ----------
    jobs : int, optional
        Worker processes (default: every core). With Dask, the size of the local cluster;
        ignored when ``scheduler`` is given (the cluster has its own workers).
    scheduler : str, optional
        Address of a running Dask scheduler (``tcp://host:8786``); Dask only.

    Examples
    --------
    >>> engine("local", jobs=1)
    LocalEngine(jobs=1)
    """
    if jobs is not None and jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if name == "local":
        if scheduler is not None:
            raise ValueError("a scheduler address needs the dask engine")
        return LocalEngine(jobs)
    if name == "dask":
        return DaskEngine(scheduler, jobs)
    raise ValueError(f"unknown engine {name!r} (one of {', '.join(ENGINES)})")


class LocalEngine:
    """Map batches in ``jobs`` processes of this machine, results in input order."""

    def __init__(self, jobs: int | None = None):
        self.jobs = jobs or default_jobs()

    def __repr__(self) -> str:
        return f"LocalEngine(jobs={self.jobs})"

    @property
    def local_processes(self) -> int:
        """Processes this engine may run on this machine (the build's own steps may too)."""
        return self.jobs

    def __call__(self, function: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        items = iter(items)
        head = list(itertools.islice(items, 2))
        if self.jobs == 1 or len(head) < 2:  # one batch: starting workers would cost more
            for item in itertools.chain(head, items):
                yield function(item)
            return
        pool = ProcessPoolExecutor(self.jobs, mp_context=fresh_process_context())
        try:
            pending: deque[Future] = deque()
            for item in itertools.chain(head, items):
                pending.append(pool.submit(function, item))
                if len(pending) >= WINDOW_PER_WORKER * self.jobs:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def fresh_process_context() -> multiprocessing.context.BaseContext:
    """Fresh workers, not forks of a process that may hold a large store graph."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


class DaskEngine:
    """Map batches on a Dask cluster and fold their fragments into graphs on the workers."""

    def __init__(self, scheduler: str | None = None, jobs: int | None = None,
                 timeout: float = 30.0):
        self.scheduler = scheduler
        self.jobs = jobs
        self.timeout = timeout  #: seconds to wait for the scheduler

    def __repr__(self) -> str:
        return f"DaskEngine(scheduler={self.scheduler!r}, jobs={self.jobs})"

    @property
    def local_processes(self) -> int:
        """Processes of this machine: a local cluster's workers; 1 beside a remote cluster."""
        return 1 if self.scheduler else (self.jobs or default_jobs())

    def __call__(self, function: Callable[[Any], Batch],
                 items: Iterable[Any]) -> Iterator[Batch]:
        client, cluster = self._connect()
        try:
            yield from _map_reduce(client, function, items)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

    def _connect(self) -> tuple[Any, Any]:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise EngineError("the dask engine needs Dask: pip install 'casegraph[dask]'") \
                from None
        if self.scheduler is not None:
            try:
                return Client(self.scheduler, timeout=self.timeout), None
            except (OSError, TimeoutError, ValueError) as err:
                raise EngineError(f"cannot reach the Dask scheduler at {self.scheduler}: "
                                  f"{err}") from None
        cluster = LocalCluster(n_workers=self.jobs or default_jobs(), threads_per_worker=1,
                               processes=True, dashboard_address=None,
                               silence_logs=logging.ERROR)
        return Client(cluster), cluster


def _map_reduce(client: Any, function: Callable[[Any], Batch],
                items: Iterable[Any]) -> Iterator[Batch]:
    """Batches without their graphs, in input order, and every so often one batch per
    worker holding the graph that worker reduced.

    Each worker keeps one packed graph (:class:`casegraph.store.graphs.PackedGraph`) and folds
    the fragments of the batches it is given into it, so the reduction runs on the cluster
    in parallel. A worker's graph is handed to the driver (which merges it into the store's
    graph on disk) and started afresh every :data:`FOLDS_PER_GRAPH` batches, so neither a
    worker nor the driver ever holds more than that many batches' graph. At most a window
    of batches is in flight and not yet folded, so only a few batches of text are held.
    """
    from dask.distributed import wait

    workers = max(1, sum(client.nthreads().values()))
    window = WINDOW_PER_WORKER * workers
    reduced: list[Any] = [None] * workers
    inflight: deque = deque()
    for i, item in enumerate(items):
        if i and i % (FOLDS_PER_GRAPH * workers) == 0:
            yield from _drained(inflight, reduced, wait)
        batch = client.submit(function, item, pure=False)
        graph = client.submit(_graph_of, batch, pure=False)
        slot = i % workers
        reduced[slot] = client.submit(_reduce, reduced[slot], graph, pure=False)
        inflight.append((client.submit(_results_of, batch, pure=False), reduced[slot]))
        del batch, graph
        while len(inflight) >= window:
            yield _finished(inflight.popleft(), wait)
    yield from _drained(inflight, reduced, wait)


def _drained(inflight: deque, reduced: list[Any], wait: Callable) -> Iterator[Batch]:
    """The batches in flight, then the workers' graphs, one at a time (``reduced`` is
    emptied for fresh graphs)."""
    while inflight:
        yield _finished(inflight.popleft(), wait)
    for slot, future in enumerate(reduced):
        if future is not None:
            reduced[slot] = None
            merger = future.result()
            future.release()
            yield Batch([], merger.graph)
            del merger


def _finished(pair: tuple[Any, Any], wait: Callable) -> Batch:
    """A batch's results, once its fragment is folded into its worker's graph."""
    results, folded = pair
    batch = Batch(results.result(), None)
    wait(folded)
    results.release()
    return batch


def _reduce(merger: Merger | None, graph: Any) -> Merger:
    """Fold ``graph`` into ``merger`` (a worker's packed graph; a new one when None).
    The merger is changed and returned: each one is only ever folded into once."""
    _tell_dask_sizes()
    merger = merger if merger is not None else Merger(PackedGraph())
    merger.add(graph)
    return merger


def _tell_dask_sizes() -> None:
    """Tell Dask how large graphs are: its guess (the object's header) would let it move a
    worker's whole graph elsewhere to fold one batch into it."""
    from dask.sizeof import sizeof

    if Merger not in sizeof._lookup:
        sizeof.register(PackedGraph, _graph_size)
        sizeof.register(Merger, lambda merger: _graph_size(merger.graph))
        sizeof.register(Batch, lambda batch: _graph_size(batch.graph) + sum(
            len(text) for result in batch.results for text in getattr(result, "sentences",
                                                                       {}).values()))


def _graph_size(graph: Any) -> int:
    """About the bytes of a packed graph (its JSON and the dicts that hold it)."""
    if isinstance(graph, PackedGraph):
        return 600 * graph.number_of_nodes() + 300 * graph.number_of_edges()
    return 1 << 20


def _graph_of(batch: Batch) -> Any:
    return batch.graph


def _results_of(batch: Batch) -> list:
    return batch.results
