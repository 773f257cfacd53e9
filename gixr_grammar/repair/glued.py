"""Digits that ran together with no separator (a crawler's text of an HTML table): every way to cut
them into a row's numbers that the row's own equations allow.

``640020470`` in a row of table 三 is 64 0 0 2 0 4 70: numbers have no leading zeros, and 总计 is the
sum of the six applicant columns. A row is a sequence of blocks: a column no rule constrains, or a
run of columns whose last is the sum of the others (table 三's row, each of table 四's three
groups). The search is a dynamic programme over (where a block starts, which block):
- a free column may end anywhere its digits allow;
- a sum block is tried with each way its end and its total's digits can fall; the digits before the
  total must then make parts that add up to it, searched on (position, parts left, what they must
  still add up to), where k parts below 10^d have at most k·d digits and k parts of D digits have
  one of at least ⌈D/k⌉ digits, so no more than the total allows is ever tried.
Rules of any other shape, or signed digits (本年增/减), are checked on the complete splits.

The search is bounded three ways, so that no text makes it slow: a run of more digits than its
numbers could have (``MAX_DIGITS_PER_NUMBER`` each) is not searched; one search stops after
``MAX_SPLIT_STEPS`` steps (every candidate cut and total tried is a step); and the searches of one
report share a ``SplitBudget``. A stopped search gives ``SearchStopped``: the row stays unknown,
with a diagnostic that says why.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import attrs

from ..format.rules import Equation

SIGNED_RUN = re.compile(r"[+-]?[0-9]+(?:[+-][0-9]+)*")  # digits, each number maybe signed (本年增/减)
# Steps measured on 2,100 generated rows: at most 31k where every number is below 10^5, 256k below
# 10^7, 483k below 10^9.
MAX_SPLIT_STEPS = 500_000  # one row's search
MAX_REPORT_SPLIT_STEPS = 800_000  # the searches of one report together: under a second here
MAX_DIGITS_PER_NUMBER = 12  # no count of these tables comes near 10^12; a longer run is not searched
Splits = list[tuple[int, ...]]  # start offsets of consecutive numbers
_NONE: Splits = []  # no split (shared: never extended)


@attrs.define
class SplitBudget:
    """The steps the digit searches of one report may still take."""

    left: int = MAX_REPORT_SPLIT_STEPS


@attrs.frozen
class SearchStopped:
    """A search that was not made or not finished: why, in words for a diagnostic."""

    reason: str


@attrs.frozen
class LocalRule:
    """An equation that involves the cells of one row only, by column index (R3, R4)."""

    terms: tuple[tuple[int, int], ...]  # (column index, coefficient)
    last: int  # the highest column index the equation involves

    def holds(self, values: Sequence[int]) -> bool:
        return sum(coef * values[index] for index, coef in self.terms) == 0

    @property
    def first(self) -> int:
        return min(index for index, _ in self.terms)

    @property
    def sums_run(self) -> bool:
        """Whether the rule says its last column is the sum of the columns from ``first`` before it."""
        columns = [index for index, _ in self.terms]
        signs = {coef * dict(self.terms)[self.last] for index, coef in self.terms if index != self.last}
        return sorted(columns) == list(range(self.first, self.last + 1)) and signs == {-1}


@attrs.frozen
class _Block:
    first: int
    last: int  # the total's column for a sum block; == first for a free column
    sums: bool

    @property
    def least_digits(self) -> int:
        return self.last - self.first + 1


def local_rules(equations: Sequence[Equation], rows: Mapping[str, Sequence[str]]) -> dict[str, tuple[LocalRule, ...]]:
    """For each row (key → its addresses), the ``equations`` whose every cell is in that row, by
    column index."""
    row_of = {addr: key for key, addresses in rows.items() for addr in addresses}
    column_of = {addr: i for addresses in rows.values() for i, addr in enumerate(addresses)}
    found: dict[str, list[LocalRule]] = {key: [] for key in rows}
    for equation in equations:
        keys = {row_of.get(addr) for addr, _ in equation.terms}
        key = keys.pop()
        if key is not None and not keys:
            terms = tuple((column_of[addr], coef) for addr, coef in equation.terms)
            found[key].append(LocalRule(terms, max(i for i, _ in terms)))
    return {key: tuple(rules) for key, rules in found.items()}


def split_digits(
    text: str, width: int, rules: Sequence[LocalRule], budget: SplitBudget | None = None
) -> Splits | SearchStopped:
    """The start offsets of the ``width`` numbers of each consistent split of ``text``, or why the
    search stopped; its steps are taken from ``budget`` (a budget of its own if None)."""
    if len(text) < width or not SIGNED_RUN.fullmatch(text):
        return []
    digits = sum(char.isdigit() for char in text)
    if digits > width * MAX_DIGITS_PER_NUMBER:
        return SearchStopped(
            f"{digits} digits are more than {width} numbers of at most {MAX_DIGITS_PER_NUMBER} digits have; "
            "not searched"
        )
    budget = budget or SplitBudget()
    if budget.left <= 0:
        return SearchStopped(f"the report's bound of {MAX_REPORT_SPLIT_STEPS} search steps is used up; not searched")
    limit = min(MAX_SPLIT_STEPS, budget.left)
    search = _Search(text, width, rules, limit)
    try:
        return search.run()
    except _OutOfBudget:
        bound = "the bound of one row" if limit == MAX_SPLIT_STEPS else "what the report's bound left"
        return SearchStopped(f"the search stopped after {limit} steps ({bound})")
    finally:
        budget.left -= search.steps


class _OutOfBudget(Exception):
    pass


def _blocks(width: int, rules: Sequence[LocalRule], signed: bool) -> tuple[list[_Block], list[LocalRule]]:
    """The row's blocks, and the rules they do not express (checked on complete splits)."""
    runs = {} if signed else {r.first: r for r in rules if r.sums_run}
    blocks: list[_Block] = []
    used: list[LocalRule] = []
    column = 0
    while column < width:
        run = runs.get(column)
        if run is not None and run.last < width:
            blocks.append(_Block(column, run.last, sums=True))
            used.append(run)
            column = run.last + 1
        else:
            blocks.append(_Block(column, column, sums=False))
            column += 1
    others = [rule for rule in rules if rule not in used]
    return blocks, others


