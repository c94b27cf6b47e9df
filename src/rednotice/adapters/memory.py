"""In-memory fakes of every port, for fast unit tests of the use cases (fakes, not mocks).

Changes made inside a unit of work are kept only if it commits; otherwise they are rolled back.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Collection, Iterator, Sequence
from datetime import UTC, date, datetime
from typing import Any

from rednotice.adapters.memory_after_hit import MemoryAfterHitRepository
from rednotice.adapters.memory_figures import MemoryFiguresRepository, MemoryPublicFiguresTables
from rednotice.adapters.memory_public import MemoryPublicRepository
from rednotice.adapters.memory_redress import MemoryRedressRepository
from rednotice.adapters.memory_screening import MemoryScreeningRepository
from rednotice.domain.audit import GENESIS, AuditEvent, seal
from rednotice.domain.compliance.identity import min_shared_tokens, name_keys
from rednotice.domain.errors import Conflict
from rednotice.domain.lifecycle import AWAITING_REVIEW, Notice, State, TransitionRecord
from rednotice.domain.model import Subject, notice_id_from_ref
from rednotice.domain.users import Actor
from rednotice.services.notices import ListPage, decode_cursor, encode_cursor
from rednotice.services.ports import (
    AuditEntry,
    NoticeDigest,
    NoticeFilter,
    Page,
    SessionRecord,
    TokenRecord,
    UserRecord,
)
from rednotice.services.review import (
    QueueFilter,
    QueuePage,
    RecordKind,
    ReviewRecord,
    StoredCheck,
    iccs_sections,
)


class MemoryData:
    def __init__(self) -> None:
        self.notices: dict[str, Notice] = {}
        self.users: dict[str, UserRecord] = {}
        self.tokens: dict[str, TokenRecord] = {}
        self.sessions: dict[str, SessionRecord] = {}
        self.audit: list[AuditEvent] = []
        self.counters: dict[int, int] = {}
        self.checks: list[StoredCheck] = []
        self.records: list[ReviewRecord] = []
        self.extra: dict[str, Any] = {}
        """Free space for the capability fakes (memory_redress, memory_screening...): one key each."""


class MemoryNoticeRepository:
    def __init__(self, data: MemoryData) -> None:
        self.data = data

    def get(self, notice_id: str) -> Notice | None:
        n = self.data.notices.get(notice_id)
        return copy.deepcopy(n) if n else None

    def _touch(self, notice_id: str) -> None:
        seqs: dict[str, int] = self.data.extra.setdefault("change_seq", {})
        seqs[notice_id] = max(seqs.values(), default=0) + 1

    def changed_since(self, seq: int, limit: int = 5000) -> list[tuple[Notice, int]]:
        seqs: dict[str, int] = self.data.extra.get("change_seq", {})
        changed = sorted((s, i) for i, s in seqs.items() if s > seq)[:limit]
        return [(copy.deepcopy(self.data.notices[i]), s) for s, i in changed]

    def in_force(self, batch: int = 5000) -> Iterator[tuple[Notice, int]]:
        seqs: dict[str, int] = self.data.extra.get("change_seq", {})
        for notice_id in sorted(self.data.notices):
            n = self.data.notices[notice_id]
            if n.in_force:
                yield copy.deepcopy(n), seqs.get(notice_id, 0)

    def max_change_seq(self) -> int:
        return max(self.data.extra.get("change_seq", {}).values(), default=0)

    def add(self, notice: Notice) -> None:
        if notice.id in self.data.notices:
            raise Conflict("a notice with id %(notice_id)s already exists", notice_id=notice.id)
        self.data.notices[notice.id] = copy.deepcopy(notice)
        self._touch(notice.id)

    def existing_ids(self, ids: Collection[str]) -> set[str]:
        return {i for i in ids if i in self.data.notices}

    def add_many(self, notices: Sequence[Notice]) -> None:
        taken = self.existing_ids([n.id for n in notices])
        if taken or len({n.id for n in notices}) != len(notices):
            raise Conflict(
                "a notice with one of these ids already exists: %(notices)s", notices=", ".join(sorted(taken))
            )
        for notice in notices:
            self.add(notice)

    def save(self, notice: Notice, expected_version: int, new_records: list[TransitionRecord]) -> None:
        current = self.data.notices.get(notice.id)
        if current is None or current.version != expected_version:
            raise Conflict("notice %(notice_id)s was changed by someone else", notice_id=notice.id)
        notice.version = expected_version + 1
        self.data.notices[notice.id] = copy.deepcopy(notice)
        self._touch(notice.id)

    def find(self, flt: NoticeFilter) -> Page:
        from rednotice.domain.policy import can_see_notice, is_public

        after = None if flt.after is None else decode_cursor(flt.after, 1)[0]
        before = None if flt.before is None else decode_cursor(flt.before, 1)[0]
        out, total = [], 0
        for n in sorted(self.data.notices.values(), key=lambda n: n.id):
            if flt.states and n.state not in flt.states:
                continue
            if flt.type is not None and n.type is not flt.type:
                continue
            if flt.requesting_country and n.requesting_country != flt.requesting_country:
                continue
            if flt.nationality and flt.nationality not in n.request.subject.nationalities:
                continue
            if flt.name:
                hay = " ".join(x.full().casefold() for x in n.request.subject.all_names())
                if not all(t in hay for t in flt.name.casefold().split()):
                    continue
            if flt.public_only and not is_public(n):
                continue
            if flt.visible_to is not None and not can_see_notice(flt.visible_to, n):
                continue
            total += 1
            if (after is None or n.id > after) and (before is None or n.id < before):
                out.append(copy.deepcopy(n))
        if before is not None:
            items = out[max(0, len(out) - flt.limit) :]
            more_before, more_after = len(out) > flt.limit, True
        else:
            items = out[flt.offset : flt.offset + flt.limit]
            more_before, more_after = bool(after or flt.offset), len(out) > flt.offset + flt.limit
        following = encode_cursor(items[-1].id) if more_after and items else None
        preceding = encode_cursor(items[0].id) if more_before and items else None
        return ListPage(items, total, flt.offset, flt.limit, next_after=following, prev_before=preceding)

    def find_many(self, filters: Sequence[NoticeFilter]) -> list[Page]:
        return [self.find(flt) for flt in filters]

    def digests(self, flt: NoticeFilter) -> list[NoticeDigest]:
        out = []
        for n in self.find(flt).items:
            s = n.request.subject
            charges = tuple((c.offence, c.offence_original) for c in n.request.judicial.charges)
            dob = s.date_of_birth.year if s.date_of_birth else None
            out.append(NoticeDigest(n.id, s.family_name, s.given_names, dob, charges))
        return out

    def get_many(self, ids: Sequence[str]) -> list[Notice]:
        return [copy.deepcopy(self.data.notices[i]) for i in ids if i in self.data.notices]

    def next_id(self, year: int) -> str:
        last = self.data.counters.get(year, 0)
        while True:
            last += 1
            candidate = f"{year}/{last:05d}"
            if candidate not in self.data.notices:
                break
        self.data.counters[year] = last
        return candidate

    def ids_due_to_expire(self, now: datetime) -> list[str]:
        return sorted(
            n.id
            for n in self.data.notices.values()
            if n.state is State.PUBLISHED and n.expires_at is not None and n.expires_at <= now
        )


class MemoryUserRepository:
    def __init__(self, data: MemoryData) -> None:
        self.data = data

    def get(self, username: str) -> UserRecord | None:
        u = self.data.users.get(username)
        return copy.deepcopy(u) if u else None

    def add(self, user: UserRecord) -> None:
        if user.username in self.data.users:
            raise Conflict("user '%(user)s' already exists", user=user.username)
        self.data.users[user.username] = copy.deepcopy(user)

    def save(self, user: UserRecord) -> None:
        self.data.users[user.username] = copy.deepcopy(user)

    def all(self) -> list[UserRecord]:
        return [copy.deepcopy(u) for _, u in sorted(self.data.users.items())]

    def count_attempt(self, username: str, now: datetime) -> int | None:
        u = self.data.users.get(username)
        if u is None or (u.locked_until is not None and u.locked_until > now):
            return None
        u.failed_logins += 1
        return u.failed_logins

    def lock(self, username: str, until: datetime) -> None:
        if (u := self.data.users.get(username)) is not None:
            u.locked_until, u.failed_logins = until, 0

    def clear_failures(self, username: str) -> None:
        if (u := self.data.users.get(username)) is not None:
            u.locked_until, u.failed_logins = None, 0

    def add_token(self, token: TokenRecord) -> None:
        self.data.tokens[token.token_hash] = copy.deepcopy(token)

    def get_token(self, token_hash: str) -> TokenRecord | None:
        t = self.data.tokens.get(token_hash)
        return copy.deepcopy(t) if t else None

    def save_token(self, token: TokenRecord) -> None:
        """Its label and revocation, as SqlUserRepository.save_token keeps them (the rest is set at issue)."""
        if (kept := self.data.tokens.get(token.token_hash)) is not None:
            kept.label, kept.revoked_at = token.label, token.revoked_at

    def add_session(self, session: SessionRecord) -> None:
        self.data.sessions[session.session_hash] = copy.deepcopy(session)

    def get_session(self, session_hash: str) -> SessionRecord | None:
        s = self.data.sessions.get(session_hash)
        return copy.deepcopy(s) if s else None

    def revoke_sessions(
        self, username: str, at: datetime, session_hash: str | None = None, public_id: str | None = None
    ) -> int:
        n = 0
        for s in self.data.sessions.values():
            open_now = s.revoked_at is None and s.expires_at > at
            wanted = session_hash in (None, s.session_hash) and public_id in (None, s.public_id)
            if s.username == username and open_now and wanted:
                s.revoked_at = at
                n += 1
        return n

    def revoke_tokens(self, username: str, at: datetime, public_id: str | None = None) -> int:
        n = 0
        for t in self.data.tokens.values():
            if t.username == username and t.revoked_at is None and public_id in (None, t.public_id):
                t.revoked_at = at
                n += 1
        return n

    def tokens_of(self, username: str) -> list[TokenRecord]:
        found = [copy.deepcopy(t) for t in self.data.tokens.values() if t.username == username]
        return sorted(found, key=lambda t: t.created_at, reverse=True)

    def sessions_of(self, username: str) -> list[SessionRecord]:
        found = [copy.deepcopy(s) for s in self.data.sessions.values() if s.username == username]
        return sorted(found, key=lambda s: s.created_at, reverse=True)

    def token_user(self, token_hash: str) -> tuple[TokenRecord, UserRecord] | None:
        token = self.get_token(token_hash)
        user = self.get(token.username) if token else None
        return None if token is None or user is None else (token, user)

    def touch(self, token_hash: str | None, session_hash: str | None, at: datetime) -> None:
        if token_hash is not None and (t := self.data.tokens.get(token_hash)) is not None:
            t.last_used_at = at
        if session_hash is not None and (s := self.data.sessions.get(session_hash)) is not None:
            s.last_used_at = at

    def user_by_reset(self, reset_hash: str) -> UserRecord | None:
        found = [u for u in self.data.users.values() if u.reset_hash == reset_hash]
        return copy.deepcopy(found[0]) if found else None

    def consume_reset(self, reset_hash: str, password_hash: str, at: datetime) -> bool:
        for u in self.data.users.values():
            if u.reset_hash == reset_hash and u.reset_expires_at is not None and u.reset_expires_at > at:
                u.password_hash, u.reset_hash, u.reset_expires_at = password_hash, None, None
                u.failed_logins, u.locked_until = 0, None
                return True
        return False


class MemoryAuditLog:
    def __init__(self, data: MemoryData) -> None:
        self.data = data

    def append(
        self, actor: Actor | str, action: str, subject: str, data: dict[str, Any], at: datetime
    ) -> AuditEvent:
        seq, prev = self.head()
        event = seal(seq + 1, at, str(actor), action, subject, copy.deepcopy(data), prev)
        self.data.audit.append(event)
        return event

    def append_many(self, entries: Sequence[AuditEntry]) -> list[AuditEvent]:
        return [self.append(e.actor, e.action, e.subject, e.data, e.at) for e in entries]

    def events(self, after_seq: int = 0) -> Iterator[AuditEvent]:
        return iter([e for e in self.data.audit if e.seq > after_seq])

    def head(self) -> tuple[int, str]:
        return (self.data.audit[-1].seq, self.data.audit[-1].hash) if self.data.audit else (0, GENESIS)


class MemoryReviewRepository:
    def __init__(self, data: MemoryData) -> None:
        self.data = data

    def add_check(self, check: StoredCheck) -> None:
        self.data.checks.append(check)

    def latest_check(self, notice_id: str) -> StoredCheck | None:
        found = [c for c in self.data.checks if c.notice_id == notice_id]
        return found[-1] if found else None

    def add_record(self, record: ReviewRecord) -> None:
        self.data.records.append(record)

    def records(self, notice_id: str) -> list[ReviewRecord]:
        return [r for r in self.data.records if r.notice_id == notice_id]

    def queue(self, limit: int, offset: int) -> list[tuple[Notice, StoredCheck | None]]:
        waiting = [n for n in self.data.notices.values() if n.state in AWAITING_REVIEW.get(n.type, ())]

        def key(n: Notice) -> tuple[int, str, str]:
            check = self.latest_check(n.id)
            return (-(check.risk if check else 0), n.submitted_at.isoformat() if n.submitted_at else "", n.id)

        waiting.sort(key=key)
        return [(copy.deepcopy(n), self.latest_check(n.id)) for n in waiting[offset : offset + limit]]

    def queue_page(
        self,
        flt: QueueFilter,
        submitted_before: datetime | None,
        limit: int,
        offset: int,
        after: str | None = None,
        before: str | None = None,
    ) -> QueuePage:
        ref = notice_id_from_ref(flt.text.strip()) if flt.text else None
        out = []
        for n, check in self.queue(len(self.data.notices) + 1, 0):
            if flt.states and n.state not in flt.states:
                continue
            if flt.country and n.requesting_country != flt.country:
                continue
            if flt.min_risk is not None and (check.risk if check else 0) < flt.min_risk:
                continue
            if submitted_before is not None and (n.submitted_at is None or n.submitted_at > submitted_before):
                continue
            if ref is not None and n.id != ref:
                continue
            if flt.text and ref is None:
                hay = " ".join(x.full().casefold() for x in n.request.subject.all_names())
                hay += " " + " ".join(x.casefold() for x in n.request.subject.names_original_script)
                if not all(term in hay for term in flt.text.casefold().split()):
                    continue
            if flt.iccs_section and flt.iccs_section not in iccs_sections(check):
                continue
            out.append((n, check))
        ids = [n.id for n, _ in out]

        def position(cursor: str) -> int:
            last = decode_cursor(cursor, 1)[0]
            keys = [self._queue_key(n) for n, _ in out]
            anchor = self.data.notices.get(last)
            if anchor is None:
                return next((i for i, id_ in enumerate(ids) if id_ > last), len(ids))
            mark = self._queue_key(anchor)
            return sum(1 for k in keys if k < mark) + (1 if last in ids else 0)

        start, end = offset, offset + limit
        if after is not None:
            start = position(after)
            end = start + limit
        if before is not None:
            end = position(before) - (1 if decode_cursor(before, 1)[0] in ids else 0)
            start = max(0, end - limit)
        items = out[start:end]
        following = encode_cursor(items[-1][0].id) if items and end < len(out) else None
        preceding = encode_cursor(items[0][0].id) if items and start > 0 else None
        return QueuePage(items, len(out), offset, limit, next_after=following, prev_before=preceding)

    def _queue_key(self, n: Notice) -> tuple[int, str, str]:
        check = self.latest_check(n.id)
        return (-(check.risk if check else 0), n.submitted_at.isoformat() if n.submitted_at else "", n.id)

    def decisions_by_country(self, country: str) -> tuple[int, int]:
        decided = refused = 0
        for r in self.data.records:
            notice = self.data.notices.get(r.notice_id)
            if r.kind is not RecordKind.DECISION or notice is None or notice.requesting_country != country:
                continue
            if r.data.get("decision") in ("publish", "refuse", "confirm_compliant", "purge"):
                decided += 1
                refused += r.data.get("decision") in ("refuse", "purge")
        return decided, refused

    def relation_count(self, notice_id: str, exclude_id: str | None = None) -> int:
        return sum(
            1
            for n in self.data.notices.values()
            if n.id != exclude_id and any(r.notice_id == notice_id for r in n.request.subject.relations)
        )

    def political_events(self, country: str) -> list[tuple[str, date, str]]:
        events: list[tuple[str, str, date, str]] = self.data.extra.get("political_events", [])
        # By date, as SqlReviewRepository orders them (tests/contract/test_review_contract.py).
        return [(k, on, d) for c, k, on, d in sorted(events, key=lambda e: e[2]) if c == country]

    def add_political_event(
        self, country: str, kind: str, on: date, description: str, by: str, at: datetime
    ) -> None:
        self.data.extra.setdefault("political_events", []).append((country, kind, on, description))

    def identity_candidates(self, subject: Subject, states: tuple[State, ...]) -> list[Notice]:
        tokens = {tok for key in name_keys(subject) for tok in key}
        year = subject.date_of_birth.year if subject.date_of_birth else None
        out = []
        for n in self.data.notices.values():
            dob = n.request.subject.date_of_birth
            theirs = {tok for key in name_keys(n.request.subject) for tok in key}
            enough = len(tokens & theirs) >= min_shared_tokens(name_keys(subject))
            if n.state in states and enough and (year is None or dob is None or dob.year == year):
                out.append(copy.deepcopy(n))
        return out


class MemoryUnitOfWork:
    def __init__(self, data: MemoryData | None = None, clock: Callable[[], datetime] | None = None) -> None:
        self.data = data or MemoryData()
        self.clock = clock or (lambda: datetime.now(UTC))
        self.commits = 0

    def __enter__(self) -> MemoryUnitOfWork:
        self._snapshot = copy.deepcopy(self.data.__dict__)
        self._committed = False
        self.notices = MemoryNoticeRepository(self.data)
        self.users = MemoryUserRepository(self.data)
        self.audit = MemoryAuditLog(self.data)
        self.reviews = MemoryReviewRepository(self.data)
        self.redress = MemoryRedressRepository(self.data)
        self.screening = MemoryScreeningRepository(self.data)
        self.public = MemoryPublicRepository(self.data)
        self.after_hit = MemoryAfterHitRepository(self.data)
        self.figures = MemoryFiguresRepository(self.data)
        self.public_figures = MemoryPublicFiguresTables(self.data)
        return self

    def __exit__(self, *exc: object) -> None:
        if not self._committed:
            self.rollback()

    def commit(self) -> None:
        self._committed = True
        self.commits += 1
        self._snapshot = copy.deepcopy(self.data.__dict__)

    def rollback(self) -> None:
        self.data.__dict__.update(copy.deepcopy(self._snapshot))
