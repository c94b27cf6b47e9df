"""Account administration on both stores (issue 16, item 10; issue 14, item 6): deactivation stops tokens
and sessions at once, a reset code works once and expires, administrators never learn a secret, everything
is audited under the administrator's own name; and the per-request token check (issue 18, item 1)."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

import pytest
from alembic import command
from sqlalchemy import text

from rednotice.adapters import security
from rednotice.adapters.db import tables as t
from rednotice.adapters.db.migrate import alembic_config, upgrade
from rednotice.bootstrap import Store
from rednotice.domain.errors import Conflict, Forbidden, InvalidInput, NotFound, Unauthenticated
from rednotice.domain.users import SYSTEM, Actor, Role
from rednotice.services import users as us
from tests.conftest import FakeClock

PASSWORD = "an old long password 1"
NEW_PASSWORD = "a brand new passphrase 2"
ADMIN = Actor("boss", Role.ADMIN)


@pytest.fixture
def people(store: Store) -> Store:
    us.clear_token_cache()
    us.add_user(us.AddUser("boss", Role.ADMIN, "the admin's own password 9"), SYSTEM, store.uow())
    us.add_user(us.AddUser("officer", Role.NCB_OFFICER, PASSWORD, "FR"), SYSTEM, store.uow())
    return store


def last_event(store: Store) -> tuple[str, str, str]:
    with store.reader() as uow:
        event = list(uow.audit.events())[-1]
    return event.actor, event.action, event.subject


def test_deactivation_stops_tokens_and_sessions_at_once_and_is_audited_as_the_admin(people: Store) -> None:
    store = people
    token = us.issue_token("officer", "border", SYSTEM, store.uow())
    sid = us.open_session(Actor("officer", Role.NCB_OFFICER, "FR"), store.uow())
    assert us.actor_for_token(token, store.reader()).username == "officer"  # now in the cache too
    assert us.session_actor(sid, store.reader()) is not None

    us.set_active("officer", False, ADMIN, store.uow())

    with pytest.raises(Unauthenticated):
        us.actor_for_token(token, store.reader())
    assert us.session_actor(sid, store.reader()) is None
    with pytest.raises(Unauthenticated):
        us.authenticate("officer", PASSWORD, store.uow())
    assert last_event(store)[1:] == ("auth.failed", "user:officer")
    with store.reader() as uow:
        deactivation = [e for e in uow.audit.events() if e.action == "user.deactivate"]
    assert [str(e.actor) for e in deactivation] == [str(ADMIN)]
    assert deactivation[0].data == {"sessions_ended": 1, "tokens_revoked": 1}

    with pytest.raises(Conflict):
        us.set_active("officer", False, ADMIN, store.uow())
    us.set_active("officer", True, ADMIN, store.uow())
    assert last_event(store)[:2] == (str(ADMIN), "user.reactivate")
    assert us.authenticate("officer", PASSWORD, store.uow()).username == "officer"
    with pytest.raises(Unauthenticated):  # tokens stay revoked: the person issues new ones
        us.actor_for_token(token, store.reader())


def test_only_administrators_manage_accounts_and_not_their_own_deactivation(people: Store) -> None:
    store = people
    us.add_user(us.AddUser("rev", Role.REVIEWER, "a checker passphrase 3"), SYSTEM, store.uow())
    reviewer = Actor("rev", Role.REVIEWER)
    for call in (
        lambda: us.set_active("officer", False, reviewer, store.uow()),
        lambda: us.start_password_reset("officer", reviewer, store.uow()),
        lambda: us.credentials("officer", reviewer, store.reader()),
        lambda: us.revoke_credential("officer", "token", "abc", reviewer, store.uow()),
    ):
        with pytest.raises(Forbidden):
            call()
    with pytest.raises(InvalidInput):
        us.set_active("boss", False, ADMIN, store.uow())
    with pytest.raises(NotFound):
        us.set_active("nobody", False, ADMIN, store.uow())
    with store.reader() as uow:
        assert uow.users.get("officer").active  # type: ignore[union-attr]


def test_a_reset_code_works_once_meets_the_policy_and_ends_the_old_password(people: Store) -> None:
    store = people
    sid = us.open_session(Actor("officer", Role.NCB_OFFICER, "FR"), store.uow())
    code, expires = us.start_password_reset("officer", ADMIN, store.uow())
    assert code not in (PASSWORD, NEW_PASSWORD) and expires > store.clock()
    assert last_event(store)[:2] == (str(ADMIN), "user.password_reset")
    # the old password and sessions stop at once
    assert us.session_actor(sid, store.reader()) is None
    with pytest.raises(Unauthenticated):
        us.authenticate("officer", PASSWORD, store.uow())
    # a weak password is refused and the code still works
    with pytest.raises(InvalidInput) as weak:
        us.complete_password_reset(code, "password", store.uow())
    assert weak.value.details.get("field") == "password"
    assert us.reset_code_user(code, store.reader()) == "officer"
    person = us.complete_password_reset(code, NEW_PASSWORD, store.uow())
    assert person.username == "officer"
    actor, action, _ = last_event(store)
    assert action == "user.password_set" and actor.startswith("officer")  # audited as the person
    # once only
    with pytest.raises(InvalidInput):
        us.complete_password_reset(code, "another passphrase 4", store.uow())
    assert us.authenticate("officer", NEW_PASSWORD, store.uow()).username == "officer"


def test_a_reset_code_expires_and_a_new_one_replaces_it(people: Store, clock: FakeClock) -> None:
    store = people
    first, _ = us.start_password_reset("officer", ADMIN, store.uow())
    second, _ = us.start_password_reset("officer", ADMIN, store.uow())
    with pytest.raises(InvalidInput):
        us.complete_password_reset(first, NEW_PASSWORD, store.uow())
    clock.advance(hours=us.RESET_HOURS, seconds=1)
    with pytest.raises(InvalidInput):
        us.complete_password_reset(second, NEW_PASSWORD, store.uow())
    with pytest.raises(Unauthenticated):  # nothing changed: still no usable password
        us.authenticate("officer", NEW_PASSWORD, store.uow())
    for bad in ("", "x" * 500, "rr-\x00"):
        with pytest.raises(InvalidInput):
            us.complete_password_reset(bad, NEW_PASSWORD, store.uow())


def test_a_reset_code_used_twice_at_once_sets_one_password(people: Store) -> None:
    store = people
    code, _ = us.start_password_reset("officer", ADMIN, store.uow())
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def use(password: str) -> None:
        barrier.wait()
        try:
            us.complete_password_reset(code, password, store.uow())
            outcomes.append(password)
        except InvalidInput:
            outcomes.append("refused")

    threads = [threading.Thread(target=use, args=(p,)) for p in (NEW_PASSWORD, "the other passphrase 5")]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert sorted(outcomes).count("refused") == 1, outcomes
    [winner] = [o for o in outcomes if o != "refused"]
    assert us.authenticate("officer", winner, store.uow()).username == "officer"


def test_an_administrator_sees_tokens_and_sessions_but_never_a_secret(
    people: Store, clock: FakeClock
) -> None:
    store = people
    token = us.issue_token("officer", "border", SYSTEM, store.uow())
    sid = us.open_session(Actor("officer", Role.NCB_OFFICER, "FR"), store.uow())
    clock.advance(minutes=10)
    us.actor_for_token(token, store.reader(), store.uow)  # records "last used"
    user, found = us.credentials("officer", ADMIN, store.reader())
    secrets = {token, sid, security.hash_token(token), security.hash_token(sid), PASSWORD}
    shown = repr(user) + repr(found)
    assert not [s for s in secrets if s in shown]
    assert user.password_hash == "" and not user.reset_hash
    [tok] = [c for c in found if c.kind == "token"]
    [ses] = [c for c in found if c.kind == "session"]
    assert tok.label == "border" and tok.last_used_at == clock.now and tok.state(clock.now) == "open"
    assert ses.last_used_at is None

    us.revoke_credential("officer", "token", tok.public_id, ADMIN, store.uow())
    with pytest.raises(Unauthenticated):  # at once, although it was in the cache
        us.actor_for_token(token, store.reader())
    assert last_event(store)[:2] == (str(ADMIN), "token.revoke")
    us.revoke_credential("officer", "session", ses.public_id, ADMIN, store.uow())
    assert us.session_actor(sid, store.reader()) is None
    with pytest.raises(NotFound):  # already revoked
        us.revoke_credential("officer", "token", tok.public_id, ADMIN, store.uow())
    with pytest.raises(NotFound):
        us.revoke_credential("officer", "token", "not-an-id!", ADMIN, store.uow())


def test_a_cached_token_expires_with_its_date(people: Store, clock: FakeClock) -> None:
    store = people
    token = us.issue_token("officer", "short", SYSTEM, store.uow(), days=1)
    assert us.actor_for_token(token, store.reader()).username == "officer"
    clock.advance(days=1, seconds=1)
    with pytest.raises(Unauthenticated) as exc:
        us.actor_for_token(token, store.reader())
    assert exc.value.details.get("expired")


def test_a_token_revoked_elsewhere_stops_when_the_cache_entry_lapses(
    people: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another server process revoking a token cannot reach this process's cache: the short lifetime of an
    entry bounds how long it is still trusted here."""
    store = people
    monkeypatch.setattr(us._actors, "seconds", 0.05)
    token = us.issue_token("officer", "border", SYSTEM, store.uow())
    us.actor_for_token(token, store.reader())
    with store.engine.begin() as conn:  # as another process would: straight in the store
        conn.execute(
            t.api_tokens.update()
            .where(t.api_tokens.c.token_hash == security.hash_token(token))
            .values(revoked_at=datetime.now(UTC))
        )
    time.sleep(0.1)
    with pytest.raises(Unauthenticated):
        us.actor_for_token(token, store.reader())


