"""Screening travellers: one engine (index) per process kept current from the store, runs recorded,
hits kept for follow-up, large batches as background jobs any process can take.

The index follows the store's change sequence (``notices.change_seq``): before each screening the
engine applies every change since the last one it saw, so several server processes — on several
machines — each screen against the notices in force now, without a restart.

With a snapshot (decision 0009) a process loads the index a previous one wrote and applies only the
changes after the snapshot's position; it builds from the store only when there is no usable snapshot,
and then writes one (in a forked child where it can: the process goes on screening meanwhile).
"""

from __future__ import annotations

import gc
import logging
import os
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from rednotice.domain.errors import Forbidden, InvalidInput, NotFound, Term
from rednotice.domain.lifecycle import Notice
from rednotice.domain.screening.index import IndexedNotice, Match, ScreeningIndex
from rednotice.domain.screening.query import ScreeningQuery
from rednotice.domain.users import Actor, Role
from rednotice.services.group_commit import GroupCommit
from rednotice.services.ports import AuditEntry, UnitOfWork
from rednotice.services.ports import IndexSnapshots as IndexSnapshots  # moved to ports.py

SYNC_LIMIT = 10_000
"""Largest batch screened while the caller waits; larger ones run as background jobs."""
JOB_CHUNK = 500
"""Queries screened between two progress updates of a background job."""
SCREENERS = (Role.NCB_OFFICER, Role.REVIEWER, Role.SYSTEM)
FREEZE_AT = 10_000
"""An index of at least this many names is frozen out of the garbage collector once built."""
SNAPSHOT_AFTER = 5_000
"""Changes applied since the snapshot after which :meth:`ScreeningEngine.maybe_snapshot` writes a new one."""
FRESH_FOR = 0.005
"""Seconds a server trusts its last look at the store's change sequence (changes made by other
processes show within this; this process's own commits at once, see ``ScreeningEngine``)."""
log = logging.getLogger(__name__)


class HitOutcome(StrEnum):
    """What the officer did after a hit (Art. 87: act only as national law allows)."""

    LOCATED = "located"
    DETAINED_UNDER_NATIONAL_LAW = "detained_under_national_law"
    NO_ACTION = "no_action"
    NOT_THE_PERSON = "not_the_person"


