"""China's administrative units (provinces, cities, counties), from a table shipped here.

``adcodes.tsv`` beside this module (6-digit adcode, name) is made once by
``scripts/make_gazetteer.py`` from the national table the cpca project maintains, so that
casegraph needs neither cpca nor the pandas it imports; loading it costs a few milliseconds.

>>> is_admin_unit("雁塔区"), is_admin_unit("天堂超市"), level("西安市")
(True, False, 'city')
>>> "海淀区" in counties_of("北京"), "雁塔区" in counties_of("西安市"), "海淀区" in counties_of("上海")
(True, True, False)
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

__all__ = ["counties_of", "is_admin_unit", "level", "units"]


TABLE = Path(__file__).with_name("adcodes.tsv")


def _level(adcode: str) -> str:
    if adcode[2:] == "0000":
        return "province"
    return "city" if adcode[4:] == "00" else "county"


@lru_cache(maxsize=1)
def _rows() -> tuple[tuple[str, str], ...]:
    """``(adcode, name)`` of every unit in the table."""
    with open(TABLE, encoding="utf-8") as fh:
        return tuple(tuple(line.rstrip("\n").split("\t", 1)) for line in fh
                     if not line.startswith("#"))


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
    prefix = code[:2] if code[2:] == "0000" else code[:4]
    return tuple(sorted(name for c, name in _rows()
                        if c.startswith(prefix) and _level(c) == "county" and name != "市辖区"))


def is_admin_unit(name: str) -> bool:
    """Whether ``name`` is a real province, city or county-level unit."""
    return name in units()


def level(name: str) -> str | None:
    """``province``, ``city`` or ``county`` for a unit the table knows, else ``None``."""
    return units().get(name)
