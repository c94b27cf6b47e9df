"""Lists in the JSON API cost a page (issue 18): internal notice lists page by cursor and say whether their
total was counted; the review queue filters as the reviewer's page does and gives its total in headers."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.factories import request_dict
from tests.interface.conftest import auth


def submit(client: TestClient, token: str, **overrides: object) -> str:
    r = client.post("/api/v1/requests", json=request_dict(**overrides), headers=auth(token))
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


def test_notices_page_by_cursor(client: TestClient, users: dict[str, str]) -> None:
    ids = {submit(client, users["ncb-fr"], **{"subject.family_name": f"CURSOR{i}"}) for i in range(5)}
    headers = auth(users["ncb-fr"])
    whole = client.get("/api/v1/notices", params={"limit": 50}, headers=headers).json()
    assert whole["total"] == 5 and whole["total_is_exact"] is True and whole["next_after"] is None
    seen: list[str] = []
    params: dict[str, object] = {"limit": 2}
    while True:
        page = client.get("/api/v1/notices", params=params, headers=headers)
        assert page.status_code == 200, page.text
        body = page.json()
        assert body["total"] == 5 and len(body["items"]) <= 2
        seen += [n["id"] for n in body["items"]]
        if body["next_after"] is None:
            break
        params = {"limit": 2, "after": body["next_after"]}
    assert seen == [n["id"] for n in whole["items"]] and set(seen) == ids

    bad = client.get("/api/v1/notices", params={"after": "garbage!"}, headers=headers)
    assert bad.status_code == 422 and "cursor" in bad.text
    both = client.get(
        "/api/v1/notices", params={"after": whole["items"][0]["id"], "offset": 1}, headers=headers
    )
    assert both.status_code == 422


def test_the_queue_filters_and_counts(client: TestClient, users: dict[str, str]) -> None:
    fr = [submit(client, users["ncb-fr"], **{"subject.family_name": f"QUEUEAPI{i}"}) for i in range(3)]
    de = submit(client, users["ncb-de"], requesting_country="DE", **{"subject.family_name": "BREUER"})
    headers = auth(users["reviewer"])

    def queue(**params: object) -> tuple[list[str], str, str]:
        r = client.get("/api/v1/review/queue", params=params, headers=headers)
        assert r.status_code == 200, r.text
        return (
            [x["notice"]["id"] for x in r.json()],
            r.headers["X-Total-Count"],
            r.headers["X-Total-Is-Exact"],
        )

    everything, total, exact = queue()
    assert set(everything) == {*fr, de} and total == "4" and exact == "true"
    assert queue(country="de")[0] == [de]
    assert queue(q="breuer")[:2] == ([de], "1")
    assert queue(q=fr[1].replace("/", "-"))[0] == [fr[1]]
    assert queue(limit=2, offset=1)[0] == everything[1:3]
    assert queue(state="under_review")[0] == []
    assert queue(iccs_section="01")[0] == everything  # murder, the factory's charge
    assert queue(iccs_section="07")[0] == []
    for bad in ({"iccs_section": "99"}, {"country": "DEU"}, {"state": "published"}, {"min_risk": "-1"}):
        r = client.get("/api/v1/review/queue", params=bad, headers=headers)
        assert r.status_code == 422, bad
    assert client.get("/api/v1/review/queue", headers=auth(users["ncb-fr"])).status_code == 403


def test_the_queue_pages_by_cursor_both_ways(client: TestClient, users: dict[str, str]) -> None:
    ids = {submit(client, users["ncb-fr"], **{"subject.family_name": f"CURSORQ{i}"}) for i in range(5)}
    headers = auth(users["reviewer"])

    def page(**params: object) -> tuple[list[str], str | None, str | None]:
        r = client.get("/api/v1/review/queue", params={"limit": 2, **params}, headers=headers)
        assert r.status_code == 200, r.text
        return (
            [x["notice"]["id"] for x in r.json()],
            r.headers.get("X-Next-After"),
            r.headers.get("X-Prev-Before"),
        )

    whole = page(limit=50)[0]
    assert set(whole) == ids
    seen, after, pages = [], None, []
    while True:
        rows, after, before = page(**({"after": after} if after else {}))
        pages.append((rows, before))
        seen += rows
        if after is None:
            break
    assert seen == whole and len(pages) == 3  # every request once, in queue order
    assert pages[0][1] is None and pages[1][1] is not None  # nothing before the first page
    assert page(before=pages[1][1])[0] == pages[0][0]  # Previous from the second page is the first
    for bad in (
        {"after": "not-a-cursor"},
        {"after": after or "x", "offset": 2},
        {"after": "a", "before": "b"},
    ):
        assert client.get("/api/v1/review/queue", params=bad, headers=headers).status_code == 422, bad
