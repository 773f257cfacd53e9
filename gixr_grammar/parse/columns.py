"""Table 三 printed column by column, rebuilt into rows where its arithmetic proves one reading.

pdfminer's layout analysis (``pdfminer.high_level.extract_text``, ``pdf2txt.py``) groups a page's
text into boxes and prints the boxes in the order of its box tree: a ruled table comes out with all
its row labels first and then its numbers one a line, a column (or a block of columns, cut into bands
of rows) at a time, top to bottom, each part after its header words where the page prints them. Read
line by line, every row would take the wrong numbers. So before the grammar sees the rows, this stage
finds such a page (a *part*: value-row labels with their numbers, one a line, not seven after each
label) and reads its numbers back into rows:

- the part's rows are the template's value rows whose labels it prints, in template order; it holds
  seven numbers a row, the first of its numbers in text order (numbers after those are another
  table's: table 四's header and row follow);
- the readings tried are the column orders such a tree gives: the columns left to right in
  consecutive groups (or, where header words stand among the numbers, in the order of those words),
  each group read in bands of rows, each band column by column, top to bottom;
- a reading counts only if every row's total is the sum of its six applicant columns (R3); R3 cannot
  tell applicant columns apart, so the simplest proved readings (fewest runs of numbers) are taken,
  and the rows are rebuilt only if all of them give every cell the same number.

A part no reading decides keeps its labels and loses its numbers (and the lines of numbers right
after it) to a ``column_order_unknown`` error that lists them: never a number in the wrong row.
Every rebuilt cell keeps its line and column.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Iterator, Sequence
from decimal import Decimal

import attrs

from ..format.schema import OTHER_SPLIT_ROWS, T3_COLUMNS, T3_ROW_ORDER
from ..format.vocabulary import T3_COLUMN_LABELS, T3_TEMPLATE_ROWS, T4_COLUMN_LABELS
from ..model import Diagnostic, Severity
from ..text.layout import RawCell, Row
from ..text.normalize import compact, normalize_line
from ..text.values import is_value, read_number, split_values
from .grammar import terminal_patterns

WIDTH = len(T3_COLUMNS)
MIN_LABEL = 3  # characters a label's first piece has at least (a numbering and two words)
MAX_PIECE = 60  # characters of the longest text a part holds (a label's piece, a header, a heading)
MIN_ROWS = 2  # a part of one row is read the same in any order
MAX_BOXES = 4  # labels with numbers in their box, at most, whose hypotheses are tried
MAX_WIDE = 2  # groups of several columns read in bands, at most (more: a search too wide to prove)
BUDGET = 150_000  # states the search of one part may visit (a table of zeros allows every reading)
MIN_PIECE = 2  # characters of a header word's first piece (结果 of 结果维持)
T4_HEADER_WORDS = tuple(T4_COLUMN_LABELS[key] for key in ("upheld", "corrected", "pending"))
_NUMBERING_COMMA = re.compile(r"(\d)、")


def _fold(text: str) -> str:
    return _NUMBERING_COMMA.sub(r"\1.", normalize_line(compact(text)))


@functools.cache
def _labels() -> tuple[dict[str, str], dict[str, str]]:
    """Value rows' labels and group labels, folded, by row key (a group by its first row's key)."""
    values: dict[str, str] = {}
    groups: dict[str, str] = {}
    for key, (first, second, third) in T3_TEMPLATE_ROWS.items():
        values[key] = _fold(third or second or first)
        for group in (first, second) if third else (first,) if second else ():
            if group:
                groups.setdefault(_fold(group), key)
    return values, {key: label for label, key in groups.items()}


@functools.cache
def _groups_by_label() -> dict[str, str]:
    return {label: key for key, label in _labels()[1].items()}


def _label_key(text: str, labels: dict[str, str]) -> str | None:
    """The row whose label ``text`` starts (or is), if exactly one."""
    folded = _fold(text)
    if len(folded) < MIN_LABEL:
        return None
    keys = [k for k, label in labels.items() if label.startswith(folded) or folded.startswith(label)]
    return keys[0] if len(keys) == 1 else None


@attrs.frozen
class _Part:
    """One page's share of a table printed column by column: rows ``start``..``end`` (exclusive)."""

    start: int
    end: int
    labels: dict[str, list[int]]  # value row → the indices of its label's rows (first piece, then the rest)
    groups: dict[str, list[int]]  # group label (by its first row) → its rows
    numbers: list[int]  # indices of the rows that are one number
    headers: list[tuple[int, int]]  # (index of the number it stands before, column) of header words
    boxes: dict[int, tuple[str, int]]  # numbers right after a label: index of the first → (row, how many)
    heading: int  # index of the first section heading in the part (end if none)


