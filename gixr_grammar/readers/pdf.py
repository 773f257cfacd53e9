"""A PDF's text layer to the report's text, with pypdfium2: characters by their boxes, tables by
their ruling lines, page numbers and running heads left out.

On each page:
- Characters (pdfium's, with their boxes) outside any table become lines: characters whose vertical
  centres agree, in x order; a gap wider than ``_CELL_GAP`` font sizes starts a new cell (the columns
  of a table printed without rules).
- A table is a set of ruling lines that touch (thin path objects, as Word and reportlab draw borders).
  Its rules' x and y positions make a grid; a grid edge no rule covers joins the cells on either side
  (a merged cell). Each cell's characters, on however many lines the cell wraps them, are one cell
  text; a merged cell's text stands in its first row and column, as a browser copies a table.
- Lines in the top or bottom margin whose text, digits aside, comes back on several pages (page
  numbers, running heads) are dropped.
Tables that cross pages simply go on: their rows follow in order. A PDF with no text layer (scanned
pages) is refused: OCR is not in scope.
"""

from __future__ import annotations

import bisect
import ctypes
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import NamedTuple

import attrs
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..errors import NotTextError
from .sniff import Kind
from .source import Lines, Source

_TOLERANCE = 2.0  # points: rules that meet within this touch, positions within this are one
_THIN = 2.0  # points: a path object this thin in one direction is a rule
_CELL_GAP = 1.5  # font sizes: a wider gap between characters on a line separates two cells
_MARGIN = 0.08  # of the page height: where page numbers and running heads stand
_DIGITS = re.compile(r"\d+")


class _Char(NamedTuple):  # a tuple: a page makes thousands, and tuples are cheaper to make
    text: str
    left: float
    bottom: float
    right: float
    top: float

    @property
    def middle(self) -> float:
        return (self.bottom + self.top) / 2

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2

    @property
    def size(self) -> float:
        return max(self.top - self.bottom, 1.0)


@attrs.frozen
class _Rule:
    horizontal: bool
    at: float  # y of a horizontal rule, x of a vertical one
    start: float
    end: float


@attrs.frozen
class _Block:
    """What a page holds, top to bottom: a line of text cells, or the rows of a table."""

    top: float
    cells: tuple[str, ...] = ()  # a line
    rows: tuple[tuple[str, ...], ...] = ()  # a table
    margin: bool = False  # a line in the top or bottom margin


def read_pdf(data: bytes) -> Source:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        raise NotTextError(f"a PDF that pdfium cannot open: {e}") from e
    try:
        pages = [list(_page_blocks(document[index])) for index in range(len(document))]
    finally:
        document.close()
    if not any(block.cells or block.rows for page in pages for block in page):
        raise NotTextError(
            "a PDF with no text layer (scanned pages are images): gixr reads text, not images; OCR it first"
        )
    repeated = _running(pages)
    lines = Lines()
    for number, page in enumerate(pages, 1):
        tables = 0
        for block in page:
            if block.rows:
                tables += 1
                lines.table(block.rows, f"page {number}, table {tables}")
            elif not (block.margin and _DIGITS.sub("", "".join(block.cells)) in repeated):
                lines.row(block.cells, f"page {number}")
    return lines.source(Kind.PDF)


def _running(pages: Sequence[Sequence[_Block]]) -> set[str]:
    """Margin texts (digits aside) that come back on more than one page: page numbers, running heads."""
    texts: Counter[str] = Counter()
    for page in pages:
        texts.update({_DIGITS.sub("", "".join(b.cells)) for b in page if b.margin and b.cells})
    return {text for text, count in texts.items() if count > 1}


def _page_blocks(page: pdfium.PdfPage) -> Iterator[_Block]:
    height = page.get_height()
    chars = list(_chars(page))
    tables = [t for t in map(_Table.of, _connected(list(_rules(page)))) if t is not None]
    loose: list[_Char] = []
    for char in chars:
        table = next((t for t in tables if t.holds(char)), None)
        if table is None:
            loose.append(char)
        else:
            table.add(char)
    blocks = [_Block(t.top, rows=t.rows()) for t in tables]
    for line in _joined_numbers([_pieces(line) for line in _lines(loose)]):
        top = max(c.top for piece in line for c in piece)
        margin = top > height * (1 - _MARGIN) or top < height * _MARGIN
        blocks.append(_Block(top, cells=tuple("".join(c.text for c in piece) for piece in line), margin=margin))
    yield from sorted(blocks, key=lambda b: -b.top)


