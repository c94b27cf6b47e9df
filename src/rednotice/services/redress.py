"""Use cases for redress and protection: CCF cases, refugee confirmations, harassment reports, countries'
positions on notices, review flags and notifications.

Lifecycle changes (precautionary block, deletion, reinstatement) go through ``notices.transition`` in their
own unit of work, so whatever that use case does on a change (screening index, public list) happens here
too. Each use case therefore runs in up to three short transactions: check, lifecycle, record. The lifecycle
step comes first, so a failure leaves the protective effect (a block, a deletion) rather than a record of
one that did not happen.
"""

from __future__ import annotations

import hashlib
import secrets
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from rednotice.domain import policy
from rednotice.domain.compliance.context import ProtectionStatus
from rednotice.domain.errors import (
    Conflict,
    Forbidden,
    IllegalTransition,
    InvalidInput,
    NotFound,
    RuleViolation,
    Text,
)
from rednotice.domain.lifecycle import Action, Notice, State
from rednotice.domain.model import Subject
from rednotice.domain.redress import (
    ALL_NCBS,
    DOCUMENTS_SENT,
    FLAG_DECIDED_NON_COMPLIANT,
    FLAG_HARASSMENT,
    FLAG_POSITION,
    FLAG_REFUGEE_CONFIRMED,
    FLAG_REFUGEE_DELETION,
    FLAG_RESTORABLE,
    GENERAL_SECRETARIAT,
    NO_BASIS,
    REVISION_OF_UNDECIDED,
    Case,
    CaseDocument,
    CaseEvent,
    CaseState,
    Filing,
    FlagSource,
    HarassmentReport,
    Notification,
    Outcome,
    Position,
    PositionGround,
    PositionKind,
    Problem,
    RefugeeConfirmation,
    ReviewFlag,
    Upload,
    admissibility_problems,
    check_uploads,
    match_notices,
    new_public_id,
    safe_filename,
)
from rednotice.domain.users import SYSTEM, Actor, Role
from rednotice.services import notices as ns
from rednotice.services import notifications as nt
from rednotice.services.ports import RedressRepository as RedressRepository  # moved to ports.py
from rednotice.services.ports import UnitOfWork


class BindingOutcome:
    """Values of the per-notice outcome rows that RN-16 reads (see ``StoreContext.prior_decisions_for``)."""

    CCF_NON_COMPLIANT = "ccf_non_compliant"
    REFUGEE_DELETED = "refugee_deleted"
    RESTORABLE = "restorable"


RedressUnitOfWork = UnitOfWork
"""The old name: the unit of work of ``services/ports.py`` holds ``redress`` (``RedressRepository``)."""


APPLICANT = "ccf-applicant"
"""How a (nameless) applicant or reporter appears in the audit log: their identity stays in the case."""
REPORTER = "harassment-reporter"
MATCHABLE_STATES = tuple(s for s in State if s is not State.DRAFT)
DELETABLE = (State.PUBLISHED, State.SUSPENDED, State.UNREVIEWED, State.REVIEWED_COMPLIANT)
PENDING_REVIEW = (State.SUBMITTED, State.UNDER_REVIEW, State.MORE_INFORMATION_REQUESTED)


def hash_code(code: str) -> str:
    return hashlib.sha256(code.strip().encode()).hexdigest()


def new_access_code() -> str:
    return "ccf_" + secrets.token_urlsafe(24)


def _ccf(actor: Actor) -> None:
    if actor.role is not Role.CCF:
        raise Forbidden("only the Commission for the Control of Files does this")


def _official(actor: Actor) -> None:
    if actor.role not in (Role.CCF, Role.REVIEWER):
        raise Forbidden("only the CCF and General Secretariat reviewers see this")


def _ncb(actor: Actor) -> str:
    if actor.role is not Role.NCB_OFFICER or not actor.country:
        raise Forbidden("only an NCB officer does this")
    return actor.country


def _audit(uow: UnitOfWork, actor: Actor | str, action: str, subject: str, **data: Any) -> None:
    uow.audit.append(actor, action, subject, data, uow.clock())


def _load_case(uow: RedressUnitOfWork, case_id: str) -> Case:
    case = uow.redress.get_case(case_id)
    if case is None:
        raise NotFound("no CCF case %(case)s", case=case_id)
    return case


def _identity_candidates(uow: UnitOfWork, subject: Subject) -> list[Notice]:
    return uow.reviews.identity_candidates(subject, MATCHABLE_STATES)


def _flag(uow: RedressUnitOfWork, notice_id: str, source: FlagSource, ref: str, text: str) -> None:
    uow.redress.add_flag(ReviewFlag(0, notice_id, uow.clock(), source, ref, text))


def _notify_deletion(uow: RedressUnitOfWork, notice: Notice) -> None:
    """Every NCB that could see the notice: the requester, and the countries its visibility allowed."""
    now = uow.clock()
    text = nt.write(nt.DELETED, notice=notice.id)
    vis = notice.request.visibility
    uow.redress.add_notification(
        Notification(0, now, notice.requesting_country, "notice.deleted", notice.id, text)
    )
    if vis.restricted_to is None:
        excluded = tuple(sorted({*vis.excluded_countries, notice.requesting_country}))
        uow.redress.add_notification(
            Notification(0, now, ALL_NCBS, "notice.deleted", notice.id, text, excluded)
        )
    else:
        for country in sorted(set(vis.restricted_to) - {notice.requesting_country}):
            if vis.allows(country):
                uow.redress.add_notification(Notification(0, now, country, "notice.deleted", notice.id, text))
    uow.redress.add_notification(Notification(0, now, GENERAL_SECRETARIAT, "notice.deleted", notice.id, text))


def _move(
    uow: RedressUnitOfWork, notice_id: str, action: Action, actor: Actor, reasons: str
) -> Notice | None:
    """A lifecycle step through the notices use case (its own transaction). None if it does not apply."""
    try:
        return ns.transition(ns.Transition(notice_id, action, reasons), actor, uow)
    except (IllegalTransition, Conflict):
        return None


def _move_in(
    uow: RedressUnitOfWork, notice_id: str, action: Action, actor: Actor, reasons: str
) -> Notice | None:
    """The same lifecycle step as ``notices.transition``, inside the caller's open transaction, so that the
    case and its effects commit together or not at all. None if the step does not apply to the notice's
    state; a concurrent change of the notice raises ``Conflict`` (the whole decision rolls back)."""
    notice = uow.notices.get(notice_id)
    if notice is None:
        return None
    loaded = notice.version
    try:
        record = notice.apply(action, actor, uow.clock(), reasons)
    except IllegalTransition:
        return None
    uow.notices.save(notice, loaded, [record])
    uow.audit.append(
        actor,
        f"notice.transition.{action.value}",
        f"notice:{notice.id}",
        {"state": notice.state.value, "from_state": record.from_state.value, "reasons": record.reasons},
        uow.clock(),
    )
    return notice


