"""Screening in the API: single queries and batches (up to 10,000 at once; larger ones as jobs), uploads
of MRZ / PAXLST / CSV / JSON Lines files, job progress, downloadable results, hits and their outcomes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from rednotice.adapters.formats.screening_input import FORMATS, guess_format, query_from_mapping, read_queries
from rednotice.domain.errors import InvalidInput, TooLarge
from rednotice.domain.screening.query import ScreeningQuery
from rednotice.services import screening as sc
from rednotice.web.api import ERRORS, TYPED, Out
from rednotice.web.deps import CurrentActor, StoreDep

router = APIRouter(prefix="/api/v1", tags=["screening"])

MAX_QUERIES_PER_REQUEST = 100_000


class QueryIn(BaseModel):
    id: str = Field(default="", max_length=200, description="Echoed back as query_id.")
    name: str = Field(default="", max_length=500, description="Free text, any order, any script.")
    family_name: str = Field(default="", max_length=300)
    given_names: str = Field(default="", max_length=300)
    birth_date: str | None = Field(default=None, max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD.")
    nationality: str | None = Field(default=None, max_length=3, description="ISO 3166 alpha-2 or alpha-3.")
    sex: str | None = Field(default=None, max_length=1, description="M, F, U or X.")
    document_number: str | None = Field(default=None, max_length=60)


class ScreeningIn(BaseModel):
    queries: list[QueryIn] = Field(min_length=1, max_length=MAX_QUERIES_PER_REQUEST)
    country: str | None = Field(
        default=None,
        min_length=2,
        max_length=2,
        description="Operators only: screen as this NCB would. NCB officers always screen as their own.",
    )


class MatchOut(BaseModel):
    notice_id: str
    score: float
    name: str
    reasons: list[str]


class ResultLine(BaseModel):
    query_id: str
    matches: list[MatchOut]


class ScreeningOut(BaseModel):
    id: str
    status: str
    total: int
    done: int
    hits: int
    created_at: str
    source: str
    input_errors: list[dict[str, Any]]
    input_warnings: list[dict[str, Any]] = Field(
        default_factory=list,
        description="Doubts about what was read (a PAXLST envelope fault, an unknown role, a lenient "
        "check digit, an expired document...): every query they concern was screened. Kept with the "
        "screening: reading it back shows them again.",
    )
    error: str | None = None
    results: list[ResultLine] | None = None


class HitRecordOut(Out):
    """A hit kept for follow-up: the query line, the notice it matched, and what was done about it."""

    id: int = Field(description="The hit's number, for /api/v1/hits/{hit_id}/...")
    screening_id: str
    query_id: str
    query: dict[str, Any] = Field(description="The traveller's data as screened.")
    notice_id: str
    score: float
    reasons: list[str]
    created_at: str
    outcome: str | None
    outcome_by: str | None
    outcome_at: str | None
    outcome_notes: str | None
    actor: str = Field(description="Who screened.")
    actor_country: str | None


def _engine(request: Request) -> sc.ScreeningEngine:
    engine: sc.ScreeningEngine = request.app.state.screening_engine
    return engine


def _run(
    engine: sc.ScreeningEngine,
    actor: Any,
    store: Any,
    queries: list[ScreeningQuery],
    source: str,
    errors: list[dict[str, Any]],
    country: str | None,
    warnings: list[dict[str, Any]] | None = None,
) -> JSONResponse:
    cmd = sc.Screen(queries, source, errors, country.upper() if country else None, warnings or [])
    if len(queries) > sc.SYNC_LIMIT:
        run = sc.submit_job(cmd, actor, store.uow)
        return JSONResponse(
            run.to_dict(), status_code=202, headers={"Location": f"/api/v1/screenings/{run.id}"}
        )
    run = sc.screen(cmd, actor, engine, store.uow)
    return JSONResponse(run.to_dict(), status_code=200)


def answer(body: ScreeningIn, actor: Any, store: Any, engine: sc.ScreeningEngine) -> JSONResponse:
    """What ``POST /api/v1/screenings`` answers, once the body is read and the actor known: the route below
    and the server's short way (``web.screening_shortcut``) both call it."""
    queries, errors = [], []
    today = date.today()
    for i, q in enumerate(body.queries, start=1):
        record = {k: v for k, v in q.model_dump().items() if v not in (None, "")}
        try:
            queries.append(query_from_mapping(record, i, today, "api"))
        except InvalidInput as exc:
            errors.append({"line": i, "id": q.id, "reason": exc.message})
    if not queries:
        raise InvalidInput(
            "no valid query: %(errors)s", errors="; ".join(f"#{e['line']}: {e['reason']}" for e in errors[:5])
        )
    return _run(engine, actor, store, queries, "api", errors, body.country)


