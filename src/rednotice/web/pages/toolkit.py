"""The page toolkit: the Jinja2 environment, render, flash messages, the session's person, the CSRF token,
redirects, error pages and paging. Every page module uses these; none holds a rule of the domain.

* sign-in replaces the whole session (no session fixation) and stores a random CSRF token in it;
* every POST carries that token (a hidden field, or the ``X-CSRF-Token`` header htmx sends), else 403;
* domain errors become a readable page or flash message, never a 500 or a JSON body.
"""

from __future__ import annotations

import inspect
import secrets
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import HTMLResponse, RedirectResponse, Response

from rednotice.adapters.countries import names
from rednotice.bootstrap import Store
from rednotice.domain.dates import PartialDate
from rednotice.domain.model import Subject, schema, url_ref
from rednotice.domain.users import Actor, Role
from rednotice.services import similar
from rednotice.services import users as user_service
from rednotice.web import i18n
from rednotice.web.deps import SESSION_USER
from rednotice.web.i18n import _, _l
from rednotice.web.pages.labels import (
    ACTION_LABELS,
    DOCUMENT_KINDS,
    GROUND_LABELS,
    NOT_A_WARRANT_SHOWN,
    ROLE_LABELS,
    SEVERITY_HINTS,
    SEVERITY_LABELS,
    SEVERITY_SHORT,
    SEX_LABELS,
    TYPE_LABELS,
    VERDICT_LABELS,
    colours,
    country_label,
    days_waiting,
    fmt_date,
    fmt_datetime,
    fmt_partial,
    fmt_years,
    script_lang,
    state_label,
)

HERE = Path(__file__).resolve().parent.parent  # web/
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

SESSION_CSRF = "csrf"
SESSION_FLASH = "flash"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
PAGE_SIZE = 20
SCAN_LIMIT = 200
"""The most rows one query for a dashboard or a filtered public page asks for."""


SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


API_PREFIXES = ("/api/", "/notices/v1", "/openapi.json", "/docs", "/redoc", "/healthz")
"""Paths whose errors stay JSON (errors.install); every other path gets the HTML error page."""
HTTP_ERRORS = {
    404: (_l("Not found"), _l("This page does not exist.")),
    405: (_l("Not allowed"), _l("This address does not accept this kind of request.")),
    413: (_l("Too large"), _l("What you sent is larger than this service accepts.")),
}

# -- rendering ----------------------------------------------------------------------------------------------


def _env() -> Environment:
    env = Environment(  # autoescaping is on for every template: user text is always escaped
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    # every text a person reads goes through _() / {% trans %}; the callables answer in the request's
    # language (web/i18n.py), and newstyle escapes and fills %(name)s placeholders safely
    env.policies["ext.i18n.trimmed"] = True  # {% trans %} blocks: line breaks in the source are not text
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=i18n.gettext,
        ngettext=i18n.ngettext,
        pgettext=i18n.pgettext,
        npgettext=i18n.npgettext,
        newstyle=True,
    )
    env.filters.update(
        country=country_label,
        dt=fmt_datetime,
        date=fmt_date,
        pdate=fmt_partial,
        ref=url_ref,
        state=state_label,
        years=fmt_years,
        script=script_lang,
        doc_kind=lambda k: DOCUMENT_KINDS.get(str(k), str(k)),
        colours=colours,
        num=i18n.fmt_number,
        verdict=lambda v: VERDICT_LABELS.get(str(v), str(v).replace("_", " ").capitalize()),
    )
    env.globals.update(
        TYPE_LABELS=TYPE_LABELS,
        SEX_LABELS=SEX_LABELS,
        ROLE_LABELS=ROLE_LABELS,
        ACTION_LABELS=ACTION_LABELS,
        NOT_A_WARRANT=NOT_A_WARRANT_SHOWN,
        Role=Role,
        days_waiting=days_waiting,
        SEVERITY_LABELS=SEVERITY_LABELS,
        SEVERITY_SHORT=SEVERITY_SHORT,
        SEVERITY_HINTS=SEVERITY_HINTS,
        GROUND_LABELS=GROUND_LABELS,
        SIMILAR_SCAN=similar.SCAN,
        lang="en",  # the page's language and direction; render() sets the request's
        text_direction="ltr",
        # INTERPOL's working languages, each named in itself (the switcher's entries)
        languages=i18n.LANGUAGES,
    )
    return env


