"""Table 二's rows that lost or gained cells, read by where their values stand under the header.

``pdftotext -layout`` keeps a page's columns as runs of spaces, and an empty cell as nothing: a row
``行政许可                0`` has one value for three columns, and with no arithmetic in table 二
its order alone cannot say whose. The block's header line says it: ``上一年项目数量   本年增/减
处理决定数量``, each column name where its column stands. A value under exactly one name is in
that name's column, and the names over no value are the row's empty cells, as a tab-separated
copy prints them. Only a text that is laid out (words of the header line, and the row's label and
values, more than a space apart) is read so; elsewhere spaces say nothing and the row stays as it was.
Tools lay text out in one of two measures: ``pdftotext -layout`` in characters, a text browser
(``w3m -dump`` of a table without borders) in a terminal's columns, a Han character two. The
table's laid-out rows say which: the measure in which more of them have each value under exactly
one name (and no complete row a value under another column's); where both read as many rows and
one reads them otherwise, no row is placed by the header.

A table of explicit cells says it by cell instead: a PDF → markdown converter that takes the PDF's
rules for columns adds empty ones (``| 信息内容 | 本年新制作数量 | | 本年新公开数量 | 对外公开总数量 |
|``), so ``| 规范性文件 | 43297 | | 4870 | | |`` has five value cells for three columns; 4870 is in
the cell 本年新公开数量 heads; a header wrapped over several rows (``| | 本年增/ |`` over ``| | 减 |``)
names a cell by its pieces joined. Read so only where the row's label is in the cell the header's
first word is (the lines are one grid) and every value's cell has a name.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterable, Sequence

import attrs

from ..text.layout import RawCell
from ..text.normalize import compact, normalize_line
from .drafts import RowDraft
from .scanner import ScanToken, values_token

Spans = tuple[tuple[int, int], ...]  # per column: the columns its name takes, end exclusive


def _wide(text: str) -> int:
    """How many of ``text``'s characters a terminal shows two columns wide (Han characters)."""
    return sum(1 for char in text if not char.isascii() and unicodedata.east_asian_width(char) in "WF")


def header_spans(header: ScanToken, names: Sequence[str], display: bool = False) -> Spans | None:
    """Where each of ``names`` stands on a laid-out header line (words more than a space apart
    somewhere on it), in characters or, with ``display``, in a terminal's columns (a Han character
    two: a text browser lays its tables out so); None unless every name is found whole, in order."""
    cell = header.cells[0]
    if "  " not in cell.text:
        return None
    spans, at = [], 0
    for name in map(normalize_line, names):
        index = cell.text.find(name, at)
        if index < 0:
            return None
        start = cell.column + index + (_wide(cell.text[:index]) if display else 0)
        spans.append((start, start + len(name) + (_wide(name) if display else 0)))
        at = index + len(name)
    return tuple(spans)


def _laid_out_values(row: RowDraft, display: bool) -> list[tuple[RawCell, int, int]] | None:
    """A row's values printed on its label's line, laid out (one more than a space from what is
    before it), each with where it stands (``header_spans``' measure: its label's Han characters
    count twice with ``display``); None for a row printed otherwise."""
    if row.values is None or row.label is None:
        return None
    printed = [c for c in row.values.cells if c.text]
    if not printed or any(c.line != row.label.line for c in printed):
        return None
    ends = [(row.label.column or 0) + len(str(row.label)), *(c.column + len(c.text) for c in printed)]
    if all(cell.column - end < 2 for end, cell in zip(ends, printed, strict=False)):
        return None  # a space apart: not laid out
    shift = _wide(str(row.label)) if display else 0
    return [(cell, cell.column + shift, cell.column + shift + len(cell.text)) for cell in printed]


def _columns_under(values: Sequence[tuple[RawCell, int, int]], spans: Spans) -> list[int] | None:
    """The column each value stands under, left to right; None unless each stands under exactly one."""
    columns = []
    for _, start, end in values:
        under = [i for i, (left, right) in enumerate(spans) if start < right and left < end]
        if len(under) != 1:
            return None
        columns.append(under[0])
    return None if any(b <= a for a, b in itertools.pairwise(columns)) else columns


