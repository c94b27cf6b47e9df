"""After a hit, on the in-memory fakes (fast; the SQL side is tests/store/test_after_hit.py): who records
an outcome and who is told, the requester seeing a hit only once the person is located, the safeguards
checklist, extradition requested and refused (addendum, RN-12 position, review flag; reasons kept from the
requester), the RN-23 sweep with a clock we move, and what is audited."""

from __future__ import annotations

import json
from typing import Any

import pytest

from rednotice.domain.compliance.context import ProtectionStatus
from rednotice.domain.dates import PartialDate
from rednotice.domain.errors import Forbidden, InvalidInput, NotFound, RuleViolation
from rednotice.domain.lifecycle import Action
from rednotice.domain.model import Subject
from rednotice.domain.redress import FlagSource, PositionGround, PositionKind
from rednotice.domain.screening.query import ScreeningQuery
from rednotice.domain.users import SYSTEM, Actor, Role
from rednotice.services import after_hit as ah
from rednotice.services import notices as ns
from rednotice.services import redress as rs
from rednotice.services import screening as sc
from tests.conftest import FakeClock
from tests.unit.fake_store import REV, FakeStore, published

FR = Actor("ncb-fr", Role.NCB_OFFICER, "FR")  # requesting
ES = Actor("ncb-es", Role.NCB_OFFICER, "ES")  # locating
DE = Actor("ncb-de", Role.NCB_OFFICER, "DE")  # a bystander that can see the notice
NZ = Actor("ncb-nz", Role.NCB_OFFICER, "NZ")  # grants protection: never named to FR or ES
CCF = Actor("ccf", Role.CCF)
HIT = sc.HitOutcome
SECRET = "Audiencia Nacional: real risk of torture (secret report)."


class Env(FakeStore):
    def actions(self) -> list[str]:
        return [e.action for e in self.data.audit]

    def sent(self, notice_id: str) -> list[tuple[str, str, str]]:
        with self.uow() as uow:
            return [(n.recipient, n.kind, n.text) for n in uow.redress.notifications(notice_id)]


@pytest.fixture
def env(clock: FakeClock) -> Env:
    return Env(clock)


def hit(env: Env, qid: str = "pax-1", by: Actor = ES) -> int:
    """``by`` screens a traveller who is the person sought by FR's notice: the hit's id."""
    query = ScreeningQuery(
        id=qid, family_name="DURAND", given_names="Paul", birth_date=PartialDate.parse("1971-04-02")
    )
    run = sc.screen(sc.Screen([query]), by, sc.ScreeningEngine(env.uow), env.uow)
    [found] = sc.list_hits(run.id, by, env.uow())
    return int(found["id"])


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, default=str)


# --- the outcome ------------------------------------------------------------------------------------------


def test_located_informs_the_requester_and_the_gs_once_and_is_audited(env: Env) -> None:
    nid = published(env)
    h = hit(env)
    out = ah.record_outcome(h, HIT.LOCATED, "  at gate 12 ", ES, env.uow())
    assert out["outcome"] == "located" and out["informed"] == ["FR", "GS"]
    assert out["outcome_notes"] == "at gate 12" and out["outcome_by"] == "ncb-es"
    sent = env.sent(nid)
    assert [(r, k) for r, k, _ in sent] == [("FR", "hit.located"), ("GS", "hit.located")]
    assert nid in sent[0][2] and "ES" in sent[0][2] and "2026-01-15 09:00" in sent[0][2]
    assert "not an arrest warrant" in sent[0][2]
    # the same outcome again tells nobody again
    again = ah.record_outcome(h, HIT.LOCATED, "confirmed", ES, env.uow())
    assert again["informed"] == [] and len(env.sent(nid)) == 2
    [event, _] = [e for e in env.data.audit if e.action == "screening.hit.outcome"]
    assert event.actor == str(ES) and event.subject == f"notice:{nid}"
    assert event.data["informed"] == ["FR", "GS"] and event.data["notes"] == "at gate 12"
    # RN-23's clock started at the location
    assert ah.follow_up(h, REV, env.uow())["located_at"] == env.clock().isoformat()


