"""The candidate placements of a row's printed values in its columns, for rows that lost or
gained a cell.

A row whose count of printed values (numbers and blank marks) equals its width is placed in order.
Otherwise its empty cells may tell where the blanks are (one window of the right width holds every
printed value). Otherwise every order-keeping placement is a candidate — with gaps for a short row,
with values left out for a long one, or the cuts of a run of glued digits — and ``resolution``
keeps those the table's equations (``rules``) allow.
"""

from __future__ import annotations

import bisect
import enum
import itertools
import math
from collections.abc import Mapping, Sequence
from decimal import Decimal

import attrs

from ..text.layout import RawCell
from ..text.values import Number, is_value, read_number
from .glued import LocalRule, SearchStopped, SplitBudget, split_digits

MAX_CANDIDATES = 5000  # per row; past this, only the left- and right-aligned placements are tried
MAX_REJOINED = 500  # readings of a long row's wrapped numbers (each is then checked by the arithmetic)
MAX_REJOIN_STEPS = 20_000  # steps their search may take
WRAPPED_DIGITS = 2  # no value column is narrower than two digits (table 四's 15 may be that narrow)
Spans = tuple[tuple[int, int], ...]  # per value column: the character columns its values take


@attrs.frozen
class Placed:
    """The outcome for one cell: a printed value, a value the arithmetic forced, or unknown."""

    amount: Decimal | None
    number: Number | None  # the printed value, None for inferred and unknown cells
    cell: RawCell | None
    inferred: bool = False
    rule: str | None = None  # the rule id of the equation that forced an inferred value
    scope: str | None = None  # and that equation's scope (``rules.Equation``): which one it was


UNKNOWN = Placed(None, None, None)


class Gap(enum.Enum):
    GAP = "gap"  # a column a candidate leaves for the arithmetic to fill


GAP = Gap.GAP
Candidate = tuple[Placed | Gap, ...]  # one column each: a printed value, or a gap


def printed_cell(cell: RawCell) -> Placed | Gap:
    """A value cell as printed; a damaged number is a gap in its column, for the arithmetic to fill."""
    number = read_number(cell.text)
    return GAP if number.damaged else Placed(number.amount, number, cell)


@attrs.frozen
class Padding:
    """How many empty cells before and after its values are layout in every row of a table; with
    ``cells``, only in a row of that many cells (padding read off the grid, not off complete rows)."""

    before: int = 0
    after: int = 0
    cells: int | None = None

    def strip(self, cells: Sequence[RawCell]) -> Sequence[RawCell]:
        if self.cells is not None and len(cells) != self.cells:
            return cells
        before = min(self.before, _empties(cells))
        after = min(self.after, _empties(cells[::-1]), len(cells) - before)
        return cells[before : len(cells) - after]


def _empties(cells: Sequence[RawCell]) -> int:
    for index, cell in enumerate(cells):
        if cell.text:
            return index
    return len(cells)


def layout_padding(rows: Sequence[tuple[Sequence[RawCell], int]], width: int) -> Padding:
    """The empty cells every row of ``width`` values has around its values: layout, not blanks (a
    table whose complete rows read ``label⇥⇥3⇥0…⇥19⇥`` pads every row with one cell each side).
    ``rows`` are the table's rows (value cells, width). A complete row of ``width`` says it. Where
    none is, rows that all have the same cells may still say where the grid's values start: a value
    in a row's first cell says no padding comes before it, one in its last value column says at
    least as much as stands before that column; where the two bounds meet, a row of ``width``
    values in that many cells has them there too, the rest of the grid its padding (table 二's
    ``行政事业性收费⇥⇥274⇥`` in a grid of three value columns: 274 is 本年增/减)."""
    complete = [cells for cells, w in rows if w == width and sum(1 for c in cells if c.text) == w]
    if complete:
        return Padding(min(_empties(c) for c in complete), min(_empties(c[::-1]) for c in complete))
    printed = [(cells, w) for cells, w in rows if any(c.text for c in cells)]
    sizes = {len(cells) for cells, _ in printed}
    if len(sizes) != 1:
        return Padding()
    size = sizes.pop()
    at_most = min(_empties(cells) for cells, _ in printed)
    at_least = max(i - w + 1 for cells, w in printed for i, c in enumerate(cells) if c.text)
    if at_least != at_most or size - at_most < width:
        return Padding()
    return Padding(at_most, size - at_most - width, size)


