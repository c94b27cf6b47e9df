"""screening runs, results, hits; the notices' change sequence

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from rednotice.adapters.db.migrations._helpers import JSON

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("notices") as batch:
        batch.add_column(sa.Column("change_seq", sa.Integer(), nullable=False, server_default="0"))
        batch.create_index("ix_notices_change_seq", ["change_seq"], unique=False)
    op.create_table(
        "screenings",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("actor_role", sa.String(length=32), nullable=False),
        sa.Column("actor_country", sa.String(length=2), nullable=True),
        sa.Column("viewer_country", sa.String(length=2), nullable=True),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.Column("input_errors", JSON, nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("queries", JSON, nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("worker", sa.String(length=120), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screenings")),
    )
    op.create_index("ix_screenings_status", "screenings", ["status", "created_at"], unique=False)
    op.create_table(
        "screening_results",
        sa.Column("screening_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("line", JSON, nullable=False),
        sa.ForeignKeyConstraint(
            ["screening_id"], ["screenings.id"], name=op.f("fk_screening_results_screening_id_screenings")
        ),
        sa.PrimaryKeyConstraint("screening_id", "seq", name=op.f("pk_screening_results")),
    )
    op.create_table(
        "screening_hits",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("screening_id", sa.String(length=36), nullable=False),
        sa.Column("query_id", sa.String(length=200), nullable=False),
        sa.Column("query", JSON, nullable=False),
        sa.Column("notice_id", sa.String(length=32), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reasons", JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("outcome", sa.String(length=40), nullable=True),
        sa.Column("outcome_by", sa.String(length=120), nullable=True),
        sa.Column("outcome_at", sa.DateTime(), nullable=True),
        sa.Column("outcome_notes", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["notice_id"], ["notices.id"], name=op.f("fk_screening_hits_notice_id_notices")
        ),
        sa.ForeignKeyConstraint(
            ["screening_id"], ["screenings.id"], name=op.f("fk_screening_hits_screening_id_screenings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screening_hits")),
    )
    op.create_index(op.f("ix_screening_hits_notice_id"), "screening_hits", ["notice_id"], unique=False)
    op.create_index(op.f("ix_screening_hits_screening_id"), "screening_hits", ["screening_id"], unique=False)


def downgrade() -> None:
    op.drop_table("screening_hits")
    op.drop_table("screening_results")
    op.drop_table("screenings")
    with op.batch_alter_table("notices") as batch:
        batch.drop_index("ix_notices_change_seq")
        batch.drop_column("change_seq")