class Status(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


def _indexed(notice: Notice) -> IndexedNotice:
    return IndexedNotice.from_request(notice.id, notice.request, warning=notice.unreviewed_warning or "")


class ScreeningEngine:
    """The in-memory index of one process, and how far along the store's change sequence it is."""

    def __init__(
        self,
        uow_factory: Callable[[], UnitOfWork],
        reader: Callable[[], UnitOfWork] | None = None,
        snapshots: IndexSnapshots | None = None,
        max_age: float = 0.0,
        local_commits: Callable[[], int] | None = None,
    ) -> None:
        self.uow_factory = uow_factory
        self.reader = reader or uow_factory
        """Units of work that only read: building and refreshing the index never blocks writers."""
        self.snapshots = snapshots
        self.index: ScreeningIndex | None = None
        self.seq = 0
        self.origin = ""
        """How the index came to be: 'built' from the store or 'loaded' from a snapshot."""
        self.snapshot_seq = -1
        """The change sequence number the newest snapshot of this index covers (-1: none)."""
        self._writer: int | None = None
        self._lock = threading.Lock()
        self.max_age = max_age
        """Seconds the last look at the change sequence is trusted (0: look before every search)."""
        self.local_commits = local_commits
        """How many transactions this process has committed: a commit here (a notice cancelled by this
        server) makes the next search look again at once, whatever ``max_age`` says."""
        self._looked_at = -1.0
        self._looked_commits = -1
        self._look_lock = threading.Lock()
        self._recorders: dict[object, GroupCommit[RecordedRun]] = {}
        self._recorders_lock = threading.Lock()

    def ensure_built(self) -> ScreeningIndex:
        with self._lock:
            if self.index is None:
                loaded = self._load()
                if loaded is not None:
                    self.index, self.seq = loaded
                    self.origin = "loaded"
                    self.snapshot_seq = self.seq
                else:
                    with self.reader() as uow:
                        top = uow.notices.max_change_seq()
                        self.index = ScreeningIndex.build(_indexed(n) for n, _ in uow.notices.in_force())
                    self.seq = top
                    self.origin = "built"
                if self.index.name_count >= FREEZE_AT:
                    # Millions of long-lived objects: keep them out of the collector's full passes,
                    # which would otherwise stop every request for hundreds of milliseconds now and then.
                    # A loaded index left no garbage to collect first (a full pass over it: 1.4 s at
                    # 20,000 notices); a build did.
                    if self.origin == "built":
                        gc.collect()
                    gc.freeze()
            index = self.index
        self.refresh()
        return index

    def _load(self) -> tuple[ScreeningIndex, int] | None:
        if self.snapshots is None:
            return None
        try:
            loaded = self.snapshots.load()
        except Exception:  # a snapshot is only ever a shortcut: build instead
            log.exception("could not load the screening index snapshot")
            return None
        if loaded is None:
            return None
        with self.reader() as uow:
            if loaded[1] > uow.notices.max_change_seq():  # the store went back: not this store's past
                log.warning("screening index snapshot is ahead of the store; building from the store")
                return None
        return loaded

    def maybe_snapshot(self, wait: bool = False, force: bool = False) -> bool:
        """Write a snapshot if the index was built here or ``SNAPSHOT_AFTER`` changes were applied since
        the last one (``force``: whenever it is behind). On POSIX a forked child writes it from a
        copy-on-write image of the index, so this process screens and applies changes meanwhile
        (``wait``: wait for the child); elsewhere it is written here while changes wait. True if one
        is being (or was) written."""
        if self.snapshots is None or self.index is None:
            return False
        self.reap()
        if self._writer is not None:
            return False  # one at a time
        with self._lock:
            due = self.snapshot_seq < 0 or self.seq - self.snapshot_seq >= SNAPSHOT_AFTER
            if not (due or (force and self.seq != self.snapshot_seq)) or self.index is None:
                return False
            index, seq = self.index, self.seq
            write = self.snapshots.prepare(index, seq)
            if hasattr(os, "fork"):
                pid = os.fork()  # under the lock: the child's copy is between two applied changes
                if pid == 0:  # pragma: no cover - the child reports by its exit status
                    code = 1
                    try:
                        write()
                        code = 0
                    finally:
                        os._exit(code)
                self._writer = pid
            else:
                try:
                    write()
                except Exception:  # a snapshot is only a shortcut: the next process builds instead
                    log.exception("the screening index snapshot could not be written")
                    return False
            self.snapshot_seq = seq
        if wait:
            self.reap(block=True)
        return True

    def reap(self, block: bool = False) -> bool | None:
        """Collect the snapshot writer if it has finished (``block``: wait for it); its success, or None
        if none finished."""
        pid = self._writer
        if pid is None:
            return None
        done, status = os.waitpid(pid, 0 if block else os.WNOHANG)
        if done == 0:
            return None
        self._writer = None
        ok = os.waitstatus_to_exitcode(status) == 0
        if not ok:
            log.warning("the screening index snapshot could not be written")
            with self._lock:
                self.snapshot_seq = -1
        return ok

    def refresh(self) -> int:
        """Apply every change since the last one seen; return how many notices changed.

        With ``max_age`` the store is asked at most that often (the freshness value is cached: under load
        a query per search was 6% of the server's time), unless this process committed meanwhile."""
        if self.index is None:
            return 0
        now = time.monotonic()
        commits = self.local_commits() if self.local_commits is not None else 0
        if self.max_age <= 0:
            return self._look(now, commits)
        if self._fresh(now, commits):
            return 0
        # One look at a time: under load every request found the last look too old at once and took a
        # connection of its own to look; beyond the pool's five, connections were opened and closed again
        # (two in five checkouts opened one). Who waits here uses the look that finished meanwhile if it
        # began after this request's ``now``, or at most ``max_age`` before, and after this process's
        # last commit that may have changed notices.
        with self._look_lock:
            if self._fresh(now, commits):
                return 0
            return self._look(now, commits)

    def _fresh(self, now: float, commits: int) -> bool:
        return now - self._looked_at < self.max_age and commits == self._looked_commits

    def _look(self, now: float, commits: int) -> int:
        with self.reader() as uow:  # the common case, nothing new: no lock, no wait
            newest = uow.notices.max_change_seq()
        applied = self._apply() if newest > self.seq else 0
        # what was committed before ``now`` is in ``newest``, and now applied: the look dates from then
        if now >= self._looked_at:
            self._looked_at, self._looked_commits = now, commits
        return applied

    def _apply(self) -> int:
        with self._lock:
            index = self.index
            if index is None:
                return 0
            applied = 0
            while True:
                with self.reader() as uow:
                    changes = uow.notices.changed_since(self.seq, limit=2000)
                for notice, seq in changes:
                    if notice.in_force:
                        index.upsert(_indexed(notice))
                    else:
                        index.remove(notice.id)
                    self.seq = max(self.seq, seq)
                applied += len(changes)
                if len(changes) < 2000:
                    return applied

    def search(self, query: ScreeningQuery, viewer_country: str | None, limit: int = 10) -> list[Match]:
        index = self.index or self.ensure_built()
        return index.search(query, viewer_country=viewer_country, limit=limit)

    def recorder(self, uow_factory: Callable[[], UnitOfWork]) -> GroupCommit[RecordedRun]:
        """The group commit that records this process's screenings in ``uow_factory``'s store."""
        with self._recorders_lock:
            found = self._recorders.get(uow_factory)
            if found is None:
                # recording runs changes no notice: its commits do not make the next search look again
                found = self._recorders[uow_factory] = GroupCommit(
                    uow_factory, _record_runs, changes_notices=False
                )
            return found


@dataclass(frozen=True, slots=True)
class Screen:
    queries: list[ScreeningQuery]
    source: str = "api"
    input_errors: list[dict[str, Any]] = field(default_factory=list)
    viewer_country: str | None = None
    """Only for an operator (the CLI): screen as this NCB would. NCB officers always screen as their own."""
    input_warnings: list[dict[str, Any]] = field(default_factory=list)
    """Doubts about what was read (a PAXLST envelope fault, an unknown role, a lenient check digit...):
    every query they concern is screened, and they are kept with the run."""


@dataclass(slots=True)
class ScreeningRun:
    id: str
    status: Status
    total: int
    done: int
    hits: int
    created_at: datetime
    actor: str
    source: str
    input_errors: list[dict[str, Any]] = field(default_factory=list)
    lines: list[dict[str, Any]] | None = None
    error: str | None = None
    input_warnings: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "status": self.status.value,
            "total": self.total,
            "done": self.done,
            "hits": self.hits,
            "created_at": self.created_at.isoformat(),
            "source": self.source,
            "input_errors": self.input_errors,
            "input_warnings": self.input_warnings,
            "error": self.error,
        }
        if self.lines is not None:
            out["results"] = self.lines
        return out


