"""Real Han <-> Latin name pairs (tests/data/screening/real_pairs_han.jsonl, sources in that folder's
README): the candidate lookup finds every pair scoring accepts, and recall floors end to end.

The floors sit a little under the figures reached (docs/screening.md), so that a regression fails."""

from __future__ import annotations

import pytest

from rednotice.domain.screening.realpairs import DIRECTIONS, GENERATED, Report, evaluate, load

POSITIVE = ("pinyin", "wade-giles", "cantonese", "other-romanisation", "western-name", "foreign-name")
RECALL_FLOORS = {
    # direction: (romanisations the matcher writes: pinyin, Wade-Giles, Cantonese; every true pair)
    "han-latin": (0.96, 0.73),  # reached 0.984 (179/182), 0.756 (189/250)
    "latin-han": (0.96, 0.73),  # reached 0.984 (179/182), 0.752 (188/250)
    "han-han": (0.99, 0.99),  # reached 1.000
    "han-han-spaced": (0.99, 0.99),  # reached 1.000
}


@pytest.fixture(scope="module")
def report() -> Report:
    return evaluate(load())


def test_the_committed_pairs() -> None:
    pairs = load()
    assert len(pairs) == 300
    assert sum(p["kind"] == "negative" for p in pairs) == 50
    assert sum(p["kind"] in GENERATED for p in pairs) == 182


@pytest.mark.parametrize("direction", DIRECTIONS)
def test_the_lookup_finds_every_pair_scoring_accepts(report: Report, direction: str) -> None:
    tally = report.total(direction, POSITIVE)
    assert tally.accepted >= 180, report.lines()
    missed = [m for m in report.misses if m["direction"] == direction and not m["looked_up"]]
    assert tally.lookup_recall == 1.0, missed


@pytest.mark.parametrize("direction", DIRECTIONS)
def test_recall_end_to_end(report: Report, direction: str) -> None:
    generated, everyone = RECALL_FLOORS[direction]
    assert report.total(direction, GENERATED).recall >= generated, report.lines()
    assert report.total(direction, POSITIVE).recall >= everyone, report.lines()


@pytest.mark.parametrize("direction", ["han-latin", "latin-han"])
def test_other_people_with_look_alike_names_are_not_flagged(report: Report, direction: str) -> None:
    assert report.total(direction, ["negative"]).hits == 0, [
        m for m in report.misses if m["direction"] == direction and m["kind"] == "negative"
    ]
