"""Batched INTERPOL imports on SQLite and PostgreSQL: the same rows and audit chain as one record per
transaction, idempotent, a bad record reported without stopping its batch, whole batches after a crash."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from benchmarks.imports import detail
from sqlalchemy import delete, insert, select, update
from typer.testing import CliRunner

from rednotice.adapters.db import audit as db_audit
from rednotice.adapters.db import store as db_store
from rednotice.adapters.db import tables as t
from rednotice.adapters.db.tables_public import public_terms
from rednotice.adapters.formats.interpol import Parsed, read_path, read_text
from rednotice.bootstrap import Store
from rednotice.cli import common
from rednotice.cli.main import app
from rednotice.domain.audit import GENESIS
from rednotice.domain.errors import IllegalTransition, InvalidInput
from rednotice.domain.users import SYSTEM
from rednotice.services import audit as audit_service
from rednotice.services import imports as import_service
from rednotice.services.imports import ImportInterpol, ImportReport, import_interpol

DATA = Path(__file__).resolve().parents[1] / "data" / "interpol"
pytestmark = pytest.mark.store


def synthetic(n: int, start: int = 0) -> list[Parsed]:
    """``n`` good detail responses with distinct ids."""
    rng = random.Random(start)
    text = json.dumps([detail(start + i, rng) for i in range(n)], ensure_ascii=False)
    return list(read_text(text, "synthetic.json"))


def mixed() -> list[Parsed]:
    """Every input form, broken records and duplicates among them, then 23 synthetic notices."""
    return read_path(DATA / "folder").items + read_path(DATA / "broken").items + synthetic(23)


def run(store: Store, items: list[Parsed], batch_size: int, **kwargs: Any) -> ImportReport:
    return import_interpol(ImportInterpol(items), SYSTEM, store.uow, batch_size=batch_size, **kwargs)


def snapshot(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """What an import wrote, without what differs between two runs of it (the wall clock, serial ids)."""
    n, tr, a = t.notices, t.notice_transitions, t.audit_events
    with store.engine.connect() as conn:
        notices = conn.execute(select(n).order_by(n.c.id)).mappings().all()
        transitions = conn.execute(select(tr).order_by(tr.c.id)).mappings().all()
        events = conn.execute(select(a).order_by(a.c.seq)).all()
        head = conn.execute(select(t.audit_head.c.seq, t.audit_head.c.hash)).all()
    return {
        "notices": [tuple(v for k, v in row.items() if k != "updated_at") for row in notices],
        "transitions": [tuple(v for k, v in row.items() if k != "id") for row in transitions],
        "events": [tuple(row) for row in events],
        "head": [tuple(row) for row in head],
    }


def wipe(store: Store) -> None:
    """Back to an empty store (the audit head at genesis, change sequence numbers from 1)."""
    with store.engine.begin() as conn:
        conn.execute(delete(t.notice_transitions))
        conn.execute(delete(t.notice_keys))  # the derived tables written with each notice (issue 18)
        conn.execute(delete(public_terms))
        conn.execute(delete(t.notices))
        conn.execute(delete(t.audit_events))
        conn.execute(delete(t.id_counters))
        conn.execute(update(t.audit_head).values(seq=0, hash=GENESIS))
        if not conn.execute(select(t.audit_head)).first():
            conn.execute(insert(t.audit_head).values(id=1, seq=0, hash=GENESIS))


def chain_ok(store: Store) -> int:
    report = audit_service.verify(store.reader())
    assert report.ok, report.problems
    return report.checked


def count(store: Store, table: Any) -> int:
    with store.engine.connect() as conn:
        return len(conn.execute(select(table)).all())


def outcome(report: ImportReport) -> tuple[list[str], list[tuple[str, str]], list[tuple[str | None, str]]]:
    return (
        report.imported,
        [(s.entity_id, s.reason) for s in report.skipped],
        sorted(((r.entity_id, r.reason) for r in report.rejected), key=str),
    )


def test_batched_import_writes_what_one_record_per_transaction_writes(store: Store) -> None:
    items = mixed()
    one_by_one = run(store, items, batch_size=1)
    expected = snapshot(store)
    wipe(store)
    batched = run(store, items, batch_size=4)
    assert outcome(batched) == outcome(one_by_one)
    assert len(batched.imported) == 4 + 2 + 23 and len(batched.rejected) == 9
    assert snapshot(store) == expected  # same rows, same events, same hashes: chained in reading order
    assert chain_ok(store) == len(batched.imported) + 1


def test_the_default_batch_holds_many_records_and_the_chain_stays_valid(store: Store) -> None:
    first = run(store, synthetic(60), batch_size=25)
    assert len(first.imported) == 60
    second = run(store, synthetic(30, start=60), batch_size=import_service.DEFAULT_BATCH_SIZE)
    assert len(second.imported) == 30
    assert chain_ok(store) == 90 + 2
    with store.engine.connect() as conn:
        seqs = conn.execute(select(t.notices.c.change_seq).order_by(t.notices.c.change_seq)).scalars().all()
    assert seqs == list(range(1, 91))  # one store-wide sequence, no gaps, no repeats


def test_text_that_needs_escaping_round_trips(store: Store) -> None:
    """Tabs, newlines, backslashes, quotes and other scripts survive the bulk path (COPY on PostgreSQL)."""
    record = detail(0, random.Random(2))
    record["name"] = 'O\'BRIEN \\ "THE FOX"'
    record["forename"] = "ŞÜKRÜ 王小明 محمد"
    record["distinguishing_marks"] = "scar\tleft hand\nline two \\N and \\. end"
    items = list(read_text(json.dumps([record], ensure_ascii=False), "x.json"))
    run(store, items, batch_size=2)
    one = snapshot(store)
    wipe(store)
    run(store, items, batch_size=1)
    assert snapshot(store) == one
    with store.uow() as uow:
        notice = uow.notices.get(record["entity_id"])
    assert notice is not None
    s = notice.request.subject
    assert (s.family_name, s.given_names) == ('O\'BRIEN \\ "THE FOX"', "ŞÜKRÜ 王小明 محمد")
    assert s.physical_description is not None
    assert s.physical_description.distinguishing_marks == "scar\tleft hand\nline two \\N and \\. end"


def test_reimport_changes_nothing_and_says_so(store: Store) -> None:
    items = synthetic(10)
    first = run(store, items, batch_size=4)
    before = snapshot(store)
    second = run(store, items, batch_size=4)
    assert second.imported == [] and second.rejected == []
    assert [(s.entity_id, s.reason) for s in second.skipped] == [
        (i, "already present") for i in first.imported
    ]
    after = snapshot(store)
    assert after["notices"] == before["notices"] and after["transitions"] == before["transitions"]
    # only the run itself is recorded: one import.interpol event with what it found
    assert after["events"][:-1] == before["events"]
    assert after["events"][-1][3] == "import.interpol"
    assert after["events"][-1][5] == {"imported": 0, "skipped": 10, "rejected": 0}
    assert chain_ok(store) == 10 + 2


def test_a_record_the_lifecycle_refuses_is_rejected_before_its_batch_is_written(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = synthetic(7)
    bad = items[3]
    real = import_service._published

    def published(record: Any, actor: Any, now: Any) -> Any:
        if record is bad:
            raise IllegalTransition("simulated: this one cannot be published")
        return real(record, actor, now)

    monkeypatch.setattr(import_service, "_published", published)
    report = run(store, items, batch_size=5)
    assert [(r.entity_id, r.reason) for r in report.rejected] == [
        (bad.entity_id, "simulated: this one cannot be published")
    ]
    assert len(report.imported) == 6
    assert count(store, t.notices) == 6 and count(store, t.notice_transitions) == 18
    assert chain_ok(store) == 6 + 1


def test_a_batch_the_store_refuses_is_retried_record_by_record(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure inside the batch's transaction (here the audit step, for one record) rolls the whole
    batch back; its records are then written one per transaction and only the culprit is rejected."""
    items = synthetic(9)
    bad_id = items[4].entity_id
    real_append = db_audit.SqlAuditLog.append
    real_many = db_audit.SqlAuditLog.append_many
    batches: list[int] = []

    def append(self: Any, actor: Any, action: str, subject: str, *args: Any) -> Any:
        if subject == f"notice:{bad_id}":
            raise InvalidInput("simulated: the store refused this record")
        return real_append(self, actor, action, subject, *args)

    def append_many(self: Any, entries: Any) -> Any:
        batches.append(len(entries))
        if any(e.subject == f"notice:{bad_id}" for e in entries):
            raise InvalidInput("simulated: the store refused this batch")
        return real_many(self, entries)

    monkeypatch.setattr(db_audit.SqlAuditLog, "append", append)
    monkeypatch.setattr(db_audit.SqlAuditLog, "append_many", append_many)
    report = run(store, items, batch_size=3)
    assert batches == [3, 3, 3]
    assert [(r.entity_id, r.reason) for r in report.rejected] == [
        (bad_id, "simulated: the store refused this record")
    ]
    assert report.imported == [i.entity_id for i in items if i.entity_id != bad_id]
    with store.engine.connect() as conn:
        ids = set(conn.execute(select(t.notices.c.id)).scalars())
        subjects = [s for s in conn.execute(select(t.audit_events.c.subject)).scalars() if s != "notices"]
    assert bad_id not in ids and len(ids) == 8
    assert sorted(subjects) == sorted(f"notice:{i}" for i in ids)  # every notice has its event, no other
    assert count(store, t.notice_transitions) == 8 * 3
    assert chain_ok(store) == 8 + 1


