"""Fill a store fast with many realistic-enough notices (bulk inserts through the repository's columns)."""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta

from rich.progress import Progress
from sqlalchemy import Engine, insert
from tests.factories import request_dict

from rednotice.adapters.db import tables as t
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


def insert_notices(engine: Engine, notices: Iterable[Notice], total: int, batch: int = 2000) -> None:
    """Bulk-insert notices through the repository's own column mapping (no events, no audit)."""
    with Progress(transient=True) as progress, engine.begin() as conn:
        task = progress.add_task(f"storing {total:,} notices", total=total)
        repo = SqlNoticeRepository(conn)
        rows = []
        for notice in notices:
            values = repo._columns(notice)
            values.update(id=notice.id, version=1, created_at=notice.created_at, created_by="bench")
            rows.append(values)
            if len(rows) >= batch:
                conn.execute(insert(t.notices), rows)
                progress.advance(task, len(rows))
                rows = []
        if rows:
            conn.execute(insert(t.notices), rows)
            progress.advance(task, len(rows))


def seed(engine: Engine, n: int, seed_value: int = 7, batch: int = 2000) -> None:
    """n notices in a mix of states, names from short lists (many homonyms, as in the compliance checks)."""
    rng = random.Random(seed_value)
    base = datetime(2020, 1, 1, tzinfo=UTC)
    states = [s for s, w in STATES for _ in range(w)]

    def notices() -> Iterator[Notice]:
        for i in range(n):
            country = rng.choice(COUNTRIES)
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
                }
            )
            yield Notice(
                f"2020/{i + 1:06d}",
                parse_request(data),
                state=rng.choice(states),
                created_at=base + timedelta(minutes=i),
                created_by="bench",
            )

    insert_notices(engine, notices(), n, batch)
