"""Redress under attack (issue 14): races between CCF decisions, refugee confirmations from countries that
cannot see a notice, public ids that count notices. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
import threading
from datetime import UTC, datetime
from functools import partial
from typing import Any

import pytest

from rednotice.bootstrap import Store
from rednotice.domain.compliance.context import ProtectionStatus
from rednotice.domain.errors import DomainError, InvalidInput
from rednotice.domain.lifecycle import State
from rednotice.domain.redress import HarassmentReport, HarmKind, Outcome, ReporterKind
from rednotice.services import redress as rs
from tests.factories import make_request
from tests.store.test_redress import CCF, DE, REV, published, state
from tests.unit.test_redress import filing


def _race(*calls: Any) -> list[object]:
    """Run the calls at the same moment in threads; each result is a value or the exception raised."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = calls[i]()
        except Exception as exc:  # the race's loser raises: the test looks at what
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    return results


NAMES = [
    "ABADI", "BERGER", "CASTRO", "DUMONT", "ESPOSITO", "FISCHER", "GARNIER", "HOLMES",
    "IVANOV", "JANSSEN", "KOWALSKI", "LAMBERT", "MORENO", "NOVAK", "OLSEN",
]  # fmt: skip
"""Fifteen different people: a CCF deletion bars the same facts from being published again (RN-16)."""


# --- 7. Concurrent CCF decisions ----------------------------------------------------------------------


def test_concurrent_ccf_decisions_leave_one_consistent_outcome(store: Store) -> None:
    """`deleted` and `compliant` at the same moment: one wins, the other has no effect at all."""
    for name in NAMES:
        nid = published(store, **{"subject.family_name": name, "subject.aliases": []})
        case, _ = rs.file_case(filing(notice_id=nid), store.uow())
        rs.assess_case(case.id, CCF, store.uow())
        rs.block(case.id, "Pending the Commission's decision.", CCF, store.uow())
        results = _race(
            partial(rs.decide, case.id, Outcome.DELETED, "Political dispute (Art. 3).", CCF, store.uow()),
            partial(rs.decide, case.id, Outcome.COMPLIANT, "The data complies.", CCF, store.uow()),
        )
        errors = [r for r in results if isinstance(r, Exception)]
        assert len(errors) == 1 and isinstance(errors[0], DomainError), results
        with store.uow() as uow:
            decided = uow.redress.get_case(case.id)
            outcomes = uow.redress.outcomes_for([nid])
            deletions = [n for n in uow.redress.notifications(nid) if n.kind == "notice.deleted"]
        assert decided is not None
        if decided.outcome is Outcome.DELETED:
            assert state(store, nid) is State.DELETED
            assert outcomes == {nid: rs.BindingOutcome.CCF_NON_COMPLIANT} and deletions
        else:
            assert decided.outcome is Outcome.COMPLIANT
            assert state(store, nid) is State.PUBLISHED
            assert outcomes == {} and deletions == []


# --- 3. Refugee confirmations reach notices the caller cannot see ----------------------------------------


def test_a_refugee_confirmation_names_no_hidden_notice_and_deletes_only_after_the_gs(store: Store) -> None:
    """An NCB excluded from a notice confirms a status with a name, a birth date and a country: it learns
    no id, nothing is deleted on its word; a GS reviewer confirms the deletion with the evidence."""
    nid = published(
        store,
        **{
            "requesting_country": "RU",
            "subject.aliases": [],
            "visibility.excluded_countries": ["DE"],
        },
    )
    subject = make_request().subject
    conf = rs.confirm_refugee(
        subject, ProtectionStatus.REFUGEE, "RU", "Granted by BAMF 2024", DE, store.uow()
    )
    answer = json.dumps(rs.refugee_view(conf, DE))
    listed = json.dumps(rs.refugee_confirmations(DE, store.uow()))
    assert nid not in answer and nid not in listed
    assert state(store, nid) is State.SUSPENDED  # a precaution, not a deletion
    with store.uow() as uow:
        assert uow.redress.outcomes_for([nid]) == {}
    [flag] = [f for f in rs.review_flags(REV, store.uow(), nid) if f["source"] == "refugee_pending_deletion"]
    assert "Granted by BAMF 2024" in flag["text"]
    with pytest.raises(InvalidInput):
        rs.resolve_flag(flag["id"], "Checked with the granting country.", REV, store.uow())
    rs.resolve_flag(flag["id"], "Checked with the granting country.", REV, store.uow(), delete=True)
    assert state(store, nid) is State.DELETED
    with store.uow() as uow:
        assert uow.redress.outcomes_for([nid]) == {nid: rs.BindingOutcome.REFUGEE_DELETED}
        stored = uow.redress.get_refugee(conf.id)
    assert stored is not None and stored.deleted_notice_ids == [nid]
    assert nid not in json.dumps(rs.refugee_confirmations(DE, store.uow()))


