"""Server time of the main pages with many notices in the store, against the same pages with few.

`python -m benchmarks --only pages` (in `make bench`). The issue's bar: no page over 300 ms server
time with the 70,000-notice demo. Measured in process (TestClient), best of three, per page.
"""

from __future__ import annotations

import re
import tempfile
import time

from fastapi.testclient import TestClient

from benchmarks.seed import seed
from rednotice.adapters.db.engine import make_engine
from rednotice.adapters.db.migrate import upgrade
from rednotice.bootstrap import Store
from rednotice.config import Environment, Settings
from rednotice.domain.users import SYSTEM, Role
from rednotice.services import users as us
from rednotice.web.app import create_app

PASSWORD = "benchmark password"
PAGES = {
    "reviewer": ["/", "/review", "/notices", "/notices?name=ivanov", "/notices/2020-000500", "/oversight"],
    "ncb": ["/", "/notices", "/notices?name=wang&state=published", "/notices/2020-000501", "/screening"],
    None: ["/public/notices", "/public/notices?name=khan&age_min=30&age_max=50", "/transparency"],
}


def _store(n: int, tmp: str) -> Store:
    url = f"sqlite:///{tmp}/pages-{n}.sqlite3"
    engine = make_engine(url)
    upgrade(engine)
    seed(engine, n)
    settings = Settings(
        env=Environment.TEST, data_dir=tmp, secret_key="b" * 40, database_url=url, background=False
    )
    store = Store(settings, engine)
    us.add_user(us.AddUser("bench-rev", Role.REVIEWER, PASSWORD), SYSTEM, store.uow())
    us.add_user(us.AddUser("bench-ncb", Role.NCB_OFFICER, PASSWORD, "FR"), SYSTEM, store.uow())
    return store


def _client(store: Store, username: str | None) -> TestClient:
    client = TestClient(create_app(store), base_url="https://testserver")
    if username:
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
        assert token
        r = client.post(
            "/login",
            data={"username": username, "password": PASSWORD, "csrf_token": token.group(1)},
            follow_redirects=False,
        )
        assert r.status_code == 303, r.text
    return client


def _times(store: Store) -> dict[str, float]:
    out = {}
    for who, paths in PAGES.items():
        client = _client(store, {"reviewer": "bench-rev", "ncb": "bench-ncb", None: None}[who])
        for path in paths:
            best = float("inf")
            for _ in range(3):
                start = time.perf_counter()
                r = client.get(path)
                best = min(best, time.perf_counter() - start)
                assert r.status_code < 500, (path, r.status_code)
            out[f"{who or 'public'} {path}"] = best * 1000
        client.close()
    return out


def bench_pages(n_notices: int = 70_000, baseline_notices: int = 1_000) -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory() as tmp:
        small = _times(_store(baseline_notices, tmp))
        big = _times(_store(n_notices, tmp))
    rows: list[dict[str, object]] = []
    for page, ms in big.items():
        rows.append(
            {
                "benchmark": f"page {page}, {n_notices:,} notices",
                "baseline": f"same page, {baseline_notices:,} notices",
                "baseline_ms": small[page],
                "ms": ms,
                "per_second": 1000 / ms,
                "ratio": ms / small[page],
                "note": "under 300 ms" if ms < 300 else "OVER 300 ms",
            }
        )
    return rows
