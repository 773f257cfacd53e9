"""Entry points, encodings and bad input: a Report or a GixrError, never another exception."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from conftest import SEED_NAMES, exact, seed_text
from reports import report

import gixr_grammar
from gixr_grammar import (
    EmptyInputError,
    GixrError,
    InputTooLargeError,
    NotAReportError,
    NotTextError,
    ReportKind,
    UnreadableFileError,
)


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.encode("utf-16"),
        lambda t: t.encode("gb18030"),
        lambda t: t.replace("\n", "\r\n").encode("gbk", errors="replace"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "gb18030", "gbk-crlf"],
)
def test_encodings_give_the_same_cells(encode: object) -> None:
    text = seed_text(SEED_NAMES[0])
    assert gixr_grammar.parse_bytes(encode(text)).cells() == gixr_grammar.parse(text).cells()  # type: ignore[operator]


def test_parse_file(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(seed_text(SEED_NAMES[4]).encode("gb18030"))
    assert gixr_grammar.parse_file(path).meta.agency == "南阳市政府办公室"


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", EmptyInputError),
        (b" \n\t\r\n", EmptyInputError),
        (os.urandom(4096) + b"\x00\x01\x02" * 200, NotTextError),
        (b"\xff\xfe\x00\xd8", NotTextError),
        ("这是一份会议纪要。\n内容与政府信息公开年报无关。".encode(), NotAReportError),
    ],
    ids=["empty", "blank", "binary", "broken-utf16", "not-a-report"],
)
def test_bad_input_raises_a_gixr_error(data: bytes, error: type[GixrError]) -> None:
    with pytest.raises(error) as raised:
        gixr_grammar.parse_bytes(data)
    assert isinstance(raised.value, GixrError)
    assert str(raised.value)


def test_too_large_is_refused_before_work() -> None:
    with pytest.raises(InputTooLargeError):
        gixr_grammar.parse("一" * (64 * 1024 * 1024 + 1))


def test_pre_2019_report_is_recognised() -> None:
    text = (
        "某市人民政府2015年政府信息公开工作年度报告\n一、概述\n本年度我市做了很多工作。\n七、其他需要报告的事项\n无。\n"
    )
    result = gixr_grammar.parse(text)
    assert result.kind is ReportKind.PRE_2019
    assert result.meta.template is None and result.tables == ()
    assert [d.code for d in result.diagnostics] == ["pre_2019_format"]


def test_truncated_report_gives_diagnostics() -> None:
    text = report()
    cut = text[: text.index("（四）无法提供")]
    result = gixr_grammar.parse(cut)
    assert result.cells()["t3.granted.total"] == 4
    codes = {d.code for d in result.diagnostics}
    assert {"missing_table", "missing_section"} <= codes


def test_numbers_in_prose_are_not_table_values() -> None:
    result = gixr_grammar.parse(report().replace("存在的问题是公开不够及时。", "存在的问题是公开不够及时。\n2020"))
    assert "2020" in result.section(5).body  # type: ignore[union-attr]
    assert result.cells() == gixr_grammar.parse(report()).cells()


def test_long_single_line_and_many_blank_lines_finish() -> None:
    assert gixr_grammar.parse(report() + "很长的一行" * 200_000).meta.year == 2020
    assert gixr_grammar.parse(report() + "\n" * 100_000).meta.year == 2020


def test_package_is_typed() -> None:
    """py.typed ships beside the modules, so users' type checkers read the hints (PEP 561)."""
    from importlib import resources

    assert resources.files("gixr_grammar").joinpath("py.typed").is_file()


def test_parse_takes_bytes_too() -> None:
    text = seed_text(SEED_NAMES[4])
    assert gixr_grammar.parse(text.encode("gb18030")).cells() == gixr_grammar.parse(text).cells()


def test_parse_of_something_else_says_what_it_takes() -> None:
    with pytest.raises(NotTextError, match=r"parse takes a report's text \(str\) or its bytes, not int"):
        gixr_grammar.parse(42)  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", ["missing", "folder"])
def test_a_file_that_cannot_be_read_is_a_gixr_error_naming_it(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "report.txt"
    if kind == "folder":
        path.mkdir()
    with pytest.raises(UnreadableFileError) as raised:
        gixr_grammar.parse_file(path)
    assert str(raised.value).startswith(f"{path}: ")
    assert isinstance(raised.value, GixrError) and isinstance(raised.value.__cause__, OSError)


@pytest.mark.parametrize("order", [(0, 1, 2), (4, 3, 2), (2, 0, 4)])
def test_several_reports_in_one_text_are_each_found(order: tuple[int, ...]) -> None:
    names = [SEED_NAMES[i] for i in order]
    texts = [seed_text(name) for name in names]
    text = "\n".join(texts)
    reports = list(gixr_grammar.parse_all(text))
    assert len(reports) == 3 and all(exact(r.cells(), n) for r, n in zip(reports, names, strict=True))
    offsets = [sum(t.count("\n") + 1 for t in texts[:i]) for i in (1, 2)]  # lines before each next text
    title_lines = [offset + gixr_grammar.parse(t).meta.title_line for offset, t in zip(offsets, texts[1:], strict=True)]  # type: ignore[operator]
    assert [r.meta.title_line for r in reports[1:]] == title_lines  # lines are the whole text's
    (several,) = [d for d in gixr_grammar.parse(text).diagnostics if d.code == "several_reports"]
    alone = [gixr_grammar.parse(t) for t in texts[1:]]
    starts = [o + min(r.meta.title_line or 0, r.sections[0].first_line) for o, r in zip(offsets, alone, strict=True)]
    assert several.line == starts[0]  # the title, or the first heading where the title comes under it
    assert f"others start at lines {starts[0]}, {starts[1]}" in several.message
    assert exact(gixr_grammar.parse(text).cells(), names[0])
    assert list(gixr_grammar.parse_all(text.encode("gb18030")))[2].cells() == reports[2].cells()


def test_sections_out_of_order_with_no_title_between_stay_one_report() -> None:
    text = seed_text(SEED_NAMES[0])
    two, three = text.index("二、主动公开政府信息情况"), text.index("三、收到和处理政府信息公开申请情况")
    four = text.index("四、")
    swapped = text[:two] + text[three:four] + text[two:three] + text[four:]
    assert [r.meta.agency for r in gixr_grammar.parse_all(swapped)] == ["信阳市人民政府"]
