"""Issue 16, item 14, what was left in English (docs/i18n.md, "Still in English"): the audit chain's problems
and notes, the addenda and review flags written after a hit, pydantic's words inside "not a valid notice
request", and labels the page handlers built. Each reaches a French (or Arabic) reader in their language,
and stays as before in English where it is stored or sent."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from typer.testing import CliRunner

from rednotice.adapters.db import tables as t
from rednotice.adapters.formats.request_json import parse_request
from rednotice.bootstrap import Store
from rednotice.cli.main import app
from rednotice.domain.audit import Checkpoint, CheckpointKind, seal, verify_chain
from rednotice.domain.errors import InvalidInput
from rednotice.domain.users import Actor, Role
from rednotice.services import after_hit as ah
from rednotice.web import i18n
from rednotice.web.app import create_app
from tests.conftest import FakeClock
from tests.factories import request_dict
from tests.interface.conftest import PASSWORD
from tests.interface.test_pages import csrf_of, sign_in
from tests.store.test_after_hit import hit, publish

runner = CliRunner()
DE = Actor("ncb-de", Role.NCB_OFFICER, "DE")  # where the person sought by ncb-fr's notice is found


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, " ".join(result.stdout.split()), " ".join(result.stderr.split())


@pytest.fixture
def french(store: Store, users: dict[str, str]) -> Iterator[TestClient]:
    with TestClient(create_app(store), base_url="https://testserver") as c:
        c.headers["Accept-Language"] = "fr"
        yield c


# --- 1. the audit chain's problems and notes -----------------------------------------------------------


def test_audit_verify_names_an_altered_event_in_french(cli_store: Store, users: dict[str, str]) -> None:
    with cli_store.engine.begin() as conn:
        conn.execute(update(t.audit_events).where(t.audit_events.c.seq == 1).values(actor="someone else"))
    code, out, _ = run("--lang", "fr", "audit", "verify")
    assert code == 1 and "l'événement 1 a été modifié (son contenu ne correspond plus à son empreinte)" in out
    assert "was altered" not in out
    code, out, _ = run("audit", "verify")
    assert code == 1 and "event 1 was altered (its content no longer matches its hash)" in out


def test_a_chain_cut_short_and_a_checkpoint_note_in_arabic() -> None:
    event = seal(1, datetime(2026, 1, 1, tzinfo=UTC), "admin", "user.add", "user:x", {}, "0" * 64)
    signed = Checkpoint(CheckpointKind.CHECKPOINT, 1, event.hash, "2026-01-01T00:00:00Z", "key")
    report = verify_chain([event], head_hash=event.hash, head_seq=5, checkpoints=[signed])
    assert report.problems == ("the chain should end at event 5 but ends at 1",)  # English as a string
    assert report.notes == ("1 signed checkpoint checked; it vouches up to event 1",)
    with i18n.using("ar"):
        assert report.problems[0].label() == "كان ينبغي أن تنتهي السلسلة عند الحدث 5 لكنها تنتهي عند 1"  # type: ignore[attr-defined]
        assert "نقطة تحقق موقّعة واحدة (1)" in report.notes[0].label()  # type: ignore[attr-defined]  # Arabic's "one" form


# --- 2. the addenda and review flags written after a hit ----------------------------------------------


def test_the_rn23_flag_and_addendum_are_stored_in_english_and_shown_in_french(
    store: Store, clock: FakeClock, french: TestClient
) -> None:
    nid = publish(store)
    h = hit(store, by=DE)
    ah.record_outcome(h, ah.LOCATED[0], "", DE, store.uow())
    clock.advance(days=61)
    assert ah.sweep_unpursued_hits(store.uow) == [h]
    with store.uow() as uow:
        [flag] = uow.redress.flags([nid], open_only=True)
    [addendum] = ah.addenda_for(nid, DE, store.uow())
    assert "possible harassment pattern (RN-23)" in flag.text  # stored as before
    assert addendum["text"].startswith("The person sought was located by a member country on ")
    with i18n.using("fr"):
        assert "harcèlement possible (RN-23). Réexaminez la notice." in ah.shown(flag.text)
        assert ah.shown(addendum["text"]).startswith(
            "La personne recherchée a été localisée par un pays membre"
        )
    sign_in(french, "reviewer", PASSWORD)
    page = french.get(f"/notices/{nid.replace('/', '-')}").text
    assert "harcèlement possible (RN-23)" in page and "localisée par un pays membre" in page
    assert "possible harassment pattern" not in page and "located by a member country" not in page


def test_the_safeguards_checklist_in_french(store: Store, french: TestClient) -> None:
    publish(store)
    h = hit(store, by=DE)
    ah.record_outcome(h, ah.LOCATED[0], "", DE, store.uow())
    sign_in(french, DE.username, PASSWORD)
    page = french.get(f"/screening/hits/{h}/safeguards").text
    assert "Traité en vigueur" in page and "Droit de contester" in page
    assert "Aucune préoccupation au titre de l" in page and "rien de signalé" in page
    assert (
        "Treaty in force" not in page and "No Article 2 concern" not in page and "none_reported" not in page
    )


# --- 3. pydantic's words inside "not a valid notice request" --------------------------------------------


def test_a_notice_requests_problems_name_the_field_in_french_and_the_api_keeps_english() -> None:
    data = request_dict(**{"requesting_country": "XX"})
    data["subject"]["family_name"] = ""
    with pytest.raises(InvalidInput) as caught:
        parse_request(data)
    english = str(caught.value)
    assert "subject.family_name is required" in english and "String should" not in english
    assert "requesting_country: 'XX' is not an ISO 3166-1 alpha-2 country code" in english
    assert json.loads(json.dumps(caught.value.details))["problems"] == english.split(": ", 1)[1]
    with i18n.using("fr"):
        message = caught.value.message
    assert message.startswith("demande de notice non valide : ")
    assert "subject.family_name est obligatoire" in message
    assert "'XX' n'est pas un code de pays ISO 3166-1 alpha-2" in message


def test_cli_check_names_a_missing_field_in_french(cli_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"type": "red_notice"}', encoding="utf-8")
    code, _, err = run("--lang", "fr", "check", str(path))
    assert code == 2 and "requesting_country est obligatoire; subject est obligatoire" in err, err
    assert "Field required" not in err


# --- 4. labels the page handlers built ----------------------------------------------------------------


def test_the_single_query_form_asks_for_a_name_in_french(french: TestClient) -> None:
    sign_in(french, "ncb-fr", PASSWORD)
    token = csrf_of(french, "/screening")
    page = french.post("/screening/query", data={"csrf_token": token, "name": ""})
    assert page.status_code == 422
    assert "Indiquez le nom du voyageur, ou au moins un nom de famille." in page.text
    assert "at least a family name" not in page.text
