"""Every hand-read number of the five seed reports comes out exact."""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import SEED_NAMES, seed_expected, seed_text

import gixr_grammar
from gixr_grammar import CellStatus
from gixr_grammar.api import forget_texts
from gixr_grammar.dataset.serialize import report_to_dict


def same(have: object, want: object) -> bool:
    if have is None or want is None:
        return have is None and want is None
    if isinstance(want, str) or isinstance(have, str):
        return str(have) == str(want)
    return Decimal(str(have)) == Decimal(str(want))


@pytest.mark.parametrize("name", SEED_NAMES)
def test_every_cell_exact(name: str) -> None:
    expected = seed_expected(name)
    cells = gixr_grammar.parse(seed_text(name)).cells()
    accept_null = set(expected.get("accept_null", ()))  # type: ignore[arg-type]
    wrong = {
        key: (want, cells.get(key, "<absent>"))
        for key, want in expected["cells"].items()  # type: ignore[attr-defined]
        if not (same(cells.get(key, "<absent>"), want) or (key in accept_null and cells.get(key) is None))
    }
    assert wrong == {}
    assert set(cells) == set(expected["cells"])  # type: ignore[arg-type]


def test_money_is_decimal_and_counts_are_int() -> None:
    cells = gixr_grammar.parse(seed_text(SEED_NAMES[1])).cells()
    assert cells["t2.procurement.amount"] == Decimal("77180.86")
    assert isinstance(cells["t2.procurement.amount"], Decimal)
    assert cells["t3.new_received.natural_person"] == 16
    assert isinstance(cells["t3.new_received.natural_person"], int)


def test_source_errors_are_kept_as_printed() -> None:
    """Seed 001 prints 0 in its 总计 column beside 16 applications: the parser keeps the 0."""
    report = gixr_grammar.parse(seed_text(SEED_NAMES[1]))
    total = report.cell_records()["t3.new_received.total"]
    assert (total.value, total.status, total.line) == (0, CellStatus.READ, 134)


def test_cells_know_their_source_line() -> None:
    records = gixr_grammar.parse(seed_text(SEED_NAMES[0])).cell_records()
    assert records["t3.new_received.natural_person"].line == 46
    assert records["t3.new_received.natural_person"].raw == "410"
    assert records["t4.review.upheld"].line == 75
    assert records["t2.procurement.amount"].line == 39


def test_short_rows_are_completed_with_inferred_cells() -> None:
    """Seed 002 prints six numbers for seven columns in its outcome rows; the arithmetic places them."""
    report = gixr_grammar.parse(seed_text(SEED_NAMES[2]))
    row = report.table(3).row("granted")  # type: ignore[union-attr]
    assert [c.value for c in row.cells] == [2, 0, 0, 0, 0, 16, 18]
    assert [c.status for c in row.cells][:2] == [CellStatus.READ, CellStatus.INFERRED]
    codes = {d.code for d in report.diagnostics if d.line == 53}
    assert codes == {"short_row", "inferred_cell"}


def test_extra_trailing_cell_is_reported() -> None:
    report = gixr_grammar.parse(seed_text(SEED_NAMES[3]))
    extra = [d for d in report.diagnostics if d.code == "extra_cells"]
    assert len(extra) == 1 and extra[0].line == 91
    assert report.cells()["t4.review.total"] == 1


@pytest.mark.parametrize(
    ("name", "agency", "year", "template"),
    [
        (SEED_NAMES[0], "信阳市人民政府", 2020, "2019"),
        (SEED_NAMES[1], "平原示范区", 2020, "2019"),
        (SEED_NAMES[2], "潢川县人民政府", 2021, "2021"),
        (SEED_NAMES[3], "济源市人民政府", 2019, "2019"),
        (SEED_NAMES[4], "南阳市政府办公室", 2020, "2019"),
    ],
)
def test_meta(name: str, agency: str, year: int, template: str) -> None:
    meta = gixr_grammar.parse(seed_text(name)).meta
    assert (meta.agency, meta.year, meta.template) == (agency, year, template)


def test_sections_of_every_seed(seed: str) -> None:
    report = gixr_grammar.parse(seed_text(seed))
    numbers = [s.number for s in report.sections]
    assert numbers == sorted(numbers)
    assert {1, 2, 3, 4, 5} <= set(numbers)


def test_nested_numbered_heading_is_not_a_section() -> None:
    report = gixr_grammar.parse(seed_text(SEED_NAMES[2]))
    overview = report.section(1)
    assert overview is not None and overview.headings[0].text == "一、工作情况"
    assert [s.heading for s in overview.subsections][:2] == ["(一) 政府网站建设工作", "(二) 政务信息工作"]
    assert "下一步工作打算" in [h.text for h in report.section(5).headings]  # type: ignore[union-attr]


def test_signature_and_date() -> None:
    meta = gixr_grammar.parse(seed_text(SEED_NAMES[1])).meta
    assert (meta.signature, meta.date) == ("新乡市平原城乡一体化示范区管理委员会", "2021年1月10日")


@pytest.mark.parametrize("name", SEED_NAMES)
def test_what_the_parser_remembers_of_earlier_reports_changes_nothing(name: str) -> None:
    warm = report_to_dict(gixr_grammar.parse(seed_text(name)))
    forget_texts()
    assert report_to_dict(gixr_grammar.parse(seed_text(name))) == warm
