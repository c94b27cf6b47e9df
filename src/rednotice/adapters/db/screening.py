"""SQL repository for screening runs, background jobs, result lines and hits (``uow.screening``)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, insert, select, update

from rednotice.adapters.db.bulk import insert_rows
from rednotice.adapters.db.tables_screening import screening_hits, screening_results, screenings
from rednotice.domain.users import Actor, Role

if TYPE_CHECKING:
    from rednotice.domain.screening.index import Match
    from rednotice.services.screening import ScreeningRun


class SqlScreeningRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._created: dict[str, datetime] = {}

    def add_run(
        self,
        run: ScreeningRun,
        actor: Actor,
        viewer: str | None,
        queries: list[dict[str, Any]] | None,
        started_at: datetime | None = None,
        finished_at: datetime | None = None,
    ) -> None:
        self.conn.execute(
            insert(screenings).values(_run_row(run, actor, viewer, queries, started_at, finished_at))
        )

    def add_done_runs(
        self,
        runs: list[tuple[ScreeningRun, Actor, str | None, list[tuple[dict[str, Any], Match]]]],
        at: datetime,
    ) -> None:
        """Runs answered at once, with their result lines and hits: one statement per table for all (COPY
        on PostgreSQL: executemany sent one INSERT per row)."""
        if not runs:
            return
        insert_rows(self.conn, screenings, [_run_row(r, a, v, None, at, at) for r, a, v, _ in runs])
        lines = [
            {"screening_id": r.id, "seq": i, "line": line, "created_at": r.created_at}
            for r, _, _, _ in runs
            for i, line in enumerate(r.lines or [])
        ]
        insert_rows(self.conn, screening_results, lines)
        insert_rows(
            self.conn, screening_hits, [_hit_row(r.id, q, m, at) for r, _, _, found in runs for q, m in found]
        )

    def add_results(self, run_id: str, start: int, lines: list[dict[str, Any]]) -> None:
        if lines:
            at = self._run_created_at(run_id)  # a line carries its run's time: the partition key (0019)
            self.conn.execute(
                insert(screening_results),
                [
                    {"screening_id": run_id, "seq": start + i, "line": line, "created_at": at}
                    for i, line in enumerate(lines)
                ],
            )

    def _run_created_at(self, run_id: str) -> datetime:
        at = self._created.get(run_id)
        if at is None:
            at = self.conn.execute(
                select(screenings.c.created_at).where(screenings.c.id == run_id)
            ).scalar_one()
            self._created[run_id] = at
        return at

    def add_hits(self, run_id: str, hits: list[tuple[dict[str, Any], Match]], at: datetime) -> None:
        if hits:
            self.conn.execute(insert(screening_hits), [_hit_row(run_id, q, m, at) for q, m in hits])

    def progress(self, run_id: str, done: int, hits: int) -> None:
        self.conn.execute(update(screenings).where(screenings.c.id == run_id).values(done=done, hits=hits))

    def finish(self, run_id: str, status: str, at: datetime, error: str | None) -> None:
        self.conn.execute(
            update(screenings)
            .where(screenings.c.id == run_id)
            .values(status=status, finished_at=at, error=error, queries=None)
        )

    def claim_next(
        self, worker: str, at: datetime
    ) -> tuple[str, list[dict[str, Any]], str | None, Actor] | None:
        """The oldest queued job, locked so no other worker takes it (SKIP LOCKED on PostgreSQL; SQLite's
        write lock at BEGIN serialises workers)."""
        q = (
            select(screenings)
            .where(screenings.c.status == "queued")
            .order_by(screenings.c.created_at)
            .limit(1)
        )
        if self.conn.dialect.name == "postgresql":
            q = q.with_for_update(skip_locked=True)
        row = self.conn.execute(q).first()
        if row is None:
            return None
        self.conn.execute(
            update(screenings)
            .where(screenings.c.id == row.id)
            .values(status="running", started_at=at, worker=worker)
        )
        actor = Actor(row.actor, Role(row.actor_role), row.actor_country)
        return row.id, list(row.queries or []), row.viewer_country, actor

    def get_run(self, run_id: str, with_results: bool) -> tuple[ScreeningRun, str, str | None] | None:
        from rednotice.services.screening import ScreeningRun, Status

        row = self.conn.execute(select(screenings).where(screenings.c.id == run_id)).first()
        if row is None:
            return None
        lines = None
        if with_results:
            lines = [
                r.line
                for r in self.conn.execute(
                    select(screening_results.c.line)
                    .where(
                        screening_results.c.screening_id == run_id,
                        screening_results.c.created_at == row.created_at,  # one partition
                    )
                    .order_by(screening_results.c.seq)
                )
            ]
        run = ScreeningRun(
            row.id,
            Status(row.status),
            row.total,
            row.done,
            row.hits,
            row.created_at,
            row.actor,
            row.source,
            list(row.input_errors or []),
            lines,
            row.error,
            list(row.input_warnings or []),
        )
        return run, row.actor, row.actor_country

    def _hit(self, row: Any) -> dict[str, Any]:
        return {
            "id": row.id,
            "screening_id": row.screening_id,
            "query_id": row.query_id,
            "query": row.query,
            "notice_id": row.notice_id,
            "score": row.score,
            "reasons": row.reasons,
            "created_at": row.created_at.isoformat(),
            "outcome": row.outcome,
            "outcome_by": row.outcome_by,
            "outcome_at": row.outcome_at.isoformat() if row.outcome_at else None,
            "outcome_notes": row.outcome_notes,
            "actor": row.actor,
            "actor_country": row.actor_country,
        }

    def _hits_query(self) -> Any:
        return select(screening_hits, screenings.c.actor, screenings.c.actor_country).join(
            screenings, screenings.c.id == screening_hits.c.screening_id
        )

    def get_hit(self, hit_id: int) -> dict[str, Any] | None:
        row = self.conn.execute(self._hits_query().where(screening_hits.c.id == hit_id)).first()
        return None if row is None else self._hit(row)

    def hits(self, run_id: str) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            self._hits_query().where(screening_hits.c.screening_id == run_id).order_by(screening_hits.c.id)
        )
        return [self._hit(r) for r in rows]

    def set_outcome(self, hit_id: int, outcome: str, by: str, at: datetime, notes: str) -> None:
        self.conn.execute(
            update(screening_hits)
            .where(screening_hits.c.id == hit_id)
            .values(outcome=outcome, outcome_by=by, outcome_at=at, outcome_notes=notes)
        )


def _run_row(
    run: ScreeningRun,
    actor: Actor,
    viewer: str | None,
    queries: list[dict[str, Any]] | None,
    started_at: datetime | None,
    finished_at: datetime | None,
) -> dict[str, Any]:
    return {
        "id": run.id,
        "actor": actor.username,
        "actor_role": actor.role.value,
        "actor_country": actor.country,
        "viewer_country": viewer,
        "source": run.source,
        "status": run.status.value,
        "total": run.total,
        "done": run.done,
        "hits": run.hits,
        "input_errors": run.input_errors,
        "input_warnings": run.input_warnings or None,
        "error": None,
        "queries": queries,
        "created_at": run.created_at,
        "started_at": started_at,
        "finished_at": finished_at,
    }


def _hit_row(run_id: str, q: dict[str, Any], m: Match, at: datetime) -> dict[str, Any]:
    return {
        "screening_id": run_id,
        "query_id": str(q.get("id") or ""),
        "query": q,
        "notice_id": m.notice_id,
        "score": m.score,
        "reasons": list(m.reasons),
        "created_at": at,
    }
