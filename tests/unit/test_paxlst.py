"""UN/EDIFACT PAXLST manifests: the sample, custom separators, release characters, and broken envelopes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rednotice.adapters.formats.paxlst import Separators, read_paxlst, segments
from rednotice.domain.dates import PartialDate
from rednotice.domain.model import Sex

TODAY = date(2026, 3, 1)
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "paxlst" / "ua123_yvr_jfk.edi"

Seg = list[list[str]]
"""A segment as data elements, each a list of components; element 0 is the tag."""


def esc(value: str, seps: Separators) -> str:
    for ch in (seps.release, seps.segment, seps.element, seps.component):
        value = value.replace(ch, seps.release + ch)
    return value


def render(segs: list[Seg], seps: Separators = Separators(), una: bool = True, newline: str = "\n") -> str:
    out = []
    if una:
        out.append(
            "UNA"
            + seps.component
            + seps.element
            + seps.decimal
            + seps.release
            + seps.repetition
            + seps.segment
        )
    for seg in segs:
        out.append(
            seps.element.join(seps.component.join(esc(c, seps) for c in el) for el in seg) + seps.segment
        )
    return newline.join(out)


def nad(family: str, given: str = "", role: str = "FL") -> Seg:
    return [["NAD"], [role], [""], [""], [family, *given.split()]]


def passenger(
    family: str,
    given: str = "",
    *,
    sex: str = "M",
    birth: str = "850312",
    nat: str = "CHN",
    doc: str = "E12345678",
    expiry: str = "300115",
    country: str = "CHN",
    role: str = "FL",
) -> list[Seg]:
    return [
        nad(family, given, role),
        [["ATT"], ["2"], [""], [sex]],
        [["DTM"], ["329", birth]],
        [["LOC"], ["178"], ["YVR"]],
        [["LOC"], ["179"], ["JFK"]],
        [["NAT"], ["2"], [nat]],
        [["RFF"], ["AVF", "ABC123"]],
        [["DOC"], ["P", "110", "111"], [doc]],
        [["DTM"], ["36", expiry]],
        [["LOC"], ["91"], [country]],
    ]


def message(ref: str, people: list[list[Seg]], count_delta: int = 0, unt_ref: str | None = None) -> list[Seg]:
    body: list[Seg] = [
        [["UNH"], [ref], ["PAXLST", "D", "02B", "UN", "IATA"], ["UA123/260301/1230"], ["01", "F"]],
        [["BGM"], ["745"]],
        [["NAD"], ["MS"], [""], [""], ["OPERATIONS"]],
        [["TDT"], ["20"], ["UA123"], [""], [""], ["UA"]],
        [["LOC"], ["125"], ["YVR"]],
        [["DTM"], ["189", "2603011230", "201"]],
        [["LOC"], ["87"], ["JFK"]],
        [["DTM"], ["232", "2603012015", "201"]],
    ]
    for p in people:
        body += p
    body.append([["CNT"], ["42", str(len(people))]])
    body.append([["UNT"], [str(len(body) + 1 + count_delta)], [unt_ref if unt_ref is not None else ref]])
    return body


def interchange(
    messages: list[list[Seg]], *, groups: bool = False, unz_count: int | None = None, unz_ref: str = "42"
) -> list[Seg]:
    segs: list[Seg] = [
        [["UNB"], ["UNOA", "4"], ["AIRLINE", "ZZ"], ["USCSAPIS", "ZZ"], ["260301", "1230"], ["42"]]
    ]
    if groups:
        segs.append(
            [["UNG"], ["PAXLST"], ["AIRLINE"], ["USCSAPIS"], ["260301", "1230"], ["7"], ["UN"], ["D", "02B"]]
        )
    for m in messages:
        segs += m
    if groups:
        segs.append([["UNE"], [str(len(messages))], ["7"]])
    count = unz_count if unz_count is not None else (1 if groups else len(messages))
    segs.append([["UNZ"], [str(count)], [unz_ref]])
    return segs


ZHANG = passenger("ZHANG", "WEI")
IVANOVA = passenger(
    "IVANOVA", "ELENA SERGEYEVNA", sex="F", birth="920227", nat="RUS", doc="751234567", country="RUS"
)


# --- the sample --------------------------------------------------------------------------------------


def test_the_sample_manifest() -> None:
    result = read_paxlst(SAMPLE.read_text(encoding="utf-8"), TODAY)
    assert result.errors == []
    assert result.warnings == []
    assert [q.id for q in result.queries] == [*(f"PAX001-{n}" for n in range(1, 9)), "CRW001-1", "CRW001-2"]
    names = [(q.family_name, q.given_names) for q in result.queries]
    assert ("O'BRIEN", "SIOBHAN") in names
    assert ("AL-RASHID", "MOHAMMED ABDULLAH") in names
    assert ("GARCIA LOPEZ", "MARIA JOSE") in names
    zhang = result.queries[0]
    assert zhang.birth_date == PartialDate(1985, 3, 12)
    assert (zhang.nationality, zhang.sex, zhang.source) == ("CN", Sex.MALE, "paxlst")
    assert zhang.document is not None
    assert (zhang.document.kind, zhang.document.number) == ("P", "E12345678")
    assert (zhang.document.issuing_country, zhang.document.expiry) == ("CN", PartialDate(2030, 1, 15))
    assert zhang.extra["flight"] == "UA123"
    assert (zhang.extra["embarkation"], zhang.extra["debarkation"]) == ("PEK", "JFK")
    assert (zhang.extra["reservation"], zhang.extra["seat"]) == ("ABC123", "12A")
    mueller = result.queries[5]
    assert mueller.document is not None
    assert mueller.document.issuing_country == "DE"  # the ICAO code D
    assert result.queries[8].extra["role"] == "crew"
    nguyen = result.queries[3]
    assert nguyen.birth_date == PartialDate(2001, 7, 8)


def test_the_sample_is_stable_across_readings() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    assert read_paxlst(text, TODAY).queries == read_paxlst(text, TODAY).queries


# --- separators and escaping -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "seps",
    [
        Separators(),
        Separators(component="|", element="*", release="!", segment="~"),
        Separators(component=">", element="^", release="\\", segment="\n", repetition="*"),
    ],
)
def test_custom_separators_are_honoured(seps: Separators) -> None:
    text = render(interchange([message("M1", [ZHANG, IVANOVA])]), seps)
    result = read_paxlst(text, TODAY)
    assert result.errors == []
    assert [(q.family_name, q.given_names) for q in result.queries] == [
        ("ZHANG", "WEI"),
        ("IVANOVA", "ELENA SERGEYEVNA"),
    ]


def test_without_una_the_defaults_apply_and_groups_are_optional() -> None:
    result = read_paxlst(render(interchange([message("M1", [ZHANG])]), una=False), TODAY)
    assert [q.id for q in result.queries] == ["M1-1"]


@pytest.mark.parametrize("family", ["O'BRIEN", "SMITH+JONES", "A:B", "WHY?", "?'+:"])
def test_release_character_escapes_separators(family: str) -> None:
    result = read_paxlst(render(interchange([message("M1", [passenger(family, "ANN")])])), TODAY)
    assert result.errors == []
    assert result.queries[0].family_name == family


def test_segments_on_one_line_or_wrapped_at_80_characters() -> None:
    flat = render(interchange([message("M1", [ZHANG, IVANOVA])]), newline="")
    wrapped = "\r\n".join(flat[i : i + 80] for i in range(0, len(flat), 80))
    for text in (flat, wrapped):
        result = read_paxlst(text, TODAY)
        assert result.errors == []
        assert len(result.queries) == 2


def test_tokeniser_reports_line_numbers() -> None:
    _, segs = segments(render(interchange([message("M1", [ZHANG])])))
    assert (segs[0].tag, segs[0].line, segs[0].number) == ("UNB", 2, 1)
    assert segs[-1].tag == "UNZ"
    assert segs[-1].line == len(segs) + 1


@settings(max_examples=100)
@given(
    family=st.text(st.characters(blacklist_categories=("Cc", "Cs", "Z")), min_size=1, max_size=20),
    given_=st.text(st.characters(blacklist_categories=("Cc", "Cs", "Z")), min_size=1, max_size=20),
)
def test_any_name_survives_escaping(family: str, given_: str) -> None:
    text = render(interchange([message("M1", [passenger(family, given_)])]))
    result = read_paxlst(text, TODAY)
    assert result.errors == []
    assert (result.queries[0].family_name, result.queries[0].given_names) == (family.strip(), given_.strip())


# --- details --------------------------------------------------------------------------------------------


def test_groups_crew_and_dates_with_four_digit_years() -> None:
    crew = passenger("SMITH", "JANE", sex="F", role="FM")
    crew[2] = [["DTM"], ["329", "19800415", "102"]]
    result = read_paxlst(
        render(interchange([message("M1", [ZHANG]), message("M2", [crew])], groups=True)), TODAY
    )
    assert result.errors == []
    smith = result.queries[1]
    assert (smith.id, smith.extra["role"], smith.sex) == ("M2-1", "crew", Sex.FEMALE)
    assert smith.birth_date == PartialDate(1980, 4, 15)


def test_doubtful_details_become_warnings_not_errors() -> None:
    odd = passenger("DOE", "JOHN", sex="Q", birth="851340", nat="QQQ", country="ZZZ")
    msg = message("M1", [odd])
    msg[-2] = [["CNT"], ["42", "5"]]
    result = read_paxlst(render(interchange([msg])), TODAY)
    assert result.errors == []
    (q,) = result.queries
    assert (q.sex, q.birth_date, q.nationality) == (None, None, None)
    assert q.document is not None
    assert q.document.issuing_country is None
    reasons = " | ".join(w.reason for w in result.warnings)
    for part in ("sex code 'Q'", "DTM+329", "nationality 'QQQ'", "issuing country 'ZZZ'", "CNT+42 says 5"):
        assert part in reasons


def test_unstructured_name_and_extra_documents() -> None:
    person = passenger("X")
    person[0] = [["NAD"], ["FL"], [""], ["NGUYEN VAN AN"]]
    person.insert(7, [["DOC"], ["V"], ["VISA123"]])
    result = read_paxlst(render(interchange([message("M1", [person])])), TODAY)
    (q,) = result.queries
    assert (q.name, q.family_name) == ("NGUYEN VAN AN", "")
    assert q.document is not None
    assert q.document.number == "E12345678"  # the passport, not the visa listed first
    assert q.extra["other_documents"] == "V VISA123"


# --- envelope faults: warnings, and every traveller still read ----------------------------------------


def _read_all(text: str, n: int) -> list[str]:
    """The text still gives its ``n`` travellers and no error; returns the warnings' reasons."""
    result = read_paxlst(text, TODAY)
    assert result.errors == [], result.errors
    assert len(result.queries) == n, "an envelope fault must not withhold a traveller"
    assert result.warnings, "an envelope fault must be reported"
    return [w.reason for w in result.warnings]


