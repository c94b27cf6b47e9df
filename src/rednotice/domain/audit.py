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

from rednotice.domain.errors import N_, NP_, Text

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
    """Each an ``errors.Text``: English as a string, ``label()`` in the reader's language."""
    notes: tuple[str, ...] = ()
    """What was checked besides the links (signed checkpoints, authorised restores); ``errors.Text`` too."""


def joined(problems: Sequence[str], most: int) -> Text:
    """The first ``most`` problems as one message (``; ``), each part translated where it is shown."""
    return Text.joined("; ", [p if isinstance(p, Text) else Text(p) for p in problems[:most]])


MISSING = N_("event %(seq)s is missing (next found is %(found)s)")
REWRITTEN = N_("event %(seq)s is not the one signed in the checkpoint of %(at)s (the chain was rewritten)")
UNLINKED = N_("event %(seq)s does not follow the event before it (link broken)")
ALTERED = N_("event %(seq)s was altered (its content no longer matches its hash)")
ENDS_ELSEWHERE = N_("the chain should end at event %(head)s but ends at %(last)s")
HEAD_MISMATCH = N_("the last event's hash does not match the recorded head of the chain")


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
            if cp.replaced_seq is not None and cp.replaced_seq > cp.seq:
                notes.append(
                    Text(
                        N_(
                            "signed restore of %(at)s: the chain was restored to event %(seq)s; events "
                            "%(first)s to %(last)s of the earlier history were discarded"
                        ),
                        at=cp.at,
                        seq=cp.seq,
                        first=cp.seq + 1,
                        last=cp.replaced_seq,
                    )
                )
            else:
                notes.append(
                    Text(
                        N_("signed restore of %(at)s: the chain was restored to event %(seq)s"),
                        at=cp.at,
                        seq=cp.seq,
                    )
                )
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
            problems.append(
                Text(N_("the signed checkpoint of %(at)s for the empty chain has another hash"), at=cp.at)
            )
    prev, expected_seq, count = GENESIS, 1, 0
    for event in events:
        count += 1
        for cp in wanted.pop(event.seq, ()):
            if cp.hash != event.hash:
                problems.append(Text(REWRITTEN, seq=event.seq, at=cp.at))
        if event.seq != expected_seq:
            problems.append(Text(MISSING, seq=expected_seq, found=event.seq))
        if event.prev_hash != prev:
            problems.append(Text(UNLINKED, seq=event.seq))
        recomputed = chain_hash(
            event.prev_hash,
            canonical(event.seq, event.at, event.actor, event.action, event.subject, event.data),
        )
        if recomputed != event.hash:
            problems.append(Text(ALTERED, seq=event.seq))
        prev, expected_seq = event.hash, event.seq + 1
    if head_seq is not None and head_seq != expected_seq - 1:
        problems.append(Text(ENDS_ELSEWHERE, head=head_seq, last=expected_seq - 1))
    if head_hash is not None and head_hash != prev:
        problems.append(Text(HEAD_MISMATCH))
    for seq in sorted(wanted):
        for cp in wanted[seq]:
            problems.append(
                Text(
                    N_(
                        "the chain ends at event %(last)s but the signed checkpoint of %(at)s vouches for "
                        "event %(seq)s: events were removed"
                    ),
                    last=expected_seq - 1,
                    at=cp.at,
                    seq=seq,
                )
            )
    if checkpoints:
        checked = NP_(
            "%(num)s signed checkpoint checked; it vouches up to event %(seq)s",
            "%(num)s signed checkpoints checked; they vouch up to event %(seq)s",
        )
        notes.insert(0, Text(checked, num=len(checkpoints), seq=covered))
        if expected_seq - 1 > covered:
            notes.append(
                Text(
                    N_(
                        "events %(first)s to %(last)s are covered by no checkpoint yet (write one: rednotice "
                        "audit checkpoint)"
                    ),
                    first=covered + 1,
                    last=expected_seq - 1,
                )
            )
    return ChainReport(not problems, count, tuple(problems), tuple(notes))
