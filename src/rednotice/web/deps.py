"""Dependencies shared by routes, as Annotated aliases so signatures read as prose."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from rednotice.bootstrap import Store
from rednotice.domain.errors import Unauthenticated
from rednotice.domain.users import Actor, Role
from rednotice.services import users as user_service

SESSION_USER = "user"


async def get_store(request: Request) -> Store:
    # async: no I/O, so no hop to the thread pool and back on every request (issue 18)
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]


bearer = HTTPBearer(
    auto_error=False,
    scheme_name="bearer",
    description="A token from `POST /api/v1/tokens` (or `rednotice users token`), sent as "
    "`Authorization: Bearer <token>`. In the browser, the signed session cookie of the pages works too.",
)
"""Declares the scheme in the OpenAPI document, on every operation that needs someone signed in; the
header itself is read below, as before."""


async def get_actor(
    request: Request,
    store: StoreDep,
    _declared: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)] = None,
) -> Actor:
    """A bearer token (systems) or a signed session cookie (people in the browser). A token verified in
    the last few seconds is answered here, on the event loop; whatever reads the store, in a thread."""
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        token = auth[7:].strip()
        cached = user_service.cached_token_actor(token, store.clock)
        if cached is not None:
            return cached
        # cached for a few seconds per process; "last used" is written now and then, not per request
        return await run_in_threadpool(user_service.actor_for_token, token, store.reader(), store.uow)
    session = request.scope.get("session") or {}
    data = session.get(SESSION_USER)
    if isinstance(data, dict) and isinstance(data.get("sid"), str):
        # every request authenticates: in a read-only unit of work, never behind the write lock
        actor = await run_in_threadpool(user_service.session_actor, data["sid"], store.reader(), store.uow)
        if actor is not None:
            return actor
    raise Unauthenticated("sign in, or send 'Authorization: Bearer <token>'")


CurrentActor = Annotated[Actor, Depends(get_actor)]


def is_role(actor: Actor, *roles: Role) -> bool:
    return actor.role in roles
