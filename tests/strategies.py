"""Hypothesis strategies over gixr_grammar.synth.generate: whole reports (SCHEMA.md mappings) and styles, with
hypothesis making every choice, so that failures shrink."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import attrs
from hypothesis import strategies as st

from gixr_grammar.format.schema import Template, ValueKind
from gixr_grammar.synth import generate as synth
from gixr_grammar.synth.render import Layout, Style

Cells = synth.Cells
# Mostly zeros, as in real tables; sometimes large.
counts = st.one_of(st.just(0), st.integers(0, 9), st.integers(10, 5000))
SEPARATED_LAYOUTS = [layout for layout in Layout if layout is not Layout.GLUED]


@attrs.define
class DrawChooser:
    """synth's choices, drawn by hypothesis."""

    draw: st.DrawFn

    def count(self, at_most: int | None = None) -> int:
        return self.draw(counts if at_most is None else st.integers(0, at_most))

    def value(self, kind: ValueKind, blank: bool) -> object:
        if kind is ValueKind.MONEY:
            value: st.SearchStrategy[object] = st.decimals(Decimal(0), Decimal(10**6), places=2)
        elif kind is ValueKind.SIGNED:
            value = st.integers(-2000, 2000)
        else:
            value = st.integers(0, 2_000_000)
        return self.draw(st.one_of(st.none(), value) if blank else value)

    def any_count(self, blank: bool) -> int | None:
        return self.draw(st.one_of(counts, st.integers(10**4, 10**6), *([st.none()] if blank else [])))

    def pick(self, options: tuple[object, ...]) -> object:
        return self.draw(st.sampled_from(options))

    def flag(self) -> bool:
        return self.draw(st.booleans())


@st.composite
def report_cells(
    draw: st.DrawFn, template: Template | None = None, blanks: bool = True, consistent: bool = True
) -> Cells:
    """A report's cells (see synth.report_cells), in either template unless ``template``."""
    return synth.report_cells(DrawChooser(draw), template or draw(st.sampled_from(Template)), blanks, consistent)


@st.composite
def styles(draw: st.DrawFn, layouts: Sequence[Layout] = SEPARATED_LAYOUTS) -> Style:
    """Any of ``layouts`` with any combination of artefacts."""
    return synth.style(DrawChooser(draw), tuple(layouts))


def blank_in_tables(cells: Cells) -> bool:
    """Whether a table 三 or 四 cell is blank: printed as an empty cell at a row's end, it reads like
    a lost cell, and only the arithmetic can decide."""
    return any(v is None for k, v in cells.items() if k.startswith(("t3.", "t4.")))