def rebuild_columns(rows: Sequence[Row], diagnostics: list[Diagnostic]) -> list[Row]:
    """``rows`` with every part of table 三 printed column by column rebuilt into rows (or, where
    no reading is proved, its numbers taken out and reported in ``diagnostics``)."""
    if sum(1 for row in rows if _is_number(row)) < MIN_ROWS * WIDTH:
        return list(rows)
    out: list[Row] = []
    index = 0
    for part in _parts(rows):
        out.extend(rows[index : part.start])
        rewritten, index = _rewrite(rows, part, diagnostics)
        out.extend(rewritten)
    out.extend(rows[index:])
    return out


def _boxes_after(rows: Sequence[Row], end: int) -> int:
    """Where the lines of numbers after an unread part end: the part ends at a line of several
    numbers (boxes side by side, ``4870 5954``), and what follows is more of its page's boxes,
    which read row by row its last label would take (six of them and a total the arithmetic
    fills, or seven no equation reads)."""
    while end < len(rows) and all(map(_numbers_alone, rows[end])):
        end += 1
    return end


def _numbers_alone(cell: RawCell) -> bool:
    label, values = split_values(cell.text)
    return not label and bool(values)


def _is_number(row: Row) -> bool:
    return len(row) == 1 and is_value(row[0].text)


def _is_page(row: Row) -> bool:
    return len(row) == 1 and terminal_patterns()["PAGE"].fullmatch(compact(row[0].text)) is not None


def _is_heading(row: Row) -> bool:
    text = compact(row[0].text)
    return any(
        terminal_patterns()[name].fullmatch(text) is not None
        for name in ("SECTION_REVIEW_LITIGATION", "SECTION_PROBLEMS", "SECTION_OTHER")
    )


def _parts(rows: Sequence[Row]) -> Iterator[_Part]:
    values, group_labels = _labels()
    index = 0
    while index < len(rows):
        key = _label_key(rows[index][0].text, values) if len(rows[index]) == 1 else None
        if key is None:
            index += 1
            continue
        first = index  # numbers a page prints before its labels are the part's too
        while first > 0 and _is_number(rows[first - 1]):
            first -= 1
        part = _part(rows, first, index, values, group_labels)
        if part is not None and _transposed(part):
            yield part
            index = part.end
        else:
            index += 1


