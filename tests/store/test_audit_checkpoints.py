"""Signed checkpoints catch what the chain alone cannot (issue 14, item 9), on both databases.

Whoever can write the database can make the chain consistent again after tampering: delete the tail and
move the head, wipe every event, or recompute every hash with an actor changed. ``audit verify`` passed
after each. A checkpoint signed with a key the database does not hold, kept outside it, names an event
and its hash: the rewritten chain no longer holds it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import delete, select, update

from rednotice.adapters import signing
from rednotice.adapters.db import tables as t
from rednotice.bootstrap import Store
from rednotice.domain.audit import GENESIS, AuditEvent, Checkpoint, seal
from rednotice.domain.users import Actor, Role
from rednotice.services import audit as audit_service
from rednotice.services import notices as ns
from tests.factories import make_request

FR = Actor("ncb-fr", Role.NCB_OFFICER, "FR")


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def events_happen(store: Store, n: int = 3) -> None:
    for _ in range(n):
        ns.create_request(ns.CreateRequest(make_request()), FR, store.uow())


def sign_head(store: Store, key: Ed25519PrivateKey, file: Path) -> Checkpoint:
    earlier = signing.read_checkpoints(file, [key.public_key()])[0] if file.exists() else []
    cp = audit_service.checkpoint(store.reader(), signing.Ed25519Signer(key), earlier)
    signing.append_checkpoint(file, cp)
    return cp


def verify_with(store: Store, file: Path, key: Ed25519PrivateKey) -> tuple[bool, list[str]]:
    held, problems = signing.read_checkpoints(file, [key.public_key()])
    report = audit_service.verify(store.reader(), held)
    return report.ok and not problems, [*problems, *report.problems]


def all_events(store: Store) -> list[AuditEvent]:
    with store.reader() as uow:
        return list(uow.audit.events())


def set_head(store: Store, seq: int, digest: str) -> None:
    with store.engine.begin() as conn:
        conn.execute(update(t.audit_head).where(t.audit_head.c.id == 1).values(seq=seq, hash=digest))


def test_deleting_the_tail_and_moving_the_head_is_detected(
    store: Store, key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    events_happen(store)
    file = tmp_path / "checkpoints.jsonl"
    cp = sign_head(store, key, file)
    keep = cp.seq - 2
    with store.engine.begin() as conn:
        conn.execute(delete(t.audit_events).where(t.audit_events.c.seq > keep))
        digest = conn.execute(select(t.audit_events.c.hash).where(t.audit_events.c.seq == keep)).scalar_one()
    set_head(store, keep, digest)
    assert audit_service.verify(store.reader()).ok  # the chain alone is consistent again
    ok, problems = verify_with(store, file, key)
    assert not ok
    assert any(f"ends at event {keep}" in p and f"vouches for event {cp.seq}" in p for p in problems)


def test_wiping_every_event_is_detected(store: Store, key: Ed25519PrivateKey, tmp_path: Path) -> None:
    events_happen(store)
    file = tmp_path / "checkpoints.jsonl"
    cp = sign_head(store, key, file)
    with store.engine.begin() as conn:
        conn.execute(delete(t.audit_events))
    set_head(store, 0, GENESIS)
    assert audit_service.verify(store.reader()).ok
    ok, problems = verify_with(store, file, key)
    assert not ok and any("ends at event 0" in p and f"event {cp.seq}" in p for p in problems)


def test_recomputing_the_whole_chain_with_an_actor_changed_is_detected(
    store: Store, key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    events_happen(store)
    file = tmp_path / "checkpoints.jsonl"
    cp = sign_head(store, key, file)
    events_happen(store, 1)  # events after the checkpoint are rewritten too
    rewritten, prev = [], GENESIS
    for e in all_events(store):
        actor = "someone-else" if e.seq == 2 else e.actor
        forged = seal(e.seq, e.at, actor, e.action, e.subject, e.data, prev)
        rewritten.append(forged)
        prev = forged.hash
    with store.engine.begin() as conn:
        for e in rewritten:
            conn.execute(
                update(t.audit_events)
                .where(t.audit_events.c.seq == e.seq)
                .values(actor=e.actor, prev_hash=e.prev_hash, hash=e.hash)
            )
    set_head(store, rewritten[-1].seq, rewritten[-1].hash)
    assert audit_service.verify(store.reader()).ok
    ok, problems = verify_with(store, file, key)
    assert not ok and any(f"event {cp.seq} is not the one signed" in p for p in problems)


def test_an_intact_chain_passes_and_later_events_are_named_as_not_yet_covered(
    store: Store, key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    file = tmp_path / "checkpoints.jsonl"
    empty = sign_head(store, key, file)  # the empty chain can be signed too
    assert (empty.seq, empty.hash) == (0, GENESIS)
    events_happen(store)
    first = sign_head(store, key, file)
    events_happen(store, 1)
    held, problems = signing.read_checkpoints(file, [key.public_key()])
    assert len(held) == 2 and not problems
    report = audit_service.verify(store.reader(), held)
    assert report.ok
    assert any(f"events {first.seq + 1} to" in n and "no checkpoint yet" in n for n in report.notes)


def test_checkpoints_cannot_be_forged_or_edited_without_the_key(
    store: Store, key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    events_happen(store)
    file = tmp_path / "checkpoints.jsonl"
    sign_head(store, key, file)
    # The attacker's own key, claiming the real key's id; and a real line with its seq edited.
    mallory = Ed25519PrivateKey.generate()
    real = signing.read_checkpoints(file, [key.public_key()])[0][0]
    forged = Checkpoint("checkpoint", 1, real.hash, real.at, real.key_id)
    forged = replace(forged, signature=signing.Ed25519Signer(mallory).sign(forged.payload()))
    signing.append_checkpoint(file, forged)
    line = file.read_text().splitlines()[0].replace(f'"seq":{real.seq}', '"seq":1')
    with file.open("a") as f:
        f.write(line + "\n" + "not json\n")
    held, problems = signing.read_checkpoints(file, [key.public_key()])
    assert len(held) == 1
    assert sum("does not verify" in p for p in problems) == 2 and any("line 4" in p for p in problems)
    _, problems = signing.read_checkpoints(file, [mallory.public_key()])
    assert any("not by the given public key" in p for p in problems)


def test_a_broken_chain_is_never_signed(store: Store, key: Ed25519PrivateKey, tmp_path: Path) -> None:
    events_happen(store)
    with store.engine.begin() as conn:
        conn.execute(update(t.audit_events).where(t.audit_events.c.seq == 2).values(actor="someone-else"))
    with pytest.raises(audit_service.ChainBroken, match="event 2 was altered"):
        audit_service.checkpoint(store.reader(), signing.Ed25519Signer(key))


def test_a_checkpoint_is_refused_when_the_chain_lost_a_signed_head(
    store: Store, key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    events_happen(store)
    file = tmp_path / "checkpoints.jsonl"
    sign_head(store, key, file)
    with store.engine.begin() as conn:
        conn.execute(delete(t.audit_events))
    set_head(store, 0, GENESIS)
    with pytest.raises(audit_service.ChainBroken, match="events were removed"):
        sign_head(store, key, file)  # an attacker running cron's command cannot bless the wipe
    assert len(file.read_text().splitlines()) == 1


def test_only_a_signed_restore_sets_aside_the_discarded_history(
    store: Store, key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    events_happen(store, 2)
    file = tmp_path / "checkpoints.jsonl"
    early = sign_head(store, key, file)
    events_happen(store, 2)
    late = sign_head(store, key, file)
    # Back to the earlier state (what a restore from a backup does), then life goes on.
    with store.engine.begin() as conn:
        conn.execute(delete(t.audit_events).where(t.audit_events.c.seq > early.seq))
    set_head(store, early.seq, early.hash)
    ok, problems = verify_with(store, file, key)
    assert not ok  # without a signed restore it is a truncation
    restore = audit_service.checkpoint(
        store.reader(),
        signing.Ed25519Signer(key),
        signing.read_checkpoints(file, [key.public_key()])[0],
        restored_over=(late.seq, late.hash),
    )
    signing.append_checkpoint(file, restore)
    events_happen(store, 1)
    sign_head(store, key, file)
    ok, problems = verify_with(store, file, key)
    assert ok, problems
    report = audit_service.verify(store.reader(), signing.read_checkpoints(file, [key.public_key()])[0])
    assert any(f"events {early.seq + 1} to {late.seq}" in n and "discarded" in n for n in report.notes)
    # A restore line signed by another key does not excuse anything.
    mallory = Ed25519PrivateKey.generate()
    fake = audit_service.checkpoint(
        store.reader(), signing.Ed25519Signer(mallory), restored_over=(late.seq, late.hash)
    )
    with store.engine.begin() as conn:
        conn.execute(delete(t.audit_events).where(t.audit_events.c.seq > early.seq))
    set_head(store, early.seq, early.hash)
    signing.append_checkpoint(file, fake)
    ok, problems = verify_with(store, file, key)
    assert not ok and any("not by the given public key" in p for p in problems)
    assert any("events were removed" in p for p in problems)
