"""Concurrent builds on one store, as real ``casegraph build`` processes.

The first build is held inside its locked section (its extractor waits for a file to
appear) so the overlap is certain, not a matter of timing: the second waits and says so,
or fails at once with ``--no-wait``; both inputs end up in a valid store; a build killed
while holding the lock leaves nothing that stops the next one.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from casegraph.pipeline import build
from casegraph.store import Store

pytestmark = pytest.mark.slow  # real processes, killed or held

# Made-up bulletins (not from any corpus).
DAY1 = "病例1：男，45岁，现住样例区和平街道幸福小区3号楼。4月3日核酸检测结果为阳性。\n"
DAY2 = "病例2：女，31岁，现住样例区光明街道阳光花园7号楼。4月6日诊断为确诊病例。\n"
DAY3 = "病例3：男，8岁，现住样例区长安街道东风里2号楼。4月7日诊断为确诊病例。\n"
DAY4 = "病例4：女，60岁，现住样例区新华街道青年公寓5号楼。4月8日诊断为确诊病例。\n"

#: A ``casegraph build`` whose extractor, once the lock is held, touches READY and waits
#: for GO: the real entry point, with one hook.
HELD = """
import os, sys, time
import casegraph
from casegraph.cli import main

ready, go = sys.argv.pop(1), sys.argv.pop(1)
real = casegraph.extract_document

def held(doc):
    open(ready, "w").close()
    deadline = time.monotonic() + 120
    while not os.path.exists(go) and time.monotonic() < deadline:
        time.sleep(0.02)
    return real(doc)

