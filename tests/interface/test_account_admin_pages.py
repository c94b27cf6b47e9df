"""Account administration through the pages, the API and the CLI (issue 16, item 10; issue 14, item 6).

The conftest's ``users`` fixture gives every role an account (password ``PASSWORD``) and a bearer token.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from rednotice.adapters import security
from rednotice.bootstrap import Store
from rednotice.cli.main import app as cli
from rednotice.domain.users import SYSTEM
from rednotice.services import users as us
from rednotice.web.app import create_app
from tests.interface.conftest import PASSWORD, auth

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
CODE = re.compile(r"rr-[0-9a-f]{48}")
NEW_PASSWORD = "a brand new passphrase 7"


@pytest.fixture
def web(store: Store) -> Iterator[TestClient]:
    us.clear_token_cache()
    with TestClient(create_app(store), base_url="https://testserver") as client:
        yield client


def csrf(client: TestClient, path: str = "/") -> str:
    found = CSRF.search(client.get(path).text)
    assert found, f"no CSRF token on {path}"
    return found.group(1)


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> int:
    r = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": csrf(client, "/login")},
        follow_redirects=False,
    )
    status: int = r.status_code
    return status


def visible_text(page: str) -> str:
    """What a person reads: no tags, no attribute values."""
    return html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)))


def second_client(store: Store) -> TestClient:
    return TestClient(create_app(store), base_url="https://testserver")


def test_roles_are_shown_by_their_names(web: TestClient, users: dict[str, str]) -> None:
    assert sign_in(web, "admin") == 303
    listing = web.get("/admin/users")
    one = web.get("/admin/users/ncb-fr")
    for page in (listing, one):
        assert page.status_code == 200
        text = visible_text(page.text)
        for raw in ("ncb_officer", "oversight)", "reviewer)", "admin)"):
            assert raw not in text, raw
    assert "NCB officer" in visible_text(listing.text)
    assert "General Secretariat reviewer" in visible_text(listing.text)
    assert "NCB officer" in visible_text(one.text)


def test_deactivating_stops_the_persons_token_and_session_at_once(
    web: TestClient, store: Store, users: dict[str, str]
) -> None:
    with second_client(store) as officer:
        assert sign_in(officer, "ncb-fr") == 303
        assert officer.get("/", follow_redirects=False).status_code == 200
        assert web.get("/api/v1/notices", headers=auth(users["ncb-fr"])).status_code == 200  # now cached

        assert sign_in(web, "admin") == 303
        r = web.post("/admin/users/ncb-fr/deactivate", data={"csrf_token": csrf(web, "/admin/users/ncb-fr")})
        assert r.status_code == 200 and "deactivated" in r.text

        assert web.get("/api/v1/notices", headers=auth(users["ncb-fr"])).status_code == 401
        assert officer.get("/", follow_redirects=False).headers["location"].startswith("/login")
        assert sign_in(officer, "ncb-fr") != 303
    with store.reader() as uow:
        [event] = [e for e in uow.audit.events() if e.action == "user.deactivate"]
    assert event.actor.startswith("admin ") and event.subject == "user:ncb-fr"

    r = web.post("/admin/users/ncb-fr/reactivate", data={"csrf_token": csrf(web, "/admin/users/ncb-fr")})
    assert r.status_code == 200
    with second_client(store) as officer:
        assert sign_in(officer, "ncb-fr") == 303


def test_an_administrator_cannot_deactivate_themselves(web: TestClient, users: dict[str, str]) -> None:
    assert sign_in(web, "admin") == 303
    page = web.get("/admin/users/admin")
    assert "/admin/users/admin/deactivate" not in page.text
    r = web.post("/admin/users/admin/deactivate", data={"csrf_token": csrf(web, "/admin/users/admin")})
    assert r.status_code == 200 and "another administrator" in r.text
    assert web.get("/admin/users").status_code == 200  # still signed in


def test_a_password_reset_gives_a_one_time_code_the_person_uses(
    web: TestClient, store: Store, users: dict[str, str]
) -> None:
    assert sign_in(web, "admin") == 303
    r = web.post("/admin/users/ccf/password-reset", data={"csrf_token": csrf(web, "/admin/users/ccf")})
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    [code] = set(CODE.findall(r.text))
    assert "/reset-password" in r.text
    assert "/reset-password?" not in r.text  # the code is not put in an address (logs, history)
    assert CODE.findall(web.get("/admin/users/ccf").text) == []  # shown once

    with second_client(store) as person:
        assert sign_in(person, "ccf") != 303  # the old password stopped
        token = csrf(person, "/reset-password")
        weak = person.post(
            "/reset-password",
            data={
                "csrf_token": token,
                "code": code,
                "password": "Password1234",
                "password_again": "Password1234",
            },
        )
        assert weak.status_code == 422 and "known-weak" in weak.text
        differ = person.post(
            "/reset-password",
            data={
                "csrf_token": token,
                "code": code,
                "password": NEW_PASSWORD,
                "password_again": "other 12345",
            },
        )
        assert differ.status_code == 422
        done = person.post(
            "/reset-password",
            data={
                "csrf_token": token,
                "code": code,
                "password": NEW_PASSWORD,
                "password_again": NEW_PASSWORD,
            },
        )
        assert done.status_code == 200 and "Your new password is set" in done.text
        again = person.post(
            "/reset-password",
            data={
                "csrf_token": token,
                "code": code,
                "password": NEW_PASSWORD,
                "password_again": NEW_PASSWORD,
            },
        )
        assert again.status_code == 422 and "does not work" in again.text
        assert sign_in(person, "ccf", NEW_PASSWORD) == 303
        assert person.get("/", follow_redirects=False).status_code == 200
    with store.reader() as uow:
        events = [(e.actor.split(" ")[0], e.action) for e in uow.audit.events() if e.subject == "user:ccf"]
    assert ("admin", "user.password_reset") in events and ("ccf", "user.password_set") in events


def test_the_user_page_lists_tokens_and_sessions_without_secrets_and_revokes_them(
    web: TestClient, store: Store, users: dict[str, str]
) -> None:
    secret = users["reviewer"]
    assert web.get("/api/v1/review-queue", headers=auth(secret)).status_code != 401
    with second_client(store) as person:
        assert sign_in(person, "reviewer") == 303
        assert sign_in(web, "admin") == 303
        page = web.get("/admin/users/reviewer")
        assert page.status_code == 200
        assert secret not in page.text and security.hash_token(secret) not in page.text
        assert security.hash_token(secret)[16:] not in page.text
        [token_form] = re.findall(r"/admin/users/reviewer/tokens/([0-9a-f]+)/revoke", page.text)
        [session_form] = re.findall(r"/admin/users/reviewer/sessions/([0-9a-f]+)/revoke", page.text)
        assert "Last used" in page.text

        r = web.post(f"/admin/users/reviewer/tokens/{token_form}/revoke", data={"csrf_token": csrf(web)})
        assert r.status_code == 200 and "revoked" in r.text
        assert web.get("/api/v1/notices", headers=auth(secret)).status_code == 401
        r = web.post(f"/admin/users/reviewer/sessions/{session_form}/revoke", data={"csrf_token": csrf(web)})
        assert r.status_code == 200
        assert person.get("/", follow_redirects=False).headers["location"].startswith("/login")
        r = web.post("/admin/users/reviewer/tokens/0000000000000000/revoke", data={"csrf_token": csrf(web)})
        assert r.status_code == 200 and "no open token" in r.text


def test_no_page_gives_an_administrator_another_persons_token(web: TestClient, users: dict[str, str]) -> None:
    assert sign_in(web, "admin") == 303
    for path in ("/admin/users", "/admin/users/ccf"):
        assert not re.findall(r"rn_[A-Za-z0-9_-]{20,}", web.get(path).text)
    r = web.post("/admin/users/ccf/token", data={"csrf_token": csrf(web), "label": "x"})
    assert not re.findall(r"rn_[A-Za-z0-9_-]{20,}", r.text)


def test_the_pages_refuse_other_roles_and_bad_input(web: TestClient, users: dict[str, str]) -> None:
    assert sign_in(web, "reviewer") == 303
    assert web.get("/admin/users/ncb-fr").status_code == 404
    r = web.post("/admin/users/ncb-fr/deactivate", data={"csrf_token": csrf(web)})
    assert r.status_code == 404
    assert web.get("/api/v1/notices", headers=auth(users["ncb-fr"])).status_code == 200  # nothing changed
    assert sign_in(web, "admin") == 303
    assert web.get("/admin/users/nobody").status_code == 404
    r = web.post("/admin/users/ncb-fr/deactivate", data={"csrf_token": "wrong"})
    assert r.status_code in (400, 403)
    assert web.get("/api/v1/notices", headers=auth(users["ncb-fr"])).status_code == 200
    r = web.post("/reset-password", data={"csrf_token": csrf(web, "/reset-password"), "code": "\x00" * 3})
    assert r.status_code == 422


def test_a_token_issued_over_the_api_is_listed_and_the_deactivated_persons_api_use_refused(
    web: TestClient, store: Store, users: dict[str, str]
) -> None:
    r = web.post("/api/v1/tokens", json={"username": "oversight", "password": PASSWORD, "label": "scripts"})
    assert r.status_code == 201
    token = r.json()["token"]
    assert web.get("/api/v1/figures", headers=auth(token)).status_code != 401
    _, found = us.credentials("oversight", SYSTEM, store.reader())
    assert {c.label for c in found} == {"test", "scripts"}
    us.set_active("oversight", False, SYSTEM, store.uow())
    assert web.get("/api/v1/figures", headers=auth(token)).status_code == 401
    r = web.post("/api/v1/tokens", json={"username": "oversight", "password": PASSWORD, "label": "again"})
    assert r.status_code == 401


# -- the CLI ------------------------------------------------------------------------------------------------

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(cli, list(args))
    return result.exit_code, result.stdout + result.stderr


def test_the_cli_deactivates_resets_shows_and_revokes(cli_store: Store, users: dict[str, str]) -> None:
    store = cli_store
    code, out = run("users", "show", "ncb-de", "--as", "admin")
    assert code == 0, out
    assert "NCB officer" in out and users["ncb-de"] not in out
    [public_id] = re.findall(r"^token ([0-9a-f]{16})", out, flags=re.M)
    code, out = run("users", "revoke", "ncb-de", public_id, "--as", "admin")
    assert code == 0, out
    with pytest.raises(Exception, match="revoked"):
        us.actor_for_token(users["ncb-de"], store.reader())

    code, out = run("users", "reset-password", "ncb-de", "--as", "admin")
    assert code == 0, out
    [reset] = CODE.findall(out)
    assert us.complete_password_reset(reset, NEW_PASSWORD, store.uow()).username == "ncb-de"

    code, out = run("users", "deactivate", "ncb-de")
    assert code == 0, out
    code, out = run("users", "deactivate", "ncb-de")
    assert code != 0 and "already deactivated" in out and "Traceback" not in out
    code, out = run("users", "reactivate", "ncb-de", "--as", "admin")
    assert code == 0, out
    code, out = run("users", "show", "nobody")
    assert code != 0 and "no user" in out
    code, out = run("users", "deactivate", "ncb-fr", "--as", "reviewer")
    assert code != 0 and "administrator" in out
    with store.reader() as uow:
        actors = [
            e.actor for e in uow.audit.events() if e.subject == "user:ncb-de" and e.action.startswith("user.")
        ]
    assert any(a.startswith("admin ") for a in actors) and any(a.startswith("cli:") for a in actors)


def test_a_tokens_default_label_is_in_the_readers_language(web: TestClient, users: dict[str, str]) -> None:
    """A token issued in the browser without a label is stored as "issued in the browser" and shown in the
    reader's language; a label someone wrote is shown as written."""
    assert sign_in(web, "admin") == 303
    for label in ("", "border system"):
        r = web.post("/admin/users/admin/token", data={"csrf_token": csrf(web), "label": label})
        assert r.status_code in (200, 303), r.text
    page = web.get("/admin/users/admin", headers={"Accept-Language": "fr"}).text
    assert "émis dans le navigateur" in page and "issued in the browser" not in page
    assert "border system" in page
