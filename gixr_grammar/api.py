"""The entry points: text, bytes or a file in, a Report out, or a GixrError that says why not."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from lark import Token, Tree
from lark.exceptions import UnexpectedInput

from .errors import EmptyInputError, GrammarError, InputTooLargeError, NotTextError, UnreadableFileError
from .model import Diagnostic, Report
from .parse.assemble import assemble
from .parse.drafts import DocumentDraft
from .parse.grammar import report_parser
from .parse.scanner import ScanInput, forget_terminals
from .text.decoding import MAX_INPUT_BYTES, check_text, decode
from .text.layout import iter_rows
from .text.normalize import normalize
from .text.values import is_value, read_number


def parse(text: str | bytes) -> Report:
    """Parse the text of one report (bytes are decoded as by ``parse_bytes``)."""
    if isinstance(text, bytes | bytearray | memoryview):
        return parse_bytes(bytes(text))
    if not isinstance(text, str):
        raise NotTextError(f"parse takes a report's text (str) or its bytes, not {type(text).__name__}")
    return parse_text(text)


def parse_text(text: str, diagnostics: Iterable[Diagnostic] = ()) -> Report:
    """Parse the text of one report; ``diagnostics`` (of decoding) come first in the report's."""
    source = scan_input(text, diagnostics)
    try:
        document = report_parser().parse(source)  # Lark passes custom input to the scanner
    except UnexpectedInput as e:  # the grammar accepts any token order the scanner lets through
        raise _grammar_error(e) from e
    assert isinstance(document, DocumentDraft)  # the parser runs the report transformer inline
    return assemble(document, source.diagnostics)


def parse_tree(text: str) -> tuple[Tree[Token], ScanInput]:
    """The Lark parse tree of a report (for debugging views), and the scanner's input with the
    diagnostics and ignored cells of the scan."""
    source = scan_input(text)
    try:
        return report_parser(tree=True).parse(source), source
    except UnexpectedInput as e:
        raise _grammar_error(e) from e


def forget_texts() -> None:
    """Empty what the parser remembers of texts seen in earlier reports (the terminal a short text
    matches, value cells read), so that the next report is parsed as if it were the first."""
    forget_terminals()
    is_value.cache_clear()
    read_number.cache_clear()


def scan_input(text: str, diagnostics: Iterable[Diagnostic] = ()) -> ScanInput:
    """What the parser reads: the text checked (size, emptiness, binary), normalised, cut into cells;
    ``diagnostics`` start the scan's."""
    if len(text) > MAX_INPUT_BYTES:
        raise InputTooLargeError(f"input is {len(text)} characters; the limit is {MAX_INPUT_BYTES}")
    if not text.strip():
        raise EmptyInputError("the input is empty")
    check_text(text)
    normalized = normalize(text)
    return ScanInput(iter_rows(normalized.lines), normalized, list(diagnostics))


def _grammar_error(e: UnexpectedInput) -> GrammarError:
    expected = sorted(getattr(e, "expected", None) or getattr(e, "allowed", None) or ())
    return GrammarError(
        f"the parser could not go on: {e.__class__.__name__}",
        line=getattr(e, "line", None),
        column=getattr(e, "column", None),
        expected=tuple(expected),
    )


def parse_bytes(data: bytes) -> Report:
    """Parse a report given as bytes: UTF-8 (with or without BOM), UTF-16/32 with BOM, GB18030/GBK;
    a stray or cut byte is replaced, with a ``damaged_bytes`` diagnostic at its line and column."""
    decoded = decode(data)
    return parse_text(decoded.text, decoded.diagnostics)


def parse_file(path: str | os.PathLike[str]) -> Report:
    """Parse the report in a file (any encoding ``parse_bytes`` reads)."""
    return parse_bytes(read_file(path))


def read_file(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a file, or an ``UnreadableFileError`` naming it."""
    try:
        return Path(path).read_bytes()
    except OSError as e:
        raise UnreadableFileError(f"{os.fspath(path)}: {e.strerror or e}") from e
