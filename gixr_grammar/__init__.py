"""gixr_grammar: Chinese government information disclosure annual reports (政府信息公开工作年度报告)
as exact, typed data, recognised by Lark grammars.

    >>> import gixr_grammar
    >>> report = gixr_grammar.parse_file("report.txt")
    >>> report.cells()["t3.new_received.total"]
"""

from .api import parse, parse_all, parse_bytes, parse_file
from .check import check
from .check.series import check_series
from .errors import (
    EmptyInputError,
    GarbledTextError,
    GixrError,
    GrammarError,
    InputTooLargeError,
    MissingExtraError,
    NotAReportError,
    NotTextError,
    UnreadableFileError,
    UnsupportedDocumentError,
)
from .model import (
    Cell,
    CellStatus,
    Diagnostic,
    Finding,
    Meta,
    Report,
    ReportKind,
    Row,
    Section,
    Severity,
    Subsection,
    Table,
    Verdict,
)

__version__ = "0.1.0"

__all__ = [
    "Cell",
    "CellStatus",
    "Diagnostic",
    "EmptyInputError",
    "Finding",
    "GarbledTextError",
    "GixrError",
    "GrammarError",
    "InputTooLargeError",
    "Meta",
    "MissingExtraError",
    "NotAReportError",
    "NotTextError",
    "Report",
    "ReportKind",
    "Row",
    "Section",
    "Severity",
    "Subsection",
    "Table",
    "UnreadableFileError",
    "UnsupportedDocumentError",
    "Verdict",
    "check",
    "check_series",
    "parse",
    "parse_all",
    "parse_bytes",
    "parse_file",
]
