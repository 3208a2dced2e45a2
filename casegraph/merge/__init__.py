"""Entity resolution and the associative merge of per-document graphs.

A per-document graph (``casegraph.schema``) names things as one bulletin prints them. This
module turns many of them into ONE graph in which every person and every place appears once
and every fact keeps all its sources. The rules, in the README's "Entity resolution":

* every node of a document becomes a *mention* with resolution **keys**: a case label's key
  depends on its scope (``lexicon/label_scopes.tsv``): ``city`` labels (Beijing's
  ``感染者128``) share one key across the city's bulletins, ``bulletin`` labels (a daily list's
  ``病例1``) get the city and the bulletin date in their key, so a dated reference
  (``12月19日本土确诊病例7``) gets the very key of the case of the bulletin of that date; a
  place's key is its name without leading administrative units (``lexicon/admin_units.tsv``)
  within its city; anything else is keyed to its own document;
* mentions sharing a key form a *component*; within it, mentions are walked in date order and
  each joins the latest compatible *episode* (person or place) or starts a new one. A mention
  is incompatible when its facts conflict (sex, age more than :data:`AGE_TOLERANCE` apart,
  district), when it repeats another bulletin's own daily-list label, or when it is linked
  only through a ``city`` label last seen more than :data:`GAP_DAYS` days before (a restarted
  numbering);
* each episode becomes one node: per-source values are kept in ``values``, the plain
  attribute holds the latest bulletin's value and ``conflicts`` lists differing values;
  ``merged_by`` says why mentions of several documents were joined.

The result depends only on the *set* of documents, never on their order: merging is
associative and commutative (``merge(a, merge(b, c)) == merge(merge(a, b), c)``), so any
engine can map documents to fragments (:func:`fragment`) and reduce with :func:`merge`.
"""
from __future__ import annotations

from casegraph.merge.keys import label_scope, place_key, place_name
from casegraph.merge.merger import Merger, MergeConflict, empty_graph, fragment, merge
from casegraph.merge.resolve import AGE_TOLERANCE, GAP_DAYS

__all__ = ["fragment", "merge", "Merger", "MergeConflict", "place_name", "GAP_DAYS",
           "AGE_TOLERANCE", "label_scope", "place_key", "empty_graph"]
