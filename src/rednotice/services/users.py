"""Use cases for people: add users, sign in (with lock-out), API tokens, and account administration
(deactivate, password resets, sessions and tokens seen and revoked: issue 16, item 10).

Administrators manage accounts; they never obtain another person's password or token, nor act as them
(issue 14, item 6): a reset gives them a one-time code to hand over, with which the person sets a new
password; what they see of tokens and sessions is a public id and dates, never a secret nor its hash.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from rednotice.adapters import security as security  # a pure codec (import contract, decision 0012)
from rednotice.adapters.countries import is_country
from rednotice.domain.errors import N_, Conflict, Forbidden, InvalidInput, NotFound, Term, Unauthenticated
from rednotice.domain.users import (
    MAX_PASSWORD_LENGTH,
    Actor,
    Role,
    normalize_username,
    password_problem,
)
from rednotice.services.ports import SessionRecord, TokenRecord, UnitOfWork, UserRecord

log = logging.getLogger(__name__)

MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)


@dataclass(frozen=True, slots=True)
class AddUser:
    username: str
    role: Role
    password: str
    country: str | None = None


def add_user(cmd: AddUser, actor: Actor, uow: UnitOfWork) -> UserRecord:
    if actor.role not in (Role.ADMIN, Role.SYSTEM):
        raise Forbidden("only an administrator adds users")
    username = normalize_username(cmd.username)
    if (problem := password_problem(cmd.password, username)) is not None:
        raise InvalidInput(problem, field="password")
    country = cmd.country.upper() if cmd.country else None
    if cmd.role is Role.NCB_OFFICER:
        if not country or not is_country(country):
            raise InvalidInput("an NCB officer needs the ISO 3166 alpha-2 code of their country")
    elif country is not None:
        raise InvalidInput("a %(role)s is not bound to a country", role=Term("role", cmd.role))
    if cmd.role is Role.SYSTEM:
        raise InvalidInput("the system role is not for people")
    with uow:
        user = UserRecord(
            username, cmd.role, country, security.hash_password(cmd.password), created_at=uow.clock()
        )
        uow.users.add(user)
        uow.audit.append(
            actor, "user.add", f"user:{username}", {"role": cmd.role.value, "country": country}, uow.clock()
        )
        uow.commit()
    return user


class _UnknownNames:
    """Failed sign-ins under usernames that do not exist, counted and locked like real accounts (in this
    process), so that a lock-out does not tell which usernames exist."""

    LIMIT = 100_000

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: dict[str, tuple[int, datetime | None]] = {}

    def count(self, username: str, now: datetime) -> int | None:
        """The attempt's number, or None while the name is "locked"."""
        with self._lock:
            n, until = self._seen.get(username, (0, None))
            if until is not None and until > now:
                return None
            if len(self._seen) >= self.LIMIT:
                self._seen.clear()
            n = 0 if until is not None else n
            n += 1
            self._seen[username] = (0, now + LOCKOUT) if n >= MAX_FAILED_LOGINS else (n, None)
            return n


_unknown_names = _UnknownNames()


def _locked() -> Unauthenticated:
    return Unauthenticated(
        "this account is locked after too many failed sign-ins; try again later", locked=True
    )


def authenticate(username: str, password: str, uow: UnitOfWork) -> Actor:
    """Check a password; five failures lock the account for fifteen minutes. Every attempt is audited.

    The attempt is counted in the store (atomically) *before* the password is checked, so however many
    arrive at once, at most five passwords are checked before the lock (issue 14, item 8). A username
    that does not exist locks the same way, so the lock-out does not reveal which usernames exist.
    """
    if "\x00" in username or "\x00" in password:
        raise InvalidInput("NUL characters are not allowed in a username or password")
    with uow:
        now = uow.clock()
        count = uow.users.count_attempt(username, now)
        user = uow.users.get(username)
        if count is None and user is None:
            count = _unknown_names.count(username, now)
        if count is None or count > MAX_FAILED_LOGINS:
            if user is not None and count is not None:  # over the budget: attempts in flight used it
                uow.users.lock(username, now + LOCKOUT)
            uow.audit.append(username, "auth.locked_out", f"user:{username}", {}, now)
            uow.commit()
            raise _locked()
        uow.commit()
    ok = len(password) <= MAX_PASSWORD_LENGTH and security.verify_password(
        user.password_hash if user else None, password
    )
    with uow:
        now = uow.clock()
        if not ok or user is None or not user.active:
            if user is not None and count >= MAX_FAILED_LOGINS:
                uow.users.lock(username, now + LOCKOUT)
            uow.audit.append(username, "auth.failed", f"user:{username}", {}, now)
            uow.commit()
            raise Unauthenticated("wrong username or password")
        uow.users.clear_failures(username)
        uow.audit.append(user.actor(), "auth.signed_in", f"user:{username}", {}, now)
        uow.commit()
        return user.actor()


