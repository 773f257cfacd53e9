from __future__ import annotations

import json
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


def test_check_exit_codes_and_json(tmp_path: Path) -> None:
    seeds = {name: str(SEEDS / f"{name}.txt") for name in SEED_NAMES}
    for clean in (SEED_NAMES[0], SEED_NAMES[3], SEED_NAMES[4]):
        assert CliRunner().invoke(main, ["check", seeds[clean]]).exit_code == 0
    result = CliRunner().invoke(main, ["check", "--format", "json", seeds[SEED_NAMES[1]]])
    assert result.exit_code == 1
    record = json.loads(result.output)
    balance = next(f for f in record["findings"] if f["rule"] == "balance")
    assert balance["cells"][0] == "t3.new_received.natural_person" and balance["line"] == 355
    assert balance["verdict"] == "failed" and "（七）总计·自然人" in balance["message"]
    missing = CliRunner().invoke(main, ["check", str(tmp_path / "missing.txt")])
    assert missing.exit_code == 2 and "missing.txt" in missing.stderr


def test_parse_json_is_the_whole_report() -> None:
    result = CliRunner().invoke(main, ["parse", "--format", "json", str(SEEDS / f"{SEED_NAMES[2]}.txt")])
    assert result.exit_code == 0
    record = json.loads(result.output)
    assert record["meta"]["agency"] == "潢川县人民政府"
    assert record["cells"]["t3.granted.total"] == 18
    assert {f["rule"] for f in record["findings"]} == {"repaired_row"}
