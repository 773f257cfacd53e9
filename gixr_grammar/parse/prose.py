"""The figures the prose states about the tables (``grammars/prose.lark``): 办结457件 at line 11.

The prose of the whole report (text lines, headings and subsection paragraphs; tables, titles and
dates left out) is joined into one stream, whitespace out (``96 件`` is ``96件``) and across line
breaks, since a PDF wraps a sentence anywhere (``办理依`` / ``申请公开件60件``); a section or
subsection heading, a table, a title or a date ends a sentence. Each COUNT in the stream anchors a
statement: its sentence, from the last STOP to the count, is cut into the grammar's terminals (text
between them is one ``_FILLER`` token), and the tokens go to the LALR parser from the count
backwards. The longest run of them the grammar accepts is the statement; none, and that count is
no statement. The run is found on the grammar's LALR table, and Lark's parser then gives the
statement's tree (once for each sequence of terminals: statements repeat their shapes).
``check.prose`` weighs each statement against the cells.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator
from typing import Any

import attrs
from lark import Lark, Token, Tree
from lark.parsers.lalr_analysis import Shift

from ..errors import GrammarError
from ..format.vocabulary import OPENING_YEAR, YEAR_IN_TEXT
from ..model import Statement
from ..text.normalize import NormalizedText, compact
from ..text.numerals import CHINESE_NUMERALS, chinese_number
from .drafts import HeadingDraft, SectionDraft, TableDraft, TitleDraft
from .grammar import grammar_dir
from .scanner import ScanToken, base_name

FILLER = "_FILLER"
COUNT = "COUNT"
STOP = "STOP"
_BREAK = "\n"  # put in the stream where a sentence must end; STOP matches it
_SENTENCE_OPENERS = frozenset({"SUBHEAD"})  # tokens that open a sentence of their own
_CLASS = re.compile(r"\[(?:\\.|[^\]])*\]")  # a character class of a pattern: […]
_ANY_CHARACTER = re.compile(r"(?<!\\)\.|\\[wWsSD]")  # outside classes: ., \w …
_COUNT_UNITS = "件起宗"  # what a COUNT ends with
_UNIT = re.compile(f"[{_COUNT_UNITS}]")
_NUMBER_CHARACTERS = frozenset("0123456789," + CHINESE_NUMERALS)


@functools.cache
def prose_parser() -> Lark:
    return Lark.open(str(grammar_dir() / "prose.lark"), parser="lalr", lexer="basic", cache=False)


@functools.cache
def _terminals() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The COUNT and STOP patterns, and one alternation of every other terminal (highest priority
    first, then longest), the words a sentence is cut at. Read from the grammar in lexer-only mode,
    which keeps the terminal no rule uses (STOP)."""
    every = Lark.open(str(grammar_dir() / "prose.lark"), parser=None, lexer="basic", cache=False).terminals
    by_name = {t.name: t.pattern.to_regexp() for t in every}
    words = sorted((t for t in every if t.name != STOP), key=lambda t: (-t.priority, -len(t.pattern.value)))
    alternation = "|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in words)
    # Positions where no word can start are skipped at the cost of one class test instead of a try
    # of every word (2.6 times faster): no word starts with a character its pattern does not print.
    if "[^" in alternation or _ANY_CHARACTER.search(_CLASS.sub("", alternation)):
        raise GrammarError("prose.lark: a word pattern matches characters it does not name; the lexer needs it to")
    starts = re.escape("".join(sorted(set(alternation) | set("0123456789"))))
    return re.compile(by_name[COUNT]), re.compile(by_name[STOP]), re.compile(f"(?=[{starts}])(?:{alternation})")


@attrs.define
class _Stream:
    """The prose joined, with the token each stretch of it came from."""

    text: str
    starts: tuple[int, ...]  # where each token's compact text starts in ``text``
    tokens: tuple[ScanToken, ...]
    source: NormalizedText
    _columns: dict[int, list[int]] = attrs.field(factory=dict)  # by token: each character's column

    def line(self, offset: int) -> int:
        return self.tokens[bisect.bisect_right(self.starts, offset) - 1].line or 0

    def position(self, offset: int) -> tuple[int, int]:
        """The line and source column (1-based) of the character at ``offset``."""
        index = bisect.bisect_right(self.starts, offset) - 1
        token, at = self.tokens[index], offset - self.starts[index]
        line, column, raw = token.line or 0, token.column or 1, str(token)
        printed = self.source.lines[line - 1] if 0 < line <= len(self.source.lines) else ""
        squeezed = compact(raw)
        if squeezed == raw and printed.startswith(raw, column - 1):  # printed as read: most prose
            return line, self.source.source_column(line, column + at)
        columns = self._columns.get(index)
        if columns is None:
            columns = self._columns[index] = _printed_columns(printed, column, squeezed)
        return line, self.source.source_column(line, columns[min(at, len(columns) - 1)])


