"""The review workflow: checks stored with the request, a risk-ordered queue, written resolutions,
the Art. 83(1)(b) exception confirmed by a second reviewer, the Art. 3 assessment, reasoned decisions.

The gate (``gate_decision``) is called by every path that publishes a notice or clears a diffusion,
so the API, the CLI and the pages cannot go around it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from rednotice.domain.errors import N_, Forbidden, InvalidInput, NotFound, RuleViolation, Term, Text
from rednotice.domain.lifecycle import AWAITING_REVIEW_STATES, Action, Notice, State
from rednotice.domain.model import NoticeType
from rednotice.domain.users import Actor, Role
from rednotice.domain.versions import FieldChange, diff_requests
from rednotice.services.ports import UnitOfWork


class Ground(StrEnum):
    """Grounds of refusal, as counted in the transparency figures: the ones reviewers actually use (RPD Art.
    83(1)(a) split by category, as the CCF and the Repository of Practice do). ``OTHER`` carries a short
    written ground of its own (``other_ground``), counted by that text."""

    ARTICLE_3 = "art3"
    ARTICLE_2 = "art2"
    REFUGEE = "refugee"
    DATA_QUALITY = "data_quality"
    """Minimum identity or judicial data missing, or facts that do not support the charges (Art. 83(2))."""
    PENALTY_THRESHOLD = "penalty_threshold"
    PRIVATE_DISPUTE = "private_dispute"
    """Art. 83(1)(a)(iii): a debt, a contract, a commercial dispute."""
    ADMINISTRATIVE = "administrative"
    """Art. 83(1)(a)(iii): a breach of administrative law or regulation."""
    NORMS_OR_FAMILY = "norms_or_family"
    """Art. 83(1)(a)(i)-(ii): behavioural or cultural norms, family or private matters."""
    WARRANT_OR_ASSURANCE = "warrant_or_assurance"
    """RPD Art. 82, 84: no valid arrest warrant, or no assurance that extradition will be sought."""
    TIME_BARRED = "time_barred"
    """Statute of limitations, or the purpose gone: acquitted, pardoned, warrant withdrawn (Art. 51, 81)."""
    RESUBMITTED = "resubmitted"
    """The same facts, refused or deleted before (a CCF decision is binding)."""
    OTHER = "other"


GROUND_OF_CODE: dict[str, Ground] = {
    "RN-02": Ground.PENALTY_THRESHOLD,
    "RN-03": Ground.PENALTY_THRESHOLD,
    "RN-04": Ground.DATA_QUALITY,
    "RN-05": Ground.DATA_QUALITY,
    "RN-06": Ground.DATA_QUALITY,
    "RN-07": Ground.WARRANT_OR_ASSURANCE,
    "RN-09": Ground.ARTICLE_3,
    "RN-10": Ground.ARTICLE_3,
    "RN-12": Ground.ARTICLE_3,
    "RN-13": Ground.REFUGEE,
    "RN-14": Ground.ARTICLE_2,
    "RN-15": Ground.ARTICLE_3,
    "RN-16": Ground.RESUBMITTED,
    "RN-18": Ground.ARTICLE_2,
    "RN-19": Ground.ARTICLE_3,
    "RN-20": Ground.ARTICLE_3,
    "RN-21": Ground.TIME_BARRED,
    "RN-22": Ground.TIME_BARRED,
    "RN-32": Ground.DATA_QUALITY,
    "RN-33": Ground.DATA_QUALITY,
}
"""The ground a rule's finding stands for. RN-01 and RN-19 depend on the finding (see ``ground_of_finding``);
RN-11 (a country's refusal rate) says why a request was reviewed, never why it was refused."""

RN01_GROUND: dict[str, Ground] = {
    "private_dispute": Ground.PRIVATE_DISPUTE,
    "administrative": Ground.ADMINISTRATIVE,
    "family_matter": Ground.NORMS_OR_FAMILY,
    "behavioural_norms": Ground.NORMS_OR_FAMILY,
}
"""RN-01's ``category`` evidence (``classify.ChargeKind``) as a ground."""

OTHER_GROUND_MAX = 120
"""The longest 'other' ground: a few words, counted by their text in the figures."""
_CODE = re.compile(r"\bRN-\d{2}\b")


def ground_of_finding(finding: Mapping[str, Any]) -> Ground | None:
    """The ground one finding stands for; None for a finding that is no ground of refusal (RN-11)."""
    code = str(finding.get("code") or "")
    evidence = finding.get("evidence") or {}
    if code == "RN-01":
        return RN01_GROUND.get(str(evidence.get("category") or ""))
    if code == "RN-19":  # economic charges against a sensitive profile (Art. 3 context), or a debt
        return Ground.ARTICLE_3 if evidence.get("profiles") else Ground.PRIVATE_DISPUTE
    return GROUND_OF_CODE.get(code)


def suggested_grounds(
    check: StoredCheck | None, reasons: str = "", severities: tuple[str, ...] = ("block",)
) -> list[Ground]:
    """The grounds the findings point at: every finding of these severities (blocking ones when a decision
    is recorded; the form also pre-selects those needing review), and every finding (or rule) the reviewer
    cites in the reasons (``RN-05``...). Empty when nothing points at a ground."""
    if check is None:
        findings: list[dict[str, Any]] = []
    else:
        findings = check.findings
    cited = set(_CODE.findall(reasons))
    out: set[Ground] = set()
    for f in findings:
        if f.get("severity") in severities or f.get("code") in cited:
            g = ground_of_finding(f)
            if g is not None:
                out.add(g)
    for code in cited - {str(f.get("code")) for f in findings}:
        g = GROUND_OF_CODE.get(code)  # cited without a finding: the rule's usual ground
        if g is not None:
            out.add(g)
    return sorted(out)


def other_ground_text(text: str) -> str:
    """An 'other' ground as counted: one line, spaces collapsed, at most ``OTHER_GROUND_MAX`` characters."""
    one = " ".join(text.split())
    return one if len(one) <= OTHER_GROUND_MAX else one[: OTHER_GROUND_MAX - 1].rstrip() + "…"


# What the requesting NCB is told for each ground. Fixed texts: the reviewer's internal reasons may
# name a country that granted asylum or a CCF case, which the requester must never learn.
REQUESTER_MESSAGE: dict[Ground, str] = {
    Ground.ARTICLE_3: "Refused under Article 3 of INTERPOL's Constitution (predominantly political, "
    "military, religious or racial character).",
    Ground.ARTICLE_2: "Refused under Article 2 of INTERPOL's Constitution (respect for human rights).",
    Ground.REFUGEE: "Refused under INTERPOL's policy on refugees and asylum seekers.",
    Ground.DATA_QUALITY: "Refused: the minimum identity or judicial data required by RPD Art. 83(2) is "
    "missing or does not support the charges.",
    Ground.PENALTY_THRESHOLD: "Refused: the offence does not meet the penalty threshold of "
    "RPD Art. 83(1)(a)(ii).",
    Ground.PRIVATE_DISPUTE: "Refused: the offence derives from a private dispute (RPD Art. 83(1)(a)(iii)).",
    Ground.ADMINISTRATIVE: "Refused: the offence is a breach of administrative law or regulations "
    "(RPD Art. 83(1)(a)(iii)).",
    Ground.NORMS_OR_FAMILY: "Refused: the offence concerns behavioural or cultural norms, or a family or "
    "private matter (RPD Art. 83(1)(a)(i)-(ii)).",
    Ground.WARRANT_OR_ASSURANCE: "Refused: no valid arrest warrant or judicial decision, or no assurance "
    "that extradition will be sought (RPD Art. 82 and 84).",
    Ground.TIME_BARRED: "Refused: the prosecution or the penalty is time-barred, or the purpose of the "
    "notice no longer exists (RPD Art. 51 and 81).",
    Ground.RESUBMITTED: "Refused: the same facts were refused or deleted before, and no new facts are shown.",
    Ground.OTHER: "Refused: the request does not comply with INTERPOL's rules.",
}

ARTICLE_34_FACTORS: dict[str, str] = {
    "nature_of_offence": "Nature of the offence: the charges and the underlying facts",
    "status_of_persons": "Status of the persons concerned",
    "identity_of_source": "Identity of the source of the data",
    "position_of_others": "Position expressed by another country or another international entity",
    "international_law": "Obligations under international law",
    "neutrality": "Implications for the neutrality of the Organization",
    "general_context": "General context of the case",
}
"""The seven factors of RPD Art. 34(3), every one of which an Article 3 assessment must address."""

ART3_CODES = frozenset({"RN-09", "RN-10", "RN-12", "RN-19", "RN-20"})


class RecordKind(StrEnum):
    RESOLUTION = "resolution"
    EXCEPTION_PROPOSED = "exception_proposed"
    EXCEPTION_CONFIRMED = "exception_confirmed"
    ARTICLE_3 = "article3_assessment"
    DECISION = "decision"
    SUBMISSION = "submission"
    """A version of the request as it was sent (its contract JSON in ``data["request"]``): what the
    reviewer compares when the requester answers a request for information with a new version."""


@dataclass(frozen=True, slots=True)
class StoredCheck:
    notice_id: str
    notice_version: int
    checked_at: datetime
    verdict: str
    risk: int
    result: dict[str, Any]

    @property
    def findings(self) -> list[dict[str, Any]]:
        return list(self.result.get("findings", []))

    def codes(self, severity: str) -> list[str]:
        return sorted({f["code"] for f in self.findings if f.get("severity") == severity})


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    notice_id: str
    kind: RecordKind
    code: str | None
    actor: str
    actor_role: Role
    at: datetime
    text: str
    data: dict[str, Any] = field(default_factory=dict)


SEVERITY_WEIGHT = {"block": 100, "review": 10, "warn": 1}


def risk_of(result: dict[str, Any]) -> int:
    return sum(SEVERITY_WEIGHT.get(str(f.get("severity")), 0) for f in result.get("findings", []))


Checker = Callable[[UnitOfWork, Notice], dict[str, Any]]
"""Runs the compliance engine on a notice with the store as context; returns the contract's result."""


def _default_checker(uow: UnitOfWork, notice: Notice) -> dict[str, Any]:
    from rednotice.services.compliance import check_in_store

    return check_in_store(uow, notice)


checker: Checker = _default_checker


def store_check(uow: UnitOfWork, notice: Notice, actor: Actor) -> StoredCheck:
    """Run the compliance check on the notice as it stands and keep the result with it (audited)."""
    result = checker(uow, notice)
    stored = StoredCheck(
        notice.id, notice.version, uow.clock(), str(result["verdict"]), risk_of(result), result
    )
    uow.reviews.add_check(stored)
    uow.audit.append(
        actor,
        "compliance.check",
        f"notice:{notice.id}",
        {"verdict": stored.verdict, "codes": sorted({f["code"] for f in stored.findings})},
        uow.clock(),
    )
    return stored


def submitted_versions(uow: UnitOfWork, notice_id: str) -> list[ReviewRecord]:
    """The versions of a request as it was sent, oldest first (number 1, 2...)."""
    return [r for r in uow.reviews.records(notice_id) if r.kind is RecordKind.SUBMISSION]


def keep_version(uow: UnitOfWork, notice: Notice, actor: Actor) -> int:
    """Keep the request as it stands as the next version sent; returns its number. The transition that
    sends it is audited; the version itself is kept with the review records."""
    number = len(submitted_versions(uow, notice.id)) + 1
    uow.reviews.add_record(
        ReviewRecord(
            notice.id,
            RecordKind.SUBMISSION,
            None,
            actor.username,
            actor.role,
            uow.clock(),
            "",
            {"number": number, "request": notice.request.to_dict()},
        )
    )
    return number


@dataclass(frozen=True, slots=True)
class VersionChanges:
    """What the latest version sent changed against the one before it."""

    number: int
    previous: int
    at: datetime
    by: str
    answer: str
    """The requester's answer sent with the new version (the reasons of its submission)."""
    changes: list[FieldChange]

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "previous": self.previous,
            "at": self.at.isoformat(),
            "by": self.by,
            "answer": self.answer,
            "changes": [
                {
                    "field": c.path,
                    "label": c.label,
                    "before": c.before,
                    "after": c.after,
                    "diff": [{"op": s.op.value, "text": s.text} for s in c.segments],
                }
                for c in self.changes
            ],
        }


