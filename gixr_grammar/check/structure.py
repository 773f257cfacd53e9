"""The report's own structure: its sections in the format's order, each once, and the year its
overview opens on against the year its title names. Warnings: a report that breaks them is still
read; the finding says where to look.

- ``section_order``: a section heading after one the format puts later (五 after 六).
- ``section_doubled``: a section heading printed a second time.
- ``body_year``: section 一 opens on another year than the title's (a 2021 report whose overview
  says 2020年全市…: last year's text copied).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..format.vocabulary import SECTION_TITLES
from ..model import Finding, Report, Verdict


def structure_findings(report: Report) -> list[Finding]:
    return [*_order(report), *_body_year(report)]


def _order(report: Report) -> Iterator[Finding]:
    seen: dict[int, int] = {}  # section number → the line of its first heading
    for section in report.sections:
        title = SECTION_TITLES[section.number]
        if section.number in seen:
            yield Finding(
                "section_doubled",
                Verdict.WARNING,
                f"section {title} is printed a second time (first at line {seen[section.number]})",
                line=section.first_line,
                expected="each section once",
                found=section.heading,
                scope=f"section {section.number}",
            )
            continue
        later = [n for n in seen if n > section.number]
        if later:
            before = SECTION_TITLES[max(later)]
            yield Finding(
                "section_order",
                Verdict.WARNING,
                f"section {title} comes after section {before}: the format puts it before",
                line=section.first_line,
                expected=f"{title} before {before}",
                found=section.heading,
                scope=f"section {section.number}",
            )
        seen[section.number] = section.first_line


def _body_year(report: Report) -> Iterator[Finding]:
    overview = report.section(1)
    if overview is None or not overview.years or report.meta.year is None:
        return
    year, line = overview.years[0]
    if year != report.meta.year:
        yield Finding(
            "body_year",
            Verdict.WARNING,
            f"section {SECTION_TITLES[1]} opens on {year}年, but the title names {report.meta.year}: "
            "a year's text copied into another's?",
            line=line,
            expected=f"{report.meta.year}年",
            found=f"{year}年",
            scope="section 1",
        )
