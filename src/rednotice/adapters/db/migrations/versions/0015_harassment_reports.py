"""harassment_reports: one row per harassment report, linked to the notices it names (issue 14, item 5)

Reserved: no change to the schema yet.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05
"""

from __future__ import annotations

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
