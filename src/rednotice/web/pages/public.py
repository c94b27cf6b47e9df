"""The public pages: published red notices whose requester consented to a public extract. No sign-in;
templates receive public extracts, never a notice."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from rednotice.adapters.countries import names
from rednotice.bootstrap import Store
from rednotice.domain import errors as e
from rednotice.domain import policy
from rednotice.domain.lifecycle import Notice
from rednotice.domain.model import Sex, notice_id_from_ref, url_ref
from rednotice.domain.users import SYSTEM
from rednotice.services import notices as ns
from rednotice.web.i18n import _
from rednotice.web.pages.deps import MaybeActor
from rednotice.web.pages.labels import SEX_LABELS, country_label, fmt_partial
from rednotice.web.pages.toolkit import (
    PAGE_SIZE,
    not_found,
    page_count,
    page_number,
    paging_url,
    render,
    store_of,
)

router = APIRouter(include_in_schema=False)


def public_extract(notice: Notice) -> dict[str, Any]:
    """Only what a public red notice shows: names, birth date, nationalities, sex, charges, description.

    No warrant, no restrictions, no internal states, no requesting officer: templates for the public
    pages receive this dictionary, never the notice itself.
    """
    s = notice.request.subject
    pd = s.physical_description
    physical: dict[str, Any] | None = None
    if pd is not None and not pd.is_empty():
        physical = {
            "height_m": pd.height_m,
            "weight_kg": pd.weight_kg,
            "eye_colours": list(pd.eye_colours),
            "hair_colours": list(pd.hair_colours),
            "distinguishing_marks": pd.distinguishing_marks,
        }
    return {
        "ref": url_ref(notice.id),
        "id": notice.id,
        "family_name": s.family_name,
        "given_names": s.given_names,
        "names_original_script": list(s.names_original_script),
        "sex": SEX_LABELS[s.sex],
        "date_of_birth": fmt_partial(s.date_of_birth),
        "nationalities": [country_label(c) for c in s.nationalities],
        "charges": [
            {"offence": c.offence, "offence_original": c.offence_original}
            for c in notice.request.judicial.charges
        ],
        "physical": physical,
    }


MAX_PUBLIC_AGE = 120


def public_criteria(q: Mapping[str, str]) -> tuple[dict[str, str], list[str]]:
    """The public search as typed, and what cannot be read in it, in words for the reader (nothing is
    dropped silently: a search that ignored a criterion would show notices the reader did not ask for).
    The page answers 200 with the message and no results (a reader's typing is not a server error)."""
    criteria = {
        "name": q.get("name", "").strip()[:200],
        "nationality": q.get("nationality", "").strip().upper()[:20],
        "sex": q.get("sex", "").strip().upper()[:5],
        "age_min": q.get("age_min", "").strip()[:10],
        "age_max": q.get("age_max", "").strip()[:10],
    }
    problems: list[str] = []
    if criteria["nationality"] and criteria["nationality"] not in names():
        problems.append(
            _("“%(code)s” is not a country code: give the nationality as two letters, e.g. FR.")
            % {"code": criteria["nationality"]}
        )
    if criteria["sex"] and criteria["sex"] not in {s.value for s in Sex}:
        problems.append(_("Choose the sex from the list."))
    ages = {}
    for key, label in (("age_min", _("Age from")), ("age_max", _("Age to"))):
        text = criteria[key]
        if text and (not text.isdigit() or int(text) > MAX_PUBLIC_AGE):
            problems.append(
                _("%(field)s is a whole number of years, from 0 to %(max)s.")
                % {"field": label, "max": MAX_PUBLIC_AGE}
            )
        elif text:
            ages[key] = int(text)
    if len(ages) == 2 and ages["age_min"] > ages["age_max"]:
        problems.append(_("“Age from” is greater than “Age to”: swap them."))
    return criteria, problems


def _public_search(store: Store, criteria: Mapping[str, str], page: int) -> tuple[list[dict[str, Any]], int]:
    """Published red notices whose requester consented to a public extract, as public extracts only.
    The database filters and pages (the public API's search: names in any script, age from partial
    birth dates, sex, nationality); the name box matches every word against the names."""
    from rednotice.services import public

    query = public.PublicQuery.parse(
        {
            "freeText": criteria["name"],
            "nationality": criteria["nationality"],
            "sexId": criteria["sex"],
            "ageMin": criteria["age_min"],
            "ageMax": criteria["age_max"],
            "page": str(page),
            "resultPerPage": str(PAGE_SIZE),
        }
    )
    result = public.search(query, store.uow(), store.replica())
    notices = [_public_notice(store, row.entity_id) for row in result.rows]
    # belt and braces: whatever the query returned, only public extracts leave this function
    return [public_extract(n) for n in notices if n is not None and policy.is_public(n)], result.total


def _public_notice(store: Store, notice_id: str) -> Notice | None:
    try:
        return ns.get_notice(notice_id, SYSTEM, store.replica(), audit=False)
    except e.NotFound:
        return None


def _public_get(store: Store, notice_id: str) -> dict[str, Any] | None:
    try:
        notice = ns.get_notice(notice_id, SYSTEM, store.replica(), audit=False)
    except e.NotFound:
        return None
    return public_extract(notice) if policy.is_public(notice) else None


@router.get("/public/notices")
async def public_list(request: Request, actor: MaybeActor) -> Response:
    criteria, problems = public_criteria(request.query_params)
    page = page_number(request.query_params.get("page"))
    items: list[dict[str, Any]] = []
    total = 0
    if not problems:
        try:
            items, total = await run_in_threadpool(_public_search, store_of(request), criteria, page)
        except e.InvalidInput as exc:
            problems = [exc.message[:1].upper() + exc.message[1:] + "."]
    if problems:
        criteria = {**criteria, "error": " ".join(problems)}
    response = render(
        request,
        "public_list.html",
        actor,
        notices=items,
        total=total,
        page=page,
        pages=page_count(total),
        criteria=criteria,
        page_url=paging_url(request),
    )
    return response


@router.get("/public/notices/{ref}")
async def public_notice(request: Request, ref: str, actor: MaybeActor) -> Response:
    notice_id = notice_id_from_ref(ref)
    extract = None
    if notice_id is not None:
        extract = await run_in_threadpool(_public_get, store_of(request), notice_id)
    if extract is None:
        return not_found(request, actor, _("There is no public red notice with this reference."))
    return render(request, "public_notice.html", actor, notice=extract)
