"""After a hit, on SQLite and PostgreSQL: informing the requester and the GS (rule 31), the safeguards
checklist (refugee status reported without the granting country), extradition requested and refused
(addendum, RN-12 position, review flag), the RN-23 sweep with a clock we control, and who may do what."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select

from rednotice.adapters.db import tables as t
from rednotice.bootstrap import Store
from rednotice.domain.compliance.context import ProtectionStatus
from rednotice.domain.dates import PartialDate
from rednotice.domain.errors import Forbidden, NotFound, RuleViolation
from rednotice.domain.lifecycle import Action
from rednotice.domain.model import Subject
from rednotice.domain.redress import FlagSource, PositionGround, PositionKind
from rednotice.domain.screening.query import ScreeningQuery
from rednotice.domain.users import Actor, Role
from rednotice.services import after_hit as ah
from rednotice.services import notices as ns
from rednotice.services import redress as rs
from rednotice.services import screening as sc
from rednotice.services.compliance import check_request
from tests.conftest import FakeClock
from tests.factories import make_request

FR = Actor("ncb-fr", Role.NCB_OFFICER, "FR")  # requesting
ES = Actor("ncb-es", Role.NCB_OFFICER, "ES")  # locating
DE = Actor("ncb-de", Role.NCB_OFFICER, "DE")  # a bystander that can see the notice
NZ = Actor("ncb-nz", Role.NCB_OFFICER, "NZ")  # grants protection: must never be named to FR or ES
REV = Actor("rev", Role.REVIEWER)
HIT = sc.HitOutcome


def publish(store: Store, **overrides: object) -> str:
    n = ns.create_request(ns.CreateRequest(make_request(**overrides)), FR, store.uow())
    ns.transition(ns.Transition(n.id, Action.START_REVIEW), REV, store.uow())
    ns.transition(ns.Transition(n.id, Action.PUBLISH, "compliant"), REV, store.uow())
    return n.id


def hit(store: Store, by: Actor = ES, qid: str = "pax-1") -> int:
    """ES screens a traveller who is the person sought by FR's notice: the hit's id."""
    query = ScreeningQuery(
        id=qid, family_name="DURAND", given_names="Paul", birth_date=PartialDate.parse("1971-04-02")
    )
    run = sc.screen(sc.Screen([query]), by, sc.ScreeningEngine(store.uow), store.uow)
    hits = sc.list_hits(run.id, by, store.uow())
    assert len(hits) == 1
    return int(hits[0]["id"])


def notifications(store: Store, notice_id: str) -> list[tuple[str, str, str]]:
    with store.uow() as uow:
        return [(n.recipient, n.kind, n.text) for n in uow.redress.notifications(notice_id)]


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, default=str)


def test_located_and_detained_inform_the_requester_and_the_gs(store: Store, clock: FakeClock) -> None:
    nid = publish(store)
    first, second, third = hit(store, qid="a"), hit(store, qid="b"), hit(store, qid="c")
    out = ah.record_outcome(first, HIT.LOCATED, "at gate 12", ES, store.uow())
    assert out["outcome"] == "located" and out["informed"] == ["FR", "GS"]
    sent = notifications(store, nid)
    assert [(r, k) for r, k, _ in sent] == [("FR", "hit.located"), ("GS", "hit.located")]
    text = sent[0][2]
    assert nid in text and "ES" in text and f"hit {first}" in text and "2026-01-15 09:00" in text
    assert "not an arrest warrant" in text and "national law" in text
    ah.record_outcome(second, HIT.NOT_THE_PERSON, "different person", ES, store.uow())
    ah.record_outcome(third, HIT.NO_ACTION, "", ES, store.uow())
    assert len(notifications(store, nid)) == 2  # nobody is told about a traveller who is not the person
    ah.record_outcome(third, HIT.DETAINED_UNDER_NATIONAL_LAW, "held by a judge", ES, store.uow())
    assert [k for _, k, _ in notifications(store, nid)][2:] == [
        "hit.detained_under_national_law",
        "hit.detained_under_national_law",
    ]
    with store.engine.connect() as conn:
        actions = [a for (a,) in conn.execute(select(t.audit_events.c.action))]
    assert actions.count("screening.hit.outcome") == 4


def test_only_the_locating_ncb_records_outcomes_and_the_requester_sees_only_located_hits(
    store: Store,
) -> None:
    publish(store)
    h = hit(store)
    for who, error in ((FR, NotFound), (DE, NotFound), (REV, Forbidden)):
        with pytest.raises(error):
            ah.record_outcome(h, HIT.LOCATED, "", who, store.uow())
    with pytest.raises(NotFound):  # not located yet: the requester does not learn of the traveller
        ah.follow_up(h, FR, store.uow())
    ah.record_outcome(h, HIT.LOCATED, "", ES, store.uow())
    seen = ah.follow_up(h, FR, store.uow())
    assert seen["hit"]["locating_country"] == "ES" and "query" not in seen["hit"]
    with pytest.raises(Forbidden):
        ah.record_outcome(h, HIT.NO_ACTION, "", FR, store.uow())
    with pytest.raises(Forbidden):
        ah.safeguards(h, FR, store.uow())
    with pytest.raises(Forbidden):
        ah.record_safeguards(h, ah.SafeguardAnswers(ah.Treaty.YES), FR, store.uow())
    with pytest.raises(Forbidden):
        ah.refuse_extradition(h, [], "Refused by the court of appeal.", False, FR, store.uow())
    with pytest.raises(Forbidden):
        ah.request_extradition(h, "EXT-1", "", ES, store.uow())
    with pytest.raises(NotFound):
        ah.request_extradition(h, "EXT-1", "", DE, store.uow())


def test_checklist_reports_refugee_status_without_the_granting_country(store: Store) -> None:
    nid = publish(store)
    # NZ confirms protection against TR (not the requester, so FR's notice stays)
    subject = Subject(
        family_name="Durand", given_names="Paul Henri", date_of_birth=PartialDate.parse("1971-04-02")
    )
    rs.confirm_refugee(subject, ProtectionStatus.REFUGEE, "TR", "Recognised 2019", NZ, store.uow())
    rs.record_position(
        nid,
        PositionKind.CONCERN,
        [PositionGround.ARTICLE_2],
        "Risk of torture in custody.",
        [],
        False,
        DE,
        store.uow(),
    )
    h = hit(store)
    view = ah.safeguards(h, ES, store.uow())
    items = view["checklist"]
    assert items["refugee_or_asylum"]["answer"] == "reported" and items["refugee_or_asylum"]["attention"]
    assert items["refugee_or_asylum"]["requesting_country_is_country_of_feared_persecution"] is False
    assert items["treaty_in_force"]["answer"] == "unknown"
    assert items["right_to_contest"]["answer"] is None
    risk = items["ill_treatment_risk"]
    assert risk["answer"] == "indicated" and risk["art2_positions"] == [
        {"kind": "concern", "at": "2026-01-15", "country": None}
    ]
    assert "not an arrest warrant" in view["reminder"]
    recorded = ah.record_safeguards(
        h, ah.SafeguardAnswers(ah.Treaty.NO, True, "Told in Spanish, with a lawyer present."), ES, store.uow()
    )
    assert recorded["checklist"]["treaty_in_force"]["answer"] == "no"
    assert recorded["checklist"]["right_to_contest"]["answer"] is True
    assert recorded["recorded"]["by"] == "ncb-es"
    ah.record_outcome(h, HIT.LOCATED, "", ES, store.uow())
    ah.request_extradition(h, "EXT-2026-1", "", FR, store.uow())
    ah.refuse_extradition(
        h, [PositionGround.REFUGEE], "Protected person: non-refoulement.", False, ES, store.uow()
    )
    seen_by_ncbs = [
        view,
        recorded,
        ah.safeguards(h, ES, store.uow()),
        ah.follow_up(h, ES, store.uow()),
        ah.follow_up(h, FR, store.uow()),
        ah.addenda_for(nid, FR, store.uow()),
        ah.addenda_for(nid, ES, store.uow()),
        rs.notifications_for(FR, store.uow()),
        rs.notifications_for(ES, store.uow()),
    ]
    for data in seen_by_ncbs:
        text = dumps(data)
        assert '"NZ"' not in text and " NZ" not in text and "Recognised 2019" not in text
    # the requester does not read the refugee ground either (it would point at a protection status)
    assert "refugee" not in dumps(ah.addenda_for(nid, FR, store.uow())).lower()
    assert "non-refoulement" not in dumps(ah.follow_up(h, FR, store.uow()))
    with store.engine.connect() as conn:
        actions = [a for (a,) in conn.execute(select(t.audit_events.c.action))]
    assert "after_hit.safeguards.record" in actions


def test_refused_extradition_adds_an_addendum_a_position_and_a_flag(store: Store) -> None:
    nid = publish(store)
    h = hit(store)
    with pytest.raises(RuleViolation):  # a refusal follows a location
        ah.refuse_extradition(h, [PositionGround.ARTICLE_2], "Risk of torture.", False, ES, store.uow())
    ah.record_outcome(h, HIT.DETAINED_UNDER_NATIONAL_LAW, "", ES, store.uow())
    requested = ah.request_extradition(h, "EXT-2026-7", "via the ministry of justice", FR, store.uow())
    assert requested["locating_country"] == "ES"
    out = ah.refuse_extradition(
        h,
        [PositionGround.ARTICLE_2],
        "Audiencia Nacional: real risk of torture (secret report).",
        False,
        ES,
        store.uow(),
    )
    assert out["review_reopened"] and out["addendum"]["country"] == "ES"  # its own country, to itself
    # the addendum: every NCB that can see the notice reads it, without the country or the reasons
    for who in (DE, FR, REV):
        [addendum] = ah.addenda_for(nid, who, store.uow())
        assert addendum["kind"] == "extradition_refused" and "Article 2" in addendum["text"]
        assert "secret report" not in addendum["text"] and "ES" not in addendum["text"]
        assert addendum["country"] == ("ES" if who is REV else None)
    with store.uow() as uow:
        [position] = uow.redress.positions([nid])
        flags = uow.redress.flags([nid], open_only=True)
    assert position.kind is PositionKind.EXTRADITION_REFUSED and position.country == "ES"
    assert [(f.source, f.ref) for f in flags] == [(FlagSource.POSITION, str(position.id))]
    assert ("GS", "extradition.refused") in [(r, k) for r, k, _ in notifications(store, nid)]
    fr_text = [x for r, k, x in notifications(store, nid) if r == "FR" and k == "extradition.refused"]
    assert fr_text and "secret report" not in fr_text[0]
    assert "secret report" not in dumps(ah.follow_up(h, FR, store.uow()))
    assert "secret report" in dumps(ah.follow_up(h, REV, store.uow()))
    # RN-12: after review deletes the notice, the same person re-filed by FR meets the refusal
    ns.transition(ns.Transition(nid, Action.DELETE, "Art. 2 risk confirmed on review."), REV, store.uow())
    result = check_request(store.uow(), make_request())
    rn12 = [f for f in result["findings"] if f["code"] == "RN-12"]
    assert rn12 and "refused extradition" in rn12[0]["message"]


def test_sweep_flags_a_located_person_with_no_extradition_request_in_time(
    store: Store, clock: FakeClock
) -> None:
    nid = publish(store)
    h = hit(store)
    ah.record_outcome(h, HIT.LOCATED, "", ES, store.uow())
    clock.advance(days=59)
    assert ah.sweep_unpursued_hits(store.uow) == []
    clock.advance(days=1, seconds=1)
    assert ah.sweep_unpursued_hits(store.uow) == [h]
    assert ah.sweep_unpursued_hits(store.uow) == []  # once
    with store.uow() as uow:
        flags = uow.redress.flags([nid], open_only=True)
    assert [(f.source, f.ref) for f in flags] == [(FlagSource.HARASSMENT, f"hit:{h}")]
    assert "RN-23" in flags[0].text
    [addendum] = ah.addenda_for(nid, DE, store.uow())
    assert addendum["kind"] == "no_extradition_request" and "60 days" in addendum["text"]
    assert ("GS", "hit.no_extradition_request") in [(r, k) for r, k, _ in notifications(store, nid)]
    assert ah.follow_up(h, REV, store.uow())["unpursued_flagged_at"] is not None


def test_sweep_spares_pursued_hits_and_honours_the_setting(store: Store, clock: FakeClock) -> None:
    publish(store)
    pursued, later = hit(store, qid="a"), hit(store, qid="b")
    ah.record_outcome(pursued, HIT.LOCATED, "", ES, store.uow())
    ah.request_extradition(pursued, "EXT-9", "", FR, store.uow())
    clock.advance(days=61)
    assert ah.sweep_unpursued_hits(store.uow) == []
    # located through the screening use case (not this module): the sweep still starts the clock
    other = publish(
        store,
        **{
            "subject.family_name": "IVANOV",
            "subject.given_names": "Sergei",
            "subject.aliases": [],
            "subject.date_of_birth": "1980-01-01",
        },
    )
    run = sc.screen(
        sc.Screen([ScreeningQuery(id="x", name="Sergei Ivanov")]),
        ES,
        sc.ScreeningEngine(store.uow),
        store.uow,
    )
    [found] = sc.list_hits(run.id, ES, store.uow())
    assert found["notice_id"] == other
    sc.record_outcome(found["id"], HIT.LOCATED, "", ES, store.uow())
    short = ah.AfterHitSettings(extradition_request_days=10)
    clock.advance(days=9)
    assert ah.sweep_unpursued_hits(store.uow, short) == []
    clock.advance(days=2)
    assert ah.sweep_unpursued_hits(store.uow, short) == [found["id"]]
    assert later not in ah.sweep_unpursued_hits(store.uow, short)  # never located
