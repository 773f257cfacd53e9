"""Decoding: damaged bytes kept in place and diagnosed, true binary refused."""

from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path

import pytest
from conftest import SEED_NAMES, exact, seed_text

import gixr_grammar
from gixr_grammar import GarbledTextError, NotTextError
from gixr_grammar.text.decoding import decode
from gixr_grammar.text.values import is_value, read_number


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
@pytest.mark.parametrize("name", SEED_NAMES)
def test_a_stray_byte_among_letters_loses_nothing(name: str, encoding: str) -> None:
    text = seed_text(name)
    at = text.index("政府信息公开申请")  # inside the label of a table 三 row (and in prose before it)
    line = text[:at].count("\n") + 1
    raw = text[:at].encode(encoding) + b"\xff" + text[at:].encode(encoding)
    report = gixr_grammar.parse_bytes(raw)
    assert exact(report.cells(), name)
    damaged = [d for d in report.diagnostics if d.code == "damaged_bytes"]
    assert [(d.line, d.column, d.found) for d in damaged] == [(line, at - text.rfind("\n", 0, at), "0xff")]
    assert f"are not {encoding}" in damaged[0].message


def test_a_damaged_number_is_a_gap_the_arithmetic_may_fill() -> None:
    text = seed_text(SEED_NAMES[0])
    row = "一、本年新收政府信息公开申请数量\t\t410\t20"
    assert row in text
    raw = text.replace(row, row.replace("410", "4\udcff10")).encode("utf-8", "surrogateescape")
    report = gixr_grammar.parse_bytes(raw)
    record = report.cell_records()["t3.new_received.natural_person"]
    assert record.value == 410 and record.status.value == "inferred"  # 454 − 20 − 0 − 1 − 23 − 0
    assert report.cells()["t3.new_received.total"] == 454


def test_a_damaged_number_in_a_table_without_arithmetic_stays_unknown() -> None:
    text = seed_text(SEED_NAMES[0])
    row = "规范性文件\t213\t193\t663"
    assert row in text
    report = gixr_grammar.parse_bytes(
        text.replace(row, "规范性文件\t213\t193\t6\udcff63").encode("utf-8", "surrogateescape")
    )
    cells = report.cells()
    assert cells["t2.normative_documents.total_published"] is None
    assert (cells["t2.normative_documents.made"], cells["t2.normative_documents.published"]) == (213, 193)


def test_a_file_cut_in_the_middle_of_a_character() -> None:
    raw = seed_text(SEED_NAMES[0]).encode("utf-8")
    cut = raw[: len(raw) - 1]  # the last character is Chinese: three bytes, the last one lost
    assert cut.decode("utf-8", "replace").endswith("\ufffd")
    decoded = decode(cut)
    assert decoded.encoding == "utf-8" and decoded.text.endswith("\ufffd")
    (damage,) = decoded.diagnostics
    assert damage.message.startswith("the last character is cut") and damage.line == decoded.text.count("\n") + 1
    assert exact(gixr_grammar.parse_bytes(cut).cells(), SEED_NAMES[0])


def test_many_damaged_runs_are_named_then_counted() -> None:
    lines = seed_text(SEED_NAMES[0]).encode("utf-8").split(b"\n")
    raw = b"\n".join(line + b"\xfe" if i % 3 == 0 else line for i, line in enumerate(lines))
    decoded = decode(raw)
    assert len(decoded.diagnostics) == 21
    assert decoded.diagnostics[-1].message.startswith(f"{len(lines[::3]) - 20} more runs of damaged bytes")


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", bytes(random.Random(3).randbytes(20000)))
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 400 /Filter /FlateDecode >>\nstream\n"
        + random.Random(1).randbytes(4000),
        _zip(),
        random.Random(2).randbytes(5000),
    ],
    ids=["pdf", "zip", "random"],
)
def test_binary_is_still_refused(data: bytes) -> None:
    """As text: a PDF or a ZIP given to the text decoder (``parse_bytes`` sends them to their readers)."""
    with pytest.raises(NotTextError, match="neither UTF-8 nor GB18030"):
        decode(data)


def test_damaged_numbers_are_values_but_no_number() -> None:
    assert is_value("4\ufffd10") and is_value("\ufffd77180.86万元") and not is_value("2\ufffd.重复申请")
    assert read_number("4\ufffd10").damaged and not read_number("4\ufffd10").is_blank
    assert read_number("-").is_blank and not read_number("-").damaged


GARBLED = Path(__file__).parent.parent / "data" / "pdfminer" / "garbled"


def test_text_of_glyphs_no_font_map_decodes_is_refused_where_it_starts() -> None:
    """pdfminer's text of a LibreOffice PDF whose fonts it cannot map (every glyph one character,
    首首首首): its labels unreadable, it put numbers on rows by their order (8 wrong cells)."""
    text = (GARBLED / "001_libreoffice_html.txt").read_text(encoding="utf-8")
    with pytest.raises(GarbledTextError, match="865 of its 891 characters") as caught:
        gixr_grammar.parse(text)
    assert (caught.value.line, caught.value.column) == (2, 3)


def test_unmapped_glyph_codes_are_refused() -> None:
    """pdfminer writes a glyph with no character as (cid:N): a report of them has no label."""
    text = re.sub("[\u4e00-\u9fff]", lambda m: f"(cid:{ord(m.group()) % 997})", seed_text(SEED_NAMES[0]))
    with pytest.raises(GarbledTextError, match="unmapped codes"):
        gixr_grammar.parse(text)


def test_a_few_garbled_glyphs_leave_the_report_as_it_is() -> None:
    name = SEED_NAMES[0]
    text = seed_text(name) + "\n(cid:3)哈哈哈" * 30  # 120 garbled glyphs, 5% of the text's
    assert exact(gixr_grammar.parse(text).cells(), name)
