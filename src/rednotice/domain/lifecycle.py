"""The notice lifecycle: one explicit table of allowed transitions, for red notices and diffusions.

Red notice::

    draft -> submitted -> under_review -> published | refused
    under_review -> more_information_requested -> submitted
    submitted | under_review | more_information_requested -> withdrawn   (by the requester)
    published -> cancelled (by the requester) | expired | suspended (pending a challenge) | deleted
    suspended -> published (reinstated) | deleted
    published -> published (renewed in its last six months, with reasons)

Wanted-person diffusion (circulates at once, reviewed afterwards)::

    draft -> unreviewed -> reviewed_compliant | purged
    unreviewed | reviewed_compliant -> cancelled | suspended | deleted
    suspended -> reviewed_compliant | deleted
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from rednotice.domain.errors import N_, Forbidden, IllegalTransition, RuleViolation, Term
from rednotice.domain.model import NoticeRequest, NoticeType
from rednotice.domain.users import Actor, Role

VALIDITY_YEARS = 5
RENEWAL_WINDOW_MONTHS = 6


class State(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    MORE_INFORMATION_REQUESTED = "more_information_requested"
    PUBLISHED = "published"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"
    CANCELLED = "cancelled"
    EXPIRED = "expired"
    SUSPENDED = "suspended"
    DELETED = "deleted"
    UNREVIEWED = "unreviewed"
    REVIEWED_COMPLIANT = "reviewed_compliant"
    PURGED = "purged"


class Action(StrEnum):
    SUBMIT = "submit"
    START_REVIEW = "start_review"
    REQUEST_INFORMATION = "request_information"
    PUBLISH = "publish"
    REFUSE = "refuse"
    WITHDRAW = "withdraw"
    CANCEL = "cancel"
    EXPIRE = "expire"
    SUSPEND = "suspend"
    REINSTATE = "reinstate"
    DELETE = "delete"
    RENEW = "renew"
    CIRCULATE = "circulate"
    CONFIRM_COMPLIANT = "confirm_compliant"
    PURGE = "purge"


@dataclass(frozen=True, slots=True)
class Rule:
    to: State
    roles: frozenset[Role]
    reasons_required: bool = False
    description: str = ""


_REQ = frozenset({Role.NCB_OFFICER})
_GS = frozenset({Role.REVIEWER})
_CCF_OR_GS = frozenset({Role.CCF, Role.REVIEWER})
_SYS = frozenset({Role.SYSTEM})
RED, DIFF = NoticeType.RED_NOTICE, NoticeType.WANTED_PERSON_DIFFUSION

REASONS_NEEDED = N_("'%(action)s' needs written reasons")
"""The refusal of an action that must be explained (its ``template``: pages say it in their own words)."""

TRANSITIONS: dict[tuple[NoticeType, State, Action], Rule] = {
    # red notices
    (RED, State.DRAFT, Action.SUBMIT): Rule(State.SUBMITTED, _REQ, False, "send to the General Secretariat"),
    (RED, State.MORE_INFORMATION_REQUESTED, Action.SUBMIT): Rule(
        State.SUBMITTED, _REQ, True, "answer the reviewer's questions"
    ),
    (RED, State.SUBMITTED, Action.START_REVIEW): Rule(State.UNDER_REVIEW, _GS, False, "take from the queue"),
    (RED, State.UNDER_REVIEW, Action.REQUEST_INFORMATION): Rule(
        State.MORE_INFORMATION_REQUESTED, _GS, True, "ask the requester for more"
    ),
    (RED, State.UNDER_REVIEW, Action.PUBLISH): Rule(State.PUBLISHED, _GS, True, "publish after review"),
    (RED, State.UNDER_REVIEW, Action.REFUSE): Rule(State.REFUSED, _GS, True, "refuse, with grounds"),
    (RED, State.SUBMITTED, Action.WITHDRAW): Rule(State.WITHDRAWN, _REQ, True, "withdraw the request"),
    (RED, State.UNDER_REVIEW, Action.WITHDRAW): Rule(State.WITHDRAWN, _REQ, True, "withdraw the request"),
    (RED, State.MORE_INFORMATION_REQUESTED, Action.WITHDRAW): Rule(
        State.WITHDRAWN, _REQ, True, "withdraw the request"
    ),
    (RED, State.PUBLISHED, Action.CANCEL): Rule(State.CANCELLED, _REQ, True, "cancel (purpose achieved...)"),
    (RED, State.PUBLISHED, Action.EXPIRE): Rule(State.EXPIRED, _SYS, False, "five years passed, not renewed"),
    (RED, State.PUBLISHED, Action.SUSPEND): Rule(
        State.SUSPENDED, _CCF_OR_GS, True, "block pending a challenge"
    ),
    (RED, State.PUBLISHED, Action.DELETE): Rule(State.DELETED, _CCF_OR_GS, True, "delete as non-compliant"),
    (RED, State.PUBLISHED, Action.RENEW): Rule(State.PUBLISHED, _REQ, True, "extend for five more years"),
    (RED, State.SUSPENDED, Action.REINSTATE): Rule(State.PUBLISHED, _CCF_OR_GS, True, "challenge rejected"),
    (RED, State.SUSPENDED, Action.DELETE): Rule(State.DELETED, _CCF_OR_GS, True, "delete after a challenge"),
    # wanted-person diffusions
    (DIFF, State.DRAFT, Action.CIRCULATE): Rule(State.UNREVIEWED, _REQ, False, "send to the chosen NCBs"),
    (DIFF, State.UNREVIEWED, Action.CONFIRM_COMPLIANT): Rule(
        State.REVIEWED_COMPLIANT, _GS, True, "reviewed: compliant"
    ),
    (DIFF, State.UNREVIEWED, Action.PURGE): Rule(State.PURGED, _GS, True, "reviewed: non-compliant, purge"),
    (DIFF, State.UNREVIEWED, Action.CANCEL): Rule(State.CANCELLED, _REQ, True, "cancel"),
    (DIFF, State.REVIEWED_COMPLIANT, Action.CANCEL): Rule(State.CANCELLED, _REQ, True, "cancel"),
    (DIFF, State.UNREVIEWED, Action.SUSPEND): Rule(
        State.SUSPENDED, _CCF_OR_GS, True, "block pending a challenge"
    ),
    (DIFF, State.REVIEWED_COMPLIANT, Action.SUSPEND): Rule(
        State.SUSPENDED, _CCF_OR_GS, True, "block pending a challenge"
    ),
    (DIFF, State.UNREVIEWED, Action.DELETE): Rule(State.DELETED, _CCF_OR_GS, True, "delete"),
    (DIFF, State.REVIEWED_COMPLIANT, Action.DELETE): Rule(State.DELETED, _CCF_OR_GS, True, "delete"),
    (DIFF, State.REVIEWED_COMPLIANT, Action.PURGE): Rule(State.PURGED, _GS, True, "re-reviewed: purge"),
    (DIFF, State.SUSPENDED, Action.REINSTATE): Rule(State.REVIEWED_COMPLIANT, _CCF_OR_GS, True, "reinstate"),
    (DIFF, State.SUSPENDED, Action.DELETE): Rule(State.DELETED, _CCF_OR_GS, True, "delete after a challenge"),
}

IN_FORCE: dict[NoticeType, frozenset[State]] = {
    RED: frozenset({State.PUBLISHED}),
    DIFF: frozenset({State.UNREVIEWED, State.REVIEWED_COMPLIANT}),
}
"""States in which other NCBs see the notice and border officers screen against it."""

AWAITING_REVIEW: dict[NoticeType, frozenset[State]] = {
    RED: frozenset({State.SUBMITTED, State.UNDER_REVIEW}),
    DIFF: frozenset({State.UNREVIEWED}),
}
"""States in which a notice waits for the General Secretariat's review: the reviewer's queue (a red notice
request before its decision, a diffusion circulated unreviewed). The one definition; the queue's queries,
the review records and the pages read it."""

AWAITING_REVIEW_STATES: tuple[State, ...] = tuple(
    s for s in State if any(s in states for states in AWAITING_REVIEW.values())
)
"""The states of AWAITING_REVIEW, of every type, in State's order: submitted, under review, unreviewed."""

