"""The JSON API under /api/v1: the same use cases as the CLI, for other systems and the pages."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from rednotice.adapters.formats.request_json import NoticeRequestIn
from rednotice.domain.errors import InvalidInput
from rednotice.domain.lifecycle import Action, State
from rednotice.domain.model import NoticeType, notice_id_from_ref
from rednotice.domain.users import MAX_PASSWORD_LENGTH, USERNAME_MAX
from rednotice.services import notices as ns
from rednotice.services import users as user_service
from rednotice.services.ports import NoticeFilter
from rednotice.services.review import Ground
from rednotice.services.views import notice_view
from rednotice.web.deps import CurrentActor, StoreDep
from rednotice.web.errors import ErrorOut, responses

router = APIRouter(prefix="/api/v1", tags=["api"])
auth_router = APIRouter(prefix="/api/v1", tags=["auth"])


def notice_id_from_path(ref: str) -> str:
    """INTERPOL writes ``2019/12345`` as ``2019-12345`` in URLs; accept both (anything else as given)."""
    return notice_id_from_ref(ref) or ref


ERRORS = responses(401, 403, 404, 409, 413, 422)
"""Every error status a signed-in operation may answer, each with rednotice's error body."""
PUBLIC_ERRORS = responses(404, 409, 413, 422)
"""The same for an operation open to anyone (no 401, no 403)."""


class Out(BaseModel):
    """A response object: every field it declares is typed and sent; a later version may add fields (a
    client ignores those it does not know), so none the service returns is ever dropped."""

    model_config = ConfigDict(extra="allow")


class ReplicaOut(Out):
    state: str = Field(examples=["standby"], description="standby, not a standby, or unreachable")
    lag_seconds: float | None = Field(
        default=None,
        description="How far the replica's replay is behind (0 when it replayed all it received); "
        "null when it is not a standby or does not answer",
    )
    error: str | None = None


class HealthOut(Out):
    status: str = Field(examples=["ok"])
    version: str
    replica: ReplicaOut | None = Field(
        default=None,
        description="Only with REDNOTICE_REPLICA_DATABASE_URL: the read replica's state and lag.",
    )


TYPED: dict[str, Any] = {"response_model_exclude_unset": True}
"""For routes whose answer leaves out fields some callers may not see: what is sent is exactly what the
service returns, checked against the model (an optional field absent stays absent, never null)."""


class NoticeOut(BaseModel):
    id: str
    type: str
    state: str
    version: int
    requesting_country: str
    in_force: bool
    caveat: str
    warning: str | None
    created_at: str | None
    submitted_at: str | None
    published_at: str | None
    expires_at: str | None
    allowed_actions: list[str]
    request: dict[str, Any]
    timeline: list[dict[str, Any]] = []
    decision: dict[str, Any] | None = None


class NoticePage(BaseModel):
    total: int = Field(description="How many match: counted up to 1,000, beyond that maybe an estimate.")
    total_is_exact: bool = Field(
        default=True,
        description="False when ``total`` is an estimate (a large list is not counted to the end).",
    )
    offset: int
    limit: int
    next_after: str | None = Field(
        default=None,
        description="Pass as ``after`` for the next page (cheaper than an offset); null on the last page.",
    )
    items: list[NoticeOut]


class TransitionIn(BaseModel):
    action: Action
    reasons: str = Field(default="", max_length=20_000)
    expected_version: int | None = Field(
        default=None, ge=1, description="Refuse if the notice changed since."
    )
    grounds: list[Ground] = Field(
        default=[], description="For refuse/purge: the grounds counted in the figures."
    )
    other_ground: str | None = Field(
        default=None,
        max_length=200,
        description="With the 'other' ground: which, in a few words (counted by its text in the figures); "
        "without it, the first line of the reasons.",
    )


class TokenIn(BaseModel):
    username: str = Field(min_length=1, max_length=USERNAME_MAX)
    password: str = Field(min_length=1, max_length=MAX_PASSWORD_LENGTH)
    label: str = Field(default="api", max_length=200)


class TokenOut(BaseModel):
    token: str
    token_type: str = "bearer"  # noqa: S105 - the scheme's name, not a secret


SIGN_IN_ERRORS = {
    **responses(413, 422, 429),
    401: {"model": ErrorOut, "description": "Wrong username or password, or the account is locked."},
}


