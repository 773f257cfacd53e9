"""Cross-year rules over a series of reports of one agency (R5, R6): soft, because agencies that are
merged, split or renamed legitimately break them, so they are warnings, never failures.

R5: 二、上年结转 of year Y equals 四、结转下年度继续办理 of year Y−1, in each of the 7 columns.
R6: in the 2021 template, 现行有效件数 of year Y equals that of Y−1 plus 本年制发件数 minus 本年废止件数
of Y, for 规章 and 行政规范性文件.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

from ..format.agency import agency_key
from ..format.schema import T3_COLUMNS, Template, address
from ..format.vocabulary import RULE_SIDES, T2_ROW_LABELS, T3_COLUMN_LABELS
from ..model import Cell, Finding, Report, Value, Verdict

_IN_FORCE_ROWS = ("regulations", "normative_documents")


def check_series(reports: Iterable[Report], *, not_assessable: bool = False) -> list[Finding]:
    """R5 and R6 between the reports of consecutive years of each agency (its name's variants are
    one agency: ``agency_key``); a year given twice is a warning too (which of the two reports is
    right cannot be told)."""
    by_agency: dict[str, dict[int, list[Report]]] = defaultdict(lambda: defaultdict(list))
    for report in reports:
        known = agency_key(report.meta.agency)
        if known is not None and report.meta.year is not None:
            by_agency[known][report.meta.year].append(report)
    findings = []
    for _key, years in sorted(by_agency.items()):
        for year, same_year in sorted(years.items()):
            named = same_year[0].meta.agency
            if len(same_year) > 1:
                findings.append(
                    Finding(
                        "duplicate_year",
                        Verdict.WARNING,
                        f"{named}: {len(same_year)} reports for {year}; cross-year rules use the first",
                        expected="one report a year",
                        found=f"{len(same_year)} reports",
                        year=year,
                        agency=named,
                    )
                )
            previous = years.get(year - 1)
            if previous:
                findings += _pair(previous[0], same_year[0])
    if not not_assessable:
        findings = [f for f in findings if f.verdict is not Verdict.NOT_ASSESSABLE]
    return findings


def _pair(before: Report, after: Report) -> Iterator[Finding]:
    old, new = before.cell_records(), after.cell_records()
    for column in (c.key for c in T3_COLUMNS):
        operands: tuple[Cell | None, ...] = (old.get(address(3, "carried_forward", column)),)
        target = new.get(address(3, "carried_over", column))
        yield from _rule("carry_over", after, T3_COLUMN_LABELS[column], operands, lambda v: v[0], target)
    if {before.meta.template, after.meta.template} != {Template.Y2021.value}:
        return
    for row in _IN_FORCE_ROWS:
        operands = (
            old.get(address(2, row, "in_force")),
            *(new.get(address(2, row, c)) for c in ("issued", "repealed")),
        )
        target = new.get(address(2, row, "in_force"))
        yield from _rule("in_force", after, T2_ROW_LABELS[row], operands, lambda v: v[0] + v[1] - v[2], target)


def _rule(
    rule: str,
    after: Report,
    scope: str,
    operands: tuple[Cell | None, ...],
    formula: Callable[[list[Value]], Value],
    target: Cell | None,
) -> Iterator[Finding]:
    """One cross-year rule: the ``target`` cell of the later report against ``formula`` of the
    ``operands`` (cells of the earlier and the later report). Nothing when it holds."""
    agency, year = after.meta.agency, after.meta.year
    cells = tuple(c.address for c in (*operands, target) if c is not None)
    line = None if target is None else target.line
    values = [None if c is None else c.value for c in operands]
    have = None if target is None else target.value
    known = [v for v in values if v is not None]
    if have is None or len(known) != len(values):
        yield Finding(
            rule,
            Verdict.NOT_ASSESSABLE,
            f"{agency} {year}, {scope}: {rule} cannot be checked: a value of this or the previous year is blank or unknown",
            cells=cells,
            line=line,
            scope=scope,
            year=year,
            agency=agency,
        )
        return
    want = formula(known)
    if want != have:
        parts_text, whole_text = RULE_SIDES[rule]
        yield Finding(
            rule,
            Verdict.WARNING,
            f"{agency} {year}, {scope}: {parts_text} = {want}, but {whole_text} = {have}",
            cells=cells,
            line=line,
            expected=str(want),
            found=str(have),
            suspects=cells[-1:],
            scope=scope,
            year=year,
            agency=agency,
        )
