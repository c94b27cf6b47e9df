"""After a hit (issue 6, item 4; rules 12, 14, 23, 31): the officer records what happened, the requesting
NCB and the General Secretariat are informed at once (Art. 87), an extradition safeguards checklist is
shown and answered, the requesting NCB records its extradition request, a refused extradition adds an
addendum, a country position (RN-12) and a review flag, and a located person with no extradition request
within a set time flags the notice (RN-23, harassment pattern).

Who does what:

* the **locating NCB** (the country whose officer screened the traveller) records the outcome, answers
  the checklist and records a refused extradition;
* the **requesting NCB** sees a hit only once the person is recorded as located or detained, and records
  its extradition request;
* **reviewers and the CCF** see everything and record nothing here.

Notifications, positions and review flags are the redress module's (``uow.redress``): written in the
same transaction as the record that causes them. The granting country of a refugee status never appears
in anything an NCB receives from this module: the checklist says only that a status was reported.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from rednotice.config import AfterHitSettings as AfterHitSettings  # a section of Settings
from rednotice.domain import policy
from rednotice.domain.dates import PartialDate
from rednotice.domain.errors import N_, Forbidden, InvalidInput, NotFound, RuleViolation, Text
from rednotice.domain.lifecycle import Notice
from rednotice.domain.model import Subject
from rednotice.domain.redress import (
    GENERAL_SECRETARIAT,
    FlagSource,
    Notification,
    Position,
    PositionGround,
    PositionKind,
    ReviewFlag,
    refugee_status_for,
)
from rednotice.domain.rereading import Templates
from rednotice.domain.users import SYSTEM, Actor, Role
from rednotice.services import notifications as nt
from rednotice.services.notifications import ART87 as ART87  # the reminder, in every language
from rednotice.services.ports import AfterHitRepository as AfterHitRepository  # moved to ports.py
from rednotice.services.ports import AfterHitUnitOfWork as AfterHitUnitOfWork
from rednotice.services.ports import UnitOfWork
from rednotice.services.review import GROUND_OF_CODE, Ground
from rednotice.services.screening import HitOutcome

# --- settings and fixed texts -------------------------------------------------------------------------


LOCATED = (HitOutcome.LOCATED, HitOutcome.DETAINED_UNDER_NATIONAL_LAW)
OFFICIALS = (Role.REVIEWER, Role.CCF)

PUBLIC_GROUND: dict[PositionGround, str | None] = {
    PositionGround.ARTICLE_2: N_("Article 2 of INTERPOL's Constitution (human rights)"),
    PositionGround.ARTICLE_3: N_(
        "Article 3 of INTERPOL's Constitution (political, military, religious or racial character)"
    ),
    PositionGround.DATA_QUALITY: N_("the quality of the data"),
    PositionGround.REFUGEE: None,  # would point at a protection status: reviewers and the CCF only
    PositionGround.OTHER: None,
}
"""How a refusal's grounds read in an addendum every NCB that can see the notice reads."""

# The addenda and review flags this module writes are stored in English (no migration; the API's JSON as
# before), written from these templates, and read back in the reader's language where they are shown
# (:func:`shown`, as the notifications are: ``services/notifications.py``).
REFUSED_ADDENDUM = N_(
    "Extradition of the person sought was refused by %(country)s on %(on)s. The General Secretariat is "
    "reviewing the notice again."
)
REFUSED_ADDENDUM_GROUNDS = N_(
    "Extradition of the person sought was refused by %(country)s on %(on)s on grounds of %(grounds)s. The "
    "General Secretariat is reviewing the notice again."
)
REFUSED_FLAG = N_(
    "%(country)s refused extradition after hit %(hit)s (grounds: %(grounds)s): an addendum was added; "
    "review the notice again (RN-12)."
)
UNPURSUED_FLAG = N_(
    "The person was located in %(country)s on %(on)s (hit %(hit)s) and %(requesting)s recorded no "
    "extradition request within %(days)s days: possible harassment pattern (RN-23). Review the notice."
)
UNPURSUED_ADDENDUM = N_(
    "The person sought was located by a member country on %(on)s; no extradition request was recorded "
    "within %(days)s days. The General Secretariat is reviewing the notice again."
)
TEMPLATES = Templates(
    (
        REFUSED_ADDENDUM,
        REFUSED_ADDENDUM_GROUNDS,
        REFUSED_FLAG,
        UNPURSUED_FLAG,
        UNPURSUED_ADDENDUM,
        nt.A_MEMBER_COUNTRY,
        nt.NONE_GIVEN,
        *(g for g in PUBLIC_GROUND.values() if g is not None),
    )
)
"""Every text an addendum or a review flag of this module is written with."""