def test_wrong_unt_count_is_a_warning() -> None:
    (reason,) = _read_all(render(interchange([message("M1", [ZHANG, IVANOVA], count_delta=-1)])), 2)
    assert "UNT says" in reason
    assert "segments may be missing" in reason


def test_a_lost_segment_is_caught_by_the_unt_count() -> None:
    segs = interchange([message("M1", [ZHANG, IVANOVA])])
    del segs[12]
    reasons = _read_all(render(segs), 2)
    assert any("UNT says" in r for r in reasons)


def test_wrong_unt_reference_is_a_warning() -> None:
    (reason,) = _read_all(render(interchange([message("M1", [ZHANG], unt_ref="M9")])), 1)
    assert "does not match UNH" in reason


def test_missing_unt() -> None:
    segs = [s for s in interchange([message("M1", [ZHANG])]) if s[0] != ["UNT"]]
    reasons = _read_all(render(segs), 1)
    assert any("not closed by UNT" in r for r in reasons)


def test_missing_unh_the_segments_are_read_as_a_message() -> None:
    segs = [s for s in interchange([message("M1", [ZHANG])]) if s[0] != ["UNH"]]
    reasons = _read_all(render(segs), 1)
    assert any("outside any message" in r for r in reasons)


@pytest.mark.parametrize("cut", [0.3, 0.5, 0.9, 0.99])
def test_truncated_file_gives_everyone_before_the_cut(cut: float) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    whole = read_paxlst(text, TODAY).queries
    result = read_paxlst(text[: int(len(text) * cut)], TODAY)
    reasons = [e.reason for e in result.errors] + [w.reason for w in result.warnings]
    assert any("truncated" in r for r in reasons), reasons
    assert 0 < len(result.queries) <= len(whole)
    # the travellers read are those of the whole file, except perhaps the last one, cut short
    complete = result.queries[:-1]
    assert complete == whole[: len(complete)]
    assert result.queries[-1].family_name == whole[len(complete)].family_name


