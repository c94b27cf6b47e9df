"""Issue 14: sign-in, lock-out and tokens under attack, on SQLite and PostgreSQL."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from rednotice.bootstrap import Store
from rednotice.domain.errors import Forbidden, InvalidInput, Unauthenticated
from rednotice.domain.users import SYSTEM, Role
from rednotice.services import users as us

PASSWORD = "Correct-Horse-42"


def _add(store: Store, name: str = "alice") -> None:
    us.add_user(us.AddUser(name, Role.REVIEWER, PASSWORD), SYSTEM, store.uow())


@pytest.mark.parametrize("round_", range(3))
def test_parallel_wrong_passwords_check_at_most_five_before_the_lock(
    store: Store, round_: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Item 8: 120 parallel wrong passwords got 70 or more checked before the account locked."""
    _add(store)
    checked: list[int] = []
    real_verify = us.security.verify_password

    def counting_verify(password_hash: str | None, password: str) -> bool:
        if password_hash is not None:
            checked.append(1)
        return real_verify(password_hash, password)

    monkeypatch.setattr(us.security, "verify_password", counting_verify)

    def attempt(i: int) -> str:
        try:
            us.authenticate("alice", f"wrong-{i}", store.uow())
            return "in"
        except Unauthenticated as exc:
            return "locked" if exc.details.get("locked") else "wrong"

    with ThreadPoolExecutor(24) as pool:
        outcomes = list(pool.map(attempt, range(120)))
    assert "in" not in outcomes
    assert len(checked) <= us.MAX_FAILED_LOGINS, f"{len(checked)} passwords checked"
    assert outcomes.count("wrong") <= us.MAX_FAILED_LOGINS
    # locked, even for the right password, until the lock-out ends
    with pytest.raises(Unauthenticated) as err:
        us.authenticate("alice", PASSWORD, store.uow())
    assert err.value.details.get("locked")
    store.clock.advance(minutes=16)  # type: ignore[attr-defined]
    assert us.authenticate("alice", PASSWORD, store.uow()).username == "alice"


def test_a_lock_out_does_not_reveal_which_usernames_exist(store: Store) -> None:
    _add(store)
    answers = {}
    for name in ("alice", "nobody-here"):
        for i in range(us.MAX_FAILED_LOGINS + 1):
            with pytest.raises(Unauthenticated) as err:
                us.authenticate(name, f"wrong-{i}", store.uow())
        answers[name] = (err.value.message, err.value.details)
    assert answers["alice"] == answers["nobody-here"]


@pytest.mark.parametrize("field", ["username", "password"])
def test_nul_bytes_in_a_sign_in_are_invalid_input(store: Store, field: str) -> None:
    _add(store)
    args = {"username": "alice", "password": PASSWORD} | {field: "ali\x00ce"}
    with pytest.raises((InvalidInput, Unauthenticated)):
        us.authenticate(args["username"], args["password"], store.uow())


@pytest.mark.parametrize(
    "name",
    [
        "admin\u202e",  # right-to-left override
        "ad\u200bmin",  # zero-width space
        "ad\u00admin",  # soft hyphen (a format character)
        "p\u0430ypal",  # a Cyrillic 'а' among Latin letters: a lookalike of "paypal"
        "bob smith",
        "tab\tname",
        "ctrl\x07name",
        "nul\x00name",
    ],
)
def test_usernames_are_in_a_safe_profile(store: Store, name: str) -> None:
    """Item 13: usernames accepted invisible, bidi and lookalike characters."""
    with pytest.raises(InvalidInput):
        us.add_user(us.AddUser(name, Role.REVIEWER, PASSWORD), SYSTEM, store.uow())
    with store.uow() as uow:
        assert uow.users.all() == []


def test_usernames_are_nfkc_and_any_single_script_is_fine(store: Store) -> None:
    for name in ("ｒｅｖｉｅｗｅｒ", "иван.петров", "田中さん", "ncb-fr", "ccf.member@example"):
        us.add_user(us.AddUser(name, Role.REVIEWER, PASSWORD), SYSTEM, store.uow())
    with store.uow() as uow:
        names = {u.username for u in uow.users.all()}
    assert "reviewer" in names and "ｒｅｖｉｅｗｅｒ" not in names


@pytest.mark.parametrize(
    "password", ["aaaaaaaaaa", "1234567890", "abcdefghij", "Password2026!", "qwertyuiop12", "xx-alice-xx-42"]
)
def test_weak_passwords_are_refused(store: Store, password: str) -> None:
    """Item 13: `aaaaaaaaaa` was a valid password."""
    with pytest.raises(InvalidInput):
        us.add_user(us.AddUser("alice", Role.REVIEWER, password), SYSTEM, store.uow())


def test_bearer_tokens_expire(store: Store) -> None:
    """Item 13: bearer tokens never expired. Ninety days by default; the issuer may say fewer."""
    _add(store)
    token = us.issue_token("alice", "ci", SYSTEM, store.uow())
    week = us.issue_token("alice", "short", SYSTEM, store.uow(), days=7)
    store.clock.advance(days=8)  # type: ignore[attr-defined]
    assert us.actor_for_token(token, store.uow()).username == "alice"
    with pytest.raises(Unauthenticated, match="expired"):
        us.actor_for_token(week, store.uow())
    store.clock.advance(days=83)  # type: ignore[attr-defined]
    with pytest.raises(Unauthenticated, match="expired"):
        us.actor_for_token(token, store.uow())
    with pytest.raises(InvalidInput):
        us.issue_token("alice", "forever", SYSTEM, store.uow(), days=100_000)


def test_an_administrator_cannot_issue_a_token_for_someone_else(store: Store) -> None:
    """Item 6 (asked of this service by docs/security.md): a token for someone else acts as them."""
    _add(store)
    us.add_user(us.AddUser("root-admin", Role.ADMIN, PASSWORD), SYSTEM, store.uow())
    admin = us.authenticate("root-admin", PASSWORD, store.uow())
    with pytest.raises(Forbidden):
        us.issue_token("alice", "mine now", admin, store.uow())
    assert us.issue_token("root-admin", "own", admin, store.uow()).startswith("rn_")
