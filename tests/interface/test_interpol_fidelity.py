"""What INTERPOL publishes is kept and served back as INTERPOL serves it (issue 15, items 5-8), on SQLite
and PostgreSQL: long charges, former country codes, ``null`` kept ``null``, 74.5 kept 74.5, every warrant,
``_embedded.links``; searches folded with anyascii; the FtM export as OpenSanctions' crawler emits it;
``%`` and ``_`` in the nationality filters taken literally (issue 14, item 13).

The data: tests/data/interpol_fidelity (features of real INTERPOL details, invented values) and
tests/data/interpol (the importer's own test data, every form).
"""

from __future__ import annotations

import dataclasses
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from rednotice.adapters.formats import ftm
from rednotice.adapters.formats.interpol import (
    InterpolRecord,
    Source,
    compare_served,
    read_path,
    same_json,
    to_record,
)
from rednotice.adapters.memory import MemoryData, MemoryUnitOfWork
from rednotice.bootstrap import Store
from rednotice.domain.lifecycle import Notice, State
from rednotice.domain.users import SYSTEM
from rednotice.services import public as ps
from rednotice.services.imports import ImportInterpol, ImportReport, import_interpol
from rednotice.services.ports import NoticeFilter
from rednotice.web.app import create_app
from tests.interface.test_public_api import put

DATA = Path(__file__).resolve().parents[1] / "data"
FIDELITY = DATA / "interpol_fidelity" / "details.jsonl"
pytestmark = pytest.mark.store


def published() -> dict[str, dict[str, Any]]:
    """INTERPOL's documents in the fidelity data, by entity_id."""
    lines = FIDELITY.read_text(encoding="utf-8").splitlines()
    return {d["entity_id"]: d for d in (json.loads(line) for line in lines if line.strip())}


def run_import(store: Store, path: Path) -> ImportReport:
    return import_interpol(ImportInterpol(read_path(path).items), SYSTEM, store.uow)


@pytest.fixture
def api(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(store), base_url="https://rednotice.example") as c:
        yield c


def detail(api: TestClient, entity_id: str) -> dict[str, Any]:
    r = api.get(f"/notices/v1/red/{entity_id.replace('/', '-')}")
    assert r.status_code == 200, r.text
    data: dict[str, Any] = r.json()
    return data


def names_found(api: TestClient, **params: str) -> set[str]:
    r = api.get("/notices/v1/red", params=params)
    assert r.status_code == 200, r.text
    return {n["entity_id"] for n in r.json()["_embedded"]["notices"]}


# -- item 5: import keeps what INTERPOL publishes


def test_long_charges_and_former_country_codes_are_imported(store: Store) -> None:
    report = run_import(store, FIDELITY)
    assert not report.rejected, [str(r) for r in report.rejected]
    assert sorted(report.imported) == sorted(published())
    with store.uow() as uow:
        long_one = uow.notices.get("2019/48120")
        yugoslav = uow.notices.get("2011/20453")
        soviet = uow.notices.get("2016/90317")
    assert long_one is not None and yugoslav is not None and soviet is not None
    charge = long_one.request.judicial.charges[0].offence
    assert len(charge) > 500 and charge == published()["2019/48120"]["arrest_warrants"][0]["charge"]
    assert yugoslav.request.subject.nationalities == ("YU", "RS")
    assert yugoslav.request.subject.country_of_birth == "YU"
    assert yugoslav.requesting_country == "RS"  # the first warrant's country, never a former one
    assert soviet.request.subject.country_of_birth == "SU"


def test_a_charge_beyond_the_bound_is_refused_with_its_length() -> None:
    doc = {
        **published()["2019/48120"],
        "arrest_warrants": [{"issuing_country_id": "AR", "charge": "x" * 4001}],
    }
    parsed = to_record(doc, Source("t"))
    assert not isinstance(parsed, InterpolRecord)
    assert "4,001 characters" in parsed.reason and "4,000" in parsed.reason


def test_a_former_country_never_requests_a_notice() -> None:
    doc = {
        **published()["2011/20453"],
        "arrest_warrants": [{"issuing_country_id": "YU", "charge": "Ubistvo"}],
    }
    parsed = to_record(doc, Source("t"))
    assert not isinstance(parsed, InterpolRecord)
    assert "requesting country is unknown" in parsed.reason


def test_a_list_entry_without_warrant_country_says_exactly_why_it_is_refused() -> None:
    entry = {k: published()["2020/11873"][k] for k in ("forename", "date_of_birth", "entity_id", "name")}
    parsed = to_record(entry, Source("t"))
    assert not isinstance(parsed, InterpolRecord)
    assert "names no requesting country" in parsed.reason and "/notices/v1/red/{noticeID}" in parsed.reason


def test_bad_related_links_are_refused_not_dropped() -> None:
    doc = {**published()["2019/48120"], "_embedded": {"links": "2019/48121"}}
    parsed = to_record(doc, Source("t"))
    assert not isinstance(parsed, InterpolRecord)
    assert "_embedded.links" in parsed.reason


# -- item 6: served back as INTERPOL serves it