def latest_changes(notice: Notice, records: list[ReviewRecord]) -> VersionChanges | None:
    """The latest version sent against the one before it; None when only one version was ever sent."""
    versions = [r for r in records if r.kind is RecordKind.SUBMISSION]
    if len(versions) < 2:
        return None
    old, new = versions[-2], versions[-1]
    sends = [h for h in notice.history if h.action in (Action.SUBMIT, Action.CIRCULATE)]
    answer = sends[-1].reasons if sends else ""
    return VersionChanges(
        int(new.data.get("number") or len(versions)),
        int(old.data.get("number") or len(versions) - 1),
        new.at,
        new.actor,
        answer,
        diff_requests(old.data.get("request") or {}, new.data.get("request") or {}),
    )


def on_sent(uow: UnitOfWork, notice: Notice, actor: Actor) -> StoredCheck:
    """Called in the same unit of work when a request is submitted or a diffusion circulated: the version
    sent is kept, and checked."""
    keep_version(uow, notice, actor)
    stored = store_check(uow, notice, actor)
    if notice.type is NoticeType.WANTED_PERSON_DIFFUSION and stored.codes("block"):
        # A diffusion circulates before review — unless the automatic check already finds a ground that
        # blocks it (e.g. a refused request re-sent as a diffusion): that loophole stays closed.
        raise RuleViolation(
            "this diffusion cannot circulate: the automatic check found blocking grounds (%(codes)s); "
            "send it as a red notice request for review instead",
            codes=", ".join(stored.codes("block")),
            findings=stored.result.get("findings", []),
        )
    return stored


