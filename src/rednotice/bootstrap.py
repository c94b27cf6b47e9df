"""Wiring: settings -> engine -> unit-of-work factory. Built once when a process starts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from rednotice.adapters.db.engine import make_engine
from rednotice.adapters.db.store import SqlUnitOfWork, utcnow
from rednotice.config import Settings, load_settings


@dataclass
class Store:
    settings: Settings
    engine: Engine
    clock: Callable[[], datetime] = utcnow

    def uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine, self.clock)

    def reader(self) -> SqlUnitOfWork:
        """A unit of work that only reads (no write lock on SQLite)."""
        return SqlUnitOfWork(self.engine, self.clock, read_only=True)


def open_store(settings: Settings | None = None, url: str | None = None) -> Store:
    settings = settings or load_settings()
    return Store(settings, make_engine(url or settings.resolved_database_url()))