def test_every_crawler_field_is_served_as_interpol_wrote_it(store: Store, api: TestClient) -> None:
    run_import(store, FIDELITY)
    for entity_id, doc in published().items():
        served = detail(api, entity_id)
        same = compare_served(doc, served)
        assert all(same.values()), (entity_id, [k for k, v in same.items() if not v])
        assert same_json(served["languages_spoken_ids"], doc["languages_spoken_ids"])
    served = detail(api, "2019/48120")
    assert served["weight"] == 74.5 and served["eyes_colors_id"] is None and served["place_of_birth"] is None
    assert isinstance(detail(api, "2011/20453")["weight"], float)  # 81.0 stays 81.0 (a crawler formats it so)
    assert detail(api, "2011/20453")["height"] is None
    warrants = detail(api, "2011/20453")["arrest_warrants"]
    assert [w["issuing_country_id"] for w in warrants] == ["RS", "BA"]


def test_related_notice_links_are_served_on_this_host(store: Store, api: TestClient) -> None:
    run_import(store, FIDELITY)
    links = detail(api, "2019/48120")["_embedded"]["links"]
    assert links == [
        {
            "entity_id": "2019/48121",
            "name": "FERNÁNDEZ OLMEDO",
            "forename": "MARCOS",
            "_links": {"self": {"href": "https://rednotice.example/notices/v1/red/2019-48121"}},
        }
    ]
    assert detail(api, links[0]["entity_id"])["_embedded"]["links"][0]["entity_id"] == "2019/48120"
    assert detail(api, "2022/03311")["_embedded"]["links"] == []


def test_the_round_trip_of_the_importers_own_data(store: Store, api: TestClient) -> None:
    """Every detail response in tests/data/interpol, imported then served: every crawler field identical."""
    read = read_path(DATA / "interpol")
    run_import(store, DATA / "interpol")
    details = [r for r in read.records if r.detail]
    assert len(details) >= 8
    for record in details:
        same = compare_served(record.document, detail(api, record.entity_id))
        assert all(same.values()), (record.entity_id, [k for k, v in same.items() if not v])


def test_a_field_changed_since_the_import_is_served_from_the_notice() -> None:
    doc = published()["2019/48120"]
    record = to_record(doc, Source("t"))
    assert isinstance(record, InterpolRecord)
    changed = dataclasses.replace(
        record.request, subject=dataclasses.replace(record.request.subject, family_name="OLMEDO")
    )
    notice = Notice(record.entity_id, changed, State.PUBLISHED)
    served = ps.public_detail(notice, record.document)
    assert served["name"] == "OLMEDO"
    assert served["weight"] == 74.5 and served["distinguishing_marks"] is None  # the rest as written


def test_a_notice_of_rednotice_itself_keeps_its_weight(store: Store, api: TestClient) -> None:
    put(store, "2026/00001", fields={"subject.physical_description.weight_kg": 74.5})
    served = detail(api, "2026/00001")
    assert served["weight"] == 74.5 and served["_embedded"] == {"links": []}


def test_the_openapi_document_types_the_three_interpol_endpoints(api: TestClient) -> None:
    paths = api.get("/openapi.json").json()["paths"]
    for path in ("/notices/v1/red", "/notices/v1/red/{notice_ref}", "/notices/v1/red/{notice_ref}/images"):
        schema = paths[path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert "$ref" in schema, (path, schema)
    assert "404" in paths["/notices/v1/red/{notice_ref}"]["get"]["responses"]


# -- item 8: one folding (anyascii) for search and screening


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"forename": "Radoslaw"}, "2020/11873"),
        ({"name": "Dang"}, "2022/03311"),
        ({"name": "^Dang$"}, "2022/03311"),
        ({"name": "Amirova"}, "2016/90317"),
        ({"name": "Emirova"}, "2016/90317"),
        ({"name": "Əmirova"}, "2016/90317"),
        ({"forename": "Sevinc"}, "2016/90317"),
        ({"name": "Petrovic"}, "2011/20453"),
        ({"freeText": "radoslaw wojcik"}, "2020/11873"),
        ({"freeText": "dang murder"}, "2022/03311"),
    ],
)
def test_names_are_found_by_their_plain_latin_spelling(
    store: Store, api: TestClient, params: dict[str, str], expected: str
) -> None:
    run_import(store, FIDELITY)
    assert expected in names_found(api, **params)


def test_the_memory_fake_folds_alike() -> None:
    data = MemoryData()
    import_interpol(ImportInterpol(read_path(FIDELITY).items), SYSTEM, lambda: MemoryUnitOfWork(data))
    for name, expected in (("Dang", "2022/03311"), ("Amirova", "2016/90317")):
        page = ps.search(ps.PublicQuery.parse({"name": name}), MemoryUnitOfWork(data))
        assert expected in {r.entity_id for r in page.rows}


def test_the_public_fold_is_the_screening_fold() -> None:
    from rednotice.domain.screening.names import normalise

    for text in ("Radosław WÓJCIK", "ĐẶNG Văn Hùng", "Иванов", "O'Brien-Smith", "ƏMIROVA"):
        assert ps.fold(text) == normalise(text)
    assert ps.fold(" Jean ") == " jean "  # pieces of a pattern keep their edges


