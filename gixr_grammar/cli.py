"""The ``gixr`` command. For now ``gixr demo`` and ``gixr parse``; the full debugging CLI follows."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

import click

from . import api
from .errors import GixrError
from .render_text import summary

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


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True))
def parse(files: tuple[str, ...]) -> None:
    """Parse report files (- for standard input) and print a summary of each."""
    failed = False
    for name in files:
        try:
            data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
            report = api.parse_bytes(data)
        except (OSError, GixrError) as e:
            click.echo(f"gixr: {name}: {e}", err=True)
            failed = True
            continue
        click.echo(summary(report))
    sys.exit(2 if failed else 0)
