"""After a hit in the API (both databases): outcomes inform the requester and the GS, the safeguards
checklist (refugee status reported, the granting country in no response to the locating or requesting
NCB), extradition requested and refused, addenda, role checks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from rednotice.bootstrap import Store
from rednotice.domain.users import SYSTEM, Role
from rednotice.services import users as us
from rednotice.web import after_hit_api
from rednotice.web.app import create_app
from tests.factories import request_dict
from tests.interface.conftest import PASSWORD, auth


def _app(store: Store) -> FastAPI:
    """The app with this router ahead of the screening router (until web/app.py includes it so)."""
    app = create_app(store)
    before = len(app.router.routes)
    app.include_router(after_hit_api.router)
    ours = app.router.routes[before:]
    del app.router.routes[before:]
    app.router.routes[0:0] = ours
    return app


@pytest.fixture
def api(store: Store) -> Iterator[TestClient]:
    with TestClient(_app(store)) as c:
        yield c


@pytest.fixture
def tokens(store: Store, users: dict[str, str]) -> dict[str, str]:
    for name, country in (("ncb-es", "ES"), ("ncb-nz", "NZ")):
        us.add_user(us.AddUser(name, Role.NCB_OFFICER, PASSWORD, country), SYSTEM, store.uow())
        users[name] = us.issue_token(name, "test", SYSTEM, store.uow())
    return users


def _published(api: TestClient, tokens: dict[str, str]) -> str:
    r = api.post("/api/v1/requests", json=request_dict(), headers=auth(tokens["ncb-fr"]))
    assert r.status_code == 201, r.text
    nid = r.json()["id"]
    ref = nid.replace("/", "-")
    for action, reasons in (("start_review", ""), ("publish", "compliant")):
        r = api.post(
            f"/api/v1/notices/{ref}/transitions",
            json={"action": action, "reasons": reasons},
            headers=auth(tokens["reviewer"]),
        )
        assert r.status_code == 200, r.text
    return str(nid)


def _hit(api: TestClient, tokens: dict[str, str]) -> int:
    r = api.post(
        "/api/v1/screenings",
        json={
            "queries": [
                {"id": "pax", "family_name": "DURAND", "given_names": "Paul", "birth_date": "1971-04-02"}
            ]
        },
        headers=auth(tokens["ncb-es"]),
    )
    assert r.status_code == 200, r.text
    hits = api.get(f"/api/v1/screenings/{r.json()['id']}/hits", headers=auth(tokens["ncb-es"])).json()
    return int(hits[0]["id"])


def _notes(api: TestClient, token: str) -> list[dict[str, Any]]:
    r = api.get("/api/v1/notifications", headers=auth(token))
    assert r.status_code == 200, r.text
    return list(r.json())


def test_the_whole_path_after_a_hit(api: TestClient, tokens: dict[str, str]) -> None:
    nid = _published(api, tokens)
    ref = nid.replace("/", "-")
    # NZ confirms that the person is a refugee from TR (FR's notice stays: FR is not the persecutor)
    r = api.post(
        "/api/v1/refugee-status",
        json={
            "subject": {"family_name": "DURAND", "given_names": "Paul Henri", "date_of_birth": "1971-04-02"},
            "status": "refugee",
            "persecution_country": "TR",
            "basis": "Recognised by the NZ tribunal",
        },
        headers=auth(tokens["ncb-nz"]),
    )
    assert r.status_code == 201, r.text
    h = _hit(api, tokens)
    es, fr, de = auth(tokens["ncb-es"]), auth(tokens["ncb-fr"]), auth(tokens["ncb-de"])
    responses: list[str] = []  # everything the locating and requesting NCBs receive

    # not the person: nobody is told; the requester cannot see the hit
    r = api.post(f"/api/v1/hits/{h}/outcome", json={"outcome": "not_the_person"}, headers=es)
    assert r.status_code == 200 and r.json()["informed"] == []
    assert _notes(api, tokens["ncb-fr"]) == []
    assert api.get(f"/api/v1/hits/{h}/follow-up", headers=fr).status_code == 404
    # only the locating NCB records the outcome
    assert api.post(f"/api/v1/hits/{h}/outcome", json={"outcome": "located"}, headers=fr).status_code == 404
    assert api.post(f"/api/v1/hits/{h}/outcome", json={"outcome": "located"}, headers=de).status_code == 404
    assert (
        api.post(
            f"/api/v1/hits/{h}/outcome", json={"outcome": "located"}, headers=auth(tokens["reviewer"])
        ).status_code
        == 403
    )
    r = api.post(f"/api/v1/hits/{h}/outcome", json={"outcome": "located", "notes": "gate 4"}, headers=es)
    assert r.status_code == 200 and r.json()["informed"] == ["FR", "GS"]
    responses.append(r.text)
    [told] = _notes(api, tokens["ncb-fr"])
    assert (
        told["kind"] == "hit.located" and told["notice_id"] == nid and "not an arrest warrant" in told["text"]
    )
    assert any(n["kind"] == "hit.located" for n in _notes(api, tokens["reviewer"]))

    # the checklist
    r = api.get(f"/api/v1/hits/{h}/safeguards", headers=es)
    assert r.status_code == 200, r.text
    responses.append(r.text)
    checklist = r.json()["checklist"]
    assert checklist["refugee_or_asylum"]["answer"] == "reported"
    assert checklist["treaty_in_force"]["answer"] == "unknown"
    assert api.get(f"/api/v1/hits/{h}/safeguards", headers=fr).status_code == 403
    assert api.get(f"/api/v1/hits/{h}/safeguards", headers=de).status_code == 404
    body = {"treaty_in_force": "yes", "person_informed": True, "notes": "told with an interpreter"}
    assert api.post(f"/api/v1/hits/{h}/safeguards", json=body, headers=fr).status_code == 403
    assert (
        api.post(f"/api/v1/hits/{h}/safeguards", json={"treaty_in_force": "maybe"}, headers=es).status_code
        == 422
    )
    r = api.post(f"/api/v1/hits/{h}/safeguards", json=body, headers=es)
    assert r.status_code == 200, r.text
    responses.append(r.text)
    assert r.json()["checklist"]["treaty_in_force"]["answer"] == "yes"
    assert r.json()["checklist"]["right_to_contest"]["answer"] is True

    # extradition requested (the requester only), then refused (the locating NCB only)
    req = {"reference": "EXT-2026-3"}
    assert api.post(f"/api/v1/hits/{h}/extradition-request", json=req, headers=es).status_code == 403
    assert api.post(f"/api/v1/hits/{h}/extradition-request", json=req, headers=de).status_code == 404
    r = api.post(f"/api/v1/hits/{h}/extradition-request", json=req, headers=fr)
    assert r.status_code == 201, r.text
    responses.append(r.text)
    refusal = {"grounds": ["art2", "refugee"], "reasons": "Court: protected by NZ, real risk of torture."}
    assert api.post(f"/api/v1/hits/{h}/extradition-refused", json=refusal, headers=fr).status_code == 403
    assert api.post(f"/api/v1/hits/{h}/extradition-refused", json=refusal, headers=de).status_code == 404
    r = api.post(f"/api/v1/hits/{h}/extradition-refused", json=refusal, headers=es)
    assert r.status_code == 201, r.text
    assert r.json()["review_reopened"] is True

    # the addendum: visible with the notice to NCBs that can see it, without country or reasons
    for who in (fr, de):
        r = api.get(f"/api/v1/notices/{ref}/addenda", headers=who)
        assert r.status_code == 200
        [addendum] = r.json()
        assert addendum["kind"] == "extradition_refused" and addendum["country"] is None
        assert "torture" not in addendum["text"] and "refugee" not in addendum["text"].lower()
        responses.append(r.text)
    flags = api.get(f"/api/v1/review-flags?notice={ref}", headers=auth(tokens["reviewer"])).json()
    assert [f["source"] for f in flags] == ["country_position"]
    positions = api.get(f"/api/v1/notices/{ref}/positions", headers=auth(tokens["reviewer"])).json()
    assert [p["kind"] for p in positions["positions"]] == ["extradition_refused"]

    for path in (f"/api/v1/hits/{h}/follow-up", f"/api/v1/hits/{h}/safeguards"):
        r = api.get(path, headers=es)
        assert r.status_code == 200
        responses.append(r.text)
    r = api.get(f"/api/v1/hits/{h}/follow-up", headers=fr)
    assert r.status_code == 200 and "torture" not in r.text
    responses.append(r.text)
    responses += [api.get("/api/v1/notifications", headers=who).text for who in (es, fr)]
    for text in responses:
        assert '"NZ"' not in text and "NZ tribunal" not in text, text


def test_addenda_follow_the_notice_visibility(api: TestClient, tokens: dict[str, str]) -> None:
    nid = _published(api, tokens)
    r = api.get(f"/api/v1/notices/{nid.replace('/', '-')}/addenda", headers=auth(tokens["oversight"]))
    assert r.status_code == 404
    assert api.get("/api/v1/hits/999/safeguards", headers=auth(tokens["ncb-es"])).status_code == 404
    too_big = api.post(
        f"/api/v1/hits/{2**40}/outcome", json={"outcome": "located"}, headers=auth(tokens["ncb-es"])
    )
    assert too_big.status_code == 422


def test_cli_sweep_after_hits(cli_store: Store) -> None:
    import typer
    from typer.testing import CliRunner

    from rednotice.cli import after_hit as cli

    app = typer.Typer()
    app.command("noop")(lambda: None)
    cli.register(app)
    result = CliRunner().invoke(app, ["sweep", "after-hits", "--days", "30"])
    assert result.exit_code == 0, result.output
    assert "flagged 0 hit(s)" in result.output and "30 days" in result.output
