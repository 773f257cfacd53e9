"""The contextual cell scanner: Lark's lexer for report text, one token per cell or run of values.

Layout (``layout.iter_rows``) turns lines into cells; this module turns cells into the terminals
of ``grammars/*.lark``. A text cell's compact text is matched against the grammar's own terminal
patterns (whole-cell match, highest priority first), and the first terminal the LALR parser accepts
in its current state is taken, the way Lark's contextual lexer works: 总计 is a header word in a
header and （七）总计 in the body, a short line is a table note inside a table and a heading
outside. Consecutive value cells (numbers, blanks, empty cells), on one line or many, become one
VALUES token that carries its cells, so a table row is two or three tokens.

Imported grammars namespace their terminals (``table3__VALUES``); candidates are looked up by base
name and resolved to whichever namespaced terminal the parser accepts.
"""

from __future__ import annotations

import functools
import itertools
import re
import weakref
from collections.abc import Generator, Iterable, Iterator, Sequence
from typing import Any

import attrs
from lark import Token
from lark.common import LexerConf
from lark.lexer import Lexer

from ..errors import GrammarError
from ..model import Diagnostic, Severity
from ..text.layout import RawCell, Row
from ..text.normalize import NormalizedText, compact
from ..text.values import is_value, split_values
from .titles import title_meta

VALUES = "VALUES"
TEXT = "TEXT"
FRAGMENT = "FRAGMENT"
# Terminals that match almost any short text: taken only when nothing more specific matches.
# Two row labels printed in one cell are never longer than this together (checked in O(n²)).
MAX_TWO_LABELS = 120
WEAK = frozenset({"SUBHEAD", "NUM_HEAD", FRAGMENT, "FREE_HEAD", TEXT})
TABLES_WITH_LABELS = frozenset({"table2", "table3"})  # the grammars whose rows have labels
# Terminals of a header's words in pieces (公开, 收费): they go on their table's header, but a piece
# never breaks into another table that takes the text as its own (a table 三 label wrapped two
# characters a line: 2.申 / 请人 / … / 收费 / 通知 …).
HEADER_PIECES = frozenset({"COLUMNS"})
# Terminals whose words end in digits (数据1: a converter's header): matched on the whole cell
# before its trailing digits are taken for values (only a cell with one value glued to its text is
# tried: every cell of theirs is one, and a table row's cell, with its values, is spared the match).
WHOLE_FIRST = frozenset({"GENERIC_HEAD"})
# Labels and header words repeat from report to report, prose lines do not: which terminal matches
# a text first is remembered for texts up to this long, and for this many of them.
MAX_REMEMBERED_TEXT = 40
MAX_REMEMBERED = 50_000
# The report title's terminals (report.lark), one line's or two lines' (head, then tail).
TITLE_TERMINALS = frozenset({"TITLE", "TITLE_HEAD", "TITLE_TAIL"})


_SCANNERS: weakref.WeakSet[CellScanner] = weakref.WeakSet()  # for forget_terminals


def _first_of(alternation: re.Pattern[str], text: str) -> str | None:
    match = alternation.fullmatch(text)
    return None if match is None else match.lastgroup


def forget_terminals() -> None:
    """Forget which terminal each short text matched (``api.forget_texts``)."""
    for scanner in _SCANNERS:
        scanner.remembered_first.cache_clear()


def _value_cells(cell: RawCell, values: Sequence[tuple[str, int]], glued: bool) -> list[RawCell]:
    """The values split out of ``cell`` (text, offset) as cells of their own; the first one marked
    if it was glued to the label before it."""
    return [
        RawCell(text, cell.line, cell.column + offset, glued and i == 0, cell.index)
        for i, (text, offset) in enumerate(values)
    ]


def _remember_title(name: str, text: str, source: ScanInput) -> None:
    """The title's text (a two-line title's head, and head and tail joined) and its agency's: the
    texts a page's running head repeats."""
    if name == "TITLE_TAIL":
        text = source.title_head + text
    elif name == "TITLE_HEAD":
        source.title_head = text
    source.running_heads.add(text)
    _, agency = title_meta(text)
    if agency is not None:
        source.running_heads.add(agency)


def _blank(text: str) -> bool:
    """Whether a value cell is a blank mark (无, —, /), no number."""
    return not any(char.isdigit() for char in text)