def _printed_columns(printed: str, column: int, squeezed: str) -> list[int]:
    """The column of each character of ``squeezed`` (a cell's text, whitespace out) on its line
    ``printed``, from the cell's ``column`` on, past what the cell's text lost (spaces, the ``**``
    of markdown bold); a wrapped cell's characters on a later line get the cell's column."""
    found: list[int] = []
    position = column - 1
    while len(found) < len(squeezed):
        at = len(found)
        same = _same_run(printed, position, squeezed, at)  # printed as is up to the next lost character
        found += range(position + 1, position + same + 1)
        position += same
        if len(found) == len(squeezed):
            break
        position = printed.find(squeezed[at + same], position)
        if position < 0:
            return found + [column] * (len(squeezed) - len(found))
        position += 1
        found.append(position)
    return found or [column]


def _same_run(printed: str, position: int, squeezed: str, at: int) -> int:
    """How many characters of ``squeezed`` from ``at`` on ``printed`` has from ``position`` on."""
    low, high = 0, min(len(printed) - position, len(squeezed) - at)
    while low < high:
        middle = (low + high + 1) // 2
        if printed.startswith(squeezed[at : at + middle], position):
            low = middle
        else:
            high = middle - 1
    return low


@attrs.frozen
class Prose:
    statements: tuple[Statement, ...]  # in text order
    opening_years: tuple[tuple[int, int], ...]  # the year each sentence that opens on one names, and its line


def read_prose(sections: Iterable[SectionDraft], source: NormalizedText) -> Prose:
    """The statements of the prose of ``sections`` (read from ``source``), and the years its
    sentences open on (2020年，全市…: the year they report on)."""
    stream = _stream(sections, source)
    openings = tuple((int(m.group(1)), stream.line(m.start())) for m in OPENING_YEAR.finditer(stream.text))
    return Prose(_statements(stream), openings)


def _statements(stream: _Stream) -> tuple[Statement, ...]:
    count, stop, _ = _terminals()
    stops = [m.start() for m in stop.finditer(stream.text)]
    sentences: dict[int, list[tuple[str, int, int]]] = {}  # by start: the words of the sentence
    found = []
    for match in _counts(stream.text, count):
        index = bisect.bisect_left(stops, match.start())
        start = stops[index - 1] + 1 if index else 0
        if start not in sentences:
            end = stops[index] if index < len(stops) else len(stream.text)
            sentences[start] = list(_sentence_words(stream.text, start, end))
        statement = _read(stream, start, _words_before(sentences[start], match.start()), match)
        if statement is not None:
            found.append(statement)
    return tuple(found)


def _words_before(words: list[tuple[str, int, int]], end: int) -> list[tuple[str, int, int]]:
    """The words of a sentence that end by ``end``; a word across ``end`` (a COUNT's digits a
    word of the sentence took) is cut there as filler."""
    kept = words[: bisect.bisect_right(words, end, key=lambda w: w[2])]
    last = kept[-1][2] if kept else (words[0][1] if words else end)
    return [*kept, (FILLER, last, end)] if last < end else kept


