"""Browser pages (Jinja2 + htmx). Installed by create_app().

The pages only translate between HTML forms and the use cases in ``rednotice.services``; every rule
about who sees what stays in the domain policy and the use cases. Three things are enforced here:

* sign-in replaces the whole session (no session fixation) and stores a random CSRF token in it;
* every POST carries that token (a hidden field, or the ``X-CSRF-Token`` header htmx sends), else 403;
* domain errors become a readable page or flash message, never a 500 or a JSON body.
"""

from __future__ import annotations

import inspect
import json
import re
import secrets
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.staticfiles import StaticFiles

from rednotice.adapters.countries import name_of, names
from rednotice.adapters.formats.request_json import parse_request
from rednotice.adapters.formats.screening_input import (
    FORMATS,
    Format,
    InputError,
    guess_format,
    query_from_mapping,
    read_queries,
)
from rednotice.bootstrap import Store
from rednotice.domain import errors as e
from rednotice.domain import policy
from rednotice.domain.compliance.iccs import SECTIONS as ICCS_SECTIONS
from rednotice.domain.dates import PartialDate
from rednotice.domain.lifecycle import TRANSITIONS, Action, Notice, Rule, State, allowed_actions
from rednotice.domain.model import NoticeRequest, NoticeType, Sex, notice_id_from_ref, url_ref
from rednotice.domain.redress import OUTCOMES_FOR, CaseState, Outcome, RequestKind
from rednotice.domain.screening.query import ScreeningQuery
from rednotice.domain.users import SYSTEM, Actor, Role
from rednotice.services import notices as ns
from rednotice.services import redress as rs
from rednotice.services import review
from rednotice.services import screening as sc
from rednotice.services import users as user_service
from rednotice.services.compliance import check_request
from rednotice.services.ports import NoticeFilter
from rednotice.services.review import Ground, RecordKind, ReviewRecord
from rednotice.web import i18n
from rednotice.web.deps import SESSION_USER
from rednotice.web.i18n import _, _l, ngettext

HERE = Path(__file__).resolve().parent
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

STATE_LABELS: dict[State, str] = {
    State.DRAFT: _l("Draft"),
    State.SUBMITTED: _l("Submitted"),
    State.UNDER_REVIEW: _l("Under review"),
    State.MORE_INFORMATION_REQUESTED: _l("More information requested"),
    State.PUBLISHED: _l("Published"),
    State.REFUSED: _l("Refused"),
    State.WITHDRAWN: _l("Withdrawn"),
    State.CANCELLED: _l("Cancelled"),
    State.EXPIRED: _l("Expired"),
    State.SUSPENDED: _l("Suspended"),
    State.DELETED: _l("Deleted"),
    State.UNREVIEWED: _l("Unreviewed"),
    State.REVIEWED_COMPLIANT: _l("Reviewed: compliant"),
    State.PURGED: _l("Purged"),
}

ACTION_LABELS: dict[Action, str] = {
    Action.SUBMIT: _l("Submit to the General Secretariat"),
    Action.START_REVIEW: _l("Start review"),
    Action.REQUEST_INFORMATION: _l("Ask for more information"),
    Action.PUBLISH: _l("Publish"),
    Action.REFUSE: _l("Refuse"),
    Action.WITHDRAW: _l("Withdraw request"),
    Action.CANCEL: _l("Cancel notice"),
    Action.EXPIRE: _l("Expire"),
    Action.SUSPEND: _l("Suspend"),
    Action.REINSTATE: _l("Reinstate"),
    Action.DELETE: _l("Delete"),
    Action.RENEW: _l("Renew for five years"),
    Action.CIRCULATE: _l("Circulate"),
    Action.CONFIRM_COMPLIANT: _l("Confirm compliant"),
    Action.PURGE: _l("Purge"),
}
PRIMARY = frozenset(
    {Action.SUBMIT, Action.START_REVIEW, Action.PUBLISH, Action.CONFIRM_COMPLIANT, Action.RENEW}
)
DOCUMENT_KINDS = {
    "passport": _l("Passport"),
    "national_id": _l("National identity card"),
    "residence_permit": _l("Residence permit"),
    "other": _l("Other document"),
}
DESTRUCTIVE = frozenset(
    {Action.REFUSE, Action.WITHDRAW, Action.CANCEL, Action.DELETE, Action.PURGE, Action.SUSPEND}
)
ACTION_DONE: dict[Action, str] = {
    Action.SUBMIT: _l("submitted"),
    Action.START_REVIEW: _l("taken into review"),
    Action.REQUEST_INFORMATION: _l("sent back for more information"),
    Action.PUBLISH: _l("published"),
    Action.REFUSE: _l("refused"),
    Action.WITHDRAW: _l("withdrawn"),
    Action.CANCEL: _l("cancelled"),
    Action.SUSPEND: _l("suspended"),
    Action.REINSTATE: _l("reinstated"),
    Action.DELETE: _l("deleted"),
    Action.RENEW: _l("renewed"),
    Action.CIRCULATE: _l("circulated"),
    Action.CONFIRM_COMPLIANT: _l("confirmed compliant"),
    Action.PURGE: _l("purged"),
    Action.EXPIRE: _l("expired"),
}
TYPE_LABELS: dict[NoticeType, str] = {
    NoticeType.RED_NOTICE: _l("Red notice"),
    NoticeType.WANTED_PERSON_DIFFUSION: _l("Wanted-person diffusion"),
}
SEX_LABELS: dict[Sex, str] = {Sex.MALE: _l("Male"), Sex.FEMALE: _l("Female"), Sex.UNKNOWN: _l("Unknown")}
ROLE_LABELS: dict[Role, str] = {
    Role.NCB_OFFICER: _l("NCB officer"),
    Role.REVIEWER: _l("General Secretariat reviewer"),
    Role.CCF: _l("Commission for the Control of Files"),
    Role.OVERSIGHT: _l("Oversight"),
    Role.ADMIN: _l("Administrator"),
    Role.SYSTEM: _l("System"),
}
STATE_ORDER: list[State] = list(State)

SEVERITY_ORDER = ("block", "review", "warn")
SEVERITY_LABELS = {
    "block": _l("Blocks publication"),
    "review": _l("Needs a written resolution"),
    "warn": _l("Warning"),
}
SEVERITY_SHORT = {"block": _l("Block"), "review": _l("Review"), "warn": _l("Warn")}
SEVERITY_HINTS = {
    "block": _l(
        "Only the Art. 83(1)(b) exception of particular importance, proposed with reasons and confirmed "
        "by a second reviewer, can override these."
    ),
    "review": _l("Each needs a written resolution before a decision."),
    "warn": _l("For information; no action is required."),
}
VERDICT_LABELS = {
    "compliant": _l("Compliant"),
    "needs_review": _l("Needs review"),
    "non_compliant": _l("Non-compliant"),
}
GROUND_LABELS: dict[Ground, str] = {
    Ground.ARTICLE_3: _l("Article 3: political, military, religious or racial character"),
    Ground.ARTICLE_2: _l("Article 2: human rights"),
    Ground.REFUGEE: _l("Refugee or asylum status"),
    Ground.DATA_QUALITY: _l("Data quality: minimum identity or judicial data (RPD Art. 83(2))"),
    Ground.PENALTY_THRESHOLD: _l("Penalty threshold (RPD Art. 83(1)(a))"),
    Ground.PRIVATE_DISPUTE: _l("Private dispute: a debt, a contract (RPD Art. 83(1)(a)(iii))"),
    Ground.ADMINISTRATIVE: _l("Administrative or regulatory offence (RPD Art. 83(1)(a)(iii))"),
    Ground.NORMS_OR_FAMILY: _l("Cultural norms, or a family or private matter (RPD Art. 83(1)(a)(i)-(ii))"),
    Ground.WARRANT_OR_ASSURANCE: _l("No valid warrant, or no extradition assurance (RPD Art. 82, 84)"),
    Ground.TIME_BARRED: _l("Statute of limitations, or purpose gone: acquitted, pardoned (RPD Art. 51, 81)"),
    Ground.RESUBMITTED: _l("Same facts refused or deleted before"),
    Ground.OTHER: _l("Other ground (say which below)"),
}
DECISION_LABELS = {
    "publish": _l("Published"),
    "refuse": _l("Refused"),
    "request_information": _l("More information requested"),
    "confirm_compliant": _l("Confirmed compliant"),
    "purge": _l("Purged"),
}
REVIEWABLE = (State.SUBMITTED, State.UNDER_REVIEW, State.UNREVIEWED)
"""States in which review records (resolutions, exception, Art. 3 assessment) can still be written."""
REFUSALS = (Action.REFUSE, Action.PURGE)
SIMILAR_STATES = (State.PUBLISHED, State.REFUSED, State.REVIEWED_COMPLIANT, State.PURGED)
SIMILAR_SCAN = 100
"""How many of the requesting country's latest decided notices the "similar decisions" box reads."""
SIMILAR_SHOWN = 5
DASHBOARD_QUEUE = 10
API_PREFIXES = ("/api/", "/notices/v1", "/openapi.json", "/docs", "/redoc", "/healthz")
"""Paths whose errors stay JSON (errors.install); every other path gets the HTML error page."""
HTTP_ERRORS = {
    404: (_l("Not found"), _l("This page does not exist.")),
    405: (_l("Not allowed"), _l("This address does not accept this kind of request.")),
    413: (_l("Too large"), _l("What you sent is larger than this service accepts.")),
}

# -- rendering ----------------------------------------------------------------------------------------------

_SCRIPTS = (
    ("ARABIC", "Arab"),
    ("CJK", "Hani"),
    ("CYRILLIC", "Cyrl"),
    ("HEBREW", "Hebr"),
    ("GREEK", "Grek"),
    ("DEVANAGARI", "Deva"),
    ("HANGUL", "Hang"),
    ("HIRAGANA", "Jpan"),
    ("KATAKANA", "Jpan"),
    ("THAI", "Thai"),
    ("GEORGIAN", "Geor"),
    ("ARMENIAN", "Armn"),
    ("BENGALI", "Beng"),
    ("TAMIL", "Taml"),
    ("ETHIOPIC", "Ethi"),
    ("LATIN", "Latn"),
)


def script_lang(text: str) -> str:
    """A BCP 47 tag naming only the script (``und-Arab``), so browsers pick fonts and shaping right."""
    counts: dict[str, int] = {}
    for ch in text:
        if not ch.isalpha():
            continue
        uname = unicodedata.name(ch, "")
        for prefix, code in _SCRIPTS:
            if uname.startswith(prefix):
                counts[code] = counts.get(code, 0) + 1
                break
    if not counts:
        return "und"
    return "und-" + max(counts, key=lambda k: counts[k])


COLOURS: dict[str, str] = {
    "BLA": _l("black"),
    "BLU": _l("blue"),
    "BRO": _l("brown"),
    "GRE": _l("green"),
    "GRY": _l("grey"),
    "HAZ": _l("hazel"),
    "BLN": _l("blond"),
    "RED": _l("red"),
    "WHI": _l("white"),
    "BAL": _l("bald"),
}
"""INTERPOL's colour codes read in words; an unknown code is shown as given."""


def colours(codes: Iterable[str]) -> str:
    return ", ".join(f"{COLOURS[c.upper()]} ({c})" if c.upper() in COLOURS else str(c) for c in codes)


def _as_utc(when: datetime) -> datetime:
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def fmt_datetime(when: datetime | None) -> str:
    return "" if when is None else i18n.fmt_moment(_as_utc(when))


def fmt_date(when: datetime | None) -> str:
    return "" if when is None else i18n.fmt_day(_as_utc(when))


def fmt_partial(value: PartialDate | None) -> str:
    """PartialDate.human() in the reader's language (the digits stay ISO: unambiguous everywhere)."""
    if value is None:
        return _("unknown")
    if value.month is None:
        return _("%(year)s (month and day unknown)") % {"year": value.year}
    if value.day is None:
        return _("%(year_month)s (day unknown)") % {"year_month": f"{value.year}-{value.month:02d}"}
    return value.iso()


def fmt_years(value: float | None) -> str:
    if value is None:
        return _("not stated")
    shown = int(value) if float(value).is_integer() else value
    # a fraction takes the general plural (ngettext counts whole things)
    count = int(value) if float(value).is_integer() else 100
    return ngettext("%(num)s year", "%(num)s years", count) % {"num": i18n.fmt_number(shown)}


def country_label(code: str | None) -> str:
    """A country's name in the reader's language (CLDR, through Babel); English keeps ISO 3166 names."""
    if not code:
        return ""
    if i18n.current() != i18n.DEFAULT:
        local = i18n.territory_name(code)
        if local:
            return local
    return name_of(code)


def state_label(value: object) -> str:
    try:
        return STATE_LABELS.get(State(str(value)), str(value))
    except ValueError:
        return str(value).replace("_", " ").capitalize()


def action_label(action: Action) -> str:
    return ACTION_LABELS.get(action) or action.value.replace("_", " ").capitalize()


def days_waiting(notice: Notice, now: datetime) -> int | None:
    since = notice.submitted_at or notice.created_at
    return None if since is None else max(0, (_as_utc(now) - _as_utc(since)).days)


