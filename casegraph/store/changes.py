"""What a build changed in a store's graph, told by comparing its work graph with the index
it was copied from (both hold every node and edge as its ``graph.json`` bytes)."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Changes", "changes_since"]


@dataclass
class Changes:
    """The nodes and edges added or changed (id -> ``(old bytes, new bytes)``, ``old``
    None for an added one) and those removed (id -> old bytes), each as its
    ``graph.json`` item; edges by ``(source, target, key)``."""

    nodes: dict[str, tuple[bytes | None, bytes]] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], tuple[bytes | None, bytes]] = field(default_factory=dict)
    removed_nodes: dict[str, bytes] = field(default_factory=dict)
    removed_edges: dict[tuple[str, str, str], bytes] = field(default_factory=dict)


def changes_since(db: sqlite3.Connection, before: Path) -> Changes | None:
    """How the graph of ``db`` (a build's work graph) differs from the one in the SQLite
    file ``before`` (the index it was copied from), or None where that cannot be read."""
    db.commit()  # (a database is attached outside of a transaction only)
    try:
        db.execute("ATTACH DATABASE ? AS before", (f"file:{before}?mode=ro",))
    except sqlite3.Error:
        return None
    try:
        found = Changes()
        found.nodes = {node: (old, new) for node, old, new in db.execute(
            "SELECT n.id, o.data, n.data FROM main.nodes n LEFT JOIN before.nodes o "
            "ON o.id = n.id WHERE o.data IS NOT n.data")}
        found.removed_nodes = dict(db.execute(
            "SELECT o.id, o.data FROM before.nodes o WHERE NOT EXISTS "
            "(SELECT 1 FROM main.nodes n WHERE n.id = o.id)"))
        found.edges = {(u, v, k): (old, new) for u, v, k, old, new in db.execute(
            "SELECT e.source, e.target, e.key, o.data, e.data FROM main.edges e "
            "LEFT JOIN before.edges o ON o.source = e.source AND o.target = e.target "
            "AND o.key = e.key WHERE o.data IS NOT e.data")}
        found.removed_edges = {(u, v, k): old for u, v, k, old in db.execute(
            "SELECT o.source, o.target, o.key, o.data FROM before.edges o WHERE NOT EXISTS "
            "(SELECT 1 FROM main.edges e WHERE e.source = o.source AND e.target = o.target "
            "AND e.key = o.key)")}
        return found
    except sqlite3.Error:
        return None
    finally:
        db.execute("DETACH DATABASE before")
