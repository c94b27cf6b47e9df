"""What several migrations share. A migration is history: change nothing here that a released migration
uses (it would rewrite what that migration did); add a new name instead.

Imported by the revisions in ``versions/`` (not a revision itself: Alembic reads only that folder).
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
"""A JSON column: JSONB on PostgreSQL, JSON (text) on SQLite. Used by 0001-0004, 0008, 0013, 0015, 0016."""
