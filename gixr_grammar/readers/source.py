"""A document's bytes to the text the parser reads, by the document's kind: ``read``.

A reader gives a ``Source``: text in the layout of a browser copy (a line per paragraph, a
tab-separated line per table row), and for each line where in the document it came from, so that
diagnostics and ``explain`` can say "table 3, row 12" where a text file would say "line 40".
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Sequence

import attrs

from ..errors import MissingExtraError, UnsupportedDocumentError
from ..model import Diagnostic
from ..text.decoding import decode
from .sniff import Kind, sniff


@attrs.frozen
class Source:
    """The text of a document, its kind, where each of its lines came from (empty for text: the
    line is the place), and what reading it found."""

    text: str
    kind: Kind
    places: tuple[str, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    # Titles named outside the text, most trusted first, each with where: the document's metadata
    # title (``metadata_title``), the file's name (``api.with_file_name``). For what the text leaves
    # unknown, in a text that holds one report.
    titles: tuple[tuple[str, str], ...] = ()


@attrs.define
class Lines:
    """The text a reader builds: a line per paragraph, a tab-separated line per table row."""

    lines: list[str] = attrs.field(factory=list)
    places: list[str] = attrs.field(factory=list)

    def paragraph(self, text: str, place: str) -> None:
        """A paragraph (its in-paragraph breaks kept as lines), blanks collapsed as a browser does."""
        for piece in text.splitlines():
            words = " ".join(piece.split())
            if words:
                self.lines.append(words)
                self.places.append(place)

    def table(self, grid: Sequence[Sequence[str]], place: str) -> None:
        """A table's rows, each cell's breaks and blanks collapsed to single spaces."""
        for number, row in enumerate(grid, 1):
            self.row(row, f"{place}, row {number}")

    def row(self, cells: Sequence[str], place: str) -> None:
        """One line of tab-separated cells."""
        self.lines.append("\t".join(" ".join(cell.split()) for cell in cells))
        self.places.append(place)

    def source(self, kind: Kind, diagnostics: Sequence[Diagnostic] = (), title: str | None = None) -> Source:
        titles = () if title is None else ((METADATA, title),)
        return Source("\n".join(self.lines), kind, tuple(self.places), tuple(diagnostics), titles)


METADATA = "the document's metadata title"
# A file's extension, which authoring tools leave in the title they write ("….docx").
_FILE_SUFFIX = re.compile(r"\.(docx?|wps|pdf|rtf|odt)$", re.IGNORECASE)


def metadata_title(value: str | None) -> str | None:
    """A document's metadata title (a PDF's Title, a Word file's core title, a page's ``<title>``),
    its blanks collapsed and a file extension cut; None for none. Whether it holds a report's
    title, the parser decides (``sections.infer_missing``)."""
    title = _FILE_SUFFIX.sub("", " ".join((value or "").split()))
    return title or None


_EXTRAS = {Kind.HTML: ("html", "lxml"), Kind.DOCX: ("docx", "docx"), Kind.PDF: ("pdf", "pypdfium2")}


def read(data: bytes) -> Source:
    """The source of a report file of any kind gixr reads: text in any encoding ``decode`` reads, an
    HTML page, a Word .docx, a PDF with a text layer; a clear error for what it cannot read (legacy
    .doc, other archives)."""
    kind = sniff(data)
    if kind is Kind.TEXT:
        from .embedded import text_source  # it imports this module

        decoded = decode(data)
        return text_source(decoded.text, decoded.diagnostics)
    if kind is Kind.DOC:
        raise UnsupportedDocumentError(
            "a legacy Word .doc (OLE2) file: convert it to .docx first, e.g. "
            "libreoffice --headless --convert-to docx FILE"
        )
    if kind is Kind.ZIP:
        raise UnsupportedDocumentError("a ZIP archive that is no Word .docx document")
    extra, module = _EXTRAS[kind]
    try:
        importlib.import_module(module)
    except ImportError as e:
        raise MissingExtraError(
            f'reading {kind.value.upper()} documents needs the {extra} extra: pip install "gixr-grammar[{extra}]"'
        ) from e
    if kind is Kind.HTML:
        from .html import read_html

        return read_html(data)
    if kind is Kind.PDF:
        from .pdf import read_pdf

        return read_pdf(data)
    from .docx import read_docx

    return read_docx(data)
