"""Notices: the dashboard, the list, a notice's page and the lifecycle actions on it. The request form is
requests.py; the reviewer's dossier shown on the page, dossier.py."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.responses import Response

from rednotice.bootstrap import Store
from rednotice.domain import errors as e
from rednotice.domain import policy
from rednotice.domain.lifecycle import (
    IN_FORCE,
    REASONS_NEEDED,
    TRANSITIONS,
    Action,
    Notice,
    Rule,
    State,
    allowed_actions,
)
from rednotice.domain.model import NoticeType, notice_id_from_ref, url_ref
from rednotice.domain.users import Actor, Role
from rednotice.services import notices as ns
from rednotice.services import review
from rednotice.services.ports import NoticeFilter
from rednotice.services.review import Ground
from rednotice.web.i18n import _
from rednotice.web.pages.deps import CsrfForm, PageActor
from rednotice.web.pages.dossier import queue_rows, queue_totals, review_data
from rednotice.web.pages.labels import (
    ACTION_DONE,
    DESTRUCTIVE,
    PRIMARY,
    ROLE_LABELS,
    STATE_LABELS,
    STATE_ORDER,
    action_label,
)
from rednotice.web.pages.paging import Position, count_text, pager, position
from rednotice.web.pages.toolkit import (
    PAGE_SIZE,
    error_page,
    flash,
    form_text,
    not_found,
    redirect,
    render,
    store_of,
)

router = APIRouter(include_in_schema=False)


REFUSALS = (Action.REFUSE, Action.PURGE)


DASHBOARD_QUEUE = 10


@router.get("/")
async def dashboard(request: Request, actor: PageActor) -> Response:
    at = position(request.query_params)
    try:
        data = await run_in_threadpool(_dashboard_data, store_of(request), actor, at)
    except e.InvalidInput:  # a cursor the list did not give (an edited address): the first page
        at = position({})
        data = await run_in_threadpool(_dashboard_data, store_of(request), actor, at)
    own = data.pop("own_page", None)
    if own is not None:
        data["pager"] = pager(
            request,
            at,
            own.total,
            ns.total_is_exact(own),
            ns.next_cursor(own),
            ns.previous_cursor(own),
            "#own-title",
        )
    return render(request, "dashboard.html", actor, **data)


@router.get("/notices")
async def notice_list(request: Request, actor: PageActor) -> Response:
    q = request.query_params
    criteria = {
        "name": q.get("name", "").strip()[:200],
        "state": q.get("state", ""),
        "type": q.get("type", ""),
        "nationality": q.get("nationality", "").strip().upper()[:2],
        "requesting_country": q.get("requesting_country", "").strip().upper()[:2],
    }
    at = position(q)
    flt = NoticeFilter(
        requesting_country=criteria["requesting_country"] or None,
        states=(State(criteria["state"]),) if criteria["state"] in {s.value for s in State} else (),
        type=NoticeType(criteria["type"]) if criteria["type"] in {t.value for t in NoticeType} else None,
        name=criteria["name"] or None,
        nationality=criteria["nationality"] or None,
        offset=at.offset,
        limit=PAGE_SIZE,
        after=at.after,
        before=at.before,
    )
    problems = []
    try:
        try:
            result = await run_in_threadpool(ns.list_notices, flt, actor, store_of(request).uow())
        except e.InvalidInput:  # a cursor the list did not give (an edited address): the first page, said
            at = position({})
            flt = replace(flt, offset=0, after=None, before=None)
            result = await run_in_threadpool(ns.list_notices, flt, actor, store_of(request).uow())
            problems.append(_("The link to this page could not be read; here is the first page."))
    except e.Forbidden:
        return error_page(
            request,
            actor,
            403,
            _("Not available"),
            _("Your role (%(role)s) does not search notices.") % {"role": ROLE_LABELS[actor.role]},
        )
    return render(
        request,
        "notices.html",
        actor,
        status=422 if problems else 200,
        notices=result.items,
        total=result.total,
        total_exact=ns.total_is_exact(result),
        pager=pager(
            request,
            at,
            result.total,
            ns.total_is_exact(result),
            ns.next_cursor(result),
            ns.previous_cursor(result),
        ),
        problems=problems,
        criteria=criteria,
        states=STATE_ORDER,
        state_labels=STATE_LABELS,
    )


@router.get("/notices/{ref}")
async def notice_page(request: Request, ref: str, actor: PageActor) -> Response:
    notice_id = notice_id_from_ref(ref)
    if notice_id is None:
        return not_found(request, actor, _("There is no notice with this reference."))
    return await notice_response(request, actor, notice_id)


@router.post("/notices/{ref}/actions")
async def notice_action(request: Request, ref: str, actor: PageActor, form: CsrfForm) -> Response:
    notice_id = notice_id_from_ref(ref)
    if notice_id is None:
        return not_found(request, actor, _("There is no notice with this reference."))
    back = f"/notices/{url_ref(notice_id)}"
    try:
        action = Action(form_text(form, "action", 40))
    except ValueError:
        flash(request, "error", _("Choose one of the actions offered on the page."))
        return redirect(back)
    version_text = form_text(form, "expected_version", 12)
    expected = int(version_text) if version_text.isdigit() else None
    grounds = parse_grounds(form) if action in REFUSALS else ()
    other = {"other_ground": form_text(form, "other_ground", 200)} if Ground.OTHER in grounds else {}
    cmd = ns.Transition(notice_id, action, form_text(form, "reasons", 20_000), expected, grounds, other)
    try:
        notice = await run_in_threadpool(ns.transition, cmd, actor, store_of(request).uow())
    except e.NotFound:
        return not_found(
            request, actor, _("There is no notice %(ref)s that you may see.") % {"ref": notice_id}
        )
    except e.Conflict:
        flash(
            request,
            "error",
            _(
                "Someone changed this notice while you were reading it. Nothing was done: "
                "read the current version below and decide again."
            ),
        )
        return redirect(back)
    except e.IllegalTransition as exc:
        flash(
            request,
            "error",
            _("Not possible in the notice's current state: %(reason)s.") % {"reason": exc.message},
        )
        return redirect(back)
    except e.RuleViolation as exc:
        problems = exc.details.get("problems")
        if isinstance(problems, list) and problems:
            flash(
                request,
                "error",
                _("Not %(done)s: this still needs") % {"done": ACTION_DONE.get(action, _("done"))},
                problems,
            )
        elif exc.template == REASONS_NEEDED:
            label = action_label(action)
            flash(
                request,
                "error",
                _("“%(action)s” needs written reasons: write them in the Reasons box.") % {"action": label},
            )
        else:
            flash(request, "error", _("Not done: %(reason)s.") % {"reason": exc.message})
        return redirect(back)
    except e.Forbidden as exc:
        flash(request, "error", _("You may not do this: %(reason)s.") % {"reason": exc.message})
        return redirect(back)
    except e.DomainError as exc:
        flash(request, "error", _("Not done: %(reason)s.") % {"reason": exc.message})
        return redirect(back)
    flash(
        request,
        "success",
        _("Notice %(ref)s: %(done)s.") % {"ref": notice.id, "done": ACTION_DONE.get(action, action.value)},
    )
    if not policy.can_see_notice(actor, notice):
        return redirect("/")
    return redirect(back)


@dataclass(frozen=True, slots=True)
class ActionChoice:
    action: Action
    label: str
    reasons_required: bool
    destructive: bool
    description: str
    primary: bool = False


def actions_for(actor: Actor, notice: Notice) -> list[ActionChoice]:
    """The lifecycle actions this person may try on this notice (the use case checks again)."""
    out = []
    for action in allowed_actions(notice.type, notice.state):
        if actor.role is Role.SYSTEM or not notice.may_try(action, actor):
            continue
        rule: Rule = TRANSITIONS[(notice.type, notice.state, action)]
        out.append(
            ActionChoice(
                action,
                action_label(action),
                rule.reasons_required,
                action in DESTRUCTIVE,
                rule.description,
                action in PRIMARY,
            )
        )
    return out


async def notice_response(
    request: Request, actor: Actor, notice_id: str, status: int = 200, **extra: Any
) -> Response:
    """The notice page as this person may see it (for a reviewer: with the review dossier)."""
    store = store_of(request)
    try:
        notice = await run_in_threadpool(ns.get_notice, notice_id, actor, store.uow())
    except e.NotFound:
        return not_found(
            request, actor, _("There is no notice %(ref)s that you may see.") % {"ref": notice_id}
        )
    data = await run_in_threadpool(review_data, store, actor, notice)
    context = {"form_errors": {}, "form_values": {}, **_notice_context(actor, notice), **data, **extra}
    return render(request, "notice.html", actor, status=status, **context)


EDITABLE = (State.DRAFT, State.MORE_INFORMATION_REQUESTED)


def reviewer_question(notice: Notice) -> dict[str, Any] | None:
    """The General Secretariat's latest request for information (its text is meant for the requester)."""
    asks = [h for h in notice.history if h.action is Action.REQUEST_INFORMATION]
    return None if not asks else {"text": asks[-1].reasons, "at": asks[-1].at}


