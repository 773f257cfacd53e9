"""The data dictionary: every SCHEMA.md address, what it measures, in which template, and whether
the two templates' cells at it can be compared (``gixr schema``).

Tables 三 and 四 are the same in both templates, but for （六）其他处理: one row in 2019, three in 2021
(whose sum is the 2019 row). Table 二 was redrawn in 2021: only the 处理决定数量 of 行政许可, 行政处罚
and 行政强制 count the same thing in both; every other cell is of one template (FORMAT.md: never
alias a 2019 column to a 2021 one).
"""

from __future__ import annotations

import attrs

from ..format.schema import (
    OTHER_SPLIT_ROWS,
    T2_ROWS,
    T3_COLUMNS,
    T3_ROW_ORDER,
    T4_COLUMNS,
    T4_GROUPS,
    Template,
    ValueKind,
    address,
)
from ..format.vocabulary import (
    COUNT_UNITS,
    T2_TEMPLATE_BLOCKS,
    T3_COLUMN_LABELS,
    T3_ROW_LABELS,
    T4_COLUMN_LABELS,
    T4_ROW_LABELS,
    UNIT_WAN_YUAN,
)

UNITS = {ValueKind.COUNT: COUNT_UNITS[0], ValueKind.SIGNED: COUNT_UNITS[0], ValueKind.MONEY: UNIT_WAN_YUAN}
_META = (  # address, in words, in Chinese
    ("meta.agency", "the reporting body, as the title names it", "报告机关"),
    ("meta.year", "the year reported on", "报告年度"),
    ("meta.template", "2019 or 2021: the format of the tables", "表格格式（2019年版或2021年版）"),
)
_BOTH = "same in both templates"


@attrs.frozen
class Entry:
    """One address of the data dictionary."""

    address: str
    table: int | None
    row: str
    column: str
    english: str  # the address in words
    label_2019: str | None  # the printed Chinese label in each template (None: not in it)
    label_2021: str | None
    unit: str
    kind: str  # count, signed (本年增/减), money, text
    comparable: str  # whether and how the 2019 and 2021 cells at this address compare


def entries() -> list[Entry]:
    """Every address, meta first, then tables 二, 三, 四 in the format's order."""
    out = [Entry(a, None, "meta", a.split(".")[1], words, label, label, "", "text", _BOTH) for a, words, label in _META]
    out += _table2()
    for row in T3_ROW_ORDER:
        for column in T3_COLUMNS:
            label = f"{T3_ROW_LABELS[row]}·{T3_COLUMN_LABELS[column.key]}"
            in_2019, in_2021, comparable = _t3_templates(row)
            out.append(
                _entry(
                    3, row, column.key, column.kind, label if in_2019 else None, label if in_2021 else None, comparable
                )
            )
    for group in T4_GROUPS:
        for column in T4_COLUMNS:
            label = f"{T4_ROW_LABELS[group]}·{T4_COLUMN_LABELS[column.key]}"
            out.append(_entry(4, group, column.key, column.kind, label, label, _BOTH))
    return out


def _entry(
    table: int, row: str, column: str, kind: ValueKind, label_2019: str | None, label_2021: str | None, comparable: str
) -> Entry:
    english = f"{row.replace('_', ' ')} · {column.replace('_', ' ')}"
    return Entry(
        address(table, row, column), table, row, column, english, label_2019, label_2021, UNITS[kind],
        kind.name.lower(), comparable,
    )  # fmt: skip


def _t3_templates(row: str) -> tuple[bool, bool, str]:
    if row == "other":
        return (
            True,
            True,
            "2019: the one （六）其他处理 row; 2021: the sum of its three subrows (some 2021 reports print this row)",
        )
    if row in OTHER_SPLIT_ROWS:
        return False, True, "2021 only: a subrow of （六）其他处理 (their sum is the 2019 row t3.other)"
    return True, True, _BOTH


def _table2() -> list[Entry]:
    labels: dict[str, dict[Template, str]] = {}
    kinds: dict[str, ValueKind] = {}
    for template in Template:
        specs = {spec.key: spec for spec in T2_ROWS[template]}
        for _marker, headers, rows in T2_TEMPLATE_BLOCKS[template.value]:
            for key, row_label in rows:
                for spec, header in zip(specs[key].columns, headers, strict=True):
                    addr = address(2, key, spec.key)
                    labels.setdefault(addr, {})[template] = f"{row_label}·{header}"
                    kinds[addr] = spec.kind
    out = []
    for addr, by_template in labels.items():
        _, row, column = addr.split(".")
        both = len(by_template) == 2
        comparable = (
            "comparable: both count this year's decisions"
            if both
            else f"{next(iter(by_template)).value} only: not comparable with the other template"
        )
        out.append(
            _entry(
                2,
                row,
                column,
                kinds[addr],
                by_template.get(Template.Y2019),
                by_template.get(Template.Y2021),
                comparable,
            )
        )
    return out
