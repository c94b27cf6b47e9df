"""run_warnings: the warnings about a screening input (envelope faults, unknown roles) kept with its run

``screenings.input_warnings``: the doubts about what was read (a PAXLST envelope fault, an unknown
role, a lenient check digit...), shown again whenever the run is read back (issue 15). NULL: none, as
for every run recorded before.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from rednotice.adapters.db.migrations._helpers import JSON

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("screenings", sa.Column("input_warnings", JSON, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("screenings") as batch:
        batch.drop_column("input_warnings")
