"""The independent case set (tests/data/compliance_cases, written without reading the engine).

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

INDEPENDENT = SETS["independent"]
EXPECTED: dict[str, dict[str, Any]] = json.loads((INDEPENDENT / "expected.json").read_text(encoding="utf-8"))

KNOWN_MISSES = {
    "06-cn-uyghur-diaspora-leader.json": "holdout: reviewed (RN-09 review), not blocked",
    "21-th-lese-majeste-facebook.json": "holdout: reviewed (RN-09 review), not blocked",
    "47-ru-fund-manager-tax-evasion.json": "right verdict; reviewed as mixed facts (RN-09), not RN-19",
}


def params() -> list[Any]:
    out = []
    for name in sorted(EXPECTED):
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[name])] if name in KNOWN_MISSES else []
        out.append(pytest.param(name, marks=marks, id=name))
    return out


@pytest.mark.parametrize("name", params())
def test_case(name: str) -> None:
    row = run_case(INDEPENDENT, name, EXPECTED[name])
    assert row["verdict_codes_ok"], row


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_safety(name: str) -> None:
    row = run_case(INDEPENDENT, name, EXPECTED[name])
    if row["kind"] in ("political", "relative"):
        assert row["got"] != "compliant", row
    if row["kind"] in ("ordinary", "ordinary_political_context"):
        assert row["got"] != "non_compliant", row
    assert row["got"] != "error", row
