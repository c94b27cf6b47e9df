"""Rate limits on anonymous endpoints and on sign-in (issue 14, item 10): 429 with Retry-After and the
project's error shape; per address, and for sign-in per username too without telling which exist."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from rednotice.bootstrap import Store
from rednotice.config import Environment, Settings
from rednotice.web.app import create_app
from tests.interface.conftest import PASSWORD


@pytest.fixture
def limited(store: Store) -> Store:
    s = store.settings
    s.rate_limits = True
    s.rate_limit_public = "5/minute"
    s.rate_limit_forms = "3/hour"
    s.rate_limit_sign_in = "8/minute"
    s.rate_limit_sign_in_user = "3/minute"
    return store


@pytest.fixture
def app_client(limited: Store) -> Iterator[TestClient]:
    with TestClient(create_app(limited), base_url="https://testserver") as c:
        yield c


def _from(app_client: TestClient, address: str) -> TestClient:
    return TestClient(app_client.app, base_url="https://testserver", client=(address, 40000))


def _is_limited(r: object, window: int = 60) -> None:
    from httpx import Response

    assert isinstance(r, Response)
    assert r.status_code == 429, r.text
    wait = int(r.headers["Retry-After"])
    assert 1 <= wait <= window
    body = r.json()
    assert body["error"]["code"] == "rate_limited"
    assert body["error"]["details"]["retry_after"] == wait


@pytest.mark.parametrize(
    "path", ["/notices/v1/red", "/transparency/v1/figures", "/public/notices", "/transparency"]
)
def test_public_endpoints_are_limited_per_address(app_client: TestClient, path: str) -> None:
    for _ in range(5):
        assert app_client.get(path).status_code == 200
    _is_limited(app_client.get(path))
    # the limit is per address: another one is answered
    assert _from(app_client, "203.0.113.9").get(path).status_code == 200


def test_a_page_refused_by_the_limit_is_a_page(app_client: TestClient) -> None:
    for _ in range(5):
        app_client.get("/transparency")
    r = app_client.get("/transparency", headers={"Accept": "text/html"})
    assert r.status_code == 429 and r.headers["content-type"].startswith("text/html")
    assert "Too many requests" in r.text and int(r.headers["Retry-After"]) >= 1


def test_public_forms_are_limited(app_client: TestClient) -> None:
    for _ in range(3):
        r = app_client.post("/api/v1/harassment-reports", json={})
        assert r.status_code != 429
    _is_limited(app_client.post("/api/v1/harassment-reports", json={}), 3600)
    _is_limited(app_client.post("/api/v1/ccf/applications", json={}), 3600)  # one budget for the forms


def test_signed_in_work_is_not_limited(app_client: TestClient, users: dict[str, str]) -> None:
    for _ in range(12):
        r = app_client.get("/api/v1/notices", headers={"Authorization": f"Bearer {users['reviewer']}"})
        assert r.status_code == 200


def test_sign_in_is_limited_per_username_whether_it_exists_or_not(
    app_client: TestClient, users: dict[str, str]
) -> None:
    """Each attempt comes from a new address: only the per-username limit can bite, and it bites the
    same way for an account that exists and one that does not."""
    answers: dict[str, list[tuple[int, str]]] = {}
    for n, name in enumerate(("ncb-fr", "nobody-here")):
        seen = []
        for i in range(4):
            c = _from(app_client, f"198.51.100.{n * 10 + i}")
            r = c.post("/api/v1/tokens", json={"username": name, "password": "wrong password"})
            seen.append((r.status_code, r.json()["error"]["code"]))
        answers[name] = seen
    assert answers["ncb-fr"] == answers["nobody-here"]
    assert [s for s, _ in answers["ncb-fr"]] == [401, 401, 401, 429]
    # another spelling of the same name is the same name
    r = _from(app_client, "198.51.100.99").post("/login", data={"username": " NCB-FR ", "password": "x"})
    assert r.status_code == 429
    # another user is not affected
    r = _from(app_client, "198.51.100.98").post(
        "/api/v1/tokens", json={"username": "reviewer", "password": PASSWORD}
    )
    assert r.status_code == 201


def test_sign_in_is_limited_per_address(app_client: TestClient, users: dict[str, str]) -> None:
    """Successful sign-ins count too: one address cannot spray, whatever the names."""
    for i in range(8):
        name = ["reviewer", "ccf", "oversight", "admin"][i % 4]
        r = app_client.post("/api/v1/tokens", json={"username": name, "password": PASSWORD})
        assert r.status_code == 201, r.text
    _is_limited(app_client.post("/api/v1/tokens", json={"username": "reviewer2", "password": PASSWORD}))
    assert app_client.post("/login", data={"username": "reviewer2", "password": PASSWORD}).status_code == 429


def test_limits_are_on_by_default_outside_tests(tmp_path: object) -> None:
    assert Settings(env=Environment.DEVELOPMENT).rate_limited
    assert Settings(env=Environment.PRODUCTION, secret_key="Zq8-xW3_pL9vNc2Tr7Hy5Bk1Jm4Fd6Gs0Qa").rate_limited
    assert not Settings(env=Environment.TEST, secret_key="t" * 40).rate_limited
    with pytest.raises(ValueError, match="rate limit"):
        Settings(rate_limit_public="lots")
