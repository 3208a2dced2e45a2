"""Extraction: one bulletin -> one case graph (see ``casegraph.schema``)."""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from typing import TYPE_CHECKING

from casegraph.document import Document
from casegraph.extract.dates import date_from_text, parse_iso
from casegraph.extract.normalize import Normalized, normalize

if TYPE_CHECKING:  # the reader and networkx load on the first extraction, not on import
    import networkx as nx

__all__ = ["extract", "extract_document"]


def extract(text: str, city: str | None = None, date: str | None = None,
            doc_id: str = "doc") -> nx.MultiDiGraph:
    """Extract the case graph of one bulletin.

    Parameters
    ----------
    text : the bulletin's text.
    city : the city or province it comes from, if known.
    date : its ISO date; when missing it is read from the text (``2022年4月14日``), and
        failing that the year stays unknown (``G.graph["date_source"] == "unknown"``) and
        dates keep no year rather than an invented one.
    doc_id : the document id written into every source.

    Returns
    -------
    networkx.MultiDiGraph with nodes ``case``/``contact``/``location``/``facility`` and
    edges keyed by relation, each with ``sources`` (document id and sentence span in
    ``text`` as given, before :func:`~casegraph.extract.normalize.normalize`).

    Examples
    --------
    >>> G = extract("感染者2：现住丰台区东木樨园14号楼。4月4日作为感染者1的密切接触者进行集中隔离。",
    ...             city="北京", date="2022-04-14")
    >>> sorted(G.nodes)
    ['case:感染者1', 'case:感染者2', 'facility:集中隔离点', 'location:东木樨园14号楼']
    >>> G.edges["case:感染者1", "case:感染者2", "close_contact"]["date"]
    '2022-04-04'
    """
    from casegraph.extract.reader import BulletinReader  # loaded once, on first use

    norm = normalize(text)  # spans in the graph still index ``text``
    doc_date = parse_iso(date)
    source = "given" if doc_date else "unknown"
    if doc_date is None and (doc_date := date_from_text(norm.text)):
        source = "text"
    with _collector_paused():
        G = BulletinReader(doc_id, norm.text, city or None, doc_date, source,
                           original_span=norm.original_span).read()
    if norm.converted:
        _add_printed_aliases(G, norm, text)
    return G


def extract_document(doc: Document) -> nx.MultiDiGraph:
    """:func:`extract` for a :class:`~casegraph.document.Document`."""
    return extract(doc.text, city=doc.city, date=doc.date, doc_id=doc.id)


def _add_printed_aliases(G: nx.MultiDiGraph, norm: Normalized, text: str) -> None:
    """Names read from traditional characters keep the printed form as an alias."""
    for data in G.nodes.values():
        printed = norm.printed_form(text, data["name"])
        aliases = data.get("aliases") or []
        if printed and printed not in aliases:
            data["aliases"] = [*aliases, printed]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while one bulletin is read.

    Reading allocates hundreds of thousands of short-lived objects (matches, facts) and
    makes no reference cycles, so a collection in between frees nothing, yet each one walks
    every object alive, a caller's graphs included: up to a third of the extraction time.
    Reference counting frees the garbage as before; the collector is left as it was found.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
