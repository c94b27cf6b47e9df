"""The ports the use cases need: every repository protocol and the unit of work that holds them.

The database adapter (``adapters/db``) and the in-memory fakes (``adapters/memory*.py``) both implement
them; ``tests/contract`` runs one suite against both (decision 0012). The unit of work is typed only
against these protocols, never against an adapter's class. Records a repository hands back are defined
next to the use cases that own them (``services/review.py``, ``after_hit.py``, ``public.py``...) and
imported here for typing only.
"""

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
    from rednotice.domain.redress import (
        Case,
        CaseDocument,
        CaseState,
        HarassmentReport,
        Notification,
        Position,
        RefugeeConfirmation,
        ReviewFlag,
    )
    from rednotice.domain.screening.index import Match, ScreeningIndex
    from rednotice.services.after_hit import (
        Addendum,
        ExtraditionRefusal,
        ExtraditionRequest,
        FollowUp,
        Hit,
    )
    from rednotice.services.public import PublicQuery, PublicRow, SearchResult
    from rednotice.services.review import QueueFilter, QueuePage, ReviewRecord, StoredCheck
    from rednotice.services.screening import ScreeningRun


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
    before: str | None = None
    """A cursor from the next page (``ListPage.prev_before``): the page ends just before that notice, in the
    list's order (the page a "Previous" link shows), read by keyset too. Not with ``after`` or an offset."""


@dataclass(frozen=True, slots=True)
class NoticeDigest:
    """What comparing notices by their charges' words and their person needs, read without decoding the
    notice (services/similar.py): a few columns and the charges' texts."""

    id: str
    family_name: str
    given_names: str
    birth_year: int | None
    charges: tuple[tuple[str, str], ...]
    """Each charge's offence and the offence as originally written ("" where not given)."""


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
    def find_many(self, filters: Sequence[NoticeFilter]) -> list[Page]:
        """``find`` of each filter, in one go where the store can (one statement for the counts); a filter
        with ``limit`` 0 is counted, its page not read."""

    def digests(self, flt: NoticeFilter) -> list[NoticeDigest]:
        """The rows of ``find(flt)``'s page (its order, offset and limit; not counted) as digests."""

    def get_many(self, ids: Sequence[str]) -> list[Notice]:
        """The notices with these ids, in the order given (unknown ids left out); their history is not
        read."""

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
        self,
        flt: QueueFilter,
        submitted_before: datetime | None,
        limit: int,
        offset: int,
        after: str | None = None,
        before: str | None = None,
    ) -> QueuePage:
        """One page of the waiting requests matching every part of the filter, in queue order (riskiest,
        then oldest), each with its latest check; the total bounded as lists count (issue 18). ``after`` /
        ``before``: a cursor this method gave (``next_after``/``prev_before``), read by keyset."""

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


class RedressRepository(Protocol):
    """CCF cases and their documents, binding outcomes, refugee status, harassment reports, positions,
    review flags and notifications (``uow.redress``)."""

    # CCF cases
    def next_case_id(self, year: int) -> str: ...
    def add_case(self, case: Case) -> None: ...
    def get_case(self, case_id: str) -> Case | None: ...
    def case_by_code(self, code_hash: str) -> Case | None: ...
    def save_case(self, case: Case, expected_version: int) -> None: ...
    def cases(self, states: tuple[CaseState, ...] = ()) -> list[Case]: ...
    def cases_consulting(self, country: str) -> list[Case]: ...
    def cases_with_consultations_due(self, now: datetime) -> list[str]: ...
    # documents sent with a case (the CCF alone reads them)
    def add_document(self, doc: CaseDocument, data: bytes) -> None: ...
    def documents(self, case_id: str) -> list[CaseDocument]: ...
    def document_data(self, case_id: str, doc_id: str) -> bytes | None: ...
    # binding outcomes per notice (RN-16)
    def add_outcome(
        self, notice_id: str, outcome: str, source: str, ref: str, at: datetime, by: str, reasons: str
    ) -> None: ...
    def outcomes_for(self, notice_ids: Sequence[str]) -> dict[str, str]:
        """The latest binding outcome recorded for each of these notices (absent: none)."""

    # refugee status
    def add_refugee(self, conf: RefugeeConfirmation) -> int: ...
    def get_refugee(self, conf_id: int) -> RefugeeConfirmation | None: ...
    def save_refugee(self, conf: RefugeeConfirmation) -> None: ...
    def refugees(self, granting_country: str | None = None) -> list[RefugeeConfirmation]: ...
    def refugee_candidates(self, subject: Subject) -> list[RefugeeConfirmation]:
        """Confirmations that may concern the subject (same birth year, or unknown): identity is confirmed
        by the caller with ``same_person``."""

    # harassment reports
    def add_report(self, report: HarassmentReport) -> int: ...
    def reports(self, notice_id: str | None = None) -> list[HarassmentReport]: ...
    # positions
    def add_position(self, position: Position) -> int: ...
    def get_position(self, position_id: int) -> Position | None: ...
    def save_position(self, position: Position) -> None: ...
    def positions(self, notice_ids: Sequence[str] | None = None) -> list[Position]: ...
    # review flags
    def add_flag(self, flag: ReviewFlag) -> int: ...
    def get_flag(self, flag_id: int) -> ReviewFlag | None: ...
    def save_flag(self, flag: ReviewFlag) -> None: ...
    def flags(self, notice_ids: Sequence[str] | None = None, open_only: bool = False) -> list[ReviewFlag]: ...
    # notifications
    def add_notification(self, notification: Notification) -> int: ...
    def notifications(self, notice_id: str | None = None) -> list[Notification]: ...