def _word_after(row: Row, index: int) -> bool:
    """Whether a cell after ``index`` on the row is text, not values (``510510 /``: two values one
    cell holds, where a number filled its column and the next column's blank mark came close)."""
    return any(cell.text and not is_value(cell.text) and split_values(cell.text)[0] for cell in row[index + 1 :])


def _leading_empties(row: Row) -> int:
    for index, cell in enumerate(row):
        if cell.text:
            return index
    return len(row)


class ScanToken(Token):
    """A Lark token that also carries the source cells it was made of (the values of a VALUES run)."""

    __slots__ = ("cells",)
    cells: tuple[RawCell, ...]


def values_token(name: str, run: Sequence[RawCell]) -> ScanToken:
    """A VALUES token (terminal ``name``) of a run of value cells, at its first printed cell."""
    marked = [c for c in run if c.text]
    first = marked[0]
    text = " ".join(c.text for c in marked)
    token = ScanToken(name, text, None, first.line, first.column, first.line, first.column + len(first.text))
    token.cells = tuple(run)
    return token


@functools.cache
def base_name(terminal: str) -> str:
    """``table3__VALUES`` → ``VALUES``."""
    return terminal.rsplit("__", 1)[-1]


@functools.cache
def namespace(terminal: str) -> str:
    """``table3__VALUES`` → ``table3``; ``TEXT`` → ``""``."""
    return terminal.rpartition("__")[0]


@attrs.define
class ScanInput:
    """What the parser is given instead of a string: the rows of cells, and a diagnostics sink."""

    rows: Iterable[Row]
    text: NormalizedText
    diagnostics: list[Diagnostic] = attrs.field(factory=list)
    ignored: list[RawCell] = attrs.field(factory=list)  # cells of %ignore'd terminals (page numbers)
    namespace: str = ""  # the grammar of the last token emitted
    # The title's compact texts printed so far and its agency's: inside a table, a line that repeats
    # one is a page's running head (a Word file's header, in extractor text), ignored like PAGE.
    running_heads: set[str] = attrs.field(factory=set)
    title_head: str = ""  # a two-line title's first line, until its tail


Emission = Generator[ScanToken, None, list[RawCell]]


