"""Issue 16, item 8, on both stores: a consultation closed by the decision is stored as superseded (not
lapsed), and a case stored before the fix reads back the same way."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from rednotice.adapters.db import tables_redress as t
from rednotice.bootstrap import Store
from rednotice.domain.redress import Outcome
from rednotice.services import redress as rs
from tests.conftest import FakeClock
from tests.store.test_redress import CCF, published
from tests.unit.test_redress import filing

REASONS = "The data complies: concrete facts of an ordinary crime."


def decided_case(store: Store, clock: FakeClock) -> str:
    nid = published(store)
    case, _ = rs.file_case(filing(notice_id=nid), store.uow())
    rs.assess_case(case.id, CCF, store.uow())
    rs.consult(
        case.id, nid, "Send the arrest warrant, please.", clock() + timedelta(days=30), CCF, store.uow()
    )
    rs.decide(case.id, Outcome.COMPLIANT, REASONS, CCF, store.uow())
    return case.id


def test_a_superseded_consultation_is_stored_as_such(store: Store, clock: FakeClock) -> None:
    case_id = decided_case(store, clock)
    with store.uow() as uow:
        case = uow.redress.get_case(case_id)
    assert case is not None
    [c] = case.consultations
    assert c.status == "superseded" and c.superseded_at == case.decided_at and c.lapsed_at is None


def test_a_case_decided_before_the_fix_reads_back_superseded(store: Store, clock: FakeClock) -> None:
    case_id = decided_case(store, clock)
    with store.engine.begin() as conn:  # as the old code stored it: lapsed at the moment of the decision
        payload = conn.execute(select(t.ccf_cases.c.payload).where(t.ccf_cases.c.id == case_id)).scalar_one()
        payload = dict(payload)
        consultation = dict(payload["consultations"][0])
        consultation["lapsed_at"] = consultation.pop("superseded_at")
        payload["consultations"] = [consultation]
        payload["events"] = [e for e in payload["events"] if e["action"] != "consultation_superseded"]
        conn.execute(update(t.ccf_cases).where(t.ccf_cases.c.id == case_id).values(payload=payload))
    with store.uow() as uow:
        case = uow.redress.get_case(case_id)
    assert case is not None and case.consultations[0].status == "superseded"
