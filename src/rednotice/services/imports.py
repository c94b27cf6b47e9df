"""Use case: import red notices from INTERPOL's public list.

Each good record becomes a *published* red notice with a public extract (it came from the public
list), keeping INTERPOL's ``entity_id`` as its id. The lifecycle is used honestly: the notice is
created as a draft, then rednotice's SYSTEM actor applies SUBMIT, START_REVIEW and PUBLISH with the
reason "imported from INTERPOL's public list", so its timeline says where it came from. The General
Secretariat's review happened at INTERPOL, not here; the reasons say so.

Each record is written in its own transaction with its ``notice.import`` audit event: a failure
rolls back that record only, and nothing is half-written. Importing the same ``entity_id`` again is
reported as "already present", never as an error and never as a duplicate.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rednotice.adapters.formats.interpol import InterpolRecord, Parsed, Rejected, Source
from rednotice.domain.errors import Conflict, DomainError, Forbidden
from rednotice.domain.lifecycle import Action, Notice
from rednotice.domain.users import SYSTEM, Actor, Role
from rednotice.services.ports import UnitOfWork

IMPORT_REASON = "imported from INTERPOL's public list"
IMPORT_STEPS: tuple[tuple[Action, str], ...] = (
    (Action.SUBMIT, IMPORT_REASON),
    (Action.START_REVIEW, IMPORT_REASON),
    (Action.PUBLISH, f"{IMPORT_REASON}: published by INTERPOL after its own review; public extract"),
)


@dataclass(frozen=True, slots=True)
class ImportInterpol:
    items: Sequence[Parsed]
    """What the reader produced, good and bad, in reading order."""


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
"""Called with the number of records just handled (for a progress bar)."""


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
    uow_factory: Callable[[], UnitOfWork],
    progress: Progress | None = None,
) -> ImportReport:
    """Store every good record as a published red notice; report the imported, the skipped, the rejected."""
    if actor.role not in (Role.ADMIN, Role.SYSTEM):
        raise Forbidden("only an administrator or the system imports notices")
    report = ImportReport()
    chosen = _richest(cmd.items)
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
            _import_one(item, actor, uow_factory, report)
        if progress is not None:
            progress(1)
    with uow_factory() as uow:
        uow.audit.append(actor, "import.interpol", "notices", {**report.summary()}, uow.clock())
        uow.commit()
    return report


def _import_one(
    record: InterpolRecord, actor: Actor, uow_factory: Callable[[], UnitOfWork], report: ImportReport
) -> None:
    try:
        with uow_factory() as uow:
            if uow.notices.get(record.entity_id) is not None:
                report.skipped.append(Skipped(record.source, record.entity_id, "already present"))
                return
            now = uow.clock()
            notice = Notice(
                id=record.entity_id, request=record.request, created_at=now, created_by=actor.username
            )
            for action, reasons in IMPORT_STEPS:
                notice.apply(action, SYSTEM, now, reasons)
            uow.notices.add(notice)
            uow.audit.append(
                actor,
                "notice.import",
                f"notice:{notice.id}",
                {
                    "state": notice.state.value,
                    "source": str(record.source),
                    "from": "interpol_public_list",
                    "entity_id": record.entity_id,
                    "detail": record.detail,
                },
                now,
            )
            uow.commit()
    except Conflict:
        report.skipped.append(Skipped(record.source, record.entity_id, "already present"))
        return
    except DomainError as exc:
        report.rejected.append(Rejected(record.source, record.entity_id, exc.message))
        return
    report.imported.append(record.entity_id)