# -- former codes and wildcards in the nationality filters (issue 14, item 13)


def test_nationality_filters_take_percent_and_underscore_literally(store: Store, api: TestClient) -> None:
    put(store, "2026/00001", fields={"subject.nationalities": ["FR"]})
    with store.uow() as uow:
        for code in ("_R", "%R", "F_", "%%"):
            assert uow.notices.find(NoticeFilter(nationality=code)).items == [], code
        assert [n.id for n in uow.notices.find(NoticeFilter(nationality="FR")).items] == ["2026/00001"]
    for code in ("%", "_R", "%25", "F%"):
        r = api.get("/notices/v1/red", params={"nationality": code})
        assert r.status_code == 422 and r.json()["error"]["details"]["field"] == "nationality", code
    assert names_found(api, nationality="FR") == {"2026/00001"}


def test_a_former_nationality_is_searchable(store: Store, api: TestClient) -> None:
    run_import(store, FIDELITY)
    assert names_found(api, nationality="YU") == {"2011/20453"}
    assert names_found(api, nationality="yu") == {"2011/20453"}


# -- item 7: the FtM export as OpenSanctions' crawler emits it


FTM_PROPERTIES = {
    # followthemoney/schema/{Thing,LegalEntity,Person}.yaml and {Interval,Sanction}.yaml (MIT): the
    # properties rednotice emits, with their FtM types
    "Person": {
        "name": "name", "alias": "name", "notes": "text", "sourceUrl": "url", "topics": "topic",
        "firstName": "string", "lastName": "string", "birthDate": "date", "birthPlace": "string",
        "nationality": "country", "country": "country", "gender": "gender", "height": "number",
        "weight": "number", "hairColor": "string", "eyeColor": "string",
    },
    "Sanction": {
        "entity": "entity", "authority": "string", "authorityId": "identifier", "program": "string",
        "programId": "identifier", "country": "country", "reason": "text", "sourceUrl": "url",
        "startDate": "date",
    },
}  # fmt: skip


def check_ftm(entity: dict[str, Any]) -> None:
    import re

    props = entity["properties"]
    assert set(props) <= set(FTM_PROPERTIES[entity["schema"]]), set(props) - set(
        FTM_PROPERTIES[entity["schema"]]
    )
    for prop, values in props.items():
        kind = FTM_PROPERTIES[entity["schema"]][prop]
        assert isinstance(values, list) and values and all(isinstance(v, str) and v.strip() for v in values)
        pattern = {
            "country": r"[a-z]{2}|[a-z]{4}",
            "number": r"\d+(\.\d+)?",
            "date": r"\d{4}(-\d{2}(-\d{2})?)?",
            "gender": "male|female|other",
            "identifier": r"\S.{0,63}",
        }.get(kind)
        if pattern is not None:
            assert all(re.fullmatch(pattern, v) for v in values), (prop, values)


def test_the_ftm_export_has_what_the_crawler_emits(store: Store) -> None:
    run_import(store, FIDELITY)
    out = io.StringIO()
    ftm.write(ps.public_extracts(store.uow), "https://rednotice.example", out)
    entities = [json.loads(line) for line in out.getvalue().splitlines()]
    for entity in entities:
        check_ftm(entity)
    by_id = {e["id"]: e for e in entities}
    person = by_id["rednotice-2011-20453"]["properties"]
    assert person["country"] == ["yucs"] and person["nationality"] == ["yucs", "rs"]
    assert person["weight"] == ["81"] and "height" not in person
    assert person["eyeColor"] == ["BLU"] and "hairColor" not in person
    sanctions = [
        e
        for e in entities
        if e["schema"] == "Sanction" and e["properties"]["entity"] == ["rednotice-2011-20453"]
    ]
    assert [s["properties"]["country"] for s in sanctions] == [["rs"], ["ba"]]
    assert [s["properties"]["authority"] for s in sanctions] == [
        [ftm.AUTHORITY.format(country="Serbia")],
        [ftm.AUTHORITY.format(country="Bosnia and Herzegovina")],
    ]
    assert [s["properties"]["reason"] for s in sanctions] == [
        ["Ubistvo", "Murder"],
        ["Razbojništvo", "Robbery"],
    ]
    for s in sanctions:
        assert s["properties"]["programId"] == ["INTERPOL-RN"]
        assert s["properties"]["startDate"] == ["2011"]  # the notice's year, not the day it was imported
    other = by_id["rednotice-2019-48120"]["properties"]
    assert other["weight"] == ["74.5"] and other["height"] == ["1.78"] and other["hairColor"] == ["BRO"]


def test_ftm_entities_validate_with_followthemoney_when_installed(store: Store) -> None:
    model = pytest.importorskip("followthemoney").model
    run_import(store, FIDELITY)
    out = io.StringIO()
    ftm.write(ps.public_extracts(store.uow), "https://rednotice.example", out)
    for line in out.getvalue().splitlines():
        data = json.loads(line)
        proxy = model.get_proxy(data, cleaned=False)
        for prop, values in data["properties"].items():
            assert proxy.get(prop) == values, (data["id"], prop)
