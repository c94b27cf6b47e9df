"""An NCB's request: the form to file it, to edit it (a draft, or when the General Secretariat asked for
more information) and its live compliance check. The form's translation to the contract is forms.py."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse, Response

from rednotice.adapters.formats.request_json import parse_request
from rednotice.bootstrap import Store
from rednotice.domain import errors as e
from rednotice.domain.lifecycle import Notice, State
from rednotice.domain.model import NoticeType, Sex, notice_id_from_ref, url_ref
from rednotice.domain.users import Actor
from rednotice.services import notices as ns
from rednotice.services.compliance import check_request
from rednotice.web.i18n import _
from rednotice.web.pages.deps import BureauOfficer, CsrfForm, NcbOfficer, QuietBureauOfficer, QuietNcbOfficer
from rednotice.web.pages.dossier import finding_groups
from rednotice.web.pages.forms import (
    CHARGE_FIELDS,
    ERROR_ANCHORS,
    PHYSICAL_FORM,
    SUBJECT_FORM,
    _form_checks,
    carry_over,
    contract_json,
    empty_form,
    field_errors,
    form_values,
    values_from_request,
)
from rednotice.web.pages.labels import DOCUMENT_KINDS, TYPE_LABELS, state_label
from rednotice.web.pages.notices import EDITABLE, reviewer_question
from rednotice.web.pages.toolkit import (
    ENV,
    country_choices,
    error_page,
    flash,
    form_text,
    not_found,
    redirect,
    render,
    render_fragment,
    secure,
    store_of,
)

router = APIRouter(include_in_schema=False)


@router.get("/requests/new")
async def request_form(request: Request, actor: NcbOfficer) -> Response:
    return render(request, "request_form.html", actor, **_form_context(empty_form(), {}))


@router.get("/requests/new/charge")
async def charge_row(actor: QuietNcbOfficer, n: int = 2) -> Response:
    """For htmx: one more charge row (anyone but an NCB officer: a bare 403)."""
    n = max(1, min(n, 50))
    html = ENV.get_template("_charge_row.html").render(
        n=n, charge=dict.fromkeys(CHARGE_FIELDS, ""), errors={}, oob=True
    )
    return secure(HTMLResponse(html))


@router.post("/requests/new")
async def request_submit(request: Request, actor: BureauOfficer, form: CsrfForm) -> Response:
    assert actor.country is not None  # BureauOfficer: bound to a country
    values = form_values(form)
    if form.get("add_charge"):  # the no-script way to add a charge row
        values["charges"].append(dict.fromkeys(CHARGE_FIELDS, ""))
        return render(request, "request_form.html", actor, **_form_context(values, {}))
    if form.get("check"):  # the no-script way to check before submitting
        live = await run_in_threadpool(_live_check, store_of(request), values, actor.country)
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
            ns.create_request, ns.CreateRequest(notice_request, send=send), actor, store_of(request).uow()
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


@router.get("/notices/{ref}/edit")
async def edit_form(request: Request, ref: str, actor: BureauOfficer) -> Response:
    target = await _editable(request, actor, ref)
    if isinstance(target, Response):
        return target
    context = {**_form_context(values_from_request(target.request), {}), **_edit_context(target, "")}
    return render(request, "request_form.html", actor, **context)


@router.post("/notices/{ref}/edit")
async def edit_submit(request: Request, ref: str, actor: BureauOfficer, form: CsrfForm) -> Response:
    target = await _editable(request, actor, ref)
    if isinstance(target, Response):
        return target
    assert actor.country is not None  # BureauOfficer: bound to a country
    values = form_values(form)
    values["type"] = target.type.value  # the type of a request does not change
    answer = form_text(form, "answer", 20_000)
    edit = _edit_context(target, answer)

    def again(errors: dict[str, list[str]], status: int = 422) -> Response:
        context = {**_form_context(values, errors), **edit}
        return render(request, "request_form.html", actor, status=status, **context)

    if form.get("add_charge"):
        values["charges"].append(dict.fromkeys(CHARGE_FIELDS, ""))
        return again({}, 200)
    if form.get("check"):
        live = await run_in_threadpool(_live_check, store_of(request), values, actor.country)
        context = {**_form_context(values, {}), **live, **edit}
        return render(request, "request_form.html", actor, **context)
    send = form.get("send") == "send"
    errors = _form_checks(values)
    if send and target.state is State.MORE_INFORMATION_REQUESTED and len(answer) < 10:
        errors["answer"] = [_("answer the reviewer's questions: say what you changed or why (a few words)")]
    try:
        notice_request = parse_request(carry_over(contract_json(values, actor.country), target.request))
    except e.InvalidInput as exc:
        for field, messages in field_errors(exc).items():
            errors.setdefault(field, []).extend(messages)
        notice_request = None
    if errors or notice_request is None:
        return again(errors)
    version_text = form_text(form, "expected_version", 12)
    expected = int(version_text) if version_text.isdigit() else target.version
    cmd = ns.AmendRequest(target.id, notice_request, expected, send, answer)
    try:
        notice = await run_in_threadpool(ns.amend_request, cmd, actor, store_of(request).uow())
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
            _("new version submitted for review") if edit["editing"]["asked"] else _("submitted for review")
        )
    else:
        what = _("circulated (unreviewed)")
    flash(request, "success", _("Request %(ref)s: %(done)s.") % {"ref": notice.id, "done": what})
    return redirect(f"/notices/{url_ref(notice.id)}")


async def _editable(request: Request, actor: Actor, ref: str) -> Notice | Response:
    """The request, if this officer's bureau may edit it now; else the page that says why."""
    notice_id = notice_id_from_ref(ref)
    if notice_id is None:
        return not_found(request, actor, _("There is no notice with this reference."))
    try:
        notice = await run_in_threadpool(ns.get_notice, notice_id, actor, store_of(request).uow(), False)
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


@router.post("/requests/check")
async def request_check(request: Request, actor: QuietBureauOfficer, form: CsrfForm) -> Response:
    """Live validation: the compliance findings for the form as it stands. Nothing is stored."""
    assert actor.country is not None  # QuietBureauOfficer: bound to a country
    live = await run_in_threadpool(_live_check, store_of(request), form_values(form), actor.country)
    return render_fragment(request, "_check_result.html", actor, **live)


def _form_context(values: dict[str, Any], errors: dict[str, list[str]]) -> dict[str, Any]:
    return {
        "values": values,
        "errors": errors,
        "countries": country_choices(),
        "types": list(NoticeType),
        "sexes": list(Sex),
        "subject_form": SUBJECT_FORM,
        "physical_form": PHYSICAL_FORM,
        "choices": {"sex": [("U", _("Unknown")), ("M", _("Male")), ("F", _("Female"))]},
        "document_kinds": list(DOCUMENT_KINDS.items()),
        "error_anchors": ERROR_ANCHORS,
        "checked": False,
        "check": None,
        "check_errors": [],
        "editing": None,
        "answer": "",
    }


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
