"""Monthly partitions against plain tables on PostgreSQL (issue 18, item 5; decision 0013).

``python -m benchmarks.partitions [--searches N] [--batch 256] [--hit-every 10]`` (or
``python -m benchmarks --only partitions``). Two fresh schemas in the same run: one migrated to head
(``audit_events``, ``screenings`` and ``screening_results`` partitioned by month), the baseline the same
schema with those three tables made plain again (same columns, keys, indexes and foreign keys). Into
each, N single-traveller screenings are recorded exactly as the server's group commit records them
(``services.screening._record_runs``: runs, result lines and hits with one statement per table, the
audit events with one ``append_many``, one transaction per batch), the clock walking across three months.
Reported for each: searches recorded a second, the tables' size on disk per million searches
(extrapolated from N), ``audit verify`` over the whole chain, and removing the oldest month of search
records (``audit_partitions.retention``: a partition dropped, against rows deleted).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, text

from rednotice.adapters.db import audit_partitions as parts
from rednotice.adapters.db.engine import make_engine
from rednotice.adapters.db.migrate import upgrade
from rednotice.adapters.db.store import SqlUnitOfWork
from rednotice.domain.dates import PartialDate
from rednotice.domain.screening.index import Match
from rednotice.domain.screening.query import ScreeningQuery
from rednotice.domain.users import Actor, Role
from rednotice.services import audit as audit_service
from rednotice.services import screening as sc

POSTGRES = os.environ.get("REDNOTICE_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
START = datetime(2030, 1, 1, tzinfo=UTC)  # months no other run of this benchmark's schemas uses
DAYS = 90
GROWING = ("audit_events", "screenings", "screening_results", "screening_hits")
OFFICER = Actor("ncb-es", Role.NCB_OFFICER, "ES")


def _schema(name: str) -> Engine:
    admin = make_engine(POSTGRES)
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    admin.dispose()
    engine = make_engine(f"{POSTGRES}?options=-csearch_path%3D{name}")
    upgrade(engine)
    return engine


def _flatten(engine: Engine) -> None:
    """The baseline: the three partitioned tables made plain, with the same columns, keys and indexes."""
    with engine.begin() as conn:
        for table in parts.PARTITIONED:
            conn.execute(
                text(
                    f'CREATE TABLE "{table}_plain" (LIKE "{table}" INCLUDING DEFAULTS INCLUDING CONSTRAINTS '
                    "INCLUDING INDEXES)"
                )
            )
        for table in reversed(list(parts.PARTITIONED)):
            conn.execute(text(f'DROP TABLE "{table}"'))
        for table in parts.PARTITIONED:
            conn.execute(text(f'ALTER TABLE "{table}_plain" RENAME TO "{table}"'))
        conn.execute(
            text(
                "ALTER TABLE screening_results ADD FOREIGN KEY (screening_id, created_at) "
                "REFERENCES screenings (id, created_at)"
            )
        )
        assert not parts.is_partitioned(conn)


def _notice_ids(engine: Engine) -> list[str]:
    from benchmarks.seed import seed

    seed(engine, 200)
    with engine.connect() as conn:
        return list(conn.execute(text("SELECT id FROM notices ORDER BY id LIMIT 50")).scalars())


def _size(engine: Engine) -> int:
    """Bytes on disk of the growing tables, their partitions, indexes and TOAST."""
    sql = text(  # a plain table is no partition tree: its own size, plus its partitions' if it has any
        "SELECT pg_total_relation_size(CAST(:t AS regclass)) + coalesce(("
        "SELECT sum(pg_total_relation_size(relid)) FROM pg_partition_tree(CAST(:t AS regclass)) "
        "WHERE level > 0"
        "), 0)"
    )
    with engine.connect() as conn:
        return sum(int(conn.execute(sql, {"t": t}).scalar_one()) for t in GROWING)


def _record(engine: Engine, searches: int, batch: int, hit_every: int, notices: list[str]) -> float:
    """Seconds spent recording ``searches`` screenings in batches, the clock walking over DAYS days."""
    step = timedelta(days=DAYS) / searches
    now = [START]
    spent = 0.0
    done = 0
    while done < searches:
        items = []
        for i in range(done, min(done + batch, searches)):
            query = ScreeningQuery(
                id=f"pax-{i}", name="Paul Durand", birth_date=PartialDate.parse("1971-04-02")
            )
            matches = (
                [Match(notices[i % len(notices)], 0.93, "DURAND, Paul", ("name", "birth_date"))]
                if i % hit_every == 0
                else []
            )
            run = sc.ScreeningRun(
                str(uuid.uuid4()),
                sc.Status.DONE,
                1,
                1,
                len(matches),
                START,
                OFFICER.username,
                "api",
                lines=[{"query_id": query.id, "matches": [m.to_dict() for m in matches]}],
            )
            items.append(sc.RecordedRun(run, OFFICER, "ES", [(query, m) for m in matches]))
        started = time.perf_counter()
        with SqlUnitOfWork(engine, lambda: now[0]) as uow:
            sc._record_runs(uow, items)  # what the group commit's writer does with a batch
            uow.commit()
        spent += time.perf_counter() - started
        done += len(items)
        now[0] = START + step * done
    return spent


def _one(variant: str, searches: int, batch: int, hit_every: int) -> dict[str, Any]:
    engine = _schema(f"rn_bench_{variant}")
    try:
        if variant == "unpartitioned":
            _flatten(engine)
        else:
            with engine.begin() as conn:
                parts.ensure(conn, START + timedelta(days=DAYS), ahead=0, since=parts.month_of(START))
        notices = _notice_ids(engine)
        empty = _size(engine)
        spent = _record(engine, searches, batch, hit_every, notices)
        with engine.connect() as conn:  # these tables only: a database-wide ANALYZE locks everyone's
            conn.execute(text("ANALYZE " + ", ".join(GROWING)))
        size = _size(engine) - empty
        started = time.perf_counter()
        report = audit_service.verify(SqlUnitOfWork(engine, read_only=True))
        verify_s = time.perf_counter() - started
        assert report.ok, report.problems
        started = time.perf_counter()
        with engine.begin() as conn:
            dropped = parts.retention(conn, parts.add_months(parts.month_of(START), 1))
        retention_s = time.perf_counter() - started
        return {
            "variant": variant,
            "per_second": searches / spent,
            "mb_per_million": size / searches * 1_000_000 / 2**20,
            "verify_s": verify_s,
            "events": report.checked,
            "retention_s": retention_s,
            "retention_runs": dropped.runs,
        }
    finally:
        engine.dispose()
        admin = make_engine(POSTGRES)
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "rn_bench_{variant}" CASCADE'))
        admin.dispose()


def bench_partitions(
    searches: int = 200_000, batch: int = 256, hit_every: int = 10, rounds: int = 1
) -> list[dict[str, object]]:
    """``rounds`` pairs run in ABBA order (plain, partitioned, partitioned, plain...), so that neither
    variant always runs first on a shared machine; the figures are each variant's median."""
    runs: dict[str, list[dict[str, Any]]] = {"unpartitioned": [], "partitioned": []}
    for r in range(rounds):
        order = ("unpartitioned", "partitioned") if r % 2 == 0 else ("partitioned", "unpartitioned")
        for variant in order:
            runs[variant].append(_one(variant, searches, batch, hit_every))

    def median(variant: str, key: str) -> float:
        return float(statistics.median(float(run[key]) for run in runs[variant]))

    def each(variant: str, key: str, fmt: str) -> str:
        return "/".join(format(float(run[key]), fmt) for run in runs[variant])

    base = {
        k: median("unpartitioned", k) for k in ("per_second", "mb_per_million", "verify_s", "retention_s")
    }
    part = {k: median("partitioned", k) for k in ("per_second", "mb_per_million", "verify_s", "retention_s")}
    note = (
        f"{searches:,} searches over {DAYS} days, 1 hit in {hit_every}, batches of {batch}; PostgreSQL; "
        f"median of {rounds} run(s) each"
    )
    events = runs["partitioned"][0]["events"]
    month = runs["partitioned"][0]["retention_runs"]
    return [
        {
            "benchmark": "partitions: searches recorded a second",
            "baseline": "plain tables",
            "per_second": part["per_second"],
            "ratio": part["per_second"] / base["per_second"],
            "note": f"{note}; partitioned {each('partitioned', 'per_second', ',.0f')}/s, "
            f"plain {each('unpartitioned', 'per_second', ',.0f')}/s",
        },
        {
            "benchmark": "partitions: MB per million searches (4 tables)",
            "baseline": "plain tables",
            "ratio": part["mb_per_million"] / base["mb_per_million"],
            "note": f"{part['mb_per_million']:,.0f} MB against {base['mb_per_million']:,.0f} MB "
            f"(extrapolated from {searches:,})",
        },
        {
            "benchmark": "partitions: audit verify, whole chain",
            "baseline": "plain tables",
            "baseline_ms": base["verify_s"] * 1000,
            "ms": part["verify_s"] * 1000,
            "ratio": part["verify_s"] / base["verify_s"],
            "note": f"{events:,} events; partitioned {each('partitioned', 'verify_s', '.1f')} s, "
            f"plain {each('unpartitioned', 'verify_s', '.1f')} s",
        },
        {
            "benchmark": "partitions: drop the oldest month of search records",
            "baseline": "rows deleted",
            "baseline_ms": base["retention_s"] * 1000,
            "ms": part["retention_s"] * 1000,
            "ratio": part["retention_s"] / base["retention_s"],
            "note": f"{month:,} runs; partitioned {each('partitioned', 'retention_s', '.2f')} s, "
            f"plain {each('unpartitioned', 'retention_s', '.2f')} s",
        },
    ]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.partitions", description=__doc__)
    parser.add_argument("--searches", type=int, default=200_000)
    parser.add_argument("--batch", type=int, default=256, help="screenings per transaction (group commit)")
    parser.add_argument("--hit-every", type=int, default=10, help="one screening in this many has a hit")
    parser.add_argument("--rounds", type=int, default=1, help="runs of each variant, in ABBA order")
    args = parser.parse_args()
    for row in bench_partitions(args.searches, args.batch, args.hit_every, args.rounds):
        print(row)


if __name__ == "__main__":
    main()
