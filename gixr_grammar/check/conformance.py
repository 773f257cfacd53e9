"""Template conformance: the tables, rows and sections the format requires, rows and blocks it does
not know, and a template that does not fit the year or is mixed with the other one.

Missing tables and rows fail (their numbers are required); missing sections, unknown rows and
blocks (some provinces add rows) and the template choice are warnings (late and early adopters exist).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..format.rules import t3_row_keys
from ..format.schema import T2_ROWS, T3_COLUMNS, T4_COLUMNS, T4_GROUPS, Template, address, template_for_year
from ..format.vocabulary import SECTION_TITLES, T2_ROW_LABELS, T3_ROW_LABELS, TABLE_NUMERALS, TABLE_TITLES
from ..model import Diagnostic, Finding, Report, ReportKind, Table, Verdict

# Parser diagnostics that are template departures, with the rule id they are reported under.
_DEPARTURES = {
    "unknown_row": "unknown_row",
    "unknown_block": "unknown_block",
    "mixed_other_rows": "template_mixed",
    "mixed_template_headers": "template_mixed",
}


def conformance_findings(report: Report) -> list[Finding]:
    if report.kind is ReportKind.PRE_2019:
        return []
    template = Template(report.meta.template) if report.meta.template else None
    return [
        *_missing_sections(report),
        *_missing_tables_and_rows(report, template),
        *_template_choice(report, template),
        *(_departure(d) for d in report.diagnostics if d.code in _DEPARTURES),
    ]


def _missing_sections(report: Report) -> Iterator[Finding]:
    present = {s.number for s in report.sections}
    for number, title in SECTION_TITLES.items():
        if number not in present:
            yield Finding(
                "missing_section",
                Verdict.WARNING,
                f"section {title} is not in the report",
                expected=title,
                found="no such heading",
                scope=f"section {number}",
            )


def _missing_tables_and_rows(report: Report, template: Template | None) -> Iterator[Finding]:
    for number, title in TABLE_TITLES.items():
        table = report.table(number)
        if table is None:
            section = report.section(number)
            yield Finding(
                "missing_table",
                Verdict.FAILED,
                f"table {TABLE_NUMERALS[number]} ({title}) is not in the report",
                line=None if section is None else section.first_line,
                expected=title,
                found="no table",
                scope=f"t{number}",
            )
        else:
            yield from _missing_rows(table, template)


def _required_rows(table: Table, template: Template | None) -> dict[str, tuple[str, ...]]:
    """Row key → the addresses of its cells, for every row the table must have."""
    if table.number == 2:
        specs = T2_ROWS[template] if template is not None else ()
        return {s.key: tuple(address(2, s.key, c.key) for c in s.columns) for s in specs}
    if table.number == 3:
        keys = t3_row_keys([r.key for r in table.rows], template)
        return {k: tuple(address(3, k, c.key) for c in T3_COLUMNS) for k in keys}
    return {g: tuple(address(4, g, c.key) for c in T4_COLUMNS) for g in T4_GROUPS}


def _missing_rows(table: Table, template: Template | None) -> Iterator[Finding]:
    printed = {row.key for row in table.rows}
    labels = {2: T2_ROW_LABELS, 3: T3_ROW_LABELS}.get(table.number, {})
    for key, cells in _required_rows(table, template).items():
        if key not in printed:
            label = labels.get(key, "the row of fifteen numbers")
            yield Finding(
                "missing_row",
                Verdict.FAILED,
                f"table {TABLE_NUMERALS[table.number]} has no row {label} ({key})",
                cells=cells,
                line=table.first_line,
                expected=label,
                found="no such row",
                scope=f"t{table.number}.{key}",
            )


def _template_choice(report: Report, template: Template | None) -> Iterator[Finding]:
    year = report.meta.year
    due = None if year is None else template_for_year(year)
    if template is not None and due is not None and due is not template:
        t2 = report.table(2)
        yield Finding(
            "template_year",
            Verdict.WARNING,
            f"a {year} report in the {template.value} template; reports for {year} use the {due.value} template",
            line=None if t2 is None else t2.first_line,
            expected=due.value,
            found=template.value,
            scope="meta.template",
        )
    t2, t3 = report.table(2), report.table(3)
    if t2 is not None and t3 is not None and t3.template is not None and t2.template != t3.template:
        yield Finding(
            "template_mixed",
            Verdict.WARNING,
            f"table 二 is in the {t2.template} template but table 三's （六）其他处理 rows are the {t3.template} template's",
            line=t3.first_line,
            expected=str(t2.template),
            found=t3.template,
            scope="t3.other",
        )


def _departure(diagnostic: Diagnostic) -> Finding:
    return Finding(
        _DEPARTURES[diagnostic.code],
        Verdict.WARNING,
        diagnostic.message,
        line=diagnostic.line,
        expected=diagnostic.expected,
        found=diagnostic.found,
    )