def record_history(uow: UnitOfWork, notice: Notice) -> None:
    """For a notice written with its history already applied (demo data, data from another system): store
    its check and a decision record for each decision in its history, as the live path keeps them."""
    sent = [r for r in notice.history if r.action in (Action.SUBMIT, Action.CIRCULATE)]
    if not sent:
        return
    check = store_check(uow, notice, sent[-1].actor)
    for rec in notice.history:
        if rec.action not in (Action.PUBLISH, Action.REFUSE, Action.CONFIRM_COMPLIANT, Action.PURGE):
            continue
        data: dict[str, Any] = {"decision": rec.action.value, "grounds": []}
        if rec.action in (Action.REFUSE, Action.PURGE):
            # the rules that blocked it, and those the reasons cite; 'other' only when none applies
            grounds = suggested_grounds(check, rec.reasons) or [Ground.OTHER]
            data["grounds"] = [g.value for g in grounds]
            if Ground.OTHER in grounds:
                data["other_ground"] = other_ground_text(rec.reasons)
        uow.reviews.add_record(
            ReviewRecord(
                notice.id,
                RecordKind.DECISION,
                None,
                rec.actor.username,
                rec.actor.role,
                rec.at,
                rec.reasons,
                data,
            )
        )


def _latest(uow: UnitOfWork, notice: Notice) -> StoredCheck:
    check = uow.reviews.latest_check(notice.id)
    if check is None:
        raise RuleViolation("this request has no compliance check yet; it cannot be decided")
    return check


