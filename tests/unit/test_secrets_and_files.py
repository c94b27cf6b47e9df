"""Issue 14, item 13: a production secret of 32 'a's was accepted; the SQLite store was world-readable."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from pydantic import ValidationError

from rednotice.adapters.db.engine import make_engine
from rednotice.adapters.db.migrate import upgrade
from rednotice.config import Environment, Settings


@pytest.mark.parametrize(
    "key", ["a" * 32, "ab" * 20, "0123456789" * 4, "my-rednotice-secret-key-for-production", "k" * 40]
)
def test_a_weak_secret_key_stops_production(tmp_path: Path, key: str) -> None:
    with pytest.raises(ValidationError, match="too weak"):
        Settings(env=Environment.PRODUCTION, data_dir=tmp_path, secret_key=key)


def test_a_random_secret_key_is_accepted(tmp_path: Path) -> None:
    import secrets

    for _ in range(20):
        Settings(env=Environment.PRODUCTION, data_dir=tmp_path, secret_key=secrets.token_urlsafe(32))


def test_the_sqlite_store_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    settings = Settings(env=Environment.DEVELOPMENT, data_dir=tmp_path / "var")
    engine = make_engine(settings.resolved_database_url())
    upgrade(engine)
    with engine.connect() as conn:  # the WAL and shared-memory files exist while a connection is open
        conn.exec_driver_sql("SELECT 1")
        files = sorted((tmp_path / "var").glob("rednotice.sqlite3*"))
        assert len(files) >= 2, files
        for path in files:
            assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, (
                f"{path.name} is {oct(path.stat().st_mode)}"
            )
    engine.dispose()
    assert stat.S_IMODE((tmp_path / "var").stat().st_mode) & 0o077 == 0
