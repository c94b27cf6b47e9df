"""The HTML list pages at size (issue 18, item 2): p50/p99 of each page through the application, the old
paging against the new in the same run, called alternately.

The ASGI app runs in this process behind httpx (middleware, session, audit and rendering included, no
network), one signed-in person per role, on the store ``benchmarks.lists`` seeds and reuses
(``$REDNOTICE_BENCH_DIR`` for SQLite, the schema ``rn_bench_lists_<n>`` on PostgreSQL). The app runs without
its background threads (``REDNOTICE_BACKGROUND=false``) and rate limits: warming the screening index of
700,000 notices in the same process holds the interpreter for minutes and made every page 0.3-1.4 s
instead of 30-150 ms (a server warming its index pays that too, once).

Old paging is an address with a page number and no cursor (``?page=10``): the page reads by ``OFFSET``, as
the pages did before they had cursors (they still answer such addresses, read that way). New paging is the
address the page's own Next link gives (``?after=...&page=10``), found by following the Next links from the
first page. Page 1 is the same query both ways. The first call of each page is reported apart: on SQLite it
pays the exact count of a list longer than the bound, which later calls reuse until a notice changes.

    python -m benchmarks.list_pages --store sqlite --size 700000
"""

from __future__ import annotations

import argparse
import asyncio
import html
import logging
import os
import re
import statistics
import time

import httpx

from benchmarks.lists import seeded
from rednotice.adapters.db.engine import make_engine
from rednotice.adapters.db.store import SqlUnitOfWork
from rednotice.bootstrap import Store
from rednotice.config import load_settings
from rednotice.domain.users import SYSTEM, Role
from rednotice.services.users import AddUser, add_user
from rednotice.web.app import create_app

PASSWORD = "bench horse battery staple"
USERS = {"bench.reviewer": (Role.REVIEWER, None), "bench.fr": (Role.NCB_OFFICER, "FR")}
NEXT = re.compile(r'<a [^>]*href="([^"]+)" rel="next"')
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
CASES: list[tuple[str, str, str, int]] = [
    ("/review, page 1", "bench.reviewer", "/review", 1),
    ("/review, page 10", "bench.reviewer", "/review", 10),
    ("/review, page 100", "bench.reviewer", "/review", 100),
    ("/review, page 1000", "bench.reviewer", "/review", 1000),
    ("/review, country FR, page 5", "bench.reviewer", "/review?country=FR", 5),
    ("/review, ICCS 07, page 10", "bench.reviewer", "/review?iccs=07", 10),
    ("/review, risk >= 40, page 5", "bench.reviewer", "/review?risk=40", 5),
    ("/review, name ivanov, page 3", "bench.reviewer", "/review?q=ivanov", 3),
    ("/notices (reviewer), page 1", "bench.reviewer", "/notices", 1),
    ("/notices (reviewer), page 50", "bench.reviewer", "/notices", 50),
    ("/notices (reviewer), page 1000", "bench.reviewer", "/notices", 1000),
    ("/notices, published, page 50", "bench.reviewer", "/notices?state=published", 50),
    ("/notices, name ivanov, page 10", "bench.reviewer", "/notices?name=ivanov", 10),
    ("/ (reviewer dashboard)", "bench.reviewer", "/", 1),
    ("/ (NCB FR dashboard), page 1", "bench.fr", "/", 1),
    ("/ (NCB FR dashboard), page 50", "bench.fr", "/", 50),
]
log = logging.getLogger("benchmarks.list_pages")


def _users(store: Store) -> None:
    with SqlUnitOfWork(store.engine) as uow:
        have = {u.username for u in uow.users.all()}
    for name, (role, country) in USERS.items():
        if name not in have:
            add_user(AddUser(name, role, PASSWORD, country), SYSTEM, store.uow())


