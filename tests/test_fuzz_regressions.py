"""Inputs a fuzzer found (the coverage-guided ``fuzz/fuzz_parse.py``, or random damage to the bytes
of rendered documents) that once raised something other than a GixrError, or took too long: each
now gives a report or a GixrError, quickly."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import gixr_grammar
from gixr_grammar import GixrError

FOUND = sorted((Path(__file__).parent / "data" / "fuzz").iterdir())
MAX_SECONDS = 2.0


@pytest.mark.parametrize("path", FOUND, ids=[p.name for p in FOUND])
def test_a_found_input_gives_a_report_or_a_gixr_error(path: Path) -> None:
    start = time.perf_counter()
    try:
        for report in gixr_grammar.parse_all(path.read_bytes()):
            gixr_grammar.check(report)
    except GixrError as e:
        assert str(e)
    assert time.perf_counter() - start < MAX_SECONDS


@pytest.mark.parametrize("name", ["damaged_docx_zlib_error.docx", "damaged_docx_zip_version.docx"])
def test_the_damaged_word_file_says_so(name: str) -> None:
    with pytest.raises(gixr_grammar.NotTextError, match=r"a damaged Word \.docx"):
        gixr_grammar.parse_bytes((Path(__file__).parent / "data" / "fuzz" / name).read_bytes())


def test_an_xhtml_page_with_an_encoding_declaration() -> None:
    page = '<?xml version="1.0" encoding="gbk"?>\n<html><head><meta charset="gbk"></head><body><p>某县2020年政府信息公开工作年度报告</p><p>一、总体情况</p><p>无。</p></body></html>'
    report = gixr_grammar.parse_bytes(page.encode("gb18030"))
    assert report.meta.year == 2020
