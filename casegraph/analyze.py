"""Epidemiology of a merged graph: intervals, implausible links, offspring, chains, places and
the epicurve, each figure with the pairs or cases it came from.

Transmission is read from ``close_contact`` edges between two cases (source: the infector,
target: the infectee). Dates are the cases' ``onset_date``, ``positive_date`` and
``diagnosis_date``; a figure says which it used and never mixes two kinds.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for name, onset in (("A", "2022-04-01"), ("B", "2022-04-05"), ("C", "2022-04-03")):
...     G.add_node(name, type="case", name=name, onset_date=onset)
>>> G.add_edge("A", "B", "close_contact", relation="close_contact")
'close_contact'
>>> G.add_edge("A", "C", "close_contact", relation="close_contact")
'close_contact'
>>> report = analyze(G)
>>> report.serial_interval["n"], report.serial_interval["mean"], report.offspring["mean"]
(2, 3.0, 0.6667)
>>> report.chains["chains"][0]["cases"], report.chains["chains"][0]["generations"]
(3, 2)
"""
from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any, Iterable, Iterator

import networkx as nx

from casegraph.query import Section
from casegraph.schema import PLACE_EXPOSURE_RELATIONS as EXPOSURE_RELATIONS
from casegraph.schema import TRAVEL_PLACE_KINDS

__all__ = ["Analysis", "analyze", "DATE_KINDS", "EXPOSURE_RELATIONS", "MIN_PAIRS_FOR_FIT"]

#: The case dates a figure can be read from, in the order ``first`` tries them.
DATE_KINDS = ("onset", "positive", "diagnosis")
#: Fewer pairs (or cases) than this give the numbers with a warning and no fitted distribution.
MIN_PAIRS_FOR_FIT = 10
#: An infectee whose onset comes more days than this before its infector's is implausible.
EARLY_ONSET_DAYS = 7
#: A chain with a case dated within this many days before ``on`` is active.
ACTIVE_DAYS = 14
#: What every figure of offspring counts must be read with.
CENSORING_NOTE = ("recent cases are right-censored: their secondary cases may not be reported "
                  "yet, so offspring counts of the last weeks are low")


@dataclass
class Analysis:
    """Every section of ``casegraph analyze`` (``to_dict`` gives its stable JSON keys)."""

    serial_interval: dict[str, Any]
    fallback_intervals: dict[str, dict[str, Any]]
    implausible_links: list[dict[str, Any]]
    offspring: dict[str, Any]
    chains: dict[str, Any]
    places: list[dict[str, Any]]
    epicurve: dict[str, Any]
    missing_dates: dict[str, int]
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"analysis": "casegraph", **asdict(self)}

    def sections(self) -> list[Section]:
        """The tables ``casegraph analyze`` prints."""
        intervals = [("serial interval (onset)", self.serial_interval)] + [
            (f"fallback interval ({kind}; not a serial interval)", stats)
            for kind, stats in self.fallback_intervals.items()]
        off, chains = self.offspring, self.chains
        return [
            Section("intervals, infectee minus infector, days (signed)",
                    ("interval", "pairs", "mean", "sd", "median", "negative", "normal fit",
                     "gamma fit (>= 0)"),
                    [(name, s["n"], s["mean"], s["sd"], s["median"], s["share_negative"],
                      _fit_text(s.get("normal")), _fit_text(s.get("gamma"))) for name, s in intervals]),
            Section("implausible links", ("infector", "infectee", "reason", "evidence"),
                    [(i["infector"], i["infectee"], i["reason"], _evidence_text(i["evidence"]))
                     for i in self.implausible_links]),
            Section("offspring: secondary cases per case (recent cases are right-censored: "
                    "their offspring may be unreported yet)",
                    ("cases", "secondary", "mean", "variance", "k (95% CI)", "80% of transmission by"),
                    [(off["cases"], off["secondary"], off["mean"], off["variance"],
                      _k_text(off.get("negative_binomial")), _share_text(off["share_causing_80pct"]))]),
            Section("offspring distribution", ("secondary cases", "cases"),
                    sorted(off["distribution"].items(), key=lambda kv: int(kv[0]))),
            Section(f"chains (active: a case dated within {ACTIVE_DAYS} days up to {chains['on']})",
                    ("chain", "cases", "generations", "days", "start", "last", "active", "index case"),
                    [(c["id"], c["cases"], c["generations"], c["duration_days"], c["start"], c["last"],
                      "yes" if c["active"] else "", c["index_cases"]) for c in chains["chains"]]),
            Section("chain sizes", ("cases", "chains"),
                    sorted(chains["size_distribution"].items(), key=lambda kv: int(kv[0]))),
            Section("places by linked cases", ("cases", "chains", "place", "city", "id"),
                    [(p["cases"], p["chains"], p["name"], p["city"], p["id"]) for p in self.places]),
            Section(f"epicurve by {self.epicurve['date_kind']} date, stacked by {self.epicurve['stack']}",
                    ("date", "cases", "by " + self.epicurve["stack"]),
                    [(day, sum(parts.values()), ", ".join(f"{k} {v}" for k, v in parts.items()))
                     for day, parts in self.epicurve["days"].items()]),
            Section("missing dates (cases without)", ("date", "cases"), list(self.missing_dates.items())),
            Section("warnings", ("warning",), [(w,) for w in self.warnings]),
        ]


