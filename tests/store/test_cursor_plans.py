"""Pages by cursor cost a page (issue 18): on PostgreSQL the queue's and internal lists' pages after and
before a cursor (the HTML pages' Next and Previous links) read the notices through an index, the queue
through its partial indexes, never by a sequential scan. Same seeded schema and method as
tests/store/test_list_plans.py (its fixture); timings are in benchmarks/lists.py."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

import pytest
from sqlalchemy import Engine

from rednotice.adapters.db.store import SqlUnitOfWork
from rednotice.domain.lifecycle import State
from rednotice.services.notices import ListPage
from rednotice.services.ports import NoticeFilter
from rednotice.services.review import QueueFilter
from tests.store.test_list_plans import _plans, engine  # noqa: F401  (the seeded module fixture)


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
