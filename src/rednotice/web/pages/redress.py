"""Redress and protection in the browser.

Public, no account: a request to the CCF (the case id and access code shown once), following one's own case
by that code (posted, never in a URL), and reporting harassment (the answer never says whether a notice
exists). NCB officers: confirming a person's refugee or asylum-seeker status (their country is the granting
country, never told to the requester) and recording their country's position on a notice they can see.

The forms become the same domain objects as in ``web/redress_api.py``; domain errors are shown on the page.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.responses import HTMLResponse, Response

from rednotice.adapters.countries import names
from rednotice.adapters.formats.request_json import SubjectIn, parse_request
from rednotice.bootstrap import Store
from rednotice.domain import errors as e
from rednotice.domain.compliance.context import ProtectionStatus
from rednotice.domain.lifecycle import Notice
from rednotice.domain.model import Subject, notice_id_from_ref
from rednotice.domain.redress import (
    MAX_DOCUMENT_BYTES,
    MAX_DOCUMENTS,
    VICTIM_RELATIONS,
    ApplicantKind,
    DocumentKind,
    Filing,
    FlagSource,
    HarassmentReport,
    HarmKind,
    Language,
    PositionGround,
    PositionKind,
    ReporterKind,
    RequestKind,
    Upload,
    shown,
)
from rednotice.domain.users import Actor
from rednotice.services import notices as ns
from rednotice.services import redress as rs
from rednotice.web.api import notice_id_from_path
from rednotice.web.i18n import _, _l
from rednotice.web.pages.deps import CsrfForm, MaybeActor, RedressOfficer, Refused
from rednotice.web.pages.labels import country_label
from rednotice.web.pages.toolkit import ENV, error_page, flash, redirect, render, store_of
from rednotice.web.redress_api import CaseIn, IdProofIn

SHORT = 500
LONG = 20_000

REQUEST_KINDS = [
    (RequestKind.ACCESS.value, _l("Access: what data INTERPOL holds about the person")),
    (RequestKind.CORRECTION.value, _l("Correction of data")),
    (RequestKind.DELETION.value, _l("Deletion of data (e.g. a red notice)")),
    (RequestKind.REVISION.value, _l("Revision of a decision already taken (a new fact)")),
]
APPLICANT_KINDS = [
    (ApplicantKind.PERSON.value, _l("The person concerned")),
    (ApplicantKind.LAWYER.value, _l("Their lawyer")),
    (ApplicantKind.RELATIVE.value, _l("A relative with a power of attorney")),
]
LANGUAGES = [
    (Language.EN.value, _l("English")),
    (Language.FR.value, _l("French")),
    (Language.ES.value, _l("Spanish")),
    (Language.AR.value, _l("Arabic")),
]
ID_PROOFS = [
    ("name", _l("It shows the person's name")),
    ("date_of_birth", _l("It shows the date of birth")),
    ("photo", _l("It has a photograph")),
    ("unredacted", _l("It is supplied unredacted")),
]
REPORTER_KINDS = [
    (ReporterKind.PERSON.value, _l("The person a notice is about")),
    (ReporterKind.RELATIVE.value, _l("A relative")),
    (ReporterKind.LAWYER.value, _l("A lawyer")),
    (ReporterKind.NGO.value, _l("A non-governmental organisation")),
]
HARM_LABELS = {
    HarmKind.THREATS: _l("Threats"),
    HarmKind.QUESTIONING: _l("Questioning by the authorities"),
    HarmKind.DETENTION: _l("Detention"),
    HarmKind.EXIT_BAN: _l("A ban on leaving the country"),
    HarmKind.FROZEN_ASSETS: _l("Frozen assets"),
    HarmKind.DISMISSAL: _l("Dismissal from work"),
    HarmKind.PRESSURE_ABROAD: _l("Pressure on people abroad"),
    HarmKind.OTHER: _l("Something else"),
}
PROTECTION_STATUSES = [
    (ProtectionStatus.REFUGEE.value, _l("Recognised refugee")),
    (ProtectionStatus.ASYLUM_SEEKER.value, _l("Asylum seeker")),
]
POSITION_KINDS = [
    (PositionKind.CONCERN.value, _l("Concern")),
    (PositionKind.OBJECTION.value, _l("Objection")),
    (PositionKind.EXTRADITION_REFUSED.value, _l("Extradition refused")),
    (PositionKind.NO_ACTION.value, _l("We decided not to act on it")),
]
GROUND_LABELS = {
    PositionGround.ARTICLE_2: _l("Human rights (Article 2)"),
    PositionGround.ARTICLE_3: _l("Political, military, religious or racial character (Article 3)"),
    PositionGround.REFUGEE: _l("The person is a refugee or asylum seeker"),
    PositionGround.DATA_QUALITY: _l("The data is wrong or incomplete"),
    PositionGround.OTHER: _l("Other"),
}
SUBJECT_FIELDS = {
    "family_name": "family_name",
    "given_names": "given_names",
    "date_of_birth": "date_of_birth",
    "nationalities": "nationalities",
    "names_original_script": "names_original_script",
}

Errors = dict[str, list[str]]


# -- reading the forms --------------------------------------------------------------------------------------


def _text(form: FormData, name: str, limit: int = SHORT) -> str:
    value = form.get(name)
    return value.strip()[:limit] if isinstance(value, str) else ""


def _checked(form: FormData, name: str) -> bool:
    return form.get(name) not in (None, "")


def _choices(form: FormData, name: str) -> list[str]:
    return [v.strip()[:40] for v in form.getlist(name) if isinstance(v, str)][:20]


def _lines(text: str) -> list[str]:
    return [line.strip()[:SHORT] for line in text.splitlines() if line.strip()][:50]


def _codes(text: str) -> list[str]:
    return [c.strip().upper() for c in text.replace(";", ",").replace(" ", ",").split(",") if c.strip()][:10]


def _notice_id(text: str) -> str | None:
    text = text.strip()[:32]
    return notice_id_from_path(text) if text else None


def _add(errors: Errors, key: str, message: str) -> None:
    errors.setdefault(key, []).append(message)


def _subject_values(form: FormData | None) -> dict[str, str]:
    keys = ("family_name", "given_names", "names_original_script", "date_of_birth", "nationalities")
    return {k: _text(form, k, 2000) if form is not None else "" for k in keys}


def _subject_data(values: Mapping[str, str]) -> dict[str, Any]:
    """The subject's fields as the notice-request contract takes them (``SubjectIn``)."""
    return {
        "family_name": values["family_name"],
        "given_names": values["given_names"],
        "names_original_script": _lines(values["names_original_script"]),
        "date_of_birth": values["date_of_birth"] or None,
        "nationalities": _codes(values["nationalities"]),
    }


