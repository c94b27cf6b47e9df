"""Use cases against in-memory fakes: audit in the same unit of work, visibility, conflicts, rollback."""

from datetime import UTC, datetime, timedelta

import pytest

from rednotice.adapters.memory import MemoryData, MemoryUnitOfWork
from rednotice.domain.audit import verify_chain
from rednotice.domain.errors import Conflict, Forbidden, IllegalTransition, NotFound, Unauthenticated
from rednotice.domain.lifecycle import Action, State
from rednotice.domain.users import SYSTEM, Actor, Role
from rednotice.services import notices as ns
from rednotice.services import users as us
from rednotice.services.ports import NoticeFilter
from tests.factories import make_request

FR = Actor("ncb-fr", Role.NCB_OFFICER, "FR")
DE = Actor("ncb-de", Role.NCB_OFFICER, "DE")
REV = Actor("rev", Role.REVIEWER)


class Env:
    def __init__(self) -> None:
        self.data = MemoryData()
        self.now = datetime(2026, 1, 1, tzinfo=UTC)

    def uow(self) -> MemoryUnitOfWork:
        return MemoryUnitOfWork(self.data, lambda: self.now)


@pytest.fixture
def env() -> Env:
    return Env()


def publish(env: Env, **overrides: object) -> str:
    n = ns.create_request(ns.CreateRequest(make_request(**overrides)), FR, env.uow())
    ns.transition(ns.Transition(n.id, Action.START_REVIEW), REV, env.uow())
    ns.transition(ns.Transition(n.id, Action.PUBLISH, "compliant"), REV, env.uow())
    return n.id


def test_submit_audits_in_the_same_unit_of_work(env: Env) -> None:
    n = ns.create_request(ns.CreateRequest(make_request()), FR, env.uow())
    assert n.state is State.SUBMITTED and n.id == "2026/00001"
    assert [e.action for e in env.data.audit] == ["notice.create", "compliance.check"]
    assert verify_chain(env.data.audit).ok


def test_an_officer_cannot_request_for_another_country(env: Env) -> None:
    with pytest.raises(Forbidden):
        ns.create_request(ns.CreateRequest(make_request()), DE, env.uow())
    assert not env.data.notices and not env.data.audit


def test_other_ncbs_see_nothing_before_publication(env: Env) -> None:
    n = ns.create_request(ns.CreateRequest(make_request()), FR, env.uow())
    with pytest.raises(NotFound):
        ns.get_notice(n.id, DE, env.uow())
    assert ns.list_notices(NoticeFilter(), DE, env.uow()).total == 0
    assert ns.list_notices(NoticeFilter(), FR, env.uow()).total == 1
    ns.transition(ns.Transition(n.id, Action.START_REVIEW), REV, env.uow())
    ns.transition(ns.Transition(n.id, Action.PUBLISH, "ok"), REV, env.uow())
    assert ns.get_notice(n.id, DE, env.uow()).state is State.PUBLISHED


def test_restrictions_hide_a_published_notice(env: Env) -> None:
    nid = publish(env, **{"visibility.excluded_countries": ["DE"]})
    with pytest.raises(NotFound):
        ns.get_notice(nid, DE, env.uow())
    nid2 = publish(env, **{"visibility.restricted_to": ["ES"]})
    assert ns.list_notices(NoticeFilter(), DE, env.uow()).total == 0
    assert ns.get_notice(nid2, Actor("ncb-es", Role.NCB_OFFICER, "ES"), env.uow()).id == nid2


def test_oversight_cannot_browse_notices(env: Env) -> None:
    with pytest.raises(Forbidden):
        ns.list_notices(NoticeFilter(), Actor("o", Role.OVERSIGHT), env.uow())


def test_stale_version_is_a_conflict_and_changes_nothing(env: Env) -> None:
    n = ns.create_request(ns.CreateRequest(make_request()), FR, env.uow())
    ns.transition(ns.Transition(n.id, Action.START_REVIEW, expected_version=1), REV, env.uow())
    events = len(env.data.audit)
    with pytest.raises(Conflict):
        ns.transition(ns.Transition(n.id, Action.REFUSE, "x", expected_version=1), REV, env.uow())
    assert env.data.notices[n.id].state is State.UNDER_REVIEW and len(env.data.audit) == events


def test_illegal_transition_rolls_back(env: Env) -> None:
    n = ns.create_request(ns.CreateRequest(make_request()), FR, env.uow())
    with pytest.raises(IllegalTransition):
        ns.transition(ns.Transition(n.id, Action.PUBLISH, "skip review"), REV, env.uow())
    assert env.data.notices[n.id].state is State.SUBMITTED


def test_every_search_is_audited(env: Env) -> None:
    ns.list_notices(NoticeFilter(name="durand"), FR, env.uow())
    assert env.data.audit[-1].action == "notice.search"
    assert env.data.audit[-1].data["name"] == "durand"


def test_expiry_sweep(env: Env) -> None:
    nid = publish(env)
    env.now += timedelta(days=365 * 5 + 2)
    assert ns.expire_due(env.uow) == [nid]
    assert env.data.notices[nid].state is State.EXPIRED


def test_sign_in_lock_out_and_tokens(env: Env) -> None:
    us.add_user(us.AddUser("alice", Role.REVIEWER, "correct horse battery"), SYSTEM, env.uow())
    assert us.authenticate("alice", "correct horse battery", env.uow()).role is Role.REVIEWER
    for _ in range(us.MAX_FAILED_LOGINS):
        with pytest.raises(Unauthenticated):
            us.authenticate("alice", "wrong password!", env.uow())
    with pytest.raises(Unauthenticated) as err:
        us.authenticate("alice", "correct horse battery", env.uow())
    assert "locked" in err.value.message
    env.now += us.LOCKOUT + timedelta(seconds=1)
    assert us.authenticate("alice", "correct horse battery", env.uow()).username == "alice"
    token = us.issue_token("alice", "ci", SYSTEM, env.uow())
    assert us.actor_for_token(token, env.uow()).username == "alice"
    assert all(token not in repr(t) for t in env.data.tokens.values())
    us.revoke_token(token, SYSTEM, env.uow())
    with pytest.raises(Unauthenticated):
        us.actor_for_token(token, env.uow())


def test_ncb_officer_needs_a_country(env: Env) -> None:
    from rednotice.domain.errors import InvalidInput

    with pytest.raises(InvalidInput):
        us.add_user(us.AddUser("bob", Role.NCB_OFFICER, "long enough password"), SYSTEM, env.uow())
    with pytest.raises(InvalidInput):
        us.add_user(us.AddUser("bob", Role.NCB_OFFICER, "long enough password", "ZZ"), SYSTEM, env.uow())
    with pytest.raises(Forbidden):
        us.add_user(us.AddUser("bob", Role.REVIEWER, "long enough password"), FR, env.uow())
