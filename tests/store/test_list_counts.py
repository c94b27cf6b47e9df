"""What lists read is written with the notice (issue 18), and large totals are honest about being estimates.

Both stores: ``public_terms`` and ``notice_keys`` change in the same transaction as the notice (no search
builds them); beyond ``counts.EXACT_UP_TO`` matches PostgreSQL estimates and says so, SQLite counts and
never serves a count older than the last change.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import overload

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, func, select, text

from rednotice.adapters.db import counts
from rednotice.adapters.db import tables as t
from rednotice.adapters.db.tables_public import public_sync, public_terms
from rednotice.bootstrap import Store
from rednotice.domain.lifecycle import Notice, State
from rednotice.domain.model import Relation, RelationKind
from rednotice.services.ports import NoticeFilter
from rednotice.services.public import PublicQuery
from rednotice.web.app import create_app
from tests.factories import make_request

NOW = datetime(2026, 1, 15, tzinfo=UTC)


@overload
def _put(store: Store, notice_id: str, /, **overrides: object) -> Notice: ...
@overload
def _put(store: Store, notice_id: str, /, public: bool = True, **overrides: object) -> Notice: ...
def _put(store: Store, notice_id: str, /, public: object = True, **overrides: object) -> Notice:
    request = make_request(**{"visibility.public_extract": public, **overrides})
    notice = Notice(notice_id, request, State.PUBLISHED, created_at=NOW, published_at=NOW, created_by="f")
    with store.uow() as uow:
        uow.notices.add(notice)
        uow.commit()
    return notice


def _terms(store: Store, notice_id: str) -> int:
    with store.uow() as uow:
        q = select(func.count()).select_from(public_terms).where(public_terms.c.notice_id == notice_id)
        return int(uow.connection.execute(q).scalar_one())


def test_public_terms_are_written_with_the_notice_not_by_a_search(store: Store) -> None:
    notice = _put(store, "2026/00001", **{"subject.family_name": "KOWALSKA"})
    assert _terms(store, notice.id) > 0, "written with the notice, before any search"
    with store.uow() as uow:
        synced = uow.connection.execute(select(public_sync.c.seq)).scalar()
        found = uow.public.search_page(PublicQuery.parse({"name": "^kowalska$"}), date(2026, 1, 15))
        assert uow.connection.execute(select(public_sync.c.seq)).scalar() == synced, "no search-time sync"
    assert [r.entity_id for r in found.rows] == [notice.id]
    with store.uow() as uow:
        stored = uow.notices.get(notice.id)
        assert stored is not None
        uow.notices.save(replace(stored, state=State.SUSPENDED), stored.version, [])
        uow.commit()
    assert _terms(store, notice.id) == 0, "no longer public: its terms go in the same transaction"


def test_nationality_and_relation_keys_follow_every_change(store: Store) -> None:
    notice = _put(
        store,
        "2026/00002",
        **{
            "subject.nationalities": ["RU", "IL"],
            "subject.relations": [{"notice_id": "2019/12345", "relation": "sibling"}],
        },
    )
    with store.uow() as uow:
        assert [n.id for n in uow.notices.find(NoticeFilter(nationality="IL")).items] == [notice.id]
        assert uow.reviews.relation_count("2019/12345") == 1
        stored = uow.notices.get(notice.id)
        assert stored is not None
        subject = replace(
            stored.request.subject,
            nationalities=("DE",),
            relations=(Relation("2019/99999", RelationKind.SPOUSE),),
        )
        changed = replace(stored, request=replace(stored.request, subject=subject))
        uow.notices.save(changed, stored.version, [])
        uow.commit()
    with store.uow() as uow:
        assert uow.notices.find(NoticeFilter(nationality="IL")).items == []
        assert [n.id for n in uow.notices.find(NoticeFilter(nationality="DE")).items] == [notice.id]
        assert uow.reviews.relation_count("2019/12345") == 0
        assert uow.reviews.relation_count("2019/99999") == 1
        keys = uow.connection.execute(
            select(func.count()).select_from(t.notice_keys).where(t.notice_keys.c.notice_id == notice.id)
        ).scalar_one()
    assert keys >= 2


def test_a_total_beyond_the_bound_is_estimated_or_counted_afresh(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(counts, "EXACT_UP_TO", 2)
    for i in range(5):
        _put(store, f"2026/{i + 10:05d}")
    with TestClient(create_app(store)) as api:
        data = api.get("/notices/v1/red").json()
        if store.engine.dialect.name == "postgresql":
            assert data.get("totalIsEstimate") is True, data
            assert data["total"] >= 3, "never less than what was counted"
        else:
            assert "totalIsEstimate" not in data and data["total"] == 5
            _put(store, "2026/00099")
            assert api.get("/notices/v1/red").json()["total"] == 6, "a change of the store is a new count"
    monkeypatch.setattr(counts, "EXACT_UP_TO", 10_000)
    with TestClient(create_app(store)) as api:
        data = api.get("/notices/v1/red").json()
    assert "totalIsEstimate" not in data and data["total"] in (5, 6)


def test_an_estimate_reads_this_stores_index_not_one_of_that_name_elsewhere(store: Store) -> None:
    """Several stores may share one PostgreSQL database, a schema each (the tests' workers, benchmark
    stores): an index is looked up in this store's schema. Before, its name alone found another schema's
    (the 70,000-notice store's total came from the 700,000-notice one)."""
    if store.engine.dialect.name != "postgresql":
        pytest.skip("estimates are PostgreSQL's")
    other = f"rn_other_{uuid.uuid4().hex[:8]}"
    with store.engine.connect() as conn:
        try:
            conn.execute(text(f"CREATE SCHEMA {other}"))
            conn.execute(text(f"CREATE TABLE {other}.probe (x integer)"))
            conn.execute(text(f"CREATE INDEX ix_estimate_probe ON {other}.probe (x)"))
            conn.execute(text(f"INSERT INTO {other}.probe SELECT generate_series(1, 50000)"))
            conn.execute(text(f"ANALYZE {other}.probe"))
            estimate = counts._estimate(conn, select(t.notices.c.id), "ix_estimate_probe")
        finally:
            conn.rollback()
            conn.execute(text(f"DROP SCHEMA IF EXISTS {other} CASCADE"))
            conn.commit()
    assert estimate is not None and estimate < 40_000, estimate


def test_sqlite_counts_a_long_list_once_per_change_not_a_bounded_walk_a_page(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Beyond the bound SQLite counts exactly once per change of the notices; a later page asks for that
    count without walking the first matches again (the bounded count cost a name and an age 135 ms a page
    at 700,000 notices). A change counts afresh."""
    if store.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL estimates beyond the bound")
    monkeypatch.setattr(counts, "EXACT_UP_TO", 2)
    counts._cache.clear()
    for i in range(5):
        _put(store, f"2026/{i + 10:05d}")
    counted: list[str] = []

    def seen(conn: object, cursor: object, statement: str, *args: object) -> None:
        if "count(" in statement.lower():
            counted.append(statement)

    event.listen(store.engine, "before_cursor_execute", seen)
    try:
        query = PublicQuery.parse({"freeText": "durand"})
        with store.uow() as uow:
            first = uow.public.search_page(query, date(2026, 12, 5))
        walks = len(counted)
        with store.uow() as uow:
            again = uow.public.search_page(query, date(2026, 12, 5))
        assert (first.total, again.total) == (5, 5)
        assert walks >= 2 and len(counted) == walks, counted[walks:]
        _put(store, "2026/00099")
        with store.uow() as uow:
            assert uow.public.search_page(query, date(2026, 12, 5)).total == 6
    finally:
        event.remove(store.engine, "before_cursor_execute", seen)