def gate_decision(uow: UnitOfWork, notice: Notice, action: Action, actor: Actor) -> None:
    """Refuse to publish (or clear a diffusion) over unresolved findings. Raises RuleViolation."""
    if action not in (Action.PUBLISH, Action.CONFIRM_COMPLIANT, Action.REINSTATE):
        return
    if action is Action.REINSTATE:
        return  # the CCF's decision after a challenge; its own reasons are required by the lifecycle
    check = _latest(uow, notice)
    records = uow.reviews.records(notice.id)
    problems: list[Text] = []
    blocks = check.codes("block")
    if blocks:
        confirmed = [r for r in records if r.kind is RecordKind.EXCEPTION_CONFIRMED]
        if not confirmed:
            problems.append(
                Text(
                    N_(
                        "blocking findings %(codes)s: only an Art. 83(1)(b) exception of particular "
                        "importance, proposed with reasons and confirmed by a second reviewer, "
                        "can override them"
                    ),
                    codes=", ".join(blocks),
                )
            )
    resolved = {r.code for r in records if r.kind is RecordKind.RESOLUTION}
    unresolved = [c for c in check.codes("review") if c not in resolved]
    if unresolved:
        problems.append(
            Text(N_("findings needing a written resolution: %(codes)s"), codes=", ".join(unresolved))
        )
    needs_art3 = ART3_CODES & set(check.codes("review") + blocks)
    if needs_art3 and not any(r.kind is RecordKind.ARTICLE_3 for r in records):
        problems.append(
            Text(
                N_("an Article 3 assessment of the seven Art. 34(3) factors is required (%(codes)s)"),
                codes=", ".join(sorted(needs_art3)),
            )
        )
    if problems:
        raise RuleViolation(
            "cannot decide yet: %(why)s", why=Text.joined("; ", problems), problems=[str(p) for p in problems]
        )


