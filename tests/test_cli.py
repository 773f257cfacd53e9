from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from conftest import SEED_NAMES, SEEDS

from gixr_grammar.cli import main


def test_demo_prints_the_sample_report() -> None:
    result = CliRunner().invoke(main, ["demo"])
    assert result.exit_code == 0, result.output
    assert "信阳市人民政府" in result.output
    assert "一、本年新收政府信息公开申请数量" in result.output
    assert "201 values read" in result.output


def test_parse_a_seed_and_a_missing_file(tmp_path: Path) -> None:
    seed = str(SEEDS / f"{SEED_NAMES[2]}.txt")
    result = CliRunner().invoke(main, ["parse", seed, str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert "潢川县人民政府" in result.output
    assert "missing.txt" in result.stderr and "Traceback" not in result.stderr


def test_installed_entry_point_runs() -> None:
    done = subprocess.run([sys.executable, "-m", "gixr_grammar", "demo"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "template  2019" in done.stdout
