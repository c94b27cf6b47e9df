"""The compliance engine: 'Rules to encode' (docs/domain.md) as data, run on a notice request.

    from rednotice.domain.compliance import check
    result = check(request)              # EmptyContext, DEFAULT settings, today
    result.verdict, result.to_dict()     # the contract's {"verdict", "findings": [...]}

Map: ``rules.CATALOGUE`` (the rules, in order), ``classify`` (what each charge is, and why),
``settings`` (thresholds and word lists), ``context`` (the port to history, with EmptyContext and
MemoryContext), ``identity`` (same person?), ``interpol`` (RN-32 formats), ``engine`` (``check``).
Standard library only.
"""

from rednotice.domain.compliance.classify import (
    ChargeAnalysis,
    ChargeKind,
    RequestAnalysis,
    analyse,
    classify_charge,
)
from rednotice.domain.compliance.context import (
    ComplianceContext,
    CountryRecord,
    EmptyContext,
    EventKind,
    MemoryContext,
    Objection,
    ObjectionKind,
    PoliticalEvent,
    PriorDecision,
    PriorOutcome,
    ProtectionStatus,
    RefugeeRecord,
    RefugeeStatus,
)
from rednotice.domain.compliance.engine import CheckContext, NoticeMeta, PurposeEnded, check
from rednotice.domain.compliance.findings import CheckResult, Finding, Rule, Severity, Verdict, verdict_for
from rednotice.domain.compliance.interpol import validate_interpol_query, validate_interpol_record
from rednotice.domain.compliance.rules import CATALOGUE, rule
from rednotice.domain.compliance.settings import DEFAULT, ComplianceSettings, Lexicons

__all__ = [
    "CATALOGUE",
    "DEFAULT",
    "ChargeAnalysis",
    "ChargeKind",
    "CheckContext",
    "CheckResult",
    "ComplianceContext",
    "ComplianceSettings",
    "CountryRecord",
    "EmptyContext",
    "EventKind",
    "Finding",
    "Lexicons",
    "MemoryContext",
    "NoticeMeta",
    "Objection",
    "ObjectionKind",
    "PoliticalEvent",
    "PriorDecision",
    "PriorOutcome",
    "ProtectionStatus",
    "PurposeEnded",
    "RefugeeRecord",
    "RefugeeStatus",
    "RequestAnalysis",
    "Rule",
    "Severity",
    "Verdict",
    "analyse",
    "check",
    "classify_charge",
    "rule",
    "validate_interpol_query",
    "validate_interpol_record",
    "verdict_for",
]