def parse_subject(values: Mapping[str, str], errors: Errors) -> Subject | None:
    """The person concerned, through the notice-request contract (as the API does); errors by field."""
    if not values["family_name"]:
        _add(errors, "family_name", _("give the person's family name"))
        return None
    try:
        return parse_request(
            {"type": "red_notice", "requesting_country": "FR", "subject": _subject_data(values)}
        ).subject
    except e.InvalidInput as exc:
        cause = exc.__cause__
        if not isinstance(cause, ValidationError):
            _add(errors, "general", exc.message)
            return None
        for err in cause.errors():
            loc = [str(p) for p in err.get("loc", ())]
            field = next((SUBJECT_FIELDS[p] for p in loc if p in SUBJECT_FIELDS), "general")
            message = str(err.get("msg", "invalid")).removeprefix("Value error, ")
            _add(errors, field, message if field != "general" else f"{'.'.join(loc)}: {message}")
        return None


def _enum(cls: type[Any], value: str, errors: Errors, field: str, message: str) -> Any:
    try:
        return cls(value)
    except ValueError:
        _add(errors, field, message)
        return None


def _nostore_of(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response


def _page(
    request: Request, template: str, actor: Actor | None, status: int = 200, **context: Any
) -> HTMLResponse:
    response = render(request, template, actor, status=status, **context)
    _nostore_of(response)
    return response


# -- the CCF application ------------------------------------------------------------------------------------

CCF_TEXT = ("representative", "contact", "notice_id", "revision_of", "new_fact_discovered_on")
CCF_LONG = ("purpose", "statement", "confidential", "new_fact")
CCF_BOXES = ("signed", "power_of_attorney", *(f"id_{name}" for name, _ in ID_PROOFS))


def ccf_values(form: FormData | None = None) -> dict[str, Any]:
    values: dict[str, Any] = _subject_values(form)
    values["kind"] = _text(form, "kind", 40) if form is not None else RequestKind.DELETION.value
    values["applicant_kind"] = (
        _text(form, "applicant_kind", 40) if form is not None else ApplicantKind.PERSON.value
    )
    values["language"] = _text(form, "language", 12) if form is not None else Language.EN.value
    for k in CCF_TEXT:
        values[k] = _text(form, k) if form is not None else ""
    for k in CCF_LONG:
        values[k] = _text(form, k, LONG) if form is not None else ""
    for k in CCF_BOXES:
        values[k] = _checked(form, k) if form is not None else False
    return values


def parse_filing(values: Mapping[str, Any]) -> tuple[Filing | None, Errors]:
    errors: Errors = {}
    kind = _enum(RequestKind, values["kind"], errors, "kind", _("choose what you ask for"))
    applicant = _enum(
        ApplicantKind, values["applicant_kind"], errors, "applicant_kind", "say who is filing the request"
    )
    subject = parse_subject(values, errors)
    discovered = None
    if values["new_fact_discovered_on"]:
        try:
            discovered = date.fromisoformat(values["new_fact_discovered_on"])
        except ValueError:
            _add(errors, "new_fact_discovered_on", _("give the date as YYYY-MM-DD"))
    if kind is RequestKind.REVISION and not values["revision_of"]:
        _add(
            errors,
            "revision_of",
            "a revision names the decided case it asks to revise (e.g. CCF-2026-7KQ2M9XHD4PA)",
        )
    if errors or kind is None or applicant is None or subject is None:
        return None, errors
    # The filing is built as the API and the CLI build it (CaseIn.to_filing). The form's values are already
    # read and checked above, to the form's own limits: the body is assembled, not validated again.
    body = CaseIn.model_construct(
        kind=kind,
        applicant_kind=applicant,
        subject=SubjectIn.model_validate(_subject_data(values)),  # valid: parse_subject read the same
        id_proof=IdProofIn(**{name: bool(values[f"id_{name}"]) for name, _ in ID_PROOFS}),
        signed=bool(values["signed"]),
        purpose=values["purpose"],
        language=values["language"],
        power_of_attorney=bool(values["power_of_attorney"]),
        representative=values["representative"],
        contact=values["contact"],
        notice_id=values["notice_id"].strip()[:32] or None,
        statement=values["statement"],
        confidential=values["confidential"],
        revision_of=values["revision_of"] or None,
        new_fact=values["new_fact"],
        new_fact_discovered_on=discovered,
    )
    return body.to_filing(), errors


def _ccf_form(
    request: Request, actor: Actor | None, values: dict[str, Any], errors: Errors, status: int = 200
) -> HTMLResponse:
    return _page(
        request,
        "redress_ccf_apply.html",
        actor,
        status=status,
        values=values,
        errors=errors,
        kinds=REQUEST_KINDS,
        applicant_kinds=APPLICANT_KINDS,
        request_languages=LANGUAGES,
        id_proofs=ID_PROOFS,
        max_mb=MAX_DOCUMENT_BYTES // (1024 * 1024),
        max_docs=MAX_DOCUMENTS,
    )


RELATION_LABELS = {
    "subject": _l("The person named in the notice"),
    "spouse": _l("Spouse or partner"),
    "child": _l("Child"),
    "parent": _l("Parent"),
    "sibling": _l("Brother or sister"),
    "other_relative": _l("Another relative"),
    "associate": _l("A friend or associate"),
}
"""Who the harassment was aimed at, in words (the stored values are domain.redress.VICTIM_RELATIONS)."""


def _word(labels: Mapping[str, str]) -> Any:
    def show(value: object) -> str:
        return labels.get(str(value), str(value).replace("_", " ").capitalize())

    return show


FLAG_SOURCES = {
    FlagSource.HARASSMENT.value: _l("Harassment report"),
    FlagSource.POSITION.value: _l("A member country's position"),
    FlagSource.REFUGEE.value: _l("Refugee confirmation"),
    FlagSource.REFUGEE_DELETION.value: _l("Refugee confirmation: deletion to confirm"),
    FlagSource.RESTORATION.value: _l("Protection status ended"),
}
"""What reopened review of a notice (``ReviewFlag.source``), in words."""

# the stored values reviewers see beside a notice, in words (issue 16, item 11: no raw "exit_ban"); the
# texts the use cases store in English (a flag's text, a case's problems and history) in the reader's
# language (domain/redress.py: shown)
ENV.filters.update(
    case_text=shown,
    flag_source_label=_word(FLAG_SOURCES),
    harm_label=_word({k.value: v for k, v in HARM_LABELS.items()}),
    relation_label=_word(RELATION_LABELS),
    protection_label=_word(dict(PROTECTION_STATUSES)),
    position_label=_word(dict(POSITION_KINDS)),
)


APPLICANT_OUTCOMES = {
    "access_given": _l("Access given: the decision below says what INTERPOL holds."),
    "compliant": _l("The data complies with INTERPOL's rules and stays. Any precautionary block is lifted."),
    "corrected": _l("The data is to be corrected by the country that supplied it."),
    "deleted": _l("The data does not comply with INTERPOL's rules: it is deleted everywhere."),
    "revision_refused": _l("The request for revision is refused: the earlier decision stands."),
}
APPLICANT_STATES = {
    "received": _l("Received: admissibility not yet checked"),
    "awaiting_applicant": _l("Waiting for your answer to the Commission's request"),
    "inadmissible": _l("Inadmissible"),
    "admissible": _l("Open: the Commission is examining the request"),
    "decided": _l("Decided"),
    "closed": _l("Closed: decided, and you were told"),
}


UPLOAD_FIELDS = (
    ("doc_identity", DocumentKind.IDENTITY),
    ("doc_power_of_attorney", DocumentKind.POWER_OF_ATTORNEY),
    ("doc_signed_request", DocumentKind.SIGNED_REQUEST),
    ("doc_other", DocumentKind.OTHER),
)


async def read_uploads(
    form: FormData, fields: tuple[tuple[str, DocumentKind], ...] = UPLOAD_FIELDS
) -> list[Upload]:
    """The files of a form (an empty file field is no file). Each is read to one byte over the limit, so a
    larger one is refused by its size without being read whole; the domain checks size and type."""
    out: list[Upload] = []
    for name, kind in fields:
        for item in form.getlist(name)[: MAX_DOCUMENTS + 1]:
            if isinstance(item, str) or not item.filename:
                continue
            out.append(Upload(item.filename, await item.read(MAX_DOCUMENT_BYTES + 1), kind))
    return out


def _my_case_view(view: Mapping[str, Any]) -> dict[str, Any]:
    kind = dict(REQUEST_KINDS).get(str(view["kind"]), str(view["kind"]))
    state = str(view["state"])
    outcome = str(view.get("outcome") or "")
    return {
        **view,
        "kind_label": kind.split(":")[0],
        "state_label": APPLICANT_STATES.get(state, state.replace("_", " ").capitalize()),
        "outcome_label": APPLICANT_OUTCOMES.get(outcome, outcome.replace("_", " ").capitalize()),
    }


# -- harassment ---------------------------------------------------------------------------------------------

HARASSMENT_TEXT = ("reporter_name", "reporter_contact", "notice_id", "victim_name", "place", "source")


def harassment_values(form: FormData | None = None) -> dict[str, Any]:
    values: dict[str, Any] = _subject_values(form)
    values["reporter_kind"] = (
        _text(form, "reporter_kind", 40) if form is not None else ReporterKind.PERSON.value
    )
    values["victim_relation"] = _text(form, "victim_relation", 30) if form is not None else "subject"
    values["occurred_on"] = _text(form, "occurred_on", 10) if form is not None else ""
    for k in HARASSMENT_TEXT:
        values[k] = _text(form, k) if form is not None else ""
    for k in ("description", "evidence"):
        values[k] = _text(form, k, LONG) if form is not None else ""
    values["kinds"] = _choices(form, "kinds") if form is not None else []
    return values


def parse_report(values: Mapping[str, Any], now: Any) -> tuple[HarassmentReport | None, Errors]:
    errors: Errors = {}
    reporter = _enum(ReporterKind, values["reporter_kind"], errors, "reporter_kind", _("say who you are"))
    kinds = []
    for k in values["kinds"]:
        kind = _enum(HarmKind, k, errors, "kinds", _("choose what happened from the list"))
        if kind is not None:
            kinds.append(kind)
    if not kinds and "kinds" not in errors:
        _add(errors, "kinds", _("say what happened (tick at least one)"))
    if values["victim_relation"] not in VICTIM_RELATIONS:
        _add(errors, "victim_relation", _("say how the victim is related to the person"))
    if not values["victim_name"]:
        _add(errors, "victim_name", _("say to whom it happened"))
    if len(values["description"]) < 10:
        _add(errors, "description", _("describe what happened"))
    notice_id = _notice_id(values["notice_id"])
    subject = None
    if values["family_name"]:
        subject = parse_subject(values, errors)
    elif not notice_id:
        _add(errors, "family_name", _("give the notice's reference, or the person's family name to find it"))
    if errors or reporter is None:
        return None, errors
    report = HarassmentReport(
        0,
        now,
        reporter,
        values["reporter_name"],
        values["reporter_contact"],
        notice_id,
        values["victim_name"],
        values["victim_relation"],
        tuple(dict.fromkeys(kinds)),
        values["occurred_on"],
        values["place"],
        values["description"],
        values["source"],
        tuple(_lines(values["evidence"])),
        subject,
    )
    return report, errors


def _harassment_form(
    request: Request, actor: Actor | None, values: dict[str, Any], errors: Errors, status: int = 200
) -> HTMLResponse:
    return _page(
        request,
        "redress_harassment.html",
        actor,
        status=status,
        values=values,
        errors=errors,
        reporter_kinds=REPORTER_KINDS,
        relations=[(r, RELATION_LABELS.get(r, r.replace("_", " ").capitalize())) for r in VICTIM_RELATIONS],
        harms=[(k.value, label) for k, label in HARM_LABELS.items()],
    )


# -- refugee status -----------------------------------------------------------------------------------------


def refugee_values(form: FormData | None = None) -> dict[str, Any]:
    values: dict[str, Any] = _subject_values(form)
    values["status"] = _text(form, "status", 40) if form is not None else ProtectionStatus.REFUGEE.value
    values["persecution_country"] = _text(form, "persecution_country", 2).upper() if form is not None else ""
    values["basis"] = _text(form, "basis", LONG) if form is not None else ""
    return values


def _country_choices() -> list[tuple[str, str]]:
    return sorted(names().items(), key=lambda kv: kv[1])


def _refugee_form(
    request: Request, actor: Actor, values: dict[str, Any], errors: Errors, status: int = 200
) -> HTMLResponse:
    store = store_of(request)
    try:
        mine = rs.refugee_confirmations(actor, store.uow())
    except e.DomainError:
        mine = []
    return _page(
        request,
        "redress_refugee.html",
        actor,
        status=status,
        values=values,
        errors=errors,
        statuses=PROTECTION_STATUSES,
        countries=_country_choices(),
        confirmations=mine,
        granting=country_label(actor.country or ""),
    )


# -- positions ----------------------------------------------------------------------------------------------


def position_values(form: FormData | None = None) -> dict[str, Any]:
    return {
        "kind": _text(form, "kind", 40) if form is not None else PositionKind.CONCERN.value,
        "grounds": _choices(form, "grounds") if form is not None else [],
        "text": _text(form, "text", LONG) if form is not None else "",
        "evidence": _text(form, "evidence", LONG) if form is not None else "",
        "disclose": _checked(form, "disclose") if form is not None else False,
    }


def _visible_notice(store: Store, actor: Actor, notice_id: str) -> Notice:
    """The notice, if the officer may record a position on it: NotFound if they cannot see it, Forbidden if
    their own country requested it (the use case checks the same again)."""
    notice = ns.get_notice(notice_id, actor, store.uow(), audit=False)
    if notice.requesting_country == actor.country:
        raise e.Forbidden("the requesting country does not record a position on its own notice")
    return notice


def _given_notice(request: Request) -> str:
    """A notice reference given by a link from a public notice (``?notice_id=2026-00012``), if valid."""
    return notice_id_from_ref(request.query_params.get("notice_id", "").strip()[:32]) or ""


router = APIRouter(include_in_schema=False)


# -- the CCF: filing and following a request (no account) ---------------------------------------------


@router.get("/ccf/apply")
async def ccf_apply_form(request: Request, actor: MaybeActor) -> Response:
    values = ccf_values()
    values["notice_id"] = _given_notice(request)
    return _ccf_form(request, actor, values, {})


@router.post("/ccf/apply")
async def ccf_apply(request: Request, actor: MaybeActor, form: CsrfForm) -> Response:
    values = ccf_values(form)
    filing, errors = parse_filing(values)
    uploads = await read_uploads(form)
    if filing is None:
        if uploads:
            _add(
                errors,
                "documents",
                _("choose your documents again: files are not kept when a form is refused"),
            )
        return _ccf_form(request, actor, values, errors, status=422)
    try:
        case, code = await run_in_threadpool(rs.file_case, filing, store_of(request).uow(), uploads)
    except e.InvalidInput as exc:
        where = "documents" if exc.details.get("field") == "documents" else "general"
        return _ccf_form(request, actor, values, {where: [exc.message]}, status=422)
    except e.DomainError as exc:
        return _ccf_form(request, actor, values, {"general": [exc.message]}, status=422)
    return _page(request, "redress_ccf_filed.html", actor, case_id=case.id, access_code=code)


@router.get("/ccf/my-case")
async def my_case_form(request: Request, actor: MaybeActor) -> Response:
    return _page(request, "redress_my_case.html", actor, case=None, error=None, access_code="")


@router.post("/ccf/my-case")
async def my_case(request: Request, actor: MaybeActor, form: CsrfForm) -> Response:
    code = _text(form, "access_code", 200)
    if not code:
        error = _("Enter the access code you were given when you filed the request.")
        return _page(
            request, "redress_my_case.html", actor, status=422, case=None, error=error, access_code=""
        )
    return await _show_my_case(request, actor, code)


async def _show_my_case(
    request: Request, actor: Actor | None, code: str, status: int = 200, **extra: Any
) -> Response:
    try:
        view = await run_in_threadpool(rs.my_case, code, store_of(request).uow(), True)
    except e.DomainError:
        error = _("No case matches this access code. Check it and try again.")
        return _page(
            request, "redress_my_case.html", actor, status=422, case=None, error=error, access_code=""
        )
    context: dict[str, Any] = {"answer_error": None, "answer": "", "answered": False, **extra}
    return _page(
        request,
        "redress_my_case.html",
        actor,
        status=status,
        case=_my_case_view(view),
        error=None,
        access_code=code,
        **context,
    )


@router.post("/ccf/my-case/answer")
async def my_case_answer(request: Request, actor: MaybeActor, form: CsrfForm) -> Response:
    """The applicant answers the CCF's request with text and documents (the code is posted again)."""
    code = _text(form, "access_code", 200)
    answer = _text(form, "answer", LONG)
    uploads = await read_uploads(form, (("documents", DocumentKind.OTHER),))
    try:
        await run_in_threadpool(rs.answer_applicant_request, code, answer, uploads, store_of(request).uow())
    except e.NotFound:
        error = _("No case matches this access code. Check it and try again.")
        return _page(
            request, "redress_my_case.html", actor, status=422, case=None, error=error, access_code=""
        )
    except e.DomainError as exc:
        message = exc.message[:1].upper() + exc.message[1:] + "."
        return await _show_my_case(request, actor, code, 422, answer_error=message, answer=answer)
    return await _show_my_case(request, actor, code, answered=True)


# -- harassment reports (no account) -------------------------------------------------------------------


@router.get("/harassment/report")
async def harassment_form(request: Request, actor: MaybeActor) -> Response:
    values = harassment_values()
    values["notice_id"] = _given_notice(request)
    return _harassment_form(request, actor, values, {})


@router.post("/harassment/report")
async def harassment(request: Request, actor: MaybeActor, form: CsrfForm) -> Response:
    store = store_of(request)
    values = harassment_values(form)
    report, errors = parse_report(values, store.clock())
    if report is None:
        return _harassment_form(request, actor, values, errors, status=422)
    try:
        await run_in_threadpool(rs.file_harassment_report, report, store.uow())
    except e.DomainError as exc:
        return _harassment_form(request, actor, values, {"general": [exc.message]}, status=422)
    return _page(request, "redress_harassment_done.html", actor)


# -- NCB officers: refugee status ----------------------------------------------------------------------


@router.get("/refugee-status/new")
async def refugee_form(request: Request, actor: RedressOfficer) -> Response:
    return await run_in_threadpool(_refugee_form, request, actor, refugee_values(), {})


@router.post("/refugee-status/new")
async def refugee_confirm(request: Request, actor: RedressOfficer, form: CsrfForm) -> Response:
    values = refugee_values(form)
    errors: Errors = {}
    status = _enum(ProtectionStatus, values["status"], errors, "status", _("choose the protection status"))
    country = values["persecution_country"]
    if len(country) != 2 or not country.isalpha():
        _add(errors, "persecution_country", _("choose the country the person fled"))
    subject = parse_subject(values, errors)
    if errors or status is None or subject is None:
        return await run_in_threadpool(_refugee_form, request, actor, values, errors, 422)
    store = store_of(request)
    try:
        conf = await run_in_threadpool(
            rs.confirm_refugee, subject, status, country, values["basis"], actor, store.uow()
        )
    except e.DomainError as exc:
        return await run_in_threadpool(_refugee_form, request, actor, values, {"general": [exc.message]}, 422)
    flash(
        request,
        "success",
        _(
            "Protection status recorded for %(name)s (confirmation %(id)s). Any notice from %(country)s "
            "about this person goes before the General Secretariat with your evidence, which decides on "
            "its deletion."
        )
        % {"name": subject.name.full(), "id": conf.id, "country": country_label(country)},
    )
    return redirect("/refugee-status/new")


# -- NCB officers: a country's position on a notice ----------------------------------------------------


async def _position_target(request: Request, ref: str, actor: RedressOfficer) -> tuple[Actor, str]:
    """The officer and the notice they record their country's position on (one requested by another
    country, that they may see); else 404 or 403, before the form's token is looked at."""
    notice_id = notice_id_from_path(ref[:32])
    try:
        await run_in_threadpool(_visible_notice, store_of(request), actor, notice_id)
    except e.NotFound:
        raise Refused(
            error_page(request, actor, 404, _("Not found"), _("There is no such notice."))
        ) from None
    except e.Forbidden:
        raise Refused(
            error_page(
                request,
                actor,
                403,
                _("Not available"),
                _("Your country requested this notice: it does not record a position on it."),
            )
        ) from None
    return actor, notice_id


PositionTarget = Annotated[tuple[Actor, str], Depends(_position_target)]


def _position_form(
    request: Request,
    actor: Actor,
    notice_id: str,
    values: dict[str, Any],
    errors: Errors,
    status: int = 200,
) -> HTMLResponse:
    return _page(
        request,
        "redress_position.html",
        actor,
        status=status,
        notice_id=notice_id,
        values=values,
        errors=errors,
        kinds=POSITION_KINDS,
        grounds=[(g.value, label) for g, label in GROUND_LABELS.items()],
    )


@router.get("/notices/{ref}/position")
async def position_form(request: Request, target: PositionTarget) -> Response:
    actor, notice_id = target
    return _position_form(request, actor, notice_id, position_values(), {})


@router.post("/notices/{ref}/position")
async def record_position(request: Request, target: PositionTarget, form: CsrfForm) -> Response:
    actor, notice_id = target
    values = position_values(form)
    errors: Errors = {}
    kind = _enum(PositionKind, values["kind"], errors, "kind", _("choose your country's position"))
    message = _("choose grounds from the list")
    parsed = [_enum(PositionGround, v, errors, "grounds", message) for v in values["grounds"]]
    grounds = [g for g in parsed if g is not None]
    if len(values["text"]) < 10:
        _add(errors, "text", _("explain your country's position in writing"))
    if errors or kind is None:
        return _position_form(request, actor, notice_id, values, errors, 422)
    try:
        await run_in_threadpool(
            rs.record_position,
            notice_id,
            kind,
            grounds,
            values["text"],
            _lines(values["evidence"]),
            bool(values["disclose"]),
            actor,
            store_of(request).uow(),
        )
    except e.NotFound:
        return error_page(request, actor, 404, _("Not found"), _("There is no such notice."))
    except e.DomainError as exc:
        return _position_form(request, actor, notice_id, values, {"general": [exc.message]}, 422)
    label = dict(POSITION_KINDS)[kind.value].lower()
    flash(
        request,
        "success",
        _(
            "Your country's position (%(position)s) on notice %(ref)s is recorded. The General "
            "Secretariat is told and the notice is reviewed again."
        )
        % {"position": label, "ref": notice_id},
    )
    return redirect(f"/notices/{notice_id.replace('/', '-')}")
