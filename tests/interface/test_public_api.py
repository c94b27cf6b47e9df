"""The public notices API on each database, checked against INTERPOL's own (docs/domain.md §6).

Shape field by field against real-shaped INTERPOL responses (tests/data/interpol_shape), paging and the
160 cap, every filter, ages from partial birth dates, public extracts only, the audit event, and a
client written the way OpenSanctions' crawler reads INTERPOL's API, working unchanged.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from rednotice.adapters.db.tables_public import public_terms
from rednotice.adapters.formats.interpol import Source, to_record
from rednotice.adapters.memory import MemoryData, MemoryUnitOfWork
from rednotice.bootstrap import Store
from rednotice.domain.dates import PartialDate
from rednotice.domain.lifecycle import Action, Notice, State
from rednotice.domain.users import Actor, Role
from rednotice.services import notices as ns
from rednotice.services import public as ps
from rednotice.web.app import create_app
from tests.factories import make_request

SHAPE = Path(__file__).resolve().parents[1] / "data" / "interpol_shape"
NOW = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)  # the FakeClock's start
REV = Actor("rev", Role.REVIEWER)
ENTITY_ID = re.compile(r"^\d{4}/\d+$")
DATE_OF_BIRTH = re.compile(r"^\d{4}(/\d{2}(/\d{2})?)?$")
SECRETS = ("MA-2021-0042", "bakery", "14AB12345", "accountant", "Penal Code", "Investigating judge")
"""Restricted fields of the factory request: never in any public response."""


def public_app(store: Store) -> FastAPI:
    return create_app(store)


@pytest.fixture
def api(store: Store) -> Iterator[TestClient]:
    with TestClient(public_app(store)) as c:
        yield c


def put(
    store: Store,
    notice_id: str,
    state: State = State.PUBLISHED,
    consent: bool = True,
    published_at: datetime = NOW,
    fields: Mapping[str, Any] | None = None,
    **overrides: Any,
) -> Notice:
    """A notice straight into the store in any state (a factory, not the lifecycle); ``fields``: overrides
    by dotted path (``{"subject.sex": "F"}``), as ``make_request`` takes them."""
    request = make_request(**{"visibility.public_extract": consent, **(fields or {}), **overrides})
    notice = Notice(
        id=notice_id,
        request=request,
        state=state,
        created_at=NOW,
        created_by="factory",
        published_at=published_at if state is not State.DRAFT else None,
    )
    with store.uow() as uow:
        uow.notices.add(notice)
        uow.commit()
    return notice


def put_many(store: Store, count: int, start: int = 1, **overrides: Any) -> list[str]:
    ids = []
    with store.uow() as uow:
        for i in range(start, start + count):
            notice_id = f"2025/{i:05d}"
            request = make_request(
                **{
                    "visibility.public_extract": True,
                    "subject.family_name": f"PERSON{i:03d}",
                    **overrides,
                }
            )
            uow.notices.add(
                Notice(notice_id, request, State.PUBLISHED, created_at=NOW, published_at=NOW, created_by="f")
            )
            ids.append(notice_id)
        uow.commit()
    return ids


def shape(file: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SHAPE / file).read_text(encoding="utf-8"))
    return data


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    kinds: dict[type, str] = {str: "string", list: "array", dict: "object"}
    return kinds[type(value)]


def search(api: TestClient, **params: Any) -> dict[str, Any]:
    r = api.get("/notices/v1/red", params=params)
    assert r.status_code == 200, r.text
    data: dict[str, Any] = r.json()
    return data


def ids(data: dict[str, Any]) -> set[str]:
    return {n["entity_id"] for n in data["_embedded"]["notices"]}


# -- shape --------------------------------------------------------------------------------------------------


def test_list_response_has_interpols_shape(api: TestClient, store: Store) -> None:
    put(store, "2026/00001")
    put(
        store,
        "2026/00002",
        fields={"subject.date_of_birth": "1980-07", "subject.nationalities": ["FR", "DE"]},
    )
    ours, theirs = search(api), shape("list.json")

    assert list(ours) == list(theirs)  # total, query, _embedded, _links, in INTERPOL's order
    assert ours["query"] == {"page": 1, "resultPerPage": 20}
    assert ours["query"].keys() == theirs["query"].keys()
    assert set(ours["_embedded"]) == {"notices"}
    entry_shape = next(n for n in theirs["_embedded"]["notices"] if "thumbnail" not in n["_links"])
    assert ours["total"] == 2 and len(ours["_embedded"]["notices"]) == 2
    for entry in ours["_embedded"]["notices"]:
        assert list(entry) == list(entry_shape)
        for key, value in entry.items():
            assert json_type(value) == json_type(entry_shape[key]), key
        assert set(entry["_links"]) == set(entry_shape["_links"])
        assert ENTITY_ID.match(entry["entity_id"]) and DATE_OF_BIRTH.match(entry["date_of_birth"])
        assert all(re.fullmatch(r"[A-Z]{2}", c) for c in entry["nationalities"])
        ref = entry["entity_id"].replace("/", "-")
        assert entry["_links"]["self"]["href"] == f"http://testserver/notices/v1/red/{ref}"
        assert entry["_links"]["images"]["href"] == f"http://testserver/notices/v1/red/{ref}/images"
    assert set(ours["_links"]) == {"self", "first", "last"}  # one page: no next
    second = next(n for n in ours["_embedded"]["notices"] if n["entity_id"] == "2026/00002")
    assert second == {
        "forename": "Paul Henri",
        "date_of_birth": "1980/07",
        "entity_id": "2026/00002",
        "nationalities": ["FR", "DE"],
        "name": "DURAND",
        "_links": second["_links"],
    }


def test_detail_response_has_interpols_shape_and_only_public_fields(api: TestClient, store: Store) -> None:
    put(
        store,
        "2026/00007",
        fields={
            "judicial.charges": [
                {"offence": "Murder", "offence_original": "Meurtre", "max_penalty_years": 30}
            ]
        },
    )
    r = api.get("/notices/v1/red/2026-00007")
    assert r.status_code == 200, r.text
    ours, theirs = r.json(), shape("detail.json")

    assert list(ours) == list(theirs)
    for key, value in ours.items():
        assert json_type(value) == json_type(theirs[key]), key
    assert [list(w) for w in ours["arrest_warrants"]] == [list(theirs["arrest_warrants"][0])]
    assert ours["_embedded"] == {"links": []}
    assert set(ours["_links"]) == {"self", "images"}  # no photographs, so no thumbnail
    assert ours == {
        "arrest_warrants": [
            {"issuing_country_id": "FR", "charge": "Meurtre", "charge_translation": "Murder"}
        ],
        "weight": 82,
        "forename": "Paul Henri",
        "date_of_birth": "1971/04/02",
        "entity_id": "2026/00007",
        "languages_spoken_ids": [],
        "nationalities": ["FR"],
        "height": 1.8,
        "sex_id": "M",
        "country_of_birth_id": "FR",
        "name": "DURAND",
        "distinguishing_marks": "scar on left hand",
        "eyes_colors_id": ["BLU"],
        "hairs_id": ["BRO"],
        "place_of_birth": "Lyon",
        "_embedded": {"links": []},
        "_links": {
            "self": {"href": "http://testserver/notices/v1/red/2026-00007"},
            "images": {"href": "http://testserver/notices/v1/red/2026-00007/images"},
        },
    }
    for secret in SECRETS:
        assert secret not in r.text


def test_detail_imports_back_with_the_interpol_importer(api: TestClient, store: Store) -> None:
    """The importer (adapters/formats/interpol.py) reads what the public API writes, unchanged."""
    put(store, "2026/00008", fields={"subject.date_of_birth": "1971-04", "subject.sex": "F"})
    record = to_record(api.get("/notices/v1/red/2026-00008").json(), Source("api"))
    assert not isinstance(record, type(None)) and hasattr(record, "request"), record
    s = record.request.subject
    assert (record.entity_id, s.family_name, s.given_names, s.sex.value) == (
        "2026/00008",
        "DURAND",
        "Paul Henri",
        "F",
    )
    assert s.date_of_birth == PartialDate(1971, 4)
    assert record.request.requesting_country == "FR"
    assert [c.offence for c in record.request.judicial.charges] == ["Murder"]


def test_images_response_has_interpols_shape_and_no_images(api: TestClient, store: Store) -> None:
    put(store, "2026/00009")
    r = api.get("/notices/v1/red/2026-00009/images")
    assert r.status_code == 200
    ours, theirs = r.json(), shape("images.json")
    assert list(ours) == list(theirs)
    assert ours["_embedded"] == {"images": []}
    assert set(ours["_links"]) == {"self", "notice"}
    assert ours["_links"]["notice"]["href"] == "http://testserver/notices/v1/red/2026-00009"


# -- paging and the cap -------------------------------------------------------------------------------------


def test_paging_and_the_160_cap(api: TestClient, store: Store) -> None:
    put_many(store, 170)
    default = search(api)
    assert default["total"] == 170 and len(default["_embedded"]["notices"]) == 20
    assert default["query"] == {"page": 1, "resultPerPage": 20}
    assert default["_links"]["next"]["href"].endswith("/notices/v1/red?resultPerPage=20&page=2")
    assert default["_links"]["last"]["href"].endswith("page=9")

    capped = search(api, resultPerPage=500)  # INTERPOL lowers it to 160; so does rednotice
    assert len(capped["_embedded"]["notices"]) == 160
    assert capped["query"]["resultPerPage"] == 160
    assert capped["_links"]["next"]["href"].endswith("resultPerPage=160&page=2")
    second = search(api, resultPerPage=160, page=2)
    assert len(second["_embedded"]["notices"]) == 10 and "next" not in second["_links"]
    assert ids(capped) | ids(second) == {f"2025/{i:05d}" for i in range(1, 171)}
    assert not ids(capped) & ids(second)

    beyond = search(api, page=99)
    assert beyond["total"] == 170 and beyond["_embedded"]["notices"] == []
    filtered = search(api, nationality="fr", resultPerPage=100, page=2)
    assert filtered["_links"]["self"]["href"].endswith("?nationality=FR&resultPerPage=100&page=2")
    assert filtered["query"] == {"page": 2, "resultPerPage": 100, "nationality": "FR"}


# -- filters ------------------------------------------------------------------------------------------------


@pytest.fixture
def people(store: Store) -> None:
    put(store, "2026/00101", fields={"subject.family_name": "BENÍTEZ", "subject.given_names": "Carolina"})
    put(
        store,
        "2026/00102",
        requesting_country="RU",
        fields={
            "subject.family_name": "IVANOV",
            "subject.given_names": "Sergei",
            "subject.names_original_script": ["Иванов Сергей"],
            "subject.aliases": [{"family_name": "IWANOW", "given_names": "Sergej"}],
            "subject.nationalities": ["RU", "IL"],
            "subject.date_of_birth": "1990",
            "judicial.charges": [{"offence": "Fraud", "offence_original": "Мошенничество"}],
        },
    )
    put(
        store,
        "2026/00103",
        requesting_country="CN",
        fields={
            "subject.family_name": "LIU",
            "subject.given_names": "Mei",
            "subject.names_original_script": ["刘梅"],
            "subject.aliases": [],
            "subject.sex": "F",
            "subject.nationalities": ["CN"],
            "subject.date_of_birth": "1990-07",
            "judicial.charges": [{"offence": "Drug trafficking"}],
        },
    )
    put(store, "2026/00104", fields={"subject.family_name": "BENITEZ LOPEZ", "subject.sex": "U"})


@pytest.mark.usefixtures("people")
@pytest.mark.parametrize(
    ("params", "expected", "why"),
    [
        ({"name": "benitez"}, {"2026/00101", "2026/00104"}, "substring, accents and case ignored"),
        ({"name": "^BENÍTEZ$"}, {"2026/00101"}, "anchored both ends: the whole family name"),
        ({"name": "^benitez"}, {"2026/00101", "2026/00104"}, "anchored at the start"),
        ({"name": "lopez$"}, {"2026/00104"}, "anchored at the end"),
        ({"name": "^.......$"}, {"2026/00101"}, "OpenSanctions' length pattern: seven characters"),
        ({"name": "^l.*u$"}, {"2026/00103"}, ".* is any run"),
        ({"name": "iwanow"}, {"2026/00102"}, "an alias's family name"),
        ({"name": "Иванов"}, {"2026/00102"}, "the original script"),
        ({"name": "^刘梅$"}, {"2026/00103"}, "a whole original-script name"),
        ({"name": "ben%"}, set(), "% is a literal, not a wildcard"),
        ({"forename": "^carolina$"}, {"2026/00101"}, "forename, anchored"),
        ({"forename": "sergej"}, {"2026/00102"}, "an alias's given names"),
        ({"forename": "durand"}, set(), "a family name is not a forename"),
        ({"nationality": "IL"}, {"2026/00102"}, "second nationality"),
        ({"nationality": "il"}, {"2026/00102"}, "lower-case code"),
        ({"nationality": "914"}, set(), "INTERPOL's non-ISO code: matches nothing, no error"),
        ({"sexId": "F"}, {"2026/00103"}, "female"),
        ({"sexId": "U"}, {"2026/00104"}, "unknown"),
        ({"sexId": ""}, {"2026/00101", "2026/00102", "2026/00103", "2026/00104"}, "empty: any"),
        ({"arrestWarrantCountryId": "RU"}, {"2026/00102"}, "the requesting country issued the warrant"),
        ({"freeText": "fraud"}, {"2026/00102"}, "a charge"),
        ({"freeText": "мошенничество"}, {"2026/00102"}, "a charge in the original language"),
        ({"freeText": "drug mei"}, {"2026/00103"}, "every word, in names or charges"),
        ({"freeText": "bakery"}, set(), "the facts are not public"),
        ({"freeText": "MA-2021"}, set(), "nor the warrant reference"),
        ({"name": "iv", "nationality": "RU", "sexId": "M"}, {"2026/00102"}, "filters combine"),
    ],
)
def test_each_filter(api: TestClient, params: dict[str, str], expected: set[str], why: str) -> None:
    assert ids(search(api, **params)) == expected, why


@pytest.mark.usefixtures("people")
@pytest.mark.parametrize(
    ("params", "expected", "why"),
    [
        # on 2026-01-15: 1971-04-02 -> 54; "1990" -> 35 or 36; "1990-07" -> 35
        ({"ageMin": "54", "ageMax": "54"}, {"2026/00101", "2026/00104"}, "a full date: exactly 54"),
        ({"ageMin": "36", "ageMax": "36"}, {"2026/00102"}, "born in 1990: could be 36"),
        ({"ageMin": "35", "ageMax": "35"}, {"2026/00102", "2026/00103"}, "both could be 35"),
        ({"ageMax": "34"}, set(), "nobody could be 34 or younger"),
        ({"ageMin": "55"}, set(), "nobody could be 55 or older"),
        ({"ageMin": "0", "ageMax": "300"}, {"2026/00101", "2026/00102", "2026/00103", "2026/00104"}, "all"),
    ],
)
def test_age_uses_partial_birth_dates_honestly(
    api: TestClient, params: dict[str, str], expected: set[str], why: str
) -> None:
    assert ids(search(api, **params)) == expected, why


def test_no_birth_date_matches_no_age_filter(api: TestClient, store: Store) -> None:
    put(store, "2026/00201", fields={"subject.date_of_birth": None})
    assert ids(search(api)) == {"2026/00201"}
    assert ids(search(api, ageMin=0, ageMax=300)) == set()


DATES = [
    "1990",
    "1990-01",
    "1990-07",
    "1990-12",
    "1990-01-15",
    "1990-01-16",
    "1990-01-14",
    "2008-02-29",
    "2008-01-15",
    "2007-12",
    "1900",
    "2025-12-31",
]
RANGES = [(None, 17), (18, None), (35, 35), (36, 36), (17, 18), (0, 0), (100, 130), (35, 36)]


def test_sql_age_filter_matches_the_reference_on_both_databases(store: Store) -> None:
    """The database's text comparison on partial dates agrees with PartialDate.age_range_on."""
    for i, dob in enumerate(DATES, start=1):
        put(store, f"2026/{i:05d}", fields={"subject.date_of_birth": dob})
    for today in (date(2026, 1, 15), date(2026, 2, 28), date(2024, 2, 29), date(2026, 12, 31)):
        for low, high in RANGES:
            query = ps.PublicQuery(age_min=low, age_max=high, per_page=160)
            expected = {
                f"2026/{i:05d}"
                for i, dob in enumerate(DATES, start=1)
                if query.age_matches(PartialDate.parse(dob), today)
            }
            with store.uow() as uow:
                total, rows = uow.public.search(query, today)
            assert {r.entity_id for r in rows} == expected, (today, low, high)
            assert total == len(expected)