def test_detained_is_its_own_message_and_other_outcomes_tell_nobody(env: Env) -> None:
    nid = published(env)
    first, second = hit(env, "a"), hit(env, "b")
    ah.record_outcome(first, HIT.NOT_THE_PERSON, "different person", ES, env.uow())
    ah.record_outcome(second, HIT.NO_ACTION, "", ES, env.uow())
    assert env.sent(nid) == []
    ah.record_outcome(second, HIT.DETAINED_UNDER_NATIONAL_LAW, "held by a judge", ES, env.uow())
    assert [(r, k) for r, k, _ in env.sent(nid)] == [
        ("FR", "hit.detained_under_national_law"),
        ("GS", "hit.detained_under_national_law"),
    ]
    assert env.actions().count("screening.hit.outcome") == 3


def test_a_hit_on_its_own_notice_tells_only_the_gs(env: Env) -> None:
    nid = published(env)
    h = hit(env, by=FR)
    assert ah.record_outcome(h, HIT.LOCATED, "", FR, env.uow())["informed"] == ["GS"]
    assert [r for r, _, _ in env.sent(nid)] == ["GS"]


@pytest.mark.parametrize(
    ("who", "error"), [(FR, NotFound), (DE, NotFound), (REV, Forbidden), (CCF, Forbidden)]
)
def test_only_the_locating_ncb_records_an_outcome(env: Env, who: Actor, error: type[Exception]) -> None:
    nid = published(env)
    h = hit(env)
    audited = len(env.data.audit)
    with pytest.raises(error):
        ah.record_outcome(h, HIT.LOCATED, "", who, env.uow())
    assert env.sent(nid) == [] and len(env.data.audit) == audited  # nothing recorded, nothing audited
    with env.uow() as uow:
        stored = uow.after_hit.get_hit(h)
    assert stored is not None and stored.outcome is None


def test_an_unknown_hit_is_not_found(env: Env) -> None:
    published(env)
    with pytest.raises(NotFound):
        ah.record_outcome(999, HIT.LOCATED, "", ES, env.uow())
    with pytest.raises(NotFound):
        ah.follow_up(999, REV, env.uow())


def test_the_requester_sees_a_hit_only_once_the_person_is_located(env: Env) -> None:
    published(env)
    h = hit(env)
    with pytest.raises(NotFound):  # the requester does not learn of a traveller not (yet) the person
        ah.follow_up(h, FR, env.uow())
    ah.record_outcome(h, HIT.LOCATED, "", ES, env.uow())
    seen = ah.follow_up(h, FR, env.uow())
    assert seen["hit"]["locating_country"] == "ES" and "query" not in seen["hit"]
    assert "query" in ah.follow_up(h, ES, env.uow())["hit"]
    assert "query" in ah.follow_up(h, REV, env.uow())["hit"]
    with pytest.raises(NotFound):  # a bystander never sees the hit
        ah.follow_up(h, DE, env.uow())
    with pytest.raises(Forbidden):  # once it sees the hit, the requester still records no outcome
        ah.record_outcome(h, HIT.NO_ACTION, "", FR, env.uow())


# --- the safeguards checklist ---------------------------------------------------------------------------


def test_checklist_is_for_the_locating_ncb_and_officials_and_is_audited(env: Env) -> None:
    nid = published(env)
    h = hit(env)
    view = ah.safeguards(h, ES, env.uow())
    items = view["checklist"]
    assert items["treaty_in_force"]["answer"] == "unknown" and items["treaty_in_force"]["attention"]
    assert items["right_to_contest"]["answer"] is None
    assert items["refugee_or_asylum"]["answer"] == "none_reported"
    assert items["ill_treatment_risk"]["answer"] == "none_recorded"
    assert view["notice"]["id"] == nid and "not an arrest warrant" in view["reminder"]
    assert ah.safeguards(h, REV, env.uow())["notice"]["id"] == nid
    assert env.actions().count("after_hit.safeguards.view") == 2
    ah.record_outcome(h, HIT.LOCATED, "", ES, env.uow())
    with pytest.raises(Forbidden):  # the requester sees the hit, not the checklist
        ah.safeguards(h, FR, env.uow())
    with pytest.raises(NotFound):
        ah.safeguards(h, DE, env.uow())
    assert env.actions().count("after_hit.safeguards.view") == 2


