"""A plain-text view of a Report for terminals: meta, sections, the tables with Chinese labels."""

from __future__ import annotations

import unicodedata

from ..format.vocabulary import (
    T2_COLUMN_LABELS,
    T2_ROW_LABELS,
    T3_COLUMN_LABELS,
    T3_ROW_LABELS,
    T4_COLUMN_LABELS,
    T4_ROW_LABELS,
    TABLE_TITLES,
)
from ..model import Cell, CellStatus, Finding, Report, Table

_LABELS = {
    2: (T2_ROW_LABELS, T2_COLUMN_LABELS),
    3: (T3_ROW_LABELS, T3_COLUMN_LABELS),
    4: (T4_ROW_LABELS, T4_COLUMN_LABELS),
}


def width(text: str) -> int:
    """Terminal width of ``text``: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, size: int) -> str:
    return text + " " * max(0, size - width(text))


def summary(report: Report) -> str:
    meta = report.meta
    out = [
        f"title     {meta.title or '—'}",
        f"agency    {meta.agency or '—'}",
        f"year      {meta.year or '—'}",
        f"template  {meta.template or '—'}  ({report.kind.value})",
        "",
        "sections",
    ]
    out += [f"  {s.number}  {s.heading}  (lines {s.first_line}–{s.last_line})" for s in report.sections]
    for table in report.tables:
        out += ["", *table_lines(table)]
    out += ["", f"diagnostics ({len(report.diagnostics)})"]
    out += [f"  line {d.line or '—'}: {d.severity.value} {d.code}: {d.message}" for d in report.diagnostics]
    return "\n".join(out)


def table_lines(table: Table) -> list[str]:
    rows, columns = _LABELS[table.number]
    header = [c.address.split(".")[-1] for c in table.rows[0].cells] if table.rows else []
    label_width = max([width(rows.get(r.key, r.key)) for r in table.rows] + [8]) + 2
    cell_width = max([width(columns.get(h, h)) for h in header] + [6]) + 2
    lines = [f"table {table.number}  {TABLE_TITLES[table.number]}  (lines {table.first_line}–{table.last_line})"]
    if table.number == 2:  # each row of table 二 has columns of its own
        for row in table.rows:
            values = "  ".join(f"{columns[c.address.split('.')[-1]]} {_shown(c)}" for c in row.cells)
            lines.append("  " + pad(rows.get(row.key, row.key), label_width) + values)
        return lines
    lines.append("  " + pad("", label_width) + "".join(pad(columns.get(h, h), cell_width) for h in header))
    for row in table.rows:
        values = "".join(pad(_shown(c), cell_width) for c in row.cells)
        lines.append("  " + pad(rows.get(row.key, row.key), label_width) + values)
    return lines


def _shown(cell: Cell) -> str:
    """A cell for display: — when unknown or blank, a * after a value the arithmetic inferred."""
    if cell.value is None:
        return "—"
    return f"{cell.value}*" if cell.status is CellStatus.INFERRED else str(cell.value)


def findings_lines(findings: list[Finding]) -> list[str]:
    return [f"  line {f.line or '—'}{_column(f)}: {f.verdict.value} {f.rule}: {f.message}" for f in findings]


def _column(finding: Finding) -> str:
    return "" if finding.column is None else f", column {finding.column}"