casegraph.extract_document = held
sys.argv[0] = "casegraph"
main()
"""


def console() -> list[str]:
    script = Path(sys.executable).with_name("casegraph")
    if script.exists():
        return [str(script)]
    if shutil.which("casegraph"):
        return [shutil.which("casegraph")]
    return [sys.executable, "-c", "from casegraph.cli import main; main()"]


def bulletin(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def build_args(src: Path, out: Path, *more: str) -> list[str]:
    return ["build", str(src), "-o", str(out), "--city", "样例市", "--date", "2022-04-08",
            "-f", "none", "--no-html", *more]


class Held:
    """A real build of ``src`` into ``out``, stopped inside its lock until released."""

    def __init__(self, tmp: Path, src: Path, out: Path):
        self.ready, self.go = tmp / "ready", tmp / "go"
        self.process = subprocess.Popen(
            [sys.executable, "-c", HELD, str(self.ready), str(self.go), *build_args(src, out)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wait_for(lambda: self.ready.exists() or self.process.poll() is not None)
        assert self.ready.exists(), self.process.communicate()[1]

    def release(self) -> tuple[int, str]:
        self.go.touch()
        _, err = self.process.communicate(timeout=120)
        return self.process.returncode, err

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(30)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def held(tmp_path):
    started: list[Held] = []

    def start(src: Path, out: Path) -> Held:
        started.append(Held(tmp_path, src, out))
        return started[-1]

    yield start
    for process in started:
        process.stop()


def wait_for(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)


def documents(out: Path) -> list[str]:
    return sorted(Store(out).load().graph["documents"])


def serial(tmp_path: Path, *sources: Path) -> bytes:
    """graph.json of the same inputs built one after the other, in this process."""
    out = tmp_path / "serial"
    for src in sources:
        build([src], out, city="样例市", date="2022-04-08", formats=[], html=False)
    return (out / "graph.json").read_bytes()


def test_the_second_build_waits_says_so_and_both_inputs_land(tmp_path, held):
    out = tmp_path / "store"
    day1, day2 = bulletin(tmp_path / "a", "day1", DAY1), bulletin(tmp_path / "b", "day2", DAY2)
    first = held(day1, out)
    log = tmp_path / "second.err"
    with log.open("w") as err:
        second = subprocess.Popen([*console(), *build_args(day2, out)], stderr=err)
        wait_for(lambda: "waiting" in log.read_text(encoding="utf-8"))
        assert second.poll() is None  # blocked on the lock
        assert first.release()[0] == 0
        assert second.wait(120) == 0
    lines = log.read_text(encoding="utf-8").splitlines()
    assert lines[0] == (f"casegraph: waiting for another casegraph build (process "
                        f"{first.process.pid}) to finish with {out}")
    assert "1 added" in lines[1] and "2 document(s)" in lines[1]
    assert documents(out) == ["day1", "day2"]
    assert (out / "graph.json").read_bytes() == serial(tmp_path, day1, day2)
    assert not list(out.glob("*.tmp")) and not list(out.glob(".*.tmp"))


def test_with_no_wait_the_second_build_fails_clearly_and_changes_nothing(tmp_path, held):
    out = tmp_path / "store"
    day1, day2 = bulletin(tmp_path / "a", "day1", DAY1), bulletin(tmp_path / "b", "day2", DAY2)
    first = held(day1, out)
    second = subprocess.run([*console(), *build_args(day2, out, "--no-wait")],
                            capture_output=True, text=True, timeout=120)
    assert second.returncode == 1
    assert second.stderr.splitlines() == [
        f"casegraph: error: {out}: another casegraph build (process {first.process.pid}) is "
        "writing this store; try again later (or drop --no-wait)"]
    assert first.release()[0] == 0
    assert documents(out) == ["day1"]
    again = subprocess.run([*console(), *build_args(day2, out, "--no-wait")],
                           capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert documents(out) == ["day1", "day2"]


def test_a_lock_left_by_a_killed_build_is_taken_over_at_once(tmp_path, held):
    out = tmp_path / "store"
    day1, day2 = bulletin(tmp_path / "a", "day1", DAY1), bulletin(tmp_path / "b", "day2", DAY2)
    build([day1], out, city="样例市", date="2022-04-08", formats=[], html=False)
    before = (out / "graph.json").read_bytes()
    killed = held(day2, out)  # holds the lock, mid-build
    killed.kill()
    assert (out / ".casegraph.lock").exists()  # the file stays; the OS lock died with it
    assert (out / "graph.json").read_bytes() == before  # killed before its commit
    after = subprocess.run([*console(), *build_args(day2, out, "--no-wait")],
                           capture_output=True, text=True, timeout=120)
    assert after.returncode == 0, after.stderr
    assert "waiting" not in after.stderr
    assert documents(out) == ["day1", "day2"]


def test_four_builds_started_together_all_land(tmp_path):
    out = tmp_path / "store"
    sources = [bulletin(tmp_path / f"in{i}", f"day{i}", text)
               for i, text in enumerate((DAY1, DAY2, DAY3, DAY4), 1)]
    processes = [subprocess.Popen([*console(), *build_args(src, out)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for src in sources]
    results = [(p.wait(180), p.stderr.read()) for p in processes]
    for process in processes:
        process.stdout.close()
        process.stderr.close()
    assert [code for code, _ in results] == [0, 0, 0, 0], results
    assert documents(out) == ["day1", "day2", "day3", "day4"]
    assert all("Traceback" not in err and "error" not in err for _, err in results)


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_build_killed_while_waiting_for_the_lock_harms_nothing(tmp_path, held):
    out = tmp_path / "store"
    day1, day2 = bulletin(tmp_path / "a", "day1", DAY1), bulletin(tmp_path / "b", "day2", DAY2)
    first = held(day1, out)
    log = tmp_path / "second.err"
    with log.open("w") as err:
        second = subprocess.Popen([*console(), *build_args(day2, out)], stderr=err)
        wait_for(lambda: "waiting" in log.read_text(encoding="utf-8"))
        second.send_signal(signal.SIGKILL)
        second.wait(30)
    assert first.release()[0] == 0
    assert documents(out) == ["day1"]
