"""A Report as plain data (JSON-ready) and back, with cattrs: every table cell with its provenance
(status read/blank/inferred/missing, line, column, raw text, the rule that inferred it), the flat
SCHEMA.md mapping, the diagnostics, and the findings of ``check``.

Money stays exact: a Decimal becomes a JSON number when its float prints the same digits, else a
string of its digits; structuring reads either back as a Decimal.
"""

from __future__ import annotations

import json
import typing
from decimal import Decimal
from typing import Any

import cattrs

from ..check import check
from ..model import CellStatus, Finding, Report, ReportKind, Severity, Value, Verdict

_converter = cattrs.Converter()


def _exact_number(amount: Decimal) -> float | str:
    as_float = float(amount)
    return as_float if Decimal(repr(as_float)) == amount else str(amount)


def _value(data: Any, _: object) -> Value | None:
    if data is None or isinstance(data, int):
        return data
    return Decimal(str(data))


_converter.register_unstructure_hook(Decimal, _exact_number)
for _enum in (CellStatus, ReportKind, Severity, Verdict):  # str enums: by value, not as str subclasses
    _converter.register_unstructure_hook(_enum, lambda e: e.value)
_converter.register_structure_hook_func(lambda t: t == typing.Optional[Value], _value)  # noqa: UP045


def report_to_dict(report: Report, *, findings: bool = True) -> dict[str, Any]:
    """The whole report as plain data; with ``findings``, the findings of ``check`` (not-assessable
    rules included, marked so) under ``findings``."""
    data: dict[str, Any] = _converter.unstructure(report)
    data["cells"] = plain_cells(report)
    if findings:
        data["findings"] = findings_to_list(check(report, not_assessable=True))
    return data


def plain_cells(report: Report) -> dict[str, Any]:
    """``Report.cells()`` as JSON-ready data (money exact, see the module docstring)."""
    return {address: _converter.unstructure(value) for address, value in report.cells().items()}


def plain(value: object) -> Any:
    """Any model object (Meta, Cell, Finding …) as plain data."""
    return _converter.unstructure(value)


def findings_to_list(findings: list[Finding]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = _converter.unstructure(findings)
    return out


def report_from_dict(data: dict[str, Any]) -> Report:
    """The Report that ``report_to_dict`` wrote (its extra keys, cells and findings, are derived)."""
    fields = {k: v for k, v in data.items() if k not in ("cells", "findings")}
    return _converter.structure(fields, Report)


def report_to_json(report: Report, *, findings: bool = True, indent: int | None = None) -> str:
    return json.dumps(report_to_dict(report, findings=findings), ensure_ascii=False, indent=indent)
