"""Administration in the browser: users (add, list, deactivate and reactivate, reset a password, see and
revoke their sessions and tokens) and the administrator's own API tokens (issue 16, item 10). Admins only.

An administrator never obtains another person's password or token, nor acts as them (issue 14, item 6):
a reset gives a one-time code to hand over; tokens and sessions are shown by a public id and dates.
Every action is audited under the administrator's own name (the use cases in services/users.py).

The one page for everyone, ``/reset-password``, is where the person sets their new password with the code.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from rednotice.domain import errors as e
from rednotice.domain.users import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, Actor, Role
from rednotice.services import users as us
from rednotice.services.ports import UserRecord
from rednotice.web.pages.deps import Admin, CsrfForm, MaybeActor
from rednotice.web.pages.labels import ROLE_LABELS
from rednotice.web.pages.toolkit import error_page, flash, redirect, render, store_of


def _(message: str) -> str:
    """A message translated through the pages' catalogues (web/i18n.py) once they are installed."""
    i18n = sys.modules.get("rednotice.web.i18n")
    return str(i18n.gettext(message)) if i18n is not None else message


def _roles() -> list[Role]:
    return [r for r in Role if r is not Role.SYSTEM]


def _role_name(role: Role) -> str:
    """The role's name for people ("NCB officer"), never its stored value ("ncb_officer")."""
    return str(ROLE_LABELS[role])


def _aware(when: datetime | None) -> datetime | None:
    return when.replace(tzinfo=UTC) if when is not None and when.tzinfo is None else when


def _users_url(username: str = "") -> str:
    from urllib.parse import quote

    return "/admin/users" + (f"/{quote(username, safe='')}" if username else "")


router = APIRouter(include_in_schema=False)


def list_users(request: Request) -> list[UserRecord]:
    with store_of(request).reader() as uow:
        return uow.users.all()


