"""Public figures are as of the closed period's end, and counted once per period (issue 14, items 4 and 10),
on SQLite and PostgreSQL.

"In force today" on the public pages moved with each deletion: comparing today's count with yesterday's
told that a notice had just been deleted, and with the CCF figures, why. Public figures now count the
notices in force at the end of the closed period, from the lifecycle history, and what had become of each
event by then; a deletion today moves nothing public until the next quarter closes (and then only inside
a quarter's totals, under the same suppression)."""

from __future__ import annotations

from datetime import UTC, datetime

from rednotice.adapters.db.store import SqlUnitOfWork
from rednotice.bootstrap import Store
from rednotice.domain.lifecycle import Action
from rednotice.services import figures as fs
from rednotice.services import notices as ns
from tests.conftest import FakeClock
from tests.store.test_redress import CCF, REV, published

NAMES = ["ABADI", "BOROV", "CHEKHOV", "DUBOV", "ERMAKOV", "FEDOROV", "GORIN", "HALIN", "IVANOV"]


def _notice(store: Store, name: str) -> str:
    fields = {"requesting_country": "RU", "subject.family_name": name, "subject.aliases": []}
    return published(store, **fields)


def test_in_force_on_public_pages_is_as_of_the_closed_period(store: Store, clock: FakeClock) -> None:
    clock.now = datetime(2025, 5, 1, 9, 0, tzinfo=UTC)  # inside the closed period (to 2025-09-30)
    ids = [_notice(store, name) for name in NAMES[:7]]
    clock.now = datetime(2025, 11, 2, 9, 0, tzinfo=UTC)  # after the period's end, before today
    ns.transition(ns.Transition(ids[6], Action.DELETE, "non-compliant"), REV, store.uow())
    clock.now = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)

    def public() -> fs.Figures:
        return fs.public_figures(fs.FiguresQuery("RU"), store.uow())

    before = public()
    assert before.value("RU", "in_force.total") == 7  # on 2025-09-30, the later deletion not yet made
    assert before.label("in_force.total") == "In force on 2025-09-30"
    assert before.to_dict()["in_force_as_of"].startswith("2025-10-01")

    # today: the CCF deletes one, the General Secretariat deletes another, one more is published
    ns.transition(ns.Transition(ids[0], Action.DELETE, "CCF decision"), CCF, store.uow())
    ns.transition(ns.Transition(ids[1], Action.DELETE, "non-compliant"), REV, store.uow())
    _notice(store, NAMES[7])
    after = public()
    assert {k: c.text for k, c in after.cells.items()} == {k: c.text for k, c in before.cells.items()}
    # oversight sees today's snapshot
    full = fs.figures(fs.FiguresQuery("RU"), REV, store.uow())
    assert full.value("RU", "in_force.total") == 5
    assert full.label("in_force.total") == "In force today"


def test_the_public_table_is_counted_once_per_closed_period(store: Store, clock: FakeClock) -> None:
    calls = []

    class CountingUnitOfWork(SqlUnitOfWork):
        """Counts the times the figures are read: each table computed opens one unit of work."""

        def __enter__(self) -> CountingUnitOfWork:
            super().__enter__()
            calls.append(1)
            return self

    clock.now = datetime(2025, 5, 1, 9, 0, tzinfo=UTC)
    for name in NAMES[:6]:
        _notice(store, name)
    clock.now = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)
    cache = fs.PublicFiguresCache()

    def public(country: str | None = None) -> fs.Figures:
        return fs.public_figures(
            fs.FiguresQuery(country), CountingUnitOfWork(store.engine, store.clock), cache=cache
        )

    first = public()
    assert public("RU").value("RU", "published") == 6 and public("FR").value("FR", "published") == 0
    assert public().cells is first.cells  # the same table, shared
    assert len(calls) == 1 and cache.computed == 1
    assert first.country is None  # slicing a country did not change the shared table
    # nothing that happens today recounts
    _notice(store, NAMES[6])
    clock.advance(days=10)  # the same closed period (to 2025-09-30) until 2025-12-31 + 30 days
    assert public("RU").value("RU", "published") == 6
    assert len(calls) == 1
    # the next quarter closes (2025-12-31, 30 days later): a new table
    clock.now = datetime(2026, 2, 1, 9, 0, tzinfo=UTC)
    assert public().period.last.isoformat() == "2025-12-31"
    assert len(calls) == 2
    # on demand
    cache.clear()
    public()
    assert len(calls) == 3 and cache.computed == 3


def test_public_pages_share_the_table_of_the_app(store: Store, clock: FakeClock) -> None:
    """Every public page and download of the app is cut from one table per closed period."""
    from fastapi.testclient import TestClient

    from rednotice.web.app import create_app

    with TestClient(create_app(store), base_url="https://testserver") as client:
        for path in (
            "/transparency/v1/figures",
            "/transparency/v1/figures?country=RU&format=csv",
            "/transparency",
            "/transparency/countries/RU",
            "/transparency/countries/RU/report.json",
        ):
            assert client.get(path).status_code == 200, path
        _notice(store, NAMES[0])
        assert client.get("/transparency/v1/figures").status_code == 200
        cache = client.app.state.public_figures_cache  # type: ignore[attr-defined]
        assert cache.computed == 1
        body = client.get("/transparency/countries/RU/report.json").json()
        assert body["in_force_as_of"].startswith("2025-10-01")
        assert "In force on 2025-09-30" in client.get("/transparency").text
