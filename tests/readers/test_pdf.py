"""The PDF reader: real pypdfium2 on PDFs reportlab makes from the seeds, with ruled tables whose
long labels wrap in narrow columns, merged cells, tables across pages and page numbers."""

from __future__ import annotations

import importlib
import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from conftest import DOCUMENTS, SEED_NAMES, exact, seed_text

import gixr_grammar
from gixr_grammar import NotTextError
from gixr_grammar.readers.source import read
from gixr_grammar.synth.documents import render_pdf
from gixr_grammar.synth.generate import random_reports
from gixr_grammar.synth.render import Style


@pytest.mark.parametrize("name", SEED_NAMES)
def test_a_seed_as_a_ruled_pdf_is_read_exactly(name: str) -> None:
    data = render_pdf(gixr_grammar.parse(seed_text(name)).cells())
    report = gixr_grammar.parse_bytes(data)
    assert exact(report.cells(), name)
    place = report.place(report.cell_records()["t3.total.total"].line)
    assert place is not None and place.startswith("page ") and ", table " in place


def test_golden_pdf() -> None:
    report = gixr_grammar.parse_file(DOCUMENTS / "003_report.pdf")
    assert exact(report.cells(), SEED_NAMES[3])


def test_wrapped_cells_are_one_cell_and_page_numbers_go() -> None:
    source = read((DOCUMENTS / "003_report.pdf").read_bytes())
    lines = source.text.splitlines()
    assert not [line for line in lines if line.strip().startswith("- ") and line.strip().endswith(" -")]
    partly = next(line for line in lines if "（二）部分公开" in line)
    assert "不计其他情形）" in partly  # the label's wrapped lines, on the row of its numbers
    assert source.places[lines.index(partly)].startswith("page ")


def test_a_table_across_pages_goes_on() -> None:
    source = read((DOCUMENTS / "003_report.pdf").read_bytes())
    pages = {p.split(",")[0] for p, line in zip(source.places, source.text.splitlines(), strict=True) if "\t" in line}
    assert len(pages) >= 2


def test_a_scanned_pdf_is_refused_clearly() -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = io.BytesIO()
    Image.new("L", (200, 100), 255).save(image, format="PNG")
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawImage(ImageReader(io.BytesIO(image.getvalue())), 50, 500, width=400, height=200)
    page.showPage()
    page.save()
    with pytest.raises(NotTextError, match="no text layer"):
        gixr_grammar.parse_bytes(out.getvalue())


def test_a_damaged_pdf_is_a_gixr_error() -> None:
    data = (DOCUMENTS / "003_report.pdf").read_bytes()
    with pytest.raises(NotTextError, match="pdfium cannot open"):
        gixr_grammar.parse_bytes(data[:300])


def _pages_damaged(data: bytes, pages: set[int]) -> bytes:
    """The PDF with the page objects ``pages`` (0-based) no longer pages: pdfium cannot load them."""
    parts = data.split(b"/Type /Page\n")
    assert len(parts) > max(pages) + 1
    return (
        b"".join(part + (b"/Type /Pxge\n" if i in pages else b"/Type /Page\n") for i, part in enumerate(parts[:-1]))
        + parts[-1]
    )


def test_a_page_pdfium_cannot_load_is_said_and_the_others_are_read() -> None:
    data = _pages_damaged((DOCUMENTS / "003_report.pdf").read_bytes(), {1})
    report = gixr_grammar.parse_bytes(data)
    damaged = [d for d in report.diagnostics if d.code == "damaged_page"]
    assert len(damaged) == 1 and damaged[0].severity == "error" and damaged[0].message.startswith("page 2: ")
    assert report.meta.title == "济源市人民政府2019年政府信息公开工作年度报告"  # page 1 was read
    place = report.place(damaged[0].line)  # the diagnostic stands at page 1's last line, before the gap
    assert place is not None and place.startswith("page 1")
    assert all(not (report.place(d.line) or "").startswith("page 2") for d in report.diagnostics)


def test_a_pdf_none_of_whose_pages_load_says_so() -> None:
    with pytest.raises(NotTextError, match=r"a damaged PDF: pdfium could not load pages 1, 2, 3"):
        gixr_grammar.parse_bytes(_pages_damaged((DOCUMENTS / "003_report.pdf").read_bytes(), {0, 1, 2}))