async def users_list(request: Request, actor: Actor, token: dict[str, str] | None = None) -> Response:
    users = await run_in_threadpool(list_users, request)
    now = store_of(request).clock()
    response = render(
        request,
        "admin_users.html",
        actor,
        users=users,
        roles=_roles(),
        token=token,
        values={},
        now=now,
        aware=_aware,
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/admin/users")
async def users_page(request: Request, actor: Admin) -> Response:
    return await users_list(request, actor)


@router.post("/admin/users")
async def add_user(request: Request, actor: Admin, form: CsrfForm) -> Response:
    values = {k: str(form.get(k, "")).strip()[:200] for k in ("username", "role", "country")}
    password = str(form.get("password", ""))[:500]
    store = store_of(request)
    try:
        role = Role(values["role"])
        if role is Role.SYSTEM:
            raise ValueError(role)
        cmd = us.AddUser(values["username"], role, password, values["country"] or None)
        await run_in_threadpool(us.add_user, cmd, actor, store.uow())
    except (ValueError, e.DomainError) as exc:
        message = exc.message if isinstance(exc, e.DomainError) else _("choose a role")
        flash(request, "warning", _("Not added: %(reason)s") % {"reason": message})
        return redirect("/admin/users")
    flash(
        request,
        "success",
        _("User %(username)s added as %(role)s.")
        % {"username": values["username"], "role": _role_name(role)},
    )
    return redirect("/admin/users")


BROWSER_TOKEN = e.N_("issued in the browser")
"""A token's label when the administrator gave none: stored in English, shown in the reader's language."""


def token_label(label: str) -> str:
    """A token's label as the reader sees it: the default one in their language, any other as written."""
    return _(BROWSER_TOKEN) if label == BROWSER_TOKEN else label


@router.post("/admin/users/{username}/token")
async def issue_token(request: Request, username: str, actor: Admin, form: CsrfForm) -> Response:
    label = str(form.get("label", "")).strip()[:200] or BROWSER_TOKEN
    store = store_of(request)
    if username != actor.username:
        # Administrators manage accounts; they never hold another person's credentials (issue 14,
        # item 6): a token for someone else would let them act, audited, under that person's name.
        flash(
            request,
            "warning",
            _(
                "No token: %(username)s issues their own (POST /api/v1/tokens with their credentials). "
                "Administrators do not obtain another person's credentials."
            )
            % {"username": username},
        )
        return redirect("/admin/users")
    try:
        token = await run_in_threadpool(us.issue_token, username, label, actor, store.uow())
    except e.DomainError as exc:
        flash(request, "warning", _("No token: %(reason)s") % {"reason": exc.message})
        return redirect("/admin/users")
    return await users_list(request, actor, token={"username": username, "value": token})


# -- one account ---------------------------------------------------------------------------------------


@router.get("/admin/users/{account}")
async def user_page(request: Request, account: str, actor: Admin) -> Response:
    store = store_of(request)
    try:
        user, found = await run_in_threadpool(us.credentials, account, actor, store.reader())
    except e.NotFound:
        return error_page(request, actor, 404, _("Not found"), _("There is no such user."))
    return _user_view(request, actor, user, found, reset=None)


def _user_view(
    request: Request,
    actor: Actor,
    user: UserRecord,
    found: list[us.Credential],
    reset: dict[str, object] | None,
) -> Response:
    now = store_of(request).clock()
    response = render(
        request,
        "admin_user.html",
        actor,
        user=user,
        tokens=[c for c in found if c.kind == "token"],
        sessions=[c for c in found if c.kind == "session"],
        now=now,
        aware=_aware,
        reset=reset,
        token_label=token_label,
        role_name=_role_name(user.role),
        reset_hours=us.RESET_HOURS,
    )
    response.headers["Cache-Control"] = "no-store"
    return response


async def account_action(
    request: Request, actor: Actor, username: str, action: str, public_id: str = ""
) -> Response:
    """Deactivate, reactivate, reset a password, revoke a token or end a session (the form is checked)."""
    store = store_of(request)
    back = _users_url(username)
    try:
        if action == "deactivate":
            await run_in_threadpool(us.set_active, username, False, actor, store.uow())
            message = _(
                "%(username)s is deactivated: their sessions ended and their API tokens were revoked."
            )
        elif action == "reactivate":
            await run_in_threadpool(us.set_active, username, True, actor, store.uow())
            message = _("%(username)s can sign in again with their password.")
        elif action in ("token", "session"):
            kind: us.CredentialKind = "token" if action == "token" else "session"
            await run_in_threadpool(us.revoke_credential, username, kind, public_id, actor, store.uow())
            message = (
                _("The token was revoked.") if kind == "token" else _("The session was ended.")
            ) + " %(username)s"
        else:  # password reset: the page shows the one-time code, once
            code, expires = await run_in_threadpool(us.start_password_reset, username, actor, store.uow())
            user, found = await run_in_threadpool(us.credentials, username, actor, store.reader())
            base = str(request.base_url).rstrip("/")
            reset = {"code": code, "expires_at": expires, "url": f"{base}/reset-password"}
            return _user_view(request, actor, user, found, reset=reset)
    except e.NotFound as exc:
        if action in ("token", "session"):
            flash(request, "warning", exc.message)
            return redirect(back)
        return error_page(request, actor, 404, _("Not found"), _("There is no such user."))
    except e.DomainError as exc:
        flash(request, "warning", exc.message)
        return redirect(back)
    flash(request, "success", message % {"username": username} if "%(" in message else message)
    return redirect(back)


@router.post("/admin/users/{account}/deactivate")
async def deactivate(request: Request, account: str, actor: Admin, form: CsrfForm) -> Response:
    return await account_action(request, actor, account, "deactivate")


@router.post("/admin/users/{account}/reactivate")
async def reactivate(request: Request, account: str, actor: Admin, form: CsrfForm) -> Response:
    return await account_action(request, actor, account, "reactivate")


@router.post("/admin/users/{account}/password-reset")
async def password_reset(request: Request, account: str, actor: Admin, form: CsrfForm) -> Response:
    return await account_action(request, actor, account, "reset")


@router.post("/admin/users/{account}/tokens/{public_id}/revoke")
async def revoke_token(
    request: Request, account: str, public_id: str, actor: Admin, form: CsrfForm
) -> Response:
    return await account_action(request, actor, account, "token", public_id)


@router.post("/admin/users/{account}/sessions/{public_id}/revoke")
async def end_session(
    request: Request, account: str, public_id: str, actor: Admin, form: CsrfForm
) -> Response:
    return await account_action(request, actor, account, "session", public_id)


# -- the person sets a new password with the code ------------------------------------------------------


def reset_form(request: Request, actor: Actor | None, status: int = 200, **context: object) -> Response:
    response = render(
        request,
        "reset_password.html",
        actor,
        status=status,
        min_length=MIN_PASSWORD_LENGTH,
        max_length=MAX_PASSWORD_LENGTH,
        **{"error": None, "done": False, "code": "", "username": "", **context},
    )
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@router.get("/reset-password")
async def reset_page(request: Request, actor: MaybeActor) -> Response:
    return reset_form(request, actor)


@router.post("/reset-password")
async def reset_submit(request: Request, actor: MaybeActor, form: CsrfForm) -> Response:
    code = str(form.get("code", "")).strip()[:200]
    password = str(form.get("password", ""))[: MAX_PASSWORD_LENGTH + 1]
    again = str(form.get("password_again", ""))[: MAX_PASSWORD_LENGTH + 1]
    if password != again:
        return reset_form(request, actor, 422, error=_("The two passwords differ: type the same one twice."))
    store = store_of(request)
    try:
        person = await run_in_threadpool(us.complete_password_reset, code, password, store.uow())
    except e.DomainError as exc:
        return reset_form(
            request,
            actor,
            422,
            error=exc.message,
            code=code if exc.details.get("field") == "password" else "",
        )
    return reset_form(request, actor, done=True, username=person.username)