@attrs.frozen
class OffColumns:
    """A value of a laid-out row whose place the table's columns contradict, and what its place is."""

    cell: RawCell
    place: str


@attrs.frozen
class RowPlacement:
    """The candidate placements of one row and how they came about."""

    candidates: tuple[Candidate, ...]
    how: str  # exact | window | short | long | glued | empty
    printed: tuple[RawCell, ...]  # the printed (non-empty) value cells, in order
    # The first candidate is the likeliest layout (a window: the row's empty cells read as printed
    # blanks; a long row: the trailing extra cells left out), taken when the arithmetic does not
    # prefer another placement.
    preferred: bool = False
    stopped: SearchStopped | None = None  # the digit search that did not finish: its cuts are missing
    # A value a laid-out table's columns contradict: the candidates read the text's order, which
    # only the columns' own equations can confirm (``resolution``: the row's sum holds in any order).
    off_columns: OffColumns | None = None
    # The candidates are guesses (numbers a wrap cut, rejoined) that only the arithmetic can confirm,
    # even one alone: where the row's equations can be checked and none fits, the row is left unknown.
    confirm: bool = False


def place_row(
    cells: Sequence[RawCell],
    width: int,
    padding: Padding = Padding(),
    rules: Sequence[LocalRule] = (),
    budget: SplitBudget | None = None,
    columns: Spans | None = None,
) -> RowPlacement:
    """The candidate placements of a row's value cells (empty cells included) in ``width`` columns,
    the table's layout ``padding`` set aside; ``rules`` are the row's own equations, ``budget`` the
    steps the report's digit searches may still take, ``columns`` where a laid-out table's value
    columns stand (``column_spans``)."""
    cells = padding.strip(cells)
    printed = tuple(c for c in cells if c.text)
    if not printed:
        return RowPlacement(((GAP,) * width,), "empty", printed)
    placement = _candidates(cells, printed, width, rules, budget)
    off = _moved(printed, width, columns)
    if off is None:
        return placement
    # The extractor moved part of the row: its text's order is a guess to confirm.
    return attrs.evolve(placement, off_columns=off, confirm=True)


def _moved(printed: Sequence[RawCell], width: int, columns: Spans | None) -> OffColumns | None:
    """A value of a laid-out row that the extractor moved, if the row's layout shows one: off the
    table's ``columns``, or a number under a blank mark of the row."""
    one_line = printed[0].line == printed[-1].line
    long = len(printed) > width
    if columns is not None and not (one_line and long):
        off = (
            _not_shifted_as_one(printed, columns)
            if one_line and len(printed) == width
            else _off_columns(printed, columns, rests=long)
        )
        if off is not None:
            return off
    return None if one_line else _stacked(_lines(printed))


