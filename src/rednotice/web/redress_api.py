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
from rednotice.web.api import ERRORS, notice_id_from_path
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


@router.post("/ccf/applications", response_model=FiledOut, status_code=201, responses=ERRORS)
def file_case(body: CaseIn, store: StoreDep) -> FiledOut:
    """File a request to the CCF (no account needed). The answer never says whether a notice exists."""
    filing = body.to_filing()
    case, code = rs.file_case(filing, store.uow())
    return FiledOut(case_id=case.id, access_code=code)


@router.get("/ccf/my-case", responses=ERRORS)
def my_case(store: StoreDep, x_access_code: Annotated[str, Header(max_length=200)]) -> dict[str, Any]:
    """The applicant's own case, by the access code sent in the ``X-Access-Code`` header (not in the URL,
    so it stays out of logs)."""
    return rs.my_case(x_access_code, store.uow())


@router.get("/ccf/cases", responses=ERRORS)
def list_cases(
    actor: CurrentActor, store: StoreDep, overdue: Annotated[bool, Query()] = False
) -> list[dict[str, Any]]:
    """Every case with its deadlines; overdue cases first and marked."""
    return rs.list_cases(actor, store.uow(), overdue_only=overdue)


@router.get("/ccf/report", responses=ERRORS)
def report(actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """Figures: cases by kind and state, deadlines met, late and overdue, outcomes."""
    return rs.deadline_report(actor, store.uow())


@router.get("/ccf/cases/{case_id}", responses=ERRORS)
def get_case(case_id: str, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    return rs.get_case(case_id, actor, store.uow())


@router.post("/ccf/cases/{case_id}/admissibility", responses=ERRORS)
def assess(case_id: str, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """Check admissibility (ID, signature, purpose, power of attorney, language); reasons recorded."""
    case = rs.assess_case(case_id, actor, store.uow())
    return rs.case_view(case, store.clock())


@router.post("/ccf/cases/{case_id}/notices", responses=ERRORS)
def link(case_id: str, body: LinkIn, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    case = rs.link_notice(case_id, notice_id_from_path(body.notice_id), actor, store.uow())
    return rs.case_view(case, store.clock())


@router.post("/ccf/cases/{case_id}/consultations", responses=ERRORS)
def consult(case_id: str, body: ConsultIn, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """Consult the requesting NCB with a deadline; no answer by then and the data is deleted."""
    if body.due.tzinfo is None:
        raise InvalidInput("give the deadline with a time zone (e.g. 2026-03-01T00:00:00Z)")
    case = rs.consult(
        case_id, notice_id_from_path(body.notice_id), body.question, body.due, actor, store.uow()
    )
    return rs.case_view(case, store.clock())


@router.post("/ccf/cases/{case_id}/block", responses=ERRORS)
def block(case_id: str, body: ReasonsIn, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """Precautionary block: the notices are suspended and leave other NCBs' view and screening at once."""
    case = rs.block(case_id, body.reasons, actor, store.uow())
    return rs.case_view(case, store.clock())


@router.post("/ccf/cases/{case_id}/decision", responses=ERRORS)
def decide(case_id: str, body: DecisionIn, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """The reasoned, binding decision."""
    case = rs.decide(case_id, body.outcome, body.reasons, actor, store.uow())
    return rs.case_view(case, store.clock())


@router.post("/ccf/cases/{case_id}/informed", responses=ERRORS)
def informed(case_id: str, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """Record that the applicant was told the decision."""
    case = rs.inform_applicant(case_id, actor, store.uow())
    return rs.case_view(case, store.clock())


@router.get("/ccf/consultations", responses=ERRORS)
def my_consultations(actor: CurrentActor, store: StoreDep) -> list[dict[str, Any]]:
    """For an NCB: the CCF's questions to it (and nothing else about the cases)."""
    return rs.consultations_for(actor, store.uow())


@router.post("/ccf/consultations/{case_id}/{number}/answer", responses=ERRORS)
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


@router.post("/refugee-status", status_code=201, responses=ERRORS)
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


@router.get("/refugee-status", responses=ERRORS)
def refugees(
    actor: CurrentActor, store: StoreDep, notice: Annotated[str | None, Query(max_length=32)] = None
) -> list[dict[str, Any]]:
    """The CCF and reviewers: every confirmation, or those about a notice's subject. An NCB: its own."""
    return rs.refugee_confirmations(actor, store.uow(), notice_id_from_path(notice) if notice else None)


@router.post("/refugee-status/{conf_id}/end", responses=ERRORS)
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


@router.post("/harassment-reports", status_code=201, responses=ERRORS)
def file_harassment(body: HarassmentIn, store: StoreDep) -> dict[str, Any]:
    """Report harassment linked to a notice (no account needed). The reporter's identity is protected."""
    report = HarassmentReport(
        0,
        store.clock(),
        body.reporter_kind,
        body.reporter_name,
        body.reporter_contact,
        notice_id_from_path(body.notice_id) if body.notice_id else None,
        body.victim_name,
        body.victim_relation,
        tuple(dict.fromkeys(body.kinds)),
        body.occurred_on,
        body.place,
        body.description,
        body.source,
        tuple(body.evidence),
        subject_from(body.subject) if body.subject else None,
    )
    stored = rs.file_harassment_report(report, store.uow())
    return {"id": stored.public_id, "received": True}


@router.get("/harassment-reports", responses=ERRORS)
def harassment_reports(
    actor: CurrentActor, store: StoreDep, notice: Annotated[str | None, Query(max_length=32)] = None
) -> list[dict[str, Any]]:
    return rs.harassment_reports(actor, store.uow(), notice_id_from_path(notice) if notice else None)


@router.get("/harassment-reports/figures", responses=ERRORS)
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
    resolution: Long = Field(min_length=1)
    delete: bool | None = Field(
        default=None,
        description="A refugee confirmation's pending deletion: true deletes the notice, false dismisses it.",
    )


@router.post("/notices/{ref}/positions", status_code=201, responses=ERRORS)
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


@router.get("/notices/{ref}/positions", responses=ERRORS)
def positions(ref: str, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    return rs.positions_for(notice_id_from_path(ref), actor, store.uow())


@router.post("/positions/{position_id}/answer", responses=ERRORS)
def answer_position(
    position_id: DbId, body: AnswerIn, actor: CurrentActor, store: StoreDep
) -> dict[str, Any]:
    return rs.position_view(rs.answer_position(position_id, body.answer, actor, store.uow()), full=True)


@router.get("/review-flags", responses=ERRORS)
def flags(
    actor: CurrentActor,
    store: StoreDep,
    notice: Annotated[str | None, Query(max_length=32)] = None,
    open_only: Annotated[bool, Query(alias="open")] = True,
) -> list[dict[str, Any]]:
    """What reopened review of notices: harassment reports, positions, refugee confirmations."""
    return rs.review_flags(actor, store.uow(), notice_id_from_path(notice) if notice else None, open_only)


@router.post("/review-flags/{flag_id}/resolve", responses=ERRORS)
def resolve_flag(flag_id: DbId, body: ResolveIn, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    return rs.flag_view(rs.resolve_flag(flag_id, body.resolution, actor, store.uow(), body.delete))


@router.get("/notifications", responses=ERRORS)
def notifications(actor: CurrentActor, store: StoreDep) -> list[dict[str, Any]]:
    """Messages to your NCB (deletions, consultations) or, for reviewers, to the General Secretariat."""
    return rs.notifications_for(actor, store.uow())
