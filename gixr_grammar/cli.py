"""The ``gixr`` command: ``demo``, ``parse`` and ``check``; the grammar-debugging views follow.

Exit codes: 0 done (``check``: no rule failed), 1 (``check``) a rule failed, 2 an input could not be read.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import click

from . import api
from .checks import check as check_report
from .errors import GixrError
from .model import Report
from .render_text import findings_lines, summary
from .serialize import findings_to_list, report_to_dict

SAMPLE = "xinyang_2020.txt"


@click.group()
def main() -> None:
    """Parse 政府信息公开工作年度报告 (government information disclosure annual reports) into typed data."""


@main.command()
def demo() -> None:
    """Parse the bundled sample report (信阳市人民政府 2020) and print what was read."""
    data = resources.files("gixr_grammar").joinpath("samples").joinpath(SAMPLE).read_bytes()
    report = api.parse_bytes(data)
    click.echo(f"sample: {SAMPLE} ({len(data)} bytes, {len(report.cells())} values read)\n")
    click.echo(summary(report))


FORMAT = click.option("--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True)
FILES = click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True))


def _reports(files: tuple[str, ...]) -> Iterator[tuple[str, Report | None]]:
    """Each file's report, or None after a one-line error on stderr (``-`` is standard input)."""
    for name in files:
        try:
            data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
            yield name, api.parse_bytes(data)
        except (OSError, GixrError) as e:
            click.echo(f"gixr: {name}: {e}", err=True)
            yield name, None


@main.command()
@FILES
@FORMAT
def parse(files: tuple[str, ...], output: str) -> None:
    """Parse report files (- for standard input): a summary of each, or the whole report as JSON."""
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
@FORMAT
@click.option(
    "--not-assessable", is_flag=True, help="Also list the rules a blank or unknown value keeps from being checked."
)
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
            click.echo("\n".join([f"{name}: {len(findings)} findings", *findings_lines(findings)]))
    sys.exit(2 if unreadable else 1 if broken else 0)