def test_missing_unz() -> None:
    segs = interchange([message("M1", [ZHANG])])[:-1]
    (reason,) = _read_all(render(segs), 1)
    assert "no UNZ" in reason


def test_wrong_unz_count_and_reference() -> None:
    assert (
        "UNZ says '2' messages" in _read_all(render(interchange([message("M1", [ZHANG])], unz_count=2)), 1)[0]
    )
    assert "UNZ reference" in _read_all(render(interchange([message("M1", [ZHANG])], unz_ref="43")), 1)[0]


def test_wrong_une_count_is_a_warning() -> None:
    segs = interchange([message("M1", [ZHANG]), message("M2", [IVANOVA])], groups=True)
    une = next(s for s in segs if s[0] == ["UNE"])
    une[1] = ["3"]
    (reason,) = _read_all(render(segs), 2)
    assert "UNE says '3' messages" in reason


def test_text_after_unz_is_a_warning() -> None:
    text = render(interchange([message("M1", [ZHANG])])) + "\n13Nov09\n"
    (reason,) = _read_all(text, 1)
    assert "after UNZ" in reason


def test_a_second_interchange_in_the_file_is_read_too() -> None:
    text = render(interchange([message("M1", [ZHANG])])) + render(
        interchange([message("M2", [IVANOVA])]), una=False
    )
    reasons = _read_all(text, 2)
    assert any("second interchange" in r for r in reasons)


