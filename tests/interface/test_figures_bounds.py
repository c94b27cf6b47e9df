"""Public figures cannot be made to run for minutes or fail (issue 14, item 10): every period is bounded."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from rednotice.bootstrap import Store
from rednotice.web.app import create_app

PUBLIC = (
    "/transparency/v1/figures",
    "/transparency",
    "/transparency/countries/RU",
    "/transparency/countries/RU/report.csv",
)


@pytest.mark.parametrize("query", ["from=0001-01-01", "to=9999-12-31", "from=1900-01-01&to=2026-01-01"])
def test_unbounded_periods_are_refused_at_once(store: Store, query: str) -> None:
    with TestClient(create_app(store), base_url="https://testserver") as client:
        for path in PUBLIC:
            started = time.monotonic()
            r = client.get(f"{path}?{query}")
            assert r.status_code in (400, 422), (path, r.status_code)
            assert time.monotonic() - started < 5, path


def test_a_bounded_period_is_answered(store: Store) -> None:
    with TestClient(create_app(store), base_url="https://testserver") as client:
        assert client.get("/transparency/v1/figures?from=2020-01-01&to=2025-12-31").status_code == 200
