"""Reader speed, each against a baseline measured in the same run on the same documents.

    python -m benchmarks.readers [--reports 40]

Generated reports (``synth``) are rendered as PDFs with ruled tables, as HTML pages and as Word
files, then timed, best of three passes:
- PDF → data (``parse_bytes``: pypdfium2 characters and rules, the grammars, the arithmetic) against
  pypdfium2's bare text extraction of the same pages (``get_text_range``), and against pdfplumber's
  ``extract_text`` when pdfplumber is installed (it is not a dependency);
- HTML → data against the text parse of the same report (``parse`` of its text rendering);
- Word → data against the same text parse;
- a real tool's PDF (``tests/data/documents/000_libreoffice.pdf``: a Word file exported by
  LibreOffice, its font embedded) → data against pypdfium2's bare text of it.
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

EXPORTED = Path(__file__).parent.parent / "tests" / "data" / "documents" / "000_libreoffice.pdf"


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
    pages = sum(len(pdfium.PdfDocument(p)) for p in pdfs)
    texts = [render_report(c, Layout.TABS) for c in cells]
    pages_html = [render_html(c) for c in cells]
    words = [render_docx(c) for c in cells]
    text = _best(lambda t: gixr_grammar.parse(t), texts)  # type: ignore[arg-type]
    pdf = _best(lambda d: gixr_grammar.parse_bytes(d), pdfs)  # type: ignore[arg-type]
    bare = _best(_pdfium_text, pdfs)
    rows = [
        ("PDF → data", pdf, pages, "pypdfium2 text", bare),
        ("HTML → data", _best(lambda d: gixr_grammar.parse_bytes(d), pages_html), args.reports, "text parse", text),  # type: ignore[arg-type]
        ("Word → data", _best(lambda d: gixr_grammar.parse_bytes(d), words), args.reports, "text parse", text),  # type: ignore[arg-type]
    ]
    if EXPORTED.exists():
        exported = [EXPORTED.read_bytes()] * 10
        exported_pages = len(pdfium.PdfDocument(exported[0])) * len(exported)
        rows.append(
            (
                "exported PDF",
                _best(lambda d: gixr_grammar.parse_bytes(d), exported),  # type: ignore[arg-type]
                exported_pages,
                "pypdfium2 text",
                _best(_pdfium_text, exported),
            )
        )
    plumber = _pdfplumber_text()
    print(f"{args.reports} generated reports, {pages} PDF pages")
    unreadable = sum(any(d.code == "unreadable_glyphs" for d in read_pdf(p).diagnostics) for p in pdfs)
    if unreadable:  # their labels are not whole: the table's rows are found by the alignment's search
        print(f"{unreadable} of them have glyphs no font here has (install a CJK font for what users see)")
    for name, seconds, units, baseline, base in rows:
        unit = "page" if "PDF" in name else "report"
        print(
            f"{name:>12}: {seconds / units * 1e3:7.2f} ms/{unit}; {baseline}: {base / units * 1e3:6.2f} ms/{unit}; ratio {seconds / base:5.2f}x"
        )
    if plumber is None:
        print("pdfplumber not installed: its text extraction not timed (pip install pdfplumber)")
    else:
        slow = _best(plumber, pdfs, passes=1)
        print(f"pdfplumber extract_text: {slow / pages * 1e3:7.2f} ms/page; PDF → data is {slow / pdf:5.1f}x faster")


if __name__ == "__main__":
    main()
