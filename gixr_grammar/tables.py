"""Drafts of tables 二, 三 and 四 to model tables: rows to addresses, values placed and typed.

Which row a label is comes from its grammar terminal (``table3__GRANTED`` → ``granted``); a numbered
label the grammar does not know (``LEAF``) is placed by its group and number. Everything not placed
is reported with its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

import attrs

from .drafts import BlockDraft, RowDraft, TableDraft
from .layout import RawCell
from .model import Cell, CellStatus, Diagnostic, Row, Severity, Table, Value
from .placement import Placed, RowPlacement, layout_padding, place_row, resolve
from .rules import Equation, t3_equations, t4_equations
from .scanner import FRAGMENT, base_name
from .schema import T3_GROUPS, T3_ROWS, T4_COLUMNS, T4_GROUPS, RowSpec, Template, ValueKind, address, t2_rows
from .values import Number, is_value, to_wan_yuan
from .vocabulary import UNIT_YUAN, label_of

_LEADING_NUMBER = re.compile(r"\s*(\d{1,2})")
T2_MARKERS = {"COLUMNS_2019": Template.Y2019, "COLUMNS_2021": Template.Y2021}
# Rows only the 2019 template has: their presence says 2019 when no header does.
_ROWS_2019_ONLY = {"OTHER_SERVICES", "PROCUREMENT"}


@attrs.define
class Builder:
    """Collects the diagnostics of building one table."""

    number: int
    diagnostics: list[Diagnostic] = attrs.field(factory=list)

    def report(
        self,
        code: str,
        severity: Severity,
        message: str,
        line: int | None,
        *,
        column: int | None = None,
        expected: str | None = None,
        found: str | None = None,
    ) -> None:
        self.diagnostics.append(Diagnostic(code, severity, message, line, column, expected, found))

    def notes(self, blocks: Iterable[BlockDraft]) -> tuple[str, ...]:
        """Text inside the table that is no row; a note made of numbers is an unplaced row."""
        notes = []
        for block in blocks:
            for token in block.tokens(FRAGMENT):
                notes.append(str(token))
                if all(is_value(word) for word in token.split()):
                    self.report(
                        "unplaced_values",
                        Severity.ERROR,
                        f"table {self.number}: numbers that belong to no row: {token}",
                        token.line,
                        found=str(token),
                    )
                else:
                    self.report(
                        "table_note",
                        Severity.INFO,
                        f"table {self.number}: text that is no row: {token}",
                        token.line,
                        found=str(token),
                    )
        return tuple(notes)

    def unknown_row(self, row: RowDraft, why: str) -> None:
        label = "" if row.label is None else str(row.label)
        values = "" if row.values is None else str(row.values)
        self.report(
            "unknown_row",
            Severity.WARNING,
            f"table {self.number}: {why}: {label} {values}".rstrip(),
            row.line,
            found=f"{label} {values}".strip(),
        )

    def place(self, rows: dict[str, tuple[RowDraft, RowSpec]], equations: Sequence[Equation] = ()) -> list[Row]:
        """Place the values of ``rows`` (key → draft, spec) with the table's equations."""
        addresses = {
            key: tuple(address(self.number, key, c.key) for c in spec.columns) for key, (_, spec) in rows.items()
        }
        cells = self.place_cells(rows, addresses, equations)
        return [Row(key, "" if d.label is None else str(d.label), d.line, cells[key]) for key, (d, _) in rows.items()]

    def place_cells(
        self,
        rows: dict[str, tuple[RowDraft, RowSpec]],
        addresses: dict[str, tuple[str, ...]],
        equations: Sequence[Equation],
    ) -> dict[str, tuple[Cell, ...]]:
        """The cells of each printed row at ``addresses``, its values placed with ``equations``."""
        widths = {spec.width for _, spec in rows.values()}
        padding = {w: layout_padding([_value_cells(d) for d, s in rows.values() if s.width == w], w) for w in widths}
        placements = {
            key: place_row(_value_cells(draft), spec.width, padding[spec.width]) for key, (draft, spec) in rows.items()
        }
        resolution = resolve(placements, addresses, equations)
        out = {}
        for key, (draft, spec) in rows.items():
            self.explain(key, draft, spec, placements[key], resolution.remaining.get(key))
            out[key] = tuple(
                self.cell(addr, column.kind, placed, draft, resolution.forced_by.get(addr))
                for addr, column, placed in zip(addresses[key], spec.columns, resolution.cells[key], strict=True)
            )
        return out

    def explain(self, key: str, draft: RowDraft, spec: RowSpec, placement: RowPlacement, remaining: int | None) -> None:
        where = f"table {self.number} row {key}"
        count = len(placement.printed)
        if placement.how == "empty":
            self.report(
                "row_without_values",
                Severity.WARNING,
                f"{where} has no values",
                draft.line,
                expected=f"{spec.width} values",
                found="none",
            )
        elif placement.how in ("short", "long"):
            code = "short_row" if placement.how == "short" else "extra_cells"
            self.report(
                code,
                Severity.WARNING,
                f"{where} has {count} values for {spec.width} columns",
                draft.line,
                expected=f"{spec.width} values",
                found=" ".join(c.text for c in placement.printed),
            )
        if remaining:
            self.report(
                "ambiguous_placement",
                Severity.WARNING,
                f"{where}: {remaining} placements of its values remain; cells they disagree on are left empty",
                draft.line,
                found=" ".join(c.text for c in placement.printed),
            )

    def cell(self, addr: str, kind: ValueKind, placed: Placed, draft: RowDraft, rule: str | None) -> Cell:
        if placed.inferred:
            value = _typed(placed.amount, kind)
            why = (
                f"{rule} forces {value}"
                if rule
                else f"every placement of the row's values consistent with the table gives {value}"
            )
            self.report(
                "inferred_cell",
                Severity.INFO,
                f"{addr} ({label_of(addr)}) is not printed where expected; {why}",
                draft.line,
            )
            return Cell(addr, value, CellStatus.INFERRED, draft.line)
        if placed.cell is None or placed.number is None:
            return Cell(addr, None, CellStatus.MISSING, draft.line)
        cell, number = placed.cell, placed.number
        if number.is_blank:
            return Cell(addr, None, CellStatus.BLANK, cell.line, cell.column, cell.text)
        value = self._read(addr, kind, number, cell)
        return Cell(addr, value, CellStatus.READ, cell.line, cell.column, cell.text)

    def _read(self, addr: str, kind: ValueKind, number: Number, cell: RawCell) -> Value | None:
        if kind is ValueKind.MONEY:
            if number.unit == UNIT_YUAN:
                self.report(
                    "unit_converted",
                    Severity.INFO,
                    f"{addr}: {cell.text} read as 万元",
                    cell.line,
                    column=cell.column,
                    found=cell.text,
                )
            return to_wan_yuan(number)
        value = _typed(number.amount, kind)
        if isinstance(value, Decimal):
            self.report(
                "not_an_integer",
                Severity.WARNING,
                f"{addr} is a count but reads {cell.text}",
                cell.line,
                found=cell.text,
            )
        return value