class ScreeningRepository(Protocol):
    """Screening runs, background jobs, result lines and hits (``uow.screening``). A hit is a plain dict
    (``id``, ``screening_id``, ``query``, ``notice_id``, ``score``, ``reasons``, ``created_at``, ``outcome``,
    ``outcome_by``, ``outcome_at``, ``outcome_notes``, ``actor``, ``actor_country``)."""

    def add_run(
        self,
        run: ScreeningRun,
        actor: Actor,
        viewer: str | None,
        queries: list[dict[str, Any]] | None,
        started_at: datetime | None = None,
        finished_at: datetime | None = None,
    ) -> None: ...
    def add_done_runs(
        self,
        runs: list[tuple[ScreeningRun, Actor, str | None, list[tuple[dict[str, Any], Match]]]],
        at: datetime,
    ) -> None:
        """Runs answered at once, with their result lines and hits."""

    def add_results(self, run_id: str, start: int, lines: list[dict[str, Any]]) -> None: ...
    def add_hits(self, run_id: str, hits: list[tuple[dict[str, Any], Match]], at: datetime) -> None: ...
    def progress(self, run_id: str, done: int, hits: int) -> None: ...
    def finish(self, run_id: str, status: str, at: datetime, error: str | None) -> None: ...
    def claim_next(
        self, worker: str, at: datetime
    ) -> tuple[str, list[dict[str, Any]], str | None, Actor] | None:
        """Take the oldest queued run (marking it running): its id, queries, viewer and actor."""

    def get_run(self, run_id: str, with_results: bool) -> tuple[ScreeningRun, str, str | None] | None:
        """The run, the username and the country of whoever started it."""

    def get_hit(self, hit_id: int) -> dict[str, Any] | None: ...
    def hits(self, run_id: str) -> list[dict[str, Any]]: ...
    def set_outcome(self, hit_id: int, outcome: str, by: str, at: datetime, notes: str) -> None: ...


class AfterHitRepository(Protocol):
    """What happened after a screening hit (``services/after_hit.py``): follow-ups, extradition requests
    and refusals, addenda (``uow.after_hit``)."""

    def get_hit(self, hit_id: int) -> Hit | None: ...
    def get_follow_up(self, hit_id: int, lock: bool = False) -> FollowUp | None: ...
    def save_follow_up(self, follow_up: FollowUp) -> None:
        """Insert or update."""

    def located_without_follow_up(self) -> list[Hit]:
        """Hits recorded as located or detained (by any path) that have no located follow-up yet."""

    def unpursued(self, located_before: datetime) -> list[int]:
        """Follow-ups located before the cut-off, not yet flagged, whose hit is still located or detained,
        with no extradition request or refusal for the same notice and locating country."""

    def pursued(self, notice_id: str, locating_country: str) -> bool:
        """An extradition request or a refusal exists for this notice and locating country."""

    def flagged_follow_up(self, notice_id: str, locating_country: str) -> FollowUp | None: ...
    def add_extradition_request(self, request: ExtraditionRequest) -> int: ...
    def extradition_requests(self, notice_id: str) -> list[ExtraditionRequest]: ...
    def add_refusal(self, refusal: ExtraditionRefusal) -> int: ...
    def refusals(self, notice_id: str) -> list[ExtraditionRefusal]: ...
    def add_addendum(self, addendum: Addendum) -> int: ...
    def addenda(self, notice_id: str) -> list[Addendum]: ...