# --- CCF cases ----------------------------------------------------------------------------------------


def _store_documents(
    uow: RedressUnitOfWork, case: Case, checked: Sequence[tuple[Upload, str]], request_number: int | None
) -> list[CaseDocument]:
    """Keep checked uploads with the case (inside the caller's transaction)."""
    out = []
    for upload, media in checked:
        doc = CaseDocument(
            "doc_" + secrets.token_urlsafe(12),
            case.id,
            upload.kind,
            safe_filename(upload.filename),
            media,
            len(upload.data),
            hashlib.sha256(upload.data).hexdigest(),
            uow.clock(),
            request_number,
        )
        uow.redress.add_document(doc, upload.data)
        out.append(doc)
    return out


def file_case(filing: Filing, uow: RedressUnitOfWork, documents: Sequence[Upload] = ()) -> tuple[Case, str]:
    """A person, their lawyer or a relative files a request, with documents if they have them (PDF, PNG or
    JPEG, checked by their first bytes). Returns the case and its access code (shown once; only its hash is
    stored). Nothing is said about whether a notice exists."""
    if filing.kind.value == "revision" and not filing.revision_of:
        raise InvalidInput("a revision names the decided case it asks to revise (revision_of)")
    checked = check_uploads(documents)  # refuses before anything is stored
    code = new_access_code()
    with uow:
        now = uow.clock()
        case = Case(uow.redress.next_case_id(now.year), filing, now, hash_code(code))
        ids = []
        if filing.notice_id:
            named = uow.notices.get(filing.notice_id)
            if named is not None:
                ids.append(named.id)
        for notice_id, _why in match_notices(
            filing.subject, ((n.id, n.request.subject) for n in _identity_candidates(uow, filing.subject))
        ):
            if notice_id not in ids:
                ids.append(notice_id)
        if filing.revision_of:
            prior = uow.redress.get_case(filing.revision_of)
            if prior is not None:
                ids += [i for i in prior.notice_ids if i not in ids]
        case.notice_ids = ids
        case.events.append(CaseEvent(now, APPLICANT, "file", filing.kind.value))
        if checked:
            sent = Text(DOCUMENTS_SENT, num=len(checked))
            case.events.append(CaseEvent(now, APPLICANT, "documents", sent))
        uow.redress.add_case(case)
        stored = _store_documents(uow, case, checked, None)
        _audit(
            uow,
            APPLICANT,
            "ccf.case.file",
            f"ccf:{case.id}",
            kind=filing.kind.value,
            documents=[d.sha256 for d in stored],
        )
        uow.commit()
    return case, code


def _problems(uow: RedressUnitOfWork, case: Case) -> list[Problem]:
    problems = admissibility_problems(case.filing, case.filed_at.date())
    if case.filing.revision_of:
        prior = uow.redress.get_case(case.filing.revision_of)
        if prior is None or prior.state not in (CaseState.DECIDED, CaseState.CLOSED):
            problems.append(Problem("revision_of", Text(REVISION_OF_UNDECIDED)))
    return problems


def admissibility_preview(case_id: str, actor: Actor, uow: RedressUnitOfWork) -> list[Problem]:
    """What the admissibility check would find now (nothing is recorded): the CCF reads it before it
    decides to check, or to ask the applicant for what is missing."""
    _ccf(actor)
    with uow:
        return _problems(uow, _load_case(uow, case_id))


def assess_case(case_id: str, actor: Actor, uow: RedressUnitOfWork, waived: Sequence[str] = ()) -> Case:
    """The admissibility check (rule 29), with reasons. Admissible starts the decision deadline. ``waived``:
    problems the CCF found remedied by the documents or answers the applicant sent (recorded)."""
    _ccf(actor)
    with uow:
        case = _load_case(uow, case_id)
        version = case.version
        problems = _problems(uow, case)
        case.assess(uow.clock(), actor.username, problems, waived)
        uow.redress.save_case(case, version)
        _audit(
            uow,
            actor,
            "ccf.case.assess",
            f"ccf:{case.id}",
            state=case.state.value,
            problems=[p.code for p in case.problems],
            **({"set_aside": list(case.waived)} if case.waived else {}),
        )
        uow.commit()
    return case


def ask_applicant(case_id: str, message: str, actor: Actor, uow: RedressUnitOfWork) -> Case:
    """Ask the applicant for what is missing (a document, a signature, a clearer purpose) instead of
    declaring the request inadmissible. The applicant reads the message on their case page."""
    _ccf(actor)
    with uow:
        case = _load_case(uow, case_id)
        version = case.version
        req = case.ask_applicant(uow.clock(), actor.username, message)
        uow.redress.save_case(case, version)
        _audit(uow, actor, "ccf.case.ask_applicant", f"ccf:{case.id}", number=req.number)
        uow.commit()
    return case


def answer_applicant_request(
    code: str, text: str, documents: Sequence[Upload], uow: RedressUnitOfWork
) -> Case:
    """The applicant answers the CCF's request with text and documents, found by the access code alone."""
    checked = check_uploads(documents)
    if not code or len(code) > 200:
        raise NotFound("no case for this access code")
    with uow:
        case = uow.redress.case_by_code(hash_code(code))
        if case is None:
            raise NotFound("no case for this access code")
        version = case.version
        req = case.open_request
        if case.state is not CaseState.AWAITING_APPLICANT or req is None:
            raise RuleViolation("the Commission has not asked you for anything on this case")
        stored = _store_documents(uow, case, checked, req.number)
        case.applicant_answers(uow.clock(), text, [d.id for d in stored])
        uow.redress.save_case(case, version)
        _audit(
            uow,
            APPLICANT,
            "ccf.case.applicant_answer",
            f"ccf:{case.id}",
            number=req.number,
            documents=[d.sha256 for d in stored],
        )
        uow.commit()
    return case


def document_view(d: CaseDocument) -> dict[str, Any]:
    return {
        "id": d.id,
        "kind": d.kind.value,
        "filename": d.filename,
        "media_type": d.media_type,
        "size": d.size,
        "sha256": d.sha256,
        "uploaded_at": d.uploaded_at.isoformat(),
        "request_number": d.request_number,
    }


