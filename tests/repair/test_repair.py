"""Repair of broken rows: short and long rows, and digits run together with no separator."""

from __future__ import annotations

import random
import re

import attrs
import pytest
from conftest import SEED_NAMES, seed_text
from reports import T3_2019_ROWS, T3_HEADER, T4, report

import gixr_grammar
from gixr_grammar import CellStatus
from gixr_grammar.format.rules import t3_equations
from gixr_grammar.format.schema import T3_COLUMNS, T4_COLUMNS, address
from gixr_grammar.repair.glued import SearchStopped, SplitBudget, local_rules, split_digits
from gixr_grammar.repair.placement import OffColumns, place_row
from gixr_grammar.repair.resolution import resolve
from gixr_grammar.synth.render import Layout, render_report
from gixr_grammar.text.layout import RawCell

T3_ADDRESSES = tuple(address(3, "new_received", c.key) for c in T3_COLUMNS)
T3_ROW_RULES = local_rules(t3_equations(("new_received",)), {"new_received": T3_ADDRESSES})["new_received"]
NEW_RECEIVED = "一、本年新收政府信息公开申请数量\t\t5\t1\t0\t0\t0\t0\t6"


def glued_rows(rows: str) -> str:
    """The rows as a crawler prints them: labels and digits with every separator lost."""
    out = []
    for line in rows.splitlines():
        cells = [c for c in line.split("\t") if c]
        out.append("".join(c for c in cells if not c.isdigit()) + "".join(c for c in cells if c.isdigit()))
    return "\n".join(out) + "\n"


def test_the_issue_example_splits_one_way() -> None:
    cell = RawCell("640020470", 3, 17, glued=True)
    placement = place_row([cell], 7, rules=T3_ROW_RULES)
    assert placement.how == "glued"
    assert [[s.cell.text for s in c if s.cell] for c in placement.candidates] == [["64", "0", "0", "2", "0", "4", "70"]]
    assert [s.cell.column for s in placement.candidates[0] if s.cell] == [17, 19, 20, 21, 22, 23, 24]


def test_glued_table_three_is_recovered_by_its_arithmetic() -> None:
    result = gixr_grammar.parse(report(t3=T3_HEADER + glued_rows(T3_2019_ROWS)))
    expected = gixr_grammar.parse(report()).cells()
    t3 = {k: v for k, v in result.cells().items() if k.startswith("t3.")}
    assert t3 == {k: v for k, v in expected.items() if k.startswith("t3.")}
    glued = [d for d in result.diagnostics if d.code == "glued_digits"]
    assert len(glued) == 23 and all(d.severity.value == "info" for d in glued)
    assert result.table(3).row("granted").placement == "glued"  # type: ignore[union-attr]


def test_glued_seed_tables_are_never_wrong() -> None:
    """Seed 000 with every separator of its tables lost: table 三 comes back whole; where table 二
    (no arithmetic) has several splits, the cells stay unknown with the candidates named."""
    original = gixr_grammar.parse(seed_text(SEED_NAMES[0]))
    result = gixr_grammar.parse(render_report(original.cells(), Layout.GLUED))
    cells = result.cells()
    wrong = {k: (v, cells.get(k)) for k, v in original.cells().items() if cells.get(k) not in (v, None)}
    assert wrong == {}
    assert all(cells[k] == v for k, v in original.cells().items() if k.startswith(("t3.", "t4.")))
    assert cells["t2.licensing.decisions"] is None
    ambiguous = next(d for d in result.diagnostics if d.code == "ambiguous_placement" and "licensing" in d.message)
    assert "Candidates: 4 4 321167545 | 4 43 21167545" in ambiguous.message
    assert ambiguous.found == "44321167545"


