"""Placing a row's printed values in its columns, and repairing rows that lost or gained a cell.

A row whose count of printed values (numbers and blank marks) equals its width is placed in order.
Otherwise its empty cells may tell where the blanks are (one window of the right width holds every
printed value). Otherwise every order-keeping placement is a candidate — with gaps for a short row,
with values left out for a long one — and the table's equations (``rules``) keep the candidates
that are consistent, filling a gap only with the one value the arithmetic forces. A cell on which
the consistent candidates disagree stays unknown; nothing is invented.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from decimal import Decimal

import attrs

from .glued import LocalRule, split_digits
from .layout import RawCell
from .rules import Equation
from .values import Number, is_value, read_number

MAX_CANDIDATES = 5000  # per row; past this, only the left- and right-aligned placements are tried
MAX_COMBINATIONS = 4096  # across the ambiguous rows of one table


@attrs.frozen
class Slot:
    """One column of a candidate placement: a printed value, or a gap (number is None, cell None)."""

    number: Number | None
    cell: RawCell | None

    @property
    def is_gap(self) -> bool:
        return self.cell is None


GAP = Slot(None, None)
Candidate = tuple[Slot, ...]


@attrs.frozen
class Padding:
    """How many empty cells before and after its values are layout in every row of a table."""

    before: int = 0
    after: int = 0

    def strip(self, cells: Sequence[RawCell]) -> Sequence[RawCell]:
        before = min(self.before, _empties(cells))
        after = min(self.after, _empties(cells[::-1]), len(cells) - before)
        return cells[before : len(cells) - after]


def _empties(cells: Sequence[RawCell]) -> int:
    return next((i for i, c in enumerate(cells) if c.text), len(cells))


def layout_padding(rows: Sequence[Sequence[RawCell]], width: int) -> Padding:
    """The empty cells every complete row of a table has around its values: layout, not blanks
    (a table whose complete rows read ``label⇥⇥3⇥0…⇥19⇥`` pads every row with one cell each side)."""
    complete = [cells for cells in rows if sum(1 for c in cells if c.text) == width]
    if not complete:
        return Padding()
    return Padding(min(_empties(c) for c in complete), min(_empties(c[::-1]) for c in complete))


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


def place_row(
    cells: Sequence[RawCell], width: int, padding: Padding = Padding(), rules: Sequence[LocalRule] = ()
) -> RowPlacement:
    """The candidate placements of a row's value cells (empty cells included) in ``width`` columns,
    the table's layout ``padding`` set aside; ``rules`` are the row's own equations."""
    cells = padding.strip(cells)
    printed = tuple(c for c in cells if c.text)
    slots = [Slot(read_number(c.text), c) for c in printed]
    if not printed:
        return RowPlacement(((GAP,) * width,), "empty", printed)
    if len(printed) == width:
        return RowPlacement((tuple(slots),), "exact", printed)
    if len(printed) > width:
        return RowPlacement(tuple(_leaving_out(slots, width)), "long", printed, preferred=True)
    splits = _digit_splits(printed[0], width, rules) if len(printed) == 1 else []
    if printed[0].glued and (width > 1 or not is_value(printed[0].text)):  # separators lost: not one number
        return RowPlacement(tuple(splits), "glued", printed)
    window = _only_window(cells, width)
    blanks = () if window is None else tuple(Slot(read_number(c.text), c) for c in window)
    if window is not None and window[0].text and window[-1].text:  # blanks between printed cells, not padding
        return RowPlacement((blanks,), "window", printed)
    gaps = [*_with_gaps(slots, width), *splits]
    if window is None:
        return RowPlacement(tuple(gaps), "short", printed)
    return RowPlacement((blanks, *gaps), "window", printed, preferred=True)


def _digit_splits(cell: RawCell, width: int, rules: Sequence[LocalRule]) -> list[Candidate]:
    """The placements of a run of digits cut into ``width`` numbers the row's rules allow (``glued``)."""
    found = split_digits(cell.text, width, rules) or []
    out = []
    for starts in found:
        bounds = [*starts, len(cell.text)]
        parts = [
            RawCell(cell.text[bounds[i] : bounds[i + 1]], cell.line, cell.column + bounds[i]) for i in range(width)
        ]
        out.append(tuple(Slot(read_number(p.text), p) for p in parts))
    return out


