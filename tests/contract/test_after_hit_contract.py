"""The after-hit repository's contract (``AfterHitRepository``), on the fake and on SQL (SQLite and
PostgreSQL): hits read from screening, follow-ups inserted then updated, the RN-23 selections, and
extradition requests, refusals and addenda numbered and listed per notice. Then the use cases themselves
on each backend: the same sweep flags the same hits."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from rednotice.domain.dates import PartialDate
from rednotice.domain.lifecycle import Action
from rednotice.domain.redress import PositionGround
from rednotice.domain.screening.query import ScreeningQuery
from rednotice.domain.users import Actor, Role
from rednotice.services import after_hit as ah
from rednotice.services import notices as ns
from rednotice.services import screening as sc
from rednotice.services.after_hit import (
    Addendum,
    AddendumKind,
    ExtraditionRefusal,
    ExtraditionRequest,
    FollowUp,
    Treaty,
)
from tests.conftest import FakeClock
from tests.contract.conftest import Backend
from tests.factories import make_request

FR = Actor("ncb-fr", Role.NCB_OFFICER, "FR")  # requesting
ES = Actor("ncb-es", Role.NCB_OFFICER, "ES")  # locating
REV = Actor("rev", Role.REVIEWER)


OTHER = {
    "subject.family_name": "OKONKWO",
    "subject.given_names": "Ada",
    "subject.aliases": [],
    "subject.date_of_birth": "1985-10-10",
}
"""A second person, whom a search for DURAND does not find."""


def publish(backend: Backend, **overrides: object) -> str:
    request = make_request(**overrides)
    n = ns.create_request(ns.CreateRequest(request), FR, backend.uow())
    ns.transition(ns.Transition(n.id, Action.START_REVIEW), REV, backend.uow())
    ns.transition(ns.Transition(n.id, Action.PUBLISH, "compliant"), REV, backend.uow())
    return n.id


def hit(backend: Backend, qid: str, other: bool = False) -> int:
    """ES screens a traveller who is the person sought (DURAND, or ``OTHER``): the hit's id."""
    name, given, born = ("OKONKWO", "Ada", "1985-10-10") if other else ("DURAND", "Paul", "1971-04-02")
    query = ScreeningQuery(id=qid, family_name=name, given_names=given, birth_date=PartialDate.parse(born))
    run = sc.screen(sc.Screen([query]), ES, sc.ScreeningEngine(backend.uow), backend.uow)
    hits = sc.list_hits(run.id, ES, backend.uow())
    assert len(hits) == 1
    return int(hits[0]["id"])


def test_a_hit_is_read_from_screening_with_its_locating_country(backend: Backend, clock: FakeClock) -> None:
    nid = publish(backend)
    hid = hit(backend, "pax-1")
    with backend.uow() as uow:
        repo = uow.after_hit
        got = repo.get_hit(hid)
        assert repo.get_hit(hid + 1000) is None
    assert got is not None
    assert (got.id, got.notice_id, got.screened_by, got.locating_country) == (hid, nid, "ncb-es", "ES")
    assert got.query["family_name"] == "DURAND" and got.score > 0
    assert got.created_at == clock() and got.outcome is None and not got.located
    with backend.uow() as uow:
        uow.screening.set_outcome(hid, sc.HitOutcome.LOCATED.value, "ncb-es", clock(), "gate 12")
        uow.commit()
    with backend.uow() as uow:
        located = uow.after_hit.get_hit(hid)
    assert located is not None and located.located
    assert (located.outcome, located.outcome_at, located.outcome_by) == (
        sc.HitOutcome.LOCATED,
        clock(),
        "ncb-es",
    )