def test_one_faulty_message_does_not_hide_the_others() -> None:
    text = render(interchange([message("M1", [ZHANG], count_delta=1), message("M2", [IVANOVA])]))
    result = read_paxlst(text, TODAY)
    assert [q.id for q in result.queries] == ["M1-1", "M2-1"]
    (warning,) = result.warnings
    assert warning.message == "M1"
    assert "UNT says" in warning.reason


# --- what truly cannot be read: an error for it, everyone else read ----------------------------------


def test_a_traveller_without_name_is_refused_alone() -> None:
    nameless = passenger("")
    nameless[0] = [["NAD"], ["FL"]]
    result = read_paxlst(render(interchange([message("M1", [ZHANG, nameless, IVANOVA])])), TODAY)
    assert [q.family_name for q in result.queries] == ["ZHANG", "IVANOVA"]
    assert [q.id for q in result.queries] == ["M1-1", "M1-3"]  # numbered by NAD: stable across readings
    (error,) = result.errors
    assert "traveller 2" in error.reason
    assert "has no name" in error.reason


def test_a_garbled_segment_loses_only_its_traveller() -> None:
    segs = interchange([message("M1", [ZHANG, IVANOVA, passenger("SMITH", "ANN")])])
    text = render(segs)
    garbled = text.replace("NAD+FL+++IVANOVA", "N#D+FL+++IVANOVA")
    result = read_paxlst(garbled, TODAY)
    (error,) = result.errors
    assert "not a segment tag" in error.reason
    assert [q.family_name for q in result.queries] == ["ZHANG", "SMITH"]
    zhang = result.queries[0]
    assert zhang.birth_date == PartialDate(1985, 3, 12)  # not overwritten by IVANOVA's DTM
    assert zhang.nationality == "CN"


def test_not_a_paxlst_message() -> None:
    msg = message("M1", [ZHANG])
    msg[0] = [["UNH"], ["M1"], ["CUSRES", "D", "02B", "UN"]]
    result = read_paxlst(render(interchange([msg, message("M2", [IVANOVA])])), TODAY)
    assert [q.id for q in result.queries] == ["M2-1"]
    (error,) = result.errors
    assert "CUSRES" in error.reason


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("", "the input is empty"),
        ("hello world", "not a segment tag"),
        ("hello world'", "not a segment tag"),
        ("BGM+745'", "starts with UNB"),
        ("UNA:+", "cut short"),
        ("UNA:::? 'UNB'", "distinct"),
    ],
)
def test_garbage_gives_an_error_and_nothing_else(text: str, needle: str) -> None:
    result = read_paxlst(text, TODAY)
    assert result.queries == []
    reasons = [e.reason for e in result.errors]
    assert any(needle in r for r in reasons), reasons


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("UNB+UNOA:4+A+B+1:1+1'UNZ+0+1", "truncated"),
        ("UNB+UNOA:4+A+B+1:1+1'UNZ+0+1'UNB+UNOA:4'", "second interchange"),
        ("UNB+x'UNE+1+1'UNZ+0+'", "UNE without UNG"),
        ("UNB+UNOA:4+A+B+1:1+1'UNH+1+PAXLST'", "not closed by UNT"),
        ("UNB+UNOA:4+A+B+1:1+1'UNT+2+1'UNZ+0+1'", "UNT without UNH"),
        ("UNB+UNOA:4+A+B+1:1+1'UNG+PAXLST+A+B+1:1+7'UNH+1+PAXLST'UNT+2+1'UNZ+1+1'", "not closed by UNE"),
    ],
)
def test_empty_envelopes_say_what_is_wrong(text: str, needle: str) -> None:
    result = read_paxlst(text, TODAY)
    assert result.queries == []
    reasons = [e.reason for e in result.errors] + [w.reason for w in result.warnings]
    assert any(needle in r for r in reasons), reasons


