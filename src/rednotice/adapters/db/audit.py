"""The audit log on SQLAlchemy Core: a hash chain whose head row says where the next event goes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from rednotice.adapters.db import tables as t
from rednotice.adapters.db.bulk import insert_rows
from rednotice.domain.audit import GENESIS, AuditEvent, seal
from rednotice.domain.users import Actor
from rednotice.services.ports import AuditEntry

FEW = 20
"""Up to this many events are appended by one multi-row INSERT (a page's few searches), more by COPY."""


class SqlAuditLog:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def append(
        self, actor: Actor | str, action: str, subject: str, data: dict[str, Any], at: datetime
    ) -> AuditEvent:
        h = t.audit_head
        head = self.conn.execute(select(h.c.seq, h.c.hash).where(h.c.id == 1).with_for_update()).first()
        seq, prev = (head.seq, head.hash) if head else (0, GENESIS)
        who = str(actor)
        event = seal(seq + 1, at, who, action, subject, data, prev)
        self.conn.execute(
            insert(t.audit_events).values(
                seq=event.seq,
                at=event.at,
                actor=event.actor,
                action=event.action,
                subject=event.subject,
                data=event.data,
                prev_hash=event.prev_hash,
                hash=event.hash,
            )
        )
        if head is None:
            self.conn.execute(insert(h).values(id=1, seq=event.seq, hash=event.hash))
        else:
            self.conn.execute(update(h).where(h.c.id == 1).values(seq=event.seq, hash=event.hash))
        return event

    def append_many(self, entries: Sequence[AuditEntry]) -> list[AuditEvent]:
        """Append events in the given order: the head is locked once, the chain computed in memory, the
        events inserted with one statement and the head moved to the last of them."""
        if not entries:
            return []
        h = t.audit_head
        head = self.conn.execute(select(h.c.seq, h.c.hash).where(h.c.id == 1).with_for_update()).first()
        seq, prev = (head.seq, head.hash) if head else (0, GENESIS)
        events = []
        for entry in entries:
            seq += 1
            event = seal(seq, entry.at, str(entry.actor), entry.action, entry.subject, entry.data, prev)
            events.append(event)
            prev = event.hash
        rows = [
            {
                "seq": e.seq,
                "at": e.at,
                "actor": e.actor,
                "action": e.action,
                "subject": e.subject,
                "data": e.data,
                "prev_hash": e.prev_hash,
                "hash": e.hash,
            }
            for e in events
        ]
        if len(rows) <= FEW:  # one statement: fewer round trips than COPY's
            self.conn.execute(insert(t.audit_events).values(rows))
        else:
            insert_rows(self.conn, t.audit_events, rows)
        if head is None:
            self.conn.execute(insert(h).values(id=1, seq=seq, hash=prev))
        else:
            self.conn.execute(update(h).where(h.c.id == 1).values(seq=seq, hash=prev))
        return events

    def events(self, after_seq: int = 0) -> Iterator[AuditEvent]:
        """The events after ``after_seq`` in order (the primary key's index: no scan of the ones before)."""
        a = t.audit_events
        q = select(a).order_by(a.c.seq)
        if after_seq > 0:
            q = q.where(a.c.seq > after_seq)
        for row in self.conn.execute(q).yield_per(2000):
            yield AuditEvent(
                row.seq, row.at, row.actor, row.action, row.subject, row.data, row.prev_hash, row.hash
            )

    def head(self) -> tuple[int, str]:
        row = self.conn.execute(
            select(t.audit_head.c.seq, t.audit_head.c.hash).where(t.audit_head.c.id == 1)
        ).first()
        return (row.seq, row.hash) if row else (0, GENESIS)
