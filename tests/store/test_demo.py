"""Demo data: deterministic, every state of both lifecycles, names in many scripts, users of each role."""

from __future__ import annotations

import shutil
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rednotice import demo
from rednotice.adapters.db.engine import make_engine
from rednotice.bootstrap import Store
from rednotice.cli import common
from rednotice.cli.main import app
from rednotice.domain.lifecycle import Action, Notice, State, states_of
from rednotice.domain.model import NoticeType
from rednotice.domain.users import Role
from rednotice.services import users as user_service
from rednotice.services.ports import NoticeFilter

pytestmark = pytest.mark.store
N = 120


def all_notices(store: Store) -> list[Notice]:
    with store.uow() as uow:
        page = uow.notices.find(NoticeFilter(limit=100_000))
        return [n for n in (uow.notices.get(x.id) for x in page.items) if n is not None]


def scripts_of(text: str) -> set[str]:
    out = set()
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            out.add(name.split()[0])
    return out


@pytest.fixture
def seeded(store: Store) -> Store:
    report = demo.seed_demo(store.uow, notices=N, seed=7)
    assert len(report.notices) == N
    return store


def test_same_seed_same_data(seeded: Store, tmp_path: Path, sqlite_template: Path) -> None:
    path = tmp_path / "other.sqlite3"
    shutil.copy(sqlite_template, path)
    other = Store(seeded.settings, make_engine(f"sqlite:///{path}"), seeded.clock)
    try:
        demo.seed_demo(other.uow, notices=N, seed=7)

        def fingerprint(s: Store) -> list[tuple[str, str, str, str, tuple[str, ...]]]:
            return sorted(
                (
                    n.id,
                    n.state.value,
                    n.request.subject.family_name,
                    n.request.subject.given_names,
                    n.request.subject.names_original_script,
                )
                for n in all_notices(s)
            )

        assert fingerprint(seeded) == fingerprint(other)
    finally:
        other.engine.dispose()
    different = demo.plan(8, N, seeded.clock())
    assert [i.request.subject.family_name for i in different] != [
        i.request.subject.family_name for i in demo.plan(7, N, seeded.clock())
    ]


def test_every_state_of_both_types(seeded: Store) -> None:
    notices = all_notices(seeded)
    for kind in NoticeType:
        present = {n.state for n in notices if n.type is kind}
        assert present == set(states_of(kind)), f"{kind.value}: missing {set(states_of(kind)) - present}"
    # histories went through the real lifecycle, with the right people
    for n in notices:
        for record in n.history:
            if record.actor.role is Role.NCB_OFFICER:
                assert record.actor.country == n.requesting_country
        if n.state is State.EXPIRED:
            assert n.history[-1].actor.role is Role.SYSTEM
        if n.state is State.REFUSED:
            assert n.history[-1].action is Action.REFUSE and n.history[-1].reasons
    published = [n for n in notices if n.state is State.PUBLISHED and n.type is NoticeType.RED_NOTICE]
    assert {n.request.visibility.public_extract for n in published} == {True, False}
    assert any(r.action is Action.RENEW for n in published for r in n.history)
    assert all(n.history[-1].at <= seeded.clock() for n in notices if n.history)


def test_requests_a_reviewer_must_refuse(seeded: Store) -> None:
    notices = all_notices(seeded)
    charges = {c.offence for n in notices for c in n.request.judicial.charges}
    for offence in (
        "Insulting the President",
        "Adultery",
        "Issuing a cheque without sufficient funds",
        "Harbouring a fugitive",
        "Desertion",
        "Subversion of state power",
    ):
        assert offence in charges
    assert any(n.request.assurances.extradition_will_be_sought is False for n in notices)
    journalists = [n for n in notices if "journalist" in {p.value for p in n.request.subject.profile}]
    assert journalists
    relatives = [n for n in notices if n.request.subject.relations]
    assert relatives and all(
        r.request.subject.relations[0].notice_id in {n.id for n in notices} for r in relatives
    )
    refused = [n for n in notices if n.state is State.REFUSED]
    assert any("RN-" in n.history[-1].reasons for n in refused)


def test_names_in_original_scripts_round_trip(seeded: Store) -> None:
    notices = all_notices(seeded)
    original = {s for n in notices for s in n.request.subject.names_original_script}
    found = set().union(*(scripts_of(x) for x in original))
    assert {"CJK", "CYRILLIC", "ARABIC"} <= found
    latin = {n.request.subject.family_name for n in notices}
    assert any(x != unicodedata.normalize("NFKD", x).encode("ascii", "ignore").decode() for x in latin)
    # every original name read back is the one planned, character for character
    planned = {s for i in demo.plan(7, N, seeded.clock()) for s in i.request.subject.names_original_script}
    assert original == planned
    # and the search finds a notice by its Han or Cyrillic name
    han = next(n for n in notices if "CJK" in scripts_of(" ".join(n.request.subject.names_original_script)))
    with seeded.uow() as uow:
        hits = uow.notices.find(NoticeFilter(name=han.request.subject.names_original_script[0], limit=50))
    assert han.id in {n.id for n in hits.items}


def test_if_empty_is_idempotent(seeded: Store) -> None:
    before = len(all_notices(seeded))
    report = demo.seed_demo(seeded.uow, notices=50, seed=99, if_empty=True)
    assert report.skipped and report.notices == []
    assert len(all_notices(seeded)) == before


def test_users_of_each_role(seeded: Store) -> None:
    with seeded.uow() as uow:
        users = {u.username: u for u in uow.users.all()}
    assert {u.role for u in users.values()} == {
        Role.ADMIN,
        Role.REVIEWER,
        Role.CCF,
        Role.OVERSIGHT,
        Role.NCB_OFFICER,
    }
    for name in (
        "admin",
        "reviewer",
        "reviewer2",
        "ccf",
        "oversight",
        "ncb-fr",
        "ncb-ru",
        "ncb-cn",
        "ncb-tr",
        "ncb-us",
    ):
        assert name in users
    assert users["ncb-cn"].country == "CN"
    actor = user_service.authenticate("ncb-fr", demo.DEMO_PASSWORD, seeded.uow())
    assert actor.role is Role.NCB_OFFICER and actor.country == "FR"
    # every requesting country has an officer who can sign in
    countries = {n.requesting_country for n in all_notices(seeded)}
    assert {f"ncb-{c.lower()}" for c in countries} <= set(users)


@pytest.fixture
def cli(store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    monkeypatch.setenv("REDNOTICE_DATABASE_URL", store.settings.database_url or "")
    common.reset_store()
    yield CliRunner()
    common.reset_store()


def test_cli_demo_data_and_logins(cli: CliRunner, store: Store) -> None:
    result = cli.invoke(app, ["demo-data", "--notices", "60", "--seed", "3"])
    assert result.exit_code == 0, result.output
    assert "60 demo notices" in result.output
    again = cli.invoke(app, ["demo-data", "--notices", "60", "--if-empty"])
    assert again.exit_code == 0 and "nothing done" in again.output
    assert len(all_notices(store)) == 60
    logins = cli.invoke(app, ["demo-logins"])
    assert logins.exit_code == 0, logins.output
    for text in ("ncb-ru", "reviewer2", demo.DEMO_PASSWORD, demo.WEB_URL, "development only"):
        assert text in logins.output
    served = cli.invoke(app, ["demo-logins", "--url", "http://127.0.0.1:8101"])
    assert served.exit_code == 0 and "Sign in at http://127.0.0.1:8101" in served.output
    assert "127.0.0.1:8000" not in served.output  # make run PORT=8101 names the port it serves on
