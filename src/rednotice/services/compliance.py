"""The compliance engine with the store as its context (the SQL side of ``ComplianceContext``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from rednotice.domain.compliance import check
from rednotice.domain.compliance.context import (
    CountryRecord,
    EventKind,
    Objection,
    PoliticalEvent,
    PriorDecision,
    PriorOutcome,
    RefugeeStatus,
)
from rednotice.domain.lifecycle import Notice, State
from rednotice.domain.model import NoticeRequest, Subject
from rednotice.domain.redress import refugee_status_for
from rednotice.services.ports import UnitOfWork
from rednotice.services.redress import BindingOutcome

OUTCOME_OF_STATE: dict[State, PriorOutcome] = {
    State.REFUSED: PriorOutcome.REFUSED,
    State.DELETED: PriorOutcome.DELETED,
    State.PURGED: PriorOutcome.PURGED,
    State.PUBLISHED: PriorOutcome.PUBLISHED,
    State.SUSPENDED: PriorOutcome.PUBLISHED,
    State.UNREVIEWED: PriorOutcome.PUBLISHED,
    State.REVIEWED_COMPLIANT: PriorOutcome.PUBLISHED,
    State.CANCELLED: PriorOutcome.CANCELLED,
    State.WITHDRAWN: PriorOutcome.WITHDRAWN,
    State.EXPIRED: PriorOutcome.EXPIRED,
}
"""How earlier notices about the same person stand. Refused, deleted and purged ones bar the same facts
(RN-16); every one of them carries other countries' objections and refused extraditions (RN-12)."""


class StoreContext:
    """What the rules may ask, answered from the unit of work's store.

    Objections come from countries' recorded positions (RN-12), refugee status from the confirmations
    kept by the redress module (RN-13, never naming the granting country), binding CCF outcomes from
    its decisions (RN-16), political events from the register kept by reviewers (RN-15), requests naming
    the same relative from the notices' relations (RN-18). GS exceptions are not read here: the review
    workflow records the Art. 83(1)(b) exception after the check instead.
    """

    def __init__(
        self, uow: UnitOfWork, exclude_id: str | None = None, only_country: str | None = None
    ) -> None:
        self.uow = uow
        self.exclude_id = exclude_id
        self.only_country = only_country
        """For a requester's own pre-check: history of its own requests only (never another country's)."""

    def country_record(self, country: str) -> CountryRecord | None:
        decided, refused = self.uow.reviews.decisions_by_country(country)
        return CountryRecord(decided, refused) if decided else None

    def prior_decisions_for(self, subject: Subject) -> Sequence[PriorDecision]:
        candidates = [
            n
            for n in self.uow.reviews.identity_candidates(subject, tuple(OUTCOME_OF_STATE))
            if n.id != self.exclude_id
            and (self.only_country is None or n.requesting_country == self.only_country)
        ]
        binding = self.uow.redress.outcomes_for([n.id for n in candidates]) if candidates else {}
        out = []
        for n in candidates:
            b = binding.get(n.id)
            if b == BindingOutcome.RESTORABLE:
                continue  # a reviewer allowed the data back after the refugee status ended
            outcome = (
                PriorOutcome.CCF_NON_COMPLIANT
                if b == BindingOutcome.CCF_NON_COMPLIANT and self.only_country is None
                else OUTCOME_OF_STATE[n.state]
            )
            # The requester's own pre-check says "deleted", as the requester is told elsewhere: never
            # that the CCF decided (a CCF request is confidential unless the NCB is consulted).
            out.append(PriorDecision(n.id, outcome, n.request))
        return out

    def objections_for(self, notice_ids: Sequence[str]) -> Sequence[Objection]:
        out = []
        for p in self.uow.redress.positions(list(notice_ids)):
            o = p.as_objection()
            if o is None:
                continue
            if self.only_country is not None and not p.disclose:
                # The requester's own pre-check: a country that did not consent is not named, nor are
                # its grounds (a refugee ground would point to the country that granted asylum).
                o = replace(o, country="", grounds="")
            out.append(o)
        return out

    def refugee_status(self, subject: Subject, requesting_country: str) -> RefugeeStatus | None:
        return refugee_status_for(subject, requesting_country, self.uow.redress.refugee_candidates(subject))

    def political_events(self, country: str) -> Sequence[PoliticalEvent]:
        return [
            PoliticalEvent(EventKind(kind), on, description)
            for kind, on, description in self.uow.reviews.political_events(country)
        ]

    def relation_requests(self, notice_id: str) -> int:
        return self.uow.reviews.relation_count(notice_id, exclude_id=self.exclude_id)

    def gs_exception(self, request: NoticeRequest) -> str | None:
        return None


def check_in_store(uow: UnitOfWork, notice: Notice) -> dict[str, Any]:
    """Run every rule on a notice's request with the store's history; the contract's result shape, with each
    finding's message template and values (kept with the stored check, so pages can translate it)."""
    result = check(notice.request, StoreContext(uow, exclude_id=notice.id), today=uow.clock().date())
    return result.to_dict(translatable=True)


def check_request(uow: UnitOfWork, request: NoticeRequest) -> dict[str, Any]:
    """A check of a request not (yet) stored: what an NCB sees before submitting. Its history is limited to
    the requesting country's own requests, so the advice cannot reveal another country's notices; the
    binding check, with all history, runs again on submission and is seen by reviewers."""
    with uow:
        context = StoreContext(uow, only_country=request.requesting_country)
        return check(request, context, today=uow.clock().date()).to_dict(translatable=True)
