"""Text whose bytes were read in the wrong encoding (mojibake), read again in the right one.

A tool that takes a GBK page or a UTF-8 file for Latin-1 or Windows-1252 (pandoc reads every HTML
page as UTF-8 and falls back to Latin-1; old crawlers do the same) writes each byte as a character:
属于国家秘密 becomes ``ÊôÓÚ¹ú¼ÒÃØÃÜ`` (GBK) or ``å±žäºŽå›½å®¶ç§˜å¯†`` (UTF-8). No label can be read
in it, and a number placed by its place alone is a guess. Such a text is all characters a byte
stands for, mostly beyond ASCII and hardly any Han: its bytes are taken back and read as UTF-8,
else as GB18030, with a ``mojibake_repaired`` warning. A text with one character no single byte
is (a Han character, U+FFFD) is left as it is.
"""

from __future__ import annotations

import re

from ..model import Diagnostic, Severity

_BYTE_OF = {chr(b): b for b in range(256)}  # Latin-1: every byte a character
for _b in range(0x80, 0xA0):  # Windows-1252's characters for the bytes Latin-1 leaves to controls
    try:
        _BYTE_OF[bytes([_b]).decode("cp1252")] = _b
    except UnicodeDecodeError:  # 0x81, 0x8d, 0x8f, 0x90, 0x9d: none (WHATWG keeps the control)
        continue
_BEYOND_ASCII = re.compile("[\u0080-\u00ff\u0152-\u2122]")  # Latin-1's upper half, Windows-1252's extras
_RUN = re.compile("[\u0080-\u00ff]{4}")  # four bytes' characters in a row: where every text's check stops
_HAN = re.compile(r"[\u4e00-\u9fff]")
_SAMPLE = 65536
_MIN_SUSPECT = 50  # characters beyond ASCII: a few (°, ·, ×) are any report's
_MAX_HAN_SHARE = 0.25  # of those: a text with more Han characters than this is no mojibake
_MIN_SUSPECT_SHARE = 0.3  # of the sample's printed characters: a Chinese text misread is mostly such characters
_ENCODINGS = ("utf-8", "gb18030")  # as ``decoding`` tries them


def undo_mojibake(text: str) -> tuple[str, list[Diagnostic]]:
    """``text`` read again in the encoding its bytes were in, if it is mojibake; else as it is."""
    sample = text[:_SAMPLE]
    if _RUN.search(sample) is None:
        return text, []
    suspect = _BEYOND_ASCII.findall(sample)
    han = len(_HAN.findall(sample))
    printed = len(sample) - sum(map(str.isspace, sample))  # a French text's accents are a few of its letters
    if len(suspect) < max(_MIN_SUSPECT, printed * _MIN_SUSPECT_SHARE) or han > len(suspect) * _MAX_HAN_SHARE:
        return text, []
    try:
        data = bytes(_BYTE_OF[char] for char in text)
    except KeyError:  # a character no byte stands for: the text is what it says
        return text, []
    for encoding in _ENCODINGS:
        try:
            fixed = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if len(_HAN.findall(fixed[:_SAMPLE])) > han + len(suspect) * _MAX_HAN_SHARE:
            return fixed, [_repaired(text, fixed, encoding)]
    return text, []


def _repaired(text: str, fixed: str, encoding: str) -> Diagnostic:
    first = _BEYOND_ASCII.search(text)
    assert first is not None  # a mojibake text has many
    start = first.start()
    line = text.count("\n", 0, start) + 1
    column = start - text.rfind("\n", 0, start)
    found = text[start : start + 8]
    lines = fixed.splitlines()
    read = lines[line - 1].strip()[:12] if line <= len(lines) else ""
    return Diagnostic(
        "mojibake_repaired",
        Severity.WARNING,
        f"the text is {encoding} bytes read as Latin-1 or Windows-1252 ({found!r} on line {line}); read again as "
        f"{encoding} ({read!r} …): lines are as given, columns are those of the text read again",
        line,
        column,
        expected=f"{encoding} text",
        found=found,
    )
