"""Report text from cells: a report in the State Council format, its tables in a chosen layout, with
the artefacts real text carries. The inverse of parsing, for tests and for test corpora.

``parse(render_report(cells, style)).cells() == cells`` wherever the style keeps the numbers apart.
``cells`` is a SCHEMA.md mapping (``meta.agency``, ``meta.year``, ``meta.template`` and the table
addresses, e.g. ``Report.cells()``); a table row whose addresses are all absent is not printed.

Layouts (how a table's cells are separated, as text copied from Word, HTML, PDF or a crawler):
- ``tabs``: one row per line, cells separated by tabs;
- ``spaces``: one row per line, cells separated by spaces (PDF text);
- ``cell_per_line``: every cell on a line of its own after a tab, rows separated by blank lines;
- ``pipes``: markdown pipe rows (``| a | b |``), a ``|---|`` rule under each table's first row;
- ``glued``: a crawler's text of an HTML table, every separator lost (``…申请数量640020470``).

``Style`` adds the artefacts of FORMAT.md one by one: wrapped header cells, rows at column 0, split
labels, spaces inside words, Kangxi radicals, full-width digits, CRLF, doubled blank lines, blank
markers, page numbers inside a table, signed and unit-bearing values.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

import attrs

from ..format.schema import T2_ROWS, T3_COLUMNS, T3_ROW_ORDER, T4_COLUMNS, T4_GROUPS, Template, ValueKind, address
from ..format.vocabulary import (
    BLANK_WORDS,
    SECTION_TITLES,
    T2_HEADER_FIRST,
    T2_TEMPLATE_BLOCKS,
    T3_TEMPLATE_HEADER,
    T3_TEMPLATE_ROWS,
    T4_TEMPLATE_HEADER,
    UNIT_WAN_YUAN,
    UNIT_YUAN,
    WRAPPED_HEADERS,
)
from ..text.normalize import TRANSLATION


class Layout(str, enum.Enum):
    TABS = "tabs"
    SPACES = "spaces"
    CELL_PER_LINE = "cell_per_line"
    PIPES = "pipes"
    GLUED = "glued"
    CRAWLED = "crawled"  # a crawler's text of the page: all on one line, in the site's labels


BLANK_MARKS = ("", "/", "—", "-", *BLANK_WORDS)  # how real reports print a blank cell
MONEY_UNITS = ("", UNIT_WAN_YUAN, UNIT_YUAN)


@attrs.frozen
class Style:
    """How a report's text looks: the layout of its tables and the artefacts it carries."""

    layout: Layout = Layout.TABS
    blank: str = attrs.field(default="", validator=attrs.validators.in_(BLANK_MARKS))  # a blank cell
    wrapped_headers: bool = False  # long header cells wrapped over two lines (社会公益 / 组织)
    column0_rows: bool = False  # rows under a group label start at column 0, not after empty cells
    split_labels: bool = False  # numbering in a cell of its own (一、⇥本年新收…)
    spaced_words: bool = False  # spaces inside the words of labels (三、本年 度办理结果)
    kangxi: bool = False  # PDF text: Kangxi radicals and radical-supplement forms (⼀⼆⼈ ⺠)
    fullwidth_digits: bool = False  # ０１２
    crlf: bool = False
    doubled_blank_lines: bool = False  # a blank line after every line (PDF text)
    page_numbers: bool = False  # a page number (- 2 -) amid the rows of tables 二 and 三
    # A page's running head amid the rows of tables 二 (the agency) and 三 (the title), as extractors
    # give a Word file's header at the top of each page
    running_heads: bool = False
    signed_plus: bool = False  # 本年增/减 printed with its + (+1036)
    money_unit: str = attrs.field(default="", validator=attrs.validators.in_(MONEY_UNITS))  # 万元, or 元 (×10000)

    def problems(self, cells: Mapping[str, object]) -> list[str]:
        """Why this style cannot print ``cells`` so that they can be read back; empty if it can."""
        out = []
        blanks = any(v is None for k, v in cells.items() if k.startswith("t"))
        if self.layout is Layout.GLUED and blanks:
            out.append("the glued layout cannot print a blank cell: nothing would mark where it was")
        if self.layout in (Layout.SPACES, Layout.CRAWLED) and blanks and not self.blank:
            out.append(f"the {self.layout.value} layout needs a blank mark: an empty cell leaves no trace")
        if self.layout is Layout.CRAWLED and self.page_numbers:
            out.append("a crawled web page has no pages: a page number on its one line reads as values")
        if self.layout is Layout.CRAWLED and self.running_heads:
            out.append("a crawled web page has no pages, so no running heads")
        if self.layout is Layout.CELL_PER_LINE and self.doubled_blank_lines:
            out.append("blank lines separate rows in the cell-per-line layout: doubling them splits every row")
        return out


# A table row as printed: its label cells, its value cells (None: blank), and whether it is a header.
@attrs.frozen
class PrintedRow:
    labels: tuple[str, ...]
    values: tuple[object, ...] = ()
    header: bool = False
    kinds: tuple[ValueKind, ...] = ()  # how each value is typed (table 二's columns); counts if empty