def test_glued_row_with_no_consistent_split_stays_unknown() -> None:
    rows = T3_2019_ROWS.replace(NEW_RECEIVED, "一、本年新收政府信息公开申请数量5100007")
    result = gixr_grammar.parse(report(t3=T3_HEADER + rows))
    assert result.cells()["t3.new_received.natural_person"] is None
    diagnostic = next(d for d in result.diagnostics if d.code == "glued_digits")
    assert "no way to cut them" in diagnostic.message and diagnostic.found == "5100007"
    assert any(f.rule == "repaired_row" for f in gixr_grammar.check(result))


def test_short_rows_of_seed_002_name_the_rule_that_forced_them() -> None:
    result = gixr_grammar.parse(seed_text(SEED_NAMES[2]))
    row = result.table(3).row("granted")  # type: ignore[union-attr]
    assert [c.value for c in row.cells] == [2, 0, 0, 0, 0, 16, 18]
    inferred = [c for c in row.cells if c.status is CellStatus.INFERRED]
    assert [c.address for c in inferred] == [
        "t3.granted.commercial",
        "t3.granted.research",
        "t3.granted.social_welfare",
        "t3.granted.legal_service",
    ]
    assert {c.inferred_by for c in inferred} == {"row_total"}
    note = next(d for d in result.diagnostics if d.code == "inferred_cell" and d.line == 53)
    assert "商业企业 = 0 (row_total)" in note.message
    short = [r.key for r in result.table(3).rows if r.placement == "short"]  # type: ignore[union-attr]
    assert short[0] == "granted" and short[-1] == "other_unpaid_fee" and len(short) == 20


def test_long_row_prefers_leaving_out_the_trailing_cell() -> None:
    """A 16-value row of table 四 whose sums do not decide: the trailing extra cell is left out."""
    t4 = T4.replace("0\t0\t0\t0\t0\n", "0\t0\t0\t0\t3\t9\n")  # review 1 0 0 0 1 … and a wrong total
    result = gixr_grammar.parse(report(t4=t4))
    cells = result.cells()
    assert cells["t4.litigation_after_review.total"] == 3
    assert any(f.rule == "review_total" for f in gixr_grammar.check(result) if f.failed)


def _cells(lines: list[str]) -> list[RawCell]:
    return [RawCell(text, n, 0) for n, line in enumerate(lines, 1) for text in line.split()]


def test_numbers_a_two_digit_column_wrapped_are_rejoined_not_left_out() -> None:
    """Table 四's 15 columns may hold two digits a line: 380 prints 38 / 0 and 12032 prints
    12 / 03 / 2. The lines below are the numbers' rest, never values to leave out; where the last
    piece could go on either of two numbers that filled their lines, both readings stay (with those
    of values joined to the one before them, the next test's)."""
    placement = place_row(_cells(["4 38 55 12 25", "0 2 03 94", "2"]), 5)
    assert placement.how == "long" and not placement.preferred
    readings = {tuple(str(c.amount) for c in candidate) for candidate in placement.candidates}  # type: ignore[union-attr]
    assert {("4", "380", "552", "12032", "2594"), ("4", "380", "552", "1203", "25942")} <= readings


def test_a_number_s_rest_on_its_own_line_of_text_is_rejoined_too() -> None:
    """pdfium keeps a cell's wrapped lines on one line of text (7 1249 9 / 3212 7 for 7, 12499,
    32127): a value may be the rest of the one just before it. Every such reading stays, with the
    later-line ones, and the table's arithmetic picks the one that holds."""
    printed = "\t9 7 1249 9\n3212 7\n4282 497 494\n21"  # 9 + 7 + 12499 + 32127 + 4282 + 497 = 49421
    placement = place_row(_cells(printed.strip().split("\n")), 7)
    readings = {tuple(str(c.amount) for c in candidate) for candidate in placement.candidates}  # type: ignore[union-attr]
    assert ("9", "7", "12499", "32127", "4282", "497", "49421") in readings and len(readings) > 1
    rows = T3_2019_ROWS.replace("\t\t5\t1\t0\t0\t0\t0\t6", printed, 1)  # 一、本年新收…, and R1 kept
    rows = rows.replace("继续办理\t\t1\t0\t0\t0\t0\t0\t1", "继续办理\t\t5\t6\t12499\t32127\t4282\t497\t49416")
    cells = gixr_grammar.parse(report(t3=T3_HEADER + rows)).cells()
    assert [cells[f"t3.new_received.{c.key}"] for c in T3_COLUMNS] == [9, 7, 12499, 32127, 4282, 497, 49421]


