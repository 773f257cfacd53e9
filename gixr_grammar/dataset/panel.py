"""A panel from a corpus run: one row per report, one column per address (``gixr panel``).

The rows come from the JSONL records of ``gixr corpus``, in their order; files in error are left
out (the corpus output keeps them). The first columns say which report: ``agency_key`` (the
agency's name with its harmless variants folded, ``format.agency``), agency, year, template, path
and the report's index in its file; then every address of the data dictionary, in its order, empty
where the report's template has no such cell or the cell is blank or unknown. CSV keeps the exact
decimal text; Parquet has counts as int64 and money as float64 (the exact decimals are in the
corpus output). A panel is written to a temporary file and renamed into place.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..format.agency import agency_key
from .dictionary import entries

_TABLE_ENTRIES = [e for e in entries() if e.table is not None]
PANEL_COLUMNS = ("agency_key", "agency", "year", "template", "path", "report", *(e.address for e in _TABLE_ENTRIES))


def panel_rows(records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """A panel row for each report record (``status`` ok) of a corpus run."""
    for record in records:
        if record.get("status") != "ok":
            continue
        meta = record["meta"]
        cells = record["cells"]
        yield {
            "agency_key": agency_key(meta["agency"]),
            "agency": meta["agency"],
            "year": meta["year"],
            "template": meta["template"],
            "path": record["path"],
            "report": record["report"],
            **{e.address: cells.get(e.address) for e in _TABLE_ENTRIES},
        }


def read_records(path: Path) -> Iterator[dict[str, Any]]:
    """The records of a ``gixr corpus`` JSONL output."""
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.endswith("\n"):  # a half-written last line (a run still going, or killed) is no record
                yield json.loads(line)


def write_panel(records: Iterable[dict[str, Any]], out: Path) -> int:
    """Write the panel of ``records`` to ``out`` (.csv or .parquet); returns its count of rows."""
    kind = out.suffix.lower()
    if kind not in (".csv", ".parquet"):
        raise ValueError(f"the panel must end in .csv or .parquet, not {out.suffix or 'nothing'}")
    rows = list(panel_rows(records))
    temporary = out.with_name(out.name + ".tmp")
    if kind == ".csv":
        with temporary.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=PANEL_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        types = {"year": pa.int64(), "report": pa.int64()}
        for entry in _TABLE_ENTRIES:
            types[entry.address] = pa.float64() if entry.kind == "money" else pa.int64()
        schema = pa.schema([(c, types.get(c, pa.string())) for c in PANEL_COLUMNS])
        for row in rows:
            for entry in _TABLE_ENTRIES:
                value = row[entry.address]
                if value is not None and entry.kind == "money":
                    row[entry.address] = float(value)
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), temporary)
    os.replace(temporary, out)
    return len(rows)
