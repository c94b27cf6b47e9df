"""The reviewer's work: the queue, and the review records written on a notice's page (a finding's
resolution, the exception of Art. 83(1)(b), the Article 3 assessment). The dossier's data: dossier.py."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.responses import Response

from rednotice.bootstrap import Store
from rednotice.domain import errors as e
from rednotice.domain.compliance.iccs import SECTIONS as ICCS_SECTIONS
from rednotice.domain.model import notice_id_from_ref, url_ref
from rednotice.domain.users import Actor, Role
from rednotice.services import notices as ns
from rednotice.services import review
from rednotice.web.i18n import _
from rednotice.web.pages.deps import CsrfForm, Reviewer, form_role
from rednotice.web.pages.dossier import queue_data, queue_filter, review_data
from rednotice.web.pages.notices import notice_response
from rednotice.web.pages.paging import pager, position
from rednotice.web.pages.toolkit import (
    CSRF_FIELD,
    country_choices,
    flash,
    form_text,
    is_htmx,
    not_found,
    redirect,
    render,
    render_fragment,
    store_of,
)

router = APIRouter(include_in_schema=False)


@router.get("/review")
async def review_queue(request: Request, actor: Reviewer) -> Response:
    """The reviewer's queue: requests and diffusions waiting for review (lifecycle.AWAITING_REVIEW), riskiest
    first, filtered as the address says, paged by the store's keyset cursors (web/pages/paging.py).
    The query: services.review.queue_page, which asks the reviews repository's queue_page (adapters/db)."""
    at = position(request.query_params)
    flt, criteria, problems = queue_filter(request.query_params)
    try:
        data, page = await run_in_threadpool(queue_data, store_of(request), actor, at, flt)
    except e.InvalidInput:  # a cursor this list did not give (an edited address): the first page, said
        at = position({})
        data, page = await run_in_threadpool(queue_data, store_of(request), actor, at, flt)
        problems.append(_("The link to this page could not be read; here is the first page."))
    return render(
        request,
        "review_queue.html",
        actor,
        status=422 if problems else 200,
        pager=pager(request, at, page.total, page.total_exact, page.next_after, page.prev_before),
        criteria=criteria,
        problems=problems,
        iccs_sections=[(sec.code, sec.name) for sec in ICCS_SECTIONS],
        countries=country_choices(),
        **data,
    )


def reviewer(fragment: str | None = None, anchor: str = "compliance") -> Callable[..., Awaitable[Actor]]:
    """A reviewer writing a review record on a notice's page. Anyone else, once signed in and their form's
    token checked, gets the answer the page has always given them: the notice's page (422) with the
    refusal at the form, the fragment saying it (403) to htmx, or 404 for a notice they may not see."""

    async def refuse(request: Request, actor: Actor, form: FormData) -> Response:
        notice_id = notice_id_from_ref(request.path_params.get("ref", ""))
        if notice_id is None:
            return not_found(request, actor, _("There is no notice with this reference."))
        refused = e.Forbidden(review.NOT_A_REVIEWER)
        return await _not_done(request, actor, notice_id, form, refused, fragment, anchor)

    return form_role(Role.REVIEWER, refuse=refuse)


FindingReviewer = Annotated[Actor, Depends(reviewer(fragment="_finding.html"))]
ExceptionReviewer = Annotated[Actor, Depends(reviewer(anchor="exception"))]
Article3Reviewer = Annotated[Actor, Depends(reviewer(fragment="_article3.html", anchor="article3"))]


@router.post("/notices/{ref}/resolutions")
async def resolve_finding(request: Request, ref: str, actor: FindingReviewer, form: CsrfForm) -> Response:
    def do(notice_id: str, form: FormData, actor: Actor, store: Store) -> str:
        code = form_text(form, "code", 10)
        review.resolve_finding(notice_id, code, form_text(form, "resolution", 20_000), actor, store.uow())
        return _("Resolution of %(code)s recorded.") % {"code": code}

    return await _review_post(request, ref, actor, form, do, fragment="_finding.html")


@router.post("/notices/{ref}/exception")
async def propose_exception(request: Request, ref: str, actor: ExceptionReviewer, form: CsrfForm) -> Response:
    def do(notice_id: str, form: FormData, actor: Actor, store: Store) -> str:
        review.propose_exception(notice_id, form_text(form, "exception_reasons", 20_000), actor, store.uow())
        return _("Exception proposed. A second reviewer must confirm it.")

    return await _review_post(request, ref, actor, form, do, anchor="exception")


