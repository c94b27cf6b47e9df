"""The Commission for the Control of Files at work: its cases with their deadlines, a case's page, the
actions the redress use cases offer, and the applicant's documents. CCF members only; anyone else gets
404 (these pages do not exist for them). The applicant's own pages are redress.py."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, time
from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.responses import Response

from rednotice.bootstrap import Store
from rednotice.domain import errors as e
from rednotice.domain.model import notice_id_from_ref
from rednotice.domain.redress import (
    OUTCOMES_FOR,
    ApplicantKind,
    CaseState,
    DeadlineStatus,
    Outcome,
    RequestKind,
)
from rednotice.domain.redress import shown as redress_text
from rednotice.domain.users import Actor
from rednotice.services import notices as ns
from rednotice.services import redress as rs
from rednotice.web import i18n
from rednotice.web.i18n import _, _l
from rednotice.web.pages.deps import CcfMember, CsrfForm
from rednotice.web.pages.labels import fmt_date
from rednotice.web.pages.toolkit import (
    flash,
    form_text,
    not_found,
    parse_when,
    redirect,
    render,
    secure,
    store_of,
)

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
i18n.TERMS.update(case_state=CASE_STATE_LABELS, request_kind=KIND_LABELS, outcome=CASE_OUTCOME_LABELS)
DEADLINE_LABELS = {"decision": _l("Decision"), "inform_applicant": _l("Inform the applicant")}
DEADLINE_STATUS_LABELS = {
    DeadlineStatus.PENDING: _l("Pending"),
    DeadlineStatus.MET: _l("Met"),
    DeadlineStatus.MET_LATE: _l("Met late"),
    DeadlineStatus.OVERDUE: _l("Overdue"),
}
APPLICANT_LABELS = {
    ApplicantKind.PERSON: _l("person concerned"),
    ApplicantKind.LAWYER: _l("lawyer"),
    ApplicantKind.RELATIVE: _l("relative with a power of attorney"),
}
EVENT_LABELS = {
    "file": _l("Filed"),
    "documents": _l("Documents received"),
    "link": _l("Notice linked"),
    "ask_applicant": _l("Applicant asked"),
    "applicant_answer": _l("Applicant answered"),
    "problems_set_aside": _l("Problems set aside"),
    "inadmissible": _l("Inadmissible"),
    "admissible": _l("Admissible"),
    "consult": _l("NCB consulted"),
    "answer": _l("NCB answered"),
    "consultation_lapsed": _l("Consultation lapsed"),
    "consultation_superseded": _l("Consultation superseded"),
    "block": _l("Precautionary block"),
    "decide": _l("Decided"),
    "inform_applicant": _l("Applicant informed"),
}
"""A case's history entries (``CaseEvent.action``), in words."""
CASE_ID = re.compile(r"^CCF-\d{4}-[0-9A-Z]{1,12}$")  # random since issue 14, item 5
DOC_ID = re.compile(r"^doc_[A-Za-z0-9_-]{8,40}$")


def _label(mapping: Mapping[Any, str], value: Any) -> str:
    for key, text in mapping.items():
        if str(getattr(key, "value", key)) == str(value):
            return text
    return str(value).replace("_", " ").capitalize()


def deadline_view(d: Mapping[str, Any]) -> dict[str, Any]:
    name = str(d.get("name") or "")
    label = DEADLINE_LABELS.get(name) or (
        _("Answer to consultation %(number)s") % {"number": name.split(":", 1)[1]}
        if name.startswith("consultation:")
        else name
    )
    return {
        **d,
        "label": label,
        "status_label": _label(DEADLINE_STATUS_LABELS, d.get("status")),
        "due_at": parse_when(d.get("due")),
        "met": parse_when(d.get("met_at")),
    }


def event_view(ev: Mapping[str, Any]) -> dict[str, Any]:
    """A history entry in words: its action, and its text in the reader's language (a decision's outcome
    and a filing's kind by their labels, a text rednotice wrote read back from its template, a person's own
    words as written)."""
    action, text = str(ev.get("action") or ""), str(ev.get("text") or "")
    if action == "decide":
        shown = _label(CASE_OUTCOME_LABELS, text)
    elif action == "file":
        shown = _label(KIND_LABELS, text)
    else:
        shown = redress_text(text)
    return {
        **ev,
        "at_dt": parse_when(ev.get("at")),
        "action_label": _label(EVENT_LABELS, action),
        "text_shown": shown,
    }