def case_exchanges(case_id: str, actor: Actor, uow: RedressUnitOfWork) -> dict[str, Any]:
    """For the CCF only: its requests to the applicant with the answers, and the documents received."""
    _ccf(actor)
    with uow:
        case = _load_case(uow, case_id)
        docs = uow.redress.documents(case_id)
    return {
        "requests": [
            {
                "number": r.number,
                "message": r.message,
                "asked_at": r.asked_at.isoformat(),
                "asked_by": r.asked_by,
                "answered_at": r.answered_at.isoformat() if r.answered_at else None,
                "answer": r.answer,
                "documents": list(r.documents),
            }
            for r in case.applicant_requests
        ],
        "documents": [document_view(d) for d in docs],
        "waived": list(case.waived),
    }


def read_document(
    case_id: str, doc_id: str, actor: Actor, uow: RedressUnitOfWork
) -> tuple[CaseDocument, bytes]:
    """A document of a case, for the CCF alone (never the requesting NCB, never a reviewer). Audited."""
    _ccf(actor)
    with uow:
        _load_case(uow, case_id)
        doc = next((d for d in uow.redress.documents(case_id) if d.id == doc_id), None)
        data = uow.redress.document_data(case_id, doc_id) if doc else None
        if doc is None or data is None:
            raise NotFound("no document %(document)s in case %(case)s", document=doc_id, case=case_id)
        _audit(uow, actor, "ccf.document.view", f"ccf:{case_id}", document=doc_id, sha256=doc.sha256)
        uow.commit()
    return doc, data


def link_notice(case_id: str, notice_id: str, actor: Actor, uow: RedressUnitOfWork) -> Case:
    """The CCF adds a notice it found to the case."""
    _ccf(actor)
    with uow:
        case = _load_case(uow, case_id)
        version = case.version
        if uow.notices.get(notice_id) is None:
            raise NotFound("no notice %(notice)s", notice=notice_id)
        if notice_id not in case.notice_ids:
            case.notice_ids.append(notice_id)
            case.events.append(CaseEvent(uow.clock(), actor.username, "link", notice_id))
            uow.redress.save_case(case, version)
            _audit(uow, actor, "ccf.case.link", f"ccf:{case.id}", notice_id=notice_id)
        uow.commit()
    return case


def consult(
    case_id: str, notice_id: str, question: str, due: datetime, actor: Actor, uow: RedressUnitOfWork
) -> Case:
    """Ask the requesting NCB, with a deadline. The NCB learns of the case only now, and sees only the
    question (never the applicant's confidential material)."""
    _ccf(actor)
    with uow:
        case = _load_case(uow, case_id)
        version = case.version
        notice = uow.notices.get(notice_id)
        if notice is None:
            raise NotFound("no notice %(notice)s", notice=notice_id)
        c = case.consult(uow.clock(), actor.username, notice.requesting_country, notice_id, question, due)
        uow.redress.save_case(case, version)
        uow.redress.add_notification(
            Notification(
                0,
                uow.clock(),
                c.country,
                "ccf.consultation",
                notice_id,
                nt.write(
                    nt.CONSULTATION,
                    notice=notice_id,
                    case=case.id,
                    number=c.number,
                    due=c.due.date().isoformat(),
                ),
            )
        )
        _audit(
            uow,
            actor,
            "ccf.case.consult",
            f"ccf:{case.id}",
            country=c.country,
            notice_id=notice_id,
            due=c.due.isoformat(),
        )
        uow.commit()
    return case


def consultations_for(actor: Actor, uow: RedressUnitOfWork) -> list[dict[str, Any]]:
    """What the consulted NCB sees: the case reference, the notice, the question, the deadline. Nothing
    else about the case (applicant, statement, confidential material, other notices)."""
    country = _ncb(actor)
    with uow:
        out = []
        for case in uow.redress.cases_consulting(country):
            for c in case.consultations:
                if c.country == country:
                    out.append(
                        {
                            "case_id": case.id,
                            "number": c.number,
                            "notice_id": c.notice_id,
                            "question": c.question,
                            "asked_at": c.asked_at.isoformat(),
                            "due": c.due.isoformat(),
                            "answered_at": c.answered_at.isoformat() if c.answered_at else None,
                            "lapsed": c.lapsed_at is not None,
                        }
                    )
        return out


def answer_consultation(
    case_id: str, number: int, text: str, actor: Actor, uow: RedressUnitOfWork
) -> dict[str, Any]:
    country = _ncb(actor)
    with uow:
        case = uow.redress.get_case(case_id)
        if case is None or not any(c.country == country for c in case.consultations):
            raise NotFound(
                "no consultation %(case)s/%(number)s for %(country)s",
                case=case_id,
                number=number,
                country=country,
            )
        version = case.version
        c = case.answer(uow.clock(), actor.username, country, number, text)
        uow.redress.save_case(case, version)
        _audit(uow, actor, "ccf.case.answer", f"ccf:{case.id}", number=number)
        uow.commit()
    return {
        "case_id": case.id,
        "number": c.number,
        "answered_at": c.answered_at.isoformat() if c.answered_at else None,
    }


def block(case_id: str, reasons: str, actor: Actor, uow: RedressUnitOfWork) -> Case:
    """Precautionary block (rule 28): the notices leave other NCBs' view and screening at once."""
    _ccf(actor)
    if len(reasons.strip()) < 10:
        raise InvalidInput("a precautionary block is reasoned")
    with uow:
        case = _load_case(uow, case_id)
        version = case.version
        if not case.notice_ids:
            raise RuleViolation("no notice is linked to this case: nothing to block")
        case.block(uow.clock(), actor.username, reasons.strip())  # raises if the case cannot be blocked
        uow.redress.save_case(case, version)  # claims the case first: a concurrent change loses here
        blocked = [
            notice_id
            for notice_id in case.notice_ids
            if _move_in(
                uow, notice_id, Action.SUSPEND, actor, f"CCF case {case_id}: precautionary block. {reasons}"
            )
        ]
        _audit(uow, actor, "ccf.case.block", f"ccf:{case.id}", notices=blocked)
        uow.commit()
    return case


