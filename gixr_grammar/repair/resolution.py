"""Choosing among the candidate placements of a table's rows with the table's arithmetic.

Each row comes with its candidates (``placement.place_row``). A row with one candidate is fixed,
unless that one is a guess the arithmetic must confirm (``RowPlacement.confirm``).
The candidates of each other row are tried alone against the fixed rows, then the survivors of all
ambiguous rows together; a candidate is kept when it is consistent and lets the most equations be
checked and hold (an equation that fills a gap holds by construction: it counts for less than one
its printed numbers check). A gap is filled only with the value an equation forces. A cell on
which the kept candidates disagree stays unknown; nothing is invented.

Only the equations that involve the rows being tried are evaluated, with the fixed rows' terms
summed beforehand: fixed rows have no gaps, so an equation that could force or judge something
always involves one of the tried rows. Equations are evaluated on plain numbers.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

import attrs

from ..format.rules import Equation
from .placement import GAP, UNKNOWN, Candidate, Gap, Placed, RowPlacement

MAX_COMBINATIONS = 4096  # across the ambiguous rows of one table
MAX_SEARCH_STEPS = 100_000  # the joint search over many ambiguous rows gives up past this


Entry = Placed | Gap  # what an assignment gives one address
Assignment = dict[str, Entry]  # address → printed or decided (Placed), or GAP
Value = Decimal | None | Gap  # what an entry stands for in equations (None: blank, unknowable)


@attrs.frozen
class Resolution:
    cells: dict[str, tuple[Placed, ...]]  # row key → one Placed per column
    # row key → the placements still possible, as values (None: unknown), only where several remain
    remaining: dict[str, tuple[tuple[Decimal | None, ...], ...]]
    # rows whose readings are guesses the arithmetic must confirm (``RowPlacement.confirm``), and
    # none fits it: left unknown
    refuted: frozenset[str] = frozenset()
    # such rows no equation involves (table 二 has none): left unknown too, a guess being no reading
    unconfirmed: frozenset[str] = frozenset()
    # rows whose text's order the table's columns contradict (``RowPlacement.off_columns``), read in
    # that order because each of their numbers' column equations holds
    order_confirmed: frozenset[str] = frozenset()
    # such rows read in the order their column equations give instead (``_by_columns``); the other
    # such rows are unknown
    rearranged: frozenset[str] = frozenset()


@attrs.frozen
class _Outcome:
    entries: Assignment  # the tried rows' entries, forced gaps filled
    holds: int  # equations about the rows that can be checked with no gap and hold
    fails: int  # equations about the rows that fail, or would need a negative or fractional value
    forced: int = 0  # equations that filled their one gap with a count: they hold by construction

    @property
    def consistent(self) -> bool:
        return self.fails == 0


@attrs.frozen
class _Bound:
    """An equation with the terms the fixed rows give summed up: only its tried terms remain."""

    rule: str
    scope: str  # with ``rule``, which equation (``Equation.scope``)
    known: Decimal  # the sum of the terms on fixed rows
    terms: tuple[tuple[str, int], ...]  # (address, coefficient) on the rows being tried


class _Equations:
    """A table's equations, found by the addresses they involve."""

    def __init__(self, equations: Sequence[Equation]) -> None:
        self.all = tuple(equations)
        self._by_address: dict[str, list[int]] = {}
        for index, equation in enumerate(self.all):
            for addr, _ in equation.terms:
                self._by_address.setdefault(addr, []).append(index)

    def involving(self, addresses: Iterable[str]) -> list[Equation]:
        """The equations with a term at one of ``addresses``, in order."""
        found = {index for addr in addresses for index in self._by_address.get(addr, ())}
        return [self.all[index] for index in sorted(found)]


@functools.lru_cache(maxsize=64)  # a table's equations are one of a few fixed sets
def _indexed(equations: tuple[Equation, ...]) -> _Equations:
    return _Equations(equations)


