"""HTML tables inside a text: OCR and AI converters' markdown (MinerU, marker, docling write each
table they recognise as ``<table>`` HTML), read as the HTML reader reads a page's tables."""

from __future__ import annotations

import re
import sys

import lxml.html
import pytest
from conftest import DOCUMENTS, document_cells
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import Cells, report_cells

import gixr_grammar
from gixr_grammar.synth.documents import render_html
from gixr_grammar.synth.render import Style


def _converted(page: bytes) -> str:
    """A page as such a converter writes it: headings and paragraphs as markdown lines, each table
    as HTML on one line of its own, its rowspan and colspan kept, no other markup."""
    root = lxml.html.document_fromstring(page)
    out = []
    for element in root.xpath("//h1|//h2|//p|//table"):
        if element.tag == "table":
            table = lxml.html.tostring(element, encoding="unicode")
            out.append(re.sub(r"\s*\n\s*", "", re.sub(r'\s(border|cellspacing)="\d+"', "", table)))
        elif not element.xpath("ancestor::table"):
            out.append(("# " if element.tag in ("h1", "h2") else "") + element.text_content().strip())
    return "\n\n".join(out)


def test_a_kept_page_as_a_converter_s_markdown_is_exact() -> None:
    text = _converted((DOCUMENTS / "000_page.html").read_bytes())
    assert text.count("<table>") == 3
    report = gixr_grammar.parse(text)
    expected = document_cells("000_page")
    assert {k: (v, report.cells().get(k)) for k, v in expected.items() if str(report.cells().get(k)) != str(v)} == {}
    assert report.diagnostics == ()


def test_each_line_says_where_it_was() -> None:
    """A cell of a table row points at the text's line the table stood on, and at its row."""
    text = _converted((DOCUMENTS / "000_page.html").read_bytes())
    report = gixr_grammar.parse(text)
    record = report.cell_records()["t3.new_received.total"]
    assert record.line is not None
    table_line = next(n for n, line in enumerate(text.split("\n"), 1) if "申请人情况" in line)
    assert report.places[record.line - 1] == f"line {table_line}, table 2, row 4"


def test_a_text_s_own_lines_keep_their_places_and_their_diagnostics() -> None:
    text = _converted((DOCUMENTS / "000_page.html").read_bytes()).replace("全年主动公开", "全年\ufffd主动公开")
    report = gixr_grammar.parse(text.encode("utf-8").replace("\ufffd".encode(), b"\xff"))
    (damaged,) = [d for d in report.diagnostics if d.code == "damaged_bytes"]
    assert damaged.line is not None and "全年" in report_line(report, text, damaged.line)


def report_line(report: gixr_grammar.Report, text: str, line: int) -> str:
    """The text's own line that line ``line`` of what was parsed came from."""
    place = report.places[line - 1]
    return text.split("\n")[int(place.split()[1].rstrip(",")) - 1]


def test_without_lxml_the_tables_are_text_and_a_warning_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "lxml.html", None)  # import lxml.html raises ImportError
    text = _converted((DOCUMENTS / "000_page.html").read_bytes())
    report = gixr_grammar.parse(text)
    (missing,) = [d for d in report.diagnostics if d.code == "html_tables_unread"]
    assert "gixr-grammar[html]" in missing.message and missing.line == 13


@settings(max_examples=max(4, settings().max_examples // 4), deadline=None)
@given(report_cells(consistent=False), st.sampled_from(["/", "—"]))
def test_any_report_as_a_converter_s_markdown_reads_back_its_cells(cells: Cells, blank: str) -> None:
    """Property: render → HTML page → markdown with HTML tables → parse gives the rendered cells.
    Blanks are printed (an empty last cell of a table 四 row reads like a lost one, which the
    arithmetic fills, as in a page)."""
    parsed = gixr_grammar.parse(_converted(render_html(cells, Style(blank=blank)))).cells()
    assert {k: (v, parsed.get(k, "absent")) for k, v in cells.items() if parsed.get(k, "absent") != v} == {}