def _only_window(cells: Sequence[RawCell], width: int) -> Sequence[RawCell] | None:
    """The one run of ``width`` consecutive cells that holds every printed cell, if exactly one does."""
    marked = [i for i, c in enumerate(cells) if c.text]
    starts = [s for s in range(len(cells) - width + 1) if s <= marked[0] and marked[-1] < s + width]
    return cells[starts[0] : starts[0] + width] if len(starts) == 1 else None


def _with_gaps(slots: list[Slot], width: int) -> list[Candidate]:
    if math.comb(width, len(slots)) > MAX_CANDIDATES:
        gaps = (GAP,) * (width - len(slots))
        return [(*slots, *gaps), (*gaps, *slots)]
    out = []
    for positions in itertools.combinations(range(width), len(slots)):
        row = [GAP] * width
        for position, slot in zip(positions, slots, strict=True):
            row[position] = slot
        out.append(tuple(row))
    return out


def _leaving_out(slots: list[Slot], width: int) -> list[Candidate]:
    if math.comb(len(slots), width) > MAX_CANDIDATES:
        return [tuple(slots[:width]), tuple(slots[-width:])]
    # keep the leading values first: a trailing extra cell is the common case
    return [tuple(slots[i] for i in kept) for kept in itertools.combinations(range(len(slots)), width)]


@attrs.frozen
class Placed:
    """The outcome for one cell: a printed value, a value the arithmetic forced, or unknown."""

    amount: Decimal | None
    number: Number | None  # the printed value, None for inferred and unknown cells
    cell: RawCell | None
    inferred: bool = False
    rule: str | None = None  # the rule id of the equation that forced an inferred value


UNKNOWN = Placed(None, None, None)
_GAP_VALUE = object()  # marks a gap in an assignment of values to addresses
MAX_SEARCH_STEPS = 100_000  # the joint search over many ambiguous rows gives up past this


@attrs.frozen
class Resolution:
    cells: dict[str, tuple[Placed, ...]]  # row key → one Placed per column
    # row key → the placements still possible, as values (None: unknown), only where several remain
    remaining: dict[str, tuple[tuple[Decimal | None, ...], ...]]


Assignment = dict[str, object]  # address → Slot (printed), Placed (decided) or _GAP_VALUE


@attrs.frozen
class _Outcome:
    values: Assignment
    holds: int  # equations about the rows that can be checked and hold
    fails: int  # equations about the rows that fail, or would need a negative or fractional value

    @property
    def consistent(self) -> bool:
        return self.fails == 0


def resolve(
    rows: Mapping[str, RowPlacement],
    addresses: Mapping[str, tuple[str, ...]],
    equations: Sequence[Equation],
) -> Resolution:
    """Choose each row's placement with the table's arithmetic; see the module docstring.

    Among a row's candidates, the consistent ones that let the most equations be checked and hold
    are kept (first for each row alone, then for all ambiguous rows together).
    """
    fixed: Assignment = {}
    options: dict[str, list[Assignment]] = {}
    for key, placement in rows.items():
        if placement.how == "empty" or not placement.candidates:  # nothing to place: no row is invented
            fixed.update(dict.fromkeys(addresses[key], UNKNOWN))
        elif len(placement.candidates) == 1:
            fixed.update(_assign(addresses[key], placement.candidates[0]))
        else:
            options[key] = [_assign(addresses[key], c) for c in placement.candidates]
    for key, assignments in options.items():  # each row alone first: removes most duplicates
        relevant = set(addresses[key])
        outcomes = [_propagate({**fixed, **a}, equations, relevant) for a in assignments]
        options[key] = _distinct([_only(o.values, addresses[key]) for o in _best(outcomes, rows[key].preferred)])
    best = _joint(options, fixed, equations, {addr for key in options for addr in addresses[key]})
    if best is not None:
        for key in options:
            options[key] = _distinct([_only(o.values, addresses[key]) for o in best])
    cells = {
        key: tuple(_agreed([a[addr] for a in options.get(key) or [fixed]]) for addr in addresses[key]) for key in rows
    }
    remaining = {
        key: tuple(tuple(_shown_value(a[addr]) for addr in addresses[key]) for a in opts)
        for key, opts in options.items()
        if len(opts) > 1
    }
    return Resolution(cells, remaining)


