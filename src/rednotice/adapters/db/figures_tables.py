"""``PublicFiguresTables`` on SQL (``uow.public_figures``): the counted public tables of closed periods,
shared by every process of the store (``tables_figures.py``, migration 0022; services/figures_tables.py)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Connection, delete, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from rednotice.adapters.db.tables_figures import public_figures_tables as pft


class SqlPublicFiguresTables:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def get(self, key: str) -> str | None:
        return self.conn.execute(select(pft.c.payload).where(pft.c.key == key)).scalar_one_or_none()

    def put(
        self, key: str, first: date, last: date, minimum: int, version: str, payload: str, at: datetime
    ) -> None:
        """Keep a counted table; a table another process stored first under the same key is kept (the
        same period and version count the same)."""
        values = {
            "key": key,
            "period_first": first,
            "period_last": last,
            "minimum": minimum,
            "version": version,
            "payload": payload,
            "counted_at": at,
        }
        insert = pg_insert if self.conn.dialect.name == "postgresql" else sqlite_insert
        self.conn.execute(insert(pft).values(values).on_conflict_do_nothing(index_elements=["key"]))

    def prune(self, keep: str, counted_before: datetime) -> int:
        """Forget every table but ``keep`` counted before ``counted_before``; how many."""
        gone = self.conn.execute(delete(pft).where(pft.c.key != keep, pft.c.counted_at < counted_before))
        return int(gone.rowcount or 0)

    def clear(self) -> int:
        """Forget every stored table (the next public page counts again); how many there were."""
        n = self.conn.execute(select(func.count()).select_from(pft)).scalar_one()
        self.conn.execute(delete(pft))
        return int(n)
