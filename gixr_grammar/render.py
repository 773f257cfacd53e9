"""Report text from cells: a report in the State Council format, its tables in a chosen layout.

The inverse of parsing, for tests and test corpora: ``parse(render_report(cells, layout)).cells()``
gives ``cells`` back wherever the layout keeps the numbers apart. ``cells`` is a SCHEMA.md mapping
(``meta.agency``, ``meta.year``, ``meta.template`` and the table addresses); a table row whose
addresses are all absent is not printed.

Layouts (how text copied from Word, HTML or a crawler looks):
- ``tabs``: one row per line, cells separated by tabs, blank cells empty;
- ``spaces``: one row per line, cells separated by spaces, blank cells as ``—``;
- ``cell_per_line``: every cell on a line of its own after a tab, rows separated by blank lines;
- ``glued``: a crawler's text of an HTML table, every separator lost (``…申请数量640020470``).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from decimal import Decimal

from .schema import T2_ROWS, T3_COLUMNS, T3_ROW_ORDER, T4_COLUMNS, T4_GROUPS, Template, address
from .vocabulary import (
    SECTION_TITLES,
    T2_HEADER_FIRST,
    T2_TEMPLATE_BLOCKS,
    T3_TEMPLATE_HEADER,
    T3_TEMPLATE_ROWS,
    T4_TEMPLATE_HEADER,
)


class Layout(str, enum.Enum):
    TABS = "tabs"
    SPACES = "spaces"
    CELL_PER_LINE = "cell_per_line"
    GLUED = "glued"


# A table row as printed: its label cells, then its value cells (None: blank).
PrintedRow = tuple[Sequence[str], Sequence[object]]

_PROSE = {
    1: "本年度，我单位认真贯彻落实《中华人民共和国政府信息公开条例》。\n（一）主动公开\n全年主动公开政府信息。",
    5: "存在的问题是公开内容不够全面。\n下一步工作打算\n加强业务培训。",
    6: "无。",
}


def render_report(cells: Mapping[str, object], layout: Layout = Layout.TABS) -> str:
    """The text of a whole report (title, the six sections, the three tables) holding ``cells``."""
    template = Template(str(cells.get("meta.template") or "2019"))
    tables = {2: table2_rows(cells, template), 3: table3_rows(cells), 4: table4_rows(cells)}
    out = [
        f"{cells.get('meta.agency') or '某某县人民政府'}{cells.get('meta.year') or 2020}年政府信息公开工作年度报告",
        "",
    ]
    for number, title in SECTION_TITLES.items():
        out += [title]
        if number in tables:
            out += [render_rows(tables[number], layout)]
        else:
            out += [_PROSE.get(number, "本年度无此类情况。")]
        out += [""]
    return "\n".join(out)


def table2_rows(cells: Mapping[str, object], template: Template) -> list[PrintedRow]:
    specs = {spec.key: spec for spec in T2_ROWS[template]}
    rows: list[PrintedRow] = []
    for marker, headers, block_rows in T2_TEMPLATE_BLOCKS[template.value]:
        printed = [
            (key, label) for key, label in block_rows if _has_row(cells, 2, key, [c.key for c in specs[key].columns])
        ]
        if not printed:
            continue
        rows += [((marker,), ()), ((T2_HEADER_FIRST, *headers), ())]
        for key, label in printed:
            rows.append(((label,), [cells.get(address(2, key, c.key)) for c in specs[key].columns]))
    return rows


def table3_rows(cells: Mapping[str, object]) -> list[PrintedRow]:
    columns = [c.key for c in T3_COLUMNS]
    rows: list[PrintedRow] = [(header, ()) for header in T3_TEMPLATE_HEADER]
    for key in T3_ROW_ORDER:
        if _has_row(cells, 3, key, columns):
            rows.append((T3_TEMPLATE_ROWS[key], [cells.get(address(3, key, c)) for c in columns]))
    return rows


def table4_rows(cells: Mapping[str, object]) -> list[PrintedRow]:
    values = [cells.get(address(4, g, c.key)) for g in T4_GROUPS for c in T4_COLUMNS]
    return [*((header, ()) for header in T4_TEMPLATE_HEADER), ((), values)]


def _has_row(cells: Mapping[str, object], table: int, key: str, columns: Sequence[str]) -> bool:
    return any(address(table, key, c) in cells for c in columns)


def value_text(value: object) -> str:
    """A value as a report prints it: counts as digits, money with its decimals, blanks empty."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def render_rows(rows: Sequence[PrintedRow], layout: Layout) -> str:
    """The lines of a table's rows in ``layout``."""
    if layout is Layout.TABS:
        return "\n".join("\t".join([*labels, *map(value_text, values)]) for labels, values in rows)
    if layout is Layout.SPACES:
        return "\n".join(
            " ".join([*(c for c in labels if c), *(value_text(v) or "—" for v in values)]) for labels, values in rows
        )
    if layout is Layout.CELL_PER_LINE:
        blocks = [
            "\n".join(f"\t{c}" for c in [*(c for c in labels if c), *map(value_text, values)])
            for labels, values in rows
        ]
        return "\n\n".join(blocks)
    if any(v is None for _, values in rows for v in values):
        raise ValueError("the glued layout cannot print a blank cell: nothing would mark where it was")
    return "\n".join("".join([*labels, *map(value_text, values)]) for labels, values in rows)
