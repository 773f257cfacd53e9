from __future__ import annotations

from gixr_grammar.text.layout import iter_rows, split_line


def texts(lines: list[str]) -> list[list[str]]:
    return [[c.text for c in row] for row in iter_rows(lines)]


def test_tab_separated_keeps_empty_cells_and_columns() -> None:
    row = split_line("⇥(二) 部分公开⇥⇥7⇥0".replace("⇥", "\t"), 5)
    assert [c.text for c in row] == ["", "(二) 部分公开", "", "7", "0"]
    assert [(c.line, c.column) for c in row][3] == (5, 12)


def test_markdown_heading_and_bold_marks_are_dropped() -> None:
    assert texts(["### 三、收到和处理政府信息公开申请情况", "**(一) 主动公开。**坚持"]) == [
        ["三、收到和处理政府信息公开申请情况"],
        ["(一) 主动公开。坚持"],
    ]


def test_pipe_rows_and_rules() -> None:
    assert texts(["| 规章 | 0 | 1 |", "|---|:---:|---|", "--------\t------"]) == [["规章", "0", "1"]]


def test_one_cell_per_line_is_collapsed_into_rows() -> None:
    lines = ["\t信息内容", "\t本年新", "制作数量", "", "\t行政强制", "\t", "\t", "\t3", "", "正文"]
    assert texts(lines) == [["信息内容", "本年新制作数量"], ["行政强制", "", "", "3"], ["正文"]]


def test_few_tab_lines_are_not_a_cell_block() -> None:
    assert texts(["\t缩进的段落", "正文"]) == [["", "缩进的段落"], ["正文"]]
