"""Screening against the store (both databases): an index per process kept current, restrictions,
hits kept with outcomes, background jobs, audit."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from rednotice.adapters.db import tables as t
from rednotice.bootstrap import Store
from rednotice.domain.dates import PartialDate
from rednotice.domain.errors import Forbidden, NotFound
from rednotice.domain.lifecycle import Action
from rednotice.domain.screening.query import ScreeningQuery
from rednotice.domain.users import SYSTEM, Actor, Role
from rednotice.services import notices as ns
from rednotice.services import screening as sc
from tests.factories import make_request

FR = Actor("ncb-fr", Role.NCB_OFFICER, "FR")
DE = Actor("ncb-de", Role.NCB_OFFICER, "DE")
ES = Actor("ncb-es", Role.NCB_OFFICER, "ES")
REV = Actor("rev", Role.REVIEWER)


def publish(store: Store, **overrides: object) -> str:
    n = ns.create_request(ns.CreateRequest(make_request(**overrides)), FR, store.uow())
    ns.transition(ns.Transition(n.id, Action.START_REVIEW), REV, store.uow())
    ns.transition(ns.Transition(n.id, Action.PUBLISH, "compliant"), REV, store.uow())
    return n.id


def q(name: str, birth: str | None = None, qid: str = "q1") -> ScreeningQuery:
    return ScreeningQuery(id=qid, name=name, birth_date=PartialDate.parse(birth) if birth else None)


def hit_ids(run: sc.ScreeningRun) -> list[str]:
    return [m["notice_id"] for line in run.lines or [] for m in line["matches"]]


def test_the_index_follows_the_store_in_every_process(store: Store) -> None:
    first, second = sc.ScreeningEngine(store.uow), sc.ScreeningEngine(store.uow)
    a = publish(store)
    run = sc.screen(sc.Screen([q("Paul Durand", "1971-04-02")]), DE, first, store.uow)
    assert hit_ids(run) == [a]
    second.ensure_built()
    b = publish(
        store,
        **{
            "subject.family_name": "IVANOV",
            "subject.given_names": "Sergei",
            "subject.aliases": [],
            "subject.date_of_birth": "1980-01-01",
        },
    )
    ns.transition(ns.Transition(a, Action.CANCEL, "extradited"), FR, store.uow())
    for engine in (first, second):  # neither restarted: both see the new notice and lose the cancelled one
        assert hit_ids(sc.screen(sc.Screen([q("Sergey Ivanov")]), DE, engine, store.uow)) == [b]
        assert hit_ids(sc.screen(sc.Screen([q("Paul Durand", "1971-04-02")]), DE, engine, store.uow)) == []


def test_submitted_requests_are_not_screened_but_unreviewed_diffusions_are(store: Store) -> None:
    ns.create_request(ns.CreateRequest(make_request()), FR, store.uow())
    engine = sc.ScreeningEngine(store.uow)
    assert hit_ids(sc.screen(sc.Screen([q("Paul Durand")]), DE, engine, store.uow)) == []
    d = ns.create_request(ns.CreateRequest(make_request(type="wanted_person_diffusion")), FR, store.uow())
    assert hit_ids(sc.screen(sc.Screen([q("Paul Durand")]), DE, engine, store.uow)) == [d.id]


def test_restrictions_are_respected(store: Store) -> None:
    nid = publish(store, **{"visibility.excluded_countries": ["DE"]})
    engine = sc.ScreeningEngine(store.uow)
    query = [q("DURAND Paul Henri", "1971-04-02")]
    assert hit_ids(sc.screen(sc.Screen(query), DE, engine, store.uow)) == []
    assert hit_ids(sc.screen(sc.Screen(query), ES, engine, store.uow)) == [nid]
    # an officer cannot widen their view; an operator may narrow theirs
    assert hit_ids(sc.screen(sc.Screen(query, viewer_country=None), DE, engine, store.uow)) == []
    assert hit_ids(sc.screen(sc.Screen(query, viewer_country="DE"), SYSTEM, engine, store.uow)) == []
    assert hit_ids(sc.screen(sc.Screen(query), SYSTEM, engine, store.uow)) == [nid]


def test_hits_are_kept_with_outcomes_and_audited(store: Store) -> None:
    nid = publish(store)
    engine = sc.ScreeningEngine(store.uow)
    run = sc.screen(
        sc.Screen([q("Paul Durand", "1971-04-02", "pax-7"), q("Nobody Atall", None, "pax-8")], "api"),
        ES,
        engine,
        store.uow,
    )
    assert [line["query_id"] for line in run.lines or []] == ["pax-7", "pax-8"]
    hits = sc.list_hits(run.id, ES, store.uow())
    assert [(h["query_id"], h["notice_id"]) for h in hits] == [("pax-7", nid)]
    with pytest.raises(NotFound):
        sc.list_hits(run.id, DE, store.uow())
    updated = sc.record_outcome(hits[0]["id"], sc.HitOutcome.LOCATED, "at gate 12", ES, store.uow())
    assert updated["outcome"] == "located" and updated["outcome_by"] == "ncb-es"
    with store.engine.connect() as conn:
        actions = list(conn.execute(select(t.audit_events.c.action, t.audit_events.c.data)))
    runs = [d for a, d in actions if a == "screening.run"]
    assert runs and runs[-1]["notices_hit"] == [nid] and runs[-1]["queries"] == 2
    assert any(a == "screening.hit.outcome" for a, _ in actions)


def test_oversight_does_not_screen(store: Store) -> None:
    with pytest.raises(Forbidden):
        sc.screen(sc.Screen([q("x")]), Actor("o", Role.OVERSIGHT), sc.ScreeningEngine(store.uow), store.uow)


def test_large_batches_run_as_jobs_with_progress(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sc, "JOB_CHUNK", 3)
    nid = publish(store)
    queries = [
        q("Paul Durand", "1971-04-02", f"p{i}") if i % 4 == 0 else q(f"Someone Else{i}", None, f"p{i}")
        for i in range(10)
    ]
    job = sc.submit_job(sc.Screen(queries, "upload:jsonl"), ES, store.uow)
    assert job.status is sc.Status.QUEUED
    engine = sc.ScreeningEngine(store.uow)
    assert sc.run_next_job(engine, store.uow, "w1") == job.id
    assert sc.run_next_job(engine, store.uow, "w1") is None
    done = sc.get_run(job.id, ES, store.uow(), with_results=True)
    assert (done.status, done.done, done.total, done.hits) == (sc.Status.DONE, 10, 10, 3)
    assert [line["query_id"] for line in done.lines or []] == [f"p{i}" for i in range(10)]
    assert hit_ids(done) == [nid] * 3
