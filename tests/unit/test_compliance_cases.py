"""The shared golden cases (tests/data/cases/compliance, from the team folder): expected verdicts and codes.

A case may raise extra findings only where the rules say so (e.g. RN-10 for a journalist charged with
subversion); the extras allowed per case are listed here, with the reason, so any new one is noticed.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rednotice.adapters.formats.request_json import parse_request
from rednotice.domain.compliance import EmptyContext, Severity, Verdict, check
from tests.conftest import CASES

COMPLIANCE = CASES / "compliance"
EXPECTED: dict[str, dict[str, Any]] = json.loads((COMPLIANCE / "expected.json").read_text(encoding="utf-8"))
TODAY = date(2026, 1, 15)

ALLOWED_EXTRAS: dict[str, set[str]] = {
    "07-subversion-journalist.json": {"RN-10"},  # the subject is a journalist: rule 10 always asks review
    "15-embezzlement-former-official.json": {"RN-10"},  # rule 10 lists ex-officials too
}


def load(path: Path) -> Any:
    return parse_request(json.loads(path.read_text(encoding="utf-8")))


def test_every_case_file_has_an_expectation() -> None:
    files = {p.name for p in COMPLIANCE.glob("*.json") if p.name != "expected.json"}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_case(name: str) -> None:
    expected = EXPECTED[name]
    result = check(load(COMPLIANCE / name), EmptyContext(), today=TODAY)
    codes = set(result.codes)
    assert result.verdict.value == expected["verdict"], (name, expected["why"], result.to_dict())
    assert set(expected["codes"]) <= codes, (name, expected["why"], result.to_dict())
    extras = codes - set(expected["codes"]) - ALLOWED_EXTRAS.get(name, set())
    assert not extras, (name, extras, result.to_dict())
    for finding in result.findings:
        assert finding.message and finding.rule and finding.basis


def test_the_complete_murder_case_has_no_finding_at_all() -> None:
    result = check(load(COMPLIANCE / "01-murder-complete.json"), today=TODAY)
    assert result.verdict is Verdict.COMPLIANT
    assert result.findings == ()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_result_is_the_contract_shape(name: str) -> None:
    out = check(load(COMPLIANCE / name), today=TODAY).to_dict()
    assert set(out) <= {"verdict", "findings", "analysis"} and {"verdict", "findings"} <= set(out)
    json.dumps(out)  # plain JSON
    for f in out["findings"]:
        assert set(f) == {"code", "severity", "rule", "basis", "message", "evidence"}
        assert f["severity"] in {s.value for s in Severity}
        assert f["code"].startswith("RN-") and len(f["code"]) == 5


def test_case_02_names_every_missing_field() -> None:
    result = check(load(COMPLIANCE / "02-no-facts.json"), today=TODAY)
    assert result.verdict is Verdict.NON_COMPLIANT and result.codes == ("RN-05",)
    message = result.findings[0].message
    assert (
        "summary of facts" in message and "date of the facts" in message and "place of the facts" in message
    )
