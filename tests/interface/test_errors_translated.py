"""Domain errors with values reach a French, Spanish or Arabic reader in their language, with the states,
actions and roles named as the pages name them; the JSON details keep the stored values."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from rednotice.web import i18n
from tests.factories import request_dict
from tests.interface.conftest import auth


def submitted(client: TestClient, token: str) -> str:
    r = client.post("/api/v1/requests", json=request_dict(), headers=auth(token))
    assert r.status_code == 201, r.text
    return str(r.json()["id"]).replace("/", "-")


def words(lang: str, text: str) -> str:
    return i18n.translations(lang).gettext(text)


@pytest.mark.parametrize(
    ("lang", "open_quote", "close_quote", "sentence"),
    [
        ("fr", "« ", " »", "ne peut pas faire l'objet de l'action"),
        ("es", "«", "»", "no admite la acción"),
        ("ar", "«", "»", "لا يمكن تطبيق الإجراء"),
    ],
)
def test_an_illegal_transition_in_the_readers_language(
    client: TestClient, users: dict[str, str], lang: str, open_quote: str, close_quote: str, sentence: str
) -> None:
    ref = submitted(client, users["ncb-fr"])
    r = client.post(
        f"/api/v1/notices/{ref}/transitions",
        json={"action": "publish", "reasons": "x"},
        headers={**auth(users["reviewer"]), "Accept-Language": lang},
    )
    assert r.status_code == 409
    error = r.json()["error"]
    message = error["message"]
    assert error["code"] == "illegal_transition" and sentence in message
    assert f"{open_quote}{words(lang, 'Submitted')}{close_quote}" in message
    assert f"{open_quote}{words(lang, 'Publish')}{close_quote}" in message
    assert words(lang, "Start review") in message
    assert "submitted" not in message and "publish" not in message
    # the details stay machine-readable: stored values, not labels
    assert error["details"]["state"] == "submitted" and error["details"]["action"] == "publish"


def test_a_refused_role_is_named_by_its_label(client: TestClient, users: dict[str, str]) -> None:
    ref = submitted(client, users["ncb-fr"])
    r = client.post(
        f"/api/v1/notices/{ref}/transitions",
        json={"action": "start_review"},
        headers={**auth(users["ncb-fr"]), "Accept-Language": "fr"},
    )
    assert r.status_code == 403
    message = r.json()["error"]["message"]
    assert words("fr", "NCB officer") in message and "ncb_officer" not in message
    assert words("fr", "General Secretariat reviewer") in message


def test_a_missing_notice_in_arabic_keeps_its_reference(client: TestClient, users: dict[str, str]) -> None:
    r = client.get("/api/v1/notices/2099-99999", headers={**auth(users["reviewer"]), "Accept-Language": "ar"})
    assert r.status_code == 404
    assert r.json()["error"]["message"] == "لا توجد نشرة 2099/99999"