def test_a_row_printed_cell_after_cell_joins_each_rest_to_the_number_before_it() -> None:
    """pdfium's text of a PDF drawn cell by cell puts each cell's lines together: 1147 / 8, then
    the next cells, 5848 1724, on a line of their own: a later line holds more values than the line
    before it. Read as rests of any number above, the lines give 554 readings, past the search's
    bound; so only joins of a number and the values right after it are read: a few readings."""
    lines = ["9670 9181 9074 1147", "8", "5848 1724", "3", "6249", "4"]
    readings = _readings(_cells(lines), 7)
    assert "9670 9181 9074 11478 5848 17243 62494" in readings and len(readings) < 50
    rows = T3_2019_ROWS.replace("\t\t5\t1\t0\t0\t0\t0\t6", "\t" + "\n".join(lines), 1)
    rows = rows.replace("继续办理\t\t1\t0\t0\t0\t0\t0\t1", "继续办理\t\t9666\t9180\t9074\t11478\t5848\t17243\t62489")
    cells = gixr_grammar.parse(report(t3=T3_HEADER + rows)).cells()
    assert [cells[f"t3.new_received.{c.key}"] for c in T3_COLUMNS] == [9670, 9181, 9074, 11478, 5848, 17243, 62494]


def test_a_row_whose_last_cells_wrapped_one_after_another_joins_each_rest_to_its_number() -> None:
    """pdfium's text of a LibreOffice export: the total row's first cells on one line, then its
    three wrapped cells one line each, each first part followed by its rest (223 / 2, 195 / 9,
    464 / 4). Read as rests of any number above, the lines give more readings than the search may
    try; two lines running with one value each are read cell after cell too."""
    lines = ["28 104 204 117 223", "2", "195", "9", "464", "4"]
    readings = _readings(_cells(lines), 7)
    assert "28 104 204 117 2232 1959 4644" in readings and len(readings) < 50


def _positioned_cells(lines: list[str]) -> list[RawCell]:
    return [RawCell(m.group(), n, m.start() + 1) for n, line in enumerate(lines, 1) for m in re.finditer(r"\S+", line)]


def _readings(cells: list[RawCell], width: int) -> list[str]:
    """A row's candidate placements, each as its amounts (None for a blank or unknown cell)."""
    candidates = place_row(cells, width).candidates
    return [" ".join(str(c.amount) for c in candidate) for candidate in candidates]  # type: ignore[union-attr]


def test_a_rest_printed_under_its_column_goes_on_the_number_it_stands_under() -> None:
    """``pdftotext -layout`` prints a wrapped number's rest indented to its column (558037 as 5580
    over 37, 13291 as 1329 over 1). The columns decide whose rest each is, and no two values of one
    line are one number: the one reading left is the printed one. Read by the order alone, 1452 and
    5580 could be one number too (14525580), and that reading held this inconsistent table's sums."""
    printed = [
        "二、上年结转政府信息公开申请数量        0      0     /       1452   5580   /      1329",
        "                                                    37            1",
    ]
    cells = [c for c in _positioned_cells(printed) if c.column > 1 or c.line > 1]  # the label left out
    assert _readings(cells, 7) == ["0 0 None 1452 558037 None 13291"]
    unpositioned = [attrs.evolve(c, column=1) if c.line == 2 else c for c in cells]
    assert len(_readings(unpositioned, 7)) > 1  # at the line's start, the rest could be anyone's