def _part(
    rows: Sequence[Row], start: int, label: int, values: dict[str, str], group_labels: dict[str, str]
) -> _Part | None:
    """The part that begins at ``start`` (numbers, then the label at ``label``): up to a page
    number, a row of several cells or numbers (printed row by row), long text, or the section after
    table 四."""
    groups_by_label = _groups_by_label()
    labels: dict[str, list[int]] = {}
    groups: dict[str, list[int]] = {}
    numbers = list(range(start, label))
    headers: list[tuple[int, int]] = []
    boxes: dict[int, tuple[str, int]] = {}
    heading: int | None = None
    # The label or group label whose further pieces the next text rows may be, its text so far, the
    # whole label, and its value row (None: a group's): a row goes on a label while the label starts
    # with the pieces so far.
    owner: tuple[list[int], str, str, str | None] | None = None
    header_text = ""
    index = label
    while index < len(rows):
        row = rows[index]
        text = row[0].text
        if len(row) != 1 or _is_page(row) or len(split_values(text)[1]) > 1:  # numbers printed row by row
            break
        folded = _fold(text)
        if _is_number(row):
            if owner is not None and (boxed := owner[3]) is not None and not header_text:
                run = next((n for n in range(index, len(rows)) if not _is_number(rows[n])), len(rows)) - index
                boxes[len(numbers)] = (boxed, run if run < WIDTH else 1)
            numbers.append(index)
            owner, header_text = None, ""
        elif len(folded) > MAX_PIECE:
            break
        elif _is_heading(row):
            if heading is not None or terminal_patterns()["SECTION_REVIEW_LITIGATION"].fullmatch(compact(text)) is None:
                break
            heading, owner = index, None
        elif owner is not None and owner[2].startswith(owner[1] + folded):
            owner[0].append(index)
            owner = (owner[0], owner[1] + folded, owner[2], owner[3])
        elif (key := _label_key(text, values)) is not None:  # before or after section 四's heading
            if key in labels:
                break
            labels[key] = [index]
            owner = (labels[key], folded, values[key], key)
        elif (group := groups_by_label.get(folded)) is not None or (
            (group := _label_key(text, {k: v for k, v in group_labels.items() if k not in groups})) is not None
        ):
            groups[group] = [index]
            owner = (groups[group], folded, group_labels[group], None)
        else:
            owner = None
            header_text += folded
            column = _column(header_text)
            if column is not None:
                headers.append((len(numbers), column))
                header_text = ""
            elif not any(label.startswith(header_text) for label in T3_COLUMN_LABELS.values()):
                header_text = "" if _column(folded) is not None else folded
        index += 1
    if "other" in labels and any(k in labels for k in OTHER_SPLIT_ROWS):
        groups["other_overdue_correction"] = labels.pop("other")  # 2021: （六）其他处理 is a group
    if len(labels) < MIN_ROWS:
        return None
    boxes = {at: box for at, box in boxes.items() if box[0] in labels}
    return _Part(start, index, labels, groups, numbers, headers, boxes, len(rows) if heading is None else heading)


def _table_four(rows: Sequence[Row], part: _Part) -> int:
    """Where table 四's header begins in the part (its end if it has none): the first piece of a
    column word only table 四 has (结果维持, 结果纠正, 尚未审结; 其他 and 总计 are table 三's too)."""
    return next(
        (
            i
            for i in range(part.start, part.end)
            if len(folded := _fold(rows[i][0].text)) >= MIN_PIECE
            and any(word.startswith(folded) for word in T4_HEADER_WORDS)
        ),
        part.end,
    )


def _column(text: str) -> int | None:
    for column, label in enumerate(T3_COLUMN_LABELS.values()):
        if text == label:
            return column
    return None


def _transposed(part: _Part) -> bool:
    """Whether the part's numbers are not seven after each label (one cell a line, row by row), and
    a label stands right before the next with no number between, as pdfminer prints a page's labels
    together. Row by row, each label is followed by its numbers: seven, six where the source prints
    a row a cell short, fourteen where the next row's label is worded otherwise than the
    template's and not recognised (2.其他法律法规禁止公开): no reason to read the rows as columns."""
    starts = sorted(indices[0] for indices in part.labels.values())
    counts = [sum(1 for n in part.numbers if a < n < b) for a, b in itertools.pairwise([*starts, part.end])]
    # The last label stands before the part's end, not before a label: where the part ends at its
    # row printed row by row (``0 386 8``), no number of it is in the part.
    return any(count != WIDTH for count in counts) and 0 in counts[:-1]