def _counts(text: str, count: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """The COUNTs of ``text``: found from their units, which are rare, rather than by trying the
    pattern at every character (five times faster on a report's prose)."""
    for unit in _UNIT.finditer(text):
        start = unit.start()
        while start and text[start - 1] in _NUMBER_CHARACTERS:
            start -= 1
        while text[start] == ",":  # a clause's comma before the number, not its separator
            start += 1
        match = count.fullmatch(text, start, unit.end()) if start < unit.start() else None
        if match is not None:
            yield match


def _stream(sections: Iterable[SectionDraft], source: NormalizedText) -> _Stream:
    parts: list[str] = []
    starts: list[int] = []
    tokens: list[ScanToken] = []
    length = 0
    for token in _prose_tokens(sections):
        if token is None or base_name(token.type) in _SENTENCE_OPENERS:
            parts.append(_BREAK)
            length += 1
        if token is not None:
            text = compact(str(token))
            starts.append(length)
            tokens.append(token)
            parts.append(text)
            length += len(text)
    return _Stream("".join(parts), tuple(starts), tuple(tokens), source)


def _prose_tokens(sections: Iterable[SectionDraft]) -> Iterator[ScanToken | None]:
    """The prose's tokens in order; None where something that is no prose stands between them."""
    for section in sections:
        yield None  # a section heading
        for subsection_head, items in _parts(section):
            if subsection_head is not None:
                yield subsection_head
            for item in items:
                if isinstance(item, HeadingDraft):
                    yield item.token
                elif isinstance(item, ScanToken) and base_name(item.type) == "TEXT":
                    yield item
                elif isinstance(item, TableDraft | TitleDraft | ScanToken):  # a date, a title, a table
                    yield None


def _parts(section: SectionDraft) -> Iterator[tuple[ScanToken | None, Iterable[object]]]:
    yield None, section.items
    for sub in section.subsections:
        yield sub.head, sub.items


def _read(
    stream: _Stream, sentence_start: int, before: list[tuple[str, int, int]], count: re.Match[str]
) -> Statement | None:
    """The statement that ends at ``count`` (after the sentence's words ``before``), if any."""
    value = chinese_number(count.group().rstrip(_COUNT_UNITS).replace(",", ""))
    words = [(COUNT, count.start(), count.end()), *reversed(before)]
    taken = _longest_statement(kind for kind, _, _ in words)
    if not taken or value is None:
        return None
    topics, each = _shape(tuple(kind for kind, _, _ in words[:taken]))
    start = min(words[index][1] for _, indices in topics for index in indices)
    line, column = stream.position(count.start())
    names = tuple(name for name, _ in reversed(topics))  # in the order of the text
    years = list(YEAR_IN_TEXT.finditer(stream.text, sentence_start, start))
    year = int(years[-1].group(1)) if years else None
    year_line = stream.line(years[-1].start()) if years else None
    return Statement(names, value, stream.text[start : count.end()], line, column, each, year, year_line)


def _longest_statement(kinds: Iterable[str]) -> int:
    """How many of the terminals ``kinds`` (from the first) the longest statement takes; 0 if none.

    Driven on the LALR table of ``prose.lark`` alone (shifts and reduces, no tokens, no tree): a
    report's prose has dozens of counts, and Lark's own parser loop costs five times more."""
    states, start = _parse_table()
    stack = [start]
    longest = 0
    for fed, kind in enumerate(kinds, 1):
        while (action := states[stack[-1]].get(kind)) is not None and action[0] is not Shift:
            rule = action[1]  # reduce, then go to the state the rule's symbol leads to
            if rule.expansion:
                del stack[-len(rule.expansion) :]
            stack.append(states[stack[-1]][rule.origin.name][1])
        if action is None:
            break
        stack.append(action[1])
        if "$END" in states[stack[-1]]:
            longest = fed
    return longest


@functools.cache
def _parse_table() -> tuple[dict[int, dict[str, tuple[Any, Any]]], int]:
    table = prose_parser().parser.parser.parser.parse_table
    return table.states, table.start_states["start"]


@functools.lru_cache(maxsize=4096)
def _shape(kinds: tuple[str, ...]) -> tuple[tuple[tuple[str, tuple[int, ...]], ...], bool]:
    """The statement the terminals ``kinds`` make, by Lark's parser (once for each sequence): each
    topic's name with the indices of its words (the sentence ``about_requests`` is not its words),
    and whether it has 各."""
    parser = prose_parser().parse_interactive()
    for index, kind in enumerate(kinds):
        parser.feed_token(Token(kind, kind, start_pos=index))
    tree: Tree[Token] = parser.feed_eof()  # type: ignore[no-untyped-call]  # lark's are untyped
    statement = tree.children[0]
    assert isinstance(statement, Tree)
    topics = next(c for c in statement.children if isinstance(c, Tree))
    shape = tuple(
        (str(topic.data), tuple(t.start_pos or 0 for t in topic.children if isinstance(t, Token)))
        for topic in topics.children
        if isinstance(topic, Tree)
    )
    return shape, any(isinstance(c, Token) and c.type == "EACH" for c in statement.children)


def _sentence_words(text: str, start: int, end: int) -> Iterator[tuple[str, int, int]]:
    """``text[start:end]`` cut into the grammar's words, with what lies between each two as one
    ``_FILLER``: (terminal, start, end); the parser reads their terminals, no tokens are made."""
    _, _, words = _terminals()
    at = start
    for match in words.finditer(text, start, end):
        if match.start() > at:
            yield FILLER, at, match.start()
        assert match.lastgroup is not None
        yield match.lastgroup, match.start(), match.end()
        at = match.end()
    if end > at:
        yield FILLER, at, end
