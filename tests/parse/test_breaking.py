"""A crawler's text of a whole page on one line (textContent, with the site's labels around it) is
cut where the grammar's headings and rows begin, and reads as the report did."""

from __future__ import annotations

import re

import pytest
from conftest import SEED_NAMES, exact, expected_cells, seed_text

import gixr_grammar
from gixr_grammar.parse.breaking import break_long_rows
from gixr_grammar.text.layout import RawCell


def _one_line(text: str, separator: str = " ") -> str:
    """The seed as a page's textContent: markdown marks out, every line and cell run together."""
    lines = [
        re.sub(r"^#+\s*", "", line.replace("**", "")).replace("\t", separator).strip() for line in text.splitlines()
    ]
    kept = [line for line in lines if line and not re.fullmatch(r"[-|:\s]+", line)]
    site = f"首页 > 政务公开 > 政府信息公开年报 标题：{kept[0]} 发布日期：2021-01-20 来源：办公室 "
    return site + " ".join(kept) + " 【打印本页】 【关闭窗口】"


@pytest.mark.parametrize("name", SEED_NAMES)
def test_a_seed_on_one_line_gives_its_tables_three_and_four_and_never_a_wrong_number(name: str) -> None:
    text = _one_line(seed_text(name))
    assert "\n" not in text
    report = gixr_grammar.parse(text)
    cells = report.cells()
    expected = expected_cells(name)
    wrong = {k: (v, cells.get(k)) for k, v in expected.items() if cells.get(k) is not None and str(cells[k]) != str(v)}
    assert wrong == {}
    tables = {k: v for k, v in expected.items() if k.startswith(("t3.", "t4."))}
    assert {k: cells.get(k) for k in tables} == tables
    assert [s.number for s in report.sections] == sorted({s.number for s in report.sections})


@pytest.mark.parametrize("name", [n for n in SEED_NAMES if not n.startswith(("001", "004"))])
def test_and_every_number_and_the_meta_where_the_page_prints_every_cell(name: str) -> None:
    """Seed 001 prints blanks as empty cells, which a page's text loses (its table 二 has no
    arithmetic to place them); seed 004 prints its title under 一、总体情况."""
    assert exact(gixr_grammar.parse(_one_line(seed_text(name))).cells(), name)  # money as printed


def test_the_site_labels_never_reach_the_title() -> None:
    report = gixr_grammar.parse(_one_line(seed_text(SEED_NAMES[0])))
    assert report.meta.title == "信阳市人民政府2020年政府信息公开工作年度报告"
    assert report.meta.agency == "信阳市人民政府"


def test_every_piece_keeps_its_line_and_column() -> None:
    text = _one_line(seed_text(SEED_NAMES[0]))
    cell = gixr_grammar.parse(text).cell_records()["t3.new_received.total"]
    assert cell.line == 1 and cell.column is not None
    assert text[cell.column - 1 :].startswith("454")


def test_a_long_paragraph_with_one_heading_in_it_is_not_cut() -> None:
    paragraph = "本报告分为六部分，二、主动公开政府信息情况是其第二部分；" + "本年度我县认真贯彻条例，" * 30
    row = [RawCell(paragraph, 3, 1)]
    assert list(break_long_rows([row])) == [row]
    two = paragraph + "三、收到和处理政府信息公开申请情况 一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1"
    pieces = list(break_long_rows([[RawCell(two, 3, 1)]]))
    assert [p[0].text[:6] for p in pieces] == ["本报告分为六", "二、主动公开", "三、收到和处", "一、本年新收"]
    assert all(p[0].line == 3 and two[p[0].column - 1 :].startswith(p[0].text) for p in pieces)


def test_a_script_s_pipes_on_the_page_s_line_separate_nothing() -> None:
    """A crawler's textContent keeps the page's scripts (``var _hmt = _hmt || [];``): on the one
    line of the page, those pipes are no table's, and the line is still cut into the report."""
    text = "var _hmt = _hmt || []; document.write('统计');" + _one_line(seed_text(SEED_NAMES[0]))
    cells = gixr_grammar.parse(text).cells()
    expected = expected_cells(SEED_NAMES[0])
    assert {k: cells.get(k) for k in expected if k.startswith(("t3.", "t4."))} == {
        k: v for k, v in expected.items() if k.startswith(("t3.", "t4."))
    }
