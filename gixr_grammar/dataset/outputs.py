"""Corpus outputs that lose nothing: JSONL records, or a long table in CSV or Parquet, written one
input file at a time, resumable after a kill at any instant.

Every record of one input file (one per report it holds) goes out in one write and is flushed, so
a killed run leaves complete files' records and at most the last file's in part. Resuming drops
that last file's records (and a half-written line) and does the file again: the result is exactly
what one uninterrupted run writes. A Parquet file cannot be appended to, so its records go to a
JSONL log beside it (``OUT.parquet.log``) and become ``OUT.parquet`` only when the run ends
(written to a temporary file, then renamed): until then the old OUT stays whole. Nothing is
written, and OUT is not emptied, before the first record arrives (a run that fails to start leaves
it as it was). Inputs are known by their resolved path and their sha256.

The long table has a row per cell, ``TABLE_COLUMNS``: the file and the report's index in it, the
agency, year and template, the cell's address split into table, row and column, its Chinese label
(of the report's template) and unit, its status (read, blank, inferred, missing) and the rule that
inferred it, the value, and the line and document place it came from; a file in error, of a kind
gixr does not read, or a report with no table cell is one row whose status says so. ``value`` is
the exact decimal text in CSV, a decimal128(38, 10) in Parquet with ``value_float`` beside it.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from .dictionary import entries

Record = dict[str, Any]
Key = tuple[str, str | None]  # an input file: its resolved path and sha256
TABLE_COLUMNS = (
    "path",
    "sha256",
    "report",
    "agency",
    "year",
    "template",
    "address",
    "table",
    "row",
    "column",
    "label",
    "unit",
    "status",
    "inferred_by",
    "value",
    "line",
    "place",
    "error",
)
PARQUET_SCALE = Decimal("1e-10")  # value is decimal128(38, 10): exact for every count and amount in a report
_PARQUET_BATCH = 50_000  # rows per row group
_DICTIONARY = {entry.address: entry for entry in entries()}


def key(path: str | os.PathLike[str], sha256: str | None) -> Key:
    return str(Path(path).resolve()), sha256


def table_rows(record: Record) -> Iterator[dict[str, Any]]:
    """The long-table rows of one record: one per table cell, with its status (read, blank, inferred,
    missing) and where it came from; or one saying why the file failed (status ``error`` or
    ``unsupported``), or that a report holds no table cell (status ``empty``)."""
    meta = record.get("meta") or {}
    error = record["error"] and " ".join(str(record["error"]).split())  # one CSV line a row
    report = {
        **{k: record[k] for k in ("path", "sha256", "report")},
        "error": error,
        **{k: meta.get(k) for k in ("agency", "year", "template")},
    }
    cells = [(a, v) for a, v in record.get("cells", {}).items() if not a.startswith("meta.")]
    if not cells:
        status = "empty" if record["status"] == "ok" else record["status"]
        yield {**dict.fromkeys(TABLE_COLUMNS), **report, "status": status}
        return
    for address, value in cells:
        entry = _DICTIONARY[address]
        origin = record["provenance"][address]
        own = entry.label_2021 if meta.get("template") == "2021" else entry.label_2019
        yield {
            **report,
            "address": address,
            "table": entry.table,
            "row": entry.row,
            "column": entry.column,
            "label": own or entry.label_2019 or entry.label_2021,
            "unit": entry.unit,
            "status": origin["status"],
            "inferred_by": origin["inferred_by"],
            "value": None if value is None else Decimal(str(value)),
            "line": origin["line"],
            "place": origin["place"],
        }


class Sink:
    """Where one run's records go, a whole input file at a time; ``done`` holds the inputs a resumed
    OUT already has complete."""

    def __init__(self, path: Path, resume: bool, excel: bool = False) -> None:
        self.path = path
        self.excel = excel  # a CSV starts with a UTF-8 byte-order mark, so that Excel reads its Chinese
        self.kind = path.suffix.lower().lstrip(".")
        if self.kind not in ("jsonl", "csv", "parquet"):
            raise ValueError(f"the output must end in .jsonl, .csv or .parquet, not {path.suffix or 'nothing'}")
        if self.kind == "parquet":
            try:
                import pyarrow  # noqa: F401  (written at the end of the run: refuse now, before any work)
            except ImportError as e:
                raise ValueError('Parquet output needs pyarrow: pip install "gixr-grammar[parquet]"') from e
        self.log = path.with_name(path.name + ".log") if self.kind == "parquet" else path
        self.done: set[Key] = set()
        self._append = False
        self._previous: Path | None = None  # a finished Parquet OUT that this run extends
        if resume:
            if self.log.exists():
                self._append = True  # unless the log has not even a whole header (_recover says so)
                self.done = self._recover()
            if self.kind == "parquet" and path.exists():
                self._previous = path
                self.done |= _parquet_keys(path)
        self._file: IO[str] | None = None

    def write(self, records: list[Record]) -> None:
        """One input file's records, in one write."""
        if self._file is None:
            self._file = self._open()
        if self.kind == "csv":
            buffer = io.StringIO()
            csv.DictWriter(buffer, fieldnames=TABLE_COLUMNS, lineterminator="\n").writerows(
                row for record in records for row in table_rows(record)
            )
            text = buffer.getvalue()
        else:
            text = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
        self._file.write(text)
        self._file.flush()

    def close(self) -> None:
        """Finish: a Parquet OUT is written now, whole, and its log removed."""
        if self._file is not None:
            self._file.close()
        if self.kind == "parquet" and (self._file is not None or self._previous is not None or not self.path.exists()):
            self._write_parquet()

    def _open(self) -> IO[str]:
        if self._append:
            return self.log.open("a", encoding="utf-8", newline="")
        file = self.log.open("w", encoding="utf-8-sig" if self.excel and self.kind == "csv" else "utf-8", newline="")
        if self.kind == "csv":
            file.write(",".join(TABLE_COLUMNS) + "\n")
        return file

    def _recover(self) -> set[Key]:
        """Cut the last input file's records (a kill may have left them incomplete) and a
        half-written line; the inputs kept, complete."""
        found = _csv_groups(self.log) if self.kind == "csv" else _jsonl_groups(self.log)
        if found is None:  # not even a whole header: start again
            self._append = False
            return set()
        groups, start = found
        with self.log.open("rb+") as f:
            f.truncate(groups[-1][1] if groups else start)
        return {k for k, _ in groups[:-1]}

    def _write_parquet(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        types = {
            "report": pa.int64(),
            "year": pa.int64(),
            "table": pa.int64(),
            "line": pa.int64(),
            "value": pa.decimal128(38, 10),
            "value_float": pa.float64(),
        }
        schema = pa.schema([(c, types.get(c, pa.string())) for c in (*TABLE_COLUMNS, "value_float")])
        temporary = self.path.with_name(self.path.name + ".tmp")
        with pq.ParquetWriter(temporary, schema) as writer:
            if self._previous is not None:
                for batch in pq.ParquetFile(self._previous).iter_batches():
                    writer.write_table(pa.Table.from_batches([batch]).cast(schema))
            batch_rows: list[dict[str, Any]] = []
            for record in _log_records(self.log):
                batch_rows.extend(table_rows(record))
                if len(batch_rows) >= _PARQUET_BATCH:
                    writer.write_table(_parquet_table(batch_rows, schema))
                    batch_rows = []
            writer.write_table(_parquet_table(batch_rows, schema))
        os.replace(temporary, self.path)
        self.log.unlink(missing_ok=True)


def _parquet_table(rows: list[dict[str, Any]], schema: Any) -> Any:
    import pyarrow as pa

    for row in rows:
        if row["value"] is not None:
            row["value_float"] = float(row["value"])
            row["value"] = row["value"].quantize(PARQUET_SCALE)
    return pa.Table.from_pylist(rows, schema=schema)


def _log_records(log: Path) -> Iterator[Record]:
    if log.exists():
        with log.open(encoding="utf-8") as f:
            yield from map(json.loads, f)


def _parquet_keys(path: Path) -> set[Key]:
    import pyarrow.parquet as pq

    table = pq.read_table(path, columns=["path", "sha256"])
    return {
        key(p, s) for p, s in zip(table.column("path").to_pylist(), table.column("sha256").to_pylist(), strict=True)
    }


def _jsonl_groups(path: Path) -> tuple[list[tuple[Key, int]], int]:
    """Each input file's records in a JSONL file: its key and the byte offset its first record starts
    at (a half-written last line is no record); and where the records start (0)."""
    groups: list[tuple[Key, int]] = []
    offset = 0
    with path.open("rb") as f:
        for line in f:
            if not line.endswith(b"\n"):
                break
            record = json.loads(line)
            found = key(record["path"], record["sha256"])
            if not groups or groups[-1][0] != found:
                groups.append((found, offset))
            offset += len(line)
    return groups, 0


def _csv_groups(path: Path) -> tuple[list[tuple[Key, int]], int] | None:
    """Each input file's rows in a CSV file: its key and the byte offset its first row starts at, and
    where the rows start (after the header); None if the file has no whole header."""
    with path.open("rb") as f:
        header = f.readline()
        if header.decode("utf-8-sig", "replace").rstrip("\n").split(",") != list(TABLE_COLUMNS):
            if header.endswith(b"\n"):
                raise ValueError("it holds the columns of another gixr version: write a new OUT")
            return None
        groups: list[tuple[Key, int]] = []
        offset = len(header)
        for line in f:
            if not line.endswith(b"\n"):
                break
            (row,) = csv.reader([line.decode("utf-8")])
            found = key(row[0], row[1] or None)
            if not groups or groups[-1][0] != found:
                groups.append((found, offset))
            offset += len(line)
    return groups, len(header)
