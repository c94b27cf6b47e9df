"""Issue 18, item 2: the HTML lists page by cursor. Walking the review queue, the internal notice list and an
NCB's dashboard by their Next links shows every row once, in the list's order, with the filters kept in
every link; walking back by Previous shows the same pages; a total the store only estimated is said as
"about N", never as an exact number. On both stores (the store fixture)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from rednotice.adapters.db import counts
from rednotice.bootstrap import Store
from rednotice.domain.users import SYSTEM, Actor, Role
from rednotice.services import review
from rednotice.services.review import StoredCheck
from rednotice.services.users import AddUser, add_user
from rednotice.web.app import create_app
from tests.conftest import FakeClock
from tests.interface.test_pages import FR, PASSWORD, REVIEWER, make_notice, sign_in

DE = Actor("de.officer", Role.NCB_OFFICER, "DE")
REF = re.compile(r'href="/notices/(\d{4}-\d+)" class="ref"')
NEXT = re.compile(r'<a [^>]*href="([^"]+)" rel="next"')
PREV = re.compile(r'<a [^>]*href="([^"]+)" rel="prev"')
COUNT = re.compile(r'<p class="result-count" role="status">([^<]*)</p>')
SECTIONS = ("01", "07")


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    for actor in (FR, DE, REVIEWER):
        add_user(AddUser(actor.username, actor.role, PASSWORD, actor.country), SYSTEM, store.uow())
    with TestClient(create_app(store), base_url="https://testserver") as c:
        yield c


def refs(page: str) -> list[str]:
    return [r.replace("-", "/") for r in REF.findall(page)]


def walk(client: TestClient, url: str) -> tuple[list[list[str]], list[str], list[str]]:
    """Follow Next links from ``url``: the rows of each page, the pages' addresses and texts."""
    pages, urls, texts = [], [url], []
    for _ in range(20):
        r = client.get(urls[-1])
        assert r.status_code == 200, r.text[:500]
        texts.append(r.text)
        pages.append(refs(r.text))
        found = NEXT.search(r.text)
        if found is None:
            return pages, urls, texts
        urls.append(html.unescape(found.group(1)))
    raise AssertionError("more pages than the list holds")


def walk_back(client: TestClient, url: str) -> list[list[str]]:
    """Follow Previous links from ``url`` (the last page): the rows of each page, last page first."""
    pages = []
    for _ in range(20):
        r = client.get(url)
        assert r.status_code == 200
        pages.append(refs(r.text))
        found = PREV.search(r.text)
        if found is None:
            return pages
        url = html.unescape(found.group(1))
    raise AssertionError("more pages than the list holds")


