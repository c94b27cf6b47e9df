"""`rednotice audit checkpoint|verify` with a key outside the database (issue 14, item 9) and
`rednotice db backup|restore|after-restore` (issue 14, item 14), end to end through the CLI.

PostgreSQL's procedure (pg_dump, pg_restore into another database, `rednotice db after-restore`) runs the
real binaries when they are on PATH; it is skipped with the reason otherwise, except under CI=true.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Table, delete, func, select, text, update
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from rednotice.adapters import screening_snapshot as snap
from rednotice.adapters.db import tables as t
from rednotice.adapters.db.engine import make_engine
from rednotice.adapters.db.migrate import upgrade
from rednotice.bootstrap import Store
from rednotice.cli.common import reset_store
from rednotice.cli.main import app
from rednotice.config import Environment, Settings
from rednotice.domain.audit import GENESIS
from rednotice.domain.screening.query import ScreeningQuery
from rednotice.services import screening as sc
from tests.conftest import IN_CI, POSTGRES_URL, FakeClock, _postgres_reachable
from tests.store.test_screening_store import publish

runner = CliRunner()
SECRET = "s" * 40


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    """Exit code, stdout and stderr, white space folded (rich wraps long lines)."""
    result = runner.invoke(app, list(args), input=input)
    return result.exit_code, " ".join(result.stdout.split()), " ".join(result.stderr.split())


def count(store: Store, table: Table) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


@pytest.fixture
def key_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    """A signing key made with `audit keygen`, configured by file; the checkpoint file; the public key."""
    key_file = tmp_path / "keys" / "audit.pem"
    key_file.parent.mkdir()
    code, out, err = run("audit", "keygen", str(key_file))
    assert code == 0, err
    monkeypatch.setenv("REDNOTICE_AUDIT_SIGNING_KEY_FILE", str(key_file))
    checkpoints = tmp_path / "outside" / "checkpoints.jsonl"
    monkeypatch.setenv("REDNOTICE_AUDIT_CHECKPOINTS", str(checkpoints))
    return checkpoints, out.strip()


def test_checkpoint_and_verify_with_the_public_key_alone(
    cli_store: Store, key_env: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    checkpoints, public = key_env
    publish(cli_store)
    code, out, err = run("audit", "checkpoint")
    assert code == 0, err
    assert out.strip() == checkpoints.read_text().strip() and '"kind":"checkpoint"' in out
    # The verifier holds the public key only: no signing key configured.
    monkeypatch.delenv("REDNOTICE_AUDIT_SIGNING_KEY_FILE")
    reset_store()
    code, out, err = run("audit", "verify", "--checkpoints", str(checkpoints), "--public-key", public)
    assert code == 0 and "intact" in out and "1 signed checkpoint" in out, out + err
    # The tail goes and the head moves back: the chain alone still looks intact.
    with cli_store.engine.begin() as conn:
        conn.execute(delete(t.audit_events).where(t.audit_events.c.seq > 1))
        first = conn.execute(select(t.audit_events.c.hash).where(t.audit_events.c.seq == 1)).scalar_one()
        conn.execute(update(t.audit_head).values(seq=1, hash=first))
    assert run("audit", "verify")[0] == 0
    code, out, _ = run("audit", "verify", "--checkpoints", str(checkpoints), "--public-key", public)
    assert code == 1 and "BROKEN" in out and "events were removed" in out
    # Another public key: the checkpoints are not taken.
    other = tmp_path_key(checkpoints.parent)
    code, out, _ = run("audit", "verify", "--checkpoints", str(checkpoints), "--public-key", other)
    assert code == 1 and "not by the given public key" in out


def tmp_path_key(folder: Path) -> str:
    code, out, err = run("audit", "keygen", str(folder / "other.pem"))
    assert code == 0, err
    return out.strip()


def test_a_wiped_chain_cannot_be_checkpointed_and_fails_verification(
    cli_store: Store, key_env: tuple[Path, str]
) -> None:
    checkpoints, _ = key_env
    publish(cli_store)
    assert run("audit", "checkpoint")[0] == 0
    with cli_store.engine.begin() as conn:
        conn.execute(delete(t.audit_events))
        conn.execute(update(t.audit_head).values(seq=0, hash=GENESIS))
    code, out, err = run("audit", "checkpoint")
    assert code == 1 and "not signed" in err and "events were removed" in err
    assert len(checkpoints.read_text().splitlines()) == 1
    code, out, _ = run("audit", "verify")  # the installation's own checkpoint file, by default
    assert code == 1 and "ends at event 0" in out


def test_no_checkpoint_without_a_key_outside_development(cli_store: Store) -> None:
    code, _, err = run("audit", "checkpoint")
    assert code == 2 and "no audit signing key" in err
    code, _, err = run("audit", "verify", "--public-key", "x")
    assert code == 2 and "--checkpoints" in err


# --- SQLite: backup while writing, restore --------------------------------------------------------


@pytest.fixture
def sqlite_cli(
    tmp_path: Path, sqlite_template: Path, monkeypatch: pytest.MonkeyPatch, key_env: tuple[Path, str]
) -> Iterator[Store]:
    data = tmp_path / "var"
    data.mkdir()
    path = data / "rednotice.sqlite3"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("REDNOTICE_DATABASE_URL", url)
    monkeypatch.setenv("REDNOTICE_ENV", "test")
    monkeypatch.setenv("REDNOTICE_SECRET_KEY", SECRET)
    monkeypatch.setenv("REDNOTICE_DATA_DIR", str(data))
    settings = Settings(
        env=Environment.TEST, data_dir=data, secret_key=SECRET, database_url=url, background=False
    )
    engine = make_engine(url)
    reset_store()
    yield Store(settings, engine, FakeClock())
    reset_store()
    engine.dispose()


def names(store: Store) -> set[str]:
    with store.engine.connect() as conn:
        return set(conn.execute(select(t.notices.c.family_name)).scalars())


def test_backup_while_the_store_is_written(sqlite_cli: Store, tmp_path: Path) -> None:
    publish(sqlite_cli)
    stop, errors, written = threading.Event(), [], [0]

    def writer() -> None:
        while not stop.is_set():
            try:
                publish(sqlite_cli, **{"subject.family_name": "WRITER"})
                written[0] += 1
            except Exception as exc:  # pragma: no cover - reported below
                errors.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        for i in range(3):
            code, out, err = run("db", "backup", str(tmp_path / f"b{i}.sqlite3"))
            assert code == 0, err
            assert "audit chain intact" in out
    finally:
        stop.set()
        thread.join()
    assert not errors and written[0] > 0
    for i in range(3):
        backup = tmp_path / f"b{i}.sqlite3"
        assert backup.stat().st_mode & 0o077 == 0
        assert not Path(f"{backup}-wal").exists()  # one self-contained file
        with sqlite3.connect(backup) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    code, _, err = run("db", "backup", str(tmp_path / "b0.sqlite3"))
    assert code == 2 and "exists already" in err


def test_restore_brings_back_the_backup_verified_signed_and_the_index_rebuilt(
    sqlite_cli: Store, tmp_path: Path, key_env: tuple[Path, str]
) -> None:
    checkpoints, public = key_env
    publish(sqlite_cli, **{"subject.family_name": "DURAND"})
    backup = tmp_path / "backup.sqlite3"
    assert run("db", "backup", str(backup))[0] == 0
    publish(sqlite_cli, **{"subject.family_name": "IVANOV", "subject.given_names": "Sergei"})
    assert run("audit", "checkpoint")[0] == 0  # vouches for events the restore will discard
    snapshots = snap.snapshot_for(sqlite_cli.settings.data_dir, sqlite_cli.engine, SECRET)
    engine = sc.ScreeningEngine(sqlite_cli.uow, sqlite_cli.reader, snapshots)
    engine.ensure_built()
    assert engine.maybe_snapshot(wait=True, force=True) and snapshots.path.exists()
    before_restore = count(sqlite_cli, t.audit_events)

    code, out, err = run("db", "restore", str(backup), "--yes")
    assert code == 0, err
    assert names(sqlite_cli) == {"DURAND"}
    assert "pre-restore" in out and not snapshots.path.exists()
    kept = list((tmp_path / "var").glob("rednotice.sqlite3.pre-restore-*"))
    assert len(kept) == 1 and kept[0].stat().st_mode & 0o077 == 0
    with sqlite3.connect(kept[0]) as conn:  # the replaced store is kept whole
        assert conn.execute("SELECT count(*) FROM audit_events").fetchone() == (before_restore,)
    with sqlite_cli.reader() as uow:
        last = list(uow.audit.events())[-1]
    assert last.action == "store.restore" and last.data["backup"] == "backup.sqlite3"
    code, out, err = run("audit", "verify", "--checkpoints", str(checkpoints), "--public-key", public)
    assert code == 0 and "signed restore" in out and "discarded" in out, out + err

    # Life goes on past the old snapshot's position: a process starting now builds from the store.
    publish(sqlite_cli, **{"subject.family_name": "KOWALSKI", "subject.given_names": "Jan"})
    with sqlite_cli.reader() as uow:
        assert uow.notices.max_change_seq() >= engine.seq
    fresh = sc.ScreeningEngine(sqlite_cli.uow, sqlite_cli.reader, snapshots)
    fresh.ensure_built()
    assert fresh.origin == "built"
    assert not fresh.search(ScreeningQuery(id="q", name="Sergei Ivanov"), None)
    assert fresh.search(ScreeningQuery(id="q", name="Jan Kowalski"), None)


def test_a_bad_backup_changes_nothing(sqlite_cli: Store, tmp_path: Path) -> None:
    publish(sqlite_cli)
    before = (count(sqlite_cli, t.notices), count(sqlite_cli, t.audit_events))
    not_sqlite = tmp_path / "junk.sqlite3"
    not_sqlite.write_bytes(b"hello" * 100)
    empty = tmp_path / "empty.sqlite3"
    sqlite3.connect(empty).execute("CREATE TABLE x (y)").connection.commit()
    broken = tmp_path / "broken.sqlite3"
    assert run("db", "backup", str(broken))[0] == 0
    with sqlite3.connect(broken) as conn:
        conn.execute("UPDATE audit_events SET actor = 'someone else' WHERE seq = 1")
    for path, why in (
        (tmp_path / "missing.sqlite3", "no such backup"),
        (not_sqlite, "not a readable SQLite database"),
        (empty, "not a rednotice store"),
        (broken, "audit chain"),
    ):
        code, _, err = run("db", "restore", str(path), "--yes")
        assert code == 2 and why in err, (path, err)
    assert (count(sqlite_cli, t.notices), count(sqlite_cli, t.audit_events)) == before
    assert not list((tmp_path / "var").glob("*.pre-restore-*"))


def test_a_backup_of_another_history_is_refused_when_checkpoints_say_so(
    sqlite_cli: Store, tmp_path: Path, sqlite_template: Path
) -> None:
    # Another store (the same schema, other events) backed up, then offered as this store's backup.
    other_path = tmp_path / "other.sqlite3"
    shutil.copy(sqlite_template, other_path)
    clock = FakeClock()
    clock.advance(days=1)  # (the same actions at the same time would make the same chain)
    other = Store(sqlite_cli.settings, make_engine(f"sqlite:///{other_path}"), clock)
    for name in ("OTHER", "PEOPLE", "HERE"):
        publish(other, **{"subject.family_name": name})
    other.engine.dispose()
    for name in ("DURAND", "IVANOV", "KOWALSKI"):
        publish(sqlite_cli, **{"subject.family_name": name})
    assert run("audit", "checkpoint")[0] == 0
    before = (count(sqlite_cli, t.notices), count(sqlite_cli, t.audit_events))
    code, _, err = run("db", "restore", str(other_path), "--yes")
    assert code == 2 and "not this store's" in err and "is not the one signed" in err, err
    assert (count(sqlite_cli, t.notices), count(sqlite_cli, t.audit_events)) == before
    assert names(sqlite_cli) == {"DURAND", "IVANOV", "KOWALSKI"}


def test_backup_and_restore_are_for_sqlite_only(cli_store: Store, tmp_path: Path) -> None:
    if cli_store.engine.dialect.name == "sqlite":
        pytest.skip("the PostgreSQL answer")
    for args in (["db", "backup", str(tmp_path / "b")], ["db", "restore", str(tmp_path / "b"), "--yes"]):
        code, _, err = run(*args)
        assert code == 2 and "pg_dump" in err


# --- PostgreSQL: pg_dump, pg_restore into another database, after-restore --------------------------


def _libpq(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.fixture
def scratch_databases() -> Iterator[tuple[str, str]]:
    missing = [b for b in ("pg_dump", "pg_restore") if shutil.which(b) is None]
    if missing:
        if IN_CI:
            pytest.fail(f"{' and '.join(missing)} must be on PATH in CI")
        pytest.skip(f"{' and '.join(missing)} not on PATH: the PostgreSQL backup procedure is not run")
    if not _postgres_reachable():
        if IN_CI:
            pytest.fail(f"PostgreSQL is required in CI and is not reachable at {POSTGRES_URL}")
        pytest.skip("PostgreSQL is not reachable")
    names = [f"rn_backup_src_{os.getpid()}", f"rn_backup_dst_{os.getpid()}"]
    admin = make_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    base = make_url(POSTGRES_URL)
    try:
        with admin.connect() as conn:
            for name in names:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield tuple(base.set(database=n).render_as_string(hide_password=False) for n in names)  # type: ignore[misc]
    finally:
        with admin.connect() as conn:
            for name in names:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_postgresql_pg_dump_and_pg_restore_procedure(
    scratch_databases: tuple[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    key_env: tuple[Path, str],
) -> None:
    checkpoints, public = key_env
    src_url, dst_url = scratch_databases
    data = tmp_path / "var"
    monkeypatch.setenv("REDNOTICE_ENV", "test")
    monkeypatch.setenv("REDNOTICE_SECRET_KEY", SECRET)
    monkeypatch.setenv("REDNOTICE_DATA_DIR", str(data))
    monkeypatch.setenv("REDNOTICE_DATABASE_URL", src_url)
    reset_store()
    src_engine = make_engine(src_url)
    upgrade(src_engine)
    src = Store(Settings(env=Environment.TEST, data_dir=data, secret_key=SECRET, database_url=src_url),
                src_engine, FakeClock())  # fmt: skip
    try:
        publish(src, **{"subject.family_name": "DURAND"})
        assert run("audit", "checkpoint")[0] == 0
        dump = tmp_path / "rednotice.dump"
        subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", _libpq(src_url)], check=True)
        publish(src, **{"subject.family_name": "IVANOV"})  # after the dump: lost by the restore
        assert run("audit", "checkpoint")[0] == 0
        subprocess.run(["pg_restore", "--no-owner", f"--dbname={_libpq(dst_url)}", str(dump)], check=True)
    finally:
        src_engine.dispose()

    monkeypatch.setenv("REDNOTICE_DATABASE_URL", dst_url)
    reset_store()
    code, out, err = run("db", "after-restore")
    assert code == 0 and "restored" in out, out + err
    dst_engine = make_engine(dst_url)
    try:
        with dst_engine.connect() as conn:
            assert set(conn.execute(select(t.notices.c.family_name)).scalars()) == {"DURAND"}
            last = conn.execute(select(t.audit_events).order_by(t.audit_events.c.seq.desc()).limit(1)).one()
        assert last.action == "store.restore"
    finally:
        dst_engine.dispose()
    reset_store()
    code, out, err = run("audit", "verify", "--checkpoints", str(checkpoints), "--public-key", public)
    assert code == 0 and "signed restore" in out and "discarded" in out, out + err
    reset_store()
