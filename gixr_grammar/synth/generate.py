"""Synthetic reports: the cells of a whole report in either template, tables 三 and 四 consistent with
R1–R4 by construction (or not), for tests, benchmarks and test corpora (render them with ``render``).

The construction takes its choices from a ``Chooser`` so that one piece of code serves two drivers:
hypothesis strategies in the tests (which shrink) and ``random.Random`` in the benchmarks
(``random_chooser``).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from decimal import Decimal
from typing import Protocol

import attrs

from ..format.rules import t3_row_keys
from ..format.schema import (
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
from .render import BLANK_MARKS, MONEY_UNITS, Layout, Style

Cells = dict[str, object]
YEARS = {Template.Y2019: (2019, 2020), Template.Y2021: (2021, 2025)}
STYLE_FLAGS = tuple(f.name for f in attrs.fields(Style) if f.type in (bool, "bool"))


class Chooser(Protocol):
    """Where the choices come from."""

    def count(self, at_most: int | None = None) -> int:
        """A count: mostly small, sometimes large; at most ``at_most`` if given."""

    def value(self, kind: ValueKind, blank: bool) -> object:
        """A table 二 value of ``kind`` (None sometimes, if ``blank``)."""

    def any_count(self, blank: bool) -> int | None:
        """A count of an inconsistent table: any size (None sometimes, if ``blank``)."""

    def pick(self, options: tuple[object, ...]) -> object: ...

    def flag(self) -> bool: ...


def report_cells(choose: Chooser, template: Template, blanks: bool = True, consistent: bool = True) -> Cells:
    """A report's cells: table 二 free (with blanks if ``blanks``); tables 三 and 四 consistent with
    R1–R4, or (not ``consistent``) any counts, blanks among them (if ``blanks``)."""
    first, last = YEARS[template]
    cells: Cells = {
        "meta.agency": "某某县人民政府",
        "meta.year": choose.pick(tuple(range(first, last + 1))),
        "meta.template": template.value,
    }
    for spec in T2_ROWS[template]:
        for column in spec.columns:
            cells[address(2, spec.key, column.key)] = choose.value(column.kind, blanks)
    rows = t3_row_keys((), template)
    if not consistent:
        for row in rows:
            for c3 in T3_COLUMNS:
                cells[address(3, row, c3.key)] = choose.any_count(blanks)
        for group in T4_GROUPS:
            for c4 in T4_COLUMNS:
                cells[address(4, group, c4.key)] = choose.any_count(blanks)
        return cells
    outcomes = [r for r in T3_OUTCOME_ROWS if r in rows]
    for applicant in T3_APPLICANT_COLUMNS:
        values = {row: choose.count() for row in outcomes}
        values["total"] = sum(values.values())
        values["carried_forward"] = choose.count()
        values["carried_over"] = choose.count(at_most=values["total"] + values["carried_forward"])
        values["new_received"] = values["total"] + values["carried_forward"] - values["carried_over"]
        for row, value in values.items():
            cells[address(3, row, applicant)] = value
    for row in rows:
        cells[address(3, row, "total")] = sum(_int(cells[address(3, row, c)]) for c in T3_APPLICANT_COLUMNS)
    for group in T4_GROUPS:
        parts = [choose.count() for _ in T4_COLUMNS[:-1]]
        for c4, value in zip(T4_COLUMNS, [*parts, sum(parts)], strict=True):
            cells[address(4, group, c4.key)] = value
    return cells


def _int(value: object) -> int:
    assert isinstance(value, int)
    return value


def style(choose: Chooser, layouts: tuple[Layout, ...] = tuple(Layout)) -> Style:
    """Any layout with any combination of artefacts (``Style.problems`` says which cannot go together)."""
    layout = choose.pick(layouts)
    blank = choose.pick(BLANK_MARKS)
    unit = choose.pick(MONEY_UNITS)
    assert isinstance(layout, Layout) and isinstance(blank, str) and isinstance(unit, str)
    return Style(layout, blank=blank, money_unit=unit, **{name: choose.flag() for name in STYLE_FLAGS})


@attrs.define
class RandomChooser:
    """The choices of ``random.Random``. Counts are as small as in real tables (95% of the seeds'
    table 三 numbers have one digit): 60% zeros, 32% 1–9, 6% 10–99, 2% 100–5000."""

    rng: random.Random

    def count(self, at_most: int | None = None) -> int:
        if at_most is not None:
            return self.rng.randint(0, at_most)
        draw = self.rng.random()
        if draw < 0.6:
            return 0
        low, high = (1, 9) if draw < 0.92 else (10, 99) if draw < 0.98 else (100, 5000)
        return self.rng.randint(low, high)

    def value(self, kind: ValueKind, blank: bool) -> object:
        if blank and self.rng.random() < 0.1:
            return None
        if kind is ValueKind.MONEY:
            return Decimal(self.rng.randint(0, 10**8)) / 100
        if kind is ValueKind.SIGNED:
            return self.rng.randint(-2000, 2000)
        return self.rng.randint(0, 2_000_000)

    def any_count(self, blank: bool) -> int | None:
        if blank and self.rng.random() < 0.1:
            return None
        return self.rng.choice((self.count(), self.rng.randint(10**4, 10**6)))

    def pick(self, options: tuple[object, ...]) -> object:
        return self.rng.choice(options)

    def flag(self) -> bool:
        return self.rng.random() < 0.5


def random_reports(seed: int, count: int, layouts: tuple[Layout, ...] = tuple(Layout)) -> Iterator[tuple[Cells, Style]]:
    """``count`` consistent reports, each with a style that can print it (reproducible from ``seed``),
    one at a time."""
    choose = RandomChooser(random.Random(seed))
    made = 0
    while made < count:
        template = choose.pick(tuple(Template))
        assert isinstance(template, Template)
        cells = report_cells(choose, template)
        chosen = style(choose, layouts)
        if not chosen.problems(cells):
            made += 1
            yield cells, chosen
