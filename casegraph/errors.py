"""One small exception hierarchy for the API; the CLI alone turns these into one-line errors."""
from __future__ import annotations


class CasegraphError(Exception):
    """Base class of every error casegraph raises on purpose."""


class InputError(CasegraphError):
    """A document could not be read: names the file and, where known, the line."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        self.path, self.line, self.reason = path, line, message
        where = path or "<input>"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {message}")


class StoreError(CasegraphError):
    """The graph store on disk is missing, corrupt, locked or unwritable."""


class QueryError(CasegraphError):
    """A query named something the graph does not hold."""
