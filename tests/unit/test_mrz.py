"""ICAO 9303 machine-readable zones: the public specimens, our own documents, and every way to break one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rednotice.adapters.formats.mrz import (
    MrzError,
    birth_date_from_yymmdd,
    check_digit,
    expiry_from_yymmdd,
    icao_to_alpha2,
    parse_mrz,
    read_mrz,
)
from rednotice.domain.dates import PartialDate
from rednotice.domain.model import Sex

TODAY = date(2026, 1, 15)
DATA = Path(__file__).resolve().parents[1] / "data" / "mrz"

# ICAO Doc 9303 specimens (Utopia, Anna Maria Eriksson).
TD3 = [
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
]
TD1 = [
    "I<UTOD231458907<<<<<<<<<<<<<<<",
    "7408122F1204159UTO<<<<<<<<<<<6",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
]
TD2 = [
    "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
    "D231458907UTO7408122F1204159<<<<<<<6",
]
MRV_A = [
    "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L8988901C4XXX4009078F96121096ZE184226B<<<<<<",
]
MRV_B = [
    "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
    "L8988901C4XXX4009078F9612109<<<<<<<<",
]


# --- an independent check digit and builders, so the tests do not trust the code under test ---------


def cd(data: str) -> str:
    values = {**{str(d): d for d in range(10)}, **{chr(65 + i): 10 + i for i in range(26)}, "<": 0}
    return str(sum(values[ch] * (7, 3, 1)[i % 3] for i, ch in enumerate(data)) % 10)


def pad(text: str, width: int) -> str:
    assert len(text) <= width, text
    return text + "<" * (width - len(text))


def td3(
    *,
    code: str = "P<",
    state: str = "UTO",
    name: str = "ERIKSSON<<ANNA<MARIA",
    number: str = "L898902C3",
    nationality: str = "UTO",
    birth: str = "740812",
    sex: str = "F",
    expiry: str = "320415",
    optional: str = "ZE184226B",
) -> list[str]:
    l1 = pad((code + pad(state, 3) + name)[:44], 44)
    opt = pad(optional, 14)
    body = pad(number, 9) + cd(pad(number, 9)) + pad(nationality, 3) + birth + cd(birth) + sex
    body += expiry + cd(expiry) + opt + cd(opt)
    return [l1, body + cd(body[0:10] + body[13:20] + body[21:43])]


def td2(
    *,
    name: str = "ERIKSSON<<ANNA<MARIA",
    number: str = "D23145890",
    birth: str = "740812",
    expiry: str = "320415",
    optional: str = "",
    nationality: str = "UTO",
) -> list[str]:
    l1 = pad(("I<UTO" + name)[:36], 36)
    if len(number) > 9:
        doc = number[:9] + "<"
        opt = pad(number[9:] + cd(number) + "<" + optional, 7)
    else:
        doc = pad(number, 9) + cd(pad(number, 9))
        opt = pad(optional, 7)
    body = doc + pad(nationality, 3) + birth + cd(birth) + "M" + expiry + cd(expiry) + opt
    return [l1, body + cd(body[0:10] + body[13:20] + body[21:35])]


def td1(
    *,
    name: str = "ERIKSSON<<ANNA<MARIA",
    number: str = "D23145890",
    birth: str = "740812",
    sex: str = "F",
    expiry: str = "320415",
    optional1: str = "",
    optional2: str = "",
    nationality: str = "UTO",
    state: str = "UTO",
) -> list[str]:
    if len(number) > 9:
        head = "I<" + pad(state, 3) + number[:9] + "<" + number[9:] + cd(number) + "<" + optional1
    else:
        head = "I<" + pad(state, 3) + pad(number, 9) + cd(pad(number, 9)) + optional1
    l1 = pad(head, 30)
    l2 = birth + cd(birth) + sex + expiry + cd(expiry) + pad(nationality, 3) + pad(optional2, 11)
    l2 += cd(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
    return [l1, l2, pad(name[:30], 30)]


# --- the specimens -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "fmt", "number", "kind"),
    [
        (TD3, "TD3", "L898902C3", "P"),
        (TD1, "TD1", "D23145890", "I"),
        (TD2, "TD2", "D23145890", "I"),
        (MRV_A, "MRV-A", "L8988901C", "V"),
        (MRV_B, "MRV-B", "L8988901C", "V"),
    ],
)
def test_icao_specimens_are_read(lines: list[str], fmt: str, number: str, kind: str) -> None:
    doc = parse_mrz(lines, TODAY)
    assert doc.format == fmt
    assert doc.document_code == kind
    assert doc.document_number == number
    assert (doc.primary_identifier, doc.secondary_identifier) == ("ERIKSSON", "ANNA MARIA")
    assert doc.sex is Sex.FEMALE
    assert doc.issuing_state == "UTO"
    assert doc.issuing_country is None  # Utopia is no country
    assert not doc.name_truncated
    assert any("expired" in w for w in doc.warnings)


def test_td3_specimen_details_and_query() -> None:
    doc = parse_mrz(TD3, TODAY)
    assert doc.birth_date == PartialDate(1974, 8, 12)
    assert doc.expiry == PartialDate(2012, 4, 15)
    assert doc.optional_data == "ZE184226B"
    q = doc.to_query()
    assert q.id == "L898902C3"
    assert (q.family_name, q.given_names, q.source) == ("ERIKSSON", "ANNA MARIA", "mrz:TD3")
    assert q.document is not None
    assert (q.document.kind, q.document.number, q.document.expiry) == (
        "P",
        "L898902C3",
        PartialDate(2012, 4, 15),
    )
    assert q.extra["nationality_icao"] == "UTO"


def test_mrv_a_birth_and_expiry_centuries() -> None:
    doc = parse_mrz(MRV_A, TODAY)
    assert doc.birth_date == PartialDate(1940, 9, 7)
    assert doc.expiry == PartialDate(1996, 12, 10)
    assert doc.nationality_code == "XXX"
    assert doc.nationality is None


@pytest.mark.parametrize(
    ("data", "digit"),
    [
        ("L898902C3", "6"),
        ("740812", "2"),
        ("120415", "9"),
        ("ZE184226B<<<<<", "1"),
        ("L898902C36" + "7408122" + "120415" + "9ZE184226B<<<<<1", "0"),
        ("D23145890", "7"),
        ("", "0"),
    ],
)
def test_check_digit_matches_the_specimens(data: str, digit: str) -> None:
    assert check_digit(data) == digit == cd(data)


def test_surrounding_whitespace_is_ignored() -> None:
    assert parse_mrz([f"  {TD3[0]}\r", f"{TD3[1]}  "], TODAY).document_number == "L898902C3"


# --- every check digit refused, with the field, expected and found -----------------------------------


def _replace(lines: list[str], row: int, col: int, ch: str) -> list[str]:
    out = list(lines)
    out[row] = out[row][:col] + ch + out[row][col + 1 :]
    return out


def _other_digit(ch: str) -> str:
    return "7" if ch != "7" else "3"


@pytest.mark.parametrize(
    ("lines", "row", "col", "field"),
    [
        (TD3, 1, 9, "document number"),
        (TD3, 1, 19, "birth date"),
        (TD3, 1, 27, "expiry date"),
        (TD3, 1, 42, "optional data"),
        (TD3, 1, 43, "composite"),
        (TD1, 0, 14, "document number"),
        (TD1, 1, 6, "birth date"),
        (TD1, 1, 14, "expiry date"),
        (TD1, 1, 29, "composite"),
        (TD2, 1, 9, "document number"),
        (TD2, 1, 19, "birth date"),
        (TD2, 1, 27, "expiry date"),
        (TD2, 1, 35, "composite"),
        (MRV_A, 1, 9, "document number"),
        (MRV_A, 1, 19, "birth date"),
        (MRV_A, 1, 27, "expiry date"),
        (MRV_B, 1, 9, "document number"),
        (MRV_B, 1, 19, "birth date"),
        (MRV_B, 1, 27, "expiry date"),
    ],
)
def test_a_wrong_check_digit_is_refused_with_field_expected_and_found(
    lines: list[str], row: int, col: int, field: str
) -> None:
    good = lines[row][col]
    bad = _other_digit(good)
    with pytest.raises(MrzError) as err:
        parse_mrz(_replace(lines, row, col, bad), TODAY, first_line=10)
    problem = next(p for p in err.value.problems if p.field == field)
    assert (problem.expected, problem.found) == (good, bad)
    assert problem.line == 10 + row
    assert problem.column == col + 1
    assert f"expected {good}" in err.value.message


def test_a_wrong_data_digit_fails_its_own_check_and_the_composite() -> None:
    with pytest.raises(MrzError) as err:
        parse_mrz(_replace(TD3, 1, 14, "5"), TODAY)  # birth 740812 -> 750812
    assert {p.field for p in err.value.problems} == {"birth date", "composite"}


def test_a_filler_check_digit_is_not_a_digit() -> None:
    with pytest.raises(MrzError, match="document number check digit"):
        parse_mrz(_replace(TD3, 1, 9, "<"), TODAY)


def test_optional_data_check_may_be_filler_or_zero_only_when_unused() -> None:
    lines = td3(optional="")
    assert lines[1][42] == "0"
    assert parse_mrz(lines, TODAY).optional_data == ""
    filler = _replace(lines, 1, 42, "<")
    filler[1] = filler[1][:43] + cd(filler[1][0:10] + filler[1][13:20] + filler[1][21:43])
    assert parse_mrz(filler, TODAY).optional_data == ""


# --- structure and characters ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "reason"),
    [
        ([TD3[0]], "1 line(s)"),
        ([TD3[0][:-1], TD3[1]], "43/44"),
        ([TD3[0], TD3[1], TD3[1]], "3 line(s)"),
        (TD1[:2], "2 line(s)"),
        ([TD3[0], TD2[1]], "44/36"),
        ([], "0 line(s)"),
        (["", ""], "0/0"),
    ],
)
def test_wrong_shapes_are_refused(lines: list[str], reason: str) -> None:
    with pytest.raises(MrzError, match="3 × 30") as err:
        parse_mrz(lines, TODAY)
    assert reason in err.value.message


@pytest.mark.parametrize("bad", ["p", " ", "-", "«", "é", "\t"])
def test_characters_outside_the_mrz_alphabet_are_refused_with_their_column(bad: str) -> None:
    with pytest.raises(MrzError) as err:
        parse_mrz(_replace(TD3, 0, 7, bad), TODAY)
    (problem,) = err.value.problems
    assert (problem.field, problem.line, problem.column) == ("characters", 1, 8)


@pytest.mark.parametrize(
    ("row", "col", "ch", "field"),
    [
        (1, 20, "Z", "sex"),
        (0, 0, "7", "document code"),
        (0, 8, "1", "name"),
        (1, 11, "1", "nationality"),
        (0, 3, "1", "issuing state"),
    ],
)
def test_unchecked_fields_are_still_validated(row: int, col: int, ch: str, field: str) -> None:
    with pytest.raises(MrzError) as err:
        parse_mrz(_replace(TD3, row, col, ch), TODAY)
    assert field in {p.field for p in err.value.problems}


def test_a_name_without_primary_identifier_is_read_as_a_full_name_with_a_warning() -> None:
    doc = parse_mrz(td3(name="<<ANNA<MARIA"), TODAY)
    assert (doc.primary_identifier, doc.secondary_identifier) == ("", "ANNA MARIA")
    assert any("no primary identifier" in w for w in doc.warnings)
    query = doc.to_query()
    assert (query.name, query.family_name, query.given_names) == ("ANNA MARIA", "", "")


def test_a_name_field_without_any_name_is_refused() -> None:
    with pytest.raises(MrzError, match="holds no name"):
        parse_mrz(td3(name="<"), TODAY)


# --- names -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "primary", "secondary", "truncated"),
    [
        ("ERIKSSON<<ANNA<MARIA", "ERIKSSON", "ANNA MARIA", False),
        ("VAN<DER<BERG<<PIETER", "VAN DER BERG", "PIETER", False),
        ("MADONNA", "MADONNA", "", False),
        ("NGUYEN<<VAN<<AN", "NGUYEN", "VAN AN", False),  # a malformed double filler is one space
        ("MUELLER<<JUERGEN<HANS<KARL<FRIEDRICH<ALEXANDER<WOLF", "MUELLER", "", True),
    ],
)
def test_names_are_split_and_truncation_reported(
    name: str, primary: str, secondary: str, truncated: bool
) -> None:
    doc = parse_mrz(td3(name=name), TODAY)
    assert doc.primary_identifier == primary
    if not truncated:
        assert doc.secondary_identifier == secondary
    assert doc.name_truncated is truncated
    assert any("truncated" in w for w in doc.warnings) is truncated
    assert ("name_truncated" in doc.to_query().extra) is truncated


def test_truncated_secondary_identifier_keeps_what_is_there() -> None:
    doc = parse_mrz(td1(name="WOLFESCHLEGELSTEINHAUSEN<<HUBERT<BLAINE"), TODAY)
    assert doc.name_truncated
    assert doc.primary_identifier == "WOLFESCHLEGELSTEINHAUSEN"
    assert doc.secondary_identifier == "HUBE"


# --- dates -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("740812", PartialDate(1974, 8, 12)),
        ("260115", PartialDate(2026, 1, 15)),  # born today
        ("260116", PartialDate(1926, 1, 16)),  # tomorrow in 2026 is impossible: 1926
        ("251231", PartialDate(2025, 12, 31)),
        ("991231", PartialDate(1999, 12, 31)),
        ("000229", PartialDate(2000, 2, 29)),
        ("74<<<<", PartialDate(1974)),
        ("7408<<", PartialDate(1974, 8)),
        ("740000", PartialDate(1974)),
        ("740800", PartialDate(1974, 8)),
        ("26<<<<", PartialDate(2026)),
        ("27<<<<", PartialDate(1927)),
        ("2602<<", PartialDate(1926, 2)),
        ("<<<<<<", None),
    ],
)
def test_birth_date_century_rule_and_unknown_parts(text: str, expected: PartialDate | None) -> None:
    assert birth_date_from_yymmdd(text, TODAY) == expected


@pytest.mark.parametrize("text", ["741332", "740230", "7<0812", "<<0812", "74<<12", "74AB12", "7408<1"])
def test_impossible_birth_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="birth date"):
        birth_date_from_yymmdd(text, TODAY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("320415", PartialDate(2032, 4, 15)),
        ("760101", PartialDate(2076, 1, 1)),
        ("770101", PartialDate(1977, 1, 1)),
    ],
)
def test_expiry_century_rule(text: str, expected: PartialDate) -> None:
    assert expiry_from_yymmdd(text, TODAY) == expected


def test_unknown_birth_parts_in_a_document_still_verify() -> None:
    doc = parse_mrz(td3(birth="74<<<<"), TODAY)
    assert doc.birth_date == PartialDate(1974)
    assert doc.to_query().birth_date == PartialDate(1974)
    assert parse_mrz(td1(birth="<<<<<<"), TODAY).birth_date is None


def test_an_impossible_birth_date_with_valid_check_digits_is_refused() -> None:
    with pytest.raises(MrzError, match="not a real date"):
        parse_mrz(td3(birth="740231"), TODAY)


def test_an_expired_document_is_read_with_a_warning() -> None:
    doc = parse_mrz(td3(expiry="250101"), TODAY)
    assert doc.expiry == PartialDate(2025, 1, 1)
    assert "the document expired on 2025-01-01" in doc.warnings
    assert not parse_mrz(td3(), TODAY).warnings


# --- sex and countries -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ch", "sex"), [("M", Sex.MALE), ("F", Sex.FEMALE), ("<", Sex.UNKNOWN), ("X", Sex.UNKNOWN)]
)
def test_sex(ch: str, sex: Sex) -> None:
    assert parse_mrz(td3(sex=ch), TODAY).sex is sex


@pytest.mark.parametrize(
    ("code", "iso"),
    [
        ("D", "DE"),
        ("D<<", "DE"),
        ("DEU", "DE"),
        ("GBR", "GB"),
        ("GBD", "GB"),
        ("GBN", "GB"),
        ("GBO", "GB"),
        ("GBP", "GB"),
        ("GBS", "GB"),
        ("UNK", "XK"),
        ("RKS", "XK"),
        ("UNO", None),
        ("UNA", None),
        ("XXA", None),
        ("XXB", None),
        ("XXC", None),
        ("XXX", None),
        ("EUE", None),
        ("UTO", None),
        ("CHN", "CN"),
        ("ZZZ", None),
        ("FR", "FR"),
        ("", None),
        ("<<<", None),
    ],
)
def test_icao_codes_to_iso_alpha2(code: str, iso: str | None) -> None:
    assert icao_to_alpha2(code) == iso


def test_germany_and_british_specials_in_a_document() -> None:
    doc = parse_mrz(td3(state="D", nationality="GBD"), TODAY)
    assert (doc.issuing_state, doc.issuing_country) == ("D", "DE")
    assert (doc.nationality_code, doc.nationality) == ("GBD", "GB")
    q = doc.to_query()
    assert q.nationality == "GB"
    assert q.document is not None
    assert q.document.issuing_country == "DE"
    assert q.extra["issuing_state_icao"] == "D"


def test_an_unknown_nationality_code_is_read_with_a_warning() -> None:
    doc = parse_mrz(td3(nationality="QQQ"), TODAY)
    assert doc.nationality is None
    assert any("QQQ" in w for w in doc.warnings)


# --- long document numbers (TD1, TD2) ----------------------------------------------------------------


def test_td1_long_document_number() -> None:
    lines = td1(number="D23145890123", optional1="XY")
    assert lines[0][14] == "<"
    doc = parse_mrz(lines, TODAY)
    assert doc.document_number == "D23145890123"
    assert doc.optional_data == "XY"


def test_td2_long_document_number() -> None:
    doc = parse_mrz(td2(number="AB12345678901"), TODAY)
    assert doc.document_number == "AB12345678901"


def test_a_long_document_number_with_a_wrong_check_digit_is_refused() -> None:
    lines = td1(number="D23145890123")
    col = lines[0].index("<", 15) - 1  # the check digit just before the filler after the continuation
    bad = _replace(lines, 0, col, _other_digit(lines[0][col]))
    with pytest.raises(MrzError, match="document number check digit"):
        parse_mrz(bad, TODAY)


def test_a_filler_number_check_without_continuation_is_refused() -> None:
    lines = td1()
    bad = _replace(lines, 0, 14, "<")
    with pytest.raises(MrzError, match="no continuation"):
        parse_mrz(bad, TODAY)


# --- files ------------------------------------------------------------------------------------------


def test_a_file_of_several_documents_with_blank_lines() -> None:
    text = "\n".join([*TD3, "", "", *TD1, "", *TD2, *MRV_A, "   ", *MRV_B]) + "\n"
    entries = read_mrz(text, TODAY)
    assert [e.lines for e in entries] == [(1, 2), (5, 6, 7), (9, 10), (11, 12), (14, 15)]
    assert all(e.document is not None for e in entries)
    assert [e.document.format for e in entries if e.document] == ["TD3", "TD1", "TD2", "MRV-A", "MRV-B"]


def test_one_bad_document_never_stops_the_others() -> None:
    bad = _replace(TD3, 1, 19, "9")
    text = "\n".join([*TD1, *bad, "THIS IS NOT AN MRZ", *TD3, *TD2[:1], "", *td3(name="ZHANG<<WEI")])
    entries = read_mrz(text, TODAY)
    summary = [(e.lines, e.document.format if e.document else None) for e in entries]
    assert summary == [
        ((1, 2, 3), "TD1"),
        ((4, 5), None),
        ((6,), None),
        ((7, 8), "TD3"),
        ((9,), None),  # a TD2 first line without its second line
        ((11, 12), "TD3"),
    ]
    assert entries[1].error is not None
    assert "birth date check digit: expected 2, found '9'" in entries[1].error.message
    assert entries[1].error.problems[0].line == 5
    assert entries[2].error is not None
    assert "18 characters" in entries[2].error.message
    assert entries[4].error is not None
    assert "needs 2 lines" in entries[4].error.message


def test_a_missing_second_line_does_not_swallow_the_next_document() -> None:
    text = "\n".join([TD3[0], *td3(name="IVANOVA<<ELENA")])
    entries = read_mrz(text, TODAY)
    assert entries[0].error is not None
    assert entries[0].lines == (1,)
    assert entries[1].document is not None
    assert entries[1].document.primary_identifier == "IVANOVA"


def test_a_mangled_second_line_is_reported_with_its_document() -> None:
    text = "\n".join([TD3[0], TD3[1][:40], *TD1])
    entries = read_mrz(text, TODAY)
    assert entries[0].lines == (1, 2)
    assert entries[0].error is not None
    assert "40 characters" in entries[0].error.message
    assert entries[1].document is not None


def test_crlf_files_and_the_sample_file() -> None:
    assert [e.document is not None for e in read_mrz("\r\n".join(TD3), TODAY)] == [True]
    entries = read_mrz((DATA / "specimens.mrz").read_text(encoding="utf-8"), TODAY)
    assert len(entries) == 6
    assert sum(e.document is not None for e in entries) == 5
    assert sum(e.error is not None for e in entries) == 1


@pytest.mark.parametrize("text", ["", "\n\n", "   "])
def test_empty_input_has_no_documents(text: str) -> None:
    assert read_mrz(text, TODAY) == []


# --- properties -------------------------------------------------------------------------------------

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ALNUM = LETTERS + "0123456789"
words = st.text(LETTERS, min_size=1, max_size=8)
numbers = st.text(ALNUM, min_size=1, max_size=9)
birth_dates = st.dates(date(1927, 1, 16), TODAY)
expiries = st.dates(date(1980, 1, 1), date(2075, 12, 31))
countries = st.sampled_from(["UTO", "DEU", "D", "FRA", "CHN", "GBD", "XXA", "RUS"])


def _yymmdd(d: date) -> str:
    return d.strftime("%y%m%d")


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    fmt=st.sampled_from(["TD1", "TD2", "TD3"]),
    family=st.lists(words, min_size=1, max_size=2),
    given_=st.lists(words, min_size=0, max_size=2),
    number=numbers,
    birth=birth_dates,
    expiry=expiries,
    nationality=countries,
    optional=st.text(ALNUM, max_size=6),
)
def test_valid_documents_round_trip(
    fmt: str,
    family: list[str],
    given_: list[str],
    number: str,
    birth: date,
    expiry: date,
    nationality: str,
    optional: str,
) -> None:
    name = "<".join(family) + ("<<" + "<".join(given_) if given_ else "")
    kwargs = {
        "name": name,
        "number": number,
        "birth": _yymmdd(birth),
        "expiry": _yymmdd(expiry),
        "nationality": nationality,
    }
    if fmt == "TD1":
        lines = td1(**kwargs, optional2=optional)
    elif fmt == "TD2":
        lines = td2(**kwargs, optional=optional)
    else:
        lines = td3(**kwargs, optional=optional)
    short = len(name) < {"TD1": 30, "TD2": 31, "TD3": 39}[fmt]
    doc = parse_mrz(lines, TODAY)
    assert doc.format == fmt
    assert doc.document_number == number
    assert doc.birth_date == PartialDate.of(birth)
    assert doc.expiry == PartialDate.of(expiry)
    assert doc.nationality == icao_to_alpha2(nationality)
    if short:
        assert doc.primary_identifier == " ".join(family)
        assert doc.secondary_identifier == " ".join(given_)
        assert not doc.name_truncated


def _checked_positions(lines: list[str]) -> list[tuple[int, int]]:
    """Every digit that a check digit covers (or that is a check digit)."""
    if len(lines) == 3:
        spans = [(0, 5, 30), (1, 0, 7), (1, 8, 15), (1, 18, 30)]
    else:
        width = len(lines[0])
        spans = [(1, 0, 10), (1, 13, 20), (1, 21, width)]
    return [(r, c) for r, a, b in spans for c in range(a, b) if lines[r][c].isdigit()]


@settings(max_examples=300)
@given(
    fmt=st.sampled_from(["TD1", "TD2", "TD3"]),
    number=numbers,
    birth=birth_dates,
    expiry=expiries,
    data=st.data(),
)
def test_changing_any_checked_digit_is_refused(
    fmt: str, number: str, birth: date, expiry: date, data: st.DataObject
) -> None:
    builders: dict[str, Callable[..., list[str]]] = {"TD1": td1, "TD2": td2, "TD3": td3}
    build = builders[fmt]
    lines = build(number=number, birth=_yymmdd(birth), expiry=_yymmdd(expiry))
    row, col = data.draw(st.sampled_from(_checked_positions(lines)))
    new = data.draw(st.sampled_from([d for d in "0123456789" if d != lines[row][col]]))
    with pytest.raises(MrzError):
        parse_mrz(_replace(lines, row, col, new), TODAY)


@settings(max_examples=200)
@given(st.text(alphabet=st.sampled_from(list(ALNUM + "<\n é")), max_size=400))
def test_reading_any_text_never_raises(text: str) -> None:
    for entry in read_mrz(text, TODAY):
        assert (entry.document is None) != (entry.error is None)
        assert entry.lines


# --- national practice (issue 15, item 4) -----------------------------------------------------------


def _belgian(state: str) -> list[str]:
    """A TD1 whose long number's check digit is computed over the number with its filler."""
    number = "000590240601"
    l1 = pad(f"ID{state}{number[:9]}<{number[9:]}" + cd(number[:9] + "<" + number[9:]), 30)
    l2 = "851201" + cd("851201") + "F" + "311104" + cd("311104") + "BEL" + pad("", 11)
    l2 += cd(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
    return [l1, l2, pad("REINARTZ<<ULRIKE", 30)]


def test_belgian_check_digit_over_the_extended_number_is_read_with_a_warning() -> None:
    lines = _belgian("BEL")
    assert cd("000590240601") != lines[0][18]  # the ICAO rule alone would refuse it
    doc = parse_mrz(lines, TODAY)
    assert doc.document_number == "000590240601"
    assert any("as Belgium does" in w for w in doc.warnings)
    with pytest.raises(MrzError, match="document number check digit"):  # only for Belgian documents
        parse_mrz(_belgian("UTO"), TODAY)


def french_card(
    family: str = "BERTHIER", given: str = "CORINNE", number: str = "9409923102854"[:12]
) -> list[str]:
    l1 = pad("IDFRA" + family, 30) + "0CHE02"
    l2 = number + cd(number) + pad(given, 14) + "651206" + cd("651206") + "F"
    return [l1, l2 + cd(l1 + l2)]


def test_the_french_identity_card_before_2021_is_read_in_its_own_layout() -> None:
    doc = parse_mrz(french_card(), TODAY)
    assert (doc.format, doc.primary_identifier, doc.secondary_identifier) == ("FR-CNI", "BERTHIER", "CORINNE")
    assert (doc.document_number, doc.birth_date, doc.sex) == (
        "940992310285",
        PartialDate(1965, 12, 6),
        Sex.FEMALE,
    )
    assert (doc.nationality, doc.issuing_country, doc.expiry) == ("FR", "FR", None)
    assert any("French national identity card" in w for w in doc.warnings)
    lines = french_card()
    for row, col in [(1, 12), (1, 33), (1, 35), (1, 5)]:  # each check digit, and a digit it covers
        new = "1" if lines[row][col] != "1" else "2"
        with pytest.raises(MrzError, match="check digit"):
            parse_mrz(_replace(lines, row, col, new), TODAY)


def test_an_optional_data_check_digit_written_as_filler_is_read_with_a_warning() -> None:
    lines = td3(optional="ZE184226B")
    assert lines[1][42] != "0"  # '<' counts 0: the composite must be recomputed
    filler = _replace(lines, 1, 42, "<")
    filler[1] = filler[1][:43] + cd(filler[1][0:10] + filler[1][13:20] + filler[1][21:43])
    doc = parse_mrz(filler, TODAY)
    assert doc.optional_data == "ZE184226B"
    assert any("has '<' for its check digit" in w for w in doc.warnings)
    with pytest.raises(MrzError, match="composite"):
        parse_mrz(_replace(lines, 1, 42, "<"), TODAY)  # the composite still has to hold


def test_a_driving_licence_is_not_a_td1() -> None:
    lines = td1()
    lines[0] = "FA" + lines[0][2:]
    with pytest.raises(MrzError, match="starts with A, C or I"):
        parse_mrz(lines, TODAY)
