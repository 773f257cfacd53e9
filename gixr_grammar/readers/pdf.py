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
- A character pdfium's text page drops (a lone glyph of a font neither embedded nor installed) is
  U+FFFD where it stood, with an ``unreadable_glyphs`` warning: reported, never silently lost.
Tables that cross pages go on: their rows follow in order, all parts on one grid, and a row broken
across the pages, its label and numbers left in two halves (4.保护第 / 三方合法权益, 5000 / 00),
joined again. A page pdfium cannot load (a damaged file) is a ``damaged_page`` error where it
stood, and the other pages are read. A PDF with no text layer (scanned pages) is refused: OCR is not
in scope. The document's Title (metadata) goes with the text, for a report that prints none.
"""

from __future__ import annotations

import bisect
import ctypes
import itertools
import operator
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import Any, NamedTuple, TypeVar

import attrs
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..errors import NotTextError
from ..model import Diagnostic, Severity
from ..text.normalize import REPLACEMENT
from .sniff import Kind
from .source import Lines, Source, metadata_title

_TOLERANCE = 2.0  # points: rules that meet within this touch, positions within this are one
_THIN = 2.0  # points: a path object this thin in one direction is a rule
_CELL_GAP = 1.5  # font sizes: a wider gap between characters on a line separates two cells
_WORD_GAP = 0.5  # font sizes: a wider one separates two words in a cell (a word space is a quarter)
_MARGIN = 0.08  # of the page height: where page numbers and running heads stand
_DIGITS = re.compile(r"\d+")
_NO_WIDTH = 0.01  # points: pdfium's text page skips a text object narrower than this
_NO_GLYPH = 0.01  # font sizes: a glyph box this low is empty (pdfium gives 0.001); 一 is 0.05 high
_FONT_HINT = "no font on this machine has their glyphs: install a CJK font (Debian: apt-get install fonts-noto-cjk)"
_FORM_DEPTH = 15  # form objects nested deeper are not walked (pypdfium2's limit)
_SIGNS = ("-", "+", "\u2212", "\uff0d", "\uff0b")  # a cell's first line that is a number's sign alone


_Cell = TypeVar("_Cell", str, bool)


class _Char(NamedTuple):  # a tuple: a page makes thousands, and tuples are cheaper to make
    text: str
    left: float
    bottom: float
    right: float
    top: float
    middle: float  # of the box, up and down
    centre: float  # of the box, left to right
    size: float  # the box's height, at least a point


def _char(text: str, left: float, bottom: float, right: float, top: float) -> _Char:
    height = top - bottom
    return _new(_Char, (text, left, bottom, right, top, (bottom + top) / 2, (left + right) / 2, max(height, 1.0)))


_new = tuple.__new__  # a NamedTuple made with it skips its __new__, a Python function: thousands a page
_MIDDLE, _LEFT, _SIZE = operator.attrgetter("middle"), operator.attrgetter("left"), operator.attrgetter("size")


class _Rule(NamedTuple):
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
    xs: tuple[float, ...] = ()  # a table's column edges, left to right
    full: tuple[bool, ...] = ()  # a table's last row: which cells' last line fills the cell (_Table.full)
    joined: tuple[tuple[int, str], ...] = ()  # rows that took their rest after a page break: (row, what)


def read_pdf(data: bytes) -> Source:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        raise NotTextError(f"a PDF that pdfium cannot open: {e}") from e
    pages: list[list[_Block]] = []
    damaged: dict[int, str] = {}  # page index → why pdfium could not load it
    try:
        title = metadata_title(document.get_metadata_value("Title"))
        for index in range(len(document)):
            try:
                pages.append(list(_page_blocks(document[index])))
            except pdfium.PdfiumError as e:  # a damaged page: the others are still read
                damaged[index] = str(e)
                pages.append([])
    finally:
        document.close()
    printed = "".join(_texts(pages))
    if not printed and damaged:
        numbers = ", ".join(str(index + 1) for index in damaged)
        raise NotTextError(f"a damaged PDF: pdfium could not load page{'s' * (len(damaged) > 1)} {numbers}")
    if not printed:
        raise NotTextError(
            "a PDF with no text layer (scanned pages are images): gixr reads text, not images; OCR it first"
        )
    if not printed.strip(REPLACEMENT):
        raise NotTextError(f"a PDF whose text is drawn in fonts it does not embed and {_FONT_HINT}")
    repeated = _running(pages)
    kept = [
        [b for b in page if b.rows or not (b.margin and _DIGITS.sub("", "".join(b.cells)) in repeated)]
        for page in pages
    ]
    lines = Lines()
    diagnostics = []
    for number, page in enumerate(_continued(kept), 1):
        if number - 1 in damaged:
            diagnostics.append(_damaged(number, max(len(lines.lines), 1), damaged[number - 1]))
        tables = 0
        for block in page:
            if block.rows:
                tables += 1
                place = f"page {number}, table {tables}"
                for row, cut in block.joined:
                    diagnostics.append(_joined(f"{place}, row {row + 1}", len(lines.lines) + row + 1, cut))
                lines.table(block.rows, place)
            else:
                lines.row(block.cells, f"page {number}")
    return lines.source(Kind.PDF, [*diagnostics, *_unreadable(lines)], title)


def _damaged(page: int, line: int, why: str) -> Diagnostic:
    return Diagnostic(
        "damaged_page",
        Severity.ERROR,
        f"page {page}: pdfium could not load it ({why}); what it holds is missing, from after line {line}",
        line,
        expected="a page pdfium can load",
        found="a damaged page",
    )


def _joined(place: str, line: int, cut: str) -> Diagnostic:
    return Diagnostic(
        "page_break_joined",
        Severity.INFO,
        f"{place}: a row a page break cut, its rest at the top of the next page, joined again: {cut}",
        line,
        expected="a row on one page",
        found=cut,
    )


def _continued(pages: list[list[_Block]]) -> list[list[_Block]]:
    """The pages with each table that goes on over page breaks (a page ends in a table, the next
    begins with one) on one grid (``_on_one_grid``: each part's grid is its own page's), and each row
    a page break cut joined again: a row broken across the pages leaves the rest of its wrapped label
    and numbers at the top of the next page (4.保护第 / 三方合法权益, 5000 / 00), which ``_joins``
    recognises."""
    runs: list[list[tuple[int, int]]] = []  # the parts of each table, as (page, block)
    for number, page in enumerate(pages):
        for index, block in enumerate(page):
            if not block.rows:
                continue
            goes_on = index == 0 and runs and runs[-1][-1] == (number - 1, len(pages[number - 1]) - 1)
            if goes_on:
                runs[-1].append((number, index))
            else:
                runs.append([(number, index)])
    out = [list(page) for page in pages]
    for run in runs:
        blocks = [pages[number][index] for number, index in run]
        parts, full = _on_one_grid(blocks)
        joined: list[list[tuple[int, str]]] = [[] for _ in run]
        for part, (before, after) in enumerate(itertools.pairwise(parts)):
            if before and after and _joins(before[-1], after[0], full[part]):
                cut = " ".join(f"{a} / {b}" for a, b in zip(before[-1], after[0], strict=True) if b)
                before[-1] = tuple(a + b for a, b in zip(before[-1], after[0], strict=True))
                joined[part].append((len(before) - 1, cut))
                del after[0]
        for (number, index), rows, took in zip(run, parts, joined, strict=True):
            out[number][index] = attrs.evolve(pages[number][index], rows=tuple(rows), joined=tuple(took))
    return [[block for block in page if block.rows or block.cells] for page in out]


def _on_one_grid(parts: Sequence[_Block]) -> tuple[list[list[tuple[str, ...]]], list[tuple[bool, ...]]]:
    """The rows of a table's parts, and which cells of each part's last row are full, on the grid
    of all their column edges: a part whose page lacks a rule the others have (a row spanning two
    label columns) puts its cells where their left edges are, and every row is as wide as the widest."""
    edges = _positions([x for part in parts for x in part.xs])
    out, full = [], []
    for part in parts:
        # Its columns on the grid: _positions makes an edge the least position of its group, so x ≥ it.
        at = [bisect.bisect_right(edges, x) - 1 for x in part.xs[:-1]]
        out.append([_spread(at, len(edges) - 1, row, "") for row in part.rows])
        full.append(_spread(at, len(edges) - 1, part.full, False))
    return out, full


def _spread(at: Sequence[int], width: int, cells: Sequence[_Cell], blank: _Cell) -> tuple[_Cell, ...]:
    """A part's row of cells on a grid ``width`` columns wide, cell ``i`` in column ``at[i]``."""
    out = [blank] * width
    for column, cell in zip(at, cells, strict=True):
        out[column] = cell
    return tuple(out)


