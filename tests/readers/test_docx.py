"""The Word reader: real python-docx on files made from the seeds, merged cells expanded."""

from __future__ import annotations

import io

import docx
import pytest
from conftest import DOCUMENTS, SEED_NAMES, exact, seed_text

import gixr_grammar
from gixr_grammar.readers.docx import _grid
from gixr_grammar.synth.documents import render_docx


@pytest.mark.parametrize("name", SEED_NAMES)
def test_a_seed_as_a_word_file_is_read_exactly(name: str) -> None:
    data = render_docx(gixr_grammar.parse(seed_text(name)).cells())
    report = gixr_grammar.parse_bytes(data)
    assert exact(report.cells(), name)
    assert report.place(report.cell_records()["t3.granted.total"].line) is not None


def test_golden_word_file() -> None:
    report = gixr_grammar.parse_file(DOCUMENTS / "002_report.docx")
    assert exact(report.cells(), SEED_NAMES[2])
    assert report.place(report.meta.title_line) == "paragraph 1"


def test_merged_cells_are_expanded_on_the_grid() -> None:
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(1, 1)).text = "角"
    table.cell(0, 2).text = "总计"
    table.cell(1, 2).text = "7"
    table.cell(2, 0).merge(table.cell(2, 1)).text = "一、本年新收"
    table.cell(2, 2).text = "9"
    saved = io.BytesIO()
    document.save(saved)
    reread = docx.Document(io.BytesIO(saved.getvalue())).tables[0]
    assert _grid(reread) == [["角", "", "总计"], ["", "", "7"], ["一、本年新收", "", "9"]]


def test_golden_word_file_saved_by_libreoffice() -> None:
    """Seed 003's Word file opened and saved again by LibreOffice 7.4 (its own DOCX: grid, merges)."""
    report = gixr_grammar.parse_file(DOCUMENTS / "003_libreoffice.docx")
    assert exact(report.cells(), SEED_NAMES[3])
    assert report.diagnostics == ()


def test_a_text_pasted_into_word_keeps_its_tabs_and_blank_lines() -> None:
    """Seed 001's text (one cell a line, rows between blank lines, tab-indented cells) opened in
    LibreOffice and saved as DOCX: a paragraph with tabs is a row of cells, an empty paragraph a
    blank line, so the Word file reads as the text does."""
    report = gixr_grammar.parse_file(DOCUMENTS / "001_libreoffice_tabs.docx")
    text = gixr_grammar.parse(seed_text(SEED_NAMES[1]))
    assert exact(report.cells(), SEED_NAMES[1])
    assert [d.code for d in report.diagnostics] == [d.code for d in text.diagnostics] == ["missing_section"]
