"""public_figures_tables: closed periods' public figures counted once for every process (issue 18, item 4)

A small table keyed by the closed period, the public minimum and the figures version, holding the counted
public table serialised (``adapters/db/tables_figures.py``). Before, each server process kept its own copy
in memory and counted it again after every start.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "public_figures_tables",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("period_first", sa.Date(), nullable=False),
        sa.Column("period_last", sa.Date(), nullable=False),
        sa.Column("minimum", sa.Integer(), nullable=False),
        sa.Column("version", sa.String(100), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("counted_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("public_figures_tables")