def _delete_notice(
    uow: RedressUnitOfWork, notice_id: str, actor: Actor, reasons: str, outcome: str, source: str, ref: str
) -> bool:
    """Delete through the lifecycle, record the binding outcome (RN-16), notify every NCB that could see it;
    a request still under review is flagged for the reviewer to refuse instead. Runs inside the caller's
    open transaction: the deletion, the outcome, the notifications and the caller's record are one."""
    moved = _move_in(uow, notice_id, Action.DELETE, actor, reasons)
    notice = moved or uow.notices.get(notice_id)
    if notice is None:
        return False
    uow.redress.add_outcome(notice_id, outcome, source, ref, uow.clock(), actor.username, reasons)
    if moved is not None:
        _notify_deletion(uow, notice)
    elif notice.state in PENDING_REVIEW:
        _flag(
            uow,
            notice_id,
            FlagSource.REFUGEE if source == "refugee" else FlagSource.POSITION,
            ref,
            Text(FLAG_DECIDED_NON_COMPLIANT),
        )
    return moved is not None


def decide(case_id: str, outcome: Outcome, reasons: str, actor: Actor, uow: RedressUnitOfWork) -> Case:
    """A reasoned, binding decision. Deletion takes the notices out (lifecycle), bars the same facts from
    coming back without new facts, and tells every NCB that could see them. A kept notice is unblocked.

    One transaction: the case is decided and saved at the version it was read at *before* any effect, so a
    concurrent decision (``deleted`` against ``compliant``) loses with a ``Conflict`` (PostgreSQL: the row
    lock; SQLite: the writer lock) and leaves nothing behind: no deletion, no outcome, no notification."""
    _ccf(actor)
    with uow:
        case = _load_case(uow, case_id)
        version = case.version
        was_blocked = case.blocked_at is not None
        superseded = case.decide(uow.clock(), actor.username, outcome, reasons)  # validates first
        uow.redress.save_case(case, version)
        effects: list[str] = [f"consultation {c.number} superseded" for c in superseded]
        for c in superseded:
            uow.redress.add_notification(
                Notification(
                    0,
                    uow.clock(),
                    c.country,
                    "ccf.consultation_closed",
                    c.notice_id,
                    nt.write(nt.CONSULTATION_CLOSED, number=c.number, notice=c.notice_id, case=case.id),
                )
            )
        for notice_id in case.notice_ids:
            if outcome is Outcome.DELETED:
                if _delete_notice(
                    uow,
                    notice_id,
                    actor,
                    f"CCF case {case_id}: non-compliant (binding decision). {reasons}",
                    BindingOutcome.CCF_NON_COMPLIANT,
                    "ccf",
                    case_id,
                ):
                    effects.append(f"deleted {notice_id}")
            elif was_blocked and _move_in(
                uow, notice_id, Action.REINSTATE, actor, f"CCF case {case_id}: {outcome.value}. {reasons}"
            ):
                effects.append(f"reinstated {notice_id}")
        if outcome is Outcome.CORRECTED:
            for notice_id in case.notice_ids:
                notice = uow.notices.get(notice_id)
                if notice is not None:
                    uow.redress.add_notification(
                        Notification(
                            0,
                            uow.clock(),
                            notice.requesting_country,
                            "notice.correction",
                            notice_id,
                            nt.write(nt.CORRECTION, notice=notice_id),
                        )
                    )
        _audit(uow, actor, "ccf.case.decide", f"ccf:{case.id}", outcome=outcome.value, effects=effects)
        uow.commit()
    return case


def inform_applicant(case_id: str, actor: Actor, uow: RedressUnitOfWork) -> Case:
    """Record that the applicant was told the decision (due within one month of it)."""
    _ccf(actor)
    with uow:
        case = _load_case(uow, case_id)
        version = case.version
        case.inform(uow.clock(), actor.username)
        uow.redress.save_case(case, version)
        _audit(uow, actor, "ccf.case.inform", f"ccf:{case.id}")
        uow.commit()
    return case


def sweep_consultations(uow: RedressUnitOfWork) -> list[str]:
    """Rule 27: an NCB that did not answer the CCF by the deadline loses the data. Returns deleted ids."""
    with uow:
        due = uow.redress.cases_with_consultations_due(uow.clock())
    deleted = []
    for case_id in due:
        with uow:
            case = _load_case(uow, case_id)
            version = case.version
            now = uow.clock()
            lapsed = [c for c in case.consultations if c.open and c.due < now]
            if not lapsed:
                continue
            for c in lapsed:
                case.lapse(now, c.number)
            uow.redress.save_case(case, version)
            _audit(
                uow,
                SYSTEM,
                "ccf.case.consultation_lapsed",
                f"ccf:{case.id}",
                numbers=[c.number for c in lapsed],
            )
            for c in lapsed:
                reasons = (
                    f"CCF case {case_id}: the source did not answer the Commission's questions by "
                    f"{c.due.date().isoformat()}; the data is deleted (rule 27)."
                )
                if _delete_notice(
                    uow, c.notice_id, SYSTEM, reasons, BindingOutcome.CCF_NON_COMPLIANT, "ccf", case_id
                ):
                    deleted.append(c.notice_id)
            uow.commit()
    return deleted


def case_view(case: Case, now: datetime) -> dict[str, Any]:
    """The CCF's view of a case: everything, with its deadlines and what is overdue."""
    f = case.filing
    return {
        "id": case.id,
        "state": case.state.value,
        "version": case.version,
        "kind": f.kind.value,
        "filed_at": case.filed_at.isoformat(),
        "applicant": {
            "kind": f.applicant_kind.value,
            "name": f.subject.name.full(),
            "representative": f.representative,
            "contact": f.contact,
            "language": f.language,
        },
        "purpose": f.purpose,
        "statement": f.statement,
        "confidential": f.confidential,
        "notice_id_given": f.notice_id,
        "notice_ids": list(case.notice_ids),
        "problems": [{"code": p.code, "reason": p.reason} for p in case.problems],
        "admissible_at": case.admissible_at.isoformat() if case.admissible_at else None,
        "blocked_at": case.blocked_at.isoformat() if case.blocked_at else None,
        "consultations": [
            {
                "number": c.number,
                "country": c.country,
                "notice_id": c.notice_id,
                "question": c.question,
                "due": c.due.isoformat(),
                "answer": c.answer,
                "answered_at": c.answered_at.isoformat() if c.answered_at else None,
                "lapsed": c.lapsed_at is not None,
            }
            for c in case.consultations
        ],
        "outcome": case.outcome.value if case.outcome else None,
        "decision": case.decision,
        "decided_at": case.decided_at.isoformat() if case.decided_at else None,
        "informed_at": case.informed_at.isoformat() if case.informed_at else None,
        "deadlines": [d.to_dict(now) for d in case.deadlines()],
        "overdue": [d.name for d in case.overdue(now)],
        "revision_of": f.revision_of,
        "new_fact": f.new_fact,
        "events": [
            {"at": e.at.isoformat(), "by": e.actor, "action": e.action, "text": e.text} for e in case.events
        ],
    }


