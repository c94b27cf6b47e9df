"""list_indexes: indexes for lists and searches that cost a page, not the table (issue 18)

Reserved: no change to the schema yet.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05
"""

from __future__ import annotations

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
