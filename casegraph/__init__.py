"""casegraph: Chinese COVID-19 bulletins -> case-chain knowledge graph.

>>> import casegraph
>>> G = casegraph.extract("感染者1：现住丰台区东木樨园14号楼。", city="北京", date="2022-04-14")
>>> G.nodes["case:感染者1"]["district"]
'丰台区'

The names below are imported when first used, so that ``import casegraph`` (and the command
line's ``--help``) costs no more than what is asked for.
"""
from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# Imported now, not on first use: importing any module of the subpackage casegraph.extract
# would otherwise leave the name ``casegraph.extract`` to the subpackage. It costs little:
# the reader and networkx load on the first extraction.
from casegraph.extract import extract, extract_document  # noqa: E402

#: The public API: each name and the module it lives in.
_API = {
    "Document": "casegraph.document",
    "CasegraphError": "casegraph.errors", "InputError": "casegraph.errors",
    "QueryError": "casegraph.errors", "StoreError": "casegraph.errors",
    "build": "casegraph.pipeline",
    "load": "casegraph.store", "open_store": "casegraph.store",
    "chain": "casegraph.query", "path": "casegraph.query", "clusters": "casegraph.query",
    "place": "casegraph.query", "timeline": "casegraph.query", "ego": "casegraph.query",
    "find": "casegraph.query", "stats": "casegraph.query",
}

__all__ = [*_API, "extract", "extract_document", "__version__"]


def __getattr__(name: str) -> Any:
    """Import a name of the public API on first use (PEP 562)."""
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'casegraph' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})
