"""Loading the grammars: one cached LALR parser for parsing, one for the debugging tree view."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from lark import Lark

from .scanner import CellScanner, base_name
from .transformer import report_transformer

_PACKAGE = Path(__file__).resolve().parent.parent


def grammar_dir() -> Path:
    """The folder of the .lark files: inside the installed package, or ``grammars/`` in a checkout."""
    for candidate in (_PACKAGE / "grammars", _PACKAGE.parent / "grammars"):
        if (candidate / "report.lark").is_file():
            return candidate
    raise FileNotFoundError(f"grammars not found next to {_PACKAGE}")


@functools.cache
def report_parser(tree: bool = False) -> Lark:
    """The report parser; ``tree=True`` builds parse trees (for debugging) instead of drafts."""
    return Lark.open(
        str(grammar_dir() / "report.lark"),
        parser="lalr",
        lexer=CellScanner,
        transformer=None if tree else report_transformer(),
        maybe_placeholders=False,
        # No cache: Lark's pickles the analysed grammar under a predictable name in the shared temp
        # folder and unpickles whatever it finds there, so any local user could run code as ours.
        # Analysing the grammar costs 0.04 s a process (cold start 0.18 s instead of 0.14 s).
        cache=False,
    )


@functools.cache
def terminal_patterns() -> dict[str, re.Pattern[str]]:
    """Every terminal's pattern by its base name (``table3__GRANTED`` → ``GRANTED``), compiled: the
    words the grammars know, for the stages that weigh pieces of text as evidence (``alignment``)."""
    return {base_name(t.name): re.compile(t.pattern.to_regexp()) for t in report_parser().terminals}
