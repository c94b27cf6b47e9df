"""The transparency figures, counted by the database: a few GROUP BY queries with conditional counts.

``SqlFiguresRepository(uow.connection).counts(...)`` answers ``{(country, year, measure): n}`` for the
measures of ``domain/figures.py`` (sparse: zeros are left out). Each query groups by requesting country and
calendar year, so one pass serves the period totals, the yearly series and the table of countries.

Portable between SQLite and PostgreSQL: JSON fields are read with SQLAlchemy's JSON accessors; the only
dialect-specific pieces are timestamp arithmetic (the CCF decision deadline: N calendar months from
admissibility, clamped to the month's last day, as ``domain.lifecycle.add_months``) and the position of a
character in a string (to split a case's list of notice ids in a recursive CTE).
Computed expressions are grouped from a subquery: PostgreSQL does not match a GROUP BY expression that
carries bound parameters with the same expression in the SELECT list.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    TIMESTAMP,
    ColumnElement,
    Connection,
    Integer,
    String,
    Text,
    and_,
    case,
    cast,
    exists,
    extract,
    func,
    literal,
    or_,
    select,
)

from rednotice.adapters.db import tables as t
from rednotice.adapters.db import tables_redress as tr
from rednotice.adapters.db import tables_screening as ts
from rednotice.domain import figures as f

Key = tuple[str, int, str]

TRANSITION_ACTIONS = (
    "publish",
    "confirm_compliant",
    "refuse",
    "purge",
    "withdraw",
    "cancel",
    "expire",
    "suspend",
    "delete",
)
IN_FORCE = (
    ("red_notice", ("published",)),
    ("wanted_person_diffusion", ("unreviewed", "reviewed_compliant")),
)


def year_of(column: Any) -> ColumnElement[Any]:
    return cast(extract("year", column), Integer)


def _sum_if(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    return func.sum(case((condition, 1), else_=0))


class SqlFiguresRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.dialect = conn.dialect.name

    # -- dialect helpers -------------------------------------------------------------------------------
    def _ts(self, iso_text: ColumnElement[Any]) -> ColumnElement[Any]:
        """An ISO-8601 text (as stored in JSON payloads) as a comparable UTC instant."""
        if self.dialect == "postgresql":
            return func.timezone("UTC", cast(iso_text, TIMESTAMP(timezone=True)))
        return func.strftime("%Y-%m-%d %H:%M:%f", iso_text)

    def _add_months(self, iso_text: ColumnElement[Any], months: ColumnElement[Any]) -> ColumnElement[Any]:
        if self.dialect == "postgresql":
            return self._ts(iso_text).op("+")(func.make_interval(0, months))
        # SQLite rolls 31 Jan + 1 month over to 3 March; clamp to the target month's last day instead.
        plus = literal("+").op("||")(cast(months, String)).op("||")(" months")
        last_day = func.date(
            iso_text,
            "start of month",
            literal("+").op("||")(cast(months + 1, String)).op("||")(" months"),
            "-1 day",
        )
        clamped = last_day.op("||")(" ").op("||")(func.strftime("%H:%M:%f", iso_text))
        return func.min(func.strftime("%Y-%m-%d %H:%M:%f", iso_text, plus), clamped)

    def _now(self, now: datetime) -> Any:
        utc = now.astimezone(UTC).replace(tzinfo=None)
        if self.dialect == "postgresql":
            return literal(utc, TIMESTAMP())
        return literal(utc.strftime("%Y-%m-%d %H:%M:%S.%f")[:-3], String)

    def _position(self, text: ColumnElement[Any], needle: str) -> ColumnElement[Any]:
        if self.dialect == "postgresql":
            return func.strpos(text, needle)
        return func.instr(text, needle)

    # -- the figures -----------------------------------------------------------------------------------
    def counts(
        self,
        start: datetime,
        end: datetime,
        now: datetime,
        country: str | None = None,
        in_force_as_of: datetime | None = None,
    ) -> dict[Key, int]:
        """Counts over ``[start, end)`` (events) and in force now, per country and year. What happened to an
        event after ``now`` is not counted (a CCF decision, a report examined, a hit's outcome): with ``now``
        at a period's end, the figures are as of that instant and nothing later moves them. With
        ``in_force_as_of``, notices in force are counted at that instant (from the lifecycle history),
        not from their state today."""
        out: dict[Key, int] = defaultdict(int)

        def add(rows: Iterable[tuple[str, int, str, int]]) -> None:
            for c, y, m, n in rows:
                if n:
                    out[(c, int(y), m)] += int(n)

        add(self._requests(start, end, country))
        add(self._iccs(start, end, country))
        add(self._transitions(start, end, country))
        add(self._grounds(start, end, country))
        add(self._in_force(country) if in_force_as_of is None else self._in_force_at(in_force_as_of, country))
        add(self._ccf(start, end, now, country))
        if country is None:
            add(self._ccf(start, end, now, None, all_countries=True))
        add(self._harassment(start, end, now, country))
        if country is None:
            add(self._harassment(start, end, now, None, all_countries=True))
        add(self._positions(start, end, country))
        add(self._refugees(start, end, country))
        add(self._hits(start, end, now, country))
        return dict(out)

    def _requests(self, start: datetime, end: datetime, country: str | None) -> list[Any]:
        n = t.notices
        cond = [n.c.submitted_at >= start, n.c.submitted_at < end]
        if country:
            cond.append(n.c.requesting_country == country)
        inner = select(
            n.c.requesting_country.label("c"), year_of(n.c.submitted_at).label("y"), n.c.type.label("k")
        ).where(*cond)
        sub = inner.subquery()
        rows = self.conn.execute(
            select(sub.c.c, sub.c.y, sub.c.k, func.count()).group_by(sub.c.c, sub.c.y, sub.c.k)
        )
        out: list[Any] = []
        for c, y, k, cnt in rows:
            out += [(c, y, "requests.total", cnt), (c, y, f"requests.{k}", cnt)]
        return out

    def _iccs(self, start: datetime, end: datetime, country: str | None) -> list[Any]:
        """Requests by the ICCS sections of their charges, from each request's latest stored check (a
        request with charges in two sections counts in both: the group is not additive)."""
        n, c = t.notices, t.compliance_checks
        cond = [n.c.submitted_at >= start, n.c.submitted_at < end]
        if country:
            cond.append(n.c.requesting_country == country)
        latest = select(c.c.notice_id, func.max(c.c.id).label("id")).group_by(c.c.notice_id).subquery()
        rows = self.conn.execute(
            select(n.c.requesting_country, year_of(n.c.submitted_at), c.c.result)
            .select_from(n.join(latest, latest.c.notice_id == n.c.id).join(c, c.c.id == latest.c.id))
            .where(*cond)
        )
        counts: dict[tuple[str, int, str], int] = defaultdict(int)
        for country_code, year, result in rows:
            charges = (result or {}).get("analysis", {}).get("charges", [])
            sections = {ch["iccs"]["section"] for ch in charges if ch.get("iccs")}
            if any(not ch.get("iccs") for ch in charges):
                sections.add("none")
            for section in sections:
                counts[(country_code, int(year), f"requests.iccs.{section}")] += 1
        return [(cc, y, m, cnt) for (cc, y, m), cnt in counts.items()]

    def _transitions(self, start: datetime, end: datetime, country: str | None) -> list[Any]:
        n, tt = t.notices, t.notice_transitions
        cond = [tt.c.at >= start, tt.c.at < end, tt.c.action.in_(TRANSITION_ACTIONS)]
        if country:
            cond.append(n.c.requesting_country == country)
        sub = (
            select(
                n.c.requesting_country.label("c"),
                year_of(tt.c.at).label("y"),
                tt.c.action.label("a"),
                tt.c.actor_role.label("r"),
                n.c.type.label("k"),
            )
            .select_from(tt.join(n, n.c.id == tt.c.notice_id))
            .where(*cond)
            .subquery()
        )
        rows = self.conn.execute(
            select(sub.c.c, sub.c.y, sub.c.a, sub.c.r, sub.c.k, func.count()).group_by(
                sub.c.c, sub.c.y, sub.c.a, sub.c.r, sub.c.k
            )
        )
        out: list[Any] = []
        for c, y, action, role, kind, cnt in rows:
            out.extend((c, y, m, cnt) for m in transition_measures(action, role, kind))
        return out

    def _grounds(self, start: datetime, end: datetime, country: str | None) -> list[Any]:
        n, r = t.notices, t.review_records
        grounds = cast(r.c.data["grounds"], Text)
        cond = [
            r.c.kind == "decision",
            r.c.at >= start,
            r.c.at < end,
            r.c.data["decision"].as_string().in_(("refuse", "purge")),
        ]
        if country:
            cond.append(n.c.requesting_country == country)
        sub = (
            select(
                n.c.requesting_country.label("c"),
                year_of(r.c.at).label("y"),
                *(grounds.like(f'%"{g}"%').label(g) for g in f.GROUNDS),
            )
            .select_from(r.join(n, n.c.id == r.c.notice_id))
            .where(*cond)
            .subquery()
        )
        cols = [sub.c[g] for g in f.GROUNDS]
        rows = self.conn.execute(
            select(sub.c.c, sub.c.y, *(_sum_if(col) for col in cols)).group_by(sub.c.c, sub.c.y)
        )
        out: list[Any] = []
        for c, y, *counts in rows:
            out.extend((c, y, f"refused.ground.{g}", cnt) for g, cnt in zip(f.GROUNDS, counts, strict=True))
        return out

    def other_grounds(
        self, start: datetime, end: datetime, country: str | None = None
    ) -> list[tuple[str, str]]:
        """(requesting country, the 'other' ground in words) for each refusal or purge in ``[start, end)`` on
        other grounds: ``services.figures`` counts them by reason. Empty text: decided before reasons were
        asked for."""
        n, r = t.notices, t.review_records
        cond = [
            r.c.kind == "decision",
            r.c.at >= start,
            r.c.at < end,
            r.c.data["decision"].as_string().in_(("refuse", "purge")),
            cast(r.c.data["grounds"], Text).like('%"other"%'),
        ]
        if country:
            cond.append(n.c.requesting_country == country)
        rows = self.conn.execute(
            select(n.c.requesting_country, r.c.data["other_ground"].as_string())
            .select_from(r.join(n, n.c.id == r.c.notice_id))
            .where(*cond)
        )
        return [(c, text or "") for c, text in rows]

    def _in_force(self, country: str | None) -> list[Any]:
        n = t.notices
        cond: list[ColumnElement[bool]] = [
            or_(*(and_(n.c.type == kind, n.c.state.in_(states)) for kind, states in IN_FORCE))
        ]
        if country:
            cond.append(n.c.requesting_country == country)
        rows = self.conn.execute(
            select(n.c.requesting_country, n.c.type, n.c.public_extract, func.count())
            .where(*cond)
            .group_by(n.c.requesting_country, n.c.type, n.c.public_extract)
        )
        out: list[Any] = []
        for c, kind, public, cnt in rows:
            out += [
                (c, f.WHOLE, "in_force.total", cnt),
                (c, f.WHOLE, f"in_force.{kind}", cnt),
                (c, f.WHOLE, "in_force.public" if public else "in_force.restricted", cnt),
            ]
        return out

    def _in_force_at(self, at: datetime, country: str | None) -> list[Any]:
        """Notices in force at the instant ``at``: created before it, in a state in force for their type
        just before it. That state is the last step's ``to_state`` before ``at``; without a step before
        ``at``, the first step's ``from_state``; without any step, the state today."""
        n, tt = t.notices, t.notice_transitions
        before = (
            select(tt.c.to_state)
            .where(tt.c.notice_id == n.c.id, tt.c.at < at)
            .order_by(tt.c.at.desc(), tt.c.id.desc())
            .limit(1)
            .scalar_subquery()
        )
        first = (
            select(tt.c.from_state)
            .where(tt.c.notice_id == n.c.id)
            .order_by(tt.c.at, tt.c.id)
            .limit(1)
            .scalar_subquery()
        )
        cond: list[ColumnElement[bool]] = [n.c.created_at < at]
        if country:
            cond.append(n.c.requesting_country == country)
        sub = (
            select(
                n.c.requesting_country.label("c"),
                n.c.type.label("k"),
                n.c.public_extract.label("p"),
                func.coalesce(before, first, n.c.state).label("s"),
            )
            .where(*cond)
            .subquery()
        )
        in_force = or_(*(and_(sub.c.k == kind, sub.c.s.in_(states)) for kind, states in IN_FORCE))
        rows = self.conn.execute(
            select(sub.c.c, sub.c.k, sub.c.p, func.count())
            .where(in_force)
            .group_by(sub.c.c, sub.c.k, sub.c.p)
        )
        out: list[Any] = []
        for c, kind, public, cnt in rows:
            out += [
                (c, f.WHOLE, "in_force.total", cnt),
                (c, f.WHOLE, f"in_force.{kind}", cnt),
                (c, f.WHOLE, "in_force.public" if public else "in_force.restricted", cnt),
            ]
        return out

    def _case_countries(self, start: datetime, end: datetime) -> Any:
        """(case id, requesting country) for each notice a case names: the case's ``,a,b,`` list split
        by a recursive CTE, joined to the notices on their primary key."""
        c = tr.ccf_cases
        anchor = select(
            c.c.id.label("case_id"),
            func.substr(c.c.notice_ids, 2).label("rest"),
            cast(literal(""), Text).label("nid"),
        ).where(c.c.filed_at >= start, c.c.filed_at < end)
        ids = anchor.cte("case_notice_ids", recursive=True)
        pos = self._position(ids.c.rest, ",")
        ids = ids.union_all(
            select(
                ids.c.case_id, func.substr(ids.c.rest, pos + 1), func.substr(ids.c.rest, 1, pos - 1)
            ).where(ids.c.rest != "")
        )
        n = t.notices
        return (
            select(ids.c.case_id, n.c.requesting_country.label("country"))
            .select_from(ids.join(n, n.c.id == ids.c.nid))
            .distinct()
            .subquery()
        )

    def _ccf(
        self, start: datetime, end: datetime, now: datetime, country: str | None, all_countries: bool = False
    ) -> list[Any]:
        c = tr.ccf_cases
        admissible = c.c.payload["admissible_at"].as_string()
        decided = c.c.payload["decided_at"].as_string()
        outcome = c.c.payload["outcome"].as_string()
        months = case((c.c.kind == "access", 4), else_=9)
        due = self._add_months(admissible, months)
        # a decision after ``now`` (the end of a closed period, for the public figures) is not yet made
        decided_by_now = and_(decided.is_not(None), self._ts(decided) <= self._now(now))
        deadline = case(
            (admissible.is_(None), "none"),
            (decided_by_now, case((self._ts(decided) <= due, "met"), else_="met_late")),
            (self._now(now) > due, "overdue"),
            else_="pending",
        )
        where_ = case(
            (c.c.state == "inadmissible", "inadmissible"),
            (and_(outcome.is_not(None), or_(decided.is_(None), decided_by_now)), outcome),
            else_="open",
        )
        if all_countries:
            who: ColumnElement[Any] = literal(f.ALL, String)
            source: Any = c
        else:
            links = self._case_countries(start, end)
            who = func.coalesce(links.c.country, f.UNLINKED)
            source = c.outerjoin(links, links.c.case_id == c.c.id)
        cond = [c.c.filed_at >= start, c.c.filed_at < end]
        sub = (
            select(
                who.label("c"),
                year_of(c.c.filed_at).label("y"),
                c.c.kind.label("k"),
                where_.label("s"),
                deadline.label("d"),
            )
            .select_from(source)
            .where(*cond)
            .subquery()
        )
        query = select(sub.c.c, sub.c.y, sub.c.k, sub.c.s, sub.c.d, func.count())
        if country:
            query = query.where(sub.c.c == country)
        rows = self.conn.execute(query.group_by(sub.c.c, sub.c.y, sub.c.k, sub.c.s, sub.c.d))
        out: list[Any] = []
        for cc, y, kind, state, dl, cnt in rows:
            out += [
                (cc, y, "ccf.total", cnt),
                (cc, y, f"ccf.kind.{kind}", cnt),
                (cc, y, f"ccf.state.{state}", cnt),
                (cc, y, f"ccf.deadline.{dl}", cnt),
            ]
        return out

    def _harassment(
        self, start: datetime, end: datetime, now: datetime, country: str | None, all_countries: bool = False
    ) -> list[Any]:
        """Reports (one row each, migration 0015), counted once for each requesting country whose notices
        they name, and once in ``ALL`` (counted apart, as CCF cases: a report naming notices of two
        countries is one report). Examined: every review flag the report raised was resolved by ``now``."""
        h, ln, n, fl = tr.harassment_reports, tr.harassment_report_notices, t.notices, tr.review_flags
        mine = and_(fl.c.source == "harassment_report", fl.c.ref == cast(h.c.id, String))
        examined = and_(
            exists().where(mine),
            ~exists().where(mine, or_(fl.c.resolved_at.is_(None), fl.c.resolved_at > now)),
        )
        if all_countries:
            who: ColumnElement[Any] = literal(f.ALL, String)
            source: Any = h
        else:
            links = (
                select(ln.c.report_id, n.c.requesting_country.label("country"))
                .select_from(ln.join(n, n.c.id == ln.c.notice_id))
                .distinct()
                .subquery()
            )
            who = func.coalesce(links.c.country, f.UNLINKED)
            source = h.outerjoin(links, links.c.report_id == h.c.id)
        sub = (
            select(
                who.label("c"),
                year_of(h.c.filed_at).label("y"),
                case((examined, 1), else_=0).label("examined"),
                *(h.c.kinds.like(f"%,{k},%").label(k) for k in f.HARM_KINDS),
            )
            .select_from(source)
            .where(h.c.filed_at >= start, h.c.filed_at < end)
            .subquery()
        )
        query = select(
            sub.c.c,
            sub.c.y,
            func.count(),
            func.sum(sub.c.examined),
            *(_sum_if(sub.c[k]) for k in f.HARM_KINDS),
        )
        if country:
            query = query.where(sub.c.c == country)
        rows = self.conn.execute(query.group_by(sub.c.c, sub.c.y))
        out: list[Any] = []
        for cc, y, total, done, *kinds in rows:
            out += [
                (cc, y, "harassment.total", total),
                (cc, y, "harassment.examined", done),
                (cc, y, "harassment.not_examined", total - done),
            ]
            out.extend(
                (cc, y, f"harassment.kind.{k}", cnt) for k, cnt in zip(f.HARM_KINDS, kinds, strict=True)
            )
        return out

    def _positions(self, start: datetime, end: datetime, country: str | None) -> list[Any]:
        p, n = tr.country_positions, t.notices
        cond = [p.c.at >= start, p.c.at < end]
        if country:
            cond.append(n.c.requesting_country == country)
        sub = (
            select(n.c.requesting_country.label("c"), year_of(p.c.at).label("y"), p.c.kind.label("k"))
            .select_from(p.join(n, n.c.id == p.c.notice_id))
            .where(*cond)
            .subquery()
        )
        rows = self.conn.execute(
            select(sub.c.c, sub.c.y, sub.c.k, func.count()).group_by(sub.c.c, sub.c.y, sub.c.k)
        )
        out: list[Any] = []
        for cc, y, kind, cnt in rows:
            out += [(cc, y, "positions.total", cnt), (cc, y, f"positions.kind.{kind}", cnt)]
        return out

    def _refugees(self, start: datetime, end: datetime, country: str | None) -> list[Any]:
        r = tr.refugee_confirmations
        cond = [r.c.confirmed_at >= start, r.c.confirmed_at < end]
        if country:
            cond.append(r.c.persecution_country == country)
        sub = (
            select(r.c.persecution_country.label("c"), year_of(r.c.confirmed_at).label("y"))
            .where(*cond)
            .subquery()
        )
        rows = self.conn.execute(select(sub.c.c, sub.c.y, func.count()).group_by(sub.c.c, sub.c.y))
        return [(cc, y, "refugee.confirmed", cnt) for cc, y, cnt in rows]

    def _hits(self, start: datetime, end: datetime, now: datetime, country: str | None) -> list[Any]:
        h, n = ts.screening_hits, t.notices
        cond = [h.c.created_at >= start, h.c.created_at < end]
        if country:
            cond.append(n.c.requesting_country == country)
        sub = (
            select(
                n.c.requesting_country.label("c"),
                year_of(h.c.created_at).label("y"),
                case(
                    (
                        or_(h.c.outcome_at.is_(None), h.c.outcome_at <= now),
                        func.coalesce(h.c.outcome, "none"),
                    ),
                    else_="none",
                ).label("o"),
            )
            .select_from(h.join(n, n.c.id == h.c.notice_id))
            .where(*cond)
            .subquery()
        )
        rows = self.conn.execute(
            select(sub.c.c, sub.c.y, sub.c.o, func.count()).group_by(sub.c.c, sub.c.y, sub.c.o)
        )
        out: list[Any] = []
        known = set(f.HIT_OUTCOMES)
        for cc, y, o, cnt in rows:
            out += [(cc, y, "hits.total", cnt), (cc, y, f"hits.outcome.{o if o in known else 'none'}", cnt)]
        return out


def transition_measures(action: str, role: str, kind: str) -> list[str]:
    """The measures one lifecycle step counts towards."""
    if action == "publish":
        return ["published", "decisions"]
    if action == "confirm_compliant":
        return ["cleared", "decisions"]
    if action in ("refuse", "purge"):
        return ["refused.total", f"refused.{kind}", "decisions"]
    if action == "delete":
        who = role if role in f.DELETERS else "system"
        return ["deleted.total", f"deleted.{who}"]
    if action == "suspend":
        return ["blocked"]
    return {"withdraw": ["withdrawn"], "cancel": ["cancelled"], "expire": ["expired"]}.get(action, [])