def test_recorded_safeguards_are_kept_and_audited_with_the_answers(env: Env) -> None:
    published(env)
    h = hit(env)
    answers = ah.SafeguardAnswers(ah.Treaty.NO, True, " Told in Spanish, with a lawyer present. ")
    recorded = ah.record_safeguards(h, answers, ES, env.uow())
    assert recorded["checklist"]["treaty_in_force"]["answer"] == "no"
    assert recorded["checklist"]["right_to_contest"] == {
        **recorded["checklist"]["right_to_contest"],
        "answer": True,
        "attention": False,
    }
    assert recorded["recorded"]["by"] == "ncb-es"
    assert recorded["recorded"]["notes"] == "Told in Spanish, with a lawyer present."
    # None leaves an answer as it was
    again = ah.record_safeguards(h, ah.SafeguardAnswers(treaty_in_force=ah.Treaty.YES), ES, env.uow())
    assert again["checklist"]["treaty_in_force"]["answer"] == "yes"
    assert again["checklist"]["right_to_contest"]["answer"] is True
    assert again["recorded"]["notes"] == "Told in Spanish, with a lawyer present."
    [first, second] = [e for e in env.data.audit if e.action == "after_hit.safeguards.record"]
    assert first.data["treaty_in_force"] == "no" and first.data["person_informed"] is True
    assert second.data["treaty_in_force"] == "yes"


def test_only_the_locating_ncb_records_safeguards(env: Env) -> None:
    published(env)
    h = hit(env)
    ah.record_outcome(h, HIT.LOCATED, "", ES, env.uow())
    for who in (FR, REV):
        with pytest.raises(Forbidden):
            ah.record_safeguards(h, ah.SafeguardAnswers(ah.Treaty.YES), who, env.uow())
    with pytest.raises(InvalidInput):
        ah.record_safeguards(h, ah.SafeguardAnswers(notes="x" * 5001), ES, env.uow())
    assert "after_hit.safeguards.record" not in env.actions()
    assert ah.follow_up(h, REV, env.uow())["located_at"] is not None


def test_checklist_reports_refugee_status_and_art2_concerns_without_naming_who(env: Env) -> None:
    nid = published(env)
    subject = Subject(
        family_name="Durand", given_names="Paul Henri", date_of_birth=PartialDate.parse("1971-04-02")
    )
    rs.confirm_refugee(subject, ProtectionStatus.REFUGEE, "TR", "Recognised 2019", NZ, env.uow())
    rs.record_position(
        nid,
        PositionKind.CONCERN,
        [PositionGround.ARTICLE_2],
        "Risk of torture in custody.",
        [],
        False,
        DE,
        env.uow(),
    )
    h = hit(env)
    view = ah.safeguards(h, ES, env.uow())
    refugee, risk = view["checklist"]["refugee_or_asylum"], view["checklist"]["ill_treatment_risk"]
    assert refugee["answer"] == "reported" and refugee["attention"]
    assert refugee["requesting_country_is_country_of_feared_persecution"] is False
    assert risk["answer"] == "indicated"
    assert risk["art2_positions"] == [{"kind": "concern", "at": "2026-01-15", "country": None}]
    assert (
        ah.safeguards(h, REV, env.uow())["checklist"]["ill_treatment_risk"]["art2_positions"][0]["country"]
        == "DE"
    )
    text = dumps(view)
    assert '"NZ"' not in text and " NZ" not in text and "Recognised 2019" not in text


# --- extradition requested and refused ------------------------------------------------------------------


def test_the_requester_records_its_extradition_request_once_the_person_is_located(env: Env) -> None:
    nid = published(env)
    h = hit(env)
    with pytest.raises(NotFound):  # not located: the requester does not know of the hit
        ah.request_extradition(h, "EXT-1", "", FR, env.uow())
    ah.record_outcome(h, HIT.DETAINED_UNDER_NATIONAL_LAW, "", ES, env.uow())
    with pytest.raises(Forbidden):
        ah.request_extradition(h, "EXT-1", "", ES, env.uow())
    with pytest.raises(NotFound):
        ah.request_extradition(h, "EXT-1", "", DE, env.uow())
    with pytest.raises(Forbidden):
        ah.request_extradition(h, "EXT-1", "", REV, env.uow())
    out = ah.request_extradition(h, " EXT-2026-7 ", "via the ministry", FR, env.uow())
    assert (out["requesting_country"], out["locating_country"], out["reference"]) == (
        "FR",
        "ES",
        "EXT-2026-7",
    )
    kinds = [(r, k) for r, k, _ in env.sent(nid)]
    assert ("GS", "extradition.requested") in kinds and ("ES", "extradition.requested") in kinds
    assert "after_hit.extradition.request" in env.actions()
    assert [r["reference"] for r in ah.follow_up(h, ES, env.uow())["extradition_requests"]] == ["EXT-2026-7"]


