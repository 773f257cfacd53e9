"""A report that prints no title, its title only in its file's metadata (a PDF's Title, a Word
file's core title): agency and year from there, said in ``meta_inferred`` diagnostics, as the last
resort after the printed title, the body and the signature."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

import gixr_grammar
from gixr_grammar.api import parse_source, with_file_name
from gixr_grammar.dataset.corpus import process
from gixr_grammar.readers.source import METADATA, Source, metadata_title, read
from gixr_grammar.synth.documents import render_docx, render_html, render_pdf
from gixr_grammar.synth.generate import random_reports

CELLS = next(c for c, _ in random_reports(11, 1))
RENDERERS: dict[str, Callable[..., bytes]] = {"pdf": render_pdf, "docx": render_docx}


def _inferred(report: gixr_grammar.Report) -> list[str]:
    return [d.message for d in report.diagnostics if d.code == "meta_inferred"]


@pytest.mark.parametrize("kind", sorted(RENDERERS))
def test_agency_and_year_come_from_the_metadata_title_when_none_is_printed(kind: str) -> None:
    report = gixr_grammar.parse_bytes(RENDERERS[kind](CELLS, title="metadata"))
    assert (report.meta.agency, report.meta.year) == (CELLS["meta.agency"], CELLS["meta.year"])
    assert report.meta.title is None  # the report prints none
    title = f"{CELLS['meta.agency']}{CELLS['meta.year']}年政府信息公开工作年度报告"
    assert _inferred(report) == [
        f"no report title names the year: {CELLS['meta.year']} is taken from the document's metadata title «{title}»",
        f"no report title names the agency: {CELLS['meta.agency']} is taken from the document's metadata title «{title}»",
    ]
    assert {k: v for k, v in report.cells().items() if k.startswith("t")} == {
        k: v for k, v in CELLS.items() if k.startswith("t")
    }


def _with_title(data: bytes, title: str) -> Source:
    """What the reader made of ``data``, its metadata naming ``title``."""
    return attrs.evolve(read(data), titles=((METADATA, title),))


@pytest.mark.parametrize("kind", sorted(RENDERERS))
def test_a_printed_title_wins_over_the_metadata(kind: str) -> None:
    """A Word file's Title property is often last year's (the file was copied): the printed title decides."""
    report = parse_source(_with_title(RENDERERS[kind](CELLS), "另一个局2015年政府信息公开工作年度报告"))
    assert (report.meta.agency, report.meta.year) == (CELLS["meta.agency"], CELLS["meta.year"])
    assert not _inferred(report)


@pytest.mark.parametrize(
    "title", ["(anonymous)", "文档1", "2023年工作总结", "某某局2023年政府信息公开工作年度报告的附件说明"]
)
def test_metadata_that_names_no_report_is_not_read_as_one(title: str) -> None:
    """reportlab's ``(anonymous)``, Word's ``文档1``, another document's title: no report title, so
    agency and year stay unknown, and say so."""
    report = parse_source(_with_title(render_pdf(CELLS, title="metadata"), title))
    assert (report.meta.agency, report.meta.year) == (None, None)
    assert [d.code for d in report.diagnostics if d.code.startswith("meta")] == ["meta_missing", "meta_missing"]


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        (
            "Microsoft Word - 某某局2023年政府信息公开工作年度报告.docx",
            "Microsoft Word - 某某局2023年政府信息公开工作年度报告",
        ),
        ("  某某局2023年政府信息公开\n工作年度报告.PDF ", "某某局2023年政府信息公开 工作年度报告"),
        ("", None),
        (None, None),
    ],
)
def test_a_metadata_title_loses_its_blanks_and_file_extension(raw: str | None, title: str | None) -> None:
    assert metadata_title(raw) == title


@pytest.mark.parametrize(
    "title",
    [
        "Microsoft Word - 某某镇2023年政府信息公开工作年度报告",  # Acrobat's PDFMaker
        "某某镇2023年政府信息公开工作年度报告_某某县人民政府门户网站",  # a site's <title>
        "某某镇2023年政府信息公开工作年度报告 - 某某县人民政府",
        "某某镇2023年政府信息公开工作年度报告|政府信息公开",
        "某某县人民政府 —— 某某镇2023年政府信息公开工作年度报告",
    ],
)
def test_the_report_title_is_found_among_what_sites_and_tools_join_to_it(title: str) -> None:
    report = parse_source(_with_title(render_pdf(CELLS, title="metadata"), title))
    assert (report.meta.agency, report.meta.year) == ("某某镇", 2023)
    assert all(f"«{title}»" in message for message in _inferred(report)) and len(_inferred(report)) == 2


def test_a_pages_title_fills_what_its_body_leaves_unknown() -> None:
    """A page whose body prints no title and no ``<h1>``: its ``<title>``, the site's name cut off,
    names the agency and the year; a page's title is metadata, so the report's title stays None."""
    page = render_html(CELLS).decode()
    title = f"{CELLS['meta.agency']}{CELLS['meta.year']}年政府信息公开工作年度报告"
    assert f"<title>{title}_某某县人民政府</title>" in page
    page = page.replace(f'<h2 class="article-title">{title}</h2>', "")
    report = gixr_grammar.parse_bytes(page.encode())
    assert (report.meta.agency, report.meta.year, report.meta.title) == (CELLS["meta.agency"], CELLS["meta.year"], None)
    assert len(_inferred(report)) == 2


def test_a_files_name_names_what_the_report_and_its_metadata_leave_unknown(tmp_path: Path) -> None:
    """Crawled reports are saved under their titles: ``parse_file``, ``gixr`` and ``gixr corpus`` read
    the name last, after the document's metadata, and only for a file that holds one report."""
    data = render_pdf(CELLS, title="metadata")
    path = tmp_path / "某某乡2022年政府信息公开工作年度报告.pdf"
    path.write_bytes(data)
    report = gixr_grammar.parse_file(path)  # the PDF's Title first
    assert (report.meta.agency, report.meta.year) == (CELLS["meta.agency"], CELLS["meta.year"])
    [record] = process(str(path))  # gixr corpus: the same
    assert (record["meta"]["agency"], record["meta"]["year"]) == (CELLS["meta.agency"], CELLS["meta.year"])
    named = parse_source(with_file_name(attrs.evolve(read(data), titles=()), path))  # no metadata title
    assert (named.meta.agency, named.meta.year) == ("某某乡", 2022)
    assert _inferred(named)[-1].endswith("is taken from the file's name «某某乡2022年政府信息公开工作年度报告»")
    # A title that names the year only, so the agency is unknown: read from the name for one report,
    # never for each of two in one file.
    one = read(render_pdf(CELLS)).text.replace(
        f"{CELLS['meta.agency']}{CELLS['meta.year']}年", f"{CELLS['meta.year']}年"
    )
    for copies, agencies in ((1, ["某某乡"]), (2, [None, None])):
        dump = tmp_path / f"{copies}" / "某某乡2022年政府信息公开工作年度报告.txt"
        dump.parent.mkdir()
        dump.write_text("\n".join([one] * copies), encoding="utf-8")
        assert [r["meta"]["agency"] for r in process(str(dump))] == agencies
