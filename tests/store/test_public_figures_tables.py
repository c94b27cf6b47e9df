"""A closed period's public figures are counted once for every process of the store, not once per process
(issue 18, item 4), on SQLite and PostgreSQL, and with the memory fakes.

Counting is proven by a spy on the function that counts (``services.figures._compute``), never by timing:
a second app on a second engine of the same database (another server process) serves every public page
and download without calling it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import inspect, text

from rednotice.adapters.db.engine import make_engine
from rednotice.adapters.db.migrate import alembic_config, upgrade
from rednotice.adapters.memory import MemoryData, MemoryUnitOfWork
from rednotice.bootstrap import Store
from rednotice.domain.figures import Period
from rednotice.services import figures as fs
from rednotice.services import figures_tables as ft
from rednotice.services.ports import UnitOfWork
from rednotice.web.app import create_app
from rednotice.web.oversight import figures_version
from tests.conftest import FakeClock
from tests.store.test_public_figures_closed import NAMES, _notice

PAGES = (
    "/transparency/v1/figures",
    "/transparency/v1/figures?country=RU&format=csv",
    "/transparency",
    "/transparency/countries/RU",
    "/transparency/countries/RU/report.json",
)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[Period]:
    """The periods counted, by a spy on the counting function of the figures."""
    calls: list[Period] = []
    real = fs._compute

    def spy(uow: UnitOfWork, period: Period, *args: Any, **kwargs: Any) -> fs.Figures:
        calls.append(period)
        return real(uow, period, *args, **kwargs)

    monkeypatch.setattr(fs, "_compute", spy)
    return calls


def _seed(store: Store, clock: FakeClock) -> None:
    clock.now = datetime(2025, 5, 1, 9, 0, tzinfo=UTC)  # inside the closed period (to 2025-09-30)
    for name in NAMES[:6]:
        _notice(store, name)
    clock.now = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)


def _other_process(store: Store) -> Store:
    """The same database through an engine of its own, as another server process would hold it."""
    url = store.engine.url.render_as_string(hide_password=False)
    return Store(store.settings, make_engine(url), store.clock)


def _pages(store: Store) -> dict[str, str]:
    with TestClient(create_app(store), base_url="https://testserver") as client:
        out = {}
        for path in PAGES:
            r = client.get(path)
            assert r.status_code == 200, path
            out[path] = r.text
        return out


def test_a_second_process_serves_the_figures_without_counting(
    store: Store, clock: FakeClock, counted: list[Period]
) -> None:
    _seed(store, clock)
    first = _pages(store)
    assert len(counted) == 1
    other = _other_process(store)
    try:
        second = _pages(other)
        assert counted == counted[:1], "the second process counted the closed period again"
        # the same figures: the JSON and CSV downloads agree to the byte (generated_at included)
        assert second["/transparency/v1/figures"] == first["/transparency/v1/figures"]
        assert (
            second["/transparency/countries/RU/report.json"]
            == first["/transparency/countries/RU/report.json"]
        )
        assert (
            second["/transparency/v1/figures?country=RU&format=csv"]
            == first["/transparency/v1/figures?country=RU&format=csv"]
        )
        # a restart of the first process (a new app) does not count either
        _pages(store)
        assert len(counted) == 1
    finally:
        other.engine.dispose()


def test_the_stored_table_is_the_counted_table(store: Store, clock: FakeClock) -> None:
    _seed(store, clock)
    _notice(store, NAMES[7])  # today: not in the closed period
    counted = fs.public_figures(fs.FiguresQuery(), store.uow())
    back = ft.load(ft.dump(counted))
    assert back.to_dict() == counted.to_dict()
    assert back.to_csv() == counted.to_csv()
    assert back.cells == counted.cells and back.other_grounds == counted.other_grounds
    assert (back.period, back.as_of, back.years, back.countries) == (
        counted.period,
        counted.as_of,
        counted.years,
        counted.countries,
    )


def _cache(store: Store) -> ft.StoredPublicFiguresCache:
    return ft.StoredPublicFiguresCache(store.replica, store.uow, figures_version())


def _public(
    store: Store, cache: fs.PublicFiguresCache, country: str | None = None, minimum: int = 5
) -> fs.Figures:
    settings = fs.FiguresSettings(public_minimum=minimum)
    return fs.public_figures(fs.FiguresQuery(country), store.replica(), settings, cache)


def test_what_the_key_holds_and_what_invalidates(
    store: Store, clock: FakeClock, counted: list[Period]
) -> None:
    """The per-process rule, kept: period and minimum; plus the figures version (code and schema); nothing
    written today recounts; ``clear()`` forgets on demand."""
    _seed(store, clock)
    a, b = _cache(store), _cache(store)
    assert _public(store, a).value("RU", "published") == 6
    assert _public(store, b, "RU").value("RU", "published") == 6
    assert (a.computed, b.computed, b.loaded, len(counted)) == (1, 0, 1, 1)
    # nothing that happens after the period's end recounts, in any process
    _notice(store, NAMES[6])
    assert _public(store, _cache(store)).value("RU", "published") == 6
    assert len(counted) == 1
    # another minimum is another table
    _public(store, _cache(store), minimum=10)
    assert len(counted) == 2
    # another version of the figures (a release changing the counting or the schema) counts once more
    c = ft.StoredPublicFiguresCache(store.replica, store.uow, "another")
    assert _public(store, c).value("RU", "published") == 7 - 1
    assert len(counted) == 3
    # the next quarter closes: a new table, counted once, then read by every process
    clock.now = datetime(2026, 2, 1, 9, 0, tzinfo=UTC)
    assert _public(store, a).period.last == date(2025, 12, 31)
    assert _public(store, _cache(store)).period.last == date(2025, 12, 31)
    assert len(counted) == 4
    # on demand (data written with earlier dates): forgotten in the store and in this process
    a.clear()
    _public(store, _cache(store))
    assert len(counted) == 5


def test_a_table_stored_first_is_kept(store: Store) -> None:
    at = datetime(2026, 1, 15, tzinfo=UTC)
    for payload in ("first", "second"):
        with store.uow() as uow:
            uow.public_figures.put("k", date(2025, 1, 1), date(2025, 9, 30), 5, "v", payload, at)
            uow.commit()
    with store.replica() as uow:
        assert uow.public_figures.get("k") == "first"
        assert uow.public_figures.get("other") is None
    with store.uow() as uow:
        assert uow.public_figures.clear() == 1
        uow.commit()
    with store.replica() as uow:
        assert uow.public_figures.get("k") is None


def test_migration_0022_up_and_down_and_a_store_without_it_still_serves(
    store: Store, clock: FakeClock, counted: list[Period]
) -> None:
    _seed(store, clock)
    cfg = alembic_config(store.engine)
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0021")
    try:
        assert "public_figures_tables" not in inspect(store.engine).get_table_names()
        cache = _cache(store)
        assert _public(store, cache).value("RU", "published") == 6  # counted, kept in the process
        assert _public(store, cache).value("RU", "published") == 6
        assert len(counted) == 1 and cache.computed == 1
    finally:
        upgrade(store.engine)
    assert "public_figures_tables" in inspect(store.engine).get_table_names()
    _public(store, _cache(store))
    assert len(counted) == 2  # the store had none: counted once, then stored
    _public(store, _cache(store))
    assert len(counted) == 2


def test_the_memory_fakes_share_tables_as_the_store_does(counted: list[Period]) -> None:
    data = MemoryData()
    now = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)

    def uow() -> MemoryUnitOfWork:
        return MemoryUnitOfWork(data, lambda: now)

    factory: Callable[[], UnitOfWork] = uow
    a = ft.StoredPublicFiguresCache(factory, factory, "v")
    b = ft.StoredPublicFiguresCache(factory, factory, "v")
    first = fs.public_figures(fs.FiguresQuery(), uow(), cache=a)
    second = fs.public_figures(fs.FiguresQuery(), uow(), cache=b)
    assert second.to_dict() == first.to_dict()
    assert (a.computed, b.computed, b.loaded, len(counted)) == (1, 0, 1, 1)
    b.clear()
    fs.public_figures(fs.FiguresQuery(), uow(), cache=ft.StoredPublicFiguresCache(factory, factory, "v"))
    assert len(counted) == 2


def test_tables_no_process_asks_for_are_forgotten(
    store: Store, clock: FakeClock, counted: list[Period]
) -> None:
    """Storing a table forgets the others counted more than two days before (an earlier period, another
    minimum, an earlier deployment's version); a table counted within two days stays for processes that have
    not moved on yet. The stored tables do not grow with every quarter and release."""
    _seed(store, clock)
    _public(store, _cache(store))  # 2025-01-01 .. 2025-09-30, counted on 2026-01-15
    assert _rows(store) == 1
    clock.now = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)  # the next quarter has closed
    _public(store, _cache(store))
    assert _rows(store) == 1  # the earlier period's table, counted 76 days before, is gone
    clock.now = datetime(2026, 4, 2, 9, 0, tzinfo=UTC)
    _public(store, _cache(store), minimum=10)
    assert _rows(store) == 2  # the period's table counted yesterday stays beside the new one


def _rows(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM public_figures_tables")).scalar_one())