def analyze(G: nx.MultiDiGraph, on: str | None = None, date_kind: str = "first",
            stack: str = "chain", top_places: int = 20) -> Analysis:
    """All figures of :class:`Analysis` for the graph ``G`` (a store's or one bulletin's).

    Parameters
    ----------
    on : the ISO day chains are active or not on (default: the latest case date).
    date_kind : the epicurve's date, ``onset``, ``positive``, ``diagnosis`` or ``first`` (the
        first of these a case has; the curve says how many of each).
    stack : the epicurve's stacks, ``chain`` or ``city``.
    """
    warnings: list[str] = []
    pairs = list(transmission_pairs(G))
    onset = interval_stats(G, pairs, "onset", warnings)
    fallbacks = {kind: interval_stats(G, pairs, kind, warnings) for kind in DATE_KINDS[1:]}
    chain_of, chain_list = chains_of(G, on)
    return Analysis(
        serial_interval=onset,
        fallback_intervals=fallbacks,
        implausible_links=implausible_links(G, pairs, onset),
        offspring=offspring(G, warnings),
        chains=chain_list,
        places=places(G, chain_of, top_places),
        epicurve=epicurve(G, date_kind, stack, chain_of),
        missing_dates={kind: sum(1 for _n, d in cases(G) if not d.get(f"{kind}_date")) for kind in DATE_KINDS},
        warnings=warnings,
    )


# --- cases, dates, pairs ---------------------------------------------------------------------

