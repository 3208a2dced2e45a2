"""The pipeline: read -> extract -> merge -> store, incremental and idempotent.

:func:`build` (:mod:`casegraph.pipeline.builder`) streams documents in batches through the map
step (:mod:`casegraph.pipeline.steps`: extract each document, merge the batch into one
fragment) on an engine (:mod:`casegraph.pipeline.engines`: this process, local processes or
Dask), folds the fragments into the store's graph and saves ``graph.json`` and the query
index (:mod:`casegraph.pipeline.save`).
"""
from __future__ import annotations

from casegraph.pipeline.builder import DEFAULT_OUT, BuildReport, build, write_outputs
from casegraph.pipeline.engines import ENGINES, DaskEngine, EngineError, LocalEngine, engine
from casegraph.pipeline.steps import Batch, DocumentResult, batched, document_hash, \
    process_batch, process_document

__all__ = ["build", "BuildReport", "DEFAULT_OUT", "write_outputs", "engine", "ENGINES",
           "LocalEngine", "DaskEngine", "EngineError", "Batch", "DocumentResult", "batched",
           "document_hash", "process_batch", "process_document"]
