"""The screening and after-hit routes are matched before every other router's (issue 18: matching them
behind the others cost a tenth of a screening request's CPU). That order may change which route answers
a path only if two routes' paths overlap: none may."""

from __future__ import annotations

import re

from fastapi import APIRouter
from fastapi.routing import APIRoute

from rednotice.web import (
    after_hit_api,
    api,
    compliance_api,
    oversight,
    public_api,
    redress_api,
    review_api,
    screening_api,
)
from rednotice.web.pages import ROUTERS as PAGE_ROUTERS

FIRST: list[APIRouter] = [after_hit_api.router, screening_api.router]
OTHERS: list[APIRouter] = [
    api.auth_router,
    api.router,
    review_api.router,
    review_api.events_router,
    compliance_api.router,
    redress_api.router,
    public_api.router,
    oversight.router,
    *PAGE_ROUTERS,
]


def _routes(routers: list[APIRouter]) -> list[APIRoute]:
    return [r for router in routers for r in router.routes if isinstance(r, APIRoute)]


def _sample(path: str) -> str:
    """A concrete path the route answers: each parameter filled with a plain value."""
    return re.sub(r"\{[^}]+\}", "x1", path)


def _clashes(a: APIRoute, b: APIRoute) -> bool:
    same_method = bool((a.methods or set()) & (b.methods or set()))
    return same_method and bool(b.path_regex.match(_sample(a.path)) or a.path_regex.match(_sample(b.path)))


def test_the_routes_moved_first_overlap_no_other_route() -> None:
    first, others = _routes(FIRST), _routes(OTHERS)
    assert any(r.path == "/api/v1/screenings" and "POST" in (r.methods or set()) for r in first)
    assert len(others) > 50  # the routes behind them are really there
    clashes = [(a.path, b.path) for a in first for b in others if _clashes(a, b)]
    assert clashes == []


def test_the_check_finds_an_overlap() -> None:
    """A route with a parameter where a moved route has a fixed segment would clash."""
    moved = next(r for r in _routes(FIRST) if r.path == "/api/v1/screenings")
    catch_all = APIRoute("/api/v1/{anything}", endpoint=lambda: None, methods=["POST"])
    assert _clashes(moved, catch_all)
