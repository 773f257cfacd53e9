"""The format's arithmetic (勾稽关系) as linear equations over cell addresses (FORMAT.md, R1–R4).

Each equation says sum(coefficient × cell) == 0. Placement uses them to decide where the numbers of
a broken row go; checking reports where a report breaks them.
"""

from __future__ import annotations

import functools
from collections.abc import Collection

import attrs

from .schema import (
    OTHER_SPLIT_ROWS,
    T3_APPLICANT_COLUMNS,
    T3_COLUMNS,
    T3_OUTCOME_ROWS,
    T3_ROW_ORDER,
    T4_COLUMNS,
    T4_GROUPS,
    Template,
    address,
)

# R1 + R2 per column, R3 per row, R4 per group: 40 on a 2019 table, 42 on a 2021 one.
RULE_IDS = {"balance": "R1", "outcomes_sum": "R2", "row_total": "R3", "review_total": "R4"}


@attrs.frozen(cache_hash=True)  # tables of equations are looked up by value (resolution)
class Equation:
    rule: str  # balance (R1), outcomes_sum (R2), row_total (R3), review_total (R4)
    scope: str  # the column, row or group it is about
    terms: tuple[tuple[str, int], ...]


def t3_row_keys(printed: Collection[str], template: Template | None = None) -> tuple[str, ...]:
    """The rows table 三 must have: the 2021 subrows of （六）其他处理 if any is printed, else the 2019
    single row if printed, else the template's (2019 when unknown); with both printed, both."""
    split = any(r in printed for r in OTHER_SPLIT_ROWS)
    single = "other" in printed
    if not split and not single:
        split = template is Template.Y2021
        single = not split
    excluded = (() if split else OTHER_SPLIT_ROWS) + (() if single else ("other",))
    return tuple(r for r in T3_ROW_ORDER if r not in excluded)


@functools.cache
def t3_equations(rows: tuple[str, ...]) -> tuple[Equation, ...]:
    """R1 and R2 for each of the 7 columns, R3 for each row of table 三 in ``rows`` (``t3_row_keys``):
    an equation over a row that is not printed cannot be checked, and forces nothing."""
    equations = []
    outcome_rows = [r for r in T3_OUTCOME_ROWS if r in rows]
    for column in (c.key for c in T3_COLUMNS):
        equations.append(
            Equation(
                "balance",
                column,
                (
                    (address(3, "new_received", column), 1),
                    (address(3, "carried_over", column), 1),
                    (address(3, "total", column), -1),
                    (address(3, "carried_forward", column), -1),
                ),
            )
        )
        if outcome_rows:
            terms = tuple((address(3, r, column), 1) for r in outcome_rows)
            equations.append(Equation("outcomes_sum", column, (*terms, (address(3, "total", column), -1))))
    for row in rows:
        terms = tuple((address(3, row, c), 1) for c in T3_APPLICANT_COLUMNS)
        equations.append(Equation("row_total", row, (*terms, (address(3, row, "total"), -1))))
    return tuple(equations)


@functools.cache
def t4_equations() -> tuple[Equation, ...]:
    """R4: upheld + corrected + other + pending == total, for each of the three groups of table 四."""
    parts = [c.key for c in T4_COLUMNS if c.key != "total"]
    return tuple(
        Equation(
            "review_total",
            group,
            (*((address(4, group, p), 1) for p in parts), (address(4, group, "total"), -1)),
        )
        for group in T4_GROUPS
    )
