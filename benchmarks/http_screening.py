"""Screening over HTTP under concurrent load: ``POST /api/v1/screenings`` on a real uvicorn server.

``python -m benchmarks.http_screening [n_notices requests concurrency [batch]]``, or
``python -m benchmarks.http_screening workers [--notices 20000] [--store postgresql] [--workers 1,2]
[--clients 8] [--rounds 2]`` (one server process against two on one store, same run; ``--help``).

A temporary SQLite store is migrated and seeded (``benchmarks.seed``), an NCB officer gets an API token
(argon2 password, hashed token, through the user service), and uvicorn serves ``create_app`` on
127.0.0.1 on a free port (development settings from REDNOTICE_* variables), first with one worker
process, then with two (each keeps its own index current from the store's change sequence). Half the
queries are spellings of published notices' names read back from the store (MRZ form, a typo, swapped
order), half other people (Faker); most with a birth date. Load: ``concurrency`` senders, each on an
HTTP/1.1 connection of its own (a small client written here: httpx cost more CPU a request than the server):

- one query per request (``requests`` POSTs): queries/s = requests/s, with p50/p99 latency;
- ``batch`` queries per request (``requests // 10`` POSTs): queries/s.

With two workers both are run twice: over kept-alive connections (one client's pool: the kernel may hand
all of them to one worker process) and with a new connection per request (spread over the workers, as
many clients' would be). Measuring starts once every worker has built its index (each builds it in a
background thread at start-up: the workers' CPU goes quiet) and warm-up screenings answer quickly.

Baseline, same run: ``ScreeningIndex.search`` in this process on the index the server builds (the same
``ScreeningEngine`` over the same store), over the same queries, as the same NCB (best of three passes).
The ratio is the cost per query over HTTP (parsing, bearer-token check, the run, its results, hits and
audit event written to the store, JSON out) against the bare search. A further row times the screening
service in process (token check + ``services.screening.screen``), without HTTP, to split the overhead.

Non-200 responses and transport errors are counted and reported; more than 1% raises. The client runs
on the same machine as the server: with few cores the load generator competes with it for CPU (client,
server and per-worker CPU seconds are in the notes). Notes also give when /healthz first answered: on
SQLite every unit of work begins with ``BEGIN IMMEDIATE``, so while a process builds its index (one long
read transaction) the whole store waits, /healthz and the other workers' builds included.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import httpx
from faker import Faker
from sqlalchemy import select

from benchmarks.seed import seed
from rednotice.adapters.db import tables as t
from rednotice.adapters.db.engine import make_engine
from rednotice.adapters.db.migrate import upgrade
from rednotice.adapters.formats.screening_input import query_from_mapping
from rednotice.bootstrap import Store
from rednotice.config import Environment, Settings
from rednotice.domain.screening.query import ScreeningQuery
from rednotice.domain.users import SYSTEM, Role
from rednotice.services import screening as sc
from rednotice.services import users as us

PATH = "/api/v1/screenings"
USERNAME = "bench-ncb"
COUNTRY = "FR"
PASSWORD = "benchmark password"
HOST = "127.0.0.1"  # loopback only
MAX_FAILED = 0.01
"""More than this share of failed requests raises: the figures would not mean anything."""
START_TIMEOUT = 60.0
"""Seconds for the server to answer /healthz, plus ``START_PER_1000_NOTICES`` per worker: while a process
builds its index the store is locked (see above) and /healthz waits."""
START_PER_1000_NOTICES = 2.0
REQUEST_TIMEOUT = 120.0
SERVICE_SAMPLE = 300
"""Single-query calls of the in-process screening service (each writes a run and an audit event)."""


@dataclass
class Load:
    """What one load run measured."""

    requests: int
    queries: int
    wall_s: float
    latencies_s: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    queries_with_hits: int = 0
    client_cpu_s: float = 0.0
    server_cpu_s: float | None = None
    worker_cpu_s: list[float] = field(default_factory=list)
    database_cpu_s: float | None = None
    """Every PostgreSQL process's CPU on this machine over the load (None: SQLite, or no /proc)."""

    @property
    def failed(self) -> int:
        return len(self.failures)

    def percentile_ms(self, p: int) -> float:
        if len(self.latencies_s) < 2:
            return (self.latencies_s[0] if self.latencies_s else 0.0) * 1000
        return statistics.quantiles(self.latencies_s, n=100, method="inclusive")[p - 1] * 1000


# -- queries


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    k = rng.randrange(1, len(word) - 1)
    return word[:k] + word[k + 1 :]


def make_queries(
    rows: list[tuple[str, str, str | None]], n: int, seed_value: int = 20_000
) -> list[dict[str, str]]:
    """``n`` API query objects: even ones spell a published notice's name, odd ones are other people."""
    rng = random.Random(seed_value)
    fake = Faker(["en_US", "ru_RU", "zh_CN", "ar_AA", "tr_TR", "de_DE", "fr_FR"])
    fake.seed_instance(seed_value)
    out: list[dict[str, str]] = []
    for i in range(n):
        query = {"id": f"q{i}"}
        if i % 2 == 0 and rows:
            family, given, dob = rng.choice(rows)
            form = rng.random()
            if form < 0.3:  # as read from a passport's machine-readable zone
                query["name"] = f"{family.upper().replace(' ', '<')}<<{given.upper().replace(' ', '<')}"
            elif form < 0.6:
                query["name"] = f"{given} {_typo(rng, family)}"
            else:
                query["name"] = f"{family} {given}"
            if dob and rng.random() < 0.8:
                query["birth_date"] = dob
        else:
            query["name"] = fake.name()
            if rng.random() < 0.8:
                born = date.fromordinal(date(1940, 1, 1).toordinal() + rng.randrange(365 * 65))
                query["birth_date"] = born.isoformat()
        out.append(query)
    return out


