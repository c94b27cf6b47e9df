"""Issue 16, item 14: how a statute of concern is read (the provision, what it was documented against, how
the citation was read) reaches the reviewer in their language, inside the finding that cites it. What the
provision criminalises, the law's own name and the sources stay as the table gives them (documentation data);
the stored English message is as before."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from rednotice.adapters.formats.request_json import parse_request
from rednotice.domain.compliance import EmptyContext, check
from rednotice.domain.compliance.statutes import match_statutes
from rednotice.domain.errors import Text
from rednotice.web import i18n

DATA = Path(__file__).resolve().parents[1] / "data"


def test_a_match_says_how_in_english_as_before_and_in_french_and_arabic() -> None:
    (match,) = match_statutes("RU", "ч. 1 ст. 212 УК РФ")
    assert isinstance(match.how, Text)
    assert str(match.how).startswith(
        "part 1 of article 212 of the Criminal Code of Russia: organising mass riots, documented as used "
        "against peaceful assembly ("
    )
    assert str(match.how).endswith("it adds weight, it does not decide.")
    with i18n.using("fr"):
        french = match.how.label()
    assert french.startswith("alinéa 1 de l'article 212 de la loi « Criminal Code » (Russie)")
    assert "la réunion pacifique" in french and "documented" not in french
    with i18n.using("ar"):
        arabic = match.how.label()
    assert "روسيا" in arabic and "التجمع السلمي" in arabic and "Russia" not in arabic


def test_a_finding_citing_statutes_is_read_in_spanish_from_what_is_stored() -> None:
    seen = 0
    for path in sorted([*DATA.glob("compliance_cases*/*.json"), *DATA.glob("cases/compliance/*.json")]):
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict) or "requesting_country" not in raw:
            continue  # a set's expected outcomes
        request = parse_request(raw)
        for finding in check(request, EmptyContext(), today=date(2026, 1, 1)).findings:
            stored = json.loads(json.dumps(finding.to_dict(translatable=True)))
            if "statutes" not in stored.get("values", {}):
                continue
            seen += 1
            assert "documented as used against" in stored["message"]  # the stored English as before
            with i18n.using("es"):
                text = i18n.finding_message(stored)
            assert "con uso documentado contra" in text and "documented as used against" not in text
    assert seen >= 3  # the case sets cite statutes of concern in several findings