@attrs.frozen
class _Scope:
    """The equations that involve the rows being tried, bound to the values of the other rows. An
    equation with a blank or absent known term can never be checked and forces nothing: it is left
    out. One that involves rows settled for this step but none being tried is judged once."""

    equations: tuple[_Bound, ...]
    holds: int = 0  # verdicts of the equations over settled rows alone
    fails: int = 0

    @classmethod
    def of(
        cls,
        tried: Iterable[str],
        equations: _Equations,
        known: Mapping[str, Value],
        settled: Iterable[str] = (),
    ) -> _Scope:
        tried = set(tried)
        bound, holds, fails = [], 0, 0
        for equation in equations.involving(tried.union(settled)):
            total, terms = Decimal(0), []
            for addr, coef in equation.terms:
                if addr in tried:
                    terms.append((addr, coef))
                    continue
                value = known.get(addr)
                if not isinstance(value, Decimal):  # blank or absent (known rows have no gaps)
                    break
                total += coef * value
            else:
                if terms:
                    bound.append(_Bound(equation.rule, equation.scope, total, tuple(terms)))
                else:
                    holds += total == 0
                    fails += total != 0
        return cls(tuple(bound), holds, fails)


def resolve(
    rows: Mapping[str, RowPlacement],
    addresses: Mapping[str, tuple[str, ...]],
    equations: Sequence[Equation],
) -> Resolution:
    """Choose each row's placement with the table's arithmetic; see the module docstring. A row
    whose values the layout's columns put in another order than its text's (``off_columns``) keeps
    its reading only where every number of it is confirmed by its column (``_column_confirmed``):
    the row's own sum holds in any order. Otherwise it is read in the order its columns give where
    they give one that uses its printed numbers (``_by_columns``), or else left unknown; either way
    the table is resolved again, so that nothing is inferred from its guess (and no other such row
    stays confirmed by it: until every one left is)."""
    rows = dict(rows)
    off = {key for key, placement in rows.items() if placement.off_columns is not None and placement.candidates}
    rearranged: set[str] = set()
    while True:
        resolution = _resolve(rows, addresses, equations)
        if not off:
            return attrs.evolve(resolution, rearranged=frozenset(rearranged))
        entries = {
            addr: placed
            for key, cells in resolution.cells.items()
            for addr, placed in zip(addresses[key], cells, strict=True)
        }
        printed = {addr: p.amount for addr, p in entries.items() if p.number is not None and p.amount is not None}
        unconfirmed = {key for key in off if not _column_confirmed(addresses[key], entries, printed, equations)}
        if not unconfirmed:
            return attrs.evolve(resolution, order_confirmed=frozenset(off), rearranged=frozenset(rearranged))
        suspect = {addr for key in off for addr in addresses[key]}
        sure = {addr: amount for addr, amount in printed.items() if addr not in suspect}
        for key in unconfirmed:
            reading = _by_columns(addresses[key], rows[key].candidates, sure, equations)
            rows[key] = attrs.evolve(rows[key], candidates=() if reading is None else (reading,), confirm=False)
            if reading is not None:
                rearranged.add(key)
        off -= unconfirmed


def _column_confirmed(
    row: tuple[str, ...], entries: Mapping[str, Placed], printed: Mapping[str, Value], equations: Sequence[Equation]
) -> bool:
    """Whether each printed number of a row (at addresses ``row``) is a term of an equation that
    involves no other cell of the row, all of whose terms are ``printed`` numbers (none inferred),
    and that holds: its column confirms where it stands. A cell its readings disagree on confirms
    nothing."""
    columns = _row_columns(row, equations)
    for addr in row:
        if entries[addr] == UNKNOWN:
            return False
        if addr not in printed:  # inferred, or a printed blank
            continue
        if not any(_evaluate(c, printed)[0] == 0 for c in columns if any(a == addr for a, _ in c.terms)):
            return False
    return True


def _row_columns(row: tuple[str, ...], equations: Sequence[Equation]) -> list[_Bound]:
    """The equations of a row's columns: those with exactly one term in the row (R1, R2; not its
    own sum, R3, which holds in any order of its cells)."""
    own = set(row)
    return [
        _Bound(e.rule, e.scope, Decimal(0), e.terms)
        for e in equations
        if len(own.intersection(a for a, _ in e.terms)) == 1
    ]


