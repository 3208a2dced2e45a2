"""Crash safety: a build killed at any moment leaves the previous store or the new one, and
the next build ends with the same bytes as an uninterrupted run.

Three real SIGKILL trials run here (``bench/kill_trials.py --trials 100`` is the full
harness); the in-process tests pin the moments a random kill rarely hits.
"""
from __future__ import annotations

import importlib.util
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

import casegraph
from casegraph.pipeline import build
from casegraph.store import OUTPUTS_FILE, Store

pytestmark = pytest.mark.slow  # real processes, killed or held

REPO = Path(__file__).resolve().parent.parent


def load_harness():
    """``bench/kill_trials.py`` as a module (bench/ is not a package)."""
    spec = importlib.util.spec_from_file_location("kill_trials", REPO / "bench" / "kill_trials.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


harness = load_harness()


def corpus(folder: Path, count: int, seed: int = 1) -> Path:
    return harness.generate_corpus(folder, count, seed)


def outputs(store: Path) -> dict[str, bytes]:
    return harness.snapshot(store)


def test_three_kill_trials_leave_the_store_whole_and_resume_to_the_same_bytes(tmp_path):
    inputs = [REPO / "data", corpus(tmp_path / "generated", 12)]
    results = harness.run_trials(3, inputs, seed=7, work=tmp_path / "work", echo=lambda _: None)
    assert [r.problems for r in results] == [[], [], []]
    assert all(r.state in ("previous", "new") for r in results)


def test_a_kill_while_the_outputs_are_written_is_mended_by_the_next_build(tmp_path,
                                                                          monkeypatch):
    day1, day2 = corpus(tmp_path / "day1", 2, seed=1), corpus(tmp_path / "day2", 2, seed=2)
    out = tmp_path / "out"
    build([day1], out)
    import casegraph.page

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # the process dies while the page is written

    monkeypatch.setattr(casegraph.page, "write_store_page", killed)
    with pytest.raises(KeyboardInterrupt):
        build([day1, day2], out)
    monkeypatch.undo()
    assert sorted(Store(out).load().graph["documents"]) == sorted(
        Store(out).load().graph["documents"])  # committed: the graph is the new one
    again = build([day1, day2], out)
    assert not again.changed  # no document is new, yet the stale page is written again
    build([day1, day2], tmp_path / "clean")
    assert outputs(out) == outputs(tmp_path / "clean")


def test_outputs_written_again_from_the_stored_graph_are_the_same_bytes(tmp_path):
    src, out = corpus(tmp_path / "in", 4), tmp_path / "out"
    build([src], out)  # outputs written from the merged graph in memory
    first = outputs(out)
    assert "graph.html" in first and "cases.csv" in first
    (out / OUTPUTS_FILE).unlink()  # as if a kill had cut the outputs short
    assert not build([src], out).changed  # written again, from graph.json as loaded
    assert outputs(out) == first


def test_the_page_of_a_graph_over_the_page_limit_is_the_same_bytes_every_run(tmp_path):
    """Found by the kill trials on a large corpus: the page's part of a big graph came out
    in hash order, so each run (each PYTHONHASHSEED) wrote other bytes."""
    out = tmp_path / "out"
    build([corpus(tmp_path / "in", 8)], out, formats=[], html=False)
    pages = []
    for seed in ("1", "2"):
        page = tmp_path / f"page{seed}.html"
        done = subprocess.run([*harness.casegraph_command(), "view", str(out), "--max-nodes",
                               "20", "-o", str(page)], capture_output=True, text=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}, timeout=300)
        assert done.returncode == 0 and "over the page limit" in done.stderr, done.stderr
        pages.append(page.read_bytes())
    assert pages[0] == pages[1]


def test_temporary_files_a_kill_left_are_removed_and_nothing_else(tmp_path):
    out = tmp_path / "out"
    src = corpus(tmp_path / "in", 1)
    build([src], out, formats=["neo4j"], html=False)
    leftovers = [out / ".graph.json.k3j_9x2a.tmp", out / ".graph.html.0a1b2c3d.tmp",
                 out / "neo4j" / ".nodes.csv.zz99aa00.tmp"]
    kept = [out / "notes.tmp", out / ".keep", out / "neo4j" / "mine.txt"]
    for path in leftovers + kept:
        path.write_text("half", encoding="utf-8")
    build([src], out, formats=["neo4j"], html=False)
    assert [p for p in leftovers if p.exists()] == []
    assert all(p.exists() for p in kept)


def test_a_build_that_changed_nothing_does_not_rewrite_current_outputs(tmp_path):
    src, out = corpus(tmp_path / "in", 2), tmp_path / "out"
    build([src], out)
    page = out / "graph.html"
    page.write_text("a user's edit, kept while the graph stays the same", encoding="utf-8")
    assert not build([src], out).changed
    assert page.read_text(encoding="utf-8").startswith("a user's edit")
    build([src], out, formats=["csv"], html=True)  # other outputs asked for: written
    assert page.read_text(encoding="utf-8").rstrip().endswith("</html>")


def test_generated_bulletins_are_read_by_the_real_extractor(tmp_path):
    """The harness's made-up corpus gives the extractor real work (cases, places, links)."""
    city, day, text = harness.bulletin(random.Random(3), 0)
    G = casegraph.extract(text, city=city, date=day)
    kinds = {data["type"] for _, data in G.nodes(data=True)}
    assert "case" in kinds and len(G) > 3 and G.number_of_edges() > 3