SUBJECT_LAID_OUT = frozenset(
    {
        "family_name",
        "given_names",
        "names_original_script",
        "aliases",
        "sex",
        "date_of_birth",
        "place_of_birth",
        "country_of_birth",
        "nationalities",
        "identity_documents",
        "occupations",
        "profile",
        "physical_description",
    }
)
"""The subject's fields notice.html lays out by hand (a test checks it names each)."""
SUBJECT_NOT_ON_NOTICE_PAGE = frozenset({"biometrics", "relations"})
"""Declared fields the notice page does not show (as before the schema was declared)."""


def subject_rows(subject: Subject) -> list[tuple[str, str]]:
    """The notice page's rows for every other declared field of the subject that has a value: its label
    (to translate) and its value as text. A field whose value is not text, a list of texts, a number, a
    date or a yes/no has to be laid out by hand (TypeError)."""
    rows = []
    for name, spec in schema(Subject):
        if name in SUBJECT_LAID_OUT or name in SUBJECT_NOT_ON_NOTICE_PAGE:
            continue
        value = getattr(subject, name)
        if value is None or value == "" or value == ():
            continue
        if isinstance(value, bool):
            text = _("yes") if value else _("no")
        elif isinstance(value, str):
            text = value
        elif isinstance(value, int | float):
            text = i18n.fmt_number(value)
        elif isinstance(value, PartialDate):
            text = fmt_partial(value)
        elif isinstance(value, tuple) and all(isinstance(v, str) for v in value):
            text = ", ".join(value)
        else:
            raise TypeError(f"subject.{name} is not shown by the generic rows: lay it out in notice.html")
        rows.append((spec.label, text))
    return rows


ENV = _env()
ENV.globals["subject_rows"] = subject_rows


def csrf_token_of(request: Request) -> str:
    token = request.session.get(SESSION_CSRF)
    if not isinstance(token, str) or len(token) < 32:
        token = secrets.token_urlsafe(32)
        request.session[SESSION_CSRF] = token
    return token


def flash(request: Request, level: str, text: str, items: Iterable[str] = ()) -> None:
    """A message for the next page; ``items`` become a list under it (e.g. what the gate still needs)."""
    messages = list(request.session.get(SESSION_FLASH) or [])
    # stored as plain text in the request's language (a lazy label is resolved now, not on the next page)
    messages.append([level, str(text), [str(i) for i in items][:20]])
    request.session[SESSION_FLASH] = messages[-5:]


def render(
    request: Request, template: str, actor: Actor | None, status: int = 200, **context: Any
) -> HTMLResponse:
    flashes = request.session.pop(SESSION_FLASH, None) or []
    html = ENV.get_template(template).render(
        request=request,
        actor=actor,
        csrf_token=lambda: csrf_token_of(request),
        flashes=flashes,
        path=request.url.path,
        lang=i18n.current(),
        text_direction=i18n.direction(),
        **context,
    )
    response = HTMLResponse(html, status_code=status, headers=_language_headers())
    secure(response, private=actor is not None)
    return response


def _language_headers() -> dict[str, str]:
    """The page's language, and what chose it: a cache must not give one reader's French to another."""
    return {"Content-Language": i18n.current(), "Vary": "Accept-Language, Cookie"}


def render_fragment(
    request: Request, template: str, actor: Actor | None, status: int = 200, **context: Any
) -> HTMLResponse:
    """Part of a page for htmx to swap in (no layout; flash messages stay for the next full page)."""
    html = ENV.get_template(template).render(
        request=request,
        actor=actor,
        csrf_token=lambda: csrf_token_of(request),
        path=request.url.path,
        lang=i18n.current(),
        text_direction=i18n.direction(),
        **context,
    )
    headers = {**SECURITY_HEADERS, **_language_headers(), "Cache-Control": "no-store"}
    return HTMLResponse(html, status_code=status, headers=headers)


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def secure(response: Response, private: bool = True) -> Response:
    response.headers.update(SECURITY_HEADERS)
    if private:
        response.headers["Cache-Control"] = "no-store"
    return response


