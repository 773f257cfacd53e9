"""Published documents from cells: a report as an agency's HTML page or Word file, its tables laid
out as the State Council's template lays them out (merged header cells, group labels spanning their
rows), for the readers' tests and test corpora.

Both renderers share one outline (``outline``): the title, then each section's heading and either
its paragraphs or its table as rows of ``Span`` cells on the table's grid (``None`` where a span
covers the position). ``render_html`` adds the site around the report (navigation, breadcrumbs, a
footer) and can declare and encode a GBK charset; ``render_docx`` writes ruled Word tables with
python-docx merges (needs the ``docx`` extra).
"""

from __future__ import annotations

import html
import io
from collections.abc import Mapping, Sequence
from typing import Literal

import attrs

from ..format.schema import ValueKind
from ..format.vocabulary import SECTION_TITLES
from ..text.values import is_value
from .render import PrintedRow, Style, report_tables, report_title, section_prose, value_text


@attrs.frozen
class Span:
    """A table cell as the document prints it: its text and how many rows and columns it covers."""

    text: str
    rows: int = 1
    columns: int = 1


Grid = list[list[Span | None]]  # None: a position a span from above or the left covers
TitlePlace = Literal["printed", "metadata"]  # where a document gives the report's title
Block = tuple[str, str | Grid]  # ("title" | "heading" | "paragraph", text) or ("table", grid)

# The template's header cells that span, by (row, column) on the header's grid: (rows, columns).
_HEADER_SPANS = {
    3: {(0, 0): (3, 3), (0, 3): (1, 7), (1, 3): (2, 1), (1, 4): (1, 5), (1, 9): (2, 1)},
    4: {
        (0, 0): (1, 5),
        (0, 5): (1, 10),
        **{(1, c): (2, 1) for c in range(5)},
        (1, 5): (1, 5),
        (1, 10): (1, 5),
    },
}
_LABEL_COLUMNS = 3  # table 三's label columns: group, subgroup, row
_PLAIN = Style()


def outline(cells: Mapping[str, object], style: Style = _PLAIN) -> list[Block]:
    """The report holding ``cells`` as blocks in document order."""
    tables = report_tables(cells)
    blocks: list[Block] = [("title", report_title(cells))]
    for number, heading in SECTION_TITLES.items():
        blocks.append(("heading", heading))
        if number in tables:
            blocks.append(("table", table_grid(number, tables[number], style)))
        else:
            blocks += [("paragraph", text) for text in section_prose(number)]
    return blocks


def table_grid(number: int, rows: Sequence[PrintedRow], style: Style = _PLAIN) -> Grid:
    """A table's rows on its grid: header cells spanning as the template has them, table 三's group
    labels spanning the rows they group, a row's last cell spanning the columns it leaves."""
    width = max(len(r.labels) + len(r.values) for r in rows)
    spans = _HEADER_SPANS.get(number)
    header = [r for r in rows if r.header] if spans is not None else []
    grid = _header(header, spans, width) if spans is not None else []
    owners: dict[int, Span] = {}
    for row in rows[len(header) :]:
        if row.header:  # table 二's block markers and headers, between its blocks' rows
            grid.append(_row([Span(t) for t in row.labels], width))
            continue
        kinds = row.kinds or (ValueKind.COUNT,) * len(row.values)
        values = [Span(value_text(v, k, style)) for v, k in zip(row.values, kinds, strict=True)]
        if number == 3:
            grid.append([*_t3_labels(row.labels, owners, grid), *values])
        else:
            grid.append(_row([*(Span(t) for t in row.labels), *values], width))
    return grid


def _header(rows: Sequence[PrintedRow], spans: Mapping[tuple[int, int], tuple[int, int]], width: int) -> Grid:
    grid: Grid = [[None] * width for _ in rows]
    for r, row in enumerate(rows):
        for c, text in enumerate(row.labels):
            if text:
                rows_, columns = spans.get((r, c), (1, 1))
                grid[r][c] = Span(text, rows_, columns)
    return grid


def _t3_labels(labels: Sequence[str], owners: dict[int, Span], grid: Grid) -> list[Span | None]:
    """Table 三's label cells of one row: an empty label before a later one is its group's, spanning
    down from above; the last label spans the label columns after it."""
    last = max((i for i, t in enumerate(labels) if t), default=0)
    out: list[Span | None] = [None] * _LABEL_COLUMNS
    for column in range(last):
        if not labels[column] and column in owners:
            grown = attrs.evolve(owners[column], rows=owners[column].rows + 1)
            _replace(grid, owners[column], grown)
            owners[column] = grown
        else:
            owners[column] = out[column] = Span(labels[column])
    owners.pop(last, None)
    for column in range(last + 1, _LABEL_COLUMNS):
        owners.pop(column, None)
    out[last] = Span(labels[last], 1, _LABEL_COLUMNS - last)
    return out


