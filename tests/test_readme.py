"""Every example of the README runs: its Python blocks, its ``$ casegraph …`` sessions (each
line it shows must come out, in order) and its command synopses (each option it names must
exist), on a store built from the bundled bulletins as the Quick start builds it."""
from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import casegraph
from casegraph.cli import COMMANDS, cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^ *```(\w*)\n(.*?)^ *```", README, re.S | re.M)
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def workdir(tmp_path_factory, request):
    """A folder holding data/ and the Quick start's casegraph-out (and its extract/)."""
    folder = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "data", folder / "data")
    old = Path.cwd()
    request.addfinalizer(lambda: __import__("os").chdir(old))
    __import__("os").chdir(folder)
    casegraph.build(["data/"], "casegraph-out")
    result = CliRunner().invoke(cli, ["extract", "data/", "--out", "casegraph-out/extract"])
    assert result.exit_code == 0, result.output
    return folder


def python_blocks() -> list[str]:
    return [body for lang, body in BLOCKS if lang == "python"]


def sessions() -> list[tuple[str, list[str]]]:
    """``(command, lines shown)`` of each block that starts with ``$ casegraph``."""
    found = []
    for _lang, body in BLOCKS:
        lines = [line.strip() for line in body.strip().splitlines()]
        if lines and lines[0].startswith("$ casegraph "):
            found.append((lines[0][2:], [line for line in lines[1:] if line and line != "..."]))
    return found


def synopses() -> list[str]:
    """The ``casegraph …`` lines of the shell blocks (continuations joined)."""
    found = []
    for lang, body in BLOCKS:
        if lang != "sh":
            continue
        for line in body.replace("\\\n", " ").splitlines():
            line = line.split("#")[0].strip()
            line = line.split("&&")[-1].strip()
            if line.startswith("casegraph "):
                found.append(line)
    return found


def squeeze(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("block", python_blocks(), ids=lambda b: b.splitlines()[0][:40])
def test_python_block_runs(workdir, block):
    exec(compile(block, "README.md", "exec"), {})


@pytest.mark.parametrize("command, shown", sessions(), ids=lambda s: s if isinstance(s, str) else "")
def test_session_prints_what_the_readme_shows(workdir, command, shown):
    result = CliRunner().invoke(cli, shlex.split(command)[1:])
    assert result.exit_code == 0, result.output
    printed = [squeeze(line) for line in result.output.splitlines()]
    at = 0
    for line in shown:
        wanted = squeeze(line)
        while at < len(printed) and printed[at] != wanted:
            at += 1
        assert at < len(printed), f"{command!r} no longer prints {line!r}:\n{result.output}"
        at += 1


@pytest.mark.parametrize("line", synopses())
def test_synopsis_names_only_options_that_exist(line):
    words = shlex.split(line.replace("[", " ").replace("]", " ").replace("|", " "))[1:]
    command = [words[0]]
    assert command[0] in COMMANDS, line
    if command[0] == "query":
        sub = next((w for w in words[2:] if not w.startswith("-")), None)
        if sub is not None and sub.isidentifier() and sub.islower():
            command.append(sub)
    args = [command[0], "OUT", *command[1:]] if len(command) > 1 else command
    help_text = CliRunner().invoke(cli, [*args, "--help"]).output
    for option in {w.split("=")[0] for w in words if w.startswith("--")}:
        assert option in help_text, f"{line!r}: {' '.join(command)} has no {option}"


def test_the_readme_has_examples_to_run():
    assert len(python_blocks()) >= 3 and len(sessions()) >= 5 and len(synopses()) >= 5
