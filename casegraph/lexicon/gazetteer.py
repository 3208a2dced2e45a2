"""China's administrative units (provinces, cities, counties), from the cpca package's table.

cpca ships the national adcode table (``resources/adcodes.csv``: 12-digit code, name). Only
that file is read, with the csv module: cpca itself (and the pandas it imports) is never
imported, so loading costs a few milliseconds.

>>> is_admin_unit("雁塔区"), is_admin_unit("天堂超市"), level("西安市")
(True, False, 'city')
>>> "海淀区" in counties_of("北京"), "雁塔区" in counties_of("西安市"), "海淀区" in counties_of("上海")
(True, True, False)
"""
from __future__ import annotations

import csv
import importlib.util
from functools import lru_cache
from pathlib import Path

from casegraph.errors import CasegraphError

__all__ = ["counties_of", "is_admin_unit", "level", "units"]


def _table_path() -> Path:
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise CasegraphError("the cpca package (China's administrative units) is not installed: "
                             "pip install cpca")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"


def _level(adcode: str) -> str:
    if adcode[2:6] == "0000":
        return "province"
    return "city" if adcode[4:6] == "00" else "county"


@lru_cache(maxsize=1)
def _rows() -> tuple[tuple[str, str], ...]:
    """``(adcode, name)`` of every unit in the table."""
    with open(_table_path(), encoding="utf-8", newline="") as fh:
        return tuple((row["adcode"], row["name"]) for row in csv.DictReader(fh))


@lru_cache(maxsize=1)
def units() -> dict[str, str]:
    """Every unit's name -> its level (``province``, ``city`` or ``county``)."""
    return {name: _level(adcode) for adcode, name in _rows()}


@lru_cache(maxsize=4096)
def counties_of(city: str) -> tuple[str, ...]:
    """The county-level units of a city (``北京`` or ``北京市``), sorted; empty if unknown."""
    codes = [code for code, name in _rows() if name in (city, city + "市")
             and _level(code) != "county"]
    if not codes:
        return ()
    code = min(codes)  # 北京市 is a province-level city: its counties share the first 2 digits
    prefix = code[:2] if code[2:6] == "0000" else code[:4]
    return tuple(sorted(name for c, name in _rows()
                        if c.startswith(prefix) and _level(c) == "county" and name != "市辖区"))


def is_admin_unit(name: str) -> bool:
    """Whether ``name`` is a real province, city or county-level unit."""
    return name in units()


def level(name: str) -> str | None:
    """``province``, ``city`` or ``county`` for a unit the table knows, else ``None``."""
    return units().get(name)