def get_case(case_id: str, actor: Actor, uow: RedressUnitOfWork) -> dict[str, Any]:
    _ccf(actor)
    with uow:
        case = _load_case(uow, case_id)
        _audit(uow, actor, "ccf.case.view", f"ccf:{case.id}")
        uow.commit()
        return case_view(case, uow.clock())


def list_cases(actor: Actor, uow: RedressUnitOfWork, overdue_only: bool = False) -> list[dict[str, Any]]:
    """Every case, overdue ones first (then by the next deadline): overdue cases stand out."""
    _ccf(actor)
    with uow:
        now = uow.clock()
        cases = uow.redress.cases()
        _audit(uow, actor, "ccf.case.list", "ccf", overdue_only=overdue_only)
        uow.commit()
    views = [case_view(c, now) for c in cases if not overdue_only or c.overdue(now)]
    far = datetime.max.replace(tzinfo=now.tzinfo)
    due = {c.id: c.next_due() or far for c in cases}
    views.sort(key=lambda v: (not v["overdue"], due[v["id"]], v["id"]))
    return views


def deadline_report(actor: Actor, uow: RedressUnitOfWork) -> dict[str, Any]:
    """Figures: cases by kind and state; deadlines met, met late, pending and overdue; outcomes."""
    if actor.role not in (Role.CCF, Role.OVERSIGHT, Role.REVIEWER):
        raise Forbidden("the CCF figures are for the CCF, reviewers and oversight")
    with uow:
        now = uow.clock()
        cases = uow.redress.cases()
    deadlines: dict[str, Counter[str]] = {}
    for c in cases:
        for d in c.deadlines():
            name = "consultation" if d.name.startswith("consultation") else d.name
            deadlines.setdefault(name, Counter())[d.status(now).value] += 1
    return {
        "at": now.isoformat(),
        "cases": len(cases),
        "by_kind": dict(Counter(c.filing.kind.value for c in cases)),
        "by_state": dict(Counter(c.state.value for c in cases)),
        "outcomes": dict(Counter(c.outcome.value for c in cases if c.outcome)),
        "blocked": sum(1 for c in cases if c.blocked_at),
        "deadlines": {k: dict(v) for k, v in deadlines.items()},
        "overdue_cases": sorted(c.id for c in cases if c.overdue(now)),
    }


def my_case(code: str, uow: RedressUnitOfWork, with_requests: bool = False) -> dict[str, Any]:
    """The applicant's own case, found by the access code alone (and only that case). ``with_requests``
    adds the CCF's requests to the applicant, with the answers given (for the applicant's page)."""
    if not code or len(code) > 200:
        raise NotFound("no case for this access code")
    with uow:
        case = uow.redress.case_by_code(hash_code(code))
        if case is None:
            raise NotFound("no case for this access code")
        _audit(uow, APPLICANT, "ccf.case.applicant_view", f"ccf:{case.id}")
        uow.commit()
        now = uow.clock()
    decided = case.state in (CaseState.DECIDED, CaseState.CLOSED)
    out: dict[str, Any] = {
        "id": case.id,
        "kind": case.filing.kind.value,
        "state": case.state.value,
        "filed_at": case.filed_at.isoformat(),
        "admissible": None if case.state is CaseState.RECEIVED else case.state is not CaseState.INADMISSIBLE,
        "problems": [p.reason for p in case.problems],
        "precautionary_block": case.block_in_force,
        "decision_due": case.decision_due.isoformat() if case.decision_due else None,
        "outcome": case.outcome.value if decided and case.outcome else None,
        "decision": case.decision if decided else None,
        "decided_at": case.decided_at.isoformat() if decided and case.decided_at else None,
        "deadlines": [d.to_dict(now) for d in case.deadlines() if d.name == "decision"],
    }
    if with_requests:
        out["requests"] = [
            {
                "number": r.number,
                "message": r.message,
                "asked_at": r.asked_at.isoformat(),
                "answered_at": r.answered_at.isoformat() if r.answered_at else None,
                "answer": r.answer,
                "documents": len(r.documents),
            }
            for r in case.applicant_requests
        ]
    return out


# --- refugee status -----------------------------------------------------------------------------------


REFUGEE_DELETION_REASON = (
    "Deleted under INTERPOL's policy on refugees and asylum seekers (GA-2017-86-RES-09): a member country "
    "confirmed the subject's protection status, and the request comes from the country of feared persecution."
)
REFUGEE_SUSPENSION_REASON = (
    "Suspended as a precaution under INTERPOL's policy on refugees and asylum seekers: a member country "
    "confirmed a protection status (confirmation {ref}); a General Secretariat reviewer decides on deletion."
)


def confirm_refugee(
    subject: Subject,
    status: ProtectionStatus,
    persecution_country: str,
    basis: str,
    actor: Actor,
    uow: RedressUnitOfWork,
) -> RefugeeConfirmation:
    """A member country confirms protection. Nothing is deleted on the confirming country's word alone:
    notices and diffusions from the country of feared persecution about the person (found by identity,
    across spellings) are suspended as a precaution and put before a General Secretariat reviewer with the
    confirmation and its evidence (``resolve_flag(..., delete=True|False)``); requests still under review are
    flagged for refusal. The answer names no notice: the confirming country may not see them (issue 14,
    item 3). The granting country is stored, never told to the requester. One transaction."""
    granting = _ncb(actor)
    if persecution_country == granting:
        raise InvalidInput("the country of feared persecution cannot be the country granting protection")
    with uow:
        now = uow.clock()
        conf = RefugeeConfirmation(
            0, subject, status, persecution_country, granting, now, actor.username, basis.strip()
        )
        conf.id = uow.redress.add_refugee(conf)
        targets = [
            n
            for n in _identity_candidates(uow, subject)
            if n.requesting_country == persecution_country
            and n.id in {i for i, _ in match_notices(subject, [(n.id, n.request.subject)])}
        ]
        evidence = conf.basis or Text(NO_BASIS)
        suspended = []
        for n in targets:
            if n.state in PENDING_REVIEW:
                _flag(
                    uow,
                    n.id,
                    FlagSource.REFUGEE,
                    str(conf.id),
                    Text(FLAG_REFUGEE_CONFIRMED),
                )
            elif n.state in DELETABLE:
                if n.in_force and _move_in(  # in force (lifecycle.IN_FORCE): suspended at once
                    uow, n.id, Action.SUSPEND, SYSTEM, REFUGEE_SUSPENSION_REASON.format(ref=conf.id)
                ):
                    suspended.append(n.id)
                _flag(
                    uow,
                    n.id,
                    FlagSource.REFUGEE_DELETION,
                    str(conf.id),
                    Text(
                        FLAG_REFUGEE_DELETION,
                        id=conf.id,
                        status=status.value,
                        persecution=persecution_country,
                        granting=granting,
                        evidence=evidence,
                    ),
                )
                uow.redress.add_notification(
                    Notification(
                        0,
                        now,
                        GENERAL_SECRETARIAT,
                        "refugee.deletion_pending",
                        n.id,
                        nt.write(nt.REFUGEE_DELETION, notice=n.id),
                    )
                )
        _audit(
            uow,
            actor,
            "refugee.confirm",
            f"refugee:{conf.id}",
            status=status.value,
            persecution_country=persecution_country,
            matched=[n.id for n in targets],
            suspended=suspended,
        )
        uow.commit()
    return conf


