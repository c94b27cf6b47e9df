"""In-memory fake of the public repository (`uow.public`) for unit tests: the same answers as the SQL one,
computed in Python from the notices themselves (the reference semantics for age and name patterns)."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from datetime import date
from typing import Any

from rednotice.domain import policy
from rednotice.domain.lifecycle import Notice
from rednotice.domain.model import NoticeType
from rednotice.services.public import (
    FORENAME,
    NAME,
    TEXT,
    PublicQuery,
    PublicRow,
    SearchResult,
    search_terms,
)


def _is_public(notice: Notice) -> bool:
    return notice.type is NoticeType.RED_NOTICE and policy.is_public(notice)


def _matches(notice: Notice, query: PublicQuery, today: date) -> bool:
    s = notice.request.subject
    terms = search_terms(notice.request)
    values: dict[str, list[str]] = {NAME: [], FORENAME: [], TEXT: []}
    for field, value in terms:
        values[field].append(value)
    if query.name is not None and not any(query.name.matches(v) for v in values[NAME]):
        return False
    if query.forename is not None and not any(query.forename.matches(v) for v in values[FORENAME]):
        return False
    text = values[TEXT][0] if values[TEXT] else ""
    if any(word not in text for word in query.free_text):
        return False
    if query.nationality and query.nationality not in s.nationalities:
        return False
    if query.sex is not None and s.sex is not query.sex:
        return False
    if query.warrant_country and notice.requesting_country != query.warrant_country:
        return False
    return query.age_matches(s.date_of_birth, today)


class MemoryPublicRepository:
    def __init__(self, data: Any) -> None:
        self.data = data

    def _public(self) -> list[Notice]:
        notices: dict[str, Notice] = self.data.notices
        return [n for n in notices.values() if _is_public(n)]

    def search(self, query: PublicQuery, today: date) -> tuple[int, list[PublicRow]]:
        found = [n for n in self._public() if _matches(n, query, today)]
        found.sort(key=lambda n: n.id, reverse=True)
        found.sort(
            key=lambda n: (n.published_at is None, -(n.published_at.timestamp() if n.published_at else 0))
        )
        page = found[query.offset : query.offset + query.per_page]
        return len(found), [
            PublicRow(
                n.id,
                n.request.subject.family_name,
                n.request.subject.given_names,
                n.request.subject.date_of_birth,
                n.request.subject.nationalities,
            )
            for n in page
        ]

    def search_page(self, query: PublicQuery, today: date) -> SearchResult:
        total, rows = self.search(query, today)
        return SearchResult(total, rows)

    def public_ids(self, after: str, limit: int) -> list[str]:
        return sorted(n.id for n in self._public() if n.id > after)[:limit]

    def _sources(self) -> dict[str, dict[str, Any]]:
        if not hasattr(self.data, "public_sources"):
            self.data.public_sources = {}
        sources: dict[str, dict[str, Any]] = self.data.public_sources
        return sources

    def add_sources(self, documents: Sequence[tuple[str, dict[str, Any]]]) -> None:
        sources = self._sources()
        for notice_id, document in documents:
            sources[notice_id] = copy.deepcopy(document)

    def sources(self, notice_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        sources = self._sources()
        return {i: copy.deepcopy(sources[i]) for i in notice_ids if i in sources}
