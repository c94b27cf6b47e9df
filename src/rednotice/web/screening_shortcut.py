"""The screening route's short way through the server (issue 18, item 1).

``POST /api/v1/screenings`` is the one route systems call hundreds of times a second, one traveller a
request. Through the whole application a request passed about fifteen ASGI layers (session, language,
sign-in throttle, rate limits, FastAPI's routing, dependencies and exception middleware) that this route
does not need once the caller is known: a system with a bearer token. Here, inside the body limit and
the security headers (which still apply), an ordinary request is answered directly: a bearer token
verified in the last few seconds (``users.cached_token_actor``, one SHA-256, no store), a JSON body the
route's own model accepts (``ScreeningIn``), then the route's own :func:`screening_api.answer` in a
worker thread, audited and recorded as always.

Anything else goes to the whole application with the body given again, and is answered there exactly as
before: no token, a session cookie instead, a token not verified lately (the application reads the store
and fills the cache), a query string, another content type, a body the model refuses (422), and any
refusal of the service (a role that does not screen, no valid query: the service raises those before it
searches or records anything, so asking again records nothing twice). One code path for every answer
but the ordinary one; ``tests/interface/test_screening_shortcut.py`` holds the two ways to the same
answers.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from rednotice.domain.errors import DomainError
from rednotice.domain.users import Actor
from rednotice.services import users as user_service
from rednotice.web.asgi import buffered
from rednotice.web.screening_api import ScreeningIn, answer

PATH = "/api/v1/screenings"


class ScreeningShortcut:
    """Answers an ordinary screening request itself; passes every other request on, untouched."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "POST"
            or scope["path"] != PATH
            or scope.get("query_string")
            or (actor := _known_system(scope)) is None
        ):
            await self.app(scope, receive, send)
            return
        body, again = await buffered(receive)
        try:
            payload = ScreeningIn.model_validate_json(body)
        except ValidationError:
            await self.app(scope, again, send)
            return
        state = scope["app"].state
        try:
            response = await run_in_threadpool(answer, payload, actor, state.store, state.screening_engine)
        except DomainError:
            await self.app(scope, again, send)
            return
        await response(scope, again, send)


def _known_system(scope: Scope) -> Actor | None:
    """The actor of a JSON request with a bearer token verified in the last few seconds, else None."""
    auth = content_type = None
    for name, value in scope["headers"]:
        if name == b"authorization" and auth is None:
            auth = value
        elif name == b"content-type" and content_type is None:
            content_type = value
    if auth is None or content_type is None or not content_type.lower().startswith(b"application/json"):
        return None
    if auth[:7].lower() != b"bearer ":
        return None
    token = auth[7:].strip().decode("latin-1")
    app: Any = scope.get("app")
    if not token or app is None:
        return None
    try:
        return user_service.cached_token_actor(token, app.state.store.clock)
    except DomainError:  # an expired token: the application says so
        return None
