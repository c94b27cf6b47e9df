"""A page of the public list costs a page, filtered or not (issue 18, item 2): on PostgreSQL the public list
by name, by free text and by nationality reads a bounded number of rows, not every match.

The store is the seeded one of tests/store/test_list_plans.py (4,000 notices, names from 20 families, so a
name matches 5% of them, as at 700,000 notices). The exact bound of counts is lowered to 10, below every
match set here, as 1,000 is below the match sets of 700,000 notices. Every statement of one search is
replayed in order on one connection, the planner settings it makes included, under ``EXPLAIN (ANALYZE)``:
in the bounded count no node may gather its whole input before returning a row (a sort, a hash, a hashed
or sorted aggregate: each reads every match), and no table is read beyond a few times the bound, where
counting by walking the list and probing each public extract for the filter reads every public extract up
to the thousandth match; no statement starts parallel workers. The page itself is the planner's choice by
size: at 4,000 notices it sorts a name's 85 matches, at 700,000 it walks the list's order index and stops
after 20 (EXPLAINed in docs/decisions/0010-lists-cost-a-page.md). Timings are in benchmarks/lists.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine, text

from rednotice.adapters.db import counts
from rednotice.adapters.db.store import SqlUnitOfWork
from rednotice.services.public import PublicQuery
from tests.store.test_list_plans import _statements, engine  # noqa: F401  (the seeded module fixture)

TODAY = date(2026, 12, 5)
BOUND = 10
BLOCKING = {"Sort", "Incremental Sort", "Hash", "Gather", "Gather Merge", "Materialize", "SetOp"}
"""Nodes that read all their input first (or start parallel workers, which a page does not need)."""

SEARCHES = {
    "by anchored name": {"name": "^IVANOV"},
    "by free text": {"freeText": "khan"},
    "by nationality": {"nationality": "RU"},
    "by free text and age": {"freeText": "khan", "ageMin": "30", "ageMax": "50"},
}


def _nodes(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


def _analysed(store: Engine, params: dict[str, str]) -> list[tuple[str, dict[str, Any]]]:
    """Each statement the search sent on the list's tables, with its plan as it ran (planner settings
    replayed in order, as the search made them)."""
    query = PublicQuery.parse(params)
    sent = _statements(store, lambda uow: uow.public.search_page(query, TODAY))
    out = []
    with store.connect() as conn:
        for statement, parameters in sent:
            if "set_config" in statement or "FROM pg_" in statement:
                conn.exec_driver_sql(statement, parameters)
                continue
            if not any(f"FROM {t}" in statement for t in ("notice", "public_terms", "(SELECT")):
                continue
            if "EXPLAIN" in statement or "max(notices.change_seq)" in statement:
                continue
            raw = conn.exec_driver_sql(f"EXPLAIN (ANALYZE, FORMAT JSON) {statement}", parameters).scalar()
            plan = json.loads(raw) if isinstance(raw, str) else raw
            assert plan is not None
            out.append((statement, plan[0]["Plan"]))
        conn.rollback()
    return out


def _show(plans: list[tuple[str, dict[str, Any]]]) -> str:
    return "\n\n".join(f"{s}\n{json.dumps(p, indent=1)}" for s, p in plans)


@pytest.fixture
def low_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(counts, "EXACT_UP_TO", BOUND)


@pytest.mark.parametrize("name", list(SEARCHES))
def test_a_public_search_reads_a_page_not_every_match(engine: Engine, low_bound: None, name: str) -> None:  # noqa: F811
    if engine.dialect.name != "postgresql":
        pytest.skip("plans are PostgreSQL's")
    plans = _analysed(engine, SEARCHES[name])
    assert len(plans) >= 2, _show(plans)  # the count and the page
    counted = [(s, p) for s, p in plans if "count(" in s]
    assert counted, _show(plans)
    for statement, plan in plans:
        nodes = list(_nodes(plan))
        parallel = [n["Node Type"] for n in nodes if n["Node Type"].startswith("Gather")]
        assert not parallel, f"{parallel} in\n{_show([(statement, plan)])}"
    for statement, plan in counted:
        nodes = list(_nodes(plan))
        blocking = [
            n["Node Type"]
            for n in nodes
            if n["Node Type"] in BLOCKING or n.get("Strategy") in ("Hashed", "Sorted", "Mixed")
        ]
        assert not blocking, f"{blocking} in\n{_show([(statement, plan)])}"
        # The bounded count: no table read beyond a few times the bound (a name's 2 x (bound + 1) rows
        # and their notices); a Bitmap Index Scan only lists where the matches are.
        read = {
            n.get("Relation Name", n.get("Index Name")): n["Actual Rows"] * n["Actual Loops"]
            for n in nodes
            if "Scan" in n["Node Type"] and n["Node Type"] != "Bitmap Index Scan"
        }
        assert all(rows <= 3 * (BOUND + 1) for rows in read.values()), f"{read}\n{_show([(statement, plan)])}"


def test_the_totals_stay_exact_up_to_the_bound_and_estimated_beyond(engine: Engine, low_bound: None) -> None:  # noqa: F811
    if engine.dialect.name != "postgresql":
        pytest.skip("plans are PostgreSQL's")
    with SqlUnitOfWork(engine, read_only=True) as uow:
        rare = uow.public.search_page(PublicQuery.parse({"name": "^IVANOV", "nationality": "KZ"}), TODAY)
        common = uow.public.search_page(PublicQuery.parse({"nationality": "RU"}), TODAY)
        counted = uow.connection.execute(
            text(
                "SELECT count(*) FROM notices n JOIN notice_keys k ON k.notice_id = n.id AND k.kind = 'nat'"
                " WHERE k.key = 'KZ' AND n.family_name LIKE :name AND n.type = 'red_notice'"
                " AND n.state = 'published' AND n.public_extract"
            ),
            {"name": "IVANOV%"},
        ).scalar_one()
    assert counted <= BOUND and rare.total == counted and rare.total_exact
    assert common.total > BOUND and not common.total_exact