def _typed(amount: Decimal | None, kind: ValueKind) -> Value | None:
    if amount is None or kind is ValueKind.MONEY:
        return amount
    return int(amount) if amount == amount.to_integral_value() else amount


def _value_cells(draft: RowDraft) -> list[RawCell]:
    return [] if draft.values is None else list(draft.values.cells)


def _has_values(draft: RowDraft) -> bool:
    return any(c.text for c in _value_cells(draft))


def _keep_first(
    builder: Builder, rows: dict[str, tuple[RowDraft, RowSpec]], key: str, draft: RowDraft, spec: RowSpec
) -> None:
    if key in rows:
        builder.unknown_row(draft, f"row {key} printed twice; the first one is kept")
    else:
        rows[key] = (draft, spec)


def t2_template(drafts: Sequence[TableDraft]) -> Template | None:
    """The template table 二's own headers name (2019 or 2021), or its rows imply; None if neither."""
    seen = {T2_MARKERS[base_name(t.type)] for d in drafts for b in d.blocks for t in b.tokens(*T2_MARKERS)}
    if len(seen) == 1:
        return seen.pop()
    kinds = {r.kind for d in drafts for b in d.blocks for r in b.rows()}
    if not seen and kinds & _ROWS_2019_ONLY:
        return Template.Y2019
    return None


