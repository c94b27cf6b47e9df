"""A real server and a real (system) Chromium for the browser journeys. Never downloads a browser."""

from __future__ import annotations

import os
import secrets
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, sync_playwright

from rednotice.adapters.db.engine import make_engine
from rednotice.adapters.db.migrate import upgrade
from rednotice.bootstrap import Store
from rednotice.config import Environment, Settings
from rednotice.domain.users import SYSTEM, Role
from rednotice.services.users import AddUser, add_user
from rednotice.web.app import create_app

CHROMIUM = Path(os.environ.get("REDNOTICE_CHROMIUM", "/usr/bin/chromium"))
IN_CI = os.environ.get("CI", "").lower() == "true"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "browser-journey-password"
USERS = (
    ("fr.officer", Role.NCB_OFFICER, "FR"),
    ("gs.reviewer", Role.REVIEWER, None),
    ("de.officer", Role.NCB_OFFICER, "DE"),
    ("lock.me", Role.NCB_OFFICER, "IT"),
    ("ccf.member", Role.CCF, None),
)


@dataclass(frozen=True)
class LiveServer:
    url: str
    store: Store


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        if IN_CI:
            pytest.fail(f"the browser journeys must run in CI, and there is no Chromium at {CHROMIUM}")
        pytest.skip(f"no Chromium at {CHROMIUM} (browser journeys need the system Chromium; CI requires it)")
    return CHROMIUM


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """uvicorn on a free 127.0.0.1 port in a background thread, on a fresh migrated SQLite store."""
    tmp = tmp_path_factory.mktemp("browser")
    url = f"sqlite:///{tmp / 'rednotice.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    settings = Settings(
        env=Environment.TEST, data_dir=tmp, secret_key=secrets.token_urlsafe(48), database_url=url
    )
    store = Store(settings, engine)
    for username, role, country in USERS:
        add_user(AddUser(username, role, PASSWORD, country), SYSTEM, store.uow())
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, name="uvicorn-browser-tests", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield LiveServer(f"http://127.0.0.1:{port}", store)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        engine.dispose()


@pytest.fixture(scope="module")
def browser(chromium_path: Path) -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(chromium_path), headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
