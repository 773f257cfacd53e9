"""Loading the grammars: one cached LALR parser for parsing, one for the debugging tree view."""

from __future__ import annotations

import functools
from pathlib import Path

from lark import Lark

from .scanner import CellScanner
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
        cache=True,  # the analysed grammar, pickled in the temp folder: a new process starts 0.15 s sooner
    )