def test_a_rest_after_a_label_s_piece_on_a_line_of_text_stands_under_no_column() -> None:
    """pdfplumber puts one space between words: ``正当 03`` starts where ``4.无 4666`` does only
    because the label's pieces are as long. With no line of the row spaced out like a layout's, its
    positions say nothing: 03 may be the rest of any of the three numbers that filled their line
    (or, as a text that prints a rest beside its number would have it, a value of its own)."""
    printed = ["4.无 4666 1310 2893 / 0 0 /", "正当 03"]
    cells = [c for c in _positioned_cells(printed) if c.text.isdigit() or c.text == "/"]
    assert set(_readings(cells, 7)) == {
        "466603 1310 2893 None 0 0 None",
        "4666 131003 2893 None 0 0 None",
        "4666 1310 289303 None 0 0 None",
        "46661310 2893 None 0 0 None 3",
        "4666 13102893 None 0 0 None 3",
    }


def test_table_4_in_two_digit_columns_reads_by_its_columns() -> None:
    """Table 四 through ``pdftotext -layout``: each number two digits a line, its rest right under
    it, a line starting at the first column but spaced out like the columns. The columns give the
    one reading; values of one line are never read as one number (83 73 49 … 55 12)."""
    printed = [
        "45 0     17 38        0        /    10 1       /    /    /   22   10   37        /",
        "83       73 49                      11                       18   18   55",
        "12           2                      87                            0    4",
    ]
    readings = _readings(_positioned_cells(printed), 15)
    assert readings == ["458312 0 1773 38492 0 None 101187 1 None None None 2218 10180 37554 None"]


def test_a_rest_one_column_off_its_number_is_no_column_evidence() -> None:
    """A layout rounds the page's positions to characters: in two-digit columns 13 / 11 / 60 and
    17 / 41 / 9 print 60 right under 17 and 9 beside it. A line not each of whose numbers stands
    right under one is no evidence; where a rest may go by the columns' reach (touching), it is
    never placed by them alone, and the readings stay for the arithmetic."""
    printed = [
        "64   0     1     0    0        26 13 17      80   13   0   12   72     2        15",
        "4                              56 11 41           10       37   2               00",
        "                                    60 9          73       0                    00",
    ]
    readings = set(_readings(_positioned_cells(printed), 15))
    assert "644 0 1 0 0 2656 131160 17419 80 131073 0 12370 722 2 150000" in readings and len(readings) > 1


def test_a_layout_line_off_its_columns_says_nothing() -> None:
    """``pdftotext -layout`` may shift a line of rests off its columns (5000 / 00 and 1234 / 567
    printed with 567 under no number that wrapped). Such a line's positions are no evidence: every
    order-keeping reading stays for the arithmetic, none is taken for the columns' sake; only a rest
    longer than its first part's line (567 after 96) is no reading."""
    printed = ["        82     5000   1234   2      6      4      96", "                          00       567"]
    readings = set(_readings(_positioned_cells(printed), 7))
    assert readings == {"82 500000 1234567 2 6 4 96", "8200 5000 1234567 2 6 4 96", "8200 5000567 1234 2 6 4 96"}


def test_laid_out_lines_are_never_read_as_one_number_across_columns() -> None:
    """A row laid out in columns (``pdftotext -layout``) whose third line is off its columns: its
    rests may go anywhere in order, but values printed in columns are never run into one number
    (28 / 17 78 23 1 as 281778231, a reading that held an inconsistent table's sums)."""
    printed = [
        "2    /    0    /      0        13 15 22        37   0      25 29   /    /         28",
        "                               17 78 23        1           25 76                  9",
        "                                    7   31                     6",
    ]
    readings = set(_readings(_positioned_cells(printed), 15))
    assert "2 None 0 None 0 1317 15787 222331 371 0 2525 29766 None None 289" in readings
    assert all(reading.endswith(" 289") for reading in readings)