def test_the_in_memory_fake_answers_like_the_database(store: Store) -> None:
    data = MemoryData()
    for i, dob in enumerate(DATES, start=1):
        notice = put(
            store, f"2026/{i:05d}", fields={"subject.date_of_birth": dob, "subject.family_name": f"N{i}É"}
        )
        data.notices[notice.id] = notice
    queries = [
        ps.PublicQuery.parse({"name": "n1"}),
        ps.PublicQuery.parse({"name": "^n1.$", "ageMin": "18"}),
        ps.PublicQuery.parse({"freeText": "murder e", "resultPerPage": "5", "page": "2"}),
        ps.PublicQuery.parse({"ageMin": "35", "ageMax": "36", "sexId": "M", "nationality": "FR"}),
    ]
    for query in queries:
        with store.uow() as uow:
            sql = uow.public.search(query, date(2026, 1, 15))
        with MemoryUnitOfWork(data) as muow:
            mem = muow.public.search(query, date(2026, 1, 15))
        assert sql == mem, query


# -- bad parameters ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"ageMin": "abc"}, "ageMin"),
        ({"ageMax": "1.5"}, "ageMax"),
        ({"ageMin": "-1"}, "ageMin"),
        ({"ageMin": "50", "ageMax": "20"}, "ageMin"),
        ({"sexId": "X"}, "sexId"),
        ({"page": "0"}, "page"),
        ({"page": "two"}, "page"),
        ({"resultPerPage": "0"}, "resultPerPage"),
        ({"resultPerPage": "many"}, "resultPerPage"),
        ({"nationality": "FRANCE"}, "nationality"),
        ({"arrestWarrantCountryId": "F R"}, "arrestWarrantCountryId"),
        ({"name": "x" * 201}, "name"),
    ],
)
def test_bad_parameters_get_a_clear_422(api: TestClient, params: dict[str, str], field: str) -> None:
    r = api.get("/notices/v1/red", params=params)
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error["code"] == "invalid_input" and field in error["message"]
    assert error["details"].get("field") == field


def test_empty_parameters_mean_not_given(api: TestClient, store: Store) -> None:
    """INTERPOL's own web page sends every parameter, empty ones included."""
    put(store, "2026/00001")
    params = dict.fromkeys(ps.PARAMETERS, "") | {"page": "", "resultPerPage": ""}
    assert ids(search(api, **params)) == {"2026/00001"}


@pytest.mark.parametrize("ref", ["2026-99999", "nonsense", "2026-00001-x", "..%2F..%2Fetc"])
def test_unknown_references_are_404(api: TestClient, store: Store, ref: str) -> None:
    put(store, "2026/00001")
    for path in (f"/notices/v1/red/{ref}", f"/notices/v1/red/{ref}/images"):
        r = api.get(path)
        assert r.status_code == 404, (path, r.text)


# -- public extracts only --------------------------------------------------------------------------------

HIDDEN: list[tuple[str, dict[str, Any], str]] = [
    ("2026/00301", {"consent": False}, "published, but no consent to a public extract"),
    ("2026/00302", {"state": State.DRAFT}, "a draft"),
    ("2026/00303", {"state": State.SUBMITTED}, "submitted, not reviewed"),
    ("2026/00304", {"state": State.UNDER_REVIEW}, "under review"),
    ("2026/00305", {"state": State.REFUSED}, "refused"),
    ("2026/00306", {"state": State.SUSPENDED}, "suspended"),
    ("2026/00307", {"state": State.DELETED}, "deleted"),
    ("2026/00308", {"state": State.CANCELLED}, "cancelled"),
    ("2026/00309", {"state": State.EXPIRED}, "expired"),
    ("2026/00310", {"state": State.UNREVIEWED, "type": "wanted_person_diffusion"}, "a diffusion"),
    ("2026/00311", {"state": State.REVIEWED_COMPLIANT, "type": "wanted_person_diffusion"}, "a diffusion"),
    ("2026/00312", {"consent": False, "visibility.restricted_to": ["DE"]}, "restricted"),
]


def test_only_public_extracts_ever_appear(api: TestClient, store: Store) -> None:
    put(store, "2026/00300", fields={"subject.family_name": "VISIBLE"})
    for notice_id, how, _ in HIDDEN:
        put(store, notice_id, **{"subject.family_name": "HIDDEN", **how})
    everything = search(api, resultPerPage=160)
    assert ids(everything) == {"2026/00300"} and everything["total"] == 1
    assert ids(search(api, name="hidden")) == set()
    assert ids(search(api, freeText="hidden")) == set()
    assert ids(search(api, name="^.*$", resultPerPage=160)) == {"2026/00300"}
    for notice_id, _, why in HIDDEN:
        ref = notice_id.replace("/", "-")
        assert api.get(f"/notices/v1/red/{ref}").status_code == 404, why
        assert api.get(f"/notices/v1/red/{ref}/images").status_code == 404, why
    with store.engine.connect() as conn:
        indexed = set(conn.execute(select(public_terms.c.notice_id).distinct()).scalars())
    assert indexed == {"2026/00300"}, "the search projection holds public extracts only"


def test_a_notice_leaves_the_public_api_when_it_is_suspended(api: TestClient, store: Store) -> None:
    put(store, "2026/00400", fields={"subject.family_name": "SOONGONE"})
    assert ids(search(api, name="soongone")) == {"2026/00400"}
    ns.transition(ns.Transition("2026/00400", Action.SUSPEND, "challenge pending"), REV, store.uow())
    assert ids(search(api, name="soongone")) == set()
    assert ids(search(api)) == set()
    assert api.get("/notices/v1/red/2026-00400").status_code == 404
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(public_terms)).scalar_one() == 0
    ns.transition(ns.Transition("2026/00400", Action.REINSTATE, "challenge rejected"), REV, store.uow())
    assert ids(search(api, name="soongone")) == {"2026/00400"}


def test_public_searches_are_audited_anonymously(api: TestClient, store: Store) -> None:
    search(api, name="durand", ageMin=20, resultPerPage=1000)
    with store.uow() as uow:
        event = list(uow.audit.events())[-1]
    assert event.action == "public.search" and event.actor == ps.PUBLIC_ACTOR
    assert event.data == {
        "page": 1,
        "resultPerPage": 160,
        "name": "durand",
        "ageMin": 20,
        "total": 0,
        "resultPerPageAsked": 1000,
    }
    assert "testclient" not in json.dumps(event.data) and "127.0.0.1" not in json.dumps(event.data)


def test_no_authentication_is_needed_and_the_openapi_lists_the_parameters(api: TestClient) -> None:
    spec = api.get("/openapi.json").json()
    names = {p["name"] for p in spec["paths"]["/notices/v1/red"]["get"]["parameters"]}
    assert names == {*ps.PARAMETERS, "page", "resultPerPage"}


# -- an INTERPOL API client, unchanged ----------------------------------------------------------------------


class InterpolClient:
    """Written the way OpenSanctions' crawler reads INTERPOL's API (datasets/_global/interpol): ask with
    ``resultPerPage=160``, follow ``_links.next``, fetch each notice's ``_links.self``, pop its fields."""

    MAX_RESULTS = 160

    def __init__(self, http: TestClient, base: str) -> None:
        self.http, self.base = http, base
        self.seen_urls: set[str] = set()
        self.people: dict[str, dict[str, Any]] = {}

    def crawl_query(self, query: dict[str, Any]) -> int:
        params = {**query, "resultPerPage": self.MAX_RESULTS}
        r = self.http.get(f"{self.base}/notices/v1/red", params=params)
        r.raise_for_status()
        data = r.json()
        total: int = data.get("total", 0)
        while True:
            for notice in data.get("_embedded", {}).get("notices", []):
                self.crawl_notice(notice)
            next_url = data.get("_links", {}).get("next", {}).get("href")
            if next_url is None:
                return total
            data = self.http.get(next_url).json()

    def crawl_notice(self, notice: dict[str, Any]) -> None:
        url = notice.pop("_links", {}).get("self", {}).get("href")
        if url in self.seen_urls or url is None:
            return
        self.seen_urls.add(url)
        r = self.http.get(url)
        if r.status_code == 404:
            return
        r.raise_for_status()
        notice = r.json()
        notice.pop("_links", {})
        notice.pop("_embedded", {})
        entity_id = notice.pop("entity_id")
        person = {
            "first_name": notice.pop("forename", None),
            "last_name": notice.pop("name"),
            "nationality": notice.pop("nationalities", []),
            "country": notice.pop("country_of_birth_id", []),
            "gender": notice.pop("sex_id", None),
            "birth_place": notice.pop("place_of_birth", None),
            "notes": notice.pop("distinguishing_marks", None),
            "hair": notice.pop("hairs_id", None),
            "height": f"{h:.2f}" if isinstance(h := notice.pop("height", None), float) else h,
            "weight": notice.pop("weight", None),
            "eyes": notice.pop("eyes_colors_id", None),
            "birth_date": notice.pop("date_of_birth", None),
            "sanctions": [],
        }
        for warrant in notice.pop("arrest_warrants", []):
            person["sanctions"].append(
                {
                    "country": warrant.pop("issuing_country_id", None),
                    "reason": [warrant.pop("charge"), warrant.pop("charge_translation")],
                }
            )
            assert warrant == {}, f"unexpected warrant fields: {warrant}"
        notice.pop("languages_spoken_ids", None)
        assert notice == {}, f"unexpected fields: {notice}"
        self.people[entity_id] = person


def test_a_client_written_for_interpols_api_works_unchanged(api: TestClient, store: Store) -> None:
    put_many(store, 165)
    put(
        store,
        "2026/00001",
        requesting_country="RU",
        fields={"subject.family_name": "IVANOV", "subject.nationalities": ["RU"]},
    )
    client = InterpolClient(api, "http://testserver")

    assert client.crawl_query({}) == 166
    assert len(client.people) == 166  # followed _links.next past the first 160
    assert client.people["2026/00001"]["last_name"] == "IVANOV"
    assert client.people["2026/00001"]["sanctions"] == [{"country": "RU", "reason": ["Murder", None]}]
    assert client.people["2025/00007"]["height"] == "1.80"

    # OpenSanctions' splitting of a large set into small queries finds the same notices
    split = InterpolClient(api, "http://testserver")
    for country in ("FR", "RU"):
        split.crawl_query({"nationality": country})
        split.crawl_query({"arrestWarrantCountryId": country})
    for gender in ("M", "F", "U"):
        split.crawl_query({"sexId": gender})
    for dots in range(0, 12):
        split.crawl_query({"name": f"^{'.' * dots}$"})
    assert split.people.keys() == client.people.keys()
