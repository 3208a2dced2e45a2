"""Grow a benchmark corpus (JSONL) from real bulletins, so the graph grows like an archive.

Usage::

    python bench/gen_corpus.py [SOURCES ...] [--size 10MB 100MB 1GB] [--out bench/corpora]

``SOURCES`` are what ``casegraph build`` reads (default: the bundled ``data/``; the
benchmarks in the README use ``../shared/corpus/bulletins``). Each size gets
``OUT/corpus-<size>.jsonl`` (``bench/corpora/`` is ignored by git), grown in *rounds*: every
round rewrites every source bulletin once, in a shuffled order, so a city's cases, places
and dates stay as consistent with each other as in the source while the archive grows:

* **dates** — every date of a city's bulletins in one round is shifted by one random number
  of days (so dated references such as ``12月19日本土确诊病例7`` still point at a bulletin of
  the same round), chosen so that no city has two bulletins of one date, as in an archive;
* **case labels** — numbers of labels (``感染者128``, ``病例7``, ``第38例``) are raised by
  1000 per round, so a city's running numbering never meets an earlier round's people;
* **places** — most residences, workplaces and visited places (the extractor's ``location``
  nodes, found once per source) get a new name per round and city: the characters of the
  name after its administrative units are redrawn from those of other place names and its
  numbers changed (``东木樨园14号楼`` → ``锦华樨园37号楼``); a quarter keep their name, so
  popular places recur across bulletins as in a real archive. Facilities (hospitals,
  quarantine sites) keep theirs: they are a city's hubs; so do districts, which are real
  units (``病例1—病例459，居住于浦东新区`` is a list of counted cases; with a made-up district
  it would read as 459 people living at one place);
* **cities** — from the second round on, half of the source cities become another Chinese
  city (from ``casegraph.lexicon.CITIES``), their names in the text replaced.

The same seed and sources always give the same bytes.
"""
from __future__ import annotations

import argparse
import json
import random
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

from casegraph import lexicon
from casegraph.document import Document
from casegraph.lexicon import gazetteer
from casegraph.merge import place_key
from casegraph.read import iter_documents

ROOT = Path(__file__).resolve().parent.parent
UNITS = {"KB": 10**3, "MB": 10**6, "GB": 10**9}
KEEP_PLACE = 0.25  # share of places that keep their name in a round
LABEL_STEP = 1000  # added to every case label's number per round
MAX_SHIFT_DAYS = 365

_DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")
_LABEL = re.compile("((?:%s)?(?:%s))(\\d+)(?![\\d例])|(第)(\\d+)(例)" % (  # N例 is a count
    "|".join(map(re.escape, lexicon.LABEL_PREFIXES)),
    "|".join(map(re.escape, sorted(lexicon.LABEL_WORDS, key=len, reverse=True)))))
_CJK = re.compile(r"[\u4e00-\u9fff]")
_DIGITS = re.compile(r"\d+")
#: Cities a bulletin may move to: the lexicon's Chinese cities (those before its foreign ones).
DOMESTIC_CITIES = lexicon.CITIES[:lexicon.CITIES.index("曼谷")] if "曼谷" in lexicon.CITIES \
    else lexicon.CITIES
_NOT_RENAMED = set(lexicon.CITIES) | set(lexicon.PROVINCES) | set(lexicon.COUNTRIES) | \
    set(lexicon.REGIONS)


