"""The format's hard rules on one report: the arithmetic of tables 三 and 四 (R1–R4) and the types of
every value (R8), as findings that point at the cells and lines to look at.

A rule with a blank or unknown operand is *not assessable*: neither a pass nor a failure. Where rules
fail, the cell most likely at fault is the one whose single change would mend the most of them (the
总计 of a row whose row and column both fail); ties are all named.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from decimal import Decimal

import attrs

from ..format.rules import RULE_IDS, Equation, t3_equations, t3_row_keys, t4_equations
from ..format.schema import Template, ValueKind, column_kind
from ..format.vocabulary import RULE_SIDES, T3_COLUMN_LABELS, T3_ROW_LABELS, T4_ROW_LABELS, TABLE_NUMERALS, label_of
from ..model import Cell, CellStatus, Finding, Report, Row, Value, Verdict

_SCOPE_LABELS = {
    "balance": T3_COLUMN_LABELS,
    "outcomes_sum": T3_COLUMN_LABELS,
    "row_total": T3_ROW_LABELS,
    "review_total": T4_ROW_LABELS,
}


_PLACEMENT_WORDS = {
    "short": "fewer values than columns",
    "long": "more values than columns",
    "glued": "its digits run together with no separator",
}


def report_equations(report: Report) -> list[Equation]:
    """Every equation the report's tables 三 and 四 must satisfy (40 on a 2019 report, 42 on a 2021 one)."""
    equations: list[Equation] = []
    t3 = report.table(3)
    if t3 is not None:
        template = Template(report.meta.template) if report.meta.template else None
        equations += t3_equations(t3_row_keys([row.key for row in t3.rows], template))
    if report.table(4) is not None:
        equations += t4_equations()
    return equations


@attrs.frozen
class _Evaluation:
    equation: Equation
    values: tuple[Value | None, ...]  # one per term, None where blank, unknown or absent

    @property
    def cells(self) -> tuple[str, ...]:
        return tuple(addr for addr, _ in self.equation.terms)

    @property
    def unknown(self) -> tuple[str, ...]:
        return tuple(addr for (addr, _), v in zip(self.equation.terms, self.values, strict=True) if v is None)

    @property
    def residual(self) -> Value:
        """parts − whole: zero when the rule holds (only when every operand is known)."""
        return sum(
            (coef * v for (_, coef), v in zip(self.equation.terms, self.values, strict=True) if v is not None), 0
        )

    def side(self, sign: int) -> Value:
        return sum(
            (v for (_, c), v in zip(self.equation.terms, self.values, strict=True) if v is not None and c == sign), 0
        )

    @property
    def failed(self) -> bool:
        return not self.unknown and self.residual != 0


def arithmetic_findings(report: Report, records: Mapping[str, Cell]) -> list[Finding]:
    """R1–R4 on the report's tables (``records``: its ``cell_records()``): failures, and the rules
    that cannot be checked."""
    evaluations = [
        _Evaluation(eq, tuple(_known(records.get(addr)) for addr, _ in eq.terms)) for eq in report_equations(report)
    ]
    blame = _suspects([e for e in evaluations if e.failed])
    row_lines = {f"t{t.number}.{row.key}": row.line for t in report.tables for row in t.rows}
    out = []
    for evaluation in evaluations:
        if evaluation.unknown:
            out.append(_not_assessable(evaluation, records))
        elif evaluation.failed:
            out.append(_failure(evaluation, blame[id(evaluation)], records, row_lines))
    return out


def _suspects(failed: list[_Evaluation]) -> dict[int, tuple[str, ...]]:
    """For each failed rule (by ``id``), the cells most likely at fault.

    Greedy: the cell in the most failed rules (at least two: one wrong number breaks its row and its
    column) is blamed for all of them, and those rules are set aside; repeat. A rule no such cell
    explains blames all of its cells alike.
    """
    remaining = {id(e): e for e in failed}
    blame: dict[int, tuple[str, ...]] = {}
    while remaining:
        score = Counter(addr for e in remaining.values() for addr in e.cells)
        top = max(score.values())
        if top < 2:
            break
        tied = [addr for addr, n in score.items() if n == top]
        for key, evaluation in list(remaining.items()):
            named = tuple(addr for addr in evaluation.cells if addr in tied)
            if named:
                blame[key] = named
                del remaining[key]
    for key, evaluation in remaining.items():
        blame[key] = evaluation.cells
    return blame


def _known(cell: Cell | None) -> Value | None:
    return None if cell is None else cell.value


def _where(equation: Equation) -> str:
    table = "四" if equation.rule == "review_total" else "三"
    what = "column" if equation.rule in ("balance", "outcomes_sum") else "row"
    label = _SCOPE_LABELS[equation.rule].get(equation.scope, equation.scope)
    return f"table {table}, {what} {label} ({equation.scope})"