def _replace(grid: Grid, old: Span, new: Span) -> None:
    for row in reversed(grid):
        for index, cell in enumerate(row):
            if cell is old:
                row[index] = new
                return


def _row(cells: list[Span], width: int) -> list[Span | None]:
    """A row whose last cell spans the columns it leaves."""
    last = cells[-1]
    spanned = attrs.evolve(last, columns=width - len(cells) + 1)
    return [*cells[:-1], spanned, *[None] * (width - len(cells))]


# -- HTML -----------------------------------------------------------------------------------------

_CHROME_TOP = (
    '<div class="header"><div class="logo">某某县人民政府门户网站</div></div>\n'
    '<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>'
    '<li><a href="/hdjl">互动交流</a></li></ul>\n'
    '<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 年度报告</div>\n'
    '<div class="info">标题：{title}　发布日期：2021-01-20　来源：县政府办公室　浏览次数：1024</div>\n'
)
_CHROME_BOTTOM = (
    '<div class="share">分享到：微信 微博</div>\n'
    '<div class="footer">主办单位：某某县人民政府办公室　版权所有　联系电话：0376-1234567<br>'
    "网站标识码：4115000001　豫ICP备12345678号</div>\n"
)


def render_html(
    cells: Mapping[str, object], style: Style = _PLAIN, *, charset: str = "utf-8", chrome: bool = True
) -> bytes:
    """The report as an agency's web page: its charset declared in a ``<meta>`` and used (a GBK
    page is GB18030 bytes, as such sites really serve), the site's chrome around it if ``chrome``."""
    blocks = outline(cells, style)
    title = str(blocks[0][1])
    body = []
    for kind, content in blocks:
        if kind == "title":
            body.append(f'<h2 class="article-title">{html.escape(str(content))}</h2>')
        elif kind == "heading":
            body.append(f"<p><strong>{html.escape(str(content))}</strong></p>")
        elif kind == "paragraph":
            body.append(f"<p>{html.escape(str(content))}</p>")
        else:
            assert isinstance(content, list)
            body.append(_html_table(content))
    article = '<div class="article">\n' + "\n".join(body) + "\n</div>\n"
    page = (
        f'<!DOCTYPE html>\n<html>\n<head>\n<meta charset="{charset}">\n<title>{html.escape(title)}_某某县人民政府</title>\n'
        '<script>var _hmt = _hmt || []; document.write("统计");</script>\n'
        "<style>.nav li { float: left; }</style>\n</head>\n<body>\n"
        + (_CHROME_TOP.format(title=html.escape(title)) if chrome else "")
        + article
        + (_CHROME_BOTTOM if chrome else "")
        + "</body>\n</html>\n"
    )
    encoding = "gb18030" if charset.lower() in ("gbk", "gb2312", "gb18030") else charset
    return page.encode(encoding)


