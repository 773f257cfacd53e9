"""Properties over generated reports: rendered in any layout with any artefacts and parsed, they come
back; the rules hold on consistent tables and catch any single changed number; run-together digits are
never misread; normalisation keeps every line where it was."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from strategies import Cells, blank_in_tables, report_cells, styles

import gixr_grammar
from gixr_grammar.repair.glued import LocalRule, SearchStopped, split_digits
from gixr_grammar.synth.documents import render_docx, render_html, render_pdf
from gixr_grammar.synth.render import Layout, Style, render_report
from gixr_grammar.text.normalize import normalize


@given(report_cells(consistent=False), styles())
def test_every_layout_and_artefact_parses_back(cells: Cells, style: Style) -> None:
    assume(not style.problems(cells))
    # A blank of table 三 or 四 printed as an empty cell at a row's end reads like a lost cell, which
    # real text often has: the arithmetic then decides (test_repair covers both readings).
    assume(style.blank or not blank_in_tables(cells))
    assert gixr_grammar.parse(render_report(cells, style)).cells() == cells


@settings(max_examples=max(5, settings().max_examples // 4))  # a Word file or a PDF takes 30–60 ms to write
@given(
    report_cells(consistent=False),
    st.sampled_from(["html", "gbk", "docx", "pdf", "unruled pdf"]),
    st.sampled_from(["", "/", "—"]),
)
def test_every_document_kind_reads_back(cells: Cells, kind: str, blank: str) -> None:
    """Rendered as an agency's web page (UTF-8 or GBK, with the site around it), a Word file or a
    PDF with ruled or unruled tables, and read by the readers, a report gives back its cells."""
    assume(blank or not blank_in_tables(cells))
    style = Style(blank=blank)
    if kind == "docx":
        data = render_docx(cells, style)
    elif kind == "pdf":
        data = render_pdf(cells, style)
    elif kind == "unruled pdf":
        data = render_pdf(cells, style, ruled=False)
    else:
        data = render_html(cells, style, charset="gbk" if kind == "gbk" else "utf-8")
    assert gixr_grammar.parse_bytes(data).cells() == cells


@given(report_cells(), styles())
def test_consistent_tables_pass_every_rule(cells: Cells, style: Style) -> None:
    assume(not style.problems(cells))
    report = gixr_grammar.parse(render_report(cells, style))
    assert report.cells() == cells
    assert [f for f in gixr_grammar.check(report) if f.failed] == []


@given(report_cells(), st.data())
def test_any_single_changed_number_is_caught(cells: Cells, data: st.DataObject) -> None:
    addr = data.draw(st.sampled_from(sorted(k for k in cells if k.startswith(("t3.", "t4.")))))
    changed = {**cells, addr: int(cells[addr]) + data.draw(st.integers(1, 50))}  # type: ignore[call-overload]
    style = data.draw(styles())
    assume(not style.problems(changed))
    report = gixr_grammar.parse(render_report(changed, style))
    line = report.cell_records()[addr].line
    row_line = next(r.line for t in report.tables for r in t.rows if any(c.address == addr for c in r.cells))
    findings = [f for f in gixr_grammar.check(report) if f.failed]
    assert all(addr in f.cells for f in findings)  # nothing else is involved
    # The cell's line where the rules single it out (its row and its column), else its row's.
    assert all(f.line == line for f in findings if f.suspects == (addr,))
    assert any(f.line in (line, row_line) for f in findings)
    assert all(len(f.suspects) > 1 or f.suspects == (addr,) for f in findings)


@given(report_cells(blanks=False), styles([Layout.GLUED]))
def test_glued_digits_are_split_right_or_left_unknown(cells: Cells, style: Style) -> None:
    parsed = gixr_grammar.parse(render_report(cells, style)).cells()
    wrong = {k: (v, parsed.get(k)) for k, v in cells.items() if parsed.get(k, "<absent>") not in (v, None)}
    assert wrong == {}


_NUMBER = re.compile(r"[+-]?(?:0|[1-9][0-9]*)")  # one number: maybe signed, no leading zero


def _brute_splits(text: str, width: int, rules: Sequence[LocalRule]) -> set[tuple[int, ...]]:
    out = set()
    for cuts in itertools.combinations(range(1, len(text)), width - 1):
        bounds = [0, *cuts, len(text)]
        parts = [text[bounds[i] : bounds[i + 1]] for i in range(width)]
        if all(_NUMBER.fullmatch(p) for p in parts) and all(r.holds([int(p) for p in parts]) for r in rules):
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
    assert not isinstance(found, SearchStopped) and set(found) == _brute_splits(text, width, rules)


@given(
    st.sampled_from([(3, []), (7, _T3_ROW)]), st.lists(st.integers(-120, 120), min_size=7, max_size=7), st.booleans()
)
def test_digit_search_with_signs_checks_the_rules_on_whole_splits(
    shape: tuple[int, list[LocalRule]], numbers: list[int], plus: bool
) -> None:
    width, rules = shape
    values = numbers[:width]
    for rule in rules:
        values[rule.last] = sum(values[i] for i, c in rule.terms if c == 1)
    text = "".join(f"{v:+d}" if plus else str(v) for v in values)
    assume(len(text) <= 20 and ("-" in text or "+" in text))
    found = split_digits(text, width, rules)
    assert not isinstance(found, SearchStopped) and set(found) == _brute_splits(text, width, rules)


@given(report_cells(), styles([*Layout]), st.text(max_size=200))
def test_normalisation_is_idempotent_and_keeps_lines(cells: Cells, style: Style, noise: str) -> None:
    assume(not style.problems(cells))
    text = render_report(cells, style) + noise
    once = normalize(text)
    assert normalize("\n".join(once.lines)).lines == once.lines
    source_lines = re.split(r"\r\n|\r|\n", text)  # the line breaks normalize splits on
    assert len(once.lines) == len(source_lines)
    for number, (line, source) in enumerate(zip(once.lines, source_lines, strict=True), 1):
        for column in range(1, len(line) + 2):
            assert 1 <= once.source_column(number, column) <= len(source) + 1
