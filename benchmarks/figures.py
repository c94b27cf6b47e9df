"""Transparency figures: SQL aggregation against counting the same in Python over the rows, same run.

``bench_figures(n_notices)`` seeds a fresh SQLite store (or ``url``) with ``n_notices`` synthetic notices,
as many lifecycle events, a decision record for every tenth, and CCF cases, harassment reports and
positions, inserted in batches with executemany. It then times

* ``SqlFiguresRepository.counts`` for the notice measures (requests, decisions, refusals by ground, in
  force), against the baseline: fetch the same rows and count them in Python (results compared equal);
* the full ``counts`` (every measure, including CCF deadlines and harassment) on its own.

Rows are shaped like ``benchmarks.__main__``'s.
"""

from __future__ import annotations

import json
import random
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert, select

from rednotice.adapters.db import tables as t
from rednotice.adapters.db import tables_redress as tr
from rednotice.adapters.db.engine import make_engine
from rednotice.adapters.db.figures import TRANSITION_ACTIONS, SqlFiguresRepository, transition_measures
from rednotice.adapters.db.migrate import upgrade
from rednotice.domain import figures as f

COUNTRIES = ("RU", "TR", "CN", "AZ", "KZ", "FR", "DE", "US", "BR", "IN", "EG", "VE", "IR", "TJ", "UZ")
BATCH = 20_000
START = datetime(2021, 1, 1, tzinfo=UTC)
END = datetime(2027, 1, 1, tzinfo=UTC)
NOW = datetime(2026, 6, 1, tzinfo=UTC)
STATES = (
    ("red_notice", "published"),
    ("red_notice", "refused"),
    ("red_notice", "cancelled"),
    ("red_notice", "deleted"),
    ("red_notice", "under_review"),
    ("wanted_person_diffusion", "unreviewed"),
    ("wanted_person_diffusion", "purged"),
)
EVENT = {
    "published": ("publish", "reviewer"),
    "refused": ("refuse", "reviewer"),
    "cancelled": ("cancel", "ncb_officer"),
    "deleted": ("delete", "ccf"),
    "under_review": ("start_review", "reviewer"),
    "unreviewed": ("circulate", "ncb_officer"),
    "purged": ("purge", "reviewer"),
}


def _batches(rows: list[dict[str, Any]]) -> Any:
    for i in range(0, len(rows), BATCH):
        yield rows[i : i + BATCH]


