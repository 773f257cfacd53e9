"""Hypothesis strategies: the cells of whole reports (SCHEMA.md mappings), consistent by construction."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import attrs
from hypothesis import strategies as st

from gixr_grammar.render import BLANK_MARKS, MONEY_UNITS, Layout, Style
from gixr_grammar.rules import t3_row_keys
from gixr_grammar.schema import (
    T2_ROWS,
    T3_APPLICANT_COLUMNS,
    T3_COLUMNS,
    T3_OUTCOME_ROWS,
    T4_COLUMNS,
    T4_GROUPS,
    Template,
    ValueKind,
    address,
)

Cells = dict[str, object]
# Mostly zeros, as in real tables; sometimes large.
counts = st.one_of(st.just(0), st.integers(0, 9), st.integers(10, 5000))
_YEARS = {Template.Y2019: st.integers(2019, 2020), Template.Y2021: st.integers(2021, 2025)}


def _t2_value(kind: ValueKind, blanks: bool) -> st.SearchStrategy[object]:
    if kind is ValueKind.MONEY:
        value: st.SearchStrategy[object] = st.decimals(Decimal(0), Decimal(10**6), places=2)
    elif kind is ValueKind.SIGNED:
        value = st.integers(-2000, 2000)
    else:
        value = st.integers(0, 2_000_000)
    return st.one_of(st.none(), value) if blanks else value


@st.composite
def report_cells(
    draw: st.DrawFn, template: Template | None = None, blanks: bool = True, consistent: bool = True
) -> Cells:
    """A report's cells: table 二 free (with blanks if ``blanks``); tables 三 and 四 consistent with
    R1–R4, or (not ``consistent``) any counts, large ones and blanks (if ``blanks``) among them."""
    template = template or draw(st.sampled_from(Template))
    cells: Cells = {
        "meta.agency": "某某县人民政府",
        "meta.year": draw(_YEARS[template]),
        "meta.template": template.value,
    }
    for spec in T2_ROWS[template]:
        for column in spec.columns:
            cells[address(2, spec.key, column.key)] = draw(_t2_value(column.kind, blanks))
    rows = t3_row_keys((), template)
    if not consistent:
        anything = st.one_of(counts, st.integers(10**4, 10**6), *([st.none()] if blanks else []))
        for row in rows:
            for column in T3_COLUMNS:
                cells[address(3, row, column.key)] = draw(anything)
        for group in T4_GROUPS:
            for column4 in T4_COLUMNS:
                cells[address(4, group, column4.key)] = draw(anything)
        return cells
    outcomes = [r for r in T3_OUTCOME_ROWS if r in rows]
    for column in T3_APPLICANT_COLUMNS:
        values = {row: draw(counts) for row in outcomes}
        values["total"] = sum(values.values())
        values["carried_forward"] = draw(counts)
        values["carried_over"] = draw(st.integers(0, values["total"] + values["carried_forward"]))
        values["new_received"] = values["total"] + values["carried_forward"] - values["carried_over"]
        for row, value in values.items():
            cells[address(3, row, column)] = value
    for row in rows:
        cells[address(3, row, "total")] = sum(int(cells[address(3, row, c)]) for c in T3_APPLICANT_COLUMNS)  # type: ignore[call-overload]
    for group in T4_GROUPS:
        parts = [draw(counts) for _ in T4_COLUMNS[:-1]]
        for column, value in zip(T4_COLUMNS, [*parts, sum(parts)], strict=True):
            cells[address(4, group, column.key)] = value
    return cells


SEPARATED_LAYOUTS = [layout for layout in Layout if layout is not Layout.GLUED]


@st.composite
def styles(draw: st.DrawFn, layouts: Sequence[Layout] = SEPARATED_LAYOUTS) -> Style:
    """Any layout with any combination of artefacts (the style checks which ones cannot go together)."""
    flags = {name: draw(st.booleans()) for name in _FLAGS}
    return Style(
        draw(st.sampled_from(layouts)),
        blank=draw(st.sampled_from(BLANK_MARKS)),
        money_unit=draw(st.sampled_from(MONEY_UNITS)),
        **flags,
    )


_FLAGS = [f.name for f in attrs.fields(Style) if f.type in (bool, "bool")]
