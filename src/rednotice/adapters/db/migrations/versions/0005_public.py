"""public tables: the public search projection (public_terms) and how far it is in step (public_sync)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "public_terms",
        sa.Column("notice_id", sa.String(length=32), nullable=False),
        sa.Column("field", sa.String(length=10), nullable=False),
        sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("notice_id", "field", "position", name=op.f("pk_public_terms")),
    )
    op.create_table(
        "public_sync",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_public_sync")),
    )


def downgrade() -> None:
    op.drop_table("public_sync")
    op.drop_table("public_terms")
