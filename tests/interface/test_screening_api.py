"""Screening over HTTP: batches, uploads (MRZ, PAXLST, CSV), jobs, results download, hits' outcomes."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from rednotice.bootstrap import Store
from rednotice.domain.lifecycle import Action
from rednotice.domain.users import Actor, Role
from rednotice.services import notices as ns
from rednotice.services import screening as sc
from tests.factories import make_request
from tests.interface.conftest import auth

FR = Actor("ncb-fr", Role.NCB_OFFICER, "FR")
REV = Actor("reviewer", Role.REVIEWER)
# A TD3 passport zone (check digits computed) for DURAND, PAUL HENRI born 1971-04-02.
MRZ_GOOD = "P<FRADURAND<<PAUL<HENRI<<<<<<<<<<<<<<<<<<<<<\n14AB123459FRA7104022M3001019<<<<<<<<<<<<<<02\n"


def publish(store: Store) -> str:
    n = ns.create_request(ns.CreateRequest(make_request()), FR, store.uow())
    ns.transition(ns.Transition(n.id, Action.START_REVIEW), REV, store.uow())
    ns.transition(ns.Transition(n.id, Action.PUBLISH, "compliant"), REV, store.uow())
    return n.id


def test_a_batch_is_answered_at_once_with_reasons(
    client: TestClient, store: Store, users: dict[str, str]
) -> None:
    nid = publish(store)
    body = {
        "queries": [
            {"id": "a", "name": "Paul DURAND", "birth_date": "1971-04-02", "nationality": "FRA"},
            {"id": "b", "family_name": "Durand", "given_names": "Paul", "birth_date": "1950"},
            {"id": "c", "name": ""},
        ]
    }
    r = client.post("/api/v1/screenings", json=body, headers=auth(users["ncb-de"]))
    assert r.status_code == 200, r.text
    out = r.json()
    assert [line["query_id"] for line in out["results"]] == ["a", "b"]
    assert out["results"][0]["matches"][0]["notice_id"] == nid and out["results"][0]["matches"][0]["reasons"]
    assert out["results"][1]["matches"] == []  # same name, birth date far apart: not a hit
    assert out["input_errors"][0]["line"] == 3
    r = client.get(f"/api/v1/screenings/{out['id']}/hits", headers=auth(users["ncb-de"]))
    hit = r.json()[0]
    r = client.post(
        f"/api/v1/hits/{hit['id']}/outcome",
        json={"outcome": "not_the_person", "notes": "other DOB"},
        headers=auth(users["ncb-de"]),
    )
    assert r.status_code == 200 and r.json()["outcome"] == "not_the_person"
    assert client.get(f"/api/v1/screenings/{out['id']}", headers=auth(users["ncb-fr"])).status_code == 404


def test_uploads_in_every_format_and_bad_files(
    client: TestClient, store: Store, users: dict[str, str]
) -> None:
    nid = publish(store)
    h = auth(users["ncb-de"])
    r = client.post("/api/v1/screenings/upload", files={"file": ("pax.mrz", MRZ_GOOD.encode())}, headers=h)
    assert r.status_code == 200, r.text
    assert r.json()["results"][0]["matches"][0]["notice_id"] == nid
    bad = MRZ_GOOD.replace("7104022M", "7104023M")  # wrong birth-date check digit
    r = client.post(
        "/api/v1/screenings/upload",
        files={"file": ("pax.mrz", (MRZ_GOOD + "\n" + bad).encode())},
        data={"format": "mrz"},
        headers=h,
    )
    assert r.status_code == 200 and r.json()["total"] == 1
    assert "check digit" in json.dumps(r.json()["input_errors"])
    csv = "id,family_name,given_names,birth_date\n1,Durand,Paul,1971-04-02\n"
    r = client.post("/api/v1/screenings/upload", files={"file": ("m.csv", csv.encode())}, headers=h)
    assert r.json()["hits"] == 1
    r = client.post(
        "/api/v1/screenings/upload",
        files={"file": ("x.mrz", bad.encode())},
        data={"format": "mrz"},
        headers=h,
    )
    assert r.status_code == 422 and "check digit" in r.json()["error"]["message"]
    r = client.post(
        "/api/v1/screenings/upload",
        files={"file": ("x.bin", b"\x00\x01garbage")},
        data={"format": "nope"},
        headers=h,
    )
    assert r.status_code == 422


def test_large_batches_become_jobs(
    client: TestClient, store: Store, users: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sc, "SYNC_LIMIT", 5)
    publish(store)
    queries = [{"id": str(i), "name": "Paul Durand" if i == 3 else f"Person Number{i}"} for i in range(12)]
    r = client.post("/api/v1/screenings", json={"queries": queries}, headers=auth(users["ncb-de"]))
    assert r.status_code == 202 and r.headers["location"].endswith(r.json()["id"])
    job = r.json()["id"]
    assert client.get(f"/api/v1/screenings/{job}", headers=auth(users["ncb-de"])).json()["status"] == "queued"
    engine = client.app.state.screening_engine  # type: ignore[attr-defined]
    assert sc.run_next_job(engine, store.uow, "test-worker") == job
    status = client.get(f"/api/v1/screenings/{job}", headers=auth(users["ncb-de"])).json()
    assert (status["status"], status["done"], status["hits"]) == ("done", 12, 1)
    r = client.get(f"/api/v1/screenings/{job}/results", headers=auth(users["ncb-de"]))
    lines = [json.loads(x) for x in r.text.splitlines()]
    assert r.headers["content-type"].startswith("application/x-ndjson") and len(lines) == 12


def test_screening_needs_a_screener(client: TestClient, users: dict[str, str]) -> None:
    body = {"queries": [{"name": "x"}]}
    assert client.post("/api/v1/screenings", json=body).status_code == 401
    assert client.post("/api/v1/screenings", json=body, headers=auth(users["oversight"])).status_code == 403
    assert (
        client.post("/api/v1/screenings", json={"queries": []}, headers=auth(users["ncb-de"])).status_code
        == 422
    )