TOKEN_DAYS = 90
"""How long an API token lives unless said otherwise (``REDNOTICE_TOKEN_DAYS``, ``users token --days``)."""
MAX_TOKEN_DAYS = 366


def issue_token(username: str, label: str, actor: Actor, uow: UnitOfWork, days: float | None = None) -> str:
    """A new bearer token for ``username``, valid ``days`` (default 90); only its hash is stored. People
    issue their own; only the system (the operator's CLI) issues for others."""
    # not even an administrator: a token for someone else acts, audited, under their name (issue 14,
    # item 6); the operator's CLI (the system) issues for service accounts and bootstrapping
    if actor.role is not Role.SYSTEM and actor.username != username:
        raise Forbidden("you can issue tokens only for yourself")
    if "\x00" in username or "\x00" in label:
        raise InvalidInput("NUL characters are not allowed in a username or a token's label")
    days = TOKEN_DAYS if days is None else days
    if not 0 < days <= MAX_TOKEN_DAYS:
        raise InvalidInput(
            "a token lives more than 0 and at most %(max)s days", field="days", max=MAX_TOKEN_DAYS
        )
    token = security.new_token()
    with uow:
        user = uow.users.get(username)
        if user is None or not user.active:
            raise NotFound("no active user '%(user)s'", user=username)
        now = uow.clock()
        expires = now + timedelta(days=days)
        record = TokenRecord(
            security.hash_token(token), username, label, now, None, expires, security.new_public_id()
        )
        uow.users.add_token(record)
        uow.audit.append(
            actor, "token.issue", f"user:{username}", {"label": label, "expires_at": expires.isoformat()}, now
        )
        uow.commit()
    return token


SESSION_HOURS = 8
"""How long a browser session lasts after sign-in (the cookie's max age too)."""


def open_session(actor: Actor, uow: UnitOfWork, hours: float = SESSION_HOURS) -> str:
    """A new browser session for a signed-in person; the secret goes in the signed cookie, the store
    keeps only its hash, so signing out (or an administrator) can end it everywhere."""
    secret = security.new_token()
    with uow:
        now = uow.clock()
        uow.users.add_session(
            SessionRecord(
                security.hash_token(secret),
                actor.username,
                now,
                now + timedelta(hours=hours),
                public_id=security.new_public_id(),
            )
        )
        uow.commit()
    return secret


def session_actor(
    secret: str, uow: UnitOfWork, writer: Callable[[], UnitOfWork] | None = None
) -> Actor | None:
    """Who a session belongs to, or None when it is unknown, ended, expired, or the account disabled.
    With ``writer``, records when it was last used (at most every ``LAST_USED_EVERY``)."""
    with uow:
        session = uow.users.get_session(security.hash_token(secret))
        now = uow.clock()
        if session is None or session.revoked_at is not None or session.expires_at <= now:
            return None
        user = uow.users.get(session.username)
    if user is None or not user.active:
        return None
    if writer is not None and _stale(session.last_used_at, now):
        _touch(writer, None, session.session_hash, now)
    return user.actor()


def close_session(secret: str, uow: UnitOfWork) -> None:
    """Sign out: the session ends in the store, whatever copies of the cookie exist."""
    with uow:
        session = uow.users.get_session(security.hash_token(secret))
        if session is None or session.revoked_at is not None:
            return
        uow.users.revoke_sessions(session.username, uow.clock(), session.session_hash)
        uow.audit.append(session.username, "auth.signed_out", f"user:{session.username}", {}, uow.clock())
        uow.commit()