def _chars(page: pdfium.PdfPage) -> Iterator[_Char]:
    """The page's characters with their loose boxes (the font's height, not the glyph's: a digit, a
    full stop and a quotation mark on a line share its middle)."""
    textpage = page.get_textpage()
    raw = textpage.raw
    box = pdfium_c.FS_RECTF()
    try:
        for index in range(textpage.count_chars()):
            if pdfium_c.FPDFText_IsGenerated(raw, index) == 1:
                continue
            text = chr(pdfium_c.FPDFText_GetUnicode(raw, index))
            if text.isspace() or not pdfium_c.FPDFText_GetLooseCharBox(raw, index, ctypes.byref(box)):
                continue
            yield _Char(text, box.left, box.bottom, box.right, box.top)
    finally:
        textpage.close()


def _rules(page: pdfium.PdfPage) -> Iterator[_Rule]:
    """The page's ruling lines: path objects thin in one direction (a line, or a thin filled box),
    and the four sides of a stroked rectangle (a cell drawn as a box)."""
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,)):
        left, bottom, right, top = obj.get_bounds()
        if top - bottom <= _THIN and right - left > _THIN:
            yield _Rule(True, (top + bottom) / 2, left, right)
        elif right - left <= _THIN and top - bottom > _THIN:
            yield _Rule(False, (left + right) / 2, bottom, top)
        elif _stroked_box(obj):
            yield from (_Rule(True, top, left, right), _Rule(True, bottom, left, right))
            yield from (_Rule(False, left, bottom, top), _Rule(False, right, bottom, top))


def _stroked_box(obj: pdfium.PdfObject) -> bool:
    """Whether a path object is one stroked rectangle: a move and three or four straight lines. A
    filled one is a cell's shading, no rule."""
    segments = pdfium_c.FPDFPath_CountSegments(obj.raw)
    if segments not in (4, 5):
        return False
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill), ctypes.byref(stroke)) or not stroke.value:
        return False
    kinds = [pdfium_c.FPDFPathSegment_GetType(pdfium_c.FPDFPath_GetPathSegment(obj.raw, i)) for i in range(segments)]
    return kinds[0] == pdfium_c.FPDF_SEGMENT_MOVETO and all(k == pdfium_c.FPDF_SEGMENT_LINETO for k in kinds[1:])


def _touch(h: _Rule, v: _Rule) -> bool:
    return h.start - _TOLERANCE <= v.at <= h.end + _TOLERANCE and v.start - _TOLERANCE <= h.at <= v.end + _TOLERANCE


def _connected(rules: list[_Rule]) -> list[list[_Rule]]:
    """Rules in groups that touch each other: one group per table."""
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    horizontal = [i for i, r in enumerate(rules) if r.horizontal]
    vertical = [i for i, r in enumerate(rules) if not r.horizontal]
    for h in horizontal:
        for v in vertical:
            if _touch(rules[h], rules[v]):
                parent[find(h)] = find(v)
    groups: dict[int, list[_Rule]] = {}
    for i, rule in enumerate(rules):
        groups.setdefault(find(i), []).append(rule)
    return list(groups.values())


def _positions(values: Sequence[float]) -> list[float]:
    """Positions within ``_TOLERANCE`` of each other as one, in increasing order."""
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > _TOLERANCE:
            out.append(value)
    return out


