"""The audit trail as a hash chain: each event commits to the one before it.

Editing an event changes its hash; deleting one breaks the next event's link; both are found by
``verify_chain``. Events are canonical JSON so the hash does not depend on the store.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
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


def verify_chain(
    events: Iterable[AuditEvent], head_hash: str | None = None, head_seq: int | None = None
) -> ChainReport:
    """Check every link. ``head_*`` (kept apart from the events) also catches removal of the last ones."""
    problems: list[str] = []
    prev, expected_seq, count = GENESIS, 1, 0
    for event in events:
        count += 1
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
    return ChainReport(not problems, count, tuple(problems))
