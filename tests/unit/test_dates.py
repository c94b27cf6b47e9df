from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rednotice.domain.dates import PartialDate
from rednotice.domain.errors import InvalidInput


@pytest.mark.parametrize(
    ("text", "precision", "iso"),
    [
        ("1971", "year", "1971"),
        ("1971-04", "month", "1971-04"),
        ("1971-04-02", "day", "1971-04-02"),
        ("1971/04/02", "day", "1971-04-02"),
        ("1971/04", "month", "1971-04"),
    ],
)
def test_parse_partial_dates(text: str, precision: str, iso: str) -> None:
    d = PartialDate.parse(text)
    assert d.precision == precision
    assert d.iso() == iso


@pytest.mark.parametrize("text", ["", "71", "1971-13", "1971-02-30", "1971-4-2", "abcd", "1971-04-02T00:00"])
def test_bad_dates_are_refused_with_a_reason(text: str) -> None:
    with pytest.raises(InvalidInput) as err:
        PartialDate.parse(text)
    assert err.value.message


def test_human_form_says_what_is_unknown() -> None:
    assert PartialDate.parse("1971").human() == "1971 (month and day unknown)"
    assert PartialDate.parse("1971-04").human() == "1971-04 (day unknown)"


def test_age_range_respects_uncertainty() -> None:
    assert PartialDate.parse("1971").age_range_on(date(2026, 6, 1)) == (54, 55)
    assert PartialDate.parse("1971-04-02").age_range_on(date(2026, 6, 1)) == (55, 55)
    assert PartialDate.parse("2000-02").latest() == date(2000, 2, 29)


@given(st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 12, 31)))
def test_round_trip_any_real_date(d: date) -> None:
    for text in (d.isoformat(), d.isoformat()[:7], d.isoformat()[:4]):
        assert PartialDate.parse(text).iso() == text
    assert PartialDate.parse(d.isoformat()).earliest() == d
