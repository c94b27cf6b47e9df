"""Use case: import red notices from INTERPOL's public list.

Each good record becomes a *published* red notice with a public extract (it came from the public
list), keeping INTERPOL's ``entity_id`` as its id. The lifecycle is used honestly: the notice is
created as a draft, then rednotice's SYSTEM actor applies SUBMIT, START_REVIEW and PUBLISH with the
reason "imported from INTERPOL's public list", so its timeline says where it came from. The General
Secretariat's review happened at INTERPOL, not here; the reasons say so.

Records are written in batches (``batch_size``, default ``DEFAULT_BATCH_SIZE``), one transaction
each, holding the batch's notices, their histories and their ``notice.import`` audit events: the
audit head is locked once per batch and the events chained in memory, in reading order
(``AuditLog.append_many``). Every record is turned into its published notice *before* the batch's
transaction, so a record the lifecycle refuses is reported and never reaches the store. If the store
refuses a batch anyway (an id another import took meanwhile, a value it will not keep), nothing of the
batch was written and its records are retried one per transaction, so that only the culprit is
reported. A crash loses at most the batch under way; running the import again completes it.
``batch_size=1`` is the one-record-per-transaction path (the benchmark's baseline).

Importing the same ``entity_id`` again is reported as "already present", never as an error and never as
a duplicate.

With each notice, in the same transaction, INTERPOL's own document of it is kept as written
(``InterpolRecord.document``, ``uow.public.add_sources``): the public API serves it back as INTERPOL
serves it (``null`` stays ``null``, 74.5 stays 74.5, every warrant, ``_embedded.links``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from rednotice.adapters.formats.interpol import InterpolRecord, Parsed, Rejected, Source
from rednotice.domain.errors import Conflict, DomainError, Forbidden, InvalidInput, Text
from rednotice.domain.lifecycle import Action, Notice
from rednotice.domain.users import SYSTEM, Actor, Role
from rednotice.services.ports import AuditEntry
from rednotice.services.public import PublicUnitOfWork

IMPORT_REASON = "imported from INTERPOL's public list"
IMPORT_STEPS: tuple[tuple[Action, str], ...] = (
    (Action.SUBMIT, IMPORT_REASON),
    (Action.START_REVIEW, IMPORT_REASON),
    (Action.PUBLISH, f"{IMPORT_REASON}: published by INTERPOL after its own review; public extract"),
)
DEFAULT_BATCH_SIZE = 2000
"""Records per transaction. Larger batches gain little and hold SQLite's write lock longer."""


@dataclass(frozen=True, slots=True)
class ImportInterpol:
    items: Sequence[Parsed]
    """What the reader produced, good and bad, in reading order."""


def _reason(exc: DomainError) -> Text:
    """Why a record was refused, as a Text: English as a string, the reader's words where it is shown."""
    return exc.template if isinstance(exc.template, Text) else Text(exc.template, **exc.details)


@dataclass(frozen=True, slots=True)
class Skipped:
    source: Source
    entity_id: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source} [{self.entity_id}]: {self.reason}"


@dataclass(slots=True)
class ImportReport:
    imported: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    dropped_fields: set[str] = field(default_factory=set)

    @property
    def total(self) -> int:
        return len(self.imported) + len(self.skipped) + len(self.rejected)

    def summary(self) -> dict[str, int]:
        return {"imported": len(self.imported), "skipped": len(self.skipped), "rejected": len(self.rejected)}


Progress = Callable[[int], None]
"""Called with the number of records just settled (for a progress bar): the rejected and duplicates
first, then each batch once it is committed."""


def _richest(items: Sequence[Parsed]) -> dict[str, InterpolRecord]:
    """One record per entity_id: a detail response beats a list entry; otherwise the first one read."""
    chosen: dict[str, InterpolRecord] = {}
    for item in items:
        if not isinstance(item, InterpolRecord):
            continue
        current = chosen.get(item.entity_id)
        if current is None or (item.detail and not current.detail):
            chosen[item.entity_id] = item
    return chosen


