"""queue_keys: the review queue pages by index (issue 18, item 2)

* ``ix_notices_queue_waiting``: a partial index of the requests waiting for review (red notices submitted
  or under review, unreviewed diffusions) in queue order, riskiest then oldest (``risk DESC,
  submitted_at, id``), and ``ix_notices_queue_country`` the same by requesting country. They replace
  ``ix_notices_queue_order`` (0018), which had the state first and so made the queue sort every waiting
  request;
* ``notice_keys`` rows of kind ``sec``: the ICCS sections of the charges as each notice's latest
  compliance check read them (filled here from the stored checks; written with each check from now on),
  so that the queue's ICCS filter is an index lookup instead of reading every waiting request's check.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from rednotice.adapters.db.migrations._helpers import QUEUE_WAITING, QUEUE_WAITING_SQLITE

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

WAITING = QUEUE_WAITING
"""As ``tables.WAITING`` renders it (SQLite uses a partial index only for a query repeating its terms)."""
WAITING_SQLITE = QUEUE_WAITING_SQLITE
"""``tables.WAITING_SQLITE``: the unary ``+`` keeps SQLite from answering the OR by the states' index."""
STATISTICS = "st_notice_keys_kind_key"
ORDER: list[str | sa.TextClause] = [sa.text("risk DESC"), "submitted_at", "id"]


def upgrade() -> None:
    conn = op.get_bind()
    where = sa.text(WAITING if conn.dialect.name == "postgresql" else WAITING_SQLITE)
    op.create_index("ix_notices_queue_waiting", "notices", ORDER, postgresql_where=where, sqlite_where=where)
    op.create_index(
        "ix_notices_queue_country",
        "notices",
        ["requesting_country", *ORDER],
        postgresql_where=where,
        sqlite_where=where,
    )
    op.drop_index("ix_notices_queue_order", table_name="notices")
    if conn.dialect.name == "postgresql":
        # How often each (kind, key) pair occurs, not each column alone: without it the planner takes the
        # common section keys for a few dozen rows and loops over all of them for every waiting request.
        conn.execute(
            sa.text(f"CREATE STATISTICS IF NOT EXISTS {STATISTICS} (mcv) ON kind, key FROM notice_keys")
        )
    _fill(conn)
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("ANALYZE notice_keys"))


def _fill(conn: sa.Connection) -> None:
    """The ``sec`` keys of every notice from its latest check (app code, as 0018 does: the same functions
    write them from now on). Checks are read in batches of notices, in id order."""
    from rednotice.adapters.db.bulk import insert_rows
    from rednotice.adapters.db.keys import section_rows
    from rednotice.adapters.db.tables import notice_keys
    from rednotice.services.review import result_sections

    checks = sa.table(
        "compliance_checks",
        sa.column("id", sa.Integer),
        sa.column("notice_id", sa.String),
        sa.column("result", sa.JSON),
    )
    conn.execute(sa.delete(notice_keys).where(notice_keys.c.kind == "sec"))
    after = ""
    while True:
        ids = list(
            conn.execute(
                sa.select(checks.c.notice_id)
                .where(checks.c.notice_id > after)
                .group_by(checks.c.notice_id)
                .order_by(checks.c.notice_id)
                .limit(1000)
            ).scalars()
        )
        if not ids:
            break
        latest: dict[str, object] = {}
        rows = conn.execute(
            sa.select(checks.c.notice_id, checks.c.result)
            .where(checks.c.notice_id.in_(ids))
            .order_by(checks.c.id)
        )
        for row in rows:
            latest[row.notice_id] = row.result
        keys = []
        for notice_id, result in latest.items():
            keys.extend(section_rows(notice_id, result_sections(result if isinstance(result, dict) else {})))
        insert_rows(conn, notice_keys, keys)
        after = ids[-1]


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text(f"DROP STATISTICS IF EXISTS {STATISTICS}"))
    conn.execute(sa.text("DELETE FROM notice_keys WHERE kind = 'sec'"))
    op.create_index("ix_notices_queue_order", "notices", ["state", "risk", "submitted_at", "id"])
    op.drop_index("ix_notices_queue_country", table_name="notices")
    op.drop_index("ix_notices_queue_waiting", table_name="notices")
