"""After a hit, in the API: the outcome (the requesting NCB and the General Secretariat informed), the
extradition safeguards checklist, extradition requested or refused, a notice's addenda.

Include this router before ``screening_api.router``: its ``POST /hits/{id}/outcome`` is the one that
informs the requester and the GS and lets only the locating NCB record outcomes."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field

from rednotice.domain.redress import PositionGround
from rednotice.services import after_hit as ah
from rednotice.services.screening import HitOutcome
from rednotice.web.api import ERRORS, TYPED, Out, notice_id_from_path
from rednotice.web.deps import CurrentActor, StoreDep

router = APIRouter(prefix="/api/v1", tags=["after a hit"])

Long = Annotated[str, Field(max_length=5000)]
HitId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The hit's number.")]


class OutcomeIn(BaseModel):
    outcome: HitOutcome
    notes: Long = ""


class SafeguardsIn(BaseModel):
    treaty_in_force: ah.Treaty | None = Field(
        default=None, description="Is an extradition treaty in force between the two countries?"
    )
    person_informed: bool | None = Field(
        default=None,
        description="The person was told they can challenge before the courts and before the CCF.",
    )
    notes: Long | None = None


class ExtraditionRequestIn(BaseModel):
    reference: Annotated[str, Field(max_length=200)] = ""
    notes: Long = ""


class RefusalIn(BaseModel):
    grounds: list[PositionGround] = Field(default=[], max_length=5)
    reasons: Long = Field(
        min_length=1,
        description="At least 10 characters (checked after who asks). Kept for reviewers and the CCF; "
        "never shown to other NCBs.",
    )
    disclose: bool = Field(
        default=False, description="Let other NCBs see that your country refused (default: not named)."
    )


# --- what the routes answer ---------------------------------------------------------------------------


class HitOut(Out):
    """A hit. ``query``, ``score``, ``created_at`` and ``outcome_by`` go to the locating NCB, reviewers
    and the CCF only."""

    id: int
    notice_id: str
    locating_country: str | None
    outcome: str | None
    outcome_at: str | None
    query: dict[str, Any] | None = Field(default=None, description="The traveller's data as screened.")
    score: float | None = None
    created_at: str | None = None
    outcome_by: str | None = None


class OutcomeOut(HitOut):
    outcome_notes: str
    informed: list[str] = Field(description="Who was told: the requesting NCB and the General Secretariat.")


class ItemOut(Out):
    answer: str | bool | None = Field(description="What is recorded or found; null when unknown.")
    attention: bool = Field(description="True when the officer must look at this before acting.")
    text: str


class RefugeeItemOut(ItemOut):
    status: str | None = None
    requesting_country_is_country_of_feared_persecution: bool | None = None
    ended: bool | None = None


class Art2PositionOut(Out):
    kind: str
    at: str
    country: str | None


class IllTreatmentItemOut(ItemOut):
    art2_positions: list[Art2PositionOut]
    art2_findings: list[str] = Field(description="Compliance rules (RN-NN) with Article 2 findings.")
    extradition_refusals: int


class ChecklistOut(Out):
    treaty_in_force: ItemOut
    refugee_or_asylum: RefugeeItemOut
    ill_treatment_risk: IllTreatmentItemOut
    right_to_contest: ItemOut


class AddendumOut(Out):
    id: int
    notice_id: str
    at: str
    kind: str
    text: str
    country: str | None = Field(description="Named to officials and to that country only.")


class CaveatsOut(Out):
    warning: str | None
    not_in_force: str | None
    positions: int
    addenda: list[AddendumOut]


class RecordedOut(Out):
    at: str | None
    by: str | None
    notes: str


class HitNoticeOut(Out):
    id: str
    type: str
    state: str
    in_force: bool
    requesting_country: str


class SafeguardsOut(Out):
    hit: HitOut
    notice: HitNoticeOut
    reminder: str = Field(description="Article 87: a red notice is not an arrest warrant.")
    checklist: ChecklistOut
    caveats: CaveatsOut
    recorded: RecordedOut


class ExtraditionRequestOut(Out):
    id: int
    hit_id: int
    notice_id: str
    requesting_country: str
    locating_country: str
    requested_at: str
    reference: str
    notes: str


class RefusalSummaryOut(Out):
    id: int
    refused_at: str
    grounds: list[str] = Field(description="As recorded, or in the addendum's words for other NCBs.")
    reasons: str | None = Field(default=None, description="Officials and the locating NCB only.")
    by: str | None = None


class FollowUpOut(Out):
    hit: HitOut
    notice_id: str
    requesting_country: str
    located_at: str | None
    reminder: str
    extradition_requests: list[ExtraditionRequestOut]
    extradition_refusals: list[RefusalSummaryOut]
    addenda: list[AddendumOut]
    unpursued_flagged_at: str | None


class RefusalOut(Out):
    id: int
    hit_id: int
    notice_id: str
    refused_at: str
    grounds: list[str]
    position_id: int
    addendum: AddendumOut
    review_reopened: bool


@router.post("/hits/{hit_id}/outcome", response_model=OutcomeOut, responses=ERRORS, **TYPED)
def outcome(hit_id: HitId, body: OutcomeIn, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """The NCB where the person was found records what happened: located, detained under national law, no
    action, not the person. Located or detained informs the requesting NCB and the General Secretariat
    (Art. 87). A red notice is not an arrest warrant."""
    return ah.record_outcome(hit_id, body.outcome, body.notes, actor, store.uow())


@router.get("/hits/{hit_id}/safeguards", response_model=SafeguardsOut, responses=ERRORS, **TYPED)
def safeguards(hit_id: HitId, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """The extradition safeguards checklist: treaty in force, refugee or asylum status reported (never
    by which country), risk of ill-treatment (Art. 2), the person's right to contest, the notice's
    caveats."""
    return ah.safeguards(hit_id, actor, store.uow())


@router.post("/hits/{hit_id}/safeguards", response_model=SafeguardsOut, responses=ERRORS, **TYPED)
def record_safeguards(
    hit_id: HitId, body: SafeguardsIn, actor: CurrentActor, store: StoreDep
) -> dict[str, Any]:
    """Record the checklist's answers (the NCB where the person was found). Audited."""
    answers = ah.SafeguardAnswers(body.treaty_in_force, body.person_informed, body.notes)
    return ah.record_safeguards(hit_id, answers, actor, store.uow())