def _joins(last: Sequence[str], first: Sequence[str], full: Sequence[bool]) -> bool:
    """Whether a part's first row is the rest of the last row before it, which a page break cut:
    fewer cells than that row, each under a cell of that row whose last line is full (its text went
    on), numbers under numbers and words under words."""
    printed = [(above, cell, filled) for above, cell, filled in zip(last, first, full, strict=True) if cell]
    return (
        bool(printed)
        and len(printed) < sum(1 for cell in last if cell)
        and all(
            filled and bool(above) and bool(_DIGITS.fullmatch(cell)) == bool(_DIGITS.fullmatch(above))
            for above, cell, filled in printed
        )
    )


def _texts(pages: Sequence[Sequence[_Block]]) -> Iterator[str]:
    for page in pages:
        for block in page:
            yield from block.cells
            for row in block.rows:
                yield from row


def _unreadable(lines: Lines) -> list[Diagnostic]:
    """A warning at each line that holds characters pdfium could not read (``_lost``)."""
    out = []
    for number, (line, place) in enumerate(zip(lines.lines, lines.places, strict=True), 1):
        if REPLACEMENT in line:
            count = line.count(REPLACEMENT)
            out.append(
                Diagnostic(
                    "unreadable_glyphs",
                    Severity.WARNING,
                    f"{place}: {count} character{'s' * (count > 1)} drawn in a font the PDF does not embed "
                    f"could not be read (shown as {REPLACEMENT}, left out of labels; a number holding one is "
                    f"not read): {_FONT_HINT}",
                    number,
                    line.index(REPLACEMENT) + 1,
                    expected="a character",
                    found="a glyph no font here has",
                )
            )
    return out