def _rewrite(rows: Sequence[Row], part: _Part, diagnostics: list[Diagnostic]) -> tuple[list[Row], int]:
    """The part's rows rebuilt, or its labels alone and its numbers reported; and where the rows
    it stands for end. A part no reading decides also stands for the lines of numbers right after
    it (``_boxes_after``)."""
    keys = [k for k in T3_ROW_ORDER if k in part.labels]
    count = len(keys) * WIDTH
    four = _table_four(rows, part)
    taken = [n for n in part.numbers[:count] if n < four]  # table 四's numbers follow its header
    cells = [rows[i][0] for i in taken]
    headers = [h for h in part.headers if h[0] < count]
    boxes = {at: (keys.index(key), n) for at, (key, n) in part.boxes.items() if at + n <= count}
    reading = _read(cells, len(keys), headers, boxes) if len(taken) == count else None
    end = part.end
    if reading is None:  # every number before table 四's header is table 三's, and unplaced
        if four == part.end:
            end = _boxes_after(rows, end)
        taken = [n for n in part.numbers if n < four] + list(range(part.end, end))
        cells = [cell for i in taken for cell in rows[i]]
    label_rows = {i for indices in (*part.labels.values(), *part.groups.values()) for i in indices}
    rest = [i for i in range(part.start, part.end) if i not in label_rows and i not in taken]
    before = [rows[i] for i in rest if i < part.heading]
    after = [rows[i] for i in rest if i >= part.heading]
    first, last = cells[0] if cells else rows[part.start][0], rows[end - 1][0]
    if reading is None:
        found = " ".join(c.text for c in cells)
        diagnostics.append(
            Diagnostic(
                "column_order_unknown",
                Severity.ERROR,
                f"table 三 on lines {rows[part.start][0].line}–{last.line} is printed column by column "
                f"({len(keys)} rows' labels and {len(found.split())} numbers, one a line) and no reading of "
                f"its numbers into rows holds every row's total; its numbers are left out",
                first.line,
                first.column,
                expected=f"{count} numbers read into rows whose totals are the sums of their columns",
                found=found,
            )
        )
        return [*before, *_label_rows(rows, part, keys, None), *after], end
    diagnostics.append(
        Diagnostic(
            "columns_rebuilt",
            Severity.INFO,
            f"table 三 on lines {rows[part.start][0].line}–{last.line} is printed column by column; "
            f"its {len(keys)} rows were rebuilt from its numbers, every row's total the sum of its columns",
            first.line,
            first.column,
        )
    )
    return [*before, *_label_rows(rows, part, keys, reading), *after], end


def _label_rows(rows: Sequence[Row], part: _Part, keys: list[str], reading: list[list[RawCell]] | None) -> list[Row]:
    """The part's labels in template order (each group's before its first row), each value row's
    pieces joined into one cell at its first piece, with its numbers when ``reading`` has them."""
    out: list[Row] = []
    groups = sorted(part.groups.items(), key=lambda item: T3_ROW_ORDER.index(item[0]), reverse=True)
    for number, key in enumerate(keys):
        while groups and T3_ROW_ORDER.index(groups[-1][0]) <= T3_ROW_ORDER.index(key):
            out.append([_joined(rows, groups.pop()[1])])
        out.append([_joined(rows, part.labels[key]), *(reading[number] if reading else ())])
    out.extend([_joined(rows, indices)] for _, indices in reversed(groups))
    return out


def _joined(rows: Sequence[Row], indices: list[int]) -> RawCell:
    first = rows[indices[0]][0]
    return RawCell("".join(rows[i][0].text.strip() for i in indices), first.line, first.column)


# --- reading the numbers into rows ---

Group = tuple[int, ...]  # columns, left to right
Attached = dict[tuple[int, int], int]  # (row, column) → the number's index: numbers printed in a label's box
State = tuple[tuple[int, int], ...]  # the band (first row, end) each wide group is in


@attrs.frozen
class _Grid:
    """The part's numbers and what is known of where they stand, for one hypothesis of which
    numbers a label's box holds."""

    amounts: list[Decimal | None]
    height: int
    attached: dict[tuple[int, int], Decimal | None]  # the numbers printed in a label's box, by cell
    headers: list[tuple[int, int]]  # (index among the numbers not attached, column)

    @functools.cached_property
    def before(self) -> list[list[int]]:
        """Per column, per row, how many of the column's cells above are read in order (not attached)."""
        return [
            list(itertools.accumulate(((r, c) not in self.attached for r in range(self.height)), initial=0))
            for c in range(WIDTH)
        ]


