"""The compliance engine's port to history: what the store knows beyond the request itself.

Rules RN-02 (exceptions), RN-11, RN-12, RN-13, RN-15, RN-16 and RN-18 ask a :class:`ComplianceContext`.
The domain defines the port and two implementations: :class:`EmptyContext` (no history: those rules
stay silent or fall back on what the request says) and :class:`MemoryContext` (for tests and
demos). The SQL implementation lives with the store (rednotice.services / rednotice.adapters).

Implementers' contract
----------------------
* Every method is a read; none may change anything or raise for "not found" (return None / empty).
* Lookups by subject may over-return *candidates* (e.g. everyone born the same year with a similar
  name key); the rules confirm identity with :func:`rednotice.domain.compliance.identity.same_person`.
* Never put the country that granted asylum in a :class:`RefugeeStatus`: the type has no field for
  it on purpose, so no finding, log or API answer can disclose it (RN-13, RN-25).
* Keep each call cheap (one indexed query): the check runs on every submission.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import NamedTuple, Protocol

from rednotice.domain.compliance.identity import same_person
from rednotice.domain.model import NoticeRequest, Subject


class CountryRecord(NamedTuple):
    """A requesting country's track record: requests decided, and of those refused or deleted as
    non-compliant (by the task force or the CCF). Also usable as a ``(decided, refused)`` tuple."""

    decided: int
    refused: int

    @property
    def rate(self) -> float:
        return self.refused / self.decided if self.decided else 0.0


class PriorOutcome(StrEnum):
    """How an earlier notice or diffusion about someone ended (or stands)."""

    REFUSED = "refused"
    """The task force refused it before publication."""
    DELETED = "deleted"
    """Deleted as non-compliant after publication."""
    DELETED_BY_SOURCE = "deleted_by_source"
    """The source deleted its own data (e.g. while a CCF case was pending) and may try to re-enter it."""
    CCF_NON_COMPLIANT = "ccf_non_compliant"
    """The CCF found it non-compliant (binding)."""
    PURGED = "purged"
    """A diffusion found non-compliant after circulation."""
    PUBLISHED = "published"
    CANCELLED = "cancelled"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


BARRING_OUTCOMES = frozenset(
    {
        PriorOutcome.REFUSED,
        PriorOutcome.DELETED,
        PriorOutcome.DELETED_BY_SOURCE,
        PriorOutcome.CCF_NON_COMPLIANT,
        PriorOutcome.PURGED,
    }
)
"""Outcomes after which the same facts may not come back without new facts (RN-16, RN-30)."""


@dataclass(frozen=True, slots=True)
class PriorDecision:
    """An earlier notice or diffusion that may concern the same subject, with its request as filed."""

    notice_id: str
    outcome: PriorOutcome
    request: NoticeRequest
    decided_on: date | None = None
    reasons: str = ""


class ObjectionKind(StrEnum):
    EXTRADITION_REFUSED = "extradition_refused"
    POLITICAL = "political"
    HUMAN_RIGHTS = "human_rights"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Objection:
    """Another member country's position on a notice: a refused extradition or a recorded objection."""

    notice_id: str
    country: str
    kind: ObjectionKind
    grounds: str = ""
    deletion_grounds: bool = False
    """True when the reviewer recorded that the grounds are also grounds to delete (e.g. Art. 3)."""
    on: date | None = None


class ProtectionStatus(StrEnum):
    REFUGEE = "refugee"
    ASYLUM_SEEKER = "asylum_seeker"


@dataclass(frozen=True, slots=True)
class RefugeeStatus:
    """What a member country confirmed about the subject's protection, without saying which country."""

    status: ProtectionStatus
    confirmed: bool
    feared_persecution_by_requester: bool
    """True when the requesting country is the country of feared persecution."""
    revoked_or_denied: bool = False


class EventKind(StrEnum):
    ELECTION = "election"
    PROTEST = "protest"
    COUP_ATTEMPT = "coup_attempt"
    PUBLICATION = "publication"
    """A publication by the subject (an article, a report, a video)."""
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class PoliticalEvent:
    kind: EventKind
    on: date
    description: str = ""


