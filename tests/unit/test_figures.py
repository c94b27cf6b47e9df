"""Small-group protection and periods (pure), and the figures' catalogue kept equal to the enums."""

from __future__ import annotations

from datetime import date

import pytest

from rednotice.domain import figures as f
from rednotice.domain.figures import Period, Suppression, suppress
from rednotice.services.review import Ground
from rednotice.services.screening import HitOutcome

B, C, S = Suppression.BELOW_MINIMUM, Suppression.COMPLEMENTARY, Suppression.SHOWN


def statuses(counts: dict[str, int], groups: list[tuple[str, list[str]]], minimum: int = 5) -> dict[str, str]:
    return {k: c.suppression.value for k, c in suppress(counts, groups, minimum).items()}


def test_catalogue_matches_the_enums() -> None:
    assert set(f.GROUNDS) == {g.value for g in Ground}
    assert set(f.HIT_OUTCOMES) == {o.value for o in HitOutcome}
    keys = set(f.MEASURE_KEYS)
    for g in f.GROUPS:
        assert g.total in keys and set(g.members) <= keys


@pytest.mark.parametrize(
    ("counts", "expected", "why"),
    [
        ({"t": 20, "a": 12, "b": 8}, {"t": S, "a": S, "b": S}, "nothing small"),
        ({"t": 20, "a": 17, "b": 3}, {"t": S, "a": C, "b": B}, "one small: its partner is withheld too"),
        (
            {"t": 20, "a": 14, "b": 3, "c": 3},
            {"t": S, "a": S, "b": B, "c": B},
            "two small: neither recoverable",
        ),
        ({"t": 9, "a": 9, "b": 0, "c": 0}, {"t": S, "a": S, "b": S, "c": S}, "zeros are shown"),
        ({"t": 7, "a": 3, "b": 0}, {"t": C, "a": B, "b": S}, "no partner: the total is withheld"),
        ({"t": 3, "a": 3, "b": 0}, {"t": B, "a": B, "b": S}, "a small total"),
    ],
)
def test_primary_and_complementary_suppression(
    counts: dict[str, int], expected: dict[str, Suppression], why: str
) -> None:
    members = [k for k in counts if k != "t"]
    assert statuses(counts, [("t", members)]) == {k: v.value for k, v in expected.items()}, why


def test_suppression_follows_totals_through_groups() -> None:
    # country totals are members of the all-countries total: hiding FR's total forces another country's
    counts = {"all": 30, "FR": 7, "DE": 11, "IT": 12, "FR.a": 3, "FR.b": 4}
    groups = [("all", ["FR", "DE", "IT"]), ("FR", ["FR.a", "FR.b"])]
    got = suppress(counts, groups, 5)
    assert got["FR.a"].text == "<5" and got["FR.b"].text == "<5"
    assert got["FR"].shown  # two withheld members: neither can be worked out
    counts["FR.b"] = 6
    got = suppress(counts, groups, 5)
    assert got["FR.b"].suppression is C or got["FR"].suppression is C


def test_a_minimum_of_one_withholds_nothing() -> None:
    assert all(c.shown for c in suppress({"t": 2, "a": 1, "b": 1}, [("t", ["a", "b"])], 1).values())


def test_no_withheld_cell_is_recoverable_from_its_group() -> None:
    counts = {("RU", 0, m): (i * 7) % 13 for i, m in enumerate(f.MEASURE_KEYS)}
    groups = [((c, y, m), members) for (c, y, m), members in f.figure_groups(["RU"], []) if c == "RU"]
    cells = suppress(counts, groups, 5)
    for total, members in groups:
        if cells[total].shown:
            assert sum(1 for m in members if m in cells and not cells[m].shown) != 1, total


def test_periods() -> None:
    assert Period.year(2025).label == "2025" and Period.year(2025).years() == [2025]
    p = Period.between(date(2024, 7, 1), date(2026, 1, 31))
    assert p.years() == [2024, 2025, 2026] and p.end == date(2026, 2, 1)
    assert p.label == "2024-07-01 to 2026-01-31"
    with pytest.raises(ValueError):
        Period.between(date(2026, 1, 2), date(2026, 1, 1))


def test_rates_come_only_from_shown_counts() -> None:
    cells = suppress({"d": 40, "r": 3, "p": 37}, [("d", ["r", "p"])], 5)
    assert f.rate(cells["r"], cells["d"]) is None
    shown = suppress({"d": 40, "r": 10, "p": 30}, [("d", ["r", "p"])], 5)
    assert f.rate(shown["r"], shown["d"]) == 0.25 and f.percent(0.25) == "25.0%"
