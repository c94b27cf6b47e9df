"""Redress and protection in the API: CCF cases (the CCF), the applicant's own case (by access code, no
account), consultations (the consulted NCB), refugee confirmations (NCBs; the granting country only to the
CCF and reviewers), harassment reports (anyone files; the CCF and reviewers read), countries' positions on
notices (NCBs that can see the notice), review flags and notifications."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Header, Path, Query
from pydantic import BaseModel, Field

from rednotice.adapters.formats.request_json import SubjectIn, subject_from
from rednotice.domain.compliance.context import ProtectionStatus
from rednotice.domain.errors import InvalidInput
from rednotice.domain.redress import (
    ApplicantKind,
    Filing,
    HarassmentReport,
    HarmKind,
    IdProof,
    Outcome,
    PositionGround,
    PositionKind,
    ReporterKind,
    RequestKind,
)
from rednotice.services import redress as rs
from rednotice.web.api import ERRORS, PUBLIC_ERRORS, TYPED, Out, notice_id_from_path
from rednotice.web.deps import CurrentActor, StoreDep

DbId = Annotated[int, Path(ge=1, le=2_147_483_647)]
"""A row id in a path: bounded so it always fits the database's integer."""

router = APIRouter(prefix="/api/v1", tags=["redress"])

Long = Annotated[str, Field(max_length=20_000)]
Short = Annotated[str, Field(max_length=500)]


# --- CCF cases ----------------------------------------------------------------------------------------


class IdProofIn(BaseModel):
    name: bool = False
    date_of_birth: bool = False
    photo: bool = False
    unredacted: bool = False


class CaseIn(BaseModel):
    kind: RequestKind
    applicant_kind: ApplicantKind = ApplicantKind.PERSON
    subject: SubjectIn
    id_proof: IdProofIn
    signed: bool = False
    purpose: Long = ""
    language: Annotated[str, Field(max_length=12)] = "en"
    power_of_attorney: bool = False
    representative: Short = ""
    contact: Short = ""
    notice_id: Annotated[str | None, Field(max_length=32)] = None
    statement: Long = ""
    confidential: Long = Field(default="", description="Never passed to the NCB.")
    revision_of: Annotated[str | None, Field(max_length=32)] = None
    new_fact: Long = ""
    new_fact_discovered_on: date | None = None

    def to_filing(self) -> Filing:
        return Filing(
            kind=self.kind,
            applicant_kind=self.applicant_kind,
            subject=subject_from(self.subject),
            id_proof=IdProof(**self.id_proof.model_dump()),
            signed=self.signed,
            purpose=self.purpose,
            language=self.language,
            power_of_attorney=self.power_of_attorney,
            representative=self.representative,
            contact=self.contact,
            notice_id=notice_id_from_path(self.notice_id.strip()) if self.notice_id else None,
            statement=self.statement,
            confidential=self.confidential,
            revision_of=self.revision_of,
            new_fact=self.new_fact,
            new_fact_discovered_on=self.new_fact_discovered_on,
        )


class FiledOut(BaseModel):
    case_id: str
    access_code: str = Field(description="Shown once. Keep it: it is the only way to follow the case.")


class ReasonsIn(BaseModel):
    reasons: Long = Field(min_length=1)


class ConsultIn(BaseModel):
    notice_id: Annotated[str, Field(max_length=32)]
    question: Long = Field(min_length=1)
    due: datetime


class DecisionIn(BaseModel):
    outcome: Outcome
    reasons: Long = Field(min_length=1)


class LinkIn(BaseModel):
    notice_id: Annotated[str, Field(max_length=32)]


class AnswerIn(BaseModel):
    answer: Long = Field(min_length=1)


class PositionAnswerIn(BaseModel):
    answer: Long = Field(
        min_length=1, description="Written: at least 10 characters (checked after who asks)."
    )


# --- what the routes answer ---------------------------------------------------------------------------


class DeadlineOut(Out):
    name: str = Field(description="decision, admissibility, consultation N...")
    due: str
    met_at: str | None
    status: str = Field(description="pending, met, met_late or overdue.")
    days_left: int | None = Field(description="Days until due (negative when late); null once met.")
    overdue: bool
    rule: str = Field(description="The rule that sets the deadline.")


