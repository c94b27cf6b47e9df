"""an index for listing notices newest first

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_notices_updated_at", "notices", ["updated_at", "id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_notices_updated_at", table_name="notices")