def import_interpol(
    cmd: ImportInterpol,
    actor: Actor,
    uow_factory: Callable[[], PublicUnitOfWork],
    progress: Progress | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> ImportReport:
    """Store every good record as a published red notice; report the imported, the skipped, the rejected."""
    if actor.role not in (Role.ADMIN, Role.SYSTEM):
        raise Forbidden("only an administrator or the system imports notices")
    if batch_size < 1:
        raise InvalidInput("the batch size must be at least 1, not %(size)s", size=batch_size)
    report = ImportReport()
    chosen = _richest(cmd.items)
    pending: list[InterpolRecord] = []
    for item in cmd.items:
        if isinstance(item, Rejected):
            report.rejected.append(item)
        elif chosen.get(item.entity_id) is not item:
            kept = chosen[item.entity_id].source
            report.skipped.append(
                Skipped(item.source, item.entity_id, f"duplicate in the input (kept {kept})")
            )
        else:
            report.dropped_fields.update(item.dropped)
            pending.append(item)
    if progress is not None and len(pending) < len(cmd.items):
        progress(len(cmd.items) - len(pending))
    for start in range(0, len(pending), batch_size):
        batch = pending[start : start + batch_size]
        if batch_size == 1:
            _import_one(batch[0], actor, uow_factory, report)
        else:
            _import_batch(batch, actor, uow_factory, report)
        if progress is not None:
            progress(len(batch))
    with uow_factory() as uow:
        uow.audit.append(actor, "import.interpol", "notices", {**report.summary()}, uow.clock())
        uow.commit()
    return report


def _published(record: InterpolRecord, actor: Actor, now: datetime) -> Notice:
    """The record as a published notice whose timeline says it was imported (not stored yet)."""
    notice = Notice(id=record.entity_id, request=record.request, created_at=now, created_by=actor.username)
    for action, reasons in IMPORT_STEPS:
        notice.apply(action, SYSTEM, now, reasons)
    return notice


def _event_data(record: InterpolRecord, notice: Notice) -> dict[str, Any]:
    return {
        "state": notice.state.value,
        "source": str(record.source),
        "from": "interpol_public_list",
        "entity_id": record.entity_id,
        "detail": record.detail,
    }


def _import_batch(
    records: Sequence[InterpolRecord],
    actor: Actor,
    uow_factory: Callable[[], PublicUnitOfWork],
    report: ImportReport,
) -> None:
    """One transaction for the batch's notices and their audit events; one by one if the store refuses it."""
    uow = uow_factory()
    now = uow.clock()
    ready: list[tuple[InterpolRecord, Notice]] = []
    for record in records:
        try:
            ready.append((record, _published(record, actor, now)))
        except DomainError as exc:
            report.rejected.append(Rejected(record.source, record.entity_id, _reason(exc)))
    if not ready:
        return
    try:
        with uow:
            present = uow.notices.existing_ids([notice.id for _, notice in ready])
            fresh = [(record, notice) for record, notice in ready if notice.id not in present]
            uow.notices.add_many([notice for _, notice in fresh])
            uow.public.add_sources(
                [(notice.id, record.document) for record, notice in fresh if record.document]
            )
            events = [
                AuditEntry(actor, "notice.import", f"notice:{notice.id}", _event_data(record, notice), now)
                for record, notice in fresh
            ]
            uow.audit.append_many(events)
            uow.commit()
    except Exception:  # nothing of the batch was written: find the culprit one by one
        for record, _ in ready:
            _import_one(record, actor, uow_factory, report)
        return
    for record, notice in ready:
        if notice.id in present:
            report.skipped.append(Skipped(record.source, record.entity_id, "already present"))
        else:
            report.imported.append(record.entity_id)


def _import_one(
    record: InterpolRecord, actor: Actor, uow_factory: Callable[[], PublicUnitOfWork], report: ImportReport
) -> None:
    """The record in a transaction of its own: a DomainError rejects it; any other error stops the import."""
    try:
        with uow_factory() as uow:
            if uow.notices.get(record.entity_id) is not None:
                report.skipped.append(Skipped(record.source, record.entity_id, "already present"))
                return
            now = uow.clock()
            notice = _published(record, actor, now)
            uow.notices.add(notice)
            if record.document:
                uow.public.add_sources([(notice.id, record.document)])
            uow.audit.append(actor, "notice.import", f"notice:{notice.id}", _event_data(record, notice), now)
            uow.commit()
    except Conflict:
        report.skipped.append(Skipped(record.source, record.entity_id, "already present"))
        return
    except DomainError as exc:
        report.rejected.append(Rejected(record.source, record.entity_id, _reason(exc)))
        return
    report.imported.append(record.entity_id)
