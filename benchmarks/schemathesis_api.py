"""schemathesis over the whole JSON API, longer than the suite's run (tests/interface/test_openapi_fuzz.py).

``python -m benchmarks --only schemathesis [--fuzz-examples N]`` or
``python -m benchmarks.schemathesis_api [N]``

A temporary SQLite store holds a published notice, a screening with a hit and a CCF case; every operation
of ``/openapi.json`` gets ``N`` generated requests (default 100), each sent with the tokens of an NCB
officer, a reviewer and the CCF, in process (ASGI). Checks: no 5xx, every answer matches its documented
schema, and every status sent is documented. Reported: operations exercised, requests, statuses, and the
failures (one line per operation and check). Baseline, same run: ``GET /healthz`` through the same
client (ratio: the mean cost of a fuzzed request against the cheapest one).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance
from tests.factories import request_dict

from rednotice.adapters.db.engine import make_engine
from rednotice.adapters.db.migrate import upgrade
from rednotice.adapters.formats.request_json import parse_request
from rednotice.bootstrap import Store
from rednotice.config import Environment, Settings
from rednotice.domain.lifecycle import Action
from rednotice.domain.users import SYSTEM, Actor, Role
from rednotice.services import notices as ns
from rednotice.services import users as us
from rednotice.web.app import create_app

ACTORS = (
    Actor("bench.fr", Role.NCB_OFFICER, "FR"),
    Actor("bench.reviewer", Role.REVIEWER),
    Actor("bench.ccf", Role.CCF),
)
NOT_FUZZED = {"DELETE /api/v1/tokens/current"}
"""Revoking the fuzzer's own tokens would turn every later answer into 401."""
CHECKS = {
    "no 5xx": not_a_server_error,
    "schema": response_schema_conformance,
    "status documented": status_code_conformance,
}


def _store(tmp: str) -> Store:
    url = f"sqlite:///{tmp}/fuzz.sqlite3"
    engine = make_engine(url)
    upgrade(engine)
    config = Settings(
        env=Environment.TEST, data_dir=Path(tmp), secret_key="b" * 40, database_url=url, background=False
    )
    return Store(config, engine, lambda: datetime.now(UTC))


def _seed(client: TestClient, store: Store) -> list[dict[str, str]]:
    for actor in ACTORS:
        us.add_user(
            us.AddUser(actor.username, actor.role, "bench password 1234", actor.country), SYSTEM, store.uow()
        )
    fr, reviewer, _ = ACTORS
    notice = ns.create_request(ns.CreateRequest(parse_request(request_dict())), fr, store.uow())
    ns.transition(ns.Transition(notice.id, Action.START_REVIEW), reviewer, store.uow())
    ns.transition(ns.Transition(notice.id, Action.PUBLISH, "compliant"), reviewer, store.uow())
    headers = [
        {"Authorization": f"Bearer {us.issue_token(a.username, 'bench', SYSTEM, store.uow())}"}
        for a in ACTORS
    ]
    query = {"id": "t1", "family_name": "DURAND", "given_names": "Paul Henri", "birth_date": "1971-04-02"}
    client.post("/api/v1/screenings", json={"queries": [query], "country": "DE"}, headers=headers[1])
    client.post("/api/v1/screenings", json={"queries": [query]}, headers=headers[0])
    subject = {"family_name": "DURAND", "given_names": "Paul Henri", "date_of_birth": "1971-04-02"}
    client.post(
        "/api/v1/ccf/applications",
        json={"kind": "access", "subject": subject, "id_proof": {"name": True}, "signed": True},
    )
    return headers


def run(examples: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        store = _store(tmp)
        app = create_app(store)
        with TestClient(app) as client:
            headers = _seed(client, store)
            started = time.perf_counter()
            for _ in range(200):
                client.get("/healthz")
            healthz_ms = (time.perf_counter() - started) / 200 * 1000
        schema = schemathesis.openapi.from_asgi("/openapi.json", app)
        statuses: Counter[int] = Counter()
        failures: list[str] = []
        operations = 0
        requests = 0
        current: list[dict[str, str]] = [{}]  # the failures of the operation being fuzzed
        started = time.perf_counter()
        for result in schema.get_all_operations():
            operation = result.ok()  # type: ignore[union-attr]
            key = f"{operation.method.upper()} {operation.path}"
            if key in NOT_FUZZED:
                continue
            operations += 1
            found: dict[str, str] = {}
            current[0] = found

            @settings(
                max_examples=examples,
                deadline=None,
                suppress_health_check=list(HealthCheck),
                database=None,
                phases=[Phase.explicit, Phase.generate],
            )
            @given(case=operation.as_strategy())
            def fuzz(case: Any) -> None:
                nonlocal requests
                for h in headers:
                    response = case.call(headers=h)
                    requests += 1
                    statuses[response.status_code] += 1
                    seen = current[0]
                    for name, check in CHECKS.items():
                        if name in seen:
                            continue
                        try:
                            case.validate_response(response, checks=[check])
                        except Exception as exc:  # recorded; the run goes on
                            seen[name] = str(exc).strip().splitlines()[0][:200]

            fuzz()
            failures += [f"{key} [{name}]: {message}" for name, message in found.items()]
        fuzz_ms = (time.perf_counter() - started) / max(requests, 1) * 1000
    return {
        "operations": operations,
        "requests": requests,
        "statuses": dict(sorted(statuses.items())),
        "failures": failures,
        "ms": fuzz_ms,
        "healthz_ms": healthz_ms,
    }


def bench_schemathesis(examples: int = 100) -> list[dict[str, object]]:
    result = run(examples)
    failures: list[str] = result["failures"]
    fives = sum(n for status, n in result["statuses"].items() if status >= 500)
    note = (
        f"{result['operations']} operations, {result['requests']} requests ({examples} examples x "
        f"{len(ACTORS)} tokens), statuses {result['statuses']}, {fives} 5xx, {len(failures)} failures"
    )
    rows: list[dict[str, object]] = [
        {
            "benchmark": "schemathesis: whole JSON API, signed in",
            "baseline": "GET /healthz",
            "baseline_ms": result["healthz_ms"],
            "ms": result["ms"],
            "per_second": 1000 / result["ms"] if result["ms"] else None,
            "ratio": result["ms"] / result["healthz_ms"] if result["healthz_ms"] else None,
            "note": note,
        }
    ]
    rows += [{"benchmark": "schemathesis failure", "baseline": "—", "note": f} for f in failures]
    return rows


if __name__ == "__main__":
    for row in bench_schemathesis(int(sys.argv[1]) if len(sys.argv) > 1 else 100):
        print(row)
