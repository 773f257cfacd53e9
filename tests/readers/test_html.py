"""The HTML reader: real lxml on pages made from the seeds, with a site around them, GBK bytes,
rowspan/colspan and breaks inside cells."""

from __future__ import annotations

import pytest
from conftest import DOCUMENTS, SEED_NAMES, exact, expected_cells, seed_text

import gixr_grammar
from gixr_grammar.readers.html import table_grid
from gixr_grammar.readers.source import read
from gixr_grammar.synth.documents import render_html


def _cells(name: str) -> dict[str, object]:
    return gixr_grammar.parse(seed_text(name)).cells()


@pytest.mark.parametrize("charset", ["utf-8", "gbk"])
@pytest.mark.parametrize("name", SEED_NAMES)
def test_a_seed_as_a_web_page_is_read_exactly(name: str, charset: str) -> None:
    page = render_html(_cells(name), charset=charset)
    report = gixr_grammar.parse_bytes(page)
    assert exact(report.cells(), name)
    assert report.meta.agency == expected_cells(name)["meta.agency"]
    source = read(page)
    assert not any(word in source.text for word in ("当前位置", "版权所有", "标题：", "分享到", "_hmt", "float"))


@pytest.mark.parametrize(("file", "name"), [("000_page.html", SEED_NAMES[0]), ("001_page_gbk.html", SEED_NAMES[1])])
def test_golden_pages(file: str, name: str) -> None:
    report = gixr_grammar.parse_file(DOCUMENTS / file)
    assert exact(report.cells(), name)
    cell = report.cell_records()["t3.new_received.total"]
    assert report.place(cell.line) is not None and report.place(cell.line).startswith("table 2, row ")  # type: ignore[union-attr]


def test_places_name_the_table_row_of_every_cell() -> None:
    report = gixr_grammar.parse_file(DOCUMENTS / "000_page.html")
    places = {report.place(c.line) for c in report.cell_records().values() if c.line is not None}
    assert places and all(p is not None and p.startswith("table ") for p in places)
    assert report.place(report.cell_records()["t4.review.upheld"].line) == "table 3, row 4"


def test_the_title_comes_from_the_page_when_the_report_prints_none() -> None:
    page = render_html(_cells(SEED_NAMES[0])).decode()
    page = page.replace('<h2 class="article-title">信阳市人民政府2020年政府信息公开工作年度报告</h2>', "")
    page = page.replace("<body>", "<body><h1>信阳市人民政府2020年政府信息公开工作年度报告</h1>")
    report = gixr_grammar.parse_bytes(page.encode())
    assert (report.meta.agency, report.meta.year) == ("信阳市人民政府", 2020)


def test_a_wrong_charset_declaration_falls_back_to_the_bytes() -> None:
    page = render_html(_cells(SEED_NAMES[0]), charset="gbk").replace(b'charset="gbk"', b'charset="utf-8"')
    assert exact(gixr_grammar.parse_bytes(page).cells(), SEED_NAMES[0])


def _table(rows: str) -> object:
    import lxml.html

    return lxml.html.fromstring(f"<table>{rows}</table>")


def test_rowspan_and_colspan_make_a_grid() -> None:
    table = _table(
        '<tr><td rowspan="2" colspan="2">角</td><td colspan="2">申请人</td></tr>'
        "<tr><td>自然人</td><td>法人</td></tr>"
        '<tr><td rowspan="2">三、办理结果</td><td>（一）予以公开</td><td>1</td><td>2</td></tr>'
        "<tr><td>（二）部分公开<br>（区分处理的）</td><td>3</td><td><p>4</p></td></tr>"
    )
    assert table_grid(table) == [  # type: ignore[arg-type]
        ["角", "", "申请人", ""],
        ["", "", "自然人", "法人"],
        ["三、办理结果", "（一）予以公开", "1", "2"],
        ["", "（二）部分公开 （区分处理的）", "3", "4"],
    ]


def test_absurd_spans_are_bounded() -> None:
    table = _table('<tr><td rowspan="99999" colspan="1e9">x</td><td colspan="100000">y</td></tr>')
    grid = table_grid(table)  # type: ignore[arg-type]
    assert len(grid) == 1 and grid[0][:2] == ["x", "y"] and len(grid[0]) == 201
