"""Screening as a use case (``services/screening.py``), on the in-memory fakes: a run recorded with its
result lines, its hits and one audit event; an NCB screens only against what its country may see; who
screens, who reads a run; a background job queued, run and audited; a cancelled notice no longer hit."""

from __future__ import annotations

import pytest

from rednotice.domain.dates import PartialDate
from rednotice.domain.errors import Forbidden, InvalidInput, NotFound
from rednotice.domain.lifecycle import Action
from rednotice.domain.screening.query import ScreeningQuery
from rednotice.domain.users import SYSTEM, Actor, Role
from rednotice.services import notices as ns
from rednotice.services import screening as sc
from tests.conftest import FakeClock
from tests.unit.fake_store import REV, FakeStore, published

FR = Actor("ncb-fr", Role.NCB_OFFICER, "FR")  # requesting
ES = Actor("ncb-es", Role.NCB_OFFICER, "ES")
ES2 = Actor("ncb-es-2", Role.NCB_OFFICER, "ES")  # a colleague at the same NCB
DE = Actor("ncb-de", Role.NCB_OFFICER, "DE")
DURAND = ScreeningQuery(
    id="pax-1", family_name="DURAND", given_names="Paul", birth_date=PartialDate.parse("1971-04-02")
)
NOBODY = ScreeningQuery(id="pax-2", family_name="LINDQVIST", given_names="Maja")


class Env(FakeStore):
    def __init__(self, clock: FakeClock) -> None:
        super().__init__(clock)
        self.engine = sc.ScreeningEngine(self.uow)

    def screen(
        self, actor: Actor, *queries: ScreeningQuery, as_country: str | None = None
    ) -> sc.ScreeningRun:
        return sc.screen(sc.Screen(list(queries), viewer_country=as_country), actor, self.engine, self.uow)

    def events(self, action: str) -> list[dict[str, object]]:
        return [dict(e.data, actor=e.actor, subject=e.subject) for e in self.data.audit if e.action == action]


@pytest.fixture
def env(clock: FakeClock) -> Env:
    return Env(clock)


def matched(run: sc.ScreeningRun) -> list[str]:
    return [m["notice_id"] for line in run.lines or [] for m in line["matches"]]


def test_a_run_is_recorded_with_its_lines_its_hits_and_one_audit_event(env: Env, clock: FakeClock) -> None:
    nid = published(env)
    run = env.screen(ES, DURAND, NOBODY)
    assert (run.status, run.total, run.done, run.hits) == (sc.Status.DONE, 2, 2, 1)
    assert matched(run) == [nid] and run.created_at == clock()
    stored = sc.get_run(run.id, ES, env.uow(), with_results=True)
    assert stored.lines == run.lines and stored.status is sc.Status.DONE
    [h] = sc.list_hits(run.id, ES, env.uow())
    assert (h["notice_id"], h["query_id"], h["actor"], h["actor_country"]) == (nid, "pax-1", "ncb-es", "ES")
    assert h["outcome"] is None and h["query"]["family_name"] == "DURAND"
    [event] = env.events("screening.run")
    assert event["subject"] == f"screening:{run.id}" and event["actor"] == str(ES)
    assert (event["queries"], event["hits"], event["notices_hit"], event["as_country"]) == (2, 1, [nid], "ES")
    # the hit is the after-hit module's, with ES as the locating country
    with env.uow() as uow:
        got = uow.after_hit.get_hit(int(h["id"]))
    assert got is not None and got.locating_country == "ES" and got.notice_id == nid


def test_an_ncb_screens_only_against_what_its_country_may_see(env: Env) -> None:
    published(env, **{"visibility.excluded_countries": ["DE"]})
    assert matched(env.screen(DE, DURAND)) == []
    assert matched(env.screen(DE, DURAND, as_country="ES")) == []  # an officer cannot screen as another NCB
    assert len(matched(env.screen(ES, DURAND))) == 1
    assert [e["as_country"] for e in env.events("screening.run")] == ["DE", "DE", "ES"]


def test_an_operator_screens_as_the_country_it_names(env: Env) -> None:
    published(env, **{"visibility.excluded_countries": ["DE"]})
    assert matched(env.screen(SYSTEM, DURAND, as_country="DE")) == []
    assert len(matched(env.screen(SYSTEM, DURAND, as_country="ES"))) == 1