NOT_A_WARRANT_SHOWN = _l(
    "A red notice is a request to locate and provisionally arrest a person pending extradition. "
    "It is not an arrest warrant: each country decides under its own law what to do."
)
"""services.views.NOT_A_WARRANT in the reader's language (a test keeps the English text equal)."""


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
        SIMILAR_SCAN=SIMILAR_SCAN,
        lang="en",  # the page's language and direction; render() sets the request's
        text_direction="ltr",
        # INTERPOL's working languages, each named in itself (the switcher's entries)
        languages=i18n.LANGUAGES,
    )
    return env


ENV = _env()


def _csrf_token(request: Request) -> str:
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
        csrf_token=lambda: _csrf_token(request),
        flashes=flashes,
        path=request.url.path,
        lang=i18n.current(),
        text_direction=i18n.direction(),
        **context,
    )
    response = HTMLResponse(html, status_code=status, headers=_language_headers())
    _secure(response, private=actor is not None)
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
        csrf_token=lambda: _csrf_token(request),
        path=request.url.path,
        lang=i18n.current(),
        text_direction=i18n.direction(),
        **context,
    )
    headers = {**SECURITY_HEADERS, **_language_headers(), "Cache-Control": "no-store"}
    return HTMLResponse(html, status_code=status, headers=headers)


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def _secure(response: Response, private: bool = True) -> Response:
    response.headers.update(SECURITY_HEADERS)
    if private:
        response.headers["Cache-Control"] = "no-store"
    return response


def redirect(url: str) -> RedirectResponse:
    response = RedirectResponse(url, status_code=303)
    _secure(response)
    return response


def _safe_next(value: str | None) -> str:
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


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def session_actor(request: Request) -> Actor | None:
    """The signed-in person, from the signed session cookie; None if nobody (or a disabled account)."""
    data = request.session.get(SESSION_USER)
    if not isinstance(data, dict) or not isinstance(data.get("sid"), str):
        return None
    return user_service.session_actor(data["sid"], _store(request).reader(), _store(request).uow)


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


def _text(form: FormData, name: str, limit: int = 10_000) -> str:
    value = form.get(name)
    return value.strip()[:limit] if isinstance(value, str) else ""


def _texts(form: FormData, name: str, limit: int = 500) -> list[str]:
    return [v.strip()[:limit] if isinstance(v, str) else "" for v in form.getlist(name)]


# -- actions a person may take on a notice ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ActionChoice:
    action: Action
    label: str
    reasons_required: bool
    destructive: bool
    description: str
    primary: bool = False


def actions_for(actor: Actor, notice: Notice) -> list[ActionChoice]:
    """The lifecycle actions this person may try on this notice (the use case checks again)."""
    out = []
    for action in allowed_actions(notice.type, notice.state):
        rule: Rule = TRANSITIONS[(notice.type, notice.state, action)]
        if actor.role not in rule.roles:
            continue
        if actor.role is Role.NCB_OFFICER and actor.country != notice.requesting_country:
            continue
        out.append(
            ActionChoice(
                action,
                action_label(action),
                rule.reasons_required,
                action in DESTRUCTIVE,
                rule.description,
                action in PRIMARY,
            )
        )
    return out


# -- public extracts ----------------------------------------------------------------------------------------


def public_extract(notice: Notice) -> dict[str, Any]:
    """Only what a public red notice shows: names, birth date, nationalities, sex, charges, description.

    No warrant, no restrictions, no internal states, no requesting officer: templates for the public
    pages receive this dictionary, never the notice itself.
    """
    s = notice.request.subject
    pd = s.physical_description
    physical: dict[str, Any] | None = None
    if pd is not None and not pd.is_empty():
        physical = {
            "height_m": pd.height_m,
            "weight_kg": pd.weight_kg,
            "eye_colours": list(pd.eye_colours),
            "hair_colours": list(pd.hair_colours),
            "distinguishing_marks": pd.distinguishing_marks,
        }
    return {
        "ref": url_ref(notice.id),
        "id": notice.id,
        "family_name": s.family_name,
        "given_names": s.given_names,
        "names_original_script": list(s.names_original_script),
        "sex": SEX_LABELS[s.sex],
        "date_of_birth": fmt_partial(s.date_of_birth),
        "nationalities": [country_label(c) for c in s.nationalities],
        "charges": [
            {"offence": c.offence, "offence_original": c.offence_original}
            for c in notice.request.judicial.charges
        ],
        "physical": physical,
    }


# -- the request form ---------------------------------------------------------------------------------------

FORM_FIELDS = (
    "type",
    "family_name",
    "given_names",
    "names_original_script",
    "aliases",
    "sex",
    "dob_year",
    "dob_month",
    "dob_day",
    "place_of_birth",
    "country_of_birth",
    "nationalities",
    "height_m",
    "weight_kg",
    "eye_colours",
    "hair_colours",
    "distinguishing_marks",
    "facts_summary",
    "facts_date",
    "facts_place",
    "warrant_reference",
    "warrant_issued_on",
    "warrant_authority",
    "warrant_judicial",
    "warrant_appealable",
    "extradition",
    "restricted_to",
    "language",
    "doc_kind",
    "doc_number",
    "doc_country",
)
BIOMETRICS = ("photo", "fingerprints", "dna")
ERROR_ANCHORS = {
    "date_of_birth": "f-dob_year",
    "charges": "charge-1-offence",
    "identity_document": "f-doc_kind",
    "physical_description": "f-height_m",
}
"""The input an error summary links to, where the error's key is not itself an input's name."""
CHARGE_FIELDS = ("offence", "law", "max_penalty_years", "offence_original")

# where a contract field's error is shown on the form
ERROR_TARGETS: dict[str, str] = {
    "type": "type",
    "requesting_country": "general",
    "subject.family_name": "family_name",
    "subject.given_names": "given_names",
    "subject.names_original_script": "names_original_script",
    "subject.aliases": "aliases",
    "subject.aliases.family_name": "aliases",
    "subject.aliases.given_names": "aliases",
    "subject.sex": "sex",
    "subject.date_of_birth": "date_of_birth",
    "subject.place_of_birth": "place_of_birth",
    "subject.country_of_birth": "country_of_birth",
    "subject.nationalities": "nationalities",
    "subject.identity_documents": "identity_document",
    "subject.identity_documents.kind": "identity_document",
    "subject.identity_documents.number": "identity_document",
    "subject.identity_documents.issuing_country": "identity_document",
    "subject.physical_description.height_m": "height_m",
    "subject.physical_description.weight_kg": "weight_kg",
    "subject.physical_description.eye_colours": "eye_colours",
    "subject.physical_description.hair_colours": "hair_colours",
    "subject.physical_description.distinguishing_marks": "distinguishing_marks",
    "judicial.facts.summary": "facts_summary",
    "judicial.facts.date": "facts_date",
    "judicial.facts.place": "facts_place",
    "judicial.charges": "charges",
    "judicial.warrant.reference": "warrant_reference",
    "judicial.warrant.issued_on": "warrant_issued_on",
    "judicial.warrant.authority": "warrant_authority",
    "judicial.warrant.judicial": "warrant_judicial",
    "judicial.warrant.appealable_to_judge": "warrant_appealable",
    "assurances.extradition_will_be_sought": "extradition",
    "visibility.restricted_to": "restricted_to",
    "visibility.public_extract": "public_extract",
    "language": "language",
}


def empty_form() -> dict[str, Any]:
    values: dict[str, Any] = dict.fromkeys(FORM_FIELDS, "")
    values.update(
        type=NoticeType.RED_NOTICE.value, sex=Sex.UNKNOWN.value, language="en", public_extract=False
    )
    values.update({f"bio_{name}": False for name in BIOMETRICS})
    values["charges"] = [dict.fromkeys(CHARGE_FIELDS, "")]
    return values


def form_values(form: FormData) -> dict[str, Any]:
    """What the officer typed, kept as typed so a form with errors comes back filled in."""
    values: dict[str, Any] = {name: _text(form, name) for name in FORM_FIELDS}
    values["public_extract"] = form.get("public_extract") == "yes"
    for name in BIOMETRICS:
        values[f"bio_{name}"] = form.get(f"bio_{name}") == "yes"
    columns = [_texts(form, f"charge_{name}") for name in CHARGE_FIELDS]
    rows = max((len(c) for c in columns), default=0)
    charges = [
        {name: (col[i] if i < len(col) else "") for name, col in zip(CHARGE_FIELDS, columns, strict=True)}
        for i in range(min(rows, 50))
    ]
    values["charges"] = charges or [dict.fromkeys(CHARGE_FIELDS, "")]
    return values


