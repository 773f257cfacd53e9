"""Corpus runs: a folder tree of reports to one tidy dataset, on local processes or a Dask cluster.

Each report in an input file becomes one record (``process``): the file's path and sha256, the
report's index in the file (a crawled dump may hold several), ``ok`` or ``error`` with the error
message, meta, cells, and counts of findings and diagnostics; a file in error is one record. Records stream to the output as
they come, with a bounded number in flight, so memory stays flat whatever the corpus size. A bad file
(empty, binary, not a report) gets its own error record and never stops the run; a file of a kind
gixr does not read (a legacy .doc, an image) gets an ``unsupported`` record that says why. ``--resume`` skips
inputs already recorded with the same path and sha256 and appends the rest.

Outputs by suffix: ``.jsonl`` (one record per line, flushed each time: an interrupted run leaves every
complete record), ``.csv`` and ``.parquet`` (a tidy long table, one row per cell, ``TABLE_COLUMNS``:
the file and report, its agency, year and template, the cell's address split into table, row and
column, its Chinese label and unit, its status (read, blank, inferred, missing) and the rule that
inferred it, the value, and the line and document place it came from; a file in error, of a kind
gixr does not read, or a report with no table cell is one row whose status says so). ``value`` is
the exact decimal text in CSV, a decimal128(38, 10) in Parquet with ``value_float`` beside it.
Parquet needs pyarrow, Dask needs dask.distributed (the extras ``parquet`` and ``dask``).
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, as_completed, wait
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..api import parse_all
from ..check import check
from ..errors import GixrError, UnsupportedDocumentError
from ..model import Report
from .dictionary import entries
from .serialize import plain, plain_cells

# The files of a folder that are read: the kinds gixr reads, and those it names the conversion for
# (the reader is chosen by the bytes, not by the suffix). Other files get an ``unsupported`` record.
REPORT_SUFFIXES = frozenset({"", ".txt", ".text", ".md", ".html", ".htm", ".shtml", ".xhtml", ".docx", ".doc", ".pdf"})
Record = dict[str, Any]
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
_DICTIONARY = {entry.address: entry for entry in entries()}
PARQUET_SCALE = Decimal("1e-10")  # value is decimal128(38, 10): exact for every count and amount in a report


def iter_inputs(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """The files named, and every file under the folders named (recursively, in sorted order)."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file())
        else:
            yield path


def _unsupported(path: Path, named: bool) -> str | None:
    """Why a file found in a folder is not read (its suffix names no kind gixr reads), or None."""
    if named or path.suffix.lower() in REPORT_SUFFIXES:
        return None
    return f"UnsupportedDocumentError: {path.suffix} files are not read (text, HTML pages and Word .docx are)"


def process(path: str) -> list[Record]:
    """One file's records: one per report it holds (``report`` is its index, ``reports`` their
    count), or one error record; never raises for a bad file (its record says why)."""
    record: Record = {"path": path, "sha256": None, "report": 0, "reports": 1, "status": "error", "error": None}
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        record["error"] = f"{type(e).__name__}: {e.strerror or e}"
        return [record]
    record["sha256"] = hashlib.sha256(data).hexdigest()
    try:
        reports = list(parse_all(data))
    except UnsupportedDocumentError as e:
        return [{**record, "status": "unsupported", "error": f"{type(e).__name__}: {e}"}]
    except GixrError as e:
        record["error"] = f"{type(e).__name__}: {e}"
        return [record]
    except Exception as e:  # a parser defect: recorded, never fatal to the run
        record["error"] = f"internal error {type(e).__name__}: {e}"
        return [record]
    return [_report_record({**record, "report": i, "reports": len(reports)}, r) for i, r in enumerate(reports)]


