"""The input warnings of a screening are kept with its run (issue 15 leftover): reading the run back
over the API shows them again, as the upload's answer did."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from tests.interface.conftest import auth

DATA = Path(__file__).resolve().parents[1] / "data" / "paxlst"


def test_the_run_read_back_shows_the_upload_warnings(client: TestClient, users: dict[str, str]) -> None:
    data = (DATA / "gtas_gtas-loader_src_test_resources_apis-messages_Test1.txt").read_bytes()
    r = client.post(
        "/api/v1/screenings/upload", files={"file": ("crew.edi", data)}, headers=auth(users["ncb-de"])
    )
    assert r.status_code == 200, r.text
    said = r.json()["input_warnings"]
    assert any("UNZ reference" in w["reason"] for w in said)
    back = client.get(f"/api/v1/screenings/{r.json()['id']}", headers=auth(users["ncb-de"]))
    assert back.status_code == 200, back.text
    assert back.json()["input_warnings"] == said


def test_a_run_without_doubts_reads_back_with_none(client: TestClient, users: dict[str, str]) -> None:
    r = client.post(
        "/api/v1/screenings", json={"queries": [{"name": "Paul Durand"}]}, headers=auth(users["ncb-de"])
    )
    assert r.status_code == 200, r.text
    assert r.json()["input_warnings"] == []
    back = client.get(f"/api/v1/screenings/{r.json()['id']}", headers=auth(users["ncb-de"]))
    assert back.json()["input_warnings"] == []