def test_lines_of_numbers_no_wrap_explains_leave_the_row_unknown() -> None:
    """Two of table 四's numbers printed as one (047: 0 and 47's first line): no reading of the wraps
    gives 15 numbers. Leaving values out would print the first 15 printed ones, mostly fragments, so
    the row is left unknown."""
    printed = [
        "27   76     047        0        10 47 8      /    /     20 11   7    0        8",
        "84   4       47                 00 4                    20 43",
        "             98                 0                           2",
    ]
    placement = place_row(_positioned_cells(printed), 15)
    assert placement.how == "long" and placement.candidates == ()


def test_a_long_row_with_too_many_rejoined_readings_stays_unknown() -> None:
    """Table 四 in two-digit columns through an extractor with no line structure: more readings than
    the search may try. The first ones found would all share the first joins, so none is taken."""
    placement = place_row(_cells([" ".join(["12"] * 26)]), 15)
    assert placement.candidates == () and placement.stopped is not None


def test_a_line_between_two_rows_of_table_2_leaves_both_unknown() -> None:
    """A number centred in a narrow cell prints its first line above its row's label (36428 over
    其他对外管理服务事项 283 41 1): the line reads as much like the rest of the row above (30065 / 36428).
    Table 二 has no arithmetic to choose, so neither row prints a number the line may change."""
    t2 = "第二十条第（五）项\n信息内容 上一年项目数量 本年增/减 处理决定数量\n行政许可 192 58 30065\n36428\n其他对外管理服务事项 283 41 1\n"
    result = gixr_grammar.parse(report(t2=t2))
    cells = result.cells()
    assert [cells[f"t2.{row}.decisions"] for row in ("licensing", "other_services")] == [None, None]
    assert [cells[f"t2.{row}.items_last_year"] for row in ("licensing", "other_services")] == [None, None]
    ambiguous = {d.line for d in result.diagnostics if d.code == "ambiguous_placement"}
    assert len(ambiguous) == 2


def test_an_empty_cell_between_numbers_is_a_blank_not_a_lost_cell() -> None:
    """Tabs between printed numbers delimit a real cell; only the ends of a row are open to doubt."""
    result = gixr_grammar.parse(report(t4=T4.replace("1\t0\t0\t0\t1\t2", "1\t\t0\t0\t1\t2")))
    cell = result.cell_records()["t4.review.corrected"]
    assert (cell.value, cell.status) == (None, CellStatus.BLANK)
    assert result.cells()["t4.review.total"] == 1
    assert result.table(4).rows[0].placement == "window"  # type: ignore[union-attr]


_T2_GRID = """\
第二十条第（一）项\t\t\t
信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量
规章\t\t\t
规范性文件\t\t\t416526
第二十条第（五）项\t\t\t
信息内容\t上一年项目数量\t本年增/减\t处理决定数量
行政许可\t471\t\t27923
其他对外管理服务事项\t551\t\t
第二十条第（八）项\t\t\t
信息内容\t上一年项目数量\t本年增/减\t
行政事业性收费\t\t274\t
第二十条第（九）项\t\t\t
信息内容\t采购项目数量\t采购总金额\t
政府集中采购\t12\t\t
"""


def test_a_narrow_row_of_table_2_in_the_grid_s_cells_has_its_values_after_the_label() -> None:
    """A ruled table 二 of four columns (a Word export) gives its two-value rows a third, empty
    cell. No row is complete, but 471 in a first value cell says the grid has no padding before its
    values, so 行政事业性收费⇥⇥274⇥ is a blank and 274, the empty cell after them the grid's."""
    cells = gixr_grammar.parse(report(t2=_T2_GRID)).cells()
    assert (cells["t2.fees.items_last_year"], cells["t2.fees.items_change"]) == (None, 274)
    assert (cells["t2.procurement.projects"], cells["t2.procurement.amount"]) == (12, None)
    assert (cells["t2.licensing.items_last_year"], cells["t2.licensing.decisions"]) == (471, 27923)


