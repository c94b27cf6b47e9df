"""Screening travellers: a single query, pasted MRZs, an uploaded manifest, runs, hits and outcomes. For
NCB officers and reviewers. What follows a hit (the safeguards checklist) is after_hit.py."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, cast

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse, Response

from rednotice.adapters.formats import reasons
from rednotice.adapters.formats.screening_input import (
    FORMATS,
    Format,
    InputError,
    guess_format,
    query_from_mapping,
    read_queries,
)
from rednotice.bootstrap import Store
from rednotice.domain import errors as e
from rednotice.domain.lifecycle import Notice
from rednotice.domain.screening.query import ScreeningQuery
from rednotice.domain.users import Actor
from rednotice.services import notices as ns
from rednotice.services import screening as sc
from rednotice.web import i18n
from rednotice.web.i18n import _, _l, ngettext
from rednotice.web.pages.deps import CsrfForm, QuietScreener, Screener
from rednotice.web.pages.toolkit import (
    flash,
    form_text,
    not_found,
    parse_when,
    redirect,
    render,
    render_fragment,
    safe_next,
    secure,
    store_of,
)

ART87 = _l(
    "Act only as your national law allows; inform the requesting NCB and the General Secretariat "
    "(RPD Art. 87)."
)
OUTCOME_LABELS: dict[sc.HitOutcome, str] = {
    sc.HitOutcome.LOCATED: _l("Located"),
    sc.HitOutcome.DETAINED_UNDER_NATIONAL_LAW: _l("Detained under national law"),
    sc.HitOutcome.NO_ACTION: _l("No action"),
    sc.HitOutcome.NOT_THE_PERSON: _l("Not the person"),
}
UPLOAD_FORMATS: dict[str, str] = {
    "": _l("Guess from the file"),
    "csv": _l("CSV (header row: name or family_name, given_names, birth_date…)"),
    "jsonl": _l("JSON Lines (one object per line)"),
    "mrz": _l("Machine-readable zones (MRZ)"),
    "paxlst": _l("UN/EDIFACT PAXLST manifest"),
}
SCREEN_FIELDS = ("name", "family_name", "given_names", "birth_date", "nationality", "sex")
HITS_SHOWN = 200
"""The most hits one run page lists (the JSON Lines download has them all)."""
MRZ_CHARS = 60_000
"""About 600 passports pasted at once; a bigger batch is a file upload."""
RUN_ID = re.compile(r"^[0-9a-f-]{8,64}$")


def _engine(request: Request) -> sc.ScreeningEngine:
    engine: sc.ScreeningEngine = request.app.state.screening_engine
    return engine


def _error_dict(err: InputError) -> dict[str, Any]:
    return {"line": err.line, "reason": err.reason, "field": err.field, "details": list(err.details)}


def _flash_input_warnings(request: Request, warnings: Sequence[Any]) -> None:
    """Doubts about the input (envelope faults, an unknown role, a check digit read leniently): everyone
    readable was screened, and the officer is told what to check, line by line."""
    if warnings:
        flash(
            request,
            "warning",
            _("Everyone who could be read was screened, but the input raised %(num)s warning(s):")
            % {"num": len(warnings)},
            [
                _("line %(number)s: %(reason)s") % {"number": w.line, "reason": reasons.shown(w.reason)[:300]}
                for w in warnings[:10]
            ]
            + ([_("… and %(num)s more") % {"num": len(warnings) - 10}] if len(warnings) > 10 else []),
        )


def input_error_views(errors: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Input errors as stored with a run (the API keeps line and reason; the pages also field and details)."""
    out = []
    for err in errors:
        details = err.get("details") or []
        reason = reasons.shown(err.get("reason") or "unreadable")  # in the reader's language
        if len(details) > 1:  # the reason joins the details: say how many, and list them once
            reason = _("%(num)s problems in this document:") % {"num": len(details)}
        out.append(
            {
                "line": err.get("line") or 0,
                "id": err.get("id") or "",
                "reason": reason,
                "field": str(err.get("field") or "").replace("_", " "),
                "details": [reasons.shown(str(d)) for d in details] if len(details) > 1 else [],
            }
        )
    return out


