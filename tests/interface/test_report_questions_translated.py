"""The oversight report's questions and chart titles are in the reader's language (services/figures.py
writes them as errors.Text; web/oversight.py shows them), with the country named in that language."""

from __future__ import annotations

import html

import pytest
from fastapi.testclient import TestClient

from rednotice.web import i18n


@pytest.mark.parametrize("lang", ["fr", "es", "ar"])
def test_the_public_report_asks_its_questions_in_the_readers_language(client: TestClient, lang: str) -> None:
    page = client.get("/transparency/countries/FR", headers={"Accept-Language": lang})
    assert page.status_code == 200
    text = html.unescape(page.text)
    with i18n.using(lang):
        country = i18n.territory_name("FR")
        assert country
        catalogue = i18n.translations(lang)
    question = catalogue.gettext("Have concerns been raised by other countries?")
    assert question != "Have concerns been raised by other countries?" and question in text
    title = catalogue.gettext("Refusal rate by year, %(who)s") % {"who": country}
    assert title in text and "Refusal rate by year" not in text
    asked = catalogue.gettext("How many notices did %(who)s ask for, and what became of them?") % {
        "who": country
    }
    assert asked in text and "How many notices did" not in text


def test_the_english_report_is_unchanged(client: TestClient) -> None:
    page = client.get("/transparency/countries/FR", headers={"Accept-Language": "en"})
    text = html.unescape(page.text)
    assert "How many notices did France ask for, and what became of them?" in text
    assert "Refusal rate by year, France" in text
