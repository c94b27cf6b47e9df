"""The review workflow with the real compliance engine and the store as its context (both databases)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from rednotice.adapters.formats.request_json import parse_request
from rednotice.bootstrap import Store
from rednotice.domain.errors import RuleViolation
from rednotice.domain.lifecycle import Action, State
from rednotice.domain.users import Actor, Role
from rednotice.services import notices as ns
from rednotice.services import review
from tests.conftest import CASES

REV = Actor("rev", Role.REVIEWER)
REV2 = Actor("rev2", Role.REVIEWER)
FACTORS = {k: f"assessed: {k}" for k in review.ARTICLE_34_FACTORS}


def case(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CASES / "compliance" / name).read_text())
    return data


def officer(country: str) -> Actor:
    return Actor(f"ncb-{country.lower()}", Role.NCB_OFFICER, country)


def submit(store: Store, data: dict[str, Any]) -> str:
    request = parse_request(data)
    notice = ns.create_request(ns.CreateRequest(request), officer(request.requesting_country), store.uow())
    ns.transition(ns.Transition(notice.id, Action.START_REVIEW), REV, store.uow())
    return notice.id


def test_checks_are_stored_on_submit_and_order_the_queue(store: Store) -> None:
    murder = submit(store, case("01-murder-complete.json"))
    political = submit(store, case("07-subversion-journalist.json"))
    fraud = submit(store, case("10-fraud-by-activist.json"))
    dossier = review.dossier(political, REV, store.uow()).to_dict()
    assert dossier["check"]["verdict"] == "non_compliant"
    assert "RN-09" in {f["code"] for f in dossier["check"]["findings"]}
    order = [n.id for n, _ in review.queue(REV, store.uow())]
    assert order.index(political) < order.index(fraud) < order.index(murder)


def test_a_compliant_request_publishes_and_a_blocked_one_cannot(store: Store) -> None:
    murder = submit(store, case("01-murder-complete.json"))
    assert (
        ns.transition(ns.Transition(murder, Action.PUBLISH, "compliant"), REV, store.uow()).state
        is State.PUBLISHED
    )
    political = submit(store, case("07-subversion-journalist.json"))
    with pytest.raises(RuleViolation, match="RN-09"):
        ns.transition(ns.Transition(political, Action.PUBLISH, "looks fine"), REV, store.uow())
    refused = ns.transition(
        ns.Transition(political, Action.REFUSE, "Art. 3: purely political"), REV, store.uow()
    )
    assert refused.state is State.REFUSED
    told = ns.decision_seen_by(refused, officer(refused.requesting_country), store.uow())
    assert told is not None and told["grounds"] == ["art3"] and "Article 3" in told["message"]


def test_review_findings_are_resolved_then_published(store: Store) -> None:
    nid = submit(store, case("10-fraud-by-activist.json"))
    dossier = review.dossier(nid, REV, store.uow())
    assert dossier.check is not None
    for code in dossier.check.codes("review"):
        review.resolve_finding(
            nid, code, "Documented bank transfers; unrelated to the activism.", REV, store.uow()
        )
    review.record_article3(nid, FACTORS, "Ordinary-law fraud predominates.", REV, store.uow())
    assert (
        ns.transition(ns.Transition(nid, Action.PUBLISH, "compliant"), REV, store.uow()).state
        is State.PUBLISHED
    )


def test_the_exception_over_a_block_needs_two_reviewers(store: Store) -> None:
    nid = submit(store, case("03-petty-theft.json"))
    review.propose_exception(
        nid, "Particular importance: serial thefts from a children's hospital.", REV, store.uow()
    )
    review.confirm_exception(nid, "agreed, exceptional", REV2, store.uow())
    assert (
        ns.transition(ns.Transition(nid, Action.PUBLISH, "Art. 83(1)(b)"), REV, store.uow()).state
        is State.PUBLISHED
    )


def test_refused_facts_cannot_come_back_as_a_diffusion_even_respelled(store: Store) -> None:
    data = case("07-subversion-journalist.json")
    nid = submit(store, data)
    ns.transition(ns.Transition(nid, Action.REFUSE, "Art. 3"), REV, store.uow())
    again = json.loads(json.dumps(data))
    again["type"] = "wanted_person_diffusion"
    again["subject"]["family_name"] = again["subject"]["family_name"].lower().capitalize()
    with pytest.raises(RuleViolation, match="RN-16"):
        ns.create_request(
            ns.CreateRequest(parse_request(again)), officer(data["requesting_country"]), store.uow()
        )


def test_the_country_record_counts_in_later_checks(store: Store) -> None:
    for _ in range(3):
        nid = submit(store, case("07-subversion-journalist.json"))
        ns.transition(ns.Transition(nid, Action.REFUSE, "Art. 3"), REV, store.uow())
    with store.uow() as uow:
        decided, refused = uow.reviews.decisions_by_country(
            case("07-subversion-journalist.json")["requesting_country"]
        )
    assert (decided, refused) == (3, 3)


def test_political_events_in_the_register_flag_requests_made_near_them(store: Store) -> None:
    from datetime import date

    data = case("01-murder-complete.json")
    country = data["requesting_country"]
    review.add_political_event(
        country, "election", store.clock().date(), "presidential election", REV, store.uow()
    )
    nid = submit(store, data)
    dossier = review.dossier(nid, REV, store.uow())
    assert dossier.check is not None and "RN-15" in dossier.check.codes("warn")
    assert review.political_events(country, REV, store.uow())[0]["on"] == store.clock().date().isoformat()
    far = date(2000, 1, 1)
    review.add_political_event("DE", "protest", far, "old protest", REV, store.uow())
    with pytest.raises(Exception, match="reviewers keep"):
        review.add_political_event("DE", "protest", far, "x", officer("FR"), store.uow())


def test_requests_naming_the_same_relative_again_and_again_need_review(store: Store) -> None:
    target = submit(store, case("01-murder-complete.json"))
    relative = case("01-murder-complete.json")
    relative["subject"]["relations"] = [{"notice_id": target, "relation": "sibling"}]
    codes: list[set[str]] = []
    for i in range(3):
        relative["subject"]["given_names"] = f"Sibling{i}"
        nid = submit(store, relative)
        check = review.dossier(nid, REV, store.uow()).check
        assert check is not None
        codes.append({f["code"] for f in check.findings if "other_requests" in f["evidence"]})
    assert codes[0] == set() and "RN-18" in codes[-1]


def test_objections_on_a_notice_in_force_reach_a_new_request_for_the_same_person(store: Store) -> None:
    from rednotice.domain.redress import PositionGround, PositionKind
    from rednotice.services import redress

    data = case("01-murder-complete.json")
    nid = submit(store, data)
    ns.transition(ns.Transition(nid, Action.PUBLISH, "compliant"), REV, store.uow())
    other = "DE" if data["requesting_country"] != "DE" else "FR"
    redress.record_position(
        nid,
        PositionKind.OBJECTION,
        [PositionGround.ARTICLE_3],
        "The prosecution targets a witness in a corruption trial.",
        [],
        False,
        officer(other),
        store.uow(),
    )
    second = json.loads(json.dumps(data))
    second["subject"]["family_name"] = second["subject"]["family_name"].title()  # spelling does not hide it
    second["judicial"]["warrant"]["reference"] = "MA-2024-0001"
    nid2 = submit(store, second)
    check = review.dossier(nid2, REV, store.uow()).check
    assert check is not None and "RN-12" in {f["code"] for f in check.findings}