def _running(pages: Sequence[Sequence[_Block]]) -> set[str]:
    """Margin texts (digits aside) that come back on more than one page: page numbers, running heads."""
    texts: Counter[str] = Counter()
    for page in pages:
        texts.update({_DIGITS.sub("", "".join(b.cells)) for b in page if b.margin and b.cells})
    return {text for text, count in texts.items() if count > 1}


def _page_blocks(page: pdfium.PdfPage) -> Iterator[_Block]:
    height = page.get_height()
    rules, empty = _objects(page.raw)
    textpage = page.get_textpage()
    try:
        text = _text(textpage)
        chars = [*_chars(textpage.raw, text), *_lost(textpage.raw, text, empty)]
    finally:
        textpage.close()
    tables = [t for t in map(_Table.of, _connected(rules)) if t is not None]
    loose = _place(tables, chars)
    blocks = [_Block(t.top, rows=t.rows(), xs=tuple(t.xs), full=t.full()) for t in tables]
    for line in _joined_numbers([_pieces(line) for line in _lines(loose)]):
        top = max(c.top for piece in line for c in piece)
        margin = top > height * (1 - _MARGIN) or top < height * _MARGIN
        blocks.append(_Block(top, cells=tuple(map(_words, line)), margin=margin))
    yield from sorted(blocks, key=lambda b: -b.top)


def _text(textpage: pdfium.PdfTextPage) -> str:
    """The text page's characters, one per index, in one call."""
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count)
    if len(text) == count:
        return str(text)
    return "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i)) for i in range(count))  # never seen


class _Pointer(ctypes.c_void_p):
    """A pdfium handle as the ``_raw`` functions take and give it: a ``c_void_p`` subclass, which
    ctypes passes on as it is (a plain int would be cut to a C int)."""