def _by_columns(
    row: tuple[str, ...], candidates: Sequence[Candidate], printed: Mapping[str, Value], equations: Sequence[Equation]
) -> Candidate | None:
    """A row's printed numbers in the columns its column equations put them: each cell's value is
    forced by an equation whose other terms are all ``printed`` numbers of other rows (every such
    equation forcing the same), and those values are the numbers of one of the row's readings,
    each used once (``2334 2 1 …`` for 2334 1 2 …: the extractor swapped two). None where a cell is
    not forced so, or no reading's numbers are the forced ones: the arithmetic would be inventing
    numbers."""
    columns = _row_columns(row, equations)
    forced: list[Decimal] = []
    for addr in row:
        values, with_gap = set(), {**printed, addr: GAP}
        for column in columns:
            total, gaps = _evaluate(column, with_gap)
            if total is not None and len(gaps) == 1 and gaps[0][0] == addr:
                values.add(-total / gaps[0][1])
        if len(values) != 1:
            return None
        forced.append(values.pop())
    for candidate in candidates:
        pool: dict[Decimal, list[Placed]] = {}
        for entry in candidate:
            if isinstance(entry, Placed) and entry.amount is not None:  # not a damaged number or a blank
                pool.setdefault(entry.amount, []).append(entry)
        if Counter({value: len(held) for value, held in pool.items()}) == Counter(forced):
            return tuple(pool[value].pop(0) for value in forced)
    return None


def _resolve(
    rows: Mapping[str, RowPlacement],
    addresses: Mapping[str, tuple[str, ...]],
    equations: Sequence[Equation],
) -> Resolution:
    indexed = _indexed(tuple(equations))
    cells: dict[str, tuple[Placed, ...]] = {}  # the fixed rows' cells
    fixed: dict[str, Value] = {}  # their values (an unknown cell is absent)
    options: dict[str, list[Assignment]] = {}
    for key, placement in rows.items():
        if placement.how == "empty" or not placement.candidates:  # nothing to place: no row is invented
            cells[key] = (UNKNOWN,) * len(addresses[key])
        elif len(placement.candidates) == 1 and GAP not in placement.candidates[0] and not placement.confirm:
            cells[key] = tuple(_agreed([entry]) for entry in placement.candidates[0])
            fixed.update((addr, p.amount) for addr, p in zip(addresses[key], cells[key], strict=True))
        else:
            options[key] = [_assign(addresses[key], c) for c in placement.candidates]
    refuted, unconfirmed = set(), set()
    for key, assignments in options.items():  # each row alone first: removes most duplicates
        scope = _Scope.of(addresses[key], indexed, fixed)
        outcomes = [_propagate(a, scope) for a in assignments]
        if rows[key].confirm and not scope.equations:
            unconfirmed.add(key)
        elif rows[key].confirm and not any(o.consistent for o in outcomes):
            refuted.add(key)
        options[key] = _distinct([o.entries for o in _best(outcomes, rows[key].preferred)])
    for key in refuted | unconfirmed:
        del options[key]
        cells[key] = (UNKNOWN,) * len(addresses[key])
    options.update(_joint(options, fixed, indexed))
    for key, opts in options.items():
        cells[key] = tuple(_agreed([a[addr] for a in opts]) for addr in addresses[key])
    remaining = {
        key: tuple(tuple(_shown_value(a[addr]) for addr in addresses[key]) for a in opts)
        for key, opts in options.items()
        if len(opts) > 1
    }
    return Resolution({key: cells[key] for key in rows}, remaining, frozenset(refuted), frozenset(unconfirmed))


def _joint(
    options: dict[str, list[Assignment]], fixed: Mapping[str, Value], equations: _Equations
) -> dict[str, list[Assignment]]:
    """The options all ambiguous rows keep together (rows the step leaves as they were are not
    returned). Rows down to one gapless option are settled: their equations are judged once.
    Every combination of the others' options is tried when there are few, else the consistent
    combinations a pruned search finds; if neither decides, nothing changes."""
    settled = {key: opts[0] for key, opts in options.items() if len(opts) == 1 and GAP not in opts[0].values()}
    unsettled = {key: opts for key, opts in options.items() if key not in settled}
    if not unsettled:
        return {}
    settled_entries = _merged(list(settled.values()))
    known = {**fixed, **_values(settled_entries)}
    scope = _Scope.of((a for opts in unsettled.values() for a in opts[0]), equations, known, settled_entries)
    if not scope.equations:  # nothing can tell the combinations apart
        return {}
    if math.prod(len(opts) for opts in unsettled.values()) <= MAX_COMBINATIONS:
        combinations: list[tuple[Assignment, ...]] = list(itertools.product(*unsettled.values()))
    elif scope.fails:  # a settled row breaks an equation no choice of the others mends
        combinations = []
    else:
        combinations = _consistent_combinations(unsettled, scope.equations)
    if not combinations or len(combinations) > MAX_COMBINATIONS:
        return {}
    best = _best([_propagate(_merged(combo), scope) for combo in combinations], preferred=False)
    return {
        key: _distinct([{addr: o.entries[addr] for addr in opts[0]} for o in best]) for key, opts in unsettled.items()
    }


