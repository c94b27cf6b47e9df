"""SQL repository for the public capability (`uow.public`)."""

from __future__ import annotations

from sqlalchemy import Connection


class SqlPublicRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn
