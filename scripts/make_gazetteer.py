"""Write casegraph's table of China's administrative units from a maintained source.

casegraph ships ``casegraph/lexicon/adcodes.tsv`` (6-digit adcode, name; about 3,500 rows,
sorted by code) so that installing it brings no pandas or numpy. This script makes that file
once from the national adcode table kept by the cpca project (MIT licence,
https://github.com/DQinYuan/chinese_province_city_area_mapper), which ships it as
``cpca/resources/adcodes.csv``. Re-run it when cpca updates its table::

    pip install cpca && python scripts/make_gazetteer.py

or give another CSV of the same columns (``adcode,name,...``) with ``--source``.
"""
from __future__ import annotations

import argparse
import csv
import importlib.util
import sys
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "casegraph" / "lexicon" / "adcodes.tsv"
HEADER = "# China's administrative units: adcode (6 digits), name. Made by scripts/make_gazetteer.py\n" \
         "# from the cpca project's resources/adcodes.csv (MIT licence).\n"


def cpca_table() -> Path:
    """cpca's adcode table, read as a data file (cpca itself is never imported)."""
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("make_gazetteer.py: cpca is not installed (pip install cpca), or give --source")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"


def read_units(source: Path) -> list[tuple[str, str]]:
    """``(6-digit adcode, name)`` rows, sorted and without duplicates."""
    with open(source, encoding="utf-8", newline="") as fh:
        rows = {(row["adcode"][:6], row["name"].strip()) for row in csv.DictReader(fh)}
    return sorted(rows)


def write_units(rows: list[tuple[str, str]], target: Path) -> None:
    text = HEADER + "".join(f"{code}\t{name}\n" for code, name in rows)
    target.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, help="a CSV with adcode and name columns (default: cpca's)")
    ap.add_argument("--out", type=Path, default=TARGET, help=f"where to write (default {TARGET})")
    args = ap.parse_args(argv)
    rows = read_units(args.source or cpca_table())
    write_units(rows, args.out)
    print(f"{args.out}: {len(rows)} units")


if __name__ == "__main__":
    main()