class _Search:
    """The dynamic programme of the module docstring, memoised on (start, block)."""

    def __init__(self, text: str, width: int, rules: Sequence[LocalRule], limit: int) -> None:
        self.text, self.width, self.limit = text, width, limit
        self.blocks, self.others = _blocks(width, rules, signed="+" in text or "-" in text)
        # digits the blocks from each one on need at least
        self.least = [sum(b.least_digits for b in self.blocks[i:]) for i in range(len(self.blocks) + 1)]
        # digit sums of every prefix: a number is congruent to its digit sum mod 9, so parts can add up
        # to a total only if the digits before the total and the total's own have equal sums mod 9
        self.digit_sums = [0]
        for char in text:
            self.digit_sums.append(self.digit_sums[-1] + (int(char) if char.isdigit() else 0))
        self.memo: dict[tuple[int, int], Splits] = {}
        self.sums_memo: dict[tuple[int, int, int, int], Splits] = {}
        self.steps = 0

    def run(self) -> Splits:
        found = self._from(0, 0)
        return [split for split in found if all(rule.holds(self._values(split)) for rule in self.others)]

    def _step(self) -> None:
        self.steps += 1
        if self.steps > self.limit:
            raise _OutOfBudget

    def _values(self, split: tuple[int, ...]) -> list[int]:
        bounds = [*split, len(self.text)]
        return [int(self.text[bounds[i] : bounds[i + 1]]) for i in range(len(split))]

    def _from(self, start: int, block: int) -> Splits:
        """Every split of the text from ``start`` into the blocks from ``block`` on."""
        if block == len(self.blocks):
            return [()] if start == len(self.text) else []
        key = (start, block)
        known = self.memo.get(key)
        if known is not None:
            return known
        out: Splits = []
        limit = len(self.text) - self.least[block + 1]  # where this block must end by
        if self.blocks[block].sums:
            parts = self.blocks[block].last - self.blocks[block].first
            for end in range(start + parts + 1, limit + 1):
                tails = self._from(end, block + 1)
                for total_start in range(start + parts, end) if tails else ():
                    self._step()
                    total = self.text[total_start:end]
                    if (len(total) > 1 and total[0] == "0") or not self._sums_agree(start, total_start, end):
                        continue
                    for head in self._summing(start, total_start, parts, int(total)):
                        out += [(*head, total_start, *tail) for tail in tails]
        else:
            for end in self._ends(start, limit):
                self._step()
                out += [(start, *rest) for rest in self._from(end, block + 1)]
        self.memo[key] = out
        return out

    def _sums_agree(self, start: int, total_start: int, end: int) -> bool:
        """Whether the digits in [start, total_start) and those of the total in [total_start, end)
        agree mod 9, as parts and their sum must however the parts are cut."""
        sums = self.digit_sums
        return (sums[total_start] - sums[start] - sums[end] + sums[total_start]) % 9 == 0

    def _summing(self, start: int, end: int, parts: int, total: int) -> Splits:
        """Every cut of the digits in [start, end) into ``parts`` numbers that add up to ``total``."""
        self._step()
        left, digits = end - start, len(str(total))
        if left < parts or left > parts * digits:  # each part is at most the total
            return _NONE
        if parts <= 10 and digits > left - parts + 2:  # parts below 10^d add up below 10^(d+1)
            return _NONE
        if left > parts and 10 ** (-(-left // parts) - 1) > total:  # the longest part is too large
            return _NONE
        key = (start, end, parts, total)
        known = self.sums_memo.get(key)
        if known is not None:
            return known
        text = self.text
        out: Splits = []
        if parts == 1:
            if (left == 1 or text[start] != "0") and int(text[start:end]) == total:
                out = [(start,)]
        else:
            last = start + 1 if text[start] == "0" else min(end - parts + 1, start + digits)
            for cut in range(start + 1, last + 1):
                value = int(text[start:cut])
                if value > total:
                    break  # longer parts are only larger
                out += [(start, *rest) for rest in self._summing(cut, end, parts - 1, total - value)]
        self.sums_memo[key] = out
        return out

    def _ends(self, start: int, limit: int) -> Sequence[int]:
        """Where a free number that starts at ``start`` may end (it may be signed; no leading zero)."""
        text = self.text
        digits = start + 1 if start < len(text) and text[start] in "+-" else start
        if digits >= limit:
            return []
        if text[digits] == "0":
            return [digits + 1]
        sign = next((i for i in range(digits, limit) if text[i] in "+-"), limit)
        return range(digits + 1, sign + 1)
