"""What a report title names: its year and its agency. The scanner remembers a title's agency (a
page's running head repeats it), and the sections stage builds the report's meta from it."""

from __future__ import annotations

from ..format.vocabulary import TITLE_PARTS
from ..text.normalize import compact
from ..text.numerals import chinese_number


def title_meta(title: str) -> tuple[int | None, str | None]:
    """The year and agency a report title names."""
    parts = TITLE_PARTS.search(compact(title))
    if parts is None:
        return None, None
    year = chinese_number(parts["year"] or parts["year_first"])
    return year, (parts["agency"] or parts["agency_after"] or "").strip("《》") or None
