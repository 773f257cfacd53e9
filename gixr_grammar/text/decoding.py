"""Bytes to text: the encodings reports come in, and a clear refusal of everything else."""

from __future__ import annotations

import codecs
import re

from ..errors import InputTooLargeError, NotTextError

MAX_INPUT_BYTES = 64 * 1024 * 1024
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters no text file holds (tab, newlines, form feed and ^Z are allowed), and the
# private-use area that random bytes decoded as GB18030 land in.
_BINARY_CHARS = re.compile("[\x00-\x08\x0e-\x19\x1b-\x1f\x7f\ue000-\uf8ff]")
_MAX_BINARY_SHARE = 0.01


def decode(data: bytes) -> tuple[str, str]:
    """Return the text and the encoding it was read in (UTF-8/16/32 with BOM, UTF-8, GB18030).

    Empty text and binary data that happens to decode are refused by ``api.parse``, which every
    text goes through (``check_text``).
    """
    if len(data) > MAX_INPUT_BYTES:
        raise InputTooLargeError(f"input is {len(data)} bytes; the limit is {MAX_INPUT_BYTES}")
    return _decode(data)


def _decode(data: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as e:
                raise NotTextError(f"starts with a {encoding} byte-order mark but is not {encoding}: {e.reason}") from e
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise NotTextError("the bytes are neither UTF-8 nor GB18030/GBK text")


def check_text(text: str) -> None:
    """Refuse text that is binary data decoded by accident."""
    sample = text[:65536]
    found = len(_BINARY_CHARS.findall(sample))
    if found > max(1, len(sample) * _MAX_BINARY_SHARE):
        raise NotTextError(
            f"the input looks binary: {found} control or private-use characters in its first {len(sample)}"
        )