@router.post("/notices/{ref}/exception/confirm")
async def confirm_exception(request: Request, ref: str, actor: ExceptionReviewer, form: CsrfForm) -> Response:
    def do(notice_id: str, form: FormData, actor: Actor, store: Store) -> str:
        review.confirm_exception(notice_id, form_text(form, "confirm_reasons", 20_000), actor, store.uow())
        return _("Exception confirmed.")

    return await _review_post(request, ref, actor, form, do, anchor="exception")


@router.post("/notices/{ref}/article3")
async def record_article3(request: Request, ref: str, actor: Article3Reviewer, form: CsrfForm) -> Response:
    def do(notice_id: str, form: FormData, actor: Actor, store: Store) -> str:
        factors = {key: form_text(form, f"factor_{key}", 20_000) for key in review.ARTICLE_34_FACTORS}
        review.record_article3(notice_id, factors, form_text(form, "conclusion", 20_000), actor, store.uow())
        return _("Article 3 assessment recorded.")

    return await _review_post(request, ref, actor, form, do, fragment="_article3.html", anchor="article3")


async def _review_post(
    request: Request,
    ref: str,
    actor: Actor,
    form: FormData,
    do: Callable[[str, FormData, Actor, Store], str],
    fragment: str | None = None,
    anchor: str = "compliance",
) -> Response:
    """A review record from a form: htmx gets the updated fragment back, a plain form a new page. Only a
    reviewer gets here (``reviewer()``, at the route); the use case checks again."""
    notice_id = notice_id_from_ref(ref)
    if notice_id is None:
        return not_found(request, actor, _("There is no notice with this reference."))
    code = form_text(form, "code", 10)
    store = store_of(request)
    try:
        done = await run_in_threadpool(do, notice_id, form, actor, store)
    except e.DomainError as exc:
        return await _not_done(request, actor, notice_id, form, exc, fragment, anchor)
    if fragment and is_htmx(request):
        return await _review_fragment(request, actor, notice_id, fragment, code, 200, {}, {}, done)
    flash(request, "success", done)
    return redirect(f"/notices/{url_ref(notice_id)}#{f'finding-{code}' if code else anchor}")


async def _not_done(
    request: Request,
    actor: Actor,
    notice_id: str,
    form: FormData,
    exc: e.DomainError,
    fragment: str | None,
    anchor: str,
) -> Response:
    """A review record refused: at the form, with what was typed (404: a notice this person may not see)."""
    if isinstance(exc, e.NotFound):
        return not_found(
            request, actor, _("There is no notice %(ref)s that you may see.") % {"ref": notice_id}
        )
    code = form_text(form, "code", 10)
    typed = {k: v.strip() for k, v in form.items() if isinstance(v, str) and k != CSRF_FIELD}
    message = exc.message[:1].upper() + exc.message[1:] + "."
    errors = {code or anchor: message}
    if fragment and is_htmx(request):
        return await _review_fragment(request, actor, notice_id, fragment, code, 422, errors, typed)
    return await notice_response(request, actor, notice_id, 422, form_errors=errors, form_values=typed)


async def _review_fragment(
    request: Request,
    actor: Actor,
    notice_id: str,
    template: str,
    code: str,
    status: int,
    errors: dict[str, str],
    typed: dict[str, str],
    saved: str = "",
) -> Response:
    store = store_of(request)
    notice = await run_in_threadpool(ns.get_notice, notice_id, actor, store.uow(), False)
    data = await run_in_threadpool(review_data, store, actor, notice, False)
    rv = data["rv"]
    if rv is None:  # not a reviewer: the use case refused, and there is no dossier to show
        message = next(iter(errors.values()), _("Only a General Secretariat reviewer does this."))
        return render_fragment(request, "_message.html", actor, 403, level="error", message=message)
    group = next((g for sev in rv["groups"] for g in sev["cards"] if g["code"] == code), None)
    return render_fragment(
        request,
        template,
        actor,
        status,
        notice=notice,
        rv=rv,
        g=group,
        form_errors=errors,
        form_values=typed,
        saved=saved,
        oob=True,
    )