def _merged(parts: Sequence[Assignment]) -> Assignment:
    merged: Assignment = {}
    for part in parts:
        merged.update(part)
    return merged


def _consistent_combinations(
    options: dict[str, list[Assignment]], equations: Sequence[_Bound]
) -> list[tuple[Assignment, ...]]:
    """Combinations of the rows' options (one per row, in ``options`` order) under which no equation
    that can be checked fails. A depth-first search checks each equation as soon as the last of its
    rows is chosen. Gives up (returns []) past MAX_SEARCH_STEPS; stops after MAX_COMBINATIONS + 1."""
    keys = list(options)
    depth_of = {addr: depth for depth, key in enumerate(keys) for addr in options[key][0]}
    due: list[list[_Bound]] = [[] for _ in keys]
    for equation in equations:  # bound to the other rows, so only terms on these rows remain
        due[max(depth_of[addr] for addr, _ in equation.terms)].append(equation)
    option_values = [[_values(option) for option in options[key]] for key in keys]
    found: list[tuple[Assignment, ...]] = []
    chosen: list[Assignment] = []
    values: dict[str, Value] = {}
    steps = 0

    def walk(depth: int) -> bool:  # False: stop searching
        nonlocal steps
        if depth == len(keys):
            found.append(tuple(chosen))
            return len(found) <= MAX_COMBINATIONS
        for option, numbers in zip(options[keys[depth]], option_values[depth], strict=True):
            steps += 1
            if steps > MAX_SEARCH_STEPS:
                found.clear()
                return False
            values.update(numbers)
            if not any(_fails(equation, values) for equation in due[depth]):
                chosen.append(option)
                if not walk(depth + 1):
                    return False
                chosen.pop()
        return True

    walk(0)
    return found


def _fails(equation: _Bound, values: Mapping[str, Value]) -> bool:
    total, gaps = _evaluate(equation, values)
    return total is not None and not gaps and total != 0


def _assign(addresses: tuple[str, ...], candidate: Candidate) -> Assignment:
    return dict(zip(addresses, candidate, strict=True))


def _best(outcomes: list[_Outcome], preferred: bool) -> list[_Outcome]:
    """The consistent outcomes under which the most equations hold that were checked with no gap
    to fill, then the most that filled one (an equation that fills a gap holds by construction: it
    only shows the value is a count, so a reading with gaps where one equation forces each is not
    better for it than one whose printed numbers more equations check); the preferred first
    outcome alone if it is among them. If none is consistent (the source itself is wrong), or no
    consistent one has an equation that holds or fills a gap while others fail, the arithmetic
    decides nothing: the preferred outcome (the layout's own reading) if there is one, else all."""
    consistent = [o for o in outcomes if o.consistent]
    top = max(((o.holds, o.forced) for o in consistent), default=(0, 0))
    if not consistent or (top == (0, 0) and len(consistent) < len(outcomes)):
        # None consistent, or none an equation confirms: those that fail are left out only because
        # they can be checked, and in a table whose source is wrong that is how a guess wins.
        return outcomes[:1] if preferred else outcomes
    best = [o for o in consistent if (o.holds, o.forced) == top]
    if preferred and best[0] is outcomes[0]:
        return best[:1]
    return best


def _value(entry: Entry) -> Value:
    return entry if entry is GAP else entry.amount


def _values(assignment: Assignment) -> dict[str, Value]:
    return {addr: _value(entry) for addr, entry in assignment.items()}


def _shown_value(entry: Entry) -> Decimal | None:
    value = _value(entry)
    return value if isinstance(value, Decimal) else None