def _candidates(
    cells: Sequence[RawCell],
    printed: tuple[RawCell, ...],
    width: int,
    rules: Sequence[LocalRule],
    budget: SplitBudget | None,
) -> RowPlacement:
    """A row's placements as its text gives them (``place_row``'s, before its layout's evidence)."""
    slots = [printed_cell(c) for c in printed]
    exact = RowPlacement((tuple(slots),), "exact", printed) if len(printed) == width else None
    one_line = printed[0].line == printed[-1].line
    if exact is not None and one_line:  # one line: its order is the reading
        return exact
    long = len(printed) > width
    if exact is not None:
        # A later line laid out under numbers that may have wrapped holds their rests, not cells of
        # its own (``90 2 410 9 …`` over ``5`` under 410: 4 and 10 run together, 10 / 5 was 105):
        # counted as cells, the values fill the row only by chance, which the arithmetic must confirm.
        return attrs.evolve(exact, confirm=True) if _under_columns(_lines(printed)) else exact
    if long:
        # Digits on a later line under numbers that filled their column's line are those numbers'
        # rest, not values to leave out: leaving out is for a row printed on one line.
        rejoined = _rejoined(printed, width)
        if isinstance(rejoined, SearchStopped):  # a part of the readings would be a guess
            return RowPlacement((), "long", printed, stopped=rejoined)
        lines = _lines(printed)
        if rejoined:  # one reading the layout's columns leave stands; any other the arithmetic must confirm
            sure = len(rejoined) == 1 and _under_columns(lines)
            return RowPlacement(tuple(rejoined), "long", printed, confirm=not sure)
        # Lines no wrap explains: which are values is a guess. One value a line is a layout's (one
        # cell a line) and reads as one line, unless a row's worth is extra: another row's values.
        if len(lines) > 1 and (any(len(line) > 1 for line in lines) or len(printed) >= 2 * width):
            return RowPlacement((), "long", printed)
        return RowPlacement(tuple(_leaving_out(slots, width)), "long", printed, preferred=True)
    found = split_digits(printed[0].text, width, rules, budget) if len(printed) == 1 else []
    stopped, splits = (
        (found, []) if isinstance(found, SearchStopped) else (None, _digit_splits(printed[0], width, found))
    )
    if printed[0].glued and (width > 1 or not is_value(printed[0].text)):  # separators lost: not one number
        return RowPlacement(tuple(splits), "glued", printed, stopped=stopped)
    window = _only_window(cells, width)
    blanks = () if window is None else tuple(printed_cell(c) for c in window)
    if window is not None and window[0].text and window[-1].text:  # blanks between printed cells, not padding
        return RowPlacement((blanks,), "window", printed)
    gaps = [*_with_gaps(slots, width), *splits]
    if window is None:
        return RowPlacement(tuple(gaps), "short", printed, stopped=stopped)
    return RowPlacement((blanks, *gaps), "window", printed, preferred=True, stopped=stopped)


def _digit_splits(cell: RawCell, width: int, found: Sequence[tuple[int, ...]]) -> list[Candidate]:
    """The placements of a run of digits cut at the start offsets ``found`` into ``width`` numbers."""
    out: list[Candidate] = []
    for starts in found:
        bounds = [*starts, len(cell.text)]
        parts = [
            RawCell(cell.text[bounds[i] : bounds[i + 1]], cell.line, cell.column + bounds[i]) for i in range(width)
        ]
        out.append(tuple(printed_cell(p) for p in parts))
    return out


def _only_window(cells: Sequence[RawCell], width: int) -> Sequence[RawCell] | None:
    """The one run of ``width`` consecutive cells that holds every printed cell, if exactly one does."""
    marked = [i for i, c in enumerate(cells) if c.text]
    starts = [s for s in range(len(cells) - width + 1) if s <= marked[0] and marked[-1] < s + width]
    return cells[starts[0] : starts[0] + width] if len(starts) == 1 else None


def _with_gaps(slots: list[Placed | Gap], width: int) -> list[Candidate]:
    if math.comb(width, len(slots)) > MAX_CANDIDATES:
        gaps = (GAP,) * (width - len(slots))
        return [(*slots, *gaps), (*gaps, *slots)]
    out = []
    for positions in itertools.combinations(range(width), len(slots)):
        row: list[Placed | Gap] = [GAP] * width
        for position, slot in zip(positions, slots, strict=True):
            row[position] = slot
        out.append(tuple(row))
    return out