def test_a_grid_no_value_pins_is_read_by_its_header_s_cells_or_left_unknown() -> None:
    """With no value in any row's first value cell, the grid may pad before its values as well as
    after them. The header line's cells, on the row's grid, say 274 is under 本年增/减. A header
    off the row's grid (its first word one cell on) says nothing: 274 may be either column, so
    neither is printed."""
    t2 = _T2_GRID.replace("行政许可\t471\t\t", "行政许可\t\t\t").replace("服务事项\t551\t", "服务事项\t\t")
    t2 = t2.replace("政府集中采购\t12\t\t", "政府集中采购\t\t\t")
    cells = gixr_grammar.parse(report(t2=t2)).cells()
    assert (cells["t2.fees.items_last_year"], cells["t2.fees.items_change"]) == (None, 274)
    off = t2.replace("信息内容\t上一年项目数量\t本年增/减\t\n", "\t信息内容\t上一年项目数量\t本年增/减\n")
    result = gixr_grammar.parse(report(t2=off))
    assert (result.cells()["t2.fees.items_last_year"], result.cells()["t2.fees.items_change"]) == (None, None)
    assert any(d.code == "ambiguous_placement" and "row fees" in d.message for d in result.diagnostics)


def _random_digits(count: int) -> str:
    return "".join(random.Random(count).choice("0123456789") for _ in range(count))


@pytest.mark.parametrize("count", [100, 400, 800])
def test_a_run_longer_than_its_numbers_could_be_is_not_searched(count: int) -> None:
    rows = T3_2019_ROWS.replace(NEW_RECEIVED, "一、本年新收政府信息公开申请数量" + _random_digits(count))
    result = gixr_grammar.parse(report(t3=T3_HEADER + rows))
    assert all(result.cells()[a] is None for a in T3_ADDRESSES)
    stopped = [d for d in result.diagnostics if d.code == "search_stopped"]
    assert len(stopped) == 1 and stopped[0].severity.value == "warning"
    assert f"{count} digits are more than 7 numbers of at most 12 digits have; not searched" in stopped[0].message
    assert stopped[0].found == _random_digits(count)
    assert stopped[0].line == result.table(3).row("new_received").line  # type: ignore[union-attr]
    assert not [d for d in result.diagnostics if d.code == "glued_digits"]  # no claim that no split fits


def test_a_search_stops_at_what_the_report_budget_left() -> None:
    budget = SplitBudget(left=50)
    found = split_digits("64002047064002047064002047070", 7, T3_ROW_RULES, budget)
    assert isinstance(found, SearchStopped) and "stopped after 50 steps (what the report's bound left)" in found.reason
    assert budget.left <= 0
    assert split_digits("640020470", 7, T3_ROW_RULES, budget) == SearchStopped(
        "the report's bound of 800000 search steps is used up; not searched"
    )


def test_a_search_takes_its_steps_from_the_budget() -> None:
    budget = SplitBudget()
    assert split_digits("640020470", 7, T3_ROW_RULES, budget) == [(0, 2, 3, 4, 5, 6, 7)]
    assert 0 < budget.left < SplitBudget().left


def test_a_row_of_nine_digit_counts_is_still_recovered() -> None:
    """The hardest row of 2,100 generated ones that the search recovered before its steps counted
    every cut (it takes 480k of them now)."""
    digits = "3463354493416513708514827750121804756459709162253070133"
    found = split_digits(digits, 7, T3_ROW_RULES)
    assert found == [(0, 8, 16, 23, 31, 39, 46)]


