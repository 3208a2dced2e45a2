"""casegraph: Chinese COVID-19 bulletins -> case-chain knowledge graph.

>>> import casegraph
>>> G = casegraph.extract("感染者1：现住丰台区东木樨园14号楼。", city="北京", date="2022-04-14")
>>> G.nodes["case:感染者1"]["district"]
'丰台区'
"""
__version__ = "0.1.0"

from casegraph.document import Document  # noqa: E402
from casegraph.errors import CasegraphError, InputError, QueryError, StoreError  # noqa: E402
from casegraph.extract import extract, extract_document  # noqa: E402
from casegraph.pipeline import build  # noqa: E402
from casegraph.store import load, open_store  # noqa: E402
from casegraph.query import (chain, clusters, ego, find, path, place, stats,  # noqa: E402
                             timeline)

__all__ = ["Document", "CasegraphError", "InputError", "QueryError", "StoreError",
           "extract", "extract_document", "build", "load", "open_store", "chain", "path", "clusters",
           "place", "timeline", "ego", "find", "stats", "__version__"]
