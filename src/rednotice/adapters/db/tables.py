"""The relational schema (SQLAlchemy Core). Alembic migrations create it; nothing else does."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    and_,
    literal_column,
    or_,
    text,
    true,
)
from sqlalchemy.dialects.postgresql import JSONB

from rednotice.domain.lifecycle import AWAITING_REVIEW, AWAITING_REVIEW_STATES

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores UTC without a zone (portable), always hands back an aware UTC datetime."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; use UTC")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


Json = JSON().with_variant(JSONB(), "postgresql")

notices = Table(
    "notices",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("type", String(32), nullable=False),
    Column("state", String(32), nullable=False),
    Column("version", Integer, nullable=False),
    Column("requesting_country", String(2), nullable=False),
    Column("family_name", String(500), nullable=False),
    Column("given_names", String(500), nullable=False),
    Column("search_names", Text, nullable=False),
    Column("sex", String(1), nullable=False),
    Column("date_of_birth", String(10)),
    Column("nationalities", String(400), nullable=False),
    Column("restricted_to", String(800)),
    Column("excluded_countries", String(800), nullable=False),
    Column("public_extract", Boolean, nullable=False),
    Column("payload", Json, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("created_by", String(120), nullable=False),
    Column("submitted_at", UTCDateTime),
    Column("published_at", UTCDateTime),
    Column("expires_at", UTCDateTime),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("verdict", String(20)),
    Column("risk", Integer, nullable=False, server_default="0"),
    Column("change_seq", Integer, nullable=False, server_default="0"),
    Column("birth_year", Integer),
    Column("identity_tokens", Text, nullable=False, server_default="|"),
    Column("related_ids", Text, nullable=False, server_default=","),
    Index("ix_notices_change_seq", "change_seq"),
    Index("ix_notices_state_birth_year", "state", "birth_year"),
    Index("ix_notices_state_type", "state", "type"),
    Index("ix_notices_queue", "state", "risk"),
    Index("ix_notices_requesting_country", "requesting_country"),
    Index("ix_notices_family_name", "family_name"),
    Index("ix_notices_expires_at", "expires_at"),
    Index("ix_notices_updated_at", "updated_at", "id"),
    # Lists that cost a page (issue 18, migration 0018): each list's filter and order has an index.
    Index("ix_notices_country_updated", "requesting_country", "updated_at", "id"),
    Index("ix_notices_state_updated", "state", "updated_at", "id"),
    Index("ix_notices_country_state_updated", "requesting_country", "state", "updated_at", "id"),  # 0021
    Index(
        "ix_notices_search_names_trgm",
        "search_names",
        postgresql_using="gin",
        postgresql_ops={"search_names": "gin_trgm_ops"},
    ),
)

PUBLIC_EXTRACT = and_(
    notices.c.type == literal_column("'red_notice'"),
    notices.c.state == literal_column("'published'"),
    notices.c.public_extract == true(),
)
"""A public extract (``policy.is_public``) written with literals, exactly as the partial index below says
it: SQLite uses a partial index only for a query repeating its terms, and never for bound parameters."""
Index(
    "ix_notices_public_order",
    notices.c.published_at,
    notices.c.id,
    postgresql_where=PUBLIC_EXTRACT,
    sqlite_where=PUBLIC_EXTRACT,
)


def _waiting(plus: str) -> Any:
    def col(name: str) -> Any:
        return literal_column(f"{plus}{name}")

    def lit(value: str) -> Any:
        return literal_column(f"'{value}'")

    terms = []
    for kind, states in AWAITING_REVIEW.items():
        ordered = [lit(s.value) for s in AWAITING_REVIEW_STATES if s in states]
        state = col("state") == ordered[0] if len(ordered) == 1 else col("state").in_(ordered)
        terms.append(and_(col("type") == lit(kind.value), state))
    return or_(*terms)


WAITING = _waiting("")
"""Waiting for review (``lifecycle.AWAITING_REVIEW``, by type), in literals as the queue's partial indexes
say it (migration 0020): the queue walks them in its order, riskiest then oldest, and stops at the page."""
WAITING_SQLITE = _waiting("+")
"""The same on SQLite, where the unary ``+`` keeps the planner from answering the OR by the states' index
(and sorting every waiting request) instead of the partial index: SQLite uses a partial index only for a
query repeating its terms, so the index says it the same way (migration 0020)."""


def waiting(dialect: str) -> Any:
    """The queue's condition as ``dialect``'s partial indexes say it."""
    return WAITING_SQLITE if dialect == "sqlite" else WAITING


QUEUE_ORDER = (notices.c.risk.desc(), notices.c.submitted_at, notices.c.id)
Index("ix_notices_queue_waiting", *QUEUE_ORDER, postgresql_where=WAITING, sqlite_where=WAITING_SQLITE)
Index(
    "ix_notices_queue_country",
    notices.c.requesting_country,
    *QUEUE_ORDER,
    postgresql_where=WAITING,
    sqlite_where=WAITING_SQLITE,
)
QUEUE_NAMES = "ix_notices_queue_names"
"""The waiting requests' names (0023): on SQLite the queue's count by name reads this index alone."""
Index(
    QUEUE_NAMES,
    notices.c.search_names,
    notices.c.type,
    notices.c.state,
    postgresql_where=WAITING,
    sqlite_where=WAITING_SQLITE,
)

notice_keys = Table(
    "notice_keys",
    metadata,
    Column("notice_id", String(32), primary_key=True),
    Column("kind", String(3), primary_key=True),
    Column("key", String(120), primary_key=True),
    Column("birth_year", Integer),
    # A nationality's publication time when the notice is a public extract (0024), else NULL: the public
    # list by nationality counts its public notices from the partial index below, in list order.
    Column("public_at", UTCDateTime),
    Index("ix_notice_keys_lookup", "kind", "key", "birth_year", "notice_id"),
    Index(
        "ix_notice_keys_public",
        "kind",
        "key",
        "public_at",
        "notice_id",
        postgresql_where=text("public_at IS NOT NULL"),
        sqlite_where=text("public_at IS NOT NULL"),
    ),
)
"""Indexed forms of the notice's list-valued columns, kept in step on every write (store.py
``_write_keys``): ``nat`` a nationality, ``tok`` an identity token (compliance history, similar
decisions), ``rel`` a related notice's id (RN-18); ``sec`` an ICCS section of the charges in the notice's
latest compliance check (the review queue's filter, written with each check, migration 0020). They
replace ``LIKE '%,RU,%'`` scans of the table with index lookups; ``birth_year`` is the notice's, so
identity lookups narrow by year in the index."""

notice_transitions = Table(
    "notice_transitions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("notice_id", String(32), ForeignKey("notices.id"), nullable=False, index=True),
    Column("action", String(40), nullable=False),
    Column("from_state", String(32), nullable=False),
    Column("to_state", String(32), nullable=False),
    Column("actor", String(120), nullable=False),
    Column("actor_role", String(32), nullable=False),
    Column("actor_country", String(2)),
    Column("at", UTCDateTime, nullable=False),
    Column("reasons", Text, nullable=False),
)

id_counters = Table(
    "id_counters",
    metadata,
    Column("year", Integer, primary_key=True),
    Column("last", Integer, nullable=False),
)

users = Table(
    "users",
    metadata,
    Column("username", String(120), primary_key=True),
    Column("role", String(32), nullable=False),
    Column("country", String(2)),
    Column("password_hash", String(300), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("failed_logins", Integer, nullable=False),
    Column("locked_until", UTCDateTime),
    Column("reset_hash", String(64), index=True, unique=True),  # a one-time reset code's hash (0017)
    Column("reset_expires_at", UTCDateTime),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("username", String(120), ForeignKey("users.username"), nullable=False, index=True),
    Column("label", String(200), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("revoked_at", UTCDateTime),
    Column("expires_at", UTCDateTime),
    Column("public_id", String(32), nullable=False, index=True, unique=True),  # shown to admins (0017)
    Column("last_used_at", UTCDateTime),
)

sessions = Table(
    "sessions",
    metadata,
    Column("session_hash", String(64), primary_key=True),
    Column("username", String(120), ForeignKey("users.username"), nullable=False, index=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
    Column("revoked_at", UTCDateTime),
    Column("public_id", String(32), nullable=False, index=True, unique=True),  # shown to admins (0017)
    Column("last_used_at", UTCDateTime),
)

audit_events = Table(
    "audit_events",
    metadata,
    # (seq, at): on PostgreSQL the table is partitioned by month of ``at`` (0019), whose key must hold it
    Column("seq", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False),
    Column("at", UTCDateTime, nullable=False, primary_key=True),
    Column("actor", String(200), nullable=False),
    Column("action", String(100), nullable=False, index=True),
    Column("subject", String(200), nullable=False, index=True),
    Column("data", Json, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

audit_head = Table(
    "audit_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", BigInteger().with_variant(Integer, "sqlite"), nullable=False),
    Column("hash", String(64), nullable=False),
)

compliance_checks = Table(
    "compliance_checks",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("notice_id", String(32), ForeignKey("notices.id"), nullable=False, index=True),
    Column("notice_version", Integer, nullable=False),
    Column("checked_at", UTCDateTime, nullable=False),
    Column("verdict", String(20), nullable=False),
    Column("risk", Integer, nullable=False),
    Column("result", Json, nullable=False),
)

review_records = Table(
    "review_records",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("notice_id", String(32), ForeignKey("notices.id"), nullable=False, index=True),
    Column("kind", String(40), nullable=False),
    Column("code", String(10)),
    Column("actor", String(120), nullable=False),
    Column("actor_role", String(32), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("text", Text, nullable=False),
    Column("data", Json, nullable=False),
    Index("ix_review_records_kind", "kind"),
)

political_events = Table(
    "political_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("country", String(2), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("on", Date, nullable=False),
    Column("description", Text, nullable=False),
    Column("recorded_by", String(120), nullable=False),
    Column("recorded_at", UTCDateTime, nullable=False),
    Index("ix_political_events_country_on", "country", "on"),
)

# Capability tables live in their own modules, on the same metadata (imported last: they import this one).
from rednotice.adapters.db import (  # noqa: E402, F401
    tables_after_hit,
    tables_figures,
    tables_public,
    tables_redress,
    tables_screening,
)
