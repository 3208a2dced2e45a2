"""The store on disk: canonical bytes, corrupt and newer stores, the lock, evidence, faults."""
from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import threading
import time

import networkx as nx
import pytest

from casegraph.errors import StoreError
from casegraph.store import FORMAT_VERSION, LOCK_FILE, Evidence, Store, dumps, load


def small_graph(order=("b", "a")) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph(documents={"d1": {"sha256": "h1", "city": "北京", "date": "2022-04-14"}})
    for node in order:
        G.add_node(f"case:北京:{node}", type="case", name=node, city="北京",
                   sources=[{"doc": "d1", "date": "2022-04-14", "start": 0, "end": 3}])
    G.add_edge("case:北京:a", "case:北京:b", key="close_contact", relation="close_contact",
               sources=[{"doc": "d1", "date": "2022-04-14", "start": 0, "end": 3}])
    return G


def test_equal_graphs_give_equal_bytes_whatever_the_insertion_order():
    assert dumps(small_graph(("a", "b"))) == dumps(small_graph(("b", "a")))


def test_saved_store_is_plain_node_link_json_and_loads_back(tmp_path):
    store = Store(tmp_path)
    with store.lock():
        store.save(small_graph())
    data = json.loads((tmp_path / "graph.json").read_text(encoding="utf-8"))
    assert data["graph"]["format"] == "casegraph"
    assert data["graph"]["format_version"] == FORMAT_VERSION
    other = nx.node_link_graph(data, edges="edges")  # readable without casegraph
    assert sorted(other.nodes) == ["case:北京:a", "case:北京:b"]
    G = load(tmp_path)
    assert dumps(G) == dumps(small_graph())
    assert load(tmp_path / "graph.json").number_of_edges() == 1


def test_missing_store_says_how_to_make_one(tmp_path):
    with pytest.raises(StoreError, match="no casegraph store here"):
        Store(tmp_path).load()


@pytest.mark.parametrize("content, message", [
    (b'{"directed": true, "nodes": [', "corrupt store"),
    (b"\xff\xfe garbage", "corrupt store"),
    (b'{"some": "json"}', "not a casegraph store"),
    (b'{"graph": {"format": "casegraph", "format_version": 999}, "nodes": [], "edges": []}',
     "newer than this casegraph reads"),
])
def test_bad_stores_are_refused_with_one_line(tmp_path, content, message):
    (tmp_path / "graph.json").write_bytes(content)
    with pytest.raises(StoreError, match=message) as caught:
        Store(tmp_path).load()
    assert "\n" not in str(caught.value)
    assert (tmp_path / "graph.json").read_bytes() == content


def test_a_failed_write_leaves_the_previous_store(tmp_path, monkeypatch):
    store = Store(tmp_path)
    store.save(small_graph())
    before = (tmp_path / "graph.json").read_bytes()

    def full_disk(path, data, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("casegraph.store.folder.write_chunks_beside", full_disk)
    G = small_graph()
    G.add_node("case:北京:c", type="case", name="c", city="北京", sources=[])
    with pytest.raises(StoreError, match="No space left on device.*previous store is unchanged"):
        store.save(G)
    assert (tmp_path / "graph.json").read_bytes() == before


def test_an_unwritable_folder_is_a_store_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="cannot create the output folder"):
        Store(blocker / "out").prepare()


def test_leftover_temporary_files_are_cleaned(tmp_path):
    store = Store(tmp_path)
    (tmp_path / ".graph.json.abc123.tmp").write_text("half")
    with store.lock():
        store.clean_temporary()
    assert not list(tmp_path.glob(".graph.json.*.tmp"))


# --- the lock ---------------------------------------------------------------------------------

def test_second_writer_fails_at_once_with_no_wait(tmp_path):
    store = Store(tmp_path)
    with store.lock():
        with pytest.raises(StoreError, match=r"another casegraph build \(process \d+\)"):
            with Store(tmp_path).lock(wait=False):
                pass


def test_second_writer_waits_and_is_told(tmp_path):
    store = Store(tmp_path)
    told, order = [], []

    def second() -> None:
        with Store(tmp_path).lock(wait=True, on_wait=told.append):
            order.append("second")

    with store.lock():
        worker = threading.Thread(target=second)
        worker.start()
        for _ in range(200):
            if told:
                break
            time.sleep(0.01)
        order.append("first")
    worker.join(10)
    assert order == ["first", "second"]
    assert told and told[0].startswith("waiting for another casegraph build")


@pytest.mark.slow
def test_lock_of_a_killed_process_is_taken_over(tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from casegraph.store import Store\n"
         "with Store(sys.argv[1]).lock():\n"
         "    print('locked', flush=True); time.sleep(60)\n", str(tmp_path)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(StoreError):
            with Store(tmp_path).lock(wait=False):
                pass
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(10)
        assert (tmp_path / LOCK_FILE).exists()  # the file stays, the OS lock is gone
        with Store(tmp_path).lock(wait=False):
            pass
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()


# --- evidence ---------------------------------------------------------------------------------

def test_evidence_sentences_by_document_hash_and_span(tmp_path):
    with Evidence(tmp_path / "e.sqlite", write=True) as ev:
        ev.add("h1", {(0, 3): "句子一", (3, 6): "句子二"})
        ev.add("h2", {(0, 2): "其他"})
        ev.commit()
        ev.prune(["h1"])
    with Evidence(tmp_path / "e.sqlite") as ev:
        assert ev.sentence("h1", 3, 6) == "句子二"
        assert ev.sentence("h2", 0, 2) is None  # pruned
        lookup = ev.lookup(small_graph())
        assert lookup({"doc": "d1", "start": 0, "end": 3}) == "句子一"
        assert lookup({"doc": "unknown", "start": 0, "end": 3}) is None


def test_reading_evidence_of_a_store_without_it_gives_none(tmp_path):
    assert Evidence(tmp_path / "missing.sqlite").sentence("h", 0, 1) is None
    assert not (tmp_path / "missing.sqlite").exists()
