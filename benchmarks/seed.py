"""Fill a store fast with many realistic-enough notices (bulk inserts through the repository, in batches)."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta

from rich.progress import Progress
from sqlalchemy import Engine
from tests.factories import request_dict

from rednotice.adapters.db.store import SqlNoticeRepository
from rednotice.adapters.formats.request_json import parse_request
from rednotice.domain.lifecycle import Notice, State

FAMILY = [
    "IVANOV",
    "PETROV",
    "WANG",
    "LI",
    "ZHANG",
    "MUHAMMAD",
    "HASSAN",
    "YILMAZ",
    "KAYA",
    "NGUYEN",
    "GARCIA",
    "MARTIN",
    "DURAND",
    "SMITH",
    "KOWALSKI",
    "NOWAK",
    "SIDOROV",
    "CHEN",
    "ALIYEV",
    "KHAN",
]
GIVEN = [
    "Sergei",
    "Wei",
    "Ahmed",
    "Mehmet",
    "Anh",
    "Carlos",
    "Paul",
    "John",
    "Piotr",
    "Olga",
    "Mei",
    "Fatima",
    "Elif",
    "Leyla",
    "Ivan",
    "Omar",
    "Jian",
    "Maria",
    "Ali",
    "Nadia",
]
COUNTRIES = ["RU", "CN", "TR", "FR", "US", "DE", "AZ", "KZ", "IR", "EG", "VE", "BR", "IN", "MX", "NG"]
STATES = [
    (State.PUBLISHED, 80),
    (State.REFUSED, 5),
    (State.SUBMITTED, 5),
    (State.CANCELLED, 4),
    (State.EXPIRED, 4),
    (State.DELETED, 2),
]
log = logging.getLogger("benchmarks.seed")


def insert_notices(engine: Engine, notices: Iterable[Notice], total: int, batch: int = 2000) -> None:
    """Store notices through the repository (``add_many``: their keys and public search terms too), one
    transaction per ``batch``, so the cost is linear and a long load shows its progress: a bar on a
    terminal, a log line (``benchmarks.seed``) every tenth of the way."""
    started = time.perf_counter()
    done, step = 0, max(batch, total // 10)
    with Progress(transient=True) as progress:
        task = progress.add_task(f"storing {total:,} notices", total=total)
        chunk: list[Notice] = []

        def flush() -> None:
            nonlocal done
            with engine.begin() as conn:
                SqlNoticeRepository(conn).add_many(chunk)
            progress.advance(task, len(chunk))
            before, done = done, done + len(chunk)
            chunk.clear()
            if done // step > before // step or done == total:
                rate = done / max(time.perf_counter() - started, 1e-9)
                log.info("seeded %s of %s notices (%.0f a second)", f"{done:,}", f"{total:,}", rate)

        for notice in notices:
            chunk.append(notice)
            if len(chunk) >= batch:
                flush()
        if chunk:
            flush()


PUBLIC_SHARE = 0.5
"""Of the published notices, how many the requester lets be published as public extracts."""


def seed(engine: Engine, n: int, seed_value: int = 7, batch: int = 2000) -> None:
    """n notices in a mix of states, names from short lists (many homonyms, as in the compliance checks);
    half the published ones are public extracts (the public list and search have something to page)."""
    rng = random.Random(seed_value)
    base = datetime(2020, 1, 1, tzinfo=UTC)
    states = [s for s, w in STATES for _ in range(w)]

    def notices() -> Iterator[Notice]:
        for i in range(n):
            country = rng.choice(COUNTRIES)
            state = rng.choice(states)
            public = state is State.PUBLISHED and rng.random() < PUBLIC_SHARE
            data = request_dict(
                **{
                    "requesting_country": country,
                    "subject.family_name": f"{rng.choice(FAMILY)}{i % 997}",
                    "subject.given_names": rng.choice(GIVEN),
                    "subject.date_of_birth": (
                        f"{rng.randint(1950, 2002)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                    ),
                    "subject.nationalities": [country],
                    "subject.aliases": [],
                    "visibility.public_extract": public,
                }
            )
            created = base + timedelta(minutes=i)
            yield Notice(
                f"2020/{i + 1:06d}",
                parse_request(data),
                state=state,
                created_at=created,
                created_by="bench",
                published_at=created + timedelta(days=2) if state is State.PUBLISHED else None,
            )

    insert_notices(engine, notices(), n, batch)