def build_table2(draft: TableDraft, template: Template) -> tuple[Table, list[Diagnostic]]:
    builder = Builder(2)
    specs = t2_rows(template)
    rows: dict[str, tuple[RowDraft, RowSpec]] = {}
    for block in draft.blocks:
        for row in block.rows():
            key = (row.kind or "").lower()
            if not row.known:
                builder.unknown_row(row, "a row the format does not have")
            elif key not in specs:
                builder.unknown_row(row, f"row {key} is not in the {template.value} template")
            else:
                _keep_first(builder, rows, key, row, specs[key])
    ordered = {k: rows[k] for k in specs if k in rows}
    table = Table(
        2, template.value, tuple(builder.place(ordered)), draft.first_line, draft.last_line, builder.notes(draft.blocks)
    )
    return table, builder.diagnostics


def build_table3(draft: TableDraft) -> tuple[Table, list[Diagnostic]]:
    builder = Builder(3)
    rows: dict[str, tuple[RowDraft, RowSpec]] = {}
    group: str | None = None
    for row in (r for b in draft.blocks for r in b.rows()):
        key = _t3_key(builder, row, group)
        if key is None:
            continue
        if key in T3_GROUPS and not (key == "other" and _has_values(row)):
            group = key
            if _has_values(row):
                builder.unknown_row(row, f"values printed on the group label {row.label}")
            continue
        _keep_first(builder, rows, key, row, T3_ROWS[key])
    if "other" in rows and any(k in rows for k in T3_GROUPS["other"]):
        builder.report(
            "mixed_other_rows",
            Severity.WARNING,
            "table 3 prints （六）其他处理 both as one row and as subrows",
            rows["other"][0].line,
        )
    ordered = {k: rows[k] for k in T3_ROWS if k in rows}
    placed = builder.place(ordered, t3_equations(ordered))
    table = Table(3, None, tuple(placed), draft.first_line, draft.last_line, builder.notes(draft.blocks))
    return table, builder.diagnostics


def _t3_key(builder: Builder, row: RowDraft, group: str | None) -> str | None:
    """The address of a table 三 row: its terminal, or for an unknown numbered label its group and number."""
    if not row.known or row.kind is None:
        builder.unknown_row(row, "a row the format does not have")
        return None
    if row.kind != "LEAF":
        return row.kind.lower()
    number = _LEADING_NUMBER.match(str(row.label))
    leaves = T3_GROUPS.get(group or "", ())
    if number and 1 <= int(number.group(1)) <= len(leaves):
        key = leaves[int(number.group(1)) - 1]
        builder.report(
            "label_mismatch",
            Severity.WARNING,
            f"table 3: {row.label} is read as {key} by its number in its group",
            row.line,
            expected=label_of(address(3, key, "total")).split("·")[0],
            found=str(row.label),
        )
        return key
    builder.unknown_row(row, "a numbered row outside any group of the format")
    return None


def build_table4(draft: TableDraft) -> tuple[Table, list[Diagnostic]]:
    """Table 四 prints its three groups as one row of fifteen values: placed as one, split in three."""
    builder = Builder(4)
    value_rows = [r for b in draft.blocks for r in b.rows()]
    rows: list[Row] = []
    if value_rows:
        for extra in value_rows[1:]:
            builder.unknown_row(extra, "a second row of values")
        first = value_rows[0]
        addresses = tuple(address(4, g, c.key) for g in T4_GROUPS for c in T4_COLUMNS)
        whole = RowSpec("cases", T4_COLUMNS * len(T4_GROUPS))
        cells = builder.place_cells({"cases": (first, whole)}, {"cases": addresses}, t4_equations())["cases"]
        width = len(T4_COLUMNS)
        rows = [Row(g, "", first.line, cells[i * width : (i + 1) * width]) for i, g in enumerate(T4_GROUPS)]
    else:
        builder.report("row_without_values", Severity.WARNING, "table 4 has its header but no values", draft.first_line)
    return Table(4, None, tuple(rows), draft.first_line, draft.last_line), builder.diagnostics
