"""The ports the use cases need. The database adapter and the in-memory fakes both implement them."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, Self

from rednotice.domain.audit import AuditEvent
from rednotice.domain.lifecycle import Notice, State, TransitionRecord
from rednotice.domain.model import NoticeType, Subject
from rednotice.domain.users import Actor, Role

if TYPE_CHECKING:
    from rednotice.adapters.db.screening import SqlScreeningRepository
    from rednotice.services.redress import RedressRepository
    from rednotice.services.review import QueueFilter, QueuePage, ReviewRecord, StoredCheck


@dataclass(frozen=True, slots=True)
class NoticeFilter:
    states: tuple[State, ...] = ()
    type: NoticeType | None = None
    requesting_country: str | None = None
    name: str | None = None
    nationality: str | None = None
    public_only: bool = False
    visible_to: Actor | None = None
    """Restrict to what this actor may see (the policy, expressed as a query)."""
    offset: int = 0
    limit: int = 50
    after: str | None = None
    """A cursor from the previous page (``ListPage.next_after``): the page starts after that notice, in the
    list's order, without counting the rows before it (issue 18). Opaque; only the store that gave it reads
    it."""


@dataclass(frozen=True, slots=True)
class Page:
    items: list[Notice]
    total: int
    offset: int
    limit: int


@dataclass(slots=True)
class UserRecord:
    username: str
    role: Role
    country: str | None
    password_hash: str
    active: bool = True
    created_at: datetime | None = None
    failed_logins: int = 0
    locked_until: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    reset_hash: str | None = None
    """The hash of a one-time password-reset code an administrator handed over (never the password)."""
    reset_expires_at: datetime | None = None

    def actor(self) -> Actor:
        return Actor(self.username, self.role, self.country)


@dataclass(slots=True)
class TokenRecord:
    token_hash: str
    username: str
    label: str
    created_at: datetime
    revoked_at: datetime | None = None
    expires_at: datetime | None = None
    """None only for tokens of stores older than migration 0012 (they were given 90 days then)."""
    public_id: str = ""
    """What administrators see and revoke by: neither the secret nor its hash."""
    last_used_at: datetime | None = None
    """To a few minutes (it is written at most every ``LAST_USED_EVERY``, not per request)."""


@dataclass
class SessionRecord:
    """A browser session: the cookie holds a random secret, the store only its hash."""

    session_hash: str
    username: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None = None
    public_id: str = ""
    last_used_at: datetime | None = None


class NoticeRepository(Protocol):
    def get(self, notice_id: str) -> Notice | None: ...
    def add(self, notice: Notice) -> None: ...
    def save(self, notice: Notice, expected_version: int, new_records: list[TransitionRecord]) -> None:
        """Write the notice's new state as ``expected_version + 1``; raise Conflict if someone was first."""

    def find(self, flt: NoticeFilter) -> Page: ...
    def next_id(self, year: int) -> str: ...
    def ids_due_to_expire(self, now: datetime) -> list[str]: ...
    def changed_since(self, seq: int, limit: int = 5000) -> list[tuple[Notice, int]]:
        """Notices changed after change sequence number ``seq`` (any state), oldest change first."""

    def in_force(self, batch: int = 5000) -> Iterator[tuple[Notice, int]]: ...
    def max_change_seq(self) -> int: ...
    def existing_ids(self, ids: Collection[str]) -> set[str]:
        """Which of ``ids`` are stored already."""

    def add_many(self, notices: Sequence[Notice]) -> None:
        """Add new notices in one go (a batch import); raise Conflict, adding none, if an id is taken."""


