"""Lists cost a page (issue 18): on PostgreSQL every list query reads the notices through an index.

A few thousand notices are seeded (benchmarks.seed: realistic rows, half the published ones public) and
ANALYZEd, so the planner chooses as it would with real statistics (no ``enable_seqscan`` trick). Every
statement a list call sends is captured and EXPLAINed with its own parameters; none may scan the
notices table sequentially. Timings are in benchmarks/lists.py, never here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from benchmarks.seed import seed
from sqlalchemy import Engine, event, text

from rednotice.adapters.db.engine import make_engine
from rednotice.adapters.db.store import SqlUnitOfWork
from rednotice.domain.lifecycle import State
from rednotice.domain.users import Actor, Role
from rednotice.services.compliance import OUTCOME_OF_STATE
from rednotice.services.ports import NoticeFilter
from rednotice.services.public import PublicQuery

NOTICES = 4000
TODAY = date(2026, 12, 5)
FR = Actor("ncb-fr", Role.NCB_OFFICER, "FR")


@pytest.fixture(scope="module")
def engine(postgres_url: str) -> Iterator[Engine]:
    from tests.conftest import _truncate_postgres

    _truncate_postgres(postgres_url)
    eng = make_engine(postgres_url)
    seed(eng, NOTICES)
    with eng.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))  # what autovacuum does after a load
    yield eng
    eng.dispose()
    _truncate_postgres(postgres_url)


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
