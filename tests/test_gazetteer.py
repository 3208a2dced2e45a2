"""The administrative-units table: shipped with the package, made by scripts/make_gazetteer.py."""
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from casegraph.lexicon import gazetteer

ROOT = Path(__file__).resolve().parent.parent


def _make_gazetteer():
    spec = importlib.util.spec_from_file_location("make_gazetteer", ROOT / "scripts" / "make_gazetteer.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_levels_and_counties_come_from_the_shipped_table():
    assert gazetteer.TABLE.parent == Path(gazetteer.__file__).parent
    assert gazetteer.level("北京市") == "province"
    assert gazetteer.level("西安市") == "city"
    assert gazetteer.level("雁塔区") == "county"
    assert "雁塔区" in gazetteer.counties_of("西安")
    assert "市辖区" not in gazetteer.counties_of("西安")
    assert len(gazetteer.units()) > 3000


@pytest.mark.slow
def test_loading_the_table_imports_neither_cpca_nor_pandas():
    code = ("import sys; from casegraph.lexicon import gazetteer; gazetteer.units(); "
            "print(sorted(m for m in ('cpca', 'pandas', 'numpy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_script_writes_sorted_six_digit_rows(tmp_path):
    source = tmp_path / "adcodes.csv"
    source.write_text("adcode,name,longitude,latitude\n"
                      "610113000000,雁塔区,108.9,34.2\n610100000000,西安市,108.9,34.3\n"
                      "610000000000,陕西省,108.9,34.3\n610113000000,雁塔区,108.9,34.2\n",
                      encoding="utf-8")
    target = tmp_path / "adcodes.tsv"
    make = _make_gazetteer()
    make.main(["--source", str(source), "--out", str(target)])
    rows = [line for line in target.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert rows == ["610000\t陕西省", "610100\t西安市", "610113\t雁塔区"]
