"""Issue 16, item 8, on the pages: after a decision, no page says a consultation lapsed or the data is
blocked; before it, the CCF reads what deciding does to an open consultation."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from rednotice.bootstrap import Store
from rednotice.domain.redress import Outcome
from rednotice.domain.users import SYSTEM
from rednotice.services import redress as rs
from rednotice.services.users import AddUser, add_user
from tests.interface.test_pages import PASSWORD, make_notice, publish
from tests.interface.test_redress_pages import APPLICATION, CASE_ID, CCF, CODE, _app, post, sign_in


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    add_user(AddUser(CCF.username, CCF.role, PASSWORD, CCF.country), SYSTEM, store.uow())
    with TestClient(_app(store), base_url="https://testserver") as c:
        yield c


REASONS = "The data complies: concrete facts of an ordinary crime."


def test_a_decision_over_an_open_consultation_reads_consistently(client: TestClient, store: Store) -> None:
    notice = publish(store, make_notice(store))
    filed = post(client, "/ccf/apply", APPLICATION)
    m_case, m_code = CASE_ID.search(filed.text), CODE.search(filed.text)
    assert m_case and m_code
    case_id, code = m_case.group(0), m_code.group(0)
    rs.assess_case(case_id, CCF, store.uow())
    rs.block(case_id, "Pending the Commission's decision.", CCF, store.uow())
    due = store.clock() + timedelta(days=30)
    rs.consult(case_id, notice.id, "Send the arrest warrant, please.", due, CCF, store.uow())

    mine = post(client, "/ccf/my-case", {"access_code": code}).text
    assert "blocked while the CCF decides" in mine

    sign_in(client, CCF)
    page = client.get(f"/ccf/cases/{case_id}").text
    assert "Waiting for the answer" in page
    assert 'id="open-consultations"' in page and "superseded by the decision" in page
    assert "Blocked as a precaution" in page

    rs.decide(case_id, Outcome.COMPLIANT, REASONS, CCF, store.uow())
    page = client.get(f"/ccf/cases/{case_id}").text
    assert "Closed unanswered: superseded by the decision" in page
    assert "Lapsed" not in page and "data deleted" not in page
    assert "Blocked as a precaution" not in page and "Block ended with the decision" in page

    client.cookies.clear()
    mine = post(client, "/ccf/my-case", {"access_code": code}).text
    assert "blocked while the CCF decides" not in mine
    assert "complies with INTERPOL&#39;s rules and stays" in mine or "complies with INTERPOL's rules" in mine
