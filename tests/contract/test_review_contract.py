"""The reviews repository's contract (``ports.ReviewRepository``, ``uow.reviews``), on the fakes and on SQL:
compliance checks (the latest one wins), review records (append-only, in order), the reviewer's queue
(riskiest then oldest, filtered, paged by offset and by cursor), decisions by country, relations, recorded
political events and identity candidates. The queue is what docs/architecture.md points a newcomer to
(issue 17): the fake the use-case tests trust must answer as the database does."""

from __future__ import annotations

from datetime import date
from typing import Any

from rednotice.domain.lifecycle import Action, Notice, State
from rednotice.domain.model import Relation, RelationKind
from rednotice.domain.users import Actor, Role
from rednotice.services import notices as ns
from rednotice.services.review import QueueFilter, RecordKind, ReviewRecord, StoredCheck
from tests.conftest import FakeClock
from tests.contract.conftest import Backend
from tests.factories import make_request

REV = Actor("rev", Role.REVIEWER)


def created(backend: Backend, country: str = "FR", **overrides: Any) -> Notice:
    """A request sent by an officer of ``country`` (submitted)."""
    officer = Actor(f"ncb-{country.lower()}", Role.NCB_OFFICER, country)
    request = make_request(requesting_country=country, **overrides)
    return ns.create_request(ns.CreateRequest(request), officer, backend.uow())


def checked(backend: Backend, clock: FakeClock, notice: Notice, risk: int, *sections: str) -> StoredCheck:
    result = {
        "findings": [],
        "analysis": {"charges": [{"offence": "x", "iccs": {"section": s}} for s in sections]},
    }
    check = StoredCheck(notice.id, notice.version, clock(), "review" if risk else "pass", risk, result)
    with backend.uow() as uow:
        uow.reviews.add_check(check)
        uow.commit()
    return check


def record(notice: Notice, kind: RecordKind, at: Any, text: str, **data: Any) -> ReviewRecord:
    return ReviewRecord(notice.id, kind, None, REV.username, Role.REVIEWER, at, text, dict(data))


def test_the_latest_check_is_the_last_added_and_records_keep_their_order(
    backend: Backend, clock: FakeClock
) -> None:
    n, other = created(backend), created(backend, "DE")
    checked(backend, clock, n, 100, "03")
    clock.advance(minutes=1)
    last = checked(backend, clock, n, 1)
    with backend.uow() as uow:
        sent = uow.reviews.records(n.id)  # the version sent, recorded on submission
        assert [r.kind for r in sent] == [RecordKind.SUBMISSION]
        assert uow.reviews.latest_check(n.id) == last
        assert uow.reviews.latest_check("2099/99999") is None
        first = record(n, RecordKind.RESOLUTION, clock(), "resolved", finding="RN-09")
        second = record(n, RecordKind.DECISION, clock(), "publish", decision="publish")
        uow.reviews.add_record(first)
        uow.reviews.add_record(second)
        uow.commit()
    with backend.uow() as uow:
        assert uow.reviews.records(n.id) == [*sent, first, second]
        assert [r.kind for r in uow.reviews.records(other.id)] == [RecordKind.SUBMISSION]
        assert uow.reviews.records("2099/99999") == []


