"""The ``gixr`` command (minimal for now: ``gixr demo``)."""

from __future__ import annotations

import click


@click.group()
def main() -> None:
    """Parse 政府信息公开工作年度报告 into typed data."""


@main.command()
def demo() -> None:
    """Parse the bundled sample report and print what was read."""
    click.echo("demo")