def case_row(view: Mapping[str, Any]) -> dict[str, Any]:
    pending = [deadline_view(d) for d in view["deadlines"] if d.get("met_at") is None]
    pending.sort(key=lambda d: str(d.get("due")))
    return {
        "id": view["id"],
        "kind": _label(KIND_LABELS, view["kind"]),
        "state": view["state"],
        "state_label": _label(CASE_STATE_LABELS, view["state"]),
        "filed_at": parse_when(view["filed_at"]),
        "applicant_kind": _label(APPLICANT_LABELS, view["applicant"]["kind"]),
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
            status, label = "answered", _("Answered")
        elif c.get("lapsed"):
            status, label = "lapsed", _("Lapsed: no answer, data deleted")
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
        "events": [event_view(ev) for ev in view["events"]],
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


router = APIRouter(include_in_schema=False)


@router.get("/ccf")
async def ccf_cases(request: Request, actor: CcfMember) -> Response:
    overdue_only = request.query_params.get("overdue") == "1"
    views = await run_in_threadpool(rs.list_cases, actor, store_of(request).uow(), overdue_only)
    rows = [case_row(v) for v in views]
    return render(
        request,
        "ccf_cases.html",
        actor,
        rows=rows,
        overdue_count=sum(1 for r in rows if r["overdue"]),
        overdue_only=overdue_only,
    )


@router.get("/ccf/cases/{case_id}")
async def ccf_case(request: Request, case_id: str, actor: CcfMember) -> Response:
    if not CASE_ID.match(case_id):
        return not_found(request, actor, _("There is no case with this reference."))
    try:
        data = await run_in_threadpool(_case_data, store_of(request), actor, case_id)
    except e.NotFound:
        return not_found(request, actor, _("There is no case %(ref)s.") % {"ref": case_id})
    return render(request, "ccf_case.html", actor, **data)


def _action(path: str, do: Callable[[str, FormData, Actor, Store], str]) -> None:
    """A POST /ccf/cases/{case_id}/<path> doing ``do`` and saying what was done on the case's page."""

    async def endpoint(request: Request, case_id: str, actor: CcfMember, form: CsrfForm) -> Response:
        if not CASE_ID.match(case_id):
            return not_found(request, actor, _("There is no case with this reference."))
        back = f"/ccf/cases/{case_id}"
        try:
            done = await run_in_threadpool(do, case_id, form, actor, store_of(request))
        except e.NotFound as exc:
            flash(request, "error", _("Not done: %(reason)s.") % {"reason": exc.message})
            return redirect(back)
        except e.DomainError as exc:
            flash(request, "error", _("Not done: %(reason)s.") % {"reason": exc.message})
            return redirect(back)
        flash(request, "success", done)
        return redirect(back)

    router.add_api_route(f"/ccf/cases/{{case_id}}/{path}", endpoint, methods=["POST"])


def assess(case_id: str, form: FormData, actor: Actor, store: Store) -> str:
    waived = [str(v)[:40] for v in form.getlist("waive") if isinstance(v, str)][:20]
    case = rs.assess_case(case_id, actor, store.uow(), waived)
    return _("Case %(ref)s is %(state)s.") % {
        "ref": case.id,
        "state": CASE_STATE_LABELS[case.state].lower(),
    }


def ask(case_id: str, form: FormData, actor: Actor, store: Store) -> str:
    rs.ask_applicant(case_id, form_text(form, "message", 20_000), actor, store.uow())
    return _("The applicant is asked for what is missing; they read your message on their case page.")


def link(case_id: str, form: FormData, actor: Actor, store: Store) -> str:
    notice_id = notice_id_from_ref(form_text(form, "notice_id", 40).replace("/", "-")) or ""
    rs.link_notice(case_id, notice_id, actor, store.uow())
    return _("Notice %(ref)s linked to the case.") % {"ref": notice_id}


def block(case_id: str, form: FormData, actor: Actor, store: Store) -> str:
    rs.block(case_id, form_text(form, "reasons", 20_000), actor, store.uow())
    return _("The data is blocked as a precaution: the notices are suspended and out of screening.")


def consult(case_id: str, form: FormData, actor: Actor, store: Store) -> str:
    due = _due_date(form_text(form, "due", 20))
    notice_id = form_text(form, "notice_id", 40)
    rs.consult(case_id, notice_id, form_text(form, "question", 20_000), due, actor, store.uow())
    return _("The requesting NCB is consulted about %(ref)s; answer due %(date)s.") % {
        "ref": notice_id,
        "date": fmt_date(due),
    }


def decide(case_id: str, form: FormData, actor: Actor, store: Store) -> str:
    try:
        outcome = Outcome(form_text(form, "outcome", 40))
    except ValueError as exc:
        raise e.InvalidInput("choose the outcome of the decision") from exc
    case = rs.decide(case_id, outcome, form_text(form, "reasons", 20_000), actor, store.uow())
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


@router.get("/ccf/cases/{case_id}/documents/{doc_id}")
async def ccf_document(request: Request, case_id: str, doc_id: str, actor: CcfMember) -> Response:
    """A document the applicant sent, for the CCF only (anyone else: 404), served as an attachment."""
    if not CASE_ID.match(case_id) or not DOC_ID.match(doc_id):
        return not_found(request, actor, _("There is no such document."))
    try:
        doc, data = await run_in_threadpool(rs.read_document, case_id, doc_id, actor, store_of(request).uow())
    except e.NotFound:
        return not_found(request, actor, _("There is no such document."))
    extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}[doc.media_type]
    response = Response(
        data,
        media_type=doc.media_type,
        headers={"Content-Disposition": f'attachment; filename="{doc.id}.{extension}"'},
    )
    secure(response)
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


_action("notices", link)
_action("block", block)
_action("consultations", consult)
_action("decision", decide)
_action("informed", inform)
