"""The per-request bearer-token check, timed over the real SQL store (issue 18, item 1).

``python -m benchmarks.token_check [--users N] [--calls N] [--postgres]``

It makes N users with one token each (rows written directly: argon2 for 1,000 passwords would take
a minute and is not what is measured), then times ``users.actor_for_token`` on a read-only unit of
work, which is what ``web/deps.py`` runs for every API request: ``before``, the check as it was (two
queries every request); ``uncached``, today's check with the verified-actor cache cleared before each
call (one joined query: what a cache miss costs); ``cached``, as it runs with the cache warm. Figures
are microseconds a call, best of three rounds, all in the same process and sitting.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, text
from sqlalchemy.engine import make_url

from rednotice.adapters import security
from rednotice.adapters.db import tables as t
from rednotice.adapters.db.engine import make_engine
from rednotice.adapters.db.migrate import upgrade
from rednotice.bootstrap import Store
from rednotice.config import Environment, Settings
from rednotice.services import users as us

POSTGRES = os.environ.get("REDNOTICE_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _timed(fn: Callable[[], object], calls: int) -> float:
    """Microseconds a call, best of three rounds."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        best = min(best, (time.perf_counter() - start) / calls)
    return best * 1e6


def _seed(store: Store, n: int) -> list[str]:
    now = datetime.now(UTC)
    tokens = [security.new_token() for _ in range(n)]
    with store.engine.begin() as conn:
        conn.execute(
            insert(t.users),
            [
                {
                    "username": f"bench-{i}",
                    "role": "reviewer",
                    "country": None,
                    "password_hash": "!",
                    "active": True,
                    "created_at": now,
                    "failed_logins": 0,
                    "locked_until": None,
                }
                for i in range(n)
            ],
        )
        conn.execute(
            insert(t.api_tokens),
            [
                {
                    "token_hash": security.hash_token(tok),
                    "username": f"bench-{i}",
                    "label": "bench",
                    "created_at": now,
                    "expires_at": now + timedelta(days=90),
                }
                | ({"public_id": security.hash_token(tok)[:16]} if "public_id" in t.api_tokens.c else {})
                for i, tok in enumerate(tokens)
            ],
        )
    return tokens


def run(store: Store, users: int, calls: int) -> dict[str, float]:
    tokens = _seed(store, users)
    rng = random.Random(7)
    clear = getattr(us, "clear_token_cache", lambda: None)

    def before() -> None:
        """The check as it was before issue 18: two queries (the token, then its owner), every request."""
        token_hash = security.hash_token(rng.choice(tokens))
        with store.reader() as uow:
            record = uow.users.get_token(token_hash)
            user = uow.users.get(record.username) if record else None
            assert record is not None and user is not None and user.active and record.revoked_at is None
            user.actor()

    def cold() -> None:
        clear()
        us.actor_for_token(rng.choice(tokens), store.reader())

    def warm() -> None:
        us.actor_for_token(rng.choice(tokens[:50]), store.reader())

    return {"before": _timed(before, calls), "uncached": _timed(cold, calls), "cached": _timed(warm, calls)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--postgres", action="store_true", help=f"also on PostgreSQL ({POSTGRES})")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        stores = [("sqlite", url)]
        schema = f"rn_bench_tokens_{os.getpid()}"
        if args.postgres:
            admin = make_engine(POSTGRES)
            with admin.begin() as conn:
                conn.execute(text(f'CREATE SCHEMA "{schema}"'))
            admin.dispose()
            pg = make_url(POSTGRES).update_query_dict({"options": f"-csearch_path={schema}"})
            stores.append(("postgresql", pg.render_as_string(hide_password=False)))
        try:
            for name, db in stores:
                engine = make_engine(db)
                upgrade(engine)
                settings = Settings(
                    env=Environment.TEST, data_dir=Path(tmp), secret_key="b" * 40, database_url=db
                )
                figures = run(Store(settings, engine), args.users, args.calls)
                engine.dispose()
                print(
                    f"{name}: token check, {args.users} tokens: "
                    + ", ".join(f"{k} {v:.0f} µs/request" for k, v in figures.items())
                )
        finally:
            if args.postgres:
                admin = make_engine(POSTGRES)
                with admin.begin() as conn:
                    conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
                admin.dispose()


if __name__ == "__main__":
    main()