def screening_context(
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, list[str]] | None = None,
    mrz_text: str = "",
    mrz_errors: list[dict[str, Any]] | None = None,
    upload_errors: list[dict[str, Any]] | None = None,
    upload_format: str = "",
    active: str = "",
) -> dict[str, Any]:
    return {
        "values": {**dict.fromkeys(SCREEN_FIELDS, ""), **(values or {})},
        "errors": dict(errors or {}),
        "mrz_text": mrz_text,
        "mrz_errors": input_error_views(mrz_errors or []),
        "upload_errors": input_error_views(upload_errors or []),
        "upload_format": upload_format,
        "upload_formats": list(UPLOAD_FORMATS.items()),
        "sexes": [("", _("Not known")), ("M", _("Male")), ("F", _("Female")), ("U", _("Unknown / other"))],
        "sync_limit": sc.SYNC_LIMIT,
        "active": active,
        "ART87": ART87,
    }


def single_query(
    values: Mapping[str, str], today: date
) -> tuple[ScreeningQuery | None, dict[str, list[str]]]:
    """The one-traveller form as a query, or the errors to show beside its fields."""
    record = {k: v for k, v in values.items() if v}
    if not record.get("name") and not record.get("family_name"):
        return None, {"name": [_("Give the traveller's name, or at least a family name.")]}
    try:
        return query_from_mapping(record, 1, today, "form"), {}
    except e.InvalidInput as exc:
        where = exc.details.get("field")
        field = where if isinstance(where, str) and where in SCREEN_FIELDS else "name"
        message = exc.message.removeprefix(field.replace("_", " ") + " ")  # shown beside its own label
        return None, {field: [message[:1].upper() + message[1:] + "."]}


def _run_screen(
    request: Request,
    actor: Actor,
    queries: list[ScreeningQuery],
    source: str,
    errors: list[dict[str, Any]],
    warnings: Sequence[Any] = (),
) -> sc.ScreeningRun:
    store = store_of(request)
    kept = [{"line": w.line, "reason": w.reason, "query_id": w.query_id} for w in warnings]  # with the run
    cmd = sc.Screen(queries, source, errors, input_warnings=kept)
    if len(queries) > sc.SYNC_LIMIT:
        return sc.submit_job(cmd, actor, store.uow)
    return sc.screen(cmd, actor, _engine(request), store.uow)


def hit_views(store: Store, actor: Actor, run: sc.ScreeningRun) -> tuple[list[dict[str, Any]], int]:
    """The run's hits best first, each with the notice as this person may see it and the matched name."""
    hits = sc.list_hits(run.id, actor, store.uow())
    names: dict[tuple[str, str], str] = {}
    for line in run.lines or []:
        for m in line.get("matches") or []:
            names[(str(line.get("query_id")), str(m.get("notice_id")))] = str(m.get("name") or "")
    hits.sort(key=lambda h: (-float(h["score"]), h["id"]))
    total = len(hits)
    notices: dict[str, Notice | None] = {}
    out = []
    for h in hits[:HITS_SHOWN]:
        nid = str(h["notice_id"])
        if nid not in notices:
            try:  # the run itself is audited with every notice hit; reading them again here is not
                notices[nid] = ns.get_notice(nid, actor, store.uow(), audit=False)
            except e.NotFound:
                notices[nid] = None
        query = h.get("query") or {}
        try:
            outcome_label = OUTCOME_LABELS[sc.HitOutcome(h["outcome"])] if h.get("outcome") else None
        except ValueError:
            outcome_label = str(h["outcome"])
        out.append(
            {
                **h,
                "percent": round(float(h["score"]) * 100),
                "matched_name": names.get((str(h["query_id"]), nid), ""),
                "notice": notices[nid],
                "traveller": _traveller(query),
                "outcome_label": outcome_label,
                "outcome_at_dt": parse_when(h.get("outcome_at")),
            }
        )
    return out, total


