"""In-memory fake of the figures repository (``uow.figures``) for unit tests.

Counts what ``adapters.db.figures.SqlFiguresRepository`` counts, from the other fakes' data: notices and
their history (``memory.py``), stored checks and review records, the redress fake's cases, reports,
positions, refugee confirmations and flags, the screening fake's hits. Same answer shape
(``{(country, year, measure): n}``, zeros left out); ``tests/contract/test_figures_contract.py`` holds
both to the same numbers on one scenario. Which lifecycle step counts towards which measure is the SQL
module's table (``transition_measures``), shared, not copied.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from rednotice.adapters.db.figures import IN_FORCE, TRANSITION_ACTIONS, transition_measures
from rednotice.domain import figures as f
from rednotice.domain.lifecycle import Notice, add_months
from rednotice.domain.redress import CaseState, FlagSource

Key = tuple[str, int, str]


def _utc(at: datetime) -> datetime:
    return at.astimezone(UTC) if at.tzinfo else at.replace(tzinfo=UTC)


def _when(value: Any) -> datetime | None:
    if value is None:
        return None
    return _utc(value if isinstance(value, datetime) else datetime.fromisoformat(str(value)))


def _in(at: datetime | None, start: datetime, end: datetime) -> bool:
    return at is not None and start <= _utc(at) < end


def _year(at: datetime) -> int:
    return _utc(at).year


def _in_force(kind: str, state: str) -> bool:
    return any(kind == k and state in states for k, states in IN_FORCE)


class MemoryFiguresRepository:
    def __init__(self, data: Any) -> None:
        self.data = data

    # -- what the other fakes keep
    def _notices(self) -> dict[str, Notice]:
        notices: dict[str, Notice] = self.data.notices
        return notices

    def _redress(self) -> Any:
        return self.data.extra.get("redress")

    def _hits(self) -> list[dict[str, Any]]:
        hits: list[dict[str, Any]] = self.data.extra.get("screening", {}).get("hits", [])
        return hits

    def _country(self, notice_id: str | None) -> str | None:
        notice = self._notices().get(notice_id or "")
        return notice.requesting_country if notice is not None else None

    # -- the figures
    def counts(
        self,
        start: datetime,
        end: datetime,
        now: datetime,
        country: str | None = None,
        in_force_as_of: datetime | None = None,
    ) -> dict[Key, int]:
        start, end, now = _utc(start), _utc(end), _utc(now)
        out: dict[Key, int] = defaultdict(int)

        def add(rows: Iterable[tuple[str, int, str]]) -> None:
            for key in rows:
                out[key] += 1

        add(self._requests(start, end, country))
        add(self._transitions(start, end, country))
        add(self._grounds(start, end, country))
        add(self._in_force(country, None if in_force_as_of is None else _utc(in_force_as_of)))
        add(self._ccf(start, end, now, country))
        add(self._harassment(start, end, now, country))
        add(self._positions(start, end, country))
        add(self._refugees(start, end, country))
        add(self._screening_hits(start, end, now, country))
        return {k: n for k, n in out.items() if n}

    def _requests(self, start: datetime, end: datetime, country: str | None) -> Iterable[Key]:
        latest: dict[str, Any] = {}
        for check in self.data.checks:
            latest[check.notice_id] = check
        for n in self._notices().values():
            if not _in(n.submitted_at, start, end) or (country and n.requesting_country != country):
                continue
            assert n.submitted_at is not None
            c, y = n.requesting_country, _year(n.submitted_at)
            yield (c, y, "requests.total")
            yield (c, y, f"requests.{n.type.value}")
            check = latest.get(n.id)
            if check is None:
                continue
            charges = (check.result or {}).get("analysis", {}).get("charges", [])
            sections = {ch["iccs"]["section"] for ch in charges if ch.get("iccs")}
            if any(not ch.get("iccs") for ch in charges):
                sections.add("none")
            for section in sections:
                yield (c, y, f"requests.iccs.{section}")

    def _transitions(self, start: datetime, end: datetime, country: str | None) -> Iterable[Key]:
        for n in self._notices().values():
            if country and n.requesting_country != country:
                continue
            for step in n.history:
                action = step.action.value
                if action in TRANSITION_ACTIONS and _in(step.at, start, end):
                    for m in transition_measures(action, step.actor.role.value, n.type.value):
                        yield (n.requesting_country, _year(step.at), m)

    def _decisions(self, start: datetime, end: datetime, country: str | None) -> Iterable[tuple[str, Any]]:
        for r in self.data.records:
            c = self._country(r.notice_id)
            if (
                c is None
                or r.kind.value != "decision"
                or not _in(r.at, start, end)
                or r.data.get("decision") not in ("refuse", "purge")
                or (country and c != country)
            ):
                continue
            yield c, r

    def _grounds(self, start: datetime, end: datetime, country: str | None) -> Iterable[Key]:
        for c, r in self._decisions(start, end, country):
            grounds = r.data.get("grounds") or []
            for g in f.GROUNDS:
                if g in grounds:
                    yield (c, _year(r.at), f"refused.ground.{g}")

    def other_grounds(
        self, start: datetime, end: datetime, country: str | None = None
    ) -> list[tuple[str, str]]:
        return [
            (c, r.data.get("other_ground") or "")
            for c, r in self._decisions(_utc(start), _utc(end), country)
            if "other" in (r.data.get("grounds") or [])
        ]

    def _state_at(self, n: Notice, at: datetime) -> str:
        before = [s for s in sorted(n.history, key=lambda s: _utc(s.at)) if _utc(s.at) < at]
        if before:
            return before[-1].to_state.value
        if n.history:
            return min(n.history, key=lambda s: _utc(s.at)).from_state.value
        return n.state.value

    def _in_force(self, country: str | None, at: datetime | None) -> Iterable[Key]:
        for n in self._notices().values():
            if country and n.requesting_country != country:
                continue
            if at is not None and (n.created_at is None or not _utc(n.created_at) < at):
                continue
            state = n.state.value if at is None else self._state_at(n, at)
            if not _in_force(n.type.value, state):
                continue
            c = n.requesting_country
            yield (c, f.WHOLE, "in_force.total")
            yield (c, f.WHOLE, f"in_force.{n.type.value}")
            yield (
                c,
                f.WHOLE,
                "in_force.public" if n.request.visibility.public_extract else "in_force.restricted",
            )

    def _linked(self, notice_ids: Iterable[str], country: str | None) -> list[str]:
        """The requesting countries of the notices named (each once), or UNLINKED; then ALL (the
        all-countries total counts each record once), only without a country."""
        found = sorted({c for nid in notice_ids if (c := self._country(nid)) is not None})
        who = found or [f.UNLINKED]
        if country:
            return [c for c in who if c == country]
        return [*who, f.ALL]

    def _ccf(self, start: datetime, end: datetime, now: datetime, country: str | None) -> Iterable[Key]:
        redress = self._redress()
        for case in redress.cases.values() if redress is not None else ():
            if not _in(case.filed_at, start, end):
                continue
            kind = case.filing.kind.value
            admissible, decided = _when(case.admissible_at), _when(case.decided_at)
            decided_by_now = decided is not None and decided <= now
            if admissible is None:
                deadline = "none"
            else:
                due = add_months(admissible, 4 if kind == "access" else 9)
                if decided_by_now:
                    assert decided is not None
                    deadline = "met" if decided <= due else "met_late"
                else:
                    deadline = "overdue" if now > due else "pending"
            if case.state is CaseState.INADMISSIBLE:
                state = "inadmissible"
            elif case.outcome is not None and (decided is None or decided_by_now):
                state = case.outcome.value
            else:
                state = "open"
            y = _year(case.filed_at)
            for c in self._linked(case.notice_ids, country):
                yield from (
                    (c, y, "ccf.total"),
                    (c, y, f"ccf.kind.{kind}"),
                    (c, y, f"ccf.state.{state}"),
                    (c, y, f"ccf.deadline.{deadline}"),
                )

    def _harassment(
        self, start: datetime, end: datetime, now: datetime, country: str | None
    ) -> Iterable[Key]:
        redress = self._redress()
        if redress is None:
            return
        for report in redress.reports:
            if not _in(report.filed_at, start, end):
                continue
            mine = [
                fl
                for fl in redress.flags.values()
                if fl.source is FlagSource.HARASSMENT and fl.ref == str(report.id)
            ]
            examined = bool(mine) and all(
                fl.resolved_at is not None and _utc(fl.resolved_at) <= now for fl in mine
            )
            kinds = {k.value for k in report.kinds}
            y = _year(report.filed_at)
            for c in self._linked(report.notice_ids, country):
                yield (c, y, "harassment.total")
                yield (c, y, "harassment.examined" if examined else "harassment.not_examined")
                yield from ((c, y, f"harassment.kind.{k}") for k in f.HARM_KINDS if k in kinds)

    def _positions(self, start: datetime, end: datetime, country: str | None) -> Iterable[Key]:
        redress = self._redress()
        for p in redress.positions.values() if redress is not None else ():
            c = self._country(p.notice_id)
            if c is None or not _in(p.at, start, end) or (country and c != country):
                continue
            yield (c, _year(p.at), "positions.total")
            yield (c, _year(p.at), f"positions.kind.{p.kind.value}")

    def _refugees(self, start: datetime, end: datetime, country: str | None) -> Iterable[Key]:
        redress = self._redress()
        for r in redress.refugees.values() if redress is not None else ():
            if _in(r.confirmed_at, start, end) and not (country and r.persecution_country != country):
                yield (r.persecution_country, _year(r.confirmed_at), "refugee.confirmed")

    def _screening_hits(
        self, start: datetime, end: datetime, now: datetime, country: str | None
    ) -> Iterable[Key]:
        for h in self._hits():
            at = _when(h["created_at"])
            c = self._country(h["notice_id"])
            if at is None or c is None or not _in(at, start, end) or (country and c != country):
                continue
            outcome_at = _when(h.get("outcome_at"))
            o = (h.get("outcome") or "none") if outcome_at is None or outcome_at <= now else "none"
            y = _year(at)
            yield (c, y, "hits.total")
            yield (c, y, f"hits.outcome.{o if o in f.HIT_OUTCOMES else 'none'}")


class MemoryPublicFiguresTables:
    """``PublicFiguresTables`` in memory (``uow.public_figures``): the stored tables live in the shared
    ``MemoryData``, so every unit of work (and every app) on the same data sees them, as on SQL; a rollback
    forgets what the unit of work stored."""

    def __init__(self, data: Any) -> None:
        self.tables: dict[str, str] = data.__dict__.setdefault("public_figures_tables", {})
        self.counted: dict[str, datetime] = data.__dict__.setdefault("public_figures_counted", {})

    def get(self, key: str) -> str | None:
        return self.tables.get(key)

    def put(
        self, key: str, first: date, last: date, minimum: int, version: str, payload: str, at: datetime
    ) -> None:
        if key not in self.tables:
            self.tables[key], self.counted[key] = payload, at

    def prune(self, keep: str, counted_before: datetime) -> int:
        gone = [k for k, at in self.counted.items() if k != keep and at < counted_before]
        for k in gone:
            self.tables.pop(k, None)
            self.counted.pop(k, None)
        return len(gone)

    def clear(self) -> int:
        n = len(self.tables)
        self.tables.clear()
        self.counted.clear()
        return n
