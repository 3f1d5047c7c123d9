"""Printing rows: an aligned table for people, JSON one flag away for programs."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from rich.console import Console

format_option = click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
    help="Print an aligned table, or JSON for programs.",
)

STATUS_STYLES = {"ok": "green", "fail": "bold red", "warn": "yellow", "skip": "dim",
                 "applied": "green", "pending": "yellow", "running": "green", "stopped": "yellow"}


def _jsonable(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def print_rows(columns: Sequence[str], rows: Iterable[Sequence], fmt: str = "table",
               title: str | None = None, status_column: str | None = None) -> None:
    rows = [list(r) for r in rows]
    if fmt == "json":
        click.echo(json.dumps([{c: _jsonable(v) for c, v in zip(columns, r)} for r in rows], indent=2))
        return
    from rich.table import Table  # imported when a table is printed: rich costs a hook's start-up time
    table = Table(title=title, title_justify="left", show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    status_index = columns.index(status_column) if status_column else None
    for row in rows:
        cells = ["" if v is None else str(_jsonable(v)) for v in row]
        if status_index is not None:
            style = STATUS_STYLES.get(cells[status_index])
            if style:
                cells[status_index] = f"[{style}]{cells[status_index]}[/{style}]"
        table.add_row(*cells)
    console().print(table)


def print_mapping(mapping: dict, fmt: str = "table", title: str | None = None) -> None:
    if fmt == "json":
        click.echo(json.dumps({k: _jsonable(v) for k, v in mapping.items()}, indent=2))
        return
    print_rows(["setting", "value"], mapping.items(), title=title)


def console() -> Console:
    from rich.console import Console
    # No colour or wrapping surprises when the output is a pipe or a test's buffer.
    return Console(file=sys.stdout, soft_wrap=False, width=None if sys.stdout.isatty() else 200,
                   highlight=False)


def note(message: str) -> None:
    """Progress and notices go to stderr, so stdout stays clean for --format json."""
    click.echo(message, err=True)


def rate(commits: int, seconds: float) -> str:
    """How fast commits went, readable at any speed; empty when there is nothing to say."""
    if commits <= 0 or seconds <= 0:
        return ""
    per_second = commits / seconds
    if per_second < 1:
        return f"{seconds / commits:.2g} s per commit"
    return f"{per_second:,.0f} commits/s" if per_second >= 10 else f"{per_second:.2g} commits/s"