def _joint(
    options: dict[str, list[Assignment]], fixed: Assignment, equations: Sequence[Equation], relevant: set[str]
) -> list[_Outcome] | None:
    """The best outcomes over all ambiguous rows together: every combination of their options when
    there are few, else the consistent combinations a pruned search finds; None if neither decides."""
    if not options:
        return None
    if math.prod(len(opts) for opts in options.values()) <= MAX_COMBINATIONS:
        combinations: list[tuple[Assignment, ...]] = list(itertools.product(*options.values()))
    else:
        combinations = _consistent_combinations(options, fixed, equations)
    if not combinations or len(combinations) > MAX_COMBINATIONS:
        return None
    return _best([_propagate(_merged(fixed, combo), equations, relevant) for combo in combinations], preferred=False)


def _merged(fixed: Assignment, parts: Sequence[Assignment]) -> Assignment:
    merged = dict(fixed)
    for part in parts:
        merged.update(part)
    return merged


def _consistent_combinations(
    options: dict[str, list[Assignment]], fixed: Assignment, equations: Sequence[Equation]
) -> list[tuple[Assignment, ...]]:
    """Combinations of the rows' options (one per row, in ``options`` order) under which no equation
    that can be checked fails. A depth-first search checks each equation as soon as the last of its
    rows is chosen. Gives up (returns []) past MAX_SEARCH_STEPS; stops after MAX_COMBINATIONS + 1."""
    keys = list(options)
    depth_of = {addr: depth for depth, key in enumerate(keys) for addr in options[key][0]}
    due: list[list[Equation]] = [[] for _ in keys]
    for equation in equations:
        depths = [depth_of[addr] for addr, _ in equation.terms if addr in depth_of]
        if depths:
            due[max(depths)].append(equation)
    found: list[tuple[Assignment, ...]] = []
    chosen: list[Assignment] = []
    values = dict(fixed)
    steps = 0

    def walk(depth: int) -> bool:  # False: stop searching
        nonlocal steps
        if depth == len(keys):
            found.append(tuple(chosen))
            return len(found) <= MAX_COMBINATIONS
        for option in options[keys[depth]]:
            steps += 1
            if steps > MAX_SEARCH_STEPS:
                found.clear()
                return False
            values.update(option)
            if not any(_fails(equation, values) for equation in due[depth]):
                chosen.append(option)
                if not walk(depth + 1):
                    return False
                chosen.pop()
        return True

    walk(0)
    return found


def _fails(equation: Equation, values: Assignment) -> bool:
    total, gaps = _evaluate(equation, values)
    return total is not None and not gaps and total != 0


def _assign(addresses: tuple[str, ...], candidate: Candidate) -> Assignment:
    return {addr: (_GAP_VALUE if slot.is_gap else slot) for addr, slot in zip(addresses, candidate, strict=True)}


def _only(values: Assignment, addresses: tuple[str, ...]) -> Assignment:
    return {addr: values[addr] for addr in addresses}


def _best(outcomes: list[_Outcome], preferred: bool) -> list[_Outcome]:
    """The consistent outcomes under which the most equations hold; the preferred first outcome alone
    if it is among them. If none is consistent, the arithmetic decides nothing (the source itself is
    wrong): the preferred outcome (the layout's own reading) if there is one, else all of them."""
    consistent = [o for o in outcomes if o.consistent]
    if not consistent:
        return outcomes[:1] if preferred else outcomes
    top = max(o.holds for o in consistent)
    best = [o for o in consistent if o.holds == top]
    if preferred and best[0] is outcomes[0]:
        return best[:1]
    return best


