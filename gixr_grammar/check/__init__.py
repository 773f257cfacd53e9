"""Reports to findings: the check stage.

Takes a Report (or, for ``series``, the reports of one agency over the years); gives findings that
name the rule, the cells and their lines: the arithmetic and types (``consistency``), the template's
required tables, rows and sections (``conformance``), the order of the sections and the year the
overview names (``structure``), the prose's figures against the cells (``prose``), and the cross-year rules (``series``).
``check`` below runs every rule on one report.
"""

from __future__ import annotations

from ..model import Finding, Report, Verdict
from .conformance import conformance_findings
from .consistency import arithmetic_findings, repair_findings, type_findings
from .prose import prose_findings
from .structure import structure_findings


def check(report: Report, *, not_assessable: bool = False) -> list[Finding]:
    """The findings of every hard rule (R1–R4, R8), of template conformance and of the rows the
    parser had to repair, in source order.

    Rules that cannot be checked (a blank or unknown operand) are left out unless ``not_assessable``.
    """
    records = report.cell_records()
    findings = [
        *conformance_findings(report),
        *arithmetic_findings(report, records),
        *repair_findings(report),
        *type_findings(list(records.values())),
        *structure_findings(report),
        *prose_findings(report, records),
    ]
    if not not_assessable:
        findings = [f for f in findings if f.verdict is not Verdict.NOT_ASSESSABLE]
    findings.sort(key=lambda f: (f.line is None, f.line or 0))
    return findings
