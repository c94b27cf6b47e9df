"""The one entry point for screening input: JSON Lines, CSV, MRZ and PAXLST, line-numbered errors."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rednotice.adapters.formats.screening_input import (
    InputError,
    InputTooLarge,
    guess_format,
    read_queries,
)
from rednotice.domain.dates import PartialDate
from rednotice.domain.errors import InvalidInput
from rednotice.domain.model import Sex

TODAY = date(2026, 1, 15)
DATA = Path(__file__).resolve().parents[1] / "data"
TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n"


def jsonl(*records: object) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records) + "\n"


# --- JSON Lines -------------------------------------------------------------------------------------


def test_jsonl_good_lines() -> None:
    text = jsonl(
        {"id": "q1", "name": "王伟", "birth_date": "1985-03", "nationality": "CN", "sex": "M"},
        {"id": 2, "family_name": "Ivanova", "given_names": "Elena", "nationality": "RUS", "sex": "female"},
        {
            "family_name": "Al-Rashid",
            "birth_date": "1978/09/01",
            "document_number": "R4471122",
            "seat": "14C",
        },
        {"name": "Nguyễn Văn An", "birth_date": None, "nationality": None, "sex": "x"},
    )
    result = read_queries(text, "jsonl", TODAY)
    assert result.errors == []
    assert result.ok
    a, b, c, d = result.queries
    assert (a.id, a.name, a.birth_date, a.nationality, a.sex) == (
        "q1",
        "王伟",
        PartialDate(1985, 3),
        "CN",
        Sex.MALE,
    )
    assert a.source == "jsonl:line 1"
    assert (b.id, b.family_name, b.given_names, b.nationality, b.sex) == (
        "2",
        "Ivanova",
        "Elena",
        "RU",
        Sex.FEMALE,
    )
    assert c.id == "3"  # the line number when no id is given
    assert c.birth_date == PartialDate(1978, 9, 1)
    assert c.document is not None
    assert c.document.number == "R4471122"
    assert c.extra == {"seat": "14C"}
    assert (d.birth_date, d.nationality, d.sex) == (None, None, Sex.UNKNOWN)


@pytest.mark.parametrize(
    ("line", "needle", "field"),
    [
        ("{not json", "not JSON", None),
        ("[1, 2]", "expected a JSON object, got list", None),
        ('"Ivanov"', "expected a JSON object, got str", None),
        ("{}", "no name", "name"),
        ('{"given_names": "Elena"}', "given_names without family_name", "family_name"),
        ('{"name": "A B", "family_name": "B"}', "not both", "name"),
        ('{"name": "A", "birth_date": "15/01/1980"}', "is not a date", "date"),
        ('{"name": "A", "birth_date": "1980-02-30"}', "not a real date", "date"),
        ('{"name": "A", "birth_date": "2027"}', "in the future", "birth_date"),
        ('{"name": "A", "nationality": "Narnia"}', "not an ISO 3166-1", "nationality"),
        ('{"name": "A", "nationality": "QQ"}', "not an ISO 3166-1", "nationality"),
        ('{"name": "A", "sex": "yes"}', "sex 'yes'", "sex"),
        ('{"name": 42}', "name must be text", "name"),
        ('{"name": ["A"]}', "name must be text", "name"),
        ('{"name": true}', "name must be text", "name"),
        ('{"name": "A\\u0000B"}', "control characters", "name"),
        ('{"name": "A\\u001bB"}', "control characters", "name"),
        ('{"name": "' + "A" * 501 + '"}', "at most 500", "name"),
        ('{"name": "A", "id": 1.5}', "id must be text", "id"),
    ],
)
def test_jsonl_bad_lines_are_reported_with_line_and_reason(line: str, needle: str, field: str | None) -> None:
    text = jsonl({"name": "Before"}, "", line, {"name": "After"})
    result = read_queries(text, "jsonl", TODAY)
    assert [q.name for q in result.queries] == ["Before", "After"]
    (error,) = result.errors
    assert error.line == 3
    assert needle in error.reason
    assert error.field == field
    assert str(error).startswith("line 3: ")


def test_jsonl_deeply_nested_garbage_is_one_error() -> None:
    result = read_queries("[" * 100_000 + "\n" + jsonl({"name": "A"}), "jsonl", TODAY)
    assert len(result.queries) == 1
    assert result.errors[0].line == 1


def test_jsonl_extra_values_are_kept_as_text() -> None:
    result = read_queries(jsonl({"name": "A", "seat": 14, "flags": {"vip": True}}), "jsonl", TODAY)
    assert result.queries[0].extra == {"seat": "14", "flags": '{"vip":true}'}


# --- CSV --------------------------------------------------------------------------------------------


def test_csv_good_rows() -> None:
    text = (
        "\ufeffid,family_name,given_names,birth_date,nationality,sex,document_number,flight\n"
        "a1,Zhang,Wei,1985-03-12,CN,M,E12345678,UA123\n"
        '"a2","Garcia Lopez","Maria, Jose",1988,ESP,F,,\n'
        "\n"
        "a3,O'Brien,Siobhan,,IE,,,\n"
    )
    result = read_queries(text, "csv", TODAY)
    assert result.errors == []
    a1, a2, a3 = result.queries
    assert (a1.family_name, a1.given_names, a1.birth_date) == ("Zhang", "Wei", PartialDate(1985, 3, 12))
    assert a1.document is not None
    assert a1.document.number == "E12345678"
    assert a1.extra == {"flight": "UA123"}
    assert (a2.given_names, a2.nationality, a2.birth_date) == ("Maria, Jose", "ES", PartialDate(1988))
    assert a3.source == "csv:line 5"


@pytest.mark.parametrize("sep", [";", "\t", "|"])
def test_csv_separators_are_recognised(sep: str) -> None:
    text = sep.join(["id", "name", "birth_date"]) + "\n" + sep.join(["1", "Ivan Petrov", "1970"]) + "\n"
    (q,) = read_queries(text, "csv", TODAY).queries
    assert (q.id, q.name, q.birth_date) == ("1", "Ivan Petrov", PartialDate(1970))


def test_csv_header_is_case_insensitive_and_lines_count_multiline_cells() -> None:
    text = 'ID,Name,Birth_Date\n1,"Anna\nMaria",1970\n2,Bad,1970-13\n3,Good,\n'
    result = read_queries(text, "csv", TODAY)
    assert [(q.id, q.name) for q in result.queries] == [("1", "Anna Maria"), ("3", "Good")]
    assert result.queries[1].source == "csv:line 5"
    (error,) = result.errors
    assert error.line == 4


@pytest.mark.parametrize(
    ("text", "line", "needle"),
    [
        ("id,birth_date\n1,1970\n", 1, "no name or family_name column"),
        ("id,name,name\n1,A,B\n", 1, "more than once"),
        ("id,,name\n1,,A\n", 1, "empty column name"),
        ("id,name\n1,A,extra\n2,B\n", 2, "3 fields where the header has 2"),
        ("id,name,sex\n1,A\n2,B,F\n", 2, "2 fields where the header has 3"),
        ("id,name\n1,\n2,B\n", 2, "no name"),
    ],
)
def test_csv_bad_rows_and_headers(text: str, line: int, needle: str) -> None:
    result = read_queries(text, "csv", TODAY)
    assert any(e.line == line and needle in e.reason for e in result.errors), result.errors


def test_csv_bad_rows_do_not_stop_the_others() -> None:
    text = "name,birth_date,nationality\nA,1970,XX\nB,1971,FR\nC,never,FR\nD,,DEU\n"
    result = read_queries(text, "csv", TODAY)
    assert [q.name for q in result.queries] == ["B", "D"]
    assert [(e.line, e.field) for e in result.errors] == [(2, "nationality"), (4, "date")]


def test_csv_broken_quote_is_reported() -> None:
    text = 'name,birth_date\nA,1970\n"B,1971\n'
    result = read_queries(text, "csv", TODAY)
    assert [q.name for q in result.queries] == ["A"]
    assert result.errors
    assert result.errors[0].line == 3


# --- MRZ and PAXLST through the entry point ----------------------------------------------------------


def test_mrz_through_the_entry_point() -> None:
    bad = TD3.replace("7408122F", "7408129F")
    result = read_queries(TD3 + "\n" + bad + "\n" + TD3, "mrz", TODAY)
    assert [q.id for q in result.queries] == ["L898902C3", "L898902C3@line 7"]
    assert result.queries[0].source == "mrz:TD3"
    (error,) = result.errors
    assert (error.line, error.lines) == (4, (4, 5))
    assert "birth date check digit: expected 2, found '9'" in error.reason
    assert len(error.details) == 2  # the birth date and the composite
    assert any("expired" in w.reason and w.query_id == "L898902C3" for w in result.warnings)


def test_mrz_sample_file() -> None:
    result = read_queries((DATA / "mrz" / "specimens.mrz").read_bytes(), "mrz", TODAY)
    assert len(result.queries) == 5
    assert [e.line for e in result.errors] == [15]
    assert {q.nationality for q in result.queries} >= {"CN", "DE"}


def test_paxlst_through_the_entry_point() -> None:
    result = read_queries((DATA / "paxlst" / "ua123_yvr_jfk.edi").read_bytes(), "paxlst", date(2026, 3, 1))
    assert result.errors == []
    assert len(result.queries) == 10


def test_paxlst_latin1_bytes_are_read() -> None:
    text = (DATA / "paxlst" / "ua123_yvr_jfk.edi").read_text(encoding="utf-8").replace("MUELLER", "MÜLLER")
    result = read_queries(text.encode("latin-1"), "paxlst", date(2026, 3, 1))
    assert any(q.family_name == "MÜLLER" for q in result.queries)


def test_paxlst_envelope_faults_are_warnings_with_line_numbers() -> None:
    text = (
        (DATA / "paxlst" / "ua123_yvr_jfk.edi")
        .read_text(encoding="utf-8")
        .replace("UNT+107+PAX001", "UNT+99+PAX001")
    )
    result = read_queries(text, "paxlst", date(2026, 3, 1))
    assert len(result.queries) == 10  # a wrong UNT count withholds nobody
    assert result.errors == []
    (warning,) = result.warnings
    assert warning.line > 100
    assert "UNT says '99' segments" in warning.reason


def test_paxlst_warnings_about_a_traveller_name_its_query() -> None:
    text = (DATA / "paxlst" / "ua123_yvr_jfk.edi").read_text(encoding="utf-8").replace("NAD+FM", "NAD+QQ", 1)
    result = read_queries(text, "paxlst", date(2026, 3, 1))
    (warning,) = result.warnings
    assert "'QQ' is not a known traveller role" in warning.reason
    assert warning.query_id == "CRW001-1"


def test_paxlst_unreadable_segment_is_an_error_with_its_line() -> None:
    text = (DATA / "paxlst" / "ua123_yvr_jfk.edi").read_text(encoding="utf-8").replace("NAD+FM", "N-D+FM", 1)
    result = read_queries(text, "paxlst", date(2026, 3, 1))
    assert len(result.queries) == 9
    (error,) = result.errors
    assert error.line > 100
    assert "not a segment tag" in error.reason


# --- the entry point's own checks --------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "mrz", "paxlst"])
@pytest.mark.parametrize("data", ["", b"", "  \n\n", b"\xef\xbb\xbf"])
def test_empty_input_is_an_error(fmt: str, data: str | bytes) -> None:
    result = read_queries(data, fmt, TODAY)  # type: ignore[arg-type]
    assert result.queries == []
    assert result.errors == [InputError(0, f"the {fmt} input is empty: there is nothing to screen")]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "mrz", "paxlst"])
def test_the_size_cap_is_enforced_before_reading(fmt: str) -> None:
    with pytest.raises(InputTooLarge, match="over the limit of 1,000") as err:
        read_queries(b"x" * 1001, fmt, TODAY, max_bytes=1000)  # type: ignore[arg-type]
    assert err.value.code == "input_too_large"
    assert isinstance(err.value, InvalidInput)
    with pytest.raises(InputTooLarge):
        read_queries("é" * 600, fmt, TODAY, max_bytes=1000)  # type: ignore[arg-type]  # 1,200 UTF-8 bytes
    assert read_queries(jsonl({"name": "A"}), "jsonl", TODAY, max_bytes=1000).queries


def test_a_huge_input_within_the_cap() -> None:
    text = "".join(json.dumps({"id": str(n), "name": f"Person {n}"}) + "\n" for n in range(20_000))
    result = read_queries(text, "jsonl", TODAY)
    assert len(result.queries) == 20_000


def test_unknown_format_and_undecodable_bytes() -> None:
    with pytest.raises(InvalidInput, match="unknown input format"):
        read_queries("x", "xml", TODAY)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"not UTF-8 text \(byte 0xff on line 2\)"):
        read_queries(b'{"name": "A"}\n\xff\n', "jsonl", TODAY)


def test_today_defaults_to_the_local_date() -> None:
    assert read_queries(jsonl({"name": "A", "birth_date": "2000"}), "jsonl").ok


# --- guessing the format ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [
        ("", "queries.jsonl", "jsonl"),
        ("", "Q.NDJSON", "jsonl"),
        ("", "list.csv", "csv"),
        ("", "list.tsv", "csv"),
        ("", "scan.mrz", "mrz"),
        ("", "UA123.edi", "paxlst"),
        (b"UNA:+.? 'UNB+UNOA:4'", "manifest.txt", "paxlst"),
        ("UNB+UNOA:4+A+B'", None, "paxlst"),
        ('\n  {"name": "A"}\n', None, "jsonl"),
        (TD3, None, "mrz"),
        (TD3.encode(), "scan.txt", "mrz"),
        ("\ufeffid;Family_Name;given_names\n", None, "csv"),
        ("name\nIvan\n", None, "csv"),
    ],
)
def test_guess_format(data: str | bytes, filename: str | None, expected: str) -> None:
    assert guess_format(data, filename) == expected


@pytest.mark.parametrize("data", ["", "hello", "<xml/>", "id,birth_date\n1,1970\n"])
def test_guess_format_refuses_to_guess(data: str) -> None:
    with pytest.raises(InvalidInput, match="cannot tell the input format"):
        guess_format(data)


# --- properties -------------------------------------------------------------------------------------

names = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=60).filter(
    lambda s: s.strip() != ""
)


@settings(max_examples=150)
@given(st.lists(names, min_size=1, max_size=5))
def test_any_name_round_trips_through_jsonl_and_csv(values: list[str]) -> None:
    records = [{"id": str(n), "name": v} for n, v in enumerate(values)]
    from_jsonl = read_queries(jsonl(*records), "jsonl", TODAY)
    assert from_jsonl.errors == []
    rows = "".join('{},"{}"\r\n'.format(r["id"], r["name"].replace('"', '""')) for r in records)
    from_csv = read_queries("id,name\r\n" + rows, "csv", TODAY)
    assert from_csv.errors == []
    assert [q.name for q in from_jsonl.queries] == [q.name for q in from_csv.queries]
    assert len(from_jsonl.queries) == len(values)


@settings(max_examples=150)
@given(data=st.binary(max_size=500), fmt=st.sampled_from(["jsonl", "csv", "mrz", "paxlst"]))
def test_any_bytes_give_a_result_or_a_clear_error(data: bytes, fmt: str) -> None:
    try:
        result = read_queries(data, fmt, TODAY)  # type: ignore[arg-type]
    except InvalidInput as exc:
        assert "UTF-8" in exc.message
    else:
        assert all(e.reason for e in result.errors)
