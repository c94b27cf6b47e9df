"""Tables for screening: runs (and background jobs), their result lines, and hits kept for follow-up.

On PostgreSQL ``screenings`` and ``screening_results`` are partitioned by month of the run's
``created_at`` (migration 0019, ``audit_partitions.py``): their keys hold it. ``screening_hits`` is not
partitioned (the after-hit tables refer to a hit by its id) and has no foreign key to its run: a key
to a partitioned table must name the partition key, and a hit someone acted on keeps its run beyond
the retention of search records (decision 0013)."""

from __future__ import annotations

from sqlalchemy import Column, Float, ForeignKey, ForeignKeyConstraint, Index, Integer, String, Table, Text

from rednotice.adapters.db.tables import Json, UTCDateTime, metadata

screenings = Table(
    "screenings",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("actor", String(120), nullable=False),
    Column("actor_role", String(32), nullable=False),
    Column("actor_country", String(2)),
    Column("viewer_country", String(2)),
    Column("source", String(40), nullable=False),
    Column("status", String(20), nullable=False),
    Column("total", Integer, nullable=False),
    Column("done", Integer, nullable=False),
    Column("hits", Integer, nullable=False),
    Column("input_errors", Json, nullable=False),
    Column("input_warnings", Json),  # doubts about what was read (0016); NULL: none
    Column("error", Text),
    Column("queries", Json),
    Column("created_at", UTCDateTime, nullable=False, primary_key=True),
    Column("started_at", UTCDateTime),
    Column("finished_at", UTCDateTime),
    Column("worker", String(120)),
    Index("ix_screenings_status", "status", "created_at"),
)

screening_results = Table(
    "screening_results",
    metadata,
    Column("screening_id", String(36), primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("line", Json, nullable=False),
    Column("created_at", UTCDateTime, primary_key=True),  # the run's (0019): the partition key
    ForeignKeyConstraint(["screening_id", "created_at"], ["screenings.id", "screenings.created_at"]),
)

screening_hits = Table(
    "screening_hits",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("screening_id", String(36), nullable=False, index=True),
    Column("query_id", String(200), nullable=False),
    Column("query", Json, nullable=False),
    Column("notice_id", String(32), ForeignKey("notices.id"), nullable=False, index=True),
    Column("score", Float, nullable=False),
    Column("reasons", Json, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("outcome", String(40)),
    Column("outcome_by", String(120)),
    Column("outcome_at", UTCDateTime),
    Column("outcome_notes", Text),
)