def _value(entry: object) -> Decimal | object | None:
    """The number an assignment entry stands for in equations (None: blank, unknowable)."""
    if isinstance(entry, Slot):
        return entry.number.amount if entry.number is not None else None
    if isinstance(entry, Placed):
        return entry.amount
    return entry  # _GAP_VALUE


def _shown_value(entry: object) -> Decimal | None:
    value = _value(entry)
    return value if isinstance(value, Decimal) else None


def _propagate(values: Assignment, equations: Sequence[Equation], relevant: set[str]) -> _Outcome:
    """Fill the gaps that an equation with one unknown forces, then judge the result. An equation
    whose one gap would need a negative or fractional value fills nothing and counts as failing."""
    values = dict(values)
    stuck: set[int] = set()
    changed = True
    while changed:
        changed = False
        for index, equation in enumerate(equations):
            if index in stuck:
                continue
            total, gaps = _evaluate(equation, values)
            if total is None or len(gaps) != 1:
                continue
            addr, coef = gaps[0]
            forced = -total / coef
            if forced < 0 or forced != forced.to_integral_value():
                stuck.add(index)
                continue
            values[addr] = Placed(forced, None, None, inferred=True, rule=equation.rule)
            changed = True
    holds = fails = 0
    for index, equation in enumerate(equations):
        if not any(addr in relevant for addr, _ in equation.terms):
            continue
        total, gaps = _evaluate(equation, values)
        if index in stuck:
            fails += 1
        elif total is not None and not gaps:
            holds += total == 0
            fails += total != 0
    return _Outcome(values, holds, fails)


def _evaluate(equation: Equation, values: Assignment) -> tuple[Decimal | None, list[tuple[str, int]]]:
    """The sum of the known terms and the gaps of an equation; None if a term is absent or blank."""
    total, gaps = Decimal(0), []
    for addr, coef in equation.terms:
        value = _value(values.get(addr))
        if addr not in values or value is None:
            return None, []
        if value is _GAP_VALUE:
            gaps.append((addr, coef))
        else:
            assert isinstance(value, Decimal)
            total += coef * value
    return total, gaps


def _distinct(assignments: list[Assignment]) -> list[Assignment]:
    """One assignment per distinct set of values. Where duplicates take a value from a printed cell
    in one and from the arithmetic in another, the value is certain but not its cell: inferred."""
    groups: dict[tuple[object, ...], Assignment] = {}
    for assignment in assignments:
        key = tuple((addr, _value(entry)) for addr, entry in sorted(assignment.items()))
        kept = groups.setdefault(key, dict(assignment))
        for addr, entry in assignment.items():
            if _same_source(kept[addr], entry):
                continue
            amount = _value(entry)
            assert amount is None or isinstance(amount, Decimal)
            rule = next((e.rule for e in (kept[addr], entry) if isinstance(e, Placed) and e.rule), None)
            kept[addr] = Placed(amount, None, None, inferred=True, rule=rule)
    return list(groups.values())


def _same_source(a: object, b: object) -> bool:
    """Whether two entries for one cell are the same printed cell, or both not printed ones."""
    if isinstance(a, Slot) and isinstance(b, Slot):
        return a.cell == b.cell
    return a is b or (isinstance(a, Placed) and isinstance(b, Placed))


def _agreed(entries: list[object]) -> Placed:
    """One cell's outcome: known when every remaining placement gives it the same value."""
    values = {_value(e) for e in entries}
    if len(values) != 1 or _GAP_VALUE in values:
        return UNKNOWN
    first = entries[0]
    if isinstance(first, Placed):
        return first
    if isinstance(first, Slot) and all(isinstance(e, Slot) and e.cell == first.cell for e in entries):
        assert first.number is not None
        return Placed(first.number.amount, first.number, first.cell)
    amount = _value(first)
    assert amount is None or isinstance(amount, Decimal)
    rule = next((e.rule for e in entries if isinstance(e, Placed) and e.rule), None)
    return Placed(amount, None, None, inferred=True, rule=rule)