async def _signed_in(app: object, username: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    client = httpx.AsyncClient(transport=transport, base_url="https://testserver")
    token = CSRF.search((await client.get("/login")).text)
    assert token is not None
    data = {"username": username, "password": PASSWORD, "csrf_token": token.group(1), "next": "/"}
    r = await client.post("/login", data=data)
    assert r.status_code in (302, 303), r.text[:300]
    return client


async def _nth(client: httpx.AsyncClient, url: str, page: int) -> str | None:
    """The address of page ``page`` as the pages' own Next links give it (None: the list is shorter)."""
    for _ in range(page - 1):
        found = NEXT.search((await client.get(url)).text)
        if found is None:
            return None
        url = html.unescape(found.group(1))
    return url


async def _time(client: httpx.AsyncClient, url: str) -> float:
    start = time.perf_counter()
    r = await client.get(url)
    took = (time.perf_counter() - start) * 1000
    assert r.status_code == 200, (url, r.status_code, r.text[:300])
    return took


def _p50_p99(xs: list[float]) -> tuple[float, float]:
    ordered = sorted(xs)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


async def _bench(store: Store, label: str, runs: int, only: tuple[str, ...]) -> list[dict[str, object]]:
    app = create_app(store)
    clients = {name: await _signed_in(app, name) for name in USERS}
    rows: list[dict[str, object]] = []
    for name, who, base, page in CASES:
        if only and not any(word in name for word in only):
            continue
        client = clients[who]
        new_url = await _nth(client, base, page)
        if new_url is None:
            log.info("%s: the list has fewer pages at this size, left out", name)
            continue
        old_url = base + ("&" if "?" in base else "?") + f"page={page}" if page > 1 else base
        first = {"old": await _time(client, old_url), "new": await _time(client, new_url)}
        timings: dict[str, list[float]] = {"old": [], "new": []}
        for i in range(runs):  # alternately: old first on even runs, new first on odd ones
            pair = [("old", old_url), ("new", new_url)]
            for kind, url in pair if i % 2 == 0 else pair[::-1]:
                timings[kind].append(await _time(client, url))
        n50, n99 = _p50_p99(timings["new"])
        o50, o99 = _p50_p99(timings["old"])
        row: dict[str, object] = {
            "benchmark": f"{name}, {label}",
            "ms": n50,
            "per_second": 1000 / n50,
            "note": f"p99 {n99:.1f} ms, first {first['new']:.0f} ms; old p50 {o50:.1f}, p99 {o99:.1f}, "
            f"first {first['old']:.0f} ms",
            "baseline": "old paging (?page=N: OFFSET)",
            "baseline_ms": o50,
            "ratio": n50 / o50,
        }
        log.info("%s", row)
        rows.append(row)
    for client in clients.values():
        await client.aclose()
    return rows


def bench_pages(
    store_kind: str = "sqlite", n: int = 70_000, runs: int = 30, only: tuple[str, ...] = ()
) -> list[dict[str, object]]:
    """Every HTML list page (``only``: those whose name contains one of these words) at ``n`` notices."""
    os.environ["REDNOTICE_BACKGROUND"] = "false"
    os.environ["REDNOTICE_RATE_LIMITS"] = "false"
    engine = seeded(store_kind, n)
    url = engine.url.render_as_string(hide_password=False)
    engine.dispose()
    store = Store(load_settings(), make_engine(url))
    try:
        _users(store)
        return asyncio.run(_bench(store, f"{store_kind}, {n:,} notices", runs, only))
    finally:
        store.engine.dispose()


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    parser = argparse.ArgumentParser(description="HTML list pages at size: old paging against cursors")
    parser.add_argument("--store", default="sqlite", choices=("sqlite", "postgresql"))
    parser.add_argument("--size", type=int, default=70_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--only", default="", help="comma-separated words: the pages whose name has one")
    args = parser.parse_args()
    only = tuple(w for w in args.only.split(",") if w)
    for row in bench_pages(args.store, args.size, args.runs, only):
        print(f"{row['benchmark']}: p50 {row['ms']:.1f} ms ({row['note']})")


if __name__ == "__main__":
    main()
