"""Issue 16, item 8: what the CCF's decision does to a consultation still open and to a precautionary
block, so that no page contradicts the decision."""

from __future__ import annotations

from datetime import timedelta

import pytest

from rednotice.adapters.memory import MemoryData, MemoryUnitOfWork
from rednotice.domain.errors import RuleViolation
from rednotice.domain.lifecycle import State
from rednotice.domain.redress import Outcome
from rednotice.services import redress as rs
from tests.conftest import FakeClock
from tests.unit.test_redress import CCF, FR, filing, published

REASONS = "The data complies: concrete facts of an ordinary crime."


@pytest.fixture
def uow(clock: FakeClock) -> MemoryUnitOfWork:
    return MemoryUnitOfWork(MemoryData(), clock)


def open_case(uow: MemoryUnitOfWork, clock: FakeClock, block: bool = True) -> tuple[str, str]:
    nid = published(uow)
    case, code = rs.file_case(filing(notice_id=nid), uow)
    rs.assess_case(case.id, CCF, uow)
    if block:
        rs.block(case.id, "Pending the Commission's decision.", CCF, uow)
    rs.consult(case.id, nid, "Send the arrest warrant, please.", clock() + timedelta(days=30), CCF, uow)
    return case.id, code


def test_a_decision_supersedes_an_open_consultation_it_does_not_lapse(
    uow: MemoryUnitOfWork, clock: FakeClock
) -> None:
    case_id, _ = open_case(uow, clock)
    case = rs.decide(case_id, Outcome.COMPLIANT, REASONS, CCF, uow)
    [c] = case.consultations
    assert c.status == "superseded" and c.lapsed_at is None and not c.open
    assert any(e.action == "consultation_superseded" for e in case.events)
    view = rs.case_view(case, clock())
    assert view["consultations"][0]["lapsed"] is False
    assert all(not d["name"].startswith("consultation") for d in view["deadlines"])
    # the consulted NCB is told it need not answer, and cannot any more
    with uow:
        notes = [n for n in uow.redress.notifications() if n.kind == "ccf.consultation_closed"]
    assert [n.recipient for n in notes] == ["FR"]
    with pytest.raises(RuleViolation):
        rs.answer_consultation(case_id, 1, "Here is the warrant.", FR, uow)
    # long after the deadline, the sweep deletes nothing: the data stays, as decided
    clock.advance(days=60)
    assert rs.sweep_consultations(uow) == []
    with uow:
        assert uow.notices.get(case.notice_ids[0]).state is State.PUBLISHED  # type: ignore[union-attr]


def test_the_applicant_no_longer_reads_that_the_data_is_blocked_once_decided(
    uow: MemoryUnitOfWork, clock: FakeClock
) -> None:
    case_id, code = open_case(uow, clock)
    assert rs.my_case(code, uow)["precautionary_block"] is True
    rs.decide(case_id, Outcome.COMPLIANT, REASONS, CCF, uow)
    assert rs.my_case(code, uow)["precautionary_block"] is False
    rs.inform_applicant(case_id, CCF, uow)
    assert rs.my_case(code, uow)["precautionary_block"] is False
