from __future__ import annotations

from decimal import Decimal

import pytest

from gixr_grammar.text.values import is_value, read_number, split_values, to_wan_yuan


@pytest.mark.parametrize(
    "text", ["0", "+1036", "-8", "1,167,545", "77180.86万元", "251000元", "12件", "/", "—", "-", "无"]
)
def test_values(text: str) -> None:
    assert is_value(text)


@pytest.mark.parametrize("text", ["2020年", "1.属于国家秘密", "74.3%", "第二十条第(一)项", "IPv6"])
def test_not_values(text: str) -> None:
    assert not is_value(text)


def test_split_trailing_values() -> None:
    assert split_values("规章 0 0 0") == ("规章", [("0", 3), ("0", 5), ("0", 7)])
    assert split_values("行政强制 无 — 3") == ("行政强制", [("无", 5), ("—", 7), ("3", 9)])
    assert split_values("5 1 4") == ("", [("5", 0), ("1", 2), ("4", 4)])
    assert split_values("3.其他") == ("3.其他", [])


def test_digits_run_into_a_label_are_split_off() -> None:
    assert split_values("一、本年新收政府信息公开申请数量640020470") == (
        "一、本年新收政府信息公开申请数量",
        [("640020470", 16)],
    )


def test_reading_numbers() -> None:
    assert read_number("1,167,545").amount == Decimal(1167545)
    assert read_number("-8").amount == Decimal(-8)
    assert read_number("—").is_blank
    assert to_wan_yuan(read_number("251000元")) == Decimal("25.1")
    assert to_wan_yuan(read_number("77180.86万元")) == Decimal("77180.86")


def test_a_note_after_a_number_is_kept_and_the_number_read() -> None:
    assert is_value("22（其中修订16件）") and read_number("22（其中修订16件）").note == "其中修订16件"
    assert read_number("6(含2件)").amount == 6
    assert not is_value("（二）部分公开（区分处理的）") and not is_value("2020年（更正版）")


def test_a_noted_cell_in_a_table() -> None:
    from reports import report

    import gixr_grammar

    parsed = gixr_grammar.parse(report().replace("规范性文件\t4\t5\t6", "规范性文件\t4（其中修订1件）\t5\t6"))
    cell = parsed.cell_records()["t2.normative_documents.made"]
    assert (cell.value, cell.note, cell.raw) == (4, "其中修订1件", "4(其中修订1件)")  # raw: normalised
    assert parsed.cells()["t2.normative_documents.published"] == 5


def test_a_unit_a_space_after_its_number_is_the_numbers() -> None:
    """pdfium's text of a Word export puts a space where the font changes from the digits' to the
    unit's (``行政事业性收费 308160.51 万元``): the unit is still the number's, not a word after it."""
    assert split_values("行政事业性收费 308160.51 万元") == ("行政事业性收费", [("308160.51 万元", 8)])
    assert to_wan_yuan(read_number("251000 元")) == Decimal("25.1")
    assert split_values("政府集中采购 12 项 7 万元") == ("政府集中采购", [("12 项", 7), ("7 万元", 12)])
    assert split_values("收到 5 项目") == ("收到 5 项目", [])  # 项目 is a word, not the unit 项
    assert not is_value("5  万元")  # two spaces: a layout's gap between two cells


def test_a_money_cell_with_its_unit_a_space_apart_in_a_table() -> None:
    from reports import report

    import gixr_grammar

    spaced = report().replace("政府集中采购\t24\t251000元", "政府集中采购 24 251000 元")
    assert spaced != report()
    cells = gixr_grammar.parse(spaced).cells()
    assert (cells["t2.procurement.projects"], cells["t2.procurement.amount"]) == (24, Decimal("25.1"))
