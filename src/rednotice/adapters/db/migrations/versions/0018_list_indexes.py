"""list_indexes: indexes for lists and searches that cost a page, not the table (issue 18)

* ``notice_keys``: each nationality, identity token and related notice of a notice, indexed (filled here
  from the stored notices, then written with every change), instead of ``LIKE '%,RU,%'`` scans;
* on ``notices``: the public list's order as a partial index of public extracts, country and state each
  with the internal list's order, the review queue's order, and trigrams of ``search_names`` (PostgreSQL;
  a plain index of the same name on SQLite, which has no trigrams);
* on ``public_terms``: trigrams of ``value`` (PostgreSQL), a plain index on SQLite for anchored names;
* ``public_terms`` brought up to date once here: from now on it is written with the notices and no
  public search builds it.

``pg_trgm`` is created on PostgreSQL only (``CREATE EXTENSION IF NOT EXISTS``: the database user needs
the right to, as the test and demo databases give; otherwise create it once as a superuser first).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

PUBLIC = {
    "postgresql": "type = 'red_notice' AND state = 'published' AND public_extract = true",
    "sqlite": "type = 'red_notice' AND state = 'published' AND public_extract = 1",
}


def upgrade() -> None:
    conn = op.get_bind()
    postgres = conn.dialect.name == "postgresql"
    trgm = _trigram_ops(conn) if postgres else ""
    op.create_table(
        "notice_keys",
        sa.Column("notice_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=3), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("notice_id", "kind", "key", name=op.f("pk_notice_keys")),
    )
    op.create_index("ix_notice_keys_lookup", "notice_keys", ["kind", "key", "birth_year", "notice_id"])
    where = sa.text(PUBLIC["postgresql" if postgres else "sqlite"])
    op.create_index(
        "ix_notices_public_order",
        "notices",
        ["published_at", "id"],
        postgresql_where=where,
        sqlite_where=where,
    )
    op.create_index("ix_notices_country_updated", "notices", ["requesting_country", "updated_at", "id"])
    op.create_index("ix_notices_state_updated", "notices", ["state", "updated_at", "id"])
    op.create_index("ix_notices_queue_order", "notices", ["state", "risk", "submitted_at", "id"])
    if postgres:
        op.create_index(
            "ix_notices_search_names_trgm",
            "notices",
            ["search_names"],
            postgresql_using="gin",
            postgresql_ops={"search_names": trgm},
        )
        op.create_index(
            "ix_public_terms_value",
            "public_terms",
            ["value"],
            postgresql_using="gin",
            postgresql_ops={"value": trgm},
        )
    else:
        op.create_index("ix_notices_search_names_trgm", "notices", ["search_names"])
        op.create_index("ix_public_terms_value", "public_terms", ["value"])
    _fill(conn)


def _trigram_ops(conn: sa.Connection) -> str:
    """``pg_trgm``'s operator class, qualified by the schema holding the extension (created in ``public``
    when absent, so that dropping one application schema never drops it under another's indexes)."""
    find = sa.text("SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_trgm'")
    schema = conn.execute(find).scalar()
    if schema is None:
        public = conn.execute(sa.text("SELECT 1 FROM pg_namespace WHERE nspname = 'public'")).scalar()
        try:
            with conn.begin_nested():
                conn.execute(
                    sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm" + (" SCHEMA public" if public else ""))
                )
        except sa.exc.DBAPIError:
            pass  # another migration created it at the same moment
        schema = conn.execute(find).scalar_one()
    return f"{schema}.gin_trgm_ops"


def _fill(conn: sa.Connection) -> None:
    """The keys of every stored notice, and the public search terms brought up to date (app code, as
    migration 0006 does: the same functions write them from now on)."""
    from rednotice.adapters.db.bulk import insert_rows
    from rednotice.adapters.db.keys import key_rows
    from rednotice.adapters.db.public import SqlPublicRepository
    from rednotice.adapters.db.tables import notice_keys
    from rednotice.adapters.formats.request_json import parse_request
    from rednotice.domain.lifecycle import Notice

    notices = sa.table("notices", sa.column("id", sa.String), sa.column("payload", sa.JSON))
    after = ""
    while True:
        rows = conn.execute(
            sa.select(notices.c.id, notices.c.payload)
            .where(notices.c.id > after)
            .order_by(notices.c.id)
            .limit(2000)
        ).all()
        if not rows:
            break
        keys = [k for r in rows for k in key_rows(Notice(id=r.id, request=parse_request(r.payload)))]
        keys = [{c: v for c, v in k.items() if c != "public_at"} for k in keys]  # a column of 0024
        insert_rows(conn, notice_keys, keys)
        after = rows[-1].id
    SqlPublicRepository(conn).sync()


def downgrade() -> None:
    op.drop_index("ix_public_terms_value", table_name="public_terms")
    op.drop_index("ix_notices_search_names_trgm", table_name="notices")
    op.drop_index("ix_notices_queue_order", table_name="notices")
    op.drop_index("ix_notices_state_updated", table_name="notices")
    op.drop_index("ix_notices_country_updated", table_name="notices")
    op.drop_index("ix_notices_public_order", table_name="notices")
    op.drop_index("ix_notice_keys_lookup", table_name="notice_keys")
    op.drop_table("notice_keys")
