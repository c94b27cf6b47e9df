"""Where a screening request's server CPU goes: cProfile over the screening service and over the ASGI app,
both in this process, on a freshly seeded store (issue 18, item 1).

``python -m benchmarks.profile_screening [--notices 20000] [--store postgresql] [--calls 600]
[--clients 16] [--top 40]``

- ``service``: ``actor_for_token`` + ``services.screening.screen`` called from ``--clients`` threads at
  once (so the group commit groups, as under load), profiled in every thread;
- ``asgi``: ``POST /api/v1/screenings`` sent to ``create_app``'s ASGI callable directly (no socket, no
  uvicorn, no HTTP parsing), ``--clients`` requests in flight, profiled in the event loop's thread and in
  the thread pool's threads the sync route runs in.

Each prints CPU milliseconds per call (``time.process_time``: every thread of this process, the profiler's
own cost included, so only the split between functions and the before/after of one run mean anything;
``--no-profile`` gives CPU without the profiler) and the functions with the most cumulative and own time,
summed over threads.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import json
import pstats
import secrets
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from benchmarks.http_screening import (
    COUNTRY,
    PASSWORD,
    USERNAME,
    _bench_store,
    _parsed,
    _published_names,
    make_queries,
)
from benchmarks.seed import seed
from rednotice.adapters.db.engine import make_engine
from rednotice.adapters.db.migrate import upgrade
from rednotice.bootstrap import Store
from rednotice.config import Environment, Settings
from rednotice.domain.users import SYSTEM, Role
from rednotice.services import screening as sc
from rednotice.services import users as us


class ThreadProfiles:
    """cProfile in this thread and in every thread started while active; stats merged at the end."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.profiles: list[cProfile.Profile] = []
        self._lock = threading.Lock()

    def _start_in_thread(self, *_: object) -> None:
        profile = cProfile.Profile(time.thread_time)  # CPU of this thread, not wall time
        with self._lock:
            self.profiles.append(profile)
        profile.enable()  # replaces this hook in the new thread

    def __enter__(self) -> ThreadProfiles:
        if self.enabled:
            threading.setprofile(self._start_in_thread)
            self._start_in_thread()
        return self

    def __exit__(self, *_: object) -> None:
        if self.enabled:
            threading.setprofile(None)  # type: ignore[arg-type]
            for profile in self.profiles:
                profile.disable()  # only the calling thread's stops; the others' stats are read as they are

    def report(self, top: int, dump: str | None = None) -> str:
        if not self.profiles:
            return ""
        out = io.StringIO()
        stats = pstats.Stats(self.profiles[0], stream=out)
        for profile in self.profiles[1:]:
            stats.add(profile)
        if dump:
            stats.dump_stats(dump)
        stats.sort_stats("cumulative").print_stats(top)
        stats.sort_stats("tottime").print_stats(top)
        return out.getvalue()


