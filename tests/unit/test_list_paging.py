"""Paging lists on the in-memory fakes (issue 18): the review queue page with its filters and its audit, and
the cursor of internal lists. The database stores are held to the same in tests/store/test_queue_paging.py."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from rednotice.adapters.memory import MemoryData, MemoryUnitOfWork
from rednotice.domain.errors import Forbidden, InvalidInput
from rednotice.domain.lifecycle import Notice, State
from rednotice.domain.users import Actor, Role
from rednotice.services import notices as ns
from rednotice.services import review
from rednotice.services.ports import NoticeFilter
from rednotice.services.review import QueueFilter, StoredCheck
from tests.factories import make_request

REV = Actor("rev", Role.REVIEWER)
FR = Actor("ncb-fr", Role.NCB_OFFICER, "FR")
NOW = datetime(2026, 3, 1, tzinfo=UTC)


def _env(count: int) -> MemoryData:
    data = MemoryData()
    uow = MemoryUnitOfWork(data, lambda: NOW)
    with uow:
        for i in range(count):
            notice = Notice(
                f"2026/{i:05d}",
                make_request(**{"subject.family_name": f"PAGED{i % 3}"}),
                State.SUBMITTED,
                created_at=NOW,
                created_by="t",
                submitted_at=NOW - timedelta(days=i),
            )
            uow.notices.add(notice)
            charges = [{"iccs": {"section": "07" if i % 2 else "01"}}]
            result = {"analysis": {"charges": charges}}
            uow.reviews.add_check(StoredCheck(notice.id, 1, NOW, "review", (i % 4) * 10, result))
        uow.commit()
    return data


def test_the_queue_page_filters_orders_and_counts() -> None:
    data = _env(12)

    def uow() -> MemoryUnitOfWork:
        return MemoryUnitOfWork(data, lambda: NOW)

    whole = [n.id for n, _ in review.queue(REV, uow(), 100, 0)]
    pages = [review.queue_page(QueueFilter(), REV, uow(), 5, offset) for offset in (0, 5, 10)]
    assert [n.id for p in pages for n, _ in p.items] == whole
    assert [len(p.items) for p in pages] == [5, 5, 2] and {p.total for p in pages} == {12}
    sections = review.queue_page(QueueFilter(iccs_section="07", min_risk=10), REV, uow())
    assert all("07" in review.iccs_sections(c) and c is not None and c.risk >= 10 for _, c in sections.items)
    assert sections.total == len([i for i in range(12) if i % 2 and i % 4]) == len(sections.items)
    assert review.queue_page(QueueFilter(older_than_days=10), REV, uow()).total == 2
    assert review.queue_search(QueueFilter(text="paged1"), REV, uow())[1] == 4
    event = data.audit[-1]
    assert event.action == "review.queue" and event.data["total"] == 4 and "total_estimated" not in event.data
    with pytest.raises(Forbidden):
        review.queue_page(QueueFilter(), FR, uow())
    with pytest.raises(InvalidInput):
        review.queue_page(QueueFilter(states=(State.PUBLISHED,)), REV, uow())
    with pytest.raises(InvalidInput):
        review.queue_page(QueueFilter(), REV, uow(), 20, -1)


def test_internal_lists_page_by_cursor() -> None:
    data = _env(7)

    def uow() -> MemoryUnitOfWork:
        return MemoryUnitOfWork(data, lambda: NOW)

    everything = [n.id for n in ns.list_notices(NoticeFilter(limit=100), REV, uow()).items]
    seen: list[str] = []
    page = ns.list_notices(NoticeFilter(limit=3), REV, uow())
    while True:
        assert page.total == 7 and ns.total_is_exact(page)
        seen += [n.id for n in page.items]
        after = ns.next_cursor(page)
        if after is None:
            break
        page = ns.list_notices(NoticeFilter(limit=3, after=after), REV, uow())
    assert seen == everything
    assert data.audit[-1].data["after"] is not None
    for bad in ("", "%%%", ns.encode_cursor("a", "b"), "x" * 500):
        with pytest.raises(InvalidInput, match="cursor"):
            ns.list_notices(NoticeFilter(after=bad), REV, uow())
    with pytest.raises(InvalidInput, match="not both"):
        ns.list_notices(NoticeFilter(after=ns.encode_cursor("2026/00001"), offset=1), REV, uow())


def test_cursors_round_trip_and_refuse_what_they_did_not_make() -> None:
    cursor = ns.encode_cursor("2026-01-01T00:00:00+00:00", "2026/00001")
    assert ns.decode_cursor(cursor, 2) == ["2026-01-01T00:00:00+00:00", "2026/00001"]
    assert "=" not in cursor and "/" not in cursor
    with pytest.raises(InvalidInput):
        ns.decode_cursor(cursor, 1)
