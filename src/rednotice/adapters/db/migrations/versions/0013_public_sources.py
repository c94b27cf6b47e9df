"""public_sources: INTERPOL's own document of each imported notice; public_terms rebuilt with anyascii

``public_sources`` keeps what INTERPOL published for an imported notice (its detail fields as written:
``null`` or ``0``, ``74.5``, ``_embedded.links``), so the public API serves it back as INTERPOL serves it
(issue 15, items 5 and 6). ``public_terms`` is emptied and marked "never built": the next public search
rebuilds it with the new folding (anyascii, as the screening keys; issue 15, item 8).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from rednotice.adapters.db.migrations._helpers import JSON

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "public_sources",
        sa.Column("notice_id", sa.String(length=32), nullable=False),
        sa.Column("document", JSON, nullable=False),
        sa.PrimaryKeyConstraint("notice_id", name=op.f("pk_public_sources")),
    )
    op.execute(sa.text("DELETE FROM public_terms"))
    op.execute(sa.text("UPDATE public_sync SET seq = -1"))


def downgrade() -> None:
    op.drop_table("public_sources")
    op.execute(sa.text("DELETE FROM public_terms"))
    op.execute(sa.text("UPDATE public_sync SET seq = -1"))
