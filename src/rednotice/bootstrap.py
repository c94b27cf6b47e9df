"""Wiring: settings -> engine -> unit-of-work factory. Built once when a process starts."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, event

from rednotice.adapters.db.engine import make_engine, make_replica_engine, replica_lag
from rednotice.adapters.db.store import SqlUnitOfWork, utcnow
from rednotice.config import Settings, load_settings
from rednotice.services.group_commit import writing_records


@dataclass
class Store:
    settings: Settings
    engine: Engine
    clock: Callable[[], datetime] = utcnow
    replica_engine: Engine | None = None
    """The read replica (``REDNOTICE_REPLICA_DATABASE_URL``), read-only; None: all reads use ``engine``."""
    _commits: Any = field(default_factory=itertools.count, repr=False)
    _committed: int = field(default=0, repr=False)

    def __post_init__(self) -> None:
        event.listen(self.engine, "commit", self._count_commit)

    def _count_commit(self, _conn: object) -> None:
        if not writing_records():  # screenings recorded by group commit change no notice
            self._committed = next(self._commits) + 1

    def commits(self) -> int:
        """How many transactions this process committed in the store, those that only record screenings
        left out: the screening engine looks for notice changes again after any (see
        ``ScreeningEngine.local_commits``)."""
        return self._committed

    def uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine, self.clock)

    def reader(self) -> SqlUnitOfWork:
        """A unit of work that only reads (no write lock on SQLite), on the primary: what must be current
        (sign-in, tokens and sessions, the screening index's freshness, anything read to decide a write)."""
        return SqlUnitOfWork(self.engine, self.clock, read_only=True)

    def replica(self) -> SqlUnitOfWork:
        """A read-only unit of work for reads that may be a second late (the public list and notices, the
        transparency and oversight figures): on the read replica when one is configured, else as
        :meth:`reader`. Its connections are read-only, so a write routed here fails loudly; a use case
        that also writes (the audit of a public search) writes in a :meth:`uow` of the primary."""
        return SqlUnitOfWork(self.replica_engine or self.engine, self.clock, read_only=True)

    def replica_status(self) -> dict[str, object] | None:
        """For ``/healthz``: None without a replica; else whether it answers, is a standby, and how many
        seconds its replay is behind (``pg_last_xact_replay_timestamp()``; 0 when it replayed all it got)."""
        if self.replica_engine is None:
            return None
        try:
            standby, lag = replica_lag(self.replica_engine)
        except Exception as exc:  # the primary still answers: say what is wrong with the replica
            return {"state": "unreachable", "error": type(exc).__name__}
        return {"state": "standby" if standby else "not a standby", "lag_seconds": lag}


def open_store(settings: Settings | None = None, url: str | None = None) -> Store:
    settings = settings or load_settings()
    replica = settings.replica_database_url
    return Store(
        settings,
        make_engine(url or settings.resolved_database_url()),
        replica_engine=make_replica_engine(replica) if replica else None,
    )
