"""Section and title drafts to the model: headings, body text, subsections, title and signature."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

import attrs

from ..format.vocabulary import AGENCY_ENDING, YEAR_IN_TEXT
from ..model import Diagnostic, Heading, Meta, Section, Severity, Subsection
from ..text.normalize import compact
from .drafts import HeadingDraft, Item, SectionDraft, SubsectionDraft, TableDraft, TitleDraft
from .grammar import terminal_patterns
from .scanner import ScanToken, base_name
from .titles import title_meta

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
# What sites and authoring tools join to a title in its metadata: a site's name after _ | or a
# dash, a tool's name before a dash (Acrobat's PDFMaker: "Microsoft Word - …").
_JOINED_TO_TITLE = re.compile(r"[_|｜]|\s+[-—–]+\s+|—{2,}|-")


def section_number(draft: SectionDraft) -> int:
    assert draft.head is not None
    return SECTION_KINDS[base_name(draft.head.type)][0]


def build_section(draft: SectionDraft) -> Section:
    assert draft.head is not None
    number, kind = SECTION_KINDS[base_name(draft.head.type)]
    lines = [draft.head.line or 0, *_item_lines(draft.items)]
    subsections = tuple(_subsection(s) for s in draft.subsections)
    lines += [s.last_line for s in subsections]
    headings = tuple(Heading(str(i.token), i.token.line or 0) for i in _walk(draft) if isinstance(i, HeadingDraft))
    years = tuple(
        (int(m.group(1)), item.line)
        for item in _walk(draft)
        if isinstance(item, ScanToken) and item.line is not None
        for m in YEAR_IN_TEXT.finditer(str(item))
    )
    body = body_text(draft.items)
    return Section(number, kind, str(draft.head), body, subsections, headings, lines[0], max(lines), years)


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
    at = next((i for i, item in enumerate(items) if isinstance(item, TitleDraft)), None)
    text = agency = None
    year = line = None
    if at is not None:
        title = items[at]
        assert isinstance(title, TitleDraft)
        text = "".join(str(t) for t in title.tokens)
        line = title.tokens[0].line
        year, agency = title_meta(text)
        above = _short_line(items[at - 1]) if at and agency is None else None
        named = "" if above is None else compact(str(above))
        if above is not None and AGENCY_ENDING.search(named.rstrip("《》")):  # 某某县人民政府 / 2024年…报告
            agency, text, line = named.strip("《》"), named + text, above.line
    signature = date = date_line = None
    for index, item in enumerate(items):
        if isinstance(item, ScanToken) and base_name(item.type) == "DATE":
            date, date_line = str(item), item.line
            token = _short_line(items[index - 1]) if index else None
            signature = None if token is None else str(token)
    return Meta(text, agency, year, None, line, signature, date, date_line)


def _short_line(item: Item) -> ScanToken | None:
    """The token of ``item`` if it is a short line of its own (a signature, an agency above a title)."""
    token = item.token if isinstance(item, HeadingDraft) else item
    return token if isinstance(token, ScanToken) and len(token) <= _SIGNATURE_MAX else None


def infer_missing(
    meta: Meta, sections: list[SectionDraft], titles: Sequence[tuple[str, str]] = ()
) -> tuple[Meta, list[Diagnostic]]:
    """What no title gave: the year from the first year section 一 names (a report opens with its
    own year: 2020年，全市…), the agency from the signature, and what is still unknown from the
    ``titles`` named outside the text (where, title: the document's metadata, the file's name), in
    order, each that holds a report's title (a Word file's Title property can be last year's: they
    are the last resort); each with a ``meta_inferred`` warning, and what stays unknown with a
    ``meta_missing`` one. Never a silent None."""
    found: list[Diagnostic] = []
    year, agency = meta.year, meta.agency
    if year is None:
        overview = next((s for s in sections if s.head is not None and section_number(s) == 1), None)
        token = next(
            (t for t in _walk(overview) if isinstance(t, ScanToken) and YEAR_IN_TEXT.search(str(t))), None
        ) if overview is not None else None  # fmt: skip
        if token is not None:
            match = YEAR_IN_TEXT.search(str(token))
            assert match is not None
            year = int(match.group(1))
            found.append(_inferred("year", str(year), "the first year section 一 names", token.line))
    if agency is None and meta.signature:
        agency = meta.signature
        found.append(_inferred("agency", agency, "the signature above the date", None))
    for where, named in titles:
        if year is not None and agency is not None:
            break
        title = _report_title_in(named)
        if title is None:
            continue
        named_year, named_agency = title_meta(title)
        source = f"{where} «{named}»"
        if year is None and named_year is not None:
            year = named_year
            found.append(_inferred("year", str(year), source, None))
        if agency is None and named_agency is not None:
            agency = named_agency
            found.append(_inferred("agency", agency, source, None))
    for name, value in (("agency", agency), ("year", year)):
        if value is None:
            found.append(
                Diagnostic(
                    "meta_missing",
                    Severity.WARNING,
                    f"no report title names the {name}, and nothing else in the report does: it is unknown",
                    None,
                    expected=f"a title that names the {name} (…年政府信息公开工作年度报告)",
                )
            )
    return attrs.evolve(meta, year=year, agency=agency), found


def _report_title_in(metadata: str | None) -> str | None:
    """The report title a metadata title holds: the first of its parts around what sites and
    authoring tools join to a title (``…年度报告_某某县人民政府``, ``Microsoft Word - …``) that the
    grammar's ``TITLE`` matches, else all of it if that does (a title allows words before its year,
    so a tool's name would be read as the agency's)."""
    if not metadata:
        return None
    title = terminal_patterns()["TITLE"]
    parts = [*_JOINED_TO_TITLE.split(metadata), metadata]
    return next((part for part in parts if title.fullmatch(compact(part))), None)


def _inferred(name: str, value: str, source: str, line: int | None) -> Diagnostic:
    return Diagnostic(
        "meta_inferred",
        Severity.WARNING,
        f"no report title names the {name}: {value} is taken from {source}",
        line,
        expected=f"a title that names the {name}",
        found=value,
    )
