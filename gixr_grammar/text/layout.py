"""Lines to cells: the layouts tables arrive in, reduced to one stream of rows of cells.

- tab-separated rows (Word, a browser copy of HTML): cells split on tabs;
- markdown pipe rows (``| a | b |``, or ``a| b`` without the outer pipes), whose ``|---|`` rules
  are dropped like ``----`` rules; a text browser's box-drawn table (``│a│b│`` between ``├─┼─┤``
  rules, as ``w3m -dump`` prints it) read the same way;
- one cell per line (``\\tcell`` lines, rows separated by blank lines, a wrapped cell continued on a
  line of its own without the tab): collapsed into rows, wrapped cells rejoined (本年新 + 制作数量);
- anything else: the line is one cell (space-separated values are split off by the scanner).

Markdown heading marks (``###``) and bold marks (``**``) are dropped. Every cell keeps the 1-based
line and column where it starts.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence

import attrs


@attrs.frozen(slots=True)
class RawCell:
    text: str
    line: int
    column: int
    # The digits were run into the label before them with no separator (a crawler's text of an
    # HTML table): they may be several cells whose separators were lost.
    glued: bool = False
    # Its place among its line's explicit cells (tabs, pipes, one cell a line; the values split out
    # of one cell share it), None in a line of text. Explicit cells' columns are offsets in the text,
    # not where a page printed them, and say nothing about which column a value is under.
    index: int | None = None

    @property
    def separated(self) -> bool:
        return self.index is not None


Row = list[RawCell]

_HEADING_MARK = re.compile(r"^ {0,3}#{1,6}[ \t]+")


def _box_walls() -> dict[int, str]:
    """A text browser's box-drawn table (``w3m -dump``) as pipes: each line that goes up or down
    (│ ├ ┼ ┐ …) a cell's wall, each that only goes across (─ ═) space; a rule line ``├──┼──┤``
    is then a row of empty cells, dropped like a markdown rule."""
    walls = {}
    for code in range(0x2500, 0x2580):
        name = unicodedata.name(chr(code))
        walls[code] = "|" if any(word in name for word in ("UP", "DOWN", "VERTICAL")) else " "
    return walls


_BOX_WALLS = _box_walls()
_BOX = re.compile("[\u2500-\u257f]")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_RULE_CELL = re.compile(r":?-{3,}:?|—{3,}|={3,}")
_RULE_CHARACTERS = re.compile(r"[\s|:\-—=]*")  # a line of anything else has a cell that is no rule
_MIN_CELL_LINES = 3  # fewer \tcell lines than this are ordinary lines, not a cell-per-line table


def iter_rows(lines: Sequence[str]) -> Iterator[Row]:
    """Yield the rows of cells of normalised ``lines``; blank lines and rules yield nothing."""
    index = 0
    while index < len(lines):
        if _is_cell_line(lines[index]):
            end, cell_lines = _cell_block_end(lines, index)
            if cell_lines >= _MIN_CELL_LINES:
                yield from _collapse(lines, index, end)
                index = end
                continue
        line = lines[index]
        among_pipes = "|" in line and any("|" in lines[i] for i in (index - 1, index + 1) if 0 <= i < len(lines))
        row = split_line(line, index + 1, among_pipes)
        if row:
            yield row
        index += 1


def split_line(line: str, number: int, among_pipes: bool = False) -> Row:
    """The cells of one line (empty for blank lines and table rules). A line with pipes is a pipe
    row if it has its outer pipes, or, ``among_pipes`` (a line beside it has pipes too), without
    them (GFM; html2text prints none): a lone line's ``||`` (a script's) separates nothing."""
    if _BOX.search(line):
        line = line.translate(_BOX_WALLS)
    line = line.rstrip(" ")
    offset = 0
    heading = _HEADING_MARK.match(line)
    if heading:
        offset = heading.end()
    if "\t" in line:
        cells = _split(line, "\t", offset, number)
    elif "|" in line and (among_pipes or _PIPE_ROW.match(line)):
        first, last = line.index("|"), line.rindex("|")
        start = first + 1 if not line[offset:first].strip(" ") else offset
        end = last if not line[last + 1 :].strip(" ") else len(line)
        cells = _split(line[:end], "|", start, number)
    else:
        cells = _split(line, None, offset, number)
    if _RULE_CHARACTERS.fullmatch(line) and all(not c.text or _RULE_CELL.fullmatch(c.text) for c in cells):
        return []  # a blank line, a line of empty cells, or a table rule
    return cells


def _split(line: str, separator: str | None, start: int, number: int) -> Row:
    parts = [line[start:]] if separator is None else line[start:].split(separator)
    bold = "**" in line
    cells = []
    column = start + 1
    for index, part in enumerate(parts):
        text = part.replace("**", "") if bold else part
        stripped = text.strip(" ")
        lead = text.index(stripped[0]) if stripped else 0
        cells.append(RawCell(stripped, number, column + lead, False, None if separator is None else index))
        column += len(part) + 1
    return cells


def _is_cell_line(line: str) -> bool:
    return line.startswith("\t") and line.count("\t") == 1


def _cell_block_end(lines: Sequence[str], start: int) -> tuple[int, int]:
    """End (exclusive) of the cell-per-line block starting at ``start``, and its count of cell lines."""
    index, cell_lines = start, 0
    while index < len(lines):
        line = lines[index]
        if _is_cell_line(line):
            cell_lines += 1
        elif line.strip(" "):
            continues_cell = "\t" not in line and _is_cell_line(lines[index - 1])
            if not continues_cell:
                break
        index += 1
    return index, cell_lines


def _collapse(lines: Sequence[str], start: int, end: int) -> Iterator[Row]:
    row: Row = []
    for index in range(start, end):
        line = lines[index].rstrip(" ")
        if not line:
            if row:
                yield row
            row = []
        elif line.startswith("\t"):
            text = line[1:].replace("**", "")
            row.append(RawCell(text.strip(" "), index + 1, 2 + len(text) - len(text.lstrip(" ")), index=len(row)))
        elif row:  # a wrapped cell: rejoin it with the cell above
            row[-1] = attrs.evolve(row[-1], text=row[-1].text + line.strip(" "))
        else:
            row.append(RawCell(line.strip(" "), index + 1, 1, index=0))
    if row:
        yield row