def shown(text: str) -> str:
    """A stored addendum or review flag (or a checklist's text) in the reader's language; as stored when
    no template of this module gives it."""
    if isinstance(text, Text):
        return text.label()
    return TEMPLATES.shown(text)


class Treaty(StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class AddendumKind(StrEnum):
    EXTRADITION_REFUSED = "extradition_refused"
    NO_EXTRADITION_REQUEST = "no_extradition_request"


# --- records ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Hit:
    """A screening hit as this module needs it."""

    id: int
    notice_id: str
    screened_by: str
    locating_country: str | None
    """The country whose officer screened the traveller (an operator's run: the country it screened as)."""
    query: dict[str, Any]
    score: float
    created_at: datetime
    outcome: HitOutcome | None
    outcome_at: datetime | None
    outcome_by: str | None

    @property
    def located(self) -> bool:
        return self.outcome in LOCATED


@dataclass(slots=True)
class FollowUp:
    """One row per hit that someone followed up: where and when the person was located, the checklist's
    answers, and whether the RN-23 sweep flagged it."""

    hit_id: int
    notice_id: str
    locating_country: str | None
    requesting_country: str
    located_at: datetime | None = None
    treaty_in_force: Treaty = Treaty.UNKNOWN
    person_informed: bool | None = None
    safeguards_at: datetime | None = None
    safeguards_by: str = ""
    safeguards_notes: str = ""
    unpursued_flagged_at: datetime | None = None
    unpursued_flag_id: int | None = None


@dataclass(frozen=True, slots=True)
class ExtraditionRequest:
    id: int
    hit_id: int
    notice_id: str
    requesting_country: str
    locating_country: str
    requested_at: datetime
    by: str
    reference: str
    notes: str


@dataclass(frozen=True, slots=True)
class ExtraditionRefusal:
    id: int
    hit_id: int
    notice_id: str
    locating_country: str
    refused_at: datetime
    by: str
    grounds: tuple[PositionGround, ...]
    reasons: str
    position_id: int
    addendum_id: int


@dataclass(frozen=True, slots=True)
class Addendum:
    id: int
    notice_id: str
    at: datetime
    kind: AddendumKind
    country: str | None
    ref: str
    text: str


@dataclass(frozen=True, slots=True)
class SafeguardAnswers:
    """What the officer records; ``None`` leaves an answer as it was."""

    treaty_in_force: Treaty | None = None
    person_informed: bool | None = None
    notes: str | None = None


# --- helpers ------------------------------------------------------------------------------------------


def _audit(uow: UnitOfWork, actor: Actor, action: str, subject: str, **data: Any) -> None:
    uow.audit.append(actor, action, subject, data, uow.clock())


def _notify(uow: UnitOfWork, recipient: str, kind: str, notice_id: str, text: str) -> None:
    uow.redress.add_notification(Notification(0, uow.clock(), recipient, kind, notice_id, text))


def _load(uow: UnitOfWork, hit_id: int) -> tuple[AfterHitRepository, Hit, Notice]:
    repo = uow.after_hit
    hit = repo.get_hit(hit_id)
    notice = uow.notices.get(hit.notice_id) if hit is not None else None
    if hit is None or notice is None:
        raise NotFound("no hit %(hit)s", hit=hit_id)
    return repo, hit, notice


def _is_locating(actor: Actor, hit: Hit) -> bool:
    return (
        actor.role is Role.NCB_OFFICER and actor.country is not None and actor.country == hit.locating_country
    )


def _is_requesting(actor: Actor, hit: Hit, notice: Notice) -> bool:
    """The requesting NCB learns of a hit only once the person was recorded as located or detained."""
    return (
        actor.speaks_for(notice.requesting_country) and actor.country != hit.locating_country and hit.located
    )


def _visible(actor: Actor, hit: Hit, notice: Notice) -> None:
    if actor.role in OFFICIALS or _is_locating(actor, hit) or _is_requesting(actor, hit, notice):
        return
    raise NotFound("no hit %(hit)s", hit=hit.id)


def _locating_only(actor: Actor, hit: Hit, notice: Notice, refusal: str) -> str:
    """``refusal``: the whole sentence, marked with N_ where it is written."""
    _visible(actor, hit, notice)
    if not _is_locating(actor, hit) or hit.locating_country is None:
        raise Forbidden(refusal)
    return hit.locating_country


def _follow_up(repo: AfterHitRepository, hit: Hit, notice: Notice) -> FollowUp:
    return repo.get_follow_up(hit.id) or FollowUp(
        hit.id, hit.notice_id, hit.locating_country, notice.requesting_country
    )


def _when(at: datetime | None) -> str | None:
    return at.isoformat() if at else None


def _hit_dict(hit: Hit, with_query: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": hit.id,
        "notice_id": hit.notice_id,
        "locating_country": hit.locating_country,
        "outcome": hit.outcome.value if hit.outcome else None,
        "outcome_at": _when(hit.outcome_at),
    }
    if with_query:
        out.update(query=hit.query, score=hit.score, created_at=hit.created_at.isoformat())
        out["outcome_by"] = hit.outcome_by
    return out


# --- 1. the outcome, and informing the requester and the GS (rule 31) ---------------------------------


def inform_located(uow: UnitOfWork, hit: Hit, notice: Notice, outcome: HitOutcome, at: datetime) -> list[str]:
    """Inside an open unit of work: tell the requesting NCB and the General Secretariat that the person
    sought may have been located (or was detained under national law), with the Art. 87 reminder, and
    start RN-23's clock. Returns the recipients."""
    repo = uow.after_hit
    text = nt.write(
        nt.DETAINED if outcome is HitOutcome.DETAINED_UNDER_NATIONAL_LAW else nt.LOCATED,
        notice=notice.id,
        country=hit.locating_country or nt.words(nt.A_MEMBER_COUNTRY),
        at=at.strftime("%Y-%m-%d %H:%M"),
        hit=hit.id,
        art87=nt.words(ART87),
    )
    recipients = []
    if notice.requesting_country != hit.locating_country:
        recipients.append(notice.requesting_country)
    recipients.append(GENERAL_SECRETARIAT)
    for r in recipients:
        _notify(uow, r, f"hit.{outcome.value}", notice.id, text)
    fu = _follow_up(repo, hit, notice)
    if fu.located_at is None:
        fu.located_at = at
        repo.save_follow_up(fu)
    return recipients


def record_outcome(
    hit_id: int, outcome: HitOutcome, notes: str, actor: Actor, uow: UnitOfWork
) -> dict[str, Any]:
    """The locating NCB records what happened after a hit. Located or detained: the requesting NCB and the
    General Secretariat are informed in the same transaction (Art. 87: action only under national law; a
    red notice is not an arrest warrant). Audited."""
    with uow:
        repo, hit, notice = _load(uow, hit_id)
        _locating_only(
            actor,
            hit,
            notice,
            N_("only the NCB of the country where the person was found records what happened after a hit"),
        )
        now = uow.clock()
        uow.screening.set_outcome(hit_id, outcome.value, actor.username, now, notes.strip())
        informed: list[str] = []
        if outcome in LOCATED and hit.outcome is not outcome:
            informed = inform_located(uow, hit, notice, outcome, now)
        _audit(
            uow,
            actor,
            "screening.hit.outcome",
            f"notice:{notice.id}",
            hit=hit_id,
            outcome=outcome.value,
            notes=notes.strip(),
            informed=informed,
        )
        uow.commit()
        updated = repo.get_hit(hit_id)
    assert updated is not None
    return {**_hit_dict(updated, with_query=True), "outcome_notes": notes.strip(), "informed": informed}


# --- 2. the extradition safeguards checklist ----------------------------------------------------------


def _query_subject(query: dict[str, Any]) -> Subject | None:
    family = str(query.get("family_name") or "").strip()
    if not family:
        return None
    born = query.get("birth_date")
    try:
        dob = PartialDate.parse(born) if born else None
    except (InvalidInput, ValueError):
        dob = None
    return Subject(family_name=family, given_names=str(query.get("given_names") or ""), date_of_birth=dob)


def _refugee_item(uow: UnitOfWork, hit: Hit, notice: Notice) -> dict[str, Any]:
    """From the refugee confirmations, matched by identity on the notice's subject and on the traveller's
    document data. Says that a status was reported, never which country granted it."""
    subjects = [notice.request.subject]
    traveller = _query_subject(hit.query)
    if traveller is not None:
        subjects.append(traveller)
    status = None
    for s in subjects:
        status = refugee_status_for(s, notice.requesting_country, uow.redress.refugee_candidates(s))
        if status is not None and not status.revoked_or_denied:
            break
    reported = status is not None and not status.revoked_or_denied
    item: dict[str, Any] = {
        "answer": "reported" if reported else "none_reported",
        "attention": reported,
        "text": Text(
            N_(
                "A member country reported that the person is a recognised refugee or asylum seeker. "
                "Extradition to a country they fled may breach non-refoulement; the country that granted "
                "protection is not disclosed."
            )
            if reported
            else N_("No refugee or asylum status was reported for the person.")
        ),
    }
    if status is not None:
        item.update(
            status=status.status.value if reported else None,
            requesting_country_is_country_of_feared_persecution=reported
            and status.feared_persecution_by_requester,
            ended=status.revoked_or_denied,
        )
    return item


def _ill_treatment_item(uow: UnitOfWork, notice: Notice, actor: Actor) -> dict[str, Any]:
    """Art. 2: other countries' positions on the notice with Art. 2 grounds (who, only where they agreed),
    refused extraditions, and the compliance check's Art. 2 findings. Never CCF cases (rule 25)."""
    official = actor.role in OFFICIALS
    positions = [
        p
        for p in uow.redress.positions([notice.id])
        if p.kind is not PositionKind.NO_ACTION and PositionGround.ARTICLE_2 in p.grounds
    ]
    refused = [p for p in uow.redress.positions([notice.id]) if p.kind is PositionKind.EXTRADITION_REFUSED]
    check = uow.reviews.latest_check(notice.id)
    findings = sorted(
        {
            f["code"]
            for f in (check.findings if check else [])
            if GROUND_OF_CODE.get(f.get("code", "")) is Ground.ARTICLE_2
            and f.get("severity") in ("block", "review")
        }
    )
    indicated = bool(positions or findings)
    return {
        "answer": "indicated" if indicated else "none_recorded",
        "attention": indicated,
        "text": Text(
            N_(
                "Member countries or the compliance check raised Article 2 (human rights) concerns: assess "
                "the risk of torture, ill-treatment or an unfair trial before any step towards extradition."
            )
            if indicated
            else N_("No Article 2 concern is recorded on this notice; this does not rule out a risk.")
        ),
        "art2_positions": [
            {
                "kind": p.kind.value,
                "at": p.at.date().isoformat(),
                "country": p.country if official or p.disclose or p.country == actor.country else None,
            }
            for p in positions
        ],
        "art2_findings": findings,
        "extradition_refusals": len(refused),
    }


def _checklist(
    uow: UnitOfWork, repo: AfterHitRepository, hit: Hit, notice: Notice, actor: Actor
) -> dict[str, Any]:
    fu = _follow_up(repo, hit, notice)
    locating = hit.locating_country or Text(N_("the locating country"))
    requesting = notice.requesting_country
    caveats = [p for p in uow.redress.positions([notice.id]) if p.kind is not PositionKind.NO_ACTION]
    return {
        "hit": _hit_dict(hit, with_query=True),
        "notice": {
            "id": notice.id,
            "type": notice.type.value,
            "state": notice.state.value,
            "in_force": notice.in_force,
            "requesting_country": requesting,
        },
        "reminder": ART87,
        "checklist": {
            "treaty_in_force": {
                "answer": fu.treaty_in_force.value,
                "attention": fu.treaty_in_force is not Treaty.YES,
                "text": Text(
                    N_(
                        "Is an extradition treaty (or another legal basis) in force between %(locating)s "
                        "and %(requesting)s? Unknown unless recorded."
                    ),
                    locating=locating,
                    requesting=requesting,
                ),
            },
            "refugee_or_asylum": _refugee_item(uow, hit, notice),
            "ill_treatment_risk": _ill_treatment_item(uow, notice, actor),
            "right_to_contest": {
                "answer": fu.person_informed,
                "attention": fu.person_informed is not True,
                "text": Text(
                    N_(
                        "Was the person told that they can challenge their detention and any extradition "
                        "before the courts, and the notice before the Commission for the Control of "
                        "INTERPOL's Files (CCF)?"
                    )
                ),
            },
        },
        "caveats": {
            "warning": notice.unreviewed_warning,
            "not_in_force": None
            if notice.in_force
            else Text(N_("This notice is no longer in force: do not act on it.")),
            "positions": len(caveats),
            "addenda": [_addendum_view(a, actor) for a in repo.addenda(notice.id)],
        },
        "recorded": {
            "at": _when(fu.safeguards_at),
            "by": fu.safeguards_by or None,
            "notes": fu.safeguards_notes,
        },
    }


def safeguards(hit_id: int, actor: Actor, uow: UnitOfWork) -> dict[str, Any]:
    """The checklist the officer sees for a hit: treaty in force, refugee or asylum status reported, risk
    of ill-treatment (Art. 2), the right to contest, and the notice's caveats. For the locating NCB,
    reviewers and the CCF."""
    with uow:
        repo, hit, notice = _load(uow, hit_id)
        _visible(actor, hit, notice)
        if not (_is_locating(actor, hit) or actor.role in OFFICIALS):
            raise Forbidden("the safeguards checklist is for the NCB where the person was found")
        view = _checklist(uow, repo, hit, notice, actor)
        _audit(uow, actor, "after_hit.safeguards.view", f"notice:{notice.id}", hit=hit_id)
        uow.commit()
    return view


def record_safeguards(
    hit_id: int, answers: SafeguardAnswers, actor: Actor, uow: UnitOfWork
) -> dict[str, Any]:
    """The locating NCB records its answers (treaty in force; the person told of their right to contest;
    notes). Audited with the answers."""
    if answers.notes is not None and len(answers.notes) > 5000:
        raise InvalidInput("notes are at most 5,000 characters")
    with uow:
        repo, hit, notice = _load(uow, hit_id)
        _locating_only(
            actor,
            hit,
            notice,
            N_("only the NCB of the country where the person was found records the safeguards"),
        )
        fu = _follow_up(repo, hit, notice)
        if answers.treaty_in_force is not None:
            fu.treaty_in_force = answers.treaty_in_force
        if answers.person_informed is not None:
            fu.person_informed = answers.person_informed
        if answers.notes is not None:
            fu.safeguards_notes = answers.notes.strip()
        fu.safeguards_at, fu.safeguards_by = uow.clock(), actor.username
        repo.save_follow_up(fu)
        _audit(
            uow,
            actor,
            "after_hit.safeguards.record",
            f"notice:{notice.id}",
            hit=hit_id,
            treaty_in_force=fu.treaty_in_force.value,
            person_informed=fu.person_informed,
            notes=fu.safeguards_notes,
        )
        uow.commit()
        return _checklist(uow, repo, hit, notice, actor)


# --- 3. extradition requested, extradition refused ----------------------------------------------------


def request_extradition(
    hit_id: int, reference: str, notes: str, actor: Actor, uow: UnitOfWork
) -> dict[str, Any]:
    """The requesting NCB records that it asked the locating country to extradite the person (the Art. 84
    assurance kept). The General Secretariat and the locating NCB are told. Stops RN-23's clock."""
    with uow:
        repo, hit, notice = _load(uow, hit_id)
        _visible(actor, hit, notice)
        if not _is_requesting(actor, hit, notice) or hit.locating_country is None:
            raise Forbidden("only the requesting NCB records its extradition request")
        if not hit.located:
            raise RuleViolation("extradition is requested for a person located or detained")
        now = uow.clock()
        r = ExtraditionRequest(
            0,
            hit.id,
            notice.id,
            notice.requesting_country,
            hit.locating_country,
            now,
            actor.username,
            reference.strip(),
            notes.strip(),
        )
        rid = repo.add_extradition_request(r)
        text = nt.write(
            nt.EXTRADITION_REQUESTED_REFERENCE if r.reference else nt.EXTRADITION_REQUESTED,
            requesting=r.requesting_country,
            locating=r.locating_country,
            notice=notice.id,
            hit=hit.id,
            reference=r.reference,
        )
        _notify(uow, GENERAL_SECRETARIAT, "extradition.requested", notice.id, text)
        _notify(uow, r.locating_country, "extradition.requested", notice.id, text)
        _audit(uow, actor, "after_hit.extradition.request", f"notice:{notice.id}", hit=hit.id, request=rid)
        uow.commit()
    return _request_view(replace(r, id=rid))


def _request_view(r: ExtraditionRequest) -> dict[str, Any]:
    return {
        "id": r.id,
        "hit_id": r.hit_id,
        "notice_id": r.notice_id,
        "requesting_country": r.requesting_country,
        "locating_country": r.locating_country,
        "requested_at": r.requested_at.isoformat(),
        "reference": r.reference,
        "notes": r.notes,
    }


def _public_grounds(grounds: Sequence[PositionGround]) -> list[str]:
    return [label for g in grounds if (label := PUBLIC_GROUND[g]) is not None]


def refuse_extradition(
    hit_id: int,
    grounds: Sequence[PositionGround],
    reasons: str,
    disclose: bool,
    actor: Actor,
    uow: UnitOfWork,
) -> dict[str, Any]:
    """The locating country refused extradition. In one transaction: an addendum on the notice (fixed
    wording, no internal reasons, the country named only if it agrees), a position of kind
    ``extradition_refused`` (RN-12 sees it on any later request about the person), a review flag, and the
    General Secretariat and the requesting NCB told. The reasons stay with reviewers and the CCF."""
    if len(reasons.strip()) < 10:
        raise InvalidInput("a refused extradition is recorded with its reasons (at least 10 characters)")
    with uow:
        repo, hit, notice = _load(uow, hit_id)
        country = _locating_only(
            actor,
            hit,
            notice,
            N_("only the NCB of the country where the person was found records a refused extradition"),
        )
        if not hit.located:
            raise RuleViolation("record the person as located or detained before a refused extradition")
        if country == notice.requesting_country:
            raise RuleViolation("a country does not refuse extradition on its own notice")
        now = uow.clock()
        unique = tuple(dict.fromkeys(grounds))
        position = Position(
            0,
            notice.id,
            country,
            PositionKind.EXTRADITION_REFUSED,
            unique,
            reasons.strip(),
            (),
            now,
            actor.username,
            disclose,
        )
        position.validate()
        position.id = uow.redress.add_position(position)
        public = _public_grounds(unique)
        text = nt.write(
            REFUSED_ADDENDUM_GROUNDS if public else REFUSED_ADDENDUM,
            country=country if disclose else nt.A_MEMBER_COUNTRY,
            on=now.date().isoformat(),
            grounds="; ".join(public),
        )
        addendum = Addendum(
            0, notice.id, now, AddendumKind.EXTRADITION_REFUSED, country, f"hit:{hit.id}", text
        )
        addendum_id = repo.add_addendum(addendum)
        refusal_id = repo.add_refusal(
            ExtraditionRefusal(
                0,
                hit.id,
                notice.id,
                country,
                now,
                actor.username,
                unique,
                reasons.strip(),
                position.id,
                addendum_id,
            )
        )
        grounds_text = ", ".join(g.value for g in unique) or nt.NONE_GIVEN
        uow.redress.add_flag(
            ReviewFlag(
                0,
                notice.id,
                now,
                FlagSource.POSITION,
                str(position.id),
                nt.write(REFUSED_FLAG, country=country, hit=hit.id, grounds=grounds_text),
            )
        )
        _notify(
            uow,
            GENERAL_SECRETARIAT,
            "extradition.refused",
            notice.id,
            nt.write(
                nt.EXTRADITION_REFUSED,
                country=country,
                notice=notice.id,
                hit=hit.id,
                grounds=", ".join(g.value for g in unique) or nt.words(nt.NONE_GIVEN),
            ),
        )
        _notify(
            uow,
            notice.requesting_country,
            "extradition.refused",
            notice.id,
            nt.write(nt.EXTRADITION_REFUSED_TO_REQUESTER, notice=notice.id),
        )
        _audit(
            uow,
            actor,
            "after_hit.extradition.refused",
            f"notice:{notice.id}",
            hit=hit.id,
            refusal=refusal_id,
            position=position.id,
            addendum=addendum_id,
            grounds=[g.value for g in unique],
        )
        uow.commit()
    return {
        "id": refusal_id,
        "hit_id": hit.id,
        "notice_id": notice.id,
        "refused_at": now.isoformat(),
        "grounds": [g.value for g in unique],
        "position_id": position.id,
        "addendum": _addendum_view(replace(addendum, id=addendum_id), actor),
        "review_reopened": True,
    }


# --- addenda and the follow-up view -------------------------------------------------------------------


def _addendum_view(a: Addendum, actor: Actor) -> dict[str, Any]:
    own = actor.role in OFFICIALS or (actor.country is not None and actor.country == a.country)
    return {
        "id": a.id,
        "notice_id": a.notice_id,
        "at": a.at.isoformat(),
        "kind": a.kind.value,
        "text": a.text,
        "country": a.country if own else None,
    }


def addenda_for(notice_id: str, actor: Actor, uow: UnitOfWork) -> list[dict[str, Any]]:
    """The addenda of a notice, for whoever may see the notice (reviewers, the CCF, the requester and
    NCBs it is visible to). The text names no country and no internal reasons."""
    with uow:
        notice = uow.notices.get(notice_id)
        if notice is None or not policy.can_see_notice(actor, notice):
            raise NotFound("no notice %(notice)s", notice=notice_id)
        return [_addendum_view(a, actor) for a in uow.after_hit.addenda(notice_id)]


def follow_up(hit_id: int, actor: Actor, uow: UnitOfWork) -> dict[str, Any]:
    """Where a hit stands: for the locating NCB (everything it recorded), the requesting NCB (once the
    person is located: where and when, its extradition requests, refusals without their reasons) and
    reviewers and the CCF (everything)."""
    with uow:
        repo, hit, notice = _load(uow, hit_id)
        _visible(actor, hit, notice)
        official = actor.role in OFFICIALS
        locating = _is_locating(actor, hit)
        fu = repo.get_follow_up(hit.id)
        refusals = [r for r in repo.refusals(notice.id) if r.hit_id == hit.id]
        requests = [r for r in repo.extradition_requests(notice.id) if r.hit_id == hit.id]
        return {
            "hit": _hit_dict(hit, with_query=official or locating),
            "notice_id": notice.id,
            "requesting_country": notice.requesting_country,
            "located_at": _when(fu.located_at if fu else None),
            "reminder": ART87,
            "extradition_requests": [_request_view(r) for r in requests],
            "extradition_refusals": [
                {
                    "id": r.id,
                    "refused_at": r.refused_at.isoformat(),
                    "grounds": [g.value for g in r.grounds]
                    if official or locating
                    else _public_grounds(r.grounds),
                    **({"reasons": r.reasons, "by": r.by} if official or locating else {}),
                }
                for r in refusals
            ],
            "addenda": [_addendum_view(a, actor) for a in repo.addenda(notice.id)],
            "unpursued_flagged_at": _when(fu.unpursued_flagged_at if fu else None),
        }


# --- 4. RN-23: located, and no extradition request in time --------------------------------------------


def _adopt(uow_factory: Callable[[], UnitOfWork]) -> None:
    """Start RN-23's clock for hits recorded as located through another path (the screening use case)."""
    with uow_factory() as uow:
        repo = uow.after_hit
        for hit in repo.located_without_follow_up():
            notice = uow.notices.get(hit.notice_id)
            if notice is None or hit.outcome_at is None:
                continue
            fu = _follow_up(repo, hit, notice)
            fu.located_at = hit.outcome_at
            repo.save_follow_up(fu)
        uow.commit()


def sweep_unpursued_hits(
    uow_factory: Callable[[], UnitOfWork], settings: AfterHitSettings | None = None
) -> list[int]:
    """RN-23 (run daily): a person located more than ``extradition_request_days`` ago, for whom the
    requesting NCB recorded no extradition request (and no refusal was recorded), flags the notice for
    review as a possible harassment pattern and adds an addendum. Only notices still in force; each hit
    once, and one flag per notice and locating country. Returns the ids of the hits flagged."""
    days = (settings or AfterHitSettings()).extradition_request_days  # the defaults, not the environment
    _adopt(uow_factory)
    with uow_factory() as uow:
        due = uow.after_hit.unpursued(uow.clock() - timedelta(days=days))
    flagged = []
    for hit_id in due:
        with uow_factory() as uow:
            repo = uow.after_hit
            fu = repo.get_follow_up(hit_id, lock=True)
            hit = repo.get_hit(hit_id)
            if fu is None or hit is None or fu.unpursued_flagged_at is not None or not hit.located:
                continue
            notice = uow.notices.get(fu.notice_id)
            country = fu.locating_country
            if notice is None or not notice.in_force or country is None or repo.pursued(notice.id, country):
                continue
            now = uow.clock()
            earlier = repo.flagged_follow_up(notice.id, country)
            if earlier is not None:  # the same person located again in the same country: one flag
                fu.unpursued_flagged_at, fu.unpursued_flag_id = now, earlier.unpursued_flag_id
                repo.save_follow_up(fu)
                uow.commit()
                continue
            located_on = (fu.located_at or now).date().isoformat()
            flag_id = uow.redress.add_flag(
                ReviewFlag(
                    0,
                    notice.id,
                    now,
                    FlagSource.HARASSMENT,
                    f"hit:{hit_id}",
                    nt.write(
                        UNPURSUED_FLAG,
                        country=country,
                        on=located_on,
                        hit=hit_id,
                        requesting=notice.requesting_country,
                        days=days,
                    ),
                )
            )
            repo.add_addendum(
                Addendum(
                    0,
                    notice.id,
                    now,
                    AddendumKind.NO_EXTRADITION_REQUEST,
                    None,
                    f"hit:{hit_id}",
                    nt.write(UNPURSUED_ADDENDUM, on=located_on, days=days),
                )
            )
            _notify(
                uow,
                GENERAL_SECRETARIAT,
                "hit.no_extradition_request",
                notice.id,
                nt.write(
                    nt.NO_EXTRADITION_REQUEST, notice=notice.id, country=country, on=located_on, days=days
                ),
            )
            fu.unpursued_flagged_at, fu.unpursued_flag_id = now, flag_id
            repo.save_follow_up(fu)
            _audit(
                uow, SYSTEM, "after_hit.unpursued", f"notice:{notice.id}", hit=hit_id, flag=flag_id, days=days
            )
            uow.commit()
            flagged.append(hit_id)
    return flagged
