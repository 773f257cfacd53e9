"""Corpus runs: files and folder trees of reports to one dataset, on local processes or Dask.

Each report in an input file becomes one record (``process``): the file's path and sha256, the
report's index in the file (a crawled dump may hold several) and their count, ``ok`` or ``error``
with the error message, meta, cells with their provenance, and counts of findings (by verdict and
rule), of the prose's statements about the tables, and of diagnostics; a file in error, or of a kind gixr does not read, is one record that says why. A bad
file never stops the run, and one that takes longer than ``time_limit`` seconds becomes an error
record. Records go to the output (``outputs.Sink``: JSONL, CSV or Parquet, resumable after a kill)
in the order of the inputs, whatever order the workers finish in, with a bounded number in flight
so that memory stays flat whatever the corpus size. Worker processes end with their parent.
Parquet needs pyarrow, Dask needs dask.distributed (the extras ``parquet`` and ``dask``).
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import signal
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from types import FrameType

from ..api import parse_all, with_file_name
from ..check import check
from ..errors import GixrError, UnsupportedDocumentError
from ..model import Report
from ..readers.source import read
from .outputs import Record, Sink, key
from .serialize import plain, plain_cells

# The files of a folder that are read: the kinds gixr reads, and those it names the conversion for
# (the reader is chosen by the bytes, not by the suffix). Other files get an ``unsupported`` record.
REPORT_SUFFIXES = frozenset({"", ".txt", ".text", ".md", ".html", ".htm", ".shtml", ".xhtml", ".docx", ".doc", ".pdf"})
TIME_LIMIT = 60.0  # seconds for one file (a report parses in well under one)
Task = tuple[str, bool, float]  # a path, whether its suffix decides if it is read, the time limit


def iter_inputs(paths: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[Path, bool]]:
    """The files named, and every file under the folders named (recursively, in sorted order), each
    with whether it was found in a folder (then its suffix decides whether it is read)."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from ((p, True) for p in sorted(path.rglob("*")) if p.is_file())
        else:
            yield path, False


def read_by_suffix(path: Path) -> bool:
    """Whether a file found in a folder is read: its suffix is one of ``REPORT_SUFFIXES``."""
    return path.suffix.lower() in REPORT_SUFFIXES


class _TooSlow(BaseException):
    """Raised by the alarm into the parse. Not an Exception, so that no library's ``except
    Exception`` catches or wraps it (Lark wraps a transformer's exceptions in VisitError)."""


def _too_slow(_signal: int, _frame: FrameType | None) -> None:
    raise _TooSlow


def process(path: str, found: bool = False, time_limit: float = TIME_LIMIT) -> list[Record]:
    """One file's records: one per report it holds (``report`` is its index, ``reports`` their
    count), or one saying why not; never raises for a bad file. ``found``: the file was found in a
    folder, so a suffix of no kind gixr reads makes it ``unsupported`` unread. The time limit holds
    where a signal can stop the parse (a process's main thread: the local engine, not Dask)."""
    record: Record = {"path": path, "sha256": None, "report": 0, "reports": 1, "status": "error", "error": None}
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        return [{**record, "error": f"{type(e).__name__}: {e.strerror or e}"}]
    record["sha256"] = hashlib.sha256(data).hexdigest()
    if found and not read_by_suffix(Path(path)):
        suffix = Path(path).suffix.lower()
        why = f"UnsupportedDocumentError: {suffix} files are not read (text, HTML, Word .docx and PDF are)"
        return [{**record, "status": "unsupported", "error": why}]
    try:
        reports = _within(time_limit, lambda: list(parse_all(with_file_name(read(data), path))))
        return [report_record({**record, "report": i, "reports": len(reports)}, r) for i, r in enumerate(reports)]
    except _TooSlow:
        return [{**record, "error": f"TimeoutError: not done in {time_limit:g} s"}]
    except UnsupportedDocumentError as e:
        return [{**record, "status": "unsupported", "error": f"{type(e).__name__}: {e}"}]
    except GixrError as e:
        return [{**record, "error": f"{type(e).__name__}: {e}"}]
    except Exception as e:  # a parser defect: recorded, never fatal to the run
        return [{**record, "error": f"internal error {type(e).__name__}: {e}"}]


