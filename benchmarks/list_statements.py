"""What a list page spends in the store, statement by statement (issue 18, item 2): the HTML pages of
``benchmarks.list_pages`` called through the app on the store ``benchmarks.lists`` seeds, every SQL
statement timed (cursor execute to the next statement), the slowest shown with its plan
(``EXPLAIN ANALYZE`` on PostgreSQL, ``EXPLAIN QUERY PLAN`` on SQLite).

    python -m benchmarks.list_statements --store postgresql --size 700000 --only "NCB FR,name ivanov"

A measuring aid, not a benchmark: times are of one call after a warm-up, on whatever the box is doing.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import time
from typing import Any

from sqlalchemy import event

from benchmarks.list_pages import CASES, USERS, _nth, _signed_in, _users
from benchmarks.lists import seeded
from rednotice.adapters.db.engine import make_engine
from rednotice.bootstrap import Store
from rednotice.config import load_settings
from rednotice.web.app import create_app

log = logging.getLogger("benchmarks.list_statements")


def _plan(store: Store, statement: str, parameters: Any) -> str:
    postgres = store.engine.dialect.name == "postgresql"
    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if postgres else "EXPLAIN QUERY PLAN "
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql(prefix + statement, parameters).all()
    return "\n".join(" | ".join(str(c) for c in r) for r in rows)


async def _run(store: Store, only: tuple[str, ...], top: int) -> None:
    app = create_app(store)
    clients = {name: await _signed_in(app, name) for name in USERS}
    timed: list[tuple[float, str, Any]] = []
    started: dict[int, tuple[float, str, Any]] = {}

    def before(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        started[id(cursor)] = (time.perf_counter(), statement, parameters)

    def after(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        t0, s, p = started.pop(id(cursor), (time.perf_counter(), statement, parameters))
        timed.append(((time.perf_counter() - t0) * 1000, s, p))

    for name, who, base, page in CASES:
        if only and not any(word in name for word in only):
            continue
        client = clients[who]
        url = await _nth(client, base, page)
        if url is None:
            continue
        await client.get(url)  # warm
        timed.clear()
        event.listen(store.engine, "before_cursor_execute", before)
        event.listen(store.engine, "after_cursor_execute", after)
        t0 = time.perf_counter()
        r = await client.get(url)
        total = (time.perf_counter() - t0) * 1000
        event.remove(store.engine, "before_cursor_execute", before)
        event.remove(store.engine, "after_cursor_execute", after)
        in_sql = sum(ms for ms, _, _ in timed)
        print(
            f"\n=== {name} ({url}): {r.status_code}, {total:.1f} ms, {len(timed)} statements, {in_sql:.1f} ms"
        )
        for ms, statement, parameters in sorted(timed, key=lambda x: -x[0])[:top]:
            print(f"--- {ms:.1f} ms\n{statement}\n{parameters}")
            if statement.lstrip().upper().startswith("SELECT"):
                print(_plan(store, statement, parameters))
    for client in clients.values():
        await client.aclose()


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    parser = argparse.ArgumentParser(description="A list page's statements, the slowest with their plans")
    parser.add_argument("--store", default="sqlite", choices=("sqlite", "postgresql"))
    parser.add_argument("--size", type=int, default=70_000)
    parser.add_argument("--only", default="", help="comma-separated words: the pages whose name has one")
    parser.add_argument("--top", type=int, default=3)
    args = parser.parse_args()
    os.environ["REDNOTICE_BACKGROUND"] = "false"
    os.environ["REDNOTICE_RATE_LIMITS"] = "false"
    engine = seeded(args.store, args.size)
    url = engine.url.render_as_string(hide_password=False)
    engine.dispose()
    store = Store(load_settings(), make_engine(url))
    try:
        _users(store)
        asyncio.run(_run(store, tuple(w for w in args.only.split(",") if w), args.top))
    finally:
        store.engine.dispose()


if __name__ == "__main__":
    main()
