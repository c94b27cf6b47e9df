"""After a hit, in the browser: the extradition safeguards checklist, and the officer's answers."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from rednotice.domain import errors as e
from rednotice.services import after_hit
from rednotice.web.i18n import _
from rednotice.web.pages.deps import CsrfForm, PageActor
from rednotice.web.pages.toolkit import error_page, flash, redirect, render, store_of

MAX_ID = 2_147_483_647

router = APIRouter(include_in_schema=False)


@router.get("/screening/hits/{hit_id}/safeguards")
async def safeguards_page(request: Request, hit_id: int, actor: PageActor) -> Response:
    if not 1 <= hit_id <= MAX_ID:
        return error_page(request, actor, 404, _("Not found"), _("There is no such hit."))
    try:
        view: dict[str, Any] = await run_in_threadpool(
            after_hit.safeguards,
            hit_id,
            actor,
            store_of(request).uow(),
        )
    except (e.NotFound, e.Forbidden):
        return error_page(request, actor, 404, _("Not found"), _("There is no such hit for you."))
    return render(request, "after_hit_safeguards.html", actor, v=view, hit_id=hit_id)


@router.post("/screening/hits/{hit_id}/safeguards")
async def record_safeguards(request: Request, hit_id: int, actor: PageActor, form: CsrfForm) -> Response:
    if not 1 <= hit_id <= MAX_ID:
        return error_page(request, actor, 404, _("Not found"), _("There is no such hit."))
    treaty = str(form.get("treaty_in_force", ""))
    informed = str(form.get("person_informed", ""))
    answers = after_hit.SafeguardAnswers(
        treaty_in_force=after_hit.Treaty(treaty) if treaty in {t.value for t in after_hit.Treaty} else None,
        person_informed={"yes": True, "no": False}.get(informed),
        notes=str(form.get("notes", ""))[:5000] or None,
    )
    try:
        await run_in_threadpool(
            after_hit.record_safeguards,
            hit_id,
            answers,
            actor,
            store_of(request).uow(),
        )
        flash(request, "success", _("Safeguards recorded."))
    except (e.NotFound, e.Forbidden):
        return error_page(request, actor, 404, _("Not found"), _("There is no such hit for you."))
    except e.DomainError as exc:
        flash(request, "warning", _("Not recorded: %(reason)s.") % {"reason": exc.message})
    return redirect(f"/screening/hits/{hit_id}/safeguards")
