"""Datasets as pandas DataFrames with the right types, for analysis in Python.

    from gixr_grammar.dataset.frames import cells_frame
    frame = cells_frame("out.parquet")            # a gixr corpus output: .jsonl, .csv or .parquet
    frame = cells_frame(gixr_grammar.parse_all(text))   # or reports themselves

Either way one row per cell, the columns of ``outputs.TABLE_COLUMNS`` with ``value`` as a float
(``Float64``; exact decimals stay in the CSV's and JSONL's text), ``report``, ``year``, ``table`` and
``line`` as nullable integers (``Int64``), and the text columns (``template`` among them: "2019" is a
name, not a number) as strings. ``panel_frame`` gives the panel (``gixr panel``: a row per report,
counts ``Int64``, money ``Float64``). Needs
pandas (not a dependency of gixr: ``pip install pandas``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..model import Report
from .corpus import report_record
from .dictionary import entries
from .outputs import TABLE_COLUMNS, table_rows
from .panel import PANEL_COLUMNS, panel_rows, read_records

_INTEGERS = ("report", "year", "table", "line")


def cells_frame(source: str | os.PathLike[str] | Iterable[Report]) -> Any:
    """The long table of a corpus output file, or of reports, as a typed pandas DataFrame."""
    import pandas as pd

    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if path.suffix.lower() == ".parquet":
            frame = pd.read_parquet(path)
        elif path.suffix.lower() == ".csv":
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8-sig")
        else:
            frame = pd.DataFrame([row for record in read_records(path) for row in table_rows(record)])
    else:
        records = [_as_record(report, index) for index, report in enumerate(source)]
        frame = pd.DataFrame([row for record in records for row in table_rows(record)])
    return _typed(frame.reindex(columns=list(TABLE_COLUMNS)))


def panel_frame(source: str | os.PathLike[str] | Iterable[Report]) -> Any:
    """The panel of a corpus JSONL output or of reports (a row per report) as a pandas DataFrame."""
    import pandas as pd

    if isinstance(source, str | os.PathLike):
        records: Iterable[dict[str, Any]] = read_records(Path(source))
    else:
        records = [_as_record(report, index) for index, report in enumerate(source)]
    frame = pd.DataFrame(list(panel_rows(records)), columns=list(PANEL_COLUMNS))
    for entry in entries():
        if entry.table is not None:
            numbers = pd.to_numeric(frame[entry.address], errors="coerce")
            frame[entry.address] = numbers.astype("Float64" if entry.kind == "money" else "Int64")
    return frame.astype({"year": "Int64", "report": "Int64", "template": "string", "agency": "string"})


def _as_record(report: Report, index: int) -> dict[str, Any]:
    base = {"path": None, "sha256": None, "report": index, "reports": None, "status": "ok", "error": None}
    return report_record(base, report)  # plain data already, as a corpus record is


def _typed(frame: Any) -> Any:
    import pandas as pd

    frame["value"] = pd.to_numeric(frame["value"].map(lambda v: None if v is None else str(v)), errors="coerce")
    frame["value"] = frame["value"].astype("Float64")
    for column in _INTEGERS:
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Int64")
    text = [c for c in TABLE_COLUMNS if c not in (*_INTEGERS, "value")]
    return frame.astype({c: "string" for c in text})
