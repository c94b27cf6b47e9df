"""The public notices API, compatible with INTERPOL's (https://ws-public.interpol.int, docs/public-api.md).

No authentication, kept apart from /api/v1. The same paths, parameters, field names and
``_links``/``_embedded`` structure as INTERPOL's public API, so a client written for INTERPOL's works
unchanged; only public extracts are ever shown (services/public.py).
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request

from rednotice.domain.model import notice_id_from_ref, url_ref
from rednotice.services import public as ps
from rednotice.web.deps import StoreDep

router = APIRouter(prefix="/notices/v1", tags=["public notices (INTERPOL-compatible)"])

MAX = 1000


def red_base(request: Request) -> str:
    """The absolute URL of the red notice collection (INTERPOL's links are absolute)."""
    return str(request.base_url).rstrip("/") + "/notices/v1/red"


def notice_links(base: str, entity_id: str) -> dict[str, Any]:
    """``self`` and ``images``. rednotice keeps no photographs, so there is never a ``thumbnail`` link
    (INTERPOL too leaves it out for a notice without a photograph)."""
    href = f"{base}/{url_ref(entity_id)}"
    return {"self": {"href": href}, "images": {"href": f"{href}/images"}}


def _page_href(base: str, query: ps.PublicQuery, page: int) -> str:
    echoed = query.params()
    params = [(k, str(echoed[k])) for k in ps.PARAMETERS if k in echoed]
    params += [("resultPerPage", str(query.per_page)), ("page", str(page))]
    return f"{base}?{urlencode(params)}"


def list_document(result: ps.PublicPage, base: str) -> dict[str, Any]:
    query = result.query
    links: dict[str, Any] = {
        "self": {"href": _page_href(base, query, query.page)},
        "first": {"href": _page_href(base, query, 1)},
    }
    if query.page < result.last_page:
        links["next"] = {"href": _page_href(base, query, query.page + 1)}
    links["last"] = {"href": _page_href(base, query, result.last_page)}
    return {
        "total": result.total,
        "query": query.params(),
        "_embedded": {
            "notices": [
                {**ps.public_list_entry(row), "_links": notice_links(base, row.entity_id)}
                for row in result.rows
            ]
        },
        "_links": links,
    }


@router.get("/red")
def list_red_notices(
    request: Request,
    store: StoreDep,
    forename: Annotated[
        str | None, Query(max_length=MAX, description="Given names: text, or a pattern with ^ $ . .*")
    ] = None,
    name: Annotated[
        str | None, Query(max_length=MAX, description="Family name: text, or a pattern with ^ $ . .*")
    ] = None,
    nationality: Annotated[
        str | None, Query(max_length=MAX, description="ISO 3166-1 alpha-2, e.g. FR")
    ] = None,
    age_min: Annotated[
        str | None, Query(max_length=MAX, alias="ageMin", description="Youngest age (years)")
    ] = None,
    age_max: Annotated[
        str | None, Query(max_length=MAX, alias="ageMax", description="Oldest age (years)")
    ] = None,
    sex_id: Annotated[str | None, Query(max_length=MAX, alias="sexId", description="'', F, M or U")] = None,
    arrest_warrant_country_id: Annotated[
        str | None,
        Query(
            max_length=MAX, alias="arrestWarrantCountryId", description="The country that issued the warrant"
        ),
    ] = None,
    free_text: Annotated[
        str | None, Query(max_length=MAX, alias="freeText", description="Words in names or charges")
    ] = None,
    page: Annotated[str | None, Query(max_length=MAX, description="Page number, from 1")] = None,
    result_per_page: Annotated[
        str | None,
        Query(
            max_length=MAX, alias="resultPerPage", description="Default 20; more than 160 is lowered to 160"
        ),
    ] = None,
) -> dict[str, Any]:
    """Search public red notices: INTERPOL's list response (``total``, ``query``, ``_embedded.notices``,
    ``_links``). Bad parameters get a 422 JSON error naming the parameter."""
    query = ps.PublicQuery.parse(
        {
            "forename": forename,
            "name": name,
            "nationality": nationality,
            "ageMin": age_min,
            "ageMax": age_max,
            "sexId": sex_id,
            "arrestWarrantCountryId": arrest_warrant_country_id,
            "freeText": free_text,
            "page": page,
            "resultPerPage": result_per_page,
        }
    )
    return list_document(ps.search(query, store.uow()), red_base(request))


@router.get("/red/{notice_ref}")
def get_red_notice(notice_ref: str, request: Request, store: StoreDep) -> dict[str, Any]:
    """One public red notice (``notice_ref`` is ``YYYY-NNNNN``): INTERPOL's detail response."""
    notice = ps.get_public(notice_id_from_ref(notice_ref), store.uow())
    return {
        **ps.public_detail(notice),
        "_embedded": {"links": []},
        "_links": notice_links(red_base(request), notice.id),
    }


@router.get("/red/{notice_ref}/images")
def get_red_notice_images(notice_ref: str, request: Request, store: StoreDep) -> dict[str, Any]:
    """INTERPOL's images response. rednotice keeps no photographs: the list is always empty."""
    notice = ps.get_public(notice_id_from_ref(notice_ref), store.uow())
    href = f"{red_base(request)}/{url_ref(notice.id)}"
    return {
        "_embedded": {"images": []},
        "_links": {"self": {"href": f"{href}/images"}, "notice": {"href": href}},
    }