def test_readings_no_equation_confirms_are_not_chosen_by_leaving_out_the_checkable() -> None:
    """Table 四 through an extractor that prints each cell's lines one a line (23 / 37 / 0 for
    23370), in a report whose sums are wrong in the source (its review total says 0). The reading
    as printed fails its sums; readings that dodge every check with a misplaced blank hold none.
    Leaving out the checkable readings alone would pick such a guess (35 for 2135), so only what
    every reading agrees on is printed."""
    rows = "0 23\n37\n0\n50\n00\n17\n28\n2\n0 / 0 0 0 / / 6 21\n35\n/ 9\n"
    t4 = T4.replace("1\t0\t0\t0\t1\t2\t0\t0\t0\t2\t0\t0\t0\t0\t0\n", rows)
    cells = {k: v for k, v in gixr_grammar.parse(report(t4=t4)).cells().items() if k.startswith("t4.")}
    printed = {k: v for k, v in cells.items() if v is not None}
    assert printed == {
        "t4.review.upheld": 0,
        "t4.litigation_direct.corrected": 0,
        "t4.litigation_direct.other": 0,
        "t4.litigation_after_review.total": 9,
    }


def test_gaps_each_filled_by_a_sum_are_no_better_than_printed_numbers_their_sums_check() -> None:
    """Table 四 with review's first two numbers lost (13 of 15, one a line). Reading a gap in each
    of two groups fills both by their sums (review 0 6 6 0 and a total of 12 printed nowhere); the
    reading with both gaps in review checks the other two groups' printed sums instead. Both are
    consistent, so review, where they disagree, is unknown; the two groups whose printed sums hold
    in every reading left are read."""
    t4 = "\n".join(T4.splitlines()[:3]) + "\n" + "0 6 6 0 0 0 0 0 7 6 0 9 22\n".replace(" ", "\n")
    cells = gixr_grammar.parse(report(t4=t4)).cells()
    groups = {g: [cells[address(4, g, c.key)] for c in T4_COLUMNS] for g in ("review", "litigation_direct")}
    assert groups == {"review": [None] * 5, "litigation_direct": [0] * 5}
    assert [cells[address(4, "litigation_after_review", c.key)] for c in T4_COLUMNS] == [7, 6, 0, 9, 22]


def test_the_one_rejoined_reading_of_a_row_is_still_checked_by_its_arithmetic() -> None:
    """A rest on a line of its own after the one number that may have wrapped (55 / 5): one
    reading, 1 0 0 0 0 0 555, which the row's total refutes. A guess alone is still a guess: the
    row is left unknown, never printed with 555."""
    rows = T3_2019_ROWS.replace("\t\t5\t1\t0\t0\t0\t0\t6", "\t1 0 0 0 0 0 55\n5", 1)
    report_ = gixr_grammar.parse(report(t3=T3_HEADER + rows))
    assert [report_.cells()[f"t3.new_received.{c.key}"] for c in T3_COLUMNS] == [None] * 7
    assert "readings_refuted" in [d.code for d in report_.diagnostics]


def _pipes(rows: str) -> str:
    return "".join("| " + " | ".join(line.split("\t")) + " |\n" for line in rows.strip("\n").split("\n"))


def test_a_markdown_cell_s_rest_in_the_cell_below_goes_on_the_cell_s_last_number() -> None:
    """A PDF → markdown converter that merges two of a table's columns into one cell (``| 9074
    1147 |``) puts the numbers' wrapped rests in the cells of the row below (``| 8 |``), each in
    the cell of the number it ends, at the cell's start: padding, not the page's columns. Read as
    positions, 8 would go on 9074; the table's arithmetic picks the reading: 11478."""
    lines = [  # padded as markitdown pads them: to the same count of characters
        "| 一、本年新收政府信息 | 9670 | 9181 | 9074 1147 | 5848 1724 | 6249 |",
        "| 公开申请数量     |      |      | 8         | 3         | 4    |",
    ]
    assert [m.start() for m in re.finditer(r"\|", lines[0])] == [m.start() for m in re.finditer(r"\|", lines[1])]
    rows = _pipes(T3_2019_ROWS).split("\n", 1)[1]
    rows = rows.replace(
        "继续办理 |  | 1 | 0 | 0 | 0 | 0 | 0 | 1", "继续办理 |  | 9666 | 9180 | 9074 | 11478 | 5848 | 17243 | 62489"
    )
    cells = gixr_grammar.parse(report(t3=_pipes(T3_HEADER) + "\n".join(lines) + "\n" + rows)).cells()
    assert [cells[f"t3.new_received.{c.key}"] for c in T3_COLUMNS] == [9670, 9181, 9074, 11478, 5848, 17243, 62494]


