"""Quality floors on the committed development set (tests/data/screening/devset.json), not timings."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.devset import load
from benchmarks.devset_generator import generate
from benchmarks.devset_quality import evaluate

DEVSET = Path(__file__).resolve().parents[1] / "data" / "screening" / "devset.json"


def test_recall_and_false_positive_rate_floors() -> None:
    report = evaluate(load(DEVSET))
    assert report.positives >= 1000 and report.negatives >= 500
    assert report.recall >= 0.95, report.lines()
    assert report.false_positive_rate <= 0.02, report.lines()
    for kind, (hits, total) in report.by_kind.items():
        if not kind.startswith("negative"):
            assert hits / total >= 0.9, (kind, hits, total)


def test_committed_set_is_the_generators_output() -> None:
    assert json.loads(DEVSET.read_text(encoding="utf-8")) == generate()