def _html_table(grid: Grid) -> str:
    rows = []
    for row in grid:
        cells = []
        for span in row:
            if span is None:
                continue
            attributes = (f' rowspan="{span.rows}"' if span.rows > 1 else "") + (
                f' colspan="{span.columns}"' if span.columns > 1 else ""
            )
            text = "<br>".join(html.escape(part) for part in span.text.split("\n"))
            cells.append(f"<td{attributes}>{text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return '<table border="1" cellspacing="0">\n<tbody>\n' + "\n".join(rows) + "\n</tbody>\n</table>"


# -- Word -----------------------------------------------------------------------------------------


def _titled(cells: Mapping[str, object], style: Style, title: TitlePlace) -> list[Block]:
    """The outline, its title printed, or left to the file's metadata (``title="metadata"``)."""
    blocks = outline(cells, style)
    return blocks if title == "printed" else blocks[1:]


def render_docx(
    cells: Mapping[str, object], style: Style = _PLAIN, *, title: TitlePlace = "printed", sized: bool = False
) -> bytes:
    """The report as a Word file: paragraphs, and ruled tables whose spans are Word merges; its
    title printed, or only the file's Title property (``title="metadata"``); its tables' columns
    equal (Word's default for a new table), or ``sized`` as agencies' templates size them: label
    columns wide, value columns as wide as their numbers."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    section = document.sections[0]
    margins = (section.page_width, section.left_margin, section.right_margin)  # the default template's
    text_width = (int(margins[0] or 0) - int(margins[1] or 0) - int(margins[2] or 0)) / Pt(1)
    if title == "metadata":
        document.core_properties.title = report_title(cells)
    for kind, content in _titled(cells, style, title):
        if kind == "table":
            assert isinstance(content, list)
            widths = None
            if sized:
                labels, label_width, value_width, _ = _column_widths(content, text_width)
                widths = [Pt(label_width if c < labels else value_width) for c in range(len(content[0]))]
            _docx_table(document, content, widths)
        else:
            document.add_paragraph(str(content))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_table(document: object, grid: Grid, widths: Sequence[object] | None) -> None:
    """``grid`` as a ruled Word table, its columns ``widths`` wide (Word's equal columns if None),
    set on every cell before the merges, as Word and LibreOffice read a cell's own width."""
    width = len(grid[0])
    table = document.add_table(rows=len(grid), cols=width)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    if widths is not None:
        table.autofit = False
        for column, size in zip(table.columns, widths, strict=True):
            column.width = size
            for cell in column.cells:
                cell.width = size
    for r, row in enumerate(grid):
        for c, span in enumerate(row):
            if span is None:
                continue
            cell = table.cell(r, c)
            if span.rows > 1 or span.columns > 1:
                cell = cell.merge(table.cell(r + span.rows - 1, c + span.columns - 1))
            cell.text = span.text


# -- PDF ------------------------------------------------------------------------------------------

_PDF_FONT = "STSong-Light"  # reportlab's built-in CID font: Chinese with no font file to download
_PDF_VALUE_WIDTH = 34  # points: a value column at least; label columns share what is left of the page
_PDF_LABEL_WIDTH = 60  # points: a label column at least
_PDF_DIGIT_WIDTH = 4.5  # points: a digit at the cells' font size, so that no number wraps
_PDF_TABLE_WIDTH = 480


def render_pdf(
    cells: Mapping[str, object], style: Style = _PLAIN, *, ruled: bool = True, title: TitlePlace = "printed"
) -> bytes:
    """The report as a PDF like an agency's Word export: paragraphs, tables with narrow label
    columns whose long labels wrap over several lines, tables that cross pages, a page number at the
    foot of every page; ruled (grid lines) or not; its title printed, or only the PDF's Title
    (``title="metadata"``) (needs reportlab)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont(_PDF_FONT))
    prose = ParagraphStyle("prose", fontName=_PDF_FONT, fontSize=11, leading=16)
    cell = ParagraphStyle("cell", fontName=_PDF_FONT, fontSize=8, leading=10)
    flowables: list[object] = []
    for kind, content in _titled(cells, style, title):
        if kind != "table":
            flowables.append(Paragraph(html.escape(str(content)), prose))
            continue
        assert isinstance(content, list)
        labels, label_width, value_width, longest = _column_widths(content, _PDF_TABLE_WIDTH)
        values = len(content[0]) - labels
        # A number too long for its column is set smaller, as a Word user shrinks it, not wrapped.
        size = min(8.0, 8 * (value_width - 8) / max(longest * _PDF_DIGIT_WIDTH, 1))
        number = ParagraphStyle("number", parent=cell, fontSize=size, leading=size + 2)
        data = [
            [
                "" if s is None else Paragraph(html.escape(s.text), number if s.text and is_value(s.text) else cell)
                for s in row
            ]
            for row in content
        ]
        commands: list[tuple[object, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), _PDF_FONT),
            ("FONTSIZE", (0, 0), (-1, -1), 8),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),  # as Word centres merged cells
        ]
        if ruled:
            commands.append(("GRID", (0, 0), (-1, -1), 0.5, "black"))
        for r, row in enumerate(content):
            for c, span in enumerate(row):
                if span is not None and (span.rows > 1 or span.columns > 1):
                    commands.append(("SPAN", (c, r), (c + span.columns - 1, r + span.rows - 1)))
        table = Table(data, colWidths=[label_width] * labels + [value_width] * values, repeatRows=0)
        table.setStyle(TableStyle(commands))
        flowables.append(table)
    out = io.BytesIO()

    def page_number(canvas: object, document: object) -> None:
        canvas.setFont(_PDF_FONT, 9)  # type: ignore[attr-defined]
        canvas.drawCentredString(A4[0] / 2, 30, f"- {document.page} -")  # type: ignore[attr-defined]

    metadata = report_title(cells) if title == "metadata" else None
    SimpleDocTemplate(out, pagesize=A4, title=metadata).build(
        flowables, onFirstPage=page_number, onLaterPages=page_number
    )
    return out.getvalue()


def _column_widths(grid: Grid, total: float) -> tuple[int, float, float, int]:
    """How an agency's template sizes a table ``total`` points wide: its label columns (the
    leading columns of its last row that hold no value) share what the value columns leave, each
    value column as wide as its longest number needs, within what the labels must keep. The count
    of label columns, a label column's width, a value column's, and the longest number's length."""
    width = len(grid[0])
    values = sum(1 for span in grid[-1] if span is not None and _is_value_text(span.text))
    labels = width - values
    longest = max((len(s.text) for row in grid for s in row[labels:] if s is not None and s.columns == 1), default=0)
    widest = (total - labels * _PDF_LABEL_WIDTH) / values  # then a long number is set smaller
    value_width = min(max(_PDF_VALUE_WIDTH, longest * _PDF_DIGIT_WIDTH + 8), max(widest, _PDF_VALUE_WIDTH))
    return labels, (total - values * value_width) / max(labels, 1), value_width, longest


def _is_value_text(text: str) -> bool:
    return not text or is_value(text)
