"""Verify the audit chain; sign its head (checkpoints, issue 14, item 9)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC
from typing import Any

from rednotice.domain.audit import (
    ALTERED,
    ENDS_ELSEWHERE,
    HEAD_MISMATCH,
    MISSING,
    REWRITTEN,
    UNLINKED,
    AuditEvent,
    ChainReport,
    Checkpoint,
    CheckpointKind,
    canonical,
    chain_hash,
    joined,
    verify_chain,
)
from rednotice.domain.errors import N_, DomainError, Text
from rednotice.domain.users import Actor
from rednotice.services.ports import Signer as Signer  # the port, in ports.py (decision 0012)
from rednotice.services.ports import UnitOfWork


class ChainBroken(DomainError):
    code = "audit_chain_broken"


def verify(uow: UnitOfWork, checkpoints: Sequence[Checkpoint] = ()) -> ChainReport:
    """Every link, hash and the head; with ``checkpoints`` (signatures already checked), also that the
    chain still holds every signed head."""
    with uow:
        seq, digest = uow.audit.head()
        return verify_chain(uow.audit.events(), head_hash=digest, head_seq=seq, checkpoints=checkpoints)


def checkpoint(
    uow: UnitOfWork,
    signer: Signer,
    earlier: Sequence[Checkpoint] = (),
    restored_over: tuple[int, str] | None = None,
) -> Checkpoint:
    """Sign the head of the chain as it is now, after checking the chain (and that it still holds the
    ``earlier`` checkpoints): a broken chain is never signed (:class:`ChainBroken`).

    ``restored_over`` (the head before a restore from a backup) makes it a signed *restore*: the events
    of the replaced history after this head, which earlier checkpoints vouch for, were discarded on
    purpose. Reads only: nothing is written to the store.

    With earlier checkpoints, only the events from the last of them are read (it must still be in the
    chain as signed, and every event after it must follow it): the events before it were checked when
    it was signed, and ``rednotice audit verify`` still checks the whole chain. A restore reads all."""
    with uow:
        seq, digest = uow.audit.head()
        kind = CheckpointKind.CHECKPOINT if restored_over is None else CheckpointKind.RESTORE
        at = uow.clock().astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        unsigned = Checkpoint(
            kind,
            seq,
            digest,
            at,
            signer.key_id,
            restored_over[0] if restored_over else None,
            restored_over[1] if restored_over else None,
        )
        base = _last_in_force(earlier)
        if restored_over is None and base is not None and 0 < base.seq <= seq:
            report = verify_since(base, uow.audit.events(after_seq=base.seq - 1), digest, seq)
        else:  # as verify will check it: the chain must hold the earlier heads (up to a restore's event)
            report = verify_chain(
                uow.audit.events(), head_hash=digest, head_seq=seq, checkpoints=[*earlier, unsigned]
            )
        if not report.ok:
            raise ChainBroken(
                "the audit chain is broken; it is not signed: %(problems)s",
                problems=joined(report.problems, 5),
            )
        return replace(unsigned, signature=signer.sign(unsigned.payload()))


def _last_in_force(checkpoints: Sequence[Checkpoint]) -> Checkpoint | None:
    """The signed head furthest along the chain that the chain must still hold (a restore sets aside
    the earlier checkpoints past its own event)."""
    last: Checkpoint | None = None
    for cp in checkpoints:
        if cp.kind == CheckpointKind.RESTORE or last is None or cp.seq >= last.seq:
            last = cp
    return last


def verify_since(
    base: Checkpoint, events: Iterable[AuditEvent], head_hash: str, head_seq: int
) -> ChainReport:
    """Check the chain from the signed head ``base`` on: ``events`` start with the event ``base`` signed
    (unchanged), and each later one follows the one before it, up to the recorded head."""
    problems: list[str] = []
    prev, expected, count = "", base.seq, 0
    for event in events:
        count += 1
        if event.seq != expected:
            problems.append(Text(MISSING, seq=expected, found=event.seq))
        if event.seq == base.seq and event.hash != base.hash:
            problems.append(Text(REWRITTEN, seq=base.seq, at=base.at))
        if prev and event.prev_hash != prev:
            problems.append(Text(UNLINKED, seq=event.seq))
        recomputed = chain_hash(
            event.prev_hash,
            canonical(event.seq, event.at, event.actor, event.action, event.subject, event.data),
        )
        if recomputed != event.hash:
            problems.append(Text(ALTERED, seq=event.seq))
        prev, expected = event.hash, event.seq + 1
    if count == 0:
        problems.append(
            Text(
                N_(
                    "the chain no longer holds event %(seq)s, signed in the checkpoint of %(at)s: events "
                    "were removed"
                ),
                seq=base.seq,
                at=base.at,
            )
        )
    if head_seq != expected - 1:
        problems.append(Text(ENDS_ELSEWHERE, head=head_seq, last=expected - 1))
    if prev and head_hash != prev:
        problems.append(Text(HEAD_MISMATCH))
    note = Text(
        N_("checked from the signed checkpoint of event %(seq)s (%(at)s) on"), seq=base.seq, at=base.at
    )
    return ChainReport(not problems, count, tuple(problems), (note,))


def record_restore(
    uow: UnitOfWork, actor: Actor, source: str, restored: tuple[int, str], replaced: tuple[int, str] | None
) -> int:
    """Audit a restore from a backup (``store.restore``): which backup, the head it brought back and
    the head it replaced (the events after the restored head are gone). Returns the event's number."""
    data: dict[str, Any] = {"backup": source, "restored": {"seq": restored[0], "hash": restored[1]}}
    if replaced is not None:
        data["replaced"] = {"seq": replaced[0], "hash": replaced[1]}
    with uow:
        event = uow.audit.append(actor, "store.restore", "store", data, uow.clock())
        uow.commit()
    return event.seq
