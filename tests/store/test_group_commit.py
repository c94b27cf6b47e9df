"""Screenings recorded by group commit (issue 18, item 1), on both databases: many searches at once each
get exactly one audit event, every hit is kept, the chain verifies; a batch that fails leaves nothing
of a failed request behind, and only the request that failed it gets the error."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from datetime import datetime

import pytest
from sqlalchemy import Table, func, select

from rednotice.adapters.db import tables as t
from rednotice.adapters.db.tables_screening import screening_hits, screening_results, screenings
from rednotice.bootstrap import Store
from rednotice.domain.screening.index import Match
from rednotice.domain.screening.query import ScreeningQuery
from rednotice.services import audit as audit_service
from rednotice.services import screening as sc
from rednotice.services.group_commit import GroupCommit
from rednotice.services.ports import UnitOfWork
from tests.store.test_screening_store import DE, ES, publish, q

THREADS = 12


def run_threads(targets: list[Callable[[], object]]) -> list[BaseException | None]:
    errors: list[BaseException | None] = [None] * len(targets)

    def call(i: int) -> None:
        try:
            targets[i]()
        except BaseException as exc:
            errors[i] = exc

    threads = [threading.Thread(target=call, args=(i,)) for i in range(len(targets))]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
        assert not th.is_alive()
    return errors


def count(store: Store, table: Table, **where: object) -> int:
    q_ = select(func.count()).select_from(table)
    for column, value in where.items():
        q_ = q_.where(table.c[column] == value)
    with store.engine.connect() as conn:
        return int(conn.execute(q_).scalar_one())


def run_events(store: Store) -> list[str]:
    with store.reader() as uow:
        return [e.subject for e in uow.audit.events() if e.action == "screening.run"]


def test_searches_at_once_each_get_one_audit_event_and_every_hit(store: Store) -> None:
    nid = publish(store)
    engine = sc.ScreeningEngine(store.uow, store.reader)
    runs: list[sc.ScreeningRun] = []
    barrier = threading.Barrier(THREADS)

    def one(i: int) -> None:
        barrier.wait()  # all at once: they queue behind each other's batches
        actor = DE if i % 2 else ES
        query = q("Paul Durand", "1971-04-02", qid=f"t{i}")
        runs.append(sc.screen(sc.Screen([query, q("Nobody Atall", qid=f"n{i}")]), actor, engine, store.uow))

    errors = run_threads([lambda i=i: one(i) for i in range(THREADS)])  # type: ignore[misc]
    assert errors == [None] * THREADS
    assert len({r.id for r in runs}) == THREADS
    subjects = run_events(store)
    assert sorted(subjects) == sorted(f"screening:{r.id}" for r in runs)  # exactly one each
    assert count(store, screenings) == THREADS
    assert count(store, screening_results) == 2 * THREADS
    assert count(store, screening_hits, notice_id=nid) == THREADS == sum(r.hits for r in runs)
    assert audit_service.verify(store.reader()).ok
    with store.reader() as uow:
        seqs = [e.seq for e in uow.audit.events()]
    assert seqs == list(range(1, len(seqs) + 1))  # gapless
    assert engine.recorder(store.uow).batches <= THREADS


def held_writer(store: Store) -> tuple[GroupCommit[sc.RecordedRun], threading.Event, threading.Event]:
    """A group commit whose first batch waits for ``gate``: whatever is submitted meanwhile forms the
    next batch, whole (no timing involved)."""
    gate, entered = threading.Event(), threading.Event()

    def write(uow: UnitOfWork, items: Sequence[sc.RecordedRun]) -> None:
        if not entered.is_set():
            entered.set()
            assert gate.wait(60)
        sc._record_runs(uow, items)

    return GroupCommit(store.uow, write), gate, entered


def recorded(nid: str, qid: str) -> sc.RecordedRun:
    query = ScreeningQuery(id=qid, name="Paul Durand")
    match = Match(nid, 0.9, "DURAND, Paul", ("name",))
    run = sc.ScreeningRun(
        f"00000000-0000-0000-0000-{qid:0>12}",
        sc.Status.DONE,
        1,
        1,
        1,
        datetime.min,
        DE.username,
        "api",
        lines=[{"query_id": qid, "matches": [match.to_dict()]}],
        input_warnings=[{"line": 1, "reason": "doubt", "query_id": qid}],
    )
    return sc.RecordedRun(run, DE, "DE", [(query, match)])


def wait_queued(writer: GroupCommit[sc.RecordedRun], n: int) -> None:
    deadline = time.monotonic() + 60
    while len(writer._queue) < n:
        assert time.monotonic() < deadline, "the submissions never queued"
        time.sleep(0.005)


def test_a_failing_batch_fails_only_its_culprit_and_leaves_nothing_of_it(store: Store) -> None:
    nid = publish(store)
    writer, gate, entered = held_writer(store)
    first = recorded(nid, "1")
    good = [recorded(nid, str(i)) for i in range(2, 6)]
    bad = recorded("NO-SUCH-NOTICE", "9")  # its hit names no notice: the store refuses it
    th = threading.Thread(target=writer.submit, args=(first,))
    th.start()
    assert entered.wait(60)
    items = [*good[:2], bad, *good[2:]]
    results: list[BaseException | None] = []

    def later() -> None:
        wait_queued(writer, len(items))
        gate.set()

    errors = run_threads([lambda it=it: writer.submit(it) for it in items] + [later])
    th.join(60)
    results = errors[: len(items)]
    assert [e is None for e in results] == [True, True, False, True, True]
    ids = {r.run.id for r in [first, *good]}
    with store.engine.connect() as conn:
        stored = set(conn.execute(select(screenings.c.id)).scalars())
    assert stored == ids  # the bad run is not there, the good ones are, whole
    assert count(store, screening_hits) == len(ids)
    assert count(store, screening_results) == len(ids)
    assert count(store, screening_results, screening_id=bad.run.id) == 0
    assert sorted(run_events(store)) == sorted(f"screening:{i}" for i in ids)
    assert audit_service.verify(store.reader()).ok
    with store.reader() as uow:
        found = uow.screening.get_run(good[0].run.id, False)
    assert found is not None and found[0].input_warnings == [{"line": 1, "reason": "doubt", "query_id": "2"}]


def test_a_batch_that_fails_whole_writes_nothing_and_everyone_hears(store: Store) -> None:
    writer, gate, entered = held_writer(store)
    nid = publish(store)
    first = recorded(nid, "1")
    th = threading.Thread(target=writer.submit, args=(first,))
    th.start()
    assert entered.wait(60)
    bad = [recorded(f"NOPE-{i}", str(10 + i)) for i in range(3)]
    with store.reader() as uow:
        head = uow.audit.head()

    def later() -> None:
        wait_queued(writer, len(bad))
        gate.set()

    errors = run_threads([lambda it=it: writer.submit(it) for it in bad] + [later])
    th.join(60)
    assert all(e is not None for e in errors[: len(bad)])
    with store.reader() as uow:
        assert uow.audit.head()[0] == head[0] + 1  # the first batch's event only
    assert count(store, screenings) == 1
    assert count(store, t.audit_events) == head[0] + 1
    assert audit_service.verify(store.reader()).ok


@pytest.mark.parametrize("max_age", [0.0, 3600.0])
def test_a_commit_in_this_process_is_seen_by_the_next_search_whatever_the_cache(
    store: Store, max_age: float
) -> None:
    engine = sc.ScreeningEngine(store.uow, store.reader, max_age=max_age, local_commits=store.commits)
    engine.ensure_built()
    assert sc.screen(sc.Screen([q("Paul Durand", "1971-04-02")]), DE, engine, store.uow).hits == 0
    publish(store)  # committed here: the cached look at the change sequence no longer counts
    assert sc.screen(sc.Screen([q("Paul Durand", "1971-04-02")]), DE, engine, store.uow).hits == 1


def test_recording_screenings_does_not_count_as_a_change_but_a_notice_does(store: Store) -> None:
    """The server's searches look at the change sequence again after any commit of this process that
    may have changed notices; its own group commits of screenings change none and are not counted
    (counted, under load every search looked at the store again)."""
    engine = sc.ScreeningEngine(store.uow, store.reader, max_age=3600.0, local_commits=store.commits)
    engine.ensure_built()
    before = store.commits()
    sc.screen(sc.Screen([q("Paul Durand", "1971-04-02")]), DE, engine, store.uow)
    assert count(store, screenings) == 1  # recorded and committed
    assert store.commits() == before
    publish(store)
    assert store.commits() > before


def test_one_look_at_a_time_serves_every_search_waiting_for_it(store: Store) -> None:
    """Searches that all find the last look too old wait for one look instead of each taking a
    connection to look; the look they wait for began after they found it too old."""
    looks = 0
    lock = threading.Lock()

    def counting_reader() -> UnitOfWork:
        nonlocal looks
        with lock:
            looks += 1
        return store.reader()

    engine = sc.ScreeningEngine(store.uow, counting_reader, max_age=3600.0, local_commits=lambda: 0)
    engine.ensure_built()
    looks = 0
    engine._looked_at = time.monotonic() - 7200  # the last look is too old for everyone
    barrier = threading.Barrier(THREADS)

    def one() -> None:
        barrier.wait()
        engine.refresh()

    assert run_threads([one] * THREADS) == [None] * THREADS
    assert looks == 1
    engine.max_age = 0.0  # a look per search when asked: each looks
    assert run_threads([one] * THREADS) == [None] * THREADS
    assert looks == 1 + THREADS


def test_a_cached_look_is_trusted_for_changes_from_elsewhere(store: Store) -> None:
    """Another process's commits (here: a store that does not count this one's) show once the look is
    older than ``max_age``; within it, the search does not ask the store."""
    elsewhere = Store(store.settings, store.engine, store.clock)
    engine = sc.ScreeningEngine(store.uow, store.reader, max_age=3600.0, local_commits=lambda: 0)
    engine.ensure_built()
    sc.screen(sc.Screen([q("Paul Durand")]), DE, engine, elsewhere.uow)
    publish(elsewhere)
    assert sc.screen(sc.Screen([q("Paul Durand", "1971-04-02")]), DE, engine, elsewhere.uow).hits == 0
    engine.max_age = 0.0
    assert sc.screen(sc.Screen([q("Paul Durand", "1971-04-02")]), DE, engine, elsewhere.uow).hits == 1


def test_two_processes_recording_at_once_keep_one_gapless_chain(store: Store) -> None:
    """Two server processes: two engines (connection pools, write locks, group commits) on one store.
    Their batches take the chain's head in turn; every search still has its one event."""
    from rednotice.adapters.db.engine import make_engine

    other = Store(store.settings, make_engine(store.engine.url.render_as_string(hide_password=False)))
    try:
        nid = publish(store)
        engines = [sc.ScreeningEngine(s.uow, s.reader) for s in (store, other)]
        stores = [store, other]
        runs: list[sc.ScreeningRun] = []
        barrier = threading.Barrier(THREADS)

        def one(i: int) -> None:
            barrier.wait()
            k = i % 2
            query = q("Paul Durand", "1971-04-02", qid=f"p{i}")
            runs.append(sc.screen(sc.Screen([query]), DE, engines[k], stores[k].uow))

        errors = run_threads([lambda i=i: one(i) for i in range(THREADS)])  # type: ignore[misc]
        assert errors == [None] * THREADS
        assert sorted(run_events(store)) == sorted(f"screening:{r.id}" for r in runs)
        assert count(store, screening_hits, notice_id=nid) == THREADS
        assert audit_service.verify(store.reader()).ok
    finally:
        other.engine.dispose()
