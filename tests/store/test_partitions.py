"""Monthly partitions of audit events and screening runs (PostgreSQL), the retention of search records
(both stores), and migration 0019 both ways with rows kept (issue 18, item 5; decision 0013)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command

from rednotice.adapters.db import audit_partitions as parts
from rednotice.adapters.db import tables as t
from rednotice.adapters.db import tables_screening as ts
from rednotice.adapters.db.migrate import alembic_config, upgrade
from rednotice.bootstrap import Store
from rednotice.cli import operations
from rednotice.domain.dates import PartialDate
from rednotice.domain.errors import InvalidInput
from rednotice.domain.lifecycle import Action
from rednotice.domain.screening.query import ScreeningQuery
from rednotice.domain.users import Actor, Role
from rednotice.services import audit as audit_service
from rednotice.services import notices as ns
from rednotice.services import screening as sc
from tests.conftest import FakeClock
from tests.factories import make_request

FR = Actor("ncb-fr", Role.NCB_OFFICER, "FR")
ES = Actor("ncb-es", Role.NCB_OFFICER, "ES")
REV = Actor("rev", Role.REVIEWER)
OPERATOR = Actor("cli:operator", Role.SYSTEM)


def _publish(store: Store) -> str:
    n = ns.create_request(ns.CreateRequest(make_request()), FR, store.uow())
    ns.transition(ns.Transition(n.id, Action.START_REVIEW), REV, store.uow())
    ns.transition(ns.Transition(n.id, Action.PUBLISH, "compliant"), REV, store.uow())
    return n.id


def _screen(store: Store, engine: sc.ScreeningEngine, qid: str) -> str:
    query = ScreeningQuery(id=qid, name="Paul Durand", birth_date=PartialDate.parse("1971-04-02"))
    return sc.screen(sc.Screen([query], "api"), ES, engine, store.uow).id


def _runs_in_months(store: Store, clock: FakeClock, months: int) -> list[str]:
    """A notice, then a screening with a hit in each of ``months`` months from January 2026."""
    _publish(store)
    engine = sc.ScreeningEngine(store.uow)
    runs = []
    for i in range(months):
        clock.now = clock.now.replace(month=1 + i, day=15)
        runs.append(_screen(store, engine, f"pax-{i}"))
    return runs


def _rows(store: Store, table: sa.Table, *order: str) -> list[tuple[Any, ...]]:
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.select(table).order_by(*(table.c[o] for o in order)))]


def _where(store: Store, table: str, column: str) -> dict[str, int]:
    """PostgreSQL: how many rows of ``table`` each partition holds."""
    with store.engine.connect() as conn:
        sql = f"SELECT tableoid::regclass::text, count(*) FROM {table} GROUP BY 1"  # noqa: S608 - a constant
        rows = conn.execute(sa.text(sql))
        return {name.rsplit(".", 1)[-1]: n for name, n in rows}


def _verify(store: Store) -> None:
    report = audit_service.verify(store.uow())
    assert report.ok, report.problems


def _migrate(store: Store, revision: str, down: bool = False) -> None:
    cfg = alembic_config(store.engine)
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(cfg, revision)


def test_the_store_matches_the_declared_tables_partitions_aside(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn, opts=parts.COMPARE_OPTS), t.metadata) == []
        assert parts.is_partitioned(conn) == (store.engine.dialect.name == "postgresql")


def test_audit_verify_holds_across_three_months_of_partitions(store: Store, clock: FakeClock) -> None:
    runs = _runs_in_months(store, clock, 4)
    postgres = store.engine.dialect.name == "postgresql"
    with store.engine.begin() as conn:  # the months made after their rows were written: moved out of default
        created = parts.ensure(conn, clock(), ahead=0, since=date(2026, 1, 1))
    if postgres:  # (another test on this schema may have made some of these months already)
        events = _where(store, "audit_events", "at")
        assert {"audit_events_p2026_01", "audit_events_p2026_02", "audit_events_p2026_03"} <= set(events)
        assert _where(store, "screenings", "created_at") == {
            f"screenings_p2026_0{m}": 1 for m in (1, 2, 3, 4)
        }
        assert set(_where(store, "screening_results", "created_at")) == {
            f"screening_results_p2026_0{m}" for m in (1, 2, 3, 4)
        }
    else:
        assert created == []
    _verify(store)
    for run in runs:  # each run reads back whole from its month
        got = sc.get_run(run, ES, store.uow(), with_results=True)
        assert got.hits == 1 and got.lines and got.lines[0]["matches"]
    with store.engine.begin() as conn:  # one event edited in February's partition: the chain says so
        seq = conn.execute(
            sa.select(t.audit_events.c.seq)
            .where(t.audit_events.c.at >= sa.literal(clock().replace(month=2, day=1)))
            .order_by(t.audit_events.c.seq)
            .limit(1)
        ).scalar_one()
        conn.execute(
            sa.update(t.audit_events).where(t.audit_events.c.seq == seq).values(actor="someone else")
        )
    report = audit_service.verify(store.uow())
    assert not report.ok and any(str(seq) in p for p in report.problems)


def test_retention_drops_old_months_but_keeps_acted_on_runs_and_every_audit_event(
    store: Store, clock: FakeClock
) -> None:
    jan, feb, mar, apr = _runs_in_months(store, clock, 4)
    hit = sc.list_hits(jan, ES, store.uow())[0]
    sc.record_outcome(hit["id"], sc.HitOutcome.LOCATED, "at gate 12", ES, store.uow())
    old = sc.list_hits(feb, ES, store.uow())[0]
    with store.engine.begin() as conn:  # January as a monthly partition, February still in the default
        parts.ensure(conn, clock().replace(month=1), ahead=0, since=date(2026, 1, 1))
    events = len(_rows(store, t.audit_events, "seq"))

    dry = operations.run_retention(store, 1, True, OPERATOR)  # April: keep March and April
    assert sum(d.runs for d in dry) == 1 and sum(d.kept_runs for d in dry) == 1
    assert len(_rows(store, ts.screenings, "id")) == 4 and len(_rows(store, t.audit_events, "seq")) == events

    done = operations.run_retention(store, 1, False, OPERATOR)
    assert (
        sum(d.runs for d in done) == 1 and sum(d.hits for d in done) == 1 and sum(d.lines for d in done) == 1
    )
    assert {r[0] for r in _rows(store, ts.screenings, "id")} == {jan, mar, apr}
    assert sc.get_run(jan, ES, store.uow(), with_results=True).lines  # kept whole: its lines and its hit
    assert [h["outcome"] for h in sc.list_hits(jan, ES, store.uow())] == ["located"]
    with store.engine.connect() as conn:
        assert (
            conn.execute(sa.select(ts.screening_hits.c.id).where(ts.screening_hits.c.id == old["id"])).first()
            is None
        )
        assert not conn.execute(
            sa.select(ts.screening_results).where(ts.screening_results.c.screening_id == feb)
        ).first()
        actions = [
            a for (a,) in conn.execute(sa.select(t.audit_events.c.action).order_by(t.audit_events.c.seq))
        ]
    assert len(actions) > events and set(actions[events:]) == {"screenings.retention"}  # none dropped
    if store.engine.dialect.name == "postgresql":
        where = _where(store, "screenings", "created_at")  # other tests may have made March's, April's
        assert where["screenings_p2026_01"] == 1 and sum(where.values()) == 3  # January: the kept run
    _verify(store)
    again = operations.run_retention(store, 1, False, OPERATOR)
    assert sum(d.runs for d in again) == 0 and sum(d.kept_runs for d in again) == 1


def test_retention_and_partitions_refuse_nonsense(store: Store) -> None:
    with pytest.raises(InvalidInput):
        operations.run_retention(store, 0, True, OPERATOR)
    with pytest.raises(InvalidInput):
        operations.run_partitions(store, -1)
    with store.engine.connect() as conn, pytest.raises(ValueError, match="whole months"):
        parts.retention(conn, date(2026, 1, 2), dry_run=True)


def test_partitions_are_made_ahead_and_a_run_lands_in_its_month(store: Store, clock: FakeClock) -> None:
    clock.now = clock.now.replace(year=2031, month=11)
    created = operations.run_partitions(store, 2)
    if store.engine.dialect.name != "postgresql":
        assert created == []
        return
    assert {"audit_events_p2031_11", "screenings_p2032_01", "screening_results_p2031_12"} <= set(created)
    assert operations.run_partitions(store, 2) == []  # idempotent
    _publish(store)
    _screen(store, sc.ScreeningEngine(store.uow), "pax")
    assert _where(store, "screenings", "created_at") == {"screenings_p2031_11": 1}
    _verify(store)


def test_migration_0019_keeps_every_row_down_and_up(store: Store, clock: FakeClock) -> None:
    runs = _runs_in_months(store, clock, 3)
    hit = sc.list_hits(runs[0], ES, store.uow())[0]
    sc.record_outcome(hit["id"], sc.HitOutcome.LOCATED, "at gate 12", ES, store.uow())
    audit = _rows(store, t.audit_events, "seq")
    screenings = _rows(store, ts.screenings, "id")
    results = _rows(store, ts.screening_results, "screening_id", "seq")
    hits = _rows(store, ts.screening_hits, "id")
    _migrate(store, "0018", down=True)
    try:
        with store.engine.connect() as conn:
            cols = {c["name"] for c in sa.inspect(conn).get_columns("screening_results")}
            assert "created_at" not in cols
            assert conn.execute(sa.text("SELECT count(*) FROM audit_events")).scalar_one() == len(audit)
            assert conn.execute(sa.text("SELECT count(*) FROM screening_results")).scalar_one() == len(
                results
            )
            assert conn.execute(sa.text("SELECT count(*) FROM screening_hits")).scalar_one() == len(hits)
            assert not parts.is_partitioned(conn)
            fks = {fk["referred_table"] for fk in sa.inspect(conn).get_foreign_keys("screening_hits")}
            assert "screenings" in fks
        upgrade(store.engine)
        assert _rows(store, t.audit_events, "seq") == audit
        assert _rows(store, ts.screenings, "id") == screenings
        assert _rows(store, ts.screening_results, "screening_id", "seq") == results
        assert _rows(store, ts.screening_hits, "id") == hits
        if store.engine.dialect.name == "postgresql":  # the months made from the oldest row's
            assert _where(store, "screenings", "created_at") == {
                f"screenings_p2026_0{m}": 1 for m in (1, 2, 3)
            }
        _verify(store)
        assert sc.get_run(runs[2], ES, store.uow(), with_results=True).lines
        assert [h["outcome"] for h in sc.list_hits(runs[0], ES, store.uow())] == ["located"]
    finally:
        upgrade(store.engine)


def test_a_month_made_late_takes_its_rows_out_of_the_default_partition(
    store: Store, clock: FakeClock
) -> None:
    if store.engine.dialect.name != "postgresql":
        pytest.skip("partitions are PostgreSQL's")
    clock.now = clock.now.replace(year=2040, month=5)  # a month no other test makes
    _publish(store)
    run = _screen(store, sc.ScreeningEngine(store.uow), "pax")
    assert _where(store, "screenings", "created_at") == {"screenings_default": 1}
    with store.engine.begin() as conn:
        created = parts.ensure(conn, clock(), ahead=0)
    assert created == ["audit_events_p2040_05", "screenings_p2040_05", "screening_results_p2040_05"]
    assert _where(store, "screenings", "created_at") == {"screenings_p2040_05": 1}
    assert set(_where(store, "screening_results", "created_at")) == {"screening_results_p2040_05"}
    assert "audit_events_p2040_05" in _where(store, "audit_events", "at")
    assert sc.get_run(run, ES, store.uow(), with_results=True).lines
    _verify(store)


def test_the_commands_say_what_they_did(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from rednotice.cli.common import reset_store
    from rednotice.cli.main import app

    assert store.settings.database_url
    monkeypatch.setenv("REDNOTICE_DATABASE_URL", store.settings.database_url)
    monkeypatch.setenv("REDNOTICE_ENV", "test")
    monkeypatch.setenv("REDNOTICE_SECRET_KEY", "s" * 40)
    monkeypatch.setenv("REDNOTICE_DATA_DIR", str(store.settings.data_dir))
    reset_store()
    try:
        runner = CliRunner()
        made = runner.invoke(app, ["db", "partitions", "--ahead", "1"])
        assert made.exit_code == 0 and "partition(s)" in made.output
        dry = runner.invoke(app, ["db", "retention", "--dry-run"])
        assert dry.exit_code == 0 and "would drop 0 screening run(s)" in dry.output, dry.output
        bad = runner.invoke(app, ["db", "retention", "--keep-months", "0"])
        assert bad.exit_code != 0 and "--keep-months" in bad.output
    finally:
        reset_store()


def test_retention_keeps_as_many_months_as_the_setting_says(
    store: Store, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``rednotice db retention`` without --keep-months keeps REDNOTICE_SEARCH_RETENTION_MONTHS months."""
    from typer.testing import CliRunner

    from rednotice.cli.common import reset_store
    from rednotice.cli.main import app

    _runs_in_months(store, clock, 2)  # January and February 2026, months before today's
    assert store.settings.database_url
    monkeypatch.setenv("REDNOTICE_DATABASE_URL", store.settings.database_url)
    monkeypatch.setenv("REDNOTICE_ENV", "test")
    monkeypatch.setenv("REDNOTICE_SECRET_KEY", "s" * 40)
    monkeypatch.setenv("REDNOTICE_DATA_DIR", str(store.settings.data_dir))
    runner = CliRunner()
    try:
        for months, dropped in (("1200", 0), ("1", 2)):
            monkeypatch.setenv("REDNOTICE_SEARCH_RETENTION_MONTHS", months)
            reset_store()
            dry = runner.invoke(app, ["db", "retention", "--dry-run"])
            assert dry.exit_code == 0 and f"would drop {dropped} screening run(s)" in dry.output, dry.output
        monkeypatch.setenv("REDNOTICE_SEARCH_RETENTION_MONTHS", "0")
        reset_store()
        bad = runner.invoke(app, ["db", "retention", "--dry-run"])
        assert bad.exit_code != 0 and "SEARCH_RETENTION_MONTHS" in bad.output.upper(), bad.output
    finally:
        reset_store()
