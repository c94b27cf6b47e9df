"""The web answers a bearer token verified in the last few seconds without the store or a thread
(issue 18): ``cached_token_actor`` says who it is, nothing for a token not verified lately, and refuses
an expired one as ``actor_for_token`` does."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from rednotice.adapters.memory import MemoryData, MemoryUnitOfWork
from rednotice.domain.errors import Unauthenticated
from rednotice.domain.users import SYSTEM, Role
from rednotice.services import users as us


def test_only_a_token_verified_lately_is_answered_without_the_store() -> None:
    data = MemoryData()
    now = [datetime(2026, 1, 1, tzinfo=UTC)]

    def uow() -> MemoryUnitOfWork:
        return MemoryUnitOfWork(data, lambda: now[0])

    us.clear_token_cache()
    us.add_user(us.AddUser("ncb-fr", Role.NCB_OFFICER, "a long test password", "FR"), SYSTEM, uow())
    token = us.issue_token("ncb-fr", "test", SYSTEM, uow(), days=1)
    assert us.cached_token_actor(token, lambda: now[0]) is None  # never verified: ask the store
    actor = us.actor_for_token(token, uow())
    assert us.cached_token_actor(token, lambda: now[0]) == actor
    assert us.cached_token_actor(token + "x", lambda: now[0]) is None
    now[0] += timedelta(days=2)
    with pytest.raises(Unauthenticated):
        us.cached_token_actor(token, lambda: now[0])
    assert us.cached_token_actor(token, lambda: now[0]) is None  # dropped: the store refuses it next
    with pytest.raises(Unauthenticated):
        us.actor_for_token(token, uow())
