"""``POST /api/v1/compliance/check``: run the compliance engine on a request without storing it."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from rednotice.adapters.formats.request_json import NoticeRequestIn
from rednotice.domain.compliance import Severity, Verdict
from rednotice.domain.errors import Forbidden
from rednotice.domain.users import Role
from rednotice.services import compliance
from rednotice.web.api import ERRORS
from rednotice.web.deps import CurrentActor, StoreDep

router = APIRouter(prefix="/api/v1/compliance", tags=["compliance"])


class FindingOut(BaseModel):
    code: str = Field(description="RN-NN, the number of the rule in 'Rules to encode'.", examples=["RN-09"])
    severity: Severity
    rule: str = Field(description="The rule's title.")
    basis: str = Field(description="The legal basis the rule applies.")
    message: str = Field(description="Why the rule fired on this request, in words.")
    evidence: dict[str, Any] = Field(description="What the rule used: matched words, fields, figures.")


class CheckOut(BaseModel):
    verdict: Verdict = Field(
        description="non_compliant if any finding blocks, needs_review if any asks review, else compliant."
    )
    findings: list[FindingOut]
    analysis: dict[str, Any] | None = Field(
        default=None,
        description="What the engine read: each charge with its ICCS category and any statute of concern "
        "it cites, and the acts the facts attribute to the subject, a relative, a victim or another person.",
    )


@router.post("/check", response_model=CheckOut, responses=ERRORS)
def check_request(body: NoticeRequestIn, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """Check a notice request against the compliance rules. Nothing is stored; the verdict is advice to
    the requester (with the history of its own country's requests only); the binding check runs again,
    with all history, when the request is submitted."""
    request = body.to_domain()
    if actor.role is Role.NCB_OFFICER:
        if not actor.speaks_for(request.requesting_country):
            raise Forbidden("an NCB officer checks requests of their own country only")
    elif actor.role is not Role.REVIEWER:
        raise Forbidden("the pre-check is for NCB officers and reviewers")
    return compliance.check_request(store.uow(), request)
