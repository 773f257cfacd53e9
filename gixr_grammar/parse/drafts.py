"""What the transformer builds from the parse: the report's structure, tokens still attached.

Drafts are the grammar's view (which tokens make a row, a block, a section); the assembler turns
them into the model (addresses, typed values, diagnostics).
"""

from __future__ import annotations

import attrs

from .scanner import ScanToken, base_name


@attrs.frozen
class RowDraft:
    """A table row: its label (None for table 四's value row), its VALUES token if printed."""

    label: ScanToken | None
    values: ScanToken | None
    ordinal: ScanToken | None = None
    known: bool = True  # False: the label is a FRAGMENT no grammar rule names

    @property
    def kind(self) -> str | None:
        return None if self.label is None else base_name(self.label.type)

    @property
    def line(self) -> int:
        token = self.label or self.values
        assert token is not None and token.line is not None
        return token.line


Line = ScanToken | RowDraft


@attrs.frozen
class BlockDraft:
    """One block of a table (table 二's 第二十条 blocks; tables 三 and 四 have one)."""

    marker: ScanToken | None
    lines: tuple[Line, ...]

    def rows(self) -> list[RowDraft]:
        return [line for line in self.lines if isinstance(line, RowDraft)]

    def tokens(self, *kinds: str) -> list[ScanToken]:
        return [line for line in self.lines if isinstance(line, ScanToken) and base_name(line.type) in kinds]


@attrs.frozen
class TableDraft:
    number: int
    blocks: tuple[BlockDraft, ...]

    @property
    def first_line(self) -> int:
        return min(_lines(self))

    @property
    def last_line(self) -> int:
        return max(_lines(self))


def _lines(table: TableDraft) -> list[int]:
    lines = []
    for block in table.blocks:
        if block.marker is not None and block.marker.line is not None:
            lines.append(block.marker.line)
        for line in block.lines:
            if isinstance(line, RowDraft):
                lines.append(line.line)
                if line.values is not None:
                    lines.extend(c.line for c in line.values.cells)
            elif line.line is not None:
                lines.append(line.line)
    return lines


@attrs.frozen
class TitleDraft:
    tokens: tuple[ScanToken, ...]


@attrs.frozen
class HeadingDraft:
    token: ScanToken


Item = ScanToken | TitleDraft | HeadingDraft | TableDraft


@attrs.frozen
class SubsectionDraft:
    head: ScanToken
    items: tuple[Item, ...]


@attrs.frozen
class SectionDraft:
    head: ScanToken | None  # None for the preamble
    items: tuple[Item, ...]
    subsections: tuple[SubsectionDraft, ...]


@attrs.frozen
class DocumentDraft:
    preamble: SectionDraft
    sections: tuple[SectionDraft, ...]
