"""Character normalisation that keeps every line where it was.

PDF and Word exports write Kangxi radicals (⼀⼆⼈) and CJK radical-supplement forms (⺠) for ordinary
characters, full-width digits and brackets, odd spaces and zero-width marks. We fold them with one
regular-expression pass that replaces only the characters to fold (``str.translate`` looks every
character up in the table: ten times slower on Chinese text). Characters map one-to-one or are
deleted, and line breaks are untouched, so line N of the normalised text is line N of the source; columns shift only on lines where something
was deleted, and ``NormalizedText.source_column`` maps them back.
"""

from __future__ import annotations

import re
import unicodedata

import attrs

# CJK Radicals Supplement forms that NFKC leaves alone, to the characters they stand for.
_RADICAL_SUPPLEMENT = {
    pair[0]: pair[1]
    for pair in [
        "⺁厂",
        "⺇几",
        "⺊卜",
        "⺌小",
        "⺒巳",
        "⺓幺",
        "⺙攵",
        "⺛旡",
        "⺜日",
        "⺝月",
        "⺞歺",
        "⺟母",
        "⺠民",
        "⺧牛",
        "⺩王",
        "⺫罒",
        "⺬示",
        "⺮竹",
        "⺯糸",
        "⺰纟",
        "⺷羊",
        "⺻聿",
        "⺼肉",
        "⺾艹",
        "⻀虫",
        "⻁虎",
        "⻄西",
        "⻅见",
        "⻆角",
        "⻈讠",
        "⻉贝",
        "⻊足",
        "⻋车",
        "⻍辶",
        "⻑長",
        "⻒镸",
        "⻓长",
        "⻔门",
        "⻘青",
        "⻙韦",
        "⻚页",
        "⻛风",
        "⻜飞",
        "⻝食",
        "⻢马",
        "⻣骨",
        "⻤鬼",
        "⻥鱼",
        "⻦鸟",
        "⻧卤",
        "⻨麦",
        "⻩黄",
        "⻪黾",
        "⻬齐",
        "⻮齿",
        "⻰龙",
        "⻳龟",
    ]
}
_SPACES = "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_DELETED = "\u200b\u200c\u200d\u2060\ufeff\u00ad\x0c\x0b"
_FULLWIDTH_ASCII = "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ（）．／＋－％＃＊｜"
_ASCII = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz()./+-%#*|"


def _table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for code in range(0x2F00, 0x2FD6):  # Kangxi radicals: NFKC gives the ordinary character
        table[code] = unicodedata.normalize("NFKC", chr(code))
    table.update((ord(k), v) for k, v in _RADICAL_SUPPLEMENT.items())
    table.update((ord(k), v) for k, v in zip(_FULLWIDTH_ASCII, _ASCII, strict=True))
    table.update((ord(ch), " ") for ch in _SPACES)
    table.update((ord(ch), None) for ch in _DELETED)
    return table


TRANSLATION = _table()
_FOLDED = {chr(code): to or "" for code, to in TRANSLATION.items()}
_TO_FOLD = re.compile("[" + re.escape("".join(_FOLDED)) + "]")
LINE_BREAK = re.compile(r"\r\n|\r|\n")
REPLACEMENT = "\ufffd"  # what decoding puts for each damaged byte
_DELETED_RE = re.compile(f"[{_DELETED}]")


def normalize_line(line: str) -> str:
    """Fold one line's characters; idempotent."""
    return _fold(line)


def _fold(text: str) -> str:
    return _TO_FOLD.sub(lambda match: _FOLDED[match.group()], text)


def compact(text: str) -> str:
    """The text with all whitespace removed: what labels are matched on (三、本 年度办 理结果).

    The U+FFFD that decoding put for damaged bytes goes too, so that a stray byte does not break the
    label it fell into (a value cell beside one is a damaged number: ``values``)."""
    return "".join(text.split()).replace(REPLACEMENT, "")


@attrs.frozen
class NormalizedText:
    """The normalised lines of a source text, and the way back to source columns."""

    lines: tuple[str, ...]
    # Source lines that lost characters to normalisation, by 0-based index (others map 1:1).
    _shifted: dict[int, str] = attrs.field(factory=dict, alias="shifted")

    def source_column(self, line: int, column: int) -> int:
        """The 1-based source column of 1-based ``column`` on 1-based ``line``."""
        source = self._shifted.get(line - 1)
        if source is None:
            return column
        kept = 0
        for index, ch in enumerate(source):
            if _DELETED_RE.match(ch):
                continue
            kept += 1
            if kept == column:
                return index + 1
        return len(source) + 1


def source_lines(text: str) -> list[str]:
    """The source's lines as the parser numbers them (CRLF, CR or LF; not ``str.splitlines``, which
    also breaks at the form feed extractors put between pages), with no empty line after the last
    line break."""
    lines = LINE_BREAK.split(text)
    return lines[:-1] if len(lines) > 1 and not lines[-1] else lines


def normalize(text: str) -> NormalizedText:
    """Split into lines (CRLF, CR or LF) and fold characters, keeping line numbers."""
    lines = LINE_BREAK.split(_fold(text))
    if not _DELETED_RE.search(text):  # every other character maps to one: no column moved
        return NormalizedText(tuple(lines))
    source_lines = LINE_BREAK.split(text)
    shifted = {i: src for i, (src, out) in enumerate(zip(source_lines, lines, strict=True)) if len(src) != len(out)}
    return NormalizedText(tuple(lines), shifted=shifted)
