"""The read replica (issue 18 item 6): public lists and figures read from a streaming standby, beside the
primary, in the same run.

Needs a streaming standby of the PostgreSQL server the benchmarks use (docs/deployment.md says how to
make one on one machine with ``pg_basebackup``); it is never run by CI or ``make bench``::

    python -m benchmarks.replica --replica postgresql+psycopg://postgres@127.0.0.1:5433/test --notices 20000

It seeds ``--notices`` notices (half the published ones public extracts) into a fresh schema of the
primary, waits for the standby to replay them, then, in rounds alternating primary and replica:

* a public search page (page 1 unfiltered, and a name filter) read in ``Store.reader()`` (the primary)
  against ``Store.replica()`` (the standby), each search audited on the primary as the server does;
* the oversight figures of five years, counted on each;
* how long a public notice committed on the primary takes to be listed by the standby (20 probes).
A write in a replica unit of work is tried too: it must fail.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import DBAPIError
from tests.factories import make_request

from benchmarks.seed import seed
from rednotice.adapters.db import tables as t
from rednotice.adapters.db.engine import make_engine, make_replica_engine
from rednotice.adapters.db.migrate import upgrade
from rednotice.bootstrap import Store
from rednotice.config import Environment, Settings
from rednotice.domain.lifecycle import Notice, State
from rednotice.domain.users import SYSTEM
from rednotice.services import figures as fs
from rednotice.services import public as ps

PRIMARY = os.environ.get("REDNOTICE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
SCHEMA = "rn_bench_replica"


def _in_schema(url: str) -> str:
    return f"{url}?options=-csearch_path%3D{SCHEMA}"


def _count(engine: Engine) -> int:
    """The seeded notices (the lag probes of earlier runs left out)."""
    with engine.connect() as conn:
        q = select(func.count()).select_from(t.notices).where(t.notices.c.created_by == "bench")
        return int(conn.execute(q).scalar_one())


def _letters(i: int) -> str:
    """A number in letters: public search folds digits away as separators."""
    out = ""
    while True:
        i, r = divmod(i, 26)
        out = chr(ord("A") + r) + out
        if not i:
            return out


def _p50_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _visible_after(store: Store, i: int) -> float:
    """Seconds from the commit of one public notice on the primary to the standby listing it."""
    notice_id = f"2099/{i:06d}"
    name = f"LAGPROBE{_letters(i)}"
    request = make_request(**{"visibility.public_extract": True, "subject.family_name": name})
    now = datetime.now(UTC)
    with store.uow() as uow:
        uow.notices.add(
            Notice(notice_id, request, State.PUBLISHED, created_at=now, published_at=now, created_by="b")
        )
        uow.commit()
    committed = time.perf_counter()
    query = ps.PublicQuery.parse({"name": f"^{name}$"})
    while True:
        with store.replica() as uow:
            if uow.public.search_page(query, now.date()).total:
                return time.perf_counter() - committed
        if time.perf_counter() - committed > 30:
            raise SystemExit("the standby did not list a notice within 30 s")
        time.sleep(0.001)


def bench_replica(replica_url: str, n: int, rounds: int, runs: int) -> dict[str, Any]:
    admin = make_engine(PRIMARY)
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}"))
    admin.dispose()
    primary = make_engine(_in_schema(PRIMARY))
    upgrade(primary)
    started = time.perf_counter()
    if _count(primary) != n:  # seeded once; drop the schema to seed another size
        with primary.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {SCHEMA} CASCADE"))
            conn.execute(text(f"CREATE SCHEMA {SCHEMA}"))
        upgrade(primary)
        seed(primary, n, batch=5000)
    seeded = time.perf_counter() - started
    with primary.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))
        probes = int(conn.execute(text("SELECT count(*) FROM notices WHERE id LIKE '2099/%'")).scalar_one())
    tmp = Path(tempfile.mkdtemp())
    settings = Settings(
        env=Environment.TEST,
        data_dir=tmp,
        secret_key="b" * 40,
        database_url=_in_schema(PRIMARY),
        replica_database_url=_in_schema(replica_url),
    )
    replica = make_replica_engine(_in_schema(replica_url))
    store = Store(settings, primary, replica_engine=replica)
    caught_up_from = time.perf_counter()
    while _count(replica) != n:
        time.sleep(0.05)
    caught_up = time.perf_counter() - caught_up_from
    out: dict[str, Any] = {
        "notices": n,
        "seeded_s": round(seeded, 1),
        "standby_caught_up_after_vacuum_s": round(caught_up, 2),
        "status": store.replica_status(),
    }
    with store.replica() as uow:
        try:
            uow.audit.append("benchmark", "probe", "probe", {}, datetime.now(UTC))
            out["write_on_replica"] = "accepted (WRONG)"
        except DBAPIError as exc:
            out["write_on_replica"] = str(exc.orig).splitlines()[0]

    unfiltered = ps.PublicQuery.parse({})
    named = ps.PublicQuery.parse({"name": "ivanov"})
    figures_query = fs.FiguresQuery()
    cases: dict[str, Callable[[Callable[[], Any]], Callable[[], object]]] = {
        "public search page 1, no filter": lambda reader: (
            lambda: ps.search(unfiltered, store.uow(), reader())
        ),
        "public search page 1, name filter": lambda reader: lambda: ps.search(named, store.uow(), reader()),
        "oversight figures, five years": lambda reader: lambda: fs.figures(figures_query, SYSTEM, reader()),
    }
    results: dict[str, dict[str, list[float]]] = {name: {"primary": [], "replica": []} for name in cases}
    for r in range(rounds):
        order = ("primary", "replica") if r % 2 == 0 else ("replica", "primary")
        for name, case in cases.items():
            for where in order:
                reader = store.reader if where == "primary" else store.replica
                results[name][where].append(_p50_ms(case(reader), 1 if "figures" in name else runs))
    out["p50_ms_by_round"] = {
        name: {where: [round(v, 1) for v in values] for where, values in by.items()}
        for name, by in results.items()
    }
    lags = [_visible_after(store, probes + i) * 1000 for i in range(20)]
    out["commit_to_listed_on_standby_ms"] = {
        "median": round(statistics.median(lags), 1),
        "max": round(max(lags), 1),
    }
    out["status_after"] = store.replica_status()
    primary.dispose()
    assert store.replica_engine is not None
    store.replica_engine.dispose()
    return out


if __name__ == "__main__":
    import json

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--replica", default=os.environ.get("REDNOTICE_TEST_REPLICA_URL"), required=False)
    parser.add_argument("--notices", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--runs", type=int, default=30, help="searches per round (p50 of them)")
    args = parser.parse_args()
    if not args.replica:
        raise SystemExit("--replica (or REDNOTICE_TEST_REPLICA_URL): a streaming standby of the primary")
    print(json.dumps(bench_replica(args.replica, args.notices, args.rounds, args.runs), indent=2))
