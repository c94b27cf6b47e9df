"""The independent case sets (tests/data/compliance_cases and compliance_cases_b, written without
reading the engine).

Each case must reach its expected verdict (or an acceptable one) with its required codes. The two
safety properties hold for every case, including the ones still wrong: no political or relative case
comes out ``compliant``, no ordinary case comes out ``non_compliant``. The cases the engine still
gets wrong are listed in KNOWN_MISSES (strict xfail): a fix, or a new miss, is noticed at once.
Figures: ``python -m benchmarks.compliance_accuracy``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from benchmarks.compliance_accuracy import SETS, run_case

SET_NAMES = ("independent", "independent_b")
EXPECTED: dict[tuple[str, str], dict[str, Any]] = {
    (set_name, name): expected
    for set_name in SET_NAMES
    for name, expected in json.loads((SETS[set_name] / "expected.json").read_text(encoding="utf-8")).items()
}

KNOWN_MISSES = {
    "independent_b/10-bh-khums-cleric-money-laundering.json": "right verdict; blocked on RN-01, not RN-09",
    "06-cn-uyghur-diaspora-leader.json": "holdout: reviewed (RN-09 review), not blocked",
    "21-th-lese-majeste-facebook.json": "holdout: reviewed (RN-09 review), not blocked",
    "47-ru-fund-manager-tax-evasion.json": "right verdict; reviewed as mixed facts (RN-09), not RN-19",
}


def params() -> list[Any]:
    out = []
    for set_name, name in sorted(EXPECTED):
        key = name if set_name == "independent" else f"{set_name}/{name}"
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[key])] if key in KNOWN_MISSES else []
        out.append(pytest.param(set_name, name, marks=marks, id=key))
    return out


@pytest.mark.parametrize(("set_name", "name"), params())
def test_case(set_name: str, name: str) -> None:
    row = run_case(SETS[set_name], name, EXPECTED[(set_name, name)])
    assert row["verdict_codes_ok"], row


@pytest.mark.parametrize(("set_name", "name"), sorted(EXPECTED))
def test_safety(set_name: str, name: str) -> None:
    row = run_case(SETS[set_name], name, EXPECTED[(set_name, name)])
    if row["kind"] in ("political", "relative"):
        assert row["got"] != "compliant", row
    if row["kind"] in ("ordinary", "ordinary_political_context"):
        assert row["got"] != "non_compliant", row
    assert row["got"] != "error", row
