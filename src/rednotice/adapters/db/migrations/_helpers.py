"""What several migrations share. A migration is history: change nothing here that a released migration
uses (it would rewrite what that migration did); add a new name instead.

Imported by the revisions in ``versions/`` (not a revision itself: Alembic reads only that folder).
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
"""A JSON column: JSONB on PostgreSQL, JSON (text) on SQLite. Used by 0001-0004, 0008, 0013, 0015, 0016."""

QUEUE_WAITING = (
    "(type = 'red_notice' AND state IN ('submitted', 'under_review')) "
    "OR (type = 'wanted_person_diffusion' AND state = 'unreviewed')"
)
"""Waiting for review (``lifecycle.AWAITING_REVIEW``) as ``tables.WAITING`` said it when 0020 was written: the
condition of the queue's partial indexes (0020, 0023). ``tests/store/test_migration_helpers.py`` holds it
equal to ``tables.WAITING``: if the states that wait change, the indexes need a new migration."""
QUEUE_WAITING_SQLITE = (
    "(+type = 'red_notice' AND +state IN ('submitted', 'under_review')) "
    "OR (+type = 'wanted_person_diffusion' AND +state = 'unreviewed')"
)
"""``tables.WAITING_SQLITE``: the unary ``+`` keeps SQLite from answering the OR by the states' index (SQLite
uses a partial index only for a query repeating its terms). Used by 0020, 0023."""