def _decide_refugee_deletion(
    uow: RedressUnitOfWork, flag: ReviewFlag, delete: bool, reasons: str, actor: Actor
) -> None:
    """The General Secretariat step on a refugee confirmation (inside the caller's transaction)."""
    conf = uow.redress.get_refugee(int(flag.ref))
    if conf is None:
        raise NotFound("no refugee confirmation %(confirmation)s", confirmation=flag.ref)
    if delete:
        if not conf.active:
            raise RuleViolation("the protection status has ended: nothing to delete on it")
        if _delete_notice(
            uow,
            flag.notice_id,
            SYSTEM,
            f"{REFUGEE_DELETION_REASON} Confirmed by a General Secretariat reviewer: {reasons}",
            BindingOutcome.REFUGEE_DELETED,
            "refugee",
            str(conf.id),
        ):
            conf.deleted_notice_ids = [*conf.deleted_notice_ids, flag.notice_id]
            uow.redress.save_refugee(conf)
        return
    notice = uow.notices.get(flag.notice_id)
    ours = REFUGEE_SUSPENSION_REASON.format(ref=conf.id)
    if (
        notice is not None
        and notice.state is State.SUSPENDED
        and notice.history
        and notice.history[-1].action is Action.SUSPEND
        and notice.history[-1].reasons == ours
    ):
        _move_in(
            uow,
            notice.id,
            Action.REINSTATE,
            SYSTEM,
            f"Refugee confirmation {conf.id} dismissed by a General Secretariat reviewer: {reasons}",
        )


def _load_refugee(uow: RedressUnitOfWork, conf_id: int, actor: Actor) -> RefugeeConfirmation:
    conf = uow.redress.get_refugee(conf_id)
    if conf is None:
        raise NotFound("no refugee confirmation %(confirmation)s", confirmation=conf_id)
    if actor.role is Role.NCB_OFFICER and actor.country != conf.granting_country:
        raise NotFound("no refugee confirmation %(confirmation)s", confirmation=conf_id)
    return conf


def end_refugee_status(
    conf_id: int, reason: str, actor: Actor, uow: RedressUnitOfWork
) -> RefugeeConfirmation:
    """The status was denied or revoked (by the confirming country, or recorded by the CCF/GS). Notices
    deleted because of it are flagged: a reviewer decides whether compliant data may be restored."""
    if actor.role not in (Role.NCB_OFFICER, Role.CCF, Role.REVIEWER):
        raise Forbidden("the confirming NCB, the CCF or a reviewer records the end of a status")
    with uow:
        conf = _load_refugee(uow, conf_id, actor)
        conf.end(uow.clock(), actor.username, reason)
        uow.redress.save_refugee(conf)
        for notice_id in conf.deleted_notice_ids:
            _flag(
                uow,
                notice_id,
                FlagSource.RESTORATION,
                str(conf.id),
                Text(FLAG_RESTORABLE),
            )
        _audit(uow, actor, "refugee.end", f"refugee:{conf.id}")
        uow.commit()
    return conf


def allow_restoration(
    conf_id: int, notice_id: str, reasons: str, actor: Actor, uow: RedressUnitOfWork
) -> None:
    """A reviewer decides that data deleted under the refugee policy may come back (the status ended and
    the data is otherwise compliant). The requester may re-submit; the same facts are no longer barred."""
    if actor.role is not Role.REVIEWER:
        raise Forbidden("restoring data is a General Secretariat reviewer's decision")
    if len(reasons.strip()) < 20:
        raise InvalidInput("a restoration is reasoned")
    with uow:
        conf = _load_refugee(uow, conf_id, actor)
        if conf.active:
            raise RuleViolation("the protection status has not ended")
        if notice_id not in conf.deleted_notice_ids:
            raise InvalidInput("notice %(notice)s was not deleted because of this status", notice=notice_id)
        now = uow.clock()
        uow.redress.add_outcome(
            notice_id,
            BindingOutcome.RESTORABLE,
            "refugee",
            str(conf.id),
            now,
            actor.username,
            reasons.strip(),
        )
        for flag in uow.redress.flags([notice_id], open_only=True):
            if flag.source is FlagSource.RESTORATION and flag.ref == str(conf.id):
                flag.resolved_at, flag.resolved_by, flag.resolution = now, actor.username, reasons.strip()
                uow.redress.save_flag(flag)
        notice = uow.notices.get(notice_id)
        if notice is not None:
            uow.redress.add_notification(
                Notification(
                    0,
                    now,
                    notice.requesting_country,
                    "notice.restorable",
                    notice_id,
                    nt.write(nt.RESTORABLE, notice=notice_id),
                )
            )
        _audit(uow, actor, "refugee.restore", f"notice:{notice_id}", confirmation=conf.id)
        uow.commit()


def refugee_view(conf: RefugeeConfirmation, actor: Actor) -> dict[str, Any]:
    return {
        "id": conf.id,
        "name": conf.subject.name.full(),
        "date_of_birth": conf.subject.date_of_birth.iso() if conf.subject.date_of_birth else None,
        "status": conf.status.value,
        "persecution_country": conf.persecution_country,
        "granting_country": conf.granting_country,
        "basis": conf.basis,
        "confirmed_at": conf.confirmed_at.isoformat(),
        "confirmed_by": conf.confirmed_by,
        "active": conf.active,
        "ended_at": conf.ended_at.isoformat() if conf.ended_at else None,
        "end_reason": conf.end_reason,
        # only officials: the confirming country may not see the notices (issue 14, item 3)
        "deleted_notice_ids": list(conf.deleted_notice_ids)
        if actor.role in (Role.CCF, Role.REVIEWER)
        else [],
    }


