"""The unit every stage passes along: one bulletin and its metadata."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Document:
    """One bulletin.

    ``date`` is ISO ``YYYY-MM-DD`` or ``None``; ``path``/``line`` say where it was read from.
    """

    id: str
    text: str
    city: str | None = None
    date: str | None = None
    path: str | None = None
    line: int | None = None
