"""Extraction: one bulletin -> one case graph (see ``casegraph.schema``)."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from casegraph import regexcache

regexcache.preload()  # before the rules' modules compile their patterns

from casegraph.collector import collector_paused  # noqa: E402
from casegraph.document import Document  # noqa: E402
from casegraph.extract.dates import date_from_text, parse_iso  # noqa: E402
from casegraph.extract.normalize import Normalized, normalize  # noqa: E402

if TYPE_CHECKING:  # the reader and networkx load on the first extraction, not on import
    import networkx as nx

__all__ = ["extract", "extract_data", "extract_document", "tagger_enabled", "tagger_switched"]
TAGGER_ENV = "CASEGRAPH_TAGGER"


def extract(text: str, city: str | None = None, date: str | None = None,
            doc_id: str = "doc", tagger: bool | None = None) -> nx.MultiDiGraph:
    """Extract the case graph of one bulletin.

    Parameters
    ----------
    text : the bulletin's text.
    city : the city or province it comes from, if known.
    date : its ISO date; when missing it is read from the text (``2022年4月14日``), and
        failing that the year stays unknown (``G.graph["date_source"] == "unknown"``) and
        dates keep no year rather than an invented one.
    doc_id : the document id written into every source.
    tagger : whether the learned place tagger (:mod:`casegraph.extract.tagger`) adds the
        places the rules did not read; ``None`` follows :func:`tagger_enabled`.

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
    with collector_paused():
        return _read(text, city, date, doc_id, tagger).graph()


def extract_document(doc: Document, tagger: bool | None = None) -> nx.MultiDiGraph:
    """:func:`extract` for a :class:`~casegraph.document.Document`."""
    return extract(doc.text, city=doc.city, date=doc.date, doc_id=doc.id, tagger=tagger)


def extract_data(doc: Document, tagger: bool | None = None) -> dict:
    """``networkx.node_link_data(extract_document(doc), edges="edges")``, made without
    networkx: what ``casegraph extract`` writes, a bulletin a file."""
    with collector_paused():
        return _read(doc.text, doc.city, doc.date, doc.id, tagger).node_link()


def _read(text: str, city: str | None, date: str | None, doc_id: str, tagger: bool | None):
    """The builder holding everything the rules (and the tagger) read of ``text``."""
    from casegraph.extract.learned import add_tagged_places  # loaded on first use
    from casegraph.extract.places import merge_short_facility_names
    from casegraph.extract.reader import BulletinReader
    from casegraph.extract.tagger import load_tagger

    norm = normalize(text)  # spans in the graph still index ``text``
    doc_date = parse_iso(date)
    source = "given" if doc_date else "unknown"
    if doc_date is None and (doc_date := date_from_text(norm.text)):
        source = "text"
    reader = BulletinReader(doc_id, norm.text, city or None, doc_date, source,
                            original_span=norm.original_span)
    reader.walk()
    merge_short_facility_names(reader.builder)
    place_tagger = load_tagger() if (tagger_enabled() if tagger is None else tagger) else None
    if place_tagger is not None:
        add_tagged_places(reader.builder, reader.stretches, place_tagger)
    if norm.converted:
        _add_printed_aliases(reader.builder.nodes, norm, text)
    regexcache.save()  # the patterns this bulletin compiled, for the next process
    return reader.builder


@contextmanager
def tagger_switched(on: bool) -> Iterator[None]:
    """Turn the tagger's default on or off for this process and the processes it starts
    (``casegraph extract/build --no-tagger``); restored on leaving."""
    before = os.environ.get(TAGGER_ENV)
    os.environ[TAGGER_ENV] = "1" if on else "0"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(TAGGER_ENV, None)
        else:
            os.environ[TAGGER_ENV] = before


def tagger_enabled() -> bool:
    """The tagger's default: on unless ``CASEGRAPH_TAGGER=0`` (what ``--no-tagger`` sets)."""
    return os.environ.get(TAGGER_ENV, "1").strip().lower() not in ("0", "no", "off", "false")


def _add_printed_aliases(nodes: dict[str, dict], norm: Normalized, text: str) -> None:
    """Names read from traditional characters keep the printed form as an alias."""
    for data in nodes.values():
        printed = norm.printed_form(text, data["name"])
        aliases = data.get("aliases") or []
        if printed and printed not in aliases:
            data["aliases"] = [*aliases, printed]
