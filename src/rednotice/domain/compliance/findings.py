"""What a compliance check returns: findings with reasons, and a verdict derived from their severities."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from rednotice.domain.model import NoticeRequest

if TYPE_CHECKING:
    from rednotice.domain.compliance.engine import CheckContext
    from rednotice.domain.compliance.settings import ComplianceSettings


class Severity(StrEnum):
    BLOCK = "block"
    """Refuse or delete."""
    REVIEW = "review"
    """Mandatory human legal review, reasons recorded."""
    WARN = "warn"
    """Flag only."""


class Verdict(StrEnum):
    COMPLIANT = "compliant"
    NEEDS_REVIEW = "needs_review"
    NON_COMPLIANT = "non_compliant"


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule's outcome on one request, with the reason in words and the evidence it used."""

    code: str
    severity: Severity
    rule: str
    basis: str
    message: str
    evidence: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "rule": self.rule,
            "basis": self.basis,
            "message": self.message,
            "evidence": {str(k): _jsonable(v) for k, v in self.evidence.items()},
        }


def _jsonable(value: Any) -> Any:
    """Evidence as plain JSON values (enums by value, dates in ISO form, tuples and sets as lists)."""
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


RuleCheck = Callable[["NoticeRequest", "CheckContext", "ComplianceSettings"], list[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule of 'Rules to encode' (docs/domain.md): stable code, title, legal basis, usual severity.

    ``check(request, context, settings)`` returns zero or more findings. A finding may carry a lower
    severity than the rule's (e.g. RN-03 blocks a short sentence but only asks review for a short
    remainder); ``severity`` is the most a rule can do.
    """

    code: str
    title: str
    basis: str
    severity: Severity
    check: RuleCheck
    summary: str = ""
    needs_context: bool = False
    """True when the rule needs history from the store (a ComplianceContext) to say anything."""

    def finding(self, message: str, severity: Severity | None = None, /, **evidence: Any) -> Finding:
        return Finding(self.code, severity or self.severity, self.title, self.basis, message, evidence)


_ORDER = {Severity.BLOCK: 0, Severity.REVIEW: 1, Severity.WARN: 2}


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The verdict and every finding, in catalogue order. ``to_dict()`` is the contract's JSON shape."""

    verdict: Verdict
    findings: tuple[Finding, ...] = ()
    analysis: Mapping[str, Any] = field(default_factory=dict)
    """What the engine read, for reviewers and the figures: each charge with its ICCS category and the
    statutes of concern it cites, and the acts the facts attribute to each person."""

    @classmethod
    def of(cls, findings: list[Finding], analysis: Mapping[str, Any] | None = None) -> CheckResult:
        return cls(verdict_for(findings), tuple(findings), analysis or {})

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.code for f in self.findings))

    def with_severity(self, severity: Severity) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is severity)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "verdict": self.verdict.value,
            "findings": [f.to_dict() for f in self.findings],
        }
        if self.analysis:
            out["analysis"] = _jsonable(self.analysis)
        return out

    def to_text(self) -> str:
        """A short human-readable report (the CLI's ``--format text``)."""
        lines = [f"verdict: {self.verdict.value}"]
        for f in sorted(self.findings, key=lambda f: (_ORDER[f.severity], f.code)):
            lines.append(f"  [{f.severity.value.upper():6}] {f.code} {f.rule}")
            lines.append(f"           {f.message}")
            lines.append(f"           basis: {f.basis}")
        if not self.findings:
            lines.append("  no findings")
        return "\n".join(lines)


def verdict_for(findings: list[Finding] | tuple[Finding, ...]) -> Verdict:
    """``non_compliant`` if any finding blocks, ``needs_review`` if any asks review, else ``compliant``."""
    severities = {f.severity for f in findings}
    if Severity.BLOCK in severities:
        return Verdict.NON_COMPLIANT
    if Severity.REVIEW in severities:
        return Verdict.NEEDS_REVIEW
    return Verdict.COMPLIANT
