"""The prose against the tables (gixr_grammar.check.prose): each statement against its readings."""

from __future__ import annotations

import re

import pytest
from conftest import SEED_NAMES, seed_text
from reports import report

import gixr_grammar
from gixr_grammar import Verdict


def _prose(text: str, *, not_assessable: bool = False) -> list[gixr_grammar.Finding]:
    found = gixr_grammar.check(gixr_grammar.parse(text), not_assessable=not_assessable)
    return [f for f in found if f.rule == "prose_figure"]


def test_the_seeds_prose_agrees_with_their_tables() -> None:
    assert [f for name in SEED_NAMES for f in _prose(seed_text(name), not_assessable=True)] == []


def test_seed_000s_statements_hold_by_the_readings_the_issue_names() -> None:
    report_ = gixr_grammar.parse(seed_text(SEED_NAMES[0]))
    cells = report_.cells()
    received = next(s for s in report_.statements if s.topics == ("received",))
    assert received.value == 460 == cells["t3.new_received.total"] + cells["t3.carried_over.total"]  # type: ignore[operator]


@pytest.mark.parametrize("name", [SEED_NAMES[0], SEED_NAMES[3], SEED_NAMES[4]])  # the seeds with statements
def test_one_prose_number_changed_gives_exactly_one_finding_there(name: str) -> None:
    text = seed_text(name)
    before = gixr_grammar.check(gixr_grammar.parse(text))
    lines = text.splitlines(keepends=True)
    for statement in gixr_grammar.parse(text).statements:
        line = lines[statement.line - 1]
        number = re.match(r"\d+", line[statement.column - 1 :])
        assert number is not None
        changed = (
            line[: statement.column - 1] + str(int(number.group()) + 1) + line[statement.column - 1 + number.end() :]
        )
        after = gixr_grammar.check(
            gixr_grammar.parse("".join([*lines[: statement.line - 1], changed, *lines[statement.line :]]))
        )
        new = [f for f in after if f not in before]
        assert [(f.rule, f.verdict, f.line, f.column) for f in new] == [
            ("prose_figure", Verdict.WARNING, statement.line, statement.column)
        ], statement
        assert new[0].cells and len(new[0].cell_lines) == len(new[0].cells)
        assert all(isinstance(line, int) for line in new[0].cell_lines)


def test_the_first_change_the_issue_names() -> None:
    text = seed_text(SEED_NAMES[0])
    lines = text.splitlines(keepends=True)
    lines[10] = lines[10].replace("申请460件", "申请461件")
    (finding,) = _prose("".join(lines))
    assert (finding.line, finding.column, finding.found) == (11, 87, "461")
    assert finding.cells == ("t3.new_received.total", "t3.carried_over.total")
    assert finding.cell_lines == (46, 47)
    assert finding.expected == "one of 454, 460"
    assert "一、本年新收政府信息公开申请数量·总计 (line 46) = 454" in finding.message


def test_a_table_number_a_statement_covers_changed_names_the_cell_line_and_the_statement_line() -> None:
    text = seed_text(SEED_NAMES[0])
    lines = text.splitlines(keepends=True)
    t4 = lines.index("5\t1\t4\t3\t13\t10\t3\t4\t0\t17\t3\t1\t1\t0\t5\n")  # table 四's value row
    lines[t4] = lines[t4].replace("\t13\t", "\t14\t")
    (finding,) = _prose("".join(lines))
    assert (finding.line, finding.cells, finding.cell_lines) == (11, ("t4.review.total",), (t4 + 1,))


def test_topics_stated_each_must_each_hold() -> None:
    base = report()  # 行政复议 1, 行政诉讼 2 + 0
    holds = base.replace("本年度，我县认真贯彻《条例》。", "行政复议、行政诉讼各1件。")
    (finding,) = _prose(holds)  # 行政诉讼 is 2
    assert finding.cells == ("t4.review.total", "t4.litigation_direct.total", "t4.litigation_after_review.total")
    both = base.replace("本年度，我县认真贯彻《条例》。", "行政复议1件，行政诉讼2件。")
    assert _prose(both) == []


def test_a_blank_cell_makes_a_statement_not_assessable() -> None:
    text = report().replace("本年度，我县认真贯彻《条例》。", "办结7件。")  # 办结 alone: no 申请 in its sentence
    assert gixr_grammar.parse(text).statements == ()
    text = report().replace("本年度，我县认真贯彻《条例》。", "受理申请7件，办结7件。")
    blank = text.replace("\t（七）总计\t\t5\t1\t0\t0\t0\t0\t6", "\t（七）总计\t\t5\t1\t0\t0\t0\t0\t/")
    (closed,) = [f for f in _prose(blank, not_assessable=True) if f.found == "7" and f.cells == ("t3.total.total",)]
    assert closed.verdict is Verdict.NOT_ASSESSABLE
    assert _prose(blank) == []  # 受理 7 = 新收 6 + 上年结转 1 holds; 办结 7 is reported only as not assessable
