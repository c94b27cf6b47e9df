"""A real PAXLST manifest with envelope faults, uploaded over the API: every traveller is screened and
the faults reach the caller as ``input_warnings`` (issue 15, item 1)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from tests.interface.conftest import auth

DATA = Path(__file__).resolve().parents[1] / "data" / "paxlst"


def test_envelope_faults_are_warnings_in_the_upload_answer(client: TestClient, users: dict[str, str]) -> None:
    data = (DATA / "gtas_gtas-loader_src_test_resources_apis-messages_Test1.txt").read_bytes()
    r = client.post(
        "/api/v1/screenings/upload",
        files={"file": ("crew.edi", data)},
        headers=auth(users["ncb-de"]),
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == 8  # the whole crew, although UNT, UNE and UNZ do not add up
    assert body["input_errors"] == []
    reasons = [w["reason"] for w in body["input_warnings"]]
    assert any("UNT says '0000152' segments" in reason for reason in reasons)
    assert any("UNZ reference" in reason for reason in reasons)
