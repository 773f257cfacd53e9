"""Bytes to text: the encodings reports come in, damaged bytes kept in place, binary refused.

A report that is UTF-8 or GB18030 but for a stray byte or a last character cut in half is still a
report: its bad bytes become U+FFFD where they stood, each run of them a ``damaged_bytes``
diagnostic at its line and column, and every other number survives. Data with more bad bytes than
a damaged text has (a PDF, a ZIP, random bytes) is refused as binary.
"""

from __future__ import annotations

import codecs
import re

import attrs

from ..errors import GarbledTextError, InputTooLargeError, NotTextError
from ..model import Diagnostic, Severity
from .normalize import LINE_BREAK, REPLACEMENT

MAX_INPUT_BYTES = 64 * 1024 * 1024
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ENCODINGS = ("utf-8", "gb18030")  # tried in this order; the first that decodes with least damage wins
# Control characters no text file holds (tab, newlines, form feed and ^Z are allowed), and the
# private-use area that random bytes decoded as GB18030 land in.
_BINARY_CHARS = re.compile("[\x00-\x08\x0e-\x19\x1b-\x1f\x7f\ue000-\uf8ff]")
_MAX_BINARY_SHARE = 0.01
# Bytes no encoding could read, as ``surrogateescape`` leaves them (no decoded text holds a lone
# surrogate, so these are exactly the bad bytes).
_ESCAPED = re.compile("[\udc80-\udcff]+")
_MAX_DAMAGED_SHARE = 0.005  # of the bytes; past this (and past a handful) the data is binary
_MAX_DAMAGED_FEW = 8
# Glyphs an extractor could not map to characters: pdfminer writes each as "(cid:N)", and a font
# whose ToUnicode map is broken comes out as one Han character for every glyph ("首首首首"). No
# report's prose repeats a Han character three times running.
_UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)")
_REPEATED_HAN = re.compile(r"([\u4e00-\u9fff])\1{2,}")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_MIN_GARBLED = 50  # glyphs: a stray "(cid:3)" or a "哈哈哈" does not make a text garbled
_MAX_GARBLED_SHARE = 0.5  # of the glyphs a text shows as Han characters or unmapped codes
_MAX_DIAGNOSED = 20  # damaged runs named one by one; the rest are counted in one more diagnostic


@attrs.frozen
class DecodedText:
    """The text of some bytes, the encoding it was read in, and where bytes were damaged."""

    text: str
    encoding: str
    diagnostics: tuple[Diagnostic, ...] = ()


def decode(data: bytes) -> DecodedText:
    """The text of ``data`` (UTF-8/16/32 with BOM, UTF-8, GB18030), damaged bytes replaced.

    Empty text and binary data that happens to decode are refused by ``api.parse``, which every
    text goes through (``check_text``).
    """
    if len(data) > MAX_INPUT_BYTES:
        raise InputTooLargeError(f"input is {len(data)} bytes; the limit is {MAX_INPUT_BYTES}")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return DecodedText(data.decode(encoding), encoding)
            except UnicodeDecodeError as e:
                raise NotTextError(f"starts with a {encoding} byte-order mark but is not {encoding}: {e.reason}") from e
    for encoding in _ENCODINGS:
        try:
            return DecodedText(data.decode(encoding), encoding)
        except UnicodeDecodeError:
            continue
    return _decode_damaged(data)


def _decode_damaged(data: bytes) -> DecodedText:
    """The encoding that leaves the fewest bytes unread, its bad bytes replaced and diagnosed."""
    readings = [(data.decode(encoding, "surrogateescape"), encoding) for encoding in _ENCODINGS]
    damaged, escaped, encoding = min(  # a tie: the first
        ((_damaged_bytes(text), text, encoding) for text, encoding in readings), key=lambda reading: reading[0]
    )
    if damaged > max(_MAX_DAMAGED_FEW, len(data) * _MAX_DAMAGED_SHARE):
        raise NotTextError(
            f"the bytes are neither UTF-8 nor GB18030/GBK text: {damaged} of {len(data)} bytes are not "
            f"{encoding} even at best (binary data, or another encoding)"
        )
    runs = list(_ESCAPED.finditer(escaped))
    diagnostics = [_damage(escaped, run, encoding) for run in runs[:_MAX_DIAGNOSED]]
    if len(runs) > _MAX_DIAGNOSED:
        first = runs[_MAX_DIAGNOSED]
        line, column = _position(escaped, first.start())
        rest = sum(len(run.group()) for run in runs[_MAX_DIAGNOSED:])
        diagnostics.append(
            Diagnostic(
                "damaged_bytes",
                Severity.WARNING,
                f"{len(runs) - _MAX_DIAGNOSED} more runs of damaged bytes ({rest} bytes) from here on, "
                f"each replaced by {REPLACEMENT}",
                line,
                column,
                expected=f"{encoding} text",
                found=f"{rest} bytes that are not {encoding}",
            )
        )
    return DecodedText(_ESCAPED.sub(lambda run: REPLACEMENT * len(run.group()), escaped), encoding, tuple(diagnostics))


def _damaged_bytes(escaped: str) -> int:
    return sum(len(run) for run in _ESCAPED.findall(escaped))


def _damage(escaped: str, run: re.Match[str], encoding: str) -> Diagnostic:
    line, column = _position(escaped, run.start())
    found = " ".join(f"0x{ord(char) - 0xDC00:02x}" for char in run.group())
    cut = run.end() == len(escaped)
    return Diagnostic(
        "damaged_bytes",
        Severity.WARNING,
        f"{'the last character is cut: ' if cut else ''}bytes {found} are not {encoding}; "
        f"replaced by {REPLACEMENT * len(run.group())}",
        line,
        column,
        expected=f"{encoding} text",
        found=found,
    )


def _position(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of ``offset`` (lines as ``normalize`` counts them)."""
    before = text[:offset]
    starts = [m.end() for m in LINE_BREAK.finditer(before)]
    line_start = starts[-1] if starts else 0
    return len(starts) + 1, offset - line_start + 1


def check_text(text: str) -> None:
    """Refuse text that is binary data decoded by accident, or an extractor's text of glyphs it
    could not decode (its labels unreadable, any number placed in it would be a guess)."""
    sample = text[:65536]
    found = len(_BINARY_CHARS.findall(sample))
    if found > max(1, len(sample) * _MAX_BINARY_SHARE):
        raise NotTextError(
            f"the input looks binary: {found} control or private-use characters in its first {len(sample)}"
        )
    _check_glyphs(sample)


def _check_glyphs(sample: str) -> None:
    """Refuse ``sample`` where its garbled glyphs are many and half of its glyphs or more."""
    unmapped = list(_UNMAPPED_GLYPH.finditer(sample))
    repeated = list(_REPEATED_HAN.finditer(sample))
    garbled = len(unmapped) + sum(len(run.group()) for run in repeated)
    glyphs = len(unmapped) + len(_HAN.findall(sample))
    if garbled < max(_MIN_GARBLED, glyphs * _MAX_GARBLED_SHARE):
        return
    first = min((*unmapped[:1], *repeated[:1]), key=lambda run: run.start())
    line, column = _position(sample, first.start())
    raise GarbledTextError(
        f"the text is glyphs its extractor could not decode ({garbled} of its {glyphs} characters are "
        f"unmapped codes like (cid:12) or one character repeated, first {first.group()[:12]!r}): no label "
        "can be read; parse the PDF itself (gixr parse report.pdf) or take its text with another extractor",
        line=line,
        column=column,
    )
