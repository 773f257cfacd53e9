"""The grammar's view of a report, for people who extend the grammars: the Lark parse tree (rules and
tokens with their lines), the rules and terminals of each grammar file, and terminals in words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import attrs
from lark import Token, Tree
from rich.tree import Tree as RichTree

from ..format.vocabulary import SECTION_TITLES, T2_ROW_LABELS, T3_TEMPLATE_ROWS, TERMINAL_WORDS
from ..parse.grammar import grammar_dir
from ..parse.scanner import VALUES, ScanToken, base_name
from ..parse.sections import SECTION_KINDS

MAX_SHOWN_TEXT = 40


def describe_terminal(name: str) -> str:
    """A terminal in words: ``table3__NEW_RECEIVED`` → 'the row 一、本年新收政府信息公开申请数量'."""
    base = base_name(name)
    if base in SECTION_KINDS:
        return f"the section heading {SECTION_TITLES[SECTION_KINDS[base][0]]}"
    key = base.lower()
    if key in T3_TEMPLATE_ROWS:
        return f"the row {''.join(T3_TEMPLATE_ROWS[key][1:]) or T3_TEMPLATE_ROWS[key][0]} of table 三"
    if key in T2_ROW_LABELS:
        return f"the row {T2_ROW_LABELS[key]} of table 二"
    return TERMINAL_WORDS.get(base, base)


def _shown(text: str) -> str:
    text = text.replace("\t", " ").replace("\n", " ")
    return text if len(text) <= MAX_SHOWN_TEXT else text[: MAX_SHOWN_TEXT - 1] + "…"


def token_label(token: Token) -> str:
    """``NEW_RECEIVED "一、本年新收政府信息公开申请数量" L46`` (a VALUES token lists its cells' lines)."""
    lines = sorted({c.line for c in token.cells if c.text}) if isinstance(token, ScanToken) else [token.line]
    where = f"L{lines[0]}" if len(lines) == 1 else f"L{lines[0]}–{lines[-1]}"
    return f'{base_name(token.type)} "{_shown(str(token))}" {where}'


def select(tree: Tree[Token], section: int | None = None, table: int | None = None) -> list[Tree[Token]]:
    """The subtrees to show: one section (by its number in the format), every table N, or all."""
    if table is not None:
        return list(_named(tree, f"table{table}"))
    if section is not None:
        return [
            t
            for t in tree.children
            if isinstance(t, Tree)
            and t.data == "section"
            and isinstance(t.children[0], Token)
            and SECTION_KINDS[base_name(t.children[0].type)][0] == section
        ]
    return [tree]


def _named(tree: Tree[Token], name: str) -> Iterator[Tree[Token]]:
    """The subtrees called ``name``, in source order (not inside one another)."""
    if tree.data == name:
        yield tree
        return
    for child in tree.children:
        if isinstance(child, Tree):
            yield from _named(child, name)


def plain_lines(tree: Tree[Token], depth: int = 0) -> Iterator[str]:
    """The tree as indented text: rules by name, tokens with their terminal, text and line."""
    yield "  " * depth + base_name(str(tree.data))
    for child in tree.children:
        if isinstance(child, Tree):
            yield from plain_lines(child, depth + 1)
        else:
            yield "  " * (depth + 1) + token_label(child)


def rich_tree(tree: Tree[Token], node: RichTree | None = None) -> RichTree:
    """The tree for a terminal: rules in bold, VALUES in cyan."""
    label = f"[bold]{base_name(str(tree.data))}[/bold]"
    branch = RichTree(label) if node is None else node.add(label)
    for child in tree.children:
        if isinstance(child, Tree):
            rich_tree(child, branch)
        else:
            style = "cyan" if base_name(child.type) == VALUES else "green"
            branch.add(f"[{style}]{_escape(token_label(child))}[/{style}]")
    return branch


def _escape(text: str) -> str:
    return text.replace("[", "\\[")


@attrs.frozen
class Definition:
    """A rule or terminal of a grammar file, with the comment written above it."""

    name: str
    kind: str  # rule | terminal | directive
    line: int
    text: str  # its first line, as written
    comment: str


_DEFINITION = re.compile(r"^(?P<name>[?!]?[A-Za-z_][A-Za-z0-9_]*)(?:\.(?P<priority>-?\d+))?\s*:")


def grammar_definitions(path: Path) -> list[Definition]:
    """The rules, terminals and directives (%import, %ignore, %declare) of one .lark file."""
    out, comment = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("//"):
            comment.append(stripped[2:].strip())
            continue
        match = _DEFINITION.match(line)
        if match:
            name = match["name"].lstrip("?!")
            kind = "terminal" if name.lstrip("_").isupper() else "rule"
            out.append(Definition(name, kind, number, stripped, " ".join(comment)))
        elif stripped.startswith("%"):
            out.append(Definition(stripped, "directive", number, stripped, " ".join(comment)))
        if not stripped.startswith("|"):
            comment = []
    return out


def grammar_files() -> list[Path]:
    return sorted(grammar_dir().glob("*.lark"))