@settings(max_examples=200)
@given(st.text(max_size=300))
def test_reading_any_text_never_raises(text: str) -> None:
    result = read_paxlst(text, TODAY)  # never raises
    assert all(e.reason for e in result.errors)


@settings(max_examples=150)
@given(st.data())
def test_deleting_any_segment_is_reported(data: st.DataObject) -> None:
    segs = interchange([message("M1", [ZHANG, IVANOVA])], groups=True)
    index = data.draw(st.integers(0, len(segs) - 1))
    del segs[index]
    result = read_paxlst(render(segs), TODAY)
    assert result.errors or result.warnings


# --- roles ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "role"),
    [
        ("FL", "passenger"),
        ("FM", "crew"),
        ("DDU", "passenger in transit"),
        ("DDT", "crew in transit"),
        ("VW", "driver"),
    ],
)
def test_every_person_role_is_a_traveller(code: str, role: str) -> None:
    result = read_paxlst(render(interchange([message("M1", [passenger("DOE", "JANE", role=code)])])), TODAY)
    (q,) = result.queries
    assert (q.family_name, q.extra["role"], q.extra["role_code"]) == ("DOE", role, code)
    assert result.warnings == []


def test_an_unknown_role_is_read_and_warned_about_but_the_reporting_party_is_not_a_traveller() -> None:
    result = read_paxlst(render(interchange([message("M1", [passenger("DOE", "JANE", role="ZZZ")])])), TODAY)
    (q,) = result.queries  # not OPERATIONS (NAD+MS)
    assert q.extra["role"] == "unknown role NAD+ZZZ"
    (warning,) = result.warnings
    assert "'ZZZ' is not a known traveller role" in warning.reason
    assert warning.query_id == q.id == "M1-1"


def test_name_format_code_is_not_a_name() -> None:
    person = passenger("AOMAD")
    person[0] = [["NAD"], ["VW"], ["0000041153", "109"], [""], ["AOMAD", "CHRIS", "", "", "", "1"]]
    (q,) = read_paxlst(render(interchange([message("M1", [person])])), TODAY).queries
    assert (q.family_name, q.given_names) == ("AOMAD", "CHRIS")


# --- legs ---------------------------------------------------------------------------------------------


def test_several_flight_legs() -> None:
    msg = message("M1", [ZHANG])
    legs: list[Seg] = [
        [["TDT"], ["20"], ["QQ877"]],
        [["LOC"], ["92"], ["MIA"]],
        [["LOC"], ["92"], ["IAD"]],
        [["TDT"], ["20"], ["QQ827"]],
        [["LOC"], ["125"], ["IAD"]],
        [["LOC"], ["87"], ["CDG"]],
    ]
    body = msg[:3] + legs + msg[8:]
    body[-1] = [["UNT"], [str(len(body))], ["M1"]]
    result = read_paxlst(render(interchange([body])), TODAY)
    assert result.warnings == []
    (q,) = result.queries
    assert q.extra["legs"] == "QQ877 MIA-IAD; QQ827 IAD-CDG"
    assert (q.extra["flight"], q.extra["departure"], q.extra["arrival"]) == ("QQ827", "IAD", "CDG")


def test_a_300_passenger_manifest() -> None:
    people = [passenger(f"PASSENGER{n}", "TEST", doc=f"X{n:08d}") for n in range(300)]
    result = read_paxlst(render(interchange([message("BIG", people)])), TODAY)
    assert result.errors == []
    assert len(result.queries) == 300
    assert len({q.id for q in result.queries}) == 300
