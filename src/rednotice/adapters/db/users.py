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
                    )
                )
        except IntegrityError as exc:
            raise Conflict(f"user {user.username!r} already exists") from exc

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
            )
        )

    def get_token(self, token_hash: str) -> TokenRecord | None:
        row = self.conn.execute(select(t.api_tokens).where(t.api_tokens.c.token_hash == token_hash)).first()
        if row is None:
            return None
        return TokenRecord(
            row.token_hash, row.username, row.label, row.created_at, row.revoked_at, row.expires_at
        )

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
            )
        )

    def get_session(self, session_hash: str) -> SessionRecord | None:
        row = self.conn.execute(select(t.sessions).where(t.sessions.c.session_hash == session_hash)).first()
        if row is None:
            return None
        return SessionRecord(row.session_hash, row.username, row.created_at, row.expires_at, row.revoked_at)

    def revoke_sessions(self, username: str, at: datetime, session_hash: str | None = None) -> int:
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
        return int(self.conn.execute(query).rowcount or 0)
