"""In-memory fake of the screening repository (``uow.screening``) for unit tests."""

from __future__ import annotations

import copy
from datetime import datetime
from typing import TYPE_CHECKING, Any

from rednotice.domain.users import Actor

if TYPE_CHECKING:
    from rednotice.domain.screening.index import Match
    from rednotice.services.screening import ScreeningRun


class MemoryScreeningRepository:
    def __init__(self, data: Any) -> None:
        self.data = data
        self.state: dict[str, Any] = data.extra.setdefault(
            "screening", {"runs": {}, "results": {}, "hits": []}
        )

    def add_run(
        self,
        run: ScreeningRun,
        actor: Actor,
        viewer: str | None,
        queries: list[dict[str, Any]] | None,
        started_at: datetime | None = None,
        finished_at: datetime | None = None,
    ) -> None:
        self.state["runs"][run.id] = {
            "run": copy.deepcopy(run),
            "actor": actor,
            "viewer": viewer,
            "queries": queries,
        }
        self.state["results"][run.id] = []

    def add_results(self, run_id: str, start: int, lines: list[dict[str, Any]]) -> None:
        self.state["results"][run_id].extend(copy.deepcopy(lines))

    def add_hits(self, run_id: str, hits: list[tuple[dict[str, Any], Match]], at: datetime) -> None:
        actor: Actor = self.state["runs"][run_id]["actor"]
        for q, m in hits:
            self.state["hits"].append(
                {
                    "id": len(self.state["hits"]) + 1,
                    "screening_id": run_id,
                    "query_id": str(q.get("id") or ""),
                    "query": q,
                    "notice_id": m.notice_id,
                    "score": m.score,
                    "reasons": list(m.reasons),
                    "created_at": at.isoformat(),
                    "outcome": None,
                    "outcome_by": None,
                    "outcome_at": None,
                    "outcome_notes": None,
                    "actor": actor.username,
                    "actor_country": actor.country,
                }
            )

    def add_done_runs(
        self,
        runs: list[tuple[ScreeningRun, Actor, str | None, list[tuple[dict[str, Any], Match]]]],
        at: datetime,
    ) -> None:
        for run, actor, viewer, hits in runs:
            self.add_run(run, actor, viewer, None, at, at)
            self.add_results(run.id, 0, run.lines or [])
            self.add_hits(run.id, hits, at)

    def progress(self, run_id: str, done: int, hits: int) -> None:
        run = self.state["runs"][run_id]["run"]
        run.done, run.hits = done, hits

    def finish(self, run_id: str, status: str, at: datetime, error: str | None) -> None:
        from rednotice.services.screening import Status

        entry = self.state["runs"][run_id]
        entry["run"].status, entry["run"].error, entry["queries"] = Status(status), error, None

    def claim_next(
        self, worker: str, at: datetime
    ) -> tuple[str, list[dict[str, Any]], str | None, Actor] | None:
        from rednotice.services.screening import Status

        queued = [e for e in self.state["runs"].values() if e["run"].status is Status.QUEUED]
        if not queued:
            return None
        entry = min(queued, key=lambda e: e["run"].created_at)
        entry["run"].status = Status.RUNNING
        return entry["run"].id, list(entry["queries"] or []), entry["viewer"], entry["actor"]

    def get_run(self, run_id: str, with_results: bool) -> tuple[ScreeningRun, str, str | None] | None:
        entry = self.state["runs"].get(run_id)
        if entry is None:
            return None
        run = copy.deepcopy(entry["run"])
        run.lines = copy.deepcopy(self.state["results"][run_id]) if with_results else None
        return run, entry["actor"].username, entry["actor"].country

    def get_hit(self, hit_id: int) -> dict[str, Any] | None:
        found = [h for h in self.state["hits"] if h["id"] == hit_id]
        return copy.deepcopy(found[0]) if found else None

    def hits(self, run_id: str) -> list[dict[str, Any]]:
        return [copy.deepcopy(h) for h in self.state["hits"] if h["screening_id"] == run_id]

    def set_outcome(self, hit_id: int, outcome: str, by: str, at: datetime, notes: str) -> None:
        for h in self.state["hits"]:
            if h["id"] == hit_id:
                h.update(outcome=outcome, outcome_by=by, outcome_at=at.isoformat(), outcome_notes=notes)
