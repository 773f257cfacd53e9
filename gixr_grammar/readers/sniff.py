"""What kind of document some bytes are, from the bytes themselves (a suffix can lie)."""

from __future__ import annotations

import enum
import io
import re
import zipfile


class Kind(str, enum.Enum):
    TEXT = "text"
    HTML = "html"
    DOCX = "docx"
    PDF = "pdf"
    DOC = "doc"  # a legacy OLE2 Word file (or another OLE2 Office file)
    ZIP = "zip"  # a ZIP that is no Word document


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_PDF = b"%PDF"
_PDF_WINDOW = 1024  # the header may follow some junk (the PDF standard allows it in the first 1 KB)
# An HTML document starts (after a BOM, blanks, an XML declaration and comments) with a doctype or a tag HTML pages open with.
_HTML_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?(?:\s|<\?xml[^>]*\?>|<!--.*?-->)*<(?:!doctype\s+html|html|head|meta|body|title)\b",
    re.I | re.S,
)
_HTML_WINDOW = 4096
_DOCUMENT = "word/document.xml"  # the part every Word document has


def sniff(data: bytes) -> Kind:
    """The kind of document ``data`` is; TEXT for anything no magic number names."""
    if data.startswith(_OLE2):
        return Kind.DOC
    if data.startswith(_ZIP):
        return Kind.DOCX if _is_docx(data) else Kind.ZIP
    if _PDF in data[:_PDF_WINDOW]:
        return Kind.PDF
    if _HTML_START.match(data[:_HTML_WINDOW]):
        return Kind.HTML
    return Kind.TEXT


def _is_docx(data: bytes) -> bool:
    """Whether a ZIP holds a Word document; one whose directory zipfile cannot read (damaged) by
    the name in its entries' headers, so that the reader says the Word file is damaged."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _DOCUMENT in archive.namelist()
    except Exception:  # a damaged directory fails in zipfile as BadZipFile, NotImplementedError, OSError…
        return _DOCUMENT.encode() in data
