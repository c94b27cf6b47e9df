"""SQL repository for what happens after a hit: follow-ups, extradition requests and refusals, addenda.

Constructed on a unit of work's connection (``SqlAfterHitRepository(uow.connection)``), so it writes in
the same transaction as the notifications, positions and review flags of the redress repository."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, exists, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from rednotice.adapters.db import tables_after_hit as t
from rednotice.adapters.db.tables_screening import screening_hits, screenings
from rednotice.domain.redress import PositionGround
from rednotice.services.after_hit import (
    LOCATED,
    Addendum,
    AddendumKind,
    ExtraditionRefusal,
    ExtraditionRequest,
    FollowUp,
    Hit,
    Treaty,
)
from rednotice.services.screening import HitOutcome

_LOCATED = [o.value for o in LOCATED]


class SqlAfterHitRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    # -- hits (read from the screening tables)
    @staticmethod
    def _hit(row: Any) -> Hit:
        return Hit(
            id=row.id,
            notice_id=row.notice_id,
            screened_by=row.actor,
            locating_country=row.actor_country or row.viewer_country,
            query=dict(row.query or {}),
            score=float(row.score),
            created_at=row.created_at,
            outcome=HitOutcome(row.outcome) if row.outcome else None,
            outcome_at=row.outcome_at,
            outcome_by=row.outcome_by,
        )

    @staticmethod
    def _hits_query() -> Any:
        return select(
            screening_hits, screenings.c.actor, screenings.c.actor_country, screenings.c.viewer_country
        ).join(screenings, screenings.c.id == screening_hits.c.screening_id)

    def get_hit(self, hit_id: int) -> Hit | None:
        row = self.conn.execute(self._hits_query().where(screening_hits.c.id == hit_id)).first()
        return None if row is None else self._hit(row)

    # -- follow-ups
    @staticmethod
    def _follow_up(row: Any) -> FollowUp:
        return FollowUp(
            row.hit_id,
            row.notice_id,
            row.locating_country,
            row.requesting_country,
            row.located_at,
            Treaty(row.treaty_in_force),
            row.person_informed,
            row.safeguards_at,
            row.safeguards_by or "",
            row.safeguards_notes,
            row.unpursued_flagged_at,
            row.unpursued_flag_id,
        )

    def get_follow_up(self, hit_id: int, lock: bool = False) -> FollowUp | None:
        f = t.hit_follow_ups
        q = select(f).where(f.c.hit_id == hit_id)
        if lock:
            q = q.with_for_update()
        row = self.conn.execute(q).first()
        return None if row is None else self._follow_up(row)

    def save_follow_up(self, follow_up: FollowUp) -> None:
        fu = follow_up
        values = {
            "notice_id": fu.notice_id,
            "locating_country": fu.locating_country,
            "requesting_country": fu.requesting_country,
            "located_at": fu.located_at,
            "treaty_in_force": fu.treaty_in_force.value,
            "person_informed": fu.person_informed,
            "safeguards_at": fu.safeguards_at,
            "safeguards_by": fu.safeguards_by or None,
            "safeguards_notes": fu.safeguards_notes,
            "unpursued_flagged_at": fu.unpursued_flagged_at,
            "unpursued_flag_id": fu.unpursued_flag_id,
        }
        f = t.hit_follow_ups
        res = self.conn.execute(update(f).where(f.c.hit_id == fu.hit_id).values(**values))
        if res.rowcount == 1:
            return
        try:
            with self.conn.begin_nested():
                self.conn.execute(insert(f).values(hit_id=fu.hit_id, **values))
        except IntegrityError:  # inserted by someone else meanwhile: ours is the later write
            self.conn.execute(update(f).where(f.c.hit_id == fu.hit_id).values(**values))

    def located_without_follow_up(self) -> list[Hit]:
        f = t.hit_follow_ups
        q = self._hits_query().where(
            screening_hits.c.outcome.in_(_LOCATED),
            ~exists().where(f.c.hit_id == screening_hits.c.id, f.c.located_at.is_not(None)),
        )
        return [self._hit(row) for row in self.conn.execute(q.order_by(screening_hits.c.id))]

    def _pursued_clause(self) -> Any:
        f, r, x = t.hit_follow_ups, t.extradition_requests, t.extradition_refusals
        return or_(
            exists().where(r.c.notice_id == f.c.notice_id, r.c.locating_country == f.c.locating_country),
            exists().where(x.c.notice_id == f.c.notice_id, x.c.locating_country == f.c.locating_country),
        )

    def unpursued(self, located_before: datetime) -> list[int]:
        f = t.hit_follow_ups
        q = (
            select(f.c.hit_id)
            .join(screening_hits, screening_hits.c.id == f.c.hit_id)
            .where(
                f.c.located_at.is_not(None),
                f.c.located_at <= located_before,
                f.c.unpursued_flagged_at.is_(None),
                f.c.locating_country.is_not(None),
                screening_hits.c.outcome.in_(_LOCATED),
                ~self._pursued_clause(),
            )
            .order_by(f.c.located_at, f.c.hit_id)
        )
        return [int(x) for x in self.conn.execute(q).scalars()]

    def pursued(self, notice_id: str, locating_country: str) -> bool:
        r, x = t.extradition_requests, t.extradition_refusals
        q = select(
            or_(
                exists().where(r.c.notice_id == notice_id, r.c.locating_country == locating_country),
                exists().where(x.c.notice_id == notice_id, x.c.locating_country == locating_country),
            )
        )
        return bool(self.conn.execute(q).scalar())

    def flagged_follow_up(self, notice_id: str, locating_country: str) -> FollowUp | None:
        f = t.hit_follow_ups
        row = self.conn.execute(
            select(f)
            .where(
                and_(
                    f.c.notice_id == notice_id,
                    f.c.locating_country == locating_country,
                    f.c.unpursued_flag_id.is_not(None),
                )
            )
            .order_by(f.c.unpursued_flagged_at)
            .limit(1)
        ).first()
        return None if row is None else self._follow_up(row)

    # -- extradition requests
    def add_extradition_request(self, request: ExtraditionRequest) -> int:
        r = request
        res = self.conn.execute(
            insert(t.extradition_requests)
            .values(
                hit_id=r.hit_id,
                notice_id=r.notice_id,
                requesting_country=r.requesting_country,
                locating_country=r.locating_country,
                requested_at=r.requested_at,
                by=r.by,
                reference=r.reference,
                notes=r.notes,
            )
            .returning(t.extradition_requests.c.id)
        )
        return int(res.scalar_one())

    def extradition_requests(self, notice_id: str) -> list[ExtraditionRequest]:
        r = t.extradition_requests
        rows = self.conn.execute(select(r).where(r.c.notice_id == notice_id).order_by(r.c.id))
        return [
            ExtraditionRequest(
                x.id,
                x.hit_id,
                x.notice_id,
                x.requesting_country,
                x.locating_country,
                x.requested_at,
                x.by,
                x.reference,
                x.notes,
            )
            for x in rows
        ]

    # -- refusals
    def add_refusal(self, refusal: ExtraditionRefusal) -> int:
        r = refusal
        res = self.conn.execute(
            insert(t.extradition_refusals)
            .values(
                hit_id=r.hit_id,
                notice_id=r.notice_id,
                locating_country=r.locating_country,
                refused_at=r.refused_at,
                by=r.by,
                grounds=[g.value for g in r.grounds],
                reasons=r.reasons,
                position_id=r.position_id,
                addendum_id=r.addendum_id,
            )
            .returning(t.extradition_refusals.c.id)
        )
        return int(res.scalar_one())

    def refusals(self, notice_id: str) -> list[ExtraditionRefusal]:
        x = t.extradition_refusals
        rows = self.conn.execute(select(x).where(x.c.notice_id == notice_id).order_by(x.c.id))
        return [
            ExtraditionRefusal(
                r.id,
                r.hit_id,
                r.notice_id,
                r.locating_country,
                r.refused_at,
                r.by,
                tuple(PositionGround(g) for g in r.grounds),
                r.reasons,
                r.position_id,
                r.addendum_id,
            )
            for r in rows
        ]

    # -- addenda
    def add_addendum(self, addendum: Addendum) -> int:
        a = addendum
        res = self.conn.execute(
            insert(t.notice_addenda)
            .values(
                notice_id=a.notice_id, at=a.at, kind=a.kind.value, country=a.country, ref=a.ref, text=a.text
            )
            .returning(t.notice_addenda.c.id)
        )
        return int(res.scalar_one())

    def addenda(self, notice_id: str) -> list[Addendum]:
        a = t.notice_addenda
        rows = self.conn.execute(select(a).where(a.c.notice_id == notice_id).order_by(a.c.id))
        return [
            Addendum(r.id, r.notice_id, r.at, AddendumKind(r.kind), r.country, r.ref, r.text) for r in rows
        ]
