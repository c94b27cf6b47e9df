"""CLI commands: ``rednotice report figures`` (the transparency figures as CSV or JSON)."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from rednotice.cli.common import acting_as, err_console, handle_errors, store
from rednotice.cli.lang import _
from rednotice.domain.errors import InvalidInput

report_app = typer.Typer(help="Reports: the transparency figures.", no_args_is_help=True)


def _day(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InvalidInput(
            "--from is a date: YYYY-MM-DD" if name == "from" else "--to is a date: YYYY-MM-DD", field=name
        ) from exc


@report_app.command("figures")
@handle_errors
def report_figures(
    country: Annotated[
        str | None, typer.Option("--country", help="One requesting country (ISO alpha-2).")
    ] = None,
    first: Annotated[str | None, typer.Option("--from", help="First day (YYYY-MM-DD).")] = None,
    last: Annotated[str | None, typer.Option("--to", help="Last day (YYYY-MM-DD).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="csv or json.")] = "csv",
    public: Annotated[
        bool, typer.Option("--public", help="The public figures: small counts withheld, as published.")
    ] = False,
    as_user: Annotated[str | None, typer.Option("--as", help="Act as this user (audited as them).")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file.")] = None,
) -> None:
    """Requests, decisions, refusals by ground, notices in force, CCF requests and deadlines, harassment
    reports, positions and hits, per requesting country and year. Without dates: the last five years."""
    from rednotice.services import figures as fs

    if fmt not in ("csv", "json"):
        raise InvalidInput("--format is csv or json", field="format")
    query = fs.FiguresQuery(country, _day(first, "from"), _day(last, "to"))
    s = store()
    settings = s.settings.figures  # REDNOTICE_FIGURES_*: read once, with the store's settings
    if public:
        fig = fs.public_figures(query, s.uow(), settings)
    else:
        fig = fs.figures(query, acting_as(as_user), s.uow(), settings)
    text = fig.to_csv() if fmt == "csv" else json.dumps(fig.to_dict(), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        err_console.print(
            _("wrote the figures for %(period)s to %(file)s") % {"period": fig.period.label, "file": output},
            highlight=False,
        )


def register(app: typer.Typer) -> None:
    """Add ``rednotice report ...`` to the main app."""
    app.add_typer(report_app, name="report")