@pytest.mark.parametrize("name", SEED_NAMES)
def test_an_unruled_pdf_is_read_exactly(name: str) -> None:
    """Without rules a wrapped label's pieces stand on lines of their own, aligned to the template's
    rows; numbers a narrow column wrapped are joined again. Blank cells printed empty leave no
    trace without rules (seed 001's table 二): those come back unknown, never as another number."""
    cells = gixr_grammar.parse(seed_text(name)).cells()
    assert gixr_grammar.parse_bytes(render_pdf(cells, Style(blank="/"), ruled=False)).cells() == cells
    got = gixr_grammar.parse_bytes(render_pdf(cells, ruled=False)).cells()
    assert {k: got.get(k) for k, v in cells.items() if got.get(k) not in (v, None)} == {}


def test_a_number_wrapped_in_an_unruled_column_is_joined() -> None:
    cells = gixr_grammar.parse(seed_text(SEED_NAMES[0])).cells()
    source = read(render_pdf(cells, ruled=False))
    assert "行政许可\t443\t2\t1167545" in source.text.splitlines()


def _page_pdf(draw: Callable[[Any], None]) -> bytes:
    """A one-page PDF that ``draw`` draws on a reportlab canvas, its text in STSong-Light at 9 points
    (a CID font reportlab does not embed)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.setFont("STSong-Light", 9)
    draw(page)
    page.showPage()
    page.save()
    return out.getvalue()


def test_cells_drawn_as_boxes_make_a_table() -> None:
    """Some exports draw each cell as a stroked rectangle instead of grid lines; a shaded (filled)
    rectangle is no rule."""

    def draw(page: Any) -> None:
        page.setFillGray(0.9)
        page.rect(60, 640, 300, 60, stroke=0, fill=1)  # shading behind the table
        page.setFillGray(0)
        rows = [("规章", "1", "1", "1"), ("规范性文件", "213", "193", "663")]
        widths = (120, 60, 60, 60)
        for r, row in enumerate(rows):
            x = 60.0
            for text, width in zip(row, widths, strict=True):
                page.rect(x, 680 - r * 20, width, 20, stroke=1, fill=0)
                page.drawString(x + 4, 686 - r * 20, text)
                x += width
        page.drawString(60, 620, "本表之外的一行文字")

    source = read(_page_pdf(draw))
    assert source.text.splitlines() == ["规章\t1\t1\t1", "规范性文件\t213\t193\t663", "本表之外的一行文字"]
    assert source.places[:2] == ("page 1, table 1, row 1", "page 1, table 1, row 2")


def _lone_characters_pdf(lines: list[tuple[float, float, str]]) -> bytes:
    """A page with each text drawn on its own (one text object each)."""

    def draw(page: Any) -> None:
        for x, y, text in lines:
            page.drawString(x, y, text)

    return _page_pdf(draw)


def _reads_lone_cjk() -> bool:
    """Whether pdfium here reads a lone character of a font the PDF does not embed: only with a CJK
    font installed (none in CI), else its glyph has no box and pdfium's text page drops it."""
    import pypdfium2

    document = pypdfium2.PdfDocument(_lone_characters_pdf([(100, 700, "卷")]))
    try:
        return "卷" in document[0].get_textpage().get_text_range()
    finally:
        document.close()


def test_a_lone_character_without_glyphs_is_shown_and_said_never_dropped() -> None:
    """A label wrapped onto a line of one character (行政执法案 / 卷) in a font that is neither
    embedded nor installed: pdfium drops the 卷; the reader puts U+FFFD where it was, with a warning
    at its line naming the fix. With a CJK font installed the 卷 itself is read."""
    data = _lone_characters_pdf([(100, 700, "7.属于行政执法案"), (100, 690, "卷"), (100, 660, "结束语")])
    source = read(data)
    lines = source.text.splitlines()
    if _reads_lone_cjk():
        assert lines == ["7.属于行政执法案", "卷", "结束语"]
        assert source.diagnostics == ()
        return
    assert lines == ["7.属于行政执法案", "\ufffd", "结束语"]
    (warning,) = source.diagnostics
    assert (warning.code, warning.line, warning.column) == ("unreadable_glyphs", 2, 1)
    assert warning.message.startswith("page 1: 1 character drawn in a font the PDF does not embed")
    assert "fonts-noto-cjk" in warning.message


def test_a_pdf_of_only_unreadable_characters_says_so_not_scanned() -> None:
    data = _lone_characters_pdf([(100 + 12 * i, 700, ch) for i, ch in enumerate("政府信息公开")])
    if _reads_lone_cjk():
        assert read(data).text == "政府信息公开"
        return
    with pytest.raises(NotTextError, match="fonts it does not embed"):
        read(data)


