"""Lark transformers, one per grammar file, merged under the grammars' namespaces.

They run inline in the LALR parser (no tree is built) and only shape: tokens into drafts.
"""

from __future__ import annotations

from typing import Any

from lark import Transformer
from lark.visitors import merge_transformers

from .drafts import (
    BlockDraft,
    DocumentDraft,
    HeadingDraft,
    RowDraft,
    SectionDraft,
    SubsectionDraft,
    TableDraft,
    TitleDraft,
)
from .scanner import VALUES, ScanToken, base_name

Children = list[Any]


def _row(children: Children, known: bool = True) -> RowDraft:
    ordinal = label = values = None
    for token in children:
        kind = base_name(token.type)
        if kind == VALUES:
            values = token
        elif kind == "ORDINAL":
            ordinal = token
        else:
            label = token
    return RowDraft(label=label, values=values, ordinal=ordinal, known=known)


def _section(head: ScanToken | None, children: Children) -> SectionDraft:
    subsections = tuple(c for c in children if isinstance(c, SubsectionDraft))
    items = tuple(c for c in children if not isinstance(c, SubsectionDraft))
    return SectionDraft(head=head, items=items, subsections=subsections)


class DocumentTransformer(Transformer[ScanToken, DocumentDraft]):
    """report.lark"""

    def start(self, children: Children) -> DocumentDraft:
        return DocumentDraft(preamble=children[0], sections=tuple(children[1:]))

    def preamble(self, children: Children) -> SectionDraft:
        return _section(None, children)

    def section(self, children: Children) -> SectionDraft:
        return _section(children[0], children[1:])

    def subsection(self, children: Children) -> SubsectionDraft:
        return SubsectionDraft(head=children[0], items=tuple(children[1:]))

    def heading(self, children: Children) -> HeadingDraft:
        return HeadingDraft(children[0])

    def title(self, children: Children) -> TitleDraft:
        return TitleDraft(tuple(children))

    def table2(self, children: Children) -> TableDraft:
        return TableDraft(2, tuple(children))

    def table3(self, children: Children) -> TableDraft:
        lines = [line for child in children for line in (child if isinstance(child, list) else [child])]
        return TableDraft(3, (BlockDraft(None, tuple(lines)),))

    def table4(self, children: Children) -> TableDraft:
        heads = [c for c in children if base_name(c.type) != VALUES]
        values = [RowDraft(label=None, values=c) for c in children if base_name(c.type) == VALUES]
        return TableDraft(4, (BlockDraft(None, (*heads, *values)),))

    table4_unheaded = table4


class Table2Transformer(Transformer[ScanToken, Any]):
    """table2.lark"""

    def t2_block(self, children: Children) -> BlockDraft:
        return BlockDraft(children[0], tuple(children[1:]))

    def t2_unmarked(self, children: Children) -> BlockDraft:
        return BlockDraft(None, tuple(children))

    def t2_head(self, children: Children) -> ScanToken:
        token: ScanToken = children[0]
        return token

    t2_note = t2_head

    def t2_row(self, children: Children) -> RowDraft:
        return _row(children)

    def t2_unknown_row(self, children: Children) -> RowDraft:
        return _row(children, known=False)


class Table3Transformer(Transformer[ScanToken, Any]):
    """table3.lark"""

    def t3_header(self, children: Children) -> list[ScanToken]:
        return list(children)

    t3_repeated_header = t3_header

    def t3_note(self, children: Children) -> ScanToken:
        token: ScanToken = children[0]
        return token

    def t3_row(self, children: Children) -> RowDraft:
        return _row(children)

    def t3_unknown_row(self, children: Children) -> RowDraft:
        return _row(children, known=False)


def report_transformer() -> Transformer[ScanToken, DocumentDraft]:
    merged: Transformer[ScanToken, DocumentDraft] = merge_transformers(  # type: ignore[no-untyped-call]
        DocumentTransformer(), table2=Table2Transformer(), table3=Table3Transformer()
    )
    return merged
