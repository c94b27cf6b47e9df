"""Names written in Urdu against their English spellings, as Pakistani documents give them (issue 13).

Each rule has pairs that must match and look-alikes that must not; the rules are in
``domain/screening/`` (romanise.arabic_spelling, tables.ARABIC_READINGS, SCRIPT_TITLES, ARABIC_NAMES,
similarity._nisba, index.ScreeningIndex._parts_near) with their sources.
"""

from __future__ import annotations

import pytest

from rednotice.domain.model import Subject
from rednotice.domain.screening.index import IndexedNotice, ScreeningIndex
from rednotice.domain.screening.names import analyse, name_similarity
from rednotice.domain.screening.query import ScreeningQuery

MATCH = 0.85

# (name in Urdu, Latin name, should match, why)
PAIRS = [
    ("تہمینہ دولتانہ", "Tehmina Daultana", True, "ت then ہ is t-h, not th"),
    ("افتخار چیمہ", "Iftikhar Cheema", True, "ت then خ: the kh is not read with the t"),
    ("سہیل شوکت بٹ", "Sohail Shaukat Butt", True, "س then ہ is s-h, not sh"),
    ("اسحاق ڈار", "Ishaq Dar", True, "s-h still read as Latin letters write it joined (Ishaq)"),
    ("افتخار چیمہ", "Akhtar Cheema", False, "Akhtar is اختر, not افتخار"),
    ("ذوالفقار علی بھٹی", "Zulfiqar Ali Bhatti", True, "Urdu reads ذ as z and keeps ق as q"),
    ("ذوالفقار علی بھٹی", "Zulfiqar Ali Bhutto", False, "Bhutto is بھٹو: a nisba is another name"),
    ("سنجے پیروانی", "Sanjay Perwani", True, "the final ے is the ay of Sanjay, not a nisba"),
    ("سنجے پیروانی", "Sanjar Perwani", False, "Sanjar is سنجر"),
    ("ڈاکٹر فہمیدہ مرزا", "Dr. Fahmida Mirza", True, "ڈاکٹر is the title Dr"),
    ("ڈاکٹر فہمیدہ مرزا", "Fahmida Mirza", True, "ڈاکٹر is the title Dr, dropped"),
    ("ڈاکٹر فہمیدہ مرزا", "Farida Mirza", False, "another given name"),
    ("چوہدری عابد رضا", "Chaudhry Abid Raza", True, "چوہدری is Chaudhry"),
    ("چودھری نثار علی خان", "Choudhury Nisar Ali Khan", True, "چودھری is Chaudhry, Choudhury"),
    ("چوہدری عابد رضا", "Chaudhry Arif Raza", False, "Arif is عارف, not عابد"),
]


@pytest.mark.parametrize(("urdu", "latin", "expected", "why"), PAIRS, ids=[p[3] for p in PAIRS])
def test_urdu_against_english_spellings(urdu: str, latin: str, expected: bool, why: str) -> None:
    for a, b in ((urdu, latin), (latin, urdu)):
        match = name_similarity(analyse(a), analyse(b))
        assert (match.score >= MATCH) is expected, f"{why}: {a} / {b}: {match.score:.2f} {match.explain()}"


@pytest.mark.parametrize(
    ("titled", "latin"),
    [
        ("ڈاکٹر فہمیدہ مرزا", "Fahmida Mirza"),
        ("مسٹر عارف علوی", "Arif Alvi"),
        ("ڈاکٹر شیریں مزاری", "Shireen Mazari"),
    ],
)
def test_a_title_written_in_urdu_changes_nothing(titled: str, latin: str) -> None:
    # ڈاکٹر and مسٹر are Dr and Mr, dropped as the Latin titles are: the name scores as if untitled
    bare = titled.split(" ", 1)[1]
    assert (
        name_similarity(analyse(titled), analyse(latin)).score
        == name_similarity(analyse(bare), analyse(latin)).score
    )
    assert analyse(titled).tokens == analyse(bare).tokens


@pytest.mark.parametrize(
    ("one", "other"), [("Tehmina Daultana", "Tamina Daultana"), ("Sohail Butt", "Sahil Butt")]
)
def test_the_letters_read_apart_do_not_join_latin_names(one: str, other: str) -> None:
    # The reading apart is for Arabic script only: Latin to Latin, the names compare as before
    match = name_similarity(analyse(one), analyse(other))
    assert not any("as Arabic script writes them" in p.how for p in match.pairs), match.explain()


def _index(*names: str) -> ScreeningIndex:
    return ScreeningIndex.build(
        IndexedNotice(f"N{i}", Subject(n, "", (n,) if not n.isascii() else ()), "XX")
        for i, n in enumerate(names)
    )


def test_a_latin_part_of_three_letters_finds_its_arabic_script_part() -> None:
    """Haq against الحق: scoring accepts the pair (the consonants), so the lookup must find it."""
    index = _index("ریاض الحق", "حامد الحق")
    assert "N0" in index.candidates(ScreeningQuery(id="q", name="Riaz Ul Haq"))
    assert "N1" in index.candidates(ScreeningQuery(id="q", name="Hamid-ul-Haq"))


def test_a_latin_part_of_three_letters_looks_only_at_arabic_script_parts() -> None:
    # Hook and Haq share their consonants, but two Latin names meet by spelling, not by skeleton
    index = _index("Hook Riaz")
    assert "N0" not in index.candidates(ScreeningQuery(id="q", name="Haq Riyad"))