def _viewer(actor: Actor, requested: str | None) -> str | None:
    if actor.role not in SCREENERS:
        raise Forbidden("a %(role)s does not screen travellers", role=Term("role", actor.role))
    if actor.role is Role.NCB_OFFICER:
        return actor.country  # an officer screens only against what their country may see
    return requested


def query_to_dict(q: ScreeningQuery) -> dict[str, Any]:
    return {
        "id": q.id,
        "name": q.name,
        "family_name": q.family_name,
        "given_names": q.given_names,
        "birth_date": q.birth_date.iso() if q.birth_date else None,
        "nationality": q.nationality,
        "sex": q.sex.value if q.sex else None,
        "source": q.source,
        "document": None
        if q.document is None
        else {
            "kind": q.document.kind,
            "number": q.document.number,
            "issuing_country": q.document.issuing_country,
        },
    }


def query_from_dict(d: dict[str, Any]) -> ScreeningQuery:
    from rednotice.domain.dates import PartialDate
    from rednotice.domain.model import Sex
    from rednotice.domain.screening.query import DocumentInfo

    doc = d.get("document")
    return ScreeningQuery(
        id=d.get("id") or "",
        name=d.get("name") or "",
        family_name=d.get("family_name") or "",
        given_names=d.get("given_names") or "",
        birth_date=PartialDate.parse(d["birth_date"]) if d.get("birth_date") else None,
        nationality=d.get("nationality"),
        sex=Sex(d["sex"]) if d.get("sex") else None,
        source=d.get("source") or "",
        document=DocumentInfo(doc.get("kind", ""), doc.get("number", ""), doc.get("issuing_country"))
        if isinstance(doc, dict)
        else None,
    )


