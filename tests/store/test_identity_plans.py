"""Issue 18, items 2 and 3: the compliance check's history and a reviewer's similar decisions cost what they
find, not the store.

* Identity candidates (``identity_candidates``, the compliance check's prior decisions) bound the identity
  keys' index by the birth year too: "that year or unknown" is two ranges of ``ix_notice_keys_lookup``, not
  an OR the index cannot bound (which read every key of a common given name, whatever its year: 35,044 keys
  for 622 at 700,000 notices).
* Similar decisions compare the country's latest 100 decided notices by digests (names, birth year, the
  charges' texts) and decode only the few shown: the same decisions as comparing the decoded notices.

On the seeded stores of tests/store/test_list_plans.py (PostgreSQL) and test_cursor_plans.py (SQLite);
timings are in benchmarks/lists.py."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import Engine

from rednotice.adapters.db.store import SqlNoticeRepository, SqlUnitOfWork
from rednotice.domain.lifecycle import Notice
from rednotice.domain.users import Actor, Role
from rednotice.services import similar
from rednotice.services.compliance import OUTCOME_OF_STATE
from rednotice.services.ports import NoticeFilter
from tests.store.test_cursor_plans import sqlite_engine  # noqa: F401  (the seeded module fixtures)
from tests.store.test_list_plans import _statements, engine  # noqa: F401

REVIEWER = Actor("plans.reviewer", Role.REVIEWER)
SAMPLES = ("2020/000500", "2020/001234", "2020/002001", "2020/003999")


@pytest.fixture(params=["postgresql", "sqlite"])
def seeded(request: pytest.FixtureRequest) -> Engine:
    name = "engine" if request.param == "postgresql" else "sqlite_engine"
    eng: Engine = request.getfixturevalue(name)
    return eng


def _notice(eng: Engine, notice_id: str) -> Notice:
    with SqlUnitOfWork(eng, read_only=True) as uow:
        notice = uow.notices.get(notice_id)
    assert notice is not None and notice.request.subject.date_of_birth is not None
    return notice


def _key_plans(eng: Engine, notice: Notice) -> list[str]:
    states = tuple(OUTCOME_OF_STATE)
    found = [
        (s, p)
        for s, p in _statements(
            eng, lambda uow: uow.reviews.identity_candidates(notice.request.subject, states)
        )
        if "notice_keys" in s
    ]
    assert found, "identity candidates read no identity key"
    postgres = eng.dialect.name == "postgresql"
    plans = []
    with eng.connect() as conn:
        for statement, parameters in found:
            explain = "EXPLAIN " if postgres else "EXPLAIN QUERY PLAN "
            rows = conn.exec_driver_sql(explain + statement, parameters).all()
            plans.append("\n".join(str(r[0] if postgres else r[-1]) for r in rows))
    return plans


def test_identity_candidates_bound_the_keys_index_by_birth_year(seeded: Engine) -> None:
    plans = _key_plans(seeded, _notice(seeded, SAMPLES[0]))
    text = "\n\n".join(plans)
    if seeded.dialect.name == "postgresql":
        conds = re.findall(r"Index Cond: (.*)", text)
        keyed = [c for c in conds if "key" in c and "kind" in c]
        assert keyed and all("birth_year" in c for c in keyed), text
        assert not re.search(r"Filter: .*birth_year", text), text
        assert not re.search(r"Seq Scan on notice_keys", text), text
    else:
        assert "ix_notice_keys_lookup (kind=? AND key=? AND birth_year=?)" in text, text
        assert "(kind=? AND key=?)" not in text, text


def test_identity_candidates_are_those_sharing_tokens_that_year_or_unknown(seeded: Engine) -> None:
    """The same candidates as before: tokens shared in the notice's year or of unknown birth."""
    states = tuple(OUTCOME_OF_STATE)
    for notice_id in SAMPLES:
        notice = _notice(seeded, notice_id)
        with SqlUnitOfWork(seeded, read_only=True) as uow:
            found = {n.id for n in uow.reviews.identity_candidates(notice.request.subject, states)}
            year = notice.request.subject.date_of_birth
            assert year is not None
            for n in uow.notices.get_many(sorted(found)):
                born = n.request.subject.date_of_birth
                assert born is None or born.year == year.year
                assert n.state in states
            assert notice.id in found or notice.state not in states


def _as_before(eng: Engine, notice: Notice) -> list[tuple[str, list[str], bool]]:
    """``similar_decisions`` as it was: the latest 100 decided notices decoded and compared."""
    flt = NoticeFilter(
        states=similar.DECIDED, requesting_country=notice.requesting_country, limit=similar.SCAN
    )
    words, person = similar.charge_words(notice), similar.person_key(notice)
    out = []
    with SqlUnitOfWork(eng, read_only=True) as uow:
        for other in uow.notices.find(flt).items:
            if other.id == notice.id:
                continue
            shared = sorted(words & similar.charge_words(other))
            theirs = similar.person_key(other)
            same = theirs[:2] == person[:2] and theirs[2] in (person[2], None)
            if shared or same:
                out.append((other.id, shared, same))
    out.sort(key=lambda x: (not x[2], -len(x[1])))
    return out[: similar.SHOWN]


def test_similar_decisions_decode_only_the_notices_shown(seeded: Engine, monkeypatch: Any) -> None:
    decoded: list[str] = []
    original = SqlNoticeRepository._row_to_notice

    def counting(self: SqlNoticeRepository, row: Any, with_history: bool) -> Notice:
        decoded.append(row.id)
        return original(self, row, with_history)

    for notice_id in SAMPLES:
        notice = _notice(seeded, notice_id)
        decoded.clear()
        with monkeypatch.context() as mp:
            mp.setattr(SqlNoticeRepository, "_row_to_notice", counting)
            found = similar.similar_decisions(notice, REVIEWER, SqlUnitOfWork(seeded))
        assert [(s.notice.id, s.shared, s.same_person) for s in found] == _as_before(seeded, notice)
        assert found, "the seeded notices share the charges' words: something is found"
        assert sorted(decoded) == sorted(s.notice.id for s in found)  # 100 were decoded before
