"""Issue 16, item 7: documents are recognised by their first bytes; the CCF asks the applicant instead of
refusing, and sets aside a problem only on what the applicant sent."""

from __future__ import annotations

import pytest

from rednotice.adapters.memory import MemoryData, MemoryUnitOfWork
from rednotice.domain.errors import Forbidden, InvalidInput, NotFound, RuleViolation
from rednotice.domain.redress import (
    MAX_DOCUMENT_BYTES,
    CaseState,
    IdProof,
    Upload,
    check_uploads,
    detect_media_type,
    safe_filename,
)
from rednotice.services import redress as rs
from tests.conftest import FakeClock
from tests.unit.test_redress import CCF, FR, filing

PDF = b"%PDF-1.7\n..."
PNG = b"\x89PNG\r\n\x1a\n...."
JPEG = b"\xff\xd8\xff\xe0....JFIF"


@pytest.fixture
def uow(clock: FakeClock) -> MemoryUnitOfWork:
    return MemoryUnitOfWork(MemoryData(), clock)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (PDF, "application/pdf"),
        (PNG, "image/png"),
        (JPEG, "image/jpeg"),
        (b"GIF89a", None),
        (b"<html><script>", None),
        (b"MZ\x90\x00", None),
        (b"", None),
    ],
)
def test_the_type_comes_from_the_bytes(data: bytes, expected: str | None) -> None:
    assert detect_media_type(data) == expected


def test_uploads_are_refused_by_type_size_and_count_whatever_their_name() -> None:
    with pytest.raises(InvalidInput, match="not a PDF"):
        check_uploads([Upload("passport.pdf", b"#!/bin/sh")])
    with pytest.raises(InvalidInput, match="larger than"):
        check_uploads([Upload("scan.png", PNG + b"0" * MAX_DOCUMENT_BYTES)])
    with pytest.raises(InvalidInput, match="at most"):
        check_uploads([Upload(f"{i}.pdf", PDF) for i in range(6)])
    assert [m for _, m in check_uploads([Upload("x.txt", JPEG), Upload("empty", b"")])] == ["image/jpeg"]
    assert safe_filename("C:\\Users\\me\\..\\<script>.pdf") == "script.pdf"


def test_ask_answer_and_set_aside(uow: MemoryUnitOfWork) -> None:
    case, code = rs.file_case(filing(id_proof=IdProof(True, True, False, True)), uow)
    with pytest.raises(RuleViolation):  # nothing received yet: no problem is set aside
        rs.assess_case(case.id, CCF, uow, ["id_photo"])
    with pytest.raises(Forbidden):
        rs.ask_applicant(case.id, "Send the page with the photograph.", FR, uow)
    with pytest.raises(RuleViolation):  # not asked: nothing to answer
        rs.answer_applicant_request(code, "here", [], uow)
    rs.ask_applicant(case.id, "Send the page with the photograph.", CCF, uow)
    assert rs.my_case(code, uow, with_requests=True)["requests"][0]["message"].startswith("Send the page")
    assert "requests" not in rs.my_case(code, uow)  # the API's answer keeps its shape
    with pytest.raises(InvalidInput):
        rs.answer_applicant_request(code, "", [], uow)
    with pytest.raises(NotFound):
        rs.answer_applicant_request("ccf_wrong", "here", [Upload("p.png", PNG)], uow)
    answered = rs.answer_applicant_request(code, "Attached.", [Upload("p.png", PNG)], uow)
    assert answered.state is CaseState.RECEIVED
    [doc] = rs.case_exchanges(case.id, CCF, uow)["documents"]
    assert doc["media_type"] == "image/png" and doc["request_number"] == 1
    with pytest.raises(Forbidden):
        rs.read_document(case.id, doc["id"], FR, uow)
    assert rs.read_document(case.id, doc["id"], CCF, uow)[1] == PNG
    with pytest.raises(InvalidInput):  # only a problem found can be set aside
        rs.assess_case(case.id, CCF, uow, ["unsigned"])
    assessed = rs.assess_case(case.id, CCF, uow, ["id_photo"])
    assert assessed.state is CaseState.ADMISSIBLE and assessed.waived == ["id_photo"]
