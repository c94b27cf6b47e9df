"""The FastAPI application: JSON API, pages, health. Built by ``create_app()`` at start-up."""

from __future__ import annotations

import html
import logging
import math
import os
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from starlette.datastructures import MutableHeaders
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rednotice import __version__
from rednotice.bootstrap import Store, open_store
from rednotice.config import Environment, Settings
from rednotice.services import users as user_service
from rednotice.services.screening import FRESH_FOR, ScreeningEngine, run_next_job
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
from rednotice.web.asgi import buffered
from rednotice.web.deps import CurrentActor
from rednotice.web.screening_shortcut import ScreeningShortcut


class HeadAsGet:
    """HEAD is answered as GET without the body (monitors and link checkers send it; FastAPI's routes
    take GET only and answered 405)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Any) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


class BodySizeLimit:
    """Refuse bodies over the limit with 413 before reading them whole, declared or chunked: once a
    chunked body passes the limit, whatever the application would answer (a parser's 400, a 500) is
    replaced by the 413."""

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
        over = False
        answered = False

        async def limited() -> Any:
            nonlocal seen, over
            if over:
                raise _TooLarge
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    over = True
                    raise _TooLarge
            return message

        async def guarded(message: Message) -> None:
            nonlocal answered
            if not over:
                await send(message)
                return
            if not answered and message["type"] == "http.response.start":
                answered = True
                await _too_large(self.max_bytes)(scope, receive, send)

        try:
            await self.app(scope, limited, guarded)
        except Exception:
            if not over:
                raise
        if over and not answered:
            answered = True
            await _too_large(self.max_bytes)(scope, receive, send)


class _TooLarge(Exception):
    pass


def _too_large(limit: int) -> JSONResponse:
    return JSONResponse(errors.error_body("too_large", f"the body is larger than {limit} bytes"), 413)


API_SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
"""On every response (pages set a stricter policy of their own, which wins)."""
JSON_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
HSTS = "max-age=63072000; includeSubDomains"
"""Production only: two years, every subdomain (the service is served over HTTPS only)."""


class SecurityHeaders:
    """Security headers on every response, the JSON API too; HSTS in production."""

    def __init__(self, app: ASGIApp, hsts: bool) -> None:
        self.app = app
        self.hsts = hsts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in API_SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                if headers.get("content-type", "").startswith("application/json"):
                    headers.setdefault("Content-Security-Policy", JSON_CSP)
                    headers.setdefault("Cache-Control", "no-store")
                if self.hsts:
                    headers["Strict-Transport-Security"] = HSTS
            await send(message)

        await self.app(scope, receive, with_headers)


SIGN_IN_PATHS = frozenset({"/login", "/api/v1/tokens"})
SOURCE_MAX_FAILURES = 20
"""Failed sign-ins one source (client address) may make per window, whatever the usernames."""
SOURCE_WINDOW = 15 * 60.0


class SignInThrottle:
    """Throttle failed sign-ins per source, across usernames (issue 14, item 8): one address cannot lock
    account after account (five failures lock one), nor try username after username to learn which
    exist. Counted in this process, over a sliding window; a refused attempt answers 429 unchecked."""

    def __init__(
        self,
        app: ASGIApp,
        max_failures: int = SOURCE_MAX_FAILURES,
        window: float = SOURCE_WINDOW,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app = app
        self.max_failures = max_failures
        self.window = window
        self.clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, source: str, now: float) -> deque[float]:
        failures = self._failures.setdefault(source, deque())
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        return failures

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "POST" or scope.get("path") not in SIGN_IN_PATHS:
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        source = client[0] if client else "unknown"
        with self._lock:
            if len(self._failures) > 100_000:
                self._failures.clear()
            throttled = len(self._recent(source, self.clock())) >= self.max_failures
        if throttled:
            body = errors.error_body(
                "too_many_attempts",
                "too many failed sign-ins from your address; try again in a quarter of an hour",
            )
            await JSONResponse(body, 429, headers={"Retry-After": str(int(self.window))})(
                scope, receive, send
            )
            return

        async def watch(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 401:
                with self._lock:
                    self._recent(source, self.clock()).append(self.clock())
            await send(message)

        await self.app(scope, receive, watch)


PUBLIC_PREFIXES = ("/notices/v1", "/public", "/transparency")
"""Anonymous reading: the public notices (API and pages) and the transparency figures (pages and API)."""
FORM_PATHS = frozenset(
    {
        "/ccf/apply",
        "/ccf/my-case",
        "/harassment/report",
        "/api/v1/ccf/applications",
        "/api/v1/ccf/my-case",
        "/api/v1/harassment-reports",
    }
)
"""Anonymous forms: filing with the CCF, looking a case up with its secret, reporting harassment (POST;
the case look-up on GET too: its secret must not be guessed at speed)."""
SIGN_IN_BODY_MAX = 64 * 1024
"""A sign-in body longer than this is not read for its username (the endpoint refuses it anyway)."""


def _rate_tier(method: str, path: str) -> str | None:
    if method == "POST" and path in SIGN_IN_PATHS:
        return "sign_in"
    if path in FORM_PATHS and (method == "POST" or path.endswith("/my-case")):
        return "forms"
    if method in ("GET", "HEAD") and any(path == p or path.startswith(p + "/") for p in PUBLIC_PREFIXES):
        return "public"
    return None


def _sign_in_username(body: bytes, content_type: str) -> str | None:
    """The username a sign-in names, as the accounts are keyed (NFKC, lower case), or None."""
    import json
    import unicodedata
    from urllib.parse import parse_qs

    raw: Any = None
    try:
        if content_type.startswith("application/json"):
            data = json.loads(body)
            raw = data.get("username") if isinstance(data, dict) else None
        elif content_type.startswith("application/x-www-form-urlencoded"):
            names = parse_qs(body.decode("utf-8", "replace")).get("username")
            raw = names[0] if names else None
    except (ValueError, RecursionError):
        return None
    if not isinstance(raw, str) or not raw.strip():
        return None
    return unicodedata.normalize("NFKC", raw.strip())[:200].casefold()


class RateLimits:
    """Requests per client address on the anonymous endpoints, and sign-in attempts per address and per
    username (issue 14, item 10), counted with ``limits`` over a moving window (exact: each hit is kept until
    it leaves the window, so a window's turn neither forgives nor doubles a burst). Past a limit: ``429
    rate_limited`` with ``Retry-After``, the request unread by the application. The per-username count is
    kept for any name, whether an account has it or not, with the same answers: it reveals no username."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        from limits import parse_many
        from limits.storage import storage_from_string
        from limits.strategies import MovingWindowRateLimiter

        self.app = app
        self.limiter = MovingWindowRateLimiter(storage_from_string(settings.rate_limit_storage))
        self.limits = {
            "public": parse_many(settings.rate_limit_public),
            "forms": parse_many(settings.rate_limit_forms),
            "sign_in": parse_many(settings.rate_limit_sign_in),
            "sign_in_user": parse_many(settings.rate_limit_sign_in_user),
        }

    def _hit(self, tier: str, key: str) -> int | None:
        """Count one request; the seconds to wait if a limit of the tier is passed, else None."""
        waits = []
        for limit in self.limits[tier]:
            if not self.limiter.hit(limit, tier, key):
                reset = self.limiter.get_window_stats(limit, tier, key).reset_time
                waits.append(max(1, math.ceil(reset - time.time())))
        return max(waits) if waits else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or (tier := _rate_tier(scope["method"], scope["path"])) is None:
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        source = client[0] if client else "unknown"
        wait = self._hit(tier, source)
        if tier == "sign_in" and wait is None:  # refused by its address: not counted against the name
            body, receive = await buffered(receive)
            headers = dict(scope.get("headers") or [])
            content_type = headers.get(b"content-type", b"").decode("latin-1").lower()
            username = _sign_in_username(body, content_type) if len(body) <= SIGN_IN_BODY_MAX else None
            if username is not None:
                wait = max(wait or 0, self._hit("sign_in_user", username) or 0) or None
        if wait is None:
            await self.app(scope, receive, send)
            return
        await _too_many(scope, wait)(scope, receive, send)


def _too_many(scope: Scope, wait: int) -> Response:
    message = f"too many requests from your address; try again in {wait} seconds"
    headers = {"Retry-After": str(wait)}
    accept = dict(scope.get("headers") or []).get(b"accept", b"").decode("latin-1")
    api = scope["path"].startswith(("/api/", "/notices/v1", "/transparency/v1"))
    if "text/html" in accept and not api:
        page = (
            '<!doctype html><html lang="en"><meta charset="utf-8"><title>Too many requests</title>'
            "<h1>Too many requests</h1><p>" + html.escape(message) + ".</p></html>"
        )
        headers["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
        return HTMLResponse(page, 429, headers=headers)
    body = errors.error_body("rate_limited", message, {"retry_after": wait})
    return JSONResponse(body, 429, headers=headers)


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

    def figures() -> None:  # the public figures of the closed period, counted here, not by a page
        while True:
            try:
                oversight.warm_public_figures(app, store)
            except Exception:  # a public page counts them instead
                logging.getLogger(__name__).exception("could not count the public figures")
            time.sleep(oversight.WARM_EVERY)

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
    threading.Thread(target=figures, name="rednotice-figures", daemon=True).start()


DOCS_ASSETS = ("/static/swagger-ui-bundle.js", "/static/swagger-ui.css", "/static/favicon.svg")
"""Swagger UI and ReDoc are served from ``web/static`` (vendored: ``web/static/VENDORED.md``), never from
a CDN: the docs work without the internet and load nothing from a third party."""
STATIC_LICENCES = (
    "VENDORED.md",
    "swagger-ui.LICENSE",
    "swagger-ui.NOTICE",
    "swagger-ui-bundle.js.LICENSE.txt",
    "redoc.LICENSE",
    "redoc.standalone.js.LICENSE.txt",
)
"""The licences of the vendored assets, shipped with them."""


DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' blob:; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; object-src 'none'; form-action 'self'"
)
"""The docs pages start their viewers with an inline script (FastAPI's HTML) and ReDoc runs a worker from a
blob; nothing may come from elsewhere (ReDoc's footer asks for a logo on its CDN: refused here)."""


def _with_csp(page: HTMLResponse) -> HTMLResponse:
    page.headers["Content-Security-Policy"] = DOCS_CSP
    return page


def _docs(app: FastAPI, signed_in_only: bool) -> None:
    """/docs and /redoc with their assets served locally; for signed-in people only in production."""

    def swagger_page() -> HTMLResponse:
        js, css, icon = DOCS_ASSETS
        return _with_csp(
            get_swagger_ui_html(
                openapi_url="/openapi.json",
                title="rednotice - API",
                swagger_js_url=js,
                swagger_css_url=css,
                swagger_favicon_url=icon,
            )
        )

    def redoc_page() -> HTMLResponse:
        return _with_csp(
            get_redoc_html(
                openapi_url="/openapi.json",
                title="rednotice - API",
                redoc_js_url="/static/redoc.standalone.js",
                redoc_favicon_url="/static/favicon.svg",
                with_google_fonts=False,
            )
        )

    if signed_in_only:

        @app.get("/docs", include_in_schema=False)
        def swagger(actor: CurrentActor) -> HTMLResponse:
            return swagger_page()

        @app.get("/redoc", include_in_schema=False)
        def redoc(actor: CurrentActor) -> HTMLResponse:
            return redoc_page()

    else:
        app.get("/docs", include_in_schema=False)(swagger_page)
        app.get("/redoc", include_in_schema=False)(redoc_page)


def create_app(store: Store | None = None) -> FastAPI:
    store = store or open_store()
    settings = store.settings
    production = settings.env is Environment.PRODUCTION
    app = FastAPI(
        title="rednotice",
        version=__version__,
        description="The red notice process end to end. A red notice is not an arrest warrant.",
        # the interactive docs: local assets; for signed-in people only in production (below)
        docs_url=None,
        redoc_url=None,
    )
    _docs(app, signed_in_only=production)
    app.state.store = store
    # what the pages need from the one Settings, built at the edge (decision 0012); no page uses an
    # after-hit tunable (the RN-23 sweep runs from the CLI with settings.after_hit)
    app.state.figures_settings = settings.figures
    errors.install(app)
    # The hot path first: routes are matched in order, router by router; matching the screening route
    # behind the others cost 13-16% of a screening request's profiled CPU (issue 18). No other route's
    # path overlaps theirs (tests/interface/test_screening_route_first.py).
    app.include_router(after_hit_api.router)  # before screening_api: it owns the hit outcome route
    app.include_router(screening_api.router)
    app.include_router(api.auth_router)
    app.include_router(api.router)
    app.include_router(review_api.router)
    app.include_router(review_api.events_router)
    app.include_router(compliance_api.router)
    app.include_router(redress_api.router)
    app.include_router(public_api.router)
    app.include_router(oversight.router)
    from rednotice.adapters.screening_snapshot import snapshot_for

    # Loaded at the first screening (or by the warming thread), written by the background threads.
    snapshots = snapshot_for(settings.data_dir, store.engine, settings.resolved_secret_key())
    app.state.screening_engine = ScreeningEngine(
        store.uow, store.reader, snapshots, max_age=FRESH_FOR, local_commits=store.commits
    )
    if settings.background:
        _start_background(app, store)

    @app.get("/healthz", tags=["ops"], response_model=api.HealthOut, response_model_exclude_unset=True)
    def healthz(request: Request) -> dict[str, Any]:
        with store.uow() as uow:
            uow.audit.head()
        replica = store.replica_status()  # one cheap query to the read replica, when one is configured
        return {"status": "ok", "version": __version__, **({"replica": replica} if replica else {})}

    from rednotice.web import pages  # pages, apart from the API: one router per area (web/pages/)

    pages.install(app)
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.resolved_secret_key(),
        session_cookie="rednotice_session",
        same_site="lax",
        https_only=not settings.is_development,
        max_age=user_service.SESSION_HOURS * 3600,
    )
    app.add_middleware(SignInThrottle)
    if settings.rate_limited:
        app.add_middleware(RateLimits, settings=settings)
    # the screening route's short way: inside the body limit and the security headers, before the rest
    app.add_middleware(ScreeningShortcut)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_upload_bytes)
    app.add_middleware(SecurityHeaders, hsts=production)
    app.add_middleware(HeadAsGet)
    return app
