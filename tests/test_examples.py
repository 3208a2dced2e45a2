"""The examples/ scripts run on a store built from the bundled bulletins."""
import shutil
import subprocess
from pathlib import Path

import pytest

import casegraph

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("Rscript") is None, reason="R is not installed (apt-get install r-base-core)")
def test_r_script_reads_the_line_list_and_contacts(tmp_path):
    casegraph.build([ROOT / "data"], tmp_path / "out", formats=["csv"], html=False)
    run = subprocess.run(["Rscript", str(ROOT / "examples" / "epicontacts.R"), str(tmp_path / "out")],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0] == "cases: 3 (0 imported, 0 local), close-contact links: 1"
