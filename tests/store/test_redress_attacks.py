"""Redress under attack (issue 14): races between CCF decisions, refugee confirmations from countries that
cannot see a notice, public ids that count notices. On SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from functools import partial
from typing import Any

from rednotice.bootstrap import Store
from rednotice.domain.errors import DomainError
from rednotice.domain.lifecycle import State
from rednotice.domain.redress import Outcome
from rednotice.services import redress as rs
from tests.store.test_redress import CCF, published, state
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