def test_refusal_needs_reasons_and_a_located_person_and_the_locating_ncb(env: Env) -> None:
    published(env)
    h = hit(env)
    with pytest.raises(InvalidInput):
        ah.refuse_extradition(h, [PositionGround.ARTICLE_2], "too short", False, ES, env.uow())
    with pytest.raises(RuleViolation):
        ah.refuse_extradition(h, [PositionGround.ARTICLE_2], SECRET, False, ES, env.uow())
    ah.record_outcome(h, HIT.LOCATED, "", ES, env.uow())
    for who in (FR, REV):
        with pytest.raises(Forbidden):
            ah.refuse_extradition(h, [PositionGround.ARTICLE_2], SECRET, False, who, env.uow())
    with env.uow() as uow:
        assert uow.redress.positions() == [] and uow.after_hit.addenda("2026/00001") == []
    assert "after_hit.extradition.refused" not in env.actions()


def test_a_country_does_not_refuse_extradition_on_its_own_notice(env: Env) -> None:
    published(env)
    h = hit(env, by=FR)
    ah.record_outcome(h, HIT.LOCATED, "", FR, env.uow())
    with pytest.raises(RuleViolation):
        ah.refuse_extradition(h, [], SECRET, False, FR, env.uow())


def test_refused_extradition_adds_an_addendum_a_position_and_a_flag_keeping_the_reasons(env: Env) -> None:
    nid = published(env)
    h = hit(env)
    ah.record_outcome(h, HIT.DETAINED_UNDER_NATIONAL_LAW, "", ES, env.uow())
    out = ah.refuse_extradition(
        h, [PositionGround.ARTICLE_2, PositionGround.ARTICLE_2], SECRET, False, ES, env.uow()
    )
    assert out["review_reopened"] and out["grounds"] == ["art2"]
    assert out["addendum"]["country"] == "ES"  # its own country, to itself
    for who in (DE, FR, REV):
        [addendum] = ah.addenda_for(nid, who, env.uow())
        assert addendum["kind"] == "extradition_refused" and "Article 2" in addendum["text"]
        assert "secret report" not in addendum["text"] and "ES" not in addendum["text"]
        assert addendum["country"] == ("ES" if who is REV else None)
    with env.uow() as uow:
        [position] = uow.redress.positions([nid])
        flags = uow.redress.flags([nid], open_only=True)
    assert position.kind is PositionKind.EXTRADITION_REFUSED and position.country == "ES"
    assert position.id == out["position_id"] and not position.disclose
    assert [(f.source, f.ref) for f in flags] == [(FlagSource.POSITION, str(position.id))]
    sent = env.sent(nid)
    assert ("GS", "extradition.refused") in [(r, k) for r, k, _ in sent]
    [to_fr] = [x for r, k, x in sent if r == "FR" and k == "extradition.refused"]
    assert "secret report" not in to_fr
    requester = ah.follow_up(h, FR, env.uow())
    assert "secret report" not in dumps(requester)
    assert "reasons" not in requester["extradition_refusals"][0]
    assert "secret report" in dumps(ah.follow_up(h, REV, env.uow()))
    assert "secret report" in dumps(ah.follow_up(h, ES, env.uow()))
    [event] = [e for e in env.data.audit if e.action == "after_hit.extradition.refused"]
    assert event.data["position"] == position.id and event.data["grounds"] == ["art2"]


def test_a_disclosed_refusal_names_the_country_and_the_refugee_ground_is_never_public(env: Env) -> None:
    nid = published(env)
    h = hit(env)
    ah.record_outcome(h, HIT.LOCATED, "", ES, env.uow())
    ah.refuse_extradition(
        h, [PositionGround.REFUGEE], "Protected person: non-refoulement.", True, ES, env.uow()
    )
    [addendum] = ah.addenda_for(nid, DE, env.uow())
    assert "ES" in addendum["text"] and "refugee" not in addendum["text"].lower()
    assert "non-refoulement" not in dumps(ah.follow_up(h, FR, env.uow()))
    assert ah.follow_up(h, FR, env.uow())["extradition_refusals"][0]["grounds"] == []


def test_addenda_are_for_whoever_may_see_the_notice(env: Env) -> None:
    nid = published(env, **{"visibility.excluded_countries": ["DE"]})
    with pytest.raises(NotFound):
        ah.addenda_for(nid, DE, env.uow())
    with pytest.raises(NotFound):
        ah.addenda_for("2026/99999", REV, env.uow())
    assert ah.addenda_for(nid, ES, env.uow()) == []