FigureKey = tuple[str, int, str]
"""(requesting country, calendar year, measure of ``domain/figures.py``)."""


class FiguresRepository(Protocol):
    """The transparency figures, counted by the store (``services/figures.py``; ``uow.figures``)."""

    def counts(
        self,
        start: datetime,
        end: datetime,
        now: datetime,
        country: str | None = None,
        in_force_as_of: datetime | None = None,
    ) -> dict[FigureKey, int]:
        """Counts over ``[start, end)`` (events) and in force now (or at ``in_force_as_of``), per
        requesting country and year; sparse (zeros left out)."""

    def other_grounds(
        self, start: datetime, end: datetime, country: str | None = None
    ) -> list[tuple[str, str]]:
        """(requesting country, reason) for each refusal on 'other' grounds in ``[start, end)``."""


class PublicFiguresTables(Protocol):
    """The public tables of closed periods as counted, kept for every process of the store
    (``services/figures_tables.py``; ``uow.public_figures``; issue 18, item 4). ``payload`` is the serialised
    table; ``key`` names the period, the public minimum and the figures version it was counted under."""

    def get(self, key: str) -> str | None:
        """The stored table under ``key``, or None."""

    def put(
        self, key: str, first: date, last: date, minimum: int, version: str, payload: str, at: datetime
    ) -> None:
        """Keep a counted table (a table already stored under ``key`` stays)."""

    def clear(self) -> int:
        """Forget every stored table; how many there were."""

    def prune(self, keep: str, counted_before: datetime) -> int:
        """Forget every table but ``keep`` counted before ``counted_before`` (earlier periods, other minimums,
        versions of earlier deployments); how many."""


class PublicRepository(Protocol):
    """The public extracts of notices (``services/public.py``; ``uow.public``)."""

    def search(self, query: PublicQuery, today: date) -> tuple[int, list[PublicRow]]:
        """Public extracts matching ``query``: the total and the asked page, filtered by the database."""

    def search_page(self, query: PublicQuery, today: date) -> SearchResult:
        """The same, saying whether the total was counted or (a large total) estimated."""

    def public_ids(self, after: str, limit: int) -> list[str]:
        """Ids of public extracts greater than ``after``, in id order (exports)."""

    def add_sources(self, documents: Sequence[tuple[str, dict[str, Any]]]) -> None:
        """Keep INTERPOL's document (``InterpolRecord.document``) of each imported notice, by id."""

    def sources(self, notice_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """INTERPOL's documents of those of ``notice_ids`` that were imported."""


class IndexSnapshots(Protocol):
    """Where the screening index is kept between processes (``adapters.screening_snapshot.SnapshotFile``)."""

    def load(self) -> tuple[ScreeningIndex, int] | None:
        """The index and the change sequence number it covers, or None: build from the store."""

    def prepare(self, index: ScreeningIndex, seq: int) -> Callable[[], object]:
        """Ask the store what a snapshot needs; the returned call keeps the index as covering the
        changes up to ``seq`` (atomically) without touching the store (it may run in a forked child)."""


class Signer(Protocol):
    """Signs the audit chain's checkpoints with a key the database does not hold
    (``adapters.signing.Ed25519Signer``; ``services/audit.py`` signs with it)."""

    @property
    def key_id(self) -> str: ...
    def sign(self, payload: bytes) -> str: ...


class UnitOfWork(Protocol):
    """One transaction: repositories that see it, the audit log written in it, and the clock. Both
    ``SqlUnitOfWork`` (``adapters/db/store.py``) and ``MemoryUnitOfWork`` (``adapters/memory.py``) build
    every repository below in ``__enter__``."""

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
    def screening(self) -> ScreeningRepository: ...
    @property
    def public(self) -> PublicRepository: ...
    @property
    def after_hit(self) -> AfterHitRepository: ...
    @property
    def figures(self) -> FiguresRepository: ...
    @property
    def public_figures(self) -> PublicFiguresTables: ...
    @property
    def clock(self) -> Callable[[], datetime]: ...

    def __enter__(self) -> Self: ...
    def __exit__(self, *exc: object) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...


AfterHitUnitOfWork = UnitOfWork
"""The old name (``services/after_hit.py``): the unit of work holds ``after_hit`` itself now."""

FiguresUnitOfWork = UnitOfWork
"""The old name (``services/figures.py``): the unit of work holds ``figures`` itself now."""


PublicUnitOfWork = UnitOfWork
"""The old name (``services/public.py``): the unit of work holds ``public`` itself now."""
