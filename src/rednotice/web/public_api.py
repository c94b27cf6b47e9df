"""The public notices API, compatible with INTERPOL's (https://ws-public.interpol.int, docs/public-api.md).

No authentication, kept apart from /api/v1. The same paths, parameters, field names and
``_links``/``_embedded`` structure as INTERPOL's public API, so a client written for INTERPOL's works
unchanged; only public extracts are ever shown (services/public.py).
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from rednotice.domain.model import notice_id_from_ref, url_ref
from rednotice.services import public as ps
from rednotice.web.deps import StoreDep

router = APIRouter(prefix="/notices/v1", tags=["public notices (INTERPOL-compatible)"])

MAX = 1000


# -- the response shapes (INTERPOL's; for OpenAPI and to check what is sent)


class _Shape(BaseModel):
    model_config = ConfigDict(populate_by_name=True)


class Href(_Shape):
    href: str


class NoticeLinks(_Shape):
    self_: Href = Field(alias="self")
    images: Href


class ListEntry(_Shape):
    forename: str | None
    date_of_birth: str | None = Field(description="YYYY/MM/DD, YYYY/MM or YYYY")
    entity_id: str = Field(description="YYYY/NNNNN")
    nationalities: list[str] | None
    name: str
    links: NoticeLinks = Field(alias="_links")


class ListEmbedded(_Shape):
    notices: list[ListEntry]


class PageLinks(_Shape):
    self_: Href = Field(alias="self")
    first: Href
    next: Href | None = Field(default=None, description="Only when there is a next page")
    last: Href


class NoticeList(_Shape):
    """INTERPOL's list response."""

    total: int
    total_is_estimate: bool | None = Field(
        default=None,
        alias="totalIsEstimate",
        description="Only when true: ``total`` is PostgreSQL's estimate (more than 1,000 matches), "
        "not a count, and ``last`` follows it",
    )
    query: dict[str, str | int] = Field(description="page, resultPerPage and the parameters given")
    embedded: ListEmbedded = Field(alias="_embedded")
    links: PageLinks = Field(alias="_links")


class ArrestWarrant(_Shape):
    issuing_country_id: str | None = None
    charge: str | None = None
    charge_translation: str | None = None


class DetailEmbedded(_Shape):
    links: list[dict[str, Any]] = Field(description="Related notices, as INTERPOL linked them")


class NoticeDetail(_Shape):
    """INTERPOL's detail response. ``null`` where INTERPOL wrote ``null`` (or nothing is known)."""

    arrest_warrants: list[ArrestWarrant] | None
    weight: int | float | None = Field(description="Kilograms; 0 or null when unknown")
    forename: str | None
    date_of_birth: str | None
    entity_id: str
    languages_spoken_ids: list[str] | None
    nationalities: list[str] | None
    height: int | float | None = Field(description="Metres; 0 or null when unknown")
    sex_id: str | None
    country_of_birth_id: str | None
    name: str | None
    distinguishing_marks: str | None
    eyes_colors_id: list[str] | None
    hairs_id: list[str] | None
    place_of_birth: str | None
    embedded: DetailEmbedded = Field(alias="_embedded")
    links: NoticeLinks = Field(alias="_links")


class ImagesEmbedded(_Shape):
    images: list[dict[str, Any]]


class ImagesLinks(_Shape):
    self_: Href = Field(alias="self")
    notice: Href


class NoticeImages(_Shape):
    """INTERPOL's images response (always empty: rednotice keeps no photographs)."""

    embedded: ImagesEmbedded = Field(alias="_embedded")
    links: ImagesLinks = Field(alias="_links")


_SHAPE = {"response_model_by_alias": True, "response_model_exclude_unset": True}
"""Send INTERPOL's names (``_links``, ``self``), ``null`` where it is ``null``, and no ``next`` link when
there is no next page."""


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
    more = not result.total_exact and len(result.rows) == query.per_page  # an estimate may fall short
    if query.page < result.last_page or more:
        links["next"] = {"href": _page_href(base, query, query.page + 1)}
    links["last"] = {"href": _page_href(base, query, result.last_page)}
    estimate = {} if result.total_exact else {"totalIsEstimate": True}
    return {
        "total": result.total,
        **estimate,
        "query": query.params(),
        "_embedded": {
            "notices": [
                {**ps.public_list_entry(row), "_links": notice_links(base, row.entity_id)}
                for row in result.rows
            ]
        },
        "_links": links,
    }


def related_links(links: list[dict[str, Any]], base: str) -> list[dict[str, Any]]:
    """INTERPOL's ``_embedded.links`` with every ``href`` to a notice pointed at this API (as ``self`` is);
    everything else as INTERPOL wrote it."""

    def rewrite(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: rewrite(v) for k, v in value.items()}
        if isinstance(value, list):
            return [rewrite(v) for v in value]
        if (
            isinstance(value, str)
            and "/notices/v1/red" in value
            and value.startswith(("http://", "https://"))
        ):
            return base + value.split("/notices/v1/red", 1)[1]
        return value

    return [rewrite(link) for link in links]


@router.get("/red", response_model=NoticeList, **_SHAPE)  # type: ignore[arg-type]
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
    return list_document(ps.search(query, store.uow(), store.replica()), red_base(request))


@router.get(
    "/red/{notice_ref}",
    response_model=NoticeDetail,
    responses={404: {"description": "No public red notice with this reference"}},
    **_SHAPE,  # type: ignore[arg-type]
)
def get_red_notice(notice_ref: str, request: Request, store: StoreDep) -> dict[str, Any]:
    """One public red notice (``notice_ref`` is ``YYYY-NNNNN``): INTERPOL's detail response. For a notice
    imported from INTERPOL, what INTERPOL wrote is served as written, with its related-notice links."""
    detail = ps.get_public_detail(notice_id_from_ref(notice_ref), store.replica())
    base = red_base(request)
    detail["_embedded"] = {"links": related_links(detail["_embedded"]["links"], base)}
    return {**detail, "_links": notice_links(base, detail["entity_id"])}


@router.get(
    "/red/{notice_ref}/images",
    response_model=NoticeImages,
    responses={404: {"description": "No public red notice with this reference"}},
    **_SHAPE,  # type: ignore[arg-type]
)
def get_red_notice_images(notice_ref: str, request: Request, store: StoreDep) -> dict[str, Any]:
    """INTERPOL's images response. rednotice keeps no photographs: the list is always empty."""
    notice = ps.get_public(notice_id_from_ref(notice_ref), store.replica())
    href = f"{red_base(request)}/{url_ref(notice.id)}"
    return {
        "_embedded": {"images": []},
        "_links": {"self": {"href": f"{href}/images"}, "notice": {"href": href}},
    }