# --- RN-23: located, and no extradition request in time --------------------------------------------------


def test_sweep_flags_a_located_person_with_no_extradition_request_in_time(env: Env, clock: FakeClock) -> None:
    nid = published(env)
    h = hit(env)
    ah.record_outcome(h, HIT.LOCATED, "", ES, env.uow())
    clock.advance(days=59)
    assert ah.sweep_unpursued_hits(env.uow) == []
    clock.advance(days=1, seconds=1)
    assert ah.sweep_unpursued_hits(env.uow) == [h]
    assert ah.sweep_unpursued_hits(env.uow) == []  # once
    with env.uow() as uow:
        flags = uow.redress.flags([nid], open_only=True)
    assert [(f.source, f.ref) for f in flags] == [(FlagSource.HARASSMENT, f"hit:{h}")]
    assert "RN-23" in flags[0].text
    [addendum] = ah.addenda_for(nid, DE, env.uow())
    assert addendum["kind"] == "no_extradition_request" and "60 days" in addendum["text"]
    assert addendum["country"] is None
    assert ("GS", "hit.no_extradition_request") in [(r, k) for r, k, _ in env.sent(nid)]
    [event] = [e for e in env.data.audit if e.action == "after_hit.unpursued"]
    assert event.actor == str(SYSTEM) and event.data["hit"] == h and event.data["days"] == 60
    assert ah.follow_up(h, REV, env.uow())["unpursued_flagged_at"] == clock().isoformat()


def test_sweep_spares_pursued_unlocated_and_cancelled(env: Env, clock: FakeClock) -> None:
    nid = published(env)
    pursued, never = hit(env, "a"), hit(env, "b")
    ah.record_outcome(pursued, HIT.LOCATED, "", ES, env.uow())
    ah.request_extradition(pursued, "EXT-9", "", FR, env.uow())
    clock.advance(days=61)
    assert ah.sweep_unpursued_hits(env.uow) == []  # a request for the notice in ES covers every ES hit
    ah.record_outcome(never, HIT.NOT_THE_PERSON, "", ES, env.uow())
    other = published(
        env,
        **{
            "subject.family_name": "IVANOV",
            "subject.given_names": "Sergei",
            "subject.aliases": [],
            "subject.date_of_birth": "1980-01-01",
        },
    )
    run = sc.screen(
        sc.Screen([ScreeningQuery(id="x", name="Sergei Ivanov")]), ES, sc.ScreeningEngine(env.uow), env.uow
    )
    [found] = sc.list_hits(run.id, ES, env.uow())
    assert found["notice_id"] == other
    ah.record_outcome(int(found["id"]), HIT.LOCATED, "", ES, env.uow())
    ns.transition(ns.Transition(other, Action.CANCEL, "Warrant withdrawn by the court."), FR, env.uow())
    clock.advance(days=61)
    assert ah.sweep_unpursued_hits(env.uow) == []  # no longer in force
    assert nid and not [e for e in env.data.audit if e.action == "after_hit.unpursued"]


def test_sweep_honours_the_setting_and_adopts_hits_located_through_screening(
    env: Env, clock: FakeClock
) -> None:
    published(env)
    h = hit(env)
    sc.record_outcome(h, HIT.LOCATED, "", ES, env.uow())  # the screening use case's path
    short = ah.AfterHitSettings(extradition_request_days=10)
    clock.advance(days=9)
    assert ah.sweep_unpursued_hits(env.uow, short) == []
    clock.advance(days=2)
    assert ah.sweep_unpursued_hits(env.uow, short) == [h]


def test_the_same_person_located_twice_in_one_country_is_flagged_once(env: Env, clock: FakeClock) -> None:
    nid = published(env)
    first, second = hit(env, "a"), hit(env, "b")
    ah.record_outcome(first, HIT.LOCATED, "", ES, env.uow())
    ah.record_outcome(second, HIT.LOCATED, "", ES, env.uow())
    clock.advance(days=61)
    assert sorted(ah.sweep_unpursued_hits(env.uow)) == [first]
    with env.uow() as uow:
        assert len(uow.redress.flags([nid], open_only=True)) == 1
    assert ah.follow_up(second, REV, env.uow())["unpursued_flagged_at"] is not None
