"""country_state_index: an NCB's own requests in one state cost a page (issue 18, item 2)

``ix_notices_country_state_updated`` (requesting country, state, last change, id): the NCB dashboard's
"waiting for your bureau" counts (drafts, more information requested) and the notice list filtered by
the bureau and a state walk only the rows of that country in that state, in list order, instead of every
request of the country (46,739 rows for one country at 700,000 notices: 233 ms on SQLite).

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_notices_country_state_updated", "notices", ["requesting_country", "state", "updated_at", "id"]
    )


def downgrade() -> None:
    op.drop_index("ix_notices_country_state_updated", table_name="notices")
