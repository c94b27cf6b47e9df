"""run_warnings: the warnings about a screening input (envelope faults, unknown roles) kept with its run

Reserved: no change to the schema yet.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05
"""

from __future__ import annotations

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
