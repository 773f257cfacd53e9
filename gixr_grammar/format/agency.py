"""One key for the harmless variants of an agency's name, so that one agency's reports of several
years pair up (cross-year rules, panels) however each year's title spells it.

``agency_key`` folds: full-width and half-width forms (NFKC), spaces of any kind, brackets of either
width, and 人民政府 against 政府 (信阳市人民政府 and 信阳市政府 are one government). It keeps
everything that names another body: 南阳市政府办公室 is not 南阳市政府, a county is not its city.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_GOVERNMENT = "人民政府"


def agency_key(agency: str | None) -> str | None:
    """The key of an agency's name: equal for the harmless variants of one name (see the module)."""
    if agency is None:
        return None
    folded = _SPACES.sub("", unicodedata.normalize("NFKC", agency))
    return folded.replace(_GOVERNMENT, "政府") or None
