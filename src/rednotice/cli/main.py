"""`rednotice`: run, inspect and operate the store from a terminal.

Start-up is part of the interface: `rednotice check FILE` runs in a fraction of a second. So this
module and the command modules it registers import at the top only Typer, the standard library and
light domain types (those a command's signature names); the store, the use cases, the screening
engine, the web stack and rich's tables are imported inside the commands that use them.
`tests/interface/test_cli_imports.py` keeps it so.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rednotice.cli import accounts as accounts_cli
from rednotice.cli import after_hit as after_hit_cli
from rednotice.cli import compliance as compliance_cli
from rednotice.cli import demo as demo_cli
from rednotice.cli import export as export_cli
from rednotice.cli import imports as imports_cli
from rednotice.cli import operations as operations_cli
from rednotice.cli import redress as redress_cli
from rednotice.cli import report as report_cli
from rednotice.cli import review as review_cli
from rednotice.cli import screen as screen_cli
from rednotice.cli.common import acting_as, console, handle_errors, print_json, store, version_line
from rednotice.cli.lang import CODES, _, choose, ngettext
from rednotice.domain.errors import InvalidInput
from rednotice.domain.lifecycle import State
from rednotice.domain.model import NoticeType
from rednotice.domain.users import Role

app = typer.Typer(
    help="rednotice: the red notice process, built so abuse is hard, visible and reversible.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="The store.", no_args_is_help=True)
users_app = typer.Typer(help="People and their roles.", no_args_is_help=True)
audit_app = typer.Typer(help="The tamper-evident audit trail.", no_args_is_help=True)


@app.callback()
def _language(
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="Language of the messages: en, fr, es or ar (default: REDNOTICE_LANG, then LANGUAGE, "
            "LC_ALL, LC_MESSAGES, LANG; else English). Help texts stay English.",
        ),
    ] = None,
) -> None:
    if lang is not None and lang.strip().lower() not in CODES:
        raise typer.BadParameter(_("one of %(codes)s") % {"codes": ", ".join(CODES)}, param_hint="--lang")
    choose(lang)


app.add_typer(db_app, name="db")
app.add_typer(users_app, name="users")
app.add_typer(audit_app, name="audit")

AsUser = Annotated[str | None, typer.Option("--as", help="Act as this user (recorded in the audit trail).")]


@db_app.command("upgrade")
@handle_errors
def db_upgrade() -> None:
    """Create or migrate the schema to the latest version."""
    from rednotice.adapters.db.migrate import upgrade

    engine = store(migrated=False).engine
    upgrade(engine)
    console.print(
        _("store is up to date: %(where)s") % {"where": engine.url.render_as_string(hide_password=True)}
    )


@app.command()
def serve(host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> None:
    """Serve the web application and the API (on a migrated store: run `rednotice db upgrade` first)."""
    import uvicorn

    store()  # refuses clearly, before any worker starts, when the store was never migrated

    uvicorn.run(
        "rednotice.web.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
    )


@users_app.command("add")
@handle_errors
def users_add(
    username: str,
    role: Annotated[Role, typer.Option(help="ncb_officer, reviewer, ccf, oversight or admin")],
    country: Annotated[str | None, typer.Option(help="ISO-2 country of an NCB officer")] = None,
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)] = "",
) -> None:
    """Add a user (the password is stored as an argon2 hash)."""
    from rednotice.services import users as user_service

    user = user_service.add_user(
        user_service.AddUser(username, role, password, country), acting_as(None), store().uow()
    )
    added = (
        _("added %(user)s (%(role)s, %(country)s)") if user.country else _("added %(user)s (%(role)s)")
    ) % {"user": user.username, "role": user.role.value, "country": user.country}
    console.print(added)


@users_app.command("revoke-token")
@handle_errors
def users_revoke_token(token: str) -> None:
    """Revoke an API bearer token."""
    from rednotice.services import users as user_service

    user_service.revoke_token(token, acting_as(None), store().uow())
    console.print(_("token revoked"))


@users_app.command("end-sessions")
@handle_errors
def users_end_sessions(username: str) -> None:
    """Sign a person out of every browser at once (a lost device, a departure)."""
    from rednotice.services import users as user_service

    n = user_service.end_sessions(username, acting_as(None), store().uow())
    console.print(
        ngettext("%(num)s session(s) ended for %(user)s", "%(num)s session(s) ended for %(user)s", n)
        % {"num": n, "user": username}
    )


@users_app.command("token")
@handle_errors
def users_token(
    username: str,
    label: str = "cli",
    days: Annotated[
        int | None, typer.Option("--days", help="How many days it lives (default REDNOTICE_TOKEN_DAYS, 90).")
    ] = None,
) -> None:
    """Issue an API bearer token for a user (shown once; only its hash is kept); it expires."""
    from rednotice.services import users as user_service

    days = days if days is not None else store().settings.token_days
    token = user_service.issue_token(username, label, acting_as(None), store().uow(), days)
    typer.echo(token)


def _read_input(path: str) -> str:
    if path == "-":
        import sys

        return sys.stdin.read()
    p = Path(path)
    if not p.is_file():
        raise InvalidInput("no such file: %(path)s", path=path)
    limit = store().settings.max_upload_bytes
    if p.stat().st_size > limit:
        raise InvalidInput("%(path)s is larger than %(limit)s bytes", path=path, limit=limit)
    return p.read_text(encoding="utf-8")


@app.command()
@handle_errors
def submit(
    file: Annotated[
        str, typer.Argument(help="A notice request as JSON (the contract's shape), or - for stdin")
    ],
    as_user: AsUser = None,
    draft: Annotated[bool, typer.Option(help="Keep it as a draft instead of sending it.")] = False,
) -> None:
    """Submit a red notice request, or circulate a diffusion."""
    from rednotice.adapters.formats.request_json import parse_request_text
    from rednotice.services import notices as ns

    request = parse_request_text(_read_input(file))
    notice = ns.create_request(ns.CreateRequest(request, send=not draft), acting_as(as_user), store().uow())
    console.print(version_line(notice.id, notice.state.value, notice.version))


@app.command()
@handle_errors
def show(notice_id: str, as_user: AsUser = None) -> None:
    """Show one notice as JSON, with its timeline."""
    from rednotice.services import notices as ns
    from rednotice.services.views import notice_view

    actor = acting_as(as_user)
    notice = ns.get_notice(notice_id, actor, store().uow())
    view = notice_view(notice, viewer=actor)
    view["decision"] = ns.decision_seen_by(notice, actor, store().uow())
    print_json(view)


@app.command("list")
@handle_errors
def list_(
    state: Annotated[list[State] | None, typer.Option(help="Filter by state (repeatable).")] = None,
    type_: Annotated[NoticeType | None, typer.Option("--type")] = None,
    country: Annotated[str | None, typer.Option(help="Requesting country (ISO-2).")] = None,
    name: Annotated[str | None, typer.Option(help="Part of a name, in any script.")] = None,
    nationality: Annotated[str | None, typer.Option()] = None,
    limit: int = 50,
    offset: int = 0,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document instead of a table.")] = False,
    as_user: AsUser = None,
) -> None:
    """List notices (what the acting user may see). The search is audited."""
    from rich.table import Table

    from rednotice.services import notices as ns
    from rednotice.services.ports import NoticeFilter
    from rednotice.services.views import notice_view

    flt = NoticeFilter(
        states=tuple(state or ()),
        type=type_,
        requesting_country=country.upper() if country else None,
        name=name,
        nationality=nationality.upper() if nationality else None,
        offset=offset,
        limit=min(limit, 1000),
    )
    page = ns.list_notices(flt, acting_as(as_user), store().uow())
    if as_json:
        print_json(
            {
                "total": page.total,
                "offset": page.offset,
                "limit": page.limit,
                "items": [notice_view(n, with_timeline=False) for n in page.items],
            }
        )
        return
    table = Table(title=ngettext("%(num)s notices", "%(num)s notices", page.total) % {"num": page.total})
    table.add_column(_("id"), no_wrap=True)
    for column in (_("type"), _("state"), _("from"), _("name"), _("born"), _("nationalities")):
        table.add_column(column)
    for n in page.items:
        s = n.request.subject
        table.add_row(
            n.id,
            n.type.value,
            n.state.value,
            n.requesting_country,
            f"{s.family_name}, {s.given_names}"
            + (f" ({' / '.join(s.names_original_script)})" if s.names_original_script else ""),
            s.date_of_birth.iso() if s.date_of_birth else _("unknown"),
            ",".join(s.nationalities),
        )
    console.print(table)


@app.command()
@handle_errors
def expire() -> None:
    """Daily: expire notices past their five years; flag located persons never pursued (RN-23)."""
    from rednotice.services import after_hit
    from rednotice.services import notices as ns

    s = store()
    expired = ns.expire_due(s.uow)
    console.print(
        ngettext("expired %(num)s notice(s)", "expired %(num)s notice(s)", len(expired))
        % {"num": len(expired)}
    )
    flagged = after_hit.sweep_unpursued_hits(s.uow, s.settings.after_hit)
    console.print(
        ngettext(
            "flagged %(num)s located person(s) with no extradition request in time (RN-23)",
            "flagged %(num)s located person(s) with no extradition request in time (RN-23)",
            len(flagged),
        )
        % {"num": len(flagged)}
    )


imports_cli.register(app)
demo_cli.register(app)
compliance_cli.register(app)
review_cli.register(app)
redress_cli.register(app)
export_cli.register(app)
after_hit_cli.register(app)
report_cli.register(app)
screen_cli.register(app)
accounts_cli.register(users_app)
operations_cli.register(audit_app, db_app)