NOT_A_REVIEWER = N_("only a General Secretariat reviewer does this")
"""The refusal of anyone but a reviewer (the review pages show the same words before calling in)."""


def _reviewer(actor: Actor) -> None:
    if actor.role is not Role.REVIEWER:
        raise Forbidden(NOT_A_REVIEWER)


def _reviewable(uow: UnitOfWork, notice_id: str) -> Notice:
    notice = uow.notices.get(notice_id)
    if notice is None:
        raise NotFound("no notice %(notice)s", notice=notice_id)
    if notice.state not in AWAITING_REVIEW_STATES:  # lifecycle.AWAITING_REVIEW, of every type
        raise RuleViolation(
            "notice %(notice)s is not under review (it is '%(state)s')",
            notice=notice_id,
            state=Term("state", notice.state),
        )
    return notice


def _record(
    uow: UnitOfWork,
    notice: Notice,
    kind: RecordKind,
    actor: Actor,
    text: str,
    code: str | None = None,
    data: dict[str, Any] | None = None,
) -> ReviewRecord:
    rec = ReviewRecord(
        notice.id, kind, code, actor.username, actor.role, uow.clock(), text.strip(), data or {}
    )
    uow.reviews.add_record(rec)
    uow.audit.append(
        actor,
        f"review.{kind.value}",
        f"notice:{notice.id}",
        {"code": code, "text": rec.text, **(data or {})},
        uow.clock(),
    )
    return rec


def resolve_finding(
    notice_id: str, code: str, resolution: str, actor: Actor, uow: UnitOfWork
) -> ReviewRecord:
    """Write why a `review` finding does (not) stand in the way of publication."""
    _reviewer(actor)
    if len(resolution.strip()) < 10:
        raise InvalidInput("a resolution is a written reason (at least 10 characters)")
    with uow:
        notice = _reviewable(uow, notice_id)
        check = _latest(uow, notice)
        if code not in {f["code"] for f in check.findings}:
            raise InvalidInput("%(code)s is not among this request's findings", code=code)
        rec = _record(uow, notice, RecordKind.RESOLUTION, actor, resolution, code)
        uow.commit()
    return rec


def propose_exception(notice_id: str, reasons: str, actor: Actor, uow: UnitOfWork) -> ReviewRecord:
    """Art. 83(1)(b): propose to publish despite blocking findings, for particular importance."""
    _reviewer(actor)
    if len(reasons.strip()) < 20:
        raise InvalidInput("an exception of particular importance needs substantial written reasons")
    with uow:
        notice = _reviewable(uow, notice_id)
        if not _latest(uow, notice).codes("block"):
            raise RuleViolation("there is no blocking finding to make an exception to")
        rec = _record(uow, notice, RecordKind.EXCEPTION_PROPOSED, actor, reasons)
        uow.commit()
    return rec


