"""What the pages show of a notice's review: the reviewer's queue (rows, totals, filters), the dossier
beside a notice (findings grouped by severity, resolutions, exception, Art. 3, the decision gate), the
decision as each person may see it, similar past decisions, and the redress items beside the notice."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from rednotice.bootstrap import Store
from rednotice.domain import errors as e
from rednotice.domain.compliance.iccs import SECTIONS as ICCS_SECTIONS
from rednotice.domain.lifecycle import AWAITING_REVIEW, AWAITING_REVIEW_STATES, Action, Notice, State
from rednotice.domain.model import NoticeType
from rednotice.domain.users import Actor, Role
from rednotice.services import notices as ns
from rednotice.services import review
from rednotice.services.ports import NoticeFilter
from rednotice.services.review import Ground, RecordKind, ReviewRecord
from rednotice.services.similar import similar_decisions
from rednotice.web.i18n import _, _l, finding_message
from rednotice.web.pages.labels import DECISION_LABELS, GROUND_LABELS, SEVERITY_ORDER, STATE_LABELS
from rednotice.web.pages.paging import Position, count_text
from rednotice.web.pages.toolkit import PAGE_SIZE

DIFFUSION = NoticeType.WANTED_PERSON_DIFFUSION


def _waiting(kind: NoticeType) -> tuple[State, ...]:
    return tuple(s for s in AWAITING_REVIEW_STATES if s in AWAITING_REVIEW[kind])


def queue_totals(store: Store, actor: Actor) -> dict[str, Any]:
    """How many red notice requests and unreviewed diffusions wait (two bounded counting searches: exact
    up to the store's bound, then estimated, which the shown texts say: "about 12,000")."""
    requests = ns.list_notices(
        NoticeFilter(states=_waiting(NoticeType.RED_NOTICE), type=NoticeType.RED_NOTICE, limit=1),
        actor,
        store.uow(),
    )
    diffusions = ns.list_notices(
        NoticeFilter(
            states=_waiting(NoticeType.WANTED_PERSON_DIFFUSION),
            type=NoticeType.WANTED_PERSON_DIFFUSION,
            limit=1,
        ),
        actor,
        store.uow(),
    )
    requests_exact, diffusions_exact = ns.total_is_exact(requests), ns.total_is_exact(diffusions)
    return {
        "requests_total": requests.total,
        "diffusions_total": diffusions.total,
        "requests_shown": count_text(requests.total, requests_exact),
        "diffusions_shown": count_text(diffusions.total, diffusions_exact),
        "queue_total": requests.total + diffusions.total,
        "queue_shown": count_text(requests.total + diffusions.total, requests_exact and diffusions_exact),
    }


def _code_badges(findings: Iterable[Mapping[str, Any]]) -> list[tuple[str, str]]:
    """Each finding code once, with its most severe severity, most severe first."""
    worst: dict[str, int] = {}
    for f in findings:
        rank = SEVERITY_ORDER.index(f["severity"]) if f.get("severity") in SEVERITY_ORDER else 2
        worst[str(f.get("code"))] = min(rank, worst.get(str(f.get("code")), 2))
    return [
        (code, SEVERITY_ORDER[rank]) for code, rank in sorted(worst.items(), key=lambda kv: (kv[1], kv[0]))
    ]


def queue_rows(items: Iterable[tuple[Notice, review.StoredCheck | None]]) -> list[dict[str, Any]]:
    return [
        {
            "notice": n,
            "verdict": c.verdict if c else None,
            "risk": c.risk if c else None,
            "codes": _code_badges(c.findings) if c else [],
        }
        for n, c in items
    ]


QUEUE_STATES = {
    s.value: _l("Unreviewed diffusion") if s is State.UNREVIEWED else STATE_LABELS[s]
    for s in AWAITING_REVIEW_STATES
}
"""The queue's state filter: the states that wait for review (domain/lifecycle.py), with their labels."""


def queue_filter(q: Mapping[str, str]) -> tuple[review.QueueFilter, dict[str, str], list[str]]:
    """The queue's filters from the address; a value that cannot be read is said, not silently dropped."""
    criteria = {k: q.get(k, "").strip()[:200] for k in ("state", "country", "risk", "age", "iccs", "q")}
    problems: list[str] = []
    state = criteria["state"]
    if state and state not in QUEUE_STATES:
        problems.append(_("Choose a state from the list."))
        state = ""
    country = criteria["country"].upper()
    if country and (len(country) != 2 or not country.isalpha()):
        problems.append(_("Give the requesting country as its two-letter code, e.g. FR."))
        country = ""

    def number(key: str, label: str) -> int | None:
        text = criteria[key]
        if not text:
            return None
        if not text.isdigit() or int(text) > 100_000:
            problems.append(_("%(field)s is a whole number.") % {"field": label})
            return None
        return int(text)

    risk = number("risk", _("The lowest risk"))
    age = number("age", _("The waiting time in days"))
    section = criteria["iccs"]
    if section and section not in {sec.code for sec in ICCS_SECTIONS}:
        problems.append(_("Choose an ICCS section from the list."))
        section = ""
    flt = review.QueueFilter(
        states=(State(state),) if state else (),
        country=country or None,
        min_risk=risk,
        older_than_days=age,
        iccs_section=section or None,
        text=criteria["q"] or None,
    )
    return flt, criteria, problems


def queue_data(
    store: Store, actor: Actor, at: Position, flt: review.QueueFilter | None = None
) -> tuple[dict[str, Any], review.QueuePage]:
    """The queue page's data and the page itself (whose cursors the pager turns into links)."""
    totals = queue_totals(store, actor)
    flt = flt or review.QueueFilter()
    page = review.queue_page(flt, actor, store.uow(), PAGE_SIZE, at.offset, at.after, at.before)
    data = {
        "rows": queue_rows(page.items),
        "filtered": not flt.is_empty(),
        "queue_states": list(QUEUE_STATES.items()),
        "total": page.total,
        "total_exact": page.total_exact,
        "now": store.clock(),
        **totals,
    }
    return data, page


def _evidence_value(value: Any) -> list[str]:
    if value is None or value == "" or value == [] or value == {}:
        return ["—"]
    if isinstance(value, bool):
        return ["yes" if value else "no"]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _evidence_value(v)]
    if isinstance(value, dict):
        return [f"{k.replace('_', ' ')}: {', '.join(_evidence_value(v))}" for k, v in value.items()]
    if isinstance(value, str | int | float):
        return [str(value)]
    return [json.dumps(value, ensure_ascii=False, default=str)]