def _split_codes(text: str) -> list[str]:
    return [c.upper() for c in re.split(r"[\s,;]+", text) if c]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _tristate(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def _number(value: str) -> str | None:
    """Empty means not stated; anything else goes to the contract's validation as typed."""
    return value.replace(",", ".") if value else None


def _birth_date(values: Mapping[str, Any]) -> str | None:
    year, month, day = (str(values[k]).strip() for k in ("dob_year", "dob_month", "dob_day"))
    if not (year or month or day):
        return None
    parts = [year or "?"]
    if month or day:
        parts.append(month.zfill(2) if month.isdigit() else (month or "?"))
    if day:
        parts.append(day.zfill(2) if day.isdigit() else day)
    return "-".join(parts)


def contract_json(values: Mapping[str, Any], country: str) -> dict[str, Any]:
    """Turn the form into the notice-request contract (shared/contracts/notice-request.md)."""
    aliases = []
    for line in _lines(values["aliases"]):
        family, _, given = line.partition(",")
        aliases.append({"family_name": family.strip(), "given_names": given.strip()})
    physical = {
        "height_m": _number(values["height_m"]),
        "weight_kg": _number(values["weight_kg"]),
        "eye_colours": _split_codes(values["eye_colours"]),
        "hair_colours": _split_codes(values["hair_colours"]),
        "distinguishing_marks": values["distinguishing_marks"],
    }
    has_physical = any(v for v in physical.values())
    warrant = {
        "reference": values["warrant_reference"],
        "issued_on": values["warrant_issued_on"] or None,
        "authority": values["warrant_authority"],
        "judicial": _tristate(values["warrant_judicial"]),
        "appealable_to_judge": _tristate(values["warrant_appealable"]),
    }
    has_warrant = any(v not in ("", None) for v in warrant.values())
    restricted = _split_codes(values["restricted_to"])
    documents = []
    if values["doc_kind"] or values["doc_number"] or values["doc_country"]:
        documents.append(
            {
                "kind": values["doc_kind"],
                "number": values["doc_number"],
                "issuing_country": values["doc_country"].upper() or None,
            }
        )
    return {
        "type": values["type"],
        "requesting_country": country,
        "language": values["language"] or "en",
        "subject": {
            "family_name": values["family_name"],
            "given_names": values["given_names"],
            "names_original_script": _lines(values["names_original_script"]),
            "aliases": aliases,
            "sex": values["sex"] or Sex.UNKNOWN.value,
            "date_of_birth": _birth_date(values),
            "place_of_birth": values["place_of_birth"],
            "country_of_birth": values["country_of_birth"].upper() or None,
            "nationalities": _split_codes(values["nationalities"]),
            "identity_documents": documents,
            "physical_description": physical if has_physical else None,
            "biometrics": {name: bool(values[f"bio_{name}"]) for name in BIOMETRICS},
        },
        "judicial": {
            "facts": {
                "summary": values["facts_summary"],
                "date": values["facts_date"] or None,
                "place": values["facts_place"],
            },
            "charges": [
                {
                    "offence": c["offence"],
                    "law": c["law"],
                    "max_penalty_years": _number(c["max_penalty_years"]),
                    "offence_original": c["offence_original"],
                }
                for c in values["charges"]
                if any(c.values())
            ],
            "warrant": warrant if has_warrant else None,
        },
        "assurances": {"extradition_will_be_sought": _tristate(values["extradition"])},
        "visibility": {
            "restricted_to": restricted or None,
            "excluded_countries": [],
            "public_extract": bool(values["public_extract"]),
        },
    }


PYDANTIC_WORDS: dict[str, str] = {
    "string_too_short": _l("this is required"),
    "missing": _l("this is required"),
    "string_too_long": _l("this is too long"),
    "float_parsing": _l("give a number, e.g. 1.75"),
    "int_parsing": _l("give a whole number"),
    "greater_than": _l("give a number above zero"),
    "greater_than_equal": _l("give a number of zero or more"),
    "less_than_equal": _l("this number is too large"),
    "bool_parsing": _l("answer yes or no"),
    "literal_error": _l("choose one of the options offered"),
    "enum": _l("choose one of the options offered"),
}
"""What a person reads for the validation errors that pydantic words for programmers."""


def readable(err: Mapping[str, Any]) -> str:
    """One validation error in words for the person filling in the form (never pydantic's own wording)."""
    kind = str(err.get("type", ""))
    if kind in PYDANTIC_WORDS:
        return PYDANTIC_WORDS[kind]
    return str(err.get("msg", "invalid")).removeprefix("Value error, ")


def field_errors(exc: e.InvalidInput) -> dict[str, list[str]]:
    """Sort the contract's validation errors under the form fields they belong to."""
    out: dict[str, list[str]] = {}
    cause = exc.__cause__
    if not isinstance(cause, ValidationError):
        out.setdefault("general", []).append(exc.message)
        return out
    for err in cause.errors():
        loc = [p for p in err.get("loc", ()) if isinstance(p, str)]
        numbers = [p for p in err.get("loc", ()) if isinstance(p, int)]
        key = ".".join(loc)
        target = ERROR_TARGETS.get(key) or ERROR_TARGETS.get(".".join(loc[:2])) or "general"
        message = readable(err)
        if key.startswith("judicial.charges") and numbers:
            message = _("charge %(number)s, %(field)s: %(message)s") % {
                "number": numbers[0] + 1,
                "field": loc[-1].replace("_", " "),
                "message": message,
            }
        elif numbers:
            message = _("item %(number)s: %(message)s") % {"number": numbers[0] + 1, "message": message}
        elif target == "general":
            message = f"{key or 'request'}: {message}"
        out.setdefault(target, []).append(message)
    return out


def _form_checks(values: Mapping[str, Any]) -> dict[str, list[str]]:
    """What the contract allows but a request form must not send."""
    out: dict[str, list[str]] = {}
    if not any(c["offence"] for c in values["charges"]):
        out["charges"] = [_("give at least one charge (the offence as charged)")]
    if values["type"] not in {t.value for t in NoticeType}:
        out["type"] = [_("choose a red notice or a wanted-person diffusion")]
    return out


def _num_text(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def values_from_request(req: NoticeRequest) -> dict[str, Any]:
    """The form filled in with a stored request (to edit a draft or answer a request for information)."""
    s, j = req.subject, req.judicial
    values = empty_form()
    pd = s.physical_description
    doc = s.identity_documents[0] if s.identity_documents else None
    dob = s.date_of_birth.iso().split("-") if s.date_of_birth else []
    values.update(
        type=req.type.value,
        language=req.language,
        family_name=s.family_name,
        given_names=s.given_names,
        names_original_script="\n".join(s.names_original_script),
        aliases="\n".join(f"{a.family_name}, {a.given_names}".rstrip(", ") for a in s.aliases),
        sex=s.sex.value,
        dob_year=dob[0] if len(dob) > 0 and dob[0] != "?" else "",
        dob_month=dob[1] if len(dob) > 1 and dob[1] != "?" else "",
        dob_day=dob[2] if len(dob) > 2 else "",
        place_of_birth=s.place_of_birth,
        country_of_birth=s.country_of_birth or "",
        nationalities=", ".join(s.nationalities),
        height_m=_num_text(pd.height_m) if pd else "",
        weight_kg=_num_text(pd.weight_kg) if pd else "",
        eye_colours=", ".join(pd.eye_colours) if pd else "",
        hair_colours=", ".join(pd.hair_colours) if pd else "",
        distinguishing_marks=pd.distinguishing_marks if pd else "",
        facts_summary=j.facts.summary,
        facts_date=j.facts.date.iso() if j.facts.date else "",
        facts_place=j.facts.place,
        warrant_reference=j.warrant.reference if j.warrant else "",
        warrant_issued_on=j.warrant.issued_on.iso() if j.warrant and j.warrant.issued_on else "",
        warrant_authority=j.warrant.authority if j.warrant else "",
        warrant_judicial=_yes_no(j.warrant.judicial) if j.warrant else "",
        warrant_appealable=_yes_no(j.warrant.appealable_to_judge) if j.warrant else "",
        extradition=_yes_no(req.assurances.extradition_will_be_sought),
        restricted_to=", ".join(req.visibility.restricted_to or ()),
        doc_kind=doc.kind if doc else "",
        doc_number=doc.number if doc else "",
        doc_country=(doc.issuing_country or "") if doc else "",
        public_extract=req.visibility.public_extract,
    )
    for name in BIOMETRICS:
        values[f"bio_{name}"] = bool(getattr(s.biometrics, name))
    values["charges"] = [
        {
            "offence": c.offence,
            "law": c.law,
            "max_penalty_years": _num_text(c.max_penalty_years),
            "offence_original": c.offence_original,
        }
        for c in j.charges
    ] or [dict.fromkeys(CHARGE_FIELDS, "")]
    return values


def carry_over(data: dict[str, Any], stored: NoticeRequest) -> dict[str, Any]:
    """What the form does not show is kept from the stored request (occupations, profile, relations to
    other notices, a conviction, excluded countries, further identity documents...), not lost by an edit."""
    old = stored.to_dict()
    subject, judicial = data["subject"], data["judicial"]
    for key in ("occupations", "profile", "relations"):
        subject[key] = old["subject"].get(key, [])
    subject["identity_documents"] = subject["identity_documents"] + old["subject"]["identity_documents"][1:]
    judicial["conviction"] = old["judicial"].get("conviction")
    data["visibility"]["excluded_countries"] = old["visibility"].get("excluded_countries", [])
    competent = old["assurances"].get("issuing_authority_competent")
    if competent is not None:
        data["assurances"]["issuing_authority_competent"] = competent
    return data


# -- routes -------------------------------------------------------------------------------------------------


def _country_choices() -> list[tuple[str, str]]:
    return sorted(names().items(), key=lambda kv: kv[1])


def install(app: FastAPI) -> None:
    """Add the page routes and the static files to the app."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    install_html_errors(app)
    app.add_middleware(i18n.LanguageMiddleware)

    # the language switch: remembered in a cookie (signing in replaces the session, the choice stays).
    # No CSRF token: it changes nothing stored and shows nothing new; a forged post could only change the
    # language of someone's pages, which they switch back, and it must work from any page, signed in or not.
    @app.post("/language", include_in_schema=False)
    async def choose_language(request: Request) -> Response:
        form = await request.form()
        chosen = i18n.supported(_text(form, "lang", 20))
        response = redirect(_safe_next(_text(form, "next", 2000)))
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

    @app.get("/login", include_in_schema=False)
    async def login_form(request: Request, next: str = "/") -> Response:
        actor = await current_actor(request)
        if actor is not None:
            return redirect(_safe_next(next))
        return render(request, "login.html", None, next=_safe_next(next), error=None, username="")

    @app.post("/login", include_in_schema=False)
    async def login(request: Request) -> Response:
        try:
            form = await checked_form(request)
        except CsrfFailure:
            return csrf_refused(request, None)
        username = _text(form, "username", 120)
        password = form.get("password")
        password = password[:1000] if isinstance(password, str) else ""
        target = _safe_next(_text(form, "next", 2000))
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
                user_service.authenticate, username, password, _store(request).uow()
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
            return render(
                request, "login.html", None, status=401, next=target, username=username, error=error
            )
        # a new session: nothing from before sign-in survives, and a new CSRF token
        sid = await run_in_threadpool(user_service.open_session, actor, _store(request).uow())
        request.session.clear()
        request.session[SESSION_USER] = {"username": actor.username, "sid": sid}
        request.session[SESSION_CSRF] = secrets.token_urlsafe(32)
        return redirect(target)

    @app.post("/logout", include_in_schema=False)
    async def logout(request: Request) -> Response:
        try:
            await checked_form(request)
        except CsrfFailure:
            return csrf_refused(request, await current_actor(request))
        data = request.session.get(SESSION_USER)
        if isinstance(data, dict) and isinstance(data.get("sid"), str):
            await run_in_threadpool(user_service.close_session, data["sid"], _store(request).uow())
        request.session.clear()
        flash(request, "info", _("You are signed out."))
        return redirect("/login")

    # the dashboard

    @app.get("/", include_in_schema=False)
    async def dashboard(request: Request) -> Response:
        actor = await current_actor(request)
        if actor is None:
            return login_redirect(request)
        page = _page_number(request.query_params.get("page"))
        data = await run_in_threadpool(_dashboard_data, _store(request), actor, page)
        return render(request, "dashboard.html", actor, page=page, page_url=_page_url(request), **data)

    # notices

    @app.get("/notices", include_in_schema=False)
    async def notice_list(request: Request) -> Response:
        actor = await current_actor(request)
        if actor is None:
            return login_redirect(request)
        q = request.query_params
        criteria = {
            "name": q.get("name", "").strip()[:200],
            "state": q.get("state", ""),
            "type": q.get("type", ""),
            "nationality": q.get("nationality", "").strip().upper()[:2],
            "requesting_country": q.get("requesting_country", "").strip().upper()[:2],
        }
        page = _page_number(q.get("page"))
        flt = NoticeFilter(
            requesting_country=criteria["requesting_country"] or None,
            states=(State(criteria["state"]),) if criteria["state"] in {s.value for s in State} else (),
            type=NoticeType(criteria["type"]) if criteria["type"] in {t.value for t in NoticeType} else None,
            name=criteria["name"] or None,
            nationality=criteria["nationality"] or None,
            offset=(page - 1) * PAGE_SIZE,
            limit=PAGE_SIZE,
        )
        try:
            result = await run_in_threadpool(ns.list_notices, flt, actor, _store(request).uow())
        except e.Forbidden:
            return error_page(
                request,
                actor,
                403,
                _("Not available"),
                _("Your role (%(role)s) does not search notices.") % {"role": ROLE_LABELS[actor.role]},
            )
        return render(
            request,
            "notices.html",
            actor,
            notices=result.items,
            total=result.total,
            page=page,
            pages=_pages(result.total),
            criteria=criteria,
            states=STATE_ORDER,
            state_labels=STATE_LABELS,
            page_url=_page_url(request),
        )

    @app.get("/notices/{ref}", include_in_schema=False)
    async def notice_page(request: Request, ref: str) -> Response:
        actor = await current_actor(request)
        if actor is None:
            return login_redirect(request)
        notice_id = notice_id_from_ref(ref)
        if notice_id is None:
            return not_found(request, actor, _("There is no notice with this reference."))
        return await notice_response(request, actor, notice_id)

    @app.post("/notices/{ref}/actions", include_in_schema=False)
    async def notice_action(request: Request, ref: str) -> Response:
        actor = await current_actor(request)
        if actor is None:
            return login_redirect(request)
        try:
            form = await checked_form(request)
        except CsrfFailure:
            return csrf_refused(request, actor)
        notice_id = notice_id_from_ref(ref)
        if notice_id is None:
            return not_found(request, actor, _("There is no notice with this reference."))
        back = f"/notices/{url_ref(notice_id)}"
        try:
            action = Action(_text(form, "action", 40))
        except ValueError:
            flash(request, "error", _("Choose one of the actions offered on the page."))
            return redirect(back)
        version_text = _text(form, "expected_version", 12)
        expected = int(version_text) if version_text.isdigit() else None
        grounds = parse_grounds(form) if action in REFUSALS else ()
        other = {"other_ground": _text(form, "other_ground", 200)} if Ground.OTHER in grounds else {}
        cmd = ns.Transition(notice_id, action, _text(form, "reasons", 20_000), expected, grounds, other)
        try:
            notice = await run_in_threadpool(ns.transition, cmd, actor, _store(request).uow())
        except e.NotFound:
            return not_found(
                request, actor, _("There is no notice %(ref)s that you may see.") % {"ref": notice_id}
            )
        except e.Conflict:
            flash(
                request,
                "error",
                _(
                    "Someone changed this notice while you were reading it. Nothing was done: "
                    "read the current version below and decide again."
                ),
            )
            return redirect(back)
        except e.IllegalTransition as exc:
            flash(
                request,
                "error",
                _("Not possible in the notice's current state: %(reason)s.") % {"reason": exc.message},
            )
            return redirect(back)
        except e.RuleViolation as exc:
            problems = exc.details.get("problems")
            if isinstance(problems, list) and problems:
                flash(
                    request,
                    "error",
                    _("Not %(done)s: this still needs") % {"done": ACTION_DONE.get(action, _("done"))},
                    problems,
                )
            elif exc.message.endswith("needs written reasons"):
                label = action_label(action)
                flash(
                    request,
                    "error",
                    _("“%(action)s” needs written reasons: write them in the Reasons box.")
                    % {"action": label},
                )
            else:
                flash(request, "error", _("Not done: %(reason)s.") % {"reason": exc.message})
            return redirect(back)
        except e.Forbidden as exc:
            flash(request, "error", _("You may not do this: %(reason)s.") % {"reason": exc.message})
            return redirect(back)
        except e.DomainError as exc:
            flash(request, "error", _("Not done: %(reason)s.") % {"reason": exc.message})
            return redirect(back)
        flash(
            request,
            "success",
            _("Notice %(ref)s: %(done)s.")
            % {"ref": notice.id, "done": ACTION_DONE.get(action, action.value)},
        )
        if not policy.can_see_notice(actor, notice):
            return redirect("/")
        return redirect(back)

    # the reviewer's work: the queue and the review records

    @app.get("/review", include_in_schema=False)
    async def review_queue(request: Request) -> Response:
        actor = await current_actor(request)
        if actor is None:
            return login_redirect(request)
        if actor.role is not Role.REVIEWER:
            return error_page(
                request,
                actor,
                403,
                _("Not available"),
                _("The review queue is for General Secretariat reviewers."),
            )
        page = _page_number(request.query_params.get("page"))
        flt, criteria, problems = queue_filter(request.query_params)
        data = await run_in_threadpool(_queue_data, _store(request), actor, page, flt)
        return render(
            request,
            "review_queue.html",
            actor,
            status=422 if problems else 200,
            page=page,
            page_url=_page_url(request),
            criteria=criteria,
            problems=problems,
            iccs_sections=[(sec.code, sec.name) for sec in ICCS_SECTIONS],
            countries=_country_choices(),
            **data,
        )

    @app.post("/notices/{ref}/resolutions", include_in_schema=False)
    async def resolve_finding(request: Request, ref: str) -> Response:
        def do(notice_id: str, form: FormData, actor: Actor, store: Store) -> str:
            code = _text(form, "code", 10)
            review.resolve_finding(notice_id, code, _text(form, "resolution", 20_000), actor, store.uow())
            return _("Resolution of %(code)s recorded.") % {"code": code}

        return await _review_post(request, ref, do, fragment="_finding.html")

    @app.post("/notices/{ref}/exception", include_in_schema=False)
    async def propose_exception(request: Request, ref: str) -> Response:
        def do(notice_id: str, form: FormData, actor: Actor, store: Store) -> str:
            review.propose_exception(notice_id, _text(form, "exception_reasons", 20_000), actor, store.uow())
            return _("Exception proposed. A second reviewer must confirm it.")

        return await _review_post(request, ref, do, anchor="exception")

    @app.post("/notices/{ref}/exception/confirm", include_in_schema=False)
    async def confirm_exception(request: Request, ref: str) -> Response:
        def do(notice_id: str, form: FormData, actor: Actor, store: Store) -> str:
            review.confirm_exception(notice_id, _text(form, "confirm_reasons", 20_000), actor, store.uow())
            return _("Exception confirmed.")

        return await _review_post(request, ref, do, anchor="exception")

    @app.post("/notices/{ref}/article3", include_in_schema=False)
    async def record_article3(request: Request, ref: str) -> Response:
        def do(notice_id: str, form: FormData, actor: Actor, store: Store) -> str:
            factors = {key: _text(form, f"factor_{key}", 20_000) for key in review.ARTICLE_34_FACTORS}
            review.record_article3(notice_id, factors, _text(form, "conclusion", 20_000), actor, store.uow())
            return "Article 3 assessment recorded."

        return await _review_post(request, ref, do, fragment="_article3.html", anchor="article3")

    async def _review_post(
        request: Request,
        ref: str,
        do: Callable[[str, FormData, Actor, Store], str],
        fragment: str | None = None,
        anchor: str = "compliance",
    ) -> Response:
        """A review record from a form: htmx gets the updated fragment back, a plain form a new page."""
        actor = await current_actor(request)
        if actor is None:
            return login_redirect(request)
        try:
            form = await checked_form(request)
        except CsrfFailure:
            return csrf_refused(request, actor)
        notice_id = notice_id_from_ref(ref)
        if notice_id is None:
            return not_found(request, actor, _("There is no notice with this reference."))
        code = _text(form, "code", 10)
        typed = {k: v.strip() for k, v in form.items() if isinstance(v, str) and k != CSRF_FIELD}
        store = _store(request)
        try:
            done = await run_in_threadpool(do, notice_id, form, actor, store)
        except e.NotFound:
            return not_found(
                request, actor, _("There is no notice %(ref)s that you may see.") % {"ref": notice_id}
            )
        except e.DomainError as exc:
            message = exc.message[:1].upper() + exc.message[1:] + "."
            errors = {code or anchor: message}
            if fragment and is_htmx(request):
                return await _review_fragment(request, actor, notice_id, fragment, code, 422, errors, typed)
            return await notice_response(
                request, actor, notice_id, 422, form_errors=errors, form_values=typed
            )
        if fragment and is_htmx(request):
            return await _review_fragment(request, actor, notice_id, fragment, code, 200, {}, {}, done)
        flash(request, "success", done)
        return redirect(f"/notices/{url_ref(notice_id)}#{f'finding-{code}' if code else anchor}")

    async def _review_fragment(
        request: Request,
        actor: Actor,
        notice_id: str,
        template: str,
        code: str,
        status: int,
        errors: dict[str, str],
        typed: dict[str, str],
        saved: str = "",
    ) -> Response:
        store = _store(request)
        notice = await run_in_threadpool(ns.get_notice, notice_id, actor, store.uow(), False)
        data = await run_in_threadpool(_review_data, store, actor, notice, False)
        rv = data["rv"]
        if rv is None:  # not a reviewer: the use case refused, and there is no dossier to show
            message = next(iter(errors.values()), _("Only a General Secretariat reviewer does this."))
            return render_fragment(request, "_message.html", actor, 403, level="error", message=message)
        group = next((g for sev in rv["groups"] for g in sev["cards"] if g["code"] == code), None)
        return render_fragment(
            request,
            template,
            actor,
            status,
            notice=notice,
            rv=rv,
            g=group,
            form_errors=errors,
            form_values=typed,
            saved=saved,
            oob=True,
        )

    # the request form

    @app.get("/requests/new", include_in_schema=False)
    async def request_form(request: Request) -> Response:
        actor = await current_actor(request)
        if actor is None:
            return login_redirect(request)
        if actor.role is not Role.NCB_OFFICER:
            return _not_an_officer(request, actor)
        return render(request, "request_form.html", actor, **_form_context(empty_form(), {}))

    @app.get("/requests/new/charge", include_in_schema=False)
    async def charge_row(request: Request, n: int = 2) -> Response:
        actor = await current_actor(request)
        if actor is None or actor.role is not Role.NCB_OFFICER:
            return Response(status_code=403)
        n = max(1, min(n, 50))
        html = ENV.get_template("_charge_row.html").render(
            n=n, charge=dict.fromkeys(CHARGE_FIELDS, ""), errors={}, oob=True
        )
        return _secure(HTMLResponse(html))

    @app.post("/requests/new", include_in_schema=False)
    async def request_submit(request: Request) -> Response:
        actor = await current_actor(request)
        if actor is None:
            return login_redirect(request)
        if actor.role is not Role.NCB_OFFICER or actor.country is None:
            return _not_an_officer(request, actor)
        try:
            form = await checked_form(request)
        except CsrfFailure:
            return csrf_refused(request, actor)
        values = form_values(form)
        if form.get("add_charge"):  # the no-script way to add a charge row
            values["charges"].append(dict.fromkeys(CHARGE_FIELDS, ""))
            return render(request, "request_form.html", actor, **_form_context(values, {}))
        if form.get("check"):  # the no-script way to check before submitting
            live = await run_in_threadpool(_live_check, _store(request), values, actor.country)
            return render(request, "request_form.html", actor, **{**_form_context(values, {}), **live})
        errors = _form_checks(values)
        data = contract_json(values, actor.country)
        try:
            notice_request = parse_request(data)
        except e.InvalidInput as exc:
            for field, messages in field_errors(exc).items():
                errors.setdefault(field, []).extend(messages)
            notice_request = None
        if errors or notice_request is None:
            return render(request, "request_form.html", actor, status=422, **_form_context(values, errors))
        send = form.get("send") != "draft"
        try:
            notice = await run_in_threadpool(
                ns.create_request, ns.CreateRequest(notice_request, send=send), actor, _store(request).uow()
            )
        except e.DomainError as exc:
            errors = {"general": [exc.message]}
            return render(request, "request_form.html", actor, status=422, **_form_context(values, errors))
        if send:
            what = (
                _("submitted for review")
                if notice.type is NoticeType.RED_NOTICE
                else _("circulated (unreviewed)")
            )
        else:
            what = _("saved as a draft")
        flash(request, "success", _("Request %(ref)s: %(done)s.") % {"ref": notice.id, "done": what})
        return redirect(f"/notices/{url_ref(notice.id)}")

    @app.get("/notices/{ref}/edit", include_in_schema=False)
    async def edit_form(request: Request, ref: str) -> Response:
        actor = await current_actor(request)
        if actor is None:
            return login_redirect(request)
        target = await _editable(request, actor, ref)
        if isinstance(target, Response):
            return target
        context = {**_form_context(values_from_request(target.request), {}), **_edit_context(target, "")}
        return render(request, "request_form.html", actor, **context)

    @app.post("/notices/{ref}/edit", include_in_schema=False)
    async def edit_submit(request: Request, ref: str) -> Response:
        actor = await current_actor(request)
        if actor is None:
            return login_redirect(request)
        try:
            form = await checked_form(request)
        except CsrfFailure:
            return csrf_refused(request, actor)
        target = await _editable(request, actor, ref)
        if isinstance(target, Response):
            return target
        assert actor.country is not None  # _editable: the requesting NCB's officer
        values = form_values(form)
        values["type"] = target.type.value  # the type of a request does not change
        answer = _text(form, "answer", 20_000)
        edit = _edit_context(target, answer)

        def again(errors: dict[str, list[str]], status: int = 422) -> Response:
            context = {**_form_context(values, errors), **edit}
            return render(request, "request_form.html", actor, status=status, **context)

        if form.get("add_charge"):
            values["charges"].append(dict.fromkeys(CHARGE_FIELDS, ""))
            return again({}, 200)
        if form.get("check"):
            live = await run_in_threadpool(_live_check, _store(request), values, actor.country)
            context = {**_form_context(values, {}), **live, **edit}
            return render(request, "request_form.html", actor, **context)
        send = form.get("send") == "send"
        errors = _form_checks(values)
        if send and target.state is State.MORE_INFORMATION_REQUESTED and len(answer) < 10:
            errors["answer"] = ["answer the reviewer's questions: say what you changed or why (a few words)"]
        try:
            notice_request = parse_request(carry_over(contract_json(values, actor.country), target.request))
        except e.InvalidInput as exc:
            for field, messages in field_errors(exc).items():
                errors.setdefault(field, []).extend(messages)
            notice_request = None
        if errors or notice_request is None:
            return again(errors)
        version_text = _text(form, "expected_version", 12)
        expected = int(version_text) if version_text.isdigit() else target.version
        cmd = ns.AmendRequest(target.id, notice_request, expected, send, answer)
        try:
            notice = await run_in_threadpool(ns.amend_request, cmd, actor, _store(request).uow())
        except e.Conflict:
            return again(
                {
                    "general": [
                        _(
                            "Someone changed this request while you were editing it. Nothing was saved: "
                            "open the request again, then make your changes."
                        )
                    ]
                },
                409,
            )
        except e.DomainError as exc:
            return again({"general": [exc.message[:1].upper() + exc.message[1:] + "."]})
        if not send:
            what = _("changes saved")
        elif notice.type is NoticeType.RED_NOTICE:
            what = (
                _("new version submitted for review")
                if edit["editing"]["asked"]
                else _("submitted for review")
            )
        else:
            what = _("circulated (unreviewed)")
        flash(request, "success", _("Request %(ref)s: %(done)s.") % {"ref": notice.id, "done": what})
        return redirect(f"/notices/{url_ref(notice.id)}")

    async def _editable(request: Request, actor: Actor, ref: str) -> Notice | Response:
        """The request, if this person may edit it now; else the page that says why."""
        if actor.role is not Role.NCB_OFFICER or actor.country is None:
            return _not_an_officer(request, actor)
        notice_id = notice_id_from_ref(ref)
        if notice_id is None:
            return not_found(request, actor, _("There is no notice with this reference."))
        try:
            notice = await run_in_threadpool(ns.get_notice, notice_id, actor, _store(request).uow(), False)
        except e.NotFound:
            return not_found(
                request, actor, _("There is no notice %(ref)s that you may see.") % {"ref": notice_id}
            )
        if notice.requesting_country != actor.country:
            return error_page(
                request,
                actor,
                403,
                _("Not available"),
                _("Only the bureau that requested a notice edits it."),
            )
        if notice.state not in EDITABLE:
            return error_page(
                request,
                actor,
                409,
                _("Cannot be edited now"),
                _(
                    "Request %(ref)s is in the state “%(state)s”: a request can be edited only as a draft, "
                    "or when the General Secretariat asked for more information."
                )
                % {"ref": notice.id, "state": state_label(notice.state)},
            )
        return notice

    @app.post("/requests/check", include_in_schema=False)
    async def request_check(request: Request) -> Response:
        """Live validation: the compliance findings for the form as it stands. Nothing is stored."""
        actor = await current_actor(request)
        if actor is None or actor.role is not Role.NCB_OFFICER or actor.country is None:
            return _secure(Response(status_code=403))
        try:
            form = await checked_form(request)
        except CsrfFailure:
            return csrf_refused(request, actor)
        live = await run_in_threadpool(_live_check, _store(request), form_values(form), actor.country)
        return render_fragment(request, "_check_result.html", actor, **live)

    # public pages: no sign-in

    @app.get("/public/notices", include_in_schema=False)
    async def public_list(request: Request) -> Response:
        actor = await current_actor(request)
        criteria, problems = public_criteria(request.query_params)
        page = _page_number(request.query_params.get("page"))
        items: list[dict[str, Any]] = []
        total = 0
        if not problems:
            try:
                items, total = await run_in_threadpool(_public_search, _store(request), criteria, page)
            except e.InvalidInput as exc:
                problems = [exc.message[:1].upper() + exc.message[1:] + "."]
        if problems:
            criteria = {**criteria, "error": " ".join(problems)}
        response = render(
            request,
            "public_list.html",
            actor,
            notices=items,
            total=total,
            page=page,
            pages=_pages(total),
            criteria=criteria,
            page_url=_page_url(request),
        )
        return response

    @app.get("/public/notices/{ref}", include_in_schema=False)
    async def public_notice(request: Request, ref: str) -> Response:
        actor = await current_actor(request)
        notice_id = notice_id_from_ref(ref)
        extract = None
        if notice_id is not None:
            extract = await run_in_threadpool(_public_get, _store(request), notice_id)
        if extract is None:
            return not_found(request, actor, _("There is no public red notice with this reference."))
        return render(request, "public_notice.html", actor, notice=extract)

    install_screening(app)
    install_ccf(app)


async def notice_response(
    request: Request, actor: Actor, notice_id: str, status: int = 200, **extra: Any
) -> Response:
    """The notice page as this person may see it (for a reviewer: with the review dossier)."""
    store = _store(request)
    try:
        notice = await run_in_threadpool(ns.get_notice, notice_id, actor, store.uow())
    except e.NotFound:
        return not_found(
            request, actor, _("There is no notice %(ref)s that you may see.") % {"ref": notice_id}
        )
    data = await run_in_threadpool(_review_data, store, actor, notice)
    context = {"form_errors": {}, "form_values": {}, **_notice_context(actor, notice), **data, **extra}
    return render(request, "notice.html", actor, status=status, **context)


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


# -- page data ----------------------------------------------------------------------------------------------


def _not_an_officer(request: Request, actor: Actor) -> HTMLResponse:
    return error_page(
        request,
        actor,
        403,
        _("Not available"),
        _("Only an officer of a National Central Bureau requests notices."),
    )


def _page_number(text: str | None) -> int:
    return max(1, min(int(text), 100_000)) if text and text.isdigit() else 1


def _pages(total: int) -> int:
    return max(1, -(-total // PAGE_SIZE))


def _page_url(request: Request) -> Callable[[int], str]:
    params = {k: v for k, v in request.query_params.items() if k != "page" and v}

    def url(page: int) -> str:
        return request.url.path + "?" + urlencode({**params, "page": page})

    return url


def _form_context(values: dict[str, Any], errors: dict[str, list[str]]) -> dict[str, Any]:
    return {
        "values": values,
        "errors": errors,
        "countries": _country_choices(),
        "types": list(NoticeType),
        "sexes": list(Sex),
        "document_kinds": list(DOCUMENT_KINDS.items()),
        "error_anchors": ERROR_ANCHORS,
        "checked": False,
        "check": None,
        "check_errors": [],
        "editing": None,
        "answer": "",
    }


EDITABLE = (State.DRAFT, State.MORE_INFORMATION_REQUESTED)


def reviewer_question(notice: Notice) -> dict[str, Any] | None:
    """The General Secretariat's latest request for information (its text is meant for the requester)."""
    asks = [h for h in notice.history if h.action is Action.REQUEST_INFORMATION]
    return None if not asks else {"text": asks[-1].reasons, "at": asks[-1].at}


def _edit_context(notice: Notice, answer: str) -> dict[str, Any]:
    asked = notice.state is State.MORE_INFORMATION_REQUESTED
    return {
        "editing": {
            "id": notice.id,
            "ref": url_ref(notice.id),
            "version": notice.version,
            "asked": asked,
            "question": reviewer_question(notice) if asked else None,
            "type_label": TYPE_LABELS[notice.type],
        },
        "answer": answer,
    }


def _notice_context(actor: Actor, notice: Notice) -> dict[str, Any]:
    warrant = notice.request.judicial.warrant
    actions = actions_for(actor, notice)
    return {
        "notice": notice,
        "subject": notice.request.subject,
        "judicial": notice.request.judicial,
        "warrant": warrant,
        "actions": actions,
        "refusal_possible": any(a.action in REFUSALS for a in actions),
        "renewal_opens": notice.renewal_opens(),
        "is_public": policy.is_public(notice),
        "own_country": actor.role is Role.NCB_OFFICER and actor.country == notice.requesting_country,
        "can_edit": actor.role is Role.NCB_OFFICER
        and actor.country == notice.requesting_country
        and notice.state in EDITABLE,
        "question": reviewer_question(notice) if notice.state is State.MORE_INFORMATION_REQUESTED else None,
        "timeline": [_timeline_entry(t) for t in ns.timeline(notice, actor)],
    }


def _timeline_entry(entry: dict[str, Any]) -> dict[str, Any]:
    """One entry of the timeline as the use case redacts it for this viewer, ready for the page."""
    out = dict(entry)
    try:
        out["at"] = datetime.fromisoformat(str(entry.get("at")))
    except ValueError:
        out["at"] = None
    for key in ("action", "from", "to"):
        out[key] = str(entry.get(key) or "")
    try:
        out["action_label"] = ACTION_DONE.get(Action(out["action"]), out["action"]).capitalize()
    except ValueError:
        out["action_label"] = out["action"].replace("_", " ").capitalize()
    try:
        out["role_label"] = ROLE_LABELS[Role(entry["role"])] if entry.get("role") else None
    except ValueError:
        out["role_label"] = str(entry["role"])
    return out


TO_DO = (State.DRAFT, State.MORE_INFORMATION_REQUESTED)
"""The states in which a request waits for its own bureau: counted on the dashboard."""


def _dashboard_data(store: Store, actor: Actor, page: int = 1) -> dict[str, Any]:
    if actor.role is Role.NCB_OFFICER:
        own = ns.list_notices(
            NoticeFilter(requesting_country=actor.country, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE),
            actor,
            store.uow(),
        )
        to_do = []
        for state in TO_DO:
            waiting = NoticeFilter(requesting_country=actor.country, states=(state,), limit=1)
            to_do.append((state, ns.list_notices(waiting, actor, store.uow()).total))
        in_force = ns.list_notices(
            NoticeFilter(
                states=(State.PUBLISHED, State.UNREVIEWED, State.REVIEWED_COMPLIANT), limit=PAGE_SIZE
            ),
            actor,
            store.uow(),
        )
        return {
            "kind": "ncb",
            "own_total": own.total,
            "own": own.items,
            "own_pages": _pages(own.total),
            "to_do": to_do,
            "visible": in_force.items,
            "visible_total": in_force.total,
        }
    if actor.role is Role.REVIEWER:
        requests_total, diffusions_total = _queue_totals(store, actor)
        return {
            "kind": "reviewer",
            "rows": _queue_rows(review.queue(actor, store.uow(), DASHBOARD_QUEUE, 0)),
            "queue_total": requests_total + diffusions_total,
            "requests_total": requests_total,
            "diffusions_total": diffusions_total,
            "now": store.clock(),
        }
    return {"kind": "other"}


# -- the review queue and the review dossier ----------------------------------------------------------------


def _queue_totals(store: Store, actor: Actor) -> tuple[int, int]:
    """How many red notice requests and unreviewed diffusions wait (two counting searches)."""
    requests = ns.list_notices(
        NoticeFilter(states=(State.SUBMITTED, State.UNDER_REVIEW), type=NoticeType.RED_NOTICE, limit=1),
        actor,
        store.uow(),
    )
    diffusions = ns.list_notices(
        NoticeFilter(states=(State.UNREVIEWED,), type=NoticeType.WANTED_PERSON_DIFFUSION, limit=1),
        actor,
        store.uow(),
    )
    return requests.total, diffusions.total


def _code_badges(findings: Iterable[Mapping[str, Any]]) -> list[tuple[str, str]]:
    """Each finding code once, with its most severe severity, most severe first."""
    worst: dict[str, int] = {}
    for f in findings:
        rank = SEVERITY_ORDER.index(f["severity"]) if f.get("severity") in SEVERITY_ORDER else 2
        worst[str(f.get("code"))] = min(rank, worst.get(str(f.get("code")), 2))
    return [
        (code, SEVERITY_ORDER[rank]) for code, rank in sorted(worst.items(), key=lambda kv: (kv[1], kv[0]))
    ]


def _queue_rows(items: Iterable[tuple[Notice, review.StoredCheck | None]]) -> list[dict[str, Any]]:
    return [
        {
            "notice": n,
            "verdict": c.verdict if c else None,
            "risk": c.risk if c else None,
            "codes": _code_badges(c.findings) if c else [],
        }
        for n, c in items
    ]


QUEUE_STATES = {
    State.SUBMITTED.value: _l("Submitted"),
    State.UNDER_REVIEW.value: _l("Under review"),
    State.UNREVIEWED.value: _l("Unreviewed diffusion"),
}


def queue_filter(q: Mapping[str, str]) -> tuple[review.QueueFilter, dict[str, str], list[str]]:
    """The queue's filters from the address; a value that cannot be read is said, not silently dropped."""
    criteria = {k: q.get(k, "").strip()[:200] for k in ("state", "country", "risk", "age", "iccs", "q")}
    problems: list[str] = []
    state = criteria["state"]
    if state and state not in QUEUE_STATES:
        problems.append(_("Choose a state from the list."))
        state = ""
    country = criteria["country"].upper()
    if country and (len(country) != 2 or not country.isalpha()):
        problems.append(_("Give the requesting country as its two-letter code, e.g. FR."))
        country = ""

    def number(key: str, label: str) -> int | None:
        text = criteria[key]
        if not text:
            return None
        if not text.isdigit() or int(text) > 100_000:
            problems.append(_("%(field)s is a whole number.") % {"field": label})
            return None
        return int(text)

    risk = number("risk", _("The lowest risk"))
    age = number("age", _("The waiting time in days"))
    section = criteria["iccs"]
    if section and section not in {sec.code for sec in ICCS_SECTIONS}:
        problems.append(_("Choose an ICCS section from the list."))
        section = ""
    flt = review.QueueFilter(
        states=(State(state),) if state else (),
        country=country or None,
        min_risk=risk,
        older_than_days=age,
        iccs_section=section or None,
        text=criteria["q"] or None,
    )
    return flt, criteria, problems


def _queue_data(
    store: Store, actor: Actor, page: int, flt: review.QueueFilter | None = None
) -> dict[str, Any]:
    requests_total, diffusions_total = _queue_totals(store, actor)
    flt = flt or review.QueueFilter()
    items, total = review.queue_search(flt, actor, store.uow(), PAGE_SIZE, (page - 1) * PAGE_SIZE)
    return {
        "rows": _queue_rows(items),
        "filtered": not flt.is_empty(),
        "queue_states": list(QUEUE_STATES.items()),
        "total": total,
        "requests_total": requests_total,
        "diffusions_total": diffusions_total,
        "pages": _pages(total),
        "now": store.clock(),
    }


def _evidence_value(value: Any) -> list[str]:
    if value is None or value == "" or value == [] or value == {}:
        return ["—"]
    if isinstance(value, bool):
        return ["yes" if value else "no"]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _evidence_value(v)]
    if isinstance(value, dict):
        return [f"{k.replace('_', ' ')}: {', '.join(_evidence_value(v))}" for k, v in value.items()]
    if isinstance(value, str | int | float):
        return [str(value)]
    return [json.dumps(value, ensure_ascii=False, default=str)]


def evidence_items(evidence: Mapping[str, Any] | None) -> list[tuple[str, list[str]]]:
    """A finding's evidence as (label, values) for a small definition list."""
    if not isinstance(evidence, Mapping):
        return []
    return [(str(k).replace("_", " ").capitalize(), _evidence_value(v)) for k, v in evidence.items()]


def finding_groups(
    findings: Iterable[Mapping[str, Any]], resolutions: Mapping[str, list[ReviewRecord]] | None = None
) -> list[dict[str, Any]]:
    """Findings grouped by severity (block, review, warn), then by rule code (one card per code)."""
    by_code: dict[str, dict[str, Any]] = {}
    for f in findings:
        code = str(f.get("code"))
        severity = str(f.get("severity")) if f.get("severity") in SEVERITY_ORDER else "warn"
        group = by_code.setdefault(
            code,
            {
                "code": code,
                "severity": severity,
                "rule": str(f.get("rule") or ""),
                "basis": str(f.get("basis") or ""),
                "instances": [],
                "resolutions": list((resolutions or {}).get(code, [])),
            },
        )
        if SEVERITY_ORDER.index(severity) < SEVERITY_ORDER.index(group["severity"]):
            group["severity"] = severity
        group["instances"].append(
            {"message": str(f.get("message") or ""), "evidence": evidence_items(f.get("evidence"))}
        )
    out = []
    for severity in SEVERITY_ORDER:
        items = sorted((g for g in by_code.values() if g["severity"] == severity), key=lambda g: g["code"])
        if items:
            out.append({"severity": severity, "cards": items})
    return out


def _gate_problems(store: Store, actor: Actor, notice: Notice) -> list[str]:
    """What the decision gate would still refuse, asked of the gate itself (never a copy of its rules)."""
    action = Action.PUBLISH if notice.type is NoticeType.RED_NOTICE else Action.CONFIRM_COMPLIANT
    with store.uow() as uow:
        try:
            review.gate_decision(uow, notice, action, actor)
        except e.RuleViolation as exc:
            problems = exc.details.get("problems")
            return [str(p) for p in problems] if isinstance(problems, list) and problems else [exc.message]
    return []


def _art3_view(record: ReviewRecord) -> dict[str, Any]:
    factors = record.data.get("factors") or {}
    return {
        "by": record.actor,
        "at": record.at,
        "conclusion": record.text,
        "factors": [(label, str(factors.get(key, ""))) for key, label in review.ARTICLE_34_FACTORS.items()],
    }


def _review_view(store: Store, actor: Actor, notice: Notice, dossier: review.Dossier) -> dict[str, Any]:
    check, records = dossier.check, dossier.records
    resolutions: dict[str, list[ReviewRecord]] = {}
    for r in records:
        if r.kind is RecordKind.RESOLUTION and r.code:
            resolutions.setdefault(r.code, []).append(r)
    blocks = check.codes("block") if check else []
    reviews = check.codes("review") if check else []
    proposals = [r for r in records if r.kind is RecordKind.EXCEPTION_PROPOSED]
    confirmations = [r for r in records if r.kind is RecordKind.EXCEPTION_CONFIRMED]
    active = actor.role is Role.REVIEWER and notice.state in REVIEWABLE
    pending = bool(proposals) and not confirmations
    return {
        "check": check,
        "groups": finding_groups(check.findings if check else [], resolutions),
        "can_act": active,
        "needs_art3": sorted(review.ART3_CODES & set(blocks + reviews)),
        "art3_records": [_art3_view(r) for r in records if r.kind is RecordKind.ARTICLE_3],
        "factors": list(review.ARTICLE_34_FACTORS.items()),
        "blocks": blocks,
        "proposals": proposals,
        "confirmations": confirmations,
        "can_propose": active and bool(blocks) and not proposals,
        "can_confirm": active and pending and proposals[-1].actor != actor.username,
        "awaiting_second": active and pending and proposals[-1].actor == actor.username,
        "gate": _gate_problems(store, actor, notice) if active and check else None,
        "grounds": list(GROUND_LABELS.items()),
        "grounds_checked": set(review.suggested_grounds(check, severities=("block", "review"))),
        "changes": dossier.changes,
        "versions": sum(1 for r in records if r.kind is RecordKind.SUBMISSION),
    }


_WORD = re.compile(r"[^\W\d_]{4,}")
CHARGE_STOPWORDS = frozenset(
    {
        "with",
        "from",
        "that",
        "this",
        "other",
        "against",
        "under",
        "article",
        "code",
        "penal",
        "criminal",
        "offence",
        "offense",
        "part",
        "committed",
        "person",
        "persons",
        "large",
        "scale",
        "especially",
    }
)


def charge_words(notice: Notice) -> set[str]:
    words: set[str] = set()
    for c in notice.request.judicial.charges:
        for text in (c.offence, c.offence_original or ""):
            words.update(w.casefold() for w in _WORD.findall(text))
    return words - CHARGE_STOPWORDS


def _person_key(notice: Notice) -> tuple[str, str, int | None]:
    s = notice.request.subject
    dob = s.date_of_birth.year if s.date_of_birth else None
    return (" ".join(s.family_name.casefold().split()), " ".join(s.given_names.casefold().split()), dob)


def similar_decisions(store: Store, actor: Actor, notice: Notice) -> list[dict[str, Any]]:
    """Earlier decided notices of the same requesting country sharing a charge word, or of the same person
    (same names and birth year). One search of the country's latest SIMILAR_SCAN decided notices."""
    page = ns.list_notices(
        NoticeFilter(states=SIMILAR_STATES, requesting_country=notice.requesting_country, limit=SIMILAR_SCAN),
        actor,
        store.uow(),
    )
    words, person = charge_words(notice), _person_key(notice)
    out: list[dict[str, Any]] = []
    for other in page.items:
        if other.id == notice.id:
            continue
        shared = sorted(words & charge_words(other))
        same_person = _person_key(other)[:2] == person[:2] and _person_key(other)[2] in (person[2], None)
        if shared or same_person:
            out.append({"notice": other, "shared": shared, "same_person": same_person})
    out.sort(key=lambda x: (not x["same_person"], -len(x["shared"])))  # same person first, then most words
    return out[:SIMILAR_SHOWN]


def _decision_view(decision: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not decision:
        return None
    try:
        at: datetime | None = datetime.fromisoformat(str(decision.get("at")))
    except ValueError:
        at = None
    grounds = []
    for g in decision.get("grounds") or []:
        try:
            grounds.append(GROUND_LABELS[Ground(g)])
        except ValueError:
            grounds.append(str(g))
    kind = str(decision.get("decision") or "")
    return {
        "decision": kind,
        "label": DECISION_LABELS.get(kind, kind.replace("_", " ").capitalize()),
        "at": at,
        "grounds": grounds,
        "message": decision.get("message"),
        "reasons": decision.get("reasons"),
        "by": decision.get("by"),
    }


def _review_data(store: Store, actor: Actor, notice: Notice, with_similar: bool = True) -> dict[str, Any]:
    """What the notice page shows beyond the notice: the decision as this person may see it (the requester:
    the grounds it may be told, never the internal reasons), and for reviewers and the CCF the dossier."""
    out: dict[str, Any] = {
        "decision": _decision_view(ns.decision_seen_by(notice, actor, store.uow())),
        "rv": None,
        "similar": None,
    }
    out["redress"] = None
    if actor.role in (Role.REVIEWER, Role.CCF):
        dossier = review.dossier(notice.id, actor, store.uow())
        out["rv"] = _review_view(store, actor, notice, dossier)
        out["redress"] = _redress_beside(store, actor, notice)
        if with_similar and actor.role is Role.REVIEWER:
            out["similar"] = similar_decisions(store, actor, notice)
    return out


def _redress_beside(store: Store, actor: Actor, notice: Notice) -> dict[str, Any]:
    """What reviewers and the CCF see beside a notice: open review flags, harassment reports, refugee
    confirmations matching the person, other countries' positions and the notice's addenda."""
    from rednotice.services import after_hit, redress

    uow = store.uow
    return {
        "flags": redress.review_flags(actor, uow(), notice.id),
        "reports": redress.harassment_reports(actor, uow(), notice.id),
        "refugees": redress.refugee_confirmations(actor, uow(), notice.id),
        "positions": redress.positions_for(notice.id, actor, uow())["positions"],
        "addenda": after_hit.addenda_for(notice.id, actor, uow()),
    }


def parse_grounds(form: FormData) -> tuple[Ground, ...]:
    grounds = []
    for value in form.getlist("grounds"):
        try:
            grounds.append(Ground(str(value)))
        except ValueError:
            continue
    return tuple(sorted(set(grounds)))


def _live_check(store: Store, values: dict[str, Any], country: str) -> dict[str, Any]:
    """The compliance check of the form as it stands (nothing stored), or what to fix before it can run."""
    errors = _form_checks(values)
    notice_request = None
    try:
        notice_request = parse_request(contract_json(values, country))
    except e.InvalidInput as exc:
        for field, messages in field_errors(exc).items():
            errors.setdefault(field, []).extend(messages)
    if errors or notice_request is None:
        return {"checked": True, "check": None, "check_errors": [m for ms in errors.values() for m in ms]}
    result = check_request(store.uow(), notice_request)
    return {
        "checked": True,
        "check": {"verdict": result["verdict"], "groups": finding_groups(result.get("findings", []))},
        "check_errors": [],
    }


MAX_PUBLIC_AGE = 120


def public_criteria(q: Mapping[str, str]) -> tuple[dict[str, str], list[str]]:
    """The public search as typed, and what cannot be read in it, in words for the reader (nothing is
    dropped silently: a search that ignored a criterion would show notices the reader did not ask for).
    The page answers 200 with the message and no results (a reader's typing is not a server error)."""
    criteria = {
        "name": q.get("name", "").strip()[:200],
        "nationality": q.get("nationality", "").strip().upper()[:20],
        "sex": q.get("sex", "").strip().upper()[:5],
        "age_min": q.get("age_min", "").strip()[:10],
        "age_max": q.get("age_max", "").strip()[:10],
    }
    problems: list[str] = []
    if criteria["nationality"] and criteria["nationality"] not in names():
        problems.append(
            _("“%(code)s” is not a country code: give the nationality as two letters, e.g. FR.")
            % {"code": criteria["nationality"]}
        )
    if criteria["sex"] and criteria["sex"] not in {s.value for s in Sex}:
        problems.append(_("Choose the sex from the list."))
    ages = {}
    for key, label in (("age_min", _("Age from")), ("age_max", _("Age to"))):
        text = criteria[key]
        if text and (not text.isdigit() or int(text) > MAX_PUBLIC_AGE):
            problems.append(
                _("%(field)s is a whole number of years, from 0 to %(max)s.")
                % {"field": label, "max": MAX_PUBLIC_AGE}
            )
        elif text:
            ages[key] = int(text)
    if len(ages) == 2 and ages["age_min"] > ages["age_max"]:
        problems.append(_("“Age from” is greater than “Age to”: swap them."))
    return criteria, problems


def _public_search(store: Store, criteria: Mapping[str, str], page: int) -> tuple[list[dict[str, Any]], int]:
    """Published red notices whose requester consented to a public extract, as public extracts only.
    The database filters and pages (the public API's search: names in any script, age from partial
    birth dates, sex, nationality); the name box matches every word against the names."""
    from rednotice.services import public

    query = public.PublicQuery.parse(
        {
            "freeText": criteria["name"],
            "nationality": criteria["nationality"],
            "sexId": criteria["sex"],
            "ageMin": criteria["age_min"],
            "ageMax": criteria["age_max"],
            "page": str(page),
            "resultPerPage": str(PAGE_SIZE),
        }
    )
    result = public.search(query, store.uow())
    notices = [_public_notice(store, row.entity_id) for row in result.rows]
    # belt and braces: whatever the query returned, only public extracts leave this function
    return [public_extract(n) for n in notices if n is not None and policy.is_public(n)], result.total


def _public_notice(store: Store, notice_id: str) -> Notice | None:
    try:
        return ns.get_notice(notice_id, SYSTEM, store.uow(), audit=False)
    except e.NotFound:
        return None


def _public_get(store: Store, notice_id: str) -> dict[str, Any] | None:
    try:
        notice = ns.get_notice(notice_id, SYSTEM, store.uow(), audit=False)
    except e.NotFound:
        return None
    return public_extract(notice) if policy.is_public(notice) else None


def _fields(flt: NoticeFilter) -> dict[str, Any]:
    return {name: getattr(flt, name) for name in flt.__dataclass_fields__}


# -- screening travellers -----------------------------------------------------------------------------------

SCREENING_ROLES = (Role.NCB_OFFICER, Role.REVIEWER)
"""Who screens from the pages (the service also lets the system screen, from the CLI)."""
ART87 = _l(
    "Act only as your national law allows; inform the requesting NCB and the General Secretariat "
    "(RPD Art. 87)."
)
OUTCOME_LABELS: dict[sc.HitOutcome, str] = {
    sc.HitOutcome.LOCATED: _l("Located"),
    sc.HitOutcome.DETAINED_UNDER_NATIONAL_LAW: _l("Detained under national law"),
    sc.HitOutcome.NO_ACTION: _l("No action"),
    sc.HitOutcome.NOT_THE_PERSON: _l("Not the person"),
}
UPLOAD_FORMATS: dict[str, str] = {
    "": _l("Guess from the file"),
    "csv": _l("CSV (header row: name or family_name, given_names, birth_date…)"),
    "jsonl": _l("JSON Lines (one object per line)"),
    "mrz": _l("Machine-readable zones (MRZ)"),
    "paxlst": _l("UN/EDIFACT PAXLST manifest"),
}
SCREEN_FIELDS = ("name", "family_name", "given_names", "birth_date", "nationality", "sex")
HITS_SHOWN = 200
"""The most hits one run page lists (the JSON Lines download has them all)."""
MRZ_CHARS = 60_000
"""About 600 passports pasted at once; a bigger batch is a file upload."""
RUN_ID = re.compile(r"^[0-9a-f-]{8,64}$")


def _not_a_screener(request: Request, actor: Actor) -> HTMLResponse:
    return error_page(
        request,
        actor,
        403,
        _("Not available"),
        _("Screening is for officers of National Central Bureaus and General Secretariat reviewers."),
    )


def _engine(request: Request) -> sc.ScreeningEngine:
    engine: sc.ScreeningEngine = request.app.state.screening_engine
    return engine


def _error_dict(err: InputError) -> dict[str, Any]:
    return {"line": err.line, "reason": err.reason, "field": err.field, "details": list(err.details)}


def _flash_input_warnings(request: Request, warnings: Sequence[Any]) -> None:
    """Doubts about the input (envelope faults, an unknown role, a check digit read leniently): everyone
    readable was screened, and the officer is told what to check, line by line."""
    if warnings:
        flash(
            request,
            "warning",
            _("Everyone who could be read was screened, but the input raised %(num)s warning(s):")
            % {"num": len(warnings)},
            [
                _("line %(number)s: %(reason)s") % {"number": w.line, "reason": w.reason[:300]}
                for w in warnings[:10]
            ]
            + ([_("… and %(num)s more") % {"num": len(warnings) - 10}] if len(warnings) > 10 else []),
        )


def input_error_views(errors: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Input errors as stored with a run (the API keeps line and reason; the pages also field and details)."""
    out = []
    for err in errors:
        details = err.get("details") or []
        reason = str(err.get("reason") or "unreadable")
        if len(details) > 1:  # the reason joins the details: say how many, and list them once
            reason = f"{len(details)} problems in this document:"
        out.append(
            {
                "line": err.get("line") or 0,
                "id": err.get("id") or "",
                "reason": reason,
                "field": str(err.get("field") or "").replace("_", " "),
                "details": [str(d) for d in details] if len(details) > 1 else [],
            }
        )
    return out


def screening_context(
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, list[str]] | None = None,
    mrz_text: str = "",
    mrz_errors: list[dict[str, Any]] | None = None,
    upload_errors: list[dict[str, Any]] | None = None,
    upload_format: str = "",
    active: str = "",
) -> dict[str, Any]:
    return {
        "values": {**dict.fromkeys(SCREEN_FIELDS, ""), **(values or {})},
        "errors": dict(errors or {}),
        "mrz_text": mrz_text,
        "mrz_errors": input_error_views(mrz_errors or []),
        "upload_errors": input_error_views(upload_errors or []),
        "upload_format": upload_format,
        "upload_formats": list(UPLOAD_FORMATS.items()),
        "sexes": [("", _("Not known")), ("M", _("Male")), ("F", _("Female")), ("U", _("Unknown / other"))],
        "sync_limit": sc.SYNC_LIMIT,
        "active": active,
        "ART87": ART87,
    }


def single_query(
    values: Mapping[str, str], today: date
) -> tuple[ScreeningQuery | None, dict[str, list[str]]]:
    """The one-traveller form as a query, or the errors to show beside its fields."""
    record = {k: v for k, v in values.items() if v}
    if not record.get("name") and not record.get("family_name"):
        return None, {"name": ["Give the traveller's name, or at least a family name."]}
    try:
        return query_from_mapping(record, 1, today, "form"), {}
    except e.InvalidInput as exc:
        where = exc.details.get("field")
        field = where if isinstance(where, str) and where in SCREEN_FIELDS else "name"
        message = exc.message.removeprefix(field.replace("_", " ") + " ")  # shown beside its own label
        return None, {field: [message[:1].upper() + message[1:] + "."]}


def _run_screen(
    request: Request,
    actor: Actor,
    queries: list[ScreeningQuery],
    source: str,
    errors: list[dict[str, Any]],
    warnings: Sequence[Any] = (),
) -> sc.ScreeningRun:
    store = _store(request)
    kept = [{"line": w.line, "reason": w.reason, "query_id": w.query_id} for w in warnings]  # with the run
    cmd = sc.Screen(queries, source, errors, input_warnings=kept)
    if len(queries) > sc.SYNC_LIMIT:
        return sc.submit_job(cmd, actor, store.uow)
    return sc.screen(cmd, actor, _engine(request), store.uow)


def hit_views(store: Store, actor: Actor, run: sc.ScreeningRun) -> tuple[list[dict[str, Any]], int]:
    """The run's hits best first, each with the notice as this person may see it and the matched name."""
    hits = sc.list_hits(run.id, actor, store.uow())
    names: dict[tuple[str, str], str] = {}
    for line in run.lines or []:
        for m in line.get("matches") or []:
            names[(str(line.get("query_id")), str(m.get("notice_id")))] = str(m.get("name") or "")
    hits.sort(key=lambda h: (-float(h["score"]), h["id"]))
    total = len(hits)
    notices: dict[str, Notice | None] = {}
    out = []
    for h in hits[:HITS_SHOWN]:
        nid = str(h["notice_id"])
        if nid not in notices:
            try:  # the run itself is audited with every notice hit; reading them again here is not
                notices[nid] = ns.get_notice(nid, actor, store.uow(), audit=False)
            except e.NotFound:
                notices[nid] = None
        query = h.get("query") or {}
        try:
            outcome_label = OUTCOME_LABELS[sc.HitOutcome(h["outcome"])] if h.get("outcome") else None
        except ValueError:
            outcome_label = str(h["outcome"])
        out.append(
            {
                **h,
                "percent": round(float(h["score"]) * 100),
                "matched_name": names.get((str(h["query_id"]), nid), ""),
                "notice": notices[nid],
                "traveller": _traveller(query),
                "outcome_label": outcome_label,
                "outcome_at_dt": _when(h.get("outcome_at")),
            }
        )
    return out, total


def _traveller(query: Mapping[str, Any]) -> dict[str, Any]:
    name = str(query.get("name") or "")
    if not name:
        name = ", ".join(x for x in (query.get("family_name"), query.get("given_names")) if x)
    doc = query.get("document") if isinstance(query.get("document"), dict) else None
    sex = str(query.get("sex") or "")
    return {
        "name": name or "—",
        "birth_date": str(query.get("birth_date") or ""),
        "nationality": str(query.get("nationality") or ""),
        "sex": {"M": "Male", "F": "Female", "U": "Unknown"}.get(sex, ""),
        "document": doc.get("number") if doc else "",
        "source": str(query.get("source") or ""),
    }


def _run_data(store: Store, actor: Actor, run_id: str) -> dict[str, Any]:
    run = sc.get_run(run_id, actor, store.uow(), with_results=True)
    finished = run.status in (sc.Status.DONE, sc.Status.FAILED)
    hits, total = hit_views(store, actor, run) if finished else ([], 0)
    return {
        "run": run,
        "finished": finished,
        "hits": hits,
        "hits_total": total,
        "hits_shown": HITS_SHOWN,
        "queries_without_hits": sum(1 for line in run.lines or [] if not line.get("matches")),
        "input_errors": input_error_views(run.input_errors),
        "outcomes": list(OUTCOME_LABELS.items()),
        "percent": _percent(run),
        "ART87": ART87,
    }


def _percent(run: sc.ScreeningRun) -> int:
    return 100 if not run.total else int(100 * run.done / run.total)


def _valid_run_id(run_id: str) -> bool:
    return bool(RUN_ID.match(run_id))


def install_screening(app: FastAPI) -> None:
    """The screening pages: a single query, pasted MRZs, an uploaded manifest, runs, hits and outcomes."""

    async def _screener(request: Request) -> Actor | Response:
        actor = await current_actor(request)
        if actor is None:
            return login_redirect(request)
        if actor.role not in SCREENING_ROLES:
            return _not_a_screener(request, actor)
        return actor

    def _form_page(request: Request, actor: Actor, status: int = 200, **context: Any) -> HTMLResponse:
        return render(request, "screening.html", actor, status=status, **screening_context(**context))

    @app.get("/screening", include_in_schema=False)
    async def screening_page(request: Request) -> Response:
        actor = await _screener(request)
        if isinstance(actor, Response):
            return actor
        return _form_page(request, actor)

    @app.post("/screening/query", include_in_schema=False)
    async def screening_query(request: Request) -> Response:
        actor = await _screener(request)
        if isinstance(actor, Response):
            return actor
        try:
            form = await checked_form(request)
        except CsrfFailure:
            return csrf_refused(request, actor)
        values = {name: _text(form, name, 500) for name in SCREEN_FIELDS}
        query, errors = single_query(values, _store(request).clock().date())
        if query is None:
            return _form_page(request, actor, 422, values=values, errors=errors, active="query")
        run = await run_in_threadpool(_run_screen, request, actor, [query], "form", [])
        return redirect(f"/screening/runs/{run.id}")

    @app.post("/screening/mrz", include_in_schema=False)
    async def screening_mrz(request: Request) -> Response:
        actor = await _screener(request)
        if isinstance(actor, Response):
            return actor
        try:
            form = await checked_form(request)
        except CsrfFailure:
            return csrf_refused(request, actor)
        raw = form.get("mrz")
        text = raw if isinstance(raw, str) else ""
        if len(text) > MRZ_CHARS:
            problem = {
                "line": 0,
                "reason": _("Paste at most %(num)s characters; upload a file instead.")
                % {"num": i18n.fmt_number(MRZ_CHARS)},
            }
            return _form_page(request, actor, 413, mrz_text="", mrz_errors=[problem], active="mrz")
        result = read_queries(text, "mrz", _store(request).clock().date())
        errors = [_error_dict(err) for err in result.errors]
        if not result.queries:
            if not errors:
                errors = [{"line": 0, "reason": _("Paste the two or three lines of at least one document.")}]
            return _form_page(
                request, actor, 422, mrz_text=text, mrz_errors=input_error_views(errors), active="mrz"
            )
        run = await run_in_threadpool(
            _run_screen, request, actor, result.queries, "mrz", errors, result.warnings
        )
        _flash_input_warnings(request, result.warnings)
        return redirect(f"/screening/runs/{run.id}")

    @app.post("/screening/upload", include_in_schema=False)
    async def screening_upload(request: Request) -> Response:
        actor = await _screener(request)
        if isinstance(actor, Response):
            return actor
        try:
            form = await checked_form(request)
        except CsrfFailure:
            return csrf_refused(request, actor)
        chosen = _text(form, "format", 10)
        chosen = chosen if chosen in FORMATS else ""
        upload = form.get("file")
        if upload is None or isinstance(upload, str) or not upload.filename:
            problem = {"line": 0, "reason": _("Choose a file to upload.")}
            return _form_page(
                request, actor, 422, upload_errors=[problem], upload_format=chosen, active="upload"
            )
        store = _store(request)
        limit = store.settings.max_upload_bytes
        data = await upload.read(limit + 1)
        problems: list[dict[str, Any]] = []
        result = None
        try:
            fmt: Format = cast(Format, chosen) if chosen else guess_format(data, upload.filename)
            result = await run_in_threadpool(read_queries, data, fmt, store.clock().date(), max_bytes=limit)
        except e.TooLarge:
            problems = [
                {
                    "line": 0,
                    "reason": _("The file is larger than %(num)s bytes: split it.")
                    % {"num": i18n.fmt_number(limit)},
                }
            ]
        except e.InvalidInput as exc:
            reason = exc.message.replace("give --format", "choose the format")
            problems = [{"line": exc.details.get("line") or 0, "reason": reason}]
        if result is not None:
            problems = [_error_dict(err) for err in result.errors]
        if result is None or not result.queries:
            if not problems:
                problems = [{"line": 0, "reason": _("The file holds no traveller to screen.")}]
            return _form_page(
                request,
                actor,
                422,
                upload_errors=input_error_views(problems),
                upload_format=chosen,
                active="upload",
            )
        run = await run_in_threadpool(
            _run_screen, request, actor, result.queries, f"upload:{fmt}", problems, result.warnings
        )
        _flash_input_warnings(request, result.warnings)
        return redirect(f"/screening/runs/{run.id}")

    @app.get("/screening/runs/{run_id}", include_in_schema=False)
    async def screening_run(request: Request, run_id: str) -> Response:
        actor = await _screener(request)
        if isinstance(actor, Response):
            return actor
        if not _valid_run_id(run_id):
            return not_found(request, actor, _("There is no screening with this reference."))
        try:
            data = await run_in_threadpool(_run_data, _store(request), actor, run_id)
        except e.NotFound:
            return not_found(request, actor, _("There is no screening with this reference that you may see."))
        return render(request, "screening_run.html", actor, **data)

    @app.get("/screening/runs/{run_id}/progress", include_in_schema=False)
    async def screening_progress(request: Request, run_id: str) -> Response:
        """For htmx polling: the progress bar; once the job has ended, the page reloads to show the hits."""
        actor = await current_actor(request)
        if actor is None or actor.role not in SCREENING_ROLES:
            return _secure(Response(status_code=403))
        if not _valid_run_id(run_id):
            return _secure(Response(status_code=404))
        try:
            run = await run_in_threadpool(sc.get_run, run_id, actor, _store(request).uow())
        except e.NotFound:
            return _secure(Response(status_code=404))
        finished = run.status in (sc.Status.DONE, sc.Status.FAILED)
        response = render_fragment(
            request, "_progress.html", actor, run=run, finished=finished, percent=_percent(run)
        )
        if finished:
            response.headers["HX-Refresh"] = "true"
        return response

    @app.post("/screening/hits/{hit_id}/outcome", include_in_schema=False)
    async def screening_outcome(request: Request, hit_id: str) -> Response:
        actor = await _screener(request)
        if isinstance(actor, Response):
            return actor
        try:
            form = await checked_form(request)
        except CsrfFailure:
            return csrf_refused(request, actor)
        if not hit_id.isdigit() or len(hit_id) > 12:
            return not_found(request, actor, _("There is no hit with this number."))
        back = _safe_next(_text(form, "back", 200))
        if not back.startswith("/screening/runs/"):
            back = "/screening"
        try:
            outcome = sc.HitOutcome(_text(form, "outcome", 40))
        except ValueError:
            flash(request, "error", _("Choose what happened after the hit."))
            return redirect(f"{back}#hit-{hit_id}")
        try:
            hit = await run_in_threadpool(
                sc.record_outcome,
                int(hit_id),
                outcome,
                _text(form, "notes", 5000),
                actor,
                _store(request).uow(),
            )
        except (e.NotFound, e.Forbidden):  # another bureau's hit: as if it did not exist
            return not_found(request, actor, _("There is no hit with this number that you may see."))
        except e.DomainError as exc:
            flash(request, "error", _("Not recorded: %(reason)s.") % {"reason": exc.message})
            return redirect(f"{back}#hit-{hit_id}")
        informed = [str(x) for x in hit.get("informed") or []]
        told = (
            ngettext("%(names)s was informed.", "%(names)s were informed.", len(informed))
            % {"names": ", ".join(informed)}
            if informed
            else _("Inform the requesting NCB and the General Secretariat.")
        )
        label = OUTCOME_LABELS[outcome].lower()
        flash(
            request,
            "success",
            _("Outcome recorded for the hit on notice %(ref)s: %(outcome)s.")
            % {"ref": hit["notice_id"], "outcome": label}
            + f" {told}",
        )
        return redirect(f"{back}#hit-{hit_id}")


# -- the Commission for the Control of Files ----------------------------------------------------------------

CASE_STATE_LABELS = {
    CaseState.RECEIVED: _l("Received"),
    CaseState.AWAITING_APPLICANT: _l("Waiting for the applicant"),
    CaseState.INADMISSIBLE: _l("Inadmissible"),
    CaseState.ADMISSIBLE: _l("Admissible (open)"),
    CaseState.DECIDED: _l("Decided"),
    CaseState.CLOSED: _l("Closed"),
}
KIND_LABELS = {
    RequestKind.ACCESS: _l("Access"),
    RequestKind.CORRECTION: _l("Correction"),
    RequestKind.DELETION: _l("Deletion"),
    RequestKind.REVISION: _l("Revision"),
}
CASE_OUTCOME_LABELS = {
    Outcome.ACCESS_GIVEN: _l("Access given"),
    Outcome.COMPLIANT: _l("Compliant: the data stays"),
    Outcome.CORRECTED: _l("To be corrected by its source"),
    Outcome.DELETED: _l("Non-compliant: delete everywhere"),
    Outcome.REVISION_REFUSED: _l("Revision refused"),
}
DEADLINE_LABELS = {"decision": _l("Decision"), "inform_applicant": _l("Inform the applicant")}
CASE_ID = re.compile(r"^CCF-\d{4}-[0-9A-Z]{1,12}$")  # random since issue 14, item 5
DOC_ID = re.compile(r"^doc_[A-Za-z0-9_-]{8,40}$")


def _label(mapping: Mapping[Any, str], value: Any) -> str:
    for key, text in mapping.items():
        if str(getattr(key, "value", key)) == str(value):
            return text
    return str(value).replace("_", " ").capitalize()


def _when(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def deadline_view(d: Mapping[str, Any]) -> dict[str, Any]:
    name = str(d.get("name") or "")
    label = DEADLINE_LABELS.get(name) or (
        _("Answer to consultation %(number)s") % {"number": name.split(":", 1)[1]}
        if name.startswith("consultation:")
        else name
    )
    return {**d, "label": label, "due_at": _when(d.get("due")), "met": _when(d.get("met_at"))}


def case_row(view: Mapping[str, Any]) -> dict[str, Any]:
    pending = [deadline_view(d) for d in view["deadlines"] if d.get("met_at") is None]
    pending.sort(key=lambda d: str(d.get("due")))
    return {
        "id": view["id"],
        "kind": _label(KIND_LABELS, view["kind"]),
        "state": view["state"],
        "state_label": _label(CASE_STATE_LABELS, view["state"]),
        "filed_at": _when(view["filed_at"]),
        "applicant_kind": str(view["applicant"]["kind"]).capitalize(),
        "notices": len(view["notice_ids"]),
        "next": pending[0] if pending else None,
        "overdue": bool(view["overdue"]),
        "blocked": _block_in_force(view),
    }


def _block_in_force(view: Mapping[str, Any]) -> bool:
    """A precautionary block holds while the case is open; the decision ends it."""
    return bool(view["blocked_at"]) and view["state"] == CaseState.ADMISSIBLE.value


def consultation_views(view: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Each consultation with what became of it. One still unanswered when the case was decided was closed
    by the decision (superseded): its data was not deleted for want of an answer."""
    open_case = view["state"] == CaseState.ADMISSIBLE.value
    out = []
    for c in view["consultations"]:
        if c.get("answered_at"):
            status, label = "answered", "Answered"
        elif c.get("lapsed"):
            status, label = "lapsed", "Lapsed: no answer, data deleted"
        elif open_case:
            status, label = "waiting", _("Waiting for the answer")
        else:
            status, label = "superseded", _("Closed unanswered: superseded by the decision")
        out.append({**c, "status": status, "status_label": label})
    return out


def _case_data(store: Store, actor: Actor, case_id: str) -> dict[str, Any]:
    view = rs.get_case(case_id, actor, store.uow())
    linked = []
    for nid in view["notice_ids"]:
        try:
            linked.append({"id": nid, "notice": ns.get_notice(nid, actor, store.uow(), audit=False)})
        except e.NotFound:
            linked.append({"id": nid, "notice": None})
    kind = RequestKind(view["kind"])
    state = CaseState(view["state"])
    admissible = state is CaseState.ADMISSIBLE
    consultations = consultation_views(view)
    exchanges = rs.case_exchanges(case_id, actor, store.uow())
    preview = rs.admissibility_preview(case_id, actor, store.uow()) if state is CaseState.RECEIVED else []
    docs = {d["id"]: d for d in exchanges["documents"]}
    return {
        "exchanges": exchanges,
        "documents": [{**d, "size_label": _size(int(d["size"]))} for d in exchanges["documents"]],
        "doc_names": {i: d["filename"] for i, d in docs.items()},
        "preview": preview,
        "has_evidence": bool(exchanges["documents"] or exchanges["requests"]),
        "can_ask": state is CaseState.RECEIVED,
        "case": view,
        "row": case_row(view),
        "consultations": consultations,
        "open_consultations": sum(1 for c in consultations if c["status"] == "waiting"),
        "block_in_force": _block_in_force(view),
        "linked": linked,
        "deadlines": [deadline_view(d) for d in view["deadlines"]],
        "events": [{**ev, "at_dt": _when(ev.get("at"))} for ev in view["events"]],
        "can_assess": state is CaseState.RECEIVED,
        "can_block": admissible
        and not view["blocked_at"]
        and kind is not RequestKind.ACCESS
        and bool(view["notice_ids"]),
        "can_consult": admissible and bool(view["notice_ids"]),
        "can_decide": admissible,
        "can_link": admissible or state is CaseState.RECEIVED,
        "can_inform": state is CaseState.DECIDED and not view["informed_at"],
        "outcomes": [(o.value, CASE_OUTCOME_LABELS[o]) for o in Outcome if o in OUTCOMES_FOR[kind]],
        "outcome_label": _label(CASE_OUTCOME_LABELS, view["outcome"]) if view["outcome"] else None,
        "kind_label": KIND_LABELS[kind],
        "state_label": CASE_STATE_LABELS[state],
        "today": store.clock().date().isoformat(),
    }


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"


def _due_date(text: str) -> datetime:
    try:
        day = date.fromisoformat(text)
    except ValueError as exc:
        raise e.InvalidInput("give the deadline as a date (YYYY-MM-DD)") from exc
    return datetime.combine(day, time(23, 59), tzinfo=UTC)


def install_ccf(app: FastAPI) -> None:
    """The CCF's pages: its cases with their deadlines, and the actions the redress use cases offer. Anyone
    else gets 404: these pages do not exist for them (an NCB never learns of a case unless consulted)."""

    async def _member(request: Request) -> Actor | Response:
        actor = await current_actor(request)
        if actor is None:
            return login_redirect(request)
        if actor.role is not Role.CCF:
            return not_found(request, actor)
        return actor

    @app.get("/ccf", include_in_schema=False)
    async def ccf_cases(request: Request) -> Response:
        actor = await _member(request)
        if isinstance(actor, Response):
            return actor
        overdue_only = request.query_params.get("overdue") == "1"
        views = await run_in_threadpool(rs.list_cases, actor, _store(request).uow(), overdue_only)
        rows = [case_row(v) for v in views]
        return render(
            request,
            "ccf_cases.html",
            actor,
            rows=rows,
            overdue_count=sum(1 for r in rows if r["overdue"]),
            overdue_only=overdue_only,
        )

    @app.get("/ccf/cases/{case_id}", include_in_schema=False)
    async def ccf_case(request: Request, case_id: str) -> Response:
        actor = await _member(request)
        if isinstance(actor, Response):
            return actor
        if not CASE_ID.match(case_id):
            return not_found(request, actor, _("There is no case with this reference."))
        try:
            data = await run_in_threadpool(_case_data, _store(request), actor, case_id)
        except e.NotFound:
            return not_found(request, actor, _("There is no case %(ref)s.") % {"ref": case_id})
        return render(request, "ccf_case.html", actor, **data)

    def _action(path: str, do: Callable[[str, FormData, Actor, Store], str]) -> None:
        async def endpoint(request: Request, case_id: str) -> Response:
            actor = await _member(request)
            if isinstance(actor, Response):
                return actor
            try:
                form = await checked_form(request)
            except CsrfFailure:
                return csrf_refused(request, actor)
            if not CASE_ID.match(case_id):
                return not_found(request, actor, _("There is no case with this reference."))
            back = f"/ccf/cases/{case_id}"
            try:
                done = await run_in_threadpool(do, case_id, form, actor, _store(request))
            except e.NotFound as exc:
                flash(request, "error", _("Not done: %(reason)s.") % {"reason": exc.message})
                return redirect(back)
            except e.DomainError as exc:
                flash(request, "error", _("Not done: %(reason)s.") % {"reason": exc.message})
                return redirect(back)
            flash(request, "success", done)
            return redirect(back)

        app.add_api_route(
            f"/ccf/cases/{{case_id}}/{path}", endpoint, methods=["POST"], include_in_schema=False
        )

    def assess(case_id: str, form: FormData, actor: Actor, store: Store) -> str:
        waived = [str(v)[:40] for v in form.getlist("waive") if isinstance(v, str)][:20]
        case = rs.assess_case(case_id, actor, store.uow(), waived)
        return _("Case %(ref)s is %(state)s.") % {
            "ref": case.id,
            "state": CASE_STATE_LABELS[case.state].lower(),
        }

    def ask(case_id: str, form: FormData, actor: Actor, store: Store) -> str:
        rs.ask_applicant(case_id, _text(form, "message", 20_000), actor, store.uow())
        return _("The applicant is asked for what is missing; they read your message on their case page.")

    def link(case_id: str, form: FormData, actor: Actor, store: Store) -> str:
        notice_id = notice_id_from_ref(_text(form, "notice_id", 40).replace("/", "-")) or ""
        rs.link_notice(case_id, notice_id, actor, store.uow())
        return _("Notice %(ref)s linked to the case.") % {"ref": notice_id}

    def block(case_id: str, form: FormData, actor: Actor, store: Store) -> str:
        rs.block(case_id, _text(form, "reasons", 20_000), actor, store.uow())
        return _("The data is blocked as a precaution: the notices are suspended and out of screening.")

    def consult(case_id: str, form: FormData, actor: Actor, store: Store) -> str:
        due = _due_date(_text(form, "due", 20))
        notice_id = _text(form, "notice_id", 40)
        rs.consult(case_id, notice_id, _text(form, "question", 20_000), due, actor, store.uow())
        return _("The requesting NCB is consulted about %(ref)s; answer due %(date)s.") % {
            "ref": notice_id,
            "date": fmt_date(due),
        }

    def decide(case_id: str, form: FormData, actor: Actor, store: Store) -> str:
        try:
            outcome = Outcome(_text(form, "outcome", 40))
        except ValueError as exc:
            raise e.InvalidInput("choose the outcome of the decision") from exc
        case = rs.decide(case_id, outcome, _text(form, "reasons", 20_000), actor, store.uow())
        label = CASE_OUTCOME_LABELS[outcome].lower()
        return _("Decision on %(ref)s recorded: %(outcome)s. Tell the applicant within one month.") % {
            "ref": case.id,
            "outcome": label,
        }

    def inform(case_id: str, form: FormData, actor: Actor, store: Store) -> str:
        rs.inform_applicant(case_id, actor, store.uow())
        return _("Recorded that the applicant was told the decision.")

    _action("admissibility", assess)
    _action("ask-applicant", ask)

    @app.get("/ccf/cases/{case_id}/documents/{doc_id}", include_in_schema=False)
    async def ccf_document(request: Request, case_id: str, doc_id: str) -> Response:
        """A document the applicant sent, for the CCF only (anyone else: 404), served as an attachment."""
        actor = await _member(request)
        if isinstance(actor, Response):
            return actor
        if not CASE_ID.match(case_id) or not DOC_ID.match(doc_id):
            return not_found(request, actor, _("There is no such document."))
        try:
            doc, data = await run_in_threadpool(
                rs.read_document, case_id, doc_id, actor, _store(request).uow()
            )
        except e.NotFound:
            return not_found(request, actor, _("There is no such document."))
        extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}[doc.media_type]
        response = Response(
            data,
            media_type=doc.media_type,
            headers={"Content-Disposition": f'attachment; filename="{doc.id}.{extension}"'},
        )
        _secure(response)
        response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
        return response

    _action("notices", link)
    _action("block", block)
    _action("consultations", consult)
    _action("decision", decide)
    _action("informed", inform)