def confirm_exception(notice_id: str, reasons: str, actor: Actor, uow: UnitOfWork) -> ReviewRecord:
    """A second, different reviewer confirms the proposed exception."""
    _reviewer(actor)
    with uow:
        notice = _reviewable(uow, notice_id)
        proposals = [r for r in uow.reviews.records(notice_id) if r.kind is RecordKind.EXCEPTION_PROPOSED]
        if not proposals:
            raise RuleViolation("no exception has been proposed")
        if proposals[-1].actor == actor.username:
            raise Forbidden(
                "the exception must be confirmed by a second reviewer, not the one who proposed it"
            )
        rec = _record(
            uow,
            notice,
            RecordKind.EXCEPTION_CONFIRMED,
            actor,
            reasons or "confirmed",
            data={"proposed_by": proposals[-1].actor},
        )
        uow.commit()
    return rec


def record_article3(
    notice_id: str, factors: dict[str, str], conclusion: str, actor: Actor, uow: UnitOfWork
) -> ReviewRecord:
    """The Article 3 assessment: a written answer for each of the seven Art. 34(3) factors."""
    _reviewer(actor)
    missing = [k for k in ARTICLE_34_FACTORS if not factors.get(k, "").strip()]
    unknown = sorted(set(factors) - set(ARTICLE_34_FACTORS))
    if missing or unknown:
        parts = [Text(N_("an Article 3 assessment addresses each of the seven factors"))]
        if missing:
            parts.append(Text(N_("missing: %(factors)s"), factors=", ".join(missing)))
        if unknown:
            parts.append(Text(N_("unknown: %(factors)s"), factors=", ".join(unknown)))
        raise InvalidInput("%(why)s", why=Text.joined("; ", parts))
    if not conclusion.strip():
        raise InvalidInput("an Article 3 assessment ends with a conclusion")
    with uow:
        notice = _reviewable(uow, notice_id)
        rec = _record(
            uow,
            notice,
            RecordKind.ARTICLE_3,
            actor,
            conclusion,
            data={"factors": {k: factors[k].strip() for k in ARTICLE_34_FACTORS}},
        )
        uow.commit()
    return rec


def record_decision(
    uow: UnitOfWork,
    notice: Notice,
    action: Action,
    actor: Actor,
    reasons: str,
    grounds: list[Ground],
    details: Mapping[str, Any] | None = None,
) -> None:
    """Called by the transition use case for decisions, in its unit of work. A refusal without grounds
    takes those the findings point at (``suggested_grounds``); 'other' needs its ground in a few words
    (``details["other_ground"]``; without it, the first line of the reasons), counted by that text."""
    data: dict[str, Any] = {"decision": action.value, "grounds": []}
    if action in (Action.REFUSE, Action.PURGE):
        if not grounds:
            grounds = suggested_grounds(uow.reviews.latest_check(notice.id), reasons)
        if not grounds:
            raise InvalidInput(
                "a refusal names its grounds (%(grounds)s); for 'other', say which in a few words",
                grounds=Term("ground", *Ground),
            )
        data["grounds"] = [g.value for g in sorted(set(grounds))]
        if Ground.OTHER in grounds:
            given = (details or {}).get("other_ground")
            first_line = (reasons.strip().splitlines() or [""])[0]
            text = other_ground_text(str(given if given is not None else first_line))
            if not text:
                raise InvalidInput(
                    "for 'other' grounds, say in a few words which ground: counted by those words",
                    field="other_ground",
                )
            data["other_ground"] = text
    _record(uow, notice, RecordKind.DECISION, actor, reasons, data=data)


@dataclass(frozen=True, slots=True)
class Dossier:
    notice: Notice
    check: StoredCheck | None
    records: list[ReviewRecord]

    @property
    def changes(self) -> VersionChanges | None:
        return latest_changes(self.notice, self.records)

    def to_dict(self) -> dict[str, Any]:
        return {
            "notice_id": self.notice.id,
            "state": self.notice.state.value,
            "version": self.notice.version,
            "check": None
            if self.check is None
            else {
                "verdict": self.check.verdict,
                "risk": self.check.risk,
                "checked_at": self.check.checked_at.isoformat(),
                "notice_version": self.check.notice_version,
                **self.check.result,
            },
            "records": [
                {
                    "kind": r.kind.value,
                    "code": r.code,
                    "by": r.actor,
                    "at": r.at.isoformat(),
                    "text": r.text,
                    "data": r.data,
                }
                for r in self.records
                if r.kind is not RecordKind.SUBMISSION
            ],
            "versions": [
                {"number": r.data.get("number"), "at": r.at.isoformat(), "by": r.actor}
                for r in self.records
                if r.kind is RecordKind.SUBMISSION
            ],
            "changes": None if self.changes is None else self.changes.to_dict(),
            "article_34_factors": ARTICLE_34_FACTORS,
        }


