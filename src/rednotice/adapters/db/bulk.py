"""Inserting many rows at once (batch imports): PostgreSQL's COPY, executemany elsewhere.

On PostgreSQL with psycopg 3, ``COPY ... FROM STDIN`` on the unit of work's own connection (so in its
transaction) is about three times as fast as executemany, which sends one INSERT per row. The values go
through the columns' own bind processing (UTC datetimes, JSON), exactly as an INSERT would send them. A
database error is raised as SQLAlchemy's (``IntegrityError`` for a taken key), as an INSERT would raise
it. SQLite's executemany already runs in C, one prepared statement for all rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert
from sqlalchemy.exc import DBAPIError


def insert_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys) into ``table`` in the connection's transaction."""
    if not rows:
        return
    dialect = conn.dialect
    if dialect.name != "postgresql" or dialect.driver != "psycopg":
        conn.execute(insert(table), list(rows))
        return
    names = list(rows[0])
    processors = [table.c[name].type._cached_bind_processor(dialect) for name in names]
    quote = dialect.identifier_preparer
    statement = (
        f"COPY {quote.format_table(table)} ({', '.join(quote.quote(name) for name in names)}) FROM STDIN"
    )
    raw = conn.connection.driver_connection
    assert raw is not None
    try:
        with raw.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(
                    [
                        row[name] if process is None else process(row[name])
                        for name, process in zip(names, processors, strict=True)
                    ]
                )
    except dialect.loaded_dbapi.Error as exc:
        raise DBAPIError.instance(statement, None, exc, dialect.loaded_dbapi.Error) from exc
