"""A compliance finding's title and message are in the reader's language on the reviewer's page (the rule
titles are marked with N_ in domain/compliance/rules.py, each message is a template with named values; the
codes, the stored English message and the contract's shape stay as they are)."""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from rednotice.adapters.formats.request_json import parse_request
from rednotice.bootstrap import Store
from rednotice.domain.compliance import EmptyContext, check
from rednotice.domain.compliance.context import CountryRecord
from rednotice.domain.compliance.rules import CATALOGUE
from rednotice.domain.model import NoticeRequest
from rednotice.web import i18n
from rednotice.web.app import create_app
from tests.conftest import CASES
from tests.interface.conftest import PASSWORD, auth
from tests.interface.test_pages import sign_in

CASE = CASES / "compliance" / "05-unpaid-debt.json"
RULES = Path(__file__).resolve().parents[2] / "src" / "rednotice" / "domain" / "compliance" / "rules.py"


class _Record(EmptyContext):
    """A history in which one country had ``refused`` of its ``decided`` requests refused (RN-11)."""

    def __init__(self, record: tuple[str, int, int]) -> None:
        self.record = record

    def country_record(self, country: str) -> CountryRecord | None:
        code, decided, refused = self.record
        return CountryRecord(decided, refused) if country == code else None


def load(path: Path) -> NoticeRequest:
    return parse_request(json.loads(path.read_text(encoding="utf-8")))


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


def _stored_findings(store: Store, notice_id: str) -> list[dict[str, Any]]:
    with store.uow() as uow:
        check = uow.reviews.latest_check(notice_id)
    assert check is not None
    return check.findings


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_reviewer_reads_the_findings_messages_in_their_language(
    web: TestClient, users: dict[str, str], store: Store, lang: str
) -> None:
    """Each finding's message is its template translated, filled with its values (RN-19's debt, RN-06's
    words...): the English message is not on the page."""
    client = web
    notice = submitted(client, users["ncb-fr"])
    findings = _stored_findings(store, notice["id"])
    assert findings and all(f.get("template") and "values" in f for f in findings)
    assert sign_in(client, "reviewer", PASSWORD).status_code == 303
    page = client.get(f"/notices/{notice['id'].replace('/', '-')}", headers={"Accept-Language": lang})
    assert page.status_code == 200
    with i18n.using(lang):
        shown = [i18n.finding_message(f) for f in findings]
    for f, text in zip(findings, shown, strict=True):
        assert text != f["message"], (lang, f["code"])
        assert str(escape(text)) in page.text, (lang, text)
        assert str(escape(f["message"])) not in page.text
    catalogue = i18n.translations(lang)
    assert all(catalogue.gettext(f["template"]) != f["template"] for f in findings)


def test_a_finding_stored_before_templates_shows_its_english_message(
    web: TestClient, users: dict[str, str], store: Store
) -> None:
    client = web
    notice = submitted(client, users["ncb-fr"])
    with store.uow() as uow:
        latest = uow.reviews.latest_check(notice["id"])
        assert latest is not None
        old = [{k: v for k, v in f.items() if k not in ("template", "values")} for f in latest.findings]
        uow.reviews.add_check(replace(latest, result={**latest.result, "findings": old}))
        uow.commit()
    assert sign_in(client, "reviewer", PASSWORD).status_code == 303
    page = client.get(f"/notices/{notice['id'].replace('/', '-')}", headers={"Accept-Language": "fr"})
    assert page.status_code == 200
    for f in old:
        assert str(escape(f["message"])) in page.text


def test_a_message_names_countries_and_shares_the_readers_way() -> None:
    """A country value is the country's name in the reader's language, a share is written their way; the
    stored English keeps the code and the English percentage."""
    result = check(
        load(CASES / "compliance" / "01-murder-complete.json"),
        _Record(("FR", 40, 30)),
        today=date(2025, 1, 1),
    )
    (finding,) = [f for f in result.findings if f.code == "RN-11"]
    assert "FR" in finding.message and "75.0%" in finding.message
    stored = json.loads(json.dumps(finding.to_dict(translatable=True)))
    assert stored["values"]["country"] == {"term": "country", "values": ["FR"]}
    with i18n.using("fr"):
        text = i18n.finding_message(stored)
    assert "France" in text and "75,0" in text and "demandes" in text
    with i18n.using("ar"):
        text = i18n.finding_message(stored)
    assert "فرنسا" in text and "FR" not in text


def test_finding_messages_are_templates_not_f_strings() -> None:
    """Every finding of domain/compliance/rules.py is given a Text whose template is a literal marked with
    N_ (an f-string or a text glued at run time could not be found in a catalogue)."""
    tree = ast.parse(RULES.read_text(encoding="utf-8"))
    calls = [
        n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "attr", None) == "finding"
    ]
    assert len(calls) > 40
    for call in calls:
        assert not any(isinstance(n, ast.JoinedStr | ast.BinOp) for n in _templates(call.args[0])), (
            call.lineno
        )
    for n in ast.walk(tree):
        name = getattr(n.func, "id", None) if isinstance(n, ast.Call) else None
        if isinstance(n, ast.Call) and name in ("N_", "Text") and n.args:
            first = n.args[0]
            allowed = (ast.Constant, ast.Call, ast.IfExp, ast.Subscript, ast.Name)
            assert isinstance(first, allowed), n.lineno
            if name == "Text" and isinstance(first, ast.Constant):
                # unmarked only when it is nothing but a placeholder ("%(word)s")
                assert isinstance(first.value, str) and first.value.startswith("%("), n.lineno


def _templates(node: ast.expr) -> list[ast.AST]:
    """The expressions a finding's message is made of: the message itself, and the template argument of
    each Text call in it (its values may be anything)."""
    out: list[ast.AST] = [node]
    if isinstance(node, ast.IfExp):
        return [*_templates(node.body), *_templates(node.orelse)]
    if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Text" and node.args:
        out += _templates(node.args[0])
    return out