def dossier(notice_id: str, actor: Actor, uow: UnitOfWork) -> Dossier:
    """Everything a reviewer (or the CCF) needs to decide. Never shown to NCBs."""
    if actor.role not in (Role.REVIEWER, Role.CCF):
        raise Forbidden("the review dossier is for reviewers and the CCF")
    with uow:
        notice = uow.notices.get(notice_id)
        if notice is None:
            raise NotFound("no notice %(notice)s", notice=notice_id)
        return Dossier(notice, uow.reviews.latest_check(notice_id), uow.reviews.records(notice_id))


def decision_for_requester(uow: UnitOfWork, notice: Notice) -> dict[str, Any] | None:
    """What the requesting NCB is told: the decision and the grounds it may know (fixed texts)."""
    decisions = [r for r in uow.reviews.records(notice.id) if r.kind is RecordKind.DECISION]
    if not decisions:
        return None
    last = decisions[-1]
    grounds = [Ground(g) for g in last.data.get("grounds", [])]
    out: dict[str, Any] = {
        "decision": last.data.get("decision"),
        "at": last.at.isoformat(),
        "grounds": [g.value for g in grounds],
    }
    if grounds:
        out["message"] = " ".join(REQUESTER_MESSAGE[g] for g in grounds)
    return out


WAITING = AWAITING_REVIEW_STATES
"""The states a reviewer's queue can be narrowed to (``lifecycle.AWAITING_REVIEW_STATES``)."""


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """What a reviewer narrows the queue to (issue 16, item 9). Empty: the whole queue."""

    states: tuple[State, ...] = ()
    """Among submitted, under review, unreviewed (diffusions)."""
    country: str | None = None
    """The requesting country."""
    min_risk: int | None = None
    older_than_days: int | None = None
    """Waiting at least this many days since submission."""
    iccs_section: str | None = None
    """A charge placed by the engine in this ICCS section (``01``..``11``)."""
    text: str | None = None
    """A reference (``2026/00012`` or ``2026-00012``), or words of a name in any script."""

    def is_empty(self) -> bool:
        return self == QueueFilter()


def iccs_sections(check: StoredCheck | None) -> set[str]:
    """The ICCS sections of the charges as the engine read them (from the stored check)."""
    return set() if check is None else result_sections(check.result)


def result_sections(result: dict[str, Any]) -> set[str]:
    """The ICCS sections of the charges in a stored check's result."""
    charges = (result.get("analysis") or {}).get("charges") or []
    return {str(c["iccs"]["section"]) for c in charges if isinstance(c, dict) and c.get("iccs")}


@dataclass(frozen=True, slots=True)
class QueuePage:
    """One page of the queue, each request with its latest check. ``total`` is exact up to 1,000 matches,
    then (PostgreSQL) an estimate, which ``total_exact`` says (adapters/db/counts.py, issue 18)."""

    items: list[tuple[Notice, StoredCheck | None]]
    total: int
    offset: int
    limit: int
    total_exact: bool = True
    next_after: str | None = None
    """The cursor of the next page (``queue_page(after=...)``), None on the last page."""
    prev_before: str | None = None
    """The cursor of the page before (``queue_page(before=...)``), None on the first page."""