class ApplicantOut(Out):
    kind: str
    name: str
    representative: str
    contact: str
    language: str


class ProblemOut(Out):
    code: str
    reason: str


class CaseConsultationOut(Out):
    number: int
    country: str
    notice_id: str
    question: str
    due: str
    answer: str
    answered_at: str | None
    lapsed: bool


class CaseEventOut(Out):
    at: str
    by: str
    action: str
    text: str


class CaseOut(Out):
    """The CCF's view of a case: everything, with its deadlines and what is overdue."""

    id: str
    state: str
    version: int
    kind: str
    filed_at: str
    applicant: ApplicantOut
    purpose: str
    statement: str
    confidential: str
    notice_id_given: str | None
    notice_ids: list[str]
    problems: list[ProblemOut]
    admissible_at: str | None
    blocked_at: str | None
    consultations: list[CaseConsultationOut]
    outcome: str | None
    decision: str
    decided_at: str | None
    informed_at: str | None
    deadlines: list[DeadlineOut]
    overdue: list[str] = Field(description="The names of the deadlines passed.")
    revision_of: str | None
    new_fact: str
    events: list[CaseEventOut]


class MyCaseOut(Out):
    """What the applicant sees of their own case (the decision once it is taken)."""

    id: str
    kind: str
    state: str
    filed_at: str
    admissible: bool | None = Field(description="null until admissibility is assessed.")
    problems: list[str]
    precautionary_block: bool
    decision_due: str | None
    outcome: str | None
    decision: str | None
    decided_at: str | None
    deadlines: list[DeadlineOut]


class CcfReportOut(Out):
    at: str
    cases: int
    by_kind: dict[str, int]
    by_state: dict[str, int]
    outcomes: dict[str, int]
    blocked: int
    deadlines: dict[str, dict[str, int]] = Field(description="Per deadline, counts by status.")
    overdue_cases: list[str]


class ConsultationOut(Out):
    """What the consulted NCB sees: the question, its deadline; nothing else of the case."""

    case_id: str
    number: int
    notice_id: str
    question: str
    asked_at: str
    due: str
    answered_at: str | None
    lapsed: bool


class AnsweredOut(Out):
    case_id: str
    number: int
    answered_at: str | None


class RefugeeOut(Out):
    id: int
    name: str
    date_of_birth: str | None
    status: str
    persecution_country: str
    granting_country: str
    basis: str
    confirmed_at: str
    confirmed_by: str
    active: bool
    ended_at: str | None
    end_reason: str
    deleted_notice_ids: list[str] = Field(description="For the CCF and reviewers only; empty for NCBs.")


class HarassmentFiledOut(Out):
    id: str = Field(description="The report's public reference.")
    received: bool


class ReporterOut(Out):
    kind: str
    name: str
    contact: str


class VictimOut(Out):
    name: str
    relation: str


class HarassmentReportOut(Out):
    id: int
    public_id: str
    filed_at: str
    notice_id: str | None = Field(description="The first of ``notice_ids`` (kept for older clients).")
    notice_ids: list[str] = Field(description="Every notice the report names: one report, many notices.")
    reporter: ReporterOut
    victim: VictimOut
    kinds: list[str]
    occurred_on: str
    place: str
    description: str
    source: str
    evidence: list[str]


class HarassmentFiguresOut(Out):
    reports: int
    notices_named: int = Field(description="Notices named by the reports (a report may name several).")
    by_kind: dict[str, int]
    by_requesting_country: dict[str, int] = Field(
        description="Reports naming a notice of each country (once per country; 'unlinked' for reports "
        "without a notice)."
    )
    by_reporter: dict[str, int]


class PositionOut(Out):
    """A country's position. The fields after ``country`` are sent to reviewers, the CCF and the country
    that raised it only; ``country`` is null where that country did not agree to be named."""

    id: int
    notice_id: str
    kind: str
    grounds: list[str]
    at: str
    answered: bool
    country: str | None
    text: str | None = None
    evidence: list[str] | None = None
    by: str | None = None
    disclose: bool | None = None
    answer: str | None = None
    answered_at: str | None = None


