"""Table 二 printed column by column, rebuilt into rows where each column names itself.

pdfminer's layout analysis prints table 二 as boxes in its box tree's order: every block's marker
and row labels (第二十条第（五）项 / 信息内容 / 行政许可 / 其他对外管理服务 / 事项) with no numbers, and
each block's columns as its header word followed by its numbers, one a line (处理决定数量 / 30065 /
36428 / 1), the columns of all blocks in an order of their own, before, among or after the labels
(and around section 三's heading). Read line by line, no row has a number. Each column says which it
is, though: its name is one of its block's, and the columns of one name come top to bottom, so the
k-th column named 上一年项目数量 is that of the k-th printed block that has such a column.

Such a table is rebuilt only when all of it fits: every number stands after a column name (none
after a label: that is a row printed on two lines), each name is printed once for each printed
block that has it, and each column holds its block's rows' count of numbers (a number a narrow cell
wrapped, ``36428`` / ``1`` on adjacent lines of one box, is joined while there are more lines than
rows). Else the text is left as it is and its numbers stay unplaced, with a diagnostic saying why.
Every rebuilt cell keeps its own line and column.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import attrs

from ..format.vocabulary import T2_HEADER_FIRST, T2_TEMPLATE_BLOCKS
from ..model import Diagnostic, Severity
from ..text.layout import RawCell, Row
from ..text.normalize import compact, normalize_line
from ..text.values import is_value
from .grammar import terminal_patterns


def _fold(text: str) -> str:
    return compact(normalize_line(text))


@attrs.frozen
class _Word:
    """A word of table 二 (a block marker, 信息内容, a column name, a row label) as printed, maybe
    over several lines: the cell of its first line carries its place."""

    kind: str  # "marker", "first", "column", "label"
    text: str  # folded, whole
    cell: RawCell


@attrs.frozen
class _Column:
    name: _Word
    values: tuple[RawCell, ...]


@functools.cache
def _vocabulary() -> dict[str, str]:
    """Folded word → its kind, from both templates."""
    words = {_fold(T2_HEADER_FIRST): "first"}
    for blocks in T2_TEMPLATE_BLOCKS.values():
        for marker, columns, rows in blocks:
            words[_fold(marker)] = "marker"
            words.update((_fold(name), "column") for name in columns)
            words.update((_fold(label), "label") for _, label in rows)
    return words


def rebuild_t2_columns(rows: Sequence[Row], diagnostics: list[Diagnostic]) -> list[Row]:
    """``rows`` with a table 二 printed column by column rebuilt into its rows (else unchanged)."""
    start = next((i + 1 for i, row in enumerate(rows) if _is_heading(row, "SECTION_PROACTIVE")), None)
    if start is None:
        return list(rows)
    scanned = _scan(rows, start)
    if scanned is None:
        return list(rows)
    end, words, columns, kept = scanned
    rebuilt = _rebuild(words, columns)
    first = rows[start][0]
    if isinstance(rebuilt, str):
        diagnostics.append(
            Diagnostic(
                "column_order_unknown",
                Severity.ERROR,
                f"table 二 on lines {first.line}–{rows[end - 1][0].line} is printed column by column "
                f"({len(columns)} columns, each its name and then its numbers) and {rebuilt}; its numbers "
                "are left as they are",
                first.line,
                first.column,
                expected="each column's name once for each printed block that has it, over its rows' numbers",
                found=" ".join(f"{c.name.text}:{len(c.values)}" for c in columns),
            )
        )
        return list(rows)
    labels = sum(1 for w in words if w.kind == "label")
    diagnostics.append(
        Diagnostic(
            "columns_rebuilt",
            Severity.INFO,
            f"table 二 on lines {first.line}–{rows[end - 1][0].line} is printed column by column; its "
            f"{labels} rows were rebuilt from each column's "
            "name and numbers, the columns of one name in the order of the blocks",
            first.line,
            first.column,
        )
    )
    return [*rows[:start], *rebuilt, *kept, *rows[end:]]


def _is_heading(row: Row, name: str) -> bool:
    return len(row) == 1 and terminal_patterns()[name].fullmatch(compact(row[0].text)) is not None


def _scan(rows: Sequence[Row], start: int) -> tuple[int, list[_Word], list[_Column], list[Row]] | None:
    """From ``start``: where table 二's words and one-a-line numbers end, its words (labels and
    markers), its columns (a name and the numbers after it), and the rows kept as they are (section
    三's heading, page numbers); None unless at least one column is printed so and no number
    follows anything but a column's name or its numbers."""
    vocabulary = _vocabulary()
    words: list[_Word] = []
    columns: list[_Column] = []
    kept: list[Row] = []
    pending: list[RawCell] = []  # a word's lines so far
    index = start
    while index < len(rows):
        row = rows[index]
        if _is_heading(row, "SECTION_REQUESTS") or _is_heading(row, "PAGE"):
            kept.append(row)
        elif len(row) != 1:
            break
        elif is_value(row[0].text) and not pending:
            if not columns or (words and words[-1].cell.line > columns[-1].name.cell.line):
                return None  # a number after a label: a row printed over two lines
            columns[-1] = attrs.evolve(columns[-1], values=(*columns[-1].values, row[0]))
        else:
            text = "".join(_fold(c.text) for c in (*pending, row[0]))
            kind = vocabulary.get(text)
            if kind == "column":
                columns.append(_Column(_Word(kind, text, (pending or [row[0]])[0]), ()))
                pending = []
            elif kind is not None:
                words.append(_Word(kind, text, (pending or [row[0]])[0]))
                pending = []
            elif any(word.startswith(text) for word in vocabulary):
                pending.append(row[0])
            else:
                break
        index += 1
    end = index - len(pending)
    if not any(c.values for c in columns):
        return None
    return end, words, columns, kept


def _rebuild(words: Sequence[_Word], columns: Sequence[_Column]) -> list[Row] | str:
    """The table's rows (each block's marker, a header of its column names, its rows with their
    numbers), or why the columns do not fit its blocks."""
    names = {c.name.text for c in columns}
    templates = [t for t, blocks in T2_TEMPLATE_BLOCKS.items() if names <= {_fold(n) for b in blocks for n in b[1]}]
    if len(templates) != 1:
        return "its column names are not those of one template"
    by_marker = {_fold(marker): (names, rows) for marker, names, rows in T2_TEMPLATE_BLOCKS[templates[0]]}
    markers = [w for w in words if w.kind == "marker"]
    if not markers or any(m.text not in by_marker for m in markers) or len(markers) != len({m.text for m in markers}):
        return "its blocks are not those of the template, printed once each"
    queues: dict[str, list[_Column]] = {}
    for column in columns:
        queues.setdefault(column.name.text, []).append(column)
    wanted = {name: sum(name in map(_fold, by_marker[m.text][0]) for m in markers) for name in queues}
    if any(len(queues[name]) != count for name, count in wanted.items()):
        return "a column name is not printed once for each block that has it"
    out: list[Row] = []
    used = 0
    for marker in markers:
        block_names, block_rows = by_marker[marker.text]
        labels = {_fold(label) for _, label in block_rows}
        printed = [w for w in words if w.kind == "label" and w.text in labels and _block_of(w, markers) is marker]
        block_columns = [queues[_fold(n)].pop(0) for n in block_names if queues.get(_fold(n))]
        if len(printed) != len(block_rows) or len(block_columns) != len(block_names):
            return f"block {marker.cell.text} does not print its {len(block_rows)} rows and {len(block_names)} columns"
        cells = [_boxes(c.values, len(block_rows)) for c in block_columns]
        if any(c is None for c in cells):
            return f"a column of block {marker.cell.text} does not hold its {len(block_rows)} rows' numbers"
        used += len(printed)
        out.append([marker.cell])
        out.append([_cell(c.name) for c in block_columns])
        out.extend([_cell(label), *(column[r] for column in cells if column)] for r, label in enumerate(printed))
    if used != sum(1 for w in words if w.kind == "label"):
        return "a row label stands in no block that has it"
    return out


def _block_of(word: _Word, markers: Sequence[_Word]) -> _Word | None:
    """The last marker printed before ``word``."""
    before = [m for m in markers if m.cell.line <= word.cell.line]
    return before[-1] if before else None


def _cell(word: _Word) -> RawCell:
    return RawCell(word.text, word.cell.line, word.cell.column)


def _boxes(values: Sequence[RawCell], count: int) -> list[RawCell] | None:
    """``count`` numbers of a column: as printed, or with the numbers on adjacent lines (one box: a
    number a narrow cell wrapped) joined, if that gives ``count``."""
    if len(values) == count:
        return list(values)
    boxes: list[list[RawCell]] = []
    for value in values:
        if boxes and value.line == boxes[-1][-1].line + 1 and value.text.isdigit() and boxes[-1][-1].text.isdigit():
            boxes[-1].append(value)
        else:
            boxes.append([value])
    if len(boxes) != count:
        return None
    return [RawCell("".join(v.text for v in box), box[0].line, box[0].column) for box in boxes]
