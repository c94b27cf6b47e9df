"""`rednotice sweep ...`: the daily sweeps of what happens after a hit."""

from __future__ import annotations

from typing import Annotated

import typer

from rednotice.cli.common import console, handle_errors, store
from rednotice.cli.lang import ngettext

sweep_app = typer.Typer(
    help="Daily sweeps (run them from cron with `rednotice expire`).", no_args_is_help=True
)


@sweep_app.command("after-hits")
@handle_errors
def after_hits(
    days: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Days after a location within which an extradition request is expected "
            "(default: REDNOTICE_EXTRADITION_REQUEST_DAYS, or 60).",
        ),
    ] = None,
) -> None:
    """RN-23: flag notices whose person was located with no extradition request in time."""
    from rednotice.services import after_hit as ah

    s = store()
    settings = s.settings.after_hit
    if days is not None:
        settings = ah.AfterHitSettings(extradition_request_days=days)
    flagged = ah.sweep_unpursued_hits(s.uow, settings)
    done = ngettext(
        "flagged %(num)s hit(s) with no extradition request within %(days)s days",
        "flagged %(num)s hit(s) with no extradition request within %(days)s days",
        len(flagged),
    ) % {"num": len(flagged), "days": settings.extradition_request_days}
    console.print(done + (f": {', '.join(str(h) for h in flagged)}" if flagged else ""))


def register(app: typer.Typer) -> None:
    """Add ``rednotice sweep after-hits`` to the main app."""
    app.add_typer(sweep_app, name="sweep")
