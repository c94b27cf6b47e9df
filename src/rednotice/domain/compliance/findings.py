"""What a compliance check returns: findings with reasons, and a verdict derived from their severities.

A finding's reason is written as a template with named values (``errors.Text``), as domain errors are
(docs/i18n.md): ``message`` is the English text, filled in (logs, the CSV, the API, the contract), and
``template`` and ``values`` let a page show it in the reader's language. Values that are rednotice's own
words are ``Text`` (a word marked with ``N_``) or ``Term`` (a country: ``Term("country", "RU")``); a count
is a number, a day a ``date``, a share a ``Share``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from rednotice.domain.errors import Term, Text
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
    template: str = ""
    """The message before its values are filled in (marked for the catalogues); "" when not known."""
    values: Mapping[str, Any] = field(default_factory=dict)
    """The message's values by placeholder: text, numbers, dates, ``Share``, ``Term`` and ``Text``."""

    def to_dict(self, *, translatable: bool = False) -> dict[str, Any]:
        """The contract's shape; with ``translatable``, also ``template`` and ``values`` (as JSON: see
        ``values_to_json``), which the stored checks keep so that pages can translate the message."""
        out = {
            "code": self.code,
            "severity": self.severity.value,
            "rule": self.rule,
            "basis": self.basis,
            "message": self.message,
            "evidence": {str(k): _jsonable(v) for k, v in self.evidence.items()},
        }
        if translatable and self.template:
            out["template"] = self.template
            out["values"] = values_to_json(self.values)
        return out


class Share(float):
    """A share from 0 to 1, written as a percentage: ``Share(0.125)`` → "12.5%" (``digits`` after the
    point)."""

    digits: int

    def __new__(cls, value: float, digits: int = 1) -> Share:
        share = super().__new__(cls, value)
        share.digits = digits
        return share

    def __str__(self) -> str:
        return f"{float(self):.{self.digits}%}"


def _value_to_json(value: Any) -> Any:
    if isinstance(value, Term):
        return {"term": value.kind, "values": list(value.values)}
    if isinstance(value, Text):
        return {"text": [[t, values_to_json(v)] for t, v in value.parts], "sep": value.sep}
    if isinstance(value, Share):
        return {"share": float(value), "digits": value.digits}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def values_to_json(values: Mapping[str, Any]) -> dict[str, Any]:
    """A message's values as plain JSON, kept with the stored check: a Term as ``{"term", "values"}``, a
    Text as ``{"text": [[template, values], ...], "sep"}``, a Share as ``{"share", "digits"}``, a day as
    ``{"date"}``; text and numbers as they are."""
    return {str(k): _value_to_json(v) for k, v in values.items()}


def _value_from_json(value: Any, show: Callable[[Any], Any]) -> Any:
    if isinstance(value, Mapping):
        if "term" in value:
            return Term(str(value["term"]), *(str(v) for v in value.get("values") or ()))
        if "text" in value:
            parts = [
                Text(str(t), **values_from_json(v if isinstance(v, Mapping) else {}, show))
                for t, v in value["text"]
            ]
            return Text.joined(str(value.get("sep") or ""), parts) if parts else ""
        if "share" in value:
            return show(Share(float(value["share"]), int(value.get("digits", 1))))
        if "date" in value:
            try:
                return show(date.fromisoformat(str(value["date"])))
            except ValueError:
                return str(value["date"])
        return str(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return show(value)
    return value


def values_from_json(values: Mapping[str, Any], show: Callable[[Any], Any] = str) -> dict[str, Any]:
    """The values a stored finding keeps, read back: Terms and Texts as such (their ``label()`` is the
    reader's), and each number, share and day through ``show`` (the page's way of writing it)."""
    return {str(k): _value_from_json(v, show) for k, v in values.items()}


def message_text(finding: Mapping[str, Any], show: Callable[[Any], Any] = str) -> Text | None:
    """A stored finding's message as a ``Text`` (``label()`` answers in the reader's language), or None
    for a finding stored without its template (checks stored before messages were templates)."""
    template = finding.get("template")
    if not isinstance(template, str) or not template:
        return None
    values = finding.get("values")
    return Text(template, **values_from_json(values if isinstance(values, Mapping) else {}, show))


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

    def finding(self, message: Text | str, severity: Severity | None = None, /, **evidence: Any) -> Finding:
        """A finding of this rule; ``message`` is a ``Text`` (a template marked with ``N_`` and its
        values), so that pages can show it in the reader's language (a plain ``str`` stays as written)."""
        if not isinstance(message, Text):
            return Finding(self.code, severity or self.severity, self.title, self.basis, message, evidence)
        if len(message.parts) == 1:
            template, values = message.parts[0]
        else:
            template, values = "%(message)s", {"message": message}
        return Finding(
            self.code,
            severity or self.severity,
            self.title,
            self.basis,
            str(message),
            evidence,
            template,
            values,
        )


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

    def to_dict(self, *, translatable: bool = False) -> dict[str, Any]:
        """The contract's shape (exactly its keys); ``translatable`` adds each finding's template and
        values, for the stored check and the pages (the API's response model leaves them out)."""
        out: dict[str, Any] = {
            "verdict": self.verdict.value,
            "findings": [f.to_dict(translatable=translatable) for f in self.findings],
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
