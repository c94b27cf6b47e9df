"""Issue 18: the in-memory fakes page by cursor both ways as the database stores do (the HTML pages' Next and
Previous links): the review queue and internal lists walked forward by ``next_after`` and back by
``prev_before`` hold every row once, in the list's order, the same pages both ways."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from rednotice.adapters.memory import MemoryUnitOfWork
from rednotice.domain.errors import InvalidInput
from rednotice.services import notices as ns
from rednotice.services import review
from rednotice.services.ports import NoticeFilter
from rednotice.services.review import QueueFilter
from tests.unit.test_list_paging import NOW, REV, _env

Page = tuple[list[str], str | None, str | None]


def walk(read: Callable[[str | None, str | None], Page]) -> tuple[list[list[str]], list[list[str]]]:
    """Pages forward from the start by the next cursors, then back from the last by the previous ones."""
    forward: list[list[str]] = []
    ids, following, preceding = read(None, None)
    forward.append(ids)
    while following is not None:
        ids, following, preceding = read(following, None)
        forward.append(ids)
    backward = [ids]
    while preceding is not None:
        ids, _, preceding = read(None, preceding)
        backward.append(ids)
    return forward, backward


def test_the_queue_walks_both_ways() -> None:
    data = _env(13)

    def read(after: str | None, before: str | None) -> Page:
        page = review.queue_page(QueueFilter(), REV, MemoryUnitOfWork(data, lambda: NOW), 5, 0, after, before)
        return [n.id for n, _ in page.items], page.next_after, page.prev_before

    forward, backward = walk(read)
    whole = [n.id for n, _ in review.queue(REV, MemoryUnitOfWork(data, lambda: NOW), 100, 0)]
    assert [len(p) for p in forward] == [5, 5, 3]
    assert [i for p in forward for i in p] == whole
    assert backward == forward[::-1]


def test_the_internal_list_walks_both_ways() -> None:
    data = _env(11)

    def read(after: str | None, before: str | None) -> Page:
        flt = NoticeFilter(limit=4, after=after, before=before)
        page = ns.list_notices(flt, REV, MemoryUnitOfWork(data, lambda: NOW))
        return [n.id for n in page.items], ns.next_cursor(page), ns.previous_cursor(page)

    forward, backward = walk(read)
    assert [len(p) for p in forward] == [4, 4, 3]
    assert sorted(i for p in forward for i in p) == sorted(data.notices)
    assert backward == forward[::-1]


def test_after_and_before_together_are_refused() -> None:
    data = _env(3)
    uow = MemoryUnitOfWork(data, lambda: NOW)
    first = ns.list_notices(NoticeFilter(limit=1), REV, uow)
    cursor = ns.next_cursor(first)
    assert cursor is not None
    with pytest.raises(InvalidInput):
        ns.list_notices(NoticeFilter(limit=1, after=cursor, before=cursor), REV, uow)
    with pytest.raises(InvalidInput):
        review.queue_page(QueueFilter(), REV, uow, 1, 1, after=cursor)
