"""Where one report ends and the next begins, in a text that holds several (crawled dumps).

The grammar reads such a text as one report whose sections start over: 一 … 六, then 一 again. A new
report begins where the section numbers go back *and* a report title stands between the two
headings (the title, and everything after it, open the next report) or first under the second
heading (some reports print their title under 一、总体情况: the heading opens the next report).
Section numbers that go back with no title there (two sections printed in the wrong order) stay one
report; so do they where what stands before them does not open like a report (no title, and a first
section other than 一): section 二 printed before a section 一 that carries the title.
"""

from __future__ import annotations

from .drafts import DocumentDraft, SectionDraft, SubsectionDraft, TitleDraft
from .sections import section_number


def split_reports(document: DocumentDraft) -> list[DocumentDraft]:
    """The reports of ``document``, in order (one when it holds one)."""
    reports: list[DocumentDraft] = []
    preamble, sections = document.preamble, list[SectionDraft]()
    for section in document.sections:
        boundary = _boundary(sections[-1], section) if sections and _opens_a_report(preamble, sections) else None
        if boundary is not None:
            sections[-1], next_preamble = boundary
            reports.append(DocumentDraft(preamble, tuple(sections)))
            preamble, sections = next_preamble, []
        sections.append(section)
    reports.append(DocumentDraft(preamble, tuple(sections)))
    return reports


def _opens_a_report(preamble: SectionDraft, sections: list[SectionDraft]) -> bool:
    return section_number(sections[0]) == 1 or any(isinstance(item, TitleDraft) for item in preamble.items)


def report_start(document: DocumentDraft) -> int | None:
    """The line a report split off by ``split_reports`` starts at: its title's, or its first heading's."""
    for item in document.preamble.items:
        if isinstance(item, TitleDraft):
            return item.tokens[0].line
    return document.sections[0].head.line if document.sections and document.sections[0].head else None


def _boundary(last: SectionDraft, section: SectionDraft) -> tuple[SectionDraft, SectionDraft] | None:
    """If ``section`` (after ``last``) opens a new report: ``last`` as its report keeps it, and the
    new report's preamble."""
    if section_number(section) >= section_number(last):
        return None
    cut = _cut_at_last_title(last)
    if cut is None and section.items and isinstance(section.items[0], TitleDraft):
        return last, SectionDraft(None, (), ())
    return cut


def _cut_at_last_title(section: SectionDraft) -> tuple[SectionDraft, SectionDraft] | None:
    """``section`` up to its last report title, and a preamble from that title on; None if it has none."""
    for index in reversed(range(len(section.subsections))):
        subsection = section.subsections[index]
        at = _last_title(subsection.items)
        if at is not None:
            kept = SubsectionDraft(subsection.head, subsection.items[:at])
            before = SectionDraft(section.head, section.items, (*section.subsections[:index], kept))
            return before, SectionDraft(None, subsection.items[at:], section.subsections[index + 1 :])
    at = _last_title(section.items)
    if at is None:
        return None
    return SectionDraft(section.head, section.items[:at], ()), SectionDraft(
        None, section.items[at:], section.subsections
    )


def _last_title(items: tuple[object, ...]) -> int | None:
    found = [i for i, item in enumerate(items) if isinstance(item, TitleDraft)]
    return found[-1] if found else None
