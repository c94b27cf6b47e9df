"""``POST /api/v1/compliance/check`` on each database: signed-in users only, the contract's result shape,
nothing stored."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from rednotice.adapters.db import tables as t
from rednotice.bootstrap import Store
from rednotice.domain.users import SYSTEM, Role
from rednotice.services import users as us
from rednotice.web.app import create_app
from tests.conftest import CASES
from tests.factories import request_dict

URL = "/api/v1/compliance/check"
EXPECTED = json.loads((CASES / "compliance" / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture
def api(store: Store) -> Iterator[TestClient]:
    app = create_app(store)
    with TestClient(app) as client:
        yield client


@pytest.fixture
def token(store: Store) -> str:
    """A reviewer: may pre-check requests of any country (an NCB officer only its own)."""
    us.add_user(us.AddUser("gs-rev", Role.REVIEWER, "a long test password"), SYSTEM, store.uow())
    return us.issue_token("gs-rev", "test", SYSTEM, store.uow())


def test_an_officer_checks_only_its_own_countrys_requests(api: TestClient, store: Store) -> None:
    us.add_user(us.AddUser("ncb-de", Role.NCB_OFFICER, "a long test password", "DE"), SYSTEM, store.uow())
    de = {"Authorization": f"Bearer {us.issue_token('ncb-de', 'test', SYSTEM, store.uow())}"}
    assert api.post(URL, json=request_dict(requesting_country="FR"), headers=de).status_code == 403
    assert api.post(URL, json=request_dict(requesting_country="DE"), headers=de).status_code == 200


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def rows(store: Store) -> tuple[int, int]:
    with store.engine.connect() as conn:
        return (
            conn.execute(select(func.count()).select_from(t.notices)).scalar_one(),
            conn.execute(select(func.count()).select_from(t.compliance_checks)).scalar_one(),
        )


def test_needs_a_signed_in_user(api: TestClient) -> None:
    r = api.post(URL, json=request_dict())
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthenticated"
    assert api.post(URL, json=request_dict(), headers=bearer("rn_not-a-token")).status_code == 401


@pytest.mark.parametrize(
    "name",
    [
        "01-murder-complete.json",
        "07-subversion-journalist.json",
        "12-relative-harbouring.json",
        "16-non-judicial-warrant.json",
    ],
)
def test_check_returns_the_contract_result(api: TestClient, token: str, store: Store, name: str) -> None:
    body = json.loads((CASES / "compliance" / name).read_text(encoding="utf-8"))
    before = rows(store)
    r = api.post(URL, json=body, headers=bearer(token))
    assert r.status_code == 200, r.text
    out = r.json()
    assert set(out) == {"verdict", "findings", "analysis"}
    assert [c["offence"] for c in out["analysis"]["charges"]] == [
        c["offence"] for c in body["judicial"]["charges"]
    ]
    assert out["verdict"] == EXPECTED[name]["verdict"]
    assert set(EXPECTED[name]["codes"]) <= {f["code"] for f in out["findings"]}
    for f in out["findings"]:
        assert set(f) == {"code", "severity", "rule", "basis", "message", "evidence"}
        assert f["message"]
    assert rows(store) == before  # a check stores nothing


def test_invalid_request_is_422_with_the_field_named(api: TestClient, token: str) -> None:
    r = api.post(URL, json=request_dict(**{"requesting_country": "XX"}), headers=bearer(token))
    assert r.status_code == 422
    assert (
        r.json()["error"]["code"] == "invalid_input" and "requesting_country" in r.json()["error"]["message"]
    )
    r = api.post(URL, json=request_dict(**{"subject.date_of_birth": "1971-02-30"}), headers=bearer(token))
    assert r.status_code == 422


def test_openapi_documents_the_result(api: TestClient) -> None:
    spec = api.get("/openapi.json").json()
    op = spec["paths"][URL]["post"]
    assert "200" in op["responses"]
    assert "CheckOut" in json.dumps(op["responses"]["200"])
