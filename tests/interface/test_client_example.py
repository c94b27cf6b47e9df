"""examples/ncb_client.py (docs/client.md) runs against the application, so the example cannot rot: an NCB
signs in, submits a request, follows it to the reviewer's decision, screens a manifest and reads the
results as they stream."""

from __future__ import annotations

import importlib.util
import sys
import threading
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from rednotice.bootstrap import Store
from rednotice.web.app import create_app
from tests.factories import request_dict
from tests.interface.conftest import PASSWORD, auth

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ncb_client.py"

MANIFEST = "\n".join(
    [
        "UNA:+.? '",
        "UNB+UNOA:4+AIRLINE+FRAPIS+260115:0900+000000001'",
        "UNH+PAX001+PAXLST:D:05B:UN:IATA+API01+01'",
        "BGM+745'",
        "NAD+MS+++OPERATIONS'",
        "TDT+20+AF123+++AF'",
        "LOC+125+JFK'",
        "DTM+189:2601151230:201'",
        "LOC+87+CDG'",
        "DTM+232:2601160200:201'",
        "NAD+FL+++DURAND:PAUL HENRI'",
        "ATT+2++M'",
        "DTM+329:710402'",
        "NAT+2+FRA'",
        "DOC+P:110:111+14AB12345'",
        "NAD+FL+++OKAFOR:CHIDI'",
        "ATT+2++M'",
        "DTM+329:880917'",
        "NAT+2+NGA'",
        "CNT+42:2'",
        "UNT+18+PAX001'",
        "UNZ+1+000000001'",
    ]
)
"""Two travellers, one of them the person the request is about."""


@pytest.fixture
def example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ncb_client", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["ncb_client"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def app(store: Store) -> FastAPI:
    return create_app(store)


def _decide_later(app: FastAPI, reviewer_token: str, ref: str, delay: float) -> threading.Thread:
    """A reviewer takes the request and publishes it while the NCB's system polls."""

    def decide() -> None:
        time.sleep(delay)
        with TestClient(app) as reviewer:
            for body in ({"action": "start_review"}, {"action": "publish", "reasons": "compliant: checked"}):
                answer = reviewer.post(
                    f"/api/v1/notices/{ref}/transitions", json=body, headers=auth(reviewer_token)
                )
                assert answer.status_code == 200, answer.text

    thread = threading.Thread(target=decide)
    thread.start()
    return thread


def test_the_example_signs_in_submits_follows_screens_and_streams(
    example: Any, app: FastAPI, users: dict[str, str]
) -> None:
    with TestClient(app) as client:
        token = example.authenticate(client, "ncb-fr", PASSWORD)
        assert token and client.headers["Authorization"] == f"Bearer {token}"

        notice = example.submit_request(client, request_dict())
        assert notice["state"] == "submitted"
        reviewer = _decide_later(app, users["reviewer"], example.url_ref(notice["id"]), delay=0.3)
        decided = example.follow_decision(client, notice["id"], every=0.05, timeout=60)
        reviewer.join()
        assert decided["state"] == "published"
        assert decided["decision"] is not None

        run = example.screen_manifest(client, MANIFEST.encode(), "af123.edi")
        assert run["total"] == 2
        lines = list(example.stream_results(client, run["id"]))
        assert len(lines) == 2
        found = {line["query_id"]: [m["notice_id"] for m in line["matches"]] for line in lines}
        assert [notice["id"]] in found.values()  # Paul Henri Durand, the notice just published
        assert [] in found.values()  # the other traveller: no match

        with pytest.raises(example.ApiError) as refused:
            example.follow_decision(client, "2099/99999", every=0.01, timeout=1)
        assert (refused.value.status, refused.value.code) == (404, "not_found")


def test_the_example_as_a_command(
    example: Any,
    app: FastAPI,
    users: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``main`` as an operator runs it, its httpx client replaced by one bound to the app in process."""
    manifest = tmp_path / "af123.edi"
    manifest.write_text(MANIFEST)
    monkeypatch.setattr(example.httpx, "Client", lambda **_: TestClient(app))
    monkeypatch.setenv("REDNOTICE_PASSWORD", PASSWORD)
    assert example.main(["--username", "ncb-fr", "--manifest", str(manifest)]) == 0
    out = capsys.readouterr().out
    assert "2 travellers" in out

    monkeypatch.setenv("REDNOTICE_PASSWORD", "not the password")
    assert example.main(["--username", "ncb-fr", "--manifest", str(manifest)]) == 1
    assert "401 unauthenticated" in capsys.readouterr().err
