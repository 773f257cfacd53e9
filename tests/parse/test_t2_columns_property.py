"""Property: any table 二, printed as pdfminer prints it (the blocks' labels, then each column as its
name and its numbers one a line, columns in any order that keeps those of one name top to bottom),
is rebuilt into its cells; with a column short of a number, none is placed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from strategies import Cells, report_cells

import gixr_grammar
from gixr_grammar.format.schema import Template
from gixr_grammar.format.vocabulary import SECTION_TITLES, T2_HEADER_FIRST
from gixr_grammar.synth.render import Style, render_report, table2_rows, value_text


def _by_columns(cells: Cells, order: st.DataObject, short: bool = False) -> str:
    """The report's text with table 二 as pdfminer prints it (blanks as /); if ``short``, one
    column lost one of its numbers."""
    template = Template(str(cells["meta.template"]))
    labels: list[str] = []
    columns: list[list[str]] = []  # per block, per column: its name, then its numbers
    block: list[list[str]] = []
    for row in table2_rows(cells, template):
        if row.header and row.labels[0] != T2_HEADER_FIRST:
            labels += [row.labels[0], T2_HEADER_FIRST]
            block = []
            columns.append(block)
        elif row.header:
            block += [[name] for name in row.labels[1:]]
        else:
            labels.append(row.labels[0])
            for column, value, kind in zip(block, row.values, row.kinds, strict=True):
                column.append(value_text(value, kind, Style(blank="/")))
    if short:
        column = order.draw(st.sampled_from([c for b in columns for c in b]))
        del column[order.draw(st.integers(1, len(column) - 1))]
    queues = [list(b) for b in columns]
    printed: list[list[str]] = []
    while any(queues):  # any column no earlier block has one of the same name left of
        ready = [
            (q, c) for i, q in enumerate(queues) for c in q if not any(c[0] == d[0] for p in queues[:i] for d in p)
        ]
        queue, column = order.draw(st.sampled_from(ready))
        queue.remove(column)
        printed.append(column)
    table = "\n\n".join([*labels, *(line for column in printed for line in column)])
    text = render_report(cells)
    start, end = text.index(SECTION_TITLES[2]), text.index(SECTION_TITLES[3])
    return f"{text[:start]}{SECTION_TITLES[2]}\n\n{table}\n\n{text[end:]}"


@given(report_cells(), st.data())
def test_table_two_printed_column_by_column_is_rebuilt(cells: Cells, order: st.DataObject) -> None:
    parsed = gixr_grammar.parse(_by_columns(cells, order)).cells()
    t2 = {k: v for k, v in cells.items() if k.startswith("t2.")}
    assert {k: (v, parsed.get(k)) for k, v in t2.items() if parsed.get(k) != v} == {}


@given(report_cells(), st.data())
def test_a_column_short_of_a_number_places_none(cells: Cells, order: st.DataObject) -> None:
    report = gixr_grammar.parse(_by_columns(cells, order, short=True))
    assert {k: v for k, v in report.cells().items() if k.startswith("t2.") and v is not None} == {}
    assert "column_order_unknown" in [d.code for d in report.diagnostics]
