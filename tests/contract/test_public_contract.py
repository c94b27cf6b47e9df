"""The public repository's contract (``ports.PublicRepository``, ``uow.public``), on the fakes and on SQL:
only published red notices with the requester's consent are public extracts, newest publication first,
filtered and paged; their ids in order for exports; INTERPOL's source documents kept by id. The age and
name-pattern semantics are checked in depth by tests/interface/test_public_api.py."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from rednotice.domain.lifecycle import Notice, State
from rednotice.domain.model import NoticeType
from rednotice.services.public import PublicQuery
from tests.conftest import FakeClock
from tests.contract.conftest import Backend
from tests.factories import make_request

TODAY = date(2026, 1, 15)


def put(
    backend: Backend,
    clock: FakeClock,
    notice_id: str,
    state: State = State.PUBLISHED,
    consent: bool = True,
    days_ago: int = 0,
    fields: dict[str, Any] | None = None,
) -> Notice:
    """A notice straight into the store (a factory, not the lifecycle); ``fields`` as ``make_request``."""
    request = make_request(**{"visibility.public_extract": consent, **(fields or {})})
    at: datetime = clock() - timedelta(days=days_ago)
    notice = Notice(notice_id, request, state, created_at=at, created_by="factory", published_at=at)
    with backend.uow() as uow:
        uow.notices.add(notice)
        uow.commit()
    return notice


def test_only_consented_published_red_notices_are_public_newest_first(
    backend: Backend, clock: FakeClock
) -> None:
    put(backend, clock, "2026/00001", days_ago=3, fields={"subject.family_name": "OLDEST"})
    put(
        backend, clock, "2026/00002", days_ago=1, fields={"subject.family_name": "NEWEST", "subject.sex": "F"}
    )
    put(backend, clock, "2026/00003", days_ago=2, fields={"subject.family_name": "MIDDLE"})
    put(backend, clock, "2026/00004", consent=False)
    put(backend, clock, "2026/00005", state=State.SUSPENDED)
    put(backend, clock, "2026/00006", state=State.SUBMITTED)
    put(backend, clock, "2026/00007", fields={"type": NoticeType.WANTED_PERSON_DIFFUSION.value})
    with backend.uow() as uow:
        total, rows = uow.public.search(PublicQuery(), TODAY)
        assert total == 3
        assert [r.entity_id for r in rows] == ["2026/00002", "2026/00003", "2026/00001"]
        assert [r.family_name for r in rows] == ["NEWEST", "MIDDLE", "OLDEST"]
        page = uow.public.search_page(PublicQuery(page=2, per_page=2), TODAY)
        assert page.total == 3 and page.total_exact and [r.entity_id for r in page.rows] == ["2026/00001"]
        women = uow.public.search(PublicQuery.parse({"sexId": "F"}), TODAY)
        assert women[0] == 1 and [r.entity_id for r in women[1]] == ["2026/00002"]
        named = uow.public.search(PublicQuery.parse({"name": "^mid"}), TODAY)
        assert [r.entity_id for r in named[1]] == ["2026/00003"]
        assert uow.public.public_ids("", 10) == ["2026/00001", "2026/00002", "2026/00003"]
        assert uow.public.public_ids("2026/00001", 1) == ["2026/00002"]
        assert uow.public.public_ids("2026/00003", 10) == []


def test_interpols_documents_are_kept_by_id(backend: Backend, clock: FakeClock) -> None:
    put(backend, clock, "2026/00001")
    put(backend, clock, "2026/00002")
    document = {"entity_id": "2019/12345", "name": "DOE", "arrest_warrants": [{"charge": "x"}]}
    with backend.uow() as uow:
        uow.public.add_sources([("2026/00001", document)])
        uow.commit()
    with backend.uow() as uow:
        got = uow.public.sources(["2026/00001", "2026/00002", "2099/99999"])
        assert got == {"2026/00001": document}
        got["2026/00001"]["name"] = "changed"
        assert uow.public.sources(["2026/00001"])["2026/00001"]["name"] == "DOE"
        assert uow.public.sources([]) == {}
