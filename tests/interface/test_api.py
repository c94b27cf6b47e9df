"""The JSON API on each database: auth, submit, read, list, transitions, and bad input changing nothing."""

from __future__ import annotations

import json
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from rednotice.adapters.db import tables as t
from rednotice.bootstrap import Store
from tests.factories import request_dict
from tests.interface.conftest import PASSWORD, auth


def counts(store: Store) -> tuple[int, int]:
    with store.engine.connect() as conn:
        return (
            conn.execute(select(func.count()).select_from(t.notices)).scalar_one(),
            conn.execute(select(func.count()).select_from(t.audit_events)).scalar_one(),
        )


def submit(client: TestClient, token: str, **overrides: object) -> dict[str, Any]:
    r = client.post("/api/v1/requests", json=request_dict(**overrides), headers=auth(token))
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    return body


def test_health(client: TestClient) -> None:
    assert client.get("/healthz").json()["status"] == "ok"


def test_everything_under_api_v1_needs_a_user(client: TestClient, users: dict[str, str]) -> None:
    for method, path in [
        ("get", "/api/v1/notices"),
        ("get", "/api/v1/notices/2026-00001"),
        ("post", "/api/v1/requests"),
        ("post", "/api/v1/notices/2026-00001/transitions"),
    ]:
        r = client.request(method, path, json={})
        assert r.status_code == 401, path
        assert r.json()["error"]["code"] == "unauthenticated"
    r = client.get("/api/v1/notices", headers=auth("rn_not-a-token"))
    assert r.status_code == 401


def test_a_token_can_revoke_itself(client: TestClient, users: dict[str, str]) -> None:
    token = users["ncb-fr"]
    assert client.get("/api/v1/notices", headers=auth(token)).status_code == 200
    assert client.delete("/api/v1/tokens/current", headers=auth(token)).status_code == 204
    assert client.get("/api/v1/notices", headers=auth(token)).status_code == 401


