"""SQL repository for the screening capability (`uow.screening`)."""

from __future__ import annotations

from sqlalchemy import Connection


class SqlScreeningRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn
