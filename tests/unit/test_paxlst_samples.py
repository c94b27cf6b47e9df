"""Every published PAXLST sample in tests/data/paxlst (sources in its README) read as a border system must:
every traveller, the envelope faults as warnings. Expected values are read off the messages themselves."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from rednotice.adapters.formats.paxlst import read_paxlst
from rednotice.adapters.formats.screening_input import read_queries
from rednotice.domain.dates import PartialDate
from rednotice.domain.model import Sex

TODAY = date(2026, 12, 4)
DATA = Path(__file__).resolve().parents[1] / "data" / "paxlst"


@dataclass(frozen=True)
class Person:
    """Fields as the NAD group says them (None: not checked)."""

    index: int
    family: str
    given: str
    birth: PartialDate | None = None
    sex: Sex | None = None
    nationality: str | None = None
    document: str | None = None
    role: str = "passenger"


@dataclass(frozen=True)
class Sample:
    file: str
    travellers: int
    people: tuple[Person, ...]
    warnings: tuple[str, ...] = ()
    """A part of each expected warning, in order; none other allowed."""
    extra: dict[str, str] = field(default_factory=dict)
    """Flight context every traveller carries."""


GTAS = "gtas_gtas-"
SAMPLES = [
    Sample(
        "cbp_guide_example_fileid157191256.edi",
        1,
        (Person(0, "DOE", "JOHN WAYNE", PartialDate(1957, 1, 21), Sex.MALE, "CA", "MB140241"),),
        extra={
            "flight": "UA123",
            "departure": "YVR",
            "arrival": "JFK",
            "legs": "UA123 YVR-JFK; UA124 JFK-ATL",
        },
    ),
    Sample(
        GTAS + "job-scheduler-war_src_test_resources_tamr-integration-data_flight1.txt",
        10,
        (
            Person(0, "JIANG", "HSIUYUAN", PartialDate(1967, 6, 3), Sex.FEMALE, "CN", "433419360"),
            Person(9, "O GRADY", "EMMA MAISIE", PartialDate(2000, 5, 20), Sex.FEMALE, "GB", "209415811"),
        ),
        ("UNT says '23' segments but the message has 181",),
        {"flight": "LA532", "departure": "SCL", "arrival": "JFK"},
    ),
    Sample(
        GTAS + "job-scheduler-war_src_test_resources_tamr-integration-data_flight2.txt",
        10,
        (
            Person(0, "WATERFIELD", "RHYS THOMAS", PartialDate(1953, 12, 24), Sex.MALE, "GB", "482606407"),
            Person(9, "LOWE", "JESSICA KATE", PartialDate(1965, 3, 8), Sex.FEMALE, "GB", "339436223"),
        ),
        ("UNT says '23' segments but the message has 180",),
        {"flight": "FI615", "departure": "KEF", "arrival": "JFK"},
    ),
    Sample(
        GTAS + "job-scheduler-war_src_test_resources_tamr-integration-data_flight3.txt",
        10,
        (
            Person(0, "MCLOUGHLIN", "BEN HARRY", PartialDate(1946, 10, 7), Sex.MALE, "GB", "563056942"),
            Person(9, "YOHANNES", "MUSTAFA DAWIT", PartialDate(1967, 3, 26), Sex.MALE, "IN", "849816808"),
        ),
        ("UNT says '23' segments but the message has 187",),
        {"flight": "YY123", "departure": "IAD", "arrival": "BRU"},
    ),
    Sample(
        GTAS + "loader_src_test_resources_apis-messages_Test1.txt",
        8,
        (
            Person(0, "Steur", "Andrea Pat", PartialDate(1978, 7, 6), Sex.FEMALE, "GB", "123456789", "crew"),
            Person(7, "Zschieschak", "Jaclyn Pat", PartialDate(1978, 7, 13), Sex.FEMALE, "GB", None, "crew"),
        ),
        (
            "UNT says '0000152' segments but the message has 107",
            "UNE reference '1402010600' does not match UNG '1403010600'",
            "UNZ reference '1402010600' does not match UNB '1403010600'",
        ),
        {"flight": "UA0989", "departure": "FRA", "arrival": "IAD", "manifest": "crew list"},
    ),
    Sample(
        GTAS + "loader_src_test_resources_apis-messages_Test3.txt",
        260,
        (
            Person(0, "Kuchel", "Rachel Pat", PartialDate(1977, 10, 19), Sex.FEMALE, "US", "12345678"),
            Person(259, "Pfaffelhuber", "Lisa Pat", PartialDate(1978, 7, 5), Sex.FEMALE, "GB", "12345678"),
        ),
        (  # 'Nov\x87k': a byte outside UNOA (0x87 is 'á' in Mac Roman)
            "UNT says '099' segments but the message has 3131",
            "the name holds a control character (U+0087)",
            "CNT+41 says 206 crew members",
        ),
        {"flight": "UA0989", "departure": "FRA", "arrival": "IAD"},
    ),
    Sample(  # UNA:*.? $ -- '*' separates elements and '$' ends a segment
        GTAS + "loader_src_test_resources_apis-messages_airline2.edi",
        10,
        (
            Person(0, "BETTON", "DAVID", PartialDate(1954, 10, 16), Sex.MALE, "US", "178556534"),
            Person(9, "LOWE", "DANIEL", PartialDate(1954, 10, 16), Sex.MALE, "US", "153284238"),
        ),
        (
            "CNT+42 says 136 passengers but the message lists 10",
            "UNT reference '140211180 0' does not match UNH '1402111800'",
            "UNT says '121' segments but the message has 111",
        ),
        {"flight": "TN506", "departure": "BRE", "arrival": "YEU"},
    ),
    Sample(
        GTAS + "loader_src_test_resources_apis-messages_multiple_flight_leg_apis.txt",
        2,
        (
            Person(0, "BARRETT", "TODD", PartialDate(1968, 2, 23), Sex.MALE, "FR", "YY3478621G"),
            Person(1, "LANG", "KRISTIN", PartialDate(1960, 6, 6), Sex.FEMALE, "ES", "TRQWE99800"),
        ),
        ("text after UNZ ignored: '13Nov09'",),
        {
            "flight": "QQ827",
            "departure": "JFK",
            "arrival": "CDG",
            "legs": "QQ877 MIA-IAD; QQ827 IAD-JFK; QQ827 JFK-CDG",
        },
    ),
    Sample(  # UNA:+.?*' -- '*' as the repetition separator; two segments on some lines
        GTAS + "parsers_src_test_resources_apis-messages_apisMessage.txt",
        2,
        (
            Person(0, "CLARK", "MICHAEL", PartialDate(1972, 9, 7), Sex.MALE),
            Person(1, "CLARK", "CHERYL", PartialDate(1973, 4, 7), Sex.FEMALE),
        ),
        extra={"flight": "AA123", "legs": "AA123 ATL-ORD; AA124 ORD-JFK"},
    ),
    Sample(  # a CBP truck manifest: the driver is NAD+VW; '?+' and "?'" are released separators
        "milyn_d03b_PAXLST_message_01.edi",
        1,
        (Person(0, "AOMAD", "CHRIS", PartialDate(1935, 9, 19), Sex.MALE, "US", "P100971204141", "driver"),),
    ),
    Sample(
        "milyn_smooks-examples_PAXLST.edi",
        1,
        (Person(0, "AOMAD", "CHRIS", PartialDate(1935, 9, 19), Sex.MALE, "US", "P100971204141", "driver"),),
    ),
    Sample(
        "uae_ek_sample_fileid15293630910.edi",
        1,
        (Person(0, "WILLIAMS", "JOHN DONALD", PartialDate(2001, 5, 10), Sex.MALE, "AE", "784200915487611"),),
        ("UNT says '36' segments but the message has 28",),
        {"flight": "EY0256", "arrival": "AUH"},
    ),
]


def _text(name: str) -> str:
    return (DATA / name).read_bytes().decode("latin-1")  # as read_queries falls back to


def test_every_sample_file_is_in_the_table() -> None:
    skip = {"ua123_yvr_jfk.edi", "expected_travellers.json"}
    on_disk = {p.name for p in DATA.iterdir() if p.suffix != ".md" and p.name not in skip}
    assert on_disk == {s.file for s in SAMPLES}
    counts = json.loads((DATA / "expected_travellers.json").read_text(encoding="utf-8"))
    assert {k: v for k, v in counts.items() if k != "_"} == {s.file: s.travellers for s in SAMPLES}


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.file.removeprefix(GTAS)[:48] for s in SAMPLES])
def test_a_real_sample(sample: Sample) -> None:
    result = read_paxlst(_text(sample.file), TODAY)
    assert result.errors == []
    assert len(result.queries) == sample.travellers
    assert len({q.id for q in result.queries}) == sample.travellers
    reasons = [w.reason for w in result.warnings]
    assert len(reasons) == len(sample.warnings), reasons
    for reason, part in zip(reasons, sample.warnings, strict=True):
        assert part in reason
    for person in sample.people:
        q = result.queries[person.index]
        assert (q.family_name, q.given_names) == (person.family, person.given)
        assert q.extra["role"] == person.role
        if person.birth is not None:
            assert q.birth_date == person.birth
        if person.sex is not None:
            assert q.sex == person.sex
        if person.nationality is not None:
            assert q.nationality == person.nationality
        if person.document is not None:
            assert q.document is not None
            assert q.document.number == person.document
    for key, value in sample.extra.items():
        assert {q.extra.get(key) for q in result.queries} == {value}, key


def test_the_truck_driver_document_and_address_release_characters() -> None:
    (q,) = read_paxlst(_text("milyn_d03b_PAXLST_message_01.edi"), TODAY).queries
    assert q.document is not None
    assert (q.document.kind, q.document.issuing_country) == ("5K", "US")  # LOC+91+VA:163 is a state
    assert q.extra["other_documents"] == "39 15504141"
    assert q.extra["role_code"] == "VW"


def test_the_uae_sample_document() -> None:
    (q,) = read_paxlst(_text("uae_ek_sample_fileid15293630910.edi"), TODAY).queries
    assert q.document is not None
    assert (q.document.kind, q.document.issuing_country) == ("I", "GB")
    assert q.document.expiry == PartialDate(2030, 8, 3)


def test_all_real_travellers_are_read_and_warnings_reach_the_reader() -> None:
    total = sum(s.travellers for s in SAMPLES)
    read = 0
    for sample in SAMPLES:
        result = read_queries((DATA / sample.file).read_bytes(), "paxlst", TODAY)
        read += len(result.queries)
        assert [w.reason for w in result.warnings] == [
            w.reason for w in read_paxlst(_text(sample.file), TODAY).warnings
        ]
    assert (read, total) == (316, 316)
