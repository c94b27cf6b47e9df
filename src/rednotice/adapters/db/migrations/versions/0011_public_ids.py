"""random public ids for harassment reports (issue 14, item 5: sequential ids counted notices)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("harassment_reports", sa.Column("public_id", sa.String(40), nullable=True))
    op.create_index(
        op.f("ix_harassment_reports_public_id"), "harassment_reports", ["public_id"], unique=False
    )
    conn = op.get_bind()
    reports = sa.table("harassment_reports", sa.column("id", sa.Integer), sa.column("public_id", sa.String))
    for (row_id,) in conn.execute(sa.select(reports.c.id)).all():
        conn.execute(
            reports.update().where(reports.c.id == row_id).values(public_id=f"hr_{secrets.token_urlsafe(16)}")
        )


def downgrade() -> None:
    op.drop_index(op.f("ix_harassment_reports_public_id"), table_name="harassment_reports")
    op.drop_column("harassment_reports", "public_id")
