"""REDNOTICE_REPLICA_DATABASE_URL: optional, PostgreSQL only, refused clearly beside SQLite (issue 18)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from rednotice.adapters.db.engine import make_replica_engine
from rednotice.bootstrap import open_store
from rednotice.config import Environment, Settings, load_settings
from rednotice.domain.errors import InvalidInput

PG = "postgresql+psycopg://rednotice@db.example.org/rednotice"
REPLICA = "postgresql+psycopg://rednotice@replica.example.org/rednotice"


def settings(tmp_path: Path, **kwargs: object) -> Settings:
    return Settings(env=Environment.TEST, data_dir=tmp_path, secret_key="t" * 40, **kwargs)  # type: ignore[arg-type]


def test_without_the_setting_there_is_no_replica(tmp_path: Path) -> None:
    s = settings(tmp_path)
    assert s.replica_database_url is None
    store = open_store(s)
    assert store.replica_engine is None
    assert store.replica().engine is store.engine
    assert store.replica_status() is None


def test_a_replica_of_postgresql_is_accepted(tmp_path: Path) -> None:
    s = settings(tmp_path, database_url=PG, replica_database_url=REPLICA)
    store = open_store(s)  # engines connect lazily: nothing is reached here
    assert store.replica_engine is not None
    assert store.replica_engine.url.host == "replica.example.org"
    assert store.replica().engine is store.replica_engine
    assert store.reader().engine is store.engine and store.uow().engine is store.engine


@pytest.mark.parametrize("database_url", [None, "sqlite:////tmp/rednotice.sqlite3"])
def test_a_replica_beside_sqlite_is_refused(tmp_path: Path, database_url: str | None) -> None:
    with pytest.raises(ValidationError, match="embedded SQLite store has no replica"):
        settings(tmp_path, database_url=database_url, replica_database_url=REPLICA)


def test_a_replica_that_is_not_postgresql_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="is a PostgreSQL URL"):
        settings(tmp_path, database_url=PG, replica_database_url="sqlite:////tmp/copy.sqlite3")
    with pytest.raises(ValueError, match="PostgreSQL"):
        make_replica_engine("sqlite:////tmp/copy.sqlite3")


def test_the_environment_error_names_the_variable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("REDNOTICE_ENV", "test")
    monkeypatch.setenv("REDNOTICE_SECRET_KEY", "s" * 40)
    monkeypatch.setenv("REDNOTICE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("REDNOTICE_DATABASE_URL", raising=False)
    monkeypatch.setenv("REDNOTICE_REPLICA_DATABASE_URL", REPLICA)
    with pytest.raises(InvalidInput) as caught:
        load_settings()
    message = str(caught.value)
    assert "REDNOTICE_REPLICA_DATABASE_URL needs REDNOTICE_DATABASE_URL on PostgreSQL" in message
    assert "REDNOTICE_:" not in message
