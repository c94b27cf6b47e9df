"""Signing in and out, and the choice of language (the pages anyone reaches before signing in)."""

from __future__ import annotations

import secrets

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from rednotice.domain import errors as e
from rednotice.services import users as user_service
from rednotice.web import i18n
from rednotice.web.deps import SESSION_USER
from rednotice.web.i18n import _
from rednotice.web.pages.deps import CsrfForm, MaybeActor
from rednotice.web.pages.toolkit import (
    SESSION_CSRF,
    CsrfFailure,
    checked_form,
    csrf_refused,
    flash,
    form_text,
    redirect,
    render,
    safe_next,
    store_of,
)

router = APIRouter(include_in_schema=False)


# the language switch: remembered in a cookie (signing in replaces the session, the choice stays).
# No CSRF token: it changes nothing stored and shows nothing new; a forged post could only change the
# language of someone's pages, which they switch back, and it must work from any page, signed in or not.
@router.post("/language")
async def choose_language(request: Request) -> Response:
    form = await request.form()
    chosen = i18n.supported(form_text(form, "lang", 20))
    response = redirect(safe_next(form_text(form, "next", 2000)))
    if chosen is None:
        return response
    response.set_cookie(
        i18n.COOKIE,
        chosen,
        max_age=i18n.COOKIE_MAX_AGE,
        path="/",
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )
    return response


# sign-in and sign-out


@router.get("/login")
async def login_form(request: Request, actor: MaybeActor, next: str = "/") -> Response:
    if actor is not None:
        return redirect(safe_next(next))
    return render(request, "login.html", None, next=safe_next(next), error=None, username="")


@router.post("/login")
async def login(request: Request) -> Response:
    # not CsrfForm: a refused sign-in form is shown to nobody in particular, whoever the cookie names
    try:
        form = await checked_form(request)
    except CsrfFailure:
        return csrf_refused(request, None)
    username = form_text(form, "username", 120)
    password = form.get("password")
    password = password[:1000] if isinstance(password, str) else ""
    target = safe_next(form_text(form, "next", 2000))
    if not username or not password:
        return render(
            request,
            "login.html",
            None,
            status=400,
            next=target,
            username=username,
            error=_("Enter your username and password."),
        )
    try:
        actor = await run_in_threadpool(
            user_service.authenticate, username, password, store_of(request).uow()
        )
    except e.Unauthenticated as exc:
        locked = bool(exc.details.get("locked")) or "locked" in exc.message
        error = (
            _(
                "This account is locked after too many failed sign-ins. Try again in 15 minutes, "
                "or ask your administrator."
            )
            if locked
            else _("Wrong username or password.")
        )
        return render(request, "login.html", None, status=401, next=target, username=username, error=error)
    # a new session: nothing from before sign-in survives, and a new CSRF token
    sid = await run_in_threadpool(user_service.open_session, actor, store_of(request).uow())
    request.session.clear()
    request.session[SESSION_USER] = {"username": actor.username, "sid": sid}
    request.session[SESSION_CSRF] = secrets.token_urlsafe(32)
    return redirect(target)


@router.post("/logout")
async def logout(request: Request, form: CsrfForm) -> Response:
    data = request.session.get(SESSION_USER)
    if isinstance(data, dict) and isinstance(data.get("sid"), str):
        await run_in_threadpool(user_service.close_session, data["sid"], store_of(request).uow())
    request.session.clear()
    flash(request, "info", _("You are signed out."))
    return redirect("/login")
