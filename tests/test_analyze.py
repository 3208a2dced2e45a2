"""casegraph analyze: every figure checked against a direct computation on a hand-made chain."""
import json
import statistics
from collections import Counter
from datetime import date

import networkx as nx
import pytest
from click.testing import CliRunner
from scipy import stats as sps

from casegraph.analyze import analyze
from casegraph.cli import cli

# Two chains with known intervals (infectee onset minus infector onset, days):
#   A(04-01) -> B(04-04) 3, A -> C(04-06) 5, B -> D(04-03) -1, B -> E(04-08) 4, C -> F(04-10) 4,
#   C -> G(04-09) 3, D -> H(04-07) 4, A -> I(04-03) 2, A -> J(04-05) 4, A -> K(04-12) 11
#   X(05-01) -> Y(05-03) 2
# and one lone case Z, dated only by a positive test; W has no date at all.
ONSETS = {"A": "2022-04-01", "B": "2022-04-04", "C": "2022-04-06", "D": "2022-04-03",
          "E": "2022-04-08", "F": "2022-04-10", "G": "2022-04-09", "H": "2022-04-07",
          "I": "2022-04-03", "J": "2022-04-05", "K": "2022-04-12", "X": "2022-05-01",
          "Y": "2022-05-03"}
LINKS = [("A", "B"), ("A", "C"), ("B", "D"), ("B", "E"), ("C", "F"), ("C", "G"), ("D", "H"),
         ("A", "I"), ("A", "J"), ("A", "K"), ("X", "Y")]
INTERVALS = [3, 5, -1, 4, 4, 3, 4, 2, 4, 11, 2]


def hand_made_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for name, onset in ONSETS.items():
        G.add_node(f"case:{name}", type="case", name=name, onset_date=onset,
                   city="甲市" if name < "X" else "乙市")
    G.add_node("case:Z", type="case", name="Z", positive_date="2022-05-02", city="乙市")
    G.add_node("case:W", type="case", name="W", city="乙市")
    for u, v in LINKS:
        G.add_edge(f"case:{u}", f"case:{v}", "close_contact", relation="close_contact",
                   sources=[{"doc": "d1", "start": 0, "end": 5}])
    G.add_node("location:市场", type="location", name="市场", kind="market")
    G.add_node("location:机场", type="location", name="机场", kind="airport")
    G.add_node("facility:定点医院", type="facility", name="定点医院", kind="designated_hospital")
    for case in ("A", "B", "X"):
        G.add_edge(f"case:{case}", "location:市场", "visited", relation="visited")
        G.add_edge(f"case:{case}", "location:机场", "visited", relation="visited")
        G.add_edge(f"case:{case}", "facility:定点医院", "admitted_to", relation="admitted_to")
    return G


def test_serial_interval_is_signed_with_fits():
    report = analyze(hand_made_graph())
    si = report.serial_interval
    assert sorted(p["days"] for p in si["pairs"]) == sorted(INTERVALS)
    assert si["n"] == len(INTERVALS)
    assert si["mean"] == pytest.approx(statistics.fmean(INTERVALS), abs=1e-4)
    assert si["sd"] == pytest.approx(statistics.stdev(INTERVALS), abs=1e-4)
    assert si["median"] == statistics.median(INTERVALS)
    assert si["share_negative"] == pytest.approx(1 / 11, abs=1e-4)  # B -> D is kept, negative
    assert si["normal"]["p99"] == pytest.approx(sps.norm(si["mean"], si["sd"]).ppf(0.99), abs=1e-3)
    gamma = si["gamma"]
    assert gamma["n"] == 10  # the negative interval is no gamma value
    assert gamma["shape"] * gamma["scale"] == pytest.approx(gamma["mean"], abs=1e-3)
    assert 3 < gamma["mean"] < 6


def test_fallback_intervals_are_labelled_never_mixed():
    report = analyze(hand_made_graph())
    assert set(report.fallback_intervals) == {"positive", "diagnosis"}
    assert report.fallback_intervals["positive"]["n"] == 0  # Z's positive date pairs with nobody
    assert any("positive interval: no close-contact pair" in w for w in report.warnings)


def test_implausible_links_name_their_reason_and_evidence():
    G = hand_made_graph()
    G.nodes["case:Y"]["onset_date"] = "2022-04-20"  # 11 days before X's onset
    G.add_edge("case:X", "facility:定点医院", "isolated_at", relation="isolated_at", date="2022-05-02")
    G.edges["case:X", "case:Y", "close_contact"].update(date="2022-05-05", date_kind="exposure")
    found = analyze(G).implausible_links
    reasons = [i["reason"] for i in found if (i["infector"], i["infectee"]) == ("X", "Y")]
    assert any(r.startswith("infectee's onset 11 days before") for r in reasons)
    assert any("after the infector was isolated on 2022-05-02" in r for r in reasons)
    assert all(i["evidence"] == [{"doc": "d1", "start": 0, "end": 5}] for i in found)
    plain = analyze(hand_made_graph())
    beyond = [(i["infector"], i["infectee"]) for i in plain.implausible_links]
    assert plain.serial_interval["normal"]["p99"] < 11 and beyond == [("A", "K")]  # 11 days


