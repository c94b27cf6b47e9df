"""ccf_documents: documents an applicant sends with a request to the CCF, or in answer to its questions

Each row is one file (PDF, PNG or JPEG, recognised by its first bytes), stored with the case: only the CCF
reads them (issue 16, item 7). The case's JSON payload gains the CCF's requests to the applicant.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ccf_documents",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("media_type", sa.String(length=40), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.Column("request_number", sa.Integer(), nullable=True),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["ccf_cases.id"], name=op.f("fk_ccf_documents_case_id_ccf_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ccf_documents")),
    )
    op.create_index(op.f("ix_ccf_documents_case_id"), "ccf_documents", ["case_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_ccf_documents_case_id"), table_name="ccf_documents")
    op.drop_table("ccf_documents")
