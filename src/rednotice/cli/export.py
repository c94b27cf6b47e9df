"""CLI commands: ``rednotice export ftm`` (public extracts as FollowTheMoney entities)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from rednotice.cli.common import acting_as, err_console, handle_errors, store
from rednotice.cli.lang import ngettext

export_app = typer.Typer(help="Send public data out, in formats other tools read.", no_args_is_help=True)

DEFAULT_BASE_URL = "http://127.0.0.1:8000"


@export_app.command("ftm")
@handle_errors
def export_ftm(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of standard output.")
    ] = None,
    base_url: Annotated[
        str, typer.Option(help="Where the public API is served (for each entity's sourceUrl).")
    ] = DEFAULT_BASE_URL,
) -> None:
    """Public red notices as FollowTheMoney entities (a Person and a Sanction per warrant), one JSON a line,
    for OpenSanctions' yente and nomenklatura. Only public extracts; audited as ``public.export``."""
    from rednotice.adapters.formats import ftm
    from rednotice.services import public as ps

    notices = ps.public_extracts(store().replica)  # the read replica when configured
    if output is None:
        count = ftm.write(notices, base_url, sys.stdout)
    else:
        with output.open("w", encoding="utf-8") as out:
            count = ftm.write(notices, base_url, out)
    ps.record_export(store().uow(), str(acting_as(None)), "ftm", count)
    err_console.print(
        ngettext(
            "exported %(num)s public notice(s) as FollowTheMoney entities",
            "exported %(num)s public notice(s) as FollowTheMoney entities",
            count,
        )
        % {"num": count},
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    """Add ``rednotice export ...`` to the main app."""
    app.add_typer(export_app, name="export")
