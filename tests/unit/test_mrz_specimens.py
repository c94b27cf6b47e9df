"""The 111 machine-readable zones of tests/data/mrz/specimens.jsonl (sources in its README), each with the
outcome decided from ICAO 9303 and known national practice in specimens_expected.jsonl beside it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rednotice.adapters.formats.mrz import MrzError, parse_mrz

TODAY = date(2026, 12, 4)
DATA = Path(__file__).resolve().parents[1] / "data" / "mrz"
ZONES = [json.loads(line) for line in (DATA / "specimens.jsonl").read_text(encoding="utf-8").splitlines()]
EXPECTED = [
    json.loads(line) for line in (DATA / "specimens_expected.jsonl").read_text(encoding="utf-8").splitlines()
]
WARNINGS = {
    "no-primary": "no primary identifier",
    "belgian-check-digit": "as Belgium does",
    "french-cni": "French national identity card",
    "optional-check-filler": "has '<' for its check digit",
    "name-truncated": "may be truncated",
    "unknown-code": "is not a known country code",
}


def test_the_expectations_follow_the_zones() -> None:
    assert len(ZONES) == len(EXPECTED) == 111
    for zone, expected in zip(ZONES, EXPECTED, strict=True):
        assert (zone["source"], zone["lines"]) == (expected["source"], expected["lines"])
        assert expected["expect"] in ("read", "refuse")


def _read(doc: Any) -> dict[str, Any]:
    return {
        "format": doc.format,
        "code": doc.document_code,
        "state": doc.issuing_state,
        "family": doc.primary_identifier,
        "given": doc.secondary_identifier,
        "number": doc.document_number,
        "nationality": doc.nationality_code,
        "birth": doc.birth_date.iso() if doc.birth_date else None,
        "sex": doc.sex.value,
        "expiry": doc.expiry.iso() if doc.expiry else None,
    }


@pytest.mark.parametrize("case", EXPECTED, ids=[f"{e['n']:03d}" for e in EXPECTED])
def test_a_real_zone(case: dict[str, Any]) -> None:
    if case["expect"] == "refuse":
        with pytest.raises(MrzError) as err:
            parse_mrz(case["lines"], TODAY)
        assert {p.field for p in err.value.problems} == set(case["refuse"])
        assert all(p.reason for p in err.value.problems)
        return
    doc = parse_mrz(case["lines"], TODAY)
    assert _read(doc) == case["read"]
    said = {key for key, part in WARNINGS.items() if any(part in w for w in doc.warnings)}
    assert said == set(case["warnings"])


def test_the_deviations_from_icao_are_explained() -> None:
    for case in EXPECTED:
        deviates = set(case.get("warnings", [])) & {
            "no-primary",
            "belgian-check-digit",
            "french-cni",
            "optional-check-filler",
        }
        if deviates:
            assert "deviates from ICAO" in case["why"], case["n"]
