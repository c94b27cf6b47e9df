"""The input warnings of a screening are kept with its run (issue 15 leftover): reading the run back
over the API shows them again, as the upload's answer did."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rednotice.bootstrap import Store
from rednotice.domain.users import SYSTEM
from rednotice.services.users import AddUser, add_user
from rednotice.web.app import create_app
from tests.interface.conftest import auth
from tests.interface.test_pages import DE, PASSWORD, csrf_of, run_page_of, sign_in

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


class TestThePage:
    """The run's page: right after the upload the message says it; read again, the run says it."""

    @pytest.fixture
    def page_client(self, store: Store) -> Iterator[TestClient]:
        add_user(AddUser(DE.username, DE.role, PASSWORD, DE.country), SYSTEM, store.uow())
        with TestClient(create_app(store), base_url="https://testserver") as c:
            yield c

    def test_the_warnings_are_shown_again_when_the_run_is_read_again(self, page_client: TestClient) -> None:
        sample = DATA / "gtas_gtas-job-scheduler-war_src_test_resources_tamr-integration-data_flight1.txt"
        sign_in(page_client, DE.username)
        token = csrf_of(page_client, "/screening")
        r = page_client.post(
            "/screening/upload",
            data={"csrf_token": token, "format": "paxlst"},
            files={"file": (sample.name, sample.read_bytes())},
            follow_redirects=False,
        )
        first = run_page_of(page_client, r)
        assert "UNT says" in first.text
        again = page_client.get(r.headers["location"])
        assert again.status_code == 200
        assert "The input raised 1 warning" in again.text and "UNT says" in again.text