def seed(engine: Engine, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    span = int((NOW - START).total_seconds())
    with engine.begin() as conn:
        for lo in range(0, n, BATCH):
            notices, events, records = [], [], []
            for i in range(lo, min(n, lo + BATCH)):
                kind, state = rng.choice(STATES)
                at = START + timedelta(seconds=rng.randrange(span))
                nid = f"B{i:09d}"
                notices.append(
                    {
                        "id": nid,
                        "type": kind,
                        "state": state,
                        "version": 1,
                        "requesting_country": rng.choice(COUNTRIES),
                        "family_name": "X",
                        "given_names": "Y",
                        "search_names": "x y",
                        "sex": "U",
                        "nationalities": ",",
                        "excluded_countries": ",",
                        "public_extract": rng.random() < 0.1,
                        "payload": {},
                        "created_at": at,
                        "created_by": "bench",
                        "submitted_at": at,
                        "updated_at": at,
                    }
                )
                action, role = EVENT[state]
                events.append(
                    {
                        "notice_id": nid,
                        "action": action,
                        "from_state": "x",
                        "to_state": state,
                        "actor": "bench",
                        "actor_role": role,
                        "at": at + timedelta(days=30),
                        "reasons": "",
                    }
                )
                if action in ("refuse", "purge") or (i % 10 == 0 and action == "publish"):
                    grounds = rng.sample(f.GROUNDS, rng.choice((1, 1, 2))) if action != "publish" else []
                    records.append(
                        {
                            "notice_id": nid,
                            "kind": "decision",
                            "actor": "bench",
                            "actor_role": "reviewer",
                            "at": at + timedelta(days=30),
                            "text": "",
                            "data": {"decision": action, "grounds": grounds},
                        }
                    )
            conn.execute(insert(t.notices), notices)
            conn.execute(insert(t.notice_transitions), events)
            conn.execute(insert(t.review_records), records)
        cases, reports = [], []
        for i in range(max(1, n // 200)):
            filed = START + timedelta(seconds=rng.randrange(span))
            admissible = filed + timedelta(days=20)
            decided = admissible + timedelta(days=rng.randrange(60, 400)) if rng.random() < 0.6 else None
            cases.append(
                {
                    "id": f"CCF-B-{i}",
                    "kind": rng.choice(("access", "deletion", "correction")),
                    "state": "decided" if decided else "admissible",
                    "version": 1,
                    "filed_at": filed,
                    "code_hash": f"{i:064d}",
                    "notice_ids": f",B{rng.randrange(n):09d},",
                    "consulted": ",",
                    "payload": {
                        "admissible_at": admissible.isoformat(),
                        "decided_at": decided.isoformat() if decided else None,
                        "outcome": rng.choice(("deleted", "compliant")) if decided else None,
                    },
                }
            )
            reports.append(
                {
                    "id": len(reports) + 1,
                    "public_id": f"H-{len(reports) + 1:09d}",
                    "notice_id": f"B{rng.randrange(n):09d}",
                    "filed_at": filed,
                    "kinds": "," + ",".join(rng.sample(f.HARM_KINDS, 2)) + ",",
                    "payload": {},
                }
            )
        for chunk in _batches(cases):
            conn.execute(insert(tr.ccf_cases), chunk)
        for chunk in _batches(reports):  # one row a report, linked to its notice (migration 0015)
            conn.execute(
                insert(tr.harassment_reports),
                [{k: v for k, v in r.items() if k != "notice_id"} for r in chunk],
            )
            links = [{"report_id": r["id"], "notice_id": r["notice_id"]} for r in chunk]
            conn.execute(insert(tr.harassment_report_notices), links)


NOTICE_MEASURES = ("requests.", "decisions", "published", "cleared", "refused.", "withdrawn", "cancelled")
NOTICE_MEASURES_ALSO = ("expired", "blocked", "deleted.", "in_force.")


def _notice_measure(m: str) -> bool:
    return m.startswith(NOTICE_MEASURES + NOTICE_MEASURES_ALSO)


def sql_notice_counts(engine: Engine) -> dict[tuple[str, int, str], int]:
    with engine.connect() as conn:
        repo = SqlFiguresRepository(conn)
        out: dict[tuple[str, int, str], int] = Counter()
        for part in (
            repo._requests(START, END, None),
            repo._transitions(START, END, None),
            repo._grounds(START, END, None),
            repo._in_force(None),
        ):
            for c, y, m, cnt in part:
                if cnt:
                    out[(c, int(y), m)] += int(cnt)
        return dict(out)


def python_notice_counts(engine: Engine) -> dict[tuple[str, int, str], int]:
    """The baseline: fetch the rows, count in Python."""
    n, tt, r = t.notices, t.notice_transitions, t.review_records
    out: Counter[tuple[str, int, str]] = Counter()
    with engine.connect() as conn:
        country: dict[str, tuple[str, str]] = {}
        for nid, cc, kind, state, public, submitted in conn.execute(
            select(n.c.id, n.c.requesting_country, n.c.type, n.c.state, n.c.public_extract, n.c.submitted_at)
        ):
            country[nid] = (cc, kind)
            if submitted is not None and START <= submitted < END:
                out[(cc, submitted.year, "requests.total")] += 1
                out[(cc, submitted.year, f"requests.{kind}")] += 1
            if (kind == "red_notice" and state == "published") or (
                kind == "wanted_person_diffusion" and state in ("unreviewed", "reviewed_compliant")
            ):
                for m in (
                    "in_force.total",
                    f"in_force.{kind}",
                    "in_force.public" if public else "in_force.restricted",
                ):
                    out[(cc, f.WHOLE, m)] += 1
        for nid, action, role, at in conn.execute(
            select(tt.c.notice_id, tt.c.action, tt.c.actor_role, tt.c.at)
        ):
            if action in TRANSITION_ACTIONS and START <= at < END:
                cc, kind = country[nid]
                for m in transition_measures(action, role, kind):
                    out[(cc, at.year, m)] += 1
        for nid, at, data in conn.execute(
            select(r.c.notice_id, r.c.at, r.c.data).where(r.c.kind == "decision")
        ):
            data = data if isinstance(data, dict) else json.loads(data)
            if data.get("decision") in ("refuse", "purge") and START <= at < END:
                cc, _ = country[nid]
                for g in data.get("grounds", []):
                    out[(cc, at.year, f"refused.ground.{g}")] += 1
    return {k: v for k, v in out.items() if v}


def _best(fn: Any, rounds: int = 2) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(rounds):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def bench_figures(n_notices: int = 1_000_000, url: str | None = None) -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(url or f"sqlite:///{Path(tmp) / 'figures.sqlite3'}")
        upgrade(engine)
        t0 = time.perf_counter()
        seed(engine, n_notices)
        seeded = time.perf_counter() - t0
        sql_s, sql_counts = _best(lambda: sql_notice_counts(engine))
        py_s, py_counts = _best(lambda: python_notice_counts(engine))
        same = {k: v for k, v in sql_counts.items() if _notice_measure(k[2])} == py_counts

        def full() -> dict[tuple[str, int, str], int]:
            with engine.connect() as conn:
                return SqlFiguresRepository(conn).counts(START, END, NOW)

        full_s, _ = _best(full)
        counted_s, cached_ms, loaded_ms = _public_page(engine, Path(tmp))
        engine.dispose()
    db = (url or "sqlite").split(":")[0]
    return [
        {
            "benchmark": f"figures: notice measures, {n_notices:,} notices + {n_notices:,} events ({db})",
            "baseline": "fetch the rows, count in Python",
            "baseline_ms": round(py_s * 1000, 1),
            "ms": round(sql_s * 1000, 1),
            "per_second": round(n_notices / sql_s),
            "ratio": round(py_s / sql_s, 1),
            "note": f"same counts: {same}; seeding took {seeded:.0f} s",
        },
        {
            "benchmark": f"figures: every measure (CCF, harassment...), {n_notices:,} notices ({db})",
            "baseline": "none (the notice measures above are most of the work)",
            "baseline_ms": None,
            "ms": round(full_s * 1000, 1),
            "per_second": round(n_notices / full_s),
            "ratio": None,
            "note": f"{max(1, n_notices // 200):,} CCF cases and harassment reports",
        },
        {
            "benchmark": f"figures: a public figures page's table, {n_notices:,} notices ({db})",
            "baseline": "counted (the closed period, as of its end: the first request of a quarter)",
            "baseline_ms": round(counted_s * 1000, 1),
            "ms": round(cached_ms, 3),
            "per_second": None,
            "ratio": round(counted_s * 1000 / cached_ms) if cached_ms else None,
            "note": "kept in PublicFiguresCache, which the server's background thread fills at start-up: "
            "every public page is a cached read (median of 1,000, the country sliced out)",
        },
        {
            "benchmark": f"figures: the same table in another process, {n_notices:,} notices ({db})",
            "baseline": "counted again (each process counted its own before issue 18, item 4)",
            "baseline_ms": round(counted_s * 1000, 1),
            "ms": round(loaded_ms, 2),
            "per_second": None,
            "ratio": round(counted_s * 1000 / loaded_ms) if loaded_ms else None,
            "note": "read from public_figures_tables by a fresh StoredPublicFiguresCache (median of 20): "
            "what a second server process or a restart pays once per quarter",
        },
    ]


def _public_page(engine: Engine, tmp: Path) -> tuple[float, float, float]:
    """Seconds to count the public table of the closed period (``public_figures``, as the transparency
    pages do, from an empty cache and an empty store), milliseconds a page then takes to get it from the
    process's cache, and milliseconds another process takes to read it from the store."""
    from rednotice.bootstrap import Store
    from rednotice.config import Environment, Settings
    from rednotice.services import figures as fs
    from rednotice.services.figures_tables import StoredPublicFiguresCache

    settings = Settings(env=Environment.TEST, data_dir=tmp, secret_key="b" * 40)
    store = Store(settings, engine, clock=lambda: NOW)

    def stored() -> StoredPublicFiguresCache:
        return StoredPublicFiguresCache(store.replica, store.uow, "bench")

    cache = stored()
    cache.clear()
    start = time.perf_counter()
    fs.public_figures(fs.FiguresQuery(), store.replica(), settings=settings.figures, cache=cache)
    counted = time.perf_counter() - start
    times = []
    for i in range(1000):
        query = fs.FiguresQuery(country=COUNTRIES[i % len(COUNTRIES)])
        start = time.perf_counter()
        fs.public_figures(query, store.replica(), settings=settings.figures, cache=cache)
        times.append(time.perf_counter() - start)
    assert cache.computed == 1
    loads = []
    for _ in range(20):
        other = stored()
        start = time.perf_counter()
        fs.public_figures(fs.FiguresQuery(), store.replica(), settings=settings.figures, cache=other)
        loads.append(time.perf_counter() - start)
        assert other.computed == 0 and other.loaded == 1
    return counted, sorted(times)[len(times) // 2] * 1000, sorted(loads)[len(loads) // 2] * 1000


if __name__ == "__main__":
    import sys

    for row in bench_figures(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000):
        print(row)
