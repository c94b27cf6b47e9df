from dataclasses import replace
from datetime import UTC, datetime

from rednotice.domain.audit import GENESIS, AuditEvent, seal, verify_chain


def chain(n: int) -> list[AuditEvent]:
    events, prev = [], GENESIS
    for i in range(1, n + 1):
        e = seal(i, datetime(2026, 1, 1, tzinfo=UTC), "alice", "notice.create", f"notice:{i}", {"i": i}, prev)
        events.append(e)
        prev = e.hash
    return events


def test_intact_chain_verifies() -> None:
    events = chain(5)
    report = verify_chain(events, events[-1].hash, 5)
    assert report.ok and report.checked == 5


def test_edited_event_is_detected() -> None:
    events = chain(5)
    events[2] = replace(events[2], data={"i": 999})
    report = verify_chain(events, events[-1].hash, 5)
    assert not report.ok and any("event 3 was altered" in p for p in report.problems)


def test_deleted_event_is_detected() -> None:
    events = chain(5)
    del events[1]
    report = verify_chain(events, events[-1].hash, 5)
    assert not report.ok and any("missing" in p for p in report.problems)


def test_truncated_tail_is_detected_by_the_head() -> None:
    events = chain(5)
    report = verify_chain(events[:3], events[-1].hash, 5)
    assert not report.ok


def test_rehashed_forgery_still_breaks_the_link_to_the_next() -> None:
    events = chain(4)
    e = events[1]
    events[1] = seal(e.seq, e.at, "mallory", e.action, e.subject, e.data, e.prev_hash)
    report = verify_chain(events, events[-1].hash, 4)
    assert not report.ok and any("event 3 does not follow" in p for p in report.problems)
