"""Paging a list page by cursor (issue 18): "Next" and "Previous" links carry the store's keyset cursors
(``after``/``before``) with the page's filters, so a deep page costs what the first does; the total is
said as counted ("1,234") or, when the store estimated it beyond its bound, as an estimate ("about
12,000"), never as a wrong exact number. Page numbers ride along in the links as a label ("Page 3"),
and "of N" is said only when the total is exact."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from starlette.requests import Request

from rednotice.web import i18n
from rednotice.web.i18n import _
from rednotice.web.pages.toolkit import PAGE_SIZE, page_count, page_number

CURSOR_MAX = 400
"""The longest cursor read from an address (the stores' cursors are far shorter)."""


@dataclass(frozen=True, slots=True)
class Position:
    """Where a request for a list page starts: after or before a cursor, or (old addresses) a page number
    read as an offset."""

    after: str | None
    before: str | None
    number: int
    """The page's number as the links carry it (a label; 1 when not given)."""

    @property
    def offset(self) -> int:
        """The offset of an address with a page number and no cursor (bookmarks from before cursors)."""
        return 0 if self.after or self.before else (self.number - 1) * PAGE_SIZE


def position(query: Mapping[str, str]) -> Position:
    after = (query.get("after") or "").strip()[: CURSOR_MAX + 1] or None
    before = (query.get("before") or "").strip()[: CURSOR_MAX + 1] or None
    if after and before:
        before = None
    return Position(after, before, page_number(query.get("page")))


def count_text(total: int, exact: bool) -> str:
    """A total as the reader should take it: the number when counted, "about N" when estimated."""
    shown = i18n.fmt_number(total)
    return shown if exact else _("about %(num)s") % {"num": shown}


@dataclass(frozen=True, slots=True)
class Pager:
    """What a list page's pager shows (template ``_pager.html``)."""

    number: int
    total: int
    exact: bool
    next_url: str | None
    prev_url: str | None
    first_url: str | None

    @property
    def pages(self) -> int | None:
        """How many pages, only when the total was counted."""
        return page_count(self.total) if self.exact else None

    @property
    def label(self) -> str:
        if self.pages is not None:
            return _("Page %(page)s of %(pages)s") % {
                "page": i18n.fmt_number(self.number),
                "pages": i18n.fmt_number(self.pages),
            }
        return _("Page %(page)s") % {"page": i18n.fmt_number(self.number)}

    @property
    def shown(self) -> bool:
        return bool(self.next_url or self.prev_url)

    @property
    def count(self) -> str:
        return count_text(self.total, self.exact)


def pager(
    request: Request,
    at: Position,
    total: int,
    exact: bool,
    next_after: str | None,
    prev_before: str | None,
    anchor: str = "",
) -> Pager:
    """The pager of a page read from ``at``: links to the next and previous pages by the store's cursors,
    keeping every other parameter of the address (the filters)."""
    params = {
        k: v for k, v in request.query_params.items() if k not in ("page", "after", "before") and v.strip()
    }
    number = at.number if (at.after or at.before or at.number > 1) else 1
    if prev_before is None:
        number = 1
    elif number < 2:
        number = 2  # after a cursor, at least the second page (the label only)

    def url(extra: dict[str, str | int]) -> str:
        query = urlencode({**params, **extra})
        return request.url.path + ("?" + query if query else "") + anchor

    next_url = url({"after": next_after, "page": number + 1}) if next_after else None
    prev_url = url({"before": prev_before, "page": number - 1}) if prev_before else None
    first_url = url({}) if number > 2 else None
    return Pager(number, total, exact, next_url, prev_url, first_url)
