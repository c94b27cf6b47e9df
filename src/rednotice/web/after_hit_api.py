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
from rednotice.web.api import ERRORS, notice_id_from_path
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
        min_length=1, description="Kept for reviewers and the CCF; never shown to other NCBs."
    )
    disclose: bool = Field(
        default=False, description="Let other NCBs see that your country refused (default: not named)."
    )


@router.post("/hits/{hit_id}/outcome", responses=ERRORS)
def outcome(hit_id: HitId, body: OutcomeIn, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """The NCB where the person was found records what happened: located, detained under national law, no
    action, not the person. Located or detained informs the requesting NCB and the General Secretariat
    (Art. 87). A red notice is not an arrest warrant."""
    return ah.record_outcome(hit_id, body.outcome, body.notes, actor, store.uow())


@router.get("/hits/{hit_id}/safeguards", responses=ERRORS)
def safeguards(hit_id: HitId, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """The extradition safeguards checklist: treaty in force, refugee or asylum status reported (never
    by which country), risk of ill-treatment (Art. 2), the person's right to contest, the notice's
    caveats."""
    return ah.safeguards(hit_id, actor, store.uow())


@router.post("/hits/{hit_id}/safeguards", responses=ERRORS)
def record_safeguards(
    hit_id: HitId, body: SafeguardsIn, actor: CurrentActor, store: StoreDep
) -> dict[str, Any]:
    """Record the checklist's answers (the NCB where the person was found). Audited."""
    answers = ah.SafeguardAnswers(body.treaty_in_force, body.person_informed, body.notes)
    return ah.record_safeguards(hit_id, answers, actor, store.uow())


@router.get("/hits/{hit_id}/follow-up", responses=ERRORS)
def follow_up(hit_id: HitId, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """Where a hit stands: location, extradition requests and refusals, addenda."""
    return ah.follow_up(hit_id, actor, store.uow())


@router.post("/hits/{hit_id}/extradition-request", status_code=201, responses=ERRORS)
def extradition_request(
    hit_id: HitId, body: ExtraditionRequestIn, actor: CurrentActor, store: StoreDep
) -> dict[str, Any]:
    """The requesting NCB records that it requested extradition of the located person."""
    return ah.request_extradition(hit_id, body.reference, body.notes, actor, store.uow())


@router.post("/hits/{hit_id}/extradition-refused", status_code=201, responses=ERRORS)
def extradition_refused(
    hit_id: HitId, body: RefusalIn, actor: CurrentActor, store: StoreDep
) -> dict[str, Any]:
    """The country where the person was found refused extradition: an addendum on the notice, a position
    the compliance engine sees (RN-12), and review reopened."""
    return ah.refuse_extradition(hit_id, body.grounds, body.reasons, body.disclose, actor, store.uow())


@router.get("/notices/{ref}/addenda", responses=ERRORS)
def addenda(ref: str, actor: CurrentActor, store: StoreDep) -> list[dict[str, Any]]:
    """A notice's addenda (refused extraditions, located with no extradition request), for whoever may
    see the notice."""
    return ah.addenda_for(notice_id_from_path(ref), actor, store.uow())
