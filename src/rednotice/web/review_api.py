"""Review actions in the API: the queue, the dossier, resolutions, the exception, the Art. 3 assessment."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, Field

from rednotice.domain.lifecycle import State
from rednotice.services import review
from rednotice.services.views import notice_view
from rednotice.web.api import ERRORS, TYPED, NoticeOut, Out, notice_id_from_path
from rednotice.web.deps import CurrentActor, StoreDep

router = APIRouter(prefix="/api/v1/review", tags=["review"])


class QueueItem(BaseModel):
    notice: NoticeOut
    verdict: str | None
    risk: int
    codes: list[str]


class ResolutionIn(BaseModel):
    code: str = Field(pattern=r"^RN-\d{2}$")
    resolution: str = Field(min_length=10, max_length=20_000)


class ExceptionIn(BaseModel):
    reasons: str = Field(min_length=1, max_length=20_000)


class Article3In(BaseModel):
    factors: dict[str, str] = Field(
        description="One written answer for each of the seven RPD Art. 34(3) factors."
    )
    conclusion: str = Field(min_length=1, max_length=20_000)


class RecordOut(BaseModel):
    kind: str
    code: str | None
    by: str
    at: str
    text: str


def _out(rec: review.ReviewRecord) -> RecordOut:
    return RecordOut(kind=rec.kind.value, code=rec.code, by=rec.actor, at=rec.at.isoformat(), text=rec.text)


class StoredCheckOut(Out):
    """The compliance check stored when the version was sent (the rest of the engine's result too)."""

    verdict: str
    risk: int
    checked_at: str
    notice_version: int
    findings: list[dict[str, Any]] = Field(default_factory=list)
    analysis: dict[str, Any] | None = Field(default=None, description="What the engine read (charges, acts).")


class DossierRecordOut(Out):
    kind: str
    code: str | None
    by: str
    at: str
    text: str
    data: dict[str, Any]


class VersionOut(Out):
    number: int | None
    at: str
    by: str


class DossierOut(Out):
    notice_id: str
    state: str
    version: int
    check: StoredCheckOut | None
    records: list[DossierRecordOut]
    versions: list[VersionOut] = Field(description="Each version sent, oldest first.")
    changes: dict[str, Any] | None = Field(
        description="The latest version sent against the one before it, field by field; null when only "
        "one version was sent."
    )
    article_34_factors: dict[str, str] = Field(description="The seven factors of RPD Art. 34(3).")


@router.get("/queue", response_model=list[QueueItem], responses=ERRORS)
def queue(
    actor: CurrentActor,
    store: StoreDep,
    response: Response,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    state: Annotated[list[State] | None, Query(description="submitted, under_review, unreviewed")] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$", description="Requesting country.")] = None,
    min_risk: Annotated[int | None, Query(ge=0, le=1_000)] = None,
    older_than_days: Annotated[int | None, Query(ge=0, le=36_500, description="Waiting at least.")] = None,
    iccs_section: Annotated[
        str | None, Query(pattern=r"^(0[1-9]|1[01])$", description="A charge in this ICCS section.")
    ] = None,
    q: Annotated[str | None, Query(max_length=200, description="A reference or words of a name.")] = None,
    after: Annotated[
        str | None,
        Query(max_length=400, description="The page after this cursor (``X-Next-After``; not with offset)."),
    ] = None,
    before: Annotated[
        str | None,
        Query(
            max_length=400, description="The page before this cursor (``X-Prev-Before``; not with offset)."
        ),
    ] = None,
) -> list[dict[str, Any]]:
    """Requests and unreviewed diffusions waiting for review, riskiest first, then oldest, narrowed by the
    filters. How many match is in ``X-Total-Count``, counted up to 1,000 and maybe estimated beyond
    (``X-Total-Is-Exact: false``). Page by cursor, which costs what the first page does however deep:
    ``X-Next-After`` (absent on the last page) is the ``after`` of the next page, ``X-Prev-Before``
    (absent on the first) the ``before`` of the page before; an offset works too, but not with a cursor."""
    flt = review.QueueFilter(
        states=tuple(state or ()),
        country=country.upper() if country else None,
        min_risk=min_risk,
        older_than_days=older_than_days,
        iccs_section=iccs_section,
        text=(q or "").strip() or None,
    )
    page = review.queue_page(flt, actor, store.uow(), limit, offset, after or None, before or None)
    response.headers["X-Total-Count"] = str(page.total)
    response.headers["X-Total-Is-Exact"] = "true" if page.total_exact else "false"
    if page.next_after is not None:
        response.headers["X-Next-After"] = page.next_after
    if page.prev_before is not None:
        response.headers["X-Prev-Before"] = page.prev_before
    items = page.items
    return [
        {
            "notice": notice_view(n, with_timeline=False),
            "verdict": c.verdict if c else None,
            "risk": c.risk if c else 0,
            "codes": sorted({f["code"] for f in c.findings}) if c else [],
        }
        for n, c in items
    ]


@router.get("/{ref}", response_model=DossierOut, responses=ERRORS, **TYPED)
def dossier(ref: str, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """The review dossier: the stored check with its findings and evidence, and every review record."""
    return review.dossier(notice_id_from_path(ref), actor, store.uow()).to_dict()


@router.post("/{ref}/resolutions", response_model=RecordOut, status_code=201, responses=ERRORS)
def resolve(ref: str, body: ResolutionIn, actor: CurrentActor, store: StoreDep) -> RecordOut:
    """Write the resolution of a `review` finding (required before a decision)."""
    return _out(
        review.resolve_finding(notice_id_from_path(ref), body.code, body.resolution, actor, store.uow())
    )


@router.post("/{ref}/exception", response_model=RecordOut, status_code=201, responses=ERRORS)
def propose_exception(ref: str, body: ExceptionIn, actor: CurrentActor, store: StoreDep) -> RecordOut:
    """Propose the Art. 83(1)(b) 'particular importance' exception over blocking findings."""
    return _out(review.propose_exception(notice_id_from_path(ref), body.reasons, actor, store.uow()))


@router.post("/{ref}/exception/confirm", response_model=RecordOut, status_code=201, responses=ERRORS)
def confirm_exception(ref: str, body: ExceptionIn, actor: CurrentActor, store: StoreDep) -> RecordOut:
    """A second reviewer confirms the exception."""
    return _out(review.confirm_exception(notice_id_from_path(ref), body.reasons, actor, store.uow()))


@router.post("/{ref}/article3", response_model=RecordOut, status_code=201, responses=ERRORS)
def article3(ref: str, body: Article3In, actor: CurrentActor, store: StoreDep) -> RecordOut:
    """Record the Article 3 assessment of the seven factors of RPD Art. 34(3)."""
    return _out(
        review.record_article3(notice_id_from_path(ref), body.factors, body.conclusion, actor, store.uow())
    )


events_router = APIRouter(prefix="/api/v1/political-events", tags=["review"])


class PoliticalEventIn(BaseModel):
    country: str = Field(min_length=2, max_length=2)
    kind: Literal["election", "protest", "coup_attempt", "publication", "other"]
    on: date
    description: str = Field(min_length=1, max_length=2000)


class RecordedOut(Out):
    status: Literal["recorded"]


class PoliticalEventOut(Out):
    kind: str
    on: str
    description: str


@events_router.post("", response_model=RecordedOut, status_code=201, responses=ERRORS)
def add_event(body: PoliticalEventIn, actor: CurrentActor, store: StoreDep) -> dict[str, str]:
    """Record a political event (RN-15: requests from that country near it are flagged)."""
    review.add_political_event(body.country.upper(), body.kind, body.on, body.description, actor, store.uow())
    return {"status": "recorded"}


@events_router.get("/{country}", response_model=list[PoliticalEventOut], responses=ERRORS, **TYPED)
def list_events(country: str, actor: CurrentActor, store: StoreDep) -> list[dict[str, str]]:
    """The register of political events of a country."""
    return review.political_events(country.upper(), actor, store.uow())
