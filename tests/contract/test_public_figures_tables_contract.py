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


def test_prune_forgets_other_tables_counted_before_the_bound(backend: Backend) -> None:
    """A table under another key counted before the bound is forgotten; the kept key and newer tables stay."""
    old, new = datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 1, 10, tzinfo=UTC)
    with backend.uow() as uow:
        uow.public_figures.put("old-period", date(2025, 1, 1), date(2025, 6, 30), 5, "v", "p1", old)
        uow.public_figures.put("old-version", date(2025, 1, 1), date(2025, 9, 30), 5, "v0", "p2", old)
        uow.public_figures.put("kept", date(2025, 1, 1), date(2025, 9, 30), 5, "v", "p3", old)
        uow.public_figures.put("recent", date(2025, 1, 1), date(2025, 9, 30), 10, "v", "p4", new)
        uow.commit()
    with backend.uow() as uow:
        assert uow.public_figures.prune("kept", datetime(2026, 1, 5, tzinfo=UTC)) == 2
        uow.commit()
    with backend.uow() as uow:
        assert uow.public_figures.get("old-period") is None and uow.public_figures.get("old-version") is None
        assert uow.public_figures.get("kept") == "p3" and uow.public_figures.get("recent") == "p4"
