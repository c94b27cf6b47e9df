"""The OpenAPI document says what the server does (issue 15, item 9): every operation's 2xx answer is typed,
every 4xx is rednotice's error body (never FastAPI's default ``HTTPValidationError``, which is not what is
sent), every operation that needs someone signed in carries the bearer scheme, and the error body
documented is the one sent."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from rednotice.bootstrap import Store
from rednotice.web.app import create_app
from rednotice.web.errors import ErrorOut
from tests.interface.conftest import auth

NOT_YET_TYPED: dict[str, str] = {}
"""Operations whose 2xx is still untyped, with why; an entry whose operation became typed is stale."""

METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


def _document(store: Store) -> dict[str, Any]:
    document: dict[str, Any] = create_app(store).openapi()
    return document


def _resolve(doc: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def typed(doc: dict[str, Any], schema: dict[str, Any] | None) -> bool:
    """A schema that says what comes: an object with properties, or an array of such (not ``{}`` nor a
    bare ``object`` with any properties)."""
    if not schema:
        return False
    schema = _resolve(doc, schema)
    if "anyOf" in schema or "oneOf" in schema:
        return all(typed(doc, s) for s in schema.get("anyOf", schema.get("oneOf", [])))
    if schema.get("type") == "array":
        return typed(doc, schema.get("items"))
    return schema.get("type") == "object" and bool(schema.get("properties"))


def operations(doc: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (f"{method.upper()} {path}", op)
        for path, ops in doc["paths"].items()
        for method, op in ops.items()
        if method in METHODS
    ]


def problems_in(doc: dict[str, Any]) -> list[str]:
    """Everything the document gets wrong, one line each."""
    problems = []
    schemes = doc.get("components", {}).get("securitySchemes", {})
    bearer = [name for name, s in schemes.items() if s.get("type") == "http" and s.get("scheme") == "bearer"]
    if not bearer:
        problems.append("no HTTP bearer scheme in components.securitySchemes")
    for name in ("HTTPValidationError", "ValidationError"):
        if name in doc.get("components", {}).get("schemas", {}):
            problems.append(f"FastAPI's {name} is documented, but rednotice never sends it")
    for key, op in operations(doc):
        answers: dict[str, Any] = op.get("responses", {})
        path = key.split(" ", 1)[1]
        successes = {s: a for s, a in answers.items() if s.startswith("2")}
        if not successes:
            problems.append(f"{key}: no 2xx answer documented")
        for status, answer in successes.items():
            if status == "204":
                continue
            contents = answer.get("content") or {}
            if not any(typed(doc, c.get("schema")) for c in contents.values()) and key not in NOT_YET_TYPED:
                problems.append(f"{key}: {status} is untyped")
        for status, answer in answers.items():
            if not status.startswith("4"):
                continue
            schema = (answer.get("content") or {}).get("application/json", {}).get("schema", {})
            if schema.get("$ref") != "#/components/schemas/ErrorOut":
                problems.append(f"{key}: {status} does not document the error body ErrorOut")
        wanted = {"422"}
        protected = path.startswith("/api/v1/") and key not in PUBLIC
        if protected:
            wanted |= {"401", "403"}
            names = {name for requirement in op.get("security", []) for name in requirement}
            if not names & set(bearer):
                problems.append(f"{key}: needs a token but declares no bearer security")
        elif op.get("security"):
            problems.append(f"{key}: open to anyone but declares security")
        if "{" in path:
            wanted.add("404")
        if "requestBody" in op:
            wanted.add("413")
        missing = sorted(wanted - set(answers))
        if missing:
            problems.append(f"{key}: does not document {', '.join(missing)}")
    for key in NOT_YET_TYPED:
        found = dict(operations(doc)).get(key)
        if found is None:
            problems.append(f"NOT_YET_TYPED: {key} is no operation")
    return problems


PUBLIC = {
    "POST /api/v1/tokens",
    "POST /api/v1/ccf/applications",
    "GET /api/v1/ccf/my-case",
    "POST /api/v1/harassment-reports",
}
"""The operations under /api/v1 open to anyone (the sign-in, and what applicants and reporters file)."""


def test_the_document_types_every_answer_and_every_error_and_marks_every_protected_operation(
    store: Store,
) -> None:
    doc = _document(store)
    assert len(operations(doc)) > 50
    problems = problems_in(doc)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "spoil",
    [
        "untyped",
        "fastapi_422",
        "no_security",
        "no_bearer_scheme",
        "error_shape",
        "security_on_public",
    ],
)
def test_the_walk_finds_each_kind_of_fault(store: Store, spoil: str) -> None:
    """Each rule above fails on a document spoiled in that one way."""
    doc = _document(store)
    assert not problems_in(doc)
    op = doc["paths"]["/api/v1/notices/{ref}"]["get"]
    if spoil == "untyped":
        op["responses"]["200"]["content"]["application/json"]["schema"] = {
            "type": "object",
            "additionalProperties": True,
        }
    elif spoil == "fastapi_422":
        doc["components"]["schemas"]["HTTPValidationError"] = {"type": "object"}
        op["responses"]["422"]["content"]["application/json"]["schema"] = {
            "$ref": "#/components/schemas/HTTPValidationError"
        }
    elif spoil == "no_security":
        del op["security"]
    elif spoil == "no_bearer_scheme":
        doc["components"]["securitySchemes"] = {}
    elif spoil == "error_shape":
        del op["responses"]["404"]
    else:
        doc["paths"]["/api/v1/tokens"]["post"]["security"] = [{"bearer": []}]
    assert problems_in(doc)


def test_each_error_sent_is_the_error_body_documented(client: TestClient, users: dict[str, str]) -> None:
    """What the document promises for 4xx is what comes: 401, 403, 404, 422 (validation and a domain
    rule), 405 and 413, each validated against ``ErrorOut``."""
    answers = [
        client.get("/api/v1/notices"),  # 401
        client.get("/api/v1/ccf/cases", headers=auth(users["ncb-fr"])),  # 403
        client.get("/api/v1/notices/2099-99999", headers=auth(users["reviewer"])),  # 404
        client.get("/api/v1/notices?limit=0", headers=auth(users["reviewer"])),  # 422 (validation)
        client.post("/api/v1/requests", json={}, headers=auth(users["ncb-fr"])),  # 422 (body)
        client.get("/notices/v1/red/2099-99999"),  # 404, public
        client.get("/notices/v1/red?page=x"),  # 422, public
        client.delete("/api/v1/notices", headers=auth(users["reviewer"])),  # 405
        client.post(
            "/api/v1/screenings",
            content=b"x" * (client.app.state.store.settings.max_upload_bytes + 10),  # type: ignore[attr-defined]
            headers={**auth(users["ncb-fr"]), "content-type": "application/json"},
        ),  # 413
    ]
    statuses = [r.status_code for r in answers]
    assert statuses == [401, 403, 404, 422, 422, 404, 422, 405, 413]
    for response in answers:
        ErrorOut.model_validate(response.json())
        assert set(response.json()) == {"error"}
        assert set(response.json()["error"]) == {"code", "message", "details"}
