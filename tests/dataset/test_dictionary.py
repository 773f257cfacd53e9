"""The data dictionary (``gixr schema``): every address, its labels per template, the crosswalk."""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

from click.testing import CliRunner
from conftest import SEED_NAMES, SEEDS

from gixr_grammar.cli.main import main
from gixr_grammar.dataset.dictionary import entries
from gixr_grammar.format.schema import Template
from gixr_grammar.synth.generate import RandomChooser, report_cells


def test_every_address_of_both_templates_is_listed_once() -> None:
    listed = [e.address for e in entries()]
    assert len(listed) == len(set(listed))
    chooser = RandomChooser(random.Random(1))
    produced = {a for template in Template for a in report_cells(chooser, template)}
    assert set(listed) == produced


def test_the_crosswalk_of_table_two() -> None:
    both = {e.address for e in entries() if e.table == 2 and e.label_2019 and e.label_2021}
    assert both == {"t2.licensing.decisions", "t2.penalties.decisions", "t2.enforcement.decisions"}
    fees = {e.address: e for e in entries()}["t2.fees.amount"]
    assert (fees.label_2019, fees.label_2021, fees.unit) == (None, "行政事业性收费·本年收费金额（单位：万元）", "万元")
    assert fees.comparable.startswith("2021 only")
    split = {e.address: e for e in entries()}["t3.other_misc.total"]
    assert split.label_2019 is None and "t3.other" in split.comparable


def test_the_command_writes_csv_json_and_markdown() -> None:
    runner = CliRunner()
    rows = list(csv.DictReader(io.StringIO(runner.invoke(main, ["schema", "--format", "csv"]).output)))
    assert len(rows) == len(entries()) and rows[3]["address"] == "t2.regulations.made"
    data = json.loads(runner.invoke(main, ["schema", "--format", "json"]).output)
    assert (
        data[-1]["address"] == "t4.litigation_after_review.total"
        and data[-1]["label_2021"] == "行政诉讼·复议后起诉·总计"
    )
    markdown = runner.invoke(main, ["schema"]).output.splitlines()
    assert markdown[0].startswith("| address | table |") and len(markdown) == len(entries()) + 2


def test_the_panel_of_the_seeds_has_a_row_per_seed(tmp_path: Path) -> None:
    import pandas as pd

    from gixr_grammar.dataset.corpus import run

    run([SEEDS / f"{name}.txt" for name in SEED_NAMES], tmp_path / "seeds.jsonl")
    runner = CliRunner()
    for suffix in ("csv", "parquet"):
        made = runner.invoke(main, ["panel", str(tmp_path / "seeds.jsonl"), "-o", str(tmp_path / f"panel.{suffix}")])
        assert made.exit_code == 0, made.output
    frame = pd.read_csv(tmp_path / "panel.csv", dtype={"template": "string"})
    assert len(frame) == len(SEED_NAMES) and list(frame.columns[:6]) == [
        "agency_key", "agency", "year", "template", "path", "report",
    ]  # fmt: skip
    assert list(frame["agency_key"]) == ["信阳市政府", "平原示范区", "潢川县政府", "济源市政府", "南阳市政府办公室"]
    assert frame.loc[0, "t3.new_received.total"] == 454
    parquet = pd.read_parquet(tmp_path / "panel.parquet", dtype_backend="numpy_nullable")
    assert str(parquet["t3.new_received.total"].dtype) == "Int64" and parquet["t3.new_received.total"][0] == 454
    assert str(parquet["t2.procurement.amount"].dtype) == "Float64"
    assert parquet["t2.procurement.amount"][0] == 220076.8468