def _report_record(record: Record, report: Report) -> Record:
    findings = Counter(f.verdict.value for f in check(report))
    provenance = {
        address: {
            "status": cell.status.value,
            "inferred_by": cell.inferred_by,
            "line": cell.line,
            "place": report.place(cell.line),
        }
        for address, cell in report.cell_records().items()
    }
    return {
        **record,
        "status": "ok",
        "meta": plain(report.meta),
        "kind": report.kind.value,
        "cells": plain_cells(report),
        "provenance": provenance,
        "findings": dict(findings),
        "diagnostics": dict(Counter(d.severity.value for d in report.diagnostics)),
    }


def table_rows(record: Record) -> Iterator[dict[str, Any]]:
    """The long-table rows of one record: one per table cell, with its status (read, blank, inferred,
    missing) and where it came from; or one saying why the file failed (status ``error`` or
    ``unsupported``), or that a report holds no table cell (status ``empty``)."""
    meta = record.get("meta") or {}
    report = {
        **{key: record[key] for key in ("path", "sha256", "report", "error")},
        **{key: meta.get(key) for key in ("agency", "year", "template")},
    }
    cells = [(a, v) for a, v in record.get("cells", {}).items() if not a.startswith("meta.")]
    if not cells:
        status = "empty" if record["status"] == "ok" else record["status"]
        yield {**dict.fromkeys(TABLE_COLUMNS), **report, "status": status}
        return
    for address, value in cells:
        entry = _DICTIONARY[address]
        origin = record["provenance"][address]
        yield {
            **report,
            "address": address,
            "table": entry.table,
            "row": entry.row,
            "column": entry.column,
            "label": (entry.label_2021 if meta.get("template") == "2021" else entry.label_2019)
            or entry.label_2019
            or entry.label_2021,
            "unit": entry.unit,
            "status": origin["status"],
            "inferred_by": origin["inferred_by"],
            "value": None if value is None else Decimal(str(value)),
            "line": origin["line"],
            "place": origin["place"],
        }


# -- output files ---------------------------------------------------------------------------------


class Sink:
    """Where records go: a file by suffix. ``done`` is what the file already holds (for --resume)."""

    def __init__(self, path: Path, resume: bool) -> None:
        self.path = path
        self.kind = path.suffix.lower().lstrip(".")
        if self.kind not in ("jsonl", "csv", "parquet"):
            raise ValueError(f"{path}: the output must end in .jsonl, .csv or .parquet")
        self.done: set[tuple[str, str | None]] = self._recorded() if resume and path.exists() else set()
        self._open(append=resume and path.exists())

    def _recorded(self) -> set[tuple[str, str | None]]:
        if self.kind == "jsonl":
            _drop_partial_line(self.path)
            with self.path.open(encoding="utf-8") as f:
                return {(r["path"], r["sha256"]) for r in map(json.loads, f)}
        if self.kind == "csv":
            with self.path.open(encoding="utf-8", newline="") as f:
                return {(row["path"], row["sha256"] or None) for row in csv.DictReader(f)}
        import pyarrow.parquet as pq

        table = pq.read_table(self.path, columns=["path", "sha256"])
        return set(zip(table.column("path").to_pylist(), table.column("sha256").to_pylist(), strict=True))

    def _open(self, append: bool) -> None:
        if self.kind == "jsonl":
            self._file = self.path.open("a" if append else "w", encoding="utf-8")
        elif self.kind == "csv":
            self._file = self.path.open("a" if append else "w", encoding="utf-8", newline="")
            self._csv = csv.DictWriter(self._file, fieldnames=TABLE_COLUMNS)
            if not append:
                self._csv.writeheader()
        else:
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
            self._schema = pa.schema([(c, types.get(c, pa.string())) for c in (*TABLE_COLUMNS, "value_float")])
            self._previous = pq.read_table(self.path) if append else None
            self._parquet_path = self.path.with_name(self.path.name + ".partial")
            self._writer = pq.ParquetWriter(self._parquet_path, self._schema)
            if self._previous is not None:
                self._writer.write_table(self._previous.cast(self._schema))
            self._batch: list[dict[str, Any]] = []

    def write(self, record: Record) -> None:
        if self.kind == "jsonl":
            self._file.write(json.dumps(record, ensure_ascii=False) + "\n")
            self._file.flush()
        elif self.kind == "csv":
            self._csv.writerows(table_rows(record))
            self._file.flush()
        else:
            self._batch.extend(table_rows(record))
            if len(self._batch) >= 50_000:
                self._flush_parquet()

    def _flush_parquet(self) -> None:
        import pyarrow as pa

        if self._batch:
            for row in self._batch:
                if row["value"] is not None:
                    row["value_float"] = float(row["value"])
                    row["value"] = row["value"].quantize(PARQUET_SCALE)
            self._writer.write_table(pa.Table.from_pylist(self._batch, schema=self._schema))
            self._batch = []

    def close(self) -> None:
        """Finish the file; a Parquet file replaces the old one only now, complete."""
        if self.kind == "parquet":
            self._flush_parquet()
            self._writer.close()
            self._parquet_path.replace(self.path)
        else:
            self._file.close()