def test_golden_word_export_with_rows_split_across_pages() -> None:
    """A Word file (python-docx, from seed 000) exported to PDF by LibreOffice 7.4 with its CJK
    font embedded, as agencies export theirs: rows break across pages (（三 / ）不予公开 and 1.属 /
    于国家秘密 on two pages) and are joined again, and table 四's header words break over the page
    too (结 果 / 维 持)."""
    report = gixr_grammar.parse_file(DOCUMENTS / "000_libreoffice.pdf")
    assert exact(report.cells(), SEED_NAMES[0])
    # Only the joins: the split header is no interruption of table 四.
    assert [(d.code, report.place(d.line), d.found) for d in report.diagnostics] == [
        ("page_break_joined", "page 1, table 2, row 8", "（三 / ）不 予公 开 1.属 / 于国 家秘 密"),
        ("page_break_joined", "page 2, table 1, row 9", "2.没 有现 / 成信 息需 要另 行制 作"),
    ]
    split = report.cell_records()["t3.denied_state_secret.total"]
    assert (split.value, report.place(split.line)) == (0, "page 1, table 2, row 8")
    assert report.place(report.cell_records()["t4.review.upheld"].line) == "page 4, table 1, row 2"


def test_a_table_going_on_over_pages_has_one_width() -> None:
    """Seed 001's HTML page printed to PDF by LibreOffice 7.4: table 二's part on page 2 has a fourth,
    empty grid column that its part on page 3 lacks. As one table, both parts' rows have four cells,
    so 行政事业性收费's empty first value and its 1 under 本年增/减 are placed as printed."""
    report = gixr_grammar.parse_file(DOCUMENTS / "001_libreoffice_html.pdf")
    assert exact(report.cells(), SEED_NAMES[1])
    assert report.cells()["t2.fees.items_change"] == 1
    assert report.diagnostics == ()
    source = read((DOCUMENTS / "001_libreoffice_html.pdf").read_bytes())
    parts = ("page 2, table 1,", "page 3, table 1,")  # table 二, and where it goes on
    rows = [
        line for line, place in zip(source.text.splitlines(), source.places, strict=True) if place.startswith(parts)
    ]
    assert rows[-1] == "政府集中采购\t332\t77180.86\t"  # four cells, as on page 2
    assert {line.count("\t") for line in rows} == {3}


def test_numbers_a_page_break_cut_are_joined_again() -> None:
    """Seed 003 with six- and seven-digit totals, its Word file exported by LibreOffice 7.4: the
    （七）总计 row breaks across pages with 500000 and 1234567 wrapped in their narrow columns, so
    page 2 ends in 5000 and 1234 and page 3 begins with 00 and 567. Page 3's part also lacks a label
    column (四、结转… spans all three), so its cells go where their left edges are."""
    data = (DOCUMENTS / "003_libreoffice_split_row.pdf").read_bytes()
    report = gixr_grammar.parse_bytes(data)
    cells = report.cells()
    assert [cells[f"t3.total.{c}"] for c in ("natural_person", "commercial", "research", "total")] == [
        82,
        500000,
        1234567,
        96,
    ]
    assert [cells[f"t3.carried_forward.{c}"] for c in ("natural_person", "commercial", "total")] == [2, 99999, 1234567]
    assert [(d.code, report.place(d.line), d.found) for d in report.diagnostics] == [
        ("page_break_joined", "page 1, table 2, row 9", "2.其他法 律行政法 规禁止公 / 开"),  # a label
        ("page_break_joined", "page 2, table 1, row 16", "5000 / 00 1234 / 567"),
    ]


def test_a_label_a_page_break_cut_is_joined_with_its_numbers() -> None:
    """A random 2021 report's Word file (large numbers in narrow columns) exported by LibreOffice 7.4:
    two table 三 rows break over pages with their labels and wrapped numbers both cut (4.保护第 /
    三方合法权益 with 2249 / 75; 2.申请人 / 逾期未按… with 1045 / 8, 1000 / 000, 9999 / 99). Each
    is one row again, every cell as rendered (the JSON beside the PDF)."""
    expected = json.loads((DOCUMENTS / "2021_libreoffice_label_split.json").read_text(encoding="utf-8"))
    report = gixr_grammar.parse_file(DOCUMENTS / "2021_libreoffice_label_split.pdf")
    cells = report.cells()
    assert {k: None if cells.get(k) is None else str(cells[k]) for k in expected} == expected
    assert cells["t3.denied_third_party_rights.research"] == 224975
    assert [cells[f"t3.other_unpaid_fee.{c}"] for c in ("natural_person", "commercial", "research")] == [
        10458,
        1000000,
        999999,
    ]
    assert [(d.code, report.place(d.line)) for d in report.diagnostics] == [
        ("page_break_joined", "page 1, table 2, row 11"),
        ("page_break_joined", "page 2, table 1, row 14"),  # page 2's first row went up to row 11
    ]