def _raw(function: Any, result: type, *arguments: type) -> Callable[..., Any]:
    """A pdfium function called with no argument conversion: handles as ``_Pointer``, C ints as
    ints, out-parameters by ``ctypes.byref``; ``arguments`` only where one is no C int or pointer.
    pypdfium2's bindings convert and check each argument, which costs more than the call itself in
    the loops over every character and object of a page. Its library is a ``CDLL`` on every
    platform: the C calling convention."""
    address = ctypes.cast(function, ctypes.c_void_p).value
    assert address is not None
    return ctypes.CFUNCTYPE(result, *arguments)(address)  # a C function takes more than its argtypes, unchecked


_LOOSE_BOX = _raw(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int)
_OBJECT_TYPE = _raw(pdfium_c.FPDFPageObj_GetType, ctypes.c_int)
_BOUNDS = _raw(pdfium_c.FPDFPageObj_GetBounds, ctypes.c_int)
_PAGE_OBJECT = _raw(pdfium_c.FPDFPage_GetObject, _Pointer)
_FORM_OBJECT = _raw(pdfium_c.FPDFFormObj_GetObject, _Pointer, _Pointer, ctypes.c_ulong)
_PAGE_OBJECTS = _raw(pdfium_c.FPDFPage_CountObjects, ctypes.c_int)
_FORM_OBJECTS = _raw(pdfium_c.FPDFFormObj_CountObjects, ctypes.c_int)
_FONT = _raw(pdfium_c.FPDFTextObj_GetFont, _Pointer)
_EMBEDDED = _raw(pdfium_c.FPDFFont_GetIsEmbedded, ctypes.c_int)


def _chars(textpage: ctypes.c_void_p, text: str) -> list[_Char]:
    """The page's characters with their loose boxes (the font's height, not the glyph's: a digit, a
    full stop and a quotation mark on a line share its middle). The characters pdfium generates
    (spaces, line breaks) are blanks and go."""
    box = pdfium_c.FS_RECTF()
    at, edges = ctypes.byref(box), memoryview(box).cast("B").cast("f")  # left, top, right, bottom
    page = _Pointer(_address(textpage))
    out = []
    new, kind, loose = _new, _Char, _LOOSE_BOX
    for index, char in enumerate(text):
        if not char.isspace() and loose(page, index, at):
            left, top, right, bottom = edges  # _char, inline
            height = top - bottom
            size = height if height > 1.0 else 1.0
            out.append(new(kind, (char, left, bottom, right, top, (bottom + top) / 2, (left + right) / 2, size)))
    return out


def _objects(page: ctypes.c_void_p) -> tuple[list[_Rule], list[ctypes.c_void_p]]:
    """One walk over the page's objects (into forms): its ruling lines, and its text objects with
    no width in a font the PDF does not embed (which pdfium's text page leaves out: ``_lost``)."""
    rules: list[_Rule] = []
    empty: list[ctypes.c_void_p] = []  # text objects with no width
    edges = (ctypes.c_float * 4)()
    at = [ctypes.byref(edges, i * ctypes.sizeof(ctypes.c_float)) for i in range(4)]
    values = memoryview(edges).cast("B").cast("f")  # left, bottom, right, top: read faster than the array
    bounds, path, text = _BOUNDS, pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_TEXT
    embedded: dict[int | None, bool] = {}  # font → whether the PDF embeds it: a page has a few fonts
    for obj, kind in _walk(_Pointer(_address(page))):
        if kind == text:
            font = _FONT(obj)
            known = embedded.get(font.value)
            if known is None:
                known = embedded[font.value] = bool(_EMBEDDED(font))
            if known:  # a text object its font draws: pdfium's text page keeps it (only spaces have no width)
                continue
            bounds(obj, *at)
            left, bottom, right, top = values
            if right - left < _NO_WIDTH:
                empty.append(_typed(obj.value or 0))
            continue
        if kind != path:
            continue
        bounds(obj, *at)
        left, bottom, right, top = values
        if top - bottom <= _THIN and right - left > _THIN:
            rules.append(_Rule(True, (top + bottom) / 2, left, right))
        elif right - left <= _THIN and top - bottom > _THIN:
            rules.append(_Rule(False, (left + right) / 2, bottom, top))
        elif _stroked_box(_typed(obj.value or 0)):
            rules += [_Rule(True, top, left, right), _Rule(True, bottom, left, right)]
            rules += [_Rule(False, left, bottom, top), _Rule(False, right, bottom, top)]
    return rules, empty


