"""An NCB's system talking to rednotice over its JSON API (docs/client.md), with httpx.

    REDNOTICE_PASSWORD=... python examples/ncb_client.py --url http://127.0.0.1:8000 --username ncb-fr \\
        --request request.json --manifest flight.edi

1. authenticate: exchange a username and password for a bearer token (``POST /api/v1/tokens``);
2. submit a red notice request (``POST /api/v1/requests``);
3. follow the decision: poll the notice (``GET /api/v1/notices/{ref}``) until the General Secretariat has
   decided, then read the decision;
4. screen a passenger manifest (``POST /api/v1/screenings/upload``): answered at once (200) or, for a large
   file, queued (202, follow ``Location``);
5. read the results as they stream, one JSON line per traveller (``GET /api/v1/screenings/{id}/results``).

Every function takes an ``httpx.Client`` whose ``base_url`` is the server: the test suite passes one that
talks to the application in process (tests/interface/test_client_example.py). Errors come as
``{"error": {"code", "message", "details"}}`` with a 4xx status: ``check`` turns them into ``ApiError``.
A red notice is not an arrest warrant: a hit is a lead to verify, never a reason to detain.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

WAITING = {"submitted", "under_review"}
"""States in which a request waits for the General Secretariat (``more_information_requested`` is a
decision too: the reviewer asks the NCB something)."""


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, details: dict[str, Any]) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status, self.code, self.message, self.details = status, code, message, details


def check(response: httpx.Response) -> httpx.Response:
    """The response, or ``ApiError`` with rednotice's error body."""
    if response.status_code >= 400:
        try:
            error = response.json()["error"]
        except (ValueError, KeyError, TypeError):
            error = {"code": "http_error", "message": response.text[:200], "details": {}}
        raise ApiError(response.status_code, error["code"], error["message"], error.get("details") or {})
    return response


def authenticate(client: httpx.Client, username: str, password: str, label: str = "ncb-system") -> str:
    """Sign in; every later request carries the token (``Authorization: Bearer``). Tokens expire (90 days
    by default): sign in again on a 401."""
    answer = check(
        client.post("/api/v1/tokens", json={"username": username, "password": password, "label": label})
    )
    token: str = answer.json()["token"]
    client.headers["Authorization"] = f"Bearer {token}"
    return token


def submit_request(client: httpx.Client, request: dict[str, Any]) -> dict[str, Any]:
    """Send a red notice request to review. The answer is the notice: its ``id`` (``2026/00001``), its
    ``state`` and its ``version``."""
    notice: dict[str, Any] = check(client.post("/api/v1/requests", json=request)).json()
    return notice


def url_ref(notice_id: str) -> str:
    """``2026/00001`` is written ``2026-00001`` in URLs."""
    return notice_id.replace("/", "-")


def follow_decision(
    client: httpx.Client, notice_id: str, every: float = 30.0, timeout: float = 7 * 24 * 3600.0
) -> dict[str, Any]:
    """Poll the notice until it leaves review; return it with its ``decision`` (what the reviewer decided
    and why, as the requesting NCB may read it). ``TimeoutError`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        notice: dict[str, Any] = check(client.get(f"/api/v1/notices/{url_ref(notice_id)}")).json()
        if notice["state"] not in WAITING:
            return notice
        if time.monotonic() >= deadline:
            raise TimeoutError(f"notice {notice_id} is still {notice['state']}")
        time.sleep(every)


def screen_manifest(
    client: httpx.Client, manifest: bytes, filename: str = "manifest.edi", every: float = 2.0
) -> dict[str, Any]:
    """Upload a manifest (PAXLST, MRZ lines, CSV or JSON Lines; the format is guessed from the content).
    A large one becomes a job: poll its ``Location`` until it is ``done`` (or ``failed``)."""
    answer = check(client.post("/api/v1/screenings/upload", files={"file": (filename, manifest)}))
    run: dict[str, Any] = answer.json()
    if answer.status_code == 202:
        location = answer.headers["Location"]
        while run["status"] not in ("done", "failed"):
            time.sleep(every)
            run = check(client.get(location)).json()
    return run


def stream_results(client: httpx.Client, run_id: str) -> Iterator[dict[str, Any]]:
    """One line per traveller, read as the server sends it: ``{"query_id", "matches": [{"notice_id",
    "score", "name", "reasons"}]}``, best match first (no match: an empty list)."""
    with client.stream("GET", f"/api/v1/screenings/{run_id}/results") as response:
        if response.status_code >= 400:
            response.read()
            check(response)
        for line in response.iter_lines():
            if line.strip():
                yield json.loads(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--username", required=True)
    parser.add_argument("--request", type=Path, help="a red notice request (JSON) to submit and follow")
    parser.add_argument("--manifest", type=Path, help="a passenger manifest to screen")
    parser.add_argument("--every", type=float, default=30.0, help="seconds between polls of the decision")
    args = parser.parse_args(argv)
    password = os.environ.get("REDNOTICE_PASSWORD")
    if not password:
        parser.error("set REDNOTICE_PASSWORD (never on the command line: it would stay in the shell history)")
    with httpx.Client(base_url=args.url, timeout=60.0) as client:
        try:
            authenticate(client, args.username, password)
            if args.request:
                notice = submit_request(client, json.loads(args.request.read_text()))
                print(f"submitted {notice['id']} ({notice['state']})")
                notice = follow_decision(client, notice["id"], every=args.every)
                print(f"{notice['id']}: {notice['state']}; decision: {json.dumps(notice.get('decision'))}")
            if args.manifest:
                run = screen_manifest(client, args.manifest.read_bytes(), args.manifest.name)
                print(f"screening {run['id']}: {run['total']} travellers, {run['hits']} with a hit")
                for problem in run["input_errors"]:
                    print(f"  not screened: line {problem.get('line')}: {problem.get('reason')}")
                for line in stream_results(client, run["id"]):
                    for match in line["matches"]:
                        who = f"{match['notice_id']} {match['name']}"
                        print(f"  {line['query_id']}: {who} ({match['score']:.2f})")
        except ApiError as exc:
            print(f"refused: {exc}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