def test_only_the_rest_of_a_row_a_page_break_cut_joins_the_row_before() -> None:
    pdf = importlib.import_module("gixr_grammar.readers.pdf")
    cut = (False, True, False, False, True, True)  # the cells whose last line filled the cell
    assert pdf._joins(("", "（七）总计", "", "82", "5000", "1234"), ("", "", "", "", "00", "567"), cut)
    assert pdf._joins(("", "4.保护第", "", "82", "5000", "1234"), ("", "三方合法权益", "", "", "00", ""), cut)
    ended = (False, True, False, False, True, False)  # 1234 did not fill its cell
    assert not pdf._joins(("", "4.保护第", "", "82", "5000", "1234"), ("", "", "", "", "", "567"), ended)
    assert not pdf._joins(("", "4.保护第", "", "82", "5000", "1234"), ("", "", "", "", "权益", ""), cut)  # a word
    assert not pdf._joins(("", "4.保护第", "", "82", "5000", "1234"), ("", "7", "", "", "", ""), cut)  # a number
    ended = (True, False, False, False)
    assert not pdf._joins(("行政处罚", "", "5", "162"), ("行政强制", "", "", "3"), ended)  # a row of its own
    assert not pdf._joins(("", "100", "100", "100"), ("", "2", "3", "4"), (False, True, True, True))  # as many
    assert not pdf._joins(("行政处罚", "", "5", "162"), ("", "7", "", ""), (True, True, True, True))  # under nothing


@pytest.mark.parametrize("document", ["2019_libreoffice_narrow", "2021_libreoffice_narrow"])
def test_word_tables_of_equal_columns_read_exact(document: str) -> None:
    """Random reports' Word files (python-docx, no column widths: LibreOffice makes every column as
    narrow as the widest needs) exported to PDF with a CJK font embedded: labels two characters a
    line, five-digit totals wrapped, table 二's two-value rows in a grid of three value columns
    (行政事业性收费⇥⇥274⇥). Every cell as rendered (the JSON beside the PDF)."""
    expected = json.loads((DOCUMENTS / f"{document}.json").read_text(encoding="utf-8"))
    cells = gixr_grammar.parse_file(DOCUMENTS / f"{document}.pdf").cells()
    assert {k: None if cells.get(k) is None else str(cells[k]) for k in expected} == expected


def test_a_negative_number_whose_sign_wrapped_alone_is_one_number() -> None:
    """A random report's Word file with its columns sized as agencies' templates (labels wide,
    numbers narrow), exported to PDF by LibreOffice: 本年增/减's -1157 wraps after its sign, ``-``
    over ``1157``. Read as ``- 1157``, the blank mark - and 1157 made 行政处罚's row four values,
    and its 处理决定数量 1157. Every cell as rendered."""
    expected = json.loads((DOCUMENTS / "2019_libreoffice_sized.json").read_text(encoding="utf-8"))
    report = gixr_grammar.parse_file(DOCUMENTS / "2019_libreoffice_sized.pdf")
    cells = report.cells()
    assert {k: None if cells.get(k) is None else str(cells[k]) for k in expected} == expected
    assert [cells[f"t2.penalties.{c}"] for c in ("items_change", "decisions")] == [-1157, 765239]


def test_two_values_a_narrow_gap_separates_are_two_words() -> None:
    """An unruled table's number that fills its column (219584) with the next column's blank mark
    closer than a cell gap: a space between them (a gap over half a font size), so two values."""

    def draw(page: Any) -> None:
        page.drawString(100, 700, "0")
        page.drawString(135, 700, "219584")  # 9-point digits: 27 points wide, then 8 points of gap
        page.drawString(170, 700, "/")

    assert read(_page_pdf(draw)).text.splitlines() == ["0\t219584 /"]


def test_a_numbering_alone_above_its_rows_values_is_read() -> None:
    """A random 2021 report as an unruled PDF: 3.补正后申请内容仍不明确 wraps so that its numbering
    stands alone right above the row's numbers (补正后申请内容 / 3. / 0 49 0 4 0 8 61 / 仍不明确);
    the numbers are the row's, not a stray line."""
    cells = [c for c, _ in random_reports(1, 2)][1]
    source = read(render_pdf(cells, Style(blank="/"), ruled=False))
    lines = source.text.splitlines()
    assert lines[lines.index("3.") + 1] == "0\t49\t0\t4\t0\t8\t61"
    report = gixr_grammar.parse_bytes(render_pdf(cells, Style(blank="/"), ruled=False))
    assert report.cells() == cells
    assert "unplaced_values" not in {d.code for d in report.diagnostics}
