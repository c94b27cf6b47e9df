"""redress tables: CCF cases, binding outcomes, refugee confirmations, harassment reports, countries'
positions, review flags, notifications

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from rednotice.adapters.db.migrations._helpers import JSON

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["notice_id"], ["notices.id"], name=op.f(f"fk_{table}_notice_id_notices"))


def upgrade() -> None:
    op.create_table(
        "ccf_cases",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("filed_at", sa.DateTime(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("notice_ids", sa.Text(), nullable=False),
        sa.Column("consulted", sa.String(length=800), nullable=False),
        sa.Column("next_consult_due", sa.DateTime(), nullable=True),
        sa.Column("payload", JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ccf_cases")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_ccf_cases_code_hash")),
    )
    op.create_index("ix_ccf_cases_state", "ccf_cases", ["state"], unique=False)
    op.create_index("ix_ccf_cases_next_consult_due", "ccf_cases", ["next_consult_due"], unique=False)
    op.create_table(
        "binding_outcomes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("notice_id", sa.String(length=32), nullable=False),
        sa.Column("outcome", sa.String(length=32), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("ref", sa.String(length=40), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("by", sa.String(length=120), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        _fk("binding_outcomes"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_binding_outcomes")),
    )
    op.create_index(op.f("ix_binding_outcomes_notice_id"), "binding_outcomes", ["notice_id"], unique=False)
    op.create_table(
        "refugee_confirmations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("family_name", sa.String(length=500), nullable=False),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("persecution_country", sa.String(length=2), nullable=False),
        sa.Column("granting_country", sa.String(length=2), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("payload", JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refugee_confirmations")),
    )
    op.create_index(
        op.f("ix_refugee_confirmations_granting_country"),
        "refugee_confirmations",
        ["granting_country"],
        unique=False,
    )
    op.create_index(
        "ix_refugee_confirmations_birth_year", "refugee_confirmations", ["birth_year"], unique=False
    )
    op.create_table(
        "harassment_reports",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("notice_id", sa.String(length=32), nullable=True),
        sa.Column("filed_at", sa.DateTime(), nullable=False),
        sa.Column("kinds", sa.String(length=200), nullable=False),
        sa.Column("payload", JSON, nullable=False),
        _fk("harassment_reports"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_harassment_reports")),
    )
    op.create_index(
        op.f("ix_harassment_reports_notice_id"), "harassment_reports", ["notice_id"], unique=False
    )
    op.create_table(
        "country_positions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("notice_id", sa.String(length=32), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("payload", JSON, nullable=False),
        _fk("country_positions"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_country_positions")),
    )
    op.create_index(op.f("ix_country_positions_notice_id"), "country_positions", ["notice_id"], unique=False)
    op.create_table(
        "review_flags",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("notice_id", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("ref", sa.String(length=40), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("payload", JSON, nullable=False),
        _fk("review_flags"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_flags")),
    )
    op.create_index(op.f("ix_review_flags_notice_id"), "review_flags", ["notice_id"], unique=False)
    op.create_table(
        "redress_notifications",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("recipient", sa.String(length=4), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("notice_id", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("excluded", sa.String(length=800), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_redress_notifications")),
    )
    op.create_index(
        op.f("ix_redress_notifications_recipient"), "redress_notifications", ["recipient"], unique=False
    )
    op.create_index(
        op.f("ix_redress_notifications_notice_id"), "redress_notifications", ["notice_id"], unique=False
    )


def downgrade() -> None:
    for table in (
        "redress_notifications",
        "review_flags",
        "country_positions",
        "harassment_reports",
        "refugee_confirmations",
        "binding_outcomes",
        "ccf_cases",
    ):
        op.drop_table(table)