_PROSE = {
    1: "本年度，我单位认真贯彻落实《中华人民共和国政府信息公开条例》。\n（一）主动公开\n全年主动公开政府信息。",
    5: "存在的问题是公开内容不够全面。\n下一步工作打算\n加强业务培训。",
    6: "无。",
}
_CRAWLED_BEFORE = "首页 > 政务公开 > 政府信息公开年报 标题：{title} 发布日期：2021-01-29 来源：办公室 字号：大 中 小"
_CRAWLED_AFTER = "【打印本页】 【关闭窗口】"
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]、|（[一二三四五六七八九十]）|\d{1,2}\.)")
# Ordinary characters back to the radical forms PDF text prints (the inverse of normalize's folding).
_KANGXI = {v: chr(k) for k, v in TRANSLATION.items() if 0x2E80 <= k <= 0x2FDF and v}
_FULLWIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


def render_report(cells: Mapping[str, object], style: Style | Layout = Layout.TABS) -> str:
    """The text of a whole report (title, the six sections, the three tables) holding ``cells``."""
    style = style if isinstance(style, Style) else Style(style)
    problems = style.problems(cells)
    if problems:
        raise ValueError("; ".join(problems))
    tables = report_tables(cells)
    lines = [report_title(cells), ""]
    for number, heading in SECTION_TITLES.items():
        lines.append(heading)
        if number in tables:
            lines += table_lines(tables[number], style, page=number, head=running_head(cells, number))
        else:
            lines += section_prose(number)
        lines.append("")
    return _finish(lines, style)


def report_title(cells: Mapping[str, object]) -> str:
    return f"{_agency(cells)}{cells.get('meta.year') or 2020}年政府信息公开工作年度报告"


def _agency(cells: Mapping[str, object]) -> str:
    return str(cells.get("meta.agency") or "某某县人民政府")


def running_head(cells: Mapping[str, object], page: int) -> str:
    """What a page's head repeats: the agency on page 2, the title on page 3."""
    return _agency(cells) if page == 2 else report_title(cells)


def report_tables(cells: Mapping[str, object]) -> dict[int, list[PrintedRow]]:
    """The rows of tables 二, 三 and 四 (in sections 二, 三 and 四) holding ``cells``."""
    template = Template(str(cells.get("meta.template") or "2019"))
    return {2: table2_rows(cells, template), 3: table3_rows(cells), 4: table4_rows(cells)}


def section_prose(number: int) -> list[str]:
    """The paragraphs of a section that holds no table."""
    return _PROSE.get(number, "本年度无此类情况。").split("\n")


def table2_rows(cells: Mapping[str, object], template: Template) -> list[PrintedRow]:
    specs = {spec.key: spec for spec in T2_ROWS[template]}
    rows: list[PrintedRow] = []
    for marker, headers, block_rows in T2_TEMPLATE_BLOCKS[template.value]:
        printed = [(k, label) for k, label in block_rows if _has_row(cells, 2, k, [c.key for c in specs[k].columns])]
        if not printed:
            continue
        rows += [PrintedRow((marker,), header=True), PrintedRow((T2_HEADER_FIRST, *headers), header=True)]
        for key, label in printed:
            columns = specs[key].columns
            values = tuple(cells.get(address(2, key, c.key)) for c in columns)
            rows.append(PrintedRow((label,), values, kinds=tuple(c.kind for c in columns)))
    return rows


def table3_rows(cells: Mapping[str, object]) -> list[PrintedRow]:
    columns = [c.key for c in T3_COLUMNS]
    rows = [PrintedRow(header, header=True) for header in T3_TEMPLATE_HEADER]
    for key in T3_ROW_ORDER:
        if _has_row(cells, 3, key, columns):
            rows.append(PrintedRow(T3_TEMPLATE_ROWS[key], tuple(cells.get(address(3, key, c)) for c in columns)))
    return rows


def table4_rows(cells: Mapping[str, object]) -> list[PrintedRow]:
    values = tuple(cells.get(address(4, g, c.key)) for g in T4_GROUPS for c in T4_COLUMNS)
    return [*(PrintedRow(header, header=True) for header in T4_TEMPLATE_HEADER), PrintedRow((), values)]


def _has_row(cells: Mapping[str, object], table: int, key: str, columns: Sequence[str]) -> bool:
    return any(address(table, key, c) in cells for c in columns)


def value_text(value: object, kind: ValueKind = ValueKind.COUNT, style: Style = Style()) -> str:
    """A value as a report prints it: counts as digits, money with its decimals (and unit), 本年增/减
    with its sign, a blank as the style's blank mark."""
    if value is None:
        return style.blank
    if kind is ValueKind.MONEY and isinstance(value, Decimal | int):
        amount = Decimal(value) * (10000 if style.money_unit == UNIT_YUAN else 1)
        return format(amount.normalize() if style.money_unit == UNIT_YUAN else amount, "f") + style.money_unit
    if kind is ValueKind.SIGNED and style.signed_plus and isinstance(value, int) and value > 0:
        return f"+{value}"
    return str(value)