_BALANCE_ROWS = ("new_received", "carried_over", "total", "carried_forward")


def _packed_table(carried_forward: str, new_received: str = "5 3 1 0 0 0 9") -> dict[str, list[object]]:
    """Table 三's four rows of R1 (new + carried over = results + carried forward, per column), the
    last one read as a row whose text's order its layout's columns contradict (``off_columns``)."""
    texts = {"new_received": new_received, "carried_over": "1 0 2 0 0 0 3", "total": "4 2 1 0 0 0 7"}
    rows = {key: place_row(_cells([text]), 7) for key, text in texts.items()}
    packed = place_row(_cells([carried_forward]), 7)
    off = OffColumns(packed.printed[0], "stands under none of the table's columns while others do")
    rows["carried_forward"] = attrs.evolve(packed, off_columns=off, confirm=True)
    addresses = {key: tuple(address(3, key, c.key) for c in T3_COLUMNS) for key in _BALANCE_ROWS}
    resolution = resolve(rows, addresses, t3_equations(_BALANCE_ROWS))
    found: dict[str, list[object]] = {k: [p.amount for p in cells] for k, cells in resolution.cells.items()}
    found["order_confirmed"] = sorted(resolution.order_confirmed)
    found["rearranged"] = sorted(resolution.rearranged)
    return found


def test_a_row_off_its_columns_is_read_where_each_number_s_column_confirms_it() -> None:
    """A packed row's own sum (R3) holds in any order of its values; its columns' R1 does not."""
    found = _packed_table("2 1 2 0 0 0 5")
    assert found["carried_forward"] == [2, 1, 2, 0, 0, 0, 5]
    assert found["order_confirmed"] == ["carried_forward"]


def test_a_row_off_its_columns_in_another_order_is_read_in_the_order_its_columns_force() -> None:
    """1 and 2 swapped (R3 still holds): each column's R1 over the other rows forces one value, and
    those are the row's printed numbers, so each goes where its column puts it."""
    found = _packed_table("2 2 1 0 0 0 5")
    assert found["carried_forward"] == [2, 1, 2, 0, 0, 0, 5]
    assert (found["order_confirmed"], found["rearranged"]) == ([], ["carried_forward"])


def test_a_row_off_its_columns_whose_columns_force_other_numbers_is_left_unknown() -> None:
    """The columns force 2 1 2 0 0 0 5; the row prints 2 2 2 0 0 0 6 (R3 holds): no order of its
    numbers is the columns', and none is invented."""
    found = _packed_table("2 2 2 0 0 0 6")
    assert found["carried_forward"] == [None] * 7
    assert (found["order_confirmed"], found["rearranged"]) == ([], [])


def test_a_row_off_its_columns_in_another_order_is_left_unknown_and_nothing_inferred_from_it() -> None:
    """1 and 2 swapped (R3 still holds), in columns whose R1 another row's damaged cells leave
    unchecked: the arithmetic allows the guess (it would infer 4 and 0 for the damaged 3 and 1), but
    no column confirms it. The row is left unknown, and nothing is inferred from it."""
    found = _packed_table("2 2 1 0 0 0 5", new_received="5 x x 0 0 0 9")
    assert found["carried_forward"] == [None] * 7
    assert found["new_received"] == [5, None, None, 0, 0, 0, 9]
    assert found["order_confirmed"] == []
