"""Table 二's rows that lost or gained cells, read by where their values stand under the header.

``pdftotext -layout`` keeps a page's columns as runs of spaces, and an empty cell as nothing: a row
``行政许可                0`` has one value for three columns, and with no arithmetic in table 二
its order alone cannot say whose. The block's header line says it: ``上一年项目数量   本年增/减
处理决定数量``, each column name where its column stands. A value under exactly one name is in
that name's column, and the names over no value are the row's empty cells, as a tab-separated
copy prints them. Only a text that is laid out (words of the header line, and the row's label and
values, more than a space apart) is read so; elsewhere spaces say nothing and the row stays as it was.

A table of explicit cells says it by cell instead: a PDF → markdown converter that takes the PDF's
rules for columns adds empty ones (``| 信息内容 | 本年新制作数量 | | 本年新公开数量 | 对外公开总数量 |
|``), so ``| 规范性文件 | 43297 | | 4870 | | |`` has five value cells for three columns; 4870 is in
the cell 本年新公开数量 heads. Read so only where the row's label is in the cell the header's first
word is (the two lines are one grid) and every value's cell has a name.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import attrs

from ..text.layout import RawCell
from ..text.normalize import compact, normalize_line
from .drafts import RowDraft
from .scanner import ScanToken, values_token

Spans = tuple[tuple[int, int], ...]  # per column: the character columns its name takes, end exclusive


def header_spans(header: ScanToken, names: Sequence[str]) -> Spans | None:
    """Where each of ``names`` stands on a laid-out header line (words more than a space apart
    somewhere on it); None unless every name is found whole, in order."""
    cell = header.cells[0]
    if "  " not in cell.text:
        return None
    spans, at = [], 0
    for name in map(normalize_line, names):
        index = cell.text.find(name, at)
        if index < 0:
            return None
        spans.append((cell.column + index, cell.column + index + len(name)))
        at = index + len(name)
    return tuple(spans)


def header_cells(header: Sequence[ScanToken], names: Sequence[str]) -> tuple[int, tuple[int, ...]] | None:
    """On a header line of explicit cells (``header``: its words' tokens, left to right), the cell
    its first word is in, and the cell each of ``names`` is; None unless each name is one cell's
    whole text, in order."""
    cells = [token.cells[0] for token in header]
    if not cells or any(not cell.separated for cell in cells):
        return None
    index = {compact(cell.text): cell.index for cell in cells if cell.index is not None}
    found = tuple(index.get(compact(normalize_line(name)), -1) for name in names)
    if cells[0].index is None or min(found) < 0 or any(b <= a for a, b in itertools.pairwise(found)):
        return None
    return cells[0].index, found


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


def laid_out_row(row: RowDraft, spans: Spans) -> RowDraft | None:
    """``row`` with a cell for each column, its values in the columns whose names they stand under
    and the others empty; None unless the row is short, on one line with its label, laid out, and
    each value stands under exactly one name, left to right."""
    if row.values is None or row.label is None:
        return None
    printed = [c for c in row.values.cells if c.text]
    if not printed or len(printed) >= len(spans) or any(c.line != row.label.line for c in printed):
        return None
    ends = [(row.label.column or 0) + len(str(row.label)), *(c.column + len(c.text) for c in printed)]
    if all(cell.column - end < 2 for end, cell in zip(ends, printed, strict=False)):
        return None  # a space apart: not laid out
    columns = []
    for cell in printed:
        under = [
            i for i, (left, right) in enumerate(spans) if cell.column < right and left < cell.column + len(cell.text)
        ]
        if len(under) != 1:
            return None
        columns.append(under[0])
    if any(b <= a for a, b in itertools.pairwise(columns)):
        return None
    grid = [RawCell("", printed[0].line, left) for left, _ in spans]
    for cell, column in zip(printed, columns, strict=True):
        grid[column] = cell
    return attrs.evolve(row, values=values_token(row.values.type, grid))
