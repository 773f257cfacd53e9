"""Section and title drafts to the model: headings, body text, subsections, title and signature."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..format.vocabulary import TITLE_PARTS
from ..model import Meta, Section, Subsection
from ..text.normalize import compact
from .drafts import HeadingDraft, Item, SectionDraft, SubsectionDraft, TableDraft, TitleDraft
from .scanner import ScanToken, base_name

# Section terminals of report.lark, in the order of the format, with the model's name for each.
SECTION_KINDS = {
    "SECTION_OVERVIEW": (1, "overview"),
    "SECTION_PROACTIVE": (2, "proactive"),
    "SECTION_REQUESTS": (3, "requests"),
    "SECTION_REVIEW_LITIGATION": (4, "review_litigation"),
    "SECTION_PROBLEMS": (5, "problems"),
    "SECTION_OTHER": (6, "other"),
}
_HEADING_END = re.compile(r"[。:：]")
_SIGNATURE_MAX = 40


def section_number(draft: SectionDraft) -> int:
    assert draft.head is not None
    return SECTION_KINDS[base_name(draft.head.type)][0]


def build_section(draft: SectionDraft) -> Section:
    assert draft.head is not None
    number, kind = SECTION_KINDS[base_name(draft.head.type)]
    lines = [draft.head.line or 0, *_item_lines(draft.items)]
    subsections = tuple(_subsection(s) for s in draft.subsections)
    lines += [s.last_line for s in subsections]
    headings = tuple(str(i.token) for i in _walk(draft) if isinstance(i, HeadingDraft))
    return Section(number, kind, str(draft.head), body_text(draft.items), subsections, headings, lines[0], max(lines))


def body_text(items: Iterable[Item]) -> str:
    """The prose of some items (tables left out), one line per source line."""
    parts = []
    for item in items:
        if isinstance(item, ScanToken):
            parts.append(str(item))
        elif isinstance(item, HeadingDraft):
            parts.append(str(item.token))
        elif isinstance(item, TitleDraft):
            parts.append("".join(item.tokens))
    return "\n".join(parts)


def _subsection(draft: SubsectionDraft) -> Subsection:
    text = str(draft.head)
    end = _HEADING_END.search(text)
    heading, rest = (text[: end.end()], text[end.end() :]) if end else (text, "")
    body = "\n".join(p for p in (rest.strip(), body_text(draft.items)) if p)
    line = draft.head.line or 0
    return Subsection(heading.strip(), body, line, max([line, *_item_lines(draft.items)]))


def _item_lines(items: Iterable[Item]) -> Iterator[int]:
    for item in items:
        if isinstance(item, TableDraft):
            yield item.last_line
        elif isinstance(item, HeadingDraft):
            yield item.token.line or 0
        elif isinstance(item, TitleDraft):
            yield item.tokens[-1].line or 0
        else:
            yield item.line or 0


def _walk(draft: SectionDraft) -> Iterator[Item]:
    yield from draft.items
    for sub in draft.subsections:
        yield from sub.items


def walk_all(sections: Iterable[SectionDraft]) -> Iterator[Item]:
    for section in sections:
        yield from _walk(section)


def build_meta(sections: list[SectionDraft]) -> Meta:
    """Title, agency and year from the first title anywhere; signature and date from the last date."""
    items = list(walk_all(sections))
    title = next((i for i in items if isinstance(i, TitleDraft)), None)
    text = agency = None
    year = line = None
    if title is not None:
        text = "".join(str(t) for t in title.tokens)
        line = title.tokens[0].line
        parts = TITLE_PARTS.search(compact(text))
        if parts:
            year = int(parts["year"] or parts["year_first"])
            agency = (parts["agency"] or parts["agency_after"] or "").strip("《》") or None
    signature = date = None
    for index, item in enumerate(items):
        if isinstance(item, ScanToken) and base_name(item.type) == "DATE":
            date = str(item)
            before = items[index - 1] if index else None
            token = before.token if isinstance(before, HeadingDraft) else before
            signature = str(token) if isinstance(token, ScanToken) and len(token) <= _SIGNATURE_MAX else None
    return Meta(text, agency, year, None, line, signature, date)