def redirect(url: str) -> RedirectResponse:
    response = RedirectResponse(url, status_code=303)
    secure(response)
    return response


def safe_next(value: str | None) -> str:
    """Only same-site paths: no ``//host`` or ``https://host`` open redirects."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value):  # browsers drop tabs: "/\t/host" is "//host"
        return "/"
    return value


def login_redirect(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return redirect("/login?" + urlencode({"next": target}))


def error_page(request: Request, actor: Actor | None, status: int, title: str, message: str) -> HTMLResponse:
    return render(request, "error.html", actor, status=status, title=title, message=message)


def not_found(request: Request, actor: Actor | None, what: str | None = None) -> HTMLResponse:
    return error_page(request, actor, 404, _("Not found"), what or _("This page does not exist."))


# -- who is signed in ---------------------------------------------------------------------------------------


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def session_actor(request: Request) -> Actor | None:
    """The signed-in person, from the signed session cookie; None if nobody (or a disabled account)."""
    data = request.session.get(SESSION_USER)
    if not isinstance(data, dict) or not isinstance(data.get("sid"), str):
        return None
    return user_service.session_actor(data["sid"], store_of(request).reader(), store_of(request).uow)


async def current_actor(request: Request) -> Actor | None:
    return await run_in_threadpool(session_actor, request)


class CsrfFailure(Exception):
    pass


async def checked_form(request: Request) -> FormData:
    """The posted form, once its CSRF token matches the one in the session (else CsrfFailure)."""
    form = await request.form()
    sent = form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER) or ""
    expected = request.session.get(SESSION_CSRF)
    if not isinstance(sent, str) or not isinstance(expected, str) or not expected:
        raise CsrfFailure
    if not secrets.compare_digest(sent.encode(), expected.encode()):
        raise CsrfFailure
    return form


def csrf_refused(request: Request, actor: Actor | None) -> HTMLResponse:
    return error_page(
        request,
        actor,
        403,
        _("Form expired"),
        _(
            "This form could not be accepted because its security token is missing or out of date. "
            "Go back, reload the page and try again."
        ),
    )


def form_text(form: FormData, name: str, limit: int = 10_000) -> str:
    value = form.get(name)
    return value.strip()[:limit] if isinstance(value, str) else ""


def form_texts(form: FormData, name: str, limit: int = 500) -> list[str]:
    return [v.strip()[:limit] if isinstance(v, str) else "" for v in form.getlist(name)]


def _wants_json(request: Request) -> bool:
    path = request.url.path
    if any(path == p.rstrip("/") or path.startswith(p) for p in API_PREFIXES):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def install_html_errors(app: FastAPI) -> None:
    """404, 405... on page paths get the HTML error page; API paths keep errors.install's JSON handler."""
    previous = app.exception_handlers.get(StarletteHTTPException)

    async def handler(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if previous is not None and _wants_json(request):
            answer = previous(request, exc)
            response: Response = await answer if inspect.isawaitable(answer) else answer
            return response
        actor = await current_actor(request) if "session" in request.scope else None
        title, message = HTTP_ERRORS.get(exc.status_code, (_("Something went wrong"), str(exc.detail)))
        response = error_page(request, actor, exc.status_code, title, message)
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    app.add_exception_handler(StarletteHTTPException, handler)


def page_number(text: str | None) -> int:
    return max(1, min(int(text), 100_000)) if text and text.isdigit() else 1


def page_count(total: int) -> int:
    return max(1, -(-total // PAGE_SIZE))


def paging_url(request: Request) -> Callable[[int], str]:
    params = {k: v for k, v in request.query_params.items() if k != "page" and v}

    def url(page: int) -> str:
        return request.url.path + "?" + urlencode({**params, "page": page})

    return url


def country_choices() -> list[tuple[str, str]]:
    return sorted(names().items(), key=lambda kv: kv[1])


def parse_when(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None
