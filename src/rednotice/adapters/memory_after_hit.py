"""In-memory fake of the after-hit repository (``uow.after_hit``) for unit tests.

Reads hits from the screening fake's state (``memory_screening``), as the SQL repository reads them from
the screening tables; keeps follow-ups, extradition requests, refusals and addenda in ``data.extra``.
Every record handed out is a copy (the SQL repository builds a new one per read). ``tests/contract``
holds it to the same behaviour as ``adapters.db.after_hit.SqlAfterHitRepository``.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import datetime
from typing import Any

from rednotice.services.after_hit import (
    LOCATED,
    Addendum,
    ExtraditionRefusal,
    ExtraditionRequest,
    FollowUp,
    Hit,
)
from rednotice.services.screening import HitOutcome

_LOCATED = {o.value for o in LOCATED}


def _when(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


class MemoryAfterHitRepository:
    def __init__(self, data: Any) -> None:
        self.data = data
        self.state: dict[str, Any] = data.extra.setdefault(
            "after_hit", {"follow_ups": {}, "requests": [], "refusals": [], "addenda": []}
        )

    # -- hits (read from the screening fake)
    def _screening(self) -> dict[str, Any]:
        state: dict[str, Any] = self.data.extra.setdefault(
            "screening", {"runs": {}, "results": {}, "hits": []}
        )
        return state

    def _hit(self, row: dict[str, Any]) -> Hit:
        run = self._screening()["runs"].get(row["screening_id"], {})
        outcome = row.get("outcome")
        return Hit(
            id=int(row["id"]),
            notice_id=row["notice_id"],
            screened_by=row["actor"],
            locating_country=row.get("actor_country") or run.get("viewer"),
            query=dict(copy.deepcopy(row.get("query") or {})),
            score=float(row["score"]),
            created_at=_when(row["created_at"]) or datetime.min,
            outcome=HitOutcome(outcome) if outcome else None,
            outcome_at=_when(row.get("outcome_at")),
            outcome_by=row.get("outcome_by"),
        )

    def _rows(self) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = self._screening()["hits"]
        return rows

    def get_hit(self, hit_id: int) -> Hit | None:
        found = [h for h in self._rows() if h["id"] == hit_id]
        return self._hit(found[0]) if found else None

    # -- follow-ups
    def _follow_ups(self) -> dict[int, FollowUp]:
        follow_ups: dict[int, FollowUp] = self.state["follow_ups"]
        return follow_ups

    def get_follow_up(self, hit_id: int, lock: bool = False) -> FollowUp | None:
        fu = self._follow_ups().get(hit_id)
        return copy.copy(fu) if fu is not None else None

    def save_follow_up(self, follow_up: FollowUp) -> None:
        self._follow_ups()[follow_up.hit_id] = copy.copy(follow_up)

    def located_without_follow_up(self) -> list[Hit]:
        follow_ups = self._follow_ups()
        return [
            self._hit(h)
            for h in sorted(self._rows(), key=lambda h: int(h["id"]))
            if h.get("outcome") in _LOCATED
            and (h["id"] not in follow_ups or follow_ups[h["id"]].located_at is None)
        ]

    def unpursued(self, located_before: datetime) -> list[int]:
        outcomes = {h["id"]: h.get("outcome") for h in self._rows()}
        due = [
            fu
            for fu in self._follow_ups().values()
            if fu.located_at is not None
            and fu.located_at <= located_before
            and fu.unpursued_flagged_at is None
            and fu.locating_country is not None
            and outcomes.get(fu.hit_id) in _LOCATED
            and not self.pursued(fu.notice_id, fu.locating_country)
        ]
        return [fu.hit_id for fu in sorted(due, key=lambda fu: (fu.located_at, fu.hit_id))]

    def pursued(self, notice_id: str, locating_country: str) -> bool:
        return any(
            r.notice_id == notice_id and r.locating_country == locating_country
            for r in [*self.state["requests"], *self.state["refusals"]]
        )

    def flagged_follow_up(self, notice_id: str, locating_country: str) -> FollowUp | None:
        flagged = [
            fu
            for fu in self._follow_ups().values()
            if fu.notice_id == notice_id
            and fu.locating_country == locating_country
            and fu.unpursued_flag_id is not None
        ]
        flagged.sort(
            key=lambda fu: (fu.unpursued_flagged_at is None, fu.unpursued_flagged_at or datetime.min)
        )
        return copy.copy(flagged[0]) if flagged else None

    # -- extradition requests, refusals, addenda (ids from 1, per kind, as the tables number them)
    def add_extradition_request(self, request: ExtraditionRequest) -> int:
        rows: list[ExtraditionRequest] = self.state["requests"]
        rows.append(replace(request, id=len(rows) + 1))
        return len(rows)

    def extradition_requests(self, notice_id: str) -> list[ExtraditionRequest]:
        return [r for r in self.state["requests"] if r.notice_id == notice_id]

    def add_refusal(self, refusal: ExtraditionRefusal) -> int:
        rows: list[ExtraditionRefusal] = self.state["refusals"]
        rows.append(replace(refusal, id=len(rows) + 1, grounds=tuple(refusal.grounds)))
        return len(rows)

    def refusals(self, notice_id: str) -> list[ExtraditionRefusal]:
        return [r for r in self.state["refusals"] if r.notice_id == notice_id]

    def add_addendum(self, addendum: Addendum) -> int:
        rows: list[Addendum] = self.state["addenda"]
        rows.append(replace(addendum, id=len(rows) + 1))
        return len(rows)

    def addenda(self, notice_id: str) -> list[Addendum]:
        return [a for a in self.state["addenda"] if a.notice_id == notice_id]