def _rejoined(printed: Sequence[RawCell], width: int) -> list[Candidate] | SearchStopped:
    """The placements of a long row whose extra values are the rest of numbers a narrow column
    wrapped: a later line of the row's values (36428 / 1, or 5000 1234 / 00 567) may be the rest of
    as many numbers on the lines before it, in order, and a value may be the rest of the one just
    before it (an extractor that keeps a number's lines on one line of text), each first part long
    enough to have filled a column's line and no rest longer than it (the rest's line is as wide).
    Later lines printed under the row's columns (``pdftotext -layout``: ``_under_columns``) say
    whose rest each of their numbers is: one goes on a number waiting for its rest that it stands
    under; and in a row whose later lines are laid out at all, no two values are one number (a
    layout's columns are apart). Every such reading with ``width`` values; or, past
    ``MAX_REJOINED`` readings or ``MAX_REJOIN_STEPS`` steps, why not (the first ones found would
    all share the first joins tried: a guess)."""
    lines = _lines(printed)
    out: dict[Candidate, None] = {}  # in the order found, each once
    steps = [0]
    first = {(c.line, c.column): len(c.text) for c in printed}  # each value's first line, by where it starts
    by_columns = _under_columns(lines)

    def exhausted() -> bool:
        return len(out) > MAX_REJOINED or steps[0] > MAX_REJOIN_STEPS

    def extend(kept: list[RawCell], open_: tuple[int, ...], rest: list[list[RawCell]], joined: bool) -> None:
        """``kept``: the values so far, each with the column of its first line; ``open_``: those that
        may take a rest."""
        steps[0] += 1
        if len(kept) > width or exhausted():
            return
        if not rest:
            if joined and len(kept) == width:
                out[tuple(printed_cell(c) for c in kept)] = None
            return
        line, later = rest[0], rest[1:]
        if all(c.text.isdigit() for c in line):
            waiting = {i: (kept[i].column, kept[i].column + first[kept[i].line, kept[i].column]) for i in open_}
            under = [_under(c, waiting) if by_columns else () for c in line]
            for targets in itertools.combinations(open_, len(line)):
                pairs = list(zip(targets, line, under, strict=True))
                if any(below and target not in below for target, _, below in pairs) or any(
                    len(cell.text) > waiting[target][1] - waiting[target][0] for target, cell, _ in pairs
                ):  # a rest is under another number, or longer than the line its first part filled
                    continue
                cells = list(kept)
                for target, cell in zip(targets, line, strict=True):
                    cells[target] = attrs.evolve(cells[target], text=cells[target].text + cell.text)
                # A number whose rest filled its line too may go on (12 / 03 / 2).
                still = tuple(i for i in open_ if i not in targets or may_wrap(line[targets.index(i)].text))
                extend(cells, still, later, True)
        fresh = [i for i, c in enumerate(line, len(kept)) if may_wrap(c.text)]
        extend([*kept, *line], (*open_, *fresh), later, joined)

    def merge(at: int, groups: int, kept: list[RawCell]) -> None:
        """Consecutive values joined into ``groups`` numbers (an extractor that prints a number's
        rest on the line of its first part: 7 1249 9 / 3212 7 for 7 12499 32127)."""
        steps[0] += 1
        if exhausted():
            return
        if groups == 0:
            if at == len(printed):
                out[tuple(printed_cell(c) for c in kept)] = None
            return
        for end in range(at + 1, len(printed) - groups + 2):
            parts = printed[at:end]
            rest = parts[-1].text
            if len(parts) > 1 and not (
                all(may_wrap(c.text) for c in parts[:-1]) and rest.isdigit() and len(rest) <= len(parts[0].text)
            ):
                break  # a longer group holds the same parts
            merge(end, groups - 1, [*kept, attrs.evolve(parts[0], text="".join(c.text for c in parts))])

    extend([], (), lines, False)
    laid_out = _laid_out(lines)  # a layout prints lines top to bottom
    if exhausted() and not laid_out and _cell_by_cell(lines):  # its rests follow their numbers
        out.clear()
        steps[0] = 0
    if not laid_out:  # a layout's columns are never one number
        merge(0, width, [])
    if exhausted():
        return SearchStopped(f"there are more ways to rejoin them than its search may try ({MAX_REJOINED} readings)")
    return list(out)