def _walk(parent: _Pointer, form: bool = False, depth: int = 0) -> list[tuple[_Pointer, int]]:
    """Every object of a page (or form), with its type, forms' objects after the form."""
    count, get = (_FORM_OBJECTS, _FORM_OBJECT) if form else (_PAGE_OBJECTS, _PAGE_OBJECT)
    out = []
    for index in range(count(parent)):
        obj = get(parent, index)
        kind = _OBJECT_TYPE(obj)
        out.append((obj, kind))
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < _FORM_DEPTH:
            out += _walk(obj, True, depth + 1)
    return out


def _lost(textpage: ctypes.c_void_p, text: str, empty: Sequence[ctypes.c_void_p]) -> list[_Char]:
    """Placeholders (U+FFFD) for the characters pdfium's text page drops. It skips a text object
    whose glyphs enclose no width: a space, and a lone character of a font the PDF does not embed
    when this machine has no font with its glyphs (STSong-Light without a CJK font installed). Such
    a font is known by its other characters on the page: its first one beyond ASCII (a substitute
    font has Latin glyphs) has an empty box too, or it has none the text page kept."""
    fonts = [(obj, pdfium_c.FPDFTextObj_GetFont(obj)) for obj in empty]
    unsure = {_address(font) for _, font in fonts if not pdfium_c.FPDFFont_GetIsEmbedded(font)}
    glyphless, latin = set(), set()  # fonts decided; fonts with ASCII characters kept
    left, bottom, right, top = (ctypes.c_double() for _ in range(4))
    edges = [ctypes.byref(edge) for edge in (left, right, bottom, top)]
    for index, char in enumerate(text):
        if not unsure:
            break
        if char.isspace():
            continue
        font = _address(pdfium_c.FPDFTextObj_GetFont(pdfium_c.FPDFText_GetTextObject(textpage, index)))
        if font not in unsure:
            continue
        if char.isascii():
            latin.add(font)
            continue
        unsure.discard(font)
        pdfium_c.FPDFText_GetCharBox(textpage, index, *edges)
        if top.value - bottom.value < _NO_GLYPH * pdfium_c.FPDFText_GetFontSize(textpage, index):
            glyphless.add(font)
    glyphless |= unsure - latin
    out = []
    for obj, font in fonts:
        if _address(font) in glyphless:
            x, baseline, _, _ = _bounds(obj)
            size = _font_size(obj)
            ascent, descent = ctypes.c_float(), ctypes.c_float()
            pdfium_c.FPDFFont_GetAscent(font, size, ctypes.byref(ascent))
            pdfium_c.FPDFFont_GetDescent(font, size, ctypes.byref(descent))
            out.append(_char(REPLACEMENT, x, baseline + descent.value, x + size, baseline + ascent.value))
    return out


def _typed(address: int) -> ctypes.c_void_p:
    """A page object's address as the pointer pypdfium2's bindings take."""
    return ctypes.cast(address, pdfium_c.FPDF_PAGEOBJECT)  # type: ignore[no-any-return]


def _address(pointer: ctypes.c_void_p) -> int:
    return ctypes.cast(pointer, ctypes.c_void_p).value or 0


def _bounds(obj: ctypes.c_void_p) -> tuple[float, float, float, float]:
    edges = [ctypes.c_float() for _ in range(4)]
    pdfium_c.FPDFPageObj_GetBounds(obj, *map(ctypes.byref, edges))
    return edges[0].value, edges[1].value, edges[2].value, edges[3].value


def _font_size(obj: ctypes.c_void_p) -> float:
    """A text object's font size on the page (its text matrix scaled)."""
    size, matrix = ctypes.c_float(), pdfium_c.FS_MATRIX()
    pdfium_c.FPDFTextObj_GetFontSize(obj, ctypes.byref(size))
    if pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix)):
        return float(size.value * abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5)
    return float(size.value)


