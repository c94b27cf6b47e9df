"""How a notice is shown (``services/views.py``) and the similar past decisions a reviewer reads beside a
request (``services/similar.py``), on notices made by the use cases on the in-memory fakes: the caveat,
the actions the state allows, a timeline redacted for NCBs (and for an unknown viewer); similar decisions
only from the same requesting country, only decided ones, the same person first, at most five, audited
as a search."""

from __future__ import annotations

import pytest

from rednotice.domain.lifecycle import Action, Notice
from rednotice.domain.users import Actor, Role
from rednotice.services import notices as ns
from rednotice.services import similar
from rednotice.services.review import Ground
from rednotice.services.views import NOT_A_WARRANT, notice_view
from tests.conftest import FakeClock
from tests.factories import make_request
from tests.unit.fake_store import REV, FakeStore, submitted

FR = Actor("ncb-fr", Role.NCB_OFFICER, "FR")
DE = Actor("ncb-de", Role.NCB_OFFICER, "DE")
CCF = Actor("ccf", Role.CCF)
SECRET = "Art. 3: asylum granted by NZ (secret)."


class Env(FakeStore):
    def get(self, notice_id: str, actor: Actor = REV) -> Notice:
        return ns.get_notice(notice_id, actor, self.uow())


@pytest.fixture
def env(clock: FakeClock) -> Env:
    return Env(clock)


def decide(env: Env, notice_id: str, action: Action) -> str:
    ns.transition(ns.Transition(notice_id, Action.START_REVIEW), REV, env.uow())
    if action is Action.REFUSE:
        ns.transition(ns.Transition(notice_id, action, SECRET, grounds=(Ground.ARTICLE_3,)), REV, env.uow())
    else:
        ns.transition(ns.Transition(notice_id, action, "compliant"), REV, env.uow())
    return notice_id


# --- notice_view ----------------------------------------------------------------------------------------


def test_a_submitted_notice_is_shown_with_its_caveat_state_and_allowed_actions(
    env: Env, clock: FakeClock
) -> None:
    nid = submitted(env)
    view = notice_view(env.get(nid, FR), viewer=FR)
    assert (view["id"], view["state"], view["type"], view["requesting_country"]) == (
        nid,
        "submitted",
        "red_notice",
        "FR",
    )
    assert view["caveat"] == NOT_A_WARRANT and "not an arrest warrant" in view["caveat"]
    assert not view["in_force"] and view["published_at"] is None
    assert view["submitted_at"] == clock().isoformat()
    assert "start_review" in view["allowed_actions"] and "publish" not in view["allowed_actions"]
    assert view["request"]["subject"]["family_name"] == make_request().subject.family_name
    assert [row["by"] for row in view["timeline"]] == ["ncb-fr"]


def test_a_published_notice_is_in_force_and_allows_what_publication_allows(env: Env) -> None:
    nid = decide(env, submitted(env), Action.PUBLISH)
    view = notice_view(env.get(nid, DE), viewer=DE)
    assert view["state"] == "published" and view["in_force"] and view["published_at"] is not None
    assert "cancel" in view["allowed_actions"] and "start_review" not in view["allowed_actions"]
    assert view["version"] == env.get(nid).version


def test_the_timeline_hides_who_at_the_gs_acted_and_why_a_refusal_from_ncbs(env: Env) -> None:
    nid = decide(env, submitted(env), Action.REFUSE)
    notice = env.get(nid)
    for viewer in (FR, None):
        timeline = notice_view(notice, viewer=viewer)["timeline"]
        [refusal] = [row for row in timeline if row["action"] == "refuse"]
        assert refusal["by"] == "INTERPOL General Secretariat" and refusal["role"] is None
        assert refusal["reasons"] == "(kept by the General Secretariat)"
        assert "secret" not in str(timeline)
        [own] = [row for row in timeline if row["to"] == "submitted"]
        assert own["by"] == "ncb-fr"  # an NCB's own acts are shown as they are
    for official in (REV, CCF):
        [refusal] = [
            row for row in notice_view(notice, viewer=official)["timeline"] if row["action"] == "refuse"
        ]
        assert refusal["by"] == "rev" and refusal["reasons"] == SECRET


def test_a_publication_reason_is_not_redacted_only_its_author(env: Env) -> None:
    nid = decide(env, submitted(env), Action.PUBLISH)
    [published] = [
        row for row in notice_view(env.get(nid), viewer=FR)["timeline"] if row["action"] == "publish"
    ]
    assert published["by"] == "INTERPOL General Secretariat" and published["reasons"] == "compliant"


def test_without_timeline(env: Env) -> None:
    assert "timeline" not in notice_view(env.get(submitted(env)), with_timeline=False)


# --- similar decisions ----------------------------------------------------------------------------------


OTHER_PERSON = {
    "subject.family_name": "IVANOV",
    "subject.given_names": "Sergei",
    "subject.aliases": [],
    "subject.date_of_birth": "1980-01-01",
}


def test_similar_decisions_same_person_first_then_shared_charge_words(env: Env) -> None:
    same_person = decide(env, submitted(env), Action.REFUSE)
    other_person = decide(env, submitted(env, **OTHER_PERSON), Action.PUBLISH)
    current = env.get(submitted(env))
    found = similar.similar_decisions(current, REV, env.uow())
    assert [s.notice.id for s in found] == [same_person, other_person]
    assert found[0].same_person and not found[1].same_person
    assert found[1].shared == sorted(similar.charge_words(current))
    assert current.id not in [s.notice.id for s in found]


def test_similar_decisions_ignore_undecided_notices_and_other_countries(env: Env) -> None:
    submitted(env)  # FR's, not decided
    decide(env, submitted(env, requesting_country="DE"), Action.PUBLISH)  # decided, but DE's
    current = env.get(submitted(env))
    assert similar.similar_decisions(current, REV, env.uow()) == []
    decided = decide(env, submitted(env, **OTHER_PERSON), Action.PUBLISH)
    assert [s.notice.id for s in similar.similar_decisions(current, REV, env.uow())] == [decided]


def test_similar_decisions_need_a_shared_word_that_is_not_a_stop_word(env: Env) -> None:
    unrelated = {
        **OTHER_PERSON,
        "judicial.charges": [
            {"offence": "Armed robbery under the penal code", "law": "Art. 311-8", "max_penalty_years": 20}
        ],
    }
    decide(env, submitted(env, **unrelated), Action.PUBLISH)
    current = env.get(
        submitted(
            env,
            **{
                "judicial.charges": [
                    {"offence": "Murder under the penal code", "law": "Art. 221-1", "max_penalty_years": 30}
                ]
            },
        )
    )
    assert "penal" not in similar.charge_words(current)
    assert similar.similar_decisions(current, REV, env.uow()) == []


def test_at_most_five_similar_decisions_and_the_search_is_audited(env: Env) -> None:
    for _ in range(similar.SHOWN + 2):
        decide(env, submitted(env, **OTHER_PERSON), Action.PUBLISH)
    current = env.get(submitted(env))
    searches = sum(1 for e in env.data.audit if e.action == "notice.search")
    assert len(similar.similar_decisions(current, REV, env.uow())) == similar.SHOWN
    assert sum(1 for e in env.data.audit if e.action == "notice.search") == searches + 1