def refugee_confirmations(
    actor: Actor, uow: RedressUnitOfWork, notice_id: str | None = None
) -> list[dict[str, Any]]:
    """The CCF and reviewers see every confirmation (with the granting country), or those matching a
    notice's subject; an NCB sees only its own country's."""
    if actor.role is Role.NCB_OFFICER:
        with uow:
            return [refugee_view(c, actor) for c in uow.redress.refugees(actor.country)]
    _official(actor)
    with uow:
        if notice_id is None:
            confs = uow.redress.refugees()
        else:
            notice = uow.notices.get(notice_id)
            if notice is None:
                raise NotFound("no notice %(notice)s", notice=notice_id)
            s = notice.request.subject
            confs = [
                c for c in uow.redress.refugee_candidates(s) if match_notices(s, [(notice_id, c.subject)])
            ]
        _audit(uow, actor, "refugee.list", "refugee", notice_id=notice_id)
        uow.commit()
    return [refugee_view(c, actor) for c in confs]


# --- harassment reports -------------------------------------------------------------------------------


def file_harassment_report(report: HarassmentReport, uow: RedressUnitOfWork) -> HarassmentReport:
    """Anyone may report (the person, a relative, a lawyer, an NGO). The report is linked to the notice
    (named, or found by identity) and reopens its review. The reporter is not told whether a notice
    exists."""
    report.validate()
    with uow:
        now = uow.clock()
        linked: list[str] = []
        if report.notice_id and uow.notices.get(report.notice_id) is not None:
            linked.append(report.notice_id)
        if report.subject is not None:
            for notice_id, _ in match_notices(
                report.subject, ((n.id, n.request.subject) for n in _identity_candidates(uow, report.subject))
            ):
                if notice_id not in linked:
                    linked.append(notice_id)
        # One record per report, however many notices it names (issue 14, item 5): a row per notice let
        # the ids, and the count of rows, tell how many notices the person has.
        public_id = new_public_id("hr")
        r = replace(
            report,
            filed_at=now,
            notice_id=linked[0] if linked else None,
            notice_ids=tuple(linked),
            public_id=public_id,
        )
        r = replace(r, id=uow.redress.add_report(r))
        for target in linked:
            _flag(
                uow,
                target,
                FlagSource.HARASSMENT,
                str(r.id),
                Text(
                    FLAG_HARASSMENT,
                    kinds=", ".join(k.value for k in r.kinds),
                    relation=r.victim_relation,
                ),
            )
        _audit(
            uow,
            REPORTER,
            "harassment.report",
            f"harassment:{public_id}",
            id=r.id,
            kinds=[k.value for k in report.kinds],
            notices=linked,
        )
        uow.commit()
    return r


def report_view(r: HarassmentReport) -> dict[str, Any]:
    return {
        "id": r.id,
        "public_id": r.public_id,
        "filed_at": r.filed_at.isoformat(),
        "notice_id": r.notice_id,
        "notice_ids": list(r.notice_ids),
        "reporter": {"kind": r.reporter_kind.value, "name": r.reporter_name, "contact": r.reporter_contact},
        "victim": {"name": r.victim_name, "relation": r.victim_relation},
        "kinds": [k.value for k in r.kinds],
        "occurred_on": r.occurred_on,
        "place": r.place,
        "description": r.description,
        "source": r.source,
        "evidence": list(r.evidence),
    }


def harassment_reports(
    actor: Actor, uow: RedressUnitOfWork, notice_id: str | None = None
) -> list[dict[str, Any]]:
    """Reports with their reporters: for the CCF and reviewers only."""
    _official(actor)
    with uow:
        reports = uow.redress.reports(notice_id)
        _audit(uow, actor, "harassment.list", "harassment", notice_id=notice_id)
        uow.commit()
    return [report_view(r) for r in reports]


def harassment_figures(actor: Actor, uow: RedressUnitOfWork) -> dict[str, Any]:
    """Counts by kind and by requesting country of the linked notices; no identities. A report counts once
    for each country whose notices it names (so the countries may add up to more than ``reports``);
    ``notices_named`` counts the links apart."""
    if actor.role not in (Role.CCF, Role.OVERSIGHT, Role.REVIEWER):
        raise Forbidden("the figures are for the CCF, reviewers and oversight")
    with uow:
        reports = uow.redress.reports()
        countries: Counter[str] = Counter()
        for r in reports:
            named = {n.requesting_country for i in r.notice_ids if (n := uow.notices.get(i)) is not None}
            for country in sorted(named) or ["unlinked"]:
                countries[country] += 1
    return {
        "reports": len(reports),
        "notices_named": sum(len(r.notice_ids) for r in reports),
        "by_kind": dict(Counter(k.value for r in reports for k in r.kinds)),
        "by_requesting_country": dict(countries),
        "by_reporter": dict(Counter(r.reporter_kind.value for r in reports)),
    }


# --- a country's position on a notice -----------------------------------------------------------------


def record_position(
    notice_id: str,
    kind: PositionKind,
    grounds: Sequence[PositionGround],
    text: str,
    evidence: Sequence[str],
    disclose: bool,
    actor: Actor,
    uow: RedressUnitOfWork,
) -> Position:
    """An NCB that can see a notice records its country's position; the GS is told; review reopens."""
    country = _ncb(actor)
    with uow:
        notice = uow.notices.get(notice_id)
        if notice is None or not policy.can_see_notice(actor, notice):
            raise NotFound("no notice %(notice)s", notice=notice_id)
        if notice.requesting_country == country:
            raise Forbidden("the requesting country does not record a position on its own notice")
        now = uow.clock()
        p = Position(
            0,
            notice_id,
            country,
            kind,
            tuple(dict.fromkeys(grounds)),
            text.strip(),
            tuple(e.strip() for e in evidence if e.strip()),
            now,
            actor.username,
            disclose,
        )
        p.validate()
        p.id = uow.redress.add_position(p)
        uow.redress.add_notification(
            Notification(
                0,
                now,
                GENERAL_SECRETARIAT,
                "position.recorded",
                notice_id,
                nt.write(
                    nt.POSITION_RECORDED_GROUNDS if p.grounds else nt.POSITION_RECORDED,
                    country=country,
                    kind=nt.words(nt.POSITION_KINDS.get(kind.value, kind.value.replace("_", " "))),
                    notice=notice_id,
                    grounds=", ".join(g.value for g in p.grounds),
                ),
            )
        )
        _flag(
            uow,
            notice_id,
            FlagSource.POSITION,
            str(p.id),
            Text(FLAG_POSITION, kind=Text(nt.POSITION_KINDS[kind.value])),
        )
        _audit(
            uow,
            actor,
            "position.record",
            f"notice:{notice_id}",
            position=p.id,
            kind=kind.value,
            grounds=[g.value for g in p.grounds],
        )
        uow.commit()
    return p


