"""The right-to-left lines of the PDF report (web/rtl.py): the Unicode Bidirectional Algorithm's implicit
levels for one line, checked against the order UAX #9 gives, and Arabic letters joined."""

from __future__ import annotations

import unicodedata

import pytest

from rednotice.web.rtl import has_rtl, joined, visual, wrap

ALEF, BA, TA, SIN = "\u0627", "\u0628", "\u062a", "\u0633"


@pytest.mark.parametrize(
    ("logical", "seen"),
    [
        ("abc", "abc"),  # left to right letters keep their order in a right-to-left line
        (f"{ALEF}{BA}{TA}", f"{TA}{BA}{ALEF}"),  # right to left letters are drawn from the right
        (f"{ALEF}{BA} abc {TA}{SIN}", f"{SIN}{TA} abc {BA}{ALEF}"),  # a Latin name inside keeps its order
        (f"{ALEF} 2026 {BA}", f"{BA} 2026 {ALEF}"),  # a number keeps its digits in order
        ("\u0661\u0662\u066b\u0665\u066a", "\u066a\u0661\u0662\u066b\u0665"),  # ١٢٫٥٪: the sign on the left
        (f"{ALEF} (abc)", "(abc) " + ALEF),  # brackets around Latin stay as they are
        (f"{ALEF} ({BA})", f"({BA}) {ALEF}"),  # brackets around Arabic are mirrored, so they still enclose
    ],
)
def test_a_right_to_left_line_is_drawn_as_read(logical: str, seen: str) -> None:
    assert visual(logical) == seen


def test_a_left_to_right_line_with_arabic_inside() -> None:
    assert visual(f"abc {ALEF}{BA} def", rtl=False) == f"abc {BA}{ALEF} def"


def test_trailing_spaces_and_formatting_characters() -> None:
    assert visual(f"{ALEF}{BA}\u200f  ") == f"  {BA}{ALEF}"


def test_letters_are_joined_and_read_back_by_nfkc() -> None:
    word = "\u0633\u0644\u0627\u0645"  # سلام
    shaped = joined(word)
    assert shaped != word and all(0xFB50 <= ord(c) <= 0xFEFF for c in shaped)
    assert unicodedata.normalize("NFKC", shaped) == word
    assert joined("Lyon") == "Lyon" and not has_rtl("Lyon") and has_rtl(word)


def test_wrap_cuts_at_spaces_within_the_width() -> None:
    lines = wrap("aa bb cc dd", 5, len)
    assert lines == ["aa bb", "cc dd"]
    assert wrap("averyverylongword x", 5, len) == ["averyverylongword", "x"]