def _stroked_box(obj: ctypes.c_void_p) -> bool:
    """Whether a path object is one stroked rectangle: a move and three or four straight lines. A
    filled one is a cell's shading, no rule."""
    segments = pdfium_c.FPDFPath_CountSegments(obj)
    if segments not in (4, 5):
        return False
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)) or not stroke.value:
        return False
    kinds = [pdfium_c.FPDFPathSegment_GetType(pdfium_c.FPDFPath_GetPathSegment(obj, i)) for i in range(segments)]
    return kinds[0] == pdfium_c.FPDF_SEGMENT_MOVETO and all(k == pdfium_c.FPDF_SEGMENT_LINETO for k in kinds[1:])


def _connected(rules: list[_Rule]) -> list[list[_Rule]]:
    """Rules in groups that touch each other: one group per table."""
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    vertical = [(i, r.at, r.start - _TOLERANCE, r.end + _TOLERANCE) for i, r in enumerate(rules) if not r.horizontal]
    for h, rule in enumerate(rules):  # every pair of a horizontal and a vertical rule: plain comparisons
        if not rule.horizontal:
            continue
        start, end, at = rule.start - _TOLERANCE, rule.end + _TOLERANCE, rule.at
        for v, x, bottom, top in vertical:
            if start <= x <= end and bottom <= at <= top:
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
    rising: list[float] = attrs.field(init=False)  # ys bottom to top, for bisection

    def __attrs_post_init__(self) -> None:
        self.rising = self.ys[::-1]  # ys descend, as the rows are read

    @classmethod
    def of(cls, rules: list[_Rule]) -> _Table | None:
        xs = _positions([r.at for r in rules if not r.horizontal])
        rising = _positions([r.at for r in rules if r.horizontal])
        if len(xs) < 2 or len(rising) < 2:
            return None
        on: dict[tuple[bool, int], list[_Rule]] = {}
        for rule in rules:  # a rule is on the edge whose position is the first of its group (_positions)
            if rule.horizontal:
                index = len(rising) - bisect.bisect_right(rising, rule.at)  # ys descend
            else:
                index = bisect.bisect_right(xs, rule.at) - 1
            on.setdefault((rule.horizontal, index), []).append(rule)
        ys = rising[::-1]
        table = cls(xs, ys, on)
        table.merge()
        return table

    @property
    def top(self) -> float:
        return self.ys[0]

    def _edge(self, horizontal: bool, index: int, start: float, end: float) -> bool:
        """Whether a rule covers the middle of the grid edge ``index`` between ``start`` and ``end``."""
        middle = (start + end) / 2
        for rule in self.on.get((horizontal, index), ()):
            if rule.start - _TOLERANCE <= middle <= rule.end + _TOLERANCE:
                return True
        return False

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

    def full(self) -> tuple[bool, ...]:
        """Which cells of the last row are full: the free room on their last line, inside the
        cell's padding (its lines' least indent), is narrower than its widest character, so that
        text or a number that went on could not have stood there. A page break that cuts a row leaves
        its cut cells full; a row that ends leaves most not."""
        row = len(self.ys) - 2
        out = []
        for column in range(len(self.xs) - 1):
            chars = self.chars.get((row, column), []) if self.owner[(row, column)] == (row, column) else []
            if not chars:
                out.append(False)
                continue
            right = max(c for c in range(column, len(self.xs) - 1) if self.owner[(row, c)] == (row, column)) + 1
            lines = _lines(chars)
            padding = min(line[0].left for line in lines) - self.xs[column]
            room = self.xs[right] - padding - lines[-1][-1].right
            out.append(room < max(c.right - c.left for c in chars))
        return tuple(out)

    def rows(self) -> tuple[tuple[str, ...], ...]:
        """Each row's cell texts; a merged cell's stands in its first cell, its others are empty."""
        width, chars = len(self.xs) - 1, self.chars
        texts = {cell: held[0].text if len(held) == 1 else _cell_text(_lines(held)) for cell, held in chars.items()}
        return tuple(tuple(texts.get((row, column), "") for column in range(width)) for row in range(len(self.ys) - 1))