def shared_line(
    upper: RowPlacement, lower: RowPlacement, lower_line: int, widths: tuple[int, int], padding: Padding = Padding()
) -> tuple[RowPlacement, RowPlacement]:
    """Two consecutive rows, each also read with a line of numbers between them as the other's
    (a narrow column's number centred in its cell: 36428 above 其他对外管理服务事项 283 41 1, whose 1
    is its rest, reads like the rest of the row above). Where the line may be either's, both rows
    get both readings, so no arithmetic-free table picks one; ``lower_line`` is the lower row's
    label's line, ``widths`` the rows' widths and ``padding`` the upper row's layout padding."""
    upper_width, width = widths
    lines = _lines(upper.printed)
    fragment = lines[-1] if len(lines) > 1 else []
    if (
        not fragment
        or not all(may_wrap(c.text) for c in fragment)
        or not fragment[0].line < lower_line <= min((c.line for c in lower.printed), default=0)
        or len(lower.printed) != width
        or len(upper.printed) - len(fragment) != upper_width  # the row was whole before the line
        or len(fragment) > width
    ):
        return upper, lower
    kept = place_row([c for line in lines[:-1] for c in line], upper_width, padding)
    prefixed = []
    for targets in itertools.combinations(range(width), len(fragment)):
        cells = list(lower.printed)
        for target, cell in zip(targets, fragment, strict=True):
            cells[target] = attrs.evolve(cells[target], text=cell.text + cells[target].text)
        prefixed.append(tuple(printed_cell(c) for c in cells))
    return (
        attrs.evolve(upper, candidates=(*upper.candidates, *kept.candidates), preferred=False),
        attrs.evolve(lower, candidates=(*lower.candidates, *prefixed), preferred=False),
    )


def rests_unsettled(placement: RowPlacement) -> RowPlacement:
    """A row read exactly over several lines whose later line is all digits after as many numbers
    that may have wrapped: that line may be their rest (``规章 236 133`` over ``299`` for 236, an
    empty blank, 133299) as well as cells of its own. Only arithmetic could say which, so the
    reading is a guess to confirm (``confirm``); for a table with none (table 二) it stays unknown."""
    if placement.how != "exact" or placement.confirm or placement.printed[0].separated:
        return placement  # explicit cells (tabs, one cell a line) are cells
    lines = _lines(placement.printed)
    wrapped = 0  # the numbers of the lines so far that may have wrapped
    for above, line in itertools.pairwise(lines):
        wrapped += sum(may_wrap(c.text) for c in above)
        right_below = line[0].line == above[0].line + 1  # not a column's numbers rebuilt into rows
        if right_below and all(c.text.isdigit() for c in line) and wrapped >= len(line):
            return attrs.evolve(placement, confirm=True)
    return placement


def _cell_by_cell(lines: Sequence[Sequence[RawCell]]) -> bool:
    """Whether a row's values may be printed cell after cell, each cell's lines together (pdfium's
    and ``pdftotext -raw``'s text of a PDF drawn cell by cell: ``9670 9181 9074 1147`` / ``8`` /
    ``5848 1724`` / ``3`` / ``6249`` / ``4``): a line holds more values than the line before it,
    or two lines running hold one each (``223`` / ``2`` / ``195`` / ``9``). Read line after line, a
    later line holds the rests of numbers above it, so rarely more (only one-line cells centred up
    and down between a wrapped number's lines), and one each only where a number's rest wrapped
    again. Read cell after cell, a number's rest follows it (``merge``): where the line-after-line
    readings are more than the search may try, those joins alone are read."""
    return any(
        len(after) > len(before) or len(after) == len(before) == 1 for before, after in itertools.pairwise(lines)
    )


def _under_columns(lines: Sequence[Sequence[RawCell]]) -> bool:
    """Whether a row's later lines stand under its columns (an extractor that keeps the page's
    layout): each such line indented to its first number or spaced out by more than a space, and
    each of its numbers right under one of the numbers before it that may have wrapped (their
    columns overlap: ``_under`` also takes those it touches). A line that is printed so but stands
    under none (a layout's row shifted off its columns) says nothing."""
    if not _laid_out(lines):
        return False
    laid_out = [i for i, line in enumerate(lines) if i and all(c.text.isdigit() for c in line) and _positioned(line)]
    for index in laid_out:
        before = [c for line in lines[:index] for c in line if may_wrap(c.text)]
        spans = {i: (c.column, c.column + len(c.text)) for i, c in enumerate(before)}
        if not all(_under(c, spans, reach=0) for c in lines[index]):
            return False
    return bool(laid_out)