def test_the_queue_is_riskiest_then_oldest_filtered_and_paged(backend: Backend, clock: FakeClock) -> None:
    a = created(backend, "FR", **{"subject.family_name": "QUEUEDALPHA"})
    clock.advance(minutes=1)
    b = created(backend, "DE", **{"subject.family_name": "QUEUEDBRAVO"})
    clock.advance(minutes=1)
    c = created(backend, "FR", **{"subject.family_name": "QUEUEDCHARLIE"})
    checked(backend, clock, a, 1)
    checked(backend, clock, b, 100, "03")
    checked(backend, clock, c, 1, "07")
    with backend.uow() as uow:
        started = uow.notices.get(c.id)
        assert started is not None
        uow.notices.save(started, c.version, [started.apply(Action.START_REVIEW, REV, clock())])
        uow.commit()

    def ids(flt: QueueFilter = QueueFilter(), limit: int = 10, **cursor: str | None) -> list[str]:
        with backend.uow() as uow:
            page = uow.reviews.queue_page(flt, None, limit, 0, **cursor)
        return [n.id for n, _ in page.items]

    assert ids() == [b.id, a.id, c.id]
    with backend.uow() as uow:
        whole = uow.reviews.queue_page(QueueFilter(), None, 10, 0)
        assert whole.total == 3 and whole.next_after is None and whole.prev_before is None
        assert [(n.id, check.risk if check else None) for n, check in whole.items] == [
            (b.id, 100),
            (a.id, 1),
            (c.id, 1),
        ]
        assert [n.id for n, _ in uow.reviews.queue(2, 1)] == [a.id, c.id]
    assert ids(QueueFilter(country="FR")) == [a.id, c.id]
    assert ids(QueueFilter(min_risk=50)) == [b.id]
    assert ids(QueueFilter(states=(State.UNDER_REVIEW,))) == [c.id]
    assert ids(QueueFilter(iccs_section="07")) == [c.id]
    assert ids(QueueFilter(text=a.id)) == [a.id]
    assert ids(QueueFilter(text="queuedbravo")) == [b.id]

    with backend.uow() as uow:
        first = uow.reviews.queue_page(QueueFilter(), None, 2, 0)
        assert [n.id for n, _ in first.items] == [b.id, a.id] and first.next_after is not None
        assert first.total == 3
        second = uow.reviews.queue_page(QueueFilter(), None, 2, 0, after=first.next_after)
        assert [n.id for n, _ in second.items] == [c.id]
        assert second.next_after is None and second.prev_before is not None
        back = uow.reviews.queue_page(QueueFilter(), None, 2, 0, before=second.prev_before)
        assert [n.id for n, _ in back.items] == [b.id, a.id]


def test_decisions_relations_events_and_identity_candidates(backend: Backend, clock: FakeClock) -> None:
    fr1 = created(
        backend, "FR", **{"subject.family_name": "IDENTITYONE", "subject.date_of_birth": "1980-02-03"}
    )
    fr2 = created(backend, "FR")
    de = created(backend, "DE")
    related = created(
        backend, "FR", **{"subject.relations": [{"notice_id": fr1.id, "relation": RelationKind.SPOUSE.value}]}
    )
    assert related.request.subject.relations == (Relation(fr1.id, RelationKind.SPOUSE),)
    with backend.uow() as uow:
        assert uow.reviews.decisions_by_country("FR") == (0, 0)
        uow.reviews.add_record(record(fr1, RecordKind.DECISION, clock(), "publish", decision="publish"))
        uow.reviews.add_record(record(fr2, RecordKind.DECISION, clock(), "refuse", decision="refuse"))
        uow.reviews.add_record(
            record(fr2, RecordKind.DECISION, clock(), "asked", decision="request_information")
        )
        uow.reviews.add_record(record(de, RecordKind.DECISION, clock(), "purge", decision="purge"))
        uow.reviews.add_record(record(fr1, RecordKind.RESOLUTION, clock(), "r", decision="refuse"))
        uow.reviews.add_political_event("FR", "election", date(2025, 6, 1), "later", "rev", clock())
        uow.reviews.add_political_event("FR", "protest", date(2025, 5, 1), "earlier", "rev", clock())
        uow.reviews.add_political_event("DE", "coup", date(2025, 1, 1), "elsewhere", "rev", clock())
        uow.commit()
    with backend.uow() as uow:
        assert uow.reviews.decisions_by_country("FR") == (2, 1)
        assert uow.reviews.decisions_by_country("DE") == (1, 1)
        assert uow.reviews.relation_count(fr1.id) == 1
        assert uow.reviews.relation_count(fr1.id, exclude_id=related.id) == 0
        assert uow.reviews.relation_count(fr2.id) == 0
        assert uow.reviews.political_events("FR") == [  # by date (not by kind)
            ("protest", date(2025, 5, 1), "earlier"),
            ("election", date(2025, 6, 1), "later"),
        ]
        assert uow.reviews.political_events("ES") == []
        subject = fr1.request.subject
        found = uow.reviews.identity_candidates(subject, (State.SUBMITTED,))
        assert fr1.id in [n.id for n in found] and de.id not in [n.id for n in found]
        assert uow.reviews.identity_candidates(subject, (State.PUBLISHED,)) == []