def _within(seconds: float, work: Callable[[], list[Report]]) -> list[Report]:
    """``work()``, stopped by ``_TooSlow`` after ``seconds`` where a signal can stop it (a process's
    main thread); run unbounded elsewhere (Dask's worker threads)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        return work()
    previous = signal.signal(signal.SIGALRM, _too_slow)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            return work()
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        signal.signal(signal.SIGALRM, previous)


def report_record(record: Record, report: Report) -> Record:
    """The record of one report: ``record``'s file fields, then meta, cells, their provenance, the
    counts of findings (by verdict and by rule), of the prose's statements and of diagnostics."""
    found = check(report)
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
        "findings": dict(Counter(f.verdict.value for f in found)),
        "findings_by_rule": dict(Counter(f.rule for f in found)),
        "statements": len(report.statements),
        "diagnostics": dict(Counter(d.severity.value for d in report.diagnostics)),
    }


# -- engines --------------------------------------------------------------------------------------


def _process(task: Task) -> list[Record]:
    return process(*task)


def _die_with_parent(parent: int) -> None:
    """In a worker process: be killed when the parent dies (Linux), so no worker outlives a killed run.
    A parent that died before this ran sent no signal: the worker then finds itself adopted, and exits."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        if os.getppid() != parent:
            os._exit(1)


def run_local(tasks: Iterable[Task], workers: int) -> Iterator[tuple[int, list[Record]]]:
    """Each task's records with its index, from ``workers`` processes as they finish (in this
    process, in order, when 1), at most 4 × workers in flight."""
    if workers <= 1:
        yield from enumerate(map(_process, tasks))
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_die_with_parent, initargs=(os.getpid(),)) as pool:
        pending: dict[Future[list[Record]], int] = {}
        for index, task in enumerate(tasks):
            pending[pool.submit(_process, task)] = index
            if len(pending) >= 4 * workers:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                yield from ((pending.pop(f), f.result()) for f in done)
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            yield from ((pending.pop(f), f.result()) for f in done)


def run_dask(tasks: Iterable[Task], workers: int, scheduler: str | None) -> Iterator[tuple[int, list[Record]]]:
    """Each task's records with its index, from a Dask cluster: the one at ``scheduler``, else a
    local one of ``workers`` processes; at most 8 × workers in flight, yielded as they finish."""
    try:
        from dask.distributed import Client, LocalCluster
        from dask.distributed import as_completed as completed_futures
    except ImportError as e:
        raise RuntimeError('the dask engine needs dask.distributed: pip install "gixr-grammar[dask]"') from e
    cluster = None if scheduler else LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None)
    client = Client(scheduler or cluster)
    try:
        pending = completed_futures()
        indices = {}
        for index, task in enumerate(tasks):
            future = client.submit(_process, task, pure=False)
            indices[future.key] = index
            pending.add(future)
            if pending.count() >= 8 * max(workers, 1):
                done = next(pending)
                yield indices.pop(done.key), done.result()
        for done in pending:
            yield indices.pop(done.key), done.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _in_order(results: Iterable[tuple[int, list[Record]]]) -> Iterator[list[Record]]:
    """Results in the order of their indices, however they come (held until those before arrive)."""
    waiting: dict[int, list[Record]] = {}
    following = 0
    for index, records in results:
        waiting[index] = records
        while following in waiting:
            yield waiting.pop(following)
            following += 1


def run(
    inputs: Iterable[str | os.PathLike[str]],
    out: Path,
    *,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    resume: bool = False,
    time_limit: float = TIME_LIMIT,
    excel: bool = False,
    progress: Callable[[Record], None] | None = None,
    total: Callable[[int], None] | None = None,
) -> Counter[str]:
    """Process every input into ``out``, in input order; returns the counts of records by status
    (ok: reports; error and unsupported: files) and of the files skipped as already in ``out``.
    ``excel``: a CSV with a byte-order mark; ``total`` is told how many files there are to do, and
    ``progress`` the last record of each file as the file's records are written."""
    sink = Sink(out, resume, excel)
    counts: Counter[str] = Counter()
    tasks: list[Task] = []
    for path, found in iter_inputs(inputs):
        if sink.done and key(path, _sha256(path)) in sink.done:
            counts["skipped"] += 1
        else:
            tasks.append((str(path), found, time_limit))
    if total is not None:
        total(len(tasks))
    results = run_dask(tasks, workers, scheduler) if engine == "dask" else run_local(tasks, workers)
    try:
        for records in _in_order(results):
            sink.write(records)
            for record in records:
                counts[record["status"]] += 1
            if progress is not None:
                progress(records[-1])
    finally:
        sink.close()
    return counts


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
