"""CLI commands: ``rednotice import interpol PATH`` (INTERPOL's public red notice JSON)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from rednotice.adapters.formats.interpol import read_path
from rednotice.cli.common import acting_as, console, err_console, handle_errors, store
from rednotice.services import imports as import_service

import_app = typer.Typer(help="Bring notices in from outside.", no_args_is_help=True)


@import_app.command("interpol")
@handle_errors
def import_interpol(
    path: Annotated[
        Path,
        typer.Argument(
            help="A JSON or JSON Lines file from INTERPOL's public API, or a "
            "folder of them (searched recursively)."
        ),
    ],
    as_user: Annotated[str | None, typer.Option("--as", help="Act as this administrator (audited).")] = None,
) -> None:
    """Import red notices from INTERPOL's public API JSON as published notices with a public extract.

    Re-importing is safe: a notice already present is skipped. Bad records are listed with the reason
    and never stop the others. Exit code 0 if anything was read, 2 if PATH does not exist or nothing in
    it could be read.
    """
    if not path.exists():
        err_console.print(f"[bold red]error[/]: no such file or folder: {path}", highlight=False)
        raise typer.Exit(2)
    read = read_path(path)
    if not read.readable:
        for bad in read.rejected:
            err_console.print(f"  ✗ {bad}", style="red", markup=False, highlight=False, soft_wrap=True)
        err_console.print(
            f"[bold red]error[/]: nothing readable in {path} ({len(read.files)} JSON file(s) found)",
            highlight=False,
        )
        raise typer.Exit(2)
    actor = acting_as(as_user)
    items = read.items
    if console.is_terminal and items:
        with Progress(
            TextColumn("importing"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        ) as bar:
            task = bar.add_task("import", total=len(items))
            report = import_service.import_interpol(
                import_service.ImportInterpol(items),
                actor,
                store().uow,
                progress=lambda n: bar.advance(task, n),
            )
    else:
        report = import_service.import_interpol(import_service.ImportInterpol(items), actor, store().uow)

    table = Table(
        "imported",
        "already present / duplicates",
        "rejected",
        "files read",
        title=f"INTERPOL import from {path}",
    )
    table.add_row(
        str(len(report.imported)), str(len(report.skipped)), str(len(report.rejected)), str(len(read.files))
    )
    console.print(table)
    if report.rejected:
        console.print(f"[bold red]{len(report.rejected)} rejected[/] (nothing of them was written):")
        for bad in report.rejected:
            console.print(f"  ✗ {bad}", style="red", markup=False, highlight=False, soft_wrap=True)
    if report.dropped_fields:
        console.print(
            f"note: fields with no place in rednotice were not kept: "
            f"{', '.join(sorted(report.dropped_fields))}",
            highlight=False,
            soft_wrap=True,
        )


def register(app: typer.Typer) -> None:
    """Add ``rednotice import ...`` to the main app."""
    app.add_typer(import_app, name="import")