def test_a_follow_up_is_inserted_then_updated_and_handed_out_as_a_copy(
    backend: Backend, clock: FakeClock
) -> None:
    nid = publish(backend)
    hid = hit(backend, "pax-1")
    fu = FollowUp(hid, nid, "ES", "FR", located_at=clock())
    with backend.uow() as uow:
        repo = uow.after_hit
        assert repo.get_follow_up(hid) is None
        repo.save_follow_up(fu)
        uow.commit()
    with backend.uow() as uow:
        repo = uow.after_hit
        stored = repo.get_follow_up(hid, lock=True)
        assert stored == fu
        assert stored is not None
        stored.treaty_in_force, stored.person_informed = Treaty.YES, True
        stored.safeguards_at, stored.safeguards_by, stored.safeguards_notes = clock(), "ncb-es", "told"
        assert repo.get_follow_up(hid) == fu  # changing a record read does not change the store
        repo.save_follow_up(stored)
        uow.commit()
    with backend.uow() as uow:
        again = uow.after_hit.get_follow_up(hid)
    assert again == replace(
        fu,
        treaty_in_force=Treaty.YES,
        person_informed=True,
        safeguards_at=clock(),
        safeguards_by="ncb-es",
        safeguards_notes="told",
    )


def test_leaving_the_unit_of_work_without_commit_keeps_nothing(backend: Backend, clock: FakeClock) -> None:
    nid = publish(backend)
    hid = hit(backend, "pax-1")
    with backend.uow() as uow:
        repo = uow.after_hit
        repo.save_follow_up(FollowUp(hid, nid, "ES", "FR", located_at=clock()))
        repo.add_addendum(Addendum(0, nid, clock(), AddendumKind.EXTRADITION_REFUSED, "ES", "x", "text"))
    with backend.uow() as uow:
        repo = uow.after_hit
        assert repo.get_follow_up(hid) is None and repo.addenda(nid) == []


def test_rn23_selections(backend: Backend, clock: FakeClock) -> None:
    """located_without_follow_up, unpursued (ordered by location time, then hit), pursued, and
    flagged_follow_up, as the sweep uses them."""
    nid = publish(backend)
    h1, h2, h3 = hit(backend, "a"), hit(backend, "b"), hit(backend, "c")
    start = clock()
    with backend.uow() as uow:
        for h in (h1, h2, h3):
            uow.screening.set_outcome(h, sc.HitOutcome.LOCATED.value, "ncb-es", start, "")
        uow.commit()
    with backend.uow() as uow:
        repo = uow.after_hit
        assert [x.id for x in repo.located_without_follow_up()] == [h1, h2, h3]
        repo.save_follow_up(FollowUp(h2, nid, "ES", "FR", located_at=start + timedelta(days=1)))
        repo.save_follow_up(FollowUp(h1, nid, "ES", "FR", located_at=start + timedelta(days=2)))
        repo.save_follow_up(FollowUp(h3, nid, "ES", "FR"))  # not located yet: still without follow-up
        uow.commit()
    with backend.uow() as uow:
        repo = uow.after_hit
        assert [x.id for x in repo.located_without_follow_up()] == [h3]
        assert repo.unpursued(start) == []
        assert repo.unpursued(start + timedelta(days=1)) == [h2]
        assert repo.unpursued(start + timedelta(days=9)) == [h2, h1]
        assert not repo.pursued(nid, "ES")
        assert repo.flagged_follow_up(nid, "ES") is None
        fu = repo.get_follow_up(h2)
        assert fu is not None
        fu.unpursued_flagged_at, fu.unpursued_flag_id = start + timedelta(days=3), 7
        repo.save_follow_up(fu)
        uow.commit()
    with backend.uow() as uow:
        repo = uow.after_hit
        assert repo.unpursued(start + timedelta(days=9)) == [h1]  # h2 was flagged
        flagged = repo.flagged_follow_up(nid, "ES")
        assert flagged is not None and (flagged.hit_id, flagged.unpursued_flag_id) == (h2, 7)
        assert repo.flagged_follow_up(nid, "DE") is None
        repo.add_extradition_request(ExtraditionRequest(0, h1, nid, "FR", "ES", start, "ncb-fr", "REF-1", ""))
        uow.commit()
    with backend.uow() as uow:
        repo = uow.after_hit
        assert repo.pursued(nid, "ES") and not repo.pursued(nid, "DE")
        assert repo.unpursued(start + timedelta(days=9)) == []  # requested: no longer unpursued
    with backend.uow() as uow:  # a hit no longer located leaves the selection
        uow.screening.set_outcome(h3, sc.HitOutcome.NOT_THE_PERSON.value, "ncb-es", start, "")
        uow.commit()
    with backend.uow() as uow:
        assert uow.after_hit.located_without_follow_up() == []


