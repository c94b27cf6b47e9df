"""harassment_reports: one row per harassment report, linked to the notices it names (issue 14, item 5)

Until now a report was stored once per notice it matched, the rows sharing one random public id: the
number of rows (and of the row ids a reviewer reads) still said how many notices the person has. Rows are
merged by public id into the one with the lowest id; the notices they held move to
``harassment_report_notices``, and the review flags that pointed at a merged row point at the kept one.
The downgrade splits each report back into one row per linked notice.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05
"""

from __future__ import annotations

import secrets
from collections import defaultdict

import sqlalchemy as sa
from alembic import op

from rednotice.adapters.db.migrations._helpers import JSON

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

FLAG_SOURCE = "harassment_report"

reports = sa.table(
    "harassment_reports",
    sa.column("id", sa.Integer),
    sa.column("notice_id", sa.String),
    sa.column("filed_at", sa.DateTime),
    sa.column("kinds", sa.String),
    sa.column("payload", JSON),
    sa.column("public_id", sa.String),
)
links = sa.table(
    "harassment_report_notices", sa.column("report_id", sa.Integer), sa.column("notice_id", sa.String)
)
flags = sa.table(
    "review_flags",
    sa.column("id", sa.Integer),
    sa.column("notice_id", sa.String),
    sa.column("source", sa.String),
    sa.column("ref", sa.String),
)


def _create_links() -> None:
    op.create_table(
        "harassment_report_notices",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("notice_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["harassment_reports.id"],
            name=op.f("fk_harassment_report_notices_report_id_harassment_reports"),
        ),
        sa.ForeignKeyConstraint(
            ["notice_id"], ["notices.id"], name=op.f("fk_harassment_report_notices_notice_id_notices")
        ),
        sa.PrimaryKeyConstraint("report_id", "notice_id", name=op.f("pk_harassment_report_notices")),
    )
    op.create_index(
        op.f("ix_harassment_report_notices_notice_id"),
        "harassment_report_notices",
        ["notice_id"],
        unique=False,
    )


def upgrade() -> None:
    conn = op.get_bind()
    groups: dict[str, list[tuple[int, str | None]]] = defaultdict(list)
    for row_id, notice_id, public_id in conn.execute(
        sa.select(reports.c.id, reports.c.notice_id, reports.c.public_id).order_by(reports.c.id)
    ).all():
        groups[public_id or f"row:{row_id}"].append((row_id, notice_id))
    named: dict[int, list[str]] = {}
    for key, rows in groups.items():
        kept = rows[0][0]
        if key.startswith("row:"):  # a row that never received a public id (none after 0011): give it one
            conn.execute(
                reports.update()
                .where(reports.c.id == kept)
                .values(public_id=f"hr_{secrets.token_urlsafe(16)}")
            )
        named[kept] = list(dict.fromkeys(notice_id for _, notice_id in rows if notice_id))
        merged = [row_id for row_id, _ in rows[1:]]
        if merged:
            conn.execute(
                flags.update()
                .where(flags.c.source == FLAG_SOURCE, flags.c.ref.in_([str(i) for i in merged]))
                .values(ref=str(kept))
            )
            conn.execute(reports.delete().where(reports.c.id.in_(merged)))
    op.drop_index(op.f("ix_harassment_reports_notice_id"), table_name="harassment_reports")
    op.drop_index(op.f("ix_harassment_reports_public_id"), table_name="harassment_reports")
    with op.batch_alter_table("harassment_reports") as batch:
        batch.drop_constraint("fk_harassment_reports_notice_id_notices", type_="foreignkey")
        batch.drop_column("notice_id")
        batch.alter_column("public_id", existing_type=sa.String(length=40), nullable=False)
    op.create_index(op.f("ix_harassment_reports_public_id"), "harassment_reports", ["public_id"], unique=True)
    # created after the table is rebuilt (SQLite's batch mode drops and renames it; a table referring to
    # it would stop that)
    _create_links()
    for report_id, notice_ids in named.items():
        for notice_id in notice_ids:
            conn.execute(links.insert().values(report_id=report_id, notice_id=notice_id))


def downgrade() -> None:
    conn = op.get_bind()
    named: dict[int, list[str]] = defaultdict(list)
    for report_id, notice_id in conn.execute(
        sa.select(links.c.report_id, links.c.notice_id).order_by(links.c.report_id, links.c.notice_id)
    ).all():
        named[report_id].append(notice_id)
    op.drop_index(op.f("ix_harassment_report_notices_notice_id"), table_name="harassment_report_notices")
    op.drop_table("harassment_report_notices")
    op.drop_index(op.f("ix_harassment_reports_public_id"), table_name="harassment_reports")
    with op.batch_alter_table("harassment_reports") as batch:
        batch.add_column(sa.Column("notice_id", sa.String(length=32), nullable=True))
        batch.create_foreign_key("fk_harassment_reports_notice_id_notices", "notices", ["notice_id"], ["id"])
        batch.alter_column("public_id", existing_type=sa.String(length=40), nullable=True)
    op.create_index(
        op.f("ix_harassment_reports_public_id"), "harassment_reports", ["public_id"], unique=False
    )
    op.create_index(
        op.f("ix_harassment_reports_notice_id"), "harassment_reports", ["notice_id"], unique=False
    )
    for report_id, notice_ids in named.items():
        first, *others = notice_ids
        conn.execute(reports.update().where(reports.c.id == report_id).values(notice_id=first))
        row = conn.execute(
            sa.select(reports.c.filed_at, reports.c.kinds, reports.c.payload, reports.c.public_id).where(
                reports.c.id == report_id
            )
        ).one()
        for notice_id in others:  # the former shape: one row per notice, sharing the public id
            new_id = conn.execute(
                reports.insert()
                .values(
                    notice_id=notice_id,
                    filed_at=row.filed_at,
                    kinds=row.kinds,
                    payload=row.payload,
                    public_id=row.public_id,
                )
                .returning(reports.c.id)
            ).scalar_one()
            conn.execute(
                flags.update()
                .where(
                    flags.c.source == FLAG_SOURCE,
                    flags.c.ref == str(report_id),
                    flags.c.notice_id == notice_id,
                )
                .values(ref=str(new_id))
            )
