"""Issue 14, item 11: a 9 MB MRZ upload stalled /healthz for 12 s (parsed and screened on the loop)."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import httpx
import pytest

from rednotice.adapters.formats.screening_input import read_queries
from rednotice.bootstrap import Store
from rednotice.web import screening_api
from rednotice.web.app import create_app

PATIENCE = 30.0
"""How long the parsing waits for /healthz to answer: spent only when the loop is blocked (the failure)."""


def test_healthz_answers_while_an_upload_is_parsed_and_screened(
    store: Store, users: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = read_queries
    parsing = threading.Event()
    answered = threading.Event()
    seen: list[bool] = []

    def slow_read(*args: Any, **kwargs: Any) -> Any:
        """A large file: the parsing lasts until /healthz has answered (or PATIENCE runs out). Were it
        parsed on the event loop, /healthz could not answer before it ends: the wait runs out."""
        parsing.set()
        seen.append(answered.wait(PATIENCE))
        return real(*args, **kwargs)

    monkeypatch.setattr(screening_api, "read_queries", slow_read)
    app = create_app(store)
    line = "Ivanov,Ivan,1970-01-01\n"
    body = ("family_name,given_names,birth_date\n" + line * 2000).encode()

    async def scenario() -> tuple[int, int]:
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
            answered.set()
            done = await upload
            return health.status_code, done.status_code

    health, uploaded = asyncio.run(scenario())
    assert health == 200 and uploaded in (200, 202)
    assert seen == [True], f"/healthz did not answer within {PATIENCE:.0f}s while the upload was parsed"
