"""identity tokens and birth year on notices, for fast identity candidates

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("notices") as batch:
        batch.add_column(sa.Column("birth_year", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("identity_tokens", sa.Text(), nullable=False, server_default="|"))
        batch.create_index("ix_notices_state_birth_year", ["state", "birth_year"], unique=False)
    _backfill()


def _backfill() -> None:
    """Compute the new columns for notices already stored (uses the code of this release)."""
    from rednotice.adapters.db.store import identity_tokens
    from rednotice.adapters.formats.request_json import parse_request

    conn = op.get_bind()
    notices = sa.table(
        "notices",
        sa.column("id", sa.String),
        sa.column("payload", sa.JSON),
        sa.column("birth_year", sa.Integer),
        sa.column("identity_tokens", sa.Text),
    )
    rows = conn.execute(sa.select(notices.c.id, notices.c.payload)).all()
    for notice_id, payload in rows:
        subject = parse_request(payload).subject
        conn.execute(
            notices.update()
            .where(notices.c.id == notice_id)
            .values(
                birth_year=subject.date_of_birth.year if subject.date_of_birth else None,
                identity_tokens=identity_tokens(subject),
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("notices") as batch:
        batch.drop_index("ix_notices_state_birth_year")
        batch.drop_column("identity_tokens")
        batch.drop_column("birth_year")
