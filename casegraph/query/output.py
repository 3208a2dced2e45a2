"""One renderer for every query result: aligned tables for people, JSON for scripts.

>>> from casegraph.query import Find
>>> print(render(Find("感染者", [{"id": "case:北京:感染者1", "type": "case", "name": "感染者1",
...                              "city": "北京", "score": 0.9, "matched": "感染者1"}])), end="")
1 match(es) for '感染者'
score  type  name     city  id
-----  ----  -------  ----  -----------------
0.90   case  感染者1  北京  case:北京:感染者1
"""
from __future__ import annotations

import json
import unicodedata
from typing import Any, Protocol, Sequence

__all__ = ["render", "render_json", "render_table", "MAX_CELL"]

#: Longest cell shown in a table, in display columns (JSON output is never cut).
MAX_CELL = 60


class Result(Protocol):
    def to_dict(self) -> dict[str, Any]: ...

    def sections(self) -> list[Any]: ...


def render(result: Result, as_json: bool = False) -> str:
    """The text ``casegraph query`` prints for ``result``."""
    return render_json(result) if as_json else render_table(result)


def render_json(result: Result) -> str:
    """``result.to_dict()`` as indented JSON (read back with ``query.result_from_dict``)."""
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render_table(result: Result) -> str:
    """Each section of ``result`` as a title and an aligned table (CJK counted as 2 columns)."""
    blocks = []
    for section in result.sections():
        lines = [section.title]
        if section.rows:
            lines += _table(section.headers, section.rows)
        else:
            lines.append("(none)")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def _table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([_width(h)] + [_width(r[i]) for r in cells]) for i, h in enumerate(headers)]
    lines = [_line(headers, widths), _line(["-" * w for w in widths], widths)]
    lines += [_line(r, widths) for r in cells]
    return lines


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    padded = [c + " " * (w - _width(c)) for c, w in zip(cells, widths)]
    return "  ".join(padded).rstrip()


def _cell(value: Any) -> str:
    if value is None:
        text = ""
    elif isinstance(value, (list, tuple)):
        text = "、".join(str(v) for v in value)
    else:
        text = str(value)
    text = " ".join(text.split())  # no line breaks or tabs inside a table
    if _width(text) > MAX_CELL:
        while _width(text) > MAX_CELL - 1:
            text = text[:-1]
        text += "…"
    return text


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
