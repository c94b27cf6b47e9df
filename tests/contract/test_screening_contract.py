"""The screening repository's contract (``ScreeningRepository``), on the fake and on SQL: a run and its
result lines, hits in the shape the use cases read, outcomes, progress and finishing, the job queue."""

from __future__ import annotations

from datetime import timedelta

from rednotice.domain.screening.index import Match
from rednotice.domain.users import Actor, Role
from rednotice.services import notices as ns
from rednotice.services.screening import ScreeningRun, Status
from tests.conftest import FakeClock
from tests.contract.conftest import Backend
from tests.factories import make_request

FR = Actor("ncb-fr", Role.NCB_OFFICER, "FR")
ES = Actor("ncb-es", Role.NCB_OFFICER, "ES")


def notice(backend: Backend) -> str:
    return ns.create_request(ns.CreateRequest(make_request()), FR, backend.uow()).id


def run(run_id: str, clock: FakeClock, status: Status = Status.DONE, total: int = 2) -> ScreeningRun:
    return ScreeningRun(run_id, status, total, 0, 0, clock(), "ncb-es", "api")


def test_a_run_its_lines_and_its_hits(backend: Backend, clock: FakeClock) -> None:
    nid = notice(backend)
    query = {"id": "pax-1", "family_name": "DURAND"}
    match = Match(nid, 0.93, "DURAND, Paul Henri", ("name", "birth date"))
    with backend.uow() as uow:
        uow.screening.add_run(run("r1", clock), ES, None, None, clock(), clock())
        uow.screening.add_results("r1", 0, [{"id": "pax-1", "hits": 1}])
        uow.screening.add_results("r1", 1, [{"id": "pax-2", "hits": 0}])
        uow.screening.add_hits("r1", [(query, match)], clock())
        uow.screening.progress("r1", 2, 1)
        uow.commit()
    with backend.uow() as uow:
        found = uow.screening.get_run("r1", with_results=True)
        bare = uow.screening.get_run("r1", with_results=False)
        hits = uow.screening.hits("r1")
        assert uow.screening.get_run("nope", with_results=True) is None
        assert uow.screening.hits("nope") == []
    assert found is not None and bare is not None
    stored, username, country = found
    assert (stored.id, stored.status, stored.total, stored.done, stored.hits) == ("r1", Status.DONE, 2, 2, 1)
    assert (username, country) == ("ncb-es", "ES")
    assert stored.lines == [{"id": "pax-1", "hits": 1}, {"id": "pax-2", "hits": 0}]
    assert bare[0].lines is None
    assert len(hits) == 1
    h = hits[0]
    assert (h["screening_id"], h["query_id"], h["query"], h["notice_id"]) == ("r1", "pax-1", query, nid)
    assert h["score"] == 0.93 and list(h["reasons"]) == ["name", "birth date"]
    assert h["created_at"] == clock().isoformat()
    assert (h["outcome"], h["outcome_by"], h["outcome_at"], h["outcome_notes"]) == (None, None, None, None)
    assert (h["actor"], h["actor_country"]) == ("ncb-es", "ES")
    with backend.uow() as uow:
        assert uow.screening.get_hit(h["id"]) == h
        assert uow.screening.get_hit(h["id"] + 1000) is None


def test_an_outcome_is_recorded_on_the_hit(backend: Backend, clock: FakeClock) -> None:
    nid = notice(backend)
    with backend.uow() as uow:
        uow.screening.add_run(run("r1", clock), ES, None, None)
        uow.screening.add_hits("r1", [({"id": "a"}, Match(nid, 0.9, "DURAND", ()))], clock())
        uow.commit()
    with backend.uow() as uow:
        hid = uow.screening.hits("r1")[0]["id"]
        uow.screening.set_outcome(hid, "located", "ncb-es", clock() + timedelta(hours=1), "gate 12")
        uow.commit()
    with backend.uow() as uow:
        h = uow.screening.get_hit(hid)
    assert h is not None
    assert (h["outcome"], h["outcome_by"], h["outcome_notes"]) == ("located", "ncb-es", "gate 12")
    assert h["outcome_at"] == (clock() + timedelta(hours=1)).isoformat()


def test_the_job_queue_hands_out_the_oldest_queued_run_once(backend: Backend, clock: FakeClock) -> None:
    queries = [{"id": "q1", "name": "Paul Durand"}]
    with backend.uow() as uow:
        uow.screening.add_run(run("late", clock, Status.QUEUED), ES, "ES", queries)
        clock.advance(minutes=-5)
        uow.screening.add_run(run("early", clock, Status.QUEUED), ES, "ES", queries)
        uow.commit()
    with backend.uow() as uow:
        first = uow.screening.claim_next("w1", clock())
        uow.commit()
    with backend.uow() as uow:
        second = uow.screening.claim_next("w1", clock())
        uow.commit()
    with backend.uow() as uow:
        assert uow.screening.claim_next("w1", clock()) is None
        uow.screening.finish("early", Status.FAILED.value, clock(), "boom")
        uow.commit()
    assert first is not None and second is not None
    assert (first[0], first[1], first[2], first[3].username) == ("early", queries, "ES", "ncb-es")
    assert second[0] == "late"
    with backend.uow() as uow:
        early = uow.screening.get_run("early", with_results=False)
        late = uow.screening.get_run("late", with_results=False)
    assert early is not None and late is not None
    assert (early[0].status, early[0].error) == (Status.FAILED, "boom")
    assert late[0].status is Status.RUNNING


def test_runs_answered_at_once_are_written_together(backend: Backend, clock: FakeClock) -> None:
    nid = notice(backend)
    one, two = run("a", clock), run("b", clock)
    one.lines, two.lines = [{"id": "x"}], [{"id": "y"}, {"id": "z"}]
    hit = ({"id": "x"}, Match(nid, 0.8, "DURAND", ("name",)))
    with backend.uow() as uow:
        uow.screening.add_done_runs([(one, ES, None, [hit]), (two, ES, "ES", [])], clock())
        uow.screening.add_done_runs([], clock())
        uow.commit()
    with backend.uow() as uow:
        a = uow.screening.get_run("a", with_results=True)
        b = uow.screening.get_run("b", with_results=True)
        assert [h["query_id"] for h in uow.screening.hits("a")] == ["x"]
        assert uow.screening.hits("b") == []
    assert a is not None and b is not None
    assert a[0].lines == [{"id": "x"}] and b[0].lines == [{"id": "y"}, {"id": "z"}]
