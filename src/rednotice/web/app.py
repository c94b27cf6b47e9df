"""The FastAPI application: JSON API, pages, health. Built by ``create_app()`` at start-up."""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from typing import Any

from fastapi import FastAPI
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from rednotice import __version__
from rednotice.bootstrap import Store, open_store
from rednotice.services import users as user_service
from rednotice.services.screening import ScreeningEngine, run_next_job
from rednotice.web import (
    after_hit_api,
    api,
    compliance_api,
    errors,
    oversight,
    public_api,
    redress_api,
    review_api,
    screening_api,
)


class BodySizeLimit:
    """Refuse bodies over the limit with 413 before reading them whole."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if b"%00" in scope.get("query_string", b"") or "\x00" in scope.get("path", ""):
            body = errors.error_body("invalid_input", "NUL characters are not allowed in a URL")
            await JSONResponse(body, 422)(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_bytes:
            await _too_large(self.max_bytes)(scope, receive, send)
            return
        seen = 0

        async def limited() -> Any:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge
            return message

        try:
            await self.app(scope, limited, send)
        except _TooLarge:
            await _too_large(self.max_bytes)(scope, receive, send)


class _TooLarge(Exception):
    pass


def _too_large(limit: int) -> JSONResponse:
    return JSONResponse(errors.error_body("too_large", f"the body is larger than {limit} bytes"), 413)


def _start_background(app: FastAPI, store: Store) -> None:
    """Warm the screening index and run queued screening jobs in daemon threads of this process (any
    number of processes, on any machine, may do so: jobs are claimed with row locks)."""
    engine: ScreeningEngine = app.state.screening_engine
    name = f"{socket.gethostname()}:{os.getpid()}"

    def warm() -> None:
        try:
            engine.ensure_built()  # from the snapshot if there is one (decision 0009)
            engine.maybe_snapshot()  # after a build: in a forked child, searches go on
        except Exception:  # the index is built again on first use
            logging.getLogger(__name__).exception("could not warm the screening index")

    def work() -> None:
        while True:
            try:
                if run_next_job(engine, store.uow, name) is None:
                    engine.maybe_snapshot()  # many changes since the last snapshot: a new one
                    time.sleep(1.0)
            except Exception:  # keep the worker alive; the job records its own failure
                logging.getLogger(__name__).exception("screening worker")
                time.sleep(5.0)

    threading.Thread(target=warm, name="rednotice-index", daemon=True).start()
    threading.Thread(target=work, name="rednotice-jobs", daemon=True).start()


def create_app(store: Store | None = None) -> FastAPI:
    store = store or open_store()
    settings = store.settings
    app = FastAPI(
        title="rednotice",
        version=__version__,
        description="The red notice process end to end. A red notice is not an arrest warrant.",
    )
    app.state.store = store
    errors.install(app)
    app.include_router(api.auth_router)
    app.include_router(api.router)
    app.include_router(review_api.router)
    app.include_router(review_api.events_router)
    app.include_router(compliance_api.router)
    app.include_router(redress_api.router)
    app.include_router(public_api.router)
    app.include_router(after_hit_api.router)  # before screening_api: it owns the hit outcome route
    app.include_router(screening_api.router)
    app.include_router(oversight.router)
    snapshots = None
    if settings.background:  # the process that warms the index keeps its snapshot
        from rednotice.adapters.screening_snapshot import snapshot_for

        snapshots = snapshot_for(settings.data_dir, store.engine, settings.resolved_secret_key())
    app.state.screening_engine = ScreeningEngine(store.uow, store.reader, snapshots)
    if settings.background:
        _start_background(app, store)

    @app.get("/healthz", tags=["ops"])
    def healthz(request: Request) -> dict[str, str]:
        with store.uow() as uow:
            uow.audit.head()
        return {"status": "ok", "version": __version__}

    from rednotice.web import admin_pages, after_hit_pages, pages, redress_pages  # pages, apart from the API

    pages.install(app)
    admin_pages.install(app)
    after_hit_pages.install(app)
    redress_pages.install(app)
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.resolved_secret_key(),
        session_cookie="rednotice_session",
        same_site="lax",
        https_only=not settings.is_development,
        max_age=user_service.SESSION_HOURS * 3600,
    )
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_upload_bytes)
    return app