def _failure(
    evaluation: _Evaluation, suspects: tuple[str, ...], records: Mapping[str, Cell], row_lines: Mapping[str, int]
) -> Finding:
    equation = evaluation.equation
    parts_text, whole_text = RULE_SIDES[equation.rule]
    parts, whole = evaluation.side(1), evaluation.side(-1)
    message = (
        f"{_where(equation)}: {parts_text} = {parts}, but {whole_text} = {whole} "
        f"({RULE_IDS[equation.rule]} {equation.rule})"
    )
    if len(suspects) == 1:
        suspect = suspects[0]
        coef = dict(equation.terms)[suspect]
        value = records[suspect].value
        assert value is not None
        mended = value - evaluation.residual * coef  # coef is ±1
        line = records[suspect].line
        message += (
            f"; most likely at fault: {label_of(suspect)} = {value} (line {line}), {mended} would make this rule hold"
        )
    else:
        first = suspects[0]
        row_rule = equation.rule in ("row_total", "review_total")
        line = row_lines.get(first.rsplit(".", 1)[0]) if row_rule else records[first].line
    return Finding(
        equation.rule,
        Verdict.FAILED,
        message,
        cells=evaluation.cells,
        line=line,
        expected=str(parts),
        found=str(whole),
        suspects=suspects,
        scope=equation.scope,
    )


def _not_assessable(evaluation: _Evaluation, records: Mapping[str, Cell]) -> Finding:
    equation = evaluation.equation
    unknown = evaluation.unknown
    first = records.get(unknown[0])
    shown = ", ".join(label_of(addr) for addr in unknown[:3]) + (
        f" and {len(unknown) - 3} more" if len(unknown) > 3 else ""
    )
    return Finding(
        equation.rule,
        Verdict.NOT_ASSESSABLE,
        f"{_where(equation)}: {RULE_IDS[equation.rule]} {equation.rule} cannot be checked: {shown} blank or unknown",
        cells=evaluation.cells,
        line=None if first is None else first.line,
        expected="every operand known",
        found=f"{len(unknown)} unknown",
        suspects=unknown,
        scope=equation.scope,
    )


def repair_findings(report: Report) -> list[Finding]:
    """A warning for each printed row whose values were placed by the arithmetic (short, long or
    glued): its numbers rest on the repair, and a wrong number in it may have been read as a lost or
    extra cell. Table 四's three groups are one printed row."""
    out = []
    for table in report.tables:
        printed: dict[int, list[Row]] = {}
        for row in table.rows:
            if row.repaired:
                printed.setdefault(row.line, []).append(row)
        for line, rows in printed.items():
            cells = [c for row in rows for c in row.cells]
            inferred = sum(c.status is CellStatus.INFERRED for c in cells)
            unknown = tuple(c.address for c in cells if c.status is CellStatus.MISSING)
            name = "row of fifteen numbers" if table.number == 4 else f"row {rows[0].label} ({rows[0].key})"
            out.append(
                Finding(
                    "repaired_row",
                    Verdict.WARNING,
                    f"table {TABLE_NUMERALS[table.number]}, {name}: printed {_PLACEMENT_WORDS[rows[0].placement]}; "
                    f"placed by the table's arithmetic, {inferred} cells inferred, {len(unknown)} left unknown",
                    cells=tuple(c.address for c in cells),
                    line=line,
                    expected=f"{len(cells)} values",
                    found=" ".join(c.raw for c in cells if c.raw) or None,
                    suspects=unknown,
                    scope=f"t{table.number}.{rows[0].key}",
                )
            )
    return out


def type_findings(cells: Sequence[Cell]) -> list[Finding]:
    """R8: counts are integers ≥ 0, 本年增/减 an integer of either sign, amounts ≥ 0."""
    out = []
    for cell in cells:
        if cell.value is None:
            continue
        kind = column_kind(cell.address)
        if kind is not ValueKind.MONEY and isinstance(cell.value, Decimal):  # counts are read as int when whole
            out.append(_type_finding(cell, "integer", "an integer", f"{label_of(cell.address)} is a count"))
        if kind is not ValueKind.SIGNED and cell.value < 0:
            out.append(
                _type_finding(cell, "non_negative", "a number ≥ 0", f"{label_of(cell.address)} cannot be negative")
            )
    return out


def _type_finding(cell: Cell, rule: str, expected: str, why: str) -> Finding:
    return Finding(
        rule,
        Verdict.FAILED,
        f"{cell.address}: {why}, but reads {cell.raw or cell.value} (R8 {rule})",
        cells=(cell.address,),
        line=cell.line,
        expected=expected,
        found=cell.raw or str(cell.value),
        suspects=(cell.address,),
        scope=cell.address,
    )
