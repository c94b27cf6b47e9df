"""Use cases for notice requests: create, submit, move through the lifecycle, read, list, expire."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rednotice.domain import policy
from rednotice.domain.errors import Conflict, Forbidden, InvalidInput, NotFound, Term
from rednotice.domain.lifecycle import Action, Notice, State
from rednotice.domain.model import NoticeRequest, NoticeType
from rednotice.domain.users import SYSTEM, Actor, Role
from rednotice.domain.versions import diff_requests
from rednotice.services import review
from rednotice.services.ports import AuditEntry, NoticeFilter, Page, UnitOfWork

SENDS = (Action.SUBMIT, Action.CIRCULATE)
DECISIONS = (
    Action.PUBLISH,
    Action.REFUSE,
    Action.REQUEST_INFORMATION,
    Action.CONFIRM_COMPLIANT,
    Action.PURGE,
)


@dataclass(frozen=True, slots=True)
class ListPage(Page):
    """A page whose total may be an estimate: a large store counts exactly only up to a bound, then
    estimates (adapters/db/counts.py), so a list page costs a page and not the table (issue 18)."""

    total_exact: bool = True
    next_after: str | None = None
    """The cursor of the next page (``NoticeFilter.after``), None on the last page."""
    prev_before: str | None = None
    """The cursor of the page before (``NoticeFilter.before``), None on the first page."""


def total_is_exact(page: Page) -> bool:
    """Whether ``page.total`` was counted (a plain Page always was)."""
    return bool(getattr(page, "total_exact", True))


def next_cursor(page: Page) -> str | None:
    """The cursor of the page after this one (None on the last page, or from a store without cursors)."""
    value = getattr(page, "next_after", None)
    return value if isinstance(value, str) else None


def previous_cursor(page: Page) -> str | None:
    """The cursor of the page before this one (None on the first page, or from a store without cursors)."""
    value = getattr(page, "prev_before", None)
    return value if isinstance(value, str) else None


_SEP = "\x1f"


def encode_cursor(*parts: str) -> str:
    """An opaque cursor holding the list position ``parts`` (base64url, unpadded: safe in a URL)."""
    return base64.urlsafe_b64encode(_SEP.join(parts).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, count: int) -> list[str]:
    """The ``count`` parts of a cursor made by :func:`encode_cursor`; InvalidInput for anything else."""
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        text = ""
    parts = text.split(_SEP)
    if len(cursor) > 400 or len(parts) != count or not all(parts):
        raise InvalidInput("'after' is not a cursor this list gave (use the previous page's next cursor)")
    return parts


@dataclass(frozen=True, slots=True)
class CreateRequest:
    request: NoticeRequest
    send: bool = True
    """True: submit a red notice / circulate a diffusion at once. False: keep it as a draft."""
    notice_id: str | None = None


@dataclass(frozen=True, slots=True)
class Transition:
    notice_id: str
    action: Action
    reasons: str = ""
    expected_version: int | None = None
    """The version the actor decided on; a different current version is a conflict (stale)."""
    grounds: tuple[review.Ground, ...] = ()
    """For a refusal or a purge: the grounds, as counted in the figures (derived from findings if empty)."""
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class UpdateDraft:
    notice_id: str
    request: NoticeRequest
    expected_version: int


def _audit_notice(uow: UnitOfWork, actor: Actor, action: str, notice: Notice, **data: Any) -> None:
    uow.audit.append(actor, action, f"notice:{notice.id}", {"state": notice.state.value, **data}, uow.clock())


def create_request(cmd: CreateRequest, actor: Actor, uow: UnitOfWork) -> Notice:
    if actor.role is not Role.NCB_OFFICER and actor.role is not Role.SYSTEM:
        raise Forbidden("only an NCB officer can request a notice or send a diffusion")
    if actor.role is Role.NCB_OFFICER and not actor.speaks_for(cmd.request.requesting_country):
        raise Forbidden(
            "an officer of %(country)s cannot request on behalf of %(requesting)s",
            country=actor.country,
            requesting=cmd.request.requesting_country,
        )
    with uow:
        now = uow.clock()
        notice_id = cmd.notice_id or uow.notices.next_id(now.year)
        notice = Notice(id=notice_id, request=cmd.request, created_at=now, created_by=actor.username)
        if cmd.send:
            action = Action.SUBMIT if notice.type is NoticeType.RED_NOTICE else Action.CIRCULATE
            notice.apply(action, actor, now)
        uow.notices.add(notice)
        _audit_notice(uow, actor, "notice.create", notice, type=notice.type.value)
        if cmd.send:
            review.on_sent(uow, notice, actor)
        uow.commit()
    return notice


@dataclass(frozen=True, slots=True)
class AmendRequest:
    """A new version of a draft, or of a request sent back for more information; ``send`` submits it
    (``reasons``: the answer to the reviewer's questions, required after a request for information)."""

    notice_id: str
    request: NoticeRequest
    expected_version: int
    send: bool = False
    reasons: str = ""


def update_draft(cmd: UpdateDraft, actor: Actor, uow: UnitOfWork) -> Notice:
    return amend_request(AmendRequest(cmd.notice_id, cmd.request, cmd.expected_version), actor, uow)


def amend_request(cmd: AmendRequest, actor: Actor, uow: UnitOfWork) -> Notice:
    """Edit a draft or answer a request for information with a new version, and (``send``) submit it: one
    transaction, so a refused submission leaves the stored request as it was. Audited with the fields that
    changed; the version sent is kept, for the reviewer to see what changed."""
    with uow:
        current = _load_for_change(uow, cmd.notice_id, actor, cmd.expected_version)
        if not actor.speaks_for(current.requesting_country):
            raise Forbidden("only the requesting NCB edits its request")
        if (
            cmd.request.requesting_country != current.requesting_country
            or cmd.request.type is not current.type
        ):
            raise Forbidden("the requesting country and the type of a request cannot change")
        notice = current.with_request(cmd.request)
        if current.state is State.MORE_INFORMATION_REQUESTED and not review.submitted_versions(
            uow, current.id
        ):
            # sent before versions were kept: keep the version the reviewer asked about, to compare with
            sent = [h.actor for h in current.history if h.action is Action.SUBMIT]
            review.keep_version(uow, current, sent[-1] if sent else actor)
        changed = [c.path for c in diff_requests(current.request.to_dict(), cmd.request.to_dict())]
        records = []
        if cmd.send:
            action = Action.SUBMIT if notice.type is NoticeType.RED_NOTICE else Action.CIRCULATE
            records.append(notice.apply(action, actor, uow.clock(), cmd.reasons))
        uow.notices.save(notice, current.version, records)
        _audit_notice(uow, actor, "notice.update", notice, changed=changed)
        for record in records:
            _audit_notice(
                uow,
                actor,
                f"notice.transition.{record.action.value}",
                notice,
                from_state=record.from_state.value,
                reasons=record.reasons,
            )
            review.on_sent(uow, notice, actor)
        uow.commit()
    return notice


def _load_for_change(uow: UnitOfWork, notice_id: str, actor: Actor, expected_version: int | None) -> Notice:
    notice = uow.notices.get(notice_id)
    if notice is None or not policy.can_see_notice(actor, notice):
        raise NotFound("no notice %(notice)s", notice=notice_id)
    if expected_version is not None and expected_version != notice.version:
        raise Conflict(
            "notice %(notice)s is at version %(current_version)s, you decided on version %(version)s; "
            "reload it and decide again",
            current_version=notice.version,
            notice=notice_id,
            version=expected_version,
        )
    return notice


def transition(cmd: Transition, actor: Actor, uow: UnitOfWork) -> Notice:
    """Move a notice through its lifecycle, with reasons, an actor and a time, audited."""
    with uow:
        notice = _load_for_change(uow, cmd.notice_id, actor, cmd.expected_version)
        loaded_version = notice.version
        review.gate_decision(uow, notice, cmd.action, actor)
        record = notice.apply(cmd.action, actor, uow.clock(), cmd.reasons)
        uow.notices.save(notice, loaded_version, [record])
        _audit_notice(
            uow,
            actor,
            f"notice.transition.{cmd.action.value}",
            notice,
            from_state=record.from_state.value,
            reasons=record.reasons,
            **cmd.details,
        )
        if cmd.action in SENDS:
            review.on_sent(uow, notice, actor)
        if cmd.action in DECISIONS:
            grounds = list(cmd.grounds) if cmd.action in (Action.REFUSE, Action.PURGE) else []
            review.record_decision(uow, notice, cmd.action, actor, record.reasons, grounds, cmd.details)
        uow.commit()
    return notice


def get_notice(notice_id: str, actor: Actor, uow: UnitOfWork, audit: bool = True) -> Notice:
    """A notice the actor may see; otherwise NotFound (never reveal that it exists)."""
    with uow:
        notice = uow.notices.get(notice_id)
        if notice is None or not policy.can_see_notice(actor, notice):
            raise NotFound("no notice %(notice)s", notice=notice_id)
        if audit:
            uow.audit.append(actor, "notice.view", f"notice:{notice_id}", {}, uow.clock())
            uow.commit()
    return notice


def list_notices(flt: NoticeFilter, actor: Actor, uow: UnitOfWork) -> Page:
    """Search notices within what the actor may see. Every search is audited."""
    return list_many([flt], actor, uow)[0]


def list_many(filters: Sequence[NoticeFilter], actor: Actor, uow: UnitOfWork) -> list[Page]:
    """Several searches in one transaction (a dashboard's lists and counts; ``limit`` 0 counts without
    reading a page), each within what the actor may see and audited as ``list_notices`` audits it: the
    store counts them in one statement and the events are appended together."""
    if not policy.can_list_notices(actor):
        raise Forbidden("a %(role)s does not list notices", role=Term("role", actor.role))
    for flt in filters:
        if (flt.after is not None or flt.before is not None) and flt.offset:
            raise InvalidInput("page by 'after' (the cursor) or by offset, not both")
        if flt.after is not None and flt.before is not None:
            raise InvalidInput("page by 'after' or by 'before', not both")
    filters = [NoticeFilter(**{**_as_dict(flt), "visible_to": actor}) for flt in filters]
    with uow:
        pages = uow.notices.find_many(filters)
        at = uow.clock()
        uow.audit.append_many(
            [
                AuditEntry(actor, "notice.search", "notices", _search_event(flt, page), at)
                for flt, page in zip(filters, pages, strict=True)
            ]
        )
        uow.commit()
    return pages


def _search_event(flt: NoticeFilter, page: Page) -> dict[str, Any]:
    return {
        "states": [s.value for s in flt.states],
        "type": flt.type.value if flt.type else None,
        "requesting_country": flt.requesting_country,
        "name": flt.name,
        "nationality": flt.nationality,
        "offset": flt.offset,
        "limit": flt.limit,
        **({} if flt.after is None else {"after": flt.after}),
        **({} if flt.before is None else {"before": flt.before}),
        "total": page.total,
        **({} if total_is_exact(page) else {"total_estimated": True}),
    }


def decision_seen_by(notice: Notice, actor: Actor, uow: UnitOfWork) -> dict[str, Any] | None:
    """The latest review decision as this actor may see it: the requester gets fixed texts for the grounds
    (never the reviewer's internal reasons); reviewers and the CCF see everything; others nothing."""
    with uow:
        if actor.role in (Role.REVIEWER, Role.CCF):
            records = [r for r in uow.reviews.records(notice.id) if r.kind is review.RecordKind.DECISION]
            if not records:
                return None
            last = records[-1]
            return {
                "decision": last.data.get("decision"),
                "grounds": last.data.get("grounds", []),
                "at": last.at.isoformat(),
                "reasons": last.text,
                "by": last.actor,
            }
        if actor.speaks_for(notice.requesting_country):
            return review.decision_for_requester(uow, notice)
        return None


def _as_dict(flt: NoticeFilter) -> dict[str, Any]:
    return {name: getattr(flt, name) for name in flt.__dataclass_fields__}


def expire_due(uow_factory: Callable[[], UnitOfWork]) -> list[str]:
    """Expire every published notice past its date (each in its own transaction)."""
    with uow_factory() as uow:
        due = uow.notices.ids_due_to_expire(uow.clock())
    expired = []
    for notice_id in due:
        try:
            transition(
                Transition(notice_id, Action.EXPIRE, "validity of five years ended"), SYSTEM, uow_factory()
            )
            expired.append(notice_id)
        except Conflict:
            continue  # someone renewed or changed it meanwhile; the next sweep will see
    return expired


OFFICIAL_ROLES = (Role.REVIEWER, Role.CCF, Role.SYSTEM)
REDACTED_FOR_NCBS = (Action.REFUSE, Action.PURGE, Action.DELETE, Action.SUSPEND, Action.REINSTATE)


def timeline(notice: Notice, viewer: Actor | None = None) -> list[dict[str, Any]]:
    """The history. An NCB sees who at the General Secretariat acted only as 'INTERPOL', and not the
    internal reasons of refusals, deletions and suspensions: they may name the country that granted
    asylum or reveal a CCF case, which an NCB must never learn."""
    ncb = viewer is None or viewer.role is Role.NCB_OFFICER
    out = []
    for r in notice.history:
        official = r.actor.role in OFFICIAL_ROLES
        hide_who = ncb and official
        hide_why = ncb and official and r.action in REDACTED_FOR_NCBS
        out.append(
            {
                "action": r.action.value,
                "from": r.from_state.value,
                "to": r.to_state.value,
                "by": "INTERPOL General Secretariat" if hide_who else r.actor.username,
                "role": None if hide_who else r.actor.role.value,
                "country": r.actor.country,
                "at": r.at.isoformat(),
                "reasons": "(kept by the General Secretariat)" if hide_why and r.reasons else r.reasons,
            }
        )
    return out
