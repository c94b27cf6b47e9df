"""Every route of the app × every role, against an explicit table of who may use what.

The table (``EXPECTED``) is keyed by (method, route path pattern). A route added without an entry fails
``test_every_route_has_an_entry`` naming the route. For each route and role the answer must be:

* allowed: 2xx or 3xx, or a 4xx that is about the request itself (400, 409, 413, 422);
* refused: 401/403/404 on the API; on pages a redirect to /login (nobody signed in) or 403/404;
* never a 5xx.

Path parameters are real ids made in the fixture; JSON bodies are valid where a body is needed, so a refusal
is the authorisation's, not the body validation's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from starlette.routing import Mount, Route

from rednotice.adapters.formats.request_json import parse_request
from rednotice.bootstrap import Store
from rednotice.domain.compliance.context import ProtectionStatus
from rednotice.domain.lifecycle import Action
from rednotice.domain.redress import (
    ApplicantKind,
    DocumentKind,
    Filing,
    IdProof,
    PositionGround,
    PositionKind,
    RequestKind,
    Upload,
)
from rednotice.domain.screening.query import ScreeningQuery
from rednotice.domain.users import SYSTEM, Actor, Role
from rednotice.services import notices as ns
from rednotice.services import redress as rs
from rednotice.services import screening as sc
from rednotice.services import users as account_service
from rednotice.services.users import AddUser, add_user
from rednotice.web.app import create_app
from tests.factories import request_dict

PASSWORD = "matrix password 123"
FR = Actor("m.fr", Role.NCB_OFFICER, "FR")
DE = Actor("m.de", Role.NCB_OFFICER, "DE")
REVIEWER = Actor("m.reviewer", Role.REVIEWER)
CCF = Actor("m.ccf", Role.CCF)
OVERSIGHT = Actor("m.oversight", Role.OVERSIGHT)
ADMIN = Actor("m.admin", Role.ADMIN)
ACTORS = {
    "ncb_req": FR,  # an officer of the country that requested the notice
    "ncb_other": DE,  # an officer of another country
    "reviewer": REVIEWER,
    "ccf": CCF,
    "oversight": OVERSIGHT,
    "admin": ADMIN,
}
ROLES = ("anon", *ACTORS)

# -- who may use what ---------------------------------------------------------------------------------------

ALL = frozenset(ROLES)
SIGNED_IN = ALL - {"anon"}
NCB = frozenset({"ncb_req", "ncb_other"})
REQ = frozenset({"ncb_req"})
REV = frozenset({"reviewer"})
CCF_ONLY = frozenset({"ccf"})
NOBODY: frozenset[str] = frozenset()
SEE_NOTICES = NCB | REV | CCF_ONLY
"""Who reads notices (oversight sees figures, administrators manage accounts)."""
SCREEN = NCB | REV
FIGURES = frozenset({"oversight", "reviewer", "ccf"})

EXPECTED: dict[tuple[str, str], frozenset[str]] = {
    # documentation and operations
    ("GET", "/openapi.json"): ALL,
    ("GET", "/docs"): ALL,
    ("GET", "/redoc"): ALL,
    ("GET", "/healthz"): ALL,
    ("GET", "/static"): ALL,
    # pages: sign-in
    ("GET", "/login"): ALL,
    ("POST", "/login"): ALL,
    ("POST", "/logout"): ALL,
    ("POST", "/language"): ALL,  # the language switch (issue 16, item 14)
    ("GET", "/"): SIGNED_IN,
    # pages: notices and review
    ("GET", "/notices"): SEE_NOTICES,
    ("GET", "/notices/{ref}"): SEE_NOTICES,
    ("POST", "/notices/{ref}/actions"): SEE_NOTICES,  # the use case refuses with a message on the page
    ("GET", "/review"): REV,
    ("POST", "/notices/{ref}/resolutions"): SEE_NOTICES,
    ("POST", "/notices/{ref}/exception"): SEE_NOTICES,
    ("POST", "/notices/{ref}/exception/confirm"): SEE_NOTICES,
    ("POST", "/notices/{ref}/article3"): SEE_NOTICES,
    ("GET", "/requests/new"): NCB,
    ("GET", "/requests/new/charge"): NCB,
    ("POST", "/requests/new"): NCB,
    ("POST", "/requests/check"): NCB,
    ("GET", "/public/notices"): ALL,
    ("GET", "/public/notices/{ref}"): ALL,
    # pages: screening
    ("GET", "/screening"): SCREEN,
    ("POST", "/screening/query"): SCREEN,
    ("POST", "/screening/mrz"): SCREEN,
    ("POST", "/screening/upload"): SCREEN,
    ("GET", "/screening/runs/{run_id}"): REQ | REV,  # the run of an FR officer: FR's bureau and reviewers
    ("GET", "/screening/runs/{run_id}/progress"): REQ | REV,
    ("POST", "/screening/hits/{hit_id}/outcome"): REQ,  # only the locating bureau records the outcome
    # pages: the CCF
    ("GET", "/ccf"): CCF_ONLY,
    ("GET", "/ccf/cases/{case_id}"): CCF_ONLY,
    ("POST", "/ccf/cases/{case_id}/admissibility"): CCF_ONLY,
    ("POST", "/ccf/cases/{case_id}/notices"): CCF_ONLY,
    ("POST", "/ccf/cases/{case_id}/block"): CCF_ONLY,
    ("POST", "/ccf/cases/{case_id}/consultations"): CCF_ONLY,
    ("POST", "/ccf/cases/{case_id}/decision"): CCF_ONLY,
    ("POST", "/ccf/cases/{case_id}/informed"): CCF_ONLY,
    ("POST", "/ccf/cases/{case_id}/ask-applicant"): CCF_ONLY,
    ("GET", "/ccf/cases/{case_id}/documents/{doc_id}"): CCF_ONLY,  # never the requesting NCB
    # pages: amending a request (the fixture's notice is published: 409 for its bureau, refused for others)
    ("GET", "/notices/{ref}/edit"): REQ,
    ("POST", "/notices/{ref}/edit"): REQ,
    # API: tokens, requests and notices
    ("POST", "/api/v1/tokens"): ALL,  # the credentials in the body decide
    ("POST", "/api/v1/requests"): NCB,
    ("GET", "/api/v1/notices"): SEE_NOTICES,
    ("GET", "/api/v1/notices/{ref}"): SEE_NOTICES,
    ("PUT", "/api/v1/notices/{ref}"): REQ,
    ("POST", "/api/v1/notices/{ref}/transitions"): SEE_NOTICES,  # 409 for an action the role may not take
    # API: review and compliance
    ("GET", "/api/v1/review/queue"): REV,
    ("GET", "/api/v1/review/{ref}"): REV | CCF_ONLY,
    ("POST", "/api/v1/review/{ref}/resolutions"): REV,
    ("POST", "/api/v1/review/{ref}/exception"): REV,
    ("POST", "/api/v1/review/{ref}/exception/confirm"): REV,
    ("POST", "/api/v1/review/{ref}/article3"): REV,
    # the pre-check: NCB officers for their own country's requests, and reviewers
    ("GET", "/screening/hits/{hit_id}/safeguards"): REQ | REV | CCF_ONLY,  # the locating bureau and officials
    ("POST", "/screening/hits/{hit_id}/safeguards"): REQ,
    # pages: redress (public forms, NCB protection)
    ("GET", "/ccf/apply"): ALL,
    ("POST", "/ccf/apply"): ALL,  # anyone files a request to the CCF, without an account
    ("GET", "/ccf/my-case"): ALL,
    ("POST", "/ccf/my-case"): ALL,  # the access code decides (422 for a wrong or empty one)
    ("POST", "/ccf/my-case/answer"): ALL,  # the access code decides (nothing was asked: 422)
    ("GET", "/harassment/report"): ALL,
    ("POST", "/harassment/report"): ALL,
    ("GET", "/refugee-status/new"): NCB,
    ("POST", "/refugee-status/new"): NCB,
    ("GET", "/notices/{ref}/position"): frozenset({"ncb_other"}),  # never on one's own notice
    ("POST", "/notices/{ref}/position"): frozenset({"ncb_other"}),
    ("GET", "/admin/users"): frozenset({"admin"}),
    ("POST", "/admin/users"): frozenset({"admin"}),
    ("POST", "/admin/users/{username}/token"): frozenset({"admin"}),
    ("GET", "/admin/users/{account}"): frozenset({"admin"}),  # account administration (issue 16, item 10)
    ("POST", "/admin/users/{account}/deactivate"): frozenset({"admin"}),
    ("POST", "/admin/users/{account}/reactivate"): frozenset({"admin"}),
    ("POST", "/admin/users/{account}/password-reset"): frozenset({"admin"}),
    ("POST", "/admin/users/{account}/tokens/{public_id}/revoke"): frozenset({"admin"}),
    ("POST", "/admin/users/{account}/sessions/{public_id}/revoke"): frozenset({"admin"}),
    ("GET", "/reset-password"): ALL,  # the person sets a new password with a one-time code
    ("POST", "/reset-password"): ALL,
    ("DELETE", "/api/v1/tokens/current"): SIGNED_IN,  # answers 422 to a browser session (no token)
    ("POST", "/api/v1/compliance/check"): NCB | REV,  # each officer sends its own country (see the loop)
    ("POST", "/api/v1/political-events"): REV | frozenset({"admin"}),  # reviewers keep the register
    ("GET", "/api/v1/political-events/{country}"): REV | CCF_ONLY | frozenset({"admin", "oversight"}),
    # API: redress
    ("POST", "/api/v1/ccf/applications"): ALL,  # anyone files a request to the CCF, without an account
    ("GET", "/api/v1/ccf/my-case"): ALL,  # the access code decides
    ("GET", "/api/v1/ccf/cases"): CCF_ONLY,
    ("GET", "/api/v1/ccf/report"): CCF_ONLY | REV | frozenset({"oversight"}),
    ("GET", "/api/v1/ccf/cases/{case_id}"): CCF_ONLY,
    ("POST", "/api/v1/ccf/cases/{case_id}/admissibility"): CCF_ONLY,
    ("POST", "/api/v1/ccf/cases/{case_id}/notices"): CCF_ONLY,
    ("POST", "/api/v1/ccf/cases/{case_id}/consultations"): CCF_ONLY,
    ("POST", "/api/v1/ccf/cases/{case_id}/block"): CCF_ONLY,
    ("POST", "/api/v1/ccf/cases/{case_id}/decision"): CCF_ONLY,
    ("POST", "/api/v1/ccf/cases/{case_id}/informed"): CCF_ONLY,
    ("GET", "/api/v1/ccf/consultations"): NCB,
    ("POST", "/api/v1/ccf/consultations/{case_id}/{number}/answer"): REQ,  # only the consulted NCB
    ("POST", "/api/v1/refugee-status"): NCB,
    ("GET", "/api/v1/refugee-status"): NCB | REV | CCF_ONLY,
    # the granting country (DE here), or the CCF or a reviewer recording it
    ("POST", "/api/v1/refugee-status/{conf_id}/end"): frozenset({"ncb_other"}) | REV | CCF_ONLY,
    ("POST", "/api/v1/refugee-status/{conf_id}/restore"): REV,
    ("POST", "/api/v1/harassment-reports"): ALL,  # anyone reports harassment
    ("GET", "/api/v1/harassment-reports"): REV | CCF_ONLY,
    ("GET", "/api/v1/harassment-reports/figures"): REV | CCF_ONLY | frozenset({"oversight"}),
    ("POST", "/api/v1/notices/{ref}/positions"): frozenset({"ncb_other"}),  # never on one's own notice
    ("GET", "/api/v1/notices/{ref}/positions"): SEE_NOTICES,
    ("POST", "/api/v1/positions/{position_id}/answer"): REV,
    ("GET", "/api/v1/review-flags"): REV | CCF_ONLY,
    ("POST", "/api/v1/review-flags/{flag_id}/resolve"): REV,
    ("GET", "/api/v1/notifications"): NCB | REV | CCF_ONLY,  # the CCF and reviewers read the GS's
    # the public API
    ("GET", "/notices/v1/red"): ALL,
    ("GET", "/notices/v1/red/{notice_ref}"): ALL,
    ("GET", "/notices/v1/red/{notice_ref}/images"): ALL,
    # figures (web/oversight.py): full figures for oversight, reviewers and the CCF; public ones for all
    ("GET", "/api/v1/figures"): FIGURES,
    ("GET", "/oversight"): FIGURES,
    ("GET", "/oversight/countries/{cc}"): FIGURES,
    ("GET", "/oversight/countries/{cc}/report.{fmt}"): FIGURES,
    ("GET", "/transparency"): ALL,
    ("GET", "/transparency/countries/{cc}"): ALL,
    ("GET", "/transparency/countries/{cc}/report.{fmt}"): ALL,
    ("GET", "/transparency/v1/figures"): ALL,
    # API: screening
    ("POST", "/api/v1/screenings"): SCREEN,
    ("POST", "/api/v1/screenings/upload"): SCREEN,
    ("GET", "/api/v1/screenings/{run_id}"): REQ | REV,
    ("GET", "/api/v1/screenings/{run_id}/results"): REQ | REV,
    ("GET", "/api/v1/screenings/{run_id}/hits"): REQ | REV,
    ("POST", "/api/v1/hits/{hit_id}/outcome"): REQ,  # only the locating bureau
    # after a hit (in this fixture FR is both the requesting and the locating country)
    ("GET", "/api/v1/hits/{hit_id}/safeguards"): REQ | REV | CCF_ONLY,
    ("POST", "/api/v1/hits/{hit_id}/safeguards"): REQ,
    ("GET", "/api/v1/hits/{hit_id}/follow-up"): REQ | REV | CCF_ONLY,
    ("POST", "/api/v1/hits/{hit_id}/extradition-request"): frozenset(),  # the person is not located here
    ("POST", "/api/v1/hits/{hit_id}/extradition-refused"): REQ,
    ("GET", "/api/v1/notices/{ref}/addenda"): SEE_NOTICES,
}
ALLOWED_4XX = frozenset({400, 409, 413, 422})
"""Answers about the request itself: an allowed role may get them (a state conflict, a rule)."""
API_PREFIXES = ("/api/", "/notices/v1", "/transparency/v1", "/openapi.json", "/docs", "/redoc", "/healthz")


def app_routes(app: FastAPI) -> list[tuple[str, str]]:
    """Every (method, path pattern) the app answers, including those of included routers and mounts."""
    out: set[tuple[str, str]] = set()

    def walk(routes: list[Any], prefix: str) -> None:
        for r in routes:
            if isinstance(r, Mount):
                out.add(("GET", prefix + r.path))
            elif isinstance(r, APIRoute | Route):
                for m in r.methods or ():
                    if m != "HEAD":
                        out.add((m, prefix + r.path))
            elif hasattr(r, "original_router"):  # FastAPI's included routers
                walk(list(r.original_router.routes), prefix + getattr(r.include_context, "prefix", ""))
            else:
                raise AssertionError(f"a kind of route this test does not know: {r!r}")

    walk(list(app.routes), "")
    return sorted(out, key=lambda x: (x[1], x[0]))


# -- the world the requests are made in ---------------------------------------------------------------------


@dataclass
class World:
    store: Store
    app: FastAPI
    ids: dict[str, str]


@pytest.fixture
def world(store: Store) -> Iterator[World]:
    for actor in ACTORS.values():
        add_user(AddUser(actor.username, actor.role, PASSWORD, actor.country), SYSTEM, store.uow())
    data = request_dict()
    data["requesting_country"] = "FR"
    data["visibility"] = {"restricted_to": None, "excluded_countries": [], "public_extract": True}
    notice = ns.create_request(ns.CreateRequest(parse_request(data)), FR, store.uow())
    ns.transition(ns.Transition(notice.id, Action.START_REVIEW), REVIEWER, store.uow())
    notice = ns.transition(ns.Transition(notice.id, Action.PUBLISH, "compliant"), REVIEWER, store.uow())
    subject = notice.request.subject
    app = create_app(store)
    engine: sc.ScreeningEngine = app.state.screening_engine
    query = ScreeningQuery(id="q1", family_name=subject.family_name, given_names=subject.given_names)
    run = sc.screen(sc.Screen([query], "form"), FR, engine, store.uow)
    hits = sc.list_hits(run.id, FR, store.uow())
    assert hits, "the fixture's screening must hit the notice"
    # the CCF case concerns another notice, so that its block and decision leave the first one in force
    data = request_dict(
        **{
            "subject.family_name": "KOWALSKA",
            "subject.given_names": "Ana",
            "subject.sex": "F",
            "subject.date_of_birth": "1960-09-30",
            "subject.nationalities": ["PL"],
        }
    )
    data["requesting_country"] = "FR"
    case_notice = ns.create_request(ns.CreateRequest(parse_request(data)), FR, store.uow())
    ns.transition(ns.Transition(case_notice.id, Action.START_REVIEW), REVIEWER, store.uow())
    ns.transition(ns.Transition(case_notice.id, Action.PUBLISH, "compliant"), REVIEWER, store.uow())
    filing = Filing(
        RequestKind.DELETION,
        ApplicantKind.PERSON,
        case_notice.request.subject,
        IdProof(True, True, True, True),
        True,
        "Delete the notice: it is political.",
        "en",
        notice_id=case_notice.id,
    )
    case, code = rs.file_case(filing, store.uow(), [Upload("id.pdf", b"%PDF-1.4 id", DocumentKind.IDENTITY)])
    doc_id = rs.case_exchanges(case.id, CCF, store.uow())["documents"][0]["id"]
    rs.assess_case(case.id, CCF, store.uow())
    due = store.clock().replace(year=store.clock().year + 1)
    rs.consult(case.id, case_notice.id, "Is this case political in character?", due, CCF, store.uow())
    other = parse_request(request_dict(**{"subject.family_name": "REFUGEEPERSON"})).subject
    conf = rs.confirm_refugee(other, ProtectionStatus.REFUGEE, "TR", "granted 2020", DE, store.uow())
    position = rs.record_position(
        notice.id, PositionKind.CONCERN, [PositionGround.ARTICLE_3], "Political.", [], False, DE, store.uow()
    )
    flags = rs.review_flags(REVIEWER, store.uow())
    # the account administrators act on: not one the matrix signs in with (a deactivation would sign it out)
    add_user(AddUser("m.account", Role.REVIEWER, PASSWORD), SYSTEM, store.uow())
    account_service.issue_token("m.account", "matrix", SYSTEM, store.uow())
    [account_token] = account_service.credentials("m.account", SYSTEM, store.uow())[1]
    ids = {
        "ref": notice.id.replace("/", "-"),
        "notice_ref": notice.id.replace("/", "-"),
        "run_id": run.id,
        "hit_id": str(hits[0]["id"]),
        "case_id": case.id,
        "doc_id": doc_id,
        "number": "1",
        "conf_id": str(conf.id),
        "position_id": str(position.id),
        "flag_id": str(flags[0]["id"]) if flags else "1",
        "notice_id": notice.id,
        "case_notice_id": case_notice.id,
        "access_code": code,
        "cc": "FR",
        "username": FR.username,
        "account": "m.account",
        "public_id": account_token.public_id,
        "country": "FR",
        "fmt": "csv",
    }
    yield World(store, app, ids)


def _bodies(ids: dict[str, str]) -> dict[tuple[str, str], dict[str, Any]]:
    request = request_dict()
    subject = request["subject"]
    return {
        ("POST", "/api/v1/tokens"): {"username": FR.username, "password": PASSWORD},
        ("POST", "/api/v1/requests"): request,
        ("PUT", "/api/v1/notices/{ref}"): request,
        ("POST", "/api/v1/notices/{ref}/transitions"): {"action": "start_review"},
        ("POST", "/api/v1/review/{ref}/resolutions"): {"code": "RN-09", "resolution": "Checked: fine."},
        ("POST", "/api/v1/review/{ref}/exception"): {"reasons": "Particular importance."},
        ("POST", "/api/v1/review/{ref}/exception/confirm"): {"reasons": "Confirmed."},
        ("POST", "/api/v1/review/{ref}/article3"): {"factors": {}, "conclusion": "Ordinary crime."},
        ("POST", "/api/v1/compliance/check"): request,
        ("POST", "/api/v1/political-events"): {
            "country": "FR",
            "kind": "election",
            "on": "2025-05-01",
            "description": "Presidential election.",
        },
        ("POST", "/api/v1/ccf/applications"): {
            "kind": "access",
            "subject": subject,
            "id_proof": {"name": True},
            "purpose": "Know what is held.",
        },
        ("POST", "/api/v1/ccf/cases/{case_id}/notices"): {"notice_id": ids["case_notice_id"]},
        ("POST", "/api/v1/ccf/cases/{case_id}/consultations"): {
            "notice_id": ids["case_notice_id"],
            "question": "Any new facts?",
            "due": "2030-01-01T00:00:00Z",
        },
        ("POST", "/api/v1/ccf/cases/{case_id}/block"): {"reasons": "Precaution while we decide."},
        ("POST", "/api/v1/ccf/cases/{case_id}/decision"): {"outcome": "compliant", "reasons": "x"},
        ("POST", "/api/v1/ccf/consultations/{case_id}/{number}/answer"): {"answer": "Not political."},
        ("POST", "/api/v1/refugee-status"): {
            "subject": {**subject, "family_name": "OTHERPERSON"},
            "status": "refugee",
            "persecution_country": "TR",
        },
        ("POST", "/api/v1/refugee-status/{conf_id}/end"): {"reason": "Status ended."},
        ("POST", "/api/v1/refugee-status/{conf_id}/restore"): {"notice_id": "2026-99999", "reasons": "x"},
        ("POST", "/api/v1/harassment-reports"): {
            "reporter_kind": "relative",
            "victim_name": "A relative",
            "victim_relation": "sister",
            "kinds": ["threats"],
            "description": "Threatened by phone.",
        },
        ("POST", "/api/v1/notices/{ref}/positions"): {"kind": "concern", "text": "We have concerns."},
        ("POST", "/api/v1/positions/{position_id}/answer"): {"answer": "Answered."},
        ("POST", "/api/v1/review-flags/{flag_id}/resolve"): {"resolution": "Reviewed."},
        ("POST", "/api/v1/screenings"): {"queries": [{"name": "Nobody Known"}]},
        ("POST", "/api/v1/hits/{hit_id}/outcome"): {"outcome": "no_action"},
        ("POST", "/api/v1/hits/{hit_id}/safeguards"): {"treaty_in_force": "unknown"},
        ("POST", "/api/v1/hits/{hit_id}/extradition-request"): {"reference": "X"},
        ("POST", "/api/v1/hits/{hit_id}/extradition-refused"): {
            "grounds": ["art2"],
            "reasons": "Refused by the court.",
        },
    }


PAGE_FORMS: dict[tuple[str, str], dict[str, str]] = {
    ("POST", "/screening/query"): {"name": "Nobody Known"},
    ("POST", "/screening/mrz"): {"mrz": "not an mrz"},
    ("POST", "/screening/hits/{hit_id}/outcome"): {"outcome": "no_action"},
    ("POST", "/notices/{ref}/actions"): {"action": "start_review"},
    ("POST", "/ccf/cases/{case_id}/notices"): {"notice_id": "2026-99999"},
}
QUERIES = {("PUT", "/api/v1/notices/{ref}"): {"expected_version": "3"}}  # the current version
UPLOADS = {
    ("POST", "/screening/upload"): ("pax.csv", b"name\nNobody Known\n"),
    ("POST", "/api/v1/screenings/upload"): ("pax.csv", b"name\nNobody Known\n"),
}

_PARAM = re.compile(r"{(\w+)}")
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def _url(path: str, ids: dict[str, str]) -> str:
    if path == "/static":
        return "/static/rednotice.css"
    return _PARAM.sub(lambda m: ids[m.group(1)], path)


def _client(world: World, role: str) -> tuple[TestClient, str]:
    client = TestClient(world.app, base_url="https://testserver", follow_redirects=False)
    page = client.get("/login")
    token = _CSRF.search(page.text)
    assert token
    if role == "anon":
        return client, token.group(1)
    actor = ACTORS[role]
    r = client.post(
        "/login", data={"username": actor.username, "password": PASSWORD, "csrf_token": token.group(1)}
    )
    assert r.status_code == 303, r.text
    token = _CSRF.search(client.get("/").text)
    assert token
    return client, token.group(1)


def _is_api(path: str) -> bool:
    return path.startswith(API_PREFIXES)


def judge(method: str, path: str, role: str, status: int, location: str) -> str | None:
    """None if the answer is what the table expects; else why not."""
    allowed = role in EXPECTED[(method, path)]
    if status >= 500:
        return f"server error {status}"
    if allowed:
        if status < 400 or status in ALLOWED_4XX:
            return None
        return f"allowed, but answered {status}"
    if _is_api(path):
        return None if status in (401, 403, 404) else f"refused expected (401/403/404), got {status}"
    if status in (403, 404):
        return None
    if role == "anon" and status in (302, 303, 307) and location.startswith("/login"):
        return None
    return f"refused expected (login redirect or 403/404), got {status} {location}"


def test_every_route_has_an_entry(world: World) -> None:
    routes = app_routes(world.app)
    missing = [f"{m} {p}" for m, p in routes if (m, p) not in EXPECTED]
    assert not missing, (
        "routes without an entry in tests/interface/test_authz_matrix.py EXPECTED — add who may use them: "
        + ", ".join(missing)
    )
    stale = [f"{m} {p}" for m, p in EXPECTED if (m, p) not in set(routes)]
    assert not stale, "entries for routes the app no longer has: " + ", ".join(stale)


def test_every_route_answers_every_role_as_the_table_says(world: World) -> None:
    routes = [r for r in app_routes(world.app) if r in EXPECTED]
    bodies = _bodies(world.ids)
    headers = {("GET", "/api/v1/ccf/my-case"): {"X-Access-Code": world.ids["access_code"]}}
    # reads first, then writes, signing out last; within a route, refused roles before allowed ones (whose
    # writes change state)
    routes.sort(key=lambda r: (r == ("POST", "/logout"), r[0] != "GET", r[1]))
    clients = {role: _client(world, role) for role in ROLES}
    problems = []
    try:
        for method, path in routes:
            order = sorted(ROLES, key=lambda role: role in EXPECTED[(method, path)])
            for role in order:
                client, token = clients[role]
                url = _url(path, world.ids)
                kwargs: dict[str, Any] = {
                    "headers": headers.get((method, path), {}),
                    "params": QUERIES.get((method, path), {}),
                }
                if (method, path) in UPLOADS:
                    name, content = UPLOADS[(method, path)]
                    kwargs["files"] = {"file": (name, content)}
                    kwargs["data"] = {"csrf_token": token}
                elif _is_api(path) and method != "GET":
                    body = bodies.get((method, path), {})
                    if "requesting_country" in body and role in ACTORS and ACTORS[role].country:
                        body = {**body, "requesting_country": ACTORS[role].country}  # one's own country
                    kwargs["json"] = body
                elif method != "GET":
                    kwargs["data"] = {"csrf_token": token, **PAGE_FORMS.get((method, path), {})}
                r = client.request(method, url, **kwargs)
                why = judge(method, path, role, r.status_code, r.headers.get("location", ""))
                if why:
                    problems.append(f"{method} {path} as {role}: {why} — {r.text[:160]!r}")
    finally:
        for client, _ in clients.values():
            client.close()
    assert not problems, "\n".join(problems)
