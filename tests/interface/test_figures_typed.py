"""Issue 15, item 9: both figures endpoints are typed, and the type describes exactly the JSON they send
(every key of the answer is a field of the model, and the model adds none)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from rednotice.bootstrap import Store
from rednotice.web import oversight
from rednotice.web.api import Out
from rednotice.web.app import create_app
from tests.conftest import FakeClock
from tests.interface.conftest import auth
from tests.store.test_figures_store import build_store


@pytest.fixture
def app_client(store: Store, users: dict[str, str], clock: FakeClock) -> Iterator[TestClient]:
    build_store(store, clock)
    app = create_app(store)
    app.include_router(oversight.router)
    with TestClient(app, base_url="https://testserver") as c:
        yield c


def _same_keys(model: Any, data: Any, where: str = "") -> list[str]:
    """Where the answer has a key the model does not declare, or the model requires one the answer lacks."""
    problems: list[str] = []
    if isinstance(model, Out):
        fields = {(f.alias or name): name for name, f in type(model).model_fields.items()}
        for key, value in data.items():
            if key not in fields:
                problems.append(f"{where}.{key}: not in {type(model).__name__}")
                continue
            problems += _same_keys(getattr(model, fields[key]), value, f"{where}.{key}")
        for key, name in fields.items():
            if key not in data and type(model).model_fields[name].is_required():
                problems.append(f"{where}.{key}: required but not sent")
    elif isinstance(model, dict):
        for key, value in data.items():
            problems += _same_keys(model[key], value, f"{where}.{key}")
    elif isinstance(model, list):
        for i, (m, d) in enumerate(zip(model, data, strict=True)):
            problems += _same_keys(m, d, f"{where}[{i}]")
    return problems


def test_the_full_figures_are_what_their_type_says(app_client: TestClient, users: dict[str, str]) -> None:
    r = app_client.get("/api/v1/figures?from=2024-01-01&to=2026-12-31", headers=auth(users["oversight"]))
    assert r.status_code == 200, r.text
    data = r.json()
    model = oversight.FiguresOut.model_validate(data)
    assert _same_keys(model, data) == []
    assert model.model_dump(by_alias=True, exclude_unset=True) == data  # nothing changed on the way


def test_the_public_figures_are_what_their_type_says(app_client: TestClient) -> None:
    r = app_client.get("/transparency/v1/figures?country=RU")
    assert r.status_code == 200, r.text
    data = r.json()
    model = oversight.FiguresOut.model_validate(data)
    assert _same_keys(model, data) == []
    assert data["minimum"] > 1


def test_the_document_offers_json_and_csv() -> None:
    doc = create_app_document()
    for path in ("/api/v1/figures", "/transparency/v1/figures"):
        content = doc["paths"][path]["get"]["responses"]["200"]["content"]
        assert content["application/json"]["schema"] == {"$ref": "#/components/schemas/FiguresOut"}
        assert content["text/csv"]["schema"]["type"] == "string"
    block = doc["components"]["schemas"]["FiguresBlockOut"]["properties"]
    assert "refused.ground.art3" in block and "refusal_rate" in block


def create_app_document() -> dict[str, Any]:
    from fastapi import FastAPI

    app = FastAPI()
    app.include_router(oversight.router)
    return app.openapi()
