"""Issue 17, item 8: one builder of the CCF filing command. The API and the CLI build it with
``web/redress_api.CaseIn.to_filing``; the application page (``web/pages/redress.parse_filing``) too."""

from __future__ import annotations

from datetime import date

import pytest
from starlette.datastructures import FormData

from rednotice.domain.redress import Filing
from rednotice.web.pages.redress import ccf_values, parse_filing
from rednotice.web.redress_api import CaseIn

FORM = {
    "kind": "revision",
    "applicant_kind": "lawyer",
    "language": "fr",
    "family_name": "Durand",
    "given_names": "Paul Henri",
    "names_original_script": "Дюран Поль",
    "date_of_birth": "1971-04-02",
    "nationalities": "FR, BE",
    "id_name": "yes",
    "id_photo": "yes",
    "signed": "yes",
    "power_of_attorney": "yes",
    "representative": "Maître Martin",
    "contact": "martin@example.org",
    "notice_id": " 2026-00017 ",
    "purpose": "Revise the decision.",
    "statement": "A new fact.",
    "confidential": "CONFIDENTIAL",
    "revision_of": "CCF-2026-7KQ2M9XHD4PA",
    "new_fact": "The charges were dropped.",
    "new_fact_discovered_on": "2026-11-02",
}
BODY = {  # the same answers as the API and `rednotice ccf file` take them
    "kind": "revision",
    "applicant_kind": "lawyer",
    "language": "fr",
    "subject": {
        "family_name": "Durand",
        "given_names": "Paul Henri",
        "names_original_script": ["Дюран Поль"],
        "date_of_birth": "1971-04-02",
        "nationalities": ["FR", "BE"],
    },
    "id_proof": {"name": True, "photo": True},
    "signed": True,
    "power_of_attorney": True,
    "representative": "Maître Martin",
    "contact": "martin@example.org",
    "notice_id": "2026-00017",
    "purpose": "Revise the decision.",
    "statement": "A new fact.",
    "confidential": "CONFIDENTIAL",
    "revision_of": "CCF-2026-7KQ2M9XHD4PA",
    "new_fact": "The charges were dropped.",
    "new_fact_discovered_on": "2026-11-02",
}


def test_the_page_builds_the_filing_with_the_apis_builder(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[CaseIn] = []
    to_filing = CaseIn.to_filing

    def spy(self: CaseIn) -> Filing:
        built.append(self)
        return to_filing(self)

    monkeypatch.setattr(CaseIn, "to_filing", spy)
    filing, errors = parse_filing(ccf_values(FormData(list(FORM.items()))))
    assert not errors
    assert len(built) == 1, "the page builds the CCF filing by hand instead of with CaseIn.to_filing"
    assert filing == CaseIn.model_validate(BODY).to_filing()  # the same command as the API's
    assert filing is not None
    assert filing.notice_id == "2026/00017" and filing.new_fact_discovered_on == date(2026, 11, 2)


def test_a_filing_without_optional_answers_is_the_apis_too() -> None:
    form = {**FORM, "kind": "deletion", "notice_id": "", "revision_of": "", "new_fact_discovered_on": ""}
    filing, errors = parse_filing(ccf_values(FormData(list(form.items()))))
    body = {**BODY, "kind": "deletion", "notice_id": None, "revision_of": None}
    body["new_fact_discovered_on"] = None
    assert not errors and filing == CaseIn.model_validate(body).to_filing()
    assert filing is not None and filing.notice_id is None and filing.revision_of is None
