"""Reader speed, each against a baseline measured in the same run on the same documents.

    python -m benchmarks.readers [--reports 40]

Generated reports (``synth``) are rendered as PDFs with ruled tables, as HTML pages and as Word
files, then timed, best of three passes:
- PDF → data (``parse_bytes``: pypdfium2 characters and rules, the grammars, the arithmetic) against
  pypdfium2's bare text extraction of the same pages (``get_text_range``), and against pdfplumber's
  ``extract_text`` when pdfplumber is installed (it is not a dependency);
- HTML → data against the text parse of the same report (``parse`` of its text rendering);
- Word → data against the same text parse;
- real tools' PDFs (``tests/data/documents/*libreoffice*.pdf``: Word files and web pages exported
  by LibreOffice, their fonts embedded) → data against pypdfium2's bare text of them.
Each PDF row also gives the floor any reader of boxes pays: pypdfium2's loose box of every character
and the bounds of every page object (the issue's "character boxes and path objects"), against the
same bare text.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pypdfium2 as pdfium

import gixr_grammar
from gixr_grammar.readers.pdf import read_pdf
from gixr_grammar.synth.documents import render_docx, render_html, render_pdf
from gixr_grammar.synth.generate import random_reports
from gixr_grammar.synth.render import Layout, render_report

EXPORTS = sorted((Path(__file__).parent.parent / "tests" / "data" / "documents").glob("*libreoffice*.pdf"))


def _best(work: Callable[[object], object], items: Sequence[object], passes: int = 3) -> float:
    best = float("inf")
    for _ in range(passes):
        start = time.perf_counter()
        for item in items:
            work(item)
        best = min(best, time.perf_counter() - start)
    return best


def _pdfium_text(data: object) -> None:
    document = pdfium.PdfDocument(data)
    for page in document:
        page.get_textpage().get_text_range()
    document.close()


def _boxes_and_objects(data: object) -> None:
    document = pdfium.PdfDocument(data)
    for page in document:
        textpage = page.get_textpage()
        for index in range(textpage.count_chars()):
            textpage.get_charbox(index, loose=True)
        for obj in page.get_objects():
            obj.get_bounds()
    document.close()


def _pdfplumber_text() -> Callable[[object], object] | None:
    try:
        import io

        import pdfplumber
    except ImportError:
        return None

    def extract(data: object) -> None:
        assert isinstance(data, bytes)
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                page.extract_text()

    return extract


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=40)
    args = parser.parse_args()
    cells = [c for c, _ in random_reports(7, args.reports, (Layout.TABS,))]
    pdfs = [render_pdf(c) for c in cells]
    texts = [render_report(c, Layout.TABS) for c in cells]
    pages_html = [render_html(c) for c in cells]
    words = [render_docx(c) for c in cells]
    text = _best(lambda t: gixr_grammar.parse(t), texts)  # type: ignore[arg-type]
    print(
        f"{args.reports} generated reports, {_pages(pdfs)} PDF pages; {len(EXPORTS)} exported PDFs, {_pages(EXPORTS)} pages"
    )
    unreadable = sum(any(d.code == "unreadable_glyphs" for d in read_pdf(p).diagnostics) for p in pdfs)
    if unreadable:  # their labels are not whole: the table's rows are found by the alignment's search
        print(f"{unreadable} of them have glyphs no font here has (install a CJK font for what users see)")
    plumber = _pdfplumber_text()
    for name, documents in (("generated PDF", pdfs), ("exported PDF", [p.read_bytes() for p in EXPORTS])):
        if not documents:
            continue
        pages = _pages(documents)
        bare = _best(_pdfium_text, documents)
        data = _best(lambda d: gixr_grammar.parse_bytes(d), documents)  # type: ignore[arg-type]
        floor = _best(_boxes_and_objects, documents)
        print(
            f"{name:>14}: {_ms(data, pages)} ms/page; pypdfium2 text: {_ms(bare, pages)} ms/page; ratio {data / bare:5.2f}x"
        )
        print(f"{'':>14}  floor (char boxes + objects): {_ms(floor, pages)} ms/page, {floor / bare:5.2f}x the text")
        if plumber is not None:
            slow = _best(plumber, documents, passes=1)
            print(
                f"{'':>14}  pdfplumber extract_text: {_ms(slow, pages)} ms/page; PDF → data is {slow / data:5.1f}x faster"
            )
    for name, documents in (("HTML → data", pages_html), ("Word → data", words)):
        seconds = _best(lambda d: gixr_grammar.parse_bytes(d), documents)  # type: ignore[arg-type]
        print(
            f"{name:>14}: {_ms(seconds, args.reports)} ms/report; text parse: {_ms(text, args.reports)} ms/report; "
            f"ratio {seconds / text:5.2f}x"
        )
    if plumber is None:
        print("pdfplumber not installed: its text extraction not timed (pip install pdfplumber)")


def _pages(documents: Sequence[bytes | Path]) -> int:
    return sum(len(pdfium.PdfDocument(d)) for d in documents)


def _ms(seconds: float, units: int) -> str:
    return f"{seconds / units * 1e3:7.2f}"


if __name__ == "__main__":
    main()
