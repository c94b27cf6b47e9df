"""Issue 18, item 2: an NCB's dashboard costs a few statements, not a transaction per list. Its page of the
bureau's requests, the two "waiting for your bureau" counts and the notices in force it sees are read in one
transaction, their bounded counts in one statement and their searches audited together: 32 statements a
page on PostgreSQL before (7 a list: planner settings on and off, count, page, three for the audit event),
about 10 now. On both stores (the store fixture); every statement the engine runs is counted."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event

from rednotice.bootstrap import Store
from rednotice.domain.users import SYSTEM
from rednotice.services.users import AddUser, add_user
from rednotice.web.app import create_app
from tests.interface.test_pages import FR, PASSWORD, make_notice, sign_in

NEXT = re.compile(r'<a [^>]*href="([^"]+)" rel="next"')
MOST = 12
"""Statements one dashboard page may run, sign-in check and audit included (10 on PostgreSQL, 9 on SQLite
with its BEGINs; 27-30 before, and more with estimates)."""


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    add_user(AddUser(FR.username, FR.role, PASSWORD, FR.country), SYSTEM, store.uow())
    with TestClient(create_app(store), base_url="https://testserver") as c:
        yield c


def statements(store: Store, client: TestClient, url: str) -> tuple[list[str], str]:
    ran: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        ran.append(statement)

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        r = client.get(url)
    finally:
        event.remove(store.engine, "before_cursor_execute", count)
    assert r.status_code == 200, r.text[:300]
    return ran, r.text


def test_an_ncb_dashboard_page_runs_a_few_statements(client: TestClient, store: Store) -> None:
    for i in range(23):
        make_notice(store, subject__family_name=f"COUNTED{i:02d}")
    for i in range(3):
        make_notice(store, send=False, subject__family_name=f"DRAFTED{i:02d}")
    sign_in(client, FR.username)
    client.get("/")  # warm: the session's first use may be written
    first, page = statements(store, client, "/")
    found = NEXT.search(page)
    assert found is not None
    later, page2 = statements(store, client, html.unescape(found.group(1)))
    for ran in (first, later):
        assert len(ran) <= MOST, "\n".join(ran)
        counts = [s for s in ran if "count(" in s.lower()]
        assert len(counts) == 1, counts  # the page's four counts in one statement
        assert sum(1 for s in ran if s.lstrip().upper().startswith("INSERT INTO AUDIT_EVENTS")) == 1
    # what the page says is what four separate searches said: 26 own requests, 3 drafts waiting
    assert re.search(r'<h2 id="own-title">[^<]*<span class="count">26</span>', page)
    waiting = re.findall(r'<span class="stat-num">([^<]*)</span>', page)
    assert waiting == ["3", "0"]  # drafts, more information requested
    assert "DRAFTED" in page + page2 and "COUNTED" in page2


def test_every_list_of_the_dashboard_is_still_audited(client: TestClient, store: Store) -> None:
    make_notice(store)
    sign_in(client, FR.username)
    with store.uow() as uow:
        before = sum(1 for e in uow.audit.events() if e.action == "notice.search")
    assert client.get("/").status_code == 200
    with store.uow() as uow:
        searches = [e for e in uow.audit.events() if e.action == "notice.search"]
    assert len(searches) == before + 4
    last = [e.data for e in searches[-4:]]
    assert [d["states"] for d in last] == [[], ["draft"], ["more_information_requested"], last[3]["states"]]
    assert [d["total"] for d in last[:3]] == [1, 0, 0]
    assert {e.actor for e in searches[-4:]} == {str(FR)}
