"""API tokens expire (issue 14, item 13: bearer tokens never expired)

Tokens issued before this revision expire 90 days after the upgrade, so that none lives for ever.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("api_tokens", sa.Column("expires_at", sa.DateTime(), nullable=True))
    grace = (datetime.now(UTC) + timedelta(days=90)).replace(tzinfo=None)
    op.execute(
        sa.text("UPDATE api_tokens SET expires_at = :at WHERE expires_at IS NULL").bindparams(at=grace)
    )


def downgrade() -> None:
    with op.batch_alter_table("api_tokens") as batch:
        batch.drop_column("expires_at")
