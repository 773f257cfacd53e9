"""gixr_grammar: Chinese government information disclosure annual reports (政府信息公开工作年度报告)
as exact, typed data, recognised by Lark grammars.

    >>> import gixr_grammar
    >>> report = gixr_grammar.parse_file("report.txt")
    >>> report.cells()["t3.new_received.total"]
"""

from .api import parse, parse_bytes, parse_file
from .errors import (
    EmptyInputError,
    GixrError,
    GrammarError,
    InputTooLargeError,
    NotAReportError,
    NotTextError,
)
from .model import Cell, CellStatus, Diagnostic, Meta, Report, ReportKind, Row, Section, Severity, Subsection, Table

__version__ = "0.1.0"

__all__ = [
    "Cell",
    "CellStatus",
    "Diagnostic",
    "EmptyInputError",
    "GixrError",
    "GrammarError",
    "InputTooLargeError",
    "Meta",
    "NotAReportError",
    "NotTextError",
    "Report",
    "ReportKind",
    "Row",
    "Section",
    "Severity",
    "Subsection",
    "Table",
    "parse",
    "parse_bytes",
    "parse_file",
]
