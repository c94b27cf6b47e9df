"""Issue 14, item 11: a 9 MB MRZ upload stalled /healthz for 12 s (parsed and screened on the loop)."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import httpx
import pytest

from rednotice.adapters.formats.screening_input import read_queries
from rednotice.bootstrap import Store
from rednotice.web import screening_api
from rednotice.web.app import create_app

SLOW = 1.5


def test_healthz_answers_while_an_upload_is_parsed_and_screened(
    store: Store, users: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = read_queries
    parsing = threading.Event()
    parsed: list[float] = []

    def slow_read(*args: Any, **kwargs: Any) -> Any:  # a large file: parsing takes a while
        parsing.set()
        time.sleep(SLOW)
        parsed.append(time.perf_counter())
        return real(*args, **kwargs)

    monkeypatch.setattr(screening_api, "read_queries", slow_read)
    app = create_app(store)
    line = "Ivanov,Ivan,1970-01-01\n"
    body = ("family_name,given_names,birth_date\n" + line * 2000).encode()

    async def scenario() -> tuple[int, int, float]:
        """The upload starts; once its parsing has begun, /healthz is asked; when does it answer?"""
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            upload = asyncio.create_task(
                client.post(
                    "/api/v1/screenings/upload",
                    files={"file": ("travellers.csv", body, "text/csv")},
                    data={"format": "csv"},
                    headers={"Authorization": f"Bearer {users['ncb-fr']}"},
                )
            )
            while not parsing.is_set():  # on the blocked loop, this wakes only after the parsing
                await asyncio.sleep(0.01)
            health = await client.get("/healthz")
            answered = time.perf_counter()
            done = await upload
            return health.status_code, done.status_code, answered

    health, uploaded, answered = asyncio.run(scenario())
    assert health == 200 and uploaded in (200, 202)
    assert answered < parsed[0], f"/healthz answered {answered - parsed[0]:.2f}s after the parsing ended"
