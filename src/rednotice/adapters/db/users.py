"""People, API tokens and browser sessions on SQLAlchemy Core.

Failed sign-ins are counted by the database (``failed_logins = failed_logins + 1``), never read, added
to and written back: parallel attempts cannot overwrite each other's count (issue 14, item 8).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from rednotice.adapters.db import tables as t
from rednotice.domain.errors import Conflict
from rednotice.domain.users import Role
from rednotice.services.ports import SessionRecord, TokenRecord, UserRecord


def utcnow() -> datetime:
    return datetime.now(UTC)


class SqlUserRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    @staticmethod
    def _user(row: Any) -> UserRecord:
        return UserRecord(
            username=row.username,
            role=Role(row.role),
            country=row.country,
            password_hash=row.password_hash,
            active=row.active,
            created_at=row.created_at,
            failed_logins=row.failed_logins,
            locked_until=row.locked_until,
            reset_hash=row.reset_hash,
            reset_expires_at=row.reset_expires_at,
        )

    @staticmethod
    def _token(row: Any) -> TokenRecord:
        return TokenRecord(
            row.token_hash,
            row.username,
            row.label,
            row.created_at,
            row.revoked_at,
            row.expires_at,
            row.public_id,
            row.last_used_at,
        )

    @staticmethod
    def _session(row: Any) -> SessionRecord:
        return SessionRecord(
            row.session_hash,
            row.username,
            row.created_at,
            row.expires_at,
            row.revoked_at,
            row.public_id,
            row.last_used_at,
        )

    def get(self, username: str) -> UserRecord | None:
        row = self.conn.execute(select(t.users).where(t.users.c.username == username)).first()
        return None if row is None else self._user(row)

    def all(self) -> list[UserRecord]:
        return [self._user(r) for r in self.conn.execute(select(t.users).order_by(t.users.c.username))]

    def add(self, user: UserRecord) -> None:
        try:
            with self.conn.begin_nested():
                self.conn.execute(
                    insert(t.users).values(
                        username=user.username,
                        role=user.role.value,
                        country=user.country,
                        password_hash=user.password_hash,
                        active=user.active,
                        created_at=user.created_at or utcnow(),
                        failed_logins=user.failed_logins,
                        locked_until=user.locked_until,
                        reset_hash=user.reset_hash,
                        reset_expires_at=user.reset_expires_at,
                    )
                )
        except IntegrityError as exc:
            raise Conflict("user '%(user)s' already exists", user=user.username) from exc

    def save(self, user: UserRecord) -> None:
        self.conn.execute(
            update(t.users)
            .where(t.users.c.username == user.username)
            .values(
                role=user.role.value,
                country=user.country,
                password_hash=user.password_hash,
                active=user.active,
                failed_logins=user.failed_logins,
                locked_until=user.locked_until,
                reset_hash=user.reset_hash,
                reset_expires_at=user.reset_expires_at,
            )
        )

    def count_attempt(self, username: str, now: datetime) -> int | None:
        """Count a sign-in attempt before its password is checked, in one statement; the new count, or
        None when there is no such user or the account is locked."""
        u = t.users.c
        row = self.conn.execute(
            update(t.users)
            .where(u.username == username, or_(u.locked_until.is_(None), u.locked_until <= now))
            .values(failed_logins=u.failed_logins + 1)
            .returning(u.failed_logins)
        ).first()
        return None if row is None else int(row[0])

    def lock(self, username: str, until: datetime) -> None:
        self.conn.execute(
            update(t.users).where(t.users.c.username == username).values(locked_until=until, failed_logins=0)
        )

    def clear_failures(self, username: str) -> None:
        self.conn.execute(
            update(t.users).where(t.users.c.username == username).values(locked_until=None, failed_logins=0)
        )

    def add_token(self, token: TokenRecord) -> None:
        self.conn.execute(
            insert(t.api_tokens).values(
                token_hash=token.token_hash,
                username=token.username,
                label=token.label,
                created_at=token.created_at,
                revoked_at=token.revoked_at,
                expires_at=token.expires_at,
                public_id=token.public_id or token.token_hash[:16],
                last_used_at=token.last_used_at,
            )
        )

    def get_token(self, token_hash: str) -> TokenRecord | None:
        row = self.conn.execute(select(t.api_tokens).where(t.api_tokens.c.token_hash == token_hash)).first()
        return None if row is None else self._token(row)

    def save_token(self, token: TokenRecord) -> None:
        self.conn.execute(
            update(t.api_tokens)
            .where(t.api_tokens.c.token_hash == token.token_hash)
            .values(revoked_at=token.revoked_at, label=token.label)
        )

    def add_session(self, session: SessionRecord) -> None:
        self.conn.execute(
            insert(t.sessions).values(
                session_hash=session.session_hash,
                username=session.username,
                created_at=session.created_at,
                expires_at=session.expires_at,
                revoked_at=session.revoked_at,
                public_id=session.public_id or session.session_hash[:16],
                last_used_at=session.last_used_at,
            )
        )

    def get_session(self, session_hash: str) -> SessionRecord | None:
        row = self.conn.execute(select(t.sessions).where(t.sessions.c.session_hash == session_hash)).first()
        return None if row is None else self._session(row)

    def revoke_sessions(
        self, username: str, at: datetime, session_hash: str | None = None, public_id: str | None = None
    ) -> int:
        query = (
            update(t.sessions)
            .where(
                t.sessions.c.username == username,
                t.sessions.c.revoked_at.is_(None),
                t.sessions.c.expires_at > at,
            )
            .values(revoked_at=at)
        )
        if session_hash is not None:
            query = query.where(t.sessions.c.session_hash == session_hash)
        if public_id is not None:
            query = query.where(t.sessions.c.public_id == public_id)
        return int(self.conn.execute(query).rowcount or 0)

    def revoke_tokens(self, username: str, at: datetime, public_id: str | None = None) -> int:
        c = t.api_tokens.c
        query = (
            update(t.api_tokens).where(c.username == username, c.revoked_at.is_(None)).values(revoked_at=at)
        )
        if public_id is not None:
            query = query.where(c.public_id == public_id)
        return int(self.conn.execute(query).rowcount or 0)

    def tokens_of(self, username: str) -> list[TokenRecord]:
        c = t.api_tokens.c
        rows = self.conn.execute(
            select(t.api_tokens).where(c.username == username).order_by(c.created_at.desc())
        )
        return [self._token(r) for r in rows]

    def sessions_of(self, username: str) -> list[SessionRecord]:
        c = t.sessions.c
        rows = self.conn.execute(
            select(t.sessions).where(c.username == username).order_by(c.created_at.desc())
        )
        return [self._session(r) for r in rows]

    def token_user(self, token_hash: str) -> tuple[TokenRecord, UserRecord] | None:
        """One indexed join instead of two queries: this runs on every API request not in the cache."""
        tok, usr = t.api_tokens, t.users
        row = self.conn.execute(
            select(
                *tok.c,
                usr.c.role,
                usr.c.country,
                usr.c.active,
                usr.c.created_at.label("user_created_at"),
            )
            .join(usr, usr.c.username == tok.c.username)
            .where(tok.c.token_hash == token_hash)
        ).first()
        if row is None:
            return None
        user = UserRecord(
            row.username, Role(row.role), row.country, "", active=row.active, created_at=row.user_created_at
        )
        return self._token(row), user

    def touch(self, token_hash: str | None, session_hash: str | None, at: datetime) -> None:
        if token_hash is not None:
            c = t.api_tokens.c
            self.conn.execute(update(t.api_tokens).where(c.token_hash == token_hash).values(last_used_at=at))
        if session_hash is not None:
            c = t.sessions.c
            self.conn.execute(
                update(t.sessions).where(c.session_hash == session_hash).values(last_used_at=at)
            )

    def user_by_reset(self, reset_hash: str) -> UserRecord | None:
        row = self.conn.execute(select(t.users).where(t.users.c.reset_hash == reset_hash)).first()
        return None if row is None else self._user(row)

    def consume_reset(self, reset_hash: str, password_hash: str, at: datetime) -> bool:
        u = t.users.c
        done = self.conn.execute(
            update(t.users)
            .where(u.reset_hash == reset_hash, u.reset_expires_at > at)
            .values(
                password_hash=password_hash,
                reset_hash=None,
                reset_expires_at=None,
                failed_logins=0,
                locked_until=None,
            )
        )
        return bool(done.rowcount)
