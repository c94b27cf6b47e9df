"""accounts: account administration: deactivation, password resets (issue 16, item 10)

* ``users.reset_hash`` / ``reset_expires_at``: the hash of a one-time password-reset code an
  administrator hands over (never the password), and when it stops working.
* ``api_tokens`` and ``sessions`` get a ``public_id`` (what an administrator sees and revokes by, never
  the secret nor its hash) and ``last_used_at``. Existing rows take the first 16 hex digits of their
  hash as public id: it says nothing of the secret, and existing tokens and sessions keep working.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

_SECRETS = (("api_tokens", "token_hash"), ("sessions", "session_hash"))


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("reset_hash", sa.String(64), nullable=True))
        batch.add_column(sa.Column("reset_expires_at", sa.DateTime(), nullable=True))
        batch.create_index("ix_users_reset_hash", ["reset_hash"], unique=True)
    for table, secret in _SECRETS:
        op.add_column(table, sa.Column("public_id", sa.String(32), nullable=True))
        op.add_column(table, sa.Column("last_used_at", sa.DateTime(), nullable=True))
        op.execute(sa.text(f"UPDATE {table} SET public_id = substr({secret}, 1, 16)"))  # noqa: S608 - constants
        with op.batch_alter_table(table) as batch:
            batch.alter_column("public_id", existing_type=sa.String(32), nullable=False)
            batch.create_index(f"ix_{table}_public_id", ["public_id"], unique=True)


def downgrade() -> None:
    for table, _ in reversed(_SECRETS):
        with op.batch_alter_table(table) as batch:
            batch.drop_index(f"ix_{table}_public_id")
            batch.drop_column("last_used_at")
            batch.drop_column("public_id")
    with op.batch_alter_table("users") as batch:
        batch.drop_index("ix_users_reset_hash")
        batch.drop_column("reset_expires_at")
        batch.drop_column("reset_hash")
