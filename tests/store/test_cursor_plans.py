"""Pages by cursor cost a page (issue 18): on PostgreSQL the queue's and internal lists' pages after and
before a cursor (the HTML pages' Next and Previous links) read the notices through an index, the queue
through its partial indexes, never by a sequential scan. Same seeded schema and method as
tests/store/test_list_plans.py (its fixture); timings are in benchmarks/lists.py."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import Engine, text

from rednotice.adapters.db.store import SqlUnitOfWork
from rednotice.domain.lifecycle import State
from rednotice.domain.model import NoticeType
from rednotice.services.notices import ListPage
from rednotice.services.ports import NoticeFilter
from rednotice.services.review import QueueFilter
from tests.store.test_list_plans import _plans, _statements, engine  # noqa: F401  (the seeded module fixture)


def _queue_by_cursor(flt: QueueFilter, back: bool = False) -> Callable[[SqlUnitOfWork], object]:
    """The queue's third page (5 a page) by the second's cursor, or (``back``) the first by Previous."""

    def call(uow: SqlUnitOfWork) -> object:
        first = uow.reviews.queue_page(flt, None, 5, 0)
        assert first.next_after is not None
        second = uow.reviews.queue_page(flt, None, 5, 0, first.next_after)
        if back:
            assert second.prev_before is not None
            return uow.reviews.queue_page(flt, None, 5, 0, None, second.prev_before)
        assert second.next_after is not None
        return uow.reviews.queue_page(flt, None, 5, 0, second.next_after)

    return call


def _list_back(flt: NoticeFilter) -> Callable[[SqlUnitOfWork], object]:
    """The first page again, by the Previous cursor of the second."""

    def call(uow: SqlUnitOfWork) -> object:
        first = uow.notices.find(flt)
        assert isinstance(first, ListPage) and first.next_after is not None
        second = uow.notices.find(replace(flt, after=first.next_after))
        assert isinstance(second, ListPage) and second.prev_before is not None
        return uow.notices.find(replace(flt, before=second.prev_before))

    return call


CURSORS: dict[str, tuple[Callable[[SqlUnitOfWork], object], str | None]] = {
    "queue, next": (_queue_by_cursor(QueueFilter()), "ix_notices_queue_waiting"),
    "queue, previous": (_queue_by_cursor(QueueFilter(), back=True), "ix_notices_queue_waiting"),
    "queue by country, next": (_queue_by_cursor(QueueFilter(country="FR")), "ix_notices_queue_country"),
    "queue by country, previous": (
        _queue_by_cursor(QueueFilter(country="FR"), back=True),
        "ix_notices_queue_country",
    ),
    "queue by lowest risk, next": (_queue_by_cursor(QueueFilter(min_risk=20)), None),
    "queue by ICCS section, next": (_queue_by_cursor(QueueFilter(iccs_section="07")), None),
    "internal list, previous": (_list_back(NoticeFilter(limit=50)), None),
    "internal list by state, previous": (_list_back(NoticeFilter(states=(State.PUBLISHED,), limit=50)), None),
    "a bureau's requests in one state (the NCB dashboard), previous": (
        _list_back(NoticeFilter(requesting_country="FR", states=(State.PUBLISHED,), limit=5)),
        "ix_notices_country_state_updated",
    ),
}


@pytest.mark.parametrize("name", list(CURSORS))
def test_pages_by_cursor_read_notices_by_index(engine: Engine, name: str) -> None:  # noqa: F811
    call, index = CURSORS[name]
    plans = _plans(engine, call)
    assert plans, "the call sent no query on the notices"
    scans = [p for p in plans if re.search(r"Seq Scan on notices\b", p)]
    assert not scans, "\n\n".join(scans)
    if index is not None:
        pages = [p for p in plans if "notices.payload" in p and "count(" not in p]  # the page, not its count
        assert pages and all(index in p for p in pages), "\n\n".join(pages)


# -- counts that read an index alone (issue 18, item 2: migration 0023 and the counts' shape)

WAITING_RED = NoticeFilter(states=(State.SUBMITTED, State.UNDER_REVIEW), type=NoticeType.RED_NOTICE, limit=20)
"""The review page's and the reviewer dashboard's waiting count (78 ms at 700,000 when it was ordered)."""


def _counts(statements: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [(s, p) for s, p in statements if s.lstrip().upper().startswith("SELECT COUNT(")]


def test_a_state_filter_is_counted_unordered(engine: Engine) -> None:  # noqa: F811
    """No index holds two states in list order: an ordered count gathered and sorted every match."""
    counts = _counts(_statements(engine, lambda uow: uow.notices.find(WAITING_RED)))
    assert counts and not any("ORDER BY" in s for s, _ in counts), counts
    plans = _plans(engine, lambda uow: uow.notices.find(WAITING_RED))
    assert not [p for p in plans if re.search(r"Seq Scan on notices\b", p)], "\n\n".join(plans)


def test_names_keep_detailed_statistics_on_postgresql(engine: Engine) -> None:  # noqa: F811
    """With the default 100 the planner took a name matching 5% of 700,000 notices for 70 rows (0023)."""
    with engine.connect() as conn:
        target = conn.exec_driver_sql(
            "SELECT attstattarget FROM pg_attribute"
            " WHERE attrelid = 'notices'::regclass AND attname = 'search_names'"
        ).scalar_one()
    assert target == 1000


@pytest.fixture(scope="module")
def sqlite_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A SQLite store seeded once for the module and ANALYZEd, as the benchmark's is."""
    from benchmarks.seed import seed

    from rednotice.adapters.db.engine import make_engine
    from rednotice.adapters.db.migrate import upgrade
    from tests.store.test_list_plans import NOTICES, _check_waiting

    path = tmp_path_factory.mktemp("sqlite-plans") / "plans.sqlite3"
    eng = make_engine(f"sqlite:///{path}")
    upgrade(eng)
    seed(eng, NOTICES)
    _check_waiting(eng)
    with eng.begin() as conn:
        conn.execute(text("ANALYZE"))
    yield eng
    eng.dispose()


def _sqlite_count_plans(store: Engine, call: Callable[[SqlUnitOfWork], object]) -> list[str]:
    out = []
    with store.connect() as conn:
        for statement, parameters in _counts(_statements(store, call)):
            rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
            out.append(statement + "\n" + "\n".join(str(r[-1]) for r in rows))
    return out


SQLITE_COUNTS: dict[str, tuple[Callable[[SqlUnitOfWork], object], str]] = {
    "internal list by name": (
        lambda uow: uow.notices.find(NoticeFilter(name="ivanov")),
        "COVERING INDEX ix_notices_search_names_trgm",
    ),
    "review queue by name": (
        lambda uow: uow.reviews.queue_page(QueueFilter(text="ivanov"), None, 20, 0),
        "COVERING INDEX ix_notices_queue_names",
    ),
    "waiting red notices": (
        lambda uow: uow.notices.find(WAITING_RED),
        "COVERING INDEX ix_notices_state_type",
    ),
}


@pytest.mark.parametrize("name", list(SQLITE_COUNTS))
def test_sqlite_counts_read_an_index_alone(sqlite_engine: Engine, name: str) -> None:
    """SQLite counts a name, the queue by name and the waiting requests from an index holding every column
    the count needs (no row of ``notices`` read, no sort): 37 -> 8 ms and 130 -> 6 ms at 700,000."""
    call, index = SQLITE_COUNTS[name]
    plans = _sqlite_count_plans(sqlite_engine, call)
    assert plans, "the call counted nothing"
    assert all(index in p and "TEMP B-TREE" not in p for p in plans), "\n\n".join(plans)
