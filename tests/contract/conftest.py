"""The repository contract suite's backends: the in-memory fakes, and the SQL repositories on SQLite and
on PostgreSQL (the store fixtures of ``tests/conftest.py``). Every contract test takes ``backend`` and so
runs three times; a fake that drifts from the database fails here, not in a use-case test that trusted it.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from rednotice.adapters.db.engine import make_engine
from rednotice.adapters.memory import MemoryData, MemoryUnitOfWork
from rednotice.bootstrap import Store
from rednotice.config import Environment, Settings
from rednotice.services.ports import UnitOfWork
from tests.conftest import FakeClock, _truncate_postgres

BACKENDS = ["memory", "sqlite", "postgresql"]


@dataclass
class Backend:
    """One implementation of the ports: a unit-of-work factory (its units of work hold every repository,
    ``after_hit`` and ``figures`` included; decision 0012)."""

    name: str
    uow: Callable[[], UnitOfWork]

    @property
    def is_sql(self) -> bool:
        return self.name != "memory"


def memory_backend(clock: FakeClock) -> Backend:
    data = MemoryData()
    return Backend("memory", lambda: MemoryUnitOfWork(data, clock))


def _sql_backend(
    kind: str, request: pytest.FixtureRequest, tmp_path: Path, clock: FakeClock, sqlite_template: Path
) -> Iterator[Backend]:
    """A migrated empty store on SQLite or PostgreSQL, as ``tests/conftest.py``'s ``store``."""
    if kind == "sqlite":
        path = tmp_path / "rednotice.sqlite3"
        shutil.copy(sqlite_template, path)
        url = f"sqlite:///{path}"
    else:
        url = request.getfixturevalue("postgres_url")
        _truncate_postgres(url)
    engine = make_engine(url)
    settings = Settings(
        env=Environment.TEST, data_dir=tmp_path, secret_key="t" * 40, database_url=url, background=False
    )
    store = Store(settings, engine, clock)
    yield Backend(kind, store.uow)
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def backend(
    request: pytest.FixtureRequest, tmp_path: Path, clock: FakeClock, sqlite_template: Path
) -> Iterator[Backend]:
    """The fakes, or a store on SQLite or PostgreSQL, all on the test's fake clock."""
    if request.param == "memory":
        yield memory_backend(clock)
    else:
        yield from _sql_backend(request.param, request, tmp_path, clock, sqlite_template)


@pytest.fixture(params=BACKENDS[1:])
def sql_backend(
    request: pytest.FixtureRequest, tmp_path: Path, clock: FakeClock, sqlite_template: Path
) -> Iterator[Backend]:
    """A store on SQLite or PostgreSQL: for tests that put the fakes beside it on the same scenario."""
    yield from _sql_backend(request.param, request, tmp_path, clock, sqlite_template)
