"""The one place that maps domain errors to HTTP statuses and a JSON error body."""

from __future__ import annotations

from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from rednotice.domain import errors as e
from rednotice.web.i18n import _, _l, translated

STATUS: dict[type[e.DomainError], int] = {
    e.TooLarge: 413,
    e.InvalidInput: 422,
    e.Unauthenticated: 401,
    e.Forbidden: 403,
    e.NotFound: 404,
    e.Conflict: 409,
    e.IllegalTransition: 409,
    e.RuleViolation: 422,
    e.IntegrityFailure: 500,
}


def status_for(exc: e.DomainError) -> int:
    for cls in type(exc).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 400


def error_body(code: str, message: str, details: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details or {}}}


class ErrorDetail(BaseModel):
    code: str = Field(
        description="Stable and machine-readable: invalid_input, unauthenticated, forbidden, not_found, "
        "conflict, too_large, too_many_attempts...",
        examples=["not_found"],
    )
    message: str = Field(description="What went wrong, in words, for a person.")
    details: dict[str, Any] = Field(
        description="What the message is about; for invalid input, `errors`: one line per field."
    )


class ErrorOut(BaseModel):
    """Every error rednotice sends, whatever the status: one JSON shape (``error_body``)."""

    error: ErrorDetail


DESCRIPTIONS: dict[int, str] = {
    401: "Not signed in: no bearer token, or one unknown, revoked or expired (`WWW-Authenticate: Bearer`).",
    403: "Signed in, but this role or country may not do this.",
    404: "Not found, or not visible to you (the answer does not say which).",
    409: "Conflict: the record changed since `expected_version`, or the action is not possible in its state.",
    413: "The body is larger than the server accepts.",
    422: "Invalid input: the message names each field at fault (also for a NUL character in the URL).",
    429: "Too many requests, or failed sign-ins, from your address (`Retry-After` says when to try again).",
}


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a route: each status with rednotice's error body."""
    return {s: {"model": ErrorOut, "description": DESCRIPTIONS.get(s, "Error.")} for s in statuses}


VALIDATION_WORDS: dict[str, str] = {
    "string_too_short": _l("this is required"),
    "missing": _l("this is required"),
    "string_too_long": _l("this is too long"),
    "float_parsing": _l("give a number, e.g. 1.75"),
    "int_parsing": _l("give a whole number"),
    "greater_than": _l("give a number above zero"),
    "greater_than_equal": _l("give a number of zero or more"),
    "less_than_equal": _l("this number is too large"),
    "bool_parsing": _l("answer yes or no"),
    "literal_error": _l("choose one of the options offered"),
    "enum": _l("choose one of the options offered"),
    "json_invalid": _l("the body is not valid JSON"),
    "model_attributes_type": _l("the body is not a JSON object"),
    "dict_type": _l("give an object with named fields"),
    "list_type": _l("give a list"),
    "string_type": _l("give a text"),
    "extra_forbidden": _l("this field is not part of the request"),
}
"""The validation errors pydantic words for programmers, in words for a person (in their language)."""

HTTP_WORDS: dict[int, str] = {
    404: _l("Not found"),
    405: _l("This address does not accept this method"),
    413: _l("The body is larger than the server accepts"),
}


def validation_text(err: dict[str, Any]) -> str:
    """One validation error for a person: the field, then what is wrong, in the request's language."""
    where = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
    words = VALIDATION_WORDS.get(str(err.get("type", "")))
    what = str(words) if words is not None else str(err.get("msg", "")).removeprefix("Value error, ")
    return f"{where}: {what}" if where else what


def install(app: FastAPI) -> None:
    """The exception handlers, and the OpenAPI document saying what they send (``document``)."""
    document(app)

    @app.exception_handler(e.DomainError)
    async def _domain(request: Request, exc: e.DomainError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if isinstance(exc, e.Unauthenticated) else None
        return JSONResponse(error_body(exc.code, exc.message, exc.details), status_for(exc), headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [validation_text(err) for err in exc.errors()[:20]]
        return JSONResponse(
            error_body("invalid_input", "; ".join(problems) or _("invalid request"), {"errors": problems}),
            422,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed", 413: "too_large"}.get(
            exc.status_code, "http_error"
        )
        words = HTTP_WORDS.get(exc.status_code)
        detail = str(exc.detail)
        message = (
            str(words) if words is not None and detail == _phrase(exc.status_code) else translated(detail)
        )
        return JSONResponse(error_body(code, message), exc.status_code, headers=exc.headers)


SIGN_IN = ("/api/v1/tokens", "post")
"""The operation the sign-in throttle guards (app.SignInThrottle): it may answer 429."""
_ERROR_REF = "#/components/schemas/ErrorOut"
_FASTAPI_ERRORS = ("HTTPValidationError", "ValidationError")


def document(app: FastAPI) -> None:
    """Make the OpenAPI document say what is sent: every 4xx with ``ErrorOut`` (never FastAPI's default
    ``HTTPValidationError``, which rednotice does not send), 401 and 403 on every operation that needs a
    token, 404 where the path names something, 413 where there is a body, 422 everywhere (the handler
    above, and a NUL character in any URL), 429 on the sign-in."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            from rednotice.web.app import _rate_tier  # here: the app module imports this one

            settings = getattr(getattr(app.state, "store", None), "settings", None)
            limited = _rate_tier if settings is not None and settings.rate_limited else None
            # build() caches the document in app.openapi_schema: fixed in place
            fix_errors(
                build(), lambda method, path: limited is not None and limited(method, path) is not None
            )
        assert app.openapi_schema is not None
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _error_response(status: int, description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": _ERROR_REF}}}}


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def fix_errors(schema: dict[str, Any], rate_limited: Callable[[str, str], bool] = lambda m, p: False) -> None:
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    error_schema = ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
    components.update(error_schema.pop("$defs", {}))
    components["ErrorOut"] = error_schema
    for path, operations in schema.get("paths", {}).items():
        for method, op in operations.items():
            if not isinstance(op, dict) or "responses" not in op:
                continue
            answers: dict[str, Any] = op["responses"]
            wanted = {422}
            if op.get("security"):
                wanted |= {401, 403}
            if "{" in path:
                wanted.add(404)
            if "requestBody" in op:
                wanted.add(413)
            if (path, method) == SIGN_IN:
                wanted |= {401, 429}
            if rate_limited(method.upper(), path):
                wanted.add(429)
            for wanted_status in wanted:
                answers.setdefault(str(wanted_status), {})
            for key, answer in list(answers.items()):
                if not key.startswith("4"):
                    continue
                code = int(key)
                described = answer.get("description") or ""
                if described in ("", "Validation Error", _phrase(code)):  # FastAPI's defaults
                    described = DESCRIPTIONS.get(code, _phrase(code) or "Error.")
                answers[key] = _error_response(code, described)
    for name in _FASTAPI_ERRORS:
        if name in components and _ERROR_REF.replace("ErrorOut", name) not in str(schema["paths"]):
            components.pop(name)
