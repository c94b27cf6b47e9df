"""``notice_keys``: the notice's list-valued fields in indexed form (tables.py, migration 0018).

``nationalities``, ``identity_tokens`` and ``related_ids`` are kept on the notice as delimited text
(``,RU,FR,``), which a filter can only read with ``LIKE '%,RU,%'``: a scan of the table. Each value also
goes in ``notice_keys``, written with the notice in the same transaction, and lists, the compliance
check's history and the similar-decisions lookup find notices through its index.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import exists

from rednotice.adapters.db import tables as t
from rednotice.domain import policy
from rednotice.domain.compliance.identity import name_keys
from rednotice.domain.lifecycle import Notice
from rednotice.domain.model import NoticeType

NATIONALITY, TOKEN, RELATION, SECTION = "nat", "tok", "rel", "sec"
"""The kinds of ``notice_keys``. The first three are written with the notice (:func:`key_rows`); ``sec``,
the ICCS sections of the charges as the latest compliance check read them, with each check
(:func:`section_rows`), for the review queue's filter."""
NOTICE_KINDS = (NATIONALITY, TOKEN, RELATION)
NO_TIME = datetime(1970, 1, 1, tzinfo=UTC)
"""``public_at`` of a public extract stored with neither a publication nor a creation time."""


def short_key(value: str) -> str:
    return value[:120]


def key_rows(notice: Notice) -> list[dict[str, Any]]:
    """The notice's rows of ``notice_keys``: each nationality, identity token and related notice once.

    A public extract's nationalities carry its publication time (``public_at``, migration 0024; its
    creation time if it has none, as notices stored published by hand may: never NULL): the public list
    by nationality counts its notices from their own index. Every other row has none."""
    s = notice.request.subject
    year = s.date_of_birth.year if s.date_of_birth else None
    keys = dict.fromkeys(
        [(NATIONALITY, c) for c in s.nationalities]
        + [(TOKEN, short_key(tok)) for tok in sorted({tok for key in name_keys(s) for tok in key})]
        + [(RELATION, short_key(rel.notice_id)) for rel in s.relations]
    )
    public = (notice.published_at or notice.created_at or NO_TIME) if public_extract(notice) else None
    return [
        {
            "notice_id": notice.id,
            "kind": k,
            "key": v,
            "birth_year": year,
            "public_at": public if k == NATIONALITY else None,
        }
        for k, v in keys
    ]


def public_extract(notice: Notice) -> bool:
    """What the public list shows (``tables.PUBLIC_EXTRACT``): a red notice that ``policy.is_public``."""
    return notice.type is NoticeType.RED_NOTICE and policy.is_public(notice)


def has_key(kind: str, value: str) -> Any:
    """The notice (of the enclosing query) has this key: an index lookup, not a scan of the list column."""
    k = t.notice_keys
    return exists().where(k.c.notice_id == t.notices.c.id, k.c.kind == kind, k.c.key == short_key(value))


def section_rows(notice_id: str, sections: set[str]) -> list[dict[str, Any]]:
    """The ``sec`` rows of a notice whose latest check placed charges in these ICCS sections."""
    return [{"notice_id": notice_id, "kind": SECTION, "key": x, "birth_year": None} for x in sorted(sections)]
