"""The exceptions the library raises. Every one derives from GixrError and says where, when it knows."""

from __future__ import annotations


class GixrError(Exception):
    """Base of every error raised by gixr_grammar; carries the 1-based line and column if known."""

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None) -> None:
        self.message = message
        self.line = line
        self.column = column
        where = "" if line is None else f"line {line}" + ("" if column is None else f", column {column}")
        super().__init__(f"{where}: {message}" if where else message)


class NotTextError(GixrError):
    """The bytes are not text in any encoding reports come in (binary, or an unknown encoding)."""


class GarbledTextError(NotTextError):
    """The text is an extractor's output whose characters it could not decode from the PDF's fonts
    (``(cid:N)`` codes, or one character for every glyph): no label in it can be read."""


class UnreadableFileError(GixrError):
    """A file could not be read (missing, a folder, no permission); the message names it."""


class UnsupportedDocumentError(GixrError):
    """The bytes are a document gixr does not read (a legacy .doc, an archive); the message says what
    to convert it to."""


class MissingExtraError(GixrError):
    """Reading this kind of document needs an optional dependency; the message names the extra."""


class EmptyInputError(GixrError):
    """The input holds nothing but whitespace."""


class InputTooLargeError(GixrError):
    """The input is larger than any report could be; refused before any work is done."""


class NotAReportError(GixrError):
    """The text is readable but is no government information disclosure annual report."""


class GrammarError(GixrError):
    """The parser met input it could not continue from (a defect of the grammar, not of the input);
    ``expected`` names the terminals it could have taken."""

    def __init__(
        self, message: str, *, line: int | None = None, column: int | None = None, expected: tuple[str, ...] = ()
    ) -> None:
        super().__init__(message, line=line, column=column)
        self.expected = expected