@attrs.define
class _Table:
    """A ruled table: its grid, which cells are merged, and the characters in each cell."""

    xs: list[float]  # column edges, left to right
    ys: list[float]  # row edges, top to bottom
    on: dict[tuple[bool, int], list[_Rule]]  # (horizontal, index of the edge in ys or xs) → its rules
    owner: dict[tuple[int, int], tuple[int, int]] = attrs.field(factory=dict)  # cell → its merged cell's first
    chars: dict[tuple[int, int], list[_Char]] = attrs.field(factory=dict)

    @classmethod
    def of(cls, rules: list[_Rule]) -> _Table | None:
        xs = _positions([r.at for r in rules if not r.horizontal])
        ys = _positions([r.at for r in rules if r.horizontal])[::-1]
        if len(xs) < 2 or len(ys) < 2:
            return None
        on: dict[tuple[bool, int], list[_Rule]] = {}
        for rule in rules:
            edges = ys if rule.horizontal else xs
            index = min(range(len(edges)), key=lambda i: abs(edges[i] - rule.at))
            on.setdefault((rule.horizontal, index), []).append(rule)
        table = cls(xs, ys, on)
        table.merge()
        return table

    @property
    def top(self) -> float:
        return self.ys[0]

    def holds(self, char: _Char) -> bool:
        return self.xs[0] <= char.centre <= self.xs[-1] and self.ys[-1] <= char.middle <= self.ys[0]

    def _edge(self, horizontal: bool, index: int, start: float, end: float) -> bool:
        """Whether a rule covers the middle of the grid edge ``index`` between ``start`` and ``end``."""
        middle = (start + end) / 2
        return any(r.start - _TOLERANCE <= middle <= r.end + _TOLERANCE for r in self.on.get((horizontal, index), ()))

    def merge(self) -> None:
        """Join the cells no rule separates (merged cells), each to the first cell of its group."""
        rows, columns = len(self.ys) - 1, len(self.xs) - 1
        for row in range(rows):
            for column in range(columns):
                owner = (row, column)
                if column and not self._edge(False, column, self.ys[row + 1], self.ys[row]):
                    owner = self.owner[(row, column - 1)]
                if row and not self._edge(True, row, self.xs[column], self.xs[column + 1]):
                    above = self.owner[(row - 1, column)]
                    owner = min(owner, above)
                self.owner[(row, column)] = owner

    def add(self, char: _Char) -> None:
        column = min(bisect.bisect_right(self.xs, char.centre) - 1, len(self.xs) - 2)
        row = min(len(self.ys) - 1 - bisect.bisect_left(self.ys[::-1], char.middle), len(self.ys) - 2)  # ys descend
        self.chars.setdefault(self.owner[(max(row, 0), max(column, 0))], []).append(char)

    def rows(self) -> tuple[tuple[str, ...], ...]:
        out = []
        for row in range(len(self.ys) - 1):
            cells = []
            for column in range(len(self.xs) - 1):
                first = self.owner[(row, column)] == (row, column)
                cells.append(_cell_text(_lines(self.chars.get((row, column), []))) if first else "")
            out.append(tuple(cells))
        return tuple(out)


def _cell_text(lines: list[list[_Char]]) -> str:
    """A cell's lines as one text: a number a narrow column wrapped is joined again (1167 + 545),
    other lines with a space (labels are matched without it)."""
    text = ""
    for line in lines:
        piece = "".join(c.text for c in line)
        joined = (text[-1:].isdigit() and (piece[:1].isdigit() or piece[:1] == ".")) or text[-1:] == "."
        text += piece if joined or not text else f" {piece}"
    return text


def _lines(chars: list[_Char]) -> list[list[_Char]]:
    """Characters in lines, top to bottom, each line left to right."""
    lines: list[list[_Char]] = []
    for char in sorted(chars, key=lambda c: -c.middle):
        if lines and abs(lines[-1][0].middle - char.middle) < min(lines[-1][0].size, char.size) / 2:
            lines[-1].append(char)
        else:
            lines.append([char])
    return [sorted(line, key=lambda c: c.left) for line in lines]


def _pieces(line: list[_Char]) -> list[list[_Char]]:
    """A line's cells: its characters cut where a gap wider than ``_CELL_GAP`` font sizes separates them."""
    pieces = [[line[0]]]
    for char in line[1:]:
        if char.left - pieces[-1][-1].right > _CELL_GAP * max(char.size, pieces[-1][-1].size):
            pieces.append([])
        pieces[-1].append(char)
    return pieces


def _joined_numbers(lines: list[list[list[_Char]]]) -> list[list[list[_Char]]]:
    """The lines with the numbers a narrow column of an unruled table wrapped joined again: a line of
    numbers only, fewer than the next (else the previous) line has, each standing right over or
    under a number of that line in its column, is part of those numbers (11675 over 45: 1167545)."""
    out = list(lines)
    index = 0
    while index < len(out):
        line = out[index]
        target = next((j for j in (index + 1, index - 1) if 0 <= j < len(out) and _wraps_into(line, out[j])), None)
        if target is None:
            index += 1
            continue
        joined = []
        for piece in out[target]:
            parts = [p for p in line if _over(p, piece)]
            joined.append(
                [*(c for p in parts for c in p), *piece] if target > index else [*piece, *(c for p in parts for c in p)]
            )
        out[target] = joined
        del out[index]
    return out


def _number(piece: list[_Char]) -> bool:
    return all(c.text.isdigit() or c.text in ".," for c in piece)


def _over(piece: list[_Char], other: list[_Char]) -> bool:
    return piece[0].left < other[-1].right and other[0].left < piece[-1].right


def _wraps_into(line: list[list[_Char]], other: list[list[_Char]]) -> bool:
    near = abs(line[0][0].middle - other[0][0].middle) < 2 * max(line[0][0].size, other[0][0].size)
    return (
        near
        and len(line) < len(other)
        and all(_number(p) for p in line)
        and all(any(_over(p, q) and _number(q) for q in other) for p in line)
    )