def _read(
    cells: list[RawCell], height: int, headers: list[tuple[int, int]], boxes: dict[int, tuple[int, int]]
) -> list[list[RawCell]] | None:
    """The rows (``height`` of them, seven cells each) that the simplest proved readings of ``cells``
    agree on, or None. ``boxes``: the numbers that follow a label directly (index of the first → the
    row and how many), which may be that row's first cells, printed in the label's box."""
    amounts = [read_number(c.text).amount for c in cells]
    best: tuple[int, list[list[set[int]]]] | None = None
    budget = [BUDGET]
    for attached in _attachments(boxes):
        free = [i for i in range(len(cells)) if i not in attached.values()]
        grid = _Grid(
            [amounts[i] for i in free],
            height,
            {cell: amounts[i] for cell, i in attached.items()},
            [(sum(1 for i in free if i < at), column) for at, column in headers],
        )
        extra = len({r for r, _ in attached})
        for groups in _orders(grid):
            found = _readings(grid, groups, budget, math.inf if best is None else best[0] - extra)
            if budget[0] <= 0:
                return None
            if found is None:
                continue
            cost, positions = found
            cost += extra
            positions = [
                [{attached[(r, c)]} if (r, c) in attached else {free[p] for p in cell} for c, cell in enumerate(row)]
                for r, row in enumerate(positions)
            ]
            if best is None or cost < best[0]:
                best = (cost, positions)
            elif cost == best[0]:
                for row, more in zip(best[1], positions, strict=True):
                    for cell, other in zip(row, more, strict=True):
                        cell |= other
    if best is None:
        return None
    result: list[list[RawCell]] = []
    for cell_options in best[1]:
        if any(len({cells[p].text for p in options}) != 1 for options in cell_options):
            return None
        result.append([cells[min(options)] for options in cell_options])
    return result


def _attachments(boxes: dict[int, tuple[int, int]]) -> Iterator[Attached]:
    """Every hypothesis of which numbers after a label are its row's first cells: none, or all of
    them, for each such label (a few labels at most; more are taken as printed in no box)."""
    items = list(boxes.items()) if len(boxes) <= MAX_BOXES else []
    for chosen in itertools.product((False, True), repeat=len(items)):
        attached: Attached = {}
        for (first, (row, count)), take in zip(items, chosen, strict=True):
            if take:
                attached.update({(row, c): first + c for c in range(count)})
        yield attached


def _orders(grid: _Grid) -> Iterator[list[Group]]:
    """The column orders tried: by the header words among the numbers, when they name every column
    once and each block of them is followed by its columns' numbers; else every cut of the columns,
    left to right, into consecutive groups."""
    columns = [c for _, c in grid.headers]
    if sorted(columns) == list(range(WIDTH)):
        blocks: dict[int, list[int]] = {}
        for at, column in grid.headers:
            blocks.setdefault(at, []).append(column)
        groups = [tuple(sorted(cols)) for _, cols in sorted(blocks.items())]
        sizes = [sum(grid.before[c][grid.height] for c in g) for g in groups]
        if sorted(blocks) == [sum(sizes[:i]) for i in range(len(sizes))]:
            yield groups
            return
    cuts_of_columns = []
    for cuts in itertools.product((True, False), repeat=WIDTH - 1):
        groups, current = [], [0]
        for column, cut in enumerate(cuts, start=1):
            if cut:
                groups.append(tuple(current))
                current = []
            current.append(column)
        groups.append(tuple(current))
        cuts_of_columns.append(groups)
    # The simplest first (fewest columns in blocks): their readings bound what the others may cost.
    yield from sorted(cuts_of_columns, key=lambda groups: sum(len(g) for g in groups if len(g) > 1))


