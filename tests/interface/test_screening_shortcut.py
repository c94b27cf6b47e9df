"""The screening route's short way (web/screening_shortcut.py, issue 18): an ordinary request from a
system whose token was verified lately is answered without the rest of the application, audited and
recorded as always; every other request is answered by the whole application, as before. Both ways give
the same answers: each request below is sent as is (the short way when ordinary) and with a query
string (which the short way always leaves to the application; the route ignores it)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import MutableMapping
from typing import Any

import pytest
from fastapi.testclient import TestClient

from rednotice.bootstrap import Store
from rednotice.web import screening_api, screening_shortcut
from rednotice.web.screening_shortcut import ScreeningShortcut
from tests.interface.conftest import auth
from tests.interface.test_screening_api import publish

PATH = "/api/v1/screenings"
QUERY = {"id": "a", "name": "Paul DURAND", "birth_date": "1971-04-02", "nationality": "FRA"}
VARYING = ("id", "created_at")
"""Differ between any two screenings."""


def _audited_searches(store: Store) -> int:
    with store.uow() as uow:
        return sum(1 for e in uow.audit.events() if e.action.startswith("screening"))


def _same(a: Any, b: Any) -> None:
    assert a.status_code == b.status_code, (a.text, b.text)
    if a.status_code in (200, 202):
        ja, jb = a.json(), b.json()
        assert {k: v for k, v in ja.items() if k not in VARYING} == {
            k: v for k, v in jb.items() if k not in VARYING
        }
    else:
        assert a.json() == b.json()
    for name in (
        "content-type",
        "content-security-policy",
        "cache-control",
        "x-content-type-options",
        "x-frame-options",
        "www-authenticate",
        "set-cookie",
    ):
        assert a.headers.get(name) == b.headers.get(name), name


def test_the_app_answers_an_ordinary_screening_the_short_way(
    client: TestClient, store: Store, users: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    nid = publish(store)
    calls: list[int] = []
    answer = screening_api.answer

    def counted(*args: Any) -> Any:
        calls.append(1)
        return answer(*args)

    monkeypatch.setattr(screening_shortcut, "answer", counted)
    h = auth(users["ncb-de"])
    before = _audited_searches(store)
    first = client.post(PATH, json={"queries": [QUERY]}, headers=h)  # verifies the token: the whole app
    assert first.status_code == 200 and calls == []
    second = client.post(PATH, json={"queries": [QUERY]}, headers=h)  # verified lately: the short way
    assert second.status_code == 200 and calls == [1]
    assert second.json()["results"][0]["matches"][0]["notice_id"] == nid
    assert _audited_searches(store) == before + 2  # every search in the audit trail, either way
    kept = client.get(f"{PATH}/{second.json()['id']}/hits", headers=h)
    assert kept.status_code == 200 and [x["notice_id"] for x in kept.json()] == [nid]


def test_the_short_way_needs_nothing_behind_it(
    client: TestClient, store: Store, users: dict[str, str]
) -> None:
    """Called alone (whatever is behind it fails the test), it answers an ordinary request itself."""
    publish(store)
    h = auth(users["ncb-de"])
    assert client.post(PATH, json={"queries": [QUERY]}, headers=h).status_code == 200
    app: Any = client.app

    async def behind(scope: Any, receive: Any, send: Any) -> None:
        raise AssertionError("passed on")

    body = json.dumps({"queries": [QUERY]}).encode()
    sent: list[dict[str, Any]] = []

    async def receive() -> MutableMapping[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(dict(message))

    scope = {
        "type": "http",
        "method": "POST",
        "path": PATH,
        "query_string": b"",
        "headers": [
            (b"authorization", h["Authorization"].encode()),
            (b"content-type", b"application/json"),
        ],
        "app": app,
    }
    asyncio.run(ScreeningShortcut(behind)(scope, receive, send))
    assert sent[0]["status"] == 200
    assert json.loads(sent[1]["body"])["results"][0]["matches"]


@pytest.mark.parametrize(
    ("who", "body", "headers"),
    [
        ("ncb-de", {"queries": [QUERY]}, {}),
        ("ncb-de", {"queries": [QUERY, {"id": "b", "name": ""}]}, {}),  # one line refused, kept
        ("reviewer", {"queries": [QUERY], "country": "DE"}, {}),
        ("ncb-de", {"queries": [{"id": "x", "name": ""}]}, {"Accept-Language": "fr"}),  # no valid query
        ("ncb-de", {"queries": []}, {}),  # the model refuses it (422)
        ("ncb-de", {"queries": [{"name": 12}]}, {"Accept-Language": "es"}),
        ("ncb-de", "{not json", {}),
        ("ccf", {"queries": [QUERY]}, {"Accept-Language": "fr"}),  # a role that does not screen (403)
        ("nobody", {"queries": [QUERY]}, {}),  # no such token (401)
        ("ncb-de", {"queries": [QUERY]}, {"Content-Type": "text/plain"}),
    ],
)
def test_both_ways_give_the_same_answer(
    client: TestClient, store: Store, users: dict[str, str], who: str, body: Any, headers: dict[str, str]
) -> None:
    publish(store)
    for name in ("ncb-de", "reviewer", "ccf"):  # every token verified lately, so each may go the short way
        client.post(PATH, json={"queries": [QUERY]}, headers=auth(users[name]))
    token = users.get(who, "not-a-token")
    content = body if isinstance(body, str) else json.dumps(body)
    h = {**auth(token), "Content-Type": "application/json", **headers}
    short = client.post(PATH, content=content, headers=h)
    whole = client.post(f"{PATH}?via=app", content=content, headers=h)
    _same(short, whole)


def test_an_oversized_body_is_refused_before_either_way(
    client: TestClient, store: Store, users: dict[str, str]
) -> None:
    h = {**auth(users["ncb-de"]), "Content-Type": "application/json"}
    client.post(PATH, json={"queries": [QUERY]}, headers=h)
    big = json.dumps({"queries": [QUERY] * 1}).encode() + b" " * (store.settings.max_upload_bytes + 1)
    r = client.post(PATH, content=big, headers=h)
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"
