"""compliance checks, review records, risk on notices

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from rednotice.adapters.db.migrations._helpers import JSON

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("notices") as batch:
        batch.add_column(sa.Column("verdict", sa.String(length=20), nullable=True))
        batch.add_column(sa.Column("risk", sa.Integer(), nullable=False, server_default="0"))
        batch.create_index("ix_notices_queue", ["state", "risk"], unique=False)
    op.create_table(
        "compliance_checks",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("notice_id", sa.String(length=32), nullable=False),
        sa.Column("notice_version", sa.Integer(), nullable=False),
        sa.Column("checked_at", sa.DateTime(), nullable=False),
        sa.Column("verdict", sa.String(length=20), nullable=False),
        sa.Column("risk", sa.Integer(), nullable=False),
        sa.Column("result", JSON, nullable=False),
        sa.ForeignKeyConstraint(
            ["notice_id"], ["notices.id"], name=op.f("fk_compliance_checks_notice_id_notices")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_compliance_checks")),
    )
    op.create_index(op.f("ix_compliance_checks_notice_id"), "compliance_checks", ["notice_id"], unique=False)
    op.create_table(
        "review_records",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("notice_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("code", sa.String(length=10), nullable=True),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("actor_role", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("data", JSON, nullable=False),
        sa.ForeignKeyConstraint(
            ["notice_id"], ["notices.id"], name=op.f("fk_review_records_notice_id_notices")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_records")),
    )
    op.create_index(op.f("ix_review_records_notice_id"), "review_records", ["notice_id"], unique=False)
    op.create_index("ix_review_records_kind", "review_records", ["kind"], unique=False)


def downgrade() -> None:
    op.drop_table("review_records")
    op.drop_table("compliance_checks")
    with op.batch_alter_table("notices") as batch:
        batch.drop_index("ix_notices_queue")
        batch.drop_column("risk")
        batch.drop_column("verdict")