def _readings(
    grid: _Grid, groups: list[Group], budget: list[int], limit: float
) -> tuple[int, list[list[set[int]]]] | None:
    """The simplest readings of ``groups`` that R3 proves (each group its rows in bands, each band
    column by column): their cost (the runs of numbers they read) and, per cell, the positions
    among the numbers they give it; None if no reading is proved, or none new costs ``limit`` or less
    (a group read in one band is read as its columns alone are: only two bands or more are new)."""
    height, before, amounts = grid.height, grid.before, grid.amounts
    sizes = [sum(before[c][height] for c in g) for g in groups]
    offsets = list(itertools.accumulate(sizes, initial=0))
    # A group whose numbers are all the same reads the same in any bands (a table of zeros).
    wide = [i for i, g in enumerate(groups) if len(g) > 1 and len(set(amounts[offsets[i] : offsets[i + 1]])) > 1]
    if len(wide) > MAX_WIDE:
        return None
    base = sum(len(g) for i, g in enumerate(groups) if i not in wide)
    order = [column for columns in groups for column in columns]  # the columns of ``row``'s cells
    if wide and base + 2 * sum(len(groups[g]) for g in wide) > limit:
        return None

    def position(r: int, group: int, column: int, band: tuple[int, int]) -> int:
        s, e = band
        inside = sum(before[c][e] - before[c][s] for c in groups[group] if c < column)
        return (
            offsets[group] + sum(before[c][s] for c in groups[group]) + inside + before[column][r] - before[column][s]
        )

    def row(r: int, state: State) -> list[int | None]:
        """The position among the numbers of each cell of row ``r`` (None: attached)."""
        bands = dict(zip(wide, state, strict=True))
        return [
            None if (r, column) in grid.attached else position(r, g, column, bands.get(g, (0, height)))
            for g, columns in enumerate(groups)
            for column in columns
        ]

    def holds(r: int, state: State) -> bool:
        cells = row(r, state)
        values: list[Decimal | None] = [None] * WIDTH
        for column, p in zip(order, cells, strict=True):
            values[column] = amounts[p] if p is not None else grid.attached[(r, column)]
        known = [v for v in values if v is not None]
        return len(known) < WIDTH or sum(known[:-1], Decimal(0)) == known[-1]

    def nexts(r: int, state: State) -> Iterator[tuple[int, State]]:
        """The bands at row ``r`` given those at ``r - 1``, with the runs the new bands begin."""
        choices = [
            [(0, band)] if band[1] > r else [(len(groups[g]), (r, e)) for e in range(r + 1, height + 1)]
            for g, band in zip(wide, state, strict=True)
        ]
        for chosen in itertools.product(*choices):
            yield sum(c for c, _ in chosen), tuple(b for _, b in chosen)

    @functools.cache
    def rest(r: int, state: State) -> float:
        """The fewest runs that the rows from ``r`` on add, the bands at ``r`` being ``state``."""
        budget[0] -= 1
        if budget[0] <= 0 or not holds(r, state):
            return math.inf
        if r + 1 == height:
            return 0
        return min((cost + rest(r + 1, s) for cost, s in nexts(r + 1, state)), default=math.inf)

    def headed(state: State) -> bool:
        """Whether each block of header words stands right before its columns' first numbers."""
        first = dict(zip(order, row(0, state), strict=True))
        blocks: dict[int, list[int | None]] = {}
        for at, column in grid.headers:
            blocks.setdefault(at, []).append(first[column])
        return all(all(p is None or p >= at for p in ps) and at in ps for at, ps in blocks.items())

    starts = [(cost + rest(0, s), s) for cost, s in nexts(0, tuple((0, 0) for _ in wide)) if headed(s)]
    least = min((c for c, _ in starts), default=math.inf)
    if least == math.inf or budget[0] <= 0:
        return None
    found: list[list[set[int]]] = [[set() for _ in range(WIDTH)] for _ in range(height)]
    layer = {(least - rest(0, s), s) for c, s in starts if c == least}  # (runs so far, bands)
    for r in range(height):
        following: set[tuple[float, State]] = set()
        for spent, state in layer:
            for column, p in zip(order, row(r, state), strict=True):
                if p is not None:
                    found[r][column].add(p)
            if r + 1 < height:
                following.update(
                    (spent + cost, s) for cost, s in nexts(r + 1, state) if spent + cost + rest(r + 1, s) == least
                )
        layer = following
    return int(least) + base, found
