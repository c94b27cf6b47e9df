"""after hit: hit follow-ups (location, safeguards, RN-23 sweep), extradition requests and refusals,
notice addenda

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from rednotice.adapters.db.migrations._helpers import JSON

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hit_follow_ups",
        sa.Column("hit_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("notice_id", sa.String(length=32), nullable=False),
        sa.Column("locating_country", sa.String(length=2), nullable=True),
        sa.Column("requesting_country", sa.String(length=2), nullable=False),
        sa.Column("located_at", sa.DateTime(), nullable=True),
        sa.Column("treaty_in_force", sa.String(length=10), nullable=False),
        sa.Column("person_informed", sa.Boolean(), nullable=True),
        sa.Column("safeguards_at", sa.DateTime(), nullable=True),
        sa.Column("safeguards_by", sa.String(length=120), nullable=True),
        sa.Column("safeguards_notes", sa.Text(), nullable=False),
        sa.Column("unpursued_flagged_at", sa.DateTime(), nullable=True),
        sa.Column("unpursued_flag_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["hit_id"], ["screening_hits.id"], name=op.f("fk_hit_follow_ups_hit_id_screening_hits")
        ),
        sa.ForeignKeyConstraint(
            ["notice_id"], ["notices.id"], name=op.f("fk_hit_follow_ups_notice_id_notices")
        ),
        sa.PrimaryKeyConstraint("hit_id", name=op.f("pk_hit_follow_ups")),
    )
    op.create_index("ix_hit_follow_ups_located_at", "hit_follow_ups", ["located_at"], unique=False)
    op.create_index(op.f("ix_hit_follow_ups_notice_id"), "hit_follow_ups", ["notice_id"], unique=False)
    op.create_table(
        "extradition_requests",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("hit_id", sa.Integer(), nullable=False),
        sa.Column("notice_id", sa.String(length=32), nullable=False),
        sa.Column("requesting_country", sa.String(length=2), nullable=False),
        sa.Column("locating_country", sa.String(length=2), nullable=False),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("by", sa.String(length=120), nullable=False),
        sa.Column("reference", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["hit_id"], ["screening_hits.id"], name=op.f("fk_extradition_requests_hit_id_screening_hits")
        ),
        sa.ForeignKeyConstraint(
            ["notice_id"], ["notices.id"], name=op.f("fk_extradition_requests_notice_id_notices")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_extradition_requests")),
    )
    op.create_index(op.f("ix_extradition_requests_hit_id"), "extradition_requests", ["hit_id"], unique=False)
    op.create_index(
        "ix_extradition_requests_notice_country",
        "extradition_requests",
        ["notice_id", "locating_country"],
        unique=False,
    )
    op.create_table(
        "extradition_refusals",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("hit_id", sa.Integer(), nullable=False),
        sa.Column("notice_id", sa.String(length=32), nullable=False),
        sa.Column("locating_country", sa.String(length=2), nullable=False),
        sa.Column("refused_at", sa.DateTime(), nullable=False),
        sa.Column("by", sa.String(length=120), nullable=False),
        sa.Column("grounds", JSON, nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("position_id", sa.Integer(), nullable=False),
        sa.Column("addendum_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["hit_id"], ["screening_hits.id"], name=op.f("fk_extradition_refusals_hit_id_screening_hits")
        ),
        sa.ForeignKeyConstraint(
            ["notice_id"], ["notices.id"], name=op.f("fk_extradition_refusals_notice_id_notices")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_extradition_refusals")),
    )
    op.create_index(op.f("ix_extradition_refusals_hit_id"), "extradition_refusals", ["hit_id"], unique=False)
    op.create_index(
        op.f("ix_extradition_refusals_notice_id"), "extradition_refusals", ["notice_id"], unique=False
    )
    op.create_table(
        "notice_addenda",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("notice_id", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("ref", sa.String(length=40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["notice_id"], ["notices.id"], name=op.f("fk_notice_addenda_notice_id_notices")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notice_addenda")),
    )
    op.create_index(op.f("ix_notice_addenda_notice_id"), "notice_addenda", ["notice_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_notice_addenda_notice_id"), table_name="notice_addenda")
    op.drop_table("notice_addenda")
    op.drop_index(op.f("ix_extradition_refusals_notice_id"), table_name="extradition_refusals")
    op.drop_index(op.f("ix_extradition_refusals_hit_id"), table_name="extradition_refusals")
    op.drop_table("extradition_refusals")
    op.drop_index("ix_extradition_requests_notice_country", table_name="extradition_requests")
    op.drop_index(op.f("ix_extradition_requests_hit_id"), table_name="extradition_requests")
    op.drop_table("extradition_requests")
    op.drop_index(op.f("ix_hit_follow_ups_notice_id"), table_name="hit_follow_ups")
    op.drop_index("ix_hit_follow_ups_located_at", table_name="hit_follow_ups")
    op.drop_table("hit_follow_ups")
