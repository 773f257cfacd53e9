"""The ``gixr`` command: numbers for analysts (parse, cells, check, corpus) and the grammar's view for
the people who extend the grammars (tree, explain, grammars); ``demo`` shows it all on the sample.

Every FILE may be ``-`` (standard input), in any encoding ``parse_bytes`` reads. Exit codes: 0 done
(``check``: no rule failed), 1 ``check`` found a failing rule, 2 an input could not be read (one line
on stderr naming the file and the problem; ``--debug`` adds the traceback). Colours only on a terminal.
"""

from __future__ import annotations

import csv
import json
import os
import select as io_select
import sys
import time
import traceback
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import attrs
import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

from .. import api
from ..check import check as check_report
from ..check.series import check_series
from ..dataset.corpus import TIME_LIMIT, iter_inputs, read_by_suffix
from ..dataset.corpus import run as run_corpus
from ..dataset.dictionary import entries
from ..dataset.panel import PANEL_COLUMNS, read_records, write_panel
from ..dataset.serialize import findings_to_list, plain_cells, report_to_dict
from ..errors import GixrError, GrammarError, UnreadableFileError
from ..model import Report
from ..readers.source import Source, read
from ..text.normalize import source_lines
from .explain import FAILED_MARK, PLACED_MARK, WARNING_MARK, LineNote, explain, syntax_error_lines
from .render_text import findings_lines, summary
from .treeview import grammar_definitions, grammar_files, plain_lines, rich_tree, select

SAMPLE = "xinyang_2020.txt"
_STATUS_STYLE = {"skipped": "bold red", "ignored": "dim", "wrapped": "dim", "blank": "dim"}


class InputFailed(Exception):
    """An input could not be read or parsed; already reported on stderr."""


def entry() -> None:
    """The ``gixr`` command as installed. A closed pipe (``gixr cells … | head``) ends it quietly and
    successfully, as it ends ``cat``: click stops on it with status 1, which this turns into 0."""
    try:
        main()
    except SystemExit as e:
        if e.code == 1 and _closed(sys.__stdout__):
            sys.exit(0)
        raise


def _closed(stream: object) -> bool:
    """Whether ``stream`` is a pipe whose reader has gone."""
    try:
        descriptor = stream.fileno()  # type: ignore[attr-defined]
        poll = io_select.poll()
    except (AttributeError, OSError, ValueError):
        return False
    poll.register(descriptor, io_select.POLLOUT)
    return any(events & io_select.POLLERR for _, events in poll.poll(0))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="gixr-grammar", prog_name="gixr")
@click.option("--debug", is_flag=True, help="On an error, show its traceback too.")
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colours: on a terminal (and NO_COLOR unset), always, or never.",
)
@click.pass_context
def main(ctx: click.Context, debug: bool, color: str) -> None:
    """Parse 政府信息公开工作年度报告 (government information disclosure annual reports) into typed data."""
    ctx.obj = {"debug": debug, "color": color}


def _fail(name: str, error: BaseException) -> InputFailed:
    """Report an input's error in one line (with its traceback under --debug)."""
    context = click.get_current_context(silent=True)
    if context is not None and (context.find_object(dict) or {}).get("debug"):
        traceback.print_exception(error, file=sys.stderr)
    known = isinstance(error, OSError | GixrError)
    problem = str(error) if known else f"internal error ({type(error).__name__}: {error}); --debug shows where"
    named = isinstance(error, UnreadableFileError)  # its message starts with the file's name
    click.echo(f"gixr: {problem}" if named else f"gixr: {name}: {problem}", err=True)
    return InputFailed(name)


def _read(name: str) -> Source:
    try:
        return read(sys.stdin.buffer.read()) if name == "-" else api.read_path(name)
    except Exception as e:
        raise _fail(name, e) from e


def _parse(name: str, source: Source | None = None) -> Report:
    try:
        return api.parse_source(source or _read(name))
    except InputFailed:
        raise
    except Exception as e:
        raise _fail(name, e) from e


def _names(files: tuple[str, ...]) -> list[str]:
    """The files named, and the report files under the folders named (as ``gixr corpus`` finds them)."""
    return [str(path) for path, found in iter_inputs(files) if not found or read_by_suffix(path)]


def _reports(files: tuple[str, ...]) -> Iterator[tuple[str, Report | None]]:
    """Each file's report (folders searched), or None once its error is reported."""
    for name in _names(files):
        try:
            yield name, _parse(name)
        except InputFailed:
            yield name, None


def _counted(count: int, word: str) -> str:
    """``1 finding``, ``2 findings``."""
    return f"{count} {word}" + ("" if count == 1 else "s")


