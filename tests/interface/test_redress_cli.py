"""The redress CLI end to end on each database: CCF cases (file, assess, block, decide), refugee
confirmations, harassment reports, countries' positions, review flags, and bad input that writes nothing."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import typer
from sqlalchemy import Table, func, select
from typer.testing import CliRunner

from rednotice.adapters.db import tables as t
from rednotice.adapters.db import tables_redress as tr
from rednotice.bootstrap import Store
from rednotice.cli import common
from rednotice.cli.main import app as main_app
from rednotice.cli.redress import register
from tests.conftest import FakeClock
from tests.factories import request_dict

runner = CliRunner()

APPLICATION: dict[str, Any] = {
    "kind": "deletion",
    "subject": {"family_name": "Durand", "given_names": "Paul Henri", "date_of_birth": "1971-04-02"},
    "id_proof": {"name": True, "date_of_birth": True, "photo": True, "unredacted": True},
    "signed": True,
    "purpose": "Delete the notice: it is a political case.",
    "language": "fr",
    "confidential": "CONFIDENTIAL-ASYLUM-FILE",
}


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    """The main app with the redress groups (registered once, whether or not main.py already does)."""
    if "ccf" not in {g.name for g in main_app.registered_groups}:
        register(main_app)
    return main_app


def run(app: typer.Typer, *args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def count(store: Store, table: Table) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def write(tmp_path: Path, name: str, data: Any) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def publish(app: typer.Typer, tmp_path: Path, **overrides: Any) -> str:
    """FR requests a red notice about Paul Henri Durand; a reviewer publishes it."""
    code, out, err = run(
        app, "submit", write(tmp_path, "request.json", request_dict(**overrides)), "--as", "ncb-fr"
    )
    assert code == 0, err
    notice_id = out.split()[0]
    assert run(app, "transition", notice_id, "start_review", "--as", "reviewer")[0] == 0
    code, _, err = run(app, "transition", notice_id, "publish", "-r", "compliant", "--as", "reviewer")
    assert code == 0, err
    return notice_id


def state(app: typer.Typer, notice_id: str) -> str:
    code, out, err = run(app, "show", notice_id, "--as", "reviewer")
    assert code == 0, err
    return str(json.loads(out)["state"])


def file_case(app: typer.Typer, tmp_path: Path, **overrides: Any) -> tuple[str, str]:
    code, out, err = run(app, "ccf", "file", write(tmp_path, "case.json", {**APPLICATION, **overrides}))
    assert code == 0, err
    case_id = out.split()[0]
    codes = [line.split()[-1] for line in out.splitlines() if line.startswith("access code:")]
    assert len(codes) == 1 and codes[0].startswith("ccf_")
    return case_id, codes[0]


def test_ccf_case_file_assess_block_decide(
    app: typer.Typer, cli_store: Store, users: dict[str, str], tmp_path: Path
) -> None:
    notice_id = publish(app, tmp_path)
    case_id, access_code = file_case(app, tmp_path)
    assert case_id.startswith("CCF-") and "received" in run(app, "ccf", "show", case_id, "--as", "ccf")[1]
    # only the CCF reads cases
    code, _, err = run(app, "ccf", "list", "--as", "reviewer")
    assert code == 1 and "Commission" in err
    code, out, err = run(app, "ccf", "list", "--as", "ccf")
    assert code == 0, err
    [listed] = json.loads(out)
    assert listed["id"] == case_id and listed["notice_ids"] == [notice_id] and listed["deadlines"] == []
    code, out, err = run(app, "ccf", "assess", case_id, "--as", "ccf")
    assert code == 0 and "admissible" in out, err
    listed = json.loads(run(app, "ccf", "list", "--as", "ccf")[1])[0]
    assert [d["name"] for d in listed["deadlines"]] == ["decision"]
    assert json.loads(run(app, "ccf", "list", "--overdue", "--as", "ccf")[1]) == []
    # a block needs reasons; then the notice is suspended
    code, _, err = run(app, "ccf", "block", case_id, "-r", "short", "--as", "ccf")
    assert code == 2 and "reasoned" in err
    code, out, err = run(app, "ccf", "block", case_id, "-r", "Pending the decision.", "--as", "ccf")
    assert code == 0 and notice_id in out, err
    assert state(app, notice_id) == "suspended"
    code, out, err = run(
        app, "ccf", "decide", case_id, "deleted", "-r", "Non-compliant: Article 3.", "--as", "ccf"
    )
    assert code == 0 and "decided" in out, err
    assert state(app, notice_id) == "deleted"
    shown = json.loads(run(app, "ccf", "show", case_id, "--as", "ccf")[1])
    assert shown["outcome"] == "deleted" and shown["blocked_at"]
    report = json.loads(run(app, "ccf", "deadlines", "--as", "oversight")[1])
    assert report["outcomes"] == {"deleted": 1} and report["cases"] == 1
    # the applicant follows the case with the code (prompted, not echoed)
    code, out, err = run(app, "ccf", "my-case", input=access_code + "\n")
    assert code == 0, err
    mine = json.loads(out[out.index("{") :])
    assert mine["id"] == case_id and mine["outcome"] == "deleted" and "notice_ids" not in mine
    code, _, err = run(app, "ccf", "my-case", "--code", "ccf_wrong")
    assert code == 1 and "no case" in err
    # an unknown outcome is refused by the command line itself
    assert run(app, "ccf", "decide", case_id, "maybe", "-r", "x" * 20, "--as", "ccf")[0] == 2


def test_ccf_consultation_unanswered_is_swept(
    app: typer.Typer,
    cli_store: Store,
    users: dict[str, str],
    tmp_path: Path,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(common, "_store", cli_store)  # the CLI on the test store, with its movable clock
    notice_id = publish(app, tmp_path)
    case_id, _ = file_case(app, tmp_path, kind="access")
    assert run(app, "ccf", "assess", case_id, "--as", "ccf")[0] == 0
    code, _, err = run(
        app,
        "ccf",
        "consult",
        case_id,
        notice_id,
        "-q",
        "Is it political?",
        "--due",
        "2026-02-01",
        "--as",
        "ccf",
    )
    assert code == 2 and "time zone" in err
    code, out, err = run(
        app,
        "ccf",
        "consult",
        case_id,
        notice_id,
        "-q",
        "Is it political?",
        "--due",
        (clock.now + timedelta(days=10)).isoformat(),
        "--as",
        "ccf",
    )
    assert code == 0 and "FR" in out, err
    [asked] = json.loads(run(app, "ccf", "consultations", "--as", "ncb-fr")[1])
    assert asked["case_id"] == case_id and "CONFIDENTIAL" not in json.dumps(asked)
    code, out, _ = run(app, "ccf", "sweep")
    assert code == 0 and "deleted 0" in out
    clock.advance(days=30)
    code, out, _ = run(app, "ccf", "sweep")
    assert code == 0 and "deleted 1" in out and notice_id in out
    assert state(app, notice_id) == "deleted"


def test_refugee_confirmation_deletes_the_persecuting_countrys_notice(
    app: typer.Typer, cli_store: Store, users: dict[str, str], tmp_path: Path
) -> None:
    notice_id = publish(app, tmp_path)
    body = {
        "subject": {"family_name": "DURANT", "given_names": "Paul Henri", "date_of_birth": "1971-04-02"},
        "status": "refugee",
        "persecution_country": "fr",
        "basis": "Recognised in 2020",
    }
    path = write(tmp_path, "refugee.json", body)
    code, _, err = run(app, "refugee", "confirm", path, "--as", "ccf")
    assert code == 1 and "NCB officer" in err
    code, out, err = run(app, "refugee", "confirm", path, "--as", "ncb-de")
    assert code == 0, err
    conf = json.loads(out)
    assert conf["deleted_notice_ids"] == [] and notice_id not in out and conf["persecution_country"] == "FR"
    assert state(app, notice_id) == "suspended"
    [pending] = json.loads(run(app, "flags", "list", "--notice", notice_id, "--as", "reviewer")[1])
    resolved = ("flags", "resolve", str(pending["id"]), "-r", "Checked with the granting country.")
    code, _, err = run(app, *resolved, "--as", "reviewer")
    assert code != 0 and "invalid_input" in err
    code, _, err = run(app, *resolved, "--delete", "--as", "reviewer")
    assert code == 0, err
    assert state(app, notice_id) == "deleted"
    [listed] = json.loads(run(app, "refugee", "list", "--as", "reviewer")[1])
    assert listed["granting_country"] == "DE"
    assert json.loads(run(app, "refugee", "list", "--as", "ncb-fr")[1]) == []
    code, out, err = run(
        app, "refugee", "end", str(conf["id"]), "-r", "Status revoked in 2026.", "--as", "ncb-de"
    )
    assert code == 0 and json.loads(out)["active"] is False, err
    [flag] = json.loads(run(app, "flags", "list", "--notice", notice_id, "--as", "reviewer")[1])
    assert flag["source"] == "refugee_status_ended"
    code, out, err = run(
        app,
        "refugee",
        "restore",
        str(conf["id"]),
        notice_id,
        "-r",
        "Status ended; the data is otherwise compliant.",
        "--as",
        "reviewer",
    )
    assert code == 0 and "re-submitted" in out, err
    assert json.loads(run(app, "flags", "list", "--notice", notice_id, "--as", "reviewer")[1]) == []


def test_harassment_position_and_flags(
    app: typer.Typer, cli_store: Store, users: dict[str, str], tmp_path: Path
) -> None:
    notice_id = publish(app, tmp_path)
    report = {
        "reporter_kind": "ngo",
        "reporter_name": "Watch NGO",
        "notice_id": notice_id.replace("/", "-"),
        "victim_name": "M. Durand",
        "victim_relation": "parent",
        "kinds": ["threats", "frozen_assets"],
        "description": "Threatened at home.",
    }
    code, out, err = run(app, "harassment", "report", write(tmp_path, "report.json", report))
    assert code == 0 and "received" in out, err
    assert run(app, "harassment", "list", "--as", "ncb-de")[0] == 1
    code, out, err = run(app, "harassment", "list", "--notice", notice_id, "--as", "reviewer")
    [listed] = json.loads(out)
    assert listed["reporter"]["name"] == "Watch NGO" and listed["kinds"] == ["threats", "frozen_assets"]
    # the requesting country does not take a position on its own notice; another country does
    args = (
        "position",
        "record",
        notice_id,
        "objection",
        "--ground",
        "art3",
        "-t",
        "The charges punish journalism.",
    )
    code, _, err = run(app, *args, "--as", "ncb-fr")
    assert code == 1 and "requesting country" in err
    code, out, err = run(app, *args, "--as", "ncb-de")
    assert code == 0 and json.loads(out)["grounds"] == ["art3"], err
    fr_view = json.loads(run(app, "position", "list", notice_id, "--as", "ncb-fr")[1])
    assert fr_view["caveats"] == 1 and fr_view["positions"][0]["country"] is None
    reviewer_view = json.loads(run(app, "position", "list", notice_id, "--as", "reviewer")[1])
    assert reviewer_view["positions"][0]["country"] == "DE"
    # both reopened review; a reviewer resolves one
    flags = json.loads(run(app, "flags", "list", "--notice", notice_id, "--as", "reviewer")[1])
    assert sorted(f["source"] for f in flags) == ["country_position", "harassment_report"]
    first = str(flags[0]["id"])
    code, _, err = run(app, "flags", "resolve", first, "-r", "ok", "--as", "reviewer")
    assert code == 2 and "resolution" in err
    code, out, err = run(
        app, "flags", "resolve", first, "-r", "Reviewed again: still compliant.", "--as", "reviewer"
    )
    assert code == 0 and json.loads(out)["resolved_by"] == "reviewer", err
    assert len(json.loads(run(app, "flags", "list", "--as", "reviewer")[1])) == 1
    assert len(json.loads(run(app, "flags", "list", "--all", "--as", "reviewer")[1])) == 2
    code, _, err = run(
        app, "flags", "resolve", first, "-r", "Reviewed again: still compliant.", "--as", "reviewer"
    )
    assert code == 1 and "already resolved" in err


REDRESS_TABLES = (tr.ccf_cases, tr.refugee_confirmations, tr.harassment_reports, tr.country_positions)


def test_bad_input_is_a_clear_error_and_writes_nothing(
    app: typer.Typer, cli_store: Store, users: dict[str, str], tmp_path: Path
) -> None:
    notice_id = publish(app, tmp_path)

    def written() -> tuple[int, ...]:
        return (*(count(cli_store, table) for table in REDRESS_TABLES), count(cli_store, t.audit_events))

    before = written()
    bad = tmp_path / "bad.json"
    bad.write_text('{"kind": "deletion", ')
    code, _, err = run(app, "ccf", "file", str(bad))
    assert code == 2 and "malformed JSON" in err
    code, _, err = run(app, "ccf", "file", write(tmp_path, "x.json", {**APPLICATION, "kind": "erase"}))
    assert code == 2 and "not a valid CCF filing" in err and "kind" in err
    no_dob = {**APPLICATION, "subject": {"family_name": "Durand", "date_of_birth": "1971-02-30"}}
    code, _, err = run(app, "ccf", "file", write(tmp_path, "y.json", no_dob))
    assert code == 2 and "date_of_birth" in err
    code, _, err = run(app, "ccf", "file", str(tmp_path / "missing.json"))
    assert code == 2 and "no such file" in err
    code, _, err = run(app, "ccf", "file", "-", input="[1, 2]")
    assert code == 2 and "JSON object" in err
    code, _, err = run(app, "ccf", "file", write(tmp_path, "rev.json", {**APPLICATION, "kind": "revision"}))
    assert code == 2 and "revision_of" in err
    refugee = {"subject": APPLICATION["subject"], "status": "refugee", "persecution_country": "DE"}
    code, _, err = run(app, "refugee", "confirm", write(tmp_path, "r.json", refugee), "--as", "ncb-de")
    assert code == 2 and "persecution" in err
    code, _, err = run(
        app, "refugee", "confirm", write(tmp_path, "r2.json", {"status": "x"}), "--as", "ncb-de"
    )
    assert code == 2 and "subject" in err and "persecution_country" in err
    report = {"reporter_kind": "ngo", "victim_name": "M. Durand", "victim_relation": "parent"}
    code, _, err = run(app, "harassment", "report", write(tmp_path, "h.json", {**report, "kinds": []}))
    assert code == 2 and "kinds" in err
    full = {**report, "kinds": ["threats"], "description": "Threatened at home."}
    code, _, err = run(app, "harassment", "report", write(tmp_path, "h2.json", full))
    assert code == 2 and "name the notice" in err
    code, _, err = run(
        app, "position", "record", notice_id, "objection", "-t", "No grounds given here.", "--as", "ncb-de"
    )
    assert code == 2 and "grounds" in err
    code, _, err = run(app, "ccf", "list", "--as", "nobody")
    assert code == 2 and "no active user" in err
    assert written() == before