def test_a_dismissed_refugee_confirmation_lifts_the_precaution(store: Store) -> None:
    nid = published(store, **{"requesting_country": "RU", "subject.aliases": []})
    rs.confirm_refugee(make_request().subject, ProtectionStatus.REFUGEE, "RU", "", DE, store.uow())
    assert state(store, nid) is State.SUSPENDED
    [flag] = [f for f in rs.review_flags(REV, store.uow(), nid) if f["source"] == "refugee_pending_deletion"]
    rs.resolve_flag(flag["id"], "No evidence of any protection status.", REV, store.uow(), delete=False)
    assert state(store, nid) is State.PUBLISHED
    with store.uow() as uow:
        assert uow.redress.outcomes_for([nid]) == {}


# --- 5. Sequential ids count notices --------------------------------------------------------------------


def _report(**overrides: Any) -> HarassmentReport:
    values: dict[str, Any] = {
        "id": 0,
        "filed_at": datetime(2026, 1, 1, tzinfo=UTC),
        "reporter_kind": ReporterKind.RELATIVE,
        "reporter_name": "",
        "reporter_contact": "",
        "notice_id": None,
        "victim_name": "A relative",
        "victim_relation": "sibling",
        "kinds": (HarmKind.THREATS,),
        "occurred_on": "2025",
        "place": "",
        "description": "Threatened by phone at home.",
        "source": "",
    }
    values.update(overrides)
    return HarassmentReport(**values)


def test_what_an_outsider_receives_carries_no_count(store: Store) -> None:
    """Anonymous reports and CCF filings answer random ids: no gap says how many notices a person has."""
    first = published(store, **{"subject.family_name": "ABADI", "subject.aliases": []})
    published(store, **{"subject.family_name": "ABADI", "subject.aliases": [], "requesting_country": "RU"})
    subject = make_request(**{"subject.family_name": "ABADI", "subject.aliases": []}).subject
    ids = [
        rs.file_harassment_report(_report(notice_id=first, subject=subject), store.uow()).public_id
        for _ in range(3)
    ]
    assert len(set(ids)) == 3
    assert all(not str(i).isdigit() and len(str(i)) >= 16 for i in ids), ids
    with store.uow() as uow:
        stored = uow.redress.reports()
    assert {r.public_id for r in stored} == set(ids)
    cases = [rs.file_case(filing(), store.uow())[0].id for _ in range(3)]
    assert not any(re.fullmatch(r"CCF-\d{4}-\d+", c) for c in cases), cases
    assert len(set(cases)) == 3


# --- 4. Public figures cannot be differenced -------------------------------------------------------------


def test_public_figures_do_not_move_with_todays_events(store: Store) -> None:
    """A filing, a publication or a deletion today does not move a public count: public figures cover
    closed periods (after a lag), the same whatever window is asked for. Oversight keeps full figures."""
    from datetime import date

    from rednotice.domain import figures as f
    from rednotice.services import figures as fs

    def public(first: date | None = None, last: date | None = None) -> dict[Any, Any]:
        fig = fs.public_figures(fs.FiguresQuery("RU", first, last), store.uow())
        return {k: c.text for k, c in fig.cells.items() if k[2] not in f.SNAPSHOTS}

    for name in NAMES[:6]:
        published(store, **{"requesting_country": "RU", "subject.family_name": name, "subject.aliases": []})
    before = public(date(2026, 1, 1), date(2026, 1, 15))
    published(store, **{"requesting_country": "RU", "subject.family_name": "ZELENKO", "subject.aliases": []})
    assert public(date(2026, 1, 1), date(2026, 1, 15)) == before
    assert public(date(2026, 1, 10)) == before == public()
    full = fs.figures(fs.FiguresQuery("RU", date(2026, 1, 1)), REV, store.uow())
    assert full.value("RU", "published") == 7  # oversight sees today's
