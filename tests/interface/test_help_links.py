"""Issue 16, item 6: a person who needs help finds it from the public pages in one click."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from rednotice.bootstrap import Store
from rednotice.web.app import create_app
from tests.interface.test_pages import make_notice, publish

HELP = ("/ccf/apply", "/ccf/my-case", "/harassment/report")


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(store), base_url="https://testserver") as c:
        yield c


def links(html: str) -> set[str]:
    return {m.split("?")[0] for m in re.findall(r'href="([^"]+)"', html)}


def test_every_public_page_links_to_the_ccf_the_case_and_the_harassment_form(
    client: TestClient, store: Store
) -> None:
    notice = publish(store, make_notice(store, visibility__public_extract=True))
    ref = notice.id.replace("/", "-")
    for path in ("/public/notices", f"/public/notices/{ref}", "/transparency", "/login", "/ccf/apply"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert set(HELP) <= links(page.text), (path, set(HELP) - links(page.text))


def test_the_public_notice_links_its_reference_into_the_forms(client: TestClient, store: Store) -> None:
    notice = publish(store, make_notice(store, visibility__public_extract=True))
    page = client.get(f"/public/notices/{notice.id.replace('/', '-')}").text
    quoted = notice.id.replace("/", "-")
    assert f'href="/ccf/apply?notice_id={quoted}"' in page  # the sentence about the CCF is a link
    assert f'href="/harassment/report?notice_id={quoted}"' in page
    for form in ("/ccf/apply", "/harassment/report"):
        filled = client.get(form, params={"notice_id": notice.id.replace("/", "-")}).text
        assert f'name="notice_id" type="text" value="{notice.id}"' in filled
        junk = client.get(form, params={"notice_id": '"><script>'}).text
        assert 'name="notice_id" type="text" value=""' in junk
