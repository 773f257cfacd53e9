"""Report titles as agencies print them: agency and year found whatever the wording."""

from __future__ import annotations

import pytest
from reports import report

import gixr_grammar


@pytest.mark.parametrize(
    "title",
    [
        "某某县人民政府2020年政府信息公开工作年度报告",
        "某某县人民政府\n2020 年政府信息公开工作年度报告",  # the agency on the line above
        "某某县人民政府\n\n二〇二〇年度政府信息公开工作年度报告",
        "某某县人民政府二〇二〇年政府信息公开工作年度报告",
        "某某县人民政府2020年政务公开工作年度报告",
        "某某县人民政府2020年政府信息公开工作年度报告（更正版）",
        "关于某某县人民政府2020年政府信息公开工作年度报告的公告",
        "某某县人民政府关于2020年政府信息公开工作年度报告的公告",
        "2020年某某县人民政府政府信息公开工作年度报告",
        "《某某县人民政府2020年度政府信息公开工作年度报告》",
    ],
)
def test_agency_and_year_of_every_wording(title: str) -> None:
    result = gixr_grammar.parse(report(title=title))
    assert (result.meta.agency, result.meta.year) == ("某某县人民政府", 2020)
    assert not [d for d in result.diagnostics if d.code.startswith("meta_")]
    assert result.meta.title_line == 1


def test_a_line_above_the_title_that_names_no_agency_is_not_taken_for_one() -> None:
    result = gixr_grammar.parse(report(title="首页 > 政务公开\n2020年政府信息公开工作年度报告"))
    assert (result.meta.agency, result.meta.year) == (None, 2020)
    assert [d.code for d in result.diagnostics if d.code.startswith("meta_")] == ["meta_missing"]


@pytest.mark.parametrize("label", ["标题：", "标题:", "标题： "])
@pytest.mark.parametrize("year", ["2020", " 2020 "])
def test_a_site_label_on_the_title_s_line_is_not_the_agency_s(label: str, year: str) -> None:
    """A printed page's text (its site chrome kept, ``pdftotext`` spacing the year): ``标题：…``
    on a line of its own, then the publication date, then the title again."""
    page = f"当前位置：首页 > 政务公开 > 年度报告\n{label}某某县人民政府{year}年政府信息公开工作年度报告\n发布日期：2021-01-20"
    result = gixr_grammar.parse(report(title=f"{page}\n某某县人民政府2020年政府信息公开工作年度报告"))
    assert (result.meta.agency, result.meta.year) == ("某某县人民政府", 2020)
    assert result.meta.title == f"某某县人民政府{year}年政府信息公开工作年度报告"  # as printed
