"""The redress API on each database: role checks, the applicant's own view, and confidentiality towards the
requesting NCB (no CCF case, no granting country anywhere it looks)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from rednotice.bootstrap import Store
from rednotice.web.app import create_app
from tests.conftest import FakeClock
from tests.factories import request_dict
from tests.interface.conftest import auth


@pytest.fixture
def api(store: Store) -> Iterator[TestClient]:
    app = create_app(store)
    with TestClient(app) as client:
        yield client


def publish(api: TestClient, users: dict[str, str], **overrides: Any) -> str:
    r = api.post("/api/v1/requests", json=request_dict(**overrides), headers=auth(users["ncb-fr"]))
    assert r.status_code == 201, r.text
    ref: str = r.json()["id"].replace("/", "-")
    for action, reasons in (("start_review", ""), ("publish", "compliant")):
        r = api.post(
            f"/api/v1/notices/{ref}/transitions",
            json={"action": action, "reasons": reasons},
            headers=auth(users["reviewer"]),
        )
        assert r.status_code == 200, r.text
    return ref


APPLICATION = {
    "kind": "deletion",
    "subject": {"family_name": "Durand", "given_names": "Paul Henri", "date_of_birth": "1971-04-02"},
    "id_proof": {"name": True, "date_of_birth": True, "photo": True, "unredacted": True},
    "signed": True,
    "purpose": "Delete the notice: it is a political case.",
    "language": "fr",
    "confidential": "CONFIDENTIAL-ASYLUM-FILE",
}


def everything_fr_sees(api: TestClient, users: dict[str, str], ref: str) -> str:
    h = auth(users["ncb-fr"])
    parts = [
        api.get(f"/api/v1/notices/{ref}", headers=h).text,
        api.get("/api/v1/notices", headers=h).text,
        api.get("/api/v1/notifications", headers=h).text,
        api.get("/api/v1/refugee-status", headers=h).text,
        api.get(f"/api/v1/notices/{ref}/positions", headers=h).text,
        api.get("/api/v1/ccf/consultations", headers=h).text,
    ]
    return "\n".join(parts)


def test_ccf_case_end_to_end_and_the_requester_never_learns(api: TestClient, users: dict[str, str]) -> None:
    ref = publish(api, users)
    r = api.post("/api/v1/ccf/applications", json=APPLICATION)
    assert r.status_code == 201
    case_id, code = r.json()["case_id"], r.json()["access_code"]
    for who in ("ncb-fr", "ncb-de", "reviewer", "oversight"):
        assert api.get("/api/v1/ccf/cases", headers=auth(users[who])).status_code == 403
        assert api.get(f"/api/v1/ccf/cases/{case_id}", headers=auth(users[who])).status_code == 403
    ccf = auth(users["ccf"])
    case = api.get(f"/api/v1/ccf/cases/{case_id}", headers=ccf).json()
    assert case["notice_ids"] == [ref.replace("-", "/")]  # found by identity: the applicant gave no id
    assert api.post(f"/api/v1/ccf/cases/{case_id}/admissibility", headers=ccf).json()["state"] == "admissible"
    # precautionary block: gone from other NCBs' view at once
    assert api.get(f"/api/v1/notices/{ref}", headers=auth(users["ncb-de"])).status_code == 200
    r = api.post(f"/api/v1/ccf/cases/{case_id}/block", json={"reasons": "Pending decision."}, headers=ccf)
    assert r.status_code == 200, r.text
    assert api.get(f"/api/v1/notices/{ref}", headers=auth(users["ncb-de"])).status_code == 404
    listed = api.get("/api/v1/notices", headers=auth(users["ncb-de"])).json()
    assert ref.replace("-", "/") not in [n["id"] for n in listed["items"]]
    r = api.post(
        f"/api/v1/ccf/cases/{case_id}/decision",
        headers=ccf,
        json={"outcome": "deleted", "reasons": "Non-compliant: Article 3, political dispute."},
    )
    assert r.status_code == 200, r.text
    seen = everything_fr_sees(api, users, ref)
    assert case_id not in seen and "CCF" not in seen and "Commission" not in seen
    assert "CONFIDENTIAL-ASYLUM-FILE" not in seen and "Article 3, political dispute" not in seen
    assert "deleted" in api.get("/api/v1/notifications", headers=auth(users["ncb-de"])).text
    # the applicant follows their own case, and only with the code
    mine = api.get("/api/v1/ccf/my-case", headers={"X-Access-Code": code}).json()
    assert mine["id"] == case_id and mine["outcome"] == "deleted" and "notice_ids" not in mine
    assert api.get("/api/v1/ccf/my-case", headers={"X-Access-Code": "ccf_wrong"}).status_code == 404
    assert api.get("/api/v1/ccf/my-case").status_code == 422
    # the same facts cannot come back: RN-16 blocks the re-filed request
    r = api.post("/api/v1/requests", json=request_dict(), headers=auth(users["ncb-fr"]))
    new = r.json()["id"].replace("/", "-")
    dossier = api.get(f"/api/v1/review/{new}", headers=auth(users["reviewer"])).json()
    assert "RN-16" in {f["code"] for f in dossier["check"]["findings"] if f["severity"] == "block"}


def test_refugee_confirmation_hides_the_granting_country(api: TestClient, users: dict[str, str]) -> None:
    ref = publish(api, users)
    body = {
        "subject": {"family_name": "DURANT", "given_names": "Paul Henri", "date_of_birth": "1971-04-02"},
        "status": "refugee",
        "persecution_country": "FR",
        "basis": "Recognised in 2020",
    }
    assert api.post("/api/v1/refugee-status", json=body, headers=auth(users["ccf"])).status_code == 403
    r = api.post("/api/v1/refugee-status", json=body, headers=auth(users["ncb-de"]))
    assert r.status_code == 201, r.text
    assert r.json()["deleted_notice_ids"] == [] and ref.replace("-", "/") not in r.text
    rev = auth(users["reviewer"])
    [flag] = api.get(f"/api/v1/review-flags?notice={ref}", headers=rev).json()
    assert flag["source"] == "refugee_pending_deletion" and "Recognised in 2020" in flag["text"]
    done = {"resolution": "Checked with the granting country.", "delete": True}
    assert api.post(f"/api/v1/review-flags/{flag['id']}/resolve", json=done, headers=rev).status_code == 200
    seen = everything_fr_sees(api, users, ref)
    assert '"DE"' not in seen and "ncb-de" not in seen and "Recognised in 2020" not in seen
    assert api.get(f"/api/v1/notices/{ref}", headers=auth(users["ncb-fr"])).json()["state"] == "deleted"
    for who in ("reviewer", "ccf"):
        listed = api.get("/api/v1/refugee-status", headers=auth(users[who])).json()
        assert listed[0]["granting_country"] == "DE"
    assert api.get("/api/v1/refugee-status", headers=auth(users["oversight"])).status_code == 403
    # a re-filed request from the country of feared persecution is refused (RN-13)
    new = api.post("/api/v1/requests", json=request_dict(), headers=auth(users["ncb-fr"])).json()["id"]
    dossier = api.get(f"/api/v1/review/{new.replace('/', '-')}", headers=auth(users["reviewer"])).json()
    codes = {f["code"] for f in dossier["check"]["findings"] if f["severity"] == "block"}
    assert "RN-16" in codes
    assert "DE" not in str([f for f in dossier["check"]["findings"] if f["code"] in ("RN-13", "RN-16")])


def test_positions_harassment_and_overdue(api: TestClient, users: dict[str, str], clock: FakeClock) -> None:
    ref = publish(api, users)
    pos = {"kind": "objection", "grounds": ["art3"], "text": "The charges punish journalism."}
    assert (
        api.post(f"/api/v1/notices/{ref}/positions", json=pos, headers=auth(users["ncb-fr"])).status_code
        == 403
    )
    assert (
        api.post(f"/api/v1/notices/{ref}/positions", json=pos, headers=auth(users["ncb-de"])).status_code
        == 201
    )
    fr_view = api.get(f"/api/v1/notices/{ref}/positions", headers=auth(users["ncb-fr"])).json()
    assert fr_view["caveats"] == 1 and fr_view["positions"][0]["country"] is None
    gs = api.get("/api/v1/notifications", headers=auth(users["reviewer"])).json()
    assert [n["kind"] for n in gs] == ["position.recorded"]
    report = {
        "reporter_kind": "ngo",
        "reporter_name": "Watch NGO",
        "notice_id": ref,
        "victim_name": "M. Durand",
        "victim_relation": "parent",
        "kinds": ["threats", "frozen_assets"],
        "description": "Threatened at home.",
    }
    assert api.post("/api/v1/harassment-reports", json=report).status_code == 201
    flags = api.get(f"/api/v1/review-flags?notice={ref}", headers=auth(users["reviewer"])).json()
    assert sorted(f["source"] for f in flags) == ["country_position", "harassment_report"]
    assert api.get("/api/v1/harassment-reports", headers=auth(users["ncb-de"])).status_code == 403
    figures = api.get("/api/v1/harassment-reports/figures", headers=auth(users["oversight"])).json()
    assert figures["by_kind"] == {"threats": 1, "frozen_assets": 1} and "Watch NGO" not in str(figures)
    # an access request not decided within four months of admissibility stands out
    case_id = api.post("/api/v1/ccf/applications", json={**APPLICATION, "kind": "access"}).json()["case_id"]
    api.post(f"/api/v1/ccf/cases/{case_id}/admissibility", headers=auth(users["ccf"]))
    clock.advance(days=125)
    cases = api.get("/api/v1/ccf/cases?overdue=true", headers=auth(users["ccf"])).json()
    assert [c["id"] for c in cases] == [case_id] and cases[0]["overdue"] == ["decision"]
    report_out = api.get("/api/v1/ccf/report", headers=auth(users["oversight"])).json()
    assert report_out["overdue_cases"] == [case_id]