def cases(G: nx.MultiDiGraph) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every case node and its data."""
    return ((n, d) for n, d in G.nodes(data=True) if d.get("type") == "case")


def case_date(data: dict[str, Any], kind: str) -> tuple[str | None, str | None]:
    """The case's date of ``kind`` (``first``: onset, else positive, else diagnosis) and the
    kind it was."""
    kinds = DATE_KINDS if kind == "first" else (kind,)
    for k in kinds:
        if data.get(f"{k}_date"):
            return str(data[f"{k}_date"]), k
    return None, None


def transmission_pairs(G: nx.MultiDiGraph) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """``(infector, infectee, edge data)`` of every ``close_contact`` edge between two cases."""
    for u, v, key, data in G.edges(keys=True, data=True):
        if data.get("relation", key) == "close_contact" and u != v \
                and G.nodes[u].get("type") == "case" and G.nodes[v].get("type") == "case":
            yield u, v, data


def _days(a: str, b: str) -> int:
    return (date.fromisoformat(b[:10]) - date.fromisoformat(a[:10])).days


def _ref(G: nx.MultiDiGraph, node: str) -> str:
    return str(G.nodes[node].get("name") or node)


# --- intervals -------------------------------------------------------------------------------

def interval_stats(G: nx.MultiDiGraph, pairs: list[tuple[str, str, dict]], kind: str,
                   warnings: list[str]) -> dict[str, Any]:
    """Infectee's minus infector's ``kind`` date over the pairs where both have one (signed)."""
    rows = []
    for u, v, _data in pairs:
        a, b = G.nodes[u].get(f"{kind}_date"), G.nodes[v].get(f"{kind}_date")
        if a and b:
            rows.append({"infector": _ref(G, u), "infectee": _ref(G, v), "infector_id": u,
                         "infectee_id": v, "infector_date": a, "infectee_date": b,
                         "days": _days(a, b)})
    days = [r["days"] for r in rows]
    stats: dict[str, Any] = {"kind": kind, "n": len(days), "pairs_without_dates": len(pairs) - len(days),
                             "mean": None, "sd": None, "median": None, "share_negative": None,
                             "normal": None, "gamma": None, "pairs": rows}
    if not days:
        warnings.append(f"{kind} interval: no close-contact pair where both cases have a {kind} date "
                        f"({len(pairs)} pair(s) in all)")
        return stats
    stats.update(mean=round(statistics.fmean(days), 4),
                 sd=round(statistics.stdev(days), 4) if len(days) > 1 else None,
                 median=statistics.median(days),
                 share_negative=round(sum(d < 0 for d in days) / len(days), 4))
    if len(days) < MIN_PAIRS_FOR_FIT:
        warnings.append(f"{kind} interval: {len(days)} pair(s) with both dates, fewer than "
                        f"{MIN_PAIRS_FOR_FIT}: numbers without a fitted distribution")
        return stats
    stats["normal"] = {"mean": stats["mean"], "sd": stats["sd"],
                       "p99": round(statistics.NormalDist(stats["mean"], stats["sd"] or 1e-9)
                                    .inv_cdf(0.99), 4)}
    stats["gamma"] = _discretised_gamma([d for d in days if d >= 0], warnings, kind)
    return stats


def _discretised_gamma(days: list[int], warnings: list[str], kind: str) -> dict[str, Any] | None:
    """Maximum-likelihood gamma over whole days (P(d) = F(d+½) − F(d−½), F(½) for 0), fitted
    to the non-negative intervals only (a gamma has no negative values)."""
    if len(days) < MIN_PAIRS_FOR_FIT or len(set(days)) < 2:
        warnings.append(f"{kind} interval: too few distinct non-negative intervals for a gamma fit")
        return None
    try:
        from scipy import optimize, stats
    except ImportError:
        warnings.append("fits need scipy: pip install 'casegraph[analyze]'")
        return None
    counts = Counter(days)
    values = sorted(counts)

    def minus_log_likelihood(params: Any) -> float:
        shape, scale = math.exp(params[0]), math.exp(params[1])
        upper = stats.gamma.cdf([d + 0.5 for d in values], shape, scale=scale)
        lower = stats.gamma.cdf([max(d - 0.5, 0.0) for d in values], shape, scale=scale)
        return -sum(counts[d] * math.log(max(hi - lo, 1e-300)) for d, hi, lo in zip(values, upper, lower))

    mean, var = statistics.fmean(days), statistics.pvariance(days) or 1.0
    start = [math.log(max(mean * mean / var, 0.1)), math.log(max(var / max(mean, 0.1), 0.1))]
    found = optimize.minimize(minus_log_likelihood, start, method="Nelder-Mead")
    shape, scale = math.exp(found.x[0]), math.exp(found.x[1])
    return {"shape": round(shape, 4), "scale": round(scale, 4), "mean": round(shape * scale, 4),
            "n": len(days)}


def _fit_text(fit: dict[str, Any] | None) -> str:
    if not fit:
        return ""
    if "shape" in fit:
        return f"shape {fit['shape']}, scale {fit['scale']} (n {fit['n']})"
    return f"mean {fit['mean']}, sd {fit['sd']}"


# --- implausible links -----------------------------------------------------------------------

def implausible_links(G: nx.MultiDiGraph, pairs: list[tuple[str, str, dict]],
                      onset: dict[str, Any], early_days: int = EARLY_ONSET_DAYS) -> list[dict[str, Any]]:
    """Links to doubt, each with its reason and the sentences that state it: an infectee's
    onset more than ``early_days`` before its infector's, an interval beyond the fitted 99th
    percentile, an exposure dated after the infector was isolated (only for a link whose
    ``date_kind`` says its date is the exposure's: a contact's quarantine or a list's
    publication date comes after the infector's isolation as a matter of course)."""
    p99 = (onset.get("normal") or {}).get("p99")
    isolated = _isolation_dates(G)
    found = []
    for u, v, data in pairs:
        reasons = []
        a, b = G.nodes[u].get("onset_date"), G.nodes[v].get("onset_date")
        if a and b:
            days = _days(a, b)
            if days < -early_days:
                reasons.append(f"infectee's onset {-days} days before the infector's ({b} < {a})")
            elif p99 is not None and days > p99:
                reasons.append(f"interval {days} days beyond the fitted 99th percentile ({p99})")
        if data.get("date_kind") == "exposure" and data.get("date") and u in isolated \
                and str(data["date"]) > isolated[u]:
            reasons.append(f"exposure dated {data['date']}, after the infector was isolated on {isolated[u]}")
        for reason in reasons:
            found.append({"infector": _ref(G, u), "infectee": _ref(G, v), "infector_id": u,
                          "infectee_id": v, "reason": reason, "evidence": data.get("sources") or []})
    return found


def _isolation_dates(G: nx.MultiDiGraph) -> dict[str, str]:
    """Each case's first dated ``isolated_at``."""
    first: dict[str, str] = {}
    for u, _v, key, data in G.edges(keys=True, data=True):
        if data.get("relation", key) == "isolated_at" and data.get("date"):
            first[u] = min(first.get(u, "9999"), str(data["date"]))
    return first


def _evidence_text(sources: list[dict[str, Any]]) -> str:
    return ", ".join(f"{s.get('doc')}:{s.get('start')}-{s.get('end')}" for s in sources[:3])


# --- offspring -------------------------------------------------------------------------------

def offspring(G: nx.MultiDiGraph, warnings: list[str]) -> dict[str, Any]:
    """Secondary cases per case (zeros included), their mean and variance, a negative-binomial
    fit with dispersion ``k`` and the smallest share of cases that caused 80 % of transmission."""
    infectees: dict[str, set[str]] = defaultdict(set)
    for u, v, _data in transmission_pairs(G):
        infectees[u].add(v)
    counts = {n: len(infectees.get(n, ())) for n, _d in cases(G)}
    values = list(counts.values())
    result: dict[str, Any] = {"cases": len(values), "secondary": sum(values), "mean": None,
                              "variance": None, "distribution": {}, "negative_binomial": None,
                              "share_causing_80pct": None, "note": CENSORING_NOTE,
                              "top_spreaders": []}
    if not values:
        return result
    mean = statistics.fmean(values)
    result.update(mean=round(mean, 4),
                  variance=round(statistics.variance(values), 4) if len(values) > 1 else None,
                  distribution={str(k): c for k, c in sorted(Counter(values).items())},
                  share_causing_80pct=_share_causing(values, 0.8),
                  top_spreaders=[{"case": _ref(G, n), "id": n, "secondary": c}
                                 for n, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:10] if c])
    if len(values) < MIN_PAIRS_FOR_FIT or not sum(values):
        warnings.append(f"offspring: {len(values)} case(s), {sum(values)} secondary: no negative-binomial fit")
        return result
    result["negative_binomial"] = _negative_binomial(values, warnings)
    return result


