"""The shape of the three tables in both templates: rows, columns and their addresses (SCHEMA.md).

The names here are the stable addresses datasets are joined on; never rename one.
"""

from __future__ import annotations

import enum
import functools

import attrs


class ValueKind(enum.Enum):
    """How a column's numbers are read and typed."""

    COUNT = "count"  # integer >= 0
    SIGNED = "signed"  # integer, may be negative (本年增/减)
    MONEY = "money"  # Decimal, in 万元


class Template(str, enum.Enum):
    """The State Council format a report follows, decided from its table headers."""

    Y2019 = "2019"
    Y2021 = "2021"


FIRST_2021_YEAR = 2021  # the first reporting year of the 2021 template (国办公开办函〔2021〕30号)


def template_for_year(year: int) -> Template:
    """The template the format prescribes for a reporting year (reports may still use the other)."""
    return Template.Y2021 if year >= FIRST_2021_YEAR else Template.Y2019


@attrs.frozen
class Column:
    key: str
    kind: ValueKind = ValueKind.COUNT


@attrs.frozen
class RowSpec:
    key: str
    columns: tuple[Column, ...]

    @property
    def width(self) -> int:
        return len(self.columns)


_DOCS_2019 = (Column("made"), Column("published"), Column("total_published"))
_ITEMS_2019 = (Column("items_last_year"), Column("items_change", ValueKind.SIGNED), Column("decisions"))
_DOCS_2021 = (Column("issued"), Column("repealed"), Column("in_force"))
_DECISIONS_2021 = (Column("decisions"),)

T2_ROWS: dict[Template, tuple[RowSpec, ...]] = {
    Template.Y2019: (
        RowSpec("regulations", _DOCS_2019),
        RowSpec("normative_documents", _DOCS_2019),
        RowSpec("licensing", _ITEMS_2019),
        RowSpec("other_services", _ITEMS_2019),
        RowSpec("penalties", _ITEMS_2019),
        RowSpec("enforcement", _ITEMS_2019),
        RowSpec("fees", _ITEMS_2019[:2]),
        RowSpec("procurement", (Column("projects"), Column("amount", ValueKind.MONEY))),
    ),
    Template.Y2021: (
        RowSpec("regulations", _DOCS_2021),
        RowSpec("normative_documents", _DOCS_2021),
        RowSpec("licensing", _DECISIONS_2021),
        RowSpec("penalties", _DECISIONS_2021),
        RowSpec("enforcement", _DECISIONS_2021),
        RowSpec("fees", (Column("amount", ValueKind.MONEY),)),
    ),
}

T3_COLUMNS = tuple(
    Column(k)
    for k in ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total")
)
T3_APPLICANT_COLUMNS = tuple(c.key for c in T3_COLUMNS[:-1])

DENIED_ROWS = (
    "denied_state_secret",
    "denied_prohibited_by_law",
    "denied_security_stability",
    "denied_third_party_rights",
    "denied_internal_affairs",
    "denied_process_information",
    "denied_enforcement_files",
    "denied_administrative_query",
)
UNAVAILABLE_ROWS = ("unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear")
NOT_PROCESSED_ROWS = (
    "not_processed_complaint",
    "not_processed_duplicate",
    "not_processed_publication",
    "not_processed_excessive",
    "not_processed_confirmation",
)
OTHER_SPLIT_ROWS = ("other_overdue_correction", "other_unpaid_fee", "other_misc")

# Group labels of table 三 and the numbered rows under them, in order ("2." under 不予公开 is the
# second). OTHER is a group only in the 2021 template; printed with values it is the 2019 row.
T3_GROUPS: dict[str, tuple[str, ...]] = {
    "denied": DENIED_ROWS,
    "unavailable": UNAVAILABLE_ROWS,
    "not_processed": NOT_PROCESSED_ROWS,
    "other": OTHER_SPLIT_ROWS,
    "outcomes": (),
}

# Outcome rows that add up to （七）总计 (R2), in table order.
T3_OUTCOME_ROWS = (
    "granted",
    "partially_granted",
    *DENIED_ROWS,
    *UNAVAILABLE_ROWS,
    *NOT_PROCESSED_ROWS,
    "other",
    *OTHER_SPLIT_ROWS,
)
T3_ROW_ORDER = ("new_received", "carried_over", *T3_OUTCOME_ROWS, "total", "carried_forward")
T3_ROWS = {key: RowSpec(key, T3_COLUMNS) for key in T3_ROW_ORDER}

T4_GROUPS = ("review", "litigation_direct", "litigation_after_review")
T4_COLUMNS = tuple(Column(k) for k in ("upheld", "corrected", "other", "pending", "total"))


def t2_rows(template: Template) -> dict[str, RowSpec]:
    return {spec.key: spec for spec in T2_ROWS[template]}


def address(table: int, row: str, column: str) -> str:
    """The SCHEMA.md address of one value: ``t3.new_received.natural_person``."""
    return f"t{table}.{row}.{column}"


@functools.cache
def row_addresses(table: int, row: RowSpec) -> tuple[str, ...]:
    """The addresses of a row's columns, in order."""
    return tuple(address(table, row.key, column.key) for column in row.columns)


_T2_KINDS = {c.key: c.kind for specs in T2_ROWS.values() for spec in specs for c in spec.columns}


def column_kind(addr: str) -> ValueKind:
    """How the value at an address is typed: table 二's columns by their name, all others are counts."""
    table, _, column = addr.split(".")
    return _T2_KINDS.get(column, ValueKind.COUNT) if table == "t2" else ValueKind.COUNT
