"""Table 二's short rows in laid-out text (``pdftotext -layout``: columns kept as runs of spaces,
an empty cell as nothing) read by where their values stand under the block's header line."""

from __future__ import annotations

import gixr_grammar

LAID_OUT = """二、主动公开政府信息情况

第二十条第（一）项
信息内容      本年新制作数量         本年新公开数量        对外公开总数量
规章        284388
规范性文件     43297           4870
第二十条第（五）项
信息内容      上一年项目数量         本年增/减          处理决定数量
行政许可                                     0
其他对外管理服务  448956                         0
事项
"""


def _table2(text: str) -> dict[str, object]:
    return {k: v for k, v in gixr_grammar.parse(text).cells().items() if k.startswith("t2.") and v is not None}


def test_values_take_the_columns_of_the_names_they_stand_under() -> None:
    """The values of -layout text of a LibreOffice export (tests/data/documents/2019_libreoffice_narrow)
    land in their header names' columns; the other cells stay empty, each row said with an info."""
    report = gixr_grammar.parse(LAID_OUT)
    assert _table2(LAID_OUT) == {
        "t2.regulations.made": 284388,
        "t2.normative_documents.made": 43297,
        "t2.normative_documents.published": 4870,
        "t2.licensing.decisions": 0,
        "t2.other_services.items_last_year": 448956,
        "t2.other_services.decisions": 0,
    }
    said = [d for d in report.diagnostics if d.code == "columns_from_header"]
    assert [(d.line, d.column, d.found) for d in said] == [
        (5, 11, "284388"),
        (6, 11, "43297 4870"),
        (9, 42, "0"),
        (10, 11, "448956 0"),
    ]
    assert said[2].message == (
        "table 2 row licensing: 0 stands under 处理决定数量 on the laid-out header line 8; its other cells are empty"
    )


def test_a_value_moved_under_another_name_moves_with_it() -> None:
    moved = LAID_OUT.replace("行政许可" + " " * 37 + "0", "行政许可" + " " * 22 + "0")
    assert moved != LAID_OUT
    assert _table2(moved)["t2.licensing.items_change"] == 0
    assert "t2.licensing.decisions" not in _table2(moved)


def test_a_value_under_no_name_is_left_unplaced() -> None:
    """0 in the gap between 上一年项目数量 and 本年增/减 says no column: the row stays ambiguous."""
    between = LAID_OUT.replace("行政许可" + " " * 37 + "0", "行政许可" + " " * 16 + "0")
    cells = _table2(between)
    assert not any(k.startswith("t2.licensing.") for k in cells)
    assert cells["t2.other_services.decisions"] == 0


def test_single_spaced_text_says_no_column() -> None:
    """Where spaces are single (the text is not laid out), a short row's order alone decides nothing."""
    single = "\n".join(" ".join(line.split()) for line in LAID_OUT.splitlines())
    report = gixr_grammar.parse(single)
    assert _table2(single) == {}
    assert not [d for d in report.diagnostics if d.code == "columns_from_header"]
    assert [d.line for d in report.diagnostics if d.code == "ambiguous_placement"] == [5, 6, 9, 10]


# w3m -dump of a table without borders: columns in a terminal's measure, a Han character two wide.
DISPLAY_ALIGNED = """二、主动公开政府信息情况

第二十条第（五）项
信息内容             上一年项目数量 本年增/减      处理决定数量
行政许可             610096         -132           704031
其他对外管理服务事项 1670146        -895           15855
第二十条第（六）项
信息内容             上一年项目数量 本年增/减      处理决定数量
行政处罚             624961         -1027
行政强制             41005          -1884          930605
"""


def test_a_text_browser_s_layout_is_read_in_its_own_measure() -> None:
    """Counted in characters, -1027 would stand under 处理决定数量 (the header's Han characters are
    twice as wide as their count); the complete rows stand under their own names only in the
    terminal's measure, which places -1027 under 本年增/减."""
    cells = _table2(DISPLAY_ALIGNED)
    assert (cells["t2.penalties.items_last_year"], cells["t2.penalties.items_change"]) == (624961, -1027)
    assert "t2.penalties.decisions" not in cells
    assert cells["t2.other_services.decisions"] == 15855


def test_the_short_rows_alone_say_the_measure() -> None:
    """With no complete row, the measure is the one in which more rows have each value under one
    name: counted in characters, 1670146 after 其他对外管理服务事项 stands under none."""
    short = DISPLAY_ALIGNED.replace("704031", "").replace("15855", "").replace("930605", "")
    cells = _table2(short)
    assert (cells["t2.penalties.items_change"], cells["t2.other_services.items_last_year"]) == (-1027, 1670146)
    assert not any(k.endswith(".decisions") for k in cells)


T4_LAID_OUT = """四、政府信息公开行政复议、行政诉讼情况

行政复议               行政诉讼
结  结   其   尚   总   未经复议直接起诉           复议后起诉
果  果   他   未   计   结  结 其  尚   总      结  结  其    尚        总
维    纠   结   审   果   果   他   未   计    果   果   他   未   计
持    正   果   结   维   纠   结   审        维   纠   结   审
                 持   正   果   结        持   正   果   结
{values}
五、存在的主要问题及改进情况
"""


def _table4(values: str) -> tuple[list[object], list[tuple[str, int | None, str | None]]]:
    report = gixr_grammar.parse(T4_LAID_OUT.format(values=values))
    found = [(d.code, d.line, d.found) for d in report.diagnostics if d.message.startswith("table 4")]
    return [v for k, v in report.cells().items() if k.startswith("t4.")], found


def test_a_later_line_under_a_number_is_its_rest_not_a_cell_of_its_own() -> None:
    """``pdftotext -layout`` of a Word export whose 105 wrapped (10 / 5) in a two-digit column ran 4
    and 10 together and printed the pending 9 after them: ``410 9 …`` over ``5`` under 410. Counted
    as cells, the row's 15 values would fill it (410 for 4, 0 for 105, every cell after shifted);
    standing under a number, 5 is a rest, so that reading is a guess the arithmetic refutes."""
    values, found = _table4("90   2   410 9   0   0   4   7   11   9   0   5   2   16\n          5")
    assert values == [None] * 15
    assert found == [("readings_refuted", 9, "90 2 410 9 0 0 4 7 11 9 0 5 2 16 5")]


def test_a_later_line_under_a_number_the_arithmetic_confirms_is_read_as_cells() -> None:
    values, found = _table4("90   2   4   9   105   0   0   4   7   11   9   0   5   2\n                 16")
    assert values == [90, 2, 4, 9, 105, 0, 0, 4, 7, 11, 9, 0, 5, 2, 16]
    assert found == []
