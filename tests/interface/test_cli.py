"""The CLI end to end on each database: submit, show, list, transitions, audit, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Table, func, select, update
from typer.testing import CliRunner

from rednotice.adapters.db import tables as t
from rednotice.bootstrap import Store
from rednotice.cli.main import app
from tests.conftest import CASES
from tests.factories import request_dict

runner = CliRunner()


def count(store: Store, table: Table) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def test_submit_show_list_and_decide(cli_store: Store, users: dict[str, str]) -> None:
    case = CASES / "compliance" / "01-murder-complete.json"
    code, out, err = run("submit", str(case), "--as", "ncb-fr")
    assert code == 0, err
    notice_id = out.split()[0]
    assert "submitted" in out
    code, out, _ = run("show", notice_id, "--as", "reviewer")
    shown = json.loads(out)
    assert shown["state"] == "submitted" and shown["request"]["subject"]["family_name"] == "DURAND"
    assert "not an arrest warrant" in shown["caveat"]
    assert run("transition", notice_id, "start_review", "--as", "reviewer")[0] == 0
    code, _, err = run("transition", notice_id, "publish", "--as", "reviewer")
    assert code == 1 and "needs written reasons" in err
    code, out, _ = run(
        "transition",
        notice_id,
        "publish",
        "-r",
        "compliant: murder, judicial warrant",
        "--expected-version",
        "2",
        "--as",
        "reviewer",
    )
    assert code == 0 and "published" in out
    code, _, err = run(
        "transition", notice_id, "refuse", "-r", "x", "--expected-version", "2", "--as", "reviewer2"
    )
    assert code == 1 and "conflict" in err
    code, out, _ = run("list", "--name", "durand", "--as", "ncb-de")
    assert code == 0 and "1 notices" in out
    code, out, _ = run("list", "--name", "durand", "--json", "--as", "ncb-de")
    assert [n["id"] for n in json.loads(out)["items"]] == [notice_id]


def test_the_other_country_cannot_see_a_request_under_review(cli_store: Store, users: dict[str, str]) -> None:
    code, out, _ = run("submit", str(CASES / "compliance" / "01-murder-complete.json"), "--as", "ncb-fr")
    notice_id = out.split()[0]
    code, _, err = run("show", notice_id, "--as", "ncb-de")
    assert code == 1 and "no notice" in err


def test_malformed_input_is_a_clear_error_and_writes_nothing(
    cli_store: Store, tmp_path: Path, users: dict[str, str]
) -> None:
    before_notices, before_audit = count(cli_store, t.notices), count(cli_store, t.audit_events)
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"type": "red_notice", ')
    code, _, err = run("submit", str(bad_json), "--as", "ncb-fr")
    assert code == 2 and "malformed JSON" in err
    bad_field = tmp_path / "bad-field.json"
    bad_field.write_text(
        json.dumps(request_dict(**{"subject.date_of_birth": "1971-02-30", "requesting_country": "XX"}))
    )
    code, _, err = run("submit", str(bad_field), "--as", "ncb-fr")
    assert code == 2 and "subject.date_of_birth" in err and "requesting_country" in err
    code, _, err = run("submit", str(tmp_path / "missing.json"), "--as", "ncb-fr")
    assert code == 2 and "no such file" in err
    code, _, err = run("submit", "-", "--as", "ncb-fr", input="[1, 2]")
    assert code == 2 and "JSON object" in err
    assert (count(cli_store, t.notices), count(cli_store, t.audit_events)) == (before_notices, before_audit)


def test_audit_verify_reports_tampering(cli_store: Store, users: dict[str, str]) -> None:
    run("submit", str(CASES / "compliance" / "01-murder-complete.json"), "--as", "ncb-fr")
    code, out, _ = run("audit", "verify")
    assert code == 0 and "intact" in out
    with cli_store.engine.begin() as conn:
        conn.execute(update(t.audit_events).where(t.audit_events.c.seq == 2).values(actor="someone else"))
    code, out, _ = run("audit", "verify")
    assert code == 1 and "BROKEN" in out and "event 2 was altered" in out


def test_users_add_and_list(cli_store: Store) -> None:
    code, out, err = run(
        "users",
        "add",
        "ncb-tr",
        "--role",
        "ncb_officer",
        "--country",
        "tr",
        "--password",
        "a long password here",
    )
    assert code == 0, err
    code, _, err = run("users", "add", "x", "--role", "ncb_officer", "--password", "a long password here")
    assert code == 2 and "country" in err
    code, out, _ = run("users", "list")
    assert "ncb-tr" in out and "TR" in out


def test_users_end_sessions(cli_store: Store) -> None:
    from rednotice.domain.users import Actor, Role
    from rednotice.services import users as us

    code, _, err = run(
        "users",
        "add",
        "ncb-tr",
        "--role",
        "ncb_officer",
        "--country",
        "TR",
        "--password",
        "a long password here",
    )
    assert code == 0, err
    # the fixture's fake clock is behind the CLI's real one: a session long enough to be open for both
    sid = us.open_session(Actor("ncb-tr", Role.NCB_OFFICER, "TR"), cli_store.uow(), hours=24 * 365 * 2)
    assert us.session_actor(sid, cli_store.reader()) is not None
    code, out, err = run("users", "end-sessions", "ncb-tr")
    assert code == 0 and "1 session(s) ended" in out, err
    assert us.session_actor(sid, cli_store.reader()) is None
    code, _, err = run("users", "end-sessions", "nobody")
    assert code != 0 and "nobody" in (err + _)


def test_commands_on_a_store_never_migrated_say_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rednotice.cli.common import reset_store

    monkeypatch.setenv("REDNOTICE_DATABASE_URL", f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    monkeypatch.setenv("REDNOTICE_ENV", "test")
    monkeypatch.setenv("REDNOTICE_SECRET_KEY", "s" * 40)
    monkeypatch.setenv("REDNOTICE_DATA_DIR", str(tmp_path))
    reset_store()
    try:
        for args in (["list"], ["show", "2026/1"], ["audit", "verify"], ["expire"], ["demo-logins"]):
            code, out, err = run(*args)
            assert code == 1, (args, out, err)
            assert "rednotice db upgrade" in err and "Traceback" not in err + out, args
        code, _, err = run("db", "upgrade")
        assert code == 0, err
        assert run("list")[0] == 0
    finally:
        reset_store()
