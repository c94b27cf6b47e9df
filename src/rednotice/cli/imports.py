"""CLI commands: ``rednotice import interpol PATH`` (INTERPOL's public red notice JSON).

The reader, the store and rich are imported inside the command (registering it must not slow down
``rednotice check``); ``DEFAULT_BATCH_SIZE`` repeats the use case's default for the same reason (a test
keeps them equal).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from rednotice.cli.common import acting_as, console, err_console, error_word, handle_errors, store
from rednotice.cli.lang import _, ngettext, shown

DEFAULT_BATCH_SIZE = 2000
"""= ``rednotice.services.imports.DEFAULT_BATCH_SIZE``."""

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
    batch_size: Annotated[
        int,
        typer.Option(
            "--batch-size",
            min=1,
            help="Notices written per transaction, with their audit events. A crash loses at most the "
            "batch under way (run the import again to finish). 1 writes one notice per transaction.",
        ),
    ] = DEFAULT_BATCH_SIZE,
    progress: Annotated[
        bool | None,
        typer.Option(
            "--progress/--no-progress",
            help="Show a progress bar on stderr. Default: only when stderr is a terminal.",
        ),
    ] = None,
) -> None:
    """Import red notices from INTERPOL's public API JSON as published notices with a public extract.

    Re-importing is safe: a notice already present is skipped. Bad records are listed with the reason
    and never stop the others. Exit code 0 if anything was read, 2 if PATH does not exist or nothing in
    it could be read.
    """
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.table import Table

    from rednotice.adapters.formats.interpol import read_path
    from rednotice.services import imports as import_service

    if not path.exists():
        missing = _("no such file or folder: %(path)s") % {"path": path}
        err_console.print(f"[bold red]{error_word()}[/]: {missing}", highlight=False)
        raise typer.Exit(2)
    show = err_console.is_terminal if progress is None else progress
    bar_console = Console(stderr=True, force_terminal=show or None)
    if show:
        with bar_console.status(_("reading %(path)s") % {"path": path}):
            read = read_path(path)
    else:
        read = read_path(path)
    if not read.readable:
        for bad in read.rejected:
            err_console.print(f"  ✗ {shown(bad)}", style="red", markup=False, highlight=False, soft_wrap=True)
        nothing = ngettext(
            "nothing readable in %(path)s (%(num)s JSON file(s) found)",
            "nothing readable in %(path)s (%(num)s JSON file(s) found)",
            len(read.files),
        ) % {"path": path, "num": len(read.files)}
        err_console.print(f"[bold red]{error_word()}[/]: {nothing}", highlight=False)
        raise typer.Exit(2)
    actor = acting_as(as_user)
    command = import_service.ImportInterpol(read.items)
    started = time.perf_counter()
    if show and read.items:
        with Progress(
            TextColumn(_("importing")),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=bar_console,
            transient=True,
        ) as bar:
            task = bar.add_task("import", total=len(read.items))
            report = import_service.import_interpol(
                command, actor, store().uow, lambda n: bar.advance(task, n), batch_size
            )
    else:
        report = import_service.import_interpol(command, actor, store().uow, batch_size=batch_size)
    seconds = time.perf_counter() - started

    table = Table(
        _("imported"),
        _("already present / duplicates"),
        _("rejected"),
        _("files read"),
        title=_("INTERPOL import from %(path)s") % {"path": path},
        caption=_("%(seconds)s s, batches of %(size)s")
        % {"seconds": f"{seconds:.1f}", "size": f"{batch_size:,}"},
    )
    table.add_row(
        str(len(report.imported)), str(len(report.skipped)), str(len(report.rejected)), str(len(read.files))
    )
    console.print(table)
    if not report.imported and report.skipped and not report.rejected:
        console.print(_("nothing new: every notice read is already in the store"))
    if report.rejected:
        rejected = ngettext("%(num)s rejected", "%(num)s rejected", len(report.rejected)) % {
            "num": len(report.rejected)
        }
        written = _("(nothing of them was written):")
        console.print(f"[bold red]{rejected}[/] {written}")
        for bad in report.rejected:
            console.print(f"  ✗ {shown(bad)}", style="red", markup=False, highlight=False, soft_wrap=True)
    if report.dropped_fields:
        console.print(
            _(
                "note: fields with no place in rednotice's model, kept only as INTERPOL wrote them (served "
                "back by the public API): %(fields)s"
            )
            % {"fields": ", ".join(sorted(report.dropped_fields))},
            highlight=False,
            soft_wrap=True,
        )


def register(app: typer.Typer) -> None:
    """Add ``rednotice import ...`` to the main app."""
    app.add_typer(import_app, name="import")
