"""Totals for list pages that cost a page, not the table (issue 18).

A list page shows how many match. Counting every match on every page scans as much of the table as
matches, which at 700,000 notices is most of a second; the page itself reads 20 rows by an index. So:

* up to :data:`EXACT_UP_TO` matches the count is exact (it stops reading at one more than that);
* beyond, PostgreSQL answers with an estimate: the size of the list's partial index as the last
  ``ANALYZE`` counted it (the unfiltered public list) or the planner's estimate for the query, never
  less than what was counted. The caller says so (``totalIsEstimate`` in the public API);
* SQLite has no estimates: it counts exactly, once per change of the store (the count is kept in this
  process, keyed by the query and the notices' change head, which is one indexed read).
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Select, func, select, text

EXACT_UP_TO = 1_000
"""Counted exactly up to here on every page (a few milliseconds by an index)."""
_CACHE_SIZE = 512
_cache: OrderedDict[tuple[Any, ...], int] = OrderedDict()
_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class Total:
    value: int
    exact: bool = True


def _estimate(conn: Connection, query: Select[Any], index: str | None) -> int | None:
    if index is not None:
        tuples = conn.execute(
            # the index of this store's schema (search_path), not one of that name in another schema
            text("SELECT reltuples FROM pg_class WHERE oid = to_regclass(:name) AND relkind = 'i'"),
            {"name": index},
        ).scalar()
        if tuples is not None and tuples > 0:
            return int(tuples)
    compiled = query.order_by(None).compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    plan: Any = conn.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {compiled}", compiled.params).scalar()
    if isinstance(plan, str):
        plan = json.loads(plan)
    try:
        return int(plan[0]["Plan"]["Plan Rows"])
    except (TypeError, KeyError, IndexError, ValueError):
        return None


_WALK_ON = text(
    "SELECT set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true),"
    " set_config('max_parallel_workers_per_gather', '0', true)"
)
_WALK_OFF = text(
    "SELECT set_config(name, reset_val, true) FROM pg_settings"
    " WHERE name IN ('enable_hashjoin', 'enable_mergejoin', 'max_parallel_workers_per_gather')"
)


@contextmanager
def nested_loops(conn: Connection) -> Iterator[None]:
    """On PostgreSQL, no hash or merge joins and no parallel workers for the statements inside: a list
    walking its index in order and probing a key per row stops at its bound, where the planner,
    underestimating how many rows an EXISTS keeps, would rather join every match and sort (the queue's
    ICCS section at 700,000 notices), and a bounded walk pays more to start workers (20-40 ms on a busy
    box) than it reads. One statement each way (a round trip counts on a loaded server)."""
    postgres = conn.dialect.name == "postgresql"
    if postgres:
        conn.execute(_WALK_ON)
    try:
        yield
    finally:
        if postgres:
            conn.execute(_WALK_OFF)


def count(
    conn: Connection, query: Select[Any], head: Callable[[], int], whole_list_index: str | None = None
) -> Total:
    """How many rows ``query`` returns: a select of the list's rows with its WHERE and its ORDER BY (the
    order makes the bounded count walk the list's own index, as the page does, rather than the table).

    ``head`` reads the notices' change head (a cached SQLite count is good while it stays the same);
    ``whole_list_index`` names the partial index holding exactly this list, when the query has no other
    filter (its size is then PostgreSQL's estimate)."""
    key = None
    if conn.dialect.name != "postgresql":
        # A total SQLite counted beyond the bound since the notices last changed: no bounded count either
        # (a filter that keeps few of the rows it walks, a name and an age, walked 20,000 notices to
        # find a thousand: 135 ms at 700,000 notices on every page).
        key = _key(conn, query, head)
        kept = _kept(key)
        if kept is not None:
            return Total(kept)
    # The bounded count must walk the list's index as the page does, stopping at the bound. The planner
    # underestimates how many notices an EXISTS filter keeps (nationality, names) and would rather
    # hash- or merge-join every match against the whole list (75 and 185 ms at 700,000 notices).
    with nested_loops(conn):
        counted = int(
            conn.execute(
                select(func.count()).select_from(query.limit(EXACT_UP_TO + 1).subquery())
            ).scalar_one()
        )
    return _beyond_bound(conn, query, counted, head, whole_list_index, key)


def count_many(conn: Connection, queries: Sequence[Select[Any]], head: Callable[[], int]) -> list[Total]:
    """``count`` of several lists at once (a dashboard's): their bounded counts in one statement, inside one
    switch of the planner's settings, then an estimate or the kept exact count for each one beyond the
    bound. One round trip instead of three a list."""
    if len(queries) == 1:
        return [count(conn, queries[0], head)]
    if not queries:
        return []
    bounded = [
        select(func.count()).select_from(q.limit(EXACT_UP_TO + 1).subquery()).scalar_subquery()
        for q in queries
    ]
    with nested_loops(conn):
        row = conn.execute(select(*bounded)).one()
    return [_beyond_bound(conn, q, int(c), head, None) for q, c in zip(queries, row, strict=True)]


def _key(conn: Connection, query: Select[Any], head: Callable[[], int]) -> tuple[Any, ...]:
    """What a kept SQLite count is kept under: the store, the query with its values, the notices' head."""
    compiled = query.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    return (str(conn.engine.url), str(compiled), repr(sorted(compiled.params.items())), head())


def _kept(key: tuple[Any, ...]) -> int | None:
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    return None


def _beyond_bound(
    conn: Connection,
    query: Select[Any],
    counted: int,
    head: Callable[[], int],
    whole_list_index: str | None,
    key: tuple[Any, ...] | None = None,
) -> Total:
    """The total of a list whose bounded count is ``counted``: that count, up to the bound; beyond it
    PostgreSQL's estimate, or SQLite's exact count, kept until the notices change."""
    postgres = conn.dialect.name == "postgresql"
    if counted <= EXACT_UP_TO:
        return Total(counted)
    if postgres:
        estimate = _estimate(conn, query, whole_list_index)
        return Total(max(estimate or 0, counted), exact=False)
    key = key or _key(conn, query, head)  # the caller's, when it already looked
    kept = _kept(key)
    if kept is not None:
        return Total(kept)
    value = int(conn.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar_one())
    with _lock:
        _cache[key] = value
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return Total(value)
