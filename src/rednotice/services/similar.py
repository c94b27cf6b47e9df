"""Similar past decisions: what a reviewer reads beside a request before deciding it.

Earlier decided notices of the same requesting country that share a word of the charges, or that name the
same person (same names and birth year). A word match, not a legal judgement: the page says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rednotice.domain import policy
from rednotice.domain.errors import Forbidden, Term
from rednotice.domain.lifecycle import Notice, State
from rednotice.domain.users import Actor
from rednotice.services.ports import NoticeFilter, UnitOfWork

DECIDED = (State.PUBLISHED, State.REFUSED, State.REVIEWED_COMPLIANT, State.PURGED)
"""The states of a decided notice (published or confirmed, refused or purged)."""
SCAN = 100
"""How many of the requesting country's latest decided notices one search reads."""
SHOWN = 5
"""How many similar decisions are returned, the most similar first."""

_WORD = re.compile(r"[^\W\d_]{4,}")
CHARGE_STOPWORDS = frozenset(
    {
        "with",
        "from",
        "that",
        "this",
        "other",
        "against",
        "under",
        "article",
        "code",
        "penal",
        "criminal",
        "offence",
        "offense",
        "part",
        "committed",
        "person",
        "persons",
        "large",
        "scale",
        "especially",
    }
)
"""Words of four letters or more that any charge may hold: sharing one says nothing."""


@dataclass(frozen=True, slots=True)
class SimilarDecision:
    notice: Notice
    shared: list[str]
    """The charge words both notices hold, sorted."""
    same_person: bool


def charge_words(notice: Notice) -> set[str]:
    """The words of four letters or more in the notice's charges (both languages), folded, without the
    stop-words."""
    return _words((c.offence, c.offence_original) for c in notice.request.judicial.charges)


def _words(charges: Iterable[tuple[str, str]]) -> set[str]:
    words: set[str] = set()
    for offence, original in charges:
        for text in (offence, original or ""):
            words.update(w.casefold() for w in _WORD.findall(text))
    return words - CHARGE_STOPWORDS


def person_key(notice: Notice) -> tuple[str, str, int | None]:
    """Family name, given names (folded, spaces normalised) and birth year, if known."""
    s = notice.request.subject
    return _person(s.family_name, s.given_names, s.date_of_birth.year if s.date_of_birth else None)


def _person(family_name: str, given_names: str, birth_year: int | None) -> tuple[str, str, int | None]:
    return (" ".join(family_name.casefold().split()), " ".join(given_names.casefold().split()), birth_year)


def similar_decisions(notice: Notice, actor: Actor, uow: UnitOfWork) -> list[SimilarDecision]:
    """Earlier decided notices of the same requesting country sharing a charge word, or of the same person
    (same names; the same birth year, or none known). One search of the country's latest SCAN decided
    notices; the same person first, then the most shared words.

    The SCAN notices are compared by their digests (names, birth year, the charges' texts), not decoded;
    only the SHOWN found are read whole (issue 18: decoding 100 notices was most of the cost). The search
    is audited as a list search, with the notices shown."""
    if not policy.can_list_notices(actor):
        raise Forbidden("a %(role)s does not list notices", role=Term("role", actor.role))
    flt = NoticeFilter(
        states=DECIDED, requesting_country=notice.requesting_country, limit=SCAN, visible_to=actor
    )
    words, person = charge_words(notice), person_key(notice)
    found: list[tuple[str, list[str], bool]] = []
    with uow:
        digests = uow.notices.digests(flt)
        for other in digests:
            if other.id == notice.id:
                continue
            shared = sorted(words & _words(other.charges))
            theirs = _person(other.family_name, other.given_names, other.birth_year)
            same_person = theirs[:2] == person[:2] and theirs[2] in (person[2], None)
            if shared or same_person:
                found.append((other.id, shared, same_person))
        found.sort(key=lambda x: (not x[2], -len(x[1])))
        found = found[:SHOWN]
        notices = {n.id: n for n in uow.notices.get_many([notice_id for notice_id, _, _ in found])}
        uow.audit.append(
            actor,
            "notice.search",
            "notices",
            {
                "states": [s.value for s in DECIDED],
                "type": None,
                "requesting_country": notice.requesting_country,
                "name": None,
                "nationality": None,
                "offset": 0,
                "limit": SCAN,
                "similar_to": notice.id,
                "read": len(digests),
                "shown": [notice_id for notice_id, _, _ in found],
            },
            uow.clock(),
        )
        uow.commit()
    return [SimilarDecision(notices[i], shared, same) for i, shared, same in found if i in notices]