def _traveller(query: Mapping[str, Any]) -> dict[str, Any]:
    name = str(query.get("name") or "")
    if not name:
        name = ", ".join(x for x in (query.get("family_name"), query.get("given_names")) if x)
    doc = query.get("document") if isinstance(query.get("document"), dict) else None
    sex = str(query.get("sex") or "")
    return {
        "name": name or "—",
        "birth_date": str(query.get("birth_date") or ""),
        "nationality": str(query.get("nationality") or ""),
        "sex": {"M": _("Male"), "F": _("Female"), "U": _("Unknown")}.get(sex, ""),
        "document": doc.get("number") if doc else "",
        "source": str(query.get("source") or ""),
    }


def _run_data(store: Store, actor: Actor, run_id: str) -> dict[str, Any]:
    run = sc.get_run(run_id, actor, store.uow(), with_results=True)
    finished = run.status in (sc.Status.DONE, sc.Status.FAILED)
    hits, total = hit_views(store, actor, run) if finished else ([], 0)
    return {
        "run": run,
        "finished": finished,
        "hits": hits,
        "hits_total": total,
        "hits_shown": HITS_SHOWN,
        "queries_without_hits": sum(1 for line in run.lines or [] if not line.get("matches")),
        "input_errors": input_error_views(run.input_errors),
        "input_warnings": [
            {**w, "reason": reasons.shown(str(w.get("reason") or ""))} for w in run.input_warnings
        ],
        "outcomes": list(OUTCOME_LABELS.items()),
        "percent": _percent(run),
        "ART87": ART87,
    }


def _percent(run: sc.ScreeningRun) -> int:
    return 100 if not run.total else int(100 * run.done / run.total)


def _valid_run_id(run_id: str) -> bool:
    return bool(RUN_ID.match(run_id))


router = APIRouter(include_in_schema=False)


def _form_page(request: Request, actor: Actor, status: int = 200, **context: Any) -> HTMLResponse:
    return render(request, "screening.html", actor, status=status, **screening_context(**context))


@router.get("/screening")
async def screening_page(request: Request, actor: Screener) -> Response:
    return _form_page(request, actor)


@router.post("/screening/query")
async def screening_query(request: Request, actor: Screener, form: CsrfForm) -> Response:
    values = {name: form_text(form, name, 500) for name in SCREEN_FIELDS}
    query, errors = single_query(values, store_of(request).clock().date())
    if query is None:
        return _form_page(request, actor, 422, values=values, errors=errors, active="query")
    run = await run_in_threadpool(_run_screen, request, actor, [query], "form", [])
    return redirect(f"/screening/runs/{run.id}")


@router.post("/screening/mrz")
async def screening_mrz(request: Request, actor: Screener, form: CsrfForm) -> Response:
    raw = form.get("mrz")
    text = raw if isinstance(raw, str) else ""
    if len(text) > MRZ_CHARS:
        problem = {
            "line": 0,
            "reason": _("Paste at most %(num)s characters; upload a file instead.")
            % {"num": i18n.fmt_number(MRZ_CHARS)},
        }
        return _form_page(request, actor, 413, mrz_text="", mrz_errors=[problem], active="mrz")
    result = read_queries(text, "mrz", store_of(request).clock().date())
    errors = [_error_dict(err) for err in result.errors]
    if not result.queries:
        if not errors:
            errors = [{"line": 0, "reason": _("Paste the two or three lines of at least one document.")}]
        return _form_page(
            request, actor, 422, mrz_text=text, mrz_errors=input_error_views(errors), active="mrz"
        )
    run = await run_in_threadpool(_run_screen, request, actor, result.queries, "mrz", errors, result.warnings)
    _flash_input_warnings(request, result.warnings)
    return redirect(f"/screening/runs/{run.id}")


