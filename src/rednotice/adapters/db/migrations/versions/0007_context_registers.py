"""context registers: political events (RN-15) and the notices a request names as relations (RN-18)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "political_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=120), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_political_events")),
    )
    op.create_index("ix_political_events_country_on", "political_events", ["country", "on"], unique=False)
    with op.batch_alter_table("notices") as batch:
        batch.add_column(sa.Column("related_ids", sa.Text(), nullable=False, server_default=","))
    _backfill()


def _backfill() -> None:
    """Fill the relations column for notices already stored (uses the code of this release)."""
    from rednotice.adapters.formats.request_json import parse_request

    conn = op.get_bind()
    notices = sa.table(
        "notices",
        sa.column("id", sa.String),
        sa.column("payload", sa.JSON),
        sa.column("related_ids", sa.Text),
    )
    for notice_id, payload in conn.execute(sa.select(notices.c.id, notices.c.payload)).all():
        relations = parse_request(payload).subject.relations
        if relations:
            ids = "," + ",".join(r.notice_id for r in relations) + ","
            conn.execute(notices.update().where(notices.c.id == notice_id).values(related_ids=ids))


def downgrade() -> None:
    with op.batch_alter_table("notices") as batch:
        batch.drop_column("related_ids")
    op.drop_index("ix_political_events_country_on", table_name="political_events")
    op.drop_table("political_events")
