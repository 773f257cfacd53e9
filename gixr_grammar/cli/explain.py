"""``gixr explain``: each source line with the grammar rule and terminal it became, the cells its
numbers were placed in, and, for a line nothing consumed, why — with a caret under the column and the
terminals the grammar would have taken there, in words."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

import attrs
from lark import Token, Tree

from ..errors import GrammarError
from ..model import CellStatus, Diagnostic, Finding, Report, Severity
from ..parse.scanner import VALUES, ScanInput, ScanToken, base_name
from .render_text import width
from .treeview import describe_terminal, token_label

MAX_EXPECTED_SHOWN = 8
PLACED_MARK, FAILED_MARK, WARNING_MARK = "→", "✗", "⚠"


@attrs.frozen
class LineNote:
    """What became of one source line."""

    number: int
    text: str  # the source line
    status: str  # parsed | values | skipped | ignored | wrapped | blank
    notes: tuple[str, ...]  # rule and token, placed cells, or why it was skipped


def explain(
    source_lines: list[str],
    tree: Tree[Token],
    scan: ScanInput,
    report: Report,
    findings: Sequence[Finding] = (),
    first: int = 1,
    last: int | None = None,
) -> list[LineNote]:
    """One LineNote per source line from ``first`` to ``last`` (1-based, inclusive); ``findings``
    are shown at their lines."""
    tokens: dict[int, list[str]] = defaultdict(list)
    for rule, token in _tokens(tree, "start"):
        if base_name(token.type) == VALUES and isinstance(token, ScanToken):
            for line in sorted({c.line for c in token.cells if c.text}):
                tokens[line].append(f"{rule}: {VALUES}")
        elif token.line is not None:
            tokens[token.line].append(f"{rule}: {token_label(token)}")
    placed: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for cell in report.cell_records().values():
        if cell.line is not None and cell.status is not CellStatus.MISSING:
            row, column = cell.address.rsplit(".", 1)
            value = "—" if cell.value is None else str(cell.value)
            if cell.status is CellStatus.INFERRED:
                value += f"* (inferred: {cell.inferred_by or 'every consistent placement'})"
            placed[cell.line][row].append(f"{column}={value}")
    cells_by_line = {line: [f"{row}: {' '.join(cs)}" for row, cs in rows.items()] for line, rows in placed.items()}
    skipped = {d.line: d for d in scan.diagnostics if d.code == "unexpected_text" and d.line is not None}
    ignored = {c.line for c in scan.ignored}
    for statement in report.statements:  # what the prose states about the tables (grammars/prose.lark)
        joined = ("、" if statement.each else "+").join(statement.topics)
        tokens[statement.line].append(f"statement: {joined} = {statement.value} ({statement.text})")
    for finding in findings:  # at its line, and a prose finding at its cells' lines too
        mark = FAILED_MARK if finding.failed else WARNING_MARK
        for line in dict.fromkeys(n for n in (finding.line, *finding.cell_lines) if n is not None):
            cells_by_line.setdefault(line, []).append(
                f"{mark} {finding.verdict.value} {finding.rule}: {finding.message}"
            )
    for diagnostic in report.diagnostics:  # the parser's, at its line (a skipped line's shows its own way)
        if diagnostic.line is None or diagnostic.code == "unexpected_text":
            continue
        mark = FAILED_MARK if diagnostic.severity is Severity.ERROR else WARNING_MARK
        said = f"{mark} {diagnostic.severity.value} {diagnostic.code}: {diagnostic.message}"
        notes_here = cells_by_line.setdefault(diagnostic.line, [])
        if said not in notes_here:  # a finding may already say it
            notes_here.append(said)
    last = len(source_lines) if last is None else min(last, len(source_lines))
    notes = []
    for n in range(max(first, 1), last + 1):
        note = _note(n, source_lines[n - 1], tokens.get(n, []), cells_by_line.get(n, []), skipped.get(n), n in ignored)
        place = report.place(n)  # a document's line: say where in the document it came from
        notes.append(note if place is None else attrs.evolve(note, notes=(f"from {place}", *note.notes)))
    return notes


def _tokens(tree: Tree[Token], rule: str) -> Iterator[tuple[str, Token]]:
    name = base_name(str(tree.data))
    for child in tree.children:
        if isinstance(child, Tree):
            yield from _tokens(child, name)
        else:
            yield name, child


def _note(
    number: int, text: str, tokens: list[str], placed: list[str], skipped: Diagnostic | None, ignored: bool
) -> LineNote:
    if skipped is not None:
        return LineNote(number, text, "skipped", tuple(_why(text, skipped)))
    if ignored and not tokens:
        return LineNote(number, text, "ignored", ("ignored: a page number or footer (PAGE)",))
    if not text.strip():
        return LineNote(number, text, "blank", ())
    if not tokens and not placed:
        return LineNote(number, text, "wrapped", ("continues the cell that starts on a line above",))
    values = [p if p.startswith((FAILED_MARK, WARNING_MARK)) else f"{PLACED_MARK} {p}" for p in placed]
    return LineNote(number, text, "values" if placed else "parsed", (*tokens, *values))


def _why(text: str, diagnostic: Diagnostic) -> Iterator[str]:
    """The caret under the skipped text and the terminals the grammar could take there, in words."""
    column = diagnostic.column or 1
    yield " " * width(text[: column - 1].replace("\t", " ")) + "^ fits nowhere here, skipped"
    expected = [e for e in (diagnostic.expected or "").split(", ") if e]
    words = sorted({describe_terminal(e) for e in expected})
    shown = "; ".join(words[:MAX_EXPECTED_SHOWN]) + (
        f"; and {len(words) - MAX_EXPECTED_SHOWN} more" if len(words) > MAX_EXPECTED_SHOWN else ""
    )
    yield f"expected here: {shown}"


def syntax_error_lines(source_lines: list[str], error: GrammarError, around: int = 2) -> list[str]:
    """Where the parser stopped: the rows around the line, a caret at the column, and the terminals
    the grammar could have taken there, in words."""
    line = error.line or 1
    out = []
    for number in range(max(1, line - around), min(len(source_lines), line + around) + 1):
        text = source_lines[number - 1]
        out.append(f"{number:5} │ {text.replace(chr(9), '⇥')}")
        if number == line:
            column = error.column or 1
            out.append(f"      │ {' ' * width(text[: column - 1])}^ the parser could not go on here")
    words = sorted({describe_terminal(name) for name in error.expected})
    out.append(f"      │ expected: {'; '.join(words) if words else 'nothing more'}")
    return out