def end_sessions(username: str, actor: Actor, uow: UnitOfWork) -> int:
    """An administrator ends every session of a user (a lost laptop, a departure); how many were open."""
    if actor.role not in (Role.ADMIN, Role.SYSTEM):
        raise Forbidden("only an administrator ends another person's sessions")
    with uow:
        if uow.users.get(username) is None:
            raise NotFound("no user '%(user)s'", user=username)
        n = uow.users.revoke_sessions(username, uow.clock())
        uow.audit.append(actor, "auth.sessions_ended", f"user:{username}", {"sessions": n}, uow.clock())
        uow.commit()
    return n


# -- the per-request token check (issue 18, item 1) ----------------------------------------------------------

TOKEN_CACHE_SECONDS = 5.0
"""How long a verified token is trusted without asking the store. Revoking a token or deactivating its
owner drops it from this process's cache at once; other server processes notice within this time."""
TOKEN_CACHE_SIZE = 10_000
LAST_USED_EVERY = timedelta(minutes=5)
""""Last used" is written at most this often per token or session: not a write on every request."""


class _ActorCache:
    """Verified actors by token hash, for a few seconds, bounded in size (oldest out first).

    A generation number closes the race between a check that read the store before a revocation and
    stores its answer after it: an answer read before the last invalidation is not kept.
    """

    def __init__(self, seconds: float, size: int) -> None:
        self.seconds, self.size = seconds, size
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[float, Actor, datetime | None]] = {}
        self.generation = 0

    def get(self, token_hash: str) -> tuple[Actor, datetime | None] | None:
        entry = self._entries.get(token_hash)
        if entry is None or entry[0] <= time.monotonic():
            return None
        return entry[1], entry[2]

    def put(self, token_hash: str, actor: Actor, expires_at: datetime | None, generation: int) -> None:
        with self._lock:
            if generation != self.generation:
                return
            if len(self._entries) >= self.size:
                self._entries.pop(next(iter(self._entries)))
            self._entries[token_hash] = (time.monotonic() + self.seconds, actor, expires_at)

    def drop(self, token_hash: str | None = None, username: str | None = None) -> None:
        with self._lock:
            self.generation += 1
            if token_hash is not None:
                self._entries.pop(token_hash, None)
            if username is not None:
                for key in [k for k, v in self._entries.items() if v[1].username == username]:
                    del self._entries[key]

    def clear(self) -> None:
        with self._lock:
            self.generation += 1
            self._entries.clear()


_actors = _ActorCache(TOKEN_CACHE_SECONDS, TOKEN_CACHE_SIZE)


def clear_token_cache() -> None:
    """Forget every verified token in this process (benchmarks; a store replaced under a running app)."""
    _actors.clear()


def _stale(last_used: datetime | None, now: datetime) -> bool:
    return last_used is None or now - last_used >= LAST_USED_EVERY


def _touch(
    writer: Callable[[], UnitOfWork], token_hash: str | None, session_hash: str | None, at: datetime
) -> None:
    """Record "last used". Only a record for administrators: if the store cannot take the write now (a busy
    SQLite, a read-only replica), the request still goes on, and the next check tries again."""
    try:
        with writer() as uow:
            uow.users.touch(token_hash, session_hash, at)
            uow.commit()
    except Exception:  # never refuse a verified person for want of a timestamp
        log.warning("could not record when a token or session was last used", exc_info=True)


def _cached(token_hash: str, clock: Callable[[], datetime]) -> Actor | None:
    cached = _actors.get(token_hash)
    if cached is None:
        return None
    actor, expires_at = cached
    if expires_at is not None and expires_at <= clock():
        _actors.drop(token_hash)
        raise Unauthenticated("this token has expired: ask for a new one", expired=True)
    return actor


def cached_token_actor(token: str, clock: Callable[[], datetime]) -> Actor | None:
    """Who a bearer token acts for if it was verified in the last few seconds (one SHA-256, no store):
    the web answers that on its event loop and sends only the rest to a thread (issue 18). None: not
    verified lately, ask :func:`actor_for_token`; raises as it does for an expired token."""
    return _cached(security.hash_token(token), clock)