def test_password_for_token_then_use_it(client: TestClient, users: dict[str, str]) -> None:
    r = client.post("/api/v1/tokens", json={"username": "ncb-fr", "password": PASSWORD})
    assert r.status_code == 201
    token = r.json()["token"]
    assert client.get("/api/v1/notices", headers=auth(token)).status_code == 200
    r = client.post("/api/v1/tokens", json={"username": "ncb-fr", "password": "wrong"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthenticated"


def test_submit_review_publish_flow(client: TestClient, users: dict[str, str]) -> None:
    created = submit(client, users["ncb-fr"])
    assert created["state"] == "submitted" and created["version"] == 1
    ref = created["id"].replace("/", "-")
    assert client.get(f"/api/v1/notices/{ref}", headers=auth(users["ncb-de"])).status_code == 404
    r = client.post(
        f"/api/v1/notices/{ref}/transitions", json={"action": "start_review"}, headers=auth(users["reviewer"])
    )
    assert r.status_code == 200 and r.json()["state"] == "under_review"
    r = client.post(
        f"/api/v1/notices/{ref}/transitions",
        json={"action": "publish", "reasons": "compliant", "expected_version": 2},
        headers=auth(users["reviewer"]),
    )
    assert r.status_code == 200 and r.json()["expires_at"]
    r = client.post(
        f"/api/v1/notices/{ref}/transitions",
        json={"action": "refuse", "reasons": "too late", "expected_version": 2},
        headers=auth(users["reviewer2"]),
    )
    assert r.status_code == 409 and r.json()["error"]["code"] == "conflict"
    r = client.get(f"/api/v1/notices/{ref}", headers=auth(users["ncb-de"]))
    assert r.status_code == 200 and r.headers["etag"] == '"3"'
    assert [e["action"] for e in r.json()["timeline"]] == ["submit", "start_review", "publish"]


def test_illegal_and_forbidden_transitions(client: TestClient, users: dict[str, str]) -> None:
    ref = submit(client, users["ncb-fr"])["id"].replace("/", "-")
    r = client.post(
        f"/api/v1/notices/{ref}/transitions",
        json={"action": "publish", "reasons": "x"},
        headers=auth(users["reviewer"]),
    )
    assert r.status_code == 409 and r.json()["error"]["code"] == "illegal_transition"
    r = client.post(
        f"/api/v1/notices/{ref}/transitions", json={"action": "start_review"}, headers=auth(users["ncb-fr"])
    )
    assert r.status_code == 403
    r = client.post(
        f"/api/v1/notices/{ref}/transitions", json={"action": "fly_away"}, headers=auth(users["reviewer"])
    )
    assert r.status_code == 422


def test_bad_input_gets_a_clear_error_and_changes_nothing(
    client: TestClient, store: Store, users: dict[str, str]
) -> None:
    before = counts(store)
    headers = {**auth(users["ncb-fr"]), "content-type": "application/json"}
    r = client.post("/api/v1/requests", content=b'{"type": "red_notice",', headers=headers)
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_input"
    bad = request_dict(**{"subject.sex": "X", "subject.date_of_birth": "1971-13"})
    r = client.post("/api/v1/requests", json=bad, headers=auth(users["ncb-fr"]))
    assert r.status_code == 422
    message = r.json()["error"]["message"]
    assert "subject.sex" in message and "subject.date_of_birth" in message
    r = client.post(
        "/api/v1/requests", json=request_dict(requesting_country="DE"), headers=auth(users["ncb-fr"])
    )
    assert r.status_code == 403
    huge = json.dumps(request_dict(**{"judicial.facts.summary": "x" * (11 * 1024 * 1024)}))
    r = client.post("/api/v1/requests", content=huge.encode(), headers=headers)
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"
    assert counts(store) == before


def test_list_filters_paging_and_visibility(client: TestClient, users: dict[str, str]) -> None:
    for i in range(3):
        submit(client, users["ncb-fr"], **{"subject.family_name": f"MARTIN{i}"})
    r = client.get("/api/v1/notices", params={"limit": 2}, headers=auth(users["ncb-fr"]))
    body = r.json()
    assert body["total"] == 3 and len(body["items"]) == 2
    r = client.get("/api/v1/notices", params={"name": "martin1"}, headers=auth(users["reviewer"]))
    assert [i["request"]["subject"]["family_name"] for i in r.json()["items"]] == ["MARTIN1"]
    assert client.get("/api/v1/notices", headers=auth(users["ncb-de"])).json()["total"] == 0
    assert client.get("/api/v1/notices", headers=auth(users["oversight"])).status_code == 403
    assert (
        client.get("/api/v1/notices", params={"limit": 100000}, headers=auth(users["reviewer"])).status_code
        == 422
    )


def test_drafts_can_be_edited_with_the_right_version(client: TestClient, users: dict[str, str]) -> None:
    r = client.post(
        "/api/v1/requests", params={"draft": "true"}, json=request_dict(), headers=auth(users["ncb-fr"])
    )
    assert r.status_code == 201 and r.json()["state"] == "draft"
    ref = r.json()["id"].replace("/", "-")
    changed = request_dict(**{"subject.given_names": "Paul"})
    r = client.put(
        f"/api/v1/notices/{ref}", params={"expected_version": 1}, json=changed, headers=auth(users["ncb-fr"])
    )
    assert r.status_code == 200 and r.json()["version"] == 2
    r = client.put(
        f"/api/v1/notices/{ref}", params={"expected_version": 1}, json=changed, headers=auth(users["ncb-fr"])
    )
    assert r.status_code == 409
    r = client.post(
        f"/api/v1/notices/{ref}/transitions", json={"action": "submit"}, headers=auth(users["ncb-fr"])
    )
    assert r.json()["state"] == "submitted"


def test_openapi_document_lists_the_api(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/v1/requests", "/api/v1/notices", "/api/v1/notices/{ref}/transitions"} <= set(paths)
