"""Similar past decisions: what a reviewer reads beside a request before deciding it.

Earlier decided notices of the same requesting country that share a word of the charges, or that name the
same person (same names and birth year). A word match, not a legal judgement: the page says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rednotice.domain.lifecycle import Notice, State
from rednotice.domain.users import Actor
from rednotice.services import notices as ns
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
    words: set[str] = set()
    for c in notice.request.judicial.charges:
        for text in (c.offence, c.offence_original or ""):
            words.update(w.casefold() for w in _WORD.findall(text))
    return words - CHARGE_STOPWORDS


def person_key(notice: Notice) -> tuple[str, str, int | None]:
    """Family name, given names (folded, spaces normalised) and birth year, if known."""
    s = notice.request.subject
    dob = s.date_of_birth.year if s.date_of_birth else None
    return (" ".join(s.family_name.casefold().split()), " ".join(s.given_names.casefold().split()), dob)


def similar_decisions(notice: Notice, actor: Actor, uow: UnitOfWork) -> list[SimilarDecision]:
    """Earlier decided notices of the same requesting country sharing a charge word, or of the same person
    (same names; the same birth year, or none known). One search of the country's latest SCAN decided
    notices; the same person first, then the most shared words."""
    page = ns.list_notices(
        NoticeFilter(states=DECIDED, requesting_country=notice.requesting_country, limit=SCAN), actor, uow
    )
    words, person = charge_words(notice), person_key(notice)
    out: list[SimilarDecision] = []
    for other in page.items:
        if other.id == notice.id:
            continue
        shared = sorted(words & charge_words(other))
        theirs = person_key(other)
        same_person = theirs[:2] == person[:2] and theirs[2] in (person[2], None)
        if shared or same_person:
            out.append(SimilarDecision(other, shared, same_person))
    out.sort(key=lambda x: (not x.same_person, -len(x.shared)))
    return out[:SHOWN]
