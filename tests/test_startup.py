"""Starting the command line costs what it uses: ``--help`` imports no command module."""
import subprocess
import sys

from casegraph.cli import COMMANDS, cli


def test_help_lists_every_command_without_importing_any():
    code = ("import sys\nfrom casegraph.cli import cli\n"
            "try:\n    cli.main(['--help'], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
            "heavy = ('networkx', 'jieba', 'casegraph.extract.reader', 'casegraph.pipeline', "
            "'casegraph.query', 'casegraph.store', 'casegraph.view', 'casegraph.cli.build')\n"
            "print('loaded:', sorted(m for m in heavy if m in sys.modules))\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.splitlines()[-1] == "loaded: []"
    for name in COMMANDS:
        assert f"  {name}  " in run.stdout


def test_every_listed_command_is_the_one_its_module_defines():
    for name, (module, _help) in COMMANDS.items():
        command = cli.get_command(None, name)
        assert command is not None and command.name == name
        assert command.callback.__module__ == module


def test_the_base_install_asks_for_no_numpy_pandas_or_plotting():
    """What `pip install casegraph` brings: no pandas or numpy (nor scipy or matplotlib, which
    only the `analyze` extra asks for). Checked on the direct dependencies here; a dry run
    (`pip install . --dry-run --report`) showed none of them among the transitive ones either."""
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    block = re.search(r"^dependencies = \[(.*?)^\]", text, re.S | re.M).group(1)
    names = {re.match(r'\s*"([A-Za-z0-9_.-]+)', line).group(1).lower()
             for line in block.splitlines() if line.strip().startswith('"')}
    assert names and not names & {"numpy", "pandas", "scipy", "matplotlib", "cpca"}
    extras = re.search(r"^analyze = \[(.*?)\]", text, re.M).group(1)
    assert "scipy" in extras and "matplotlib" in extras


def test_extract_writes_a_bulletin_without_loading_networkx(tmp_path):
    bulletin = tmp_path / "b1.txt"
    bulletin.write_text("感染者2：现住丰台区东木樨园14号楼。4月4日作为感染者1的密切接触者进行集中隔离。",
                        encoding="utf-8")
    code = ("import sys\nfrom casegraph.cli import cli\n"
            f"cli.main(['extract', {str(bulletin)!r}, '--out', {str(tmp_path / 'out')!r}, '-q'],"
            " standalone_mode=False)\n"
            "print('networkx' in sys.modules)\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.splitlines()[-1] == "False"
    assert (tmp_path / "out" / "b1.json").is_file()