class CellScanner(Lexer):
    """Lark custom lexer (interface 1: sees the parser state) over ``ScanInput``."""

    __future_interface__ = 1

    def __init__(self, lexer_conf: LexerConf) -> None:
        terminals = sorted(lexer_conf.terminals, key=lambda t: -t.priority)
        self._patterns: dict[str, re.Pattern[str]] = {}
        for terminal in terminals:
            name, pattern = base_name(terminal.name), terminal.pattern.to_regexp()
            known = self._patterns.setdefault(name, re.compile(pattern))
            if known.pattern != pattern:
                raise GrammarError(f"two grammars define terminal {name} differently: {known.pattern!r}, {pattern!r}")
        self._priority = {base_name(t.name): t.priority for t in terminals}
        self._order = tuple(self._patterns)
        self._ignore = frozenset(base_name(name) for name in lexer_conf.ignore)
        self._first = re.compile("|".join(f"(?P<{name}>{p.pattern})" for name, p in self._patterns.items()))
        self._accepted_by_state: dict[Any, dict[str, str]] = {}
        self.remembered_first = functools.lru_cache(maxsize=MAX_REMEMBERED)(functools.partial(_first_of, self._first))
        _SCANNERS.add(self)

    def lex(self, lexer_state: Any, parser_state: Any) -> Iterator[Token]:
        source: ScanInput = lexer_state.text
        for token in self._scan(source, parser_state):
            source.namespace = namespace(token.type)
            yield token

    def _scan(self, source: ScanInput, parser_state: Any) -> Iterator[ScanToken]:
        run: list[RawCell] = []
        pending: list[RawCell] = []  # rows of empty cells only, since the last printed cell
        for row, after in itertools.pairwise(itertools.chain(source.rows, [None])):
            assert row is not None
            # Empty cells that start a row belong to the row's label (merged group cells) if a label
            # follows on the row, and to the run of values otherwise. A row of empty cells only (one
            # cell per line with blank lines doubled, as PDF text has) belongs to the run if a value
            # follows it.
            leading = _leading_empties(row)
            if leading == len(row):
                pending.extend(row)
                continue
            for index, cell in enumerate(row[leading:], leading):
                # A blank mark before a label on its row is no value (values follow their label): a
                # piece of a group label printed a character a line, the 无 of （四）无法提供.
                value = bool(cell.text) and is_value(cell.text)
                piece = value and _blank(cell.text) and _word_after(row, index)
                if not cell.text or (value and not piece):
                    run.extend(pending)
                    run.extend(row[:leading])
                    pending, leading = [], 0
                    run.append(cell)
                    continue
                whole = compact(cell.text)
                label, values = (cell.text, ()) if piece else split_values(cell.text)
                if self._is_ignored(whole) or self._is_running_head(whole, after, source):
                    # a page number, even amid a row's values, or a running head in a table: skipped
                    source.ignored.append(cell)
                elif values and not label:  # 0 4 52 4 1 8 69 in one cell: the run goes on
                    run.extend(pending)
                    run.extend(row[:leading])
                    pending, leading = [], 0
                    run.extend(_value_cells(cell, values, glued=False))
                else:
                    pending, leading = [], 0
                    yield from self._flush(run, parser_state, source)
                    run = yield from self._text_cell(cell, whole, label, values, parser_state, source)
        yield from self._flush(run, parser_state, source)

    # -- choosing a terminal -------------------------------------------------------------------

    def _accepted(self, parser_state: Any) -> dict[str, str]:
        """Base name → terminal name, for every terminal the parser accepts in its current state."""
        position = parser_state.position
        accepted = self._accepted_by_state.get(position)
        if accepted is None:
            actions = parser_state.parse_conf.parse_table.states[position]
            accepted = {base_name(name): name for name in actions if name.isupper() or "__" in name}
            self._accepted_by_state[position] = accepted
        return accepted

    def _choose(
        self, text: str, parser_state: Any, source: ScanInput, allowed: frozenset[str] | None = None
    ) -> str | None:
        """The terminal for ``text``: the highest-priority one that matches all of it and that the
        parser accepts now; between equal priorities, one of the grammar that made the last token,
        so that a table goes on rather than another begins (总计 in table 四's header)."""
        accepted = self._accepted(parser_state)
        best: str | None = None
        first = self._first_terminal(text)
        if first in accepted and (allowed is None or first in allowed):
            best = first
            if namespace(accepted[best]) == source.namespace:
                return accepted[best]
        for name in self._order:
            if best is not None and self._priority[name] < self._priority[best]:
                break
            if name == best or name not in accepted or (allowed is not None and name not in allowed):
                continue
            if self._patterns[name].fullmatch(text):
                if namespace(accepted[name]) == source.namespace:
                    return accepted[name]
                best = best or name
        if best is None:
            return None
        going_on = accepted.get(FRAGMENT)
        if (
            best in HEADER_PIECES
            and going_on is not None
            and namespace(going_on) == source.namespace != namespace(accepted[best])
            and (allowed is None or FRAGMENT in allowed)
        ):
            return going_on
        return accepted[best]

    def _is_ignored(self, text: str) -> bool:
        """Whether compact ``text`` is a terminal the grammar ``%ignore``s (page numbers, footers).
        Ignored terminals are in no parser state, so they are matched before anything else."""
        return any(self._patterns[name].fullmatch(text) for name in self._ignore)

    def _is_running_head(self, text: str, after: Row | None, source: ScanInput) -> bool:
        """Whether compact ``text`` is a page's running head: inside a table, a repeat of the
        title's text or its agency's (``source.running_heads``) that more of the report follows,
        no date (the agency over a date that closes the report is its signature)."""
        if not source.namespace or text not in source.running_heads or after is None:
            return False
        first = next((cell.text for cell in after if cell.text), "")
        return self._patterns["DATE"].fullmatch(compact(first)) is None

    def _first_terminal(self, text: str) -> str | None:
        """The highest-priority terminal that matches all of ``text``, in any state."""
        if len(text) <= MAX_REMEMBERED_TEXT:
            return self.remembered_first(text)
        return _first_of(self._first, text)

    def _is_strong(self, text: str) -> bool:
        """Whether ``text`` matches a specific terminal (a label, a header word), in any state."""
        first = self._first_terminal(text)
        return first is not None and first not in WEAK

    # -- emitting ------------------------------------------------------------------------------

    def _text_cell(
        self,
        cell: RawCell,
        whole: str,
        label: str,
        values: Sequence[tuple[str, int]],
        parser_state: Any,
        source: ScanInput,
    ) -> Emission:
        """Emit the tokens of one text cell (``whole``: its compact text; ``label`` and ``values``:
        ``split_values`` of it); return the value cells that follow its label."""
        glued = bool(label) and bool(values) and values[0][1] == len(label)  # no separator between
        if glued and len(values) == 1 and self._first_terminal(whole) in WHOLE_FIRST:
            label, values = cell.text, []  # 数据1: a header word that ends in digits
        value_cells = _value_cells(cell, values, glued)
        label_name = self._choose(compact(label), parser_state, source) if values else None
        if label_name is not None and (base_name(label_name) not in WEAK or base_name(label_name) == FRAGMENT):
            yield self._token(label_name, RawCell(label, cell.line, cell.column))
            return value_cells
        name = self._choose(whole, parser_state, source)
        if name is not None and base_name(name) not in WEAK:
            yield from self._emit(name, cell, parser_state, source)
            return []
        parts = self._two_labels(compact(label) if values else whole, source)
        if parts is not None:  # 三、本年度办理结果 (一)予以公开 on one line, spaces anywhere
            for part in parts:
                piece = RawCell(part, cell.line, cell.column)
                yield from self._emit(self._choose(part, parser_state, source), piece, parser_state, source)
            return value_cells
        if values:  # text then values inside a table: a row whose label no terminal names
            fragment = self._weak_in_table(label_name, compact(label), parser_state, source)
            if fragment is not None and base_name(fragment) == FRAGMENT:
                yield self._token(fragment, RawCell(label, cell.line, cell.column))
                return value_cells
        yield from self._emit(self._weak_in_table(name, whole, parser_state, source), cell, parser_state, source)
        return []

    def _weak_in_table(self, name: str | None, text: str, parser_state: Any, source: ScanInput) -> str | None:
        """Inside table 二 or 三, short text no specific terminal names is a piece of the table (a
        wrapped label's half, a group label cut by the extractor: 三、本年度办理结 / 果), not a
        heading that would end the table: FRAGMENT, where the table accepts it, before SUBHEAD,
        NUM_HEAD or FREE_HEAD."""
        if name is None or base_name(name) not in WEAK or base_name(name) == FRAGMENT:
            return name
        if source.namespace not in TABLES_WITH_LABELS or FRAGMENT not in self._accepted(parser_state):
            return name
        return self._choose(text, parser_state, source, frozenset({FRAGMENT})) or name

    def _two_labels(self, text: str, source: ScanInput) -> tuple[str, str] | None:
        """``text`` cut in two parts that each match a specific terminal, if it can be. Two labels
        share a line only inside a table (a group label and its first row), so only there, after a
        token of a table grammar, is it tried."""
        if len(text) > MAX_TWO_LABELS or not source.namespace:
            return None
        for cut in range(2, len(text) - 1):
            if self._is_strong(text[:cut]) and self._is_strong(text[cut:]):
                return text[:cut], text[cut:]
        return None

    def _flush(self, run: list[RawCell], parser_state: Any, source: ScanInput) -> Iterator[ScanToken]:
        """Emit a run of value cells as VALUES; in prose, where no table accepts it, as text."""
        marked = [c for c in run if c.text]
        if not marked:
            return
        text = " ".join(c.text for c in marked)
        accepted = self._accepted(parser_state)
        if VALUES in accepted:
            yield values_token(accepted[VALUES], run)
            return
        anchor = RawCell(text, marked[0].line, marked[0].column)
        yield from self._emit(self._choose(compact(text), parser_state, source, WEAK), anchor, parser_state, source)

    def _emit(self, name: str | None, cell: RawCell, parser_state: Any, source: ScanInput) -> Iterator[ScanToken]:
        if name is None:
            self._unexpected(cell, parser_state, source)
            return
        base = base_name(name)
        if base in TITLE_TERMINALS:
            _remember_title(base, compact(cell.text), source)
        yield self._token(name, cell)

    def _unexpected(self, cell: RawCell, parser_state: Any, source: ScanInput) -> None:
        expected = sorted(self._accepted(parser_state))
        source.diagnostics.append(
            Diagnostic(
                code="unexpected_text",
                severity=Severity.WARNING,
                message=f"text that fits nowhere at this point of the report was skipped: {cell.text[:60]!r}",
                line=cell.line,
                column=source.text.source_column(cell.line, cell.column),
                expected=", ".join(expected),
                found=cell.text,
            )
        )

    @staticmethod
    def _token(name: str, cell: RawCell, text: str | None = None) -> ScanToken:
        value = cell.text if text is None else text
        token = ScanToken(name, value, None, cell.line, cell.column, cell.line, cell.column + len(cell.text))
        token.cells = (cell,)
        return token
