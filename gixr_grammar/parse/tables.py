"""Drafts of tables 二, 三 and 四 to model tables: rows to addresses, values placed and typed.

Which row a label is comes from its grammar terminal (``table3__GRANTED`` → ``granted``); a numbered
label the grammar does not know (``LEAF``) is placed by its group and number. Everything not placed
is reported with its line.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TypeGuard

import attrs

from ..format.rules import Equation, t3_equations, t3_row_keys, t4_equations
from ..format.schema import (
    T3_GROUPS,
    T3_ROW_ORDER,
    T3_ROWS,
    T4_COLUMNS,
    T4_GROUPS,
    RowSpec,
    Template,
    ValueKind,
    address,
    row_addresses,
    t2_rows,
)
from ..format.vocabulary import T2_ROW_LABELS, T2_TEMPLATE_BLOCKS, T4_COLUMN_LABELS, T4_ROW_LABELS, UNIT_YUAN, label_of
from ..model import Cell, CellStatus, Diagnostic, Row, Severity, Table, Value
from ..repair.glued import SplitBudget, local_rules
from ..repair.placement import (
    Placed,
    RowPlacement,
    column_spans,
    layout_padding,
    place_row,
    rests_unsettled,
    shared_line,
)
from ..repair.resolution import Resolution, resolve
from ..text.layout import RawCell
from ..text.normalize import compact, normalize_line
from ..text.values import Number, is_value, to_wan_yuan
from .alignment import AlignedRow, Alignment, pieces, read_rows
from .drafts import BlockDraft, RowDraft, TableDraft
from .laid_out import (
    display_aligned,
    header_cells,
    header_spans,
    laid_out_row,
    naming_pairs,
    separated_row,
)
from .scanner import FRAGMENT, ScanToken, base_name, values_token

MAX_SHOWN = 5  # candidate placements listed in an ambiguous_placement diagnostic
MAX_ARITHMETIC_WAYS = 32  # ways of placing a table 三's ambiguous runs tried against its arithmetic
MIN_LABEL_PIECE = 3  # characters a piece of a label must have to name its row (其他, 收费 name none)
T2_MARKERS = {"COLUMNS_2019": Template.Y2019, "COLUMNS_2021": Template.Y2021}
# Rows only the 2019 template has: their presence says 2019 when no header does.
_ROWS_2019_ONLY = {"OTHER_SERVICES", "PROCUREMENT"}


@attrs.define
class Builder:
    """Collects the diagnostics of building one table; ``budget`` is what the report's digit
    searches may still take (shared by its tables)."""

    number: int
    budget: SplitBudget
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

    def notes(self, blocks: Iterable[BlockDraft], labels: Collection[int] = ()) -> tuple[str, ...]:
        """Text inside the table that is no row (but the tokens, by id, read as ``labels``' pieces);
        a note made of numbers is an unplaced row."""
        notes = []
        for block in blocks:
            for token in block.tokens(FRAGMENT):
                if id(token) in labels:
                    continue
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
        addresses = {key: row_addresses(self.number, spec) for key, (_, spec) in rows.items()}
        placed = self.place_cells(rows, addresses, equations)
        return [Row(key, "" if d.label is None else str(d.label), d.line, *placed[key]) for key, (d, _) in rows.items()]

    def place_cells(
        self,
        rows: dict[str, tuple[RowDraft, RowSpec]],
        addresses: dict[str, tuple[str, ...]],
        equations: Sequence[Equation],
    ) -> dict[str, tuple[tuple[Cell, ...], str]]:
        """The cells of each printed row at ``addresses``, its values placed with ``equations``, and
        how they were placed (``RowPlacement.how``)."""
        widths = {spec.width for _, spec in rows.values()}
        table = [(_value_cells(d), s.width) for d, s in rows.values()]
        padding = {w: layout_padding(table, w) for w in widths}
        one_value = {key: addresses[key] for key, (draft, _) in rows.items() if _printed(draft) == 1}
        rules = local_rules(equations, one_value) if one_value else {}  # for glued digits (place_row)
        columns = {}  # where a laid-out table's columns stand, near each row (table 三 or 四: one width)
        if len(widths) == 1:
            columns = dict(zip(rows, column_spans([cells for cells, _ in table], next(iter(widths))), strict=True))
        placements = {
            key: place_row(
                _value_cells(draft), spec.width, padding[spec.width], rules.get(key, ()), self.budget, columns.get(key)
            )
            for key, (draft, spec) in rows.items()
        }
        if not equations:  # table 二: no arithmetic says whose a line of numbers between two rows is
            placements = {key: rests_unsettled(placement) for key, placement in placements.items()}
            for upper, lower in itertools.pairwise(list(rows)):
                width = rows[upper][1].width
                placements[upper], placements[lower] = shared_line(
                    placements[upper],
                    placements[lower],
                    rows[lower][0].line,
                    (width, rows[lower][1].width),
                    padding[width],
                )
        resolution = resolve(placements, addresses, equations)
        out = {}
        for key, (draft, spec) in rows.items():
            placed = resolution.cells[key]
            self.explain(key, draft, spec, placements[key], resolution)
            self.explain_inferred(key, draft, addresses[key], spec, placed)
            cells = tuple(
                self.cell(addr, column.kind, cell, draft)
                for addr, column, cell in zip(addresses[key], spec.columns, placed, strict=True)
            )
            out[key] = (cells, placements[key].how)
        return out

    def explain(
        self,
        key: str,
        draft: RowDraft,
        spec: RowSpec,
        placement: RowPlacement,
        resolution: Resolution,
    ) -> None:
        remaining, refuted = resolution.remaining.get(key, ()), key in resolution.refuted
        unconfirmed = key in resolution.unconfirmed
        if placement.how in ("exact", "window") and not (remaining or refuted or unconfirmed or placement.off_columns):
            return  # nothing to say
        where = f"table {self.number} row {key}"
        count = len(placement.printed)
        printed = " ".join(c.text for c in placement.printed)
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
                found=printed,
            )
        elif placement.how == "glued" and placement.stopped is None:
            first, ways = placement.printed[0], len(placement.candidates)
            fit = {0: "no way", 1: "one way"}.get(ways, f"{ways} ways")
            self.report(
                "glued_digits",
                Severity.INFO if ways == 1 else Severity.WARNING,
                f"{where}: its digits {first.text} run together with no separator; {fit} to cut them into "
                f"{spec.width} numbers without leading zeros fits the row's arithmetic",
                first.line,
                column=first.column,
                expected=f"{spec.width} numbers",
                found=printed,
            )
        if refuted:
            self.report(
                "readings_refuted",
                Severity.WARNING,
                f"{where}: its values {printed} span several lines, and no reading of them as numbers a narrow "
                "column wrapped fits the table's arithmetic: the text may be out of order; they are left unknown",
                draft.line,
                expected="a reading the table's arithmetic allows",
                found=printed,
            )
        if unconfirmed:
            self.report(
                "ambiguous_placement",
                Severity.WARNING,
                f"{where}: its values {printed} span several lines, and whether a later line holds cells of "
                "their own or the rest of numbers a narrow column wrapped, no equation of the table can say: "
                "they are left unknown",
                draft.line,
                expected="a reading the table's arithmetic confirms",
                found=printed,
            )
        if placement.off_columns is not None:
            off = placement.off_columns.cell
            severity = Severity.INFO
            if key in resolution.order_confirmed:
                outcome = "read in the text's order, which each number's column equation confirms"
            elif key in resolution.rearranged:
                outcome = "read in the order each column's equation gives, which uses every number it prints once"
            else:
                severity = Severity.WARNING
                outcome = "no column equation confirms the text's order; they are left unknown"
            self.report(
                "off_columns",
                severity,
                f"{where}: its value {off.text} {placement.off_columns.place}: the extractor moved part of its "
                f"line, so which columns its values are is a guess: {outcome}",
                off.line,
                column=off.column,
                expected="each value under one of the table's columns, left to right",
                found=printed,
            )
        if placement.stopped is not None:
            first = placement.printed[0]
            noun, found, what = (
                ("values", printed, "may be numbers a narrow column wrapped")
                if placement.how == "long"
                else ("digits", first.text, "may hold several numbers run together")
            )
            self.report(
                "search_stopped",
                Severity.WARNING,
                f"{where}: its {noun} {found} {what}, but {placement.stopped.reason}; the cells it would "
                "have decided are left unknown",
                first.line,
                column=first.column,
                expected=f"{spec.width} numbers",
                found=found,
            )
        if remaining:
            shown = [" ".join("?" if v is None else _plain(v) for v in values) for values in remaining[:MAX_SHOWN]]
            more = f" (and {len(remaining) - MAX_SHOWN} more)" if len(remaining) > MAX_SHOWN else ""
            self.report(
                "ambiguous_placement",
                Severity.WARNING,
                f"{where}: {len(remaining)} placements of its values remain; cells they disagree on are left "
                f"empty. Candidates: {' | '.join(shown)}{more}",
                draft.line,
                expected="one placement the table's arithmetic allows",
                found=printed,
            )

    def explain_inferred(
        self, key: str, draft: RowDraft, addresses: Sequence[str], spec: RowSpec, placed: Sequence[Placed]
    ) -> None:
        """One diagnostic per row for the cells the arithmetic filled, naming the rule that forced each."""
        parts = [  # table 四's row spans three groups: name each cell whole
            f"{label_of(addr) if self.number == 4 else label_of(addr).split('·')[-1]} = {_typed(p.amount, column.kind)}"
            f" ({p.rule or 'every consistent placement'})"
            for addr, column, p in zip(addresses, spec.columns, placed, strict=True)
            if p.inferred
        ]
        if parts:
            self.report(
                "inferred_cell",
                Severity.INFO,
                f"table {self.number} row {key} ({label_of(addresses[0]).split('·')[0]}): not printed where "
                f"expected, inferred from the table's arithmetic: {', '.join(parts)}",
                draft.line,
                found=" ".join(c.text for c in _value_cells(draft) if c.text),
            )

    def cell(self, addr: str, kind: ValueKind, placed: Placed, draft: RowDraft) -> Cell:
        if placed.inferred:
            return Cell(addr, _typed(placed.amount, kind), CellStatus.INFERRED, draft.line, inferred_by=placed.rule)
        if placed.cell is None or placed.number is None:
            return Cell(addr, None, CellStatus.MISSING, draft.line)
        cell, number = placed.cell, placed.number
        if number.is_blank:
            return Cell(addr, None, CellStatus.BLANK, cell.line, cell.column, cell.text)
        value = self._read(addr, kind, number, cell)
        return Cell(addr, value, CellStatus.READ, cell.line, cell.column, cell.text, note=number.note)

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


def _plain(amount: Decimal) -> str:
    return str(int(amount)) if amount == amount.to_integral_value() else str(amount)


def _typed(amount: Decimal | None, kind: ValueKind) -> Value | None:
    if amount is None or kind is ValueKind.MONEY:
        return amount
    return int(amount) if amount == amount.to_integral_value() else amount


def _value_cells(draft: RowDraft) -> list[RawCell]:
    return [] if draft.values is None else list(draft.values.cells)


def _printed(draft: RowDraft) -> int:
    return 0 if draft.values is None else sum(1 for c in draft.values.cells if c.text)


def _keep_first(
    builder: Builder, rows: dict[str, tuple[RowDraft, RowSpec]], key: str, draft: RowDraft, spec: RowSpec
) -> None:
    if key in rows:
        builder.unknown_row(draft, f"row {key} printed twice; the first one is kept")
    else:
        rows[key] = (draft, spec)


def t2_header_templates(drafts: Sequence[TableDraft]) -> set[Template]:
    """The templates table 二's header cells name (both, in a table that mixes them)."""
    return {T2_MARKERS[base_name(t.type)] for d in drafts for b in d.blocks for t in b.tokens(*T2_MARKERS)}


def t2_template(drafts: Sequence[TableDraft]) -> Template | None:
    """The template table 二's own headers name (2019 or 2021), or its rows imply; None if neither."""
    seen = t2_header_templates(drafts)
    if len(seen) == 1:
        return seen.pop()
    kinds = {r.kind for d in drafts for b in d.blocks for r in b.rows()}
    if not seen and kinds & _ROWS_2019_ONLY:
        return Template.Y2019
    return None


def build_table2(draft: TableDraft, template: Template, budget: SplitBudget) -> tuple[Table, list[Diagnostic]]:
    builder = Builder(2, budget)
    specs = t2_rows(template)
    rows: dict[str, tuple[RowDraft, RowSpec]] = {}
    unknown: list[RowDraft] = []
    markers = {compact(normalize_line(b[0])) for b in T2_TEMPLATE_BLOCKS[template.value]}
    headers: dict[int, tuple[ScanToken, ...]] = {}  # a row's draft (by id) → its block's header line's words
    above: dict[int, tuple[ScanToken, ...]] = {}  # a row's draft (by id) → its block's text before its rows
    before: dict[int, ScanToken] = {}  # a row's draft (by id) → the text line just before it, if any
    unordered: dict[int, str] = {}  # a row's draft (by id) → why its values' order is unknown
    for block in draft.blocks:
        unordered.update(_unordered_rows(block, template))
        words = block.tokens(*_T2_HEADER_WORDS)
        if words:
            line = tuple(word for word in words if word.line == words[-1].line)
            headers.update((id(row), line) for row in block.rows())
        head = tuple(t for t in itertools.takewhile(lambda t: not isinstance(t, RowDraft), block.lines) if _is_text(t))
        above.update((id(row), head) for row in block.rows())
        before.update(
            (id(line), previous)
            for previous, line in itertools.pairwise(block.lines)
            if isinstance(line, RowDraft) and isinstance(previous, ScanToken) and base_name(previous.type) == FRAGMENT
        )
        if block.marker is not None and compact(str(block.marker)) not in markers:
            builder.report(
                "unknown_block",
                Severity.WARNING,
                f"table 2: block {block.marker} is not in the {template.value} template",
                block.marker.line,
                expected=" ".join(sorted(markers)),
                found=str(block.marker),
            )
        for row in block.rows():
            key = (row.kind or "").lower()
            if not row.known:
                unknown.append(row)
            elif key not in specs:
                builder.unknown_row(row, f"row {key} is not in the {template.value} template")
            else:
                _keep_first(builder, rows, key, row, specs[key])
    joined: set[int] = set()  # text lines read as the start of the label of the row after them
    for row in unknown:  # after every named row: a piece of a label is that of a row not printed
        missing = [k for k in specs if k not in rows]
        start = before.get(id(row))
        piece_of = _label_piece_of(str(row.label or ""), missing)
        if piece_of is None and start is not None:
            piece_of = _label_piece_of(f"{start}{row.label or ''}", missing)
            if piece_of is not None:
                joined.add(id(start))
        if piece_of is None:
            builder.unknown_row(row, "a row the format does not have")
            continue
        found = f"{start} {row.label}" if id(start) in joined else str(row.label)
        builder.report(
            "label_mismatch",
            Severity.WARNING,
            f"table 2: {found} is read as {piece_of}: its label printed in pieces (the values between or after them)",
            row.line,
            expected=T2_ROW_LABELS[piece_of],
            found=found,
        )
        rows[piece_of] = (row, specs[piece_of])
    names = {k: _column_names(k, template) for k in rows}
    display = display_aligned(
        (draft, headers[id(draft)][-1], names[k]) for k, (draft, _) in rows.items() if id(draft) in headers
    )
    ordered = {
        k: _laid_out(k, *rows[k], headers.get(id(rows[k][0])), above.get(id(rows[k][0]), ()), names[k], display)
        for k in specs
        if k in rows
    }
    for key, (placed, _) in ordered.items():
        if placed is not rows[key][0] and not _explicit(rows[key][0]):
            _say_laid_out(builder, key, placed, rows[key][1], headers[id(rows[key][0])][-1], names[key])
    left_out: dict[str, Row] = {}
    for key, (draft_row, spec) in ordered.items():
        if id(rows[key][0]) not in unordered:
            continue
        builder.report(
            "ambiguous_placement",
            Severity.WARNING,
            f"table 2 row {key}: {unordered[id(rows[key][0])]}, as an extractor that reads a table cell by "
            f"cell prints it: the values need not be in their columns' order, so they are left out: "
            f"{draft_row.values}",
            draft_row.line,
            expected=f"the header ({' '.join(names[key])}) above the rows",
            found=str(draft_row.values),
        )
        cells = _unknown_cells(row_addresses(2, spec), draft_row.line)
        left_out[key] = Row(key, str(draft_row.label or ""), draft_row.line, cells, "empty")
    read = {r.key: r for r in builder.place({k: r for k, r in ordered.items() if k not in left_out})}
    table = Table(
        2,
        template.value,
        tuple(left_out.get(k) or read[k] for k in ordered),
        draft.first_line,
        draft.last_line,
        builder.notes(draft.blocks, joined),
    )
    return table, builder.diagnostics


def _unordered_rows(block: BlockDraft, template: Template) -> dict[int, str]:
    """The block's rows (drafts by id) whose values the text does not print in their columns'
    order, each with why: box-ordered text (pdfminer) prints a table cell by cell, its header cells
    where their boxes fall and a row's values down the columns."""
    unordered: dict[int, str] = {}
    spilled = _spilled_rows(block, template)
    if spilled:
        why = f"its block's rows hold fewer and more values than their columns ({', '.join(spilled)})"
        unordered.update((id(row), why) for row in block.rows() if (row.kind or "").lower() in spilled)
    unnamed = _unnamed_column(block, template)
    if unnamed is not None:
        column, named = unnamed
        why = f"its block's header names {named} of its columns but never {column}, and the row has more values"
        unordered.update((id(row), why) for row in block.rows() if _printed(row) > named)
    late = _late_header(block, template)
    if late is not None:
        start, column = late
        why = f"its block's header names a column ({column}, line {start.line}) after the row's values"
        unordered.update((id(row), why) for row in block.rows() if row.values is not None)
    return unordered


def _late_header(block: BlockDraft, template: Template) -> tuple[ScanToken, str] | None:
    """A column of a row printed with values that text after the row names first (no text before
    the row named it): where that text starts, and the column's name. pdfminer prints a header
    cell where its box falls, after rows (``规章 1378652 … 现行 有效 件数``); a header repeated over
    a page break, or the next block's header, names no column for the first time."""
    lines = block.lines
    named = ""  # the text so far, joined
    columns: dict[str, None] = {}
    specs = t2_rows(template)
    for i, line in enumerate(lines):
        if isinstance(line, RowDraft):
            key = (line.kind or "").lower()
            if line.values is not None and line.known and key in specs:
                columns.update(dict.fromkeys(compact(normalize_line(n)) for n in _column_names(key, template)))
        elif _is_text(line) and not (i and _is_text(lines[i - 1])):
            run = list(itertools.takewhile(_is_text, lines[i:]))
            words = _joined(run)  # 现行 / 有效 (notes) / 件数 (a header word)
            first = [name for name in columns if name in words and name not in named]
            if first and any(_is_header_word(w) for w in run):
                return line, first[0]
            named += words
    return None


def _unnamed_column(block: BlockDraft, template: Template) -> tuple[str, int] | None:
    """A column of the block's rows its text never names, where it names others: the column, and
    how many it names. pdfminer can print a header cell far from its block (``现行 有效 件数`` among
    table 三's numbers), and then a row's values run down the columns (规章's first, 行政规范性文件's
    first, 规章's second …). A column is named by a pair of characters only its name has among
    the block's columns (制发, 废止, 现行 …), so that a header wrapped or worded a little
    differently still names it. Only in a block whose marker is printed: the text before a table's
    first marker may have lost words to the text above it."""
    keys = [(row.kind or "").lower() for row in block.rows() if row.values is not None and row.known]
    specs = t2_rows(template)
    key = next((k for k in keys if k in specs), None)
    if key is None or block.marker is None:
        return None
    columns = _column_names(key, template)
    words = _joined([block.marker, *(line for line in block.lines if _is_text(line))])
    named = [any(pair in words for pair in pairs) for pairs in naming_pairs(columns)]
    unnamed = [compact(normalize_line(name)) for name, found in zip(columns, named, strict=True) if not found]
    return (unnamed[0], sum(named)) if any(named) and unnamed else None


def _spilled_rows(block: BlockDraft, template: Template) -> list[str]:
    """The block's rows with values, where one has fewer cells (empty ones too) than its columns
    and another more values: values that ran from one row into another (pdfminer prints a table
    down its columns, 行政许可's first value, 其他对外管理服务事项 and all the rest after it). Table
    二 has no arithmetic to say which value is whose. Empty otherwise."""
    specs = t2_rows(template)
    rows = {
        key: row
        for row in block.rows()
        if row.values is not None and row.known and (key := (row.kind or "").lower()) in specs
    }
    widths = {key: len(_column_names(key, template)) for key in rows}
    short = any(len(row.values.cells) < widths[k] for k, row in rows.items() if row.values is not None)
    long = any(_printed(row) > widths[k] for k, row in rows.items())
    return list(rows) if short and long else []


def _unknown_cells(addresses: Iterable[str], line: int) -> tuple[Cell, ...]:
    """The cells of a row whose printed values are left out (listed in a diagnostic)."""
    return tuple(Cell(a, None, CellStatus.MISSING, line) for a in addresses)


def _is_text(line: object) -> TypeGuard[ScanToken]:
    """A line of words (a header word or a note), not a row and not a note of numbers."""
    return isinstance(line, ScanToken) and not all(is_value(word) for word in line.split())


def _joined(tokens: Iterable[object]) -> str:
    return "".join(compact(str(t)) for t in tokens)


def _is_header_word(line: object) -> bool:
    return isinstance(line, ScanToken) and base_name(line.type) in _T2_HEADER_WORDS


_T2_HEADER_WORDS = ("COLUMNS_2019", "COLUMNS_2021", "COLUMNS")


def _column_names(key: str, template: Template) -> tuple[str, ...]:
    return next(tuple(columns) for _, columns, keys in T2_TEMPLATE_BLOCKS[template.value] if key in dict(keys))


def _laid_out(
    key: str,
    row: RowDraft,
    spec: RowSpec,
    header: tuple[ScanToken, ...] | None,
    above: Sequence[ScanToken],
    names: Sequence[str],
    display: bool | None,
) -> tuple[RowDraft, RowSpec]:
    """A row with its values in the columns of the header names they stand under (``laid_out``):
    a row of explicit cells in a grid with cells of its own, as its cells say (the header's words
    among the block's text ``above`` its rows); a laid-out text's short row, in the measure
    (``display``) the table's laid-out rows say, with an info (``_say_laid_out``). As it was where
    the text does not say."""
    placed = None
    if _explicit(row):
        grid = header_cells(above, names)
        placed = None if grid is None else separated_row(row, *grid)
    elif header is not None and display is not None:
        spans = header_spans(header[-1], names, display)
        placed = None if spans is None else laid_out_row(row, spans, display)
    return (row, spec) if placed is None else (placed, spec)


def _explicit(row: RowDraft) -> bool:
    """Whether a row is printed in explicit cells (tabs, pipes), not laid out with spaces."""
    return row.label is not None and row.label.cells[0].separated


def _say_laid_out(
    builder: Builder, key: str, placed: RowDraft, spec: RowSpec, header: ScanToken, names: Sequence[str]
) -> None:
    """An info for a laid-out row placed by where its values stand (read off spaces: a judgement)."""
    assert placed.values is not None
    under = [name for name, cell in zip(names, placed.values.cells, strict=True) if cell.text]
    printed = " ".join(c.text for c in placed.values.cells if c.text)
    builder.report(
        "columns_from_header",
        Severity.INFO,
        f"table 2 row {key}: {printed} stand{'s' * (len(under) == 1)} under {' '.join(under)} on the laid-out "
        f"header line {header.line}; its other cells are empty",
        placed.line,
        column=placed.values.column,
        expected=f"{spec.width} values",
        found=printed,
    )


def _label_piece_of(text: str, missing: Sequence[str]) -> str | None:
    """The one row of ``missing`` whose label starts or ends with ``text`` (其他对外管理, 服务事项: a
    label wrapped in a narrow column, its values on a line of their own)."""
    piece = compact(text)
    if len(piece) < MIN_LABEL_PIECE:
        return None
    found = [k for k in missing if T2_ROW_LABELS[k].startswith(piece) or T2_ROW_LABELS[k].endswith(piece)]
    return found[0] if len(found) == 1 else None


def build_table3(
    draft: TableDraft, budget: SplitBudget, template: Template | None = None
) -> tuple[Table, list[Diagnostic]]:
    """Table 三's rows found by aligning its pieces to the template's rows (``alignment``), then placed."""
    builder = Builder(3, budget)
    reading = read_rows(pieces(draft), template)
    reading = _by_arithmetic(builder, reading)
    ordered = _value_rows(reading)
    _explain_reading(builder, reading, ordered)
    if "other" in ordered and any(k in ordered for k in T3_GROUPS["other"]):
        builder.report(
            "mixed_other_rows",
            Severity.WARNING,
            "table 3 prints （六）其他处理 both as one row and as subrows",
            ordered["other"][0].line,
        )
    placed = builder.place(ordered, t3_equations(t3_row_keys(ordered)))
    notes = builder.notes([BlockDraft(None, reading.notes)])
    table = Table(3, _t3_template(ordered), tuple(placed), draft.first_line, draft.last_line, notes)
    return table, builder.diagnostics


def _value_rows(reading: Alignment) -> dict[str, tuple[RowDraft, RowSpec]]:
    """The reading's value rows (groups aside) as the table builder takes them, in template order."""
    rows = {r.key: r for r in reading.rows if not r.is_group}
    return {k: (rows[k].draft(), spec) for k, spec in T3_ROWS.items() if k in rows}


def _by_arithmetic(builder: Builder, reading: Alignment) -> Alignment:
    """The reading with its ambiguous runs (those another alignment, as cheap, puts elsewhere) in
    the rows the table's arithmetic proves: of every way to put them in their candidate rows (or
    none), in order, each in a row of no other run, the one way that places the most of them and
    under which every equation that can be checked holds, an equation between each run's row and
    another being checked (a row's own total says nothing of which row it is). Said with an info;
    where no way or several are proved, the reading as it was (the runs left out, said so)."""
    if not reading.ambiguous or math.prod(len(keys) + 1 for _, keys in reading.ambiguous) > MAX_ARITHMETIC_WAYS:
        return reading
    taken = {row.key for row in reading.rows if row.values is not None}
    proved = []
    for keys in itertools.product(*((*candidates, None) for _, candidates in reading.ambiguous)):
        placed = [k for k in keys if k is not None]
        order = [T3_ROW_ORDER.index(k) for k in placed]
        if len(set(placed)) < len(placed) or taken & set(placed) or order != sorted(order) or not placed:
            continue
        trial = _with_runs(reading, {key: run for (run, _), key in zip(reading.ambiguous, keys, strict=True) if key})
        if _proved(trial, placed, builder.budget):
            proved.append((trial, keys))
    most = max((sum(k is not None for k in keys) for _, keys in proved), default=0)
    proved = [(trial, keys) for trial, keys in proved if sum(k is not None for k in keys) == most]
    if len(proved) != 1:
        return reading
    trial, keys = proved[0]
    for (run, candidates), key in zip(reading.ambiguous, keys, strict=True):
        where = f"row {key}" if key else "no row"
        outcome = f" by the text; with them in {where} the table's arithmetic holds, and in no other way that places as many runs"
        _say_run(builder, "placed_by_arithmetic", Severity.INFO, run, candidates, outcome)
    return trial


def _say_run(
    builder: Builder, code: str, severity: Severity, run: ScanToken, candidates: Sequence[str], outcome: str
) -> None:
    """A diagnostic of a run the labels allow in several rows: the rows, then ``outcome``."""
    builder.report(
        code,
        severity,
        f"table 3: the values {run} could be row {' or '.join(candidates)}{outcome}",
        run.line,
        column=run.column,
        expected="one row the labels and the template's order allow",
        found=str(run),
    )


def _with_runs(reading: Alignment, runs: Mapping[str, ScanToken]) -> Alignment:
    """The reading with ``runs`` (row key → run) placed, its ambiguous runs settled."""
    rows = {row.key: row for row in reading.rows}
    for key, run in runs.items():
        rows[key] = attrs.evolve(rows[key], values=run) if key in rows else AlignedRow(key, (), run)
    placed = {id(run) for run in runs.values()}
    unplaced = tuple(run for run, _ in reading.ambiguous if id(run) not in placed)
    unlabelled = tuple(k for k in (*reading.unlabelled, *runs) if not rows[k].labels)
    return attrs.evolve(
        reading, rows=tuple(rows.values()), ambiguous=(), unplaced=(*reading.unplaced, *unplaced), unlabelled=unlabelled
    )


def _proved(reading: Alignment, keys: Sequence[str], budget: SplitBudget) -> bool:
    """Whether, with ``reading``'s rows placed, every equation that can be checked holds and one
    about each of ``keys`` is checked. Its digit searches take their steps from the report's
    ``budget``, as the table's own placement does (the trials never search past the report's bound)."""
    ordered = _value_rows(reading)
    equations = t3_equations(t3_row_keys(ordered))
    placed = Builder(3, budget).place(ordered, equations)
    values = {c.address: c.value for row in placed for c in row.cells if isinstance(c.value, int | Decimal)}
    checked: set[str] = set()
    for equation in equations:
        if any(addr not in values for addr, _ in equation.terms):
            continue
        if sum(coef * Decimal(values[addr]) for addr, coef in equation.terms) != 0:
            return False
        rows_of = {addr.split(".")[1] for addr, _ in equation.terms}
        if len(rows_of) > 1:  # a row's own total says nothing of which row it is
            checked.update(rows_of)
    return all(key in checked for key in keys)


def _t3_label(key: str) -> str:
    """A table 三 row's printed label (its group's label first where it has one)."""
    return label_of(address(3, key, "total")).split("·")[0]


def _explain_reading(builder: Builder, reading: Alignment, rows: Mapping[str, tuple[RowDraft, RowSpec]]) -> None:
    """Say where the alignment read a row by its place rather than its label, and what it left out."""
    for row in reading.mismatched:
        if row.key in rows:
            label = rows[row.key][0].label
            builder.report(
                "label_mismatch",
                Severity.WARNING,
                f"table 3: {label} is read as {row.key} by its place in the template's rows",
                rows[row.key][0].line,
                expected=_t3_label(row.key),
                found=str(label),
            )
    for key in reading.unlabelled:
        values = rows[key][0].values
        assert values is not None
        builder.report(
            "label_missing",
            Severity.WARNING,
            f"table 3: the values {values} have no label; read as row {key} by their place in the template's rows",
            values.line,
            column=values.column,
            expected=_t3_label(key),
            found=str(values),
        )
    for run in reading.unplaced:
        builder.unknown_row(RowDraft(label=None, values=run), "values that fit no row of the template here")
    for run, candidates in reading.ambiguous:
        outcome = "; the text does not say which, so they are left out"
        _say_run(builder, "ambiguous_placement", Severity.WARNING, run, candidates, outcome)


def _t3_template(rows: Collection[str]) -> str | None:
    """The template table 三's rows name: 2021 by the three （六） subrows, 2019 by the single row."""
    split = any(k in rows for k in T3_GROUPS["other"])
    if split == ("other" in rows):
        return None
    template: str = (Template.Y2021 if split else Template.Y2019).value
    return template


def build_table4(draft: TableDraft, budget: SplitBudget) -> tuple[Table, list[Diagnostic]]:
    """Table 四 prints its three groups as one row of fifteen values: placed as one, split in three."""
    builder = Builder(4, budget)
    value_rows = [r for b in draft.blocks for r in b.rows()]
    rows: list[Row] = []
    addresses = tuple(address(4, g, c.key) for g in T4_GROUPS for c in T4_COLUMNS)
    width = len(T4_COLUMNS)
    if value_rows:
        first, taken, rest = _t4_values(value_rows)
        for extra in rest:
            builder.unknown_row(extra, "a second row of values")
        words = [line for b in draft.blocks for line in b.lines if isinstance(line, ScanToken)]
        out_of_order = _t4_out_of_order(taken, words)
        if out_of_order is None:
            whole = RowSpec("cases", T4_COLUMNS * len(T4_GROUPS))
            cells, how = builder.place_cells({"cases": (first, whole)}, {"cases": addresses}, t4_equations())["cases"]
        else:
            interrupting, due = out_of_order
            cells, how = _unknown_cells(addresses, first.line), "empty"
            builder.report(
                "ambiguous_placement",
                Severity.WARNING,
                f"table 4: its values are printed among its header's words ({interrupting} on line "
                f"{interrupting.line} stands where the value of {T4_COLUMN_LABELS[due]} is due, and does not "
                f"name it), not in its columns' order, as an extractor that reads a table cell by cell "
                f"prints them; which column each is in is not determined, so they are left out: {first.values}",
                interrupting.line,
                column=interrupting.column,
                expected=f"a run of {width} values after each group's header, or all {width * len(T4_GROUPS)} after it",
                found=str(first.values),
            )
        rows = [Row(g, "", first.line, cells[i * width : (i + 1) * width], how) for i, g in enumerate(T4_GROUPS)]
    else:
        builder.report("row_without_values", Severity.WARNING, "table 4 has its header but no values", draft.first_line)
    return Table(4, None, tuple(rows), draft.first_line, draft.last_line), builder.diagnostics


def _t4_values(rows: Sequence[RowDraft]) -> tuple[RowDraft, Sequence[RowDraft], Sequence[RowDraft]]:
    """Table 四's one row of values: the first run, joined with the next ones while together they
    hold no more than fifteen values (the table printed as three of five, or wrapped); the runs
    joined; the rest."""
    width = len(T4_COLUMNS) * len(T4_GROUPS)
    taken, count = 0, 0
    for row in rows:
        count += _printed(row)
        if count > width:
            break
        taken += 1
    if taken <= 1:
        return rows[0], rows[:1], rows[1:]
    runs = [r.values for r in rows[:taken] if r.values is not None]
    joined = values_token(runs[0].type, [c for run in runs for c in run.cells])
    return RowDraft(label=None, values=joined), rows[:taken], rows[taken:]


def _t4_out_of_order(runs: Sequence[RowDraft], words: Sequence[ScanToken]) -> tuple[ScanToken, str] | None:
    """The first header word printed between two of the value runs joined that does not name the
    column of the value after it, where the values before it do not end a group: the row is not in
    its columns' order. pdfminer prints each header cell with the value under it, mostly in the
    row's order (``结果纠正 3 其他结果 4``), sometimes not (``结果纠正 0 结果维持 0``); three of five
    put a group's words between groups. With the column whose value is due there."""
    count = 0
    for before, after in itertools.pairwise(runs):
        count += _printed(before)
        if before.values is None or after.values is None:
            continue
        end, start = before.values.cells[-1], after.values.cells[0]
        between = [w for w in words if (end.line, end.column) < (w.line, w.column or 0) < (start.line, start.column)]
        if not between:
            continue
        named = _t4_columns_named(_joined(between))
        column = T4_COLUMNS[count % len(T4_COLUMNS)].key
        if column not in named and (named or count % len(T4_COLUMNS)):
            return between[0], column
    return None


def _t4_columns_named(words: str) -> set[str]:
    """The columns of table 四 whose header ``words`` (joined, broken anywhere) name: by two
    characters only that column's label has."""
    return {key for key, pairs in _T4_COLUMN_PAIRS.items() if any(pair in words for pair in pairs)}


# A column's pairs no other column's label has, nor a group's (行政复议 …)
_T4_NAMING = naming_pairs([*T4_COLUMN_LABELS.values(), *T4_ROW_LABELS.values()])
_T4_COLUMN_PAIRS = dict(zip(T4_COLUMN_LABELS, _T4_NAMING[: len(T4_COLUMN_LABELS)], strict=True))
