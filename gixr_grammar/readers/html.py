"""An HTML page to the report's text, with lxml: the page's charset, its tables as grids, the site
around the report left out.

- Charset: a byte-order mark, else the ``<meta>`` charset (GBK and GB2312 read as GB18030, their
  superset), else whatever ``text.decoding`` makes of the bytes.
- Tables: rowspan and colspan expanded to a grid. A spanned cell's text stands in the first row and
  column it covers, and the others it covers are empty, as a browser copies a table; ``<br>`` and
  ``<p>`` inside a cell become spaces (labels are matched without them).
- The site: scripts, styles, forms and ``nav``/``header``/``footer``/``aside`` are dropped; of what is
  left, the report is the smallest element that holds every table and every line that opens with a
  section number (一、 … 六、), or the whole body if there is none.
- Title: the page's ``<h1>`` when the report itself prints none; its ``<title>`` goes with the text
  as metadata (``Source.titles``), for what is still unknown then.
"""

from __future__ import annotations

import re

import attrs
import lxml.html
from lxml.etree import ParserError, _Element

from ..errors import NotTextError
from ..model import Diagnostic
from ..text.decoding import decode
from .sniff import Kind
from .source import Lines, Source, metadata_title

_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([a-z0-9_\-]+)", re.I)
_CHARSET_WINDOW = 4096
# lxml refuses a str that declares its encoding (an XHTML page's <?xml … encoding="gbk"?>): the
# bytes are decoded already, so the declaration goes.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Characters no XML text may hold (lxml refuses a tree that has them): a damaged page's, deleted.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030"}
_DROPPED = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "iframe")
_BLOCKS = frozenset(
    [
        "address",
        "article",
        "blockquote",
        "body",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "td",
        "th",
        "tr",
        "ul",
    ]
)
_SECTION_START = re.compile(r"^\s*[一二三四五六][、.．]")  # a line that opens with a section number
_REPORT_TITLE = re.compile(r"年度?[^。]{0,40}报告")  # what a title line of a report ends with
_MAX_SPAN = 200  # rowspan/colspan past this is a broken page, not a table


def read_html(data: bytes) -> Source:
    text, diagnostics = _decode(data)
    text = _NOT_IN_XML.sub("", _XML_DECLARATION.sub("", text, count=1))
    try:
        root = lxml.html.document_fromstring(text)
    except (ParserError, ValueError) as e:
        raise NotTextError(f"an HTML page lxml cannot read: {e}") from e
    heading = _first_heading(root)
    title = str(root.xpath("string(//title)"))  # the first's text
    for element in list(root.iter(*_DROPPED)):
        element.drop_tree()
    body = root.find("body")
    walker = _Walker()
    walker.visit(_report_element(body if body is not None else root))
    walker.flush()
    lines = walker.lines
    if heading and not any(_REPORT_TITLE.search(line) for line in lines.lines[:5]):
        lines.lines.insert(0, heading)
        lines.places.insert(0, "the page's heading")
    return lines.source(Kind.HTML, diagnostics, metadata_title(title))


def _decode(data: bytes) -> tuple[str, tuple[Diagnostic, ...]]:
    """The page's text in its declared charset, else as ``decode`` reads text."""
    declared = _CHARSET.search(data[:_CHARSET_WINDOW])
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        name = declared.group(1).decode("ascii").lower()
        try:
            return data.decode(_SUPERSETS.get(name, name)), ()
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: read the bytes as any text
    decoded = decode(data)
    return decoded.text, decoded.diagnostics


def _first_heading(root: _Element) -> str | None:
    for found in root.xpath("//h1"):
        text = " ".join(found.text_content().split())
        if text:
            return text
    return None


def _report_element(body: _Element) -> _Element:
    """The smallest element holding every table and every section-numbered line: the report."""
    anchors: list[_Element] = [t for t in body.iter("table") if not any(a.tag == "table" for a in t.iterancestors())]
    for text in body.xpath("//text()"):
        if _SECTION_START.match(text):
            parent = text.getparent()
            anchors.append(parent.getparent() if text.is_tail and parent.getparent() is not None else parent)
    if not anchors:
        return body
    common = [*reversed(list(anchors[0].iterancestors())), anchors[0]]
    for anchor in anchors[1:]:
        chain = {anchor, *anchor.iterancestors()}
        common = [e for e in common if e in chain]
    if not common:
        return body
    report = common[-1]
    parent = report.getparent()
    return parent if report in anchors and parent is not None else report  # one anchor: its container


def _tag(node: _Element) -> str:
    """The element's tag; empty for comments and processing instructions (their tag is no string)."""
    return node.tag if isinstance(node.tag, str) else ""


@attrs.define
class _Walker:
    """Emits an element's paragraphs and tables in document order."""

    lines: Lines = attrs.field(factory=Lines)
    pending: list[str] = attrs.field(factory=list)
    tables: int = 0
    paragraphs: int = 0

    def flush(self) -> None:
        if "".join(self.pending).strip():
            self.paragraphs += 1
            self.lines.paragraph("".join(self.pending), f"paragraph {self.paragraphs}")
        self.pending.clear()

    def visit(self, node: _Element) -> None:
        tag = _tag(node)
        if tag == "table":
            self.flush()
            self.tables += 1
            self.lines.table(table_grid(node), f"table {self.tables}")
            return
        if tag == "br":
            self.pending.append("\n")
            return
        if tag in _BLOCKS:
            self.flush()
        if tag and node.text:
            self.pending.append(node.text)
        for child in node:
            self.visit(child)
            if child.tail:
                self.pending.append(child.tail)
        if tag in _BLOCKS:
            self.flush()


def table_grid(table: _Element) -> list[list[str]]:
    """The table's rows of cell texts, rowspan and colspan expanded (a spanned cell's text in its
    first row and column, the rest empty)."""
    rows = table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
    grid: dict[tuple[int, int], str] = {}
    width = 0
    for r, row in enumerate(rows):
        c = 0
        for cell in row.xpath("./td|./th"):
            while (r, c) in grid:
                c += 1
            rowspan, colspan = _span(cell, "rowspan", len(rows) - r), _span(cell, "colspan", _MAX_SPAN)
            text = " ".join(piece for piece in re.split(r"\s*\n\s*", _with_breaks(cell)) if piece)
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[(r + dr, c + dc)] = text if dr == dc == 0 else ""
            c += colspan
            width = max(width, c)
    return [[grid.get((r, c), "") for c in range(width)] for r in range(len(rows))]


def _span(cell: _Element, name: str, most: int) -> int:
    try:
        return max(1, min(int(cell.get(name, "1")), most, _MAX_SPAN))
    except ValueError:
        return 1


def _with_breaks(node: _Element) -> str:
    """The text of a cell, its breaks and paragraphs as line breaks."""
    parts = [node.text or ""] if _tag(node) else []
    for child in node:
        tag = _tag(child)
        inner = "\n" if tag == "br" else _with_breaks(child)
        parts.append(f"\n{inner}\n" if tag in _BLOCKS else inner)
        parts.append(child.tail or "")
    return "".join(parts)