def _published_names(store: Store) -> list[tuple[str, str, str | None]]:
    n = t.notices
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(n.c.family_name, n.c.given_names, n.c.date_of_birth)
            .where(n.c.state == "published")
            .order_by(n.c.id)
        ).all()
    return [(r.family_name, r.given_names or "", r.date_of_birth) for r in rows]


def _parsed(queries: list[dict[str, str]]) -> list[ScreeningQuery]:
    """The queries as the endpoint reads them."""
    today = date.today()
    return [query_from_mapping(dict(q), i, today, "api") for i, q in enumerate(queries, start=1)]


# -- the server


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def _server_env(tmp: Path, url: str, secret: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REDNOTICE_")}
    env.update(
        REDNOTICE_ENV="development",
        REDNOTICE_DATA_DIR=str(tmp),
        REDNOTICE_DATABASE_URL=url,
        REDNOTICE_SECRET_KEY=secret,
    )
    return env


def _log_tail(path: Path, chars: int = 3000) -> str:
    try:
        return path.read_text(errors="replace")[-chars:]
    except OSError:
        return ""


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM (uvicorn stops its workers), then SIGKILL to the server's own process group if need be."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=20)
    # the server runs in a session of its own: its group id is its pid; anything left there is ours
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=20)


def _wait_ready(proc: subprocess.Popen[bytes], base_url: str, timeout_s: float) -> bool:
    """True once /healthz answers 200; False if the server exited (e.g. the port was taken meanwhile)."""
    deadline = time.monotonic() + timeout_s
    with httpx.Client(base_url=base_url, timeout=5.0) as client:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                return False
            try:
                if client.get("/healthz").status_code == 200:
                    return True
            except httpx.TransportError:
                pass
            time.sleep(0.1)
    raise TimeoutError(f"the server did not answer /healthz within {timeout_s:.0f}s")