@router.post("/screenings", response_model=ScreeningOut, responses={**ERRORS, 202: {"model": ScreeningOut}})
def screen(body: ScreeningIn, request: Request, actor: CurrentActor, store: StoreDep) -> JSONResponse:
    """Screen travellers. Up to 10,000 queries are answered at once (200, with the results: one line per
    query with its hits, best first); a larger batch becomes a background job (202, follow `Location`)."""
    return answer(body, actor, store, _engine(request))


@router.post(
    "/screenings/upload", response_model=ScreeningOut, responses={**ERRORS, 202: {"model": ScreeningOut}}
)
async def upload(
    request: Request,
    actor: CurrentActor,
    store: StoreDep,
    file: Annotated[
        UploadFile, File(description="Machine-readable zones, a PAXLST manifest, CSV or JSON Lines.")
    ],
    format: Annotated[str | None, Form(description="mrz, paxlst, csv or jsonl (guessed if absent).")] = None,
    country: Annotated[str | None, Form(min_length=2, max_length=2)] = None,
) -> JSONResponse:
    """Screen a file of travellers (a flight manifest, scanned passports...)."""
    limit = store.settings.max_upload_bytes
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise TooLarge("the file is larger than %(limit)s bytes", limit=limit)
    # parsing and screening block: in a worker thread, never on the event loop (issue 14, item 11)
    return await run_in_threadpool(_read_and_run, request, actor, store, data, file.filename, format, country)


def _read_and_run(
    request: Request,
    actor: Any,
    store: Any,
    data: bytes,
    filename: str | None,
    format: str | None,
    country: str | None,
) -> JSONResponse:
    fmt = format or guess_format(data, filename)
    if fmt not in FORMATS:
        raise InvalidInput(
            "unknown format '%(format)s' (expected one of %(formats)s)",
            format=fmt,
            formats=", ".join(FORMATS),
        )
    result = read_queries(data, fmt, max_bytes=store.settings.max_upload_bytes)  # type: ignore[arg-type]
    errors = [{"line": e.line, "reason": e.reason} for e in result.errors]
    if not result.queries:
        raise InvalidInput(
            "nothing to screen: %(errors)s",
            errors="; ".join(f"line {e['line']}: {e['reason']}" for e in errors[:5]),
        )
    warnings = [{"line": w.line, "reason": w.reason, "query_id": w.query_id} for w in result.warnings]
    return _run(_engine(request), actor, store, result.queries, f"upload:{fmt}", errors, country, warnings)


@router.get("/screenings/{run_id}", response_model=ScreeningOut, responses=ERRORS)
def status(run_id: str, actor: CurrentActor, store: StoreDep) -> dict[str, Any]:
    """A screening's status and progress (`done` of `total`)."""
    return sc.get_run(run_id, actor, store.uow()).to_dict()


RESULT_LINES = {
    "description": "JSON Lines: one `ResultLine` object per line, one line per query, in the order sent.",
    "content": {
        "application/x-ndjson": {
            "schema": {"$ref": "#/components/schemas/ResultLine"},
            "itemSchema": {"$ref": "#/components/schemas/ResultLine"},
        }
    },
}
"""A stream of lines: ``schema`` as OpenAPI 3.1 tools read it, ``itemSchema`` as OpenAPI 3.2 says."""


@router.get(
    "/screenings/{run_id}/results",
    response_class=StreamingResponse,
    responses={**ERRORS, 200: RESULT_LINES},
)
def results(run_id: str, actor: CurrentActor, store: StoreDep) -> StreamingResponse:
    """The results as JSON Lines: one line per query, `{"query_id", "matches": [...]}`."""
    run = sc.get_run(run_id, actor, store.uow(), with_results=True)

    def lines() -> Iterator[bytes]:
        for line in run.lines or []:
            yield (json.dumps(line, ensure_ascii=False) + "\n").encode()

    return StreamingResponse(
        lines(),
        media_type="application/x-ndjson",
        headers={"Content-Disposition": f'attachment; filename="screening-{run_id}.jsonl"'},
    )


@router.get("/screenings/{run_id}/hits", response_model=list[HitRecordOut], responses=ERRORS, **TYPED)
def hits(run_id: str, actor: CurrentActor, store: StoreDep) -> list[dict[str, Any]]:
    """The hits of a screening, each kept for follow-up with its outcome."""
    return sc.list_hits(run_id, actor, store.uow())
