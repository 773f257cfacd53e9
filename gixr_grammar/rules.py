"""The format's arithmetic (勾稽关系) as linear equations over cell addresses (FORMAT.md, R1–R4).

Each equation says sum(coefficient × cell) == 0. Placement uses them to decide where the numbers of
a broken row go; checking reports where a report breaks them.
"""

from __future__ import annotations

from collections.abc import Collection

import attrs

from .schema import T3_APPLICANT_COLUMNS, T3_COLUMNS, T3_OUTCOME_ROWS, T4_COLUMNS, T4_GROUPS, address


@attrs.frozen
class Equation:
    rule: str  # balance (R1), outcomes_sum (R2), row_total (R3), review_total (R4)
    scope: str  # the column, row or group it is about
    terms: tuple[tuple[str, int], ...]


def t3_equations(rows: Collection[str]) -> list[Equation]:
    """R1 and R2 for each of the 7 columns, R3 for each printed row of table 三."""
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
    return equations


def t4_equations() -> list[Equation]:
    """R4: upheld + corrected + other + pending == total, for each of the three groups of table 四."""
    parts = [c.key for c in T4_COLUMNS if c.key != "total"]
    return [
        Equation(
            "review_total",
            group,
            (*((address(4, group, p), 1) for p in parts), (address(4, group, "total"), -1)),
        )
        for group in T4_GROUPS
    ]
