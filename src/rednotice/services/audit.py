"""Verify the audit chain."""

from __future__ import annotations

from rednotice.domain.audit import ChainReport, verify_chain
from rednotice.services.ports import UnitOfWork


def verify(uow: UnitOfWork) -> ChainReport:
    with uow:
        seq, digest = uow.audit.head()
        return verify_chain(uow.audit.events(), head_hash=digest, head_seq=seq)
