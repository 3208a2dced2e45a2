"""What several commands share: option callbacks (dates, formats, types) and one-line errors."""
from __future__ import annotations

from typing import Iterable

import click

from casegraph.errors import InputError
from casegraph.read import normalize_date


def date_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A ``--date``-like option read as an ISO date (``2022-04-14``, ``2022年4月14日``...)."""
    try:
        return normalize_date(value)
    except InputError as err:
        raise click.BadParameter(err.reason) from None


def choices(values: tuple[str, ...], allowed: Iterable[str], *, lower: bool = False,
            extra: str = "") -> list[str]:
    """The names of a repeatable, comma-separated option, each one of ``allowed``."""
    allowed = tuple(allowed)
    chosen = [f.strip() for value in values for f in value.split(",") if f.strip()]
    if lower:
        chosen = [f.lower() for f in chosen]
    for name in chosen:
        if name not in allowed:
            raise click.BadParameter(f"{name!r} is not one of {', '.join(allowed)}{extra}")
    return chosen


def one_line(text: str) -> str:
    """``text`` with line breaks and control characters shown escaped, never obeyed."""
    return "".join(ch if ch.isprintable() or ch == " " else repr(ch)[1:-1] for ch in text)
