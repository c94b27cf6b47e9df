"""Issue 14 over HTTP: per-source sign-in throttle, chunked bodies, security headers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rednotice.bootstrap import Store
from rednotice.config import Environment, Settings
from rednotice.web import app as web_app
from rednotice.web.app import create_app
from tests.interface.conftest import PASSWORD


def test_one_source_cannot_try_username_after_username(client: TestClient, users: dict[str, str]) -> None:
    """Item 8: failures are throttled per source, across usernames (existing or not)."""
    for i in range(web_app.SOURCE_MAX_FAILURES):
        r = client.post("/api/v1/tokens", json={"username": f"guess-{i}", "password": "wrong password"})
        assert r.status_code == 401
    # now even the right password of another account is refused, unchecked, from this source
    r = client.post("/api/v1/tokens", json={"username": "reviewer", "password": PASSWORD})
    assert r.status_code == 429 and r.json()["error"]["code"] == "too_many_attempts"
    assert "Retry-After" in r.headers
    r = client.post("/login", data={"username": "reviewer", "password": PASSWORD})
    assert r.status_code == 429


def test_a_source_under_the_limit_is_not_throttled(client: TestClient, users: dict[str, str]) -> None:
    for i in range(3):
        client.post("/api/v1/tokens", json={"username": f"guess-{i}", "password": "wrong password"})
    r = client.post("/api/v1/tokens", json={"username": "reviewer", "password": PASSWORD})
    assert r.status_code == 201


def test_nul_bytes_in_a_sign_in_are_a_422(client: TestClient, users: dict[str, str]) -> None:
    """Item 13: a NUL byte gave 500 on PostgreSQL."""
    for body in (
        {"username": "rev\x00iewer", "password": PASSWORD},
        {"username": "reviewer", "password": "a long\x00password"},
        {"username": "reviewer", "password": PASSWORD, "label": "lab\x00el"},
    ):
        r = client.post("/api/v1/tokens", json=body)
        assert r.status_code == 422, (body, r.text)
        assert r.json()["error"]["code"] == "invalid_input"


def test_a_chunked_body_over_the_limit_is_a_413(store: Store, users: dict[str, str]) -> None:
    """Item 13: a chunked body over the limit got 400 instead of 413."""
    store.settings.max_upload_bytes = 1000

    def chunks() -> Iterator[bytes]:
        for _ in range(50):
            yield b"x" * 100

    with TestClient(create_app(store)) as client:
        r = client.post(
            "/api/v1/screenings/upload",
            content=chunks(),
            headers={
                "Authorization": f"Bearer {users['ncb-fr']}",
                "Content-Type": "multipart/form-data; boundary=xyz",
            },
        )
        assert r.status_code == 413, r.text
        assert r.json()["error"]["code"] == "too_large"
        r = client.post("/api/v1/tokens", content=chunks(), headers={"Content-Type": "application/json"})
        assert r.status_code == 413, r.text


def test_the_json_api_has_security_headers(client: TestClient, users: dict[str, str]) -> None:
    """Item 13: security headers on the JSON API too (the pages had them)."""
    for r in (client.get("/healthz"), client.get("/api/v1/notices"), client.get("/openapi.json")):
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert r.headers["X-Frame-Options"] == "DENY"
        assert "default-src 'none'" in r.headers["Content-Security-Policy"]
        assert "Strict-Transport-Security" not in r.headers  # not in test or development
    page = client.get("/login")
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]  # the pages keep their own


@pytest.fixture
def production_client(store: Store, tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(
        env=Environment.PRODUCTION,
        data_dir=tmp_path,
        secret_key="Zq8" + "x7Kp2mWv9-Lr4tYb6Nc1Hd3Js5Fg0Qa_",
        database_url=store.settings.database_url,
        background=False,
    )
    prod = Store(settings, store.engine, store.clock)
    with TestClient(create_app(prod), base_url="https://testserver") as c:
        yield c


def test_production_sends_hsts_and_hides_the_docs_from_strangers(
    production_client: TestClient, users: dict[str, str]
) -> None:
    r = production_client.get("/healthz")
    assert r.headers["Strict-Transport-Security"].startswith("max-age=")
    assert production_client.get("/login").headers["Strict-Transport-Security"]
    for path in ("/docs", "/redoc"):
        assert production_client.get(path).status_code == 401
        r = production_client.get(path, headers={"Authorization": f"Bearer {users['reviewer']}"})
        assert r.status_code == 200


def test_an_expired_token_is_a_401_and_the_cli_sets_the_lifetime(
    cli_store: Store, users: dict[str, str]
) -> None:
    from typer.testing import CliRunner

    from rednotice.cli.main import app as cli_app

    result = CliRunner().invoke(cli_app, ["users", "token", "reviewer", "--days", "2"])
    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    with TestClient(create_app(cli_store)) as client:
        headers = {"Authorization": f"Bearer {token}"}
        assert client.get("/api/v1/notices", headers=headers).status_code == 200
        cli_store.clock.now = datetime.now(UTC) + timedelta(days=3)  # type: ignore[attr-defined]
        r = client.get("/api/v1/notices", headers=headers)
        assert r.status_code == 401 and "expired" in r.json()["error"]["message"]