def actor_for_token(token: str, uow: UnitOfWork, writer: Callable[[], UnitOfWork] | None = None) -> Actor:
    """Who a bearer token acts for. One SHA-256 and, unless verified in the last few seconds, one indexed
    read of the token with its owner. With ``writer``, records when it was last used (now and then)."""
    token_hash = security.hash_token(token)
    cached = _cached(token_hash, uow.clock)
    if cached is not None:
        return cached
    generation = _actors.generation
    with uow:
        found = uow.users.token_user(token_hash)
        now = uow.clock()
    if found is None:
        raise Unauthenticated("invalid or revoked token")
    record, user = found
    if record.revoked_at is not None or not user.active:
        raise Unauthenticated("invalid or revoked token")
    if record.expires_at is not None and record.expires_at <= now:
        raise Unauthenticated("this token has expired: ask for a new one", expired=True)
    actor = user.actor()
    _actors.put(token_hash, actor, record.expires_at, generation)
    if writer is not None and _stale(record.last_used_at, now):
        _touch(writer, token_hash, None, now)
    return actor


def revoke_token(token: str, actor: Actor, uow: UnitOfWork) -> None:
    token_hash = security.hash_token(token)
    with uow:
        record = uow.users.get_token(token_hash)
        if record is None:
            raise NotFound("no such token")
        if actor.role not in (Role.ADMIN, Role.SYSTEM) and actor.username != record.username:
            raise Forbidden("you can revoke only your own tokens")
        record.revoked_at = uow.clock()
        uow.users.save_token(record)
        uow.audit.append(
            actor,
            "token.revoke",
            f"user:{record.username}",
            {"label": record.label, "id": record.public_id},
            uow.clock(),
        )
        uow.commit()
    _actors.drop(token_hash)


# -- account administration (issue 16, item 10) -------------------------------------------------------------

RESET_HOURS = 24
"""How long a password-reset code works (once)."""

INVALID_RESET = (
    "this reset code does not work: it was already used, has expired or was replaced. "
    "Ask an administrator for a new one."
)


def _admin_only(actor: Actor, refusal: str) -> None:
    """``refusal``: the whole sentence, marked with N_ where it is written."""
    if actor.role not in (Role.ADMIN, Role.SYSTEM):
        raise Forbidden(refusal)


def _existing(uow: UnitOfWork, username: str) -> UserRecord:
    user = uow.users.get(username)
    if user is None:
        raise NotFound("no user '%(user)s'", user=username)
    return user


def set_active(username: str, active: bool, actor: Actor, uow: UnitOfWork) -> UserRecord:
    """Deactivate or reactivate an account. Deactivating ends the person's sessions and revokes their
    API tokens at once (and any pending reset); reactivating lets them sign in again with their password,
    and they issue new tokens. An administrator does not deactivate themselves (another one does)."""
    _admin_only(actor, N_("only an administrator deactivates or reactivates accounts"))
    if not active and actor.username == username:
        raise InvalidInput("you cannot deactivate your own account: another administrator can")
    with uow:
        user = _existing(uow, username)
        if user.active == active:
            raise Conflict(
                "%(user)s is already active" if active else "%(user)s is already deactivated", user=username
            )
        now = uow.clock()
        user.active = active
        detail: dict[str, int] = {}
        if not active:
            detail["sessions_ended"] = uow.users.revoke_sessions(username, now)
            detail["tokens_revoked"] = uow.users.revoke_tokens(username, now)
            user.reset_hash = user.reset_expires_at = None
        uow.users.save(user)
        action = "user.reactivate" if active else "user.deactivate"
        uow.audit.append(actor, action, f"user:{username}", detail, now)
        uow.commit()
    _actors.drop(username=username)
    return user


def start_password_reset(
    username: str, actor: Actor, uow: UnitOfWork, hours: float = RESET_HOURS
) -> tuple[str, datetime]:
    """A one-time code for the person to set a new password, and when it stops working. The old password
    and the person's browser sessions stop working now; a new reset replaces an unused one. The
    administrator hands the code over: they never see or choose the password."""
    _admin_only(actor, N_("only an administrator resets passwords"))
    if not 0 < hours <= 7 * 24:
        raise InvalidInput("a reset code lives more than 0 and at most 168 hours", field="hours")
    code = security.new_reset_code()
    with uow:
        user = _existing(uow, username)
        if not user.active:
            raise InvalidInput("%(user)s is deactivated: reactivate the account first", user=username)
        now = uow.clock()
        user.password_hash = security.UNUSABLE_PASSWORD
        user.reset_hash = security.hash_token(code)
        user.reset_expires_at = now + timedelta(hours=hours)
        uow.users.save(user)
        ended = uow.users.revoke_sessions(username, now)
        uow.audit.append(
            actor,
            "user.password_reset",
            f"user:{username}",
            {"expires_at": user.reset_expires_at.isoformat(), "sessions_ended": ended},
            now,
        )
        uow.commit()
    return code, user.reset_expires_at