def evidence_items(evidence: Mapping[str, Any] | None) -> list[tuple[str, list[str]]]:
    """A finding's evidence as (label, values) for a small definition list."""
    if not isinstance(evidence, Mapping):
        return []
    return [(str(k).replace("_", " ").capitalize(), _evidence_value(v)) for k, v in evidence.items()]


def finding_groups(
    findings: Iterable[Mapping[str, Any]], resolutions: Mapping[str, list[ReviewRecord]] | None = None
) -> list[dict[str, Any]]:
    """Findings grouped by severity (block, review, warn), then by rule code (one card per code)."""
    by_code: dict[str, dict[str, Any]] = {}
    for f in findings:
        code = str(f.get("code"))
        severity = str(f.get("severity")) if f.get("severity") in SEVERITY_ORDER else "warn"
        group = by_code.setdefault(
            code,
            {
                "code": code,
                "severity": severity,
                "rule": str(f.get("rule") or ""),
                "basis": str(f.get("basis") or ""),
                "instances": [],
                "resolutions": list((resolutions or {}).get(code, [])),
            },
        )
        if SEVERITY_ORDER.index(severity) < SEVERITY_ORDER.index(group["severity"]):
            group["severity"] = severity
        group["instances"].append(
            {"message": finding_message(f), "evidence": evidence_items(f.get("evidence"))}
        )
    out = []
    for severity in SEVERITY_ORDER:
        items = sorted((g for g in by_code.values() if g["severity"] == severity), key=lambda g: g["code"])
        if items:
            out.append({"severity": severity, "cards": items})
    return out


def _gate_problems(store: Store, actor: Actor, notice: Notice) -> list[str]:
    """What the decision gate would still refuse, asked of the gate itself (never a copy of its rules)."""
    action = Action.PUBLISH if notice.type is NoticeType.RED_NOTICE else Action.CONFIRM_COMPLIANT
    with store.uow() as uow:
        try:
            review.gate_decision(uow, notice, action, actor)
        except e.RuleViolation as exc:
            problems = exc.details.get("problems")
            return [str(p) for p in problems] if isinstance(problems, list) and problems else [exc.message]
    return []


def _art3_view(record: ReviewRecord) -> dict[str, Any]:
    factors = record.data.get("factors") or {}
    return {
        "by": record.actor,
        "at": record.at,
        "conclusion": record.text,
        "factors": [(label, str(factors.get(key, ""))) for key, label in review.ARTICLE_34_FACTORS.items()],
    }


