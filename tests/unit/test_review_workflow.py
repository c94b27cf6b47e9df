"""The review workflow on in-memory fakes, with a scripted checker so each gate is tested on its own."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from rednotice.adapters.memory import MemoryData, MemoryUnitOfWork
from rednotice.domain.errors import Forbidden, InvalidInput, RuleViolation
from rednotice.domain.lifecycle import Action, Notice, State
from rednotice.domain.users import Actor, Role
from rednotice.services import notices as ns
from rednotice.services import review
from rednotice.services.ports import UnitOfWork
from tests.factories import make_request

FR = Actor("ncb-fr", Role.NCB_OFFICER, "FR")
REV = Actor("rev", Role.REVIEWER)
REV2 = Actor("rev2", Role.REVIEWER)
FACTORS = {k: f"considered: {k}" for k in review.ARTICLE_34_FACTORS}


def finding(code: str, severity: str) -> dict[str, Any]:
    return {"code": code, "severity": severity, "rule": code, "basis": "b", "message": "m", "evidence": {}}


class Scripted:
    """A checker whose result the test chooses, by family name."""

    def __init__(self) -> None:
        self.results: dict[str, list[dict[str, Any]]] = {}

    def __call__(self, uow: UnitOfWork, notice: Notice) -> dict[str, Any]:
        findings = self.results.get(notice.request.subject.family_name, [])
        sev = {f["severity"] for f in findings}
        verdict = "non_compliant" if "block" in sev else "needs_review" if "review" in sev else "compliant"
        return {"verdict": verdict, "findings": findings}


@pytest.fixture
def scripted(monkeypatch: pytest.MonkeyPatch) -> Iterator[Scripted]:
    s = Scripted()
    monkeypatch.setattr(review, "checker", s)
    yield s


class Env:
    def __init__(self) -> None:
        self.data = MemoryData()

    def uow(self) -> MemoryUnitOfWork:
        return MemoryUnitOfWork(self.data, lambda: datetime(2026, 3, 1, tzinfo=UTC))


def submit(env: Env, name: str) -> str:
    n = ns.create_request(ns.CreateRequest(make_request(**{"subject.family_name": name})), FR, env.uow())
    ns.transition(ns.Transition(n.id, Action.START_REVIEW), REV, env.uow())
    return n.id


def publish(env: Env, nid: str) -> Notice:
    return ns.transition(ns.Transition(nid, Action.PUBLISH, "compliant after review"), REV, env.uow())


def test_check_is_stored_with_the_request_and_audited(scripted: Scripted) -> None:
    env = Env()
    scripted.results["A"] = [finding("RN-20", "review")]
    nid = submit(env, "A")
    check = env.data.checks[-1]
    assert (check.notice_id, check.verdict, check.risk) == (nid, "needs_review", 10)
    assert "compliance.check" in [e.action for e in env.data.audit]


def test_queue_is_ordered_by_risk_then_age(scripted: Scripted) -> None:
    env = Env()
    scripted.results = {"LOW": [], "HIGH": [finding("RN-09", "block")], "MID": [finding("RN-10", "review")]}
    ids = {name: submit(env, name) for name in ("LOW", "HIGH", "MID")}
    order = [n.id for n, _ in review.queue(REV, env.uow())]
    assert order == [ids["HIGH"], ids["MID"], ids["LOW"]]
    with pytest.raises(Forbidden):
        review.queue(FR, env.uow())


def test_review_findings_need_written_resolutions(scripted: Scripted) -> None:
    env = Env()
    scripted.results["A"] = [finding("RN-19", "review"), finding("RN-15", "warn")]
    nid = submit(env, "A")
    with pytest.raises(RuleViolation, match="RN-19"):
        publish(env, nid)
    with pytest.raises(InvalidInput):
        review.resolve_finding(nid, "RN-19", "ok", REV, env.uow())
    with pytest.raises(InvalidInput):
        review.resolve_finding(nid, "RN-02", "this code is not a finding here", REV, env.uow())
    review.resolve_finding(
        nid, "RN-19", "Charges supported by audited accounts; no political context.", REV, env.uow()
    )
    with pytest.raises(RuleViolation, match="Article 3"):
        publish(env, nid)  # RN-19 is an Art. 3 warning sign: the seven factors must be assessed
    review.record_article3(nid, FACTORS, "ordinary-law crime predominates", REV, env.uow())
    assert publish(env, nid).state is State.PUBLISHED


def test_article3_assessment_needs_all_seven_factors(scripted: Scripted) -> None:
    env = Env()
    scripted.results["A"] = [finding("RN-10", "review")]
    nid = submit(env, "A")
    partial = dict(FACTORS)
    del partial["neutrality"]
    with pytest.raises(InvalidInput, match="neutrality"):
        review.record_article3(nid, partial, "fine", REV, env.uow())


def test_blocks_need_a_confirmed_exception_from_a_second_reviewer(scripted: Scripted) -> None:
    env = Env()
    scripted.results["A"] = [finding("RN-02", "block")]
    nid = submit(env, "A")
    with pytest.raises(RuleViolation, match="exception"):
        publish(env, nid)
    review.propose_exception(
        nid, "Particular importance: a child abduction network, see file 12.", REV, env.uow()
    )
    with pytest.raises(RuleViolation):
        publish(env, nid)
    with pytest.raises(Forbidden, match="second reviewer"):
        review.confirm_exception(nid, "self-confirm", REV, env.uow())
    review.confirm_exception(nid, "agreed", REV2, env.uow())
    assert publish(env, nid).state is State.PUBLISHED


def test_refusals_store_grounds_and_requester_sees_fixed_texts(scripted: Scripted) -> None:
    env = Env()
    scripted.results["A"] = [finding("RN-13", "block")]
    nid = submit(env, "A")
    ns.transition(
        ns.Transition(nid, Action.REFUSE, "Refugee status granted by Germany in 2019"), REV, env.uow()
    )
    decision = [r for r in env.data.records if r.kind is review.RecordKind.DECISION][-1]
    assert decision.data == {"decision": "refuse", "grounds": ["refugee"]}
    notice = ns.get_notice(nid, FR, env.uow())
    told = ns.decision_seen_by(notice, FR, env.uow())
    assert told is not None and told["grounds"] == ["refugee"]
    assert "Germany" not in str(told) and "Germany" not in str(ns.timeline(notice, FR))
    assert "Germany" in str(ns.decision_seen_by(notice, REV, env.uow()))
    assert ns.decision_seen_by(notice, Actor("de", Role.NCB_OFFICER, "DE"), env.uow()) is None


def test_explicit_grounds_are_kept(scripted: Scripted) -> None:
    env = Env()
    nid = submit(env, "A")
    ns.transition(
        ns.Transition(nid, Action.REFUSE, "not serious", grounds=(review.Ground.PENALTY_THRESHOLD,)),
        REV,
        env.uow(),
    )
    decision = [r for r in env.data.records if r.kind is review.RecordKind.DECISION][-1]
    assert decision.data["grounds"] == ["penalty_threshold"]
    assert (
        env.data.records
        and review.dossier(nid, REV, env.uow()).to_dict()["records"][-1]["kind"] == "decision"
    )


def test_a_refusal_without_findings_must_name_grounds(scripted: Scripted) -> None:
    env = Env()
    nid = submit(env, "A")
    with pytest.raises(InvalidInput, match="grounds"):
        ns.transition(ns.Transition(nid, Action.REFUSE, "no"), REV, env.uow())
    assert env.data.notices[nid].state is State.UNDER_REVIEW


def test_a_diffusion_with_blocking_findings_does_not_circulate(scripted: Scripted) -> None:
    env = Env()
    scripted.results["A"] = [finding("RN-16", "block")]
    request = make_request(**{"type": "wanted_person_diffusion", "subject.family_name": "A"})
    with pytest.raises(RuleViolation, match="cannot circulate"):
        ns.create_request(ns.CreateRequest(request), FR, env.uow())
    assert not env.data.notices and not env.data.checks


def test_clearing_a_diffusion_is_gated_like_publication(scripted: Scripted) -> None:
    env = Env()
    scripted.results["A"] = [finding("RN-20", "review")]
    request = make_request(**{"type": "wanted_person_diffusion", "subject.family_name": "A"})
    nid = ns.create_request(ns.CreateRequest(request), FR, env.uow()).id
    with pytest.raises(RuleViolation):
        ns.transition(ns.Transition(nid, Action.CONFIRM_COMPLIANT, "ok"), REV, env.uow())
    ns.transition(
        ns.Transition(nid, Action.PURGE, "vague charge", grounds=(review.Ground.ARTICLE_3,)), REV, env.uow()
    )
    assert env.data.notices[nid].state is State.PURGED


def test_the_dossier_is_not_for_ncbs(scripted: Scripted) -> None:
    env = Env()
    nid = submit(env, "A")
    with pytest.raises(Forbidden):
        review.dossier(nid, FR, env.uow())
