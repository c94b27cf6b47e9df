"""Issue 16, item 9: the review queue filters by state, country, risk, age and ICCS section, finds by name or
reference, and pages; a filter it cannot read is said, not silently dropped."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from rednotice.bootstrap import Store
from rednotice.domain.lifecycle import Action
from rednotice.domain.users import SYSTEM, Actor, Role
from rednotice.services import notices as ns
from rednotice.services import review
from rednotice.services.users import AddUser, add_user
from rednotice.web.app import create_app
from tests.conftest import FakeClock
from tests.interface.test_pages import FR, PASSWORD, REVIEWER, make_notice, sign_in

DE = Actor("de.officer", Role.NCB_OFFICER, "DE")
REF = re.compile(r'href="/notices/(\d{4}-\d+)" class="ref"')


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    for actor in (FR, DE, REVIEWER):
        add_user(AddUser(actor.username, actor.role, PASSWORD, actor.country), SYSTEM, store.uow())
    with TestClient(create_app(store), base_url="https://testserver") as c:
        yield c


def refs(html: str) -> list[str]:
    return [r.replace("-", "/") for r in REF.findall(html)]


def test_filters_search_and_paging(client: TestClient, store: Store, clock: FakeClock) -> None:
    old = make_notice(store, subject__family_name="ALTMAN")  # murder: ICCS section 01
    clock.advance(days=40)
    fraud = make_notice(
        store,
        actor=DE,
        requesting_country="DE",
        subject__family_name="BREUER",
        subject__names_original_script=["Бройер"],
        judicial__charges=[{"offence": "Fraud", "law": "StGB 263", "max_penalty_years": 10}],
    )
    ns.transition(ns.Transition(fraud.id, Action.START_REVIEW), REVIEWER, store.uow())
    sign_in(client, "gs.reviewer")

    def queue(**params: str) -> str:
        page = client.get("/review", params=params)
        assert page.status_code == 200, page.text
        text: str = page.text
        return text

    assert set(refs(queue())) == {old.id, fraud.id}
    assert refs(queue(country="DE")) == [fraud.id]
    assert refs(queue(state="submitted")) == [old.id]
    assert refs(queue(state="under_review")) == [fraud.id]
    assert refs(queue(age="30")) == [old.id]
    assert refs(queue(iccs="01")) == [old.id]
    assert refs(queue(iccs="07")) == [fraud.id]
    assert refs(queue(q="breuer")) == [fraud.id]
    assert refs(queue(q="Бройер")) == [fraud.id]
    assert refs(queue(q=old.id.replace("/", "-"))) == [old.id]
    assert "No request in the queue matches" in queue(q="nobody")
    risky = {n.id for n, c in review.queue(REVIEWER, store.uow()) if c and c.risk >= 10}
    assert set(refs(queue(risk="10"))) == risky

    bad = client.get("/review", params={"risk": "abc", "iccs": "99", "country": "ZZZ"})
    assert bad.status_code == 422
    assert "The lowest risk is a whole number" in bad.text and "Choose an ICCS section" in bad.text
    assert "two-letter code" in bad.text


def test_the_queue_pages(client: TestClient, store: Store) -> None:
    ids = [make_notice(store, subject__family_name=f"PAGER{i:02d}").id for i in range(23)]
    sign_in(client, "gs.reviewer")
    first = refs(client.get("/review", params={"q": "pager"}).text)
    second = refs(client.get("/review", params={"q": "pager", "page": "2"}).text)
    assert len(first) == 20 and len(second) == 3
    assert sorted(first + second) == sorted(ids)
    page = client.get("/review", params={"q": "pager", "page": "2"}).text
    assert "23 requests match the filters" in page


def test_only_reviewers_search_the_queue(store: Store) -> None:
    with pytest.raises(Exception, match="reviewer"):
        review.queue_search(review.QueueFilter(), FR, store.uow())


def test_the_ncb_dashboard_pages_its_requests(client: TestClient, store: Store) -> None:
    ids = [make_notice(store, subject__family_name=f"DASH{i:02d}").id for i in range(23)]
    make_notice(store, send=False, subject__family_name="DRAFTY")
    sign_in(client, "fr.officer")
    first = client.get("/").text
    second = client.get("/", params={"page": "2"}).text
    on_first, on_second = refs(first), refs(second)
    assert len(on_first) == 20 and len(on_second) == 4  # 23 sent + 1 draft, 20 a page
    assert set(ids) <= set(on_first + on_second)
    assert 'rel="next"' in first and "Page 1 of 2" in first  # the link by cursor: test_list_pages_cursor.py
    assert re.search(r'<span class="stat-num">1</span> <span class="badge state-draft">', first)
