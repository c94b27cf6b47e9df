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


# --- broken manifests: an error, and no partial output -----------------------------------------------


def _errors(text: str) -> list[str]:
    result = read_paxlst(text, TODAY)
    assert result.queries == [], "a broken manifest must give no passenger"
    assert result.errors
    return [e.reason for e in result.errors]


def test_wrong_unt_count() -> None:
    (reason,) = _errors(render(interchange([message("M1", [ZHANG, IVANOVA], count_delta=-1)])))
    assert "UNT says" in reason
    assert "segments are missing or extra" in reason


def test_a_lost_segment_is_caught_by_the_unt_count() -> None:
    segs = interchange([message("M1", [ZHANG, IVANOVA])])
    del segs[12]
    (reason,) = _errors(render(segs))
    assert "UNT says" in reason


def test_wrong_unt_reference() -> None:
    (reason,) = _errors(render(interchange([message("M1", [ZHANG], unt_ref="M9")])))
    assert "does not match UNH" in reason


def test_missing_unt() -> None:
    segs = interchange([message("M1", [ZHANG])])
    segs = [s for s in segs if s[0] != ["UNT"]]
    reasons = _errors(render(segs))
    assert any("not closed by UNT" in r for r in reasons)


def test_missing_unh() -> None:
    segs = interchange([message("M1", [ZHANG])])
    segs = [s for s in segs if s[0] != ["UNH"]]
    reasons = _errors(render(segs))
    assert any("outside any message" in r for r in reasons)


@pytest.mark.parametrize("cut", [0.3, 0.5, 0.9, 0.99])
def test_truncated_file(cut: float) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    reasons = _errors(text[: int(len(text) * cut)])
    assert any("truncated" in r for r in reasons)


def test_missing_unz() -> None:
    segs = interchange([message("M1", [ZHANG])])[:-1]
    (reason,) = _errors(render(segs))
    assert "no UNZ" in reason


def test_wrong_unz_count_and_reference() -> None:
    assert "UNZ says '2' messages" in _errors(render(interchange([message("M1", [ZHANG])], unz_count=2)))[0]
    assert "UNZ reference" in _errors(render(interchange([message("M1", [ZHANG])], unz_ref="43")))[0]


def test_wrong_une_count_withholds_the_group() -> None:
    segs = interchange([message("M1", [ZHANG]), message("M2", [IVANOVA])], groups=True)
    une = next(s for s in segs if s[0] == ["UNE"])
    une[1] = ["3"]
    (reason,) = _errors(render(segs))
    assert "UNE says '3' messages" in reason


def test_one_broken_message_does_not_hide_a_whole_one() -> None:
    text = render(interchange([message("M1", [ZHANG], count_delta=1), message("M2", [IVANOVA])]))
    result = read_paxlst(text, TODAY)
    assert [q.id for q in result.queries] == ["M2-1"]
    (err,) = result.errors
    assert err.message == "M1"
    assert "UNT says" in err.reason


def test_a_passenger_without_name_breaks_the_message() -> None:
    nameless = passenger("")
    nameless[0] = [["NAD"], ["FL"]]
    (reason,) = _errors(render(interchange([message("M1", [ZHANG, nameless])])))
    assert "traveller 2" in reason
    assert "no family name" in reason


def test_not_a_paxlst_message() -> None:
    msg = message("M1", [ZHANG])
    msg[0] = [["UNH"], ["M1"], ["CUSRES", "D", "02B", "UN"]]
    (reason,) = _errors(render(interchange([msg])))
    assert "CUSRES" in reason


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("", "the input is empty"),
        ("hello world", "not a segment tag"),
        ("hello world'", "not a segment tag"),
        ("BGM+745'", "starts with UNB"),
        ("UNA:+", "cut short"),
        ("UNA:::? 'UNB'", "distinct"),
        ("UNB+UNOA:4+A+B+1:1+1'UNZ+0+1", "truncated"),
        ("UNB+UNOA:4+A+B+1:1+1'UNZ+0+1'UNB+UNOA:4'", "after UNZ"),
        ("UNB+x'UNE+1+1'UNZ+0+'", "UNE without UNG"),
        ("UNB+UNOA:4+A+B+1:1+1'UNH+1+PAXLST'", "truncated"),
        ("UNB+UNOA:4+A+B+1:1+1'UNT+2+1'UNZ+0+1'", "UNT without UNH"),
        ("UNB+UNOA:4+A+B+1:1+1'UNG+PAXLST+A+B+1:1+7'UNH+1+PAXLST'UNT+2+1'UNZ+1+1'", "not closed by UNE"),
    ],
)
def test_garbage_gives_an_error_and_nothing_else(text: str, needle: str) -> None:
    reasons = _errors(text)
    assert any(needle in r for r in reasons), reasons


@settings(max_examples=200)
@given(st.text(max_size=300))
def test_reading_any_text_never_raises(text: str) -> None:
    result = read_paxlst(text, TODAY)  # never raises
    assert all(e.reason for e in result.errors)


@settings(max_examples=150)
@given(st.data())
def test_deleting_any_segment_is_detected(data: st.DataObject) -> None:
    segs = interchange([message("M1", [ZHANG, IVANOVA])], groups=True)
    index = data.draw(st.integers(0, len(segs) - 1))
    del segs[index]
    result = read_paxlst(render(segs), TODAY)
    assert result.queries == []
    assert result.errors


def test_a_300_passenger_manifest() -> None:
    people = [passenger(f"PASSENGER{n}", "TEST", doc=f"X{n:08d}") for n in range(300)]
    result = read_paxlst(render(interchange([message("BIG", people)])), TODAY)
    assert result.errors == []
    assert len(result.queries) == 300
    assert len({q.id for q in result.queries}) == 300
