"""SQLite writers of one process queue on a lock that every way out of a transaction releases."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import Engine, text

from rednotice.adapters.db.engine import make_engine


def _engine(tmp_path: Path) -> Engine:
    engine = make_engine(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (n INTEGER)"))
    return engine


def test_commit_rollback_and_close_each_release_the_writers_lock(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    with engine.connect() as conn:  # commit, then a second transaction on the same connection
        with conn.begin():
            conn.execute(text("INSERT INTO t VALUES (1)"))
        with conn.begin():
            conn.execute(text("INSERT INTO t VALUES (2)"))
    with engine.connect() as conn:  # rolled back
        tx = conn.begin()
        conn.execute(text("INSERT INTO t VALUES (3)"))
        tx.rollback()
    conn = engine.connect()  # closed with the transaction still open
    conn.begin()
    conn.execute(text("INSERT INTO t VALUES (4)"))
    conn.close()
    done = threading.Event()

    def write() -> None:
        with engine.begin() as c:
            c.execute(text("INSERT INTO t VALUES (5)"))
        done.set()

    threading.Thread(target=write).start()
    assert done.wait(5), "a later writer would wait for a lock nobody holds"
    with engine.connect() as c:
        assert sorted(r[0] for r in c.execute(text("SELECT n FROM t"))) == [1, 2, 5]
    engine.dispose()


def test_many_threads_write_without_database_is_locked(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    errors: list[BaseException] = []

    def write(i: int) -> None:
        try:
            for j in range(20):
                with engine.begin() as c:
                    c.execute(text("INSERT INTO t VALUES (:n)"), {"n": i * 100 + j})
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM t")).scalar_one() == 160
    engine.dispose()
