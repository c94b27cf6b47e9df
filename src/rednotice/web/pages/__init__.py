"""Browser pages (Jinja2 + htmx), one module of routes per area. Installed by create_app().

The pages only translate between HTML forms and the use cases in ``rednotice.services``; every rule about
who sees what stays in the domain policy and the use cases. Who may open a page is declared at its route
(``deps.py``: ``PageActor``, ``Reviewer``, ``NcbOfficer``, ``CsrfForm``...).

Areas (module: routes):

* toolkit.py, labels.py, deps.py: render, flash, session, CSRF; the labels; who may open a page
* signin.py: /login, /logout, /language
* notices.py: / (the dashboard), /notices, /notices/{ref}, /notices/{ref}/actions
* requests.py (with forms.py): /requests/new, /requests/new/charge, /requests/check, /notices/{ref}/edit
* review.py (with dossier.py): /review (the reviewer's queue), /notices/{ref}/resolutions, exception, article3
* screening.py: /screening, /screening/query, mrz, upload, runs, hit outcomes
* after_hit.py: /screening/hits/{hit_id}/safeguards
* ccf.py: /ccf, /ccf/cases/{case_id}... (the Commission's staff)
* redress.py: /ccf/apply, /ccf/my-case, /harassment/report, /refugee-status/new, /notices/{ref}/position
* public.py: /public/notices, /public/notices/{ref}
* admin.py: /admin/users..., /reset-password

The transparency and oversight pages are ``web/oversight.py``.
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.staticfiles import StaticFiles

from rednotice.web import i18n
from rednotice.web.pages import (
    admin,
    after_hit,
    ccf,
    deps,
    notices,
    public,
    redress,
    requests,
    review,
    screening,
    signin,
)
from rednotice.web.pages.forms import contract_json, form_values, readable, values_from_request
from rednotice.web.pages.labels import NOT_A_WARRANT_SHOWN, ROLE_LABELS, script_lang
from rednotice.web.pages.public import public_extract
from rednotice.web.pages.toolkit import (
    SECURITY_HEADERS,
    STATIC,
    current_actor,
    error_page,
    install_html_errors,
    login_redirect,
    not_found,
    render,
)

__all__ = [
    "NOT_A_WARRANT_SHOWN",
    "ROLE_LABELS",
    "SECURITY_HEADERS",
    "contract_json",
    "current_actor",
    "error_page",
    "form_values",
    "install",
    "login_redirect",
    "not_found",
    "public_extract",
    "readable",
    "render",
    "script_lang",
    "values_from_request",
]

ROUTERS = (
    signin.router,
    notices.router,
    review.router,
    requests.router,
    public.router,
    screening.router,
    ccf.router,
    admin.router,
    after_hit.router,
    redress.router,
)
"""In the order the routes were added before the split (a path matches the first route that has it)."""


def install(app: FastAPI) -> None:
    """Add the page routes, the static files, the HTML error pages and the language middleware."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    install_html_errors(app)
    deps.install(app)
    app.add_middleware(i18n.LanguageMiddleware)
    for router in ROUTERS:
        app.include_router(router)