def _cpu(
    label: str, calls: int, run: Callable[[], None], profile: bool, top: int, dump: str | None = None
) -> None:
    profiles = ThreadProfiles(profile)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    with profiles:
        run()
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    print(
        f"== {label}: {calls} calls, {cpu * 1000 / calls:.2f} ms CPU per call, {calls / wall:.0f} calls/s "
        f"({'profiled' if profiles.enabled else 'not profiled'})"
    )
    print(profiles.report(top, dump))


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile_screening")
    parser.add_argument("--notices", type=int, default=20_000)
    parser.add_argument("--store", default="postgresql", choices=("postgresql", "sqlite"))
    parser.add_argument("--calls", type=int, default=600)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--only", choices=("service", "asgi"), default=None)
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--dump", default=None, help="write the merged stats to DUMP-service / DUMP-asgi")
    args = parser.parse_args(argv)

    with (
        tempfile.TemporaryDirectory(prefix="rednotice-profile-") as tmp_name,
        _bench_store(args.store, Path(tmp_name)) as url,
    ):
        tmp = Path(tmp_name)
        engine = make_engine(url)
        try:
            upgrade(engine)
            seed(engine, args.notices)
            settings = Settings(
                env=Environment.DEVELOPMENT,
                data_dir=tmp,
                secret_key=secrets.token_urlsafe(48),
                database_url=url,
                background=False,
            )
            store = Store(settings, engine)
            us.add_user(us.AddUser(USERNAME, Role.NCB_OFFICER, PASSWORD, COUNTRY), SYSTEM, store.uow())
            token = us.issue_token(USERNAME, "profile", SYSTEM, store.uow())
            queries = make_queries(_published_names(store), args.calls)
            parsed = _parsed(queries)
            profile = not args.no_profile

            if args.only in (None, "service"):
                screening = sc.ScreeningEngine(  # as the server makes it (web/app.py)
                    store.uow, store.reader, max_age=sc.FRESH_FOR, local_commits=store.commits
                )
                screening.ensure_built()
                for q in parsed[:50]:  # warm: caches, pool
                    sc.screen(
                        sc.Screen([q], "api"), us.actor_for_token(token, store.reader()), screening, store.uow
                    )

                def one(q: Any) -> None:
                    actor = us.actor_for_token(token, store.reader(), store.uow)
                    sc.screen(sc.Screen([q], "api"), actor, screening, store.uow)

                def service() -> None:
                    with ThreadPoolExecutor(args.clients) as pool:
                        list(pool.map(one, parsed))

                _cpu(
                    "screening service in process",
                    len(parsed),
                    service,
                    profile,
                    args.top,
                    args.dump and f"{args.dump}-service",
                )
                del screening

            if args.only in (None, "asgi"):
                from rednotice.web.app import create_app

                app = create_app(store)
                app.state.screening_engine.ensure_built()
                bodies = [json.dumps({"queries": [q]}).encode() for q in queries]
                headers = [
                    (b"host", b"127.0.0.1"),
                    (b"authorization", f"Bearer {token}".encode()),
                    (b"content-type", b"application/json"),
                ]

                async def request(body: bytes) -> int:
                    scope = {
                        "type": "http",
                        "asgi": {"version": "3.0", "spec_version": "2.3"},
                        "http_version": "1.1",
                        "method": "POST",
                        "scheme": "http",
                        "path": "/api/v1/screenings",
                        "raw_path": b"/api/v1/screenings",
                        "root_path": "",
                        "query_string": b"",
                        "headers": [*headers, (b"content-length", str(len(body)).encode())],
                        "client": ("127.0.0.1", 5000),
                        "server": ("127.0.0.1", 8000),
                        "state": {},
                    }
                    sent = False
                    status = 0

                    async def receive() -> dict[str, Any]:
                        nonlocal sent
                        if not sent:
                            sent = True
                            return {"type": "http.request", "body": body, "more_body": False}
                        await asyncio.sleep(3600)
                        return {"type": "http.disconnect"}

                    async def send(message: dict[str, Any]) -> None:
                        nonlocal status
                        if message["type"] == "http.response.start":
                            status = message["status"]

                    await app(scope, receive, send)
                    return status

                async def load(items: list[bytes]) -> None:
                    gate = asyncio.Semaphore(args.clients)

                    async def one(body: bytes) -> None:
                        async with gate:
                            status = await request(body)
                            if status != 200:
                                raise RuntimeError(f"status {status}")

                    await asyncio.gather(*(one(b) for b in items))

                asyncio.run(load(bodies[:50]))  # warm
                _cpu(
                    "POST /api/v1/screenings, ASGI in process",
                    len(bodies),
                    lambda: asyncio.run(load(bodies)),
                    profile,
                    args.top,
                    args.dump and f"{args.dump}-asgi",
                )
        finally:
            engine.dispose()


if __name__ == "__main__":
    main(sys.argv[1:])
