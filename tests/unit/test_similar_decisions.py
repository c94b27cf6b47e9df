"""Issue 17, item 1: the rules the pages used to hold, now in the domain and the services, on in-memory fakes.

* ``lifecycle.AWAITING_REVIEW``: the one definition of "which states wait for review";
* ``services.similar``: similar past decisions beside a request (charge words, the same person).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from rednotice.adapters.memory import MemoryData, MemoryUnitOfWork
from rednotice.domain.lifecycle import (
    AWAITING_REVIEW,
    AWAITING_REVIEW_STATES,
    TRANSITIONS,
    Action,
    Notice,
    State,
)
from rednotice.domain.model import NoticeType
from rednotice.domain.users import Actor, Role
from rednotice.services import notices as ns
from rednotice.services import review, similar
from tests.factories import make_request

FR = Actor("ncb-fr", Role.NCB_OFFICER, "FR")
DE = Actor("ncb-de", Role.NCB_OFFICER, "DE")
REV = Actor("rev", Role.REVIEWER)
DECISIONS = {Action.START_REVIEW, Action.PUBLISH, Action.CONFIRM_COMPLIANT}
"""What a reviewer does to a notice that waits: take it from the queue, publish it, confirm it."""


def test_the_states_waiting_for_review_are_those_a_reviewer_decides_in() -> None:
    for kind in NoticeType:
        deciding = {
            state
            for (k, state, action), rule in TRANSITIONS.items()
            if k is kind and action in DECISIONS and Role.REVIEWER in rule.roles
        }
        assert AWAITING_REVIEW[kind] == deciding, kind
    assert AWAITING_REVIEW_STATES == (State.SUBMITTED, State.UNDER_REVIEW, State.UNREVIEWED)


class Env:
    def __init__(self) -> None:
        self.data = MemoryData()

    def uow(self) -> MemoryUnitOfWork:
        return MemoryUnitOfWork(self.data, lambda: datetime(2026, 3, 1, tzinfo=UTC))

    def request(self, officer: Actor = FR, **overrides: Any) -> Notice:
        req = make_request(**{"requesting_country": officer.country, **overrides})
        return ns.create_request(ns.CreateRequest(req), officer, self.uow())

    def decided(self, officer: Actor = FR, **overrides: Any) -> Notice:
        n = self.request(officer, **overrides)
        ns.transition(ns.Transition(n.id, Action.START_REVIEW), REV, self.uow())
        check = review.dossier(n.id, REV, self.uow()).check
        for code in check.codes("review") if check else []:  # e.g. RN-06: these facts are about a murder
            review.resolve_finding(n.id, code, "Checked with the requesting NCB: it stands.", REV, self.uow())
        return ns.transition(ns.Transition(n.id, Action.PUBLISH, "compliant after review"), REV, self.uow())


def charges(*offences: str) -> dict[str, Any]:
    return {
        "judicial.charges": [
            {"offence": o, "law": "Penal Code art. 221-1", "max_penalty_years": 30, "offence_original": ""}
            for o in offences
        ]
    }


def test_charge_words_leave_out_the_words_any_charge_holds() -> None:
    notice = Env().request(**charges("Fraud committed on a large scale against the state budget"))
    assert similar.charge_words(notice) == {"fraud", "state", "budget"}


def test_similar_decisions_share_a_charge_word_or_name_the_same_person() -> None:
    env = Env()
    fraud = env.decided(**{"subject.family_name": "Other", **charges("Aggravated fraud")})
    murder = env.decided(**{"subject.family_name": "Unrelated", **charges("Murder")})
    same = env.decided(**{"subject.family_name": "Target", **charges("Smuggling")})
    env.decided(DE, **{"subject.family_name": "Foreign", **charges("Fraud")})  # another country's
    env.request(**{"subject.family_name": "Pending", **charges("Fraud")})  # not decided
    notice = env.request(**{"subject.family_name": "Target", **charges("Fraud by deception")})

    found = similar.similar_decisions(notice, REV, env.uow())

    assert [(s.notice.id, s.shared, s.same_person) for s in found] == [
        (same.id, [], True),  # the same person first
        (fraud.id, ["fraud"], False),
    ]
    assert murder.id not in {s.notice.id for s in found}
