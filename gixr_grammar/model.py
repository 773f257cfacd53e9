"""The typed result of parsing: a Report, its sections and tables, cells and diagnostics.

Every class is frozen. A Cell knows where it was read; a Diagnostic knows where it was raised.
"""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

Value = int | Decimal
REPAIRED_PLACEMENTS = frozenset({"short", "long", "glued"})


class Severity(str, enum.Enum):
    ERROR = "error"  # a number could not be read or placed
    WARNING = "warning"  # the parser had to guess, or the report departs from the format
    INFO = "info"  # something worth knowing that changed no number


class CellStatus(str, enum.Enum):
    READ = "read"  # the number is printed in the text
    BLANK = "blank"  # the cell is printed blank (empty, /, —, 无)
    INFERRED = "inferred"  # not printed; the only value the table's arithmetic allows
    MISSING = "missing"  # not printed, or not placeable; value is None


class Verdict(str, enum.Enum):
    FAILED = "failed"  # a hard rule of the format is broken
    WARNING = "warning"  # a soft rule (cross-year, template choice) is broken: worth a look, maybe legitimate
    NOT_ASSESSABLE = "not_assessable"  # an operand is blank or unknown: neither a pass nor a failure


class ReportKind(str, enum.Enum):
    STANDARD = "standard"  # a report in the 2019 or 2021 format
    PRE_2019 = "pre_2019"  # a report under the 2008 regulations: no unified tables


@attrs.frozen
class Diagnostic:
    """Something the parser skipped, guessed or found wrong, with where and what."""

    code: str
    severity: Severity
    message: str
    line: int | None = None
    column: int | None = None
    expected: str | None = None
    found: str | None = None


@attrs.frozen
class Finding:
    """What a consistency or conformance rule says of a report: which cells, what was expected, and
    where to look (the source line of the cell most likely at fault, else of the row)."""

    rule: str  # stable id: balance, outcomes_sum, row_total, review_total, integer, non_negative, …
    verdict: Verdict
    message: str
    cells: tuple[str, ...] = ()  # the SCHEMA.md addresses involved
    line: int | None = None
    expected: str | None = None
    found: str | None = None
    suspects: tuple[str, ...] = ()  # the cells whose one change would mend the most failing rules
    scope: str | None = None  # the column, row, group or table the rule is about
    year: int | None = None  # cross-year findings: the later report's year and its agency
    agency: str | None = None
    column: int | None = None  # where on ``line`` (prose findings: the stated number's column)
    # Prose findings, whose ``line`` is the statement's: the line each of ``cells`` is printed at.
    cell_lines: tuple[int | None, ...] = ()

    @property
    def failed(self) -> bool:
        return self.verdict is Verdict.FAILED


@attrs.frozen
class Cell:
    """One value of a table at its SCHEMA.md address, with the source position it was read at."""

    address: str
    value: Value | None
    status: CellStatus
    line: int | None = None
    column: int | None = None
    raw: str | None = None  # the cell's text as printed (after normalisation)
    inferred_by: str | None = None  # for an inferred cell: the rule id that forced its value (row_total …)
    note: str | None = None  # a note the cell prints after its number: 其中修订16件 of 22（其中修订16件）


@attrs.frozen
class Row:
    key: str
    label: str  # as printed
    line: int
    cells: tuple[Cell, ...]
    # How its printed values were placed: exact | window (empty cells read as blanks) | empty, or
    # repaired by the table's arithmetic: short (too few values) | long (too many) | glued (digits
    # run together with no separator).
    placement: str = "exact"

    @property
    def repaired(self) -> bool:
        return self.placement in REPAIRED_PLACEMENTS


@attrs.frozen
class Table:
    number: int  # 2, 3 or 4
    template: str | None
    rows: tuple[Row, ...]
    first_line: int
    last_line: int
    notes: tuple[str, ...] = ()  # text inside the table that is no row (footnotes, label halves)

    def row(self, key: str) -> Row | None:
        return next((r for r in self.rows if r.key == key), None)


@attrs.frozen
class Subsection:
    heading: str
    body: str
    first_line: int
    last_line: int


@attrs.frozen
class Heading:
    """A heading inside a section that opens no subsection: 一、工作情况, 下一步工作打算."""

    text: str
    line: int


@attrs.frozen
class Section:
    number: int  # 1–6 in the order of the format
    kind: str  # overview, proactive, requests, review_litigation, problems, other
    heading: str
    body: str
    subsections: tuple[Subsection, ...]
    headings: tuple[Heading, ...]  # free and nested numbered headings inside the section
    first_line: int
    last_line: int
    years: tuple[tuple[int, int], ...] = ()  # the years its prose names (2020年), each with its line


@attrs.frozen
class Statement:
    """A figure the prose states about the tables (共受理政府信息公开申请460件), where its number is."""

    # What it counts, by the names of grammars/prose.lark's topics: received, closed, granted, …;
    # several (不予处理和其他处理的40件) count together, or each with ``each`` (行政复议、行政诉讼各0件).
    topics: tuple[str, ...]
    value: int
    text: str  # from its topic to its count, as printed (whitespace out)
    line: int
    column: int
    each: bool = False
    # The year its sentence names before it (2020年全市…共受理…460件), with that year's line.
    year: int | None = None
    year_line: int | None = None


@attrs.frozen
class Meta:
    title: str | None
    agency: str | None
    year: int | None
    template: str | None
    title_line: int | None = None
    signature: str | None = None
    date: str | None = None
    date_line: int | None = None


@attrs.frozen
class Report:
    meta: Meta
    kind: ReportKind
    preamble: str
    sections: tuple[Section, ...]
    tables: tuple[Table, ...]
    diagnostics: tuple[Diagnostic, ...]
    # For a report read from a document (HTML, Word): where each line of the text the parser read
    # came from (``places[line - 1]``: "table 3, row 12", "paragraph 4"); empty for a text file.
    places: tuple[str, ...] = ()
    statements: tuple[Statement, ...] = ()  # the figures the prose states about the tables
    # The year each sentence that opens on a year names (2020年，全市…), with its line.
    opening_years: tuple[tuple[int, int], ...] = ()

    def place(self, line: int | None) -> str | None:
        """Where ``line`` came from in the document, if the report was read from one."""
        if line is None or not 0 < line <= len(self.places):
            return None
        return self.places[line - 1]

    def table(self, number: int) -> Table | None:
        return next((t for t in self.tables if t.number == number), None)

    def section(self, number: int) -> Section | None:
        return next((s for s in self.sections if s.number == number), None)

    def cell_records(self) -> dict[str, Cell]:
        """Every table cell by address, with its provenance (read, blank, inferred, missing)."""
        return {cell.address: cell for table in self.tables for row in table.rows for cell in row.cells}

    def cells(self) -> dict[str, object]:
        """The flat SCHEMA.md mapping: meta.* then t2/t3/t4 cells; absent rows absent, blanks None."""
        flat: dict[str, object] = {
            "meta.agency": self.meta.agency,
            "meta.year": self.meta.year,
            "meta.template": self.meta.template,
        }
        flat.update((address, cell.value) for address, cell in self.cell_records().items())
        return flat