def _notice_context(actor: Actor, notice: Notice) -> dict[str, Any]:
    warrant = notice.request.judicial.warrant
    actions = actions_for(actor, notice)
    return {
        "notice": notice,
        "subject": notice.request.subject,
        "judicial": notice.request.judicial,
        "warrant": warrant,
        "actions": actions,
        "refusal_possible": any(a.action in REFUSALS for a in actions),
        "renewal_opens": notice.renewal_opens(),
        "is_public": policy.is_public(notice),
        "own_country": actor.speaks_for(notice.requesting_country),
        "can_edit": actor.speaks_for(notice.requesting_country) and notice.state in EDITABLE,
        "question": reviewer_question(notice) if notice.state is State.MORE_INFORMATION_REQUESTED else None,
        "timeline": [_timeline_entry(t) for t in ns.timeline(notice, actor)],
    }


def _timeline_entry(entry: dict[str, Any]) -> dict[str, Any]:
    """One entry of the timeline as the use case redacts it for this viewer, ready for the page."""
    out = dict(entry)
    try:
        out["at"] = datetime.fromisoformat(str(entry.get("at")))
    except ValueError:
        out["at"] = None
    for key in ("action", "from", "to"):
        out[key] = str(entry.get(key) or "")
    try:
        out["action_label"] = ACTION_DONE.get(Action(out["action"]), out["action"]).capitalize()
    except ValueError:
        out["action_label"] = out["action"].replace("_", " ").capitalize()
    try:
        out["role_label"] = ROLE_LABELS[Role(entry["role"])] if entry.get("role") else None
    except ValueError:
        out["role_label"] = str(entry["role"])
    return out