def column_spans(rows: Sequence[Sequence[RawCell]], width: int) -> list[Spans | None]:
    """For each of a table's rows, where a laid-out table's value columns stand near it
    (``pdftotext -layout``: columns kept as runs of spaces, but each band of lines placed on its
    own): the character columns the values take in the complete rows printed just above and just
    below it, each with all its values on its first line, more than a space apart (a narrow
    column's rest on the line below moves none of them), and its columns those of the complete
    row next to it (a row the layout packed left under a long label, ``6  3856  7 …`` for 6 7
    38567, has columns of its own). None where no such row is near, or two columns' spans meet (no
    layout to read)."""
    printed_rows = [[c for c in cells if c.text] for cells in rows]
    firsts = (_lines(p)[0] for p in printed_rows if p)
    laid_out = sorted((f for f in firsts if len(f) == width > 1 and _spaced(f)), key=lambda f: f[0].line)
    complete = [
        row
        for i, row in enumerate(laid_out)
        if any(_same_columns(row, laid_out[j]) for j in (i - 1, i + 1) if 0 <= j < len(laid_out))
    ]
    lines = [p[0].line for p in complete]
    out: list[Spans | None] = []
    for printed in printed_rows:
        if not printed:
            out.append(None)
            continue
        at = bisect.bisect_left(lines, printed[0].line)
        after = at + 1 if at < len(lines) and lines[at] == printed[0].line else at  # not the row itself
        near = [complete[i] for i in (at - 1, after) if 0 <= i < len(complete)]
        if not near:
            out.append(None)
            continue
        spans = tuple(
            (min(r[i].column for r in near), max(r[i].column + len(r[i].text) for r in near)) for i in range(width)
        )
        out.append(None if any(a[1] + 1 >= b[0] for a, b in itertools.pairwise(spans)) else spans)
    return out


def _same_columns(row: Sequence[RawCell], other: Sequence[RawCell]) -> bool:
    """Whether two complete rows of a layout have each value under the other's (``_under``)."""
    return all(_under(a, {0: (b.column, b.column + len(b.text))}) for a, b in zip(row, other, strict=True))


def _off_columns(printed: Sequence[RawCell], columns: Spans, rests: bool) -> OffColumns | None:
    """A value of a laid-out row that stands under none of the table's columns while another
    stands under one: the extractor moved part of the row (``2  168`` for 1, 2 and 68; ``0  2503``
    over ``0  2  512  0  3017`` for 2503, 0, 0, 2…; ``6  3856  7 …`` over ``7`` under 3856 for 6,
    7, 38567: 6 left of every column); or, in a row over several lines that holds no ``rests`` of
    wrapped numbers (those stand under earlier columns), a value under a column left of the one
    before it (``471`` over ``3  52  0 …`` for 471, 52, 3: neither the text's order nor the
    columns' is the row's). Which columns its values are is then a guess. A row all off the
    columns (shifted whole) says nothing."""
    if not any(_spaced(line) for line in _lines(printed)):
        return None
    spans = dict(enumerate(columns))
    under = [_under(c, spans) for c in printed]
    off = [c for c, below in zip(printed, under, strict=True) if not below]
    if len(off) == len(printed):  # shifted whole
        return None
    if off:
        return OffColumns(off[0], "stands under none of the table's columns while others do")
    if printed[0].line != printed[-1].line and not rests:
        for (before, above), (cell, below) in itertools.pairwise(zip(printed, under, strict=True)):
            if max(below) <= min(above):
                return OffColumns(cell, f"stands under a column left of that of {before.text}, printed before it")
    return None


def _not_shifted_as_one(printed: Sequence[RawCell], columns: Spans) -> OffColumns | None:
    """A laid-out row of one value a column, all on one line, whose values stand under their
    columns only if some are moved one way and some another: the extractor packed part of the row
    (``pdftotext -layout``'s ``2334    2     1    133`` for 2334 1 2 133: the first three left of
    their columns, the rest under theirs, and 1 and 2 out of the text's order). A row shifted as one
    (a text browser aligns a table by display width, so a label of wide characters moves every
    value after it by as many characters) is its layout's: each value under its column once the
    whole row is moved, by a shift a wide character between two values (a blank mark ／) may change
    by one a character."""
    if not _spaced(printed):
        return None
    low, high = -math.inf, math.inf  # the shifts of the row so far that put each value under its column
    for index, (cell, (left, right)) in enumerate(zip(printed, columns, strict=True)):
        drift = sum(not c.isascii() for c in printed[index - 1].text) if index else 0
        low, high = low - drift, high + drift
        # Under its column: the cell moved by ``shift`` overlaps it.
        low, high = max(low, left - cell.column - len(cell.text) + 1), min(high, right - cell.column - 1)
        if low > high:
            return OffColumns(cell, "is under its column only if the values before it are not")
    return None


