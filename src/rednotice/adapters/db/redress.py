"""SQL repository for the redress capability (`uow.redress`)."""

from __future__ import annotations

from sqlalchemy import Connection


class SqlRedressRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn
