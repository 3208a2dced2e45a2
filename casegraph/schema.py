"""The graph contract shared by every stage (see the README's "Graph schema").

A per-document graph is a ``networkx.MultiDiGraph``:

* ``G.graph``: ``doc`` (id), ``city`` (or ``None``), ``date`` (ISO or ``None``),
  ``date_source`` (``"given"``, ``"text"`` or ``"unknown"``: where the year came from).
* nodes: id ``"<type>:<name>"`` (see :func:`node_id`); attributes ``type``, ``name``,
  ``sources`` (list of ``{"doc", "start", "end"}`` character spans of the evidence
  sentence), and per type the attributes in :data:`NODE_ATTRS`.
* edges: key = relation; attributes ``relation``, ``sources``, optional ``date`` (ISO)
  and ``kind``.
"""
from __future__ import annotations

NODE_TYPES = ("case", "contact", "location", "facility")
#: The node types that are places (a case resides at, works at, visits or is linked to one).
PLACE_TYPES = ("location", "facility")

RELATIONS = (
    "close_contact",  # case -> case: target was a close contact of source
    "has_contacts",  # case -> contact
    "resides_at",  # case -> location
    "works_at",  # case -> location | facility
    "visited",  # case -> location | facility
    "linked_to",  # case -> location | facility (cluster)
    "isolated_at",  # case | contact -> facility
    "admitted_to",  # case -> facility
)

CASE_ATTRS = ("status", "severity", "sex", "age", "district",
              "onset_date", "positive_date", "diagnosis_date")

NODE_ATTRS = {
    "case": CASE_ATTRS + ("unlabeled", "aliases"),
    "contact": ("count", "kind"),
    "location": ("district", "kind", "cases", "cluster", "case_site"),
    "facility": ("district", "kind"),
}


def node_id(node_type: str, name: str) -> str:
    """The id of a node within one document's graph: ``"case:感染者128"``."""
    return f"{node_type}:{name}"


#: Kinds of location that give travel context, never a shared exposure: two cases who passed
#: through one airport or came from one country need not have met.
TRAVEL_PLACE_KINDS = ("country", "province", "region", "city", "district", "airport", "port")

#: What each relation means for transmission. ``exposure``: the two ends may have passed the
#: virus (a close contact, a shared home, workplace or visited place, a cluster); ``care`` and
#: ``control``: a hospital or a quarantine site took the case in, which joins no one.
RELATION_MEANING = {
    "close_contact": "exposure",
    "has_contacts": "exposure",
    "resides_at": "exposure",
    "works_at": "exposure",
    "visited": "exposure",
    "linked_to": "exposure",
    "isolated_at": "control",
    "admitted_to": "care",
}
#: The relations that tie a case to a place it may have been exposed at.
PLACE_EXPOSURE_RELATIONS = ("resides_at", "works_at", "visited", "linked_to")
#: A place of one of these kinds joins cases only on the same day (a flight, a train, a bus).
SAME_DAY_PLACE_KINDS = ("vehicle",)

#: What an edge's ``date`` is the date of (its ``date_kind``): the event the relation tells.
#: A close contact's date is the day it was found (``identified``), the contact's quarantine
#: (``quarantine``) or the exposure itself (``exposure``), as its sentence says.
EDGE_DATE_KINDS = {
    "visited": "visit",
    "resides_at": "report",
    "works_at": "report",
    "linked_to": "report",
    "has_contacts": "identified",
    "close_contact": "identified",
    "isolated_at": "quarantine",
    "admitted_to": "admission",
}
