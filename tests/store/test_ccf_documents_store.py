"""Issue 16, item 7, on both stores: documents are kept with the case as blobs, requests to the applicant
and the problems set aside survive a round trip, and a refused upload stores nothing."""

from __future__ import annotations

import pytest

from rednotice.bootstrap import Store
from rednotice.domain.errors import InvalidInput
from rednotice.domain.redress import CaseState, DocumentKind, IdProof, Upload
from rednotice.services import redress as rs
from tests.store.test_redress import CCF
from tests.unit.test_redress import filing

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40


def test_documents_and_requests_round_trip(store: Store) -> None:
    case, code = rs.file_case(
        filing(id_proof=IdProof(True, True, False, True)),
        store.uow(),
        [Upload("passport.pdf", PDF, DocumentKind.IDENTITY)],
    )
    rs.ask_applicant(case.id, "Send the page with the photograph.", CCF, store.uow())
    rs.answer_applicant_request(
        code, "Attached.", [Upload("photo.jpg", b"\xff\xd8\xff\xe0" + PDF)], store.uow()
    )
    exchanges = rs.case_exchanges(case.id, CCF, store.uow())
    first, second = exchanges["documents"]
    assert (first["kind"], first["media_type"], first["size"], first["request_number"]) == (
        "identity",
        "application/pdf",
        len(PDF),
        None,
    )
    assert second["media_type"] == "image/jpeg" and second["request_number"] == 1
    assert exchanges["requests"][0]["documents"] == [second["id"]]
    assert rs.read_document(case.id, first["id"], CCF, store.uow())[1] == PDF
    assessed = rs.assess_case(case.id, CCF, store.uow(), ["id_photo"])
    with store.uow() as uow:
        again = uow.redress.get_case(case.id)
    assert again is not None and again.state is CaseState.ADMISSIBLE is assessed.state
    assert again.waived == ["id_photo"] and again.applicant_requests[0].answer == "Attached."


def test_a_refused_upload_files_nothing(store: Store) -> None:
    with pytest.raises(InvalidInput):
        rs.file_case(filing(), store.uow(), [Upload("ok.pdf", PDF), Upload("evil.pdf", b"<script>")])
    with store.uow() as uow:
        assert uow.redress.cases() == []
