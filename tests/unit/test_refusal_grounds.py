"""Issue 16, item 13: refusals count under the grounds reviewers use, derived from the rules that blocked
them and the rules the reasons cite; 'other' carries its reason in words, counted by reason."""

from __future__ import annotations

from typing import Any

import pytest

from rednotice.domain import figures as f
from rednotice.domain.errors import InvalidInput
from rednotice.domain.figures import Cell, Suppression
from rednotice.domain.lifecycle import Action, State
from rednotice.services import notices as ns
from rednotice.services import review
from rednotice.services.review import Ground
from tests.unit.test_review_workflow import REV, Env, Scripted, finding, scripted, submit

__all__ = ["scripted"]  # the fixture, imported for these tests


def decision(env: Env) -> dict[str, object]:
    return [r for r in env.data.records if r.kind is review.RecordKind.DECISION][-1].data


def refuse(env: Env, nid: str, reasons: str, *grounds: Ground, **details: str) -> None:
    ns.transition(ns.Transition(nid, Action.REFUSE, reasons, None, grounds, dict(details)), REV, env.uow())


@pytest.mark.parametrize(
    ("found", "ground"),
    [
        (finding("RN-07", "block"), "warrant_or_assurance"),
        (finding("RN-22", "block"), "time_barred"),
        (finding("RN-16", "block"), "resubmitted"),
        ({**finding("RN-01", "block"), "evidence": {"category": "private_dispute"}}, "private_dispute"),
        ({**finding("RN-01", "block"), "evidence": {"category": "administrative"}}, "administrative"),
        ({**finding("RN-01", "block"), "evidence": {"category": "family_matter"}}, "norms_or_family"),
    ],
)
def test_the_ground_comes_from_the_rule_that_blocked(
    scripted: Scripted, found: dict[str, Any], ground: str
) -> None:
    env = Env()
    scripted.results["A"] = [found]
    nid = submit(env, "A")
    refuse(env, nid, "Not compliant.")
    assert decision(env)["grounds"] == [ground]


def test_rules_cited_in_the_reasons_give_the_ground(scripted: Scripted) -> None:
    """A refusal on review findings (no block) counts under the rules the reviewer cites, not 'other'."""
    env = Env()
    scripted.results["A"] = [
        finding("RN-06", "review"),
        {**finding("RN-19", "review"), "evidence": {"profiles": ["businessperson"]}},
        finding("RN-11", "review"),
    ]
    nid = submit(env, "A")
    refuse(env, nid, "RN-05/RN-06: the facts describe no act of the subject; RN-19 and RN-11 noted.")
    assert decision(env) == {"decision": "refuse", "grounds": ["art3", "data_quality"]}


def test_other_needs_its_ground_in_words(scripted: Scripted) -> None:
    env = Env()
    nid = submit(env, "A")
    with pytest.raises(InvalidInput, match="a few words"):
        refuse(env, nid, "Long internal reasons.", Ground.OTHER, other_ground=" ")
    assert env.data.notices[nid].state is State.UNDER_REVIEW
    refuse(env, nid, "Long internal reasons.", Ground.OTHER, other_ground="  Military   tribunal warrant ")
    assert decision(env) == {
        "decision": "refuse",
        "grounds": ["other"],
        "other_ground": "Military tribunal warrant",
    }


def test_other_without_its_ground_takes_the_first_line_of_the_reasons(scripted: Scripted) -> None:
    env = Env()
    nid = submit(env, "A")
    refuse(env, nid, "Sought for a civil contempt order\nMore internal detail.", Ground.OTHER)
    assert decision(env)["other_ground"] == "Sought for a civil contempt order"


def test_every_ground_has_a_label_a_message_and_a_measure() -> None:
    assert set(f.GROUNDS) == {g.value for g in Ground} == set(f.GROUND_LABELS)
    assert set(review.REQUESTER_MESSAGE) == set(Ground)
    assert {f"refused.ground.{g.value}" for g in Ground} <= set(f.MEASURE_KEYS)


def shown(n: int) -> Cell:
    return Cell(n, str(n), Suppression.SHOWN)


def test_other_reasons_are_counted_by_reason_and_small_ones_never_shown_by_text() -> None:
    reasons = ["Civil contempt"] * 6 + ["civil  CONTEMPT"] + ["Military court"] * 2 + ["Names X"]
    full = f.other_ground_cells(reasons, shown(10), 1)
    assert [(r, c.value) for r, c in full] == [("Civil contempt", 7), ("Military court", 2), ("Names X", 1)]
    public = f.other_ground_cells(reasons, shown(10), 5)
    assert [(r, c.text) for r, c in public] == [
        ("Civil contempt", "7"),
        ("other reasons, each given fewer than 5 times", "<5"),
    ]
    assert "Names X" not in str(public) and "Military" not in str(public)
    withheld = Cell(None, "[c]", Suppression.COMPLEMENTARY)
    assert f.other_ground_cells(reasons, withheld, 5) == []  # counts under a withheld total would undo it
