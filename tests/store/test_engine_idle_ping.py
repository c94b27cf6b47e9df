"""A pooled PostgreSQL connection is pinged only after sitting idle, and a dead one is replaced unseen."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from rednotice.adapters.db.engine import make_engine
from tests.conftest import POSTGRES_URL


def _backend_pid(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(sa.text("SELECT pg_backend_pid()")).scalar_one())


def _terminate(pid: int) -> None:
    admin = make_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    finally:
        admin.dispose()


@pytest.fixture
def counted_pings(postgres_url: str) -> Iterator[tuple[Engine, list[int]]]:
    engine = make_engine(postgres_url, pool_size=1, max_overflow=0, ping_after_idle_seconds=0.2)
    pings: list[int] = []
    real_ping = engine.dialect.do_ping

    def counting_ping(dbapi_connection: object) -> bool:
        pings.append(1)
        return real_ping(dbapi_connection)  # type: ignore[arg-type]

    engine.dialect.do_ping = counting_ping  # type: ignore[method-assign]
    yield engine, pings
    engine.dispose()


def test_a_connection_in_steady_use_is_not_pinged(counted_pings: tuple[Engine, list[int]]) -> None:
    engine, pings = counted_pings
    pids = {_backend_pid(engine) for _ in range(20)}
    assert len(pids) == 1  # the one pooled connection served every unit of work
    assert pings == []


def test_an_idle_connection_that_died_is_replaced_before_use(counted_pings: tuple[Engine, list[int]]) -> None:
    engine, pings = counted_pings
    first = _backend_pid(engine)
    _terminate(first)
    time.sleep(0.3)  # longer than ping_after_idle_seconds
    second = _backend_pid(engine)  # would raise "terminating connection" without the idle ping
    assert second != first
    assert len(pings) == 1


def test_without_the_idle_ping_a_dead_connection_fails_the_unit_of_work(postgres_url: str) -> None:
    """The control: the same steps with pings off fail, so the test above can fail."""
    engine = make_engine(postgres_url, pool_size=1, max_overflow=0, ping_after_idle_seconds=3600)
    try:
        _terminate(_backend_pid(engine))
        with pytest.raises(sa.exc.OperationalError):
            _backend_pid(engine)
    finally:
        engine.dispose()
