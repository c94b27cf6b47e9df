"""``rednotice export ftm``: public extracts as FollowTheMoney entities, shaped as yente/nomenklatura load."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import typer
from typer.testing import CliRunner

from rednotice.adapters.formats import ftm
from rednotice.bootstrap import Store
from rednotice.cli import export as export_cli
from rednotice.domain.lifecycle import Notice, State
from rednotice.services import public as ps
from tests.factories import make_request
from tests.interface.test_public_api import HIDDEN, NOW, SECRETS, put

# FtM properties we use (followthemoney/schema/{Thing,LegalEntity,Person,Interval,Sanction}.yaml)
SCHEMA_PROPERTIES = {
    "Person": {
        "name", "alias", "notes", "sourceUrl", "topics", "firstName", "lastName", "birthDate", "birthPlace",
        "nationality", "gender", "country", "height", "weight", "hairColor", "eyeColor",
    },
    "Sanction": {
        "entity", "authority", "authorityId", "program", "programId", "country", "reason", "sourceUrl",
        "startDate", "endDate", "listingDate",
    },
}  # fmt: skip
REQUIRED = {"Person": {"name"}, "Sanction": {"entity"}}
GENDERS = {"male", "female", "other"}
TOPICS = {"crime", "wanted", "sanction", "crime.fin", "crime.terror"}
PARTIAL_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def check_entity(entity: dict[str, Any]) -> None:
    """What nomenklatura's loader needs: id, schema, properties as lists of non-empty strings."""
    assert set(entity) == {"id", "schema", "properties"}, entity
    assert isinstance(entity["id"], str) and re.fullmatch(r"[a-z0-9][a-z0-9.-]*", entity["id"])
    assert entity["schema"] in SCHEMA_PROPERTIES
    props = entity["properties"]
    assert set(props) <= SCHEMA_PROPERTIES[entity["schema"]], set(props) - SCHEMA_PROPERTIES[entity["schema"]]
    assert REQUIRED[entity["schema"]] <= set(props)
    for values in props.values():
        assert isinstance(values, list) and values
        assert all(isinstance(v, str) and v.strip() for v in values)
    for prop in ("birthDate", "startDate"):
        assert all(PARTIAL_ISO.match(v) for v in props.get(prop, []))
    assert all(re.fullmatch(r"[a-z]{2}", v) for v in props.get("nationality", []) + props.get("country", []))
    assert set(props.get("gender", [])) <= GENDERS
    assert set(props.get("topics", [])) <= TOPICS


def export(store: Store) -> list[dict[str, Any]]:
    out = io.StringIO()
    ftm.write(ps.public_notices(store.uow), "https://rednotice.example", out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_a_person_and_a_sanction_per_public_notice(store: Store) -> None:
    put(
        store,
        "2026/00001",
        fields={
            "subject.names_original_script": ["Дюран Поль"],
            "subject.date_of_birth": "1971-04",
            "judicial.charges": [{"offence": "Murder", "offence_original": "Meurtre"}],
        },
    )
    put(
        store,
        "2026/00002",
        fields={"subject.sex": "U", "subject.date_of_birth": None, "subject.family_name": "X"},
    )
    entities = export(store)
    for entity in entities:
        check_entity(entity)
    assert [e["schema"] for e in entities] == ["Person", "Sanction", "Person", "Sanction"]
    person, sanction = entities[0], entities[1]
    url = "https://rednotice.example/notices/v1/red/2026-00001"
    assert person["id"] == "rednotice-2026-00001"
    assert person["properties"] == {
        "name": ["Paul Henri DURAND"],
        "firstName": ["Paul Henri"],
        "lastName": ["DURAND"],
        "alias": ["Paul DURANT", "Дюран Поль"],
        "birthDate": ["1971-04"],
        "birthPlace": ["Lyon"],
        "nationality": ["fr"],
        "country": ["fr"],
        "gender": ["male"],
        "height": ["1.8"],
        "weight": ["82"],
        "hairColor": ["BRO"],
        "eyeColor": ["BLU"],
        "topics": ["crime", "wanted"],
        "notes": [ftm.NOTE.format(country="FR"), "Distinguishing marks: scar on left hand"],
        "sourceUrl": [url],
    }
    assert sanction == {
        "id": "rednotice-2026-00001-red-notice",
        "schema": "Sanction",
        "properties": {
            "entity": ["rednotice-2026-00001"],
            "authority": [ftm.AUTHORITY.format(country="France")],
            "authorityId": ["2026/00001"],
            "program": ["Red Notice"],
            "programId": ["INTERPOL-RN"],
            "country": ["fr"],
            "reason": ["Meurtre", "Murder"],  # as the crawler: the charge, then its translation
            "sourceUrl": [url],
            "startDate": [NOW.date().isoformat()],
        },
    }
    unknown = entities[2]["properties"]
    assert "gender" not in unknown and "birthDate" not in unknown  # unknown is not "other", nor 1 January


def test_only_public_extracts_are_exported(store: Store) -> None:
    put(store, "2026/00300")
    for notice_id, how, _ in HIDDEN:
        put(store, notice_id, **how)
    entities = export(store)
    assert {e["id"] for e in entities if e["schema"] == "Person"} == {"rednotice-2026-00300"}
    text = json.dumps(entities, ensure_ascii=False)
    for secret in SECRETS:
        assert secret not in text


def test_many_notices_stream_in_batches(store: Store) -> None:
    with store.uow() as uow:
        for i in range(1, 1206):
            request = make_request(**{"visibility.public_extract": True})
            uow.notices.add(
                Notice(f"2025/{i:05d}", request, State.PUBLISHED, published_at=NOW, created_by="f")
            )
        uow.commit()
    ids = [n.id for n in ps.public_notices(store.uow, batch=500)]
    assert len(ids) == 1205 and ids == sorted(ids)


def test_the_cli_command_writes_a_file_and_is_audited(cli_store: Store, tmp_path: Path) -> None:
    put(cli_store, "2026/00001")
    app = typer.Typer()
    app.command("noop")(lambda: None)  # a Typer app with sub-apps needs a command or a callback
    export_cli.register(app)
    out = tmp_path / "entities.jsonl"
    result = CliRunner().invoke(
        app, ["export", "ftm", "--output", str(out), "--base-url", "https://x.example/"]
    )
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    assert json.loads(lines[0])["properties"]["sourceUrl"] == ["https://x.example/notices/v1/red/2026-00001"]
    with cli_store.uow() as uow:
        event = list(uow.audit.events())[-1]
    assert event.action == "public.export" and event.data == {"format": "ftm", "notices": 1}

    to_stdout = CliRunner().invoke(app, ["export", "ftm"])
    assert to_stdout.exit_code == 0
    assert [json.loads(x)["schema"] for x in to_stdout.stdout.splitlines()] == ["Person", "Sanction"]
