"""Issue 17, item 1: "only the requesting NCB" is one rule of the domain (``Actor.speaks_for``), and what a
page offers is what the lifecycle allows (``Notice.may_try``), not a second copy of the rule in the web."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from rednotice.domain.errors import Forbidden, IllegalTransition
from rednotice.domain.lifecycle import TRANSITIONS, Action, Notice
from rednotice.domain.model import NoticeType
from rednotice.domain.users import Actor, Role
from rednotice.web.pages.notices import actions_for
from tests.factories import make_request

ACTORS = [
    Actor("fr", Role.NCB_OFFICER, "FR"),
    Actor("de", Role.NCB_OFFICER, "DE"),
    Actor("reviewer", Role.REVIEWER),
    Actor("ccf", Role.CCF),
    Actor("oversight", Role.OVERSIGHT),
]
AT = datetime(2030, 1, 1, tzinfo=UTC)


def test_speaks_for_its_own_country_only() -> None:
    fr, de, reviewer = ACTORS[0], ACTORS[1], ACTORS[2]
    assert fr.speaks_for("FR") and not fr.speaks_for("DE") and not fr.speaks_for(None)
    assert not de.speaks_for("FR") and not reviewer.speaks_for("FR")


@pytest.mark.parametrize(("kind", "state", "action"), sorted(TRANSITIONS, key=str))
def test_may_try_is_what_apply_allows(kind: NoticeType, state: object, action: Action) -> None:
    """For every transition and every kind of person: ``may_try`` is true exactly when ``apply`` refuses
    neither the transition nor the person (dates and reasons it checks when the action is taken)."""
    request = replace(make_request(requesting_country="FR"), type=kind)
    for actor in ACTORS:
        notice = Notice("2030/00001", request, state=state, expires_at=AT)  # type: ignore[arg-type]
        try:
            notice.apply(action, actor, AT, reasons="written reasons for the record")
            allowed = True
        except (IllegalTransition, Forbidden):
            allowed = False
        except Exception:  # a date or another rule: the person may try it
            allowed = True
        assert Notice("2030/00001", request, state=state).may_try(action, actor) is allowed, (actor, action)  # type: ignore[arg-type]


def test_the_page_offers_what_the_domain_allows() -> None:
    notice = Notice("2030/00001", make_request(requesting_country="FR"))
    for actor in ACTORS:
        offered = {c.action for c in actions_for(actor, notice)}
        assert offered == {a for a in Action if notice.may_try(a, actor)}, actor
    assert {c.action for c in actions_for(ACTORS[0], notice)}  # the requesting NCB has something to do
    assert not actions_for(ACTORS[1], notice)  # another NCB nothing
