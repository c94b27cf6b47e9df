"""Engines for the embedded SQLite store and for PostgreSQL, configured for correctness first."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.pool import NullPool

READ_ONLY = "rednotice_read_only"
"""Execution option of a connection whose transactions only read."""
SQLITE_BUSY_SECONDS = 30
_HOLDS_WRITERS = "rednotice_holds_writers"
PING_AFTER_IDLE_SECONDS = 10.0
"""A pooled PostgreSQL connection idle this long is pinged before use; a busy one never is."""
_IDLE_SINCE = "rednotice_idle_since"


def _private_file(url: str) -> None:
    """Create the SQLite store readable by its owner only (0600): SQLite gives its -wal and -shm files the
    database file's permissions, so they are private too. An existing store is made private as well."""
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    if path.parent.exists():
        os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
        with contextlib.suppress(OSError):  # not ours to change: leave it to its owner
            for name in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                if name.exists() and name.stat().st_mode & 0o077:
                    name.chmod(0o600)


def _keep_open(url: str) -> list[sqlite3.Connection]:
    """One idle connection to the store's file for as long as the engine lives.

    Units of work open and close their own connections (``NullPool``). When the last connection to a WAL
    database closes, SQLite checkpoints the whole log into the database and deletes it: on a store that
    nothing else holds open, that made every write pay about 18 ms (an audited search on SQLite: 20 ms,
    1.3 ms with this connection open). The kept connection holds no lock and no transaction; checkpoints
    then happen as SQLite schedules them (every 1,000 pages of log, by the committing connection)."""
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return []
    held = sqlite3.connect(database, timeout=SQLITE_BUSY_SECONDS, check_same_thread=False)
    held.execute("SELECT count(*) FROM sqlite_master").fetchone()  # maps the log's index: counted as open
    return [held]


def make_engine(url: str, **kwargs: Any) -> Engine:
    if url.startswith("sqlite"):
        _private_file(url)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_SECONDS},
            poolclass=NullPool,
            **kwargs,
        )

        keeper: list[sqlite3.Connection] = []

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            # Let SQLAlchemy's "begin" event decide how transactions start (see below).
            dbapi_connection.isolation_level = None
            cur = dbapi_connection.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()
            if not keeper:
                keeper.extend(_keep_open(url))

        @event.listens_for(engine, "engine_disposed")
        def _on_dispose(_engine: Any) -> None:
            while keeper:  # a disposed engine lets go of its file (a test may delete it next)
                keeper.pop().close()

        # Writers of one process queue on a Python lock before SQLite's: SQLite's busy handler retries
        # with sleeps of up to 100 ms, so under load a waiting writer can starve for seconds.
        writers = threading.Lock()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            # Take the write lock at the start: a unit of work that reads then writes can then never
            # fail half-way with "database is locked" (SQLite's deferred lock upgrade). A unit of work
            # that only reads (READ_ONLY) takes no lock: in WAL mode it reads a snapshot beside writers.
            if conn.get_execution_options().get(READ_ONLY):
                conn.exec_driver_sql("BEGIN")
                return
            if not conn.info.get(_HOLDS_WRITERS):
                if not writers.acquire(timeout=SQLITE_BUSY_SECONDS):
                    raise sqlite3.OperationalError("database is locked: another writer held it too long")
                conn.info[_HOLDS_WRITERS] = True
            try:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            except BaseException:
                _release(conn.info)
                raise

        def _release(info: dict[str, Any]) -> None:
            if info.pop(_HOLDS_WRITERS, False):
                writers.release()

        @event.listens_for(engine, "commit")
        def _on_commit(conn: Any) -> None:
            _release(conn.info)

        @event.listens_for(engine, "rollback")
        def _on_rollback(conn: Any) -> None:
            _release(conn.info)

        @event.listens_for(engine.pool, "checkin")
        def _on_checkin(_dbapi_connection: Any, record: Any) -> None:
            if record is not None:  # a connection closed in a transaction: never leave the lock held
                _release(record.info)

        return engine
    idle_seconds = kwargs.pop("ping_after_idle_seconds", PING_AFTER_IDLE_SECONDS)
    engine = create_engine(url, **kwargs)
    _ping_when_idle(engine, idle_seconds)
    return engine


def make_replica_engine(url: str, **kwargs: Any) -> Engine:
    """An engine whose every transaction is read-only: the read replica (``REDNOTICE_REPLICA_DATABASE_URL``).

    Each connection is made read-only when it is opened (psycopg's ``read_only``: every transaction starts
    ``BEGIN READ ONLY``, no extra round trip, and it holds under PgBouncer's transaction pooling, unlike a
    session ``SET``). A write routed here by mistake fails at once ("cannot execute INSERT in a read-only
    transaction") even when the URL points at the primary itself, not only on a standby."""
    if not url.startswith(("postgresql", "postgres")):
        raise ValueError("a read replica is PostgreSQL's (streaming replication)")
    engine = make_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _read_only(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.read_only = True

    return engine


REPLICA_LAG = (
    "SELECT pg_is_in_recovery(), CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0.0 "
    "ELSE extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp())::float8 END"
)
"""Is the server a standby, and how many seconds its replay is behind what it received (0 when it has
replayed everything it received; on a primary both functions answer NULL)."""


def replica_lag(engine: Engine) -> tuple[bool, float | None]:
    """``(standby, lag_seconds)`` of a replica engine: one cheap query (no table read)."""
    with engine.connect() as conn:
        standby, lag = conn.exec_driver_sql(REPLICA_LAG).one()
    return bool(standby), (None if lag is None else float(lag))


def _ping_when_idle(engine: Engine, idle_seconds: float) -> None:
    """Check a pooled connection before use only when it sat idle for ``idle_seconds``.

    SQLAlchemy's ``pool_pre_ping`` pings on every checkout: one more round trip on every request of
    the hot path (screening answers in a few milliseconds). A connection in steady use cannot have
    been dropped by an idle timeout, a server restart it survived, or a PgBouncer idle cut, so only
    one that sat idle is pinged; a dead one is replaced before the unit of work starts (the pool
    retries the checkout on ``DisconnectionError``), so no request fails on a stale connection.
    """

    @event.listens_for(engine.pool, "checkin")
    def _checked_in(_dbapi_connection: Any, record: Any) -> None:
        if record is not None:
            record.info[_IDLE_SINCE] = time.monotonic()

    @event.listens_for(engine.pool, "checkout")
    def _checked_out(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        since = record.info.pop(_IDLE_SINCE, None)
        if since is None or time.monotonic() - since < idle_seconds:
            return  # new, or in steady use
        try:
            engine.dialect.do_ping(dbapi_connection)
            dbapi_connection.rollback()  # end the ping's implicit transaction: settings apply afresh
        except Exception as exc:  # any failure of the ping means: do not use this connection
            raise DisconnectionError("the pooled connection did not answer a ping") from exc
