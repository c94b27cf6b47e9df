"""CLI commands: ``demo-data`` (load synthetic demo data) and ``demo-logins`` (who to sign in as)."""

from __future__ import annotations

import time
from typing import Annotated

import typer

from rednotice.cli.common import console, handle_errors, real_console, store
from rednotice.cli.lang import _, ngettext
from rednotice.domain.errors import InvalidInput

DEFAULT_NOTICES = 3000
"""``rednotice.demo.DEFAULT_NOTICES``, repeated so that registering the command does not load the demo
data (Faker, argon2); a test keeps the two equal."""
DEFAULT_SEED = 2026
"""``rednotice.demo.DEFAULT_SEED``, likewise."""


@handle_errors
def demo_data(
    notices: Annotated[
        int, typer.Option("--notices", min=0, help="How many notices to create.")
    ] = DEFAULT_NOTICES,
    seed: Annotated[int, typer.Option("--seed", help="Same seed, same data.")] = DEFAULT_SEED,
    if_empty: Annotated[
        bool, typer.Option("--if-empty", help="Do nothing if the store has notices.")
    ] = False,
) -> None:
    """Load synthetic demo users and notices (FOR DEVELOPMENT ONLY: known password, invented people)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from rednotice import demo

    settings = store().settings
    if not settings.is_development:  # the demo logins share a published password (issue 14, item 12)
        raise InvalidInput(
            "demo data is for development only (REDNOTICE_ENV is %(env)s): its logins share a published "
            "password",
            env=settings.env.value,
        )
    started = time.perf_counter()
    if console.is_terminal:
        with Progress(
            TextColumn(_("demo data")),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=real_console(console),
            transient=True,
        ) as bar:
            task = bar.add_task("demo", total=notices)
            report = demo.seed_demo(
                store().uow, notices, seed, if_empty, progress=lambda n: bar.advance(task, n)
            )
    else:
        # Not a terminal (a log): a line every tenth of the way instead of a bar.
        done = 0

        def line(count: int) -> None:
            nonlocal done
            before, done = done, done + count
            step = max(notices // 10, 1)
            if done // step > before // step or done == notices:
                elapsed = time.perf_counter() - started
                console.print(
                    _("demo data: %(done)s of %(total)s notices stored (%(seconds)ss)")
                    % {"done": f"{done:,}", "total": f"{notices:,}", "seconds": f"{elapsed:.0f}"}
                )

        report = demo.seed_demo(store().uow, notices, seed, if_empty, progress=line)
    if report.skipped:
        console.print(_("the store already has notices: nothing done (--if-empty)"))
        return
    elapsed = time.perf_counter() - started
    title = _("%(num)s demo notices in %(seconds)ss") % {
        "num": len(report.notices),
        "seconds": f"{elapsed:.1f}",
    }
    table = Table(_("type"), _("state"), _("notices"), title=title)
    for (kind, state), count in sorted(report.by_state.items()):
        table.add_row(kind, state, str(count))
    console.print(table)
    console.print(
        ngettext(
            "%(num)s demo user(s) added; see [bold]rednotice demo-logins[/]",
            "%(num)s demo user(s) added; see [bold]rednotice demo-logins[/]",
            len(report.users),
        )
        % {"num": len(report.users)}
    )


@handle_errors
def demo_logins(
    url: Annotated[
        str, typer.Option(help="Where the app is served (make run passes its HOST and PORT).")
    ] = "",
) -> None:
    """Show the demo logins and their password (development only)."""
    from rich.table import Table

    from rednotice import demo

    with store().uow() as uow:
        present = {u.username for u in uow.users.all()}
    table = Table(
        _("username"),
        _("role"),
        _("country"),
        _("what for"),
        _("in this store"),
        title=_("Demo logins for %(url)s (password: %(password)s)")
        % {"url": url or demo.WEB_URL, "password": demo.DEMO_PASSWORD},
    )
    for user in demo.demo_users():
        table.add_row(
            user.username,
            user.role.value,
            user.country or "",
            user.description,
            _("yes") if user.username in present else _("no (run rednotice demo-data)"),
        )
    console.print(table)
    console.print(
        _("Sign in at %(url)s with password [bold]%(password)s[/].")
        % {"url": url or demo.WEB_URL, "password": demo.DEMO_PASSWORD}
    )
    console.print(
        "[bold red]"
        + _("For development only.")
        + "[/] "
        + _(
            "These accounts share a published password: never load demo data into a store that holds "
            "real data or is reachable by others."
        )
    )


def register(app: typer.Typer) -> None:
    """Add ``demo-data`` and ``demo-logins`` to the main app."""
    app.command("demo-data")(demo_data)
    app.command("demo-logins")(demo_logins)
