"""The compliance check with the store's history as its context (``services/compliance.py``), on the
in-memory fakes: the binding check of a stored notice sees every country's history and never the notice
itself; a requester's pre-check sees only its own requests' history, never names a country that did not
consent, never says the CCF decided, and writes nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest

from rednotice.domain.compliance.context import ProtectionStatus
from rednotice.domain.lifecycle import Action
from rednotice.domain.model import NoticeRequest
from rednotice.domain.redress import (
    ApplicantKind,
    Filing,
    IdProof,
    Outcome,
    PositionGround,
    PositionKind,
    RequestKind,
)
from rednotice.domain.users import Actor, Role
from rednotice.services import notices as ns
from rednotice.services import redress as rs
from rednotice.services.compliance import check_in_store, check_request
from rednotice.services.review import Ground
from tests.conftest import FakeClock
from tests.factories import make_request
from tests.unit.fake_store import REV, FakeStore, published, submitted

FR = Actor("ncb-fr", Role.NCB_OFFICER, "FR")
DE = Actor("ncb-de", Role.NCB_OFFICER, "DE")
NZ = Actor("ncb-nz", Role.NCB_OFFICER, "NZ")
CCF = Actor("ccf", Role.CCF)


class Env(FakeStore):
    def precheck(self, request: NoticeRequest) -> dict[str, Any]:
        return check_request(self.uow(), request)

    def binding(self, notice_id: str) -> dict[str, Any]:
        with self.uow() as uow:
            notice = uow.notices.get(notice_id)
            assert notice is not None
            return check_in_store(uow, notice)


@pytest.fixture
def env(clock: FakeClock) -> Env:
    return Env(clock)


def refused(env: Env, **overrides: object) -> str:
    nid = submitted(env, **overrides)
    ns.transition(ns.Transition(nid, Action.START_REVIEW), REV, env.uow())
    ns.transition(
        ns.Transition(nid, Action.REFUSE, "Art. 3: political.", grounds=(Ground.ARTICLE_3,)), REV, env.uow()
    )
    return nid


def findings(result: dict[str, Any], code: str) -> list[dict[str, Any]]:
    return [f for f in result["findings"] if f["code"] == code]


def said(result: dict[str, Any]) -> str:
    """What is said about the request (the rules' fixed titles and legal bases name the CCF for all)."""
    out = [
        {"code": f["code"], "message": f["message"], "evidence": f["evidence"]} for f in result["findings"]
    ]
    return json.dumps(out).casefold()


def test_no_history_no_history_findings(env: Env) -> None:
    result = env.precheck(make_request())
    assert result["findings"] == [] and set(result) == {"verdict", "findings", "analysis"}


def test_the_precheck_sees_the_requesters_own_refused_request(env: Env) -> None:
    nid = refused(env)
    [rn16] = findings(env.precheck(make_request()), "RN-16")
    assert rn16["severity"] == "block"
    assert rn16["evidence"]["prior_notice"] == nid and rn16["evidence"]["prior_outcome"] == "refused"


def test_the_precheck_learns_nothing_of_another_countrys_requests_the_binding_check_does(env: Env) -> None:
    nid = refused(env)  # FR's
    assert findings(env.precheck(make_request(requesting_country="DE")), "RN-16") == []
    de = submitted(env, requesting_country="DE")
    [rn16] = findings(env.binding(de), "RN-16")
    assert rn16["evidence"]["prior_notice"] == nid


def test_the_binding_check_never_finds_the_notice_itself(env: Env) -> None:
    nid = refused(env)
    assert findings(env.binding(nid), "RN-16") == []  # itself refused, it is not its own prior
    assert [f["evidence"]["prior_notice"] for f in findings(env.binding(submitted(env)), "RN-16")] == [nid]


def test_the_precheck_writes_nothing(env: Env) -> None:
    refused(env)
    audited, checks = len(env.data.audit), len(env.data.checks)
    uow = env.uow()
    check_request(uow, make_request())
    assert uow.commits == 0 and len(env.data.audit) == audited and len(env.data.checks) == checks


def test_the_precheck_never_tells_the_requester_of_a_ccf_decision(env: Env) -> None:
    nid = published(env)
    filing = Filing(
        kind=RequestKind.DELETION,
        applicant_kind=ApplicantKind.PERSON,
        subject=make_request().subject,
        id_proof=IdProof(True, True, True, True),
        signed=True,
        purpose="Delete the notice: it is political.",
        language="en",
        confidential="",
        notice_id=nid,
    )
    case, _ = rs.file_case(filing, env.uow())
    rs.assess_case(case.id, CCF, env.uow())
    rs.decide(case.id, Outcome.DELETED, "The facts describe a political dispute (Art. 3).", CCF, env.uow())
    text = said(env.precheck(make_request()))
    assert "rn-16" in text and "deleted" in text  # what the requester is told elsewhere
    assert "ccf" not in text and "commission" not in text
    # the binding check, read by reviewers, says the CCF decided
    [rn16] = findings(env.binding(submitted(env)), "RN-16")
    assert rn16["evidence"]["prior_outcome"] == "ccf_non_compliant"


def test_the_precheck_never_names_a_country_that_did_not_consent(env: Env) -> None:
    nid = published(env)
    rs.record_position(
        nid, PositionKind.OBJECTION, [PositionGround.REFUGEE], "Granted asylum.", [], False, DE, env.uow()
    )
    text = said(env.precheck(make_request()))
    assert "rn-12" in text and "not named" in text
    assert '"de"' not in text and "germany" not in text and "refugee" not in text and "asylum" not in text
    # reviewers' binding check names it, with its grounds
    [rn12] = findings(env.binding(submitted(env)), "RN-12")
    assert rn12["evidence"]["country"] == "DE" and rn12["evidence"]["grounds"]
    # a country that consents to be named is named to the requester
    rs.record_position(
        nid, PositionKind.CONCERN, [PositionGround.ARTICLE_2], "Torture risk.", [], True, DE, env.uow()
    )
    assert '"country": "de"' in said(env.precheck(make_request()))


def test_a_countrys_own_objection_does_not_count_against_its_own_request(env: Env) -> None:
    nid = published(env)  # FR's
    rs.record_position(
        nid,
        PositionKind.OBJECTION,
        [PositionGround.ARTICLE_2],
        "Torture risk in custody.",
        [],
        True,
        DE,
        env.uow(),
    )
    assert findings(env.binding(submitted(env, requesting_country="DE")), "RN-12") == []
    assert [f["evidence"]["country"] for f in findings(env.binding(submitted(env)), "RN-12")] == ["DE"]


def test_a_confirmed_refugee_status_is_found_without_the_granting_country(env: Env) -> None:
    subject = make_request().subject
    rs.confirm_refugee(subject, ProtectionStatus.REFUGEE, "FR", "Recognised 2019 (file NZ-77)", NZ, env.uow())
    result = env.precheck(make_request())
    [rn13] = findings(result, "RN-13")
    assert (
        rn13["evidence"]["status"] == "refugee"
        and rn13["evidence"]["requester_is_country_of_feared_persecution"]
    )
    text = said(result)
    assert "nz" not in text and "new zealand" not in text
    assert rn13["severity"] == "block"
    # another requester than the country of feared persecution: a warning, not a block
    [other] = findings(env.precheck(make_request(requesting_country="DE")), "RN-13")
    assert other["severity"] == "warn" and not other["evidence"]["requester_is_country_of_feared_persecution"]
