"""Issue 17, item 1: who may open a page is declared at its route (web/pages/deps.py), not in its body.

Every page route names the person it is for (``PageActor``, a role such as ``Reviewer``, or ``MaybeActor``
for pages anyone reads), and every POST names ``CsrfForm``. The few exceptions are listed with their reason.
"""

from __future__ import annotations

import inspect

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from rednotice.domain.users import Role
from rednotice.web import pages
from rednotice.web.pages import deps

NO_PERSON = {
    ("POST", "/language"): "changes only the language cookie, from any page, signed in or not",
    ("POST", "/login"): "signs in: checks its own form, and shows a refusal to nobody in particular",
}
NO_CSRF = {
    ("POST", "/language"): "changes nothing stored and shows nothing new",
    ("POST", "/login"): "checks the token itself (checked_form), before anyone is signed in",
}
PERSON = {deps.maybe_actor, deps.page_actor}


def _calls(dependant: Dependant) -> set[object]:
    out: set[object] = set()
    for sub in dependant.dependencies:
        out.add(sub.call)
        out |= _calls(sub)
    return out


def page_routes() -> list[tuple[str, str, set[object]]]:
    return [
        (method, route.path, _calls(route.dependant))
        for router in pages.ROUTERS
        for route in router.routes
        if isinstance(route, APIRoute)
        for method in sorted(route.methods or ())
    ]


def test_the_routers_hold_every_page() -> None:
    paths = {path for _, path, _ in page_routes()}
    assert {"/review", "/notices/{ref}", "/ccf/apply", "/admin/users", "/public/notices"} <= paths
    assert len(page_routes()) > 60


def test_every_page_declares_who_it_is_for() -> None:
    missing = [
        (method, path)
        for method, path, calls in page_routes()
        if not calls & PERSON and (method, path) not in NO_PERSON
    ]
    assert not missing, f"routes without PageActor, a role or MaybeActor: {missing}"


def test_every_form_post_declares_its_csrf_check() -> None:
    missing = [
        (method, path)
        for method, path, calls in page_routes()
        if method == "POST" and deps.csrf_form not in calls and (method, path) not in NO_CSRF
    ]
    assert not missing, f"POST routes without CsrfForm: {missing}"


def test_the_reviewers_queue_is_for_reviewers_only() -> None:
    (calls,) = [calls for method, path, calls in page_routes() if (method, path) == ("GET", "/review")]
    assert deps.page_actor in calls  # nobody signed in: the sign-in page
    (check,) = [c for c in calls if getattr(c, "__qualname__", "").startswith("role.")]
    declared = inspect.getclosurevars(check).nonlocals  # type: ignore[arg-type]
    assert declared["roles"] == (Role.REVIEWER,) and declared["refuse"] is deps.not_a_reviewer