class ComplianceContext(Protocol):
    """What the rules may ask the store. See the module docstring for the implementers' contract."""

    def country_record(self, country: str) -> CountryRecord | None:
        """The requesting country's decided and refused counts (RN-11); None if unknown."""
        ...

    def prior_decisions_for(self, subject: Subject) -> Sequence[PriorDecision]:
        """Earlier notices/diffusions that may concern this subject, any outcome (RN-12, RN-16).
        Candidates are fine: identity is confirmed by the rule."""
        ...

    def objections_for(self, notice_ids: Sequence[str]) -> Sequence[Objection]:
        """Refused extraditions and objections recorded on these notices (RN-12)."""
        ...

    def refugee_status(self, subject: Subject, requesting_country: str) -> RefugeeStatus | None:
        """Protection status confirmed by a member country (RN-13); None when nothing is recorded."""
        ...

    def political_events(self, country: str) -> Sequence[PoliticalEvent]:
        """Elections, protests, coup attempts and publications in or about the country (RN-15)."""
        ...

    def relation_requests(self, notice_id: str) -> int:
        """How many other requests or searches name this notice as a relation (RN-18)."""
        ...

    def gs_exception(self, request: NoticeRequest) -> str | None:
        """Reasons of a General Secretariat 'particular importance' exception recorded for this request
        (Art. 83(1)(b); RN-02), or None."""
        ...


class EmptyContext:
    """No history at all: context rules stay silent or rely on what the request itself says."""

    def country_record(self, country: str) -> CountryRecord | None:
        return None

    def prior_decisions_for(self, subject: Subject) -> Sequence[PriorDecision]:
        return ()

    def objections_for(self, notice_ids: Sequence[str]) -> Sequence[Objection]:
        return ()

    def refugee_status(self, subject: Subject, requesting_country: str) -> RefugeeStatus | None:
        return None

    def political_events(self, country: str) -> Sequence[PoliticalEvent]:
        return ()

    def relation_requests(self, notice_id: str) -> int:
        return 0

    def gs_exception(self, request: NoticeRequest) -> str | None:
        return None


@dataclass(frozen=True, slots=True)
class RefugeeRecord:
    """A confirmed (or revoked) protection status, as the in-memory context stores it."""

    subject: Subject
    status: ProtectionStatus
    persecution_country: str
    granting_country: str
    revoked_or_denied: bool = False


@dataclass
class MemoryContext:
    """A ComplianceContext held in memory, for unit tests and demos."""

    countries: dict[str, CountryRecord] = field(default_factory=dict)
    decisions: list[PriorDecision] = field(default_factory=list)
    objections: list[Objection] = field(default_factory=list)
    refugees: list[RefugeeRecord] = field(default_factory=list)
    events: dict[str, list[PoliticalEvent]] = field(default_factory=dict)
    relation_counts: dict[str, int] = field(default_factory=dict)
    exceptions: dict[str, str] = field(default_factory=dict)
    """GS exceptions, keyed by the warrant reference of the request they cover."""

    def country_record(self, country: str) -> CountryRecord | None:
        return self.countries.get(country)

    def prior_decisions_for(self, subject: Subject) -> Sequence[PriorDecision]:
        return [d for d in self.decisions if same_person(subject, d.request.subject).same]

    def objections_for(self, notice_ids: Sequence[str]) -> Sequence[Objection]:
        wanted = set(notice_ids)
        return [o for o in self.objections if o.notice_id in wanted]

    def refugee_status(self, subject: Subject, requesting_country: str) -> RefugeeStatus | None:
        for r in self.refugees:
            if same_person(subject, r.subject).same:
                return RefugeeStatus(
                    r.status, True, r.persecution_country == requesting_country, r.revoked_or_denied
                )
        return None

    def political_events(self, country: str) -> Sequence[PoliticalEvent]:
        return self.events.get(country, [])

    def relation_requests(self, notice_id: str) -> int:
        return self.relation_counts.get(notice_id, 0)

    def gs_exception(self, request: NoticeRequest) -> str | None:
        warrant = request.judicial.warrant
        return self.exceptions.get(warrant.reference) if warrant else None
