"""HTML tables inside a text, read as the HTML reader reads a page's.

OCR and AI converters write a PDF's text as markdown and every table they recognise as HTML
(``<table><tr><td rowspan="3">…``), on one line or several; a text someone pasted from a page can
hold one too. Each such table becomes its rows of cells (``html.table_grid``: rowspan and colspan
expanded), a tab-separated line each, where it stood; the rest of the text is kept line for line.
Each line's place says where it was (``line 12``, ``line 12, table 1, row 3``), and diagnostics of
the text's own lines (its decoding) move with them. Without lxml (the ``html`` extra) the text is
read as it is, with a warning that says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import attrs

from ..model import Diagnostic, Severity
from ..text.normalize import LINE_BREAK
from .sniff import Kind
from .source import Source

_OPENS = re.compile(r"<table\b", re.I)
_CLOSES = re.compile(r"</table\s*>", re.I)


def text_source(text: str, diagnostics: Sequence[Diagnostic] = ()) -> Source:
    """The source of a text: itself, or, if it holds HTML tables, with each table's rows in its place."""
    first = _OPENS.search(text)
    if first is None:
        return Source(text, Kind.TEXT, (), tuple(diagnostics))
    try:
        import lxml.html
        from lxml.etree import ParserError

        from .html import table_grid
    except ImportError:
        line = _line_of(text, first.start())
        missing = Diagnostic(
            "html_tables_unread",
            Severity.WARNING,
            f'line {line}: the text holds HTML tables, which need the html extra to be read as tables (pip install "gixr-grammar[html]"); they are read as text',
            line,
            expected="lxml",
            found="<table>",
        )
        return Source(text, Kind.TEXT, (), (*diagnostics, missing))
    lines: list[str] = []
    places: list[str] = []
    first_of: dict[int, int] = {}  # a line of the text → the first line it became (1-based)

    def keep(segment: str, line: int) -> None:
        for offset, piece in enumerate(LINE_BREAK.split(segment)):
            first_of.setdefault(line + offset, len(lines) + 1)
            lines.append(piece)
            places.append(f"line {line + offset}")

    position, tables = 0, 0
    for start, end in _tables(text):
        try:
            table = lxml.html.fragment_fromstring(text[start:end])
        except (ParserError, ValueError):
            continue  # no table lxml can read: its text stays as text
        keep(text[position:start], _line_of(text, position))
        line = _line_of(text, start)
        tables += 1
        first_of.setdefault(line, len(lines) + 1)
        for number, row in enumerate(table_grid(table), 1):
            lines.append("\t".join(" ".join(cell.split()) for cell in row))
            places.append(f"line {line}, table {tables}, row {number}")
        position = end
    if not tables:
        return Source(text, Kind.TEXT, (), tuple(diagnostics))
    keep(text[position:], _line_of(text, position))
    moved = tuple(attrs.evolve(d, line=first_of.get(d.line, d.line)) if d.line is not None else d for d in diagnostics)
    return Source("\n".join(lines), Kind.TEXT, tuple(places), moved)


def _tables(text: str) -> Iterator[tuple[int, int]]:
    """Where each ``<table …>…</table>`` stands, from an opening to the next closing; one scan of
    the text however many openings have no closing."""
    opening = _OPENS.search(text)
    while opening is not None:
        closing = _CLOSES.search(text, opening.end())
        if closing is None:
            return
        yield opening.start(), closing.end()
        opening = _OPENS.search(text, closing.end())


def _line_of(text: str, offset: int) -> int:
    return len(LINE_BREAK.findall(text, 0, offset)) + 1
