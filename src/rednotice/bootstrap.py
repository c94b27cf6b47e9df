"""Wiring: settings -> engine -> unit-of-work factory. Built once when a process starts."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, event

from rednotice.adapters.db.engine import make_engine
from rednotice.adapters.db.store import SqlUnitOfWork, utcnow
from rednotice.config import Settings, load_settings


@dataclass
class Store:
    settings: Settings
    engine: Engine
    clock: Callable[[], datetime] = utcnow
    _commits: Any = field(default_factory=itertools.count, repr=False)
    _committed: int = field(default=0, repr=False)

    def __post_init__(self) -> None:
        event.listen(self.engine, "commit", self._count_commit)

    def _count_commit(self, _conn: object) -> None:
        self._committed = next(self._commits) + 1

    def commits(self) -> int:
        """How many transactions this process committed in the store: the screening engine looks for
        notice changes again after any (see ``ScreeningEngine.local_commits``)."""
        return self._committed

    def uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine, self.clock)

    def reader(self) -> SqlUnitOfWork:
        """A unit of work that only reads (no write lock on SQLite)."""
        return SqlUnitOfWork(self.engine, self.clock, read_only=True)


def open_store(settings: Settings | None = None, url: str | None = None) -> Store:
    settings = settings or load_settings()
    return Store(settings, make_engine(url or settings.resolved_database_url()))