class UserRepository(Protocol):
    def get(self, username: str) -> UserRecord | None: ...
    def add(self, user: UserRecord) -> None: ...
    def save(self, user: UserRecord) -> None: ...
    def all(self) -> list[UserRecord]: ...
    def count_attempt(self, username: str, now: datetime) -> int | None:
        """Atomically add one to the failed sign-ins of an unlocked account (before its password is
        checked); the new count, or None when there is no such user or it is locked at ``now``."""

    def lock(self, username: str, until: datetime) -> None:
        """Lock the account until ``until`` and start its count again."""

    def clear_failures(self, username: str) -> None: ...
    def add_token(self, token: TokenRecord) -> None: ...
    def get_token(self, token_hash: str) -> TokenRecord | None: ...
    def save_token(self, token: TokenRecord) -> None: ...
    def add_session(self, session: SessionRecord) -> None: ...
    def get_session(self, session_hash: str) -> SessionRecord | None: ...
    def revoke_sessions(
        self, username: str, at: datetime, session_hash: str | None = None, public_id: str | None = None
    ) -> int:
        """End the user's open (unexpired) sessions, only ``session_hash`` / ``public_id`` when given;
        how many."""

    def revoke_tokens(self, username: str, at: datetime, public_id: str | None = None) -> int:
        """Revoke the user's unrevoked tokens, only ``public_id`` when given; how many."""

    def tokens_of(self, username: str) -> list[TokenRecord]: ...
    def sessions_of(self, username: str) -> list[SessionRecord]: ...
    def token_user(self, token_hash: str) -> tuple[TokenRecord, UserRecord] | None:
        """A token and its owner in one read (the per-request check)."""

    def touch(self, token_hash: str | None, session_hash: str | None, at: datetime) -> None:
        """Record when a token or a session was last used."""

    def user_by_reset(self, reset_hash: str) -> UserRecord | None: ...
    def consume_reset(self, reset_hash: str, password_hash: str, at: datetime) -> bool:
        """Set the password of the user whose unexpired reset this is, and end the reset, in one step
        (so a code works once however many requests bring it); False when there is no such reset."""


class AuditEntry(NamedTuple):
    """An event to append, before the chain gives it a number and a hash."""

    actor: Actor | str
    action: str
    subject: str
    data: dict[str, Any]
    at: datetime


class AuditLog(Protocol):
    def append(
        self, actor: Actor | str, action: str, subject: str, data: dict[str, Any], at: datetime
    ) -> AuditEvent: ...
    def append_many(self, entries: Sequence[AuditEntry]) -> list[AuditEvent]:
        """Append the entries in order, chained as ``append`` one by one would chain them."""

    def events(self, after_seq: int = 0) -> Iterator[AuditEvent]:
        """The events numbered after ``after_seq``, in order."""

    def head(self) -> tuple[int, str]: ...


class ReviewRepository(Protocol):
    """Compliance checks and review records (append-only)."""

    def add_check(self, check: StoredCheck) -> None: ...
    def latest_check(self, notice_id: str) -> StoredCheck | None: ...
    def add_record(self, record: ReviewRecord) -> None: ...
    def records(self, notice_id: str) -> list[ReviewRecord]: ...
    def queue(self, limit: int, offset: int) -> list[tuple[Notice, StoredCheck | None]]: ...
    def queue_page(
        self, flt: QueueFilter, submitted_before: datetime | None, limit: int, offset: int
    ) -> QueuePage:
        """One page of the waiting requests matching every part of the filter, in queue order (riskiest,
        then oldest), each with its latest check; the total bounded as lists count (issue 18)."""

    def decisions_by_country(self, country: str) -> tuple[int, int]:
        """(decided, refused) over the requesting country's reviewed requests."""

    def relation_count(self, notice_id: str, exclude_id: str | None = None) -> int:
        """How many requests (other than ``exclude_id``) name this notice as a relation."""

    def political_events(self, country: str) -> list[tuple[str, date, str]]:
        """(kind, date, description) of recorded elections, protests, coup attempts, publications."""

    def add_political_event(
        self, country: str, kind: str, on: date, description: str, by: str, at: datetime
    ) -> None: ...

    def identity_candidates(self, subject: Subject, states: tuple[State, ...]) -> list[Notice]:
        """Candidates for identity matching (history rules): same birth year (or unknown), a shared name
        token. Over-returning is fine: ``same_person`` confirms."""


class UnitOfWork(Protocol):
    """One transaction: repositories that see it, the audit log written in it, and the clock."""

    @property
    def notices(self) -> NoticeRepository: ...
    @property
    def users(self) -> UserRepository: ...
    @property
    def audit(self) -> AuditLog: ...
    @property
    def reviews(self) -> ReviewRepository: ...
    @property
    def redress(self) -> RedressRepository: ...
    @property
    def screening(self) -> SqlScreeningRepository: ...
    @property
    def clock(self) -> Callable[[], datetime]: ...

    def __enter__(self) -> Self: ...
    def __exit__(self, *exc: object) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
