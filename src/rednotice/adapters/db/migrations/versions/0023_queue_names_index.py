"""queue_names_index: the review queue by name counts from a small index (issue 18, item 2)

``ix_notices_queue_names`` (search_names, type, state), partial: only the waiting requests (5% of the
store). On SQLite the queue's bounded count by name (``LIKE '%ivanov%'``) reads it alone, as a covering
index (35,141 entries at 700,000 notices: 6 ms), instead of walking the queue's index and reading every
waiting request's row (130 ms). SQLite does not choose it by itself (it holds the same rows as the queue's
other partial indexes), so the count names it (``INDEXED BY``, ``SqlReviewRepository.queue_page``). On
PostgreSQL the same index is small (index-only scans count the queue by name from it, 2 ms).

PostgreSQL also keeps ten times the statistics for ``notices.search_names`` (``SET STATISTICS 1000``):
with the default 100 the planner's estimate of ``LIKE '%ivanov%'`` went from 63,653 rows to 70 between two
``ANALYZE`` runs of the same 700,000 notices (it matches 34,954), and with 70 it read every match through
the trigram index and sorted them for a page of 20 (115-130 ms) instead of walking the list's order
index; with 1,000 the estimate was 34,470 and a rare name still 70.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from rednotice.adapters.db.migrations._helpers import QUEUE_WAITING, QUEUE_WAITING_SQLITE

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

WAITING = QUEUE_WAITING
"""As ``tables.WAITING`` renders it (0020)."""
WAITING_SQLITE = QUEUE_WAITING_SQLITE
"""As ``tables.WAITING_SQLITE`` renders it (0020)."""


def upgrade() -> None:
    conn = op.get_bind()
    where = sa.text(WAITING if conn.dialect.name == "postgresql" else WAITING_SQLITE)
    op.create_index(
        "ix_notices_queue_names",
        "notices",
        ["search_names", "type", "state"],
        postgresql_where=where,
        sqlite_where=where,
    )
    if conn.dialect.name == "postgresql":
        op.execute("ALTER TABLE notices ALTER COLUMN search_names SET STATISTICS 1000")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE notices ALTER COLUMN search_names SET STATISTICS -1")
    op.drop_index("ix_notices_queue_names", table_name="notices")
