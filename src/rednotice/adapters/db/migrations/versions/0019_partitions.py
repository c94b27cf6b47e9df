"""partitions: audit events and screening runs partitioned by month on PostgreSQL (issue 18, item 5)

PostgreSQL: ``audit_events`` (by ``at``), ``screenings`` (by ``created_at``) and ``screening_results``
(by its run's ``created_at``, a new column) become range-partitioned tables with a partition per month
and a default partition (``adapters/db/audit_partitions.py``; decision 0013). A partitioned table's
primary key must hold the partition key: ``audit_events`` (seq, at), ``screenings`` (id, created_at),
``screening_results`` (screening_id, seq, created_at), whose foreign key becomes (screening_id,
created_at) → screenings (id, created_at). ``screening_hits`` keeps its own key (the after-hit tables
refer to it) and loses its foreign key to ``screenings``: no column of it could name a run's partition
key, and a hit someone acted on outlives the retention of its month's runs (the run is kept with it).
The audit sequence becomes ``bigint`` (20 million searches a day pass 2^31 events in about 100 days).
Months are created from the oldest stored row's to three months ahead; the rows are kept.

SQLite: not partitioned; the same keys, columns and foreign keys (the tables are rebuilt with their rows).

Downgrade: back to the tables of 0018 with every row (fails if a partitioned key now repeats, which
only a corrupted chain could make).

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _audit(md: sa.MetaData, new: bool, **kw: Any) -> sa.Table:
    return sa.Table(
        "audit_events",
        md,
        sa.Column("seq", SEQ if new else sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("at", sa.DateTime(), nullable=False, primary_key=new),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(100), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("data", JSON, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Index("ix_audit_events_action", "action"),
        sa.Index("ix_audit_events_subject", "subject"),
        **kw,
    )


def _screenings(md: sa.MetaData, new: bool, **kw: Any) -> sa.Table:
    return sa.Table(
        "screenings",
        md,
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("actor", sa.String(120), nullable=False),
        sa.Column("actor_role", sa.String(32), nullable=False),
        sa.Column("actor_country", sa.String(2)),
        sa.Column("viewer_country", sa.String(2)),
        sa.Column("source", sa.String(40), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.Column("input_errors", JSON, nullable=False),
        sa.Column("error", sa.Text()),
        sa.Column("queries", JSON),
        sa.Column("created_at", sa.DateTime(), nullable=False, primary_key=new),
        sa.Column("started_at", sa.DateTime()),
        sa.Column("finished_at", sa.DateTime()),
        sa.Column("worker", sa.String(120)),
        sa.Column("input_warnings", JSON),
        sa.Index("ix_screenings_status", "status", "created_at"),
        **kw,
    )


def _results(md: sa.MetaData, new: bool, **kw: Any) -> sa.Table:
    if not new:
        return sa.Table(
            "screening_results",
            md,
            sa.Column("screening_id", sa.String(36), sa.ForeignKey("screenings.id"), primary_key=True),
            sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=False),
            sa.Column("line", JSON, nullable=False),
        )
    return sa.Table(
        "screening_results",
        md,
        sa.Column("screening_id", sa.String(36), primary_key=True),
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("line", JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(), primary_key=True),
        sa.ForeignKeyConstraint(["screening_id", "created_at"], ["screenings.id", "screenings.created_at"]),
        **kw,
    )


def _hits(md: sa.MetaData, new: bool) -> sa.Table:
    """SQLite only (PostgreSQL drops or adds the one foreign key in place)."""
    run = [sa.String(36)] if new else [sa.String(36), sa.ForeignKey("screenings.id")]
    return sa.Table(
        "screening_hits",
        md,
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("screening_id", *run, nullable=False),
        sa.Column("query_id", sa.String(200), nullable=False),
        sa.Column("query", JSON, nullable=False),
        sa.Column("notice_id", sa.String(32), sa.ForeignKey("notices.id"), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reasons", JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("outcome", sa.String(40)),
        sa.Column("outcome_by", sa.String(120)),
        sa.Column("outcome_at", sa.DateTime()),
        sa.Column("outcome_notes", sa.Text()),
        sa.Index("ix_screening_hits_notice_id", "notice_id"),
        sa.Index("ix_screening_hits_screening_id", "screening_id"),
    )


RESULTS_WITH_RUN_TIME = (
    "SELECT r.screening_id, r.seq, r.line, s.created_at FROM screening_results r "
    "JOIN screenings s ON s.id = r.screening_id"
)


def upgrade() -> None:
    _rebuild(new=True)


def downgrade() -> None:
    _rebuild(new=False)


def _rebuild(new: bool) -> None:
    conn = op.get_bind()
    postgres = conn.dialect.name == "postgresql"
    if not postgres:
        # the tables are dropped and made again in this transaction: foreign keys are checked at commit
        conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    results_rows = RESULTS_WITH_RUN_TIME if new else "SELECT screening_id, seq, line FROM screening_results"
    keep = {
        "audit_events": "SELECT * FROM audit_events",
        "screenings": "SELECT * FROM screenings",
        "screening_results": results_rows,
    }
    if not postgres:
        keep["screening_hits"] = "SELECT * FROM screening_hits"
    for name, query in keep.items():
        conn.exec_driver_sql(f"CREATE TEMP TABLE keep_{name} AS {query}")
    if postgres and new:
        op.drop_constraint("fk_screening_hits_screening_id_screenings", "screening_hits", type_="foreignkey")
    for name in ("screening_hits", "screening_results", "screenings", "audit_events"):
        if name in keep:
            conn.exec_driver_sql(f"DROP TABLE {name}")

    md = sa.MetaData(naming_convention=CONVENTION)
    kw: dict[str, Any] = {}
    if postgres and new:
        kw = {"postgresql_partition_by": "RANGE (at)"}
    tables = [_audit(md, new, **kw)]
    if postgres and new:
        kw = {"postgresql_partition_by": "RANGE (created_at)"}
    tables += [_screenings(md, new, **kw), _results(md, new, **kw)]
    if not postgres:
        sa.Table("notices", md, sa.Column("id", sa.String(32), primary_key=True))  # for the hits' key
        tables.append(_hits(md, new))
    for table in tables:
        table.create(conn)
    if postgres and new:
        _partitions(conn)
    for table in tables:
        cols = ", ".join(f'"{c.name}"' for c in table.columns)
        conn.exec_driver_sql(f"INSERT INTO {table.name} ({cols}) SELECT {cols} FROM keep_{table.name}")  # noqa: S608
        conn.exec_driver_sql(f"DROP TABLE keep_{table.name}")
    if postgres:
        if new:
            op.alter_column("audit_head", "seq", type_=sa.BigInteger(), existing_nullable=False)
        else:
            op.alter_column("audit_head", "seq", type_=sa.Integer(), existing_nullable=False)
            op.create_foreign_key(
                "fk_screening_hits_screening_id_screenings",
                "screening_hits",
                "screenings",
                ["screening_id"],
                ["id"],
            )


def _partitions(conn: sa.Connection) -> None:
    """A default partition per table, and months from the oldest kept row's to three months ahead."""
    from rednotice.adapters.db import audit_partitions as parts

    oldest = [
        conn.exec_driver_sql(f"SELECT min({col}) FROM keep_{table}").scalar()  # noqa: S608
        for table, col in parts.PARTITIONED.items()
    ]
    known = [o for o in oldest if o is not None]
    now = datetime.now(UTC)
    for table in parts.PARTITIONED:
        parts.create_default(conn, table)
    parts.ensure(conn, now, since=parts.month_of(min(known)) if known else None)