def test_an_id_taken_meanwhile_is_already_present_and_the_rest_of_its_batch_imports(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another import stored one of the ids after this batch looked (simulated by not looking)."""
    items = synthetic(6)
    run(store, items[2:3], batch_size=1)
    monkeypatch.setattr(db_store.SqlNoticeRepository, "existing_ids", lambda self, ids: set())
    report = run(store, items, batch_size=6)
    taken = items[2].entity_id
    assert [(s.entity_id, s.reason) for s in report.skipped] == [(taken, "already present")]
    assert len(report.imported) == 5 and taken not in report.imported
    assert count(store, t.notices) == 6
    assert chain_ok(store) == 6 + 2


def test_a_crash_between_batches_leaves_whole_batches_and_a_rerun_completes(store: Store) -> None:
    items = synthetic(8)
    done: list[int] = []

    def crash_after_first_batch(n: int) -> None:
        done.append(n)
        raise RuntimeError("simulated crash")

    with pytest.raises(RuntimeError):
        run(store, items, batch_size=3, progress=crash_after_first_batch)
    assert done == [3]
    assert count(store, t.notices) == 3 and count(store, t.notice_transitions) == 9
    assert chain_ok(store) == 3  # the batch's events; the run's summary was never written
    report = run(store, items, batch_size=3)
    assert len(report.imported) == 5 and len(report.skipped) == 3
    assert count(store, t.notices) == 8
    assert chain_ok(store) == 8 + 1


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_kill_9_in_the_middle_of_a_batch_loses_only_that_batch(store: Store) -> None:
    """A process killed while its second batch is written (rows inserted, not committed) leaves the first
    batch whole and nothing of the second; a re-run completes the import."""
    items = synthetic(7)
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        from rednotice.adapters.db import store as db_store
        from rednotice.adapters.db.engine import make_engine
        from rednotice.adapters.db.store import SqlUnitOfWork
        from rednotice.domain.users import SYSTEM
        from rednotice.services.imports import ImportInterpol, import_interpol
        from tests.store.test_import_batches import synthetic

        real = db_store.SqlAuditLog.append_many
        calls = []

        def append_many(self, entries):
            calls.append(1)
            events = real(self, entries)
            if len(calls) == 2:
                os.kill(os.getpid(), signal.SIGKILL)
            return events

        db_store.SqlAuditLog.append_many = append_many
        engine = make_engine({store.settings.database_url!r})
        import_interpol(ImportInterpol(synthetic(7)), SYSTEM, lambda: SqlUnitOfWork(engine), batch_size=3)
        """
    )
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": f"{root}{os.pathsep}{root / 'src'}"}
    proc = subprocess.run([sys.executable, "-c", script], cwd=root, env=env, capture_output=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()
    assert count(store, t.notices) == 3 and count(store, t.notice_transitions) == 9
    assert chain_ok(store) == 3
    report = run(store, items, batch_size=3)
    assert len(report.imported) == 4 and len(report.skipped) == 3
    assert chain_ok(store) == 7 + 1


def test_batch_size_must_be_positive(store: Store) -> None:
    with pytest.raises(InvalidInput):
        run(store, synthetic(1), batch_size=0)


# -- the command line


@pytest.fixture
def cli(store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    monkeypatch.setenv("REDNOTICE_DATABASE_URL", store.settings.database_url or "")
    common.reset_store()
    yield CliRunner()
    common.reset_store()


def test_cli_batches_shows_progress_on_stderr_when_asked_and_says_when_nothing_is_new(
    cli: CliRunner, store: Store, tmp_path: Path
) -> None:
    source = tmp_path / "notices.json"
    source.write_text(json.dumps([detail(i, random.Random(3)) for i in range(12)]), encoding="utf-8")
    quiet = cli.invoke(app, ["import", "interpol", str(source), "--batch-size", "5"])
    assert quiet.exit_code == 0, quiet.output
    assert "importing" not in quiet.stderr  # not a terminal, not asked: no bar
    assert "batches of 5" in quiet.stdout
    assert count(store, t.notices) == 12 and chain_ok(store) == 13

    again = cli.invoke(app, ["import", "interpol", str(source), "--progress"])
    assert again.exit_code == 0, again.output
    assert "importing" in again.stderr and "importing" not in again.stdout
    assert "nothing new: every notice read is already in the store" in again.stdout
    assert count(store, t.notices) == 12 and chain_ok(store) == 14

    refused = cli.invoke(app, ["import", "interpol", str(source), "--batch-size", "0"])
    assert refused.exit_code == 2