class PositionsOut(Out):
    notice_id: str
    caveats: int = Field(description="Positions other than 'no action'.")
    positions: list[PositionOut]


class FlagOut(Out):
    id: int
    notice_id: str
    at: str
    source: str
    ref: str
    text: str
    resolved_at: str | None
    resolved_by: str
    resolution: str


class NotificationOut(Out):
    id: int
    at: str
    kind: str
    notice_id: str
    text: str


@router.post("/ccf/applications", response_model=FiledOut, status_code=201, responses=PUBLIC_ERRORS)
def file_case(body: CaseIn, store: StoreDep) -> FiledOut:
    """File a request to the CCF (no account needed). The answer never says whether a notice exists."""
    filing = body.to_filing()
    case, code = rs.file_case(filing, store.uow())
    return FiledOut(case_id=case.id, access_code=code)


@router.get("/ccf/my-case", response_model=MyCaseOut, responses=PUBLIC_ERRORS, **TYPED)
def my_case(store: StoreDep, x_access_code: Annotated[str, Header(max_length=200)]) -> dict[str, Any]:
    """The applicant's own case, by the access code sent in the ``X-Access-Code`` header (not in the URL,
    so it stays out of logs)."""
    return rs.my_case(x_access_code, store.uow())


@router.get("/ccf/cases", response_model=list[CaseOut], responses=ERRORS, **TYPED)
def list_cases(
    actor: CurrentActor, store: StoreDep, overdue: Annotated[bool, Query()] = False
) -> list[dict[str, Any]]:
    """Every case with its deadlines; overdue cases first and marked."""
    return rs.list_cases(actor, store.uow(), overdue_only=overdue)


