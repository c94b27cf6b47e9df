"""Who may open a page, declared at the route: ``Annotated`` dependencies, as the JSON API has them.

A page's signature says who it is for::

    @router.get("/review")
    async def review_queue(request: Request, actor: Reviewer) -> Response: ...

    @router.post("/notices/{ref}/actions")
    async def notice_action(request: Request, ref: str, actor: PageActor, form: CsrfForm) -> Response: ...

Dependencies are solved in the order of the parameters: the person first (nobody signed in: the sign-in
page, which comes back here afterwards), then their role (refused: the page that says why, with the
status each area has always answered), then the form's CSRF token (refused: "Form expired", 403). A
refusal is a ready response carried by ``Refused``; ``install`` adds the handler that sends it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from starlette.datastructures import FormData
from starlette.responses import HTMLResponse, Response

from rednotice.domain.users import Actor, Role
from rednotice.web.i18n import _
from rednotice.web.pages.toolkit import (
    CsrfFailure,
    checked_form,
    csrf_refused,
    current_actor,
    error_page,
    login_redirect,
    not_found,
    secure,
)


class Refused(Exception):
    """A dependency's answer in place of the page: the sign-in redirect, a refusal, a form refused."""

    def __init__(self, response: Response) -> None:
        super().__init__(response.status_code)
        self.response = response


async def _refused(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Refused)
    return exc.response


def install(app: FastAPI) -> None:
    app.add_exception_handler(Refused, _refused)


# -- the person ---------------------------------------------------------------------------------------------


async def maybe_actor(request: Request) -> Actor | None:
    """The signed-in person, or None (read once per request: every dependency below shares it)."""
    return await current_actor(request)


MaybeActor = Annotated[Actor | None, Depends(maybe_actor)]
"""Pages anyone may read (public pages, the CCF application): the person if signed in."""


async def page_actor(request: Request, actor: MaybeActor) -> Actor:
    if actor is None:
        raise Refused(login_redirect(request))
    return actor


PageActor = Annotated[Actor, Depends(page_actor)]
"""Anyone signed in; nobody: the sign-in page, which returns here."""


# -- roles: who each area is for, and how it refuses others -------------------------------------------------

Refusal = Callable[[Request, Actor], Response]


def not_an_officer(request: Request, actor: Actor) -> HTMLResponse:
    return error_page(
        request,
        actor,
        403,
        _("Not available"),
        _("Only an officer of a National Central Bureau requests notices."),
    )


def not_a_reviewer(request: Request, actor: Actor) -> HTMLResponse:
    return error_page(
        request, actor, 403, _("Not available"), _("The review queue is for General Secretariat reviewers.")
    )


def not_a_screener(request: Request, actor: Actor) -> HTMLResponse:
    return error_page(
        request,
        actor,
        403,
        _("Not available"),
        _("Screening is for officers of National Central Bureaus and General Secretariat reviewers."),
    )


def page_hidden(request: Request, actor: Actor) -> HTMLResponse:
    """The CCF's pages do not exist for anyone else (an NCB never learns of a case unless consulted)."""
    return not_found(request, actor)


def no_such_page(request: Request, actor: Actor) -> HTMLResponse:
    return error_page(request, actor, 404, _("Not found"), _("There is no such page."))


def role(*roles: Role, refuse: Refusal, bureau: bool = False) -> Callable[..., Awaitable[Actor]]:
    """A dependency: a signed-in person holding one of ``roles`` (with ``bureau``: bound to a country)."""

    async def dependency(request: Request, actor: PageActor) -> Actor:
        if actor.role not in roles or (bureau and not actor.country):
            raise Refused(refuse(request, actor))
        return actor

    return dependency


def quiet_role(*roles: Role, bureau: bool = False) -> Callable[..., Awaitable[Actor]]:
    """For htmx requests: anyone else, signed in or not, gets a bare 403 (no sign-in page in a fragment)."""

    async def dependency(actor: MaybeActor) -> Actor:
        if actor is None or actor.role not in roles or (bureau and not actor.country):
            raise Refused(secure(Response(status_code=403)))
        return actor

    return dependency


NcbOfficer = Annotated[Actor, Depends(role(Role.NCB_OFFICER, refuse=not_an_officer))]
"""An officer of a National Central Bureau (everyone else: 403 "Only an officer ... requests notices")."""
BureauOfficer = Annotated[Actor, Depends(role(Role.NCB_OFFICER, refuse=not_an_officer, bureau=True))]
"""An NCB officer bound to their country: the one who files a request for it."""
Reviewer = Annotated[Actor, Depends(role(Role.REVIEWER, refuse=not_a_reviewer))]
"""A General Secretariat reviewer (everyone else: 403)."""
SCREENING_ROLES = (Role.NCB_OFFICER, Role.REVIEWER)
"""Who screens from the pages (the service also lets the system screen, from the CLI)."""
Screener = Annotated[Actor, Depends(role(*SCREENING_ROLES, refuse=not_a_screener))]
"""An NCB officer or a reviewer (everyone else: 403)."""
CcfMember = Annotated[Actor, Depends(role(Role.CCF, refuse=page_hidden))]
"""A member of the Commission for the Control of Files (everyone else: 404)."""
Admin = Annotated[Actor, Depends(role(Role.ADMIN, refuse=no_such_page))]
"""An administrator (everyone else: 404)."""
RedressOfficer = Annotated[Actor, Depends(role(Role.NCB_OFFICER, refuse=no_such_page, bureau=True))]
"""An NCB officer bound to a country, on the redress pages (refugee status, positions; everyone else: 404)."""
QuietNcbOfficer = Annotated[Actor, Depends(quiet_role(Role.NCB_OFFICER))]
QuietBureauOfficer = Annotated[Actor, Depends(quiet_role(Role.NCB_OFFICER, bureau=True))]
QuietScreener = Annotated[Actor, Depends(quiet_role(*SCREENING_ROLES))]


# -- the form -----------------------------------------------------------------------------------------------


async def csrf_form(request: Request, actor: MaybeActor) -> FormData:
    """The posted form once its CSRF token matches the session's; else the "Form expired" page (403)."""
    try:
        return await checked_form(request)
    except CsrfFailure:
        raise Refused(csrf_refused(request, actor)) from None


CsrfForm = Annotated[FormData, Depends(csrf_form)]
"""A posted form whose token is checked (declare it after the person, so nobody signed in is sent to
sign in before the token is looked at)."""


# -- a role checked on a form ---------------------------------------------------------------------------

FormRefusal = Callable[[Request, Actor, FormData], Awaitable[Response]]


def form_role(*roles: Role, refuse: FormRefusal) -> Callable[..., Awaitable[Actor]]:
    """A dependency for a form posted on another area's page: a signed-in person holding one of ``roles``,
    checked after the form's CSRF token (as the use case would); anyone else gets ``refuse``'s answer,
    which the form's page gives (the review records on a notice's page: review.py)."""

    async def dependency(request: Request, actor: PageActor, form: CsrfForm) -> Actor:
        if actor.role not in roles:
            raise Refused(await refuse(request, actor, form))
        return actor

    return dependency
