"""A compliance finding's title is in the reader's language on the reviewer's page (the rule titles are
marked with N_ in domain/compliance/rules.py; the codes stay as they are)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from rednotice.bootstrap import Store
from rednotice.domain.compliance.rules import CATALOGUE
from rednotice.web import i18n
from rednotice.web.app import create_app
from tests.conftest import CASES
from tests.interface.conftest import PASSWORD, auth
from tests.interface.test_pages import sign_in

CASE = CASES / "compliance" / "05-unpaid-debt.json"


@pytest.fixture
def web(store: Store, users: dict[str, str]) -> Iterator[TestClient]:
    """Over https: the session cookie is Secure outside development (as tests/interface/test_pages.py)."""
    with TestClient(create_app(store), base_url="https://testserver") as c:
        yield c


def submitted(client: TestClient, token: str) -> dict[str, Any]:
    r = client.post(
        "/api/v1/requests", json=json.loads(CASE.read_text(encoding="utf-8")), headers=auth(token)
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


def test_every_rule_title_is_in_every_catalogue() -> None:
    for lang in ("fr", "es", "ar"):
        catalogue = i18n.translations(lang)
        untranslated = [rule.title for rule in CATALOGUE if catalogue.gettext(rule.title) == rule.title]
        assert not untranslated, (lang, untranslated)


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_reviewer_reads_the_findings_titles_in_their_language(
    web: TestClient, users: dict[str, str], lang: str
) -> None:
    client = web
    notice = submitted(client, users["ncb-fr"])
    check = client.post(
        "/api/v1/compliance/check", json=json.loads(CASE.read_text()), headers=auth(users["ncb-fr"])
    )
    titles = {f["rule"] for f in check.json()["findings"]}
    assert titles, "the case has findings"
    assert sign_in(client, "reviewer", PASSWORD).status_code == 303
    page = client.get(f"/notices/{notice['id'].replace('/', '-')}", headers={"Accept-Language": lang})
    assert page.status_code == 200
    catalogue = i18n.translations(lang)
    for title in titles:
        assert catalogue.gettext(title) in page.text and f">{title}<" not in page.text
