"""Administration in the browser: users (add, list) and the administrator's own API tokens (issue, shown
once). Admins only. An administrator never obtains another person's token (issue 14, item 6)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from rednotice.domain import errors as e
from rednotice.domain.users import Actor, Role
from rednotice.services import users as us
from rednotice.services.ports import UserRecord
from rednotice.web.pages import (
    CsrfFailure,
    _store,
    checked_form,
    csrf_refused,
    current_actor,
    error_page,
    flash,
    login_redirect,
    redirect,
    render,
)


def _roles() -> list[Role]:
    return [r for r in Role if r is not Role.SYSTEM]


def install(app: FastAPI) -> None:
    @app.get("/admin/users", include_in_schema=False)
    async def users_page(request: Request) -> Response:
        actor = await current_actor(request)
        if actor is None:
            return login_redirect(request)
        if actor.role is not Role.ADMIN:
            return error_page(request, actor, 404, "Not found", "There is no such page.")
        store = _store(request)

        def load() -> list[UserRecord]:
            with store.uow() as uow:
                return uow.users.all()

        users = await run_in_threadpool(load)
        return render(request, "admin_users.html", actor, users=users, roles=_roles(), token=None, values={})

    @app.post("/admin/users", include_in_schema=False)
    async def add_user(request: Request) -> Response:
        actor = await current_actor(request)
        if actor is None:
            return login_redirect(request)
        if actor.role is not Role.ADMIN:
            return error_page(request, actor, 404, "Not found", "There is no such page.")
        try:
            form = await checked_form(request)
        except CsrfFailure:
            return csrf_refused(request, actor)
        values = {k: str(form.get(k, "")).strip()[:200] for k in ("username", "role", "country")}
        password = str(form.get("password", ""))[:500]
        store = _store(request)
        try:
            role = Role(values["role"])
            cmd = us.AddUser(values["username"], role, password, values["country"] or None)
            await run_in_threadpool(us.add_user, cmd, actor, store.uow())
        except (ValueError, e.DomainError) as exc:
            message = exc.message if isinstance(exc, e.DomainError) else "choose a role"
            flash(request, "warning", f"Not added: {message}")
            return redirect("/admin/users")
        flash(request, "success", f"User {values['username']} added as {role.value}.")
        return redirect("/admin/users")

    @app.post("/admin/users/{username}/token", include_in_schema=False)
    async def issue_token(request: Request, username: str) -> Response:
        actor: Actor | None = await current_actor(request)
        if actor is None:
            return login_redirect(request)
        if actor.role is not Role.ADMIN:
            return error_page(request, actor, 404, "Not found", "There is no such page.")
        try:
            form = await checked_form(request)
        except CsrfFailure:
            return csrf_refused(request, actor)
        label = str(form.get("label", "")).strip()[:200] or "issued in the browser"
        store = _store(request)
        if username != actor.username:
            # Administrators manage accounts; they never hold another person's credentials (issue 14,
            # item 6): a token for someone else would let them act, audited, under that person's name.
            flash(
                request,
                "warning",
                f"No token: {username} issues their own (POST /api/v1/tokens with their credentials). "
                "Administrators do not obtain another person's credentials.",
            )
            return redirect("/admin/users")
        try:
            token = await run_in_threadpool(us.issue_token, username, label, actor, store.uow())
        except e.DomainError as exc:
            flash(request, "warning", f"No token: {exc.message}")
            return redirect("/admin/users")

        def load() -> list[UserRecord]:
            with store.uow() as uow:
                return uow.users.all()

        users = await run_in_threadpool(load)
        response = render(
            request,
            "admin_users.html",
            actor,
            users=users,
            roles=_roles(),
            token={"username": username, "value": token},
            values={},
        )
        response.headers["Cache-Control"] = "no-store"
        return response