def test_requests_refusals_and_addenda_are_numbered_and_listed_per_notice(
    backend: Backend, clock: FakeClock
) -> None:
    n1, n2 = publish(backend), publish(backend, **OTHER)
    h1, h2 = hit(backend, "a"), hit(backend, "b", other=True)
    at = clock()
    with backend.uow() as uow:
        repo = uow.after_hit
        r1 = repo.add_extradition_request(ExtraditionRequest(0, h1, n1, "FR", "ES", at, "ncb-fr", "R-1", "n"))
        r2 = repo.add_extradition_request(ExtraditionRequest(0, h2, n2, "FR", "ES", at, "ncb-fr", "", ""))
        a1 = repo.add_addendum(Addendum(0, n1, at, AddendumKind.EXTRADITION_REFUSED, "ES", f"hit:{h1}", "t1"))
        a2 = repo.add_addendum(
            Addendum(0, n1, at, AddendumKind.NO_EXTRADITION_REQUEST, None, f"hit:{h1}", "t2")
        )
        grounds = (PositionGround.ARTICLE_3, PositionGround.OTHER)
        x1 = repo.add_refusal(
            ExtraditionRefusal(0, h1, n1, "ES", at, "ncb-es", grounds, "reasons given", 5, a1)
        )
        uow.commit()
    assert (r1, r2) == (1, 2) and (a1, a2) == (1, 2) and x1 == 1  # numbered from 1, per kind
    with backend.uow() as uow:
        repo = uow.after_hit
        assert repo.extradition_requests(n1) == [
            ExtraditionRequest(r1, h1, n1, "FR", "ES", at, "ncb-fr", "R-1", "n")
        ]
        assert [r.id for r in repo.extradition_requests(n2)] == [r2]
        assert repo.refusals(n1) == [
            ExtraditionRefusal(x1, h1, n1, "ES", at, "ncb-es", grounds, "reasons given", 5, a1)
        ]
        assert repo.refusals(n2) == []
        assert repo.addenda(n1) == [
            Addendum(a1, n1, at, AddendumKind.EXTRADITION_REFUSED, "ES", f"hit:{h1}", "t1"),
            Addendum(a2, n1, at, AddendumKind.NO_EXTRADITION_REQUEST, None, f"hit:{h1}", "t2"),
        ]
        assert repo.addenda(n2) == []
        assert repo.pursued(n1, "ES") and repo.pursued(n2, "ES")


def test_the_use_cases_give_the_same_answers_on_every_backend(backend: Backend, clock: FakeClock) -> None:
    """Record the outcome, answer the checklist, let RN-23's days pass: one flag, one addendum."""
    nid = publish(backend)
    hid = hit(backend, "pax-1")
    out = ah.record_outcome(hid, sc.HitOutcome.LOCATED, "at gate 12", ES, backend.uow())
    assert out["informed"] == ["FR", "GS"]
    view = ah.record_safeguards(hid, ah.SafeguardAnswers(Treaty.YES, True, "told"), ES, backend.uow())
    assert view["checklist"]["treaty_in_force"]["answer"] == "yes"
    settings = ah.AfterHitSettings(extradition_request_days=10)
    clock.advance(days=9)
    assert ah.sweep_unpursued_hits(backend.uow, settings) == []
    clock.advance(days=2)
    assert ah.sweep_unpursued_hits(backend.uow, settings) == [hid]
    assert ah.sweep_unpursued_hits(backend.uow, settings) == []  # each hit once
    addenda = ah.addenda_for(nid, REV, backend.uow())
    assert [a["kind"] for a in addenda] == ["no_extradition_request"]
    assert "within 10 days" in addenda[0]["text"]
    follow = ah.follow_up(hid, REV, backend.uow())
    assert follow["located_at"] == out["outcome_at"] and follow["unpursued_flagged_at"] is not None
