"""Numbers written in Chinese numerals: 十二 (12), 两百零五 (205), 二〇二〇 (2020, digit by digit).

Prose states counts either way (办结十二件); titles and dates print years digit by digit
(二〇二〇年). Only what such text uses is read: units up to 万, no fractions, no signs.
"""

from __future__ import annotations

DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_MYRIAD = "万"
CHINESE_NUMERALS = "".join(DIGITS) + "".join(_UNITS) + _MYRIAD


def chinese_number(text: str) -> int | None:
    """The integer ``text`` writes (Arabic digits too), or None if it is not one number."""
    if text.isdigit():
        return int(text)
    if not text or any(ch not in CHINESE_NUMERALS for ch in text):
        return None
    if all(ch in DIGITS for ch in text):  # 二〇二〇: digit by digit (一 and 五 alone are that too)
        return int("".join(str(DIGITS[ch]) for ch in text))
    high, _, low = text.rpartition(_MYRIAD)
    if _MYRIAD in high:
        return None
    below = _below_myriad(low) if low else 0
    above = (_below_myriad(high) if high else 1) if _MYRIAD in text else 0
    if below is None or above is None:
        return None
    return above * 10_000 + below


def _below_myriad(text: str) -> int | None:
    """一千二百零五 → 1205; 十二 → 12 (a leading 十 is 一十); None for what no number is written as."""
    total, digit, last_unit = 0, None, 10_000
    for ch in text:
        if ch in DIGITS:
            if digit is not None and DIGITS[ch] != 0:
                return None  # two digits with no unit between: 二三
            digit = DIGITS[ch] if DIGITS[ch] else None
        else:
            unit = _UNITS[ch]
            if unit >= last_unit or (digit is None and unit != 10):
                return None  # units must fall (not 十百), and only 十 goes without a digit (not 百)
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
    return total + (digit or 0)
