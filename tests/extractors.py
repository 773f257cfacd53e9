"""The PDF text extractors users run on agencies' PDFs, as the extractor-text tests run them: pdfium's
text (pypdfium2), pdfplumber's, poppler's ``pdftotext -layout`` and ``-raw``, and markitdown's PDF to
markdown. One that is not installed is the reason instead."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Callable

Extractor = Callable[[bytes], str]


def pdfium_text(data: bytes) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def pdfplumber_text(data: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def markitdown_text(data: bytes) -> str:
    """markitdown's PDF to markdown (its tables by pdfplumber as pipe tables, the rest as text; the
    whole page by pdfminer where it finds no table), as a user converting a report to markdown gets."""
    from markitdown import MarkItDown, StreamInfo

    converter = MarkItDown(enable_plugins=False)
    pdf = StreamInfo(extension=".pdf", mimetype="application/pdf")
    return str(converter.convert_stream(io.BytesIO(data), stream_info=pdf).text_content)


def _pdftotext(mode: str) -> Extractor:
    def extract(data: bytes) -> str:
        done = subprocess.run(
            ["pdftotext", mode, "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
        )
        return done.stdout.decode("utf-8")

    return extract


def available() -> dict[str, Extractor | str]:
    """Extractor name → the extractor, or why it cannot run here."""
    extractors: dict[str, Extractor | str] = {"pdfium": pdfium_text}
    try:
        import pdfplumber  # noqa: F401

        extractors["pdfplumber"] = pdfplumber_text
    except ImportError:
        extractors["pdfplumber"] = "pdfplumber is not installed (pip install pdfplumber)"
    try:
        import markitdown  # noqa: F401

        extractors["markitdown"] = markitdown_text
    except ImportError:
        extractors["markitdown"] = "markitdown is not installed (pip install 'markitdown[pdf]')"
    for mode in ("-layout", "-raw"):
        name = f"pdftotext{mode}"
        has = shutil.which("pdftotext") is not None
        extractors[name] = _pdftotext(mode) if has else "pdftotext is not installed (apt-get install poppler-utils)"
    return extractors


EXTRACTORS = available()
# The extractors that can run here, by name, in name order (the others skip with their reason).
INSTALLED: dict[str, Extractor] = {n: e for n, e in sorted(EXTRACTORS.items()) if not isinstance(e, str)}
