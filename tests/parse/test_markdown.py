"""PDF → markdown conversions (converters and OCR/AI tools): table 三 cut into small pipe tables,
headings that repeat a row's label, fake header rows, short labels, page numbers as — 4 —."""

from __future__ import annotations

import pytest
from reports import T3_2019_ROWS, T3_HEADER, report

import gixr_grammar

ROWS = [line.split("\t") for line in T3_2019_ROWS.strip("\n").split("\n")]
EXPECTED = {k: v for k, v in gixr_grammar.parse(report()).cells().items() if k.startswith("t3.")}


def _pipe(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _small_tables() -> str:
    """Each row its own table, headed by the converter's own words."""
    head = _pipe(["类别", "", "数据1", "数据2", "数据3", "数据4", "数据5", "数据6", "总计"])
    return "".join(f"{head}\n|---|---|---|---|---|---|---|---|---|\n{_pipe(row)}\n\n" for row in ROWS)


def _heading_copies() -> str:
    """A markdown heading repeats each row's label, with no values, before the row."""
    return "".join(f"### {[c for c in row if c and not c.isdigit()][-1]}\n{_pipe(row)}\n" for row in ROWS)


def _fake_header() -> str:
    header = [
        ["", "", "自然人", "商", "科", "社", "法", "其他", "总计"],
        ["", "", "", "业", "构", "益组织", "构", "", ""],
    ]
    return "".join(_pipe(row) + "\n" for row in [*header, *ROWS])


def _page_number() -> str:
    lines = T3_2019_ROWS.split("\n")
    return T3_HEADER + "\n".join([*lines[:8], "— 4 —", *lines[8:]])


@pytest.mark.parametrize(
    "table",
    [
        T3_HEADER + _small_tables(),
        _small_tables(),
        T3_HEADER + _heading_copies(),
        _fake_header(),
        T3_HEADER + T3_2019_ROWS.replace("（六）其他处理", "(六) 其他"),
        _page_number(),
    ],
    ids=["small tables", "small tables, no header", "heading copies", "fake header", "(六) 其他", "— 4 —"],
)
def test_a_markdown_table_three_reads_as_the_tab_separated_one(table: str) -> None:
    cells = gixr_grammar.parse(report(t3=table)).cells()
    assert {k: cells.get(k) for k in EXPECTED} == EXPECTED
