"""The SQLite engine keeps one idle connection to its file: closing a unit of work's connection is then
never closing the last one, which would checkpoint and delete the whole write-ahead log on every write
(about 18 ms a write on an idle store; decision 0002)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from rednotice.adapters.db.engine import make_engine


def _write(engine_url: str, path: Path) -> None:
    engine = make_engine(engine_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE IF NOT EXISTS t (x INTEGER)"))
            conn.execute(text("INSERT INTO t VALUES (1)"))
        # the unit of work's connection is closed (NullPool): the log stays, not checkpointed away
        assert path.with_name(path.name + "-wal").exists()
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM t")).scalar_one() >= 1
    finally:
        engine.dispose()


def test_a_write_leaves_the_log_in_place_while_the_engine_lives(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    _write(f"sqlite:///{path}", path)


def test_a_disposed_engine_lets_go_of_its_file(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    _write(f"sqlite:///{path}", path)
    # the last connection closed with dispose: SQLite checkpointed the log into the file and removed it
    assert not path.with_name(path.name + "-wal").exists()
    engine = make_engine(f"sqlite:///{path}")  # and a new engine reads what was written
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM t")).scalar_one() == 1
    finally:
        engine.dispose()