def _propagate(assigned: Assignment, scope: _Scope) -> _Outcome:
    """Fill the gaps that an equation forces, and judge every equation once it has no gap left (a
    term's value never changes once known, so neither does its verdict). One gap is forced to the
    value that balances its equation; several whose terms have one sign are all zero where the
    known terms balance (counts are never negative: ``? + ? + 0 + 6 = 6``). An equation that would
    need a negative or fractional value fills nothing and counts as failing."""
    entries = dict(assigned)
    values = _values(assigned)
    holds, fails, forced = scope.holds, scope.fails, 0
    waiting = list(scope.equations)  # the equations with two gaps or more, in order
    changed = True
    while changed:
        changed = False
        still = []
        for equation in waiting:
            total, gaps = _evaluate(equation, values)
            if total is None:  # a blank term: never checked
                continue
            if not gaps:
                if not _filled_by(equation, entries):  # else it held when it filled, and was counted
                    holds += total == 0
                    fails += total != 0
                continue
            filled = _forced(total, gaps)
            if filled is None:
                still.append(equation)
            elif not filled:
                fails += 1
            else:
                for addr, value in filled.items():
                    values[addr] = value
                    entries[addr] = Placed(value, None, None, True, equation.rule, equation.scope)
                forced += len(filled) == 1  # zeros where the rest balances are a fact, not a test passed
                changed = True
        waiting = still
    return _Outcome(entries, holds, fails, forced)


def _filled_by(equation: _Bound, entries: Assignment) -> bool:
    """Whether the equation itself filled one of its terms (before, in the row's own step)."""
    return any(
        isinstance(e := entries[addr], Placed) and (e.rule, e.scope) == (equation.rule, equation.scope)
        for addr, _ in equation.terms
    )


def _forced(total: Decimal, gaps: list[tuple[str, int]]) -> dict[str, Decimal] | None:
    """The values an equation's gaps must take (``total`` being its known terms' sum), empty where
    none can be (a negative or fractional count), None where it does not force them."""
    if len(gaps) == 1:
        addr, coef = gaps[0]
        value = -total / coef
        return {addr: value} if value >= 0 and value == value.to_integral_value() else {}
    sign = gaps[0][1] > 0
    if any((coef > 0) != sign for _, coef in gaps):
        return None  # gaps on both sides: any value one takes, another can balance
    room = -total if sign else total  # what the gaps' own counts must add up to
    if room < 0:
        return {}
    return {addr: Decimal(0) for addr, _ in gaps} if room == 0 else None


_NO_GAPS: list[tuple[str, int]] = []


def _evaluate(equation: _Bound, values: Mapping[str, Value]) -> tuple[Decimal | None, list[tuple[str, int]]]:
    """The sum of the known terms and the gaps of an equation; None if a term is absent or blank."""
    total, gaps = equation.known, []
    for addr, coef in equation.terms:
        value = values.get(addr)
        if value is None:
            return None, _NO_GAPS
        if value is GAP:
            gaps.append((addr, coef))
        else:
            total += coef * value
    return total, gaps


def _distinct(assignments: list[Assignment]) -> list[Assignment]:
    """One assignment per distinct set of values. Where duplicates take a value from a printed cell
    in one and from the arithmetic in another, the value is certain but not its cell: inferred."""
    groups: dict[frozenset[tuple[str, Value]], Assignment] = {}
    for assignment in assignments:
        key = frozenset((addr, _value(entry)) for addr, entry in assignment.items())
        kept = groups.get(key)
        if kept is None:
            groups[key] = dict(assignment)
            continue
        for addr, entry in assignment.items():
            old = kept[addr]
            if _same_source(old, entry) or (isinstance(old, Placed) and old.cell is None):
                continue  # the same cell, or already not printed
            amount = _value(entry)
            assert amount is None or isinstance(amount, Decimal)
            rule, scope = (entry.rule, entry.scope) if isinstance(entry, Placed) else (None, None)
            kept[addr] = Placed(amount, None, None, True, rule, scope)
    return list(groups.values())


def _same_source(a: Entry, b: Entry) -> bool:
    """Whether two entries for one cell are the same printed cell, or both not printed ones."""
    return a is b or (isinstance(a, Placed) and isinstance(b, Placed) and a.cell == b.cell)


def _agreed(entries: list[Entry]) -> Placed:
    """One cell's outcome: known when every remaining placement gives it the same value."""
    first = entries[0]
    if len(entries) == 1:  # a fixed row
        return UNKNOWN if first is GAP else first
    values = {_value(e) for e in entries}
    if len(values) != 1 or first is GAP:
        return UNKNOWN
    if first.cell is None or all(isinstance(e, Placed) and e.cell == first.cell for e in entries):
        return first  # decided by the arithmetic, or the same printed cell in every placement
    rule = next((e.rule for e in entries if isinstance(e, Placed) and e.rule), None)
    return Placed(first.amount, None, None, inferred=True, rule=rule)
