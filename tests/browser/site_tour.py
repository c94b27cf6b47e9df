"""Every role's main pages, on a live server with the demo data: what the accessibility checks and the
screenshots (scripts/screenshots.py) walk through. Language-independent: it finds its way by URLs and
form field names, never by the words on the page, so it works in all four languages."""

from __future__ import annotations

import json
import re
import secrets
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn
from playwright.sync_api import Page, ViewportSize

from rednotice.adapters.db.engine import make_engine
from rednotice.adapters.db.migrate import upgrade
from rednotice.bootstrap import Store
from rednotice.config import Environment, Settings
from rednotice.demo import DEMO_PASSWORD, seed_demo
from rednotice.web.app import create_app

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
DESKTOP = ViewportSize(width=1280, height=900)
PHONE = ViewportSize(width=390, height=844)
DEMO_NOTICES = 160
"""Enough for every state and a few CCF cases; a few seconds to write."""
LANGUAGES = ("en", "fr", "es", "ar")
SERIOUS = ("serious", "critical")


@dataclass(frozen=True)
class Stop:
    """One page of the tour: a name for reports and file names, and how to reach it."""

    name: str
    path: str | None = None
    first_link: tuple[str, str] | None = None
    """(a page, a CSS selector): the page's first link matching the selector, for pages with an id."""


@dataclass(frozen=True)
class Role:
    name: str
    username: str | None
    stops: tuple[Stop, ...]


NOTICE_LINK = 'main a[href^="/notices/"]:not([href$="/edit"]):not([href*="position"])'
TOUR = (
    Role(
        "public",
        None,
        (
            Stop("public-notices", "/public/notices"),
            Stop("public-notice", first_link=("/public/notices", 'main a[href^="/public/notices/"]')),
            Stop("transparency", "/transparency"),
            Stop(
                "transparency-country",
                first_link=("/transparency", 'main a[href^="/transparency/countries/"]'),
            ),
            Stop("ccf-apply", "/ccf/apply"),
            Stop("ccf-my-case", "/ccf/my-case"),
            Stop("harassment", "/harassment/report"),
            Stop("login", "/login"),
        ),
    ),
    Role(
        "ncb-officer",
        "ncb-fr",
        (
            Stop("dashboard", "/"),
            Stop("notices", "/notices"),
            Stop("notice", first_link=("/notices", NOTICE_LINK)),
            Stop("request-form", "/requests/new"),
            Stop("refugee-status", "/refugee-status/new"),
            Stop("screening", "/screening"),
        ),
    ),
    Role(
        "reviewer",
        "reviewer",
        (
            Stop("dashboard", "/"),
            Stop("review-queue", "/review"),
            Stop("review-notice", first_link=("/review", NOTICE_LINK)),
            Stop("screening", "/screening"),
            Stop("oversight", "/oversight"),
        ),
    ),
    Role(
        "ccf",
        "ccf",
        (
            Stop("dashboard", "/"),
            Stop("ccf-cases", "/ccf"),
            Stop("ccf-case", first_link=("/ccf", 'main a[href^="/ccf/cases/"]')),
        ),
    ),
    Role(
        "oversight",
        "oversight",
        (
            Stop("oversight", "/oversight"),
            Stop("oversight-country", first_link=("/oversight", 'main a[href^="/oversight/countries/"]')),
        ),
    ),
    Role("admin", "admin", (Stop("dashboard", "/"), Stop("admin-users", "/admin/users"))),
)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def demo_server(tmp: Path, notices: int = DEMO_NOTICES) -> Iterator[str]:
    """uvicorn on a free 127.0.0.1 port, on a fresh SQLite store with the (deterministic) demo data."""
    url = f"sqlite:///{tmp / 'rednotice.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    settings = Settings(
        env=Environment.TEST, data_dir=tmp, secret_key=secrets.token_urlsafe(48), database_url=url
    )
    store = Store(settings, engine)
    seed_demo(store.uow, notices)
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(store), host="127.0.0.1", port=_free_port(), log_level="warning", lifespan="off"
        )
    )
    thread = threading.Thread(target=server.run, name="uvicorn-site-tour", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the tour's server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{server.config.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        engine.dispose()


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/login")
    page.fill('input[name="username"]', username)
    page.fill('input[name="password"]', DEMO_PASSWORD)
    with page.expect_navigation():
        page.click('main form[action="/login"] [type="submit"]')
    if "/login" in page.url:
        raise RuntimeError(f"could not sign in as {username}")


def resolve(page: Page, base: str, stop: Stop) -> str | None:
    """The stop's path; for a page with an id, the first matching link on its list (None if there is none)."""
    if stop.path is not None:
        return stop.path
    assert stop.first_link is not None
    listing, selector = stop.first_link
    page.goto(base + listing)
    link = page.locator(selector).first
    if link.count() == 0:
        return None
    href = link.get_attribute("href")
    return None if href is None else re.sub(r"#.*$", "", href)


def run_axe(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is (the context must bypass CSP to inject the script)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))}));
        }"""
    )
    violations: list[dict[str, Any]] = json.loads(json.dumps(result))
    return violations


def serious(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [v for v in violations if v["impact"] in SERIOUS]


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = "; ".join(n["target"] for n in v["nodes"][:4])
        lines.append(f"  {v['impact']}: {v['id']} ({v['help']}) x{len(v['nodes'])}: {targets}")
    return "\n".join(lines)
