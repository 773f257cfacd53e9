"""The entry points: text, bytes or a file in, a Report out, or a GixrError that says why not."""

from __future__ import annotations

import bisect
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import attrs
from lark import Token, Tree
from lark.exceptions import UnexpectedInput

from .errors import EmptyInputError, GrammarError, InputTooLargeError, NotTextError, UnreadableFileError
from .model import Diagnostic, Report, Severity
from .parse.assemble import assemble
from .parse.breaking import break_long_rows
from .parse.columns import rebuild_columns
from .parse.documents import report_start, split_reports
from .parse.drafts import DocumentDraft
from .parse.grammar import report_parser
from .parse.scanner import ScanInput, forget_terminals
from .parse.t2_columns import rebuild_t2_columns
from .readers.embedded import text_source
from .readers.source import Source, read
from .text.decoding import MAX_INPUT_BYTES, check_text
from .text.layout import iter_rows
from .text.mojibake import undo_mojibake
from .text.normalize import NormalizedText, normalize
from .text.values import is_value, read_number


def parse(text: str | bytes) -> Report:
    """Parse the text of one report (bytes are decoded as by ``parse_bytes``). A text that holds
    several gives the first, with a ``several_reports`` diagnostic (``parse_all`` gives each)."""
    if isinstance(text, bytes | bytearray | memoryview):
        return parse_bytes(bytes(text))
    return parse_source(text_source(_text(text)))


def parse_all(text: str | bytes | Source) -> Iterator[Report]:
    """Every report in a text, a file's bytes, or what a reader made of a file, that may hold
    several (a crawled dump), in order."""
    if isinstance(text, Source):
        source = text
    elif isinstance(text, bytes | bytearray | memoryview):
        source = read(bytes(text))
    else:
        source = text_source(_text(text))
    documents = _documents(source.text, source.diagnostics)
    titles = _of_one_report(source.titles, len(documents))
    for document, diagnostics, normalized in documents:
        yield _with_places(assemble(document, diagnostics, normalized, titles), source)


def parse_source(source: Source) -> Report:
    """Parse what a reader made of a file (``readers.source.read``)."""
    return _with_places(parse_text(source.text, source.diagnostics, source.titles), source)


def _with_places(report: Report, source: Source) -> Report:
    return attrs.evolve(report, places=source.places) if source.places else report


def parse_text(text: str, diagnostics: Iterable[Diagnostic] = (), titles: Sequence[tuple[str, str]] = ()) -> Report:
    """Parse the text of one report; ``diagnostics`` (of decoding) come first in the report's;
    ``titles``: those named outside the text (``Source.titles``), for what it leaves unknown in a
    text that holds one report."""
    (first, found, normalized), *others = _documents(text, diagnostics)
    if others:
        starts = [report_start(document) for document, _, _ in others]
        found.append(
            Diagnostic(
                "several_reports",
                Severity.WARNING,
                f"the text holds {len(others) + 1} reports; this is the first, the others start at lines "
                f"{', '.join(map(str, starts))} (parse_all gives each)",
                starts[0],
                expected="one report",
                found=f"{len(others) + 1} reports",
            )
        )
    return assemble(first, found, normalized, _of_one_report(titles, len(others) + 1))


def _of_one_report(titles: Sequence[tuple[str, str]], reports: int) -> Sequence[tuple[str, str]]:
    """The titles named outside a text for its report: a file's titles name none of several."""
    return titles if reports == 1 else ()


def _text(text: object) -> str:
    if not isinstance(text, str):
        raise NotTextError(f"parse takes a report's text (str) or its bytes, not {type(text).__name__}")
    return text


def _documents(
    text: str, diagnostics: Iterable[Diagnostic]
) -> list[tuple[DocumentDraft, list[Diagnostic], NormalizedText]]:
    """The drafts of the reports in ``text``, each with the diagnostics of its lines (those of no
    line go with the first) and the normalised text they were read from."""
    source = scan_input(text, diagnostics)
    try:
        document = report_parser().parse(source)  # Lark passes custom input to the scanner
    except UnexpectedInput as e:  # the grammar accepts any token order the scanner lets through
        raise _grammar_error(e) from e
    assert isinstance(document, DocumentDraft)  # the parser runs the report transformer inline
    documents = split_reports(document)
    if len(documents) == 1:
        return [(document, source.diagnostics, source.text)]
    starts = [0, *(report_start(d) or 0 for d in documents[1:])]
    parts: list[tuple[DocumentDraft, list[Diagnostic], NormalizedText]] = [(d, [], source.text) for d in documents]
    for diagnostic in source.diagnostics:  # starts ascend: the report a line is in by bisection
        parts[bisect.bisect_right(starts, diagnostic.line or 0) - 1][1].append(diagnostic)
    return parts


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
    """What the parser reads: the text checked (size, emptiness, binary), its mojibake read again,
    normalised, cut into cells; ``diagnostics`` start the scan's."""
    if len(text) > MAX_INPUT_BYTES:
        raise InputTooLargeError(f"input is {len(text)} characters; the limit is {MAX_INPUT_BYTES}")
    if not text.strip():
        raise EmptyInputError("the input is empty")
    text, repaired = undo_mojibake(text)
    check_text(text)
    normalized = normalize(text)
    found = [*diagnostics, *repaired]
    rows = rebuild_columns(rebuild_t2_columns(list(break_long_rows(iter_rows(normalized.lines))), found), found)
    return ScanInput(rows, normalized, found)


def _grammar_error(e: UnexpectedInput) -> GrammarError:
    expected = sorted(getattr(e, "expected", None) or getattr(e, "allowed", None) or ())
    return GrammarError(
        f"the parser could not go on: {e.__class__.__name__}",
        line=getattr(e, "line", None),
        column=getattr(e, "column", None),
        expected=tuple(expected),
    )


def parse_bytes(data: bytes) -> Report:
    """Parse a report file's bytes, of the kind they are (magic bytes, not a name): text in UTF-8
    (with or without BOM), UTF-16/32 with BOM or GB18030/GBK (a stray or cut byte is replaced, with
    a ``damaged_bytes`` diagnostic at its line and column), an HTML page, a Word .docx."""
    return parse_source(read(data))


def parse_file(path: str | os.PathLike[str]) -> Report:
    """Parse the report in a file (any kind ``parse_bytes`` reads); its name, if it is a report's
    title, names what the report and its metadata leave unknown."""
    return parse_source(read_path(path))


def read_path(path: str | os.PathLike[str]) -> Source:
    """What a reader makes of a file (``readers.source.read``), with its name (``with_file_name``)."""
    return with_file_name(read(read_file(path)), path)


def with_file_name(source: Source, path: str | os.PathLike[str]) -> Source:
    """``source`` with its file's name as a title named outside the text, after the document's own
    metadata (``Source.titles``): crawled reports are often saved under their titles."""
    return attrs.evolve(source, titles=(*source.titles, ("the file's name", Path(path).stem)))


def read_file(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a file, or an ``UnreadableFileError`` naming it."""
    try:
        return Path(path).read_bytes()
    except OSError as e:
        raise UnreadableFileError(f"{os.fspath(path)}: {e.strerror or e}") from e
