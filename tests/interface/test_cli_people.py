"""Issue 16, items 10, 11 and 13 at the terminal: roles by their names, and an 'other' refusal ground in words
(`rednotice transition --ground other --other-ground TEXT`, as the decision form and the API take it)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from rednotice.bootstrap import Store
from rednotice.cli.main import app
from rednotice.domain.lifecycle import Action, State
from rednotice.domain.users import SYSTEM, Role
from rednotice.services import notices as ns
from rednotice.services import review
from rednotice.services import users as us
from tests.store.test_figures_store import REV, sent

runner = CliRunner()
PASSWORD = "a long password here"


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_users_list_names_roles_as_the_pages_do(cli_store: Store) -> None:
    for name, role, country in (
        ("ncb-tr", Role.NCB_OFFICER, "TR"),
        ("rev", Role.REVIEWER, None),
        ("ccf", Role.CCF, None),
        ("ov", Role.OVERSIGHT, None),
        ("adm", Role.ADMIN, None),
    ):
        us.add_user(us.AddUser(name, role, PASSWORD, country), SYSTEM, cli_store.uow())
    us.set_active("ov", False, SYSTEM, cli_store.uow())
    code, out, err = run("users", "list")
    assert code == 0, err
    for words in (
        "NCB officer",
        "General Secretariat reviewer",
        "Commission for the Control of Files",
        "Oversight",
        "Administrator",
    ):
        assert words in " ".join(out.split()), words  # rich may wrap a long name over two lines
    rows = {}
    for line in out.splitlines():
        cells = [c.strip() for c in line.strip().strip("│").split("│")]
        if len(cells) == 4 and cells[0]:
            rows[cells[0]] = cells
    assert {rows[u][1] for u in ("ncb-tr", "rev", "ccf", "ov", "adm")}.isdisjoint({r.value for r in Role})
    assert rows["ov"][3] == "deactivated" and rows["adm"][3] == "active" and rows["ncb-tr"][2] == "TR"


def under_review(store: Store) -> str:
    notice_id = sent("RU", "IVANOV", store=store)
    ns.transition(ns.Transition(notice_id, Action.START_REVIEW), REV, store.uow())
    us.add_user(us.AddUser(REV.username, Role.REVIEWER, PASSWORD), SYSTEM, store.uow())
    return notice_id


def state_of(store: Store, notice_id: str) -> State:
    with store.uow() as uow:
        notice = uow.notices.get(notice_id)
    assert notice is not None
    return notice.state


def test_an_other_ground_needs_its_words(cli_store: Store) -> None:
    notice_id = under_review(cli_store)
    code, _, err = run(
        "transition", notice_id, "refuse", "-r", "internal", "--ground", "other", "--as", "rev"
    )
    assert code == 2 and "--other-ground" in err
    assert state_of(cli_store, notice_id) is State.UNDER_REVIEW  # nothing recorded
    code, _, err = run(
        "transition",
        notice_id,
        "refuse",
        "-r",
        "internal",
        "--ground",
        "other",
        "--other-ground",
        "  ",
        "--as",
        "rev",
    )
    assert code == 2 and "in a few words" in err
    code, _, err = run(
        "transition",
        notice_id,
        "refuse",
        "-r",
        "internal",
        "--ground",
        "art3",
        "--other-ground",
        "x",
        "--as",
        "rev",
    )
    assert code == 2 and "goes with --ground other" in err
    code, _, err = run(
        "transition",
        *(notice_id, "refuse", "-r", "internal", "--ground", "other", "--as", "rev"),
        *("--other-ground", "x" * 201),
    )
    assert code == 2 and "at most 200" in err
    assert state_of(cli_store, notice_id) is State.UNDER_REVIEW


def test_an_other_ground_is_recorded_by_its_words(cli_store: Store) -> None:
    notice_id = under_review(cli_store)
    code, out, err = run(
        "transition",
        *(notice_id, "refuse", "-r", "Internal reasons.", "--as", "rev"),
        *("--ground", "other", "--ground", "art3", "--other-ground", "  Civil   contempt order "),
    )
    assert code == 0, err
    assert "refused" in out
    decision = [
        r
        for r in review.dossier(notice_id, REV, cli_store.uow()).records
        if r.kind is review.RecordKind.DECISION
    ][-1]
    assert decision.data["grounds"] == ["art3", "other"]
    assert decision.data["other_ground"] == "Civil contempt order"


@pytest.mark.parametrize("command", [("transition", "--help"), ("users", "list", "--help")])
def test_the_replaced_commands_are_the_only_ones(command: tuple[str, ...]) -> None:
    code, out, _ = run(*command)
    assert code == 0
    names = [c.name or c.callback.__name__ for c in app.registered_commands if c.callback]
    assert names.count("transition") == 1
    if command[0] == "transition":
        assert "--other-ground" in out
