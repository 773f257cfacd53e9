"""Table 二 printed column by column (pdfminer: every block's labels with no numbers, each column
as its name and then its numbers one a line), rebuilt where each column's name places it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from conftest import SEED_NAMES, expected_cells

import gixr_grammar

PDFMINER = Path(__file__).parent.parent / "data" / "pdfminer"

COLUMNS_2021 = """二、主动公开政府信息情况

第二十条第（一）项

信息内容

规章

行政规范性文件

本年制发件数

0

6

第二十条第（五）项

信息内容

行政许可

第二十条第（六）项

信息内容

行政处罚

行政强制

第二十条第（八）项

信息内容

行政事业性收费

本年废止件数

1

32

现行有

效件数

2

74

本年处理决定数量

12502

本年处理决定数量

2331

21

本年收费金额（单位：万元）

144.4399

三、收到和处理政府信息公开申请情况
"""


def _table2(text: str) -> dict[str, object]:
    return {k: v for k, v in gixr_grammar.parse(text).cells().items() if k.startswith("t2.")}


def test_each_column_takes_the_rows_of_the_block_its_name_comes_in_order_of() -> None:
    """The two 本年处理决定数量 columns are blocks 五's and 六's (by their order and their counts);
    a name over two lines (现行有 / 效件数) is one name."""
    report = gixr_grammar.parse(COLUMNS_2021)
    assert _table2(COLUMNS_2021) == {
        "t2.regulations.issued": 0,
        "t2.regulations.repealed": 1,
        "t2.regulations.in_force": 2,
        "t2.normative_documents.issued": 6,
        "t2.normative_documents.repealed": 32,
        "t2.normative_documents.in_force": 74,
        "t2.licensing.decisions": 12502,
        "t2.penalties.decisions": 2331,
        "t2.enforcement.decisions": 21,
        "t2.fees.amount": Decimal("144.4399"),
    }
    (rebuilt,) = [d for d in report.diagnostics if d.code == "columns_rebuilt"]
    assert (rebuilt.line, "its 6 rows were rebuilt" in rebuilt.message) == (3, True)
    records = report.cell_records()  # each number keeps the line it is printed on
    assert (records["t2.enforcement.decisions"].line, records["t2.regulations.in_force"].line) == (59, 47)


def test_a_column_short_of_its_rows_leaves_the_table_as_printed() -> None:
    """With one number of 本年废止件数 not printed (an empty cell), no column is placed: which row
    lost it the text does not say."""
    short = COLUMNS_2021.replace("1\n\n32\n", "32\n")
    report = gixr_grammar.parse(short)
    assert {k: v for k, v in _table2(short).items() if v is not None} == {}
    (unknown,) = [d for d in report.diagnostics if d.code == "column_order_unknown"]
    assert "第二十条第(一)项 does not hold its 2 rows' numbers" in unknown.message
    assert unknown.found is not None and "本年废止件数:1" in unknown.found


def test_numbers_after_a_label_are_a_row_not_a_column() -> None:
    """A row's numbers on the line after its label (a row printed over two lines) are no column."""
    text = "二、主动公开政府信息情况\n第二十条第（五）项\n信息内容\n本年处理决定数量\n行政许可\n12502\n"
    report = gixr_grammar.parse(text)
    assert report.cells()["t2.licensing.decisions"] == 12502
    assert not [d for d in report.diagnostics if d.code in ("columns_rebuilt", "column_order_unknown")]


def test_pdfminer_text_of_a_real_report_gives_table_two_exactly() -> None:
    """pdfminer's text of a real report's PDF: each cell its own box, one number wrapped in its
    narrow cell (36428 / 1 on adjacent lines: 364281)."""
    expected = expected_cells(next(name for name in SEED_NAMES if name.startswith("003")))
    report = gixr_grammar.parse((PDFMINER / "003_report.txt").read_text(encoding="utf-8"))
    cells = report.cells()
    t2 = {k: v for k, v in expected.items() if k.startswith("t2.")}
    assert len(t2) == 22
    assert {k: (cells[k], v) for k, v in t2.items() if str(cells[k]) != str(v)} == {}


def test_a_band_of_column_names_over_their_numbers_is_left_unplaced() -> None:
    """本年新公开数量 and 对外公开总数量 printed together over 1 193 1 663: column after column or
    row after row, the text does not say; table 二 keeps no number and says why."""
    expected = expected_cells(next(name for name in SEED_NAMES if name.startswith("000")))
    report = gixr_grammar.parse((PDFMINER / "000_ruled.txt").read_text(encoding="utf-8"))
    cells = report.cells()
    assert {k: cells[k] for k in expected if k.startswith("t2.") and cells[k] is not None} == {}
    assert [d.code for d in report.diagnostics if "table 二" in d.message] == ["column_order_unknown"]
