"""The audit trail as a hash chain: each event commits to the one before it.

Editing an event changes its hash; deleting one breaks the next event's link; both are found by
``verify_chain``. Events are canonical JSON so the hash does not depend on the store.

The chain alone cannot tell a rewritten store from an honest one: whoever can write the database can
delete the tail and move the head, or recompute every hash. Signed checkpoints close that door
(issue 14, item 9): a :class:`Checkpoint` states "event ``seq`` has hash ``hash``", signed with a key
the database does not hold and kept outside it. ``verify_chain`` given checkpoints (whose signatures
the caller has checked) finds a chain that no longer contains a signed head.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

GENESIS = "0" * 64


@dataclass(frozen=True, slots=True)
class AuditEvent:
    seq: int
    at: datetime
    actor: str
    action: str
    """A namespaced tag such as ``notice.transition.publish`` or ``notice.search``."""
    subject: str
    """What it is about: ``notice:2026/00042``, ``user:alice``..."""
    data: dict[str, Any]
    prev_hash: str
    hash: str


def canonical(seq: int, at: datetime, actor: str, action: str, subject: str, data: dict[str, Any]) -> bytes:
    body = {
        "seq": seq,
        "at": at.isoformat(timespec="microseconds"),
        "actor": actor,
        "action": action,
        "subject": subject,
        "data": data,
    }
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def chain_hash(prev_hash: str, payload: bytes) -> str:
    return hashlib.sha256(prev_hash.encode() + b"\n" + payload).hexdigest()


def seal(
    seq: int, at: datetime, actor: str, action: str, subject: str, data: dict[str, Any], prev_hash: str
) -> AuditEvent:
    digest = chain_hash(prev_hash, canonical(seq, at, actor, action, subject, data))
    return AuditEvent(seq, at, actor, action, subject, data, prev_hash, digest)


@dataclass(frozen=True, slots=True)
class ChainReport:
    ok: bool
    checked: int
    problems: tuple[str, ...]
    notes: tuple[str, ...] = ()
    """What was checked besides the links (signed checkpoints, authorised restores)."""


CHECKPOINT_FORMAT = "rednotice-audit-checkpoint/1"


class CheckpointKind:
    CHECKPOINT = "checkpoint"
    """The chain's head at a moment: every later chain must still contain this event."""
    RESTORE = "restore"
    """The store was restored from a backup ending at this event: the events after it that earlier
    checkpoints vouch for were discarded on purpose, by someone holding the signing key."""


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """A signed head of the chain, kept outside the database (one JSON line of a checkpoint file)."""

    kind: str
    seq: int
    hash: str
    at: str
    """When it was signed (ISO 8601, UTC), as written."""
    key_id: str
    """Which key signed it (a digest of the public key)."""
    replaced_seq: int | None = None
    """For a restore: the head of the chain the restore replaced."""
    replaced_hash: str | None = None
    signature: str = ""

    def payload(self) -> bytes:
        """The bytes that are signed: every field but the signature, as canonical JSON."""
        body: dict[str, Any] = {
            "format": CHECKPOINT_FORMAT,
            "kind": self.kind,
            "seq": self.seq,
            "hash": self.hash,
            "at": self.at,
            "key": self.key_id,
        }
        if self.kind == CheckpointKind.RESTORE:
            body["replaced"] = {"seq": self.replaced_seq, "hash": self.replaced_hash}
        return json.dumps(body, sort_keys=True, ensure_ascii=True, separators=(",", ":")).encode()


def _checkpoints_in_force(checkpoints: Sequence[Checkpoint]) -> tuple[dict[int, list[Checkpoint]], list[str]]:
    """Which signed heads the chain must contain, in the checkpoint file's order: a restore sets aside
    the earlier checkpoints past its own event (they belong to the history it discarded)."""
    wanted: dict[int, list[Checkpoint]] = {}
    notes: list[str] = []
    for cp in checkpoints:
        if cp.kind == CheckpointKind.RESTORE:
            dropped = sorted(seq for seq in wanted if seq > cp.seq)
            for seq in dropped:
                del wanted[seq]
            lost = (
                f"; events {cp.seq + 1} to {cp.replaced_seq} of the earlier history were discarded"
                if (cp.replaced_seq is not None and cp.replaced_seq > cp.seq)
                else ""
            )
            notes.append(f"signed restore of {cp.at}: the chain was restored to event {cp.seq}{lost}")
        wanted.setdefault(cp.seq, []).append(cp)
    return wanted, notes


def verify_chain(
    events: Iterable[AuditEvent],
    head_hash: str | None = None,
    head_seq: int | None = None,
    checkpoints: Sequence[Checkpoint] = (),
) -> ChainReport:
    """Check every link. ``head_*`` (kept apart from the events) also catches removal of the last ones.

    ``checkpoints`` are signed heads kept outside the database, their signatures already checked: the
    chain must contain each (the event at its sequence number with its hash), which catches a chain
    truncated, wiped or recomputed by whoever could write the database but not sign."""
    problems: list[str] = []
    wanted, notes = _checkpoints_in_force(checkpoints)
    covered = max(wanted, default=0)
    for cp in wanted.pop(0, []):
        if cp.hash != GENESIS:
            problems.append(f"the signed checkpoint of {cp.at} for the empty chain has another hash")
    prev, expected_seq, count = GENESIS, 1, 0
    for event in events:
        count += 1
        for cp in wanted.pop(event.seq, ()):
            if cp.hash != event.hash:
                problems.append(
                    f"event {event.seq} is not the one signed in the checkpoint of {cp.at} "
                    "(the chain was rewritten)"
                )
        if event.seq != expected_seq:
            problems.append(f"event {expected_seq} is missing (next found is {event.seq})")
        if event.prev_hash != prev:
            problems.append(f"event {event.seq} does not follow the event before it (link broken)")
        recomputed = chain_hash(
            event.prev_hash,
            canonical(event.seq, event.at, event.actor, event.action, event.subject, event.data),
        )
        if recomputed != event.hash:
            problems.append(f"event {event.seq} was altered (its content no longer matches its hash)")
        prev, expected_seq = event.hash, event.seq + 1
    if head_seq is not None and head_seq != expected_seq - 1:
        problems.append(f"the chain should end at event {head_seq} but ends at {expected_seq - 1}")
    if head_hash is not None and head_hash != prev:
        problems.append("the last event's hash does not match the recorded head of the chain")
    for seq in sorted(wanted):
        for cp in wanted[seq]:
            problems.append(
                f"the chain ends at event {expected_seq - 1} but the signed checkpoint of {cp.at} "
                f"vouches for event {seq}: events were removed"
            )
    if checkpoints:
        notes.insert(0, f"{len(checkpoints)} signed checkpoint(s) checked; they vouch up to event {covered}")
        if expected_seq - 1 > covered:
            notes.append(
                f"events {covered + 1} to {expected_seq - 1} are covered by no checkpoint yet "
                "(write one: rednotice audit checkpoint)"
            )
    return ChainReport(not problems, count, tuple(problems), tuple(notes))
