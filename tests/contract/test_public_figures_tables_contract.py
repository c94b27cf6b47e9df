"""The stored public tables' contract (``PublicFiguresTables``, ``uow.public_figures``; issue 18, item 4): on
every backend a stored table is read back by later units of work, the first table stored under a key stays,
a rolled-back unit of work stores nothing, and ``clear`` forgets every table and says how many."""

from __future__ import annotations

from datetime import UTC, date, datetime

from tests.contract.conftest import Backend

AT = datetime(2026, 1, 15, tzinfo=UTC)


def _put(backend: Backend, key: str, payload: str, commit: bool = True) -> None:
    with backend.uow() as uow:
        uow.public_figures.put(key, date(2025, 1, 1), date(2025, 9, 30), 5, "v", payload, AT)
        if commit:
            uow.commit()


def test_stored_tables_are_kept_and_cleared(backend: Backend) -> None:
    _put(backend, "a", "first")
    _put(backend, "a", "second")
    _put(backend, "b", "other", commit=False)
    with backend.uow() as uow:
        assert uow.public_figures.get("a") == "first"
        assert uow.public_figures.get("b") is None
    _put(backend, "b", "other")
    with backend.uow() as uow:
        assert uow.public_figures.clear() == 2
        uow.commit()
    with backend.uow() as uow:
        assert uow.public_figures.get("a") is None and uow.public_figures.get("b") is None