def start_server(
    env: dict[str, str], workers: int, log_path: Path, timeout_s: float = START_TIMEOUT
) -> tuple[subprocess.Popen[bytes], str]:
    """uvicorn serving ``create_app`` as ``rednotice serve`` does (access log on), on a free loopback port;
    returns once /healthz answers."""
    for _attempt in range(3):
        port = _free_port()
        cmd = [
            sys.executable,
            "-m",
            "uvicorn",
            "rednotice.web.app:create_app",
            "--factory",
            "--host",
            HOST,
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--timeout-graceful-shutdown",
            "5",
        ]
        with log_path.open("ab") as log:
            proc = subprocess.Popen(  # noqa: S603 -- our own interpreter, fixed arguments
                cmd,
                env=env,
                cwd=log_path.parent,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        base_url = f"http://{HOST}:{port}"
        try:
            if _wait_ready(proc, base_url, timeout_s):
                return proc, base_url
        except BaseException:
            _stop(proc)
            raise
        _stop(proc)
    raise RuntimeError(f"the server did not start:\n{_log_tail(log_path)}")


def _processes(pid: int) -> dict[int, tuple[float, str]]:
    """CPU seconds (user + system) and command line of a process and its descendants, from /proc (Linux);
    empty elsewhere."""
    out: dict[int, tuple[float, str]] = {}
    try:
        tick = os.sysconf("SC_CLK_TCK")
        todo = [pid]
        while todo:
            p = todo.pop()
            stat = Path(f"/proc/{p}/stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            cmdline = Path(f"/proc/{p}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            out[p] = ((int(fields[11]) + int(fields[12])) / tick, cmdline)
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
    except (OSError, ValueError):
        return {}
    return out


def _server_cpu(pid: int) -> tuple[float, dict[int, float]] | None:
    """The whole server's CPU seconds, and each worker process's (with --workers N > 1, uvicorn spawns
    them with multiprocessing; with one worker the server process is the worker)."""
    procs = _processes(pid)
    if not procs:
        return None
    workers = {p: cpu for p, (cpu, cmd) in procs.items() if "spawn_main" in cmd} or {pid: procs[pid][0]}
    return sum(cpu for cpu, _ in procs.values()), workers


def _database_cpu() -> dict[int, float] | None:
    """CPU seconds of each PostgreSQL server process on this machine (``postgres``), or None without
    /proc. Other work on the same server counts too: meaningful on a quiet machine only."""
    tick = os.sysconf("SC_CLK_TCK")
    out: dict[int, float] = {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if (proc / "comm").read_text().strip() != "postgres":
                continue
            stat = (proc / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        out[int(proc.name)] = (int(fields[11]) + int(fields[12])) / tick
    return out or None


def _measured(pid: int, kind: str, *load_args: Any) -> Load:
    """``_load(*load_args)`` with the server's CPU over it (and PostgreSQL's, for that store)."""
    server, database = _server_cpu(pid), _database_cpu() if kind == "postgresql" else None
    load = asyncio.run(_load(*load_args))
    server_after, database_after = _server_cpu(pid), _database_cpu() if kind == "postgresql" else None
    if server is not None and server_after is not None:
        load.server_cpu_s = server_after[0] - server[0]
        load.worker_cpu_s = sorted(
            (c - server[1].get(p, 0.0) for p, c in server_after[1].items()), reverse=True
        )
    if database is not None and database_after is not None:
        # the processes still there at the end (a connection closed meanwhile takes its CPU with it)
        load.database_cpu_s = sum(cpu - database.get(p, 0.0) for p, cpu in database_after.items())
    return load


def _wait_idle(pid: int, workers: int, timeout_s: float) -> None:
    """Wait until the server's worker processes are all up and idle: each builds its screening index in a
    background thread when it starts (CPU-bound), so idle workers have built theirs. No-op without /proc."""
    deadline = time.monotonic() + timeout_s
    before = _server_cpu(pid)
    while before is not None and time.monotonic() < deadline:
        time.sleep(1.0)
        now = _server_cpu(pid)
        if now is None:
            return
        settled = len(now[1]) >= workers and now[1].keys() == before[1].keys()
        if settled and all(now[1][p] - before[1][p] < 0.1 for p in now[1]):
            return
        before = now
    if before is not None:
        raise TimeoutError(f"the server's workers were still busy after {timeout_s:.0f}s")


# -- the load


def _client(base_url: str, token: str, connections: int, keepalive: bool = True) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url=base_url,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        limits=httpx.Limits(
            max_connections=connections, max_keepalive_connections=connections if keepalive else 0
        ),
        timeout=REQUEST_TIMEOUT,
    )


class _Connection:
    """One HTTP/1.1 connection of the load client, written by hand: httpx spent 1.3-2.1 ms of CPU a
    request (more than the server's budget at the target rate) on the same two cores as the server. This
    client sends a request and reads its status line, headers and ``Content-Length`` body, nothing more
    (the server answers every screening with a length, never chunked)."""

    def __init__(self, host: str, port: int, token: str) -> None:
        self.host, self.port = host, port
        self.head = (
            f"POST {PATH} HTTP/1.1\r\nHost: {host}:{port}\r\nAuthorization: Bearer {token}\r\n"
            "Content-Type: application/json\r\nContent-Length: "
        ).encode()
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, body: bytes) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(b"%s%d\r\n\r\n%s" % (self.head, len(body), body))
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("the server closed the connection")
        status = int(status_line.split(b" ", 2)[1])
        length, close = 0, False
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            name = name.lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"connection" and value.strip().lower() == b"close":
                close = True
        data = await self.reader.readexactly(length)
        if close:
            await self.close()
        return status, data

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None


async def _load(
    base_url: str, token: str, bodies: list[tuple[bytes, int]], concurrency: int, keepalive: bool = True
) -> Load:
    """POST every body, ``concurrency`` at once, each sender on a connection of its own (kept alive, or a
    new one per request)."""
    load = Load(requests=len(bodies), queries=sum(n for _, n in bodies), wall_s=0.0)
    host, port = base_url.removeprefix("http://").rsplit(":", 1)
    todo = iter(bodies)

    async def sender() -> None:
        connection = _Connection(host, int(port), token)
        try:
            for body, expected in todo:
                started = time.perf_counter()
                try:
                    status, data = await asyncio.wait_for(connection.post(body), REQUEST_TIMEOUT)
                except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError) as exc:
                    load.failures.append(f"{type(exc).__name__}: {exc}")
                    await connection.close()
                    continue
                load.latencies_s.append(time.perf_counter() - started)
                if not keepalive:
                    await connection.close()
                if status != 200:
                    load.failures.append(f"HTTP {status}: {data[:300]!r}")
                    continue
                results = json.loads(data).get("results") or []
                if len(results) != expected:
                    load.failures.append(f"{len(results)} result lines for {expected} queries")
                load.queries_with_hits += sum(1 for line in results if line["matches"])
        finally:
            await connection.close()

    cpu, started = time.process_time(), time.perf_counter()
    await asyncio.gather(*(sender() for _ in range(concurrency)))
    load.wall_s = time.perf_counter() - started
    load.client_cpu_s = time.process_time() - cpu
    return load


async def _warm_up(base_url: str, token: str, body: bytes, workers: int, timeout_s: float) -> None:
    """Screen until requests answer quickly: rounds of requests on fresh connections (so they may reach
    every worker process) until two rounds in a row take under 2 s (a worker still building its index
    holds a request for as long as the build takes)."""
    started = time.monotonic()
    fast = 0
    while fast < 2:
        if time.monotonic() - started > timeout_s:
            raise TimeoutError(f"the screening index was not ready within {timeout_s:.0f}s")
        n = 4 * workers
        async with _client(base_url, token, n, keepalive=False) as client:
            round_started = time.monotonic()
            responses = await asyncio.gather(*(client.post(PATH, content=body) for _ in range(n)))
            took = time.monotonic() - round_started
        bad = [r for r in responses if r.status_code != 200]
        if bad:
            raise RuntimeError(f"warm-up screening failed: HTTP {bad[0].status_code}: {bad[0].text[:300]}")
        fast = fast + 1 if took < 2.0 else 0


def _bodies(queries: list[dict[str, str]], count: int, size: int) -> list[tuple[bytes, int]]:
    """``count`` request bodies of ``size`` queries each, taken in turn from ``queries`` (wrapping)."""
    out = []
    for i in range(count):
        chunk = [queries[(i * size + k) % len(queries)] for k in range(size)]
        out.append((json.dumps({"queries": chunk}).encode(), size))
    return out


def _expected_hits(flags: list[bool], count: int, size: int) -> int:
    return sum(flags[(i * size + k) % len(flags)] for i in range(count) for k in range(size))


# -- the benchmark


def _row(
    label: str,
    load: Load,
    baseline_label: str,
    baseline_ms: float,
    expected_hits: int,
    workers: int,
    keepalive: bool,
) -> dict[str, object]:
    ms = load.wall_s * 1000 / load.queries
    agree = (
        "same hits as in process"
        if load.queries_with_hits == expected_hits
        else f"HITS DIFFER: {load.queries_with_hits:,} queries with hits, {expected_hits:,} in process"
    )
    server = ""
    if load.server_cpu_s is not None:
        server = f", server CPU {load.server_cpu_s:.1f}s ({load.server_cpu_s / load.wall_s:.0%} of a core"
        if len(load.worker_cpu_s) > 1:
            server += "; per worker " + " / ".join(f"{c:.1f}s" for c in load.worker_cpu_s)
        server += ")"
    if load.database_cpu_s is not None:
        server += f", PostgreSQL CPU {load.database_cpu_s:.1f}s ({_cpu_ms(load, True)} ms a request)"
    return {
        "benchmark": label,
        "baseline": baseline_label,
        "baseline_ms": baseline_ms,
        "ms": ms,
        "per_second": 1000 / ms,
        "ratio": ms / baseline_ms,
        "note": (
            f"{load.requests:,} requests, {load.requests / load.wall_s:,.0f} req/s, "
            f"latency p50 {load.percentile_ms(50):.1f} ms p99 {load.percentile_ms(99):.1f} ms; "
            f"{load.failed} failed; {agree}; wall {load.wall_s:.1f}s, "
            f"client CPU {load.client_cpu_s:.1f}s{server}"
        ),
        "workers": workers,
        "keepalive": keepalive,
        "requests": load.requests,
        "queries": load.queries,
        "failed": load.failed,
        "p50_ms": load.percentile_ms(50),
        "p99_ms": load.percentile_ms(99),
        "queries_with_hits": load.queries_with_hits,
        "expected_queries_with_hits": expected_hits,
    }


def _check(load: Load, what: str, log_path: Path) -> None:
    if load.failed > MAX_FAILED * load.requests:
        sample = "\n".join(load.failures[:5])
        raise RuntimeError(
            f"{what}: {load.failed} of {load.requests} requests failed:\n{sample}\n"
            f"server log:\n{_log_tail(log_path)}"
        )


def _best_ms(fn: Callable[[], object], calls: int, rounds: int = 3) -> float:
    """Milliseconds per call of ``fn`` (which makes ``calls`` calls), best of ``rounds`` rounds."""
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best * 1000 / calls


def _baseline_label(n_queries: int) -> str:
    return f"ScreeningIndex.search in process, same {n_queries:,} queries, as {COUNTRY}"


def _in_process(
    store: Store, token: str, parsed: list[ScreeningQuery], n_notices: int, seeded_s: float
) -> tuple[float, list[bool], dict[str, object]]:
    """The baseline (bare index search, ms per query, on the index the server builds: the same engine over
    the same store), which queries have hits, and a row for the screening service called in process."""
    screening = sc.ScreeningEngine(store.uow)
    started = time.perf_counter()
    index = screening.ensure_built()
    build_s = time.perf_counter() - started
    flags = [bool(index.search(q, viewer_country=COUNTRY, limit=10)) for q in parsed]

    def search_all() -> None:
        for q in parsed:
            index.search(q, viewer_country=COUNTRY, limit=10)

    baseline_ms = _best_ms(search_all, len(parsed))

    # token check + screen (the run, its results and hits, the audit event written to the store); no HTTP
    sample = parsed[: max(1, min(len(parsed), SERVICE_SAMPLE) // 3)]

    def service() -> None:
        for q in sample:
            actor = us.actor_for_token(token, store.uow())
            sc.screen(sc.Screen([q], "api"), actor, screening, store.uow)

    def auth() -> None:
        for _ in sample:
            us.actor_for_token(token, store.uow())

    service_ms = _best_ms(service, len(sample))
    auth_ms = _best_ms(auth, len(sample))
    row: dict[str, object] = {
        "benchmark": (
            f"screening service in process, 1 query per call, {n_notices:,} notices ({len(index):,} in force)"
        ),
        "baseline": _baseline_label(len(parsed)),
        "baseline_ms": baseline_ms,
        "ms": service_ms,
        "per_second": 1000 / service_ms,
        "ratio": service_ms / baseline_ms,
        "note": (
            f"actor_for_token + services.screening.screen (writes the run, results, hits, audit event), "
            f"one call at a time, best of 3 x {len(sample)}; token check alone {auth_ms:.2f} ms; "
            f"seeded in {seeded_s:.1f}s, index built in {build_s:.1f}s; "
            f"{sum(flags):,} of {len(flags):,} queries with hits"
        ),
        "workers": 0,
        "keepalive": None,
        "requests": 3 * len(sample),
        "queries": 3 * len(sample),
        "failed": 0,
    }
    return baseline_ms, flags, row


def bench_http_screening(
    n_notices: int = 70_000,
    requests: int = 2_000,
    concurrency: int = 8,
    batch: int = 100,
    workers: tuple[int, ...] = (1, 2),
    store_kind: str = "sqlite",
    rounds: int = 1,
) -> list[dict[str, object]]:
    """Rows shaped like ``benchmarks.__main__``'s (plus counts: workers, keepalive, requests, queries, failed,
    latency percentiles, queries with hits over HTTP and in process). ``store_kind``: ``sqlite`` (a file)
    or ``postgresql`` (a schema of its own on ``POSTGRES_URL``); ``batch`` 0 leaves out the batched
    requests; ``rounds`` serves each worker count that many times, in alternating order (1, 2, then
    2, 1...), so that neither always runs first on a shared machine."""
    if requests < 1 or concurrency < 1 or batch < 0 or rounds < 1:
        raise ValueError("requests, concurrency and rounds are at least 1, batch at least 0")
    batch_requests = max(1, requests // 10)
    rows: list[dict[str, object]] = []
    with (
        tempfile.TemporaryDirectory(prefix="rednotice-http-bench-") as tmp_name,
        _bench_store(store_kind, Path(tmp_name)) as url,
    ):
        tmp = Path(tmp_name)
        secret = secrets.token_urlsafe(48)
        engine = make_engine(url)
        try:
            upgrade(engine)
            started = time.perf_counter()
            seed(engine, n_notices)
            seeded_s = time.perf_counter() - started
            settings = Settings(
                env=Environment.DEVELOPMENT,
                data_dir=tmp,
                secret_key=secret,
                database_url=url,
                background=False,
            )
            store = Store(settings, engine)
            us.add_user(us.AddUser(USERNAME, Role.NCB_OFFICER, PASSWORD, COUNTRY), SYSTEM, store.uow())
            token = us.issue_token(USERNAME, "http benchmark", SYSTEM, store.uow())

            queries = make_queries(_published_names(store), requests)
            parsed = _parsed(queries)

            baseline_ms, flags, service_row = _in_process(store, token, parsed, n_notices, seeded_s)
            rows.append(service_row)
            gc.collect()  # the in-process index is gone: leave the machine to the server

            single = [(json.dumps({"queries": [q]}).encode(), 1) for q in queries]
            batched = _bodies(queries, batch_requests, batch) if batch else []
            single_hits = sum(flags)
            batched_hits = _expected_hits(flags, batch_requests, batch) if batch else 0
            warm_body = json.dumps({"queries": queries[:1]}).encode()
            env = _server_env(tmp, url, secret)
            order = [(r, n) for r in range(rounds) for n in (workers if r % 2 == 0 else workers[::-1])]
            for round_no, n_workers in order:
                log_path = tmp / f"uvicorn-{n_workers}.log"
                budget = START_TIMEOUT + START_PER_1000_NOTICES * n_workers * n_notices / 1000
                started = time.monotonic()
                proc, base_url = start_server(env, n_workers, log_path, budget)
                try:
                    healthz_s = time.monotonic() - started
                    _wait_idle(proc.pid, n_workers, budget)
                    asyncio.run(_warm_up(base_url, token, warm_body, n_workers, budget))
                    ready_s = time.monotonic() - started
                    warm_failed = "could not warm the screening index" in _log_tail(log_path, 10**7)
                    plural = "s" if n_workers > 1 else ""
                    # one client's kept-alive connections may all land on one worker process; new
                    # connections spread over them, as many clients' would
                    variants = [(True, single, single_hits), (True, batched, batched_hits)]
                    if n_workers > 1:
                        variants += [(False, single, single_hits), (False, batched, batched_hits)]
                    variants = [v for v in variants if v[1]]
                    for keepalive, bodies, expected in variants:
                        per = "1 query per request" if bodies is single else f"{batch} queries per request"
                        conns = "kept-alive connections" if keepalive else "a new connection per request"
                        what = f"{n_workers} worker{plural}, {concurrency} concurrent, {conns}"
                        load = _measured(
                            proc.pid, store_kind, base_url, token, bodies, concurrency, keepalive
                        )
                        _check(load, f"{per}, {what}", log_path)
                        again = f", round {round_no + 1}" if rounds > 1 else ""
                        row = _row(
                            f"HTTP screening, {per}, {what}, {n_notices:,} notices, {store_kind}{again}",
                            load,
                            _baseline_label(len(parsed)),
                            baseline_ms,
                            expected,
                            n_workers,
                            keepalive,
                        )
                        row["note"] = (
                            f"{row['note']}; server answered /healthz after {healthz_s:.1f}s, "
                            f"every index built after {ready_s:.1f}s"
                            + (
                                "; WARNING: a worker could not warm its index (see its log)"
                                if warm_failed
                                else ""
                            )
                        )
                        row["store"] = store_kind
                        row["round"] = round_no + 1
                        rows.append(row)
                finally:
                    _stop(proc)
        finally:
            engine.dispose()
    return rows


# -- before and after a change (issue 18, item 1): one store, two revisions' servers, same sitting

POSTGRES_URL = os.environ.get(
    "REDNOTICE_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
"""The PostgreSQL server of the comparison: a schema of its own is made and dropped there."""


@contextlib.contextmanager
def _bench_store(kind: str, tmp: Path) -> Iterator[str]:
    """A fresh database URL: a SQLite file in ``tmp``, or a schema of its own on ``POSTGRES_URL``."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp / 'bench.sqlite3'}"
        return
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    schema = f"rn_bench_{os.getpid()}_{secrets.token_hex(3)}"
    admin = make_engine(POSTGRES_URL)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@contextlib.contextmanager
def _checkout(rev: str | None, tmp: Path) -> Iterator[tuple[str, Path]]:
    """The source tree to serve: ``rev`` checked out in a temporary git worktree, or (None) this one.
    Yields a label and the ``src`` directory to put first on PYTHONPATH."""
    root = Path(__file__).resolve().parents[1]
    if rev is None:
        yield "working tree", root / "src"
        return
    where = tmp / f"rev-{rev}"
    git = ["git", "-C", str(root)]  # git from PATH, as a developer runs it
    subprocess.run([*git, "worktree", "add", "--detach", "-q", str(where), rev], check=True)  # noqa: S603
    try:
        label = subprocess.run(  # noqa: S603
            [*git, "log", "-1", "--format=%h", rev], check=True, capture_output=True, text=True
        ).stdout.strip()
        yield label, where / "src"
    finally:
        subprocess.run([*git, "worktree", "remove", "--force", str(where)], check=False)  # noqa: S603


SIDES = ("before", "after")


def _add(total: Load, part: Load) -> None:
    total.requests += part.requests
    total.queries += part.queries
    total.wall_s += part.wall_s
    total.latencies_s += part.latencies_s
    total.failures += part.failures
    total.queries_with_hits += part.queries_with_hits
    if part.server_cpu_s is not None:
        total.server_cpu_s = (total.server_cpu_s or 0.0) + part.server_cpu_s
    if part.database_cpu_s is not None:
        total.database_cpu_s = (total.database_cpu_s or 0.0) + part.database_cpu_s


def _cpu_ms(load: Load, database: bool = False) -> float | None:
    """The server's (or PostgreSQL's) CPU milliseconds per request (the server's is robust to other work
    on the machine, unlike requests/s); None without /proc."""
    cpu = load.database_cpu_s if database else load.server_cpu_s
    if cpu is None or not load.requests:
        return None
    return round(cpu * 1000 / load.requests, 2)


def bench_before_after(
    before: str | None,
    after: str | None = None,
    n_notices: int = 20_000,
    requests: int = 1_500,
    clients: tuple[int, ...] = (8, 32),
    stores: tuple[str, ...] = ("postgresql", "sqlite"),
    rounds: int = 4,
) -> list[dict[str, object]]:
    """Single-traveller ``POST /api/v1/screenings`` served by the code of ``before`` and of ``after``
    (git revisions; None: the working tree), one uvicorn worker each, on the same seeded store, one after
    the other in the same sitting, at each number of ``clients``: requests/s, p50 and p99, and the
    ratios after/before. Both servers run at once, measured in turn: ``rounds`` rounds alternating which
    goes first, ``requests`` in all per server, number of clients and store.

    The store is migrated, seeded and given its token by this tree's code: both revisions must read that
    schema and that token (true of revisions that differ in how they write, as for issue 18, item 1)."""
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="rednotice-http-ab-") as tmp_name:
        tmp = Path(tmp_name)
        for kind in stores:
            with _bench_store(kind, tmp) as url:
                engine = make_engine(url)
                try:
                    upgrade(engine)
                    seed(engine, n_notices)
                    secret = secrets.token_urlsafe(48)
                    store = Store(
                        Settings(
                            env=Environment.DEVELOPMENT,
                            data_dir=tmp,
                            secret_key=secret,
                            database_url=url,
                            background=False,
                        ),
                        engine,
                    )
                    us.add_user(
                        us.AddUser(USERNAME, Role.NCB_OFFICER, PASSWORD, COUNTRY), SYSTEM, store.uow()
                    )
                    token = us.issue_token(USERNAME, "http benchmark", SYSTEM, store.uow())
                    queries = make_queries(_published_names(store), requests)
                finally:
                    engine.dispose()
                bodies = [(json.dumps({"queries": [q]}).encode(), 1) for q in queries]
                measured = {(side, c): Load(0, 0, 0.0) for side in SIDES for c in clients}
                labels: dict[str, str] = {}
                with contextlib.ExitStack() as stack:
                    servers: dict[str, tuple[str, Path, int]] = {}
                    for side, rev in zip(SIDES, (before, after), strict=True):
                        label, src = stack.enter_context(_checkout(rev, tmp))
                        labels[side] = label
                        data_dir = tmp / f"{kind}-{side}"  # each its own index snapshot
                        data_dir.mkdir()
                        env = _server_env(data_dir, url, secret)
                        env["PYTHONPATH"] = os.pathsep.join(
                            [str(src), *filter(None, [os.environ.get("PYTHONPATH")])]
                        )
                        log_path = data_dir / "uvicorn.log"
                        budget = START_TIMEOUT + START_PER_1000_NOTICES * n_notices / 1000
                        proc, base_url = start_server(env, 1, log_path, budget)
                        stack.callback(_stop, proc)
                        _wait_idle(proc.pid, 1, budget)
                        asyncio.run(_warm_up(base_url, token, bodies[0][0], 1, budget))
                        servers[side] = base_url, log_path, proc.pid
                    # both servers up, idle but for the one measured: rounds alternate which goes first,
                    # so that a machine whose load varies (other work on it) weighs on both alike
                    per_round = max(1, requests // rounds)
                    for c in clients:
                        for r in range(rounds):
                            part = bodies[r * per_round : (r + 1) * per_round] or bodies[:per_round]
                            for side in SIDES if r % 2 == 0 else SIDES[::-1]:
                                base_url, log_path, pid = servers[side]
                                load = _measured(pid, kind, base_url, token, part, c)
                                _check(load, f"{kind}, {side} ({labels[side]}), {c} clients", log_path)
                                _add(measured[side, c], load)
                for c in clients:
                    old, new = measured["before", c], measured["after", c]
                    old_ms, new_ms = old.wall_s * 1000 / old.requests, new.wall_s * 1000 / new.requests
                    rows.append(
                        {
                            "benchmark": (
                                f"HTTP screening, 1 traveller per request, {c} clients, 1 worker, {kind}, "
                                f"{n_notices:,} notices: {labels['after']} against {labels['before']}"
                            ),
                            "baseline": f"the same at {labels['before']}",
                            "baseline_ms": old_ms,
                            "ms": new_ms,
                            "per_second": 1000 / new_ms,
                            "ratio": new_ms / old_ms,
                            "note": (
                                f"{new.requests:,} requests each in {rounds} alternating rounds; "
                                f"requests/s {old.requests / old.wall_s:,.0f}"
                                f" -> {new.requests / new.wall_s:,.0f} "
                                f"(x{old.wall_s / new.wall_s:.2f}); p50 {old.percentile_ms(50):.1f}"
                                f" -> {new.percentile_ms(50):.1f} ms; p99 {old.percentile_ms(99):.1f}"
                                f" -> {new.percentile_ms(99):.1f} ms "
                                f"(x{new.percentile_ms(99) / max(old.percentile_ms(99), 1e-9):.2f}); "
                                f"{old.failed} / {new.failed} failed; server CPU per request "
                                f"{_cpu_ms(old)} -> {_cpu_ms(new)} ms"
                                + (
                                    f"; PostgreSQL CPU per request {_cpu_ms(old, True)}"
                                    f" -> {_cpu_ms(new, True)} ms"
                                    if new.database_cpu_s is not None
                                    else ""
                                )
                            ),
                            "store": kind,
                            "clients": c,
                            "requests": new.requests,
                            "before_per_second": old.requests / old.wall_s,
                            "after_per_second": new.requests / new.wall_s,
                            "before_p50_ms": old.percentile_ms(50),
                            "after_p50_ms": new.percentile_ms(50),
                            "before_p99_ms": old.percentile_ms(99),
                            "after_p99_ms": new.percentile_ms(99),
                            "failed": old.failed + new.failed,
                            "before_cpu_ms": _cpu_ms(old),
                            "after_cpu_ms": _cpu_ms(new),
                            "before_database_cpu_ms": _cpu_ms(old, True),
                            "after_database_cpu_ms": _cpu_ms(new, True),
                        }
                    )
    return rows


_SERVICE_THREADS = """
import json, os, sys, tempfile, threading, time
from pathlib import Path
from benchmarks.seed import seed
from benchmarks.http_screening import make_queries, _published_names, _parsed
from rednotice.adapters.db.engine import make_engine
from rednotice.adapters.db.migrate import upgrade
from rednotice.bootstrap import Store
from rednotice.config import Environment, Settings
from rednotice.domain.users import Actor, Role
from rednotice.services import screening as sc
url, threads, each, notices = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
engine = make_engine(url)
upgrade(engine)
seed(engine, notices)
tmp = Path(tempfile.mkdtemp())
settings = Settings(env=Environment.DEVELOPMENT, data_dir=tmp, secret_key="x" * 40, database_url=url,
                    background=False)
store = Store(settings, engine)
screening = sc.ScreeningEngine(store.uow, store.reader)
screening.ensure_built()
queries = _parsed(make_queries(_published_names(store), threads * each))
actor = Actor("bench", Role.NCB_OFFICER, "FR")
def work(i):
    for q in queries[i * each : (i + 1) * each]:
        sc.screen(sc.Screen([q]), actor, screening, store.uow)
pool = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
wall, cpu = time.perf_counter(), time.process_time()
for t in pool:
    t.start()
for t in pool:
    t.join()
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
print(json.dumps({"per_second": threads * each / wall, "cpu_ms": cpu * 1000 / (threads * each)}))
engine.dispose()
"""
"""Run with a revision's code: ``threads`` threads screening one traveller at a time in process (the
service, no HTTP), each writing its run, hits and audit event: the recording's share isolated."""


def bench_service_before_after(
    before: str | None,
    after: str | None = None,
    threads: int = 16,
    each: int = 60,
    n_notices: int = 3_000,
    stores: tuple[str, ...] = ("postgresql", "sqlite"),
) -> list[dict[str, object]]:
    """``services.screening.screen`` from ``threads`` threads at once in one process, with the code of
    ``before`` and of ``after``, each on a fresh store: screenings/s and CPU ms per screening."""
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="rednotice-service-ab-") as tmp_name:
        tmp = Path(tmp_name)
        for kind in stores:
            got: dict[str, dict[str, float]] = {}
            labels: dict[str, str] = {}
            for side, rev in zip(SIDES, (before, after), strict=True):
                side_tmp = tmp / f"{kind}-{side}"
                side_tmp.mkdir()
                with _checkout(rev, side_tmp) as (label, src), _bench_store(kind, side_tmp) as url:
                    labels[side] = label
                    env = dict(os.environ)
                    env["PYTHONPATH"] = os.pathsep.join(
                        [str(src), str(src.parent), *filter(None, [os.environ.get("PYTHONPATH")])]
                    )
                    args = [url, str(threads), str(each), str(n_notices)]
                    done = subprocess.run(  # noqa: S603 -- our own interpreter, fixed script
                        [sys.executable, "-c", _SERVICE_THREADS, *args],
                        env=env,
                        cwd=side_tmp,
                        check=True,
                        capture_output=True,
                        text=True,
                        timeout=600,
                    )
                    got[side] = json.loads(done.stdout.strip().splitlines()[-1])
            old, new = got["before"], got["after"]
            rows.append(
                {
                    "benchmark": (
                        f"screening service in process, {threads} threads at once, 1 traveller each call, "
                        f"{kind}, {n_notices:,} notices: {labels['after']} against {labels['before']}"
                    ),
                    "baseline": f"the same at {labels['before']}",
                    "baseline_ms": old["cpu_ms"],
                    "ms": new["cpu_ms"],
                    "per_second": new["per_second"],
                    "ratio": new["cpu_ms"] / old["cpu_ms"],
                    "note": (
                        f"{threads * each:,} screenings; screenings/s {old['per_second']:,.0f} -> "
                        f"{new['per_second']:,.0f} (x{new['per_second'] / old['per_second']:.2f}); "
                        f"CPU per screening {old['cpu_ms']:.2f} -> {new['cpu_ms']:.2f} ms"
                    ),
                    "store": kind,
                    "threads": threads,
                }
            )
    return rows


def print_rows(rows: list[dict[str, object]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="HTTP screening (ratio = ms per query / in-process search ms per query)")
    for column in ("benchmark", "baseline ms", "ms", "queries/s", "ratio", "note"):
        table.add_column(column, overflow="fold")

    def num(value: Any, fmt: str) -> str:
        return format(value, fmt) if isinstance(value, int | float) else "—"

    for r in rows:
        table.add_row(
            str(r["benchmark"]),
            num(r.get("baseline_ms"), ".3f"),
            num(r.get("ms"), ".3f"),
            num(r.get("per_second"), ",.0f"),
            num(r.get("ratio"), ".3g") + "x",
            str(r.get("note") or ""),
        )
    Console(width=200).print(table)


def main(argv: list[str]) -> None:
    """``[n_notices requests concurrency [batch]]``, each optional; or ``compare --before REV [--after REV]
    [--notices N] [--requests N] [--clients 8,32] [--stores postgresql,sqlite]``."""
    if argv[:1] in (["-h"], ["--help"]):
        print(__doc__)
        print("usage: python -m benchmarks.http_screening [n_notices requests concurrency [batch]]")
        print("       python -m benchmarks.http_screening workers --help")
        print("       python -m benchmarks.http_screening compare --help")
        return
    if argv[:1] == ["workers"]:
        import argparse

        parser = argparse.ArgumentParser(
            prog="python -m benchmarks.http_screening workers",
            description="One server process against several on the same store, same run (issue 18, item 6).",
        )
        parser.add_argument("--notices", type=int, default=20_000)
        parser.add_argument("--requests", type=int, default=2_000, help="single-query requests per load")
        parser.add_argument("--clients", type=int, default=8, help="requests in flight")
        parser.add_argument("--workers", default="1,2", help="server worker processes to compare")
        parser.add_argument("--store", choices=["postgresql", "sqlite"], default="postgresql")
        parser.add_argument("--batch", type=int, default=0, help="also 100-query requests (0: not)")
        parser.add_argument("--rounds", type=int, default=2, help="each worker count served this many times")
        args = parser.parse_args(argv[1:])
        rows = bench_http_screening(
            args.notices,
            args.requests,
            args.clients,
            args.batch,
            tuple(int(w) for w in args.workers.split(",")),
            args.store,
            args.rounds,
        )
        print_rows(rows)
        print(json.dumps(rows, indent=1, default=str))
        return
    if argv[:1] == ["compare"]:
        import argparse

        parser = argparse.ArgumentParser(prog="python -m benchmarks.http_screening compare")
        parser.add_argument("--before", required=True, help="git revision served first")
        parser.add_argument("--after", default=None, help="git revision served second (default: this tree)")
        parser.add_argument("--notices", type=int, default=20_000)
        parser.add_argument("--requests", type=int, default=1_500)
        parser.add_argument("--clients", default="8,32")
        parser.add_argument("--stores", default="postgresql,sqlite")
        parser.add_argument("--rounds", type=int, default=4)
        args = parser.parse_args(argv[1:])
        rows = bench_service_before_after(args.before, args.after, stores=tuple(args.stores.split(",")))
        rows += bench_before_after(
            args.before,
            args.after,
            args.notices,
            args.requests,
            tuple(int(c) for c in args.clients.split(",")),
            tuple(args.stores.split(",")),
            args.rounds,
        )
    else:
        given = [int(a) for a in argv[:4]]
        n_notices, requests, concurrency, batch = given + [70_000, 2_000, 8, 100][len(given) :]
        rows = bench_http_screening(n_notices, requests, concurrency, batch)
    print_rows(rows)
    print(json.dumps(rows, indent=1, default=str))


if __name__ == "__main__":
    main(sys.argv[1:])
