"""A long line that holds several headings or table rows cut where each begins: a crawler's text
of a whole page (its textContent) puts the report on one line, with the site's labels around it.

The cuts come from the grammar's own terminals: a section heading (一、总体情况 …, numbered), and
inside a section's table the starts its grammar knows (第二十条第（一）项, 信息内容…, the row labels
of table 二, the corner note and the numbered rows of table 三, table 四's header words), and the
end of every run of values (a row's numbers end where the next row's label begins). A site label
(标题:, 发布日期: …) is a piece of its own, so that it never joins the title. Every piece keeps its
line and its column, so diagnostics and cells still point into the source line.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable, Iterator

import attrs

from ..format.vocabulary import SITE_LABELS
from ..text.layout import RawCell, Row
from ..text.values import is_value
from .grammar import terminal_patterns

MIN_LENGTH = 200  # a heading and its paragraph can be long; a page on one line is longer
MIN_CUTS = 2  # "several": a line with one heading in it is a paragraph

# Section terminals, with the number of the section whose table their region holds.
SECTIONS = {
    "SECTION_OVERVIEW": 1,
    "SECTION_PROACTIVE": 2,
    "SECTION_REQUESTS": 3,
    "SECTION_REVIEW_LITIGATION": 4,
    "SECTION_PROBLEMS": 5,
    "SECTION_OTHER": 6,
}
# Where a row or a table's part begins, by the section whose table it is.
TABLE_STARTS = {
    2: (
        "BLOCK",
        "COLUMNS_2019",
        "COLUMNS_2021",
        "REGULATIONS",
        "NORMATIVE_DOCUMENTS",
        "LICENSING",
        "OTHER_SERVICES",
        "PENALTIES",
        "ENFORCEMENT",
        "FEES",
        "PROCUREMENT",
    ),
    3: (
        "CORNER",
        "NEW_RECEIVED",
        "CARRIED_OVER",
        "OUTCOMES",
        "GRANTED",
        "PARTIALLY_GRANTED",
        "DENIED",
        "DENIED_STATE_SECRET",
        "DENIED_PROHIBITED_BY_LAW",
        "DENIED_SECURITY_STABILITY",
        "DENIED_THIRD_PARTY_RIGHTS",
        "DENIED_INTERNAL_AFFAIRS",
        "DENIED_PROCESS_INFORMATION",
        "DENIED_ENFORCEMENT_FILES",
        "DENIED_ADMINISTRATIVE_QUERY",
        "UNAVAILABLE",
        "UNAVAILABLE_NOT_HELD",
        "UNAVAILABLE_NEEDS_CREATION",
        "UNAVAILABLE_UNCLEAR",
        "NOT_PROCESSED",
        "NOT_PROCESSED_COMPLAINT",
        "NOT_PROCESSED_DUPLICATE",
        "NOT_PROCESSED_PUBLICATION",
        "NOT_PROCESSED_EXCESSIVE",
        "NOT_PROCESSED_CONFIRMATION",
        "OTHER",
        "OTHER_OVERDUE_CORRECTION",
        "OTHER_UNPAID_FEE",
        "OTHER_MISC",
        "TOTAL",
        "CARRIED_FORWARD",
    ),
    4: ("CASES_FIRST",),
}
# Header terminals, whose end is where a table's first row may begin with no space before it.
HEADERS: dict[int, tuple[str, ...]] = {2: ("BLOCK",), 3: ("APPLICANTS",), 4: ()}
_NUMBERED = "、."
_SECTION_NUMERAL = re.compile(r"[一二三四五六七][、.]")  # a section heading's numeral is followed by one of these
_BEFORE_A_START = re.compile(r"[\s。；;！!？?\d]")  # what may stand before a cut: not a word
_NUMBERING = re.compile(r"[(（][一二三四五六七八九十]{1,2}[)）]|\d{1,2}[.、]|[一二三四五六七八九十]{1,2}、")
_NUMBERING_AT_END = re.compile(f"(?:{_NUMBERING.pattern})$")
_NUMBERING_MAX = 4  # characters of the longest numbering: (十一)
_WORD = re.compile(r"\S+")


@functools.cache
def _site_label() -> re.Pattern[str]:
    return re.compile("(?:" + "|".join(map(re.escape, SITE_LABELS)) + ")[:：]")


def break_long_rows(rows: Iterable[Row]) -> Iterator[Row]:
    """``rows`` with each one-cell row that holds several headings or table rows cut into one row
    a piece (the same line, each piece at its own column), and a site label that starts a line of
    its own (``标题：…`` in a printed page's text) cut off what it labels."""
    for row in rows:
        if len(row) == 1 and len(row[0].text) >= MIN_LENGTH and _may_hold_cuts(row[0].text):
            cell = row[0]
            cuts = _cuts(cell.text)
            if len(cuts) >= MIN_CUTS:
                yield from _pieces(cell, cuts)
                continue
        label = _site_label().match(row[0].text) if len(row) == 1 else None
        if label is not None and row[0].text[label.end() :].strip():
            yield from _pieces(row[0], [label.end()])
            continue
        yield row


def _may_hold_cuts(text: str) -> bool:
    """Whether ``text`` has two section numerals or a site label: a long paragraph mostly has not,
    and is then not searched for every heading."""
    numerals = _SECTION_NUMERAL.finditer(text)
    return (next(numerals, None) is not None and next(numerals, None) is not None) or bool(_site_label().search(text))


def _pieces(cell: RawCell, cuts: list[int]) -> Iterator[Row]:
    bounds = [0, *cuts, len(cell.text)]
    for start, end in itertools.pairwise(bounds):
        text = cell.text[start:end]
        stripped = text.strip()
        if stripped:
            yield [RawCell(stripped, cell.line, cell.column + start + text.index(stripped[0]))]


def _cuts(text: str) -> list[int]:
    """Where the pieces of ``text`` begin (0 excluded), ascending. Terminals are matched on the
    text with its whitespace out (三、本年 度办理结果 is a label too), positions kept in ``text``."""
    squeezed = _Squeezed.of(text)
    sections = sorted(
        (start, end, number)
        for name, number in SECTIONS.items()
        for start, end in squeezed.matches(name, 0, len(text), None)
        if end < len(text) and squeezed.after(start) in _NUMBERED
    )
    cuts = {start for start, _, _ in sections}
    for match in _site_label().finditer(text):
        cuts.update((match.start(), match.end()))
    bounds = [*sections, (len(text), len(text), 0)]
    for (start, heading_end, number), (end, _, _) in itertools.pairwise(bounds):
        starts = TABLE_STARTS.get(number, ())
        if not starts:
            continue
        ends = {heading_end}  # a start right after the heading or a header may be glued to it
        ends.update(e for name in (*starts, *HEADERS[number]) for _, e in squeezed.matches(name, start, end, None))
        cuts.update(s for name in starts for s, _ in squeezed.matches(name, start, end, ends) if s > start)
        cuts.update(start + s for s in _ends_of_values(text[start:end]))
    cuts = {_before_numbering(text, cut) for cut in cuts}
    cuts.discard(0)
    return sorted(cuts)


@attrs.frozen
class _Squeezed:
    """A text with its whitespace out, and where each of its characters stands in the text."""

    text: str
    squeezed: str
    offsets: list[int]  # of each squeezed character in ``text``; then len(text)

    @classmethod
    def of(cls, text: str) -> _Squeezed:
        offsets = [i for i, ch in enumerate(text) if not ch.isspace()]
        return cls(text, "".join(text[i] for i in offsets), [*offsets, len(text)])

    def after(self, start: int) -> str:
        """The character after the one at ``start`` (of ``text``), spaces skipped."""
        index = bisect.bisect_left(self.offsets, start) + 1
        return self.squeezed[index] if index < len(self.squeezed) else ""

    def matches(self, name: str, start: int, end: int, ends: set[int] | None) -> Iterator[tuple[int, int]]:
        """The spans in ``text`` of every match of terminal ``name`` between ``start`` and ``end``
        (with ``ends``, only where a word may start)."""
        pattern = terminal_patterns()[name]
        position, stop = bisect.bisect_left(self.offsets, start), bisect.bisect_left(self.offsets, end)
        while (match := pattern.search(self.squeezed, position, stop)) is not None:
            span = self.offsets[match.start()], self.offsets[match.end() - 1] + 1
            if ends is None or _may_start(self.text, span[0], ends):
                yield span
            position = match.start() + 1


def _before_numbering(text: str, cut: int) -> int:
    """``cut`` moved back before a numbering that it would leave behind: (一) 予以公开 is cut
    before (一), not after it (the row before would end in it, not in its values). Only the few
    characters before the spaces at ``cut`` are searched, not the whole text before it."""
    end = cut
    while end and text[end - 1].isspace():
        end -= 1
    numbering = _NUMBERING_AT_END.search(text, max(0, end - _NUMBERING_MAX), end)
    return cut if numbering is None else numbering.start()


def _may_start(text: str, start: int, ends: set[int]) -> bool:
    """Whether a word may start at ``start``: at the text's start, after no word character, where
    another word of the table ended (``ends``: a header's last word, run into the first label),
    or anywhere if it is numbered ((一)予以公开, 1.属于国家秘密: glued to the label before)."""
    return (
        start == 0
        or start in ends
        or _BEFORE_A_START.match(text[start - 1]) is not None
        or _NUMBERING.match(text, start) is not None
    )


def _ends_of_values(text: str) -> Iterator[int]:
    """Where a word follows a run of values: the next row's label."""
    after_value = False
    for word in _WORD.finditer(text):
        value = is_value(word.group())
        if after_value and not value:
            yield word.start()
        after_value = value
