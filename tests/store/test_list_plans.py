"""Lists cost a page (issue 18): on PostgreSQL every list query reads the notices through an index.

A few thousand notices are seeded (benchmarks.seed: realistic rows, half the published ones public) and
ANALYZEd, so the planner chooses as it would with real statistics (no ``enable_seqscan`` trick). Every
statement a list call sends is captured and EXPLAINed with its own parameters; none may scan the
notices table sequentially. Timings are in benchmarks/lists.py, never here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest
from benchmarks.seed import seed
from sqlalchemy import Engine, event, select, text

from rednotice.adapters.db import tables as t
from rednotice.adapters.db.engine import make_engine
from rednotice.adapters.db.store import SqlUnitOfWork
from rednotice.domain.lifecycle import State
from rednotice.domain.users import Actor, Role
from rednotice.services.compliance import OUTCOME_OF_STATE
from rednotice.services.notices import ListPage
from rednotice.services.ports import NoticeFilter
from rednotice.services.public import PublicQuery
from rednotice.services.review import QueueFilter, StoredCheck

NOTICES = 4000
TODAY = date(2026, 12, 5)
NOW = datetime(2026, 12, 5, tzinfo=UTC)
FR = Actor("ncb-fr", Role.NCB_OFFICER, "FR")


@pytest.fixture(scope="module")
def engine(postgres_url: str, worker_id: str) -> Iterator[Engine]:
    """A schema of its own (not the worker's, which any other store test on this worker empties while this
    module's tests are still to run), seeded once for the module."""
    import os

    from sqlalchemy.engine import make_url

    from rednotice.adapters.db.migrate import upgrade
    from tests.conftest import POSTGRES_URL

    schema = f"rn_plans_{worker_id}_{os.getpid()}"
    admin = make_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    eng = make_engine(url.render_as_string(hide_password=False))
    try:
        upgrade(eng)
        seed(eng, NOTICES)
        _check_waiting(eng)
        with eng.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))  # what autovacuum does after a load
        yield eng
    finally:
        eng.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def _check_waiting(engine: Engine) -> None:
    """A compliance check for each waiting request (the seeder stores none): risks and ICCS sections to
    filter and order the queue by, written as the service writes them."""
    sections = ["01", "03", "07", "11"]
    with SqlUnitOfWork(engine) as uow:
        waiting = uow.connection.execute(select(t.notices.c.id).where(t.WAITING).order_by(t.notices.c.id))
        for i, notice_id in enumerate(waiting.scalars().all()):
            charges = [{"iccs": {"section": sections[i % 4]}}, {"iccs": {"section": sections[i % 3]}}]
            result = {"analysis": {"charges": charges}}
            uow.reviews.add_check(StoredCheck(notice_id, 1, NOW, "review", (i * 7) % 60, result))
        uow.commit()


