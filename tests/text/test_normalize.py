from __future__ import annotations

from gixr_grammar.text.normalize import compact, normalize, normalize_line


def test_kangxi_radicals_and_supplement_forms() -> None:
    assert normalize_line("⼀⼆⼈⾏⽂⺠⻔⻓") == "一二人行文民门长"


def test_full_width_digits_letters_brackets() -> None:
    assert normalize_line("（一）１２．５ＡＢ／") == "(一)12.5AB/"


def test_spaces_and_zero_width() -> None:
    assert normalize_line("a\u3000b\u00a0c\u200bd\ufeff") == "a b cd"


def test_line_breaks_keep_line_numbers() -> None:
    text = "一\r\n二\r三\n\n五"
    assert normalize(text).lines == ("一", "二", "三", "", "五")


def test_idempotent() -> None:
    once = normalize_line("⼀、\u200b（三）不予公 开１")
    assert normalize_line(once) == once


def test_source_column_after_deleted_characters() -> None:
    text = normalize("x\n\u200b\u200bab")
    assert text.lines[1] == "ab"
    assert text.source_column(2, 1) == 3
    assert text.source_column(1, 1) == 1


def test_compact_removes_spaces_inside_words() -> None:
    assert compact("三、本 年度办 理结果") == "三、本年度办理结果"
    assert compact("商 业 企 业") == "商业企业"
