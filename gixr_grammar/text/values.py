"""Value cells: what counts as a number or a printed blank, and how it is read.

A value cell is a number (signed, with thousands separators, a decimal part and a unit such as 万元,
元 or 件, maybe with a note in brackets after it: 22（其中修订16件）), a blank marker (/, -, —, 无), or
digits beside damaged bytes (a number, but not which). ``split_values`` separates the values printed after a
label in the same cell (space-separated layouts, or digits run into the label).
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal

import attrs

from ..format.vocabulary import BLANK_WORDS, COUNT_UNITS, UNIT_WAN_YUAN, UNIT_YUAN

_UNITS = "|".join(re.escape(u) for u in (UNIT_WAN_YUAN, UNIT_YUAN, *COUNT_UNITS))
_NUMBER = rf"(?P<sign>[+-])?(?P<digits>\d{{1,3}}(?:[,，]\d{{3}})+|\d+)(?P<fraction>\.\d+)?(?:\s?(?P<unit>{_UNITS}))?"
_BLANK_MARKS = "/\\—–-~～"
_BLANK = rf"[{re.escape(_BLANK_MARKS)}]{{1,3}}|" + "|".join(re.escape(w) for w in BLANK_WORDS)
# A number decoding found damaged bytes in (U+FFFD beside its digits, ``normalize``): printed, but
# which number it was is lost.
_DAMAGED = rf"(?=[^\ufffd]*\ufffd)(?=\D*\d)[+-]?[\d\ufffd.,，]+(?:{_UNITS})?"
# A note after a number, in brackets: 22（其中修订16件）. The number is the cell's; the note is kept.
_NOTE = r"[（(][^（）()]*[）)]"
NUMBER_RE = re.compile(rf"{_NUMBER}\s*(?P<note>{_NOTE})?")
VALUE_RE = re.compile(f"(?:{_NUMBER}(?:\\s*{_NOTE})?)|(?:{_BLANK})|(?:{_DAMAGED})")
# A word, or a number and its unit a space apart (308160.51 万元: a PDF's digits and CJK in two fonts).
_WORD = re.compile(rf"{_NUMBER}(?!\S)|\S+")
# Digits run into the end of a label: 本年新收政府信息公开申请数量640020470.
_GLUED = re.compile(rf"(?P<label>.*[^\d\s.,+\-/])(?P<digits>[+-]?\d+(?:[+-]\d+)*(?:\.\d+)?(?:{_UNITS})?)")
# The last character of every value: a text ending otherwise has none (most prose lines).
_VALUE_ENDINGS = frozenset(
    "0123456789\ufffd）)"
    + _BLANK_MARKS
    + "".join(w[-1] for w in (UNIT_WAN_YUAN, UNIT_YUAN, *COUNT_UNITS, *BLANK_WORDS))
)


@functools.lru_cache(maxsize=4096)  # value cells are mostly the same few texts
def is_value(text: str) -> bool:
    return VALUE_RE.fullmatch(text) is not None


def split_values(text: str) -> tuple[str, list[tuple[str, int]]]:
    """Split ``label 1 2 3`` into the label and its trailing values with their 0-based offsets."""
    stripped = text.rstrip()
    if not stripped or stripped[-1] not in _VALUE_ENDINGS:
        return stripped, []
    words = [(m.group(), m.start()) for m in _WORD.finditer(text)]
    count = len(words)
    while count and is_value(words[count - 1][0]):
        count -= 1
    values = words[count:]
    if count:
        last, start = words[count - 1]
        glued = _GLUED.fullmatch(last)
        if glued:
            values.insert(0, (glued["digits"], start + glued.start("digits")))
            return text[: start + glued.end("label")].rstrip(), values
        return text[: start + len(last)], values
    return "", values


@attrs.frozen
class Number:
    """A value cell read without knowing its column: a Decimal with its unit, a blank, or a
    number whose digits were damaged."""

    amount: Decimal | None  # None: printed blank, or damaged
    unit: str | None
    damaged: bool = False
    note: str | None = None  # what the cell prints after its number, in brackets

    @property
    def is_blank(self) -> bool:
        return self.amount is None and not self.damaged


@functools.lru_cache(maxsize=4096)  # a report is mostly the same few small numbers
def read_number(text: str) -> Number:
    """Read one value cell (``is_value(text)`` must hold)."""
    match = NUMBER_RE.fullmatch(text)
    if match is None:
        return Number(None, None, damaged="\ufffd" in text)
    digits = match["digits"].replace(",", "").replace("，", "")
    amount = Decimal(f"{match['sign'] or ''}{digits}{match['fraction'] or ''}")
    note = match["note"][1:-1] if match["note"] else None
    return Number(amount, match["unit"], note=note)


def to_wan_yuan(number: Number) -> Decimal | None:
    """A money cell in 万元, the unit of every amount in the tables (251000元 → 25.1)."""
    if number.amount is None:
        return None
    if number.unit == UNIT_YUAN:
        return number.amount / 10000
    return number.amount
