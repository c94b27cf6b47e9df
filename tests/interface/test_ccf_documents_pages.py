"""Issue 16, item 7: a request to the CCF carries documents (checked by their first bytes, kept with the
case, read by the CCF alone), and the CCF asks the applicant for what is missing instead of refusing."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from rednotice.bootstrap import Store
from rednotice.domain.redress import MAX_DOCUMENT_BYTES
from rednotice.domain.users import SYSTEM
from rednotice.services import redress as rs
from rednotice.services.users import AddUser, add_user
from tests.interface.test_pages import DE, FR, PASSWORD, REVIEWER, make_notice, publish
from tests.interface.test_redress_pages import APPLICATION, CASE_ID, CCF, CODE, _app, csrf_of, sign_in

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
DOC_LINK = re.compile(r"/ccf/cases/(CCF-[0-9A-Z-]+)/documents/(doc_[A-Za-z0-9_-]+)")


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    for actor in (FR, DE, REVIEWER, CCF):
        add_user(AddUser(actor.username, actor.role, PASSWORD, actor.country), SYSTEM, store.uow())
    with TestClient(_app(store), base_url="https://testserver") as c:
        yield c


def apply(client: TestClient, files: list[tuple[str, tuple[str, bytes, str]]], **changes: str) -> object:
    token = csrf_of(client, "/ccf/apply")
    return client.post("/ccf/apply", data={"csrf_token": token, **APPLICATION, **changes}, files=files)


def test_documents_are_checked_by_their_bytes_not_their_name(client: TestClient, store: Store) -> None:
    fake = apply(client, [("doc_identity", ("passport.pdf", b"MZ\x90\x00 not a pdf", "application/pdf"))])
    assert fake.status_code == 422  # type: ignore[attr-defined]
    assert "is not a PDF, PNG or JPEG file" in fake.text  # type: ignore[attr-defined]
    big = apply(client, [("doc_identity", ("scan.pdf", PDF + b"0" * MAX_DOCUMENT_BYTES, "application/pdf"))])
    assert big.status_code == 422 and "larger than 5 MB" in big.text  # type: ignore[attr-defined]
    with store.uow() as uow:
        assert uow.redress.cases() == []  # refused: nothing filed


def test_the_ccf_alone_reads_the_documents_and_asks_for_what_is_missing(
    client: TestClient, store: Store
) -> None:
    notice = publish(store, make_notice(store))
    unticked = {k: "" for k in ("id_name", "id_date_of_birth", "id_photo", "id_unredacted")}
    filed = apply(client, [("doc_identity", ("my passport.jpg", PDF, "image/jpeg"))], **unticked)
    assert filed.status_code == 200, filed.text  # type: ignore[attr-defined]
    m_case, m_code = CASE_ID.search(filed.text), CODE.search(filed.text)  # type: ignore[attr-defined]
    assert m_case and m_code
    case_id, code = m_case.group(0), m_code.group(0)
    assert rs.get_case(case_id, CCF, store.uow())["notice_ids"] == [notice.id]

    sign_in(client, CCF)
    page = client.get(f"/ccf/cases/{case_id}").text
    assert "my passport.jpg" in page and "application/pdf" in page  # the type its bytes say
    m = DOC_LINK.search(page)
    assert m
    link = m.group(0)
    download = client.get(link)
    assert download.status_code == 200 and download.content == PDF
    assert download.headers["content-type"] == "application/pdf"
    assert download.headers["content-disposition"].startswith("attachment;")
    assert "sandbox" in download.headers["content-security-policy"]
    for other in (FR, REVIEWER):  # the requesting NCB never, a reviewer neither
        client.cookies.clear()
        sign_in(client, other)
        assert client.get(link).status_code == 404
    client.cookies.clear()
    assert client.get(link, follow_redirects=False).status_code == 303  # sign in first

    # the CCF asks for what is missing instead of refusing
    sign_in(client, CCF)
    assert "id_photo" in page
    token = csrf_of(client, f"/ccf/cases/{case_id}")
    message = "Please send a scan of your passport page with the photograph."
    asked = client.post(f"/ccf/cases/{case_id}/ask-applicant", data={"csrf_token": token, "message": message})
    assert asked.status_code == 200 and "Waiting for the applicant" in asked.text
    client.cookies.clear()

    token = csrf_of(client, "/ccf/my-case")
    mine = client.post("/ccf/my-case", data={"csrf_token": token, "access_code": code}).text
    assert message in mine and "Answer the Commission" in mine
    token = csrf_of(client, "/ccf/my-case")
    wrong = client.post(
        "/ccf/my-case/answer",
        data={"csrf_token": token, "access_code": code, "answer": ""},
        files=[("documents", ("photo.png", b"GIF89a....", "image/png"))],
    )
    assert wrong.status_code == 422 and "is not a PDF, PNG or JPEG" in wrong.text
    answered = client.post(
        "/ccf/my-case/answer",
        data={"csrf_token": token, "access_code": code, "answer": "Here is the photo page."},
        files=[("documents", ("photo.png", PNG, "image/png"))],
    )
    assert answered.status_code == 200 and "Your answer was sent" in answered.text

    # the CCF sets the identity problems aside on the document, and the request is admissible
    sign_in(client, CCF)
    page = client.get(f"/ccf/cases/{case_id}").text
    assert "Here is the photo page." in page and "answer to request 1" in page
    token = csrf_of(client, f"/ccf/cases/{case_id}")
    waive = ["id_name", "id_birth_date", "id_photo", "id_redacted"]
    done = client.post(f"/ccf/cases/{case_id}/admissibility", data={"csrf_token": token, "waive": waive})
    assert done.status_code == 200
    case = rs.get_case(case_id, CCF, store.uow())
    assert case["state"] == "admissible", case["problems"]
    # the consulted NCB sees nothing of the documents
    due = store.clock().replace(year=store.clock().year + 1)
    rs.consult(case_id, notice.id, "Send the warrant, please.", due, CCF, store.uow())
    assert "doc_" not in str(rs.consultations_for(FR, store.uow()))
