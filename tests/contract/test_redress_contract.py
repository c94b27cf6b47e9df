"""The redress repository's contract (``ports.RedressRepository``, ``uow.redress``) for what
test_core_contract.py does not reach, on the fakes and on SQL: CCF cases (ids, the access code, optimistic
versions, states), the CCF's consultations (which cases consult a country, which have one past its
deadline), the documents sent with a case, refugee confirmations, harassment reports and the answer to a
country's position."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from typing import Any

import pytest

from rednotice.domain.compliance.context import ProtectionStatus
from rednotice.domain.errors import Conflict
from rednotice.domain.redress import (
    ApplicantKind,
    CaseDocument,
    CaseState,
    Consultation,
    DocumentKind,
    Filing,
    HarassmentReport,
    HarmKind,
    IdProof,
    Position,
    PositionGround,
    PositionKind,
    RefugeeConfirmation,
    ReporterKind,
    RequestKind,
)
from rednotice.domain.users import Actor, Role
from rednotice.services import notices as ns
from rednotice.services import redress as rs
from tests.conftest import FakeClock
from tests.contract.conftest import Backend
from tests.factories import make_request


def filing(kind: RequestKind = RequestKind.DELETION) -> Filing:
    return Filing(
        kind=kind,
        applicant_kind=ApplicantKind.PERSON,
        subject=make_request().subject,
        id_proof=IdProof(True, True, True, True),
        signed=True,
        purpose="Delete the notice: it is political.",
        language="en",
        confidential="SECRET-MATERIAL",
    )


def test_cases_by_id_and_code_with_versions_and_states(backend: Backend, clock: FakeClock) -> None:
    first, code = rs.file_case(filing(), backend.uow())
    clock.advance(hours=1)
    second, _ = rs.file_case(filing(RequestKind.ACCESS), backend.uow())
    assert first.id != second.id
    with backend.uow() as uow:
        got = uow.redress.get_case(first.id)
        assert got is not None
        assert (got.id, got.state, got.version, got.filed_at) == (
            first.id,
            CaseState.RECEIVED,
            1,
            first.filed_at,
        )
        assert got.filing == first.filing and got.access_code_hash == rs.hash_code(code)
        by_code = uow.redress.case_by_code(rs.hash_code(code))
        assert by_code is not None and by_code.id == first.id
        assert uow.redress.case_by_code(rs.hash_code("not-a-code")) is None
        assert uow.redress.get_case("CCF-2026-NOSUCHCASE00") is None
        assert uow.redress.next_case_id(2026) not in (first.id, second.id)
        assert [c.id for c in uow.redress.cases()] == [first.id, second.id]  # in filing order
        got.state = CaseState.ADMISSIBLE
        got.admissible_at = clock()
        uow.redress.save_case(got, 1)
        uow.commit()
    with backend.uow() as uow:
        saved = uow.redress.get_case(first.id)
        assert saved is not None and saved.version == 2 and saved.state is CaseState.ADMISSIBLE
        assert saved.admissible_at == clock()
        with pytest.raises(Conflict):
            uow.redress.save_case(saved, 1)
        assert [c.id for c in uow.redress.cases((CaseState.ADMISSIBLE,))] == [first.id]
        assert [c.id for c in uow.redress.cases((CaseState.RECEIVED,))] == [second.id]


def test_documents_are_kept_with_their_case(backend: Backend, clock: FakeClock) -> None:
    case, _ = rs.file_case(filing(), backend.uow())
    sent = CaseDocument(
        "d1", case.id, DocumentKind.IDENTITY, "id.pdf", "application/pdf", 8, "ab" * 32, clock()
    )
    answer = dataclasses.replace(
        sent, id="d2", kind=DocumentKind.OTHER, filename="more.pdf", uploaded_at=clock(), request_number=1
    )
    with backend.uow() as uow:
        uow.redress.add_document(answer, b"%PDF-2.0")
        uow.redress.add_document(sent, b"%PDF-1.7")
        uow.commit()
    with backend.uow() as uow:
        assert [d.id for d in uow.redress.documents(case.id)] == ["d1", "d2"]  # with the request first
        assert uow.redress.documents(case.id)[0] == sent
        assert uow.redress.document_data(case.id, "d1") == b"%PDF-1.7"
        assert uow.redress.document_data(case.id, "d3") is None
        assert uow.redress.document_data("CCF-2026-NOSUCHCASE00", "d1") is None
        assert uow.redress.documents("CCF-2026-NOSUCHCASE00") == []


def test_refugee_confirmations_and_harassment_reports(backend: Backend, clock: FakeClock) -> None:
    officer = Actor("ncb-by", Role.NCB_OFFICER, "BY")
    n1, n2, n3 = (
        ns.create_request(ns.CreateRequest(make_request(requesting_country="BY")), officer, backend.uow()).id
        for _ in range(3)
    )
    subject = make_request().subject
    conf = RefugeeConfirmation(
        0, subject, ProtectionStatus.REFUGEE, "BY", "DE", clock(), "ncb-de", "1951 Convention"
    )
    report = HarassmentReport(
        id=0,
        filed_at=clock(),
        reporter_kind=ReporterKind.RELATIVE,
        reporter_name="A. Relative",
        reporter_contact="relative@example.org",
        notice_id=n1,
        victim_name="B. Victim",
        victim_relation="sibling",
        kinds=(HarmKind.THREATS, HarmKind.QUESTIONING),
        occurred_on="2026-01",
        place="Minsk",
        description="Questioned twice about the brother abroad.",
        source="first-hand",
        public_id="HR-ONE",
        notice_ids=(n1, n2),
    )
    with backend.uow() as uow:
        first = uow.redress.add_refugee(conf)
        second = uow.redress.add_refugee(dataclasses.replace(conf, granting_country="FR"))
        one = uow.redress.add_report(report)
        other = uow.redress.add_report(
            dataclasses.replace(report, notice_id=None, notice_ids=(), public_id="HR-TWO")
        )
        uow.commit()
    assert first != second and one != other
    with backend.uow() as uow:
        got = uow.redress.get_refugee(first)
        assert got == dataclasses.replace(conf, id=first)
        assert uow.redress.get_refugee(first + second + 1000) is None
        assert [c.id for c in uow.redress.refugees()] == [first, second]
        assert [c.id for c in uow.redress.refugees("FR")] == [second]
        assert {c.id for c in uow.redress.refugee_candidates(subject)} == {first, second}
        got.end(clock() + timedelta(days=1), "ncb-de", "status ended")
        uow.redress.save_refugee(got)
        uow.commit()
    with backend.uow() as uow:
        ended = uow.redress.get_refugee(first)
        assert ended is not None and not ended.active and ended.end_reason == "status ended"
        reports = uow.redress.reports()
        assert [r.id for r in reports] == [one, other]
        assert reports[0].notice_ids == (n1, n2) and reports[0].kinds == report.kinds
        assert [r.id for r in uow.redress.reports(n2)] == [one]
        assert uow.redress.reports(n3) == []


def test_cases_consulting_a_country_and_those_past_a_deadline(backend: Backend, clock: FakeClock) -> None:
    """``cases_consulting`` and ``cases_with_consultations_due`` (the sweep of rule 27), by case id."""
    ids = [rs.file_case(filing(), backend.uow())[0].id for _ in range(4)]
    a, b, c, quiet = ids
    start = clock()

    def ask(number: int, country: str, days: int, **closed: Any) -> Consultation:
        asked = Consultation(number, country, "2026/00001", "Why?", start, start + timedelta(days=days))
        return dataclasses.replace(asked, **closed)

    asked = {
        a: [ask(1, "FR", 10), ask(2, "DE", 1, answered_at=start, answer="Because.")],
        b: [ask(1, "DE", 2), ask(2, "BE", 1, lapsed_at=start + timedelta(days=1))],
        c: [ask(1, "BE", 1, superseded_at=start), ask(2, "FR", 3)],
    }
    with backend.uow() as uow:
        for case_id, consultations in asked.items():
            case = uow.redress.get_case(case_id)
            assert case is not None
            case.consultations = consultations
            uow.redress.save_case(case, case.version)
        uow.commit()
    with backend.uow() as uow:
        assert [x.id for x in uow.redress.cases_consulting("FR")] == sorted([a, c])
        assert [x.id for x in uow.redress.cases_consulting("DE")] == sorted([a, b])  # answered or not
        assert [x.id for x in uow.redress.cases_consulting("BE")] == sorted([b, c])  # lapsed, superseded
        assert uow.redress.cases_consulting("GB") == [] and uow.redress.cases_consulting("F") == []
        (got,) = [x for x in uow.redress.cases_consulting("FR") if x.id == a]
        assert got.consultations == asked[a]  # the whole case, its consultations as saved
        due = uow.redress.cases_with_consultations_due
        assert due(start) == []
        assert due(start + timedelta(days=2)) == []  # b's deadline is not passed at the instant itself
        assert due(start + timedelta(days=2, seconds=1)) == [b]  # a's past deadline was answered
        assert due(start + timedelta(days=5)) == sorted([b, c])  # c's superseded one is closed
        assert due(start + timedelta(days=11)) == sorted([a, b, c])
        assert quiet not in due(start + timedelta(days=365))
        case = uow.redress.get_case(b)
        assert case is not None
        case.consultations[0].answered_at, case.consultations[0].answer = start, "Answered."
        uow.redress.save_case(case, case.version)
        uow.commit()
    with backend.uow() as uow:
        assert uow.redress.cases_with_consultations_due(start + timedelta(days=11)) == sorted([a, c])
        assert [x.id for x in uow.redress.cases_consulting("DE")] == sorted([a, b])  # still consulted


def test_a_position_is_saved_with_its_answer(backend: Backend, clock: FakeClock) -> None:
    officer = Actor("ncb-by", Role.NCB_OFFICER, "BY")
    n1, n2 = (
        ns.create_request(ns.CreateRequest(make_request(requesting_country="BY")), officer, backend.uow()).id
        for _ in range(2)
    )
    position = Position(
        0,
        n1,
        "DE",
        PositionKind.OBJECTION,
        (PositionGround.ARTICLE_3, PositionGround.REFUGEE),
        "The person is a recognised refugee.",
        ("UNHCR letter",),
        clock(),
        "ncb-de",
        disclose=True,
    )
    with backend.uow() as uow:
        first = uow.redress.add_position(position)
        other = uow.redress.add_position(dataclasses.replace(position, notice_id=n2, country="FR"))
        uow.commit()
    clock.advance(hours=2)
    with backend.uow() as uow:
        got = uow.redress.get_position(first)
        assert got is not None and got == dataclasses.replace(position, id=first)
        got.answered_at, got.answered_by = clock(), "gs.reviewer"
        got.answer = "Noted; the notice is reviewed."
        uow.redress.save_position(got)
        uow.commit()
    with backend.uow() as uow:
        saved = uow.redress.get_position(first)
        assert saved == got and saved is not None
        assert (saved.answered_at, saved.answered_by, saved.answer) == (
            clock(),
            "gs.reviewer",
            "Noted; the notice is reviewed.",
        )
        untouched = uow.redress.get_position(other)
        assert untouched is not None and untouched.answered_at is None and untouched.answer == ""
        assert [p.id for p in uow.redress.positions()] == [first, other]
        assert [p.answer for p in uow.redress.positions([n1])] == ["Noted; the notice is reviewed."]
