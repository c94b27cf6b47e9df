"""Use cases for people: add users, sign in (with lock-out), API tokens."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from rednotice.adapters import security
from rednotice.adapters.countries import is_country
from rednotice.domain.errors import Forbidden, InvalidInput, NotFound, Unauthenticated
from rednotice.domain.users import (
    MAX_PASSWORD_LENGTH,
    Actor,
    Role,
    normalize_username,
    password_problem,
)
from rednotice.services.ports import SessionRecord, TokenRecord, UnitOfWork, UserRecord

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
        raise InvalidInput(f"a {cmd.role.value} is not bound to a country")
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
        raise InvalidInput(f"a token lives more than 0 and at most {MAX_TOKEN_DAYS} days", field="days")
    token = security.new_token()
    with uow:
        user = uow.users.get(username)
        if user is None or not user.active:
            raise NotFound(f"no active user {username!r}")
        now = uow.clock()
        expires = now + timedelta(days=days)
        uow.users.add_token(TokenRecord(security.hash_token(token), username, label, now, None, expires))
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
            SessionRecord(security.hash_token(secret), actor.username, now, now + timedelta(hours=hours))
        )
        uow.commit()
    return secret


def session_actor(secret: str, uow: UnitOfWork) -> Actor | None:
    """Who a session belongs to, or None when it is unknown, ended, expired, or the account disabled."""
    with uow:
        session = uow.users.get_session(security.hash_token(secret))
        if session is None or session.revoked_at is not None or session.expires_at <= uow.clock():
            return None
        user = uow.users.get(session.username)
    return user.actor() if user is not None and user.active else None


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
            raise NotFound(f"no user {username!r}")
        n = uow.users.revoke_sessions(username, uow.clock())
        uow.audit.append(actor, "auth.sessions_ended", f"user:{username}", {"sessions": n}, uow.clock())
        uow.commit()
    return n


def actor_for_token(token: str, uow: UnitOfWork) -> Actor:
    with uow:
        record = uow.users.get_token(security.hash_token(token))
        user = uow.users.get(record.username) if record else None
        if record is None or record.revoked_at is not None or user is None or not user.active:
            raise Unauthenticated("invalid or revoked token")
        if record.expires_at is not None and record.expires_at <= uow.clock():
            raise Unauthenticated("this token has expired: ask for a new one", expired=True)
        return user.actor()


def revoke_token(token: str, actor: Actor, uow: UnitOfWork) -> None:
    with uow:
        record = uow.users.get_token(security.hash_token(token))
        if record is None:
            raise NotFound("no such token")
        if actor.role not in (Role.ADMIN, Role.SYSTEM) and actor.username != record.username:
            raise Forbidden("you can revoke only your own tokens")
        record.revoked_at = uow.clock()
        uow.users.save_token(record)
        uow.audit.append(
            actor, "token.revoke", f"user:{record.username}", {"label": record.label}, uow.clock()
        )
        uow.commit()