def table_lines(rows: Sequence[PrintedRow], style: Style, page: int = 1, head: str = "") -> list[str]:
    """The lines of a table's rows in the style's layout, with its row-level artefacts: where a page
    breaks it, the page's number and the next page's running head ``head``."""
    rows = [shaped for row in rows for shaped in _shape(row, style)]
    out: list[list[str]] = []
    breaks = [f"- {page} -"] * style.page_numbers + [head] * (style.running_heads and bool(head))
    for index, row in enumerate(rows):
        out.append(_row_lines(row, style, first=index == 0))
        if page in (2, 3) and index == len(rows) // 2:
            out += [["", line, ""] if style.layout is Layout.CELL_PER_LINE else [line] for line in breaks]
    if style.layout is Layout.CELL_PER_LINE:
        return [line for block in _joined(out, [""]) for line in block]
    return [line for block in out for line in block]


def _joined(blocks: list[list[str]], separator: list[str]) -> Iterable[list[str]]:
    for index, block in enumerate(blocks):
        if index:
            yield separator
        yield block


def _shape(row: PrintedRow, style: Style) -> list[PrintedRow]:
    """A row after the row-level artefacts: wrapped headers may make it two."""
    labels = list(row.labels)
    if style.split_labels and not row.header:
        labels = [part for label in labels for part in _split_ordinal(label)]
    if style.column0_rows and not row.header:
        while labels and not labels[0]:
            labels.pop(0)
    if style.spaced_words:
        labels = [_spaced(label) for label in labels]
    shaped = attrs.evolve(row, labels=tuple(labels))
    if not style.wrapped_headers or not row.header or style.layout is Layout.CELL_PER_LINE:
        return [shaped]  # (a cell-per-line header wraps inside its cell: _wrapped_cell)
    halves = [_wrap(c) or (c, "") for c in labels]
    if not any(second for _, second in halves):
        return [shaped]
    return [PrintedRow(tuple(h[0] for h in halves), header=True), PrintedRow(tuple(h[1] for h in halves), header=True)]


def _split_ordinal(label: str) -> list[str]:
    match = _ORDINAL.match(label)
    return [match.group(), label[match.end() :]] if match and match.end() < len(label) else [label]


def _spaced(label: str) -> str:
    """A space inside the label's words, where PDF text puts one (not inside its numbering)."""
    start = _ORDINAL.match(label)
    head = start.end() if start else 0
    if len(label) - head < 4:
        return label
    middle = head + (len(label) - head) // 2
    return f"{label[:middle]} {label[middle:]}"


def _wrap(cell: str) -> tuple[str, str] | None:
    return WRAPPED_HEADERS.get(cell.replace(" ", ""))


def _row_lines(row: PrintedRow, style: Style, first: bool) -> list[str]:
    kinds = row.kinds or (ValueKind.COUNT,) * len(row.values)
    values = [value_text(v, k, style) for v, k in zip(row.values, kinds, strict=True)]
    cells = [*row.labels, *values]
    layout = style.layout
    if layout is Layout.TABS:
        return ["\t".join(cells)]
    if layout in (Layout.SPACES, Layout.CRAWLED):
        return [" ".join(c for c in cells if c)]
    if layout is Layout.CELL_PER_LINE:
        printed = [*(c for c in row.labels if c), *values]
        return [f"\t{_wrapped_cell(c, style)}" for c in printed]
    if layout is Layout.PIPES:
        line = "| " + " | ".join(cells) + " |"
        return [line, "|" + "---|" * len(cells)] if first else [line]
    return ["".join(cells)]


def _wrapped_cell(cell: str, style: Style) -> str:
    """A cell of the cell-per-line layout: a wrapped header goes on on a line of its own, untabbed."""
    halves = _wrap(cell) if style.wrapped_headers else None
    return f"{halves[0]}\n{halves[1]}" if halves else cell


def _finish(lines: list[str], style: Style) -> str:
    """The text-level artefacts: cell-per-line rows are already multi-line, so split first."""
    lines = [part for line in lines for part in line.split("\n")]
    if style.layout is Layout.CRAWLED:  # the page's textContent: the report amid the site's words
        lines = [_CRAWLED_BEFORE.format(title=lines[0]), *(line for line in lines if line), _CRAWLED_AFTER]
        lines = [" ".join(lines)]
    if style.doubled_blank_lines:
        lines = [part for line in lines for part in (line, "")]
    text = ("\r\n" if style.crlf else "\n").join(lines)
    if style.kangxi:
        text = to_kangxi(text)
    if style.fullwidth_digits:
        text = to_fullwidth_digits(text)
    return text


def to_kangxi(text: str) -> str:
    """Text as PDF extraction prints it: Kangxi radicals and radical-supplement forms (⼀⼈⺠) for the
    ordinary characters they stand for (what ``normalize`` folds back)."""
    return "".join(_KANGXI.get(ch, ch) for ch in text)


def to_fullwidth_digits(text: str) -> str:
    return text.translate(_FULLWIDTH_DIGITS)