IN_FORCE_STATES = tuple(s for s in State if any(s in states for states in IN_FORCE.values()))
"""lifecycle.IN_FORCE, of every type, in State's order: the notices other bureaus see on the dashboard."""

TO_DO = (State.DRAFT, State.MORE_INFORMATION_REQUESTED)
"""The states in which a request waits for its own bureau: counted on the dashboard."""


def _dashboard_data(store: Store, actor: Actor, at: Position | None = None) -> dict[str, Any]:
    """The dashboard of each role. An NCB's own requests: one page (by cursor, 20 a page) and bounded
    counts ("about N" beyond the store's bound), never every request."""
    at = at or position({})
    if actor.role is Role.NCB_OFFICER:
        # One transaction, its counts in one statement: the bureau's page of requests, how many wait for it
        # in each state (counted, no page read) and the notices in force it sees.
        own, *waiting, in_force = ns.list_many(
            [
                NoticeFilter(
                    requesting_country=actor.country,
                    limit=PAGE_SIZE,
                    offset=at.offset,
                    after=at.after,
                    before=at.before,
                ),
                *(
                    NoticeFilter(requesting_country=actor.country, states=(state,), limit=0)
                    for state in TO_DO
                ),
                NoticeFilter(states=IN_FORCE_STATES, limit=PAGE_SIZE),
            ],
            actor,
            store.uow(),
        )
        to_do = [
            (state, count_text(counted.total, ns.total_is_exact(counted)))
            for state, counted in zip(TO_DO, waiting, strict=True)
        ]
        return {
            "kind": "ncb",
            "own_page": own,
            "own_total": own.total,
            "own_shown": count_text(own.total, ns.total_is_exact(own)),
            "own": own.items,
            "to_do": to_do,
            "visible": in_force.items,
            "visible_total": in_force.total,
            "visible_shown": count_text(in_force.total, ns.total_is_exact(in_force)),
        }
    if actor.role is Role.REVIEWER:
        return {
            "kind": "reviewer",
            "rows": queue_rows(review.queue(actor, store.uow(), DASHBOARD_QUEUE, 0)),
            "now": store.clock(),
            **queue_totals(store, actor),
        }
    return {"kind": "other"}


def parse_grounds(form: FormData) -> tuple[Ground, ...]:
    grounds = []
    for value in form.getlist("grounds"):
        try:
            grounds.append(Ground(str(value)))
        except ValueError:
            continue
    return tuple(sorted(set(grounds)))
