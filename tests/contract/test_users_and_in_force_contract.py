"""What test_core_contract.py leaves out of the notices and users repositories, on the fakes and on SQL:
the notices in force with their change numbers (the screening index is built from them, in batches), when a
token or a session was last used, a person's sessions, and what saving a token keeps (its label and its
revocation: the only fields a use case changes)."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from rednotice.domain.lifecycle import Notice, State
from rednotice.domain.model import NoticeType
from rednotice.domain.users import Role
from rednotice.services.ports import SessionRecord, TokenRecord, UserRecord
from tests.conftest import FakeClock
from tests.contract.conftest import Backend
from tests.factories import make_request


def test_the_notices_in_force_come_in_id_order_with_their_change_numbers(
    backend: Backend, clock: FakeClock
) -> None:
    kinds = {
        "2026/00001": (NoticeType.RED_NOTICE, State.PUBLISHED),
        "2026/00002": (NoticeType.RED_NOTICE, State.SUBMITTED),
        "2026/00003": (NoticeType.WANTED_PERSON_DIFFUSION, State.UNREVIEWED),
        "2026/00004": (NoticeType.RED_NOTICE, State.CANCELLED),
        "2026/00005": (NoticeType.WANTED_PERSON_DIFFUSION, State.REVIEWED_COMPLIANT),
        "2026/00006": (NoticeType.RED_NOTICE, State.PUBLISHED),
    }
    with backend.uow() as uow:
        for notice_id, (kind, state) in reversed(kinds.items()):
            request = make_request(type=kind.value)
            uow.notices.add(Notice(notice_id, request, state, created_at=clock(), created_by="factory"))
        uow.commit()
    with backend.uow() as uow:
        for batch in (1, 2, 5000):
            found = list(uow.notices.in_force(batch))
            assert [n.id for n, _ in found] == ["2026/00001", "2026/00003", "2026/00005", "2026/00006"]
            assert all(0 < seq <= uow.notices.max_change_seq() for _, seq in found)
            assert len({seq for _, seq in found}) == len(found)


def test_last_use_sessions_and_a_saved_token(backend: Backend, clock: FakeClock) -> None:
    now = clock()
    token = TokenRecord("t1", "anna", "laptop", now, expires_at=now + timedelta(days=90), public_id="p1")
    with backend.uow() as uow:
        uow.users.add(UserRecord("anna", Role.NCB_OFFICER, "FR", "h", created_at=now))
        uow.users.add(UserRecord("bob", Role.REVIEWER, None, "h", created_at=now))
        uow.users.add_token(token)
        uow.users.add_session(SessionRecord("s1", "anna", now, now + timedelta(hours=8), public_id="q1"))
        uow.users.add_session(
            SessionRecord("s2", "anna", now + timedelta(minutes=1), now + timedelta(hours=8), public_id="q2")
        )
        uow.commit()
    later = now + timedelta(minutes=5)
    with backend.uow() as uow:
        uow.users.touch("t1", "s1", later)
        uow.users.touch(None, "s2", later + timedelta(minutes=1))
        uow.users.touch("nope", "nope", later)  # nothing to record: no error
        uow.commit()
    with backend.uow() as uow:
        t1, s1, s2 = uow.users.get_token("t1"), uow.users.get_session("s1"), uow.users.get_session("s2")
        assert t1 is not None and t1.last_used_at == later
        assert s1 is not None and s1.last_used_at == later
        assert s2 is not None and s2.last_used_at == later + timedelta(minutes=1)
        assert [s.public_id for s in uow.users.sessions_of("anna")] == ["q2", "q1"]  # newest first
        assert uow.users.sessions_of("bob") == []
        changed = dataclasses.replace(
            t1, label="old laptop", revoked_at=later, expires_at=later, public_id="px"
        )
        uow.users.save_token(changed)
        uow.users.save_token(dataclasses.replace(changed, token_hash="never-issued"))  # saves nothing
        uow.commit()
    with backend.uow() as uow:
        saved = uow.users.get_token("t1")
        assert saved is not None and (saved.label, saved.revoked_at) == ("old laptop", later)
        assert (saved.expires_at, saved.public_id, saved.username) == (token.expires_at, "p1", "anna")
        assert uow.users.get_token("never-issued") is None