FINAL = frozenset(
    {State.REFUSED, State.WITHDRAWN, State.CANCELLED, State.EXPIRED, State.DELETED, State.PURGED}
)


def states_of(kind: NoticeType) -> frozenset[State]:
    out = {State.DRAFT}
    for (k, frm, _), rule in TRANSITIONS.items():
        if k is kind:
            out |= {frm, rule.to}
    return frozenset(out)


def allowed_actions(kind: NoticeType, state: State) -> list[Action]:
    return [a for (k, s, a) in TRANSITIONS if k is kind and s is state]


@dataclass(frozen=True, slots=True)
class TransitionRecord:
    action: Action
    from_state: State
    to_state: State
    actor: Actor
    at: datetime
    reasons: str = ""


@dataclass(slots=True)
class Notice:
    """The aggregate: a request and where it stands. ``version`` guards against lost updates."""

    id: str
    request: NoticeRequest
    state: State = State.DRAFT
    version: int = 1
    created_at: datetime | None = None
    created_by: str = ""
    submitted_at: datetime | None = None
    published_at: datetime | None = None
    expires_at: datetime | None = None
    history: list[TransitionRecord] = field(default_factory=list)

    @property
    def type(self) -> NoticeType:
        return self.request.type

    @property
    def requesting_country(self) -> str:
        return self.request.requesting_country

    @property
    def in_force(self) -> bool:
        return self.state in IN_FORCE[self.type]

    @property
    def unreviewed_warning(self) -> str | None:
        if self.type is DIFF and self.state is State.UNREVIEWED:
            return (
                "UNREVIEWED DIFFUSION: sent directly by the requesting NCB and not yet checked by the "
                "General Secretariat for compliance with INTERPOL's rules. It is not an arrest warrant."
            )
        return None

    def renewal_opens(self) -> datetime | None:
        if self.expires_at is None:
            return None
        return add_months(self.expires_at, -RENEWAL_WINDOW_MONTHS)

    def may_try(self, action: Action, actor: Actor) -> bool:
        """Whether ``actor`` may try ``action`` on this notice now: the lifecycle has it in this state, the
        actor's role takes it, and an NCB officer only on its own country's notice (what ``apply`` checks
        before dates and reasons, which it checks when the action is taken)."""
        rule = TRANSITIONS.get((self.type, self.state, action))
        if rule is None:
            return False
        if actor.role is Role.SYSTEM:
            return True
        if actor.role not in rule.roles:
            return False
        return actor.role is not Role.NCB_OFFICER or actor.speaks_for(self.requesting_country)

    def apply(self, action: Action, actor: Actor, at: datetime, reasons: str = "") -> TransitionRecord:
        """Move the notice by ``action``; raise a clear error if the lifecycle or the actor forbids it."""
        rule = TRANSITIONS.get((self.type, self.state, action))
        if rule is None:
            allowed = allowed_actions(self.type, self.state)
            raise IllegalTransition(
                "a %(type)s in state '%(state)s' cannot '%(action)s' (allowed here: %(allowed)s)"
                if allowed
                else "a %(type)s in state '%(state)s' cannot '%(action)s' (nothing is allowed here)",
                type=Term("notice_type", self.type),
                state=Term("state", self.state),
                action=Term("action", action),
                allowed=Term("action", *allowed),
            )
        if actor.role not in rule.roles and actor.role is not Role.SYSTEM:
            raise Forbidden(
                "'%(action)s' is for %(roles)s, not %(role)s",
                action=Term("action", action),
                roles=Term("role", *sorted(r.value for r in rule.roles)),
                role=Term("role", actor.role),
            )
        if actor.role is Role.NCB_OFFICER and not actor.speaks_for(self.requesting_country):
            raise Forbidden("only the requesting NCB may do this", action=action.value)
        if rule.reasons_required and not reasons.strip():
            raise RuleViolation(REASONS_NEEDED, action=Term("action", action))
        if action is Action.RENEW:
            opens = self.renewal_opens()
            assert self.expires_at is not None and opens is not None
            if at < opens:
                raise RuleViolation(
                    "renewal is possible only in the last %(months)s months before expiry (from %(opens)s)",
                    action=action.value,
                    months=RENEWAL_WINDOW_MONTHS,
                    opens=opens.date().isoformat(),
                )
        if action is Action.EXPIRE and (self.expires_at is None or at < self.expires_at):
            raise RuleViolation("the notice has not reached its expiry date", action=action.value)

        record = TransitionRecord(action, self.state, rule.to, actor, at, reasons.strip())
        if action is Action.SUBMIT and self.submitted_at is None:
            self.submitted_at = at
        if action is Action.CIRCULATE:
            self.submitted_at = at
        if action is Action.PUBLISH:
            self.published_at = at
            self.expires_at = add_years(at, VALIDITY_YEARS)
        if action is Action.RENEW:
            assert self.expires_at is not None
            self.expires_at = add_years(self.expires_at, VALIDITY_YEARS)
        self.state = rule.to
        self.history.append(record)
        return record

    def with_request(self, request: NoticeRequest) -> Notice:
        if self.state not in (State.DRAFT, State.MORE_INFORMATION_REQUESTED):
            raise IllegalTransition(
                "a request can be edited only as a draft or when more information was asked "
                "(it is '%(state)s')",
                state=Term("state", self.state),
            )
        return replace(self, request=request, history=list(self.history))


def add_years(when: datetime, years: int) -> datetime:
    try:
        return when.replace(year=when.year + years)
    except ValueError:  # 29 February
        return when.replace(year=when.year + years, day=28)


def add_months(when: datetime, months: int) -> datetime:
    index = when.year * 12 + (when.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    day = when.day
    while True:
        try:
            return when.replace(year=year, month=month, day=day)
        except ValueError:
            day -= 1
