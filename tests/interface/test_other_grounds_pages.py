"""Issue 16, item 13: the oversight dashboard and a country's report show 'other' refusals by reason; the
reviewer's form offers the grounds reviewers use and asks for the 'other' ground in words."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from rednotice.bootstrap import Store
from rednotice.web import oversight
from rednotice.web.app import create_app
from tests.conftest import FakeClock
from tests.interface.test_oversight import sign_in
from tests.store.test_other_grounds_figures import refuse_other


@pytest.fixture
def app_client(store: Store, users: dict[str, str], clock: FakeClock) -> Iterator[TestClient]:
    clock.now = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
    refuse_other(store, "ALPHA", "Civil contempt order")
    refuse_other(store, "BRAVO", "Civil contempt order")
    clock.now = datetime(2025, 6, 15, 9, 0, tzinfo=UTC)
    app = create_app(store)
    app.include_router(oversight.router)
    with TestClient(app, base_url="https://testserver") as c:
        yield c


def test_oversight_pages_show_other_grounds_by_reason(app_client: TestClient) -> None:
    sign_in(app_client, "oversight")
    for path in (
        "/oversight?from=2025-01-01&to=2025-12-31",
        "/oversight/countries/RU?from=2025-01-01&to=2025-12-31",
    ):
        page = app_client.get(path)
        assert page.status_code == 200, page.text
        assert "Other grounds, by the reason given" in page.text
        assert "Civil contempt order" in page.text
    # in public, a reason given twice is not shown by its text
    public = app_client.get("/transparency/countries/RU")
    assert public.status_code == 200 and "Civil contempt order" not in public.text


def test_the_form_offers_the_grounds_and_other_needs_its_words(app_client: TestClient, store: Store) -> None:
    from rednotice.domain.lifecycle import State
    from rednotice.services import review
    from tests.interface.test_pages import act, activist_notice, records, start_review

    client = app_client

    notice = start_review(store, activist_notice(store))
    sign_in(client, "reviewer")
    page = client.get(f"/notices/{notice.id.replace('/', '-')}").text
    for ground in review.Ground:
        assert f'value="{ground.value}"' in page
    assert 'name="other_ground"' in page
    refused = act(client, notice, "refuse", "Internal reasons.", grounds=["other"], other_ground="")
    assert "say in a few words which ground" in refused.text
    with store.uow() as uow:
        current = uow.notices.get(notice.id)
    assert current is not None and current.state is State.UNDER_REVIEW  # nothing changed
    act(client, notice, "refuse", "Internal reasons.", grounds=["other"], other_ground="Civil contempt order")
    decision = records(store, notice, review.RecordKind.DECISION)[-1]
    assert decision.data["grounds"] == ["other"] and decision.data["other_ground"] == "Civil contempt order"
