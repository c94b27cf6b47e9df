"""The core repositories' contract, on the fakes and on SQL: notices (copies, optimistic concurrency,
ids, batch adds, changes), the audit log (one chain, appended one by one or many at once), users
(sign-in counting and locks, tokens, sessions, resets) and the redress records the after-hit and review
flows write (positions, flags, notifications, binding outcomes)."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from rednotice.domain.audit import verify_chain
from rednotice.domain.errors import Conflict
from rednotice.domain.lifecycle import Action, Notice, State
from rednotice.domain.redress import (
    FlagSource,
    Notification,
    Position,
    PositionGround,
    PositionKind,
    ReviewFlag,
)
from rednotice.domain.users import Actor, Role
from rednotice.services import notices as ns
from rednotice.services.ports import AuditEntry, NoticeFilter, SessionRecord, TokenRecord, UserRecord
from tests.conftest import FakeClock
from tests.contract.conftest import Backend
from tests.factories import make_request

FR = Actor("ncb-fr", Role.NCB_OFFICER, "FR")
REV = Actor("rev", Role.REVIEWER)


def created(backend: Backend, country: str = "FR") -> Notice:
    """A request sent by an officer of ``country`` (submitted)."""
    officer = Actor(f"ncb-{country.lower()}", Role.NCB_OFFICER, country)
    request = make_request(requesting_country=country)
    return ns.create_request(ns.CreateRequest(request), officer, backend.uow())


# -- notices --------------------------------------------------------------------------------------------


def test_a_notice_is_stored_and_handed_out_as_a_copy(backend: Backend) -> None:
    n = created(backend)
    with backend.uow() as uow:
        got = uow.notices.get(n.id)
        assert got is not None and got.id == n.id and got.state is State.SUBMITTED
        assert got.request == n.request and got.version == n.version
        got.history.clear()
        again = uow.notices.get(n.id)
        assert again is not None and len(again.history) == len(n.history)
        assert uow.notices.get("2099/99999") is None
        with pytest.raises(Conflict):
            uow.notices.add(n)


def test_saving_from_a_stale_version_is_a_conflict(backend: Backend, clock: FakeClock) -> None:
    n = created(backend)
    with backend.uow() as uow:
        first = uow.notices.get(n.id)
        assert first is not None
        record = first.apply(Action.START_REVIEW, REV, clock())
        uow.notices.save(first, n.version, [record])
        uow.commit()
    with backend.uow() as uow:
        stale = uow.notices.get(n.id)
        assert stale is not None and stale.state is State.UNDER_REVIEW and stale.version == n.version + 1
        with pytest.raises(Conflict):
            uow.notices.save(stale, n.version, [])


def test_ids_run_per_year_and_batch_adds_are_all_or_nothing(backend: Backend, clock: FakeClock) -> None:
    with backend.uow() as uow:
        a, b = uow.notices.next_id(2026), uow.notices.next_id(2026)
        c = uow.notices.next_id(2027)
        uow.commit()
    assert (a, b, c) == ("2026/00001", "2026/00002", "2027/00001")
    request = make_request()
    fresh = [Notice(f"2025/0000{i}", request, State.PUBLISHED, created_at=clock()) for i in (1, 2)]
    with backend.uow() as uow:
        uow.notices.add_many(fresh)
        uow.commit()
    with backend.uow() as uow:
        assert uow.notices.existing_ids(["2025/00001", "2025/00002", "2025/00003"]) == {
            "2025/00001",
            "2025/00002",
        }
        with pytest.raises(Conflict):
            uow.notices.add_many([Notice("2025/00003", request, created_at=clock()), fresh[0]])
    with backend.uow() as uow:
        assert uow.notices.existing_ids(["2025/00003"]) == set()


def test_changes_are_numbered_and_expiry_is_found(backend: Backend, clock: FakeClock) -> None:
    with backend.uow() as uow:
        before = uow.notices.max_change_seq()
    n = created(backend)
    with backend.uow() as uow:
        after = uow.notices.max_change_seq()
        changed = uow.notices.changed_since(before)
        assert after > before and [x.id for x, _ in changed] == [n.id]
        assert uow.notices.changed_since(after) == []
        due = dataclasses.replace(
            Notice("2020/00001", make_request(), State.PUBLISHED, created_at=clock()),
            expires_at=clock() - timedelta(days=1),
        )
        later = dataclasses.replace(due, id="2020/00002", expires_at=clock() + timedelta(days=1))
        uow.notices.add_many([due, later])
        uow.commit()
    with backend.uow() as uow:
        assert uow.notices.ids_due_to_expire(clock()) == ["2020/00001"]


def test_find_filters_by_state_and_country_and_counts(backend: Backend) -> None:
    fr = created(backend)
    ru = created(backend, "RU")
    with backend.uow() as uow:
        drafts = uow.notices.find(NoticeFilter(states=(State.SUBMITTED,)))
        russian = uow.notices.find(NoticeFilter(requesting_country="RU"))
        none = uow.notices.find(NoticeFilter(states=(State.PUBLISHED,)))
        paged = uow.notices.find(NoticeFilter(limit=1))
    assert sorted(n.id for n in drafts.items) == sorted([fr.id, ru.id]) and drafts.total == 2
    assert [n.id for n in russian.items] == [ru.id] and russian.total == 1
    assert none.items == [] and none.total == 0
    assert len(paged.items) == 1 and paged.total == 2


def test_several_lists_at_once_and_digests_agree_with_find(backend: Backend) -> None:
    """``find_many`` (a dashboard's lists, counted together) is ``find`` of each filter, a limit of 0 a count
    alone; ``digests`` are the page's rows as names, birth year and charges; ``get_many`` keeps the order."""
    fr, ru, fr2 = created(backend), created(backend, "RU"), created(backend)
    filters = [
        NoticeFilter(requesting_country="FR", limit=1),
        NoticeFilter(states=(State.SUBMITTED,), limit=0),
        NoticeFilter(states=(State.PUBLISHED,)),
    ]
    with backend.uow() as uow:
        many = uow.notices.find_many(filters)
        one_by_one = [uow.notices.find(f) for f in filters[:1] + filters[2:]]
        digests = uow.notices.digests(NoticeFilter(requesting_country="FR"))
        page = uow.notices.find(NoticeFilter(requesting_country="FR"))
        got = uow.notices.get_many([fr2.id, "2099/99999", ru.id, fr.id])
    assert [(p.total, [n.id for n in p.items]) for p in (many[0], many[2])] == [
        (p.total, [n.id for n in p.items]) for p in one_by_one
    ]
    assert many[0].total == 2 and len(many[0].items) == 1
    assert many[1].total == 3 and many[1].items == []
    assert [d.id for d in digests] == [n.id for n in page.items]
    s = fr.request.subject
    assert s.date_of_birth is not None
    mine = next(d for d in digests if d.id == fr.id)
    assert (mine.family_name, mine.given_names, mine.birth_year) == (
        s.family_name,
        s.given_names,
        s.date_of_birth.year,
    )
    assert mine.charges == tuple((c.offence, c.offence_original) for c in fr.request.judicial.charges)
    assert [n.id for n in got] == [fr2.id, ru.id, fr.id] and got[0].request == fr2.request


# -- audit ----------------------------------------------------------------------------------------------


def test_the_audit_log_is_one_chain(backend: Backend, clock: FakeClock) -> None:
    with backend.uow() as uow:
        start_seq, _ = uow.audit.head()
        one = uow.audit.append(FR, "test.one", "notice:x", {"a": 1}, clock())
        many = uow.audit.append_many(
            [
                AuditEntry(REV, "test.two", "notice:x", {}, clock()),
                AuditEntry("system", "test.three", "-", {}, clock()),
            ]
        )
        uow.commit()
    assert [e.seq for e in [one, *many]] == [start_seq + 1, start_seq + 2, start_seq + 3]
    assert many[0].prev_hash == one.hash and many[1].prev_hash == many[0].hash
    with backend.uow() as uow:
        events = list(uow.audit.events(start_seq))
        everything = list(uow.audit.events())
        assert uow.audit.head() == (start_seq + 3, many[1].hash)
    assert [e.action for e in events] == ["test.one", "test.two", "test.three"]
    assert events == [one, *many]
    head_seq, head_hash = start_seq + 3, many[1].hash
    assert verify_chain(everything, head_hash, head_seq).ok


# -- users ----------------------------------------------------------------------------------------------


def test_sign_in_attempts_are_counted_and_locks_hold(backend: Backend, clock: FakeClock) -> None:
    with backend.uow() as uow:
        uow.users.add(UserRecord("anna", Role.NCB_OFFICER, "FR", "hash", created_at=clock()))
        uow.commit()
    with backend.uow() as uow:
        assert [uow.users.count_attempt("anna", clock()) for _ in range(3)] == [1, 2, 3]
        assert uow.users.count_attempt("nobody", clock()) is None
        uow.users.lock("anna", clock() + timedelta(minutes=15))
        uow.commit()
    with backend.uow() as uow:
        assert uow.users.count_attempt("anna", clock()) is None  # locked
        assert (
            uow.users.count_attempt("anna", clock() + timedelta(minutes=16)) == 1
        )  # lock over, counted again
        uow.users.clear_failures("anna")
        uow.commit()
    with backend.uow() as uow:
        anna = uow.users.get("anna")
        assert anna is not None and (anna.failed_logins, anna.locked_until) == (0, None)
        assert [u.username for u in uow.users.all()] == ["anna"]


def test_tokens_sessions_and_resets(backend: Backend, clock: FakeClock) -> None:
    now = clock()
    with backend.uow() as uow:
        uow.users.add(UserRecord("anna", Role.NCB_OFFICER, "FR", "old", created_at=now, reset_hash="r1",
                                 reset_expires_at=now + timedelta(hours=1)))  # fmt: skip
        uow.users.add_token(
            TokenRecord("t1", "anna", "laptop", now, expires_at=now + timedelta(days=90), public_id="p1")
        )
        uow.users.add_token(
            TokenRecord("t2", "anna", "phone", now, expires_at=now + timedelta(days=90), public_id="p2")
        )
        uow.users.add_session(SessionRecord("s1", "anna", now, now + timedelta(hours=8), public_id="q1"))
        uow.users.add_session(SessionRecord("s2", "anna", now, now + timedelta(hours=8), public_id="q2"))
        uow.commit()
    with backend.uow() as uow:
        pair = uow.users.token_user("t1")
        assert pair is not None and (pair[0].label, pair[1].username) == ("laptop", "anna")
        assert uow.users.token_user("nope") is None
        assert uow.users.revoke_tokens("anna", now, public_id="p2") == 1
        assert uow.users.revoke_sessions("anna", now, session_hash="s1") == 1
        uow.commit()
    with backend.uow() as uow:
        t2, s1 = uow.users.get_token("t2"), uow.users.get_session("s1")
        assert t2 is not None and t2.revoked_at == now
        assert s1 is not None and s1.revoked_at == now
        assert sorted(t.public_id for t in uow.users.tokens_of("anna")) == ["p1", "p2"]
        assert uow.users.revoke_sessions("anna", now) == 1  # only s2 was still open
        found = uow.users.user_by_reset("r1")
        assert found is not None and found.username == "anna"
        assert uow.users.consume_reset("r1", "new", now)
        assert not uow.users.consume_reset("r1", "newer", now)  # once
        uow.commit()
    with backend.uow() as uow:
        anna = uow.users.get("anna")
        assert anna is not None and anna.password_hash == "new" and anna.reset_hash is None


# -- redress records ------------------------------------------------------------------------------------


def test_positions_flags_notifications_and_outcomes(backend: Backend, clock: FakeClock) -> None:
    n1, n2 = created(backend).id, created(backend, "RU").id
    now = clock()
    with backend.uow() as uow:
        r = uow.redress
        p = r.add_position(
            Position(
                0, n1, "DE", PositionKind.CONCERN, (PositionGround.ARTICLE_3,), "why", (), now, "ncb-de", True
            )
        )
        f1 = r.add_flag(ReviewFlag(0, n1, now, FlagSource.POSITION, str(p), "look again"))
        f2 = r.add_flag(ReviewFlag(0, n2, now, FlagSource.HARASSMENT, "hit:1", "look too"))
        r.add_notification(Notification(0, now, "FR", "hit.located", n1, "text"))
        r.add_outcome(n1, "restorable", "ccf", "case-1", now, "ccf", "first")
        r.add_outcome(n1, "ccf_non_compliant", "ccf", "case-2", now + timedelta(seconds=1), "ccf", "later")
        uow.commit()
    with backend.uow() as uow:
        r = uow.redress
        position = r.get_position(p)
        assert position is not None and (position.country, position.grounds, position.disclose) == (
            "DE",
            (PositionGround.ARTICLE_3,),
            True,
        )
        assert [x.id for x in r.positions([n1])] == [p] and r.positions([n2]) == []
        assert sorted(x.id for x in r.flags()) == sorted([f1, f2])
        assert [x.id for x in r.flags([n2])] == [f2]
        flag = r.get_flag(f1)
        assert flag is not None
        flag.resolved_at, flag.resolved_by, flag.resolution = now, "rev", "done"
        r.save_flag(flag)
        uow.commit()
    with backend.uow() as uow:
        r = uow.redress
        assert [x.id for x in r.flags(open_only=True)] == [f2]
        assert [(x.recipient, x.kind) for x in r.notifications(n1)] == [("FR", "hit.located")]
        assert r.notifications(n2) == []
        assert r.outcomes_for([n1, n2]) == {n1: "ccf_non_compliant"}