def _share_causing(values: list[int], part: float) -> float | None:
    """The smallest share of cases whose secondary cases add up to ``part`` of all of them."""
    total = sum(values)
    if not total:
        return None
    running = 0
    for taken, value in enumerate(sorted(values, reverse=True), 1):
        running += value
        if running >= part * total:
            return round(taken / len(values), 4)
    return 1.0


def _negative_binomial(values: list[int], warnings: list[str]) -> dict[str, Any] | None:
    """Maximum-likelihood negative binomial (mean R, dispersion k) with a 95 % profile
    likelihood interval for k; ``k`` is None where the counts are no more spread than Poisson."""
    try:
        from scipy import optimize, special
    except ImportError:
        warnings.append("fits need scipy: pip install 'casegraph[analyze]'")
        return None
    mean, counts = statistics.fmean(values), Counter(values)
    n = len(values)

    def log_likelihood(k: float) -> float:  # the mean's estimate is the sample mean for any k
        p = k / (k + mean)
        return sum(c * (special.gammaln(x + k) - special.gammaln(k) - special.gammaln(x + 1)
                        + k * math.log(p) + (x * math.log(1 - p) if x else 0.0))
                   for x, c in counts.items())

    found = optimize.minimize_scalar(lambda t: -log_likelihood(math.exp(t)), bounds=(-9, 9),
                                     method="bounded")
    k, best = math.exp(found.x), -found.fun
    if found.x > 8.9:
        return {"R": round(mean, 4), "k": None, "k_ci95": None, "n": n,
                "note": "no overdispersion: the counts are as even as Poisson"}
    cut = best - 1.920729  # half the chi-square(1) 95 % point

    def bound(lo: float, hi: float) -> float | None:
        f = lambda t: log_likelihood(math.exp(t)) - cut  # noqa: E731
        if f(lo) * f(hi) > 0:
            return None
        return round(math.exp(optimize.brentq(f, lo, hi)), 4)

    return {"R": round(mean, 4), "k": round(k, 4), "k_ci95": [bound(-9, found.x), bound(found.x, 9)],
            "n": n}