def _statements(engine: Engine, call: Callable[[SqlUnitOfWork], object]) -> list[tuple[str, Any]]:
    seen: list[tuple[str, Any]] = []

    def capture(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        if not many and statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        with SqlUnitOfWork(engine, read_only=True) as uow:
            call(uow)
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    return seen


def _plans(engine: Engine, call: Callable[[SqlUnitOfWork], object]) -> list[str]:
    plans = []
    with engine.connect() as conn:
        for statement, parameters in _statements(engine, call):
            if not re.search(r"\bFROM notice", statement):
                continue
            rows = conn.exec_driver_sql(f"EXPLAIN {statement}", parameters).scalars().all()
            plans.append(statement + "\n" + "\n".join(rows))
    return plans


def _public(**params: str) -> Callable[[SqlUnitOfWork], object]:
    query = PublicQuery.parse(params)
    return lambda uow: uow.public.search_page(query, TODAY)


def _find(flt: NoticeFilter) -> Callable[[SqlUnitOfWork], object]:
    return lambda uow: uow.notices.find(flt)


def _next(flt: NoticeFilter) -> Callable[[SqlUnitOfWork], object]:
    """The second page by the cursor the first gave."""

    def call(uow: SqlUnitOfWork) -> object:
        first = uow.notices.find(flt)
        assert isinstance(first, ListPage) and first.next_after is not None
        return uow.notices.find(replace(flt, after=first.next_after))

    return call


def _queue(flt: QueueFilter, offset: int = 0) -> Callable[[SqlUnitOfWork], object]:
    return lambda uow: uow.reviews.queue_page(flt, None, 20, offset)


QUEUES: dict[str, tuple[QueueFilter, int]] = {
    "filtered page 1": (QueueFilter(), 0),
    "page 5": (QueueFilter(), 80),
    "by country": (QueueFilter(country="FR"), 0),
    "by state": (QueueFilter(states=(State.SUBMITTED,)), 0),
    "by lowest risk": (QueueFilter(min_risk=40), 0),
    "by ICCS section": (QueueFilter(iccs_section="07"), 0),
    "by ICCS section and country": (QueueFilter(iccs_section="03", country="RU"), 0),
    "by name": (QueueFilter(text="ivanov"), 0),
    "by reference": (QueueFilter(text="2020-000500"), 0),
}


def _identity(uow: SqlUnitOfWork) -> object:
    notice = uow.notices.get("2020/000500")
    assert notice is not None
    return uow.reviews.identity_candidates(notice.request.subject, tuple(OUTCOME_OF_STATE))


LISTS: dict[str, Callable[[SqlUnitOfWork], object]] = {
    "public list": _public(),
    "public list, page 20": _public(page="20"),
    "public list by nationality": _public(nationality="RU"),
    "public list by anchored name": _public(name="^IVANOV"),
    "public list by free text": _public(freeText="khan"),
    "public list by name and age": _public(freeText="wang", ageMin="30", ageMax="50", sexId="M"),
    "internal list": _find(NoticeFilter(limit=50)),
    "internal list by state": _find(NoticeFilter(states=(State.REFUSED,), limit=50)),
    "internal list by nationality": _find(NoticeFilter(nationality="RU", limit=50)),
    "internal list by name": _find(NoticeFilter(name="ivanov", limit=50)),
    "similar decisions": _find(
        NoticeFilter(states=(State.PUBLISHED, State.REFUSED), requesting_country="FR", limit=100)
    ),
    "review queue": lambda uow: uow.reviews.queue(50, 0),
    "internal list after a cursor": _next(NoticeFilter(limit=50)),
    "internal list by state after a cursor": _next(NoticeFilter(states=(State.PUBLISHED,), limit=50)),
    **{f"review queue, {name}": _queue(flt, offset) for name, (flt, offset) in QUEUES.items()},
    "compliance history (identity keys)": _identity,
    "relations (RN-18)": lambda uow: uow.reviews.relation_count("2020/000001"),
}


@pytest.mark.parametrize("name", list(LISTS))
def test_list_queries_read_notices_by_index(engine: Engine, name: str) -> None:
    plans = _plans(engine, LISTS[name])
    assert plans, "the call sent no query on the notices"
    scans = [p for p in plans if re.search(r"Seq Scan on notices\b", p)]
    assert not scans, "\n\n".join(scans)


def test_the_public_list_walks_its_partial_index(engine: Engine) -> None:
    plans = _plans(engine, LISTS["public list"])
    assert any("ix_notices_public_order" in p for p in plans), "\n\n".join(plans)


def test_nationality_is_looked_up_in_the_keys(engine: Engine) -> None:
    plans = "\n".join(_plans(engine, LISTS["public list by nationality"]))
    assert "notice_keys" in plans and "LIKE" not in plans.upper().replace("ILIKE", ""), plans


def test_the_queue_walks_its_partial_indexes(engine: Engine) -> None:
    whole = "\n".join(_plans(engine, LISTS["review queue, filtered page 1"]))
    assert "ix_notices_queue_waiting" in whole, whole
    by_country = "\n".join(_plans(engine, LISTS["review queue, by country"]))
    assert "ix_notices_queue_country" in by_country, by_country
    sections = "\n".join(_plans(engine, LISTS["review queue, by ICCS section"]))
    assert "notice_keys" in sections and "compliance_checks" not in sections.split("\n")[0], sections