def queue_page(
    flt: QueueFilter,
    actor: Actor,
    uow: UnitOfWork,
    limit: int = 20,
    offset: int = 0,
    after: str | None = None,
    before: str | None = None,
) -> QueuePage:
    """The queue narrowed by ``flt``, riskiest then oldest first: one page and how many match. The store
    filters, orders and pages (by an index of the waiting requests; the ICCS sections of each request's
    latest check are stored with it), so a page costs a page, not the queue. ``after``/``before``: the
    page after or before a page's cursor (``next_after``/``prev_before``), by keyset in queue order, so a
    deep page costs what the first does. Audited like any search."""
    _reviewer(actor)
    if flt.states and not set(flt.states) <= set(WAITING):
        raise InvalidInput("the queue holds submitted, under-review and unreviewed requests only")
    if limit < 1 or offset < 0:
        raise InvalidInput("a queue page holds at least one request and starts at 0 or later")
    if (after is not None or before is not None) and offset:
        raise InvalidInput("page by 'after' (the cursor) or by offset, not both")
    if after is not None and before is not None:
        raise InvalidInput("page by 'after' or by 'before', not both")
    with uow:
        now = uow.clock()
        submitted_before = None
        if flt.older_than_days is not None:
            submitted_before = now - timedelta(days=flt.older_than_days)
        page = uow.reviews.queue_page(flt, submitted_before, limit, offset, after, before)
        uow.audit.append(
            actor,
            "review.queue",
            "notices",
            {
                "limit": limit,
                "offset": offset,
                "states": [x.value for x in flt.states],
                "country": flt.country,
                "min_risk": flt.min_risk,
                "older_than_days": flt.older_than_days,
                "iccs_section": flt.iccs_section,
                "text": flt.text,
                **({} if after is None else {"after": after}),
                **({} if before is None else {"before": before}),
                "total": page.total,
                **({} if page.total_exact else {"total_estimated": True}),
            },
            now,
        )
        uow.commit()
    return page


def queue_search(
    flt: QueueFilter, actor: Actor, uow: UnitOfWork, limit: int = 20, offset: int = 0
) -> tuple[list[tuple[Notice, StoredCheck | None]], int]:
    """The queue narrowed by ``flt``, riskiest then oldest first: one page and the number matching
    (:func:`queue_page` without saying whether the number is an estimate)."""
    page = queue_page(flt, actor, uow, limit, offset)
    return page.items, page.total


def queue(
    actor: Actor, uow: UnitOfWork, limit: int = 50, offset: int = 0
) -> list[tuple[Notice, StoredCheck | None]]:
    """Work to review, riskiest first, then oldest first. Audited like any search."""
    _reviewer(actor)
    with uow:
        items = uow.reviews.queue(limit, offset)
        uow.audit.append(actor, "review.queue", "notices", {"limit": limit, "offset": offset}, uow.clock())
        uow.commit()
    return items


EVENT_KINDS = ("election", "protest", "coup_attempt", "publication", "other")


def add_political_event(
    country: str, kind: str, on: date, description: str, actor: Actor, uow: UnitOfWork
) -> None:
    """Record an election, protest, coup attempt or publication by a subject: requests from that country
    within the configured window are flagged (RN-15). Reviewers keep this register."""
    if actor.role not in (Role.REVIEWER, Role.ADMIN, Role.SYSTEM):
        raise Forbidden("reviewers keep the register of political events")
    if kind not in EVENT_KINDS:
        raise InvalidInput("kind is one of %(kinds)s", kinds=", ".join(EVENT_KINDS))
    if not description.strip():
        raise InvalidInput("say what happened")
    with uow:
        uow.reviews.add_political_event(country, kind, on, description.strip(), actor.username, uow.clock())
        uow.audit.append(
            actor,
            "review.political_event",
            f"country:{country}",
            {"kind": kind, "on": on.isoformat(), "description": description.strip()},
            uow.clock(),
        )
        uow.commit()


def political_events(country: str, actor: Actor, uow: UnitOfWork) -> list[dict[str, str]]:
    if actor.role not in (Role.REVIEWER, Role.CCF, Role.ADMIN, Role.SYSTEM, Role.OVERSIGHT):
        raise Forbidden("the register of political events is for reviewers, the CCF and oversight")
    with uow:
        return [
            {"kind": k, "on": on.isoformat(), "description": d}
            for k, on, d in uow.reviews.political_events(country)
        ]
