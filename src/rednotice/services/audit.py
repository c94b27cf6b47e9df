"""Verify the audit chain; sign its head (checkpoints, issue 14, item 9)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC
from typing import Any, Protocol

from rednotice.domain.audit import ChainReport, Checkpoint, CheckpointKind, verify_chain
from rednotice.domain.errors import DomainError
from rednotice.domain.users import Actor
from rednotice.services.ports import UnitOfWork


class Signer(Protocol):
    """Signs checkpoints with a key the database does not hold (``adapters.signing.Ed25519Signer``)."""

    @property
    def key_id(self) -> str: ...
    def sign(self, payload: bytes) -> str: ...


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
    purpose. Reads only: nothing is written to the store."""
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
        # As verify will check it: the chain must hold the earlier heads (up to a restore's event).
        report = verify_chain(
            uow.audit.events(), head_hash=digest, head_seq=seq, checkpoints=[*earlier, unsigned]
        )
        if not report.ok:
            raise ChainBroken(
                "the audit chain is broken; it is not signed: " + "; ".join(report.problems[:5])
            )
        return replace(unsigned, signature=signer.sign(unsigned.payload()))


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
