"""Run the catalogue on a request: ``check(request, context, settings, today) -> CheckResult``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from rednotice.domain.compliance.classify import RequestAnalysis, analyse
from rednotice.domain.compliance.context import ComplianceContext, EmptyContext, PriorDecision
from rednotice.domain.compliance.findings import CheckResult, Finding, Rule
from rednotice.domain.compliance.identity import same_person
from rednotice.domain.compliance.settings import DEFAULT, ComplianceSettings
from rednotice.domain.model import NoticeRequest


class PurposeEnded(StrEnum):
    """Why a notice's purpose is gone (RN-22): the source must cancel it."""

    LOCATED_AND_EXTRADITED = "located_and_extradited"
    WARRANT_WITHDRAWN = "warrant_withdrawn"
    TIME_BARRED = "time_barred"
    ACQUITTED = "acquitted"
    PARDONED = "pardoned"
    DECEASED = "deceased"


@dataclass(frozen=True, slots=True)
class NoticeMeta:
    """What the store knows about the notice being checked, when an existing notice is re-checked
    (renewal, periodic review). A new request has none."""

    published_on: date | None = None
    retention_reasons: str = ""
    """The source's reasoned request to keep the notice beyond five years (Art. 50)."""
    purpose_ended: PurposeEnded | None = None
    purpose_details: str = ""


@dataclass
class CheckContext:
    """Everything a rule may use besides the request: the store port, today's date, the notice's
    metadata (if any) and the charge analysis, computed once per check."""

    request: NoticeRequest
    store: ComplianceContext
    settings: ComplianceSettings
    today: date
    notice: NoticeMeta | None = None
    analysis: RequestAnalysis = field(init=False)
    _prior: list[tuple[PriorDecision, str]] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.analysis = analyse(self.request, self.settings)

    def prior(self) -> list[tuple[PriorDecision, str]]:
        """Earlier notices about the same person (identity confirmed), each with why it is the same."""
        if self._prior is None:
            found: list[tuple[PriorDecision, str]] = []
            for decision in self.store.prior_decisions_for(self.request.subject):
                match = same_person(self.request.subject, decision.request.subject)
                if match.same:
                    found.append((decision, match.reason))
            self._prior = found
        return self._prior


def check(
    request: NoticeRequest,
    context: ComplianceContext | None = None,
    settings: ComplianceSettings = DEFAULT,
    today: date | None = None,
    *,
    notice: NoticeMeta | None = None,
    rules: Sequence[Rule] | None = None,
) -> CheckResult:
    """Check a request against every rule of the catalogue (or ``rules``), in catalogue order.

    ``context`` defaults to :class:`EmptyContext` (no history). ``today`` defaults to the current date.
    """
    from rednotice.domain.compliance.rules import CATALOGUE

    ctx = CheckContext(request, context or EmptyContext(), settings, today or date.today(), notice)
    findings: list[Finding] = []
    for rule in CATALOGUE if rules is None else rules:
        findings.extend(rule.check(request, ctx, settings))
    return CheckResult.of(findings, ctx.analysis.to_dict())
