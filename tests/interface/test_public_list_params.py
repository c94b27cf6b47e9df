"""Issue 16, item 12: a public search the page cannot read says so in words (the page answers 200 with the
message and no results), never silently ignores a criterion and shows notices the reader did not ask for."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from rednotice.bootstrap import Store
from rednotice.web.app import create_app
from tests.interface.test_pages import make_notice, publish


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(store), base_url="https://testserver") as c:
        yield c


@pytest.mark.parametrize(
    ("params", "said"),
    [
        ({"age_min": "abc"}, "Age from is a whole number"),
        ({"age_max": "500"}, "Age to is a whole number"),
        ({"age_min": "50", "age_max": "20"}, "is greater than"),
        ({"nationality": "ZZZZ"}, "is not a country code"),
        ({"nationality": "ZZ"}, "is not a country code"),
        ({"sex": "X"}, "Choose the sex"),
    ],
)
def test_unreadable_criteria_are_said(
    client: TestClient, store: Store, params: dict[str, str], said: str
) -> None:
    notice = publish(store, make_notice(store, visibility__public_extract=True))
    page = client.get("/public/notices", params=params)
    assert page.status_code == 200
    assert said in page.text and "This search could not be made" in page.text
    assert notice.id.replace("/", "-") not in page.text  # no result shown for a search not made


def test_readable_criteria_still_search(client: TestClient, store: Store) -> None:
    notice = publish(store, make_notice(store, visibility__public_extract=True))
    page = client.get("/public/notices", params={"nationality": "fr", "age_min": "20", "age_max": "90"})
    assert page.status_code == 200 and notice.id.replace("/", "-") in page.text
