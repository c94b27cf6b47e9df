"""Redress: the CCF case's deadlines with a clock we control, admissibility, and the use cases on the
in-memory fakes (block, decision, consultation sweep, refugee confirmation across spellings, positions)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rednotice.adapters.memory import MemoryData, MemoryUnitOfWork
from rednotice.domain import policy
from rednotice.domain.compliance.context import ObjectionKind, ProtectionStatus
from rednotice.domain.errors import Forbidden, IllegalTransition, InvalidInput, NotFound, RuleViolation
from rednotice.domain.lifecycle import Action, State
from rednotice.domain.model import Subject
from rednotice.domain.redress import (
    ApplicantKind,
    Case,
    CaseState,
    DeadlineStatus,
    Filing,
    HarassmentReport,
    HarmKind,
    IdProof,
    Outcome,
    PositionGround,
    PositionKind,
    ReporterKind,
    RequestKind,
    admissibility_problems,
    refugee_status_for,
)
from rednotice.domain.users import Actor, Role
from rednotice.services import notices as ns
from rednotice.services import redress as rs
from tests.conftest import FakeClock
from tests.factories import make_request

CCF = Actor("ccf", Role.CCF)
REV = Actor("rev", Role.REVIEWER)
FR = Actor("ncb-fr", Role.NCB_OFFICER, "FR")
DE = Actor("ncb-de", Role.NCB_OFFICER, "DE")
GB = Actor("ncb-gb", Role.NCB_OFFICER, "GB")
GOOD_ID = IdProof(True, True, True, True)


def filing(**kw: object) -> Filing:
    base: dict[str, object] = {
        "kind": RequestKind.DELETION,
        "applicant_kind": ApplicantKind.PERSON,
        "subject": make_request().subject,
        "id_proof": GOOD_ID,
        "signed": True,
        "purpose": "Delete the notice: it is political.",
        "language": "en",
        "confidential": "SECRET-MATERIAL: my asylum file",
    }
    base.update(kw)
    return Filing(**base)  # type: ignore[arg-type]


@pytest.fixture
def uow(clock: FakeClock) -> MemoryUnitOfWork:
    return MemoryUnitOfWork(MemoryData(), clock)


def published(uow: MemoryUnitOfWork, **overrides: object) -> str:
    request = make_request(**overrides)
    officer = Actor(f"ncb-{request.requesting_country.lower()}", Role.NCB_OFFICER, request.requesting_country)
    notice = ns.create_request(ns.CreateRequest(request), officer, uow)
    ns.transition(ns.Transition(notice.id, Action.START_REVIEW), REV, uow)
    ns.transition(ns.Transition(notice.id, Action.PUBLISH, "compliant"), REV, uow)
    return notice.id


# --- pure domain: admissibility and deadlines -----------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"id_proof": IdProof(False, True, True, True)}, "id_name"),
        ({"id_proof": IdProof(True, False, True, True)}, "id_birth_date"),
        ({"id_proof": IdProof(True, True, False, True)}, "id_photo"),
        ({"id_proof": IdProof(True, True, True, False)}, "id_redacted"),
        ({"signed": False}, "unsigned"),
        ({"purpose": ""}, "no_purpose"),
        ({"language": "de"}, "language"),
        ({"applicant_kind": ApplicantKind.RELATIVE, "representative": "Aunt"}, "no_power_of_attorney"),
        ({"applicant_kind": ApplicantKind.LAWYER, "power_of_attorney": True}, "no_representative"),
    ],
)
def test_each_admissibility_requirement_has_a_reason(change: dict[str, object], code: str) -> None:
    problems = admissibility_problems(filing(**change), date(2026, 1, 1))
    assert [p.code for p in problems] == [code]
    assert problems[0].reason


def test_a_complete_request_in_a_working_language_is_admissible() -> None:
    for lang in ("ar", "en", "fr", "es", "FR"):
        assert admissibility_problems(filing(language=lang), date(2026, 1, 1)) == []
    rep = filing(applicant_kind=ApplicantKind.RELATIVE, power_of_attorney=True, representative="Sister")
    assert admissibility_problems(rep, date(2026, 1, 1)) == []


def test_revision_is_filed_within_six_months_of_discovery() -> None:
    rev = filing(
        kind=RequestKind.REVISION,
        revision_of="CCF-2025-00001",
        new_fact="The court acquitted him.",
        new_fact_discovered_on=date(2026, 1, 10),
    )
    assert admissibility_problems(rev, date(2026, 7, 10)) == []
    assert [p.code for p in admissibility_problems(rev, date(2026, 7, 11))] == ["revision_late"]


@pytest.mark.parametrize(
    ("kind", "months"), [(RequestKind.ACCESS, 4), (RequestKind.DELETION, 9), (RequestKind.CORRECTION, 9)]
)
def test_decision_deadline_runs_from_admissibility(clock: FakeClock, kind: RequestKind, months: int) -> None:
    case = Case("C1", filing(kind=kind), clock(), "h")
    clock.advance(days=20)  # admissibility, not filing, starts the clock
    case.assess(clock(), "ccf", [])
    due = case.decision_due
    assert due is not None and due.month == (clock().month + months - 1) % 12 + 1
    clock.now = due
    assert case.overdue(clock()) == []
    clock.advance(days=1)
    assert [d.name for d in case.overdue(clock())] == ["decision"]


def test_applicant_is_told_within_a_month_of_the_decision(clock: FakeClock) -> None:
    case = Case("C1", filing(kind=RequestKind.ACCESS), clock(), "h")
    case.assess(clock(), "ccf", [])
    clock.advance(days=100)
    case.decide(clock(), "ccf", Outcome.ACCESS_GIVEN, "Access given to the data held about the applicant.")
    decision = case.deadlines()[0]
    assert decision.status(clock()) is DeadlineStatus.MET
    clock.advance(days=32)
    assert [d.name for d in case.overdue(clock())] == ["inform_applicant"]
    case.inform(clock(), "ccf")
    assert case.state is CaseState.CLOSED
    assert case.deadlines()[1].status(clock()) is DeadlineStatus.MET_LATE


def test_a_late_decision_is_recorded_as_met_late(clock: FakeClock) -> None:
    case = Case("C1", filing(), clock(), "h")
    case.assess(clock(), "ccf", [])
    clock.advance(days=300)
    case.decide(clock(), "ccf", Outcome.COMPLIANT, "The data complies with the rules after review.")
    assert case.deadlines()[0].status(clock()) is DeadlineStatus.MET_LATE


def test_a_decision_is_reasoned_and_fits_the_request(clock: FakeClock) -> None:
    case = Case("C1", filing(kind=RequestKind.ACCESS), clock(), "h")
    with pytest.raises(IllegalTransition):
        case.decide(clock(), "ccf", Outcome.ACCESS_GIVEN, "x" * 30)  # not admissible yet
    case.assess(clock(), "ccf", [])
    with pytest.raises(InvalidInput):
        case.decide(clock(), "ccf", Outcome.DELETED, "x" * 30)
    with pytest.raises(InvalidInput):
        case.decide(clock(), "ccf", Outcome.ACCESS_GIVEN, "short")


def test_refugee_status_never_carries_the_granting_country() -> None:
    from rednotice.domain.redress import RefugeeConfirmation

    s = make_request().subject
    conf = RefugeeConfirmation(1, s, ProtectionStatus.REFUGEE, "CN", "DE", FakeClock()(), "ncb-de")
    status = refugee_status_for(s, "CN", [conf])
    assert status is not None and status.feared_persecution_by_requester
    assert "DE" not in repr(status)
    assert not refugee_status_for(s, "RU", [conf]).feared_persecution_by_requester  # type: ignore[union-attr]


# --- use cases on the fakes ----------------------------------------------------------------------------


def test_a_filed_case_matches_the_notice_by_identity_and_gives_an_access_code(uow: MemoryUnitOfWork) -> None:
    nid = published(uow)
    variant = Subject(
        family_name="Durant", given_names="Paul", date_of_birth=make_request().subject.date_of_birth
    )
    case, code = rs.file_case(filing(subject=variant), uow)
    assert case.notice_ids == [nid]
    assert code.startswith("ccf_") and case.access_code_hash == rs.hash_code(code) and code not in repr(case)
    mine = rs.my_case(code, uow)
    assert mine["id"] == case.id and "notice_ids" not in mine and "confidential" not in str(mine)
    with pytest.raises(NotFound):
        rs.my_case(code + "x", uow)


def test_only_the_ccf_handles_cases(uow: MemoryUnitOfWork) -> None:
    case, _ = rs.file_case(filing(), uow)
    for actor in (REV, FR, DE):
        with pytest.raises(Forbidden):
            rs.assess_case(case.id, actor, uow)
        with pytest.raises(Forbidden):
            rs.list_cases(actor, uow)


def test_block_suspends_and_deletion_is_binding_and_notifies(uow: MemoryUnitOfWork) -> None:
    nid = published(uow)
    case, _ = rs.file_case(filing(notice_id=nid), uow)
    rs.assess_case(case.id, CCF, uow)
    rs.block(case.id, "Pending the Commission's decision.", CCF, uow)
    with uow:
        notice = uow.notices.get(nid)
    assert notice is not None and notice.state is State.SUSPENDED
    assert not policy.can_see_notice(DE, notice)
    rs.decide(case.id, Outcome.DELETED, "The facts describe a political dispute (Art. 3).", CCF, uow)
    with uow:
        notice = uow.notices.get(nid)
        outcomes = uow.redress.outcomes_for([nid])
        notes = uow.redress.notifications(nid)
    assert notice is not None and notice.state is State.DELETED
    assert outcomes == {nid: rs.BindingOutcome.CCF_NON_COMPLIANT}
    assert any(n.reaches("DE") for n in notes) and any(n.reaches("FR") for n in notes)
    assert all("CCF" not in n.text and "Commission" not in n.text for n in notes)


def test_compliant_decision_lifts_the_block(uow: MemoryUnitOfWork) -> None:
    nid = published(uow)
    case, _ = rs.file_case(filing(notice_id=nid), uow)
    rs.assess_case(case.id, CCF, uow)
    rs.block(case.id, "Pending the Commission's decision.", CCF, uow)
    rs.decide(case.id, Outcome.COMPLIANT, "The data complies: concrete facts of an ordinary crime.", CCF, uow)
    with uow:
        assert uow.notices.get(nid).state is State.PUBLISHED  # type: ignore[union-attr]


def test_an_unanswered_consultation_deletes_the_data(uow: MemoryUnitOfWork, clock: FakeClock) -> None:
    nid = published(uow)
    case, _ = rs.file_case(filing(notice_id=nid), uow)
    rs.assess_case(case.id, CCF, uow)
    rs.consult(
        case.id, nid, "Send the arrest warrant and the judgment.", clock() + timedelta(days=30), CCF, uow
    )
    assert [c["notice_id"] for c in rs.consultations_for(FR, uow)] == [nid]
    assert rs.consultations_for(DE, uow) == []
    assert "SECRET-MATERIAL" not in str(rs.consultations_for(FR, uow))
    clock.advance(days=29)
    assert rs.sweep_consultations(uow) == []
    clock.advance(days=2)
    assert rs.sweep_consultations(uow) == [nid]
    with uow:
        assert uow.notices.get(nid).state is State.DELETED  # type: ignore[union-attr]
    with pytest.raises(RuleViolation):
        rs.answer_consultation(case.id, 1, "too late", FR, uow)


def test_an_answered_consultation_keeps_the_data(uow: MemoryUnitOfWork, clock: FakeClock) -> None:
    nid = published(uow)
    case, _ = rs.file_case(filing(notice_id=nid), uow)
    rs.assess_case(case.id, CCF, uow)
    rs.consult(
        case.id, nid, "Send the arrest warrant and the judgment.", clock() + timedelta(days=30), CCF, uow
    )
    with pytest.raises(NotFound):
        rs.answer_consultation(case.id, 1, "not ours", DE, uow)
    rs.answer_consultation(case.id, 1, "Warrant attached.", FR, uow)
    clock.advance(days=40)
    assert rs.sweep_consultations(uow) == []


def test_refugee_confirmation_deletes_notices_despite_spelling(uow: MemoryUnitOfWork) -> None:
    nid = published(
        uow,
        **{
            "requesting_country": "RU",
            "subject.family_name": "KHASANOV",
            "subject.given_names": "Yusuf",
            "subject.aliases": [],
            "subject.nationalities": ["RU"],
        },
    )
    other = published(
        uow,
        **{
            "requesting_country": "GB",
            "subject.family_name": "KHASANOV",
            "subject.given_names": "Yusuf",
            "subject.aliases": [],
        },
    )
    spelled = Subject(
        family_name="Хасанов", given_names="Юсуф", date_of_birth=make_request().subject.date_of_birth
    )
    conf = rs.confirm_refugee(spelled, ProtectionStatus.REFUGEE, "RU", "Recognised 2019", DE, uow)
    assert conf.deleted_notice_ids == []  # nothing is deleted on the confirming country's word alone
    with uow:
        assert uow.notices.get(nid).state is State.SUSPENDED  # type: ignore[union-attr]
    [flag] = [f for f in rs.review_flags(REV, uow, nid) if f["source"] == "refugee_pending_deletion"]
    rs.resolve_flag(flag["id"], "Checked with the granting country.", REV, uow, delete=True)
    with uow:
        assert uow.notices.get(nid).state is State.DELETED  # type: ignore[union-attr]
        assert uow.notices.get(other).state is State.PUBLISHED  # type: ignore[union-attr]
        deleted = uow.notices.get(nid)
    assert deleted is not None
    timeline = str(ns.timeline(deleted, Actor("ncb-ru", Role.NCB_OFFICER, "RU")))
    assert "DE" not in timeline.replace("DELETE", "").replace("deleted", "")
    assert "ncb-de" not in timeline
    with pytest.raises(Forbidden):
        rs.refugee_confirmations(Actor("o", Role.OVERSIGHT), uow)
    assert [c["granting_country"] for c in rs.refugee_confirmations(CCF, uow)] == ["DE"]
    assert rs.refugee_confirmations(GB, uow) == []
    # the status ends: a reviewer may allow restoration
    with pytest.raises(RuleViolation):
        rs.allow_restoration(conf.id, nid, "The status was revoked in 2027.", REV, uow)
    rs.end_refugee_status(conf.id, "Asylum revoked by the court.", DE, uow)
    assert any(f["source"] == "refugee_status_ended" for f in rs.review_flags(REV, uow, nid))
    rs.allow_restoration(conf.id, nid, "Status revoked; the data is otherwise compliant.", REV, uow)
    with uow:
        assert uow.redress.outcomes_for([nid]) == {nid: rs.BindingOutcome.RESTORABLE}


def test_positions_reopen_review_and_become_objections(uow: MemoryUnitOfWork) -> None:
    nid = published(uow)
    with pytest.raises(Forbidden):
        rs.record_position(
            nid, PositionKind.OBJECTION, [PositionGround.ARTICLE_3], "Political case.", [], False, FR, uow
        )
    p = rs.record_position(
        nid,
        PositionKind.OBJECTION,
        [PositionGround.ARTICLE_3],
        "The charges punish journalism.",
        ["court ruling"],
        False,
        DE,
        uow,
    )
    objection = p.as_objection()
    assert objection is not None and objection.kind is ObjectionKind.POLITICAL and objection.country == "DE"
    assert [f["source"] for f in rs.review_flags(REV, uow, nid)] == ["country_position"]
    assert [n["kind"] for n in rs.notifications_for(REV, uow)] == ["position.recorded"]
    seen_by_gb = rs.positions_for(nid, GB, uow)
    assert seen_by_gb["caveats"] == 1 and seen_by_gb["positions"][0]["country"] is None
    assert rs.positions_for(nid, REV, uow)["positions"][0]["country"] == "DE"


def test_harassment_report_links_reopens_and_counts(uow: MemoryUnitOfWork) -> None:
    nid = published(uow)
    report = HarassmentReport(
        0,
        FakeClock()(),
        ReporterKind.NGO,
        "Safeguard NGO",
        "ngo@example.org",
        None,
        "Marie Durand",
        "spouse",
        (HarmKind.EXIT_BAN, HarmKind.QUESTIONING),
        "2026-01",
        "Lyon",
        "Questioned and barred from leaving.",
        "the spouse",
        ("travel ban notice",),
        make_request().subject,
    )
    stored = rs.file_harassment_report(report, uow)
    assert stored.notice_id == nid
    assert [f["source"] for f in rs.review_flags(REV, uow, nid)] == ["harassment_report"]
    figures = rs.harassment_figures(Actor("o", Role.OVERSIGHT), uow)
    assert figures["by_kind"] == {"exit_ban": 1, "questioning": 1}
    assert "Safeguard" not in str(figures)
    with pytest.raises(Forbidden):
        rs.harassment_reports(DE, uow)
    assert rs.harassment_reports(REV, uow)[0]["reporter"]["name"] == "Safeguard NGO"


def test_overdue_cases_come_first(uow: MemoryUnitOfWork, clock: FakeClock) -> None:
    access, _ = rs.file_case(filing(kind=RequestKind.ACCESS), uow)
    deletion, _ = rs.file_case(filing(), uow)
    rs.assess_case(deletion.id, CCF, uow)
    rs.assess_case(access.id, CCF, uow)
    clock.advance(days=130)
    cases = rs.list_cases(CCF, uow)
    assert [c["id"] for c in cases] == [access.id, deletion.id]
    assert cases[0]["overdue"] == ["decision"] and cases[1]["overdue"] == []
    assert [c["id"] for c in rs.list_cases(CCF, uow, overdue_only=True)] == [access.id]
    report = rs.deadline_report(CCF, uow)
    assert report["overdue_cases"] == [access.id] and report["deadlines"]["decision"] == {
        "overdue": 1,
        "pending": 1,
    }