@router.get("/ccf/report", response_model=CcfReportOut, responses=ERRORS, **TYPED)
def report(actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """Figures: cases by kind and state, deadlines met, late and overdue, outcomes."""
    return rs.deadline_report(actor, store.uow())


@router.get("/ccf/cases/{case_id}", response_model=CaseOut, responses=ERRORS, **TYPED)
def get_case(case_id: str, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    return rs.get_case(case_id, actor, store.uow())


@router.post("/ccf/cases/{case_id}/admissibility", response_model=CaseOut, responses=ERRORS, **TYPED)
def assess(case_id: str, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """Check admissibility (ID, signature, purpose, power of attorney, language); reasons recorded."""
    case = rs.assess_case(case_id, actor, store.uow())
    return rs.case_view(case, store.clock())


@router.post("/ccf/cases/{case_id}/notices", response_model=CaseOut, responses=ERRORS, **TYPED)
def link(case_id: str, body: LinkIn, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    case = rs.link_notice(case_id, notice_id_from_path(body.notice_id), actor, store.uow())
    return rs.case_view(case, store.clock())


@router.post("/ccf/cases/{case_id}/consultations", response_model=CaseOut, responses=ERRORS, **TYPED)
def consult(case_id: str, body: ConsultIn, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """Consult the requesting NCB with a deadline; no answer by then and the data is deleted."""
    if body.due.tzinfo is None:
        raise InvalidInput("give the deadline with a time zone (e.g. 2026-03-01T00:00:00Z)")
    case = rs.consult(
        case_id, notice_id_from_path(body.notice_id), body.question, body.due, actor, store.uow()
    )
    return rs.case_view(case, store.clock())


@router.post("/ccf/cases/{case_id}/block", response_model=CaseOut, responses=ERRORS, **TYPED)
def block(case_id: str, body: ReasonsIn, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """Precautionary block: the notices are suspended and leave other NCBs' view and screening at once."""
    case = rs.block(case_id, body.reasons, actor, store.uow())
    return rs.case_view(case, store.clock())


@router.post("/ccf/cases/{case_id}/decision", response_model=CaseOut, responses=ERRORS, **TYPED)
def decide(case_id: str, body: DecisionIn, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """The reasoned, binding decision."""
    case = rs.decide(case_id, body.outcome, body.reasons, actor, store.uow())
    return rs.case_view(case, store.clock())


@router.post("/ccf/cases/{case_id}/informed", response_model=CaseOut, responses=ERRORS, **TYPED)
def informed(case_id: str, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """Record that the applicant was told the decision."""
    case = rs.inform_applicant(case_id, actor, store.uow())
    return rs.case_view(case, store.clock())


@router.get("/ccf/consultations", response_model=list[ConsultationOut], responses=ERRORS, **TYPED)
def my_consultations(actor: CurrentActor, store: StoreDep) -> list[dict[str, Any]]:
    """For an NCB: the CCF's questions to it (and nothing else about the cases)."""
    return rs.consultations_for(actor, store.uow())


@router.post(
    "/ccf/consultations/{case_id}/{number}/answer", response_model=AnsweredOut, responses=ERRORS, **TYPED
)
def answer(
    case_id: str, number: DbId, body: AnswerIn, actor: CurrentActor, store: StoreDep
) -> dict[str, Any]:
    return rs.answer_consultation(case_id, number, body.answer, actor, store.uow())


# --- refugee status -----------------------------------------------------------------------------------


class RefugeeIn(BaseModel):
    subject: SubjectIn
    status: ProtectionStatus
    persecution_country: Annotated[str, Field(min_length=2, max_length=2)]
    basis: Long = ""


class EndIn(BaseModel):
    reason: Long = Field(min_length=1)


class RestoreIn(BaseModel):
    notice_id: Annotated[str, Field(max_length=32)]
    reasons: Long = Field(min_length=1)


@router.post("/refugee-status", response_model=RefugeeOut, status_code=201, responses=ERRORS, **TYPED)
def confirm_refugee(body: RefugeeIn, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """An NCB confirms that a person is a recognised refugee or asylum seeker and which country they fled."""
    conf = rs.confirm_refugee(
        subject_from(body.subject),
        body.status,
        body.persecution_country.upper(),
        body.basis,
        actor,
        store.uow(),
    )
    return rs.refugee_view(conf, actor)


@router.get("/refugee-status", response_model=list[RefugeeOut], responses=ERRORS, **TYPED)
def refugees(
    actor: CurrentActor, store: StoreDep, notice: Annotated[str | None, Query(max_length=32)] = None
) -> list[dict[str, Any]]:
    """The CCF and reviewers: every confirmation, or those about a notice's subject. An NCB: its own."""
    return rs.refugee_confirmations(actor, store.uow(), notice_id_from_path(notice) if notice else None)


@router.post("/refugee-status/{conf_id}/end", response_model=RefugeeOut, responses=ERRORS, **TYPED)
def end_refugee(conf_id: DbId, body: EndIn, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    return rs.refugee_view(rs.end_refugee_status(conf_id, body.reason, actor, store.uow()), actor)


@router.post("/refugee-status/{conf_id}/restore", status_code=204, responses=ERRORS)
def restore(conf_id: DbId, body: RestoreIn, actor: CurrentActor, store: StoreDep) -> None:
    """A reviewer decides deleted data may come back (status ended, data otherwise compliant)."""
    rs.allow_restoration(conf_id, notice_id_from_path(body.notice_id), body.reasons, actor, store.uow())


# --- harassment reports -------------------------------------------------------------------------------


class HarassmentIn(BaseModel):
    reporter_kind: ReporterKind
    reporter_name: Short = ""
    reporter_contact: Short = ""
    notice_id: Annotated[str | None, Field(max_length=32)] = None
    subject: SubjectIn | None = Field(default=None, description="The person the notice is about.")
    victim_name: Short
    victim_relation: Annotated[str, Field(max_length=30)]
    kinds: list[HarmKind] = Field(min_length=1)
    occurred_on: Annotated[str, Field(max_length=10)] = ""
    place: Short = ""
    description: Long
    source: Short = ""
    evidence: list[Short] = []

    def to_report(self, filed_at: datetime) -> HarassmentReport:
        """The report to file, received at ``filed_at``: the one place the API and the CLI
        (``rednotice harassment report``) build it. The store gives it its ids."""
        return HarassmentReport(
            id=0,
            filed_at=filed_at,
            reporter_kind=self.reporter_kind,
            reporter_name=self.reporter_name,
            reporter_contact=self.reporter_contact,
            notice_id=notice_id_from_path(self.notice_id.strip()) if self.notice_id else None,
            victim_name=self.victim_name,
            victim_relation=self.victim_relation,
            kinds=tuple(dict.fromkeys(self.kinds)),
            occurred_on=self.occurred_on,
            place=self.place,
            description=self.description,
            source=self.source,
            evidence=tuple(self.evidence),
            subject=subject_from(self.subject) if self.subject else None,
        )


@router.post(
    "/harassment-reports",
    response_model=HarassmentFiledOut,
    status_code=201,
    responses=PUBLIC_ERRORS,
    **TYPED,
)
def file_harassment(body: HarassmentIn, store: StoreDep) -> dict[str, Any]:
    """Report harassment linked to a notice (no account needed). The reporter's identity is protected."""
    report = body.to_report(store.clock())
    stored = rs.file_harassment_report(report, store.uow())
    return {"id": stored.public_id, "received": True}


@router.get("/harassment-reports", response_model=list[HarassmentReportOut], responses=ERRORS, **TYPED)
def harassment_reports(
    actor: CurrentActor, store: StoreDep, notice: Annotated[str | None, Query(max_length=32)] = None
) -> list[dict[str, Any]]:
    return rs.harassment_reports(actor, store.uow(), notice_id_from_path(notice) if notice else None)


@router.get("/harassment-reports/figures", response_model=HarassmentFiguresOut, responses=ERRORS, **TYPED)
def harassment_figures(actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    return rs.harassment_figures(actor, store.uow())


# --- positions, flags, notifications ------------------------------------------------------------------


class PositionIn(BaseModel):
    kind: PositionKind
    grounds: list[PositionGround] = []
    text: Long
    evidence: list[Short] = []
    disclose: bool = Field(default=False, description="Let other NCBs see that your country raised it.")


class ResolveIn(BaseModel):
    resolution: Long = Field(
        min_length=1, description="Written: at least 10 characters (checked after who asks)."
    )
    delete: bool | None = Field(
        default=None,
        description="A refugee confirmation's pending deletion: true deletes the notice, false dismisses it.",
    )


@router.post(
    "/notices/{ref}/positions", response_model=PositionOut, status_code=201, responses=ERRORS, **TYPED
)
def record_position(ref: str, body: PositionIn, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """Your country's position on a notice you can see: the GS is told, and review reopens."""
    p = rs.record_position(
        notice_id_from_path(ref),
        body.kind,
        body.grounds,
        body.text,
        body.evidence,
        body.disclose,
        actor,
        store.uow(),
    )
    return rs.position_view(p, full=True)


@router.get("/notices/{ref}/positions", response_model=PositionsOut, responses=ERRORS, **TYPED)
def positions(ref: str, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    return rs.positions_for(notice_id_from_path(ref), actor, store.uow())


@router.post("/positions/{position_id}/answer", response_model=PositionOut, responses=ERRORS, **TYPED)
def answer_position(
    position_id: DbId, body: PositionAnswerIn, actor: CurrentActor, store: StoreDep
) -> dict[str, Any]:
    return rs.position_view(rs.answer_position(position_id, body.answer, actor, store.uow()), full=True)


@router.get("/review-flags", response_model=list[FlagOut], responses=ERRORS, **TYPED)
def flags(
    actor: CurrentActor,
    store: StoreDep,
    notice: Annotated[str | None, Query(max_length=32)] = None,
    open_only: Annotated[bool, Query(alias="open")] = True,
) -> list[dict[str, Any]]:
    """What reopened review of notices: harassment reports, positions, refugee confirmations."""
    return rs.review_flags(actor, store.uow(), notice_id_from_path(notice) if notice else None, open_only)


@router.post("/review-flags/{flag_id}/resolve", response_model=FlagOut, responses=ERRORS, **TYPED)
def resolve_flag(flag_id: DbId, body: ResolveIn, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    return rs.flag_view(rs.resolve_flag(flag_id, body.resolution, actor, store.uow(), body.delete))


@router.get("/notifications", response_model=list[NotificationOut], responses=ERRORS, **TYPED)
def notifications(actor: CurrentActor, store: StoreDep) -> list[dict[str, Any]]:
    """Messages to your NCB (deletions, consultations) or, for reviewers, to the General Secretariat."""
    return rs.notifications_for(actor, store.uow())
