"""Properties over generated reports: rendered in a layout and parsed, they come back; the rules
hold on consistent tables and catch any single changed number; run-together digits are never misread."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import Cells, report_cells

import gixr_grammar
from gixr_grammar.glued import LocalRule, split_digits
from gixr_grammar.render import Layout, render_report

SEPARATED = [Layout.TABS, Layout.SPACES, Layout.CELL_PER_LINE]


@given(report_cells(), st.sampled_from(SEPARATED))
def test_rendered_reports_parse_back_and_pass_every_rule(cells: Cells, layout: Layout) -> None:
    report = gixr_grammar.parse(render_report(cells, layout))
    assert report.cells() == cells
    assert [f for f in gixr_grammar.check(report) if f.failed] == []


@given(report_cells(), st.data())
def test_any_single_changed_number_is_caught(cells: Cells, data: st.DataObject) -> None:
    addr = data.draw(st.sampled_from(sorted(k for k in cells if k.startswith(("t3.", "t4.")))))
    changed = {**cells, addr: int(cells[addr]) + data.draw(st.integers(1, 50))}  # type: ignore[call-overload]
    report = gixr_grammar.parse(render_report(changed, data.draw(st.sampled_from(SEPARATED))))
    line = report.cell_records()[addr].line
    row_line = next(r.line for t in report.tables for r in t.rows if any(c.address == addr for c in r.cells))
    findings = [f for f in gixr_grammar.check(report) if f.failed]
    assert all(addr in f.cells for f in findings)  # nothing else is involved
    # The cell's line where the rules single it out (its row and its column), else its row's.
    assert all(f.line == line for f in findings if f.suspects == (addr,))
    assert any(f.line in (line, row_line) for f in findings)
    assert all(len(f.suspects) > 1 or f.suspects == (addr,) for f in findings)


@given(report_cells(blanks=False))
def test_glued_digits_are_split_right_or_left_unknown(cells: Cells) -> None:
    parsed = gixr_grammar.parse(render_report(cells, Layout.GLUED)).cells()
    wrong = {k: (v, parsed.get(k)) for k, v in cells.items() if parsed.get(k, "<absent>") not in (v, None)}
    assert wrong == {}


def _brute_splits(text: str, width: int, rules: Sequence[LocalRule]) -> set[tuple[int, ...]]:
    out = set()
    for cuts in itertools.combinations(range(1, len(text)), width - 1):
        bounds = [0, *cuts, len(text)]
        parts = [text[bounds[i] : bounds[i + 1]] for i in range(width)]
        if not any(len(p) > 1 and p[0] == "0" for p in parts) and all(r.holds([int(p) for p in parts]) for r in rules):
            out.add(tuple(bounds[:-1]))
    return out


_T3_ROW = [LocalRule((*((i, 1) for i in range(6)), (6, -1)), 6)]
_T4_ROW = [LocalRule((*((g * 5 + i, 1) for i in range(4)), (g * 5 + 4, -1)), g * 5 + 4) for g in range(3)]


@given(st.sampled_from([(7, _T3_ROW), (15, _T4_ROW), (3, [])]), st.lists(st.integers(0, 120), min_size=15, max_size=15))
def test_digit_search_finds_exactly_the_consistent_splits(
    shape: tuple[int, list[LocalRule]], numbers: list[int]
) -> None:
    width, rules = shape
    values = numbers[:width]
    for rule in rules:
        values[rule.last] = sum(values[i] for i, c in rule.terms if c == 1)
    text = "".join(map(str, values))
    assume(len(text) <= 20)
    found = split_digits(text, width, rules)
    assert found is not None and set(found) == _brute_splits(text, width, rules)