def _screen_lines(
    engine: ScreeningEngine, queries: list[ScreeningQuery], viewer: str | None
) -> Iterator[tuple[ScreeningQuery, list[Match]]]:
    engine.ensure_built()
    for q in queries:
        yield q, engine.search(q, viewer)


def _line(q: ScreeningQuery, matches: list[Match]) -> dict[str, Any]:
    return {"query_id": q.id, "matches": [m.to_dict() for m in matches]}


def screen(
    cmd: Screen,
    actor: Actor,
    engine: ScreeningEngine,
    uow_factory: Callable[[], UnitOfWork],
    progress: Callable[[int], None] | None = None,
) -> ScreeningRun:
    """Screen a batch now (up to SYNC_LIMIT), record the run, its hits and the audit event."""
    viewer = _viewer(actor, cmd.viewer_country)
    if len(cmd.queries) > SYNC_LIMIT:
        raise InvalidInput("at most %(max)s queries at once; submit a larger batch as a job", max=SYNC_LIMIT)
    lines: list[dict[str, Any]] = []
    hits: list[tuple[ScreeningQuery, Match]] = []
    for q, matches in _screen_lines(engine, cmd.queries, viewer):
        lines.append(_line(q, matches))
        hits.extend((q, m) for m in matches)
        if progress is not None:
            progress(1)
    run = ScreeningRun(
        str(uuid.uuid4()),
        Status.DONE,
        len(cmd.queries),
        len(cmd.queries),
        len(hits),
        datetime.min,  # the batch's time, set when it is written
        actor.username,
        cmd.source,
        cmd.input_errors,
        lines,
        input_warnings=cmd.input_warnings,
    )
    engine.recorder(uow_factory).submit(RecordedRun(run, actor, viewer, hits))
    return run


@dataclass(slots=True)
class RecordedRun:
    """A screening answered at once, to record with its result lines, hits and audit event."""

    run: ScreeningRun
    actor: Actor
    viewer: str | None
    hits: list[tuple[ScreeningQuery, Match]]


def _record_runs(uow: UnitOfWork, items: Sequence[RecordedRun]) -> None:
    """Record a batch of screenings in one unit of work: the runs, their lines and hits with one
    statement each, then their audit events in one append (the chain's head is locked only from here
    to the commit, not across anyone's search)."""
    now = uow.clock()
    for item in items:
        item.run.created_at = now
    uow.screening.add_done_runs(
        [(i.run, i.actor, i.viewer, [(query_to_dict(q), m) for q, m in i.hits]) for i in items], now
    )
    uow.audit.append_many(
        [_run_event(i.actor, i.run, i.viewer, [m.notice_id for _, m in i.hits], now) for i in items]
    )


def _run_event(
    actor: Actor, run: ScreeningRun, viewer: str | None, hit_ids: list[str], at: datetime
) -> AuditEntry:
    data: dict[str, Any] = {
        "source": run.source,
        "queries": run.total,
        "hits": len(hit_ids),
        "notices_hit": sorted(set(hit_ids)),
        "as_country": viewer,
        "status": run.status.value,
    }
    if run.input_warnings:
        data["input_warnings"] = len(run.input_warnings)
    return AuditEntry(actor, "screening.run", f"screening:{run.id}", data, at)


def _audit_run(
    uow: UnitOfWork, actor: Actor, run: ScreeningRun, viewer: str | None, hit_ids: list[str]
) -> None:
    uow.audit.append_many([_run_event(actor, run, viewer, hit_ids, uow.clock())])