def _drop_partial_line(path: Path) -> None:
    """Cut a record an interrupted run left half-written (after the last newline)."""
    with path.open("rb+") as f:
        data = f.read()
        end = data.rfind(b"\n") + 1
        if end < len(data):
            f.truncate(end)


# -- engines --------------------------------------------------------------------------------------


def run_local(paths: Iterable[str], workers: int) -> Iterator[Record]:
    """Records from ``workers`` processes as they complete (in input order, in this process, when 1),
    at most 4 × workers in flight: a slow report never keeps the other workers idle."""
    if workers <= 1:
        for path in paths:
            yield from process(path)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: set[Future[list[Record]]] = set()
        for path in paths:
            pending.add(pool.submit(process, path))
            if len(pending) >= 4 * workers:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from (r for f in done for r in f.result())
        for future in as_completed(pending):
            yield from future.result()


def run_dask(paths: Iterable[str], workers: int, scheduler: str | None) -> Iterator[Record]:
    """Records from a Dask cluster: the one at ``scheduler``, else a local one of ``workers``
    processes; at most 8 × workers in flight, yielded as they complete."""
    try:
        from dask.distributed import Client, LocalCluster
        from dask.distributed import as_completed as completed_futures
    except ImportError as e:
        raise RuntimeError('the dask engine needs dask.distributed: pip install "gixr-grammar[dask]"') from e
    cluster = None if scheduler else LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None)
    client = Client(scheduler or cluster)
    try:
        pending = completed_futures()
        inputs = iter(paths)
        for path in inputs:
            pending.add(client.submit(process, path, pure=False))
            if pending.count() >= 8 * max(workers, 1):
                yield from next(pending).result()
        for future in pending:
            yield from future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run(
    inputs: Iterable[str | os.PathLike[str]],
    out: Path,
    *,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    resume: bool = False,
    progress: Callable[[Record], None] | None = None,
) -> Counter[str]:
    """Process every input into ``out``; returns the counts of ok (reports), error, unsupported and
    skipped (already in ``out``) files."""
    sink = Sink(out, resume)
    counts: Counter[str] = Counter()
    inputs = list(inputs)
    todo = []
    unsupported = []
    named = {Path(name) for name in inputs if not Path(name).is_dir()}
    for path in iter_inputs(inputs):
        if sink.done and (str(path), _sha256(path)) in sink.done:
            counts["skipped"] += 1
        elif (why := _unsupported(path, path in named)) is not None:
            unsupported.append(
                {
                    "path": str(path),
                    "sha256": _sha256(path),
                    "report": 0,
                    "reports": 1,
                    "status": "unsupported",
                    "error": why,
                }
            )
        else:
            todo.append(str(path))
    records = run_dask(todo, workers, scheduler) if engine == "dask" else run_local(todo, workers)
    try:
        for record in itertools.chain(unsupported, records):
            sink.write(record)
            counts[record["status"]] += 1
            if progress is not None:
                progress(record)
    finally:
        sink.close()
    return counts


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
