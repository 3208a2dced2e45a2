"""China's administrative units (provinces, cities, counties), from the cpca package's table.

cpca ships the national adcode table (``resources/adcodes.csv``: 12-digit code, name). Only
that file is read, with the csv module: cpca itself (and the pandas it imports) is never
imported, so loading costs a few milliseconds.

>>> is_admin_unit("雁塔区"), is_admin_unit("天堂超市"), level("西安市")
(True, False, 'city')
"""
from __future__ import annotations

import csv
import importlib.util
from functools import lru_cache
from pathlib import Path

from casegraph.errors import CasegraphError

__all__ = ["is_admin_unit", "level", "units"]


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
def units() -> dict[str, str]:
    """Every unit's name -> its level (``province``, ``city`` or ``county``)."""
    with open(_table_path(), encoding="utf-8", newline="") as fh:
        return {row["name"]: _level(row["adcode"]) for row in csv.DictReader(fh)}


def is_admin_unit(name: str) -> bool:
    """Whether ``name`` is a real province, city or county-level unit."""
    return name in units()


def level(name: str) -> str | None:
    """``province``, ``city`` or ``county`` for a unit the table knows, else ``None``."""
    return units().get(name)