def _k_text(fit: dict[str, Any] | None) -> str:
    if not fit:
        return ""
    if fit["k"] is None:
        return "no overdispersion"
    low, high = fit["k_ci95"]
    return f"{fit['k']} ({low if low is not None else '?'}–{high if high is not None else '∞'})"


def _share_text(share: float | None) -> str:
    return "" if share is None else f"{share:.1%} of cases"


# --- chains ----------------------------------------------------------------------------------

def chains_of(G: nx.MultiDiGraph, on: str | None = None,
              active_days: int = ACTIVE_DAYS) -> tuple[dict[str, str], dict[str, Any]]:
    """Transmission chains (cases joined by close contact, a lone case is a chain of one):
    each chain's size, length in generations, duration, first and last date and whether it is
    active ``on`` a day; and the chain id of every case."""
    T = nx.DiGraph((u, v) for u, v, _d in transmission_pairs(G))
    T.add_nodes_from(n for n, _d in cases(G))
    dated = {n: case_date(d, "first")[0] for n, d in cases(G)}
    known = [d for d in dated.values() if d]
    on = on or (max(known) if known else None)
    rows, chain_of = [], {}
    components = sorted(nx.weakly_connected_components(T),
                        key=lambda c: (-len(c), min(dated[n] or "9999" for n in c), min(c)))
    for number, members in enumerate(components, 1):
        cid = f"chain{number}"
        chain_of.update(dict.fromkeys(members, cid))
        days = sorted(d for n in members if (d := dated[n]))
        roots = sorted((n for n in members if T.in_degree(n) == 0),
                       key=lambda n: (dated[n] or "9999", n)) or [min(members, key=lambda n: (dated[n] or "9999", n))]
        rows.append({"id": cid, "cases": len(members), "generations": _generations(T, roots),
                     "duration_days": _days(days[0], days[-1]) if days else None,
                     "start": days[0] if days else None, "last": days[-1] if days else None,
                     "active": bool(on and days and 0 <= _days(days[-1], on) <= active_days),
                     "index_cases": [_ref(G, n) for n in roots], "members": sorted(members)})
    sizes = Counter(r["cases"] for r in rows)
    return chain_of, {"on": on, "active_days": active_days, "count": len(rows),
                      "active": sum(r["active"] for r in rows),
                      "size_distribution": {str(k): v for k, v in sorted(sizes.items())},
                      "generation_distribution": {str(k): v for k, v in
                                                  sorted(Counter(r["generations"] for r in rows).items())},
                      "chains": rows}


