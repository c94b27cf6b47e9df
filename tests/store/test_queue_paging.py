"""The review queue and internal lists cost a page (issue 18), on both stores.

The queue is filtered, ordered and paged by the store; the ICCS sections of each request's latest check
are stored with the check (``notice_keys`` of kind ``sec``, migration 0020) and survive the notice's own
changes; large totals are bounded as lists count them; internal lists page by cursor as well as by offset.
The query plans are checked in tests/store/test_list_plans.py.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from alembic import command
from sqlalchemy import select, text

from rednotice.adapters.db import counts
from rednotice.adapters.db import tables as t
from rednotice.adapters.db.migrate import alembic_config, upgrade
from rednotice.bootstrap import Store
from rednotice.domain.errors import InvalidInput
from rednotice.domain.lifecycle import Notice, State
from rednotice.domain.users import Actor, Role
from rednotice.services import notices as ns
from rednotice.services import review
from rednotice.services.ports import NoticeFilter
from rednotice.services.review import QueueFilter, StoredCheck
from tests.factories import make_request

REV = Actor("rev", Role.REVIEWER)
BASE = datetime(2026, 1, 1, tzinfo=UTC)


def _result(*sections: str) -> dict[str, Any]:
    return {"analysis": {"charges": [{"offence": "x", "iccs": {"section": s}} for s in sections]}}


def _waiting(store: Store, count: int, start: int = 0, country: str = "FR") -> list[Notice]:
    """``count`` submitted red notices, one a minute, in one batch."""
    notices = [
        Notice(
            f"2026/{start + i:05d}",
            make_request(**{"requesting_country": country, "subject.family_name": f"QUEUED{i % 7}"}),
            State.SUBMITTED,
            created_at=BASE,
            created_by="t",
            submitted_at=BASE + timedelta(minutes=start + i),
        )
        for i in range(count)
    ]
    with store.uow() as uow:
        uow.notices.add_many(notices)
        uow.commit()
    return notices


def _check(store: Store, notice_id: str, risk: int, *sections: str) -> None:
    with store.uow() as uow:
        uow.reviews.add_check(StoredCheck(notice_id, 1, BASE, "review", risk, _result(*sections)))
        uow.commit()


def _sections(store: Store, notice_id: str) -> list[str]:
    k = t.notice_keys
    with store.uow() as uow:
        q = select(k.c.key).where(k.c.notice_id == notice_id, k.c.kind == "sec").order_by(k.c.key)
        return list(uow.connection.execute(q).scalars())


def test_the_queue_pages_in_order_with_every_filter(store: Store) -> None:
    fr = _waiting(store, 30)
    de = _waiting(store, 5, start=100, country="DE")
    for i, notice in enumerate(fr[:10]):
        _check(store, notice.id, 10 * (i % 3), "01" if i % 2 else "07")
    _check(store, de[0].id, 50, "07", "03")
    everything = [n.id for n, _ in review.queue(REV, store.uow(), 100, 0)]
    assert everything[0] == de[0].id and len(everything) == 35

    pages = [review.queue_page(QueueFilter(), REV, store.uow(), 8, offset) for offset in range(0, 40, 8)]
    assert [n.id for p in pages for n, _ in p.items] == everything
    assert {p.total for p in pages} == {35} and all(p.total_exact for p in pages)
    assert pages[0].items[0][1] is not None and pages[0].items[0][1].risk == 50  # with its latest check

    def ids(flt: QueueFilter, limit: int = 100, offset: int = 0) -> list[str]:
        return [n.id for n, _ in review.queue_page(flt, REV, store.uow(), limit, offset).items]

    assert ids(QueueFilter(country="DE")) == [n.id for n in de]
    assert ids(QueueFilter(min_risk=20)) == [
        x for x in everything if x in {de[0].id, fr[2].id, fr[5].id, fr[8].id}
    ]
    assert ids(QueueFilter(iccs_section="07")) == [
        x for x in everything if x in {de[0].id, *(fr[i].id for i in (0, 2, 4, 6, 8))}
    ]
    assert ids(QueueFilter(iccs_section="03")) == [de[0].id]
    assert (
        ids(QueueFilter(iccs_section="07", country="FR"), limit=2, offset=1)
        == ids(QueueFilter(iccs_section="07", country="FR"))[1:3]
    )
    assert ids(QueueFilter(text=fr[3].id.replace("/", "-"))) == [fr[3].id]
    assert set(ids(QueueFilter(text="queued3"))) == {
        n.id for n in fr + de if n.request.subject.family_name == "QUEUED3"
    }
    assert ids(QueueFilter(states=(State.UNDER_REVIEW,))) == []
    older = review.queue_page(QueueFilter(older_than_days=1), REV, store.uow())
    assert older.total == 35  # the fake clock is far past BASE
    with pytest.raises(InvalidInput):
        review.queue_page(QueueFilter(), REV, store.uow(), 0, 0)


def test_sections_are_the_latest_checks_and_survive_the_notices_changes(store: Store) -> None:
    (notice,) = _waiting(store, 1)
    _check(store, notice.id, 5, "01", "07")
    assert _sections(store, notice.id) == ["01", "07"]
    _check(store, notice.id, 5, "11")
    assert _sections(store, notice.id) == ["11"], "the latest check's, not every check's"
    with store.uow() as uow:
        stored = uow.notices.get(notice.id)
        assert stored is not None
        uow.notices.save(replace(stored, state=State.UNDER_REVIEW), stored.version, [])
        uow.commit()
    assert _sections(store, notice.id) == ["11"], "a change of the notice keeps its check's sections"
    found = review.queue_page(QueueFilter(iccs_section="11"), REV, store.uow())
    assert [n.id for n, _ in found.items] == [notice.id]


def test_a_large_queue_is_counted_to_the_bound_then_estimated(store: Store) -> None:
    _waiting(store, counts.EXACT_UP_TO + 20)
    counts._cache.clear()
    if store.engine.dialect.name == "postgresql":
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE notices"))
    page = review.queue_page(QueueFilter(), REV, store.uow(), 20, 0)
    assert len(page.items) == 20
    if store.engine.dialect.name == "postgresql":
        assert not page.total_exact and page.total >= counts.EXACT_UP_TO + 1
        with store.uow() as uow:
            event = list(uow.audit.events())[-1]
        assert event.action == "review.queue" and event.data.get("total_estimated") is True
    else:
        assert page.total_exact and page.total == counts.EXACT_UP_TO + 20
    small = review.queue_page(QueueFilter(text="queued1"), REV, store.uow(), 20, 0)
    assert small.total_exact and small.total == len([i for i in range(counts.EXACT_UP_TO + 20) if i % 7 == 1])


def test_internal_lists_page_by_cursor(store: Store, clock: Any) -> None:
    for i in range(7):
        with store.uow() as uow:
            uow.notices.add(
                Notice(f"2026/{i:05d}", make_request(), State.PUBLISHED, created_at=BASE, created_by="t")
            )
            uow.commit()
    by_offset = [n.id for n in ns.list_notices(NoticeFilter(limit=100), REV, store.uow()).items]
    seen: list[str] = []
    after = None
    while True:
        page = ns.list_notices(NoticeFilter(limit=3, after=after), REV, store.uow())
        assert page.total == 7 and ns.total_is_exact(page)
        seen += [n.id for n in page.items]
        after = ns.next_cursor(page)
        if after is None:
            break
    assert seen == by_offset
    with pytest.raises(InvalidInput, match="cursor"):
        ns.list_notices(NoticeFilter(after="not-a-cursor"), REV, store.uow())
    with pytest.raises(InvalidInput, match="not both"):
        ns.list_notices(NoticeFilter(after=ns.encode_cursor("x"), offset=3), REV, store.uow())


def test_migration_0020_fills_sections_from_the_latest_checks_and_downgrades(store: Store) -> None:
    a, b = _waiting(store, 2)
    _check(store, a.id, 5, "01")
    _check(store, a.id, 5, "04", "07")
    _check(store, b.id, 0)
    with store.engine.begin() as conn:
        cfg = alembic_config(store.engine)
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0019")
    assert _sections(store, a.id) == []
    with store.engine.connect() as conn:
        names = _indexes(conn)
    assert "ix_notices_queue_order" in names and "ix_notices_queue_waiting" not in names
    upgrade(store.engine)
    assert _sections(store, a.id) == ["04", "07"] and _sections(store, b.id) == []
    with store.engine.connect() as conn:
        names = _indexes(conn)
    assert {"ix_notices_queue_waiting", "ix_notices_queue_country"} <= names
    assert "ix_notices_queue_order" not in names
    found = review.queue_page(QueueFilter(iccs_section="04"), REV, store.uow())
    assert [n.id for n, _ in found.items] == [a.id]


def _indexes(conn: Any) -> set[str]:
    from sqlalchemy import inspect

    return {ix["name"] for ix in inspect(conn).get_indexes("notices") if ix["name"]}


def test_the_planner_hints_end_with_the_walk(store: Store) -> None:
    """The bounded walks turn hash and merge joins and parallel workers off on PostgreSQL for their own
    statements only: the rest of the transaction plans as configured."""
    (notice,) = _waiting(store, 1)
    _check(store, notice.id, 5, "07")
    with store.uow() as uow:
        page = uow.reviews.queue_page(QueueFilter(iccs_section="07"), None, 20, 0)
        assert [n.id for n, _ in page.items] == [notice.id]
        if store.engine.dialect.name == "postgresql":
            for name in ("enable_hashjoin", "enable_mergejoin", "max_parallel_workers_per_gather"):
                q = text("SELECT setting = reset_val FROM pg_settings WHERE name = :name")
                assert uow.connection.execute(q, {"name": name}).scalar() is True, name
