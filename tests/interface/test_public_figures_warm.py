"""The public figures of the closed period are counted by the server's background thread, not by a page
(issue 18 item 4: a public page never recounts)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from types import SimpleNamespace

import pytest
from fastapi.testclient import TestClient

from rednotice.bootstrap import Store
from rednotice.web import app as web_app
from rednotice.web import oversight
from rednotice.web.app import create_app
from tests.conftest import FakeClock
from tests.store.test_figures_store import build_store


@pytest.fixture
def background_store(store: Store, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """The server's background threads on, of which only the figures' one really starts (the index and
    job threads loop for ever: they would outlive the test's store), sleeping past the test once done."""
    build_store(store, clock)
    store.settings = store.settings.model_copy(update={"background": True})

    def only_figures(*, target: Callable[[], None], name: str, daemon: bool) -> threading.Thread:
        thread = threading.Thread(target=target, name=name, daemon=daemon)
        if name != "rednotice-figures":
            thread.start = lambda: None  # type: ignore[method-assign]
        return thread

    monkeypatch.setattr(web_app, "threading", SimpleNamespace(Thread=only_figures, Lock=threading.Lock))
    monkeypatch.setattr(oversight, "WARM_EVERY", 10**6)
    yield store


def test_the_background_counts_the_public_table_and_pages_only_read_it(background_store: Store) -> None:
    app = create_app(background_store)
    with TestClient(app) as client:
        cache = oversight.public_cache(app)
        deadline = time.monotonic() + 60
        while cache.computed == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert cache.computed == 1, "the background thread did not count the public figures in 60 s"
        for path in (
            "/transparency",
            "/transparency/v1/figures",
            "/transparency/v1/figures?country=RU&format=csv",
            "/transparency/countries/RU",
        ):
            assert client.get(path).status_code == 200, path
        assert cache.computed == 1, "a public page counted the figures again"
        # the thread's next round finds the table kept: nothing is counted again
        oversight.warm_public_figures(app, background_store)
        assert cache.computed == 1
