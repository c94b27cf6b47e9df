"""Property: no sequence of commands publishes an unreviewed notice or reaches an undefined state."""

from datetime import UTC, datetime, timedelta

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from rednotice.domain.errors import DomainError
from rednotice.domain.lifecycle import Action, Notice, State, states_of
from rednotice.domain.model import NoticeType
from rednotice.domain.policy import can_see_notice, is_public
from rednotice.domain.users import SYSTEM, Actor, Role
from tests.factories import make_request

ACTORS = [
    Actor("ncb-fr", Role.NCB_OFFICER, "FR"),
    Actor("ncb-de", Role.NCB_OFFICER, "DE"),
    Actor("rev", Role.REVIEWER),
    Actor("ccf", Role.CCF),
    Actor("oversight", Role.OVERSIGHT),
    Actor("admin", Role.ADMIN),
    SYSTEM,
]
OTHER_NCB = Actor("ncb-de", Role.NCB_OFFICER, "DE")


class Lifecycle(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.now = datetime(2026, 1, 1, tzinfo=UTC)
        self.notices = [
            Notice("2026/00001", make_request(**{"visibility.public_extract": True})),
            Notice("2026/00002", make_request(type="wanted_person_diffusion")),
        ]

    @rule(
        which=st.integers(0, 1),
        action=st.sampled_from(list(Action)),
        actor=st.sampled_from(ACTORS),
        reasons=st.sampled_from(["", "because"]),
        days=st.integers(0, 800),
    )
    def act(self, which: int, action: Action, actor: Actor, reasons: str, days: int) -> None:
        self.now += timedelta(days=days)
        notice = self.notices[which]
        before = (notice.state, len(notice.history))
        try:
            notice.apply(action, actor, self.now, reasons)
        except DomainError:
            assert (notice.state, len(notice.history)) == before, "a refused command changed the notice"

    @invariant()
    def states_are_defined(self) -> None:
        for n in self.notices:
            assert n.state in states_of(n.type)

    @invariant()
    def nothing_published_without_a_reviewer(self) -> None:
        red = self.notices[0]
        if red.state is State.PUBLISHED or any(r.action is Action.PUBLISH for r in red.history):
            publishes = [r for r in red.history if r.action is Action.PUBLISH]
            assert publishes and all(r.actor.role in (Role.REVIEWER, Role.SYSTEM) for r in publishes)
            first = red.history.index(publishes[0])
            assert any(r.action is Action.START_REVIEW for r in red.history[:first])

    @invariant()
    def other_ncbs_and_public_see_only_what_is_in_force(self) -> None:
        red, diff = self.notices
        assert can_see_notice(OTHER_NCB, red) == (red.state is State.PUBLISHED)
        assert is_public(red) == (red.state is State.PUBLISHED)
        assert can_see_notice(OTHER_NCB, diff) == (diff.state in (State.UNREVIEWED, State.REVIEWED_COMPLIANT))
        assert not is_public(diff)
        assert diff.type is NoticeType.WANTED_PERSON_DIFFUSION


TestLifecycle = Lifecycle.TestCase
TestLifecycle.settings = settings(max_examples=300, stateful_step_count=40, deadline=None)