def position_view(p: Position, full: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": p.id,
        "notice_id": p.notice_id,
        "kind": p.kind.value,
        "grounds": [g.value for g in p.grounds],
        "at": p.at.isoformat(),
        "answered": p.answered_at is not None,
        "country": p.country if full or p.disclose else None,
    }
    if full:
        out.update(
            text=p.text,
            evidence=list(p.evidence),
            by=p.by,
            disclose=p.disclose,
            answer=p.answer,
            answered_at=p.answered_at.isoformat() if p.answered_at else None,
        )
    return out


def positions_for(notice_id: str, actor: Actor, uow: RedressUnitOfWork) -> dict[str, Any]:
    """Reviewers and the CCF see every position; an NCB that can see the notice sees its own in full and
    that caveats exist (who raised them only where that country agreed)."""
    with uow:
        notice = uow.notices.get(notice_id)
        if notice is None or not policy.can_see_notice(actor, notice):
            raise NotFound("no notice %(notice)s", notice=notice_id)
        positions = uow.redress.positions([notice_id])
    official = actor.role in (Role.CCF, Role.REVIEWER)
    caveats = [p for p in positions if p.kind is not PositionKind.NO_ACTION]
    return {
        "notice_id": notice_id,
        "caveats": len(caveats),
        "positions": [position_view(p, official or p.country == actor.country) for p in positions],
    }


def answer_position(position_id: int, answer: str, actor: Actor, uow: RedressUnitOfWork) -> Position:
    """The General Secretariat answers a country's concern (counted in the figures)."""
    if actor.role is not Role.REVIEWER:
        raise Forbidden("a General Secretariat reviewer answers a country's position")
    if len(answer.strip()) < 10:
        raise InvalidInput("an answer is written")
    with uow:
        p = uow.redress.get_position(position_id)
        if p is None:
            raise NotFound("no position %(position)s", position=position_id)
        p.answered_at, p.answered_by, p.answer = uow.clock(), actor.username, answer.strip()
        uow.redress.save_position(p)
        uow.redress.add_notification(
            Notification(
                0,
                uow.clock(),
                p.country,
                "position.answered",
                p.notice_id,
                nt.write(nt.POSITION_ANSWERED, notice=p.notice_id),
            )
        )
        _audit(uow, actor, "position.answer", f"notice:{p.notice_id}", position=p.id)
        uow.commit()
    return p


def position_figures(actor: Actor, uow: RedressUnitOfWork) -> dict[str, Any]:
    if actor.role not in (Role.CCF, Role.OVERSIGHT, Role.REVIEWER):
        raise Forbidden("the figures are for the CCF, reviewers and oversight")
    with uow:
        ps = uow.redress.positions()
    return {
        "positions": len(ps),
        "by_kind": dict(Counter(p.kind.value for p in ps)),
        "by_ground": dict(Counter(g.value for p in ps for g in p.grounds)),
        "answered": sum(1 for p in ps if p.answered_at),
    }


# --- review flags and notifications -------------------------------------------------------------------


def flag_view(f: ReviewFlag) -> dict[str, Any]:
    return {
        "id": f.id,
        "notice_id": f.notice_id,
        "at": f.at.isoformat(),
        "source": f.source.value,
        "ref": f.ref,
        "text": f.text,
        "resolved_at": f.resolved_at.isoformat() if f.resolved_at else None,
        "resolved_by": f.resolved_by,
        "resolution": f.resolution,
    }


def review_flags(
    actor: Actor, uow: RedressUnitOfWork, notice_id: str | None = None, open_only: bool = True
) -> list[dict[str, Any]]:
    """What reopened review: harassment reports, positions, refugee confirmations, ended statuses."""
    _official(actor)
    with uow:
        flags = uow.redress.flags([notice_id] if notice_id else None, open_only)
    return [flag_view(f) for f in flags]


def resolve_flag(
    flag_id: int, resolution: str, actor: Actor, uow: RedressUnitOfWork, delete: bool | None = None
) -> ReviewFlag:
    """A reviewer resolves a flag in writing. A refugee confirmation's pending deletion needs ``delete``:
    True deletes the notice (binding outcome, notifications), False dismisses it and lifts the
    precautionary suspension. One transaction."""
    if actor.role is not Role.REVIEWER:
        raise Forbidden("a General Secretariat reviewer resolves a review flag")
    if len(resolution.strip()) < 10:
        raise InvalidInput("a resolution is written (at least 10 characters)")
    with uow:
        f = uow.redress.get_flag(flag_id)
        if f is None:
            raise NotFound("no review flag %(flag)s", flag=flag_id)
        if f.resolved_at is not None:
            raise RuleViolation("this flag is already resolved")
        if f.source is FlagSource.REFUGEE_DELETION:
            if delete is None:
                raise InvalidInput("a refugee confirmation's deletion is confirmed (delete) or dismissed")
            _decide_refugee_deletion(uow, f, delete, resolution.strip(), actor)
        f.resolved_at, f.resolved_by, f.resolution = uow.clock(), actor.username, resolution.strip()
        uow.redress.save_flag(f)
        _audit(uow, actor, "review.flag.resolve", f"notice:{f.notice_id}", flag=f.id, delete=delete)
        uow.commit()
    return f


def notifications_for(actor: Actor, uow: RedressUnitOfWork) -> list[dict[str, Any]]:
    """An NCB's messages (to it, or to every NCB it was not excluded from); reviewers get the GS's."""
    if actor.role is Role.NCB_OFFICER and actor.country:
        recipient = actor.country
    elif actor.role in (Role.REVIEWER, Role.CCF):
        recipient = GENERAL_SECRETARIAT
    else:
        raise Forbidden("notifications are for NCBs and the General Secretariat")

    def keep(n: Notification) -> bool:
        return n.recipient == recipient if recipient == GENERAL_SECRETARIAT else n.reaches(recipient)

    with uow:
        rows = [n for n in uow.redress.notifications() if keep(n)]
    return [
        {
            "id": n.id,
            "at": n.at.isoformat(),
            "kind": n.kind,
            "notice_id": n.notice_id,
            "text": nt.shown(n.text),
        }
        for n in rows
    ]
