"""`rednotice review ...`: work the review queue from a terminal; and `rednotice transition`, a notice's
next step, with the grounds of a refusal as the web form and the API take them (``--other-ground``)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from rednotice.cli.common import acting_as, console, handle_errors, print_json, store, version_line
from rednotice.cli.lang import _
from rednotice.domain.errors import InvalidInput
from rednotice.domain.lifecycle import Action
from rednotice.services import review
from rednotice.services.review import Ground

app = typer.Typer(
    help="Work the review queue: findings, resolutions, exceptions, Article 3.", no_args_is_help=True
)
AsUser = Annotated[str, typer.Option("--as", help="The reviewer acting (recorded in the audit trail).")]


@app.command("queue")
@handle_errors
def queue(as_user: AsUser, limit: int = 50, offset: int = 0) -> None:
    """Requests waiting for review, riskiest first, then oldest."""
    from rich.table import Table

    items = review.queue(acting_as(as_user), store().uow(), limit, offset)
    table = Table(title=_("review queue"))
    table.add_column(_("id"), no_wrap=True)
    for column in (_("type"), _("state"), _("from"), _("name"), _("verdict"), _("risk"), _("findings")):
        table.add_column(column)
    for n, c in items:
        s = n.request.subject
        table.add_row(
            n.id,
            n.type.value,
            n.state.value,
            n.requesting_country,
            f"{s.family_name}, {s.given_names}",
            c.verdict if c else "-",
            str(c.risk if c else 0),
            " ".join(sorted({f["code"] for f in c.findings})) if c else "",
        )
    console.print(table)


@app.command("show")
@handle_errors
def show(notice_id: str, as_user: AsUser) -> None:
    """The review dossier as JSON: findings with evidence, resolutions, exception, Article 3, decisions."""
    print_json(review.dossier(notice_id, acting_as(as_user), store().uow()).to_dict())


@app.command("resolve")
@handle_errors
def resolve(notice_id: str, code: str, resolution: str, as_user: AsUser) -> None:
    """Write the resolution of a `review` finding."""
    review.resolve_finding(notice_id, code, resolution, acting_as(as_user), store().uow())
    console.print(_("%(notice)s: %(code)s resolved") % {"notice": notice_id, "code": code})


@app.command("exception")
@handle_errors
def exception(
    notice_id: str, reasons: Annotated[str, typer.Option("--reasons", "-r")], as_user: AsUser
) -> None:
    """Propose the Art. 83(1)(b) exception of particular importance over blocking findings."""
    review.propose_exception(notice_id, reasons, acting_as(as_user), store().uow())
    console.print(
        _("%(notice)s: exception proposed; a second reviewer must confirm it") % {"notice": notice_id}
    )


@app.command("confirm-exception")
@handle_errors
def confirm_exception(
    notice_id: str, as_user: AsUser, reasons: Annotated[str, typer.Option("--reasons", "-r")] = "confirmed"
) -> None:
    """Confirm a colleague's proposed exception (a second reviewer)."""
    review.confirm_exception(notice_id, reasons, acting_as(as_user), store().uow())
    console.print(_("%(notice)s: exception confirmed") % {"notice": notice_id})


@app.command("article3")
@handle_errors
def article3(
    notice_id: str,
    factors_file: Annotated[
        Path, typer.Option("--factors", help="JSON object: one text per Art. 34(3) factor.")
    ],
    conclusion: Annotated[str, typer.Option("--conclusion")],
    as_user: AsUser,
) -> None:
    """Record the Article 3 assessment. Factors: """ + ", ".join(review.ARTICLE_34_FACTORS)
    try:
        factors = json.loads(factors_file.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InvalidInput("cannot read the factors: %(reason)s", reason=str(exc)) from exc
    if not isinstance(factors, dict):
        raise InvalidInput("the factors file holds a JSON object")
    review.record_article3(
        notice_id, {str(k): str(v) for k, v in factors.items()}, conclusion, acting_as(as_user), store().uow()
    )
    console.print(_("%(notice)s: Article 3 assessment recorded") % {"notice": notice_id})


@app.command("event")
@handle_errors
def event(
    country: str,
    kind: Annotated[str, typer.Argument(help="election, protest, coup_attempt, publication or other")],
    on: Annotated[str, typer.Argument(help="YYYY-MM-DD")],
    description: Annotated[str, typer.Option("--description", "-d")],
    as_user: AsUser,
) -> None:
    """Record a political event in a country (RN-15 flags requests made near it)."""
    try:
        day = date.fromisoformat(on)
    except ValueError as exc:
        raise InvalidInput("'%(text)s' is not a date (YYYY-MM-DD)", text=on) from exc
    review.add_political_event(country.upper(), kind, day, description, acting_as(as_user), store().uow())
    console.print(
        _("recorded: %(kind)s in %(country)s on %(day)s")
        % {"kind": kind, "country": country.upper(), "day": day.isoformat()}
    )


OTHER_GROUND_MAX = 200
"""As the API (``TransitionIn.other_ground``) and the decision form."""


def transition(
    notice_id: str,
    action: Annotated[Action, typer.Argument(help="submit, start_review, publish, refuse, cancel, ...")],
    reasons: Annotated[str, typer.Option("--reasons", "-r", help="Why (required for most actions).")] = "",
    expected_version: Annotated[int | None, typer.Option(help="Fail if the notice changed since.")] = None,
    ground: Annotated[
        list[Ground] | None,
        typer.Option(help="Grounds of a refusal or a purge (repeatable), as counted in the figures."),
    ] = None,
    other_ground: Annotated[
        str | None,
        typer.Option(
            "--other-ground",
            help="With --ground other (required then): which ground, in a few words; the figures count "
            "'other' refusals by these words.",
        ),
    ] = None,
    as_user: Annotated[
        str | None, typer.Option("--as", help="The person acting (recorded in the audit trail).")
    ] = None,
) -> None:
    """Move a notice through its lifecycle."""
    from rednotice.services import notices as ns

    grounds = tuple(ground or ())
    words = " ".join((other_ground or "").split())
    if Ground.OTHER in grounds and not words:
        raise InvalidInput(
            "with --ground other, say which ground in a few words: --other-ground TEXT", field="other_ground"
        )
    if other_ground is not None and Ground.OTHER not in grounds:
        raise InvalidInput("--other-ground goes with --ground other", field="other_ground")
    if len(words) > OTHER_GROUND_MAX:
        raise InvalidInput(
            "--other-ground is at most %(limit)s characters: a few words",
            field="other_ground",
            limit=OTHER_GROUND_MAX,
        )
    notice = ns.transition(
        ns.Transition(
            notice_id, action, reasons, expected_version, grounds, {"other_ground": words} if words else {}
        ),
        acting_as(as_user),
        store().uow(),
    )
    console.print(version_line(notice.id, notice.state.value, notice.version))


def register(main: typer.Typer) -> None:
    main.add_typer(app, name="review")
    main.command("transition")(handle_errors(transition))