def test_the_cache_is_bounded(people: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store = people
    monkeypatch.setattr(us._actors, "size", 3)
    tokens = [us.issue_token("officer", f"t{i}", SYSTEM, store.uow()) for i in range(5)]
    for token in tokens:
        us.actor_for_token(token, store.reader())
    assert len(us._actors._entries) == 3


def test_tokens_and_sessions_made_before_0017_keep_working(store: Store) -> None:
    """Migration 0017 gives existing rows a public id (from their hash) and keeps them valid (and it
    downgrades)."""
    us.clear_token_cache()
    with store.engine.begin() as conn:
        cfg = alembic_config(store.engine)
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0016")
    token = security.new_token()
    now = datetime.now(UTC).replace(tzinfo=None)
    with store.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO users (username, role, country, password_hash, active, created_at,"
                " failed_logins) VALUES ('old', 'reviewer', NULL, :h, :yes, :now, 0)"
            ),
            {"h": security.hash_password(PASSWORD), "yes": True, "now": now},
        )
        conn.execute(
            text(
                "INSERT INTO api_tokens (token_hash, username, label, created_at, expires_at)"
                " VALUES (:h, 'old', 'before', :now, :later)"
            ),
            {"h": security.hash_token(token), "now": now, "later": now.replace(year=now.year + 50)},
        )
    upgrade(store.engine)
    assert us.actor_for_token(token, store.reader()).username == "old"
    _, found = us.credentials("old", SYSTEM, store.reader())
    assert [c.public_id for c in found] == [security.hash_token(token)[:16]]


def test_a_store_that_cannot_record_last_use_still_lets_the_person_in(people: Store) -> None:
    """ "Last used" is a record for administrators, not a condition of access: a store that refuses the write
    (here a read-only unit of work, as on a replica) does not turn a valid token into an error."""
    store = people
    token = us.issue_token("officer", "border", SYSTEM, store.uow())
    sid = us.open_session(Actor("officer", Role.NCB_OFFICER, "FR"), store.uow())
    assert us.actor_for_token(token, store.reader(), store.reader).username == "officer"
    assert us.session_actor(sid, store.reader(), store.reader) is not None
    _, found = us.credentials("officer", SYSTEM, store.reader())
    assert [c.last_used_at for c in found] == [None, None]
