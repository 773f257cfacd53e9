"""Digits that ran together with no separator (a crawler's text of an HTML table): every way to cut
them into a row's numbers that the row's own equations allow.

``640020470`` in a row of table 三 is 64 0 0 2 0 4 70: numbers have no leading zeros, and 总计 is the
sum of the six applicant columns. The search is depth-first over cut positions:
- a column whose value an equation fixes once the columns before it are known (a group's 总计) is
  not searched but computed, and must be printed next;
- where one equation sums every other column into the last one (table 三), each suffix of the
  digits is tried as that total first; no running sum may exceed it, and the digits left must be
  able to make parts that add up to what remains of it (n parts below 10^d have at most n·d
  digits; k digits in n ≤ 10 parts add up to less than 10^(k-n+2)).
It gives up past ``MAX_SPLIT_STEPS``; the row then stays unknown, with a diagnostic.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import attrs

from .rules import Equation

SIGNED_RUN = re.compile(r"[+-]?[0-9]+(?:[+-][0-9]+)*")  # digits, each number maybe signed (本年增/减)
MAX_SPLIT_STEPS = 200_000


@attrs.frozen
class LocalRule:
    """An equation that involves the cells of one row only, by column index (R3, R4)."""

    terms: tuple[tuple[int, int], ...]  # (column index, coefficient)
    last: int  # the highest column index the equation involves

    def holds(self, values: Sequence[int]) -> bool:
        return sum(coef * values[index] for index, coef in self.terms) == 0

    def partial(self, values: Sequence[int], column: int) -> int:
        """The rule's sum over the columns before ``column``."""
        return sum(coef * values[i] for i, coef in self.terms if i < column)

    def forced(self, values: Sequence[int]) -> int | None:
        """The value of column ``last`` that makes the rule hold, given the columns before it."""
        coef = dict(self.terms)[self.last]
        rest = sum(c * values[i] for i, c in self.terms if i != self.last)
        return -rest * coef if coef in (1, -1) else None


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


def split_digits(text: str, width: int, rules: Sequence[LocalRule]) -> list[tuple[int, ...]] | None:
    """The start offsets of the ``width`` numbers of each consistent split of ``text``; None past
    the step budget."""
    if len(text) < width or not SIGNED_RUN.fullmatch(text):
        return []
    try:
        return _Search(text, width, rules).run()
    except _OutOfBudget:
        return None


class _OutOfBudget(Exception):
    pass


class _Search:
    """The depth-first search. Completions from a point are memoised on (position, column, the
    partial sums of the rules still open): a row's splits are found in polynomial time."""

    def __init__(self, text: str, width: int, rules: Sequence[LocalRule]) -> None:
        self.text, self.width = text, width
        self.checks = [[r for r in rules if r.last == k] for k in range(width)]
        self.forcing = {r.last: r for r in rules if dict(r.terms)[r.last] in (1, -1)}
        # The rules still open at each column: they involve it or a later one, and an earlier one.
        self.open = [[r for r in rules if r.last >= k and any(i < k for i, _ in r.terms)] for k in range(width + 1)]
        whole = self.forcing.get(width - 1)
        unsigned = "+" not in text and "-" not in text
        sums_all = whole is not None and len(whole.terms) == width and len({c for _, c in whole.terms}) == 2
        self.bounded = unsigned and sums_all and width <= 11  # the last column totals the others (≤ 10)
        self.values: list[int] = []
        self.memo: dict[tuple[int, int, tuple[int, ...]], list[tuple[int, ...]]] = {}
        self.steps = 0
        self.limit = len(text)  # where the searched columns end (before the total, when bounded)
        self.bound: int | None = None

    def run(self) -> list[tuple[int, ...]]:
        if not self.bounded:
            return self._complete(0, 0)
        found = []
        for length in range(1, len(self.text) - self.width + 2):
            suffix = self.text[-length:]
            if (length > 1 and suffix[0] == "0") or len(self.text) - length > (self.width - 1) * length:
                continue  # a leading zero, or parts that cannot all be at most the total
            self.limit, self.bound, self.memo = len(self.text) - length, int(suffix), {}
            found += self._complete(0, 0)
        return found

    def _complete(self, start: int, column: int) -> list[tuple[int, ...]]:
        """Every way to place columns ``column``… from ``start`` to the end, given the values before."""
        if column == self.width:
            return [()] if start == len(self.text) else []
        key = (start, column, tuple(rule.partial(self.values, column) for rule in self.open[column]))
        known = self.memo.get(key)
        if known is not None:
            return known
        out = []
        for end in self._ends(start, column):
            self.steps += 1
            if self.steps > MAX_SPLIT_STEPS:
                raise _OutOfBudget
            value = int(self.text[start:end])
            if self.bound is not None and column < self.width - 1:
                rest = self.bound - sum(self.values) - value  # what the parts still to come add up to
                if rest < 0:
                    break  # longer parts are only larger
                parts, digits = self.width - 2 - column, self.limit - end
                if digits > parts * len(str(rest)) or len(str(rest)) > digits - parts + 2:
                    continue  # the digits left cannot make parts that add up to the rest
            self.values.append(value)
            if all(rule.holds(self.values) for rule in self.checks[column]):
                out += [(start, *rest) for rest in self._complete(end, column + 1)]
            self.values.pop()
        self.memo[key] = out
        return out

    def _ends(self, start: int, column: int) -> Sequence[int]:
        """Where the number of ``column`` that starts at ``start`` may end."""
        text = self.text
        rule = self.forcing.get(column)
        if self.bounded and column == self.width - 1 and start != self.limit:
            return []  # the total is the suffix this round tries
        if rule is not None:
            forced = rule.forced(self.values)
            printed = str(forced)
            return [start + len(printed)] if forced is not None and text.startswith(printed, start) else []
        if self.bounded and column == self.width - 2:  # the last part ends where the total starts
            return [self.limit] if start < self.limit and (text[start] != "0" or start + 1 == self.limit) else []
        later = self.width - column - 1 - (1 if self.bounded else 0)  # columns still to fit before limit
        if start >= self.limit:
            return []
        digits = start + 1 if text[start] in "+-" else start
        if digits >= self.limit:
            return []
        if text[digits] == "0":
            return [digits + 1] if digits + 1 <= self.limit - later else []
        sign = next((i for i in range(digits, self.limit) if text[i] in "+-"), self.limit)
        return range(digits + 1, min(sign, self.limit - later) + 1)