def test_offspring_and_negative_binomial_k():
    report = analyze(hand_made_graph())
    off = report.offspring
    secondary = Counter(u for u, _v in LINKS)
    values = [secondary.get(n, 0) for n in [*ONSETS, "Z", "W"]]
    assert off["cases"] == 15 and off["secondary"] == 11
    assert off["distribution"] == {str(k): v for k, v in sorted(Counter(values).items())}
    assert off["mean"] == pytest.approx(statistics.fmean(values), abs=1e-4)
    assert off["variance"] == pytest.approx(statistics.variance(values), abs=1e-4)
    # 80 % of 11 links: A (5) + B (2) + C (2) = 9 >= 8.8, by 3 of 15 cases
    assert off["share_causing_80pct"] == pytest.approx(3 / 15, abs=1e-4)
    mean = statistics.fmean(values)  # the maximum-likelihood mean; k by a fine grid search

    def log_likelihood(k):
        return sps.nbinom.logpmf(values, k, k / (k + mean)).sum()

    grid = [0.01 * 1.01 ** i for i in range(1200)]
    k = off["negative_binomial"]["k"]
    assert k == pytest.approx(max(grid, key=log_likelihood), rel=0.02)
    low, high = off["negative_binomial"]["k_ci95"]
    assert low < k < high
    assert "right-censored" in off["note"]


def test_chains_sizes_generations_and_activity():
    report = analyze(hand_made_graph(), on="2022-05-10")
    chains = {tuple(sorted(c["members"])): c for c in report.chains["chains"]}
    big = chains[tuple(sorted(f"case:{n}" for n in "ABCDEFGHIJK"))]
    assert (big["cases"], big["generations"], big["index_cases"]) == (11, 4, ["A"])  # A-B-D-H
    assert (big["start"], big["last"], big["duration_days"], big["active"]) == \
        ("2022-04-01", "2022-04-12", 11, False)
    small = chains[("case:X", "case:Y")]
    assert (small["cases"], small["generations"], small["active"]) == (2, 2, True)
    assert report.chains["size_distribution"] == {"1": 2, "2": 1, "11": 1}
    assert report.chains["count"] == 4


def test_places_leave_out_travel_context_and_care():
    report = analyze(hand_made_graph())
    assert [(p["name"], p["cases"], p["chains"]) for p in report.places] == [("市场", 3, 2)]


def test_epicurve_says_which_dates_it_used():
    report = analyze(hand_made_graph(), stack="city")
    curve = report.epicurve
    assert curve["dates_used"] == {"onset": 13, "positive": 1} and curve["undated"] == 1
    assert curve["days"]["2022-04-03"] == {"甲市": 2}
    assert curve["days"]["2022-05-02"] == {"乙市": 1}
    assert report.missing_dates == {"onset": 2, "positive": 14, "diagnosis": 15}


def test_thin_data_gives_numbers_with_a_warning_and_no_fit():
    G = nx.MultiDiGraph()
    G.add_node("a", type="case", name="a", onset_date="2022-01-01")
    G.add_node("b", type="case", name="b", onset_date="2022-01-04")
    G.add_edge("a", "b", "close_contact", relation="close_contact")
    report = analyze(G)
    assert report.serial_interval["mean"] == 3.0 and report.serial_interval["normal"] is None
    assert any("fewer than 10" in w for w in report.warnings)
    assert report.offspring["negative_binomial"] is None


def test_command_json_matches_a_direct_computation_from_graph_json(tmp_path):
    path = tmp_path / "graph.json"
    path.write_text(json.dumps(nx.node_link_data(hand_made_graph(), edges="edges"),
                               ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(path), "--json", "--on", "2022-05-10"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert set(out) >= {"serial_interval", "fallback_intervals", "implausible_links", "offspring",
                        "chains", "places", "epicurve", "missing_dates", "warnings"}
    data = json.loads(path.read_text(encoding="utf-8"))
    onset = {n["id"]: n.get("onset_date") for n in data["nodes"]}
    days = [(date.fromisoformat(onset[e["target"]]) - date.fromisoformat(onset[e["source"]])).days
            for e in data["edges"] if e["relation"] == "close_contact"]
    assert out["serial_interval"]["mean"] == pytest.approx(statistics.fmean(days), abs=1e-4)
    assert out["chains"]["count"] == 4 and out["chains"]["active"] == 2  # X-Y and Z
    assert not (tmp_path / "analysis").exists()  # a .json file gets no plots unless asked


def test_command_writes_plots_beside_a_store(tmp_path):
    folder = tmp_path / "plots"
    path = tmp_path / "g.json"
    path.write_text(json.dumps(nx.node_link_data(hand_made_graph(), edges="edges")), encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(path), "--plots", str(folder)])
    assert result.exit_code == 0, result.output
    assert "serial interval (onset)" in result.stdout and "chain sizes" in result.stdout
    for name in ("epicurve.svg", "serial_interval.svg", "offspring.svg"):
        assert (folder / name).read_text(encoding="utf-8").lstrip().startswith("<?xml")
