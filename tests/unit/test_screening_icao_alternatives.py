"""ICAO Doc 9303 Part 3, Table A, allows Ñ to be written NXX and Ü UXX in the MRZ (besides N and UE):
a traveller whose document uses them is found against the notice written with the letters."""

from __future__ import annotations

import pytest

from rednotice.domain.dates import PartialDate
from rednotice.domain.screening.analysis import analyse
from rednotice.domain.screening.index import ScreeningIndex
from rednotice.domain.screening.query import ScreeningQuery
from rednotice.domain.screening.similarity import name_similarity
from tests.unit.test_screening_index import ids, notice


@pytest.mark.parametrize(
    ("mrz", "family", "given"),
    [
        ("IBANXXEZ<<INXXAKI", "Ibáñez", "Iñaki"),
        ("MUXXLLER<<JUXXRGEN", "Müller", "Jürgen"),
        ("MUXXLLER<<JURGEN", "Mueller", "Jürgen"),
        ("PENXXA<NIETO<<MARIA", "Peña Nieto", "María"),
    ],
)
def test_nxx_and_uxx_are_the_letters_they_stand_for(mrz: str, family: str, given: str) -> None:
    index = ScreeningIndex.build([notice("A", family, given), notice("B", "Ibanez", "Pablo")])
    hits = index.search(ScreeningQuery(name=mrz, birth_date=PartialDate(1980, 5, 2)))
    assert ids(hits) == ["A"]
    assert name_similarity(analyse(mrz), analyse(f"{family} {given}")).score == 1.0


def test_other_double_x_is_left_as_written() -> None:
    assert name_similarity(analyse("MAXX<<PETER"), analyse("Max Peter")).score < 1.0
    assert "maxx" in {t.text for form in analyse("MAXX<<PETER").forms for t in form}
