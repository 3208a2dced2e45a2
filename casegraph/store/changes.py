"""What a build changed in a store's graph, told by comparing its work graph with the index
it was copied from (both hold every node and edge as its ``graph.json`` bytes)."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from casegraph.io import read_only_uri

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
    file ``before`` (the index it was copied from), or None where that cannot be read.
    Where the work graph noted what it wrote (:meth:`DiskGraph.track_changes`), only those
    rows are compared; else every row."""
    db.commit()  # (a database is attached outside of a transaction only)
    try:
        db.execute("ATTACH DATABASE ? AS before", (read_only_uri(before),))
    except sqlite3.Error:
        return None
    try:
        tracked = db.execute("SELECT 1 FROM temp.sqlite_master WHERE name = 'touched_nodes'"
                             ).fetchone() is not None
        nodes, edges = ("temp.touched_nodes", "temp.touched_edges") if tracked else \
            ("(SELECT id FROM main.nodes UNION SELECT id FROM before.nodes)",
             "(SELECT source, target, key FROM main.edges "
             "UNION SELECT source, target, key FROM before.edges)")
        found = Changes()
        for node, old, new in db.execute(
                f"SELECT t.id, o.data, n.data FROM {nodes} t "
                "LEFT JOIN main.nodes n ON n.id = t.id LEFT JOIN before.nodes o ON o.id = t.id "
                "WHERE o.data IS NOT n.data"):
            if new is None:
                found.removed_nodes[node] = old
            else:
                found.nodes[node] = (old, new)
        for u, v, k, old, new in db.execute(
                f"SELECT t.source, t.target, t.key, o.data, e.data FROM {edges} t "
                "LEFT JOIN main.edges e ON e.source = t.source AND e.target = t.target "
                "AND e.key = t.key LEFT JOIN before.edges o ON o.source = t.source "
                "AND o.target = t.target AND o.key = t.key WHERE o.data IS NOT e.data"):
            if new is None:
                found.removed_edges[u, v, k] = old
            else:
                found.edges[u, v, k] = (old, new)
        return found
    except sqlite3.Error:
        return None
    finally:
        db.execute("DETACH DATABASE before")