def _stacked(lines: Sequence[Sequence[RawCell]]) -> OffColumns | None:
    """A number of a laid-out row's later line right under a blank mark of an earlier line: two
    cells in one column, so the extractor moved one (``pdftotext -layout``'s table 四 ``17  50  /``
    over ``92  /  7 …``, 92 under 其他's /, for 1715 5000 / / 92323: the total's first line left of
    尚未审结's /). Which columns its values are is then a guess. (A number under a number may be
    a crowded line's, moved by a character: ``4  9  8`` over ``37 37`` for 4 9 8 3729 3750.)"""
    if not _laid_out(lines):
        return None
    blanks: list[RawCell] = []  # the blank marks of the lines so far
    for line in lines:
        spans = dict(enumerate((c.column, c.column + len(c.text)) for c in blanks))
        for cell in line:
            below = () if read_number(cell.text).is_blank else _under(cell, spans, reach=0)
            if below:
                return OffColumns(cell, f"stands under the blank {blanks[below[0]].text} on a line above it")
        blanks += [c for c in line if read_number(c.text).is_blank]
    return None


def _spaced(line: Sequence[RawCell]) -> bool:
    """Whether a line's values stand more than a space apart, as a layout prints columns (explicit
    cells are apart by their separators and padding, which is no layout)."""
    return not line[0].separated and any(b.column > a.column + len(a.text) + 1 for a, b in itertools.pairwise(line))


def _laid_out(lines: Sequence[Sequence[RawCell]]) -> bool:
    """Whether a row over several lines is printed the way a layout prints it: a later line
    positioned, and one of its lines spaced out. A line of text puts one space between values, and
    a wrapped label's piece before a number on its line indents it by chance (pdfplumber's
    ``4.无 4666 1310 2893 …`` over ``正当 03``: 03 is under 4666 only by the label's length)."""
    return any(_positioned(line) for line in lines[1:]) and any(_spaced(line) for line in lines)


def _positioned(line: Sequence[RawCell]) -> bool:
    """Whether a line is printed the way a layout prints it: indented to its first number, or with
    more than a space between two, not one space apart from the line's start; never a line of
    explicit cells (a markdown converter's ``| 9074 1147 |`` over ``| 8 |``: 8 is the rest of the
    cell's last number, wherever the padding puts it)."""
    return not line[0].separated and (line[0].column > 1 or _spaced(line))


def _under(cell: RawCell, waiting: Mapping[int, tuple[int, int]], reach: int = 1) -> tuple[int, ...]:
    """Which of the numbers waiting for their rest (place → the columns of their first line)
    ``cell`` stands under: their columns overlap, or are ``reach`` columns apart (a layout's columns
    are the page's positions rounded to characters, one off in a narrow column: 60 under 13 printed
    as under 17)."""
    start, end = cell.column - reach, cell.column + len(cell.text) + reach
    return tuple(i for i, (left, right) in waiting.items() if left < end and start < right)


def _lines(cells: Sequence[RawCell]) -> list[list[RawCell]]:
    return [list(group) for _, group in itertools.groupby(cells, key=lambda c: c.line)]


def may_wrap(text: str) -> bool:
    """Whether a printed number may be the first line of one a narrow column wrapped."""
    return len(text) >= WRAPPED_DIGITS and text.isdigit()


def _leaving_out(slots: list[Placed | Gap], width: int) -> list[Candidate]:
    if math.comb(len(slots), width) > MAX_CANDIDATES:
        return [tuple(slots[:width]), tuple(slots[-width:])]
    # keep the leading values first: a trailing extra cell is the common case
    return [tuple(slots[i] for i in kept) for kept in itertools.combinations(range(len(slots)), width)]