def params(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def waiting(store: Store, clock: FakeClock, n: int, name: str, actor: Actor = FR) -> list[str]:
    """``n`` requests waiting for review. Several share a submission time (the fake clock moves every
    third one) and each gets a stored check with one of three risks and an ICCS section, so the queue's
    order has ties at every level (risk, time) and the cursor must break them by id."""
    ids = []
    for i in range(n):
        if i % 3 == 0:
            clock.advance(minutes=5)
        notice = make_notice(store, actor, subject__family_name=f"{name}{i:02d}")
        with store.uow() as uow:
            charges = [{"iccs": {"section": SECTIONS[i % 2]}}]
            check = StoredCheck(
                notice.id, notice.version, clock(), "review", (i % 3) * 10, {"analysis": {"charges": charges}}
            )
            uow.reviews.add_check(check)
            uow.commit()
        ids.append(notice.id)
    return ids


def queue_order(store: Store, flt: review.QueueFilter) -> list[str]:
    page = review.queue_page(flt, REVIEWER, store.uow(), 500, 0)
    return [n.id for n, _ in page.items]


def test_the_review_queue_walks_by_next_and_previous_links(
    client: TestClient, store: Store, clock: FakeClock
) -> None:
    ids = waiting(store, clock, 45, "WALKER")
    make_notice(store, subject__family_name="OTHERNAME")  # waits too, but the filter leaves it out
    sign_in(client, REVIEWER.username)

    pages, urls, texts = walk(client, "/review?q=walker")
    assert [len(p) for p in pages] == [20, 20, 5]
    seen = [ref for page in pages for ref in page]
    assert len(seen) == len(set(seen)) == 45 and set(seen) == set(ids)
    assert seen == queue_order(store, review.QueueFilter(text="walker"))  # riskiest, oldest, then id
    for url in urls[1:]:
        assert params(url)["q"] == ["walker"] and "after" in params(url)
    assert "Page 1 of 3" in texts[0] and "Page 2 of 3" in texts[1] and "Page 3 of 3" in texts[2]
    assert "45 requests match the filters." in COUNT.findall(texts[2])[0]
    assert PREV.search(texts[0]) is None

    back = walk_back(client, urls[-1])
    assert back == pages[::-1]

    # Two filters at once (section and lowest risk): kept in every link, every match once.
    pages, urls, _ = walk(client, "/review?iccs=07&risk=10")
    seen = [ref for page in pages for ref in page]
    expected = queue_order(store, review.QueueFilter(iccs_section="07", min_risk=10))
    assert seen == expected and len(expected) == 15
    assert all(params(u)["iccs"] == ["07"] and params(u)["risk"] == ["10"] for u in urls[1:])


def test_an_unreadable_cursor_is_said_and_the_first_page_shown(
    client: TestClient, store: Store, clock: FakeClock
) -> None:
    ids = waiting(store, clock, 3, "BROKEN")
    sign_in(client, REVIEWER.username)
    r = client.get("/review", params={"after": "bm90IGEgY3Vyc29y", "page": "4"})
    assert r.status_code == 422
    assert "could not be read; here is the first page" in r.text
    assert sorted(refs(r.text)) == sorted(ids)
    r = client.get("/notices", params={"after": "x"})
    assert r.status_code == 422 and "could not be read" in r.text


def test_the_notice_list_walks_by_cursor_with_its_filters(client: TestClient, store: Store) -> None:
    ids = [make_notice(store, subject__family_name=f"LISTER{i:02d}").id for i in range(42)]
    make_notice(store, DE, subject__family_name="LISTERDE", requesting_country="DE")
    sign_in(client, REVIEWER.username)

    pages, urls, texts = walk(client, "/notices?name=lister&requesting_country=FR")
    assert [len(p) for p in pages] == [20, 20, 2]
    seen = [ref for page in pages for ref in page]
    assert len(seen) == len(set(seen)) == 42 and set(seen) == set(ids)
    for url in urls[1:]:
        assert params(url)["name"] == ["lister"] and params(url)["requesting_country"] == ["FR"]
    assert "42 notices found." in COUNT.findall(texts[0])[0] and "Page 3 of 3" in texts[2]
    assert walk_back(client, urls[-1]) == pages[::-1]


def test_the_ncb_dashboard_walks_its_own_requests(client: TestClient, store: Store) -> None:
    ids = [make_notice(store, subject__family_name=f"DASHER{i:02d}").id for i in range(41)]
    make_notice(store, DE, subject__family_name="DASHERDE", requesting_country="DE")
    sign_in(client, FR.username)
    pages, urls, _ = walk(client, "/")
    own = [[r for r in page if r in set(ids)] for page in pages]
    assert [len(p) for p in own] == [20, 20, 1]
    assert sorted(r for page in own for r in page) == sorted(ids)
    assert all(u.endswith("#own-title") for u in urls[1:])


@pytest.fixture
def small_bound(monkeypatch: pytest.MonkeyPatch) -> int:
    """Counts exact only up to 5 matches (the stores' bound is 1,000): beyond, PostgreSQL estimates."""
    monkeypatch.setattr(counts, "EXACT_UP_TO", 5)
    return 5


def estimated(store: Store) -> bool:
    return store.engine.dialect.name == "postgresql"


def test_a_bounded_total_is_said_as_about(
    client: TestClient, store: Store, clock: FakeClock, small_bound: int
) -> None:
    ids = waiting(store, clock, 24, "ABOUT")
    sign_in(client, REVIEWER.username)
    pages, _, texts = walk(client, "/review?q=about")
    seen = [ref for page in pages for ref in page]
    assert sorted(seen) == sorted(ids) and len(seen) == len(set(seen))  # the walk does not need the total
    said = COUNT.findall(texts[0])[0]
    if estimated(store):  # PostgreSQL estimates beyond the bound and the page says so
        assert said.startswith("About ") and "(an estimate)" in said
        assert (
            re.search(r"<span>Page 1</span>", texts[0])
            and " of " not in re.findall(r"<span>(Page[^<]*)</span>", texts[0])[0]
        )
        assert "Page 2<" in texts[1]
    else:  # SQLite counts exactly once per change of the store: the exact number, with its pages
        assert said == "24 requests match the filters." and "Page 1 of 2" in texts[0]

    r = client.get("/notices", params={"name": "about"})
    said = COUNT.findall(r.text)[0]
    assert said.startswith("About ") if estimated(store) else said == "24 notices found."

    sign_in(client, FR.username)
    dash = client.get("/").text
    count = re.search(r'<h2 id="own-title">[^<]*<span class="count">([^<]*)</span>', dash)
    assert count is not None
    assert count.group(1).startswith("about ") if estimated(store) else count.group(1) == "24"


def test_a_later_page_costs_no_offset(client: TestClient, store: Store, clock: FakeClock) -> None:
    """The Next link carries the last row's position, not a row count to skip: the store is asked for the
    page after that row (offset 0), which is what keeps a deep page as cheap as the first."""
    waiting(store, clock, 22, "KEYSET")
    sign_in(client, REVIEWER.username)
    calls: list[tuple[int, str | None]] = []
    original: Callable[..., review.QueuePage] = review.queue_page

    def spy(*args: object, **kwargs: object) -> review.QueuePage:
        page = original(*args, **kwargs)
        calls.append((page.offset, args[5] if len(args) > 5 else None))  # type: ignore[arg-type]
        return page

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(review, "queue_page", spy)
        walk(client, "/review?q=keyset")
    assert [offset for offset, _ in calls] == [0, 0]
    assert calls[0][1] is None and isinstance(calls[1][1], str)