def reset_code_user(code: str, uow: UnitOfWork) -> str:
    """The username a still-valid reset code is for (to greet the person), or InvalidInput."""
    if not code or len(code) > 200 or "\x00" in code:
        raise InvalidInput(INVALID_RESET, field="code")
    with uow:
        user = uow.users.user_by_reset(security.hash_token(code.strip()))
        now = uow.clock()
    if user is None or not user.active or user.reset_expires_at is None or user.reset_expires_at <= now:
        raise InvalidInput(INVALID_RESET, field="code")
    return user.username


def complete_password_reset(code: str, password: str, uow: UnitOfWork) -> Actor:
    """The person sets their new password with the code: once, before it expires, meeting the password
    policy (a refused password leaves the code usable). Their sessions end; audited as themselves."""
    username = reset_code_user(code, uow)
    if (problem := password_problem(password, username)) is not None:
        raise InvalidInput(problem, field="password")
    password_hash = security.hash_password(password)  # argon2 is slow: outside the transaction
    with uow:
        now = uow.clock()
        if not uow.users.consume_reset(security.hash_token(code.strip()), password_hash, now):
            raise InvalidInput(INVALID_RESET, field="code")  # used by a request that arrived first
        uow.users.revoke_sessions(username, now)
        person = _existing(uow, username).actor()
        uow.audit.append(person, "user.password_set", f"user:{username}", {"through": "reset code"}, now)
        uow.commit()
    return person


CredentialKind = Literal["token", "session"]


@dataclass(frozen=True, slots=True)
class Credential:
    """A token or session as an administrator sees it: never its secret nor its hash."""

    kind: CredentialKind
    public_id: str
    label: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None

    def state(self, now: datetime) -> Literal["open", "revoked", "expired"]:
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and self.expires_at <= now:
            return "expired"
        return "open"


def credentials(username: str, actor: Actor, uow: UnitOfWork) -> tuple[UserRecord, list[Credential]]:
    """A user and their API tokens and browser sessions, newest first."""
    _admin_only(actor, N_("only an administrator sees another person's sessions and tokens"))
    with uow:
        user = _existing(uow, username)
        found = [
            Credential(
                "token", t.public_id, t.label, t.created_at, t.last_used_at, t.expires_at, t.revoked_at
            )
            for t in uow.users.tokens_of(username)
        ] + [
            Credential("session", s.public_id, "", s.created_at, s.last_used_at, s.expires_at, s.revoked_at)
            for s in uow.users.sessions_of(username)
        ]
    user.password_hash = user.reset_hash = ""  # nothing secret leaves this function
    return user, found


def revoke_credential(
    username: str, kind: CredentialKind, public_id: str, actor: Actor, uow: UnitOfWork
) -> None:
    """An administrator revokes one token or ends one session of a user (a lost device, a leaked key)."""
    _admin_only(actor, N_("only an administrator revokes another person's sessions and tokens"))
    if kind not in ("token", "session"):
        raise InvalidInput("revoke a token or a session", field="kind")
    if not public_id or len(public_id) > 32 or not public_id.isalnum():
        raise NotFound(
            "no open token '%(id)s'" if kind == "token" else "no open session '%(id)s'", id=public_id
        )
    with uow:
        _existing(uow, username)
        now = uow.clock()
        if kind == "token":
            n = uow.users.revoke_tokens(username, now, public_id)
        else:
            n = uow.users.revoke_sessions(username, now, public_id=public_id)
        if n == 0:
            raise NotFound(
                "no open token '%(id)s' of %(user)s"
                if kind == "token"
                else "no open session '%(id)s' of %(user)s",
                id=public_id,
                user=username,
            )
        action = "token.revoke" if kind == "token" else "auth.session_ended"
        uow.audit.append(actor, action, f"user:{username}", {"id": public_id}, now)
        uow.commit()
    _actors.drop(username=username)