@router.get("/hits/{hit_id}/follow-up", response_model=FollowUpOut, responses=ERRORS, **TYPED)
def follow_up(hit_id: HitId, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """Where a hit stands: location, extradition requests and refusals, addenda."""
    return ah.follow_up(hit_id, actor, store.uow())


@router.post(
    "/hits/{hit_id}/extradition-request",
    response_model=ExtraditionRequestOut,
    status_code=201,
    responses=ERRORS,
    **TYPED,
)
def extradition_request(
    hit_id: HitId, body: ExtraditionRequestIn, actor: CurrentActor, store: StoreDep
) -> dict[str, Any]:
    """The requesting NCB records that it requested extradition of the located person."""
    return ah.request_extradition(hit_id, body.reference, body.notes, actor, store.uow())


@router.post(
    "/hits/{hit_id}/extradition-refused",
    response_model=RefusalOut,
    status_code=201,
    responses=ERRORS,
    **TYPED,
)
def extradition_refused(
    hit_id: HitId, body: RefusalIn, actor: CurrentActor, store: StoreDep
) -> dict[str, Any]:
    """The country where the person was found refused extradition: an addendum on the notice, a position
    the compliance engine sees (RN-12), and review reopened."""
    return ah.refuse_extradition(hit_id, body.grounds, body.reasons, body.disclose, actor, store.uow())


@router.get("/notices/{ref}/addenda", response_model=list[AddendumOut], responses=ERRORS, **TYPED)
def addenda(ref: str, actor: CurrentActor, store: StoreDep) -> list[dict[str, Any]]:
    """A notice's addenda (refused extraditions, located with no extradition request), for whoever may
    see the notice."""
    return ah.addenda_for(notice_id_from_path(ref), actor, store.uow())