@auth_router.post("/tokens", response_model=TokenOut, status_code=201, responses=SIGN_IN_ERRORS)
def create_token(body: TokenIn, store: StoreDep) -> TokenOut:
    """Exchange a username and password for a bearer token (sign-in throttling applies)."""
    actor = user_service.authenticate(body.username, body.password, store.uow())
    days = store.settings.token_days
    return TokenOut(token=user_service.issue_token(actor.username, body.label, actor, store.uow(), days))


@router.delete("/tokens/current", status_code=204, responses=ERRORS)
def revoke_current_token(request: Request, actor: CurrentActor, store: StoreDep) -> Response:
    """Revoke the bearer token this request was made with (sign a system out)."""
    auth = request.headers.get("authorization", "")
    if not auth.lower().startswith("bearer "):
        raise InvalidInput("this request was not made with a bearer token")
    user_service.revoke_token(auth[7:].strip(), actor, store.uow())
    return Response(status_code=204)


@router.post("/requests", response_model=NoticeOut, status_code=201, responses=ERRORS)
def submit_request(
    body: NoticeRequestIn,
    actor: CurrentActor,
    store: StoreDep,
    draft: Annotated[bool, Query(description="Keep as a draft instead of sending.")] = False,
) -> dict[str, Any]:
    """Submit a red notice request (to review) or circulate a diffusion (at once, unreviewed)."""
    notice = ns.create_request(ns.CreateRequest(body.to_domain(), send=not draft), actor, store.uow())
    return notice_view(notice, viewer=actor)


@router.get("/notices", response_model=NoticePage, responses=ERRORS)
def list_notices(
    actor: CurrentActor,
    store: StoreDep,
    state: Annotated[list[State] | None, Query()] = None,
    type: Annotated[NoticeType | None, Query()] = None,
    requesting_country: Annotated[str | None, Query(min_length=2, max_length=2)] = None,
    name: Annotated[str | None, Query(max_length=200)] = None,
    nationality: Annotated[str | None, Query(min_length=2, max_length=2)] = None,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    after: Annotated[
        str | None, Query(max_length=400, description="The previous page's ``next_after`` (not with offset).")
    ] = None,
) -> dict[str, Any]:
    """Notices the caller may see, filtered and paged (by offset, or by the cursor ``after``). The search is
    audited."""
    flt = NoticeFilter(
        states=tuple(state or ()),
        type=type,
        requesting_country=requesting_country.upper() if requesting_country else None,
        name=name,
        nationality=nationality.upper() if nationality else None,
        offset=offset,
        limit=limit,
        after=after or None,
    )
    page = ns.list_notices(flt, actor, store.uow())
    return {
        "total": page.total,
        "total_is_exact": ns.total_is_exact(page),
        "offset": page.offset,
        "limit": page.limit,
        "next_after": ns.next_cursor(page),
        "items": [notice_view(n, with_timeline=False) for n in page.items],
    }


@router.get("/notices/{ref}", response_model=NoticeOut, responses=ERRORS)
def get_notice(ref: str, actor: CurrentActor, store: StoreDep, response: Response) -> dict[str, Any]:
    """One notice with its timeline. ``ref`` is ``YYYY-NNNNN`` (or the id URL-encoded)."""
    notice = ns.get_notice(notice_id_from_path(ref), actor, store.uow())
    response.headers["ETag"] = f'"{notice.version}"'
    view = notice_view(notice, viewer=actor)
    view["decision"] = ns.decision_seen_by(notice, actor, store.uow())
    return view


@router.put("/notices/{ref}", response_model=NoticeOut, responses=ERRORS)
def update_draft(
    ref: str,
    body: NoticeRequestIn,
    actor: CurrentActor,
    store: StoreDep,
    expected_version: Annotated[int, Query(ge=1, description="The version you edited.")],
) -> dict[str, Any]:
    """Edit a draft, or a request the reviewer sent back for more information."""
    cmd = ns.UpdateDraft(notice_id_from_path(ref), body.to_domain(), expected_version)
    return notice_view(ns.update_draft(cmd, actor, store.uow()), viewer=actor)


@router.post("/notices/{ref}/transitions", response_model=NoticeOut, responses=ERRORS)
def transition(
    ref: str, body: Annotated[TransitionIn, Body()], actor: CurrentActor, store: StoreDep
) -> dict[str, Any]:
    """Move a notice through its lifecycle (submit, start_review, publish, refuse, cancel, renew...)."""
    cmd = ns.Transition(
        notice_id_from_path(ref),
        body.action,
        body.reasons,
        body.expected_version,
        tuple(body.grounds),
        {} if body.other_ground is None else {"other_ground": body.other_ground},
    )
    return notice_view(ns.transition(cmd, actor, store.uow()), viewer=actor)