def _review_view(store: Store, actor: Actor, notice: Notice, dossier: review.Dossier) -> dict[str, Any]:
    check, records = dossier.check, dossier.records
    resolutions: dict[str, list[ReviewRecord]] = {}
    for r in records:
        if r.kind is RecordKind.RESOLUTION and r.code:
            resolutions.setdefault(r.code, []).append(r)
    blocks = check.codes("block") if check else []
    reviews = check.codes("review") if check else []
    proposals = [r for r in records if r.kind is RecordKind.EXCEPTION_PROPOSED]
    confirmations = [r for r in records if r.kind is RecordKind.EXCEPTION_CONFIRMED]
    active = actor.role is Role.REVIEWER and notice.state in AWAITING_REVIEW_STATES
    pending = bool(proposals) and not confirmations
    return {
        "check": check,
        "groups": finding_groups(check.findings if check else [], resolutions),
        "can_act": active,
        "needs_art3": sorted(review.ART3_CODES & set(blocks + reviews)),
        "art3_records": [_art3_view(r) for r in records if r.kind is RecordKind.ARTICLE_3],
        "factors": list(review.ARTICLE_34_FACTORS.items()),
        "blocks": blocks,
        "proposals": proposals,
        "confirmations": confirmations,
        "can_propose": active and bool(blocks) and not proposals,
        "can_confirm": active and pending and proposals[-1].actor != actor.username,
        "awaiting_second": active and pending and proposals[-1].actor == actor.username,
        "gate": _gate_problems(store, actor, notice) if active and check else None,
        "grounds": list(GROUND_LABELS.items()),
        "grounds_checked": set(review.suggested_grounds(check, severities=("block", "review"))),
        "changes": dossier.changes,
        "versions": sum(1 for r in records if r.kind is RecordKind.SUBMISSION),
    }


def _decision_view(decision: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not decision:
        return None
    try:
        at: datetime | None = datetime.fromisoformat(str(decision.get("at")))
    except ValueError:
        at = None
    grounds = []
    for g in decision.get("grounds") or []:
        try:
            grounds.append(GROUND_LABELS[Ground(g)])
        except ValueError:
            grounds.append(str(g))
    kind = str(decision.get("decision") or "")
    return {
        "decision": kind,
        "label": DECISION_LABELS.get(kind, kind.replace("_", " ").capitalize()),
        "at": at,
        "grounds": grounds,
        "message": decision.get("message"),
        "reasons": decision.get("reasons"),
        "by": decision.get("by"),
    }


def review_data(store: Store, actor: Actor, notice: Notice, with_similar: bool = True) -> dict[str, Any]:
    """What the notice page shows beyond the notice: the decision as this person may see it (the requester:
    the grounds it may be told, never the internal reasons), and for reviewers and the CCF the dossier."""
    out: dict[str, Any] = {
        "decision": _decision_view(ns.decision_seen_by(notice, actor, store.uow())),
        "rv": None,
        "similar": None,
    }
    out["redress"] = None
    if actor.role in (Role.REVIEWER, Role.CCF):
        dossier = review.dossier(notice.id, actor, store.uow())
        out["rv"] = _review_view(store, actor, notice, dossier)
        out["redress"] = _redress_beside(store, actor, notice)
        if with_similar and actor.role is Role.REVIEWER:
            out["similar"] = similar_decisions(notice, actor, store.uow())
    return out


def _redress_beside(store: Store, actor: Actor, notice: Notice) -> dict[str, Any]:
    """What reviewers and the CCF see beside a notice: open review flags, harassment reports, refugee
    confirmations matching the person, other countries' positions and the notice's addenda."""
    from rednotice.services import after_hit, redress

    uow = store.uow
    # the flags and addenda the after-hit use cases stored in English, in the page's language (a text they
    # did not write is left as stored, for the page's own filter)
    return {
        "flags": [
            {**f, "text": after_hit.shown(f["text"])} for f in redress.review_flags(actor, uow(), notice.id)
        ],
        "reports": redress.harassment_reports(actor, uow(), notice.id),
        "refugees": redress.refugee_confirmations(actor, uow(), notice.id),
        "positions": redress.positions_for(notice.id, actor, uow())["positions"],
        "addenda": [
            {**a, "text": after_hit.shown(a["text"])} for a in after_hit.addenda_for(notice.id, actor, uow())
        ],
    }