@router.post("/screening/upload")
async def screening_upload(request: Request, actor: Screener, form: CsrfForm) -> Response:
    chosen = form_text(form, "format", 10)
    chosen = chosen if chosen in FORMATS else ""
    upload = form.get("file")
    if upload is None or isinstance(upload, str) or not upload.filename:
        problem = {"line": 0, "reason": _("Choose a file to upload.")}
        return _form_page(request, actor, 422, upload_errors=[problem], upload_format=chosen, active="upload")
    store = store_of(request)
    limit = store.settings.max_upload_bytes
    data = await upload.read(limit + 1)
    problems: list[dict[str, Any]] = []
    result = None
    try:
        fmt: Format = cast(Format, chosen) if chosen else guess_format(data, upload.filename)
        result = await run_in_threadpool(read_queries, data, fmt, store.clock().date(), max_bytes=limit)
    except e.TooLarge:
        problems = [
            {
                "line": 0,
                "reason": _("The file is larger than %(num)s bytes: split it.")
                % {"num": i18n.fmt_number(limit)},
            }
        ]
    except e.InvalidInput as exc:
        reason = exc.message.replace("give --format", "choose the format")
        problems = [{"line": exc.details.get("line") or 0, "reason": reason}]
    if result is not None:
        problems = [_error_dict(err) for err in result.errors]
    if result is None or not result.queries:
        if not problems:
            problems = [{"line": 0, "reason": _("The file holds no traveller to screen.")}]
        return _form_page(
            request,
            actor,
            422,
            upload_errors=input_error_views(problems),
            upload_format=chosen,
            active="upload",
        )
    run = await run_in_threadpool(
        _run_screen, request, actor, result.queries, f"upload:{fmt}", problems, result.warnings
    )
    _flash_input_warnings(request, result.warnings)
    return redirect(f"/screening/runs/{run.id}")


@router.get("/screening/runs/{run_id}")
async def screening_run(request: Request, run_id: str, actor: Screener) -> Response:
    if not _valid_run_id(run_id):
        return not_found(request, actor, _("There is no screening with this reference."))
    try:
        data = await run_in_threadpool(_run_data, store_of(request), actor, run_id)
    except e.NotFound:
        return not_found(request, actor, _("There is no screening with this reference that you may see."))
    return render(request, "screening_run.html", actor, **data)


@router.get("/screening/runs/{run_id}/progress")
async def screening_progress(request: Request, run_id: str, actor: QuietScreener) -> Response:
    """For htmx polling: the progress bar; once the job has ended, the page reloads to show the hits."""
    if not _valid_run_id(run_id):
        return secure(Response(status_code=404))
    try:
        run = await run_in_threadpool(sc.get_run, run_id, actor, store_of(request).uow())
    except e.NotFound:
        return secure(Response(status_code=404))
    finished = run.status in (sc.Status.DONE, sc.Status.FAILED)
    response = render_fragment(
        request, "_progress.html", actor, run=run, finished=finished, percent=_percent(run)
    )
    if finished:
        response.headers["HX-Refresh"] = "true"
    return response


@router.post("/screening/hits/{hit_id}/outcome")
async def screening_outcome(request: Request, hit_id: str, actor: Screener, form: CsrfForm) -> Response:
    if not hit_id.isdigit() or len(hit_id) > 12:
        return not_found(request, actor, _("There is no hit with this number."))
    back = safe_next(form_text(form, "back", 200))
    if not back.startswith("/screening/runs/"):
        back = "/screening"
    try:
        outcome = sc.HitOutcome(form_text(form, "outcome", 40))
    except ValueError:
        flash(request, "error", _("Choose what happened after the hit."))
        return redirect(f"{back}#hit-{hit_id}")
    try:
        hit = await run_in_threadpool(
            sc.record_outcome,
            int(hit_id),
            outcome,
            form_text(form, "notes", 5000),
            actor,
            store_of(request).uow(),
        )
    except (e.NotFound, e.Forbidden):  # another bureau's hit: as if it did not exist
        return not_found(request, actor, _("There is no hit with this number that you may see."))
    except e.DomainError as exc:
        flash(request, "error", _("Not recorded: %(reason)s.") % {"reason": exc.message})
        return redirect(f"{back}#hit-{hit_id}")
    informed = [str(x) for x in hit.get("informed") or []]
    told = (
        ngettext("%(names)s was informed.", "%(names)s were informed.", len(informed))
        % {"names": ", ".join(informed)}
        if informed
        else _("Inform the requesting NCB and the General Secretariat.")
    )
    label = OUTCOME_LABELS[outcome].lower()
    flash(
        request,
        "success",
        _("Outcome recorded for the hit on notice %(ref)s: %(outcome)s.")
        % {"ref": hit["notice_id"], "outcome": label}
        + f" {told}",
    )
    return redirect(f"{back}#hit-{hit_id}")