def submit_job(cmd: Screen, actor: Actor, uow_factory: Callable[[], UnitOfWork]) -> ScreeningRun:
    """Queue a batch of any size for a background worker (any process that runs one may take it)."""
    viewer = _viewer(actor, cmd.viewer_country)
    if not cmd.queries:
        raise InvalidInput("there is nothing to screen")
    with uow_factory() as uow:
        run = ScreeningRun(
            str(uuid.uuid4()),
            Status.QUEUED,
            len(cmd.queries),
            0,
            0,
            uow.clock(),
            actor.username,
            cmd.source,
            cmd.input_errors,
            input_warnings=cmd.input_warnings,
        )
        uow.screening.add_run(run, actor, viewer, queries=[query_to_dict(q) for q in cmd.queries])
        _audit_run(uow, actor, run, viewer, [])
        uow.commit()
    return run


def run_next_job(engine: ScreeningEngine, uow_factory: Callable[[], UnitOfWork], worker: str) -> str | None:
    """Take the oldest queued job (skipping ones another worker holds), screen it in chunks with progress,
    store its result lines and hits. Returns the job id, or None when the queue is empty."""
    with uow_factory() as uow:
        claimed = uow.screening.claim_next(worker, uow.clock())
        uow.commit()
    if claimed is None:
        return None
    job_id, queries_data, viewer, actor = claimed
    try:
        queries = [query_from_dict(d) for d in queries_data]
        done = hits = 0
        hit_ids: list[str] = []
        for start in range(0, len(queries), JOB_CHUNK):
            chunk = queries[start : start + JOB_CHUNK]
            lines: list[dict[str, Any]] = []
            found: list[tuple[dict[str, Any], Match]] = []
            for q, matches in _screen_lines(engine, chunk, viewer):
                lines.append(_line(q, matches))
                found.extend((query_to_dict(q), m) for m in matches)
            with uow_factory() as uow:
                uow.screening.add_results(job_id, start, lines)
                uow.screening.add_hits(job_id, found, uow.clock())
                done += len(chunk)
                hits += len(found)
                hit_ids.extend(m.notice_id for _, m in found)
                uow.screening.progress(job_id, done, hits)
                uow.commit()
        with uow_factory() as uow:
            uow.screening.finish(job_id, Status.DONE.value, uow.clock(), None)
            uow.audit.append(
                actor,
                "screening.job.done",
                f"screening:{job_id}",
                {
                    "queries": len(queries),
                    "hits": hits,
                    "notices_hit": sorted(set(hit_ids)),
                    "worker": worker,
                },
                uow.clock(),
            )
            uow.commit()
    except Exception as exc:  # a job must end, even badly: record why
        with uow_factory() as uow:
            uow.screening.finish(job_id, Status.FAILED.value, uow.clock(), f"{type(exc).__name__}: {exc}")
            uow.commit()
    return job_id


def _own(run_actor: str, run_country: str | None, actor: Actor) -> bool:
    if actor.role in (Role.SYSTEM, Role.REVIEWER):
        return True
    return run_actor == actor.username or (actor.role is Role.NCB_OFFICER and run_country == actor.country)


def get_run(run_id: str, actor: Actor, uow: UnitOfWork, with_results: bool = False) -> ScreeningRun:
    """A run's status and progress (and its result lines), for whoever ran it or their NCB."""
    with uow:
        found = uow.screening.get_run(run_id, with_results)
        if found is None or not _own(found[1], found[2], actor):
            raise NotFound("no screening %(run)s", run=run_id)
        return found[0]


def record_outcome(
    hit_id: int, outcome: HitOutcome, notes: str, actor: Actor, uow: UnitOfWork
) -> dict[str, Any]:
    """The locating officer records what happened after a hit; see ``services.after_hit.record_outcome``
    (located or detained: the requesting NCB and the General Secretariat are informed)."""
    from rednotice.services import after_hit

    return after_hit.record_outcome(hit_id, outcome, notes, actor, uow)


def list_hits(run_id: str, actor: Actor, uow: UnitOfWork) -> list[dict[str, Any]]:
    with uow:
        found = uow.screening.get_run(run_id, False)
        if found is None or not _own(found[1], found[2], actor):
            raise NotFound("no screening %(run)s", run=run_id)
        return uow.screening.hits(run_id)