def display_aligned(rows: Iterable[tuple[RowDraft, ScanToken, Sequence[str]]]) -> bool | None:
    """Whether a table's laid-out lines are aligned in a terminal's columns (a text browser's dump:
    a Han character two columns) rather than in characters (``pdftotext -layout``), as its laid-out
    rows (``rows``: each with its block's header line and column names) say: the measure in which
    more of them have each value under exactly one name, and no complete row has a value under
    another column's name. Characters where both read the same rows alike; None where neither
    reads a row, or both read as many and one of them otherwise."""
    readings: dict[bool, list[list[int] | None]] = {False: [], True: []}
    wrong: set[bool] = set()  # the measures in which a complete row has a value under another name
    for row, header, names in rows:
        for display in (False, True):
            spans = header_spans(header, names, display)
            values = None if spans is None else _laid_out_values(row, display)
            if values is None or spans is None:
                break
            columns = _columns_under(values, spans)
            if len(values) == len(names) and columns != list(range(len(names))):
                wrong.add(display)
            readings[display].append(columns)
    read = {d: -1 if d in wrong else sum(c is not None for c in found) for d, found in readings.items()}
    if max(read.values()) <= 0 or (read[False] == read[True] and readings[False] != readings[True]):
        return None
    return read[True] > read[False]


def char_pairs(text: str) -> set[str]:
    """The pairs of adjacent characters of ``text``."""
    return {text[i : i + 2] for i in range(len(text) - 1)}


def naming_pairs(names: Sequence[str]) -> list[set[str]]:
    """For each of ``names``, the pairs of adjacent characters no other of them has (制发, 废止,
    现行 …): a header wrapped, cut or worded a little differently still names its column by them."""
    folded = [compact(normalize_line(name)) for name in names]
    return [char_pairs(name).difference(*(char_pairs(o) for o in folded if o != name)) for name in folded]


def header_cells(header: Sequence[ScanToken], names: Sequence[str]) -> tuple[int, tuple[int, ...]] | None:
    """In a header of explicit cells (``header``: the text before a block's rows, in text order; a
    header wrapped over several rows has a name's pieces in its cell on each, ``| | 本年增/ |`` over
    ``| | 减 |``, and a converter may leave a piece out of the table: ``现行`` / ``| … | 有效 |``), the
    first cell a word is in, and the cell that names each of ``names`` (``naming_pairs``, its pieces
    joined); None unless one cell names each, no cell two, in order."""
    joined: dict[int, str] = {}
    for at, text in [(c.index, compact(c.text)) for token in header for c in token.cells[:1] if c.index is not None]:
        joined[at] = joined.get(at, "") + text
    found = []
    for pairs in naming_pairs(names):
        cells = [at for at, text in joined.items() if any(pair in text for pair in pairs)]
        if len(cells) != 1:
            return None
        found.append(cells[0])
    if len(set(found)) < len(found) or any(b <= a for a, b in itertools.pairwise(found)):
        return None
    return min(joined), tuple(found)


def separated_row(row: RowDraft, lead: int, columns: tuple[int, ...]) -> RowDraft | None:
    """``row`` with a cell for each column, each value in the column whose name heads its cell
    (``header_cells``: ``lead``, the header's first cell, and ``columns``) and the others empty;
    None unless the row has not one value cell per column and fewer values than columns (with
    one a column, their order says it), keeps an empty cell (a line whose cells were cut where
    gaps are, as a PDF's unruled table, has lost its empty ones: their places say nothing), its
    label is in cell ``lead``, its values are on its label's line and each one's cell has a name."""
    if row.values is None or row.label is None or len(row.values.cells) == len(columns):
        return None
    printed = [c for c in row.values.cells if c.text]
    if len(printed) == len(row.values.cells):
        return None
    if not printed or len(printed) >= len(columns) or row.label.cells[0].index != lead:
        return None
    if any(c.line != row.label.line or c.index not in columns for c in printed):
        return None
    grid = [RawCell("", printed[0].line, printed[0].column) for _ in columns]
    for cell in printed:
        at = columns.index(cell.index or 0)  # a named cell's (checked above)
        if grid[at].text:  # two values in one named cell
            return None
        grid[at] = cell
    return attrs.evolve(row, values=values_token(row.values.type, grid))


def laid_out_row(row: RowDraft, spans: Spans, display: bool = False) -> RowDraft | None:
    """``row`` with a cell for each column, its values in the columns whose names they stand under
    (``spans``, measured as ``display`` says) and the others empty; None unless the row is short,
    on one line with its label, laid out, and each value stands under exactly one name, left to
    right."""
    values = _laid_out_values(row, display)
    if values is None or len(values) >= len(spans) or row.values is None:
        return None
    columns = _columns_under(values, spans)
    if columns is None:
        return None
    shift = _wide(str(row.label)) if display else 0  # an empty cell where its name stands, in characters
    grid = [RawCell("", values[0][0].line, left - shift) for left, _ in spans]
    for (cell, _, _), column in zip(values, columns, strict=True):
        grid[column] = cell
    return attrs.evolve(row, values=values_token(row.values.type, grid))
