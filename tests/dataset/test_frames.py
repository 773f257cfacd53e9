"""pandas DataFrames of datasets, with the right types, from corpus outputs and from reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED_NAMES, SEEDS

import gixr_grammar
from gixr_grammar.dataset.corpus import run
from gixr_grammar.dataset.frames import cells_frame, panel_frame


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("frames")
    for suffix in ("jsonl", "csv", "parquet"):
        run([SEEDS / f"{n}.txt" for n in SEED_NAMES], folder / f"out.{suffix}")
    return folder


@pytest.mark.parametrize("suffix", ["jsonl", "csv", "parquet"])
def test_every_output_reads_to_the_same_typed_frame(outputs: Path, suffix: str) -> None:
    frame = cells_frame(outputs / f"out.{suffix}")
    assert {c: str(t) for c, t in frame.dtypes.items() if c in ("year", "line", "value", "template")} == {
        "year": "Int64",
        "template": "string",
        "value": "Float64",
        "line": "Int64",
    }
    reference = cells_frame(outputs / "out.jsonl")
    assert frame.drop(columns=["path"]).equals(reference.drop(columns=["path"]))


def test_both_templates_from_reports_directly() -> None:
    reports = [gixr_grammar.parse_file(SEEDS / f"{n}.txt") for n in SEED_NAMES]
    frame = cells_frame(reports)
    assert set(frame["template"]) == {"2019", "2021"}
    inferred = frame[(frame["status"] == "inferred") & (frame["template"] == "2021")]
    assert len(inferred) == sum(c.status.value == "inferred" for c in reports[2].cell_records().values())
    panel = panel_frame(reports)
    assert list(panel["year"]) == [2020, 2020, 2021, 2019, 2020]
    assert str(panel["t3.total.total"].dtype) == "Int64" and str(panel["t2.procurement.amount"].dtype) == "Float64"
    assert panel.loc[0, "t3.new_received.total"] == 454