def parse_size(text: str) -> int:
    """``"100MB"`` -> 100_000_000 (decimal units: KB, MB, GB)."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([KMG]B)", text.strip().upper())
    if not match:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size such as 10MB or 1GB")
    return int(float(match[1]) * UNITS[match[2]])


def places_of(doc: Document) -> list[str]:
    """The renameable place names of ``doc`` as printed in its text (its location nodes)."""
    import casegraph

    G = casegraph.extract_document(doc)
    names = set()
    for _node, data in G.nodes(data=True):
        if data.get("type") != "location":
            continue
        for name in [data.get("name"), *data.get("aliases", ())]:
            if name and len(name) >= 3 and name in doc.text and name not in _NOT_RENAMED:
                names.add(name)
    return sorted(names, key=lambda n: (-len(n), n))


class Grower:
    """Rewrites source bulletins round after round (see the module docstring)."""

    def __init__(self, sources: list[Document], seed: int):
        self.sources = sources
        self.rng = random.Random(seed)
        self.places = {doc.id: places_of(doc) for doc in sources}
        pool = "".join(_CJK.findall("".join(n for names in self.places.values() for n in names)))
        self.chars = sorted(set(pool)) or list("华阳东南西北新安和平")
        self.used: set[tuple[str, str]] = set()  # (city, date) of the bulletins made

    def documents(self) -> Iterator[dict]:
        """Generated documents, ``{"id", "city", "date", "text"}``, without end."""
        round_no = 0
        while True:
            yield from self._round(round_no)
            round_no += 1

    def _round(self, round_no: int) -> Iterator[dict]:
        cities = sorted({doc.city or "" for doc in self.sources})
        shift, target = {}, {}
        for city in cities:
            target[city], shift[city] = self._placement(city, round_no)
        renames: dict[tuple[str, str], str] = {}
        order = list(self.sources)
        self.rng.shuffle(order)
        for doc in order:
            city = doc.city or ""
            text = self._rename_places(doc, city, renames) if round_no else doc.text
            text = _LABEL.sub(lambda m: _relabel(m, round_no * LABEL_STEP), text)
            text = _DATE.sub(lambda m: _shift(m, doc.date, shift[city]), text)
            new_city = target[city]
            if new_city != city:
                text = text.replace(city, new_city)
            new_date = doc.date and (date.fromisoformat(doc.date) +
                                     timedelta(days=shift[city])).isoformat()
            yield {"id": f"r{round_no:04d}-{doc.id}", "city": new_city or None,
                   "date": new_date or None, "text": text}

    def _placement(self, city: str, round_no: int) -> tuple[str, int]:
        """Where a city's bulletins of this round go: ``(city, days shifted)``, such that no
        city gets two bulletins of one date (an archive has one a day; two would list the
        same daily labels). The shifts widen when a city's calendar fills up."""
        dates = [date.fromisoformat(d.date) for d in self.sources if (d.city or "") == city
                 and d.date]
        for attempt in range(1000):
            new_city = city if not round_no or not city or self.rng.random() < 0.5 \
                else self.rng.choice(DOMESTIC_CITIES)
            reach = MAX_SHIFT_DAYS * (1 + attempt // 50)
            days = self.rng.randint(-reach, reach) if round_no else 0
            taken = {(new_city, (d + timedelta(days=days)).isoformat()) for d in dates}
            if not taken & self.used:
                self.used |= taken
                return new_city, days
        raise RuntimeError(f"no free dates for the bulletins of {city!r}")

    def _rename_places(self, doc: Document, city: str, renames: dict) -> str:
        names = self.places[doc.id]
        if not names:
            return doc.text
        mapping = {name: self._new_name(name, city, renames) for name in names}
        pattern = re.compile("|".join(map(re.escape, names)))
        return pattern.sub(lambda m: mapping[m.group()], doc.text)

    def _new_name(self, name: str, city: str, renames: dict) -> str:
        key, _units = place_key(name, city or None)
        if not key or not name.endswith(key) or gazetteer.is_admin_unit(key):
            return name  # a district is a real unit: a made-up one is no place an archive has
        if (city, key) not in renames:
            renames[(city, key)] = key if self.rng.random() < KEEP_PLACE else self._mutate(key)
        return name[:-len(key)] + renames[(city, key)]

    def _mutate(self, key: str) -> str:
        chars = list(key)
        cjk = [i for i, ch in enumerate(chars) if _CJK.match(ch)]
        for i in cjk[:2] if len(cjk) > 2 else cjk[:1]:
            chars[i] = self.rng.choice(self.chars)
        return _DIGITS.sub(lambda m: str(self.rng.randint(1, 10 ** len(m.group()) + 9)),
                           "".join(chars))


def _relabel(match: re.Match[str], step: int) -> str:
    if match[1] is not None:
        return f"{match[1]}{int(match[2]) + step}"
    return f"{match[3]}{int(match[4]) + step}{match[5]}"


def _shift(match: re.Match[str], doc_date: str | None, days: int) -> str:
    if not days or not doc_date:
        return match.group()
    anchor = date.fromisoformat(doc_date)
    month, day = int(match[2]), int(match[3])
    year = int(match[1]) if match[1] else anchor.year - (month > anchor.month)
    try:
        moved = date(year, month, day) + timedelta(days=days)
    except ValueError:
        return match.group()
    head = f"{moved.year}年" if match[1] else ""
    return f"{head}{moved.month}月{moved.day}日"


def write_corpus(grower: Grower, path: Path, size: int) -> tuple[int, int]:
    """Write generated documents to ``path`` until it holds ``size`` bytes; (docs, bytes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    written = count = 0
    with path.open("w", encoding="utf-8") as out:
        for record in grower.documents():
            if written >= size:
                break
            line = json.dumps(record, ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
            count += 1
    return count, written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sources", nargs="*", default=[str(ROOT / "data")])
    parser.add_argument("--size", nargs="+", type=parse_size,
                        default=[parse_size(s) for s in ("10MB", "100MB", "1GB")],
                        help="corpus sizes to write (default: 10MB 100MB 1GB)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "corpora")
    parser.add_argument("--seed", type=int, default=20220414)
    args = parser.parse_args()

    sources = [d for d in iter_documents(args.sources) if isinstance(d, Document)]
    if not sources:
        parser.error("no documents in the sources")
    for size in args.size:
        grower = Grower(sources, args.seed)  # every size starts the same way: 10MB ⊂ 100MB
        path = args.out / f"corpus-{_label(size)}.jsonl"
        count, written = write_corpus(grower, path, size)
        print(f"{path}: {count} documents, {written / 1e6:.1f} MB")


def _label(size: int) -> str:
    for unit in ("GB", "MB", "KB"):
        if size % UNITS[unit] == 0:
            return f"{size // UNITS[unit]}{unit}"
    return f"{size}B"


if __name__ == "__main__":
    main()
