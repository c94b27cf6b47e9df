"""``rednotice audit checkpoint`` reads the chain from the last checkpoint on (issue 14 leftover: it read
the whole chain, 21 s at 200,000 events), on both databases; ``audit verify`` still reads it all."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import update

from rednotice.adapters.db import tables as t
from rednotice.bootstrap import Store
from rednotice.services import audit as audit_service
from tests.store.test_audit_checkpoints import all_events, events_happen, sign_head, verify_with


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def tamper(store: Store, seq: int) -> None:
    with store.engine.begin() as conn:
        conn.execute(update(t.audit_events).where(t.audit_events.c.seq == seq).values(actor="someone-else"))


def test_the_events_after_a_number_are_those_after_it(store: Store) -> None:
    events_happen(store, 4)
    every = all_events(store)
    with store.reader() as uow:
        assert [e.seq for e in uow.audit.events(after_seq=2)] == [e.seq for e in every[2:]]
        assert list(uow.audit.events(after_seq=every[-1].seq)) == []
        assert list(uow.audit.events(after_seq=0)) == every


def test_a_checkpoint_reads_from_the_last_one_and_verify_still_reads_all(
    store: Store, key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    file = tmp_path / "checkpoints.jsonl"
    events_happen(store, 3)
    first = sign_head(store, key, file)
    events_happen(store, 2)
    tamper(store, 1)  # before the last checkpoint: the next one does not read it ...
    second = sign_head(store, key, file)
    assert second.seq > first.seq
    ok, problems = verify_with(store, file, key)  # ... verify does
    assert not ok and any("event 1 was altered" in p for p in problems)


def test_a_checkpoint_refuses_a_chain_broken_after_the_last_one(
    store: Store, key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    file = tmp_path / "checkpoints.jsonl"
    events_happen(store, 3)
    first = sign_head(store, key, file)
    events_happen(store, 2)
    tamper(store, first.seq + 1)
    with pytest.raises(audit_service.ChainBroken, match=f"event {first.seq + 1} was altered"):
        sign_head(store, key, file)


def test_a_checkpoint_refuses_a_chain_rewritten_at_the_last_one(
    store: Store, key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    file = tmp_path / "checkpoints.jsonl"
    events_happen(store, 3)
    first = sign_head(store, key, file)
    tamper(store, first.seq)
    with pytest.raises(audit_service.ChainBroken, match=f"event {first.seq}"):
        sign_head(store, key, file)
