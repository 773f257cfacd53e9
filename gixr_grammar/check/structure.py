"""The report's own structure: its sections in the format's order, each once and numbered as the
format numbers them, its headings numbered in one system and in sequence, and the years its body
and its date name against the year its title names. Warnings: a report that breaks them is still
read; the finding says where to look.

- ``section_order``: a section heading after one the format puts later (五 after 六).
- ``section_doubled``: a section heading printed a second time.
- ``section_numbering``: a section numbered otherwise than the format (五、行政复议… in a report
  of the 2019 format, where it is 四; the 2008 format's numbering).
- ``heading_numbering``: a heading inside a section numbered like a section (一、工作情况 under
  一、总体情况: two numbering systems mixed), or subsections out of sequence ((三) after (一)).
- ``body_year``: section 一 opens on another year than the title's, a sentence opens on one (the
  year it reports on: 2020年，全市…), or a sentence that states the tables' figures names one
  before them (a 2021 report whose overview says 2020年全市…: last year's text copied).
- ``date_year``: the date the report is signed on is neither in its year nor in the next.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..format.vocabulary import SECTION_TITLES
from ..model import Finding, Report, ReportKind, Verdict
from ..text.numerals import chinese_number

_SECTION_NUMERAL = re.compile(r"^([一二三四五六七八九十]{1,3})[、.]")
_SUBSECTION_NUMERAL = re.compile(r"^[(（]([一二三四五六七八九十]{1,3})[)）]")
_DATE_YEAR = re.compile(r"^(\d{4}|[〇零一二三四五六七八九]{4})年")


def structure_findings(report: Report) -> list[Finding]:
    return [
        *_order(report),
        *_numbering(report),
        *_body_year(report),
        *_date_year(report),
    ]


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


def _numbering(report: Report) -> Iterator[Finding]:
    for section in report.sections:
        numeral = _SECTION_NUMERAL.match(section.heading)
        printed = numeral.group(1) if numeral else ""
        value = chinese_number(printed) if printed else None
        if report.kind is ReportKind.STANDARD and value is not None and value != section.number:
            yield _heading_finding(
                "section_numbering",
                f"section {SECTION_TITLES[section.number]} is numbered {printed}: "
                f"the format numbers it {section.number}",
                section.first_line,
                SECTION_TITLES[section.number],
                section.heading,
                section.number,
            )
        for heading in section.headings:
            if _SECTION_NUMERAL.match(heading.text):
                yield _heading_finding(
                    "heading_numbering",
                    f"a heading inside section {SECTION_TITLES[section.number]} is numbered like a section: "
                    "two numbering systems mixed",
                    heading.line,
                    "（一） for a part of a section",
                    heading.text,
                    section.number,
                )
        last = 0
        for subsection in section.subsections:
            numeral = _SUBSECTION_NUMERAL.match(subsection.heading)
            number = chinese_number(numeral.group(1)) if numeral else None
            if number is None:
                continue
            if number not in (last + 1, 1):  # back to (一): a list of its own (under a lost heading)
                what = "printed twice" if number == last else "out of order" if number < last else "after a gap"
                yield _heading_finding(
                    "heading_numbering",
                    f"subsection {subsection.heading} of section {SECTION_TITLES[section.number]} is {what}",
                    subsection.first_line,
                    f"subsection {last + 1}",
                    subsection.heading,
                    section.number,
                )
            last = number


def _heading_finding(rule: str, message: str, line: int, expected: str, found: str, section: int) -> Finding:
    return Finding(
        rule, Verdict.WARNING, message, line=line, expected=expected, found=found, scope=f"section {section}"
    )


def _body_year(report: Report) -> Iterator[Finding]:
    """The year section 一 opens on, the years sentences open on, and the year of each sentence that
    states the tables' figures: each against the title's, once a line."""
    title_year = report.meta.year
    if title_year is None:
        return
    overview = report.section(1)
    named = [(overview.years[0], f"section {SECTION_TITLES[1]} opens on")] if overview and overview.years else []
    named += [
        ((s.year, s.year_line), f"a sentence stating {s.text} names")
        for s in report.statements
        if s.year is not None and s.year_line is not None
    ]
    named += [(opening, "a sentence opens on") for opening in report.opening_years]
    seen = set()
    for (year, line), where in named:
        if year == title_year or line in seen:
            continue
        seen.add(line)
        yield Finding(
            "body_year",
            Verdict.WARNING,
            f"{where} {year}年, but the title names {title_year}: a year's text copied into another's?",
            line=line,
            expected=f"{title_year}年",
            found=f"{year}年",
            scope="body",
        )


def _date_year(report: Report) -> Iterator[Finding]:
    """A report is published after its year ends (by 31 January, in the format): its date is in
    that year or the next."""
    title_year, date = report.meta.year, report.meta.date
    match = _DATE_YEAR.match(date) if date else None
    year = chinese_number(match.group(1)) if match else None
    if title_year is None or year is None or year in (title_year, title_year + 1):
        return
    yield Finding(
        "date_year",
        Verdict.WARNING,
        f"the report is dated {date}, but it reports on {title_year}",
        line=report.meta.date_line,
        expected=f"{title_year}年 or {title_year + 1}年",
        found=f"{year}年",
        scope="report",
    )
