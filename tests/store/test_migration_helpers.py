"""The migrations' shared literals (``adapters/db/migrations/_helpers.py``) say what the live schema says:
the queue's partial indexes (migrations 0020 and 0023) were written with the condition ``tables.WAITING``
renders from ``lifecycle.AWAITING_REVIEW``. If the states that wait change, this fails: the indexes need a
new migration (a released one is never edited), else the queue's query stops matching its indexes."""

from __future__ import annotations

from typing import Any

from sqlalchemy import create_engine

from rednotice.adapters.db import tables as t
from rednotice.adapters.db.migrations import _helpers as h


def _words(text: str) -> str:
    """The condition as written, without the grouping brackets SQLAlchemy leaves out."""
    return " ".join(text.replace("(", " ").replace(")", " ").split())


def _rendered(clause: Any, dialect: Any) -> str:
    return _words(str(clause.compile(dialect=dialect)))


def test_the_queue_indexes_condition_is_the_live_one() -> None:
    assert _rendered(t.WAITING, create_engine("postgresql+psycopg://").dialect) == _words(h.QUEUE_WAITING)
    assert _rendered(t.WAITING_SQLITE, create_engine("sqlite://").dialect) == _words(h.QUEUE_WAITING_SQLITE)


def test_the_migrations_use_the_shared_literal() -> None:
    from importlib import import_module

    for name in ("0020_queue_keys", "0023_queue_names_index"):
        module = import_module(f"rednotice.adapters.db.migrations.versions.{name}")
        assert module.WAITING is h.QUEUE_WAITING and module.WAITING_SQLITE is h.QUEUE_WAITING_SQLITE
