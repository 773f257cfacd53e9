"""The entry points: text, bytes or a file in, a Report out, or a GixrError that says why not."""

from __future__ import annotations

import os
from pathlib import Path

from lark import Token, Tree
from lark.exceptions import UnexpectedInput

from .errors import EmptyInputError, GrammarError, InputTooLargeError
from .model import Report
from .parse.assemble import assemble
from .parse.drafts import DocumentDraft
from .parse.grammar import report_parser
from .parse.scanner import ScanInput, forget_terminals
from .text.decoding import MAX_INPUT_BYTES, check_text, decode
from .text.layout import iter_rows
from .text.normalize import normalize
from .text.values import is_value, read_number


def parse(text: str) -> Report:
    """Parse the text of one report."""
    source = scan_input(text)
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


def scan_input(text: str) -> ScanInput:
    """What the parser reads: the text checked (size, emptiness, binary), normalised, cut into cells."""
    if len(text) > MAX_INPUT_BYTES:
        raise InputTooLargeError(f"input is {len(text)} characters; the limit is {MAX_INPUT_BYTES}")
    if not text.strip():
        raise EmptyInputError("the input is empty")
    check_text(text)
    normalized = normalize(text)
    return ScanInput(iter_rows(normalized.lines), normalized)


def _grammar_error(e: UnexpectedInput) -> GrammarError:
    expected = sorted(getattr(e, "expected", None) or getattr(e, "allowed", None) or ())
    return GrammarError(
        f"the parser could not go on: {e.__class__.__name__}",
        line=getattr(e, "line", None),
        column=getattr(e, "column", None),
        expected=tuple(expected),
    )


def parse_bytes(data: bytes) -> Report:
    """Parse a report given as bytes: UTF-8 (with or without BOM), UTF-16/32 with BOM, GB18030/GBK."""
    text, _ = decode(data)
    return parse(text)


def parse_file(path: str | os.PathLike[str]) -> Report:
    """Parse the report in a file (any encoding ``parse_bytes`` reads)."""
    return parse_bytes(Path(path).read_bytes())
