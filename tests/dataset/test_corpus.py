"""gixr corpus: a folder of 200 seed copies and two bad files, to JSONL, CSV and Parquet, resumed,
and on Dask."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
from pathlib import Path

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from conftest import SEED_NAMES, SEEDS

import gixr_grammar
from gixr_grammar.cli.main import main
from gixr_grammar.dataset.corpus import run
from gixr_grammar.dataset.serialize import report_to_dict

COPIES = 40  # × 5 seeds = 200 reports


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    for copy in range(COPIES):
        folder = root / f"agency{copy:02}"
        folder.mkdir()
        for name in SEED_NAMES:
            shutil.copy(SEEDS / f"{name}.txt", folder / f"{name}.txt")
    (root / "bad").mkdir()
    (root / "bad" / "empty.txt").write_bytes(b"")
    (root / "bad" / "binary.txt").write_bytes(os.urandom(4096))
    (root / "bad" / "notes.pdf").write_bytes(b"%PDF")  # a PDF cut short
    (root / "bad" / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64))  # legacy Word
    (root / "bad" / "logo.png").write_bytes(b"\x89PNG\r\n")  # a kind gixr does not read
    return root


def records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_has_one_record_per_file_and_bad_files_are_error_records(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    counts = run([corpus], out, workers=2)
    assert (counts["ok"], counts["error"], counts["unsupported"]) == (200, 3, 2)
    found = records(out)
    assert len(found) == 205
    errors = {Path(str(r["path"])).name: r["error"] for r in found if r["status"] == "error"}
    assert set(errors) == {"empty.txt", "binary.txt", "notes.pdf"}
    assert "a PDF that pdfium cannot open" in str(errors["notes.pdf"])
    unsupported = {Path(str(r["path"])).name: str(r["error"]) for r in found if r["status"] == "unsupported"}
    assert set(unsupported) == {"old.doc", "logo.png"}
    assert "convert it to .docx" in unsupported["old.doc"] and ".png files are not read" in unsupported["logo.png"]
    assert str(errors["empty.txt"]).startswith("EmptyInputError")
    assert str(errors["binary.txt"]).startswith("NotTextError")
    first = next(r for r in found if str(r["path"]).endswith(f"{SEED_NAMES[1]}.txt"))
    assert first["cells"] == report_to_dict(gixr_grammar.parse_file(str(first["path"])), findings=False)["cells"]
    assert first["findings"] == {"failed": 9, "warning": 1}
    assert first["findings_by_rule"] == {"balance": 1, "outcomes_sum": 1, "row_total": 7, "missing_section": 1}
    assert first["statements"] == 0
    prose = next(r for r in found if str(r["path"]).endswith(f"{SEED_NAMES[0]}.txt"))
    assert (prose["statements"], prose["findings_by_rule"].get("prose_figure")) == (11, None)  # 11 agree
    assert len(str(first["sha256"])) == 64


def test_resume_processes_only_new_and_changed_files(corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(corpus / "agency00", folder)
    out = tmp_path / "out.jsonl"
    assert run([folder], out)["ok"] == 5
    shutil.copy(SEEDS / f"{SEED_NAMES[0]}.txt", folder / "new.txt")
    (folder / f"{SEED_NAMES[4]}.txt").write_text(
        (SEEDS / f"{SEED_NAMES[4]}.txt").read_text(encoding="utf-8") + "\n补充说明。\n", encoding="utf-8"
    )
    with out.open("a", encoding="utf-8") as f:
        f.write('{"path": "cut short by an interrupted r')
    counts = run([folder], out, resume=True)
    assert (counts["ok"], counts["skipped"]) == (2, 4)
    found = records(out)  # the half-written record is gone, every line parses
    # The last file's records are always done again (a kill may have cut them): here seed 004's,
    # which changed too; the rest come in input order.
    assert [Path(str(r["path"])).name for r in found] == [*(f"{n}.txt" for n in SEED_NAMES), "new.txt"]
    changed = hashlib.sha256((folder / f"{SEED_NAMES[4]}.txt").read_bytes()).hexdigest()
    assert found[4]["sha256"] == changed


def test_parquet_and_csv_are_tidy_long_tables(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.parquet"
    run([corpus], out, workers=2)
    table = pq.read_table(out)
    totals = table.filter(pc.equal(table.column("address"), "t3.new_received.total"))
    assert totals.num_rows == 200
    assert set(totals.column("path").to_pylist()) == {str(p) for p in corpus.rglob("0*.txt")}
    assert table.filter(pc.equal(table.column("status"), "error")).num_rows == 3
    assert table.filter(pc.equal(table.column("status"), "unsupported")).num_rows == 2
    amounts = table.filter(pc.equal(table.column("address"), "t2.procurement.amount"))  # records come as done
    row = amounts.filter(pc.equal(amounts.column("agency"), "信阳市人民政府")).slice(0, 1).to_pylist()[0]
    assert (row["agency"], row["year"], row["template"], str(row["value"])) == (
        "信阳市人民政府",
        2020,
        "2019",
        "220076.8468000000",
    )
    assert row["line"] == 39
    csv_out = tmp_path / "out.csv"
    run([corpus / "agency00", corpus / "bad"], csv_out)
    rows = list(csv.DictReader(csv_out.open(encoding="utf-8")))
    cells = sum(len(gixr_grammar.parse_file(SEEDS / f"{n}.txt").cells()) - 3 for n in SEED_NAMES)  # meta.* aside
    assert len(rows) == cells + 5  # and a row for each bad or unsupported file
    amount = next(r for r in rows if r["address"] == "t2.procurement.amount" and r["agency"] == "平原示范区")
    assert amount["value"] == "77180.86"


def test_dask_writes_the_same_records(corpus: Path, tmp_path: Path) -> None:
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    run([corpus / "agency00", corpus / "bad"], local, workers=1)
    run([corpus / "agency00", corpus / "bad"], dask, workers=2, engine="dask")
    by_path = lambda path: sorted(records(path), key=lambda r: str(r["path"]))  # noqa: E731
    assert by_path(dask) == by_path(local)


def test_the_command_reports_a_summary(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["corpus", str(corpus / "bad"), str(corpus / "agency01"), "-o", str(out)])
    assert result.exit_code == 3, result.output  # some files failed
    assert (
        "10 records" in result.stderr and "5 reports, 3 files in error, 2 of kinds gixr does not read" in result.stderr
    )
    good = CliRunner().invoke(main, ["corpus", str(corpus / "agency01"), "-o", str(out)])
    assert good.exit_code == 0, good.output
    bad = CliRunner().invoke(main, ["corpus", str(corpus / "bad"), "-o", str(tmp_path / "out.xlsx")])
    assert bad.exit_code == 2 and "must end in .jsonl, .csv or .parquet" in bad.stderr


def test_a_run_that_fails_to_start_leaves_out_as_it_was(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.jsonl"
    assert run([corpus / "agency00"], out)["ok"] == 5
    before = out.read_bytes()

    def no_dask(*_: object) -> None:
        raise RuntimeError('the dask engine needs dask.distributed: pip install "gixr-grammar[dask]"')

    monkeypatch.setattr("gixr_grammar.dataset.corpus.run_dask", no_dask)
    result = CliRunner().invoke(main, ["corpus", str(corpus / "agency00"), "-o", str(out), "--engine", "dask"])
    assert result.exit_code == 2 and "needs dask.distributed" in result.stderr
    assert out.read_bytes() == before


def test_a_file_over_the_time_limit_is_an_error_record(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    big = tmp_path / "big.txt"  # 200 reports in one file: most of a second to parse, far over 0.02 s
    big.write_text("\n".join([(SEEDS / f"{SEED_NAMES[0]}.txt").read_text(encoding="utf-8")] * 200), encoding="utf-8")
    counts = run([big], out, time_limit=0.02)
    assert counts["error"] == 1
    assert records(out)[0]["error"].startswith("TimeoutError: not done in")


def test_a_file_of_several_reports_gives_a_record_for_each(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    names = SEED_NAMES[:3]
    (folder / "dump.txt").write_text("\n".join((SEEDS / f"{n}.txt").read_text(encoding="utf-8") for n in names))
    out = tmp_path / "out.jsonl"
    assert run([folder], out)["ok"] == 3
    found = records(out)
    assert [(r["report"], r["reports"]) for r in found] == [(0, 3), (1, 3), (2, 3)]
    alone = [gixr_grammar.parse_file(SEEDS / f"{n}.txt") for n in names]
    assert [r["meta"]["agency"] for r in found] == [r.meta.agency for r in alone]  # type: ignore[index]
    assert [r["cells"] for r in found] == [report_to_dict(r, findings=False)["cells"] for r in alone]
    csv_out = tmp_path / "out.csv"
    run([folder], csv_out)
    reports = {row["report"] for row in csv.DictReader(csv_out.open(encoding="utf-8"))}
    assert reports == {"0", "1", "2"}


def test_every_cell_row_carries_its_provenance_for_pandas_and_duckdb(tmp_path: Path) -> None:
    """Seed 002's short rows were repaired by the arithmetic: its inferred cells say so in every output,
    and pandas and DuckDB read the outputs with the right types."""
    import duckdb
    import pandas as pd

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEEDS / f"{SEED_NAMES[2]}.txt", folder / "002.txt")
    (folder / "old.txt").write_text(
        "某市人民政府2015年政府信息公开工作年度报告\n一、概述\n本年度无。\n", encoding="utf-8"
    )
    report = gixr_grammar.parse_file(folder / "002.txt")
    inferred = sorted(a for a, c in report.cell_records().items() if c.status.value == "inferred")
    assert len(inferred) > 100
    for suffix in ("csv", "parquet"):
        run([folder], tmp_path / f"out.{suffix}")
    frame = pd.read_csv(tmp_path / "out.csv", dtype={"template": "string"})
    cells = frame[frame["path"].str.endswith("002.txt")]
    assert sorted(cells[cells["status"] == "inferred"]["address"]) == inferred
    granted = cells[cells["address"] == "t3.granted.commercial"].iloc[0]
    assert (granted["table"], granted["row"], granted["column"], granted["unit"]) == (3, "granted", "commercial", "件")
    assert granted["label"] == "（一）予以公开·商业企业" and granted["inferred_by"] == "row_total"
    assert cells["template"].iloc[0] == "2021"
    licensing = cells[cells["address"] == "t2.licensing.decisions"].iloc[0]
    assert licensing["label"] == "行政许可·本年处理决定数量"  # the label of the report's own template
    old = frame[frame["path"].str.endswith("old.txt")]
    assert list(old["status"]) == ["empty"] and old["year"].iloc[0] == 2015  # a report with no table stays
    parquet = pd.read_parquet(tmp_path / "out.parquet", dtype_backend="numpy_nullable")
    assert str(parquet["year"].dtype) == "Int64" and str(parquet["line"].dtype) == "Int64"
    assert str(parquet["value_float"].dtype) == "Float64"
    money = parquet[parquet["unit"] == "万元"]
    assert not money.empty and (money["value_float"] >= 0).all()
    counted = duckdb.sql(
        f"select status, count(*) as n from '{tmp_path / 'out.parquet'}' where path like '%002.txt' group by status"
    ).fetchall()
    assert dict(counted)["inferred"] == len(inferred)
    types = dict(duckdb.sql(f"describe select * from '{tmp_path / 'out.parquet'}'").fetchall()[i][:2] for i in range(3))
    assert types == {"path": "VARCHAR", "sha256": "VARCHAR", "report": "BIGINT"}


def test_excel_csv_quiet_and_a_status_line_for_logs(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.csv"
    monkeypatch.setattr("gixr_grammar.cli.main.STATUS_EVERY", 0.0)
    result = CliRunner().invoke(main, ["corpus", str(corpus / "agency00"), "-o", str(out), "--excel"])
    assert result.exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfpath,sha256,report,")
    assert "gixr corpus: 5/5 files, 0 errors" in result.stderr  # stderr is no terminal here: status lines
    resumed = CliRunner().invoke(main, ["corpus", str(corpus / "agency00"), "-o", str(out), "--resume", "-q"])
    assert resumed.exit_code == 0 and resumed.stderr == ""
    assert out.read_bytes().count(b"\xef\xbb\xbf") == 1  # the mark once, at the start
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert len({r["path"] for r in rows}) == 5


def test_resume_knows_a_file_by_its_resolved_path(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(corpus)
    out = tmp_path / "out.jsonl"
    assert run(["agency00"], out)["ok"] == 5  # as typed: relative
    counts = run([corpus / "agency00"], out, resume=True)  # the same files, named absolutely
    assert (counts["skipped"], counts["ok"]) == (4, 1)  # only the last file is done again
    assert len(records(out)) == 5


def test_parquet_without_pyarrow_says_what_to_install(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins

    real_import = builtins.__import__

    def without_pyarrow(name: str, *args: object, **kwargs: object) -> object:
        if name.startswith("pyarrow"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", without_pyarrow)
    result = CliRunner().invoke(main, ["corpus", str(corpus / "agency00"), "-o", str(tmp_path / "out.parquet")])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f'gixr: {tmp_path / "out.parquet"}: Parquet output needs pyarrow: pip install "gixr-grammar[parquet]"'
    ]


def test_verbose_names_each_file_in_error(corpus: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["corpus", str(corpus / "bad"), "-o", str(tmp_path / "out.jsonl"), "-v"])
    assert result.exit_code == 3
    named = [line for line in result.stderr.splitlines() if line.startswith("gixr: ") and "empty.txt" in line]
    assert named == [f"gixr: {corpus / 'bad' / 'empty.txt'}: EmptyInputError: the input is empty"]


@pytest.mark.parametrize("cut", [0, 20])
def test_resume_of_a_csv_killed_inside_its_header_starts_it_again(corpus: Path, tmp_path: Path, cut: int) -> None:
    out = tmp_path / "out.csv"
    run([corpus / "agency00"], out)
    whole = out.read_bytes()
    out.write_bytes(whole[:cut])  # killed before the header was whole
    run([corpus / "agency00"], out, resume=True)
    assert out.read_bytes() == whole
