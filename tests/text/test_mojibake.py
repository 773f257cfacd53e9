"""Mojibake (bytes a tool read in the wrong encoding) read again in the right one."""

from __future__ import annotations

import pytest
from conftest import SEED_NAMES, exact, seed_text

import gixr_grammar
from gixr_grammar.text.mojibake import undo_mojibake


def _windows_1252(data: bytes) -> str:
    """As a browser's windows-1252 decoder reads bytes (the five it has no character for kept as controls)."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)


@pytest.mark.parametrize("name", SEED_NAMES)
@pytest.mark.parametrize(
    ("encoding", "misread"),
    [("gb18030", lambda data: data.decode("latin-1")), ("utf-8", _windows_1252)],
    ids=["GBK as Latin-1", "UTF-8 as Windows-1252"],
)
def test_a_seed_read_in_the_wrong_encoding_is_read_again(name: str, encoding: str, misread: object) -> None:
    assert callable(misread)
    text = misread(seed_text(name).encode(encoding))
    report = gixr_grammar.parse(text)
    assert exact(report.cells(), name)
    (repaired,) = [d for d in report.diagnostics if d.code == "mojibake_repaired"]
    line = next(n for n, line in enumerate(seed_text(name).split("\n"), 1) if not line.isascii())
    assert repaired.line == line and repaired.found and repaired.found in text.split("\n")[line - 1]
    assert encoding in repaired.message


def test_a_text_with_a_few_latin_characters_is_what_it_says() -> None:
    text = "本年度气温 25°C，面积 3×4 平方米，©某某县 · 年报" * 10
    assert undo_mojibake(text) == (text, [])


def test_mojibake_that_lost_bytes_is_left_as_it_is() -> None:
    """A decoder that replaced the bytes it could not read (U+FFFD) lost them: nothing to read again."""
    text = ("政府信息公开" * 30).encode("utf-8").decode("cp1252", errors="replace")  # 息: e6 81 af
    assert "\ufffd" in text
    assert undo_mojibake(text) == (text, [])


def test_a_latin_text_s_accents_are_what_they_say() -> None:
    """Accented letters are a few of a German text's characters, though its bytes read as GB18030
    too (ü b, ö ß, ß e: each a lead and a trail byte)."""
    text = "Größe über Straße Maße " * 20
    assert "\ufffd" not in text.encode("latin-1").decode("gb18030", errors="replace")
    assert undo_mojibake(text) == (text, [])
    runs = ("Umlaute wie in der Sprache " + "äöäöäöäö") * 20  # eight in a row, a quarter of the letters
    assert "\ufffd" not in runs.encode("latin-1").decode("gb18030", errors="replace")
    text = runs
    assert undo_mojibake(text) == (text, [])
