"""The redress pages on each database: a CCF request filed and followed by its access code, a harassment
report, a refugee confirmation by an NCB officer, a country's position on a notice, and CSRF on every form."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from rednotice.bootstrap import Store
from rednotice.domain.lifecycle import State
from rednotice.domain.users import SYSTEM, Actor, Role
from rednotice.services import notices as ns
from rednotice.services import redress as rs
from rednotice.services.users import AddUser, add_user
from rednotice.web.app import create_app
from tests.interface.test_pages import DE, FR, PASSWORD, REVIEWER, make_notice, publish

CCF = Actor("ccf.member", Role.CCF)
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
CASE_ID = re.compile(r"CCF-\d{4}-[0-9A-Z]+")
CODE = re.compile(r"ccf_[A-Za-z0-9_-]{20,}")


def _app(store: Store) -> FastAPI:
    return create_app(store)


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    for actor in (FR, DE, REVIEWER, CCF):
        add_user(AddUser(actor.username, actor.role, PASSWORD, actor.country), SYSTEM, store.uow())
    with TestClient(_app(store), base_url="https://testserver") as c:
        yield c


def csrf_of(client: TestClient, path: str) -> str:
    page = client.get(path)
    assert page.status_code == 200, page.text
    m = CSRF.search(page.text)
    assert m, f"no CSRF token on {path}"
    return m.group(1)


def sign_in(client: TestClient, actor: Actor) -> None:
    token = csrf_of(client, "/login")
    r = client.post(
        "/login",
        data={"username": actor.username, "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text


def post(client: TestClient, path: str, data: dict[str, Any], form_path: str | None = None) -> Any:
    token = csrf_of(client, form_path or path)
    return client.post(path, data={"csrf_token": token, **data}, follow_redirects=False)


APPLICATION = {
    "kind": "deletion",
    "applicant_kind": "person",
    "language": "fr",
    "family_name": "Durand",
    "given_names": "Paul Henri",
    "date_of_birth": "1971-04-02",
    "nationalities": "FR",
    "id_name": "yes",
    "id_date_of_birth": "yes",
    "id_photo": "yes",
    "id_unredacted": "yes",
    "signed": "yes",
    "purpose": "Delete the notice: it is a political case.",
    "statement": "I am a journalist.",
    "confidential": "CONFIDENTIAL-ASYLUM-FILE",
}


# -- the CCF: file and follow -------------------------------------------------------------------------------


def test_file_a_ccf_request_and_follow_it_with_the_code(client: TestClient, store: Store) -> None:
    notice = publish(store, make_notice(store))
    r = post(client, "/ccf/apply", APPLICATION)
    assert r.status_code == 200, r.text
    assert r.headers["cache-control"] == "no-store"
    assert "shown only this once" in r.text
    case_id = CASE_ID.search(r.text)
    code = CODE.search(r.text)
    assert case_id and code
    case = rs.get_case(case_id.group(0), CCF, store.uow())
    assert case["notice_ids"] == [notice.id]  # found by identity: no reference given
    assert notice.id not in r.text  # the answer never says whether a notice exists
    # follow the case: the code is posted, never in a URL
    r = post(client, "/ccf/my-case", {"access_code": code.group(0)})
    assert r.status_code == 200, r.text
    assert case_id.group(0) in r.text and "Received" in r.text
    assert "CONFIDENTIAL-ASYLUM-FILE" not in r.text and notice.id not in r.text
    assert r.headers["cache-control"] == "no-store"
    wrong = post(client, "/ccf/my-case", {"access_code": "ccf_not-the-code"})
    assert wrong.status_code == 422 and "No case matches" in wrong.text
    empty = post(client, "/ccf/my-case", {"access_code": ""})
    assert empty.status_code == 422


def test_a_ccf_request_with_errors_is_shown_again(client: TestClient) -> None:
    r = post(client, "/ccf/apply", {**APPLICATION, "family_name": "", "date_of_birth": "next week"})
    assert r.status_code == 422
    assert "The request was not filed" in r.text
    assert "give the person&#39;s family name" in r.text or "give the person's family name" in r.text
    assert 'value="Paul Henri"' in r.text  # what was typed is kept
    r = post(client, "/ccf/apply", {**APPLICATION, "kind": "revision"})
    assert r.status_code == 422 and "a revision names the decided case" in r.text
    r = post(client, "/ccf/apply", {**APPLICATION, "kind": "nonsense"})
    assert r.status_code == 422 and "choose what you ask for" in r.text


# -- harassment ---------------------------------------------------------------------------------------------


REPORT = {
    "reporter_kind": "ngo",
    "reporter_name": "Watch NGO",
    "victim_name": "M. Durand",
    "victim_relation": "parent",
    "kinds": ["threats", "frozen_assets"],
    "occurred_on": "2026-01",
    "place": "Lyon",
    "description": "Threatened at home by the police.",
    "evidence": "photo of the summons\nwitness statement",
}


def test_report_harassment_never_says_whether_a_notice_exists(client: TestClient, store: Store) -> None:
    notice = publish(store, make_notice(store))
    known = post(client, "/harassment/report", {**REPORT, "notice_id": notice.id.replace("/", "-")})
    unknown = post(client, "/harassment/report", {**REPORT, "notice_id": "2026-99999"})
    assert known.status_code == unknown.status_code == 200
    assert known.text == unknown.text and "report is received" in known.text
    flags = rs.review_flags(REVIEWER, store.uow(), notice.id)
    assert [f["source"] for f in flags] == ["harassment_report"]
    reports = rs.harassment_reports(REVIEWER, store.uow())
    linked = [r for r in reports if r["notice_id"] == notice.id]
    assert linked[0]["kinds"] == ["threats", "frozen_assets"]
    assert linked[0]["evidence"] == ["photo of the summons", "witness statement"]
    # by identity, without a reference
    by_name = {**REPORT, "family_name": "DURAND", "given_names": "Paul Henri", "date_of_birth": "1971-04"}
    assert post(client, "/harassment/report", by_name).status_code == 200
    assert len(rs.review_flags(REVIEWER, store.uow(), notice.id)) == 2


def test_a_harassment_report_with_errors_is_shown_again(client: TestClient) -> None:
    r = post(client, "/harassment/report", {**REPORT, "kinds": [], "notice_id": ""})
    assert r.status_code == 422
    assert "tick at least one" in r.text and "so it can be found" not in r.text
    assert "to find it" in r.text  # neither a reference nor a name
    r = post(client, "/harassment/report", {**REPORT, "kinds": ["made_up"], "notice_id": "2026-1"})
    assert r.status_code == 422 and "choose what happened" in r.text


# -- refugee status -----------------------------------------------------------------------------------------


def test_an_ncb_officer_confirms_refugee_status(client: TestClient, store: Store) -> None:
    notice = publish(store, make_notice(store))
    assert client.get("/refugee-status/new", follow_redirects=False).headers["location"].startswith("/login")
    sign_in(client, DE)
    page = client.get("/refugee-status/new")
    assert page.status_code == 200 and "never disclosed" in page.text and "Germany" in page.text
    body = {
        "family_name": "Durand",
        "given_names": "Paul Henri",
        "date_of_birth": "1971-04",
        "status": "refugee",
        "persecution_country": "FR",
        "basis": "Recognised in 2020",
    }
    r = post(client, "/refugee-status/new", body)
    assert r.status_code == 303 and r.headers["location"] == "/refugee-status/new"
    after = client.get("/refugee-status/new")
    assert "goes before the General Secretariat" in after.text and notice.id not in after.text
    assert ns.get_notice(notice.id, REVIEWER, store.uow()).state is State.SUSPENDED
    mine = rs.refugee_confirmations(DE, store.uow())
    assert mine[0]["granting_country"] == "DE" and mine[0]["basis"] == "Recognised in 2020"
    # the officer's own country cannot be the one fled
    r = post(client, "/refugee-status/new", {**body, "persecution_country": "DE"})
    assert r.status_code == 422 and "cannot be the country granting protection" in r.text
    r = post(client, "/refugee-status/new", {**body, "persecution_country": "", "family_name": ""})
    assert r.status_code == 422 and "choose the country the person fled" in r.text


def test_a_reviewer_does_not_confirm_refugee_status(client: TestClient) -> None:
    sign_in(client, REVIEWER)
    assert client.get("/refugee-status/new").status_code == 404
    token = csrf_of(client, "/")
    r = client.post("/refugee-status/new", data={"csrf_token": token, "family_name": "X"})
    assert r.status_code == 404


# -- positions ----------------------------------------------------------------------------------------------


POSITION = {
    "kind": "objection",
    "grounds": ["art3"],
    "text": "The charges punish journalism.",
    "evidence": "court ruling 12/2025",
    "disclose": "yes",
}


def test_another_country_records_a_position(client: TestClient, store: Store) -> None:
    notice = publish(store, make_notice(store))
    ref = notice.id.replace("/", "-")
    sign_in(client, DE)
    page = client.get(f"/notices/{ref}/position")
    assert page.status_code == 200 and "Record the position" in page.text
    r = post(client, f"/notices/{ref}/position", POSITION)
    assert r.status_code == 303 and r.headers["location"] == f"/notices/{ref}"
    assert "is recorded" in client.get(f"/notices/{ref}").text
    seen = rs.positions_for(notice.id, REVIEWER, store.uow())
    assert seen["positions"][0]["country"] == "DE" and seen["positions"][0]["grounds"] == ["art3"]
    assert seen["positions"][0]["evidence"] == ["court ruling 12/2025"] and seen["positions"][0]["disclose"]
    # an objection names its grounds: the domain's message, on the form
    r = post(client, f"/notices/{ref}/position", {**POSITION, "grounds": []}, f"/notices/{ref}/position")
    assert r.status_code == 422 and "names its grounds" in r.text
    assert client.get("/notices/2026-99999/position").status_code == 404


def test_the_requesting_country_and_others_do_not_record_a_position(client: TestClient, store: Store) -> None:
    notice = publish(store, make_notice(store))
    ref = notice.id.replace("/", "-")
    sign_in(client, FR)
    assert client.get(f"/notices/{ref}/position").status_code == 403
    token = csrf_of(client, "/")
    assert client.post(f"/notices/{ref}/position", data={"csrf_token": token, **POSITION}).status_code == 403
    assert rs.positions_for(notice.id, REVIEWER, store.uow())["positions"] == []
    client.cookies.clear()
    sign_in(client, REVIEWER)
    assert client.get(f"/notices/{ref}/position").status_code == 404


# -- CSRF ---------------------------------------------------------------------------------------------------


def test_every_form_refuses_a_missing_or_wrong_token(client: TestClient, store: Store) -> None:
    notice = publish(store, make_notice(store))
    ref = notice.id.replace("/", "-")
    public: dict[str, dict[str, Any]] = {
        "/ccf/apply": APPLICATION,
        "/ccf/my-case": {"access_code": "x"},
        "/harassment/report": REPORT,
    }
    officer: dict[str, dict[str, Any]] = {
        "/refugee-status/new": {"family_name": "X"},
        f"/notices/{ref}/position": POSITION,
    }
    rounds: list[tuple[Actor | None, dict[str, dict[str, Any]]]] = [(None, public), (DE, officer)]
    for who, forms in rounds:
        if who is not None:
            sign_in(client, who)
        for path, data in forms.items():
            csrf_of(client, path)  # a session with a token exists
            for token in ({}, {"csrf_token": "forged"}):
                r = client.post(path, data={**data, **token}, follow_redirects=False)
                assert r.status_code == 403, (path, r.status_code)
                assert "Form expired" in r.text
    assert rs.harassment_reports(REVIEWER, store.uow()) == []
    assert rs.list_cases(CCF, store.uow()) == []
    assert rs.refugee_confirmations(REVIEWER, store.uow()) == []
    assert rs.positions_for(notice.id, REVIEWER, store.uow())["positions"] == []
