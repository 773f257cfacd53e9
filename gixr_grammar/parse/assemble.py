"""Drafts to a Report: tables built, template decided, sections and meta, and what is missing."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

import attrs

from ..errors import NotAReportError
from ..format.schema import Template, template_for_year
from ..format.vocabulary import SECTION_TITLES, TABLE_TITLES
from ..model import Diagnostic, Report, ReportKind, Section, Severity, Table
from ..repair.glued import SplitBudget
from ..text.normalize import NormalizedText
from .drafts import DocumentDraft, SectionDraft, TableDraft
from .prose import read_prose
from .sections import body_text, build_meta, build_section, infer_missing, section_number, walk_all
from .tables import build_table2, build_table3, build_table4, t2_header_templates, t2_template

FIRST_FORMAT_YEAR = 2019


def assemble(
    document: DocumentDraft,
    scan_diagnostics: Iterable[Diagnostic],
    text: NormalizedText,
    titles: Sequence[tuple[str, str]] = (),
) -> Report:
    """The report of ``document``; ``text`` is what it was read from (for the source columns),
    ``titles`` those named outside it (``Source.titles``)."""
    diagnostics = list(scan_diagnostics)
    every_section = [document.preamble, *document.sections]
    drafts = _tables_by_number(every_section, diagnostics)
    meta, inferred = infer_missing(build_meta(every_section), list(document.sections), titles)
    diagnostics += inferred
    if not drafts and meta.title is None and not document.sections:
        raise NotAReportError("no report title, no section of the format and no table: not an annual report")
    template = _template(drafts.get(2, []), drafts.get(3, []), meta.year, diagnostics)
    meta = attrs.evolve(meta, template=None if template is None else template.value)
    tables = _build_tables(drafts, template, diagnostics)
    sections = tuple(build_section(s) for s in document.sections)
    kind = ReportKind.STANDARD
    if not tables and meta.year is not None and meta.year < FIRST_FORMAT_YEAR:
        kind = ReportKind.PRE_2019
        diagnostics.append(
            Diagnostic(
                "pre_2019_format",
                Severity.INFO,
                f"a {meta.year} report under the 2008 regulations: no unified tables",
                meta.title_line,
            )
        )
    else:
        diagnostics.extend(_missing(sections, tables, drafts))
    diagnostics.sort(key=lambda d: (d.line or 0, d.column or 0))
    prose = read_prose(every_section, text)
    preamble = body_text(document.preamble.items)
    return Report(
        meta,
        kind,
        preamble,
        sections,
        tables,
        tuple(diagnostics),
        statements=prose.statements,
        opening_years=prose.opening_years,
    )


def _tables_by_number(sections: list[SectionDraft], diagnostics: list[Diagnostic]) -> dict[int, list[TableDraft]]:
    found: dict[int, list[TableDraft]] = {}
    for section in sections:
        number = None if section.head is None else section_number(section)
        for item in walk_all([section]):
            if not isinstance(item, TableDraft):
                continue
            found.setdefault(item.number, []).append(item)
            if number != item.number:
                diagnostics.append(
                    Diagnostic(
                        "table_out_of_place",
                        Severity.WARNING,
                        f"table {item.number} ({TABLE_TITLES[item.number]}) stands outside section {item.number}",
                        item.first_line,
                    )
                )
    for number, parts in found.items():
        for before, part in itertools.pairwise(parts):
            gap = range(before.last_line + 1, part.first_line)  # parts on adjoining lines: nothing between
            if gap:
                lines = f"line {gap[0]}" if len(gap) == 1 else f"lines {gap[0]}–{gap[-1]}"
                diagnostics.append(
                    Diagnostic(
                        "table_interrupted",
                        Severity.INFO,
                        f"table {number} goes on at line {part.first_line} after {lines}, which hold no row of it",
                        part.first_line,
                    )
                )
    return found


def _template(
    t2: list[TableDraft], t3: list[TableDraft], year: int | None, diagnostics: list[Diagnostic]
) -> Template | None:
    """The template named by table 二's headers; else implied by table 三's rows or the year."""
    template = t2_template(t2)
    if template is not None:
        if year is not None and template_for_year(year) is not template:
            diagnostics.append(
                Diagnostic(
                    "template_year_mismatch",
                    Severity.INFO,
                    f"a {template.value}-template table 二 in a {year} report",
                    t2[0].first_line,
                )
            )
        return template
    if not t2 and not t3:
        return None
    if len(t2_header_templates(t2)) > 1:
        diagnostics.append(
            Diagnostic(
                "mixed_template_headers",
                Severity.WARNING,
                "table 二's headers name columns of both the 2019 and the 2021 template",
                t2[0].first_line,
                expected="the columns of one template",
                found="2019 and 2021 columns",
            )
        )
    kinds = {r.kind for d in t3 for b in d.blocks for r in b.rows()}
    if kinds & {"OTHER_OVERDUE_CORRECTION", "OTHER_UNPAID_FEE", "OTHER_MISC"}:
        guess = Template.Y2021
    elif year is not None:
        guess = template_for_year(year)
    else:
        guess = Template.Y2019
    line = (t2 or t3)[0].first_line
    diagnostics.append(
        Diagnostic(
            "template_guessed",
            Severity.WARNING,
            f"table 二's header names no single template; {guess.value} is assumed",
            line,
            expected="本年新制作数量 (2019) or 本年制发件数 (2021)",
        )
    )
    return guess


def _build_tables(
    drafts: dict[int, list[TableDraft]], template: Template | None, diagnostics: list[Diagnostic]
) -> tuple[Table, ...]:
    tables = []
    budget = SplitBudget()  # the digit searches of the whole report share one bound
    for number, parts in sorted(drafts.items()):
        draft = TableDraft(number, tuple(b for part in parts for b in part.blocks))
        if number == 2:
            assert template is not None
            table, found = build_table2(draft, template, budget)
        elif number == 3:
            table, found = build_table3(draft, budget, template)
        else:
            table, found = build_table4(draft, budget)
        tables.append(table)
        diagnostics.extend(found)
    return tuple(tables)


def _missing(
    sections: tuple[Section, ...], tables: tuple[Table, ...], drafts: dict[int, list[TableDraft]]
) -> list[Diagnostic]:
    out = []
    present = {s.number for s in sections}
    for number, title in SECTION_TITLES.items():
        if number not in present:
            out.append(
                Diagnostic("missing_section", Severity.WARNING, f"section {title} not found", None, expected=title)
            )
    numbers = [s.number for s in sections]
    if numbers != sorted(numbers):
        out.append(
            Diagnostic(
                "section_order", Severity.WARNING, f"sections are in the order {numbers}", sections[0].first_line
            )
        )
    for number, title in TABLE_TITLES.items():
        if number not in drafts:
            out.append(
                Diagnostic(
                    "missing_table", Severity.WARNING, f"table {number} ({title}) not found", None, expected=title
                )
            )
    return out