def _place(tables: Sequence[_Table], chars: Sequence[_Char]) -> list[_Char]:
    """Put each character whose box's centre is inside a table in its cell (a merged cell's first),
    and return the others. A page has thousands of characters, a cell's mostly drawn one after
    another: the grid cell of the last one placed is tried first, with plain comparisons."""
    loose = []
    bounds = [(t.xs[0], t.xs[-1], t.rising[0], t.rising[-1], t.rising, t.xs, t.owner, t.chars) for t in tables]
    below, after = bisect.bisect_left, bisect.bisect_right
    left, right, bottom, top = 1.0, 0.0, 1.0, 0.0  # the last grid cell: none yet
    held: list[_Char] = []
    for char in chars:
        x, y = char.centre, char.middle
        if left <= x < right and bottom < y <= top:
            held.append(char)
            continue
        for first, last, lowest, highest, rising, xs, owner, cells in bounds:
            if first <= x <= last and lowest <= y <= highest:
                edge, column = below(rising, y), after(xs, x) - 1  # y ≤ rising[edge]; xs[column] ≤ x
                row = len(rising) - 1 - edge if edge else len(rising) - 2  # rows counted from the top
                if column == len(xs) - 1:  # on the grid's right edge
                    column -= 1
                    edge = 0  # no grid cell to try first
                cell = owner[(row, column)]
                if cell in cells:
                    held = cells[cell]
                    held.append(char)
                else:
                    held = cells[cell] = [char]
                if edge:  # inside the grid: its cell is [left, right) × (bottom, top]
                    left, right, bottom, top = xs[column], xs[column + 1], rising[edge - 1], rising[edge]
                else:
                    left, right = 1.0, 0.0
                break
        else:
            loose.append(char)
    return loose


def _cell_text(lines: list[list[_Char]]) -> str:
    """A cell's lines as one text: a number a narrow column wrapped is joined again (1167 + 545, or
    its sign alone on the first line: - + 1157), other lines with a space (labels are matched
    without it)."""
    text = ""
    for line in lines:
        piece = "".join(c.text for c in line)
        number = text[-1:].isdigit() or text in _SIGNS
        joined = (number and (piece[:1].isdigit() or piece[:1] == ".")) or text[-1:] == "."
        text += piece if joined or not text else f" {piece}"
    return text


def _lines(chars: list[_Char]) -> list[list[_Char]]:
    """Characters in lines, top to bottom, each line left to right."""
    ordered = sorted(chars, key=_MIDDLE, reverse=True)  # a stable sort, reversed or not
    if ordered and ordered[0].middle - ordered[-1].middle < min(map(_SIZE, ordered)) / 2:  # one line, as most cells
        ordered.sort(key=_LEFT)
        return [ordered]
    lines: list[list[_Char]] = []
    first = None  # the first character of the line being made
    for char in ordered:
        if first is not None and abs(first.middle - char.middle) < min(first.size, char.size) / 2:
            lines[-1].append(char)
        else:
            first = char
            lines.append([char])
    for line in lines:
        line.sort(key=_LEFT)
    return lines


def _pieces(line: list[_Char]) -> list[list[_Char]]:
    """A line's cells: its characters cut where a gap wider than ``_CELL_GAP`` font sizes separates them."""
    pieces = [[line[0]]]
    for char in line[1:]:
        if char.left - pieces[-1][-1].right > _CELL_GAP * max(char.size, pieces[-1][-1].size):
            pieces.append([])
        pieces[-1].append(char)
    return pieces


def _words(piece: list[_Char]) -> str:
    """A cell of a line as text: characters farther apart than a word space (``_WORD_GAP`` font
    sizes) with a space between, as pdfium's text page has one. Two values a narrow gap separates
    (219584 filling its column, the next column's / close after it) are two words, not one."""
    text = piece[0].text
    for before, char in itertools.pairwise(piece):
        if char.left - before.right > _WORD_GAP * max(char.size, before.size):
            text += " "
        text += char.text
    return text


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
