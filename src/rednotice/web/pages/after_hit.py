"""After a hit, in the browser: the extradition safeguards checklist, and the officer's answers."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from rednotice.domain import errors as e
from rednotice.services import after_hit
from rednotice.web.i18n import _, _l
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
    return render(request, "after_hit_safeguards.html", actor, v=_in_words(view), hit_id=hit_id)


ANSWERS: dict[str, Any] = {
    "yes": _l("yes"),
    "no": _l("no"),
    "unknown": _l("unknown"),
    "True": _l("yes"),
    "False": _l("no"),
    "reported": _l("reported"),
    "none_reported": _l("none reported"),
    "indicated": _l("indicated"),
    "none_recorded": _l("none recorded"),
}
"""A checklist's answer (a code in the API's JSON) as the page says it."""


def _in_words(view: dict[str, Any]) -> dict[str, Any]:
    """The checklist as the reader reads it: its texts, the reminder, the addenda in the page's language
    (the service answers in English, as the API does), each answer in words."""
    checklist = {
        key: {
            **item,
            "text": after_hit.shown(item["text"]),
            **(
                {"answer": str(ANSWERS.get(str(item["answer"]), item["answer"]))}
                if item.get("answer") is not None
                else {}
            ),
        }
        for key, item in view["checklist"].items()
    }
    caveats = dict(view["caveats"])
    if caveats.get("not_in_force"):
        caveats["not_in_force"] = after_hit.shown(caveats["not_in_force"])
    caveats["addenda"] = [{**a, "text": after_hit.shown(a["text"])} for a in caveats.get("addenda", [])]
    return {**view, "reminder": _(view["reminder"]), "checklist": checklist, "caveats": caveats}


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
