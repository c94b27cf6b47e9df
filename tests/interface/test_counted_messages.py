"""Issue 16, item 14: a message that counts (days, words, requests) chooses its form by the count in each
language, Arabic's zero, one, two, few, many and other included, in a finding as it is stored and read
back (``NP_`` in domain/errors.py; docs/i18n.md)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from rednotice.adapters.formats.request_json import parse_request
from rednotice.domain.compliance import EmptyContext, check
from rednotice.domain.errors import NP_, Text
from rednotice.domain.rereading import Templates
from rednotice.web import i18n
from tests.conftest import CASES

DAYS = NP_(
    "The request comes %(num)s day after a %(event)s in %(country)s (%(on)s).",
    "The request comes %(num)s days after a %(event)s in %(country)s (%(on)s).",
)


def test_english_chooses_singular_or_plural() -> None:
    one = Text(DAYS, num=1, event="election", country="XX", on="2026-01-01")
    assert one == "The request comes 1 day after a election in XX (2026-01-01)."
    assert "3 days after" in Text(DAYS, num=3, event="election", country="XX", on="2026-01-01")


@pytest.mark.parametrize(
    ("num", "form"),
    [(1, "يوم واحد"), (2, "يومين"), (5, "أيام"), (11, "يومًا"), (100, "100 يوم")],
)
def test_arabic_chooses_each_of_its_forms(num: int, form: str) -> None:
    with i18n.using("ar"):
        text = Text(DAYS, num=num, event="x", country="y", on="z").label()
    assert form in text and str(num) in text, text


def test_a_stored_finding_counts_in_the_readers_language() -> None:
    raw = json.loads((CASES / "compliance" / "01-murder-complete.json").read_text(encoding="utf-8"))
    raw["judicial"]["facts"]["summary"] = "He stole two cars."
    result = check(parse_request(raw), EmptyContext(), today=date(2026, 1, 1))
    (finding,) = [f for f in result.findings if "summary of facts has" in f.message]
    assert "has 4 words;" in finding.message  # the stored English as before
    stored = json.loads(json.dumps(finding.to_dict(translatable=True)))
    with i18n.using("fr"):
        assert "compte 4 mots" in i18n.finding_message(stored)
    with i18n.using("ar"):
        assert "4 كلمات" in i18n.finding_message(stored)


def test_a_counted_text_stored_in_english_reads_back_to_its_template() -> None:
    templates = Templates([DAYS])
    for stored in (
        "The request comes 1 day after a election in XX (2026-01-01).",
        "The request comes 12 days after a election in XX (2026-01-01).",
    ):
        text = templates.reread(stored)
        assert text is not None and text.parts[0][0] == DAYS and text == stored