@pytest.mark.parametrize("role", [Role.CCF, Role.OVERSIGHT, Role.ADMIN])
def test_who_does_not_screen(env: Env, role: Role) -> None:
    published(env)
    audited = len(env.data.audit)
    with pytest.raises(Forbidden):
        env.screen(Actor("x", role), DURAND)
    with pytest.raises(Forbidden):
        sc.submit_job(sc.Screen([DURAND]), Actor("x", role), env.uow)
    assert len(env.data.audit) == audited and env.data.extra.get("screening", {}).get("runs", {}) == {}


def test_too_large_a_batch_is_refused_and_an_empty_job_too(env: Env) -> None:
    with pytest.raises(InvalidInput):
        env.screen(ES, *[NOBODY] * (sc.SYNC_LIMIT + 1))
    with pytest.raises(InvalidInput):
        sc.submit_job(sc.Screen([]), ES, env.uow)
    assert env.events("screening.run") == []


def test_a_run_is_read_by_who_ran_it_their_ncb_and_reviewers(env: Env) -> None:
    published(env)
    run = env.screen(ES, DURAND)
    for who in (ES, ES2, REV):
        assert sc.get_run(run.id, who, env.uow()).id == run.id
        assert len(sc.list_hits(run.id, who, env.uow())) == 1
    for who in (DE, FR, Actor("ccf", Role.CCF)):
        with pytest.raises(NotFound):
            sc.get_run(run.id, who, env.uow())
        with pytest.raises(NotFound):
            sc.list_hits(run.id, who, env.uow())
    with pytest.raises(NotFound):
        sc.get_run("no-such-run", REV, env.uow())


def test_a_job_is_queued_run_by_a_worker_and_audited(env: Env) -> None:
    nid = published(env)
    queued = sc.submit_job(sc.Screen([DURAND, NOBODY], source="paxlst"), ES, env.uow)
    assert queued.status is sc.Status.QUEUED and queued.total == 2 and queued.done == 0
    assert sc.get_run(queued.id, ES, env.uow()).status is sc.Status.QUEUED
    [submitted] = env.events("screening.run")
    assert submitted["status"] == "queued" and submitted["source"] == "paxlst"
    assert sc.run_next_job(env.engine, env.uow, "worker-1") == queued.id
    done = sc.get_run(queued.id, ES2, env.uow(), with_results=True)
    assert (done.status, done.done, done.hits) == (sc.Status.DONE, 2, 1)
    assert matched(done) == [nid]
    [h] = sc.list_hits(queued.id, ES, env.uow())
    assert h["notice_id"] == nid and h["actor_country"] == "ES"
    [finished] = env.events("screening.job.done")
    assert (
        finished["worker"] == "worker-1" and finished["notices_hit"] == [nid] and finished["actor"] == str(ES)
    )
    assert sc.run_next_job(env.engine, env.uow, "worker-1") is None  # the queue is empty


def test_a_job_screens_as_its_submitters_country(env: Env) -> None:
    published(env, **{"visibility.excluded_countries": ["DE"]})
    job = sc.submit_job(sc.Screen([DURAND]), DE, env.uow)
    sc.run_next_job(env.engine, env.uow, "worker-1")
    assert sc.get_run(job.id, DE, env.uow()).hits == 0


def test_a_cancelled_notice_is_no_longer_hit(env: Env) -> None:
    nid = published(env)
    assert matched(env.screen(ES, DURAND)) == [nid]
    ns.transition(ns.Transition(nid, Action.CANCEL, "Person arrested in France."), FR, env.uow())
    assert matched(env.screen(ES, DURAND)) == []
    assert env.events("screening.run")[-1]["notices_hit"] == []


def test_an_outcome_recorded_through_screening_is_the_after_hit_use_case(env: Env) -> None:
    nid = published(env)
    run = env.screen(ES, DURAND)
    [h] = sc.list_hits(run.id, ES, env.uow())
    with pytest.raises(NotFound):
        sc.record_outcome(int(h["id"]), sc.HitOutcome.LOCATED, "", DE, env.uow())
    out = sc.record_outcome(int(h["id"]), sc.HitOutcome.LOCATED, "gate 4", ES, env.uow())
    assert out["informed"] == ["FR", "GS"]
    [after] = sc.list_hits(run.id, ES, env.uow())
    assert after["outcome"] == "located" and after["outcome_notes"] == "gate 4" and after["notice_id"] == nid
