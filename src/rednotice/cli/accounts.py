"""`rednotice users list|deactivate|reactivate|reset-password|show|revoke`: account administration from a
terminal (issue 16, item 10), the same use cases as the administration pages. Roles are named as the pages
name them ("NCB officer", not ``ncb_officer``).

Without ``--as`` the operator acts as the system, audited under their login name; with ``--as ADMIN``
as that administrator. Neither ever sees a password or a token: a reset prints a one-time code for the
person, and tokens and sessions are listed by their public id.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from rednotice.cli.common import acting_as, console, handle_errors, store
from rednotice.cli.lang import _

AsAdmin = Annotated[
    str | None, typer.Option("--as", help="Act as this administrator (recorded in the audit trail).")
]


def deactivate(username: str, as_user: AsAdmin = None) -> None:
    """Deactivate an account: its sessions end and its API tokens are revoked at once."""
    from rednotice.services import users as us

    us.set_active(username, False, acting_as(as_user), store().uow())
    console.print(_("%(user)s is deactivated: sessions ended, API tokens revoked") % {"user": username})


def reactivate(username: str, as_user: AsAdmin = None) -> None:
    """Let a deactivated person sign in again with their password (they issue new tokens)."""
    from rednotice.services import users as us

    us.set_active(username, True, acting_as(as_user), store().uow())
    console.print(_("%(user)s can sign in again") % {"user": username})


def reset_password(
    username: str,
    as_user: AsAdmin = None,
    hours: Annotated[float, typer.Option(help="How long the code works (hours, at most 168).")] = 24,
) -> None:
    """Stop the current password and print a one-time code with which the person sets a new one."""
    from rednotice.services import users as us

    code, expires = us.start_password_reset(username, acting_as(as_user), store().uow(), hours)
    console.print(
        _(
            "Give %(user)s this one-time code; they set their new password at /reset-password "
            "before %(expires)s UTC. Their old password and sessions no longer work."
        )
        % {"user": username, "expires": f"{expires:%Y-%m-%d %H:%M}"}
    )
    typer.echo(code)


def _status(active: bool, reset_pending: bool) -> str:
    return _("deactivated") if not active else _("reset pending") if reset_pending else _("active")


def list_users() -> None:
    """List users: username, role (by its name), country and status."""
    from rich.table import Table

    from rednotice.web.pages import ROLE_LABELS

    with store().uow() as uow:
        rows = uow.users.all()
    table = Table(_("username"), _("role"), _("country"), _("status"))
    for u in rows:
        table.add_row(
            u.username, str(ROLE_LABELS[u.role]), u.country or "", _status(u.active, bool(u.reset_expires_at))
        )
    console.print(table)


def _when(moment: datetime | None) -> str:
    return _("never") if moment is None else f"{moment:%Y-%m-%d %H:%M}"


def show(username: str, as_user: AsAdmin = None) -> None:
    """A user's role, status, API tokens and browser sessions (public ids and dates, never secrets)."""
    from rednotice.services import users as us
    from rednotice.web.pages import ROLE_LABELS

    user, found = us.credentials(username, acting_as(as_user), store().reader())
    status = _status(user.active, bool(user.reset_expires_at))
    country = f", {user.country}" if user.country else ""
    console.print(f"{user.username}: {ROLE_LABELS[user.role]}{country}, {status}", highlight=False)
    now = store().clock()
    # one line each (id first), so that scripts can read it and nothing is cut to the terminal's width
    for c in found:
        label = f" {c.label!r}" if c.label else ""
        typer.echo(
            _(
                "%(kind)s %(id)s%(label)s: %(state)s; created %(created)s, "
                "last used %(used)s, expires %(expires)s"
            )
            % {
                "kind": c.kind,
                "id": c.public_id,
                "label": label,
                "state": c.state(now),
                "created": _when(c.created_at),
                "used": _when(c.last_used_at),
                "expires": _when(c.expires_at),
            }
        )
    if not found:
        typer.echo(_("no tokens or sessions"))


def revoke(
    username: str,
    public_id: Annotated[str, typer.Argument(help="The id shown by `rednotice users show`.")],
    session: Annotated[bool, typer.Option("--session", help="The id is a browser session's.")] = False,
    as_user: AsAdmin = None,
) -> None:
    """Revoke one API token (or end one browser session) of a user, by its public id."""
    from rednotice.services import users as us

    us.revoke_credential(
        username, "session" if session else "token", public_id, acting_as(as_user), store().uow()
    )
    done = _("session %(id)s of %(user)s ended") if session else _("token %(id)s of %(user)s revoked")
    console.print(done % {"id": public_id, "user": username})


def register(users_app: typer.Typer) -> None:
    users_app.command("list")(handle_errors(list_users))
    users_app.command("deactivate")(handle_errors(deactivate))
    users_app.command("reactivate")(handle_errors(reactivate))
    users_app.command("reset-password")(handle_errors(reset_password))
    users_app.command("show")(handle_errors(show))
    users_app.command("revoke")(handle_errors(revoke))
