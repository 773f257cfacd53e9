"""Chinese numerals as prose and dates write them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gixr_grammar.text.numerals import chinese_number

_DIGITS = "零一二三四五六七八九"


def _write(number: int) -> str:
    """``number`` (0 – 99,999,999) as Chinese numerals are usually written: 一万零三, 十二, 两百 as 二百."""
    if number < 10:
        return _DIGITS[number]
    high, low = divmod(number, 10_000)
    if high:
        rest = "" if not low else ("零" if low < 1000 else "") + _write(low)
        return _write(high) + "万" + rest
    out, zero = "", False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十")):
        digit, number = divmod(number, unit)
        if digit:
            out += (
                ("零" if zero and out else "")
                + ("" if digit == 1 and name == "十" and not out else _DIGITS[digit])
                + name
            )
            zero = False
        elif out:
            zero = True
    return out + (("零" if zero else "") + _DIGITS[number] if number else "")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("十二", 12),
        ("两", 2),
        ("两千", 2000),
        ("一百零五", 105),
        ("三万五千", 35000),
        ("二〇二〇", 2020),
        ("2020", 2020),
        ("零", 0),
    ],
)
def test_readings(text: str, value: int) -> None:
    assert chinese_number(text) == value


@pytest.mark.parametrize("text", ["", "百", "十百", "二万三万", "十二件", "1十"])
def test_what_no_number_is_written_as(text: str) -> None:
    assert chinese_number(text) is None


@given(st.integers(0, 99_999_999))
def test_every_number_written_out_reads_back(number: int) -> None:
    assert chinese_number(_write(number)) == number