def _console(stderr: bool = False) -> Console:
    """A console for the chosen ``--color``: rich's own choice (a terminal, NO_COLOR unset), or forced."""
    context = click.get_current_context(silent=True)
    color = ((context.find_object(dict) or {}) if context else {}).get("color", "auto")
    forced = {"always": True, "never": False}.get(color)
    return Console(
        stderr=stderr,
        highlight=False,
        soft_wrap=True,
        force_terminal=forced,
        no_color=color == "never" or None,
        color_system=None if color == "never" else "auto",
    )


FORMAT = click.option("--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True)
FILES = click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
FILE = click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
NOT_ASSESSABLE = click.option(
    "--not-assessable", is_flag=True, help="Also list the rules a blank or unknown value keeps from being checked."
)


@main.command()
def demo() -> None:
    """Parse the bundled sample report (信阳市人民政府 2020) and show what was read and checked."""
    data = resources.files("gixr_grammar").joinpath("samples").joinpath(SAMPLE).read_bytes()
    report = api.parse_bytes(data)
    findings = check_report(report)
    click.echo(f"sample: {SAMPLE} ({len(data)} bytes, {len(report.cells())} values read)\n")
    click.echo(summary(report))
    verdict = "every rule of the format holds" if not findings else "see docs/checks.md for the rules"
    click.echo("\n".join([f"\nfindings ({len(findings)}): {verdict}", *findings_lines(findings)]))
    click.echo("\ntry: gixr check FILE · gixr cells FILE · gixr tree FILE --table 3 · gixr explain FILE --lines 40-50")


@main.command()
@FILES
@FORMAT
def parse(files: tuple[str, ...], output: str) -> None:
    """Parse report files: a summary of each, or the whole report as JSON (one object per line)."""
    failed = False
    for name, report in _reports(files):
        if report is None:
            failed = True
        elif output == "json":
            click.echo(json.dumps({"file": name, **report_to_dict(report)}, ensure_ascii=False))
        else:
            click.echo(summary(report))
    sys.exit(2 if failed else 0)


@main.command()
@FILES
@click.option("--format", "output", type=click.Choice(["json", "csv"]), default="json", show_default=True)
def cells(files: tuple[str, ...], output: str) -> None:
    """Every number at its SCHEMA.md address: JSON (address → value) or CSV (address, value, line).
    Of several files (or folders): JSON lines {"file", "cells"}, or CSV with a file column first."""
    several = len(_names(files)) > 1
    writer = csv.writer(sys.stdout, lineterminator="\n")
    if output == "csv":
        writer.writerow(["file", "address", "value", "line"] if several else ["address", "value", "line"])
    failed = False
    for name, report in _reports(files):
        if report is None:
            failed = True
            continue
        values = plain_cells(report)
        if output == "json":
            cells_json = {"file": name, "cells": values} if several else values
            click.echo(json.dumps(cells_json, ensure_ascii=False, indent=None if several else 1))
            continue
        lines = {addr: cell.line for addr, cell in report.cell_records().items()}
        lines["meta.agency"] = lines["meta.year"] = report.meta.title_line
        flat = report.cells()  # the typed values: Decimal money prints exactly
        for addr, value in values.items():
            row = [addr, "" if value is None else flat[addr], lines.get(addr) or ""]
            writer.writerow([name, *row] if several else row)
    sys.exit(2 if failed else 0)


@main.command()
@FILES
@FORMAT
@NOT_ASSESSABLE
def check(files: tuple[str, ...], output: str, not_assessable: bool) -> None:
    """Check reports against the format's rules (勾稽关系, template): exit 1 if any rule fails."""
    unreadable = broken = False
    for name, report in _reports(files):
        if report is None:
            unreadable = True
            continue
        findings = check_report(report, not_assessable=not_assessable)
        broken = broken or any(f.failed for f in findings)
        if output == "json":
            click.echo(json.dumps({"file": name, "findings": findings_to_list(findings)}, ensure_ascii=False))
        else:
            click.echo("\n".join([f"{name}: {_counted(len(findings), 'finding')}", *findings_lines(findings)]))
    sys.exit(2 if unreadable else 1 if broken else 0)


@main.command()
@FILE
@click.option("--section", type=click.IntRange(1, 6), help="Only this section (1–6, the order of the format).")
@click.option("--table", type=click.IntRange(2, 4), help="Only table 二, 三 or 四.")
def tree(file: str, section: int | None, table: int | None) -> None:
    """The Lark parse tree: rules, and tokens with their terminal, text and line."""
    try:
        parsed, _ = api.parse_tree(_read(file).text)
    except InputFailed:
        sys.exit(2)
    except Exception as e:
        _fail(file, e)
        sys.exit(2)
    parts = select(parsed, section, table)
    if not parts:
        click.echo(f"gixr: {file}: no {'table' if table else 'section'} {table or section} in this report", err=True)
        sys.exit(2)
    console = _console()
    for part in parts:
        if console.is_terminal:
            console.print(rich_tree(part))
        else:
            click.echo("\n".join(plain_lines(part)))


def _line_range(_: click.Context, __: click.Parameter, value: str | None) -> tuple[int, int | None]:
    if value is None:
        return 1, None
    first, _sep, last = value.partition("-")
    try:
        return int(first), int(last) if last else int(first)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a line or a range of lines such as 40-60") from None


@main.command(name="explain")
@FILE
@click.option("--lines", "lines", callback=_line_range, metavar="A-B", help="Only these source lines.")
def explain_command(file: str, lines: tuple[int, int | None]) -> None:
    """The source, each line with the rule and token it became and the cells its numbers went to;
    lines nothing consumed are marked with why and what the grammar expected there."""
    text = ""
    try:
        source = _read(file)
        text = source.text
        parsed, scan = api.parse_tree(text)
        report = _parse(file, source)
    except InputFailed:
        sys.exit(2)
    except GrammarError as e:  # show where it stopped, then fail
        click.echo("\n".join(syntax_error_lines(source_lines(text), e)))
        _fail(file, e)
        sys.exit(2)
    except Exception as e:
        _fail(file, e)
        sys.exit(2)
    shown = source_lines(text)
    count = len(shown)
    if lines[0] > count:
        click.echo(f"gixr: {file}: line {lines[0]} is past the end: it has {count} lines", err=True)
        sys.exit(2)
    notes = explain(shown, parsed, scan, report, check_report(report), *lines)
    console = _console()
    for note in notes:
        _show(console, note)


def _show(console: Console, note: LineNote) -> None:
    shown = note.text.replace("\t", "⇥")
    if not console.is_terminal:
        click.echo(f"{note.number:5} │ {shown}")
        for line in note.notes:
            click.echo(f"      │   {line}")
        return
    style = _STATUS_STYLE.get(note.status, "")
    number = f"[{style}]{note.number:5}[/{style}]" if style else f"{note.number:5}"
    console.print(f"{number} │ {escape(shown)}")
    for line in note.notes:
        finding = line.startswith((FAILED_MARK, WARNING_MARK))
        colour = "red" if note.status == "skipped" or finding else "cyan" if line.startswith(PLACED_MARK) else "green"
        console.print(f"      │   [{colour}]{escape(line)}[/{colour}]")


@main.command()
@click.option("--format", "output", type=click.Choice(["md", "csv", "json"]), default="md", show_default=True)
def schema(output: str) -> None:
    """The data dictionary: every address with its table, row and column, its Chinese label in each
    template, its unit, and whether the 2019 and 2021 cells at it can be compared."""
    rows = [attrs.asdict(entry) for entry in entries()]
    if output == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    if output == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return
    click.echo("| " + " | ".join(rows[0]) + " |")
    click.echo("|" + "---|" * len(rows[0]))
    for row in rows:
        click.echo("| " + " | ".join("" if v is None else str(v) for v in row.values()) + " |")


@main.command()
@click.argument("records", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--out", required=True, type=click.Path(dir_okay=False), help="PANEL.csv or PANEL.parquet")
def panel(records: str, out: str) -> None:
    """A panel from a corpus run's JSONL records: one row per report (agency_key, agency, year,
    template, path, report first), one column per address (see gixr schema)."""
    try:
        rows = write_panel(read_records(Path(records)), Path(out))
    except (ValueError, OSError, KeyError, json.JSONDecodeError) as e:
        click.echo(f"gixr: {records}: {e}", err=True)
        sys.exit(2)
    click.echo(f"gixr panel: {rows} reports, {len(PANEL_COLUMNS)} columns in {out}", err=True)


@main.command()
@FILES
@FORMAT
@NOT_ASSESSABLE
def series(files: tuple[str, ...], output: str, not_assessable: bool) -> None:
    """The cross-year rules (R5 carry-over, R6 documents in force) over the reports of files and
    folders, each agency's consecutive years paired (its name's variants folded: 人民政府 = 政府)."""
    reports: list[Report] = []
    unreadable = False
    for name in _names(files):
        try:
            reports += api.parse_all(_read(name))
        except InputFailed:
            unreadable = True
        except GixrError as e:
            _fail(name, e)
            unreadable = True
    findings = check_series(reports, not_assessable=not_assessable)
    if output == "json":
        click.echo(json.dumps(findings_to_list(findings), ensure_ascii=False))
    else:
        heading = f"{_counted(len(reports), 'report')}: {_counted(len(findings), 'finding')}"
        click.echo("\n".join([heading, *findings_lines(findings)]))
    sys.exit(2 if unreadable else 0)


@main.command()
def grammars() -> None:
    """The grammar files, with their rules, terminals and directives and the comment above each."""
    for path in grammar_files():
        definitions = grammar_definitions(path)
        click.echo(f"{path.name}  ({len(definitions)} definitions, {path})")
        for d in definitions:
            click.echo(f"  {d.line:4}  {d.kind:9} {d.text[:100]}")
            if d.comment:
                click.echo(f"{'':17}// {d.comment[:100]}")
        click.echo("")


@attrs.define
class _Status:
    """Where a corpus run is, for a line on stderr every ``STATUS_EVERY`` seconds when stderr is no
    terminal (a log, a batch job); a terminal has the progress bar instead."""

    terminal: bool
    quiet: bool
    total: int = 0
    done: int = 0
    errors: int = 0
    last: float = attrs.field(factory=time.monotonic)

    def tell(self, rate: float) -> None:
        if self.terminal or self.quiet or time.monotonic() - self.last < STATUS_EVERY:
            return
        self.last = time.monotonic()
        left = (self.total - self.done) / rate if rate else 0
        click.echo(
            f"gixr corpus: {self.done}/{self.total} files, {self.errors} errors, {rate:.0f} files/s, "
            f"about {left:.0f} s left",
            err=True,
        )


STATUS_EVERY = 10.0


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--out", required=True, type=click.Path(dir_okay=False), help="OUT.jsonl, OUT.csv or OUT.parquet")
@click.option("--workers", type=click.IntRange(1), default=os.cpu_count() or 1, show_default="the CPU count")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@click.option("--scheduler", metavar="ADDRESS", help="A Dask scheduler (tcp://…); default: a local cluster.")
@click.option("--resume", is_flag=True, help="Go on from OUT: skip the inputs it holds (same file, same sha256).")
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0.1),
    default=TIME_LIMIT,
    show_default=True,
    help="Seconds one file may take.",
)
@click.option("--excel", is_flag=True, help="A CSV that Excel opens with its Chinese intact (a UTF-8 byte-order mark).")
@click.option("-q", "--quiet", is_flag=True, help="No progress and no summary; errors only.")
@click.option("-v", "--verbose", is_flag=True, help="Also a line for each file in error, as it is written.")
def corpus(
    inputs: tuple[str, ...],
    out: str,
    workers: int,
    engine: str,
    scheduler: str | None,
    resume: bool,
    time_limit: float,
    excel: bool,
    quiet: bool,
    verbose: bool,
) -> None:
    """Turn files and folders of reports into one dataset (see gixr_grammar.dataset.corpus), in input
    order; a bad file gets an error record and never stops the run; a killed run goes on with
    --resume. Exit 0 done, 3 if some files failed (the summary counts them), 2 if the run could not
    start. Progress on stderr when it is a terminal."""
    started = time.perf_counter()
    stderr = _console(stderr=True)
    status = _Status(stderr.is_terminal, quiet)
    try:
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total} files · {task.fields[errors]} errors · {task.fields[rate]}"),
            TimeRemainingColumn(),
            console=stderr,
            disable=quiet or not stderr.is_terminal,
        ) as progress:
            task = progress.add_task("gixr corpus", total=None, errors=0, rate="")

            def advance(record: dict[str, object]) -> None:
                status.errors += record["status"] == "error"
                if verbose and record["status"] != "ok":
                    progress.console.print(f"gixr: {record['path']}: {record['error']}", markup=False, highlight=False)
                status.done += 1
                rate = status.done / max(time.perf_counter() - started, 1e-9)
                progress.update(task, advance=1, errors=status.errors, rate=f"{rate:.0f} files/s")
                status.tell(rate)

            def planned(count: int) -> None:
                status.total = count
                progress.update(task, total=count)

            counts = run_corpus(
                inputs,
                Path(out),
                workers=workers,
                engine=engine,
                scheduler=scheduler,
                resume=resume,
                time_limit=time_limit,
                excel=excel,
                progress=advance,
                total=planned,
            )
    except (ValueError, RuntimeError, OSError) as e:
        click.echo(f"gixr: {out}: {e}", err=True)
        sys.exit(2)
    elapsed = time.perf_counter() - started
    done = counts["ok"] + counts["error"] + counts["unsupported"]
    if not quiet:
        click.echo(
            f"gixr corpus: {done} records in {elapsed:.1f} s ({done / max(elapsed, 1e-9):.0f} records/s): "
            f"{counts['ok']} reports, {counts['error']} files in error"
            + (f", {counts['unsupported']} of kinds gixr does not read" if counts["unsupported"] else "")
            + (f", {counts['skipped']} already in {out}" if resume else ""),
            err=True,
        )
    if counts["error"]:
        sys.exit(3)