def _generations(T: nx.DiGraph, roots: list[str]) -> int:
    """How many generations a chain spans: its index cases are the first, their infectees
    the second, … (each case at its shortest distance from an index case)."""
    depth = {root: 1 for root in roots}
    frontier = list(roots)
    while frontier:
        nxt = []
        for node in frontier:
            for child in T.successors(node):
                if child not in depth:
                    depth[child] = depth[node] + 1
                    nxt.append(child)
        frontier = nxt
    return max(depth.values())


# --- places and epicurve ---------------------------------------------------------------------

def places(G: nx.MultiDiGraph, chain_of: dict[str, str], top: int = 20) -> list[dict[str, Any]]:
    """Locations ranked by the cases tied to them by exposure relations, and the chains those
    cases belong to (care and control facilities and travel context, such as an airport or a
    country, are no shared exposure and are left out)."""
    tied: dict[str, set[str]] = defaultdict(set)
    for u, v, key, data in G.edges(keys=True, data=True):
        place = G.nodes[v]
        if data.get("relation", key) in EXPOSURE_RELATIONS and G.nodes[u].get("type") == "case" \
                and place.get("type") == "location" and place.get("kind") not in TRAVEL_PLACE_KINDS:
            tied[v].add(u)
    rows = [{"id": p, "name": _ref(G, p), "city": G.nodes[p].get("city"), "cases": len(members),
             "chains": len({chain_of[c] for c in members if c in chain_of})}
            for p, members in tied.items()]
    rows.sort(key=lambda r: (-r["cases"], -r["chains"], r["id"]))
    return rows[:top]


def epicurve(G: nx.MultiDiGraph, date_kind: str = "first", stack: str = "chain",
             chain_of: dict[str, str] | None = None) -> dict[str, Any]:
    """Cases per day by ``date_kind``, each day split by chain or city; how many cases had
    each kind of date and how many had none."""
    days: dict[str, Counter[str]] = defaultdict(Counter)
    used: Counter[str] = Counter()
    undated = 0
    for node, data in cases(G):
        day, kind = case_date(data, date_kind)
        if day is None:
            undated += 1
            continue
        used[kind] += 1
        group = (chain_of or {}).get(node, "?") if stack == "chain" else str(data.get("city") or "?")
        days[day[:10]][group] += 1
    return {"date_kind": date_kind, "stack": stack, "dates_used": dict(used), "undated": undated,
            "days": {d: dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))
                     for d, c in sorted(days.items())}}


def daily_counts(curve: dict[str, Any]) -> list[tuple[date, int]]:
    """The epicurve as one count per day from its first to its last, empty days included."""
    if not curve["days"]:
        return []
    first, last = (date.fromisoformat(d) for d in (min(curve["days"]), max(curve["days"])))
    return [(first + timedelta(i), sum(curve["days"].get((first + timedelta(i)).isoformat(), {}).values()))
            for i in range((last - first).days + 1)]


def iter_pairs_days(report: Analysis) -> Iterable[int]:
    """The signed onset intervals of the report, one per pair."""
    return (p["days"] for p in report.serial_interval["pairs"])
