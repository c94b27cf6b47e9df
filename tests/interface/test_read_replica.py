"""The read replica (REDNOTICE_REPLICA_DATABASE_URL, issue 18 item 6): lists and figures read there, every
write on the primary.

PostgreSQL only. The "replica" here is the test database itself reached through a read-only engine
(``make_replica_engine``): every statement each engine runs is recorded, so the tests see which reads went
to the replica, and a write routed there fails (the connection is read-only) instead of passing unseen.
With ``REDNOTICE_TEST_REPLICA_URL`` (a streaming standby of the test server, docs/deployment.md) the last
test reads a notice published on the primary back from the standby.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from rednotice.adapters.db import tables
from rednotice.adapters.db.engine import make_engine, make_replica_engine
from rednotice.bootstrap import Store
from rednotice.config import Environment, Settings
from rednotice.domain.lifecycle import Notice, State
from rednotice.domain.users import SYSTEM, Role
from rednotice.services import users as us
from rednotice.web.app import create_app
from tests.conftest import FakeClock, _truncate_postgres
from tests.factories import make_request
from tests.interface.conftest import PASSWORD, auth

NOW = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|MERGE|CREATE|ALTER|DROP|TRUNCATE|LOCK)\b", re.IGNORECASE)


class Statements:
    """Every statement an engine runs (its first line)."""

    def __init__(self, engine: Engine) -> None:
        self.seen: list[str] = []

        @event.listens_for(engine, "before_cursor_execute")
        def _seen(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
            self.seen.append(statement.strip())

    def writes(self) -> list[str]:
        return [s for s in self.seen if WRITE.match(s)]

    def reading(self, table: str) -> bool:
        return any(s.upper().startswith(("SELECT", "WITH")) and table in s for s in self.seen)

    def clear(self) -> None:
        self.seen.clear()


@pytest.fixture
def replicated(
    postgres_url: str, tmp_path: Path, clock: FakeClock
) -> Iterator[tuple[Store, Statements, Statements]]:
    """A store on PostgreSQL whose replica engine is the same database, read-only."""
    store, primary, replica = _store_with_replica(postgres_url, postgres_url, tmp_path, clock)
    yield store, Statements(primary), Statements(replica)
    primary.dispose()
    replica.dispose()


def _store_with_replica(
    postgres_url: str, replica_url: str, tmp_path: Path, clock: FakeClock
) -> tuple[Store, Engine, Engine]:
    """An emptied store on ``postgres_url`` reading through a read-only engine on ``replica_url``."""
    _truncate_postgres(postgres_url)
    settings = Settings(
        env=Environment.TEST,
        data_dir=tmp_path,
        secret_key="t" * 40,
        database_url=postgres_url,
        replica_database_url=replica_url,
        background=False,
    )
    primary, replica = make_engine(postgres_url), make_replica_engine(replica_url)
    return Store(settings, primary, clock, replica_engine=replica), primary, replica


def put_public(store: Store, count: int) -> list[str]:
    ids = []
    with store.uow() as uow:
        for i in range(1, count + 1):
            notice_id = f"2025/{i:05d}"
            request = make_request(
                **{"visibility.public_extract": True, "subject.family_name": f"REPLICA{i:03d}"}
            )
            uow.notices.add(
                Notice(notice_id, request, State.PUBLISHED, created_at=NOW, published_at=NOW, created_by="f")
            )
            ids.append(notice_id)
        uow.commit()
    return ids


def audit_count(store: Store, action: str) -> int:
    with store.engine.connect() as conn:
        a = tables.audit_events
        return int(conn.execute(select(func.count()).where(a.c.action == action)).scalar_one())


def test_public_lists_and_figures_read_the_replica_and_every_write_goes_to_the_primary(
    replicated: tuple[Store, Statements, Statements],
) -> None:
    store, primary, replica = replicated
    put_public(store, 3)
    us.add_user(us.AddUser("oversight", Role.OVERSIGHT, PASSWORD, None), SYSTEM, store.uow())
    token = us.issue_token("oversight", "test", SYSTEM, store.uow(), days=us.MAX_TOKEN_DAYS)
    searches = audit_count(store, "public.search")
    primary.clear()
    replica.clear()
    with TestClient(create_app(store)) as client:
        api = client.get("/notices/v1/red?name=replica")
        assert api.status_code == 200, api.text
        assert api.json()["total"] == 3
        assert client.get("/notices/v1/red/2025-00002").json()["name"] == "REPLICA002"
        assert client.get("/notices/v1/red/2025-00002/images").status_code == 200
        page = client.get("/public/notices?name=replica002")
        assert page.status_code == 200 and "REPLICA002" in page.text
        assert "REPLICA001" in client.get("/public/notices/2025-00001").text
        assert client.get("/transparency/v1/figures").status_code == 200
        assert client.get("/transparency").status_code == 200
        full = client.get("/api/v1/figures", headers=auth(token))
        assert full.status_code == 200, full.text

    # the pages were read on the replica ...
    assert replica.reading("public_terms") or replica.reading("notices")
    assert replica.reading("harassment_reports"), "the figures count on the replica"
    # ... which was never asked to write (a write there would also have failed: the connection is read-only)
    assert replica.writes() == []
    # the two public searches were audited, on the primary
    assert audit_count(store, "public.search") == searches + 2
    assert any(s.startswith("INSERT INTO audit_events") for s in primary.writes())
    # and the primary neither read the public notices nor counted the figures
    assert not primary.reading("notice_transitions")
    assert not primary.reading("harassment_reports")


def test_a_write_routed_to_the_replica_fails_loudly(replicated: tuple[Store, Statements, Statements]) -> None:
    store, _, _ = replicated
    with store.replica() as uow, pytest.raises(DBAPIError, match="read-only transaction"):
        uow.audit.append("someone", "notice.view", "notice:2025/00001", {}, NOW)
    with store.replica() as uow, pytest.raises(RuntimeError, match="cannot commit"):
        uow.commit()
    with store.replica_engine.connect() as conn:  # type: ignore[union-attr]
        assert conn.execute(text("SHOW transaction_read_only")).scalar_one() == "on"
    assert audit_count(store, "notice.view") == 0


def test_healthz_says_how_the_replica_is(replicated: tuple[Store, Statements, Statements]) -> None:
    store, _, _ = replicated
    with TestClient(create_app(store)) as client:
        health = client.get("/healthz").json()
    # the "replica" here is the primary itself: it answers, and is no standby (so no lag to report)
    assert health["replica"] == {"state": "not a standby", "lag_seconds": None}


def test_without_a_replica_healthz_is_as_before(store: Store) -> None:
    with TestClient(create_app(store)) as client:
        assert set(client.get("/healthz").json()) == {"status", "version"}


def _standby_url(postgres_url: str) -> str | None:
    """REDNOTICE_TEST_REPLICA_URL with the test schema's search path (the standby streams every schema)."""
    given = os.environ.get("REDNOTICE_TEST_REPLICA_URL")
    if not given:
        return None
    options = make_url(postgres_url).query.get("options")
    url = make_url(given)
    if options:
        url = url.update_query_dict({"options": options})
    return url.render_as_string(hide_password=False)


def test_a_streaming_standby_serves_what_the_primary_published(
    postgres_url: str, tmp_path: Path, clock: FakeClock
) -> None:
    standby = _standby_url(postgres_url)
    if standby is None:
        pytest.skip("set REDNOTICE_TEST_REPLICA_URL to a streaming standby of the test server")
    store, primary, replica = _store_with_replica(postgres_url, standby, tmp_path, clock)
    try:
        put_public(store, 2)
        with TestClient(create_app(store)) as client:
            deadline = time.monotonic() + 10
            total = client.get("/notices/v1/red").json()["total"]
            while total != 2 and time.monotonic() < deadline:
                time.sleep(0.05)
                total = client.get("/notices/v1/red").json()["total"]
            assert total == 2, "the standby did not replay the two notices in 10 s"
            health = client.get("/healthz").json()["replica"]
        assert health["state"] == "standby" and health["lag_seconds"] is not None
        with replica.connect() as conn, pytest.raises(DBAPIError):
            conn.execute(text("CREATE TABLE rn_replica_probe (i int)"))
    finally:
        primary.dispose()
        replica.dispose()
