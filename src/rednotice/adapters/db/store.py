"""Repositories and the unit of work on SQLAlchemy Core. One transaction per unit of work."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Collection, Iterator, Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Select,
    and_,
    case,
    delete,
    func,
    insert,
    literal,
    not_,
    or_,
    select,
    union_all,
    update,
)
from sqlalchemy.exc import IntegrityError

from rednotice.adapters.db import counts
from rednotice.adapters.db import tables as t
from rednotice.adapters.db.after_hit import SqlAfterHitRepository
from rednotice.adapters.db.audit import SqlAuditLog
from rednotice.adapters.db.bulk import insert_rows
from rednotice.adapters.db.engine import READ_ONLY
from rednotice.adapters.db.figures import SqlFiguresRepository
from rednotice.adapters.db.figures_tables import SqlPublicFiguresTables
from rednotice.adapters.db.keys import (
    NATIONALITY,
    NOTICE_KINDS,
    RELATION,
    SECTION,
    TOKEN,
    has_key,
    key_rows,
    section_rows,
    short_key,
)
from rednotice.adapters.db.public import SqlPublicRepository
from rednotice.adapters.db.redress import SqlRedressRepository
from rednotice.adapters.db.screening import SqlScreeningRepository
from rednotice.adapters.db.tables_public import public_terms
from rednotice.adapters.db.users import SqlUserRepository
from rednotice.adapters.formats.request_json import parse_request
from rednotice.domain import policy
from rednotice.domain.compliance.identity import min_shared_tokens, name_keys
from rednotice.domain.errors import Conflict, InvalidInput
from rednotice.domain.lifecycle import IN_FORCE, Action, Notice, State, TransitionRecord
from rednotice.domain.model import NoticeType, Subject, notice_id_from_ref
from rednotice.domain.users import Actor, Role
from rednotice.services.notices import ListPage, decode_cursor, encode_cursor
from rednotice.services.ports import (
    NoticeDigest,
    NoticeFilter,
    Page,
)
from rednotice.services.public import search_terms
from rednotice.services.review import (
    QueueFilter,
    QueuePage,
    RecordKind,
    ReviewRecord,
    StoredCheck,
    iccs_sections,
)


def utcnow() -> datetime:
    return datetime.now(UTC)


def fold(text: str) -> str:
    """Lower-case, strip accents: what name search compares."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def identity_tokens(subject: Subject) -> str:
    """Every token of every name key of the subject (``|a|b|``): candidates for identity matching must share
    one, which lets the database narrow the search before the domain confirms identity."""
    tokens = sorted({tok for key in name_keys(subject) for tok in key})
    return "|" + "|".join(tokens) + "|"


def _codes(codes: tuple[str, ...] | list[str]) -> str:
    return "," + ",".join(codes) + "," if codes else ","


def public_term_rows(notice: Notice) -> list[dict[str, Any]]:
    """The notice's ``public_terms`` rows: its folded names and charges if it is a public extract."""
    if notice.type is not NoticeType.RED_NOTICE or not policy.is_public(notice):
        return []
    return [
        {"notice_id": notice.id, "field": f, "position": i, "value": v}
        for i, (f, v) in enumerate(search_terms(notice.request))
    ]


def _list_cursor(cursor: str) -> tuple[datetime, str]:
    """The (updated_at, id) an internal list's cursor holds."""
    at, last = decode_cursor(cursor, 2)
    try:
        when = datetime.fromisoformat(at)
    except ValueError:
        when = None
    if when is None or when.tzinfo is None:
        raise InvalidInput("'after' is not a cursor this list gave (use the previous page's next cursor)")
    return when, last


def _queue_cursor(row: Any) -> str:
    """The queue position of ``row``: its risk, submission time ("-" for none) and id."""
    at = row.submitted_at.isoformat() if row.submitted_at is not None else "-"
    return encode_cursor(str(row.risk), at, row.id)


def _queue_keyset(cursor: str, dialect: str, forward: bool) -> Any:
    """The waiting requests after (``forward``) or before the cursor's row in queue order (``risk DESC,
    submitted_at, id``). A request always has a submission time once it waits (lifecycle: submit and
    circulate set it), but a missing one is placed where the dialect sorts NULL in ascending order (last on
    PostgreSQL, first on SQLite), so that the pages still hold every row once."""
    n = t.notices
    risk_text, at_text, last = decode_cursor(cursor, 3)
    try:
        risk = int(risk_text)
        at = None if at_text == "-" else datetime.fromisoformat(at_text)
    except ValueError:
        at, risk = None, None
    if risk is None or (at is not None and at.tzinfo is None):
        raise InvalidInput("'after' is not a cursor this list gave (use the previous page's next cursor)")
    nulls_last = dialect == "postgresql"
    sub = n.c.submitted_at
    # Whether the rows with no submission time of the cursor's risk lie ahead in the walk's direction.
    untimed_ahead = nulls_last if forward else not nulls_last
    if at is None:
        same = [and_(sub.is_(None), n.c.id > last if forward else n.c.id < last)]
        if not untimed_ahead:
            same.append(sub.is_not(None))
    else:
        same = [
            sub > at if forward else sub < at,
            and_(sub == at, n.c.id > last if forward else n.c.id < last),
        ]
        if untimed_ahead:
            same.append(sub.is_(None))
    if forward:
        return and_(n.c.risk <= risk, or_(n.c.risk < risk, and_(n.c.risk == risk, or_(*same))))
    return and_(n.c.risk >= risk, or_(n.c.risk > risk, and_(n.c.risk == risk, or_(*same))))


def _in_force_clause() -> Any:
    return or_(
        *(
            and_(t.notices.c.type == kind.value, t.notices.c.state.in_([s.value for s in states]))
            for kind, states in IN_FORCE.items()
        )
    )


class SqlNoticeRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    # -- reading
    def _row_to_notice(self, row: Any, with_history: bool) -> Notice:
        notice = Notice(
            id=row.id,
            request=parse_request(row.payload),
            state=State(row.state),
            version=row.version,
            created_at=row.created_at,
            created_by=row.created_by,
            submitted_at=row.submitted_at,
            published_at=row.published_at,
            expires_at=row.expires_at,
        )
        if with_history:
            tr = t.notice_transitions
            for h in self.conn.execute(select(tr).where(tr.c.notice_id == row.id).order_by(tr.c.id)):
                notice.history.append(
                    TransitionRecord(
                        action=Action(h.action),
                        from_state=State(h.from_state),
                        to_state=State(h.to_state),
                        actor=Actor(h.actor, Role(h.actor_role), h.actor_country),
                        at=h.at,
                        reasons=h.reasons,
                    )
                )
        return notice

    def get(self, notice_id: str) -> Notice | None:
        row = self.conn.execute(select(t.notices).where(t.notices.c.id == notice_id)).first()
        return None if row is None else self._row_to_notice(row, with_history=True)

    def find(self, flt: NoticeFilter) -> Page:
        return self.find_many([flt])[0]

    def find_many(self, filters: Sequence[NoticeFilter]) -> list[Page]:
        """Several lists at once (a dashboard): their bounded counts in one statement, then each one's page
        (none read for a limit of 0: a count alone)."""
        conds = [self._condition(flt) for flt in filters]
        counted = [self._counted(flt, cond) for flt, cond in zip(filters, conds, strict=True)]
        totals = counts.count_many(self.conn, counted, self.max_change_seq)
        return [self._page(f, c, total) for f, c, total in zip(filters, conds, totals, strict=True)]

    def digests(self, flt: NoticeFilter) -> list[NoticeDigest]:
        """A few columns and the charges' texts (from the payload, in the database): no notice decoded."""
        n = t.notices
        charges = n.c.payload[("judicial", "charges")]
        q = select(n.c.id, n.c.family_name, n.c.given_names, n.c.birth_year, charges).where(
            self._condition(flt)
        )
        q = q.order_by(n.c.updated_at.desc(), n.c.id).offset(flt.offset).limit(flt.limit)
        return [
            NoticeDigest(
                r[0],
                r[1],
                r[2],
                r[3],
                tuple((c.get("offence") or "", c.get("offence_original") or "") for c in r[4] or ()),
            )
            for r in self.conn.execute(q)
        ]

    def get_many(self, ids: Sequence[str]) -> list[Notice]:
        rows = (
            {r.id: r for r in self.conn.execute(select(t.notices).where(t.notices.c.id.in_(ids)))}
            if ids
            else {}
        )
        return [self._row_to_notice(rows[i], with_history=False) for i in ids if i in rows]

    def _condition(self, flt: NoticeFilter) -> Any:
        n = t.notices
        where: list[Any] = []
        if flt.states:
            where.append(n.c.state.in_([s.value for s in flt.states]))
        if flt.type is not None:
            where.append(n.c.type == flt.type.value)
        if flt.requesting_country:
            where.append(n.c.requesting_country == flt.requesting_country)
        if flt.nationality:
            where.append(has_key(NATIONALITY, flt.nationality))
        if flt.name:
            for term in fold(flt.name).split():
                where.append(n.c.search_names.contains(term, autoescape=True))
        if flt.public_only:
            where.append(and_(n.c.state == State.PUBLISHED.value, n.c.public_extract.is_(True)))
        actor = flt.visible_to
        if actor is not None and actor.role not in (Role.REVIEWER, Role.CCF, Role.SYSTEM):
            if actor.role is Role.NCB_OFFICER and actor.country:
                c = actor.country
                where.append(
                    or_(
                        n.c.requesting_country == c,
                        and_(
                            _in_force_clause(),
                            or_(n.c.restricted_to.is_(None), n.c.restricted_to.contains(f",{c},")),
                            not_(n.c.excluded_countries.contains(f",{c},")),
                        ),
                    )
                )
            else:
                where.append(False)
        return and_(True, *where)

    @staticmethod
    def _counted(flt: NoticeFilter, cond: Any) -> Select[Any]:
        n = t.notices
        order: tuple[Any, ...] = (n.c.updated_at.desc(), n.c.id)
        # A name is counted from its trigram index (stopping at the bound), not along the list's order,
        # which reads every notice between two matches (355 against 125 ms for a name on 5% of 700,000).
        # States are counted from an index that starts with them, unordered: no index holds two states in
        # list order, so the ordered count gathered and sorted every match (the review page's waiting red
        # notices, 35,141 at 700,000: 78 ms; unordered, an index-only scan stopping at the bound: 1 ms).
        # A constant, not the id: the count then reads an index alone where one holds the filter's columns
        # (SQLite: the names' index for a name, 37 against 8 ms).
        return (
            select(literal(1)).select_from(n).where(cond).order_by(*(() if flt.name or flt.states else order))
        )

    def _page(self, flt: NoticeFilter, cond: Any, total: counts.Total) -> Page:
        n = t.notices
        order: tuple[Any, ...] = (n.c.updated_at.desc(), n.c.id)
        if flt.limit == 0:
            return ListPage([], total.value, flt.offset, 0, total_exact=total.exact)
        page = select(n).where(cond)
        if flt.after is not None:
            # Keyset: after the cursor's (updated_at, id) in the list's order (updated_at descending, id
            # ascending); the plain bound lets the index start there instead of counting rows to skip.
            at, last = _list_cursor(flt.after)
            page = page.where(
                n.c.updated_at <= at, or_(n.c.updated_at < at, and_(n.c.updated_at == at, n.c.id > last))
            )
        backward = flt.before is not None
        if flt.before is not None:
            # The page before the cursor: the same keyset the other way, read in reverse order and turned.
            at, last = _list_cursor(flt.before)
            page = page.where(
                n.c.updated_at >= at, or_(n.c.updated_at > at, and_(n.c.updated_at == at, n.c.id < last))
            )
            order = (n.c.updated_at.asc(), n.c.id.desc())
        read = self.conn.execute(page.order_by(*order).offset(flt.offset).limit(flt.limit + 1)).all()
        more = len(read) > flt.limit
        rows = list(reversed(read[: flt.limit])) if backward else list(read[: flt.limit])

        def cursor(row: Any) -> str:
            return encode_cursor(row.updated_at.isoformat(), row.id)

        # Going forward there is a page before when the page did not start the list; going back, a page
        # after (the cursor's own row) always, and a page before when more rows were read than shown.
        following = cursor(rows[-1]) if rows and (more or backward) else None
        preceding = cursor(rows[0]) if rows and ((more and backward) or flt.after or flt.offset) else None
        return ListPage(
            [self._row_to_notice(r, with_history=False) for r in rows],
            total.value,
            flt.offset,
            flt.limit,
            total_exact=total.exact,
            next_after=following,
            prev_before=preceding,
        )

    def ids_due_to_expire(self, now: datetime) -> list[str]:
        n = t.notices
        q = select(n.c.id).where(n.c.state == State.PUBLISHED.value, n.c.expires_at <= now).order_by(n.c.id)
        return list(self.conn.execute(q).scalars())

    # -- writing
    def _columns(self, notice: Notice) -> dict[str, Any]:
        r = notice.request
        s = r.subject
        names = [s.name.full(), *(a.full() for a in s.aliases), *s.names_original_script]
        return {
            "type": r.type.value,
            "state": notice.state.value,
            "requesting_country": r.requesting_country,
            "family_name": s.family_name,
            "given_names": s.given_names,
            "search_names": "|" + "|".join(fold(x) for x in names) + "|",
            "birth_year": s.date_of_birth.year if s.date_of_birth else None,
            "identity_tokens": identity_tokens(s),
            "related_ids": _codes([rel.notice_id for rel in s.relations]),
            "sex": s.sex.value,
            "date_of_birth": s.date_of_birth.iso() if s.date_of_birth else None,
            "nationalities": _codes(s.nationalities),
            "restricted_to": None
            if r.visibility.restricted_to is None
            else _codes(r.visibility.restricted_to),
            "excluded_countries": _codes(r.visibility.excluded_countries),
            "public_extract": r.visibility.public_extract,
            "payload": r.to_dict(),
            "submitted_at": notice.submitted_at,
            "published_at": notice.published_at,
            "expires_at": notice.expires_at,
            "updated_at": utcnow(),
        }

    @staticmethod
    def _history_row(notice_id: str, rec: TransitionRecord) -> dict[str, Any]:
        return {
            "notice_id": notice_id,
            "action": rec.action.value,
            "from_state": rec.from_state.value,
            "to_state": rec.to_state.value,
            "actor": rec.actor.username,
            "actor_role": rec.actor.role.value,
            "actor_country": rec.actor.country,
            "at": rec.at,
            "reasons": rec.reasons,
        }

    def _insert_history(self, notice_id: str, records: list[TransitionRecord]) -> None:
        if not records:
            return
        rows = [self._history_row(notice_id, rec) for rec in records]
        self.conn.execute(insert(t.notice_transitions), rows)

    def _next_change_seq(self) -> int:
        """A store-wide sequence of notice changes (row 0 of id_counters, locked until commit, so changes
        become visible in sequence order): screening indexes in every process follow it."""
        return self._reserve_change_seqs(1)

    def _reserve_change_seqs(self, count: int) -> int:
        """Take ``count`` consecutive change sequence numbers (one lock of row 0); return the first."""
        c = t.id_counters
        row = self.conn.execute(select(c.c.last).where(c.c.year == 0).with_for_update()).first()
        if row is None:
            try:
                with self.conn.begin_nested():
                    self.conn.execute(insert(c).values(year=0, last=count))
                return 1
            except IntegrityError:
                row = self.conn.execute(select(c.c.last).where(c.c.year == 0).with_for_update()).one()
        self.conn.execute(update(c).where(c.c.year == 0).values(last=row.last + count))
        return int(row.last) + 1

    def changed_since(self, seq: int, limit: int = 5000) -> list[tuple[Notice, int]]:
        n = t.notices
        rows = self.conn.execute(
            select(n).where(n.c.change_seq > seq).order_by(n.c.change_seq).limit(limit)
        ).all()
        return [(self._row_to_notice(r, with_history=False), int(r.change_seq)) for r in rows]

    def in_force(self, batch: int = 5000) -> Iterator[tuple[Notice, int]]:
        """Every notice in force, with its change sequence number, in batches (index building)."""
        n = t.notices
        last = ""
        while True:
            rows = self.conn.execute(
                select(n).where(_in_force_clause(), n.c.id > last).order_by(n.c.id).limit(batch)
            ).all()
            if not rows:
                return
            for r in rows:
                yield self._row_to_notice(r, with_history=False), int(r.change_seq)
            last = rows[-1].id

    def max_change_seq(self) -> int:
        return int(self.conn.execute(select(func.coalesce(func.max(t.notices.c.change_seq), 0))).scalar_one())

    def add(self, notice: Notice) -> None:
        values = self._columns(notice)
        values["change_seq"] = self._next_change_seq()
        values.update(
            id=notice.id,
            version=notice.version,
            created_at=notice.created_at or utcnow(),
            created_by=notice.created_by,
        )
        try:
            with self.conn.begin_nested():
                self.conn.execute(insert(t.notices).values(**values))
        except IntegrityError as exc:
            raise Conflict("a notice with id %(notice_id)s already exists", notice_id=notice.id) from exc
        self._insert_history(notice.id, notice.history)
        self._write_derived([notice], replace=False)

    def existing_ids(self, ids: Collection[str]) -> set[str]:
        """Which of ``ids`` are stored already (one query per thousand ids)."""
        wanted, found = list(ids), set[str]()
        for start in range(0, len(wanted), 1000):
            chunk = wanted[start : start + 1000]
            found.update(self.conn.execute(select(t.notices.c.id).where(t.notices.c.id.in_(chunk))).scalars())
        return found

    def add_many(self, notices: Sequence[Notice]) -> None:
        """Insert new notices and their histories, one statement per table, change sequence numbers in
        the given order. Raise Conflict, leaving the transaction usable and none of them written, if any
        id is stored already."""
        if not notices:
            return
        first = self._reserve_change_seqs(len(notices))
        rows = []
        for offset, notice in enumerate(notices):
            values = self._columns(notice)
            values.update(
                id=notice.id,
                version=notice.version,
                created_at=notice.created_at or utcnow(),
                created_by=notice.created_by,
                change_seq=first + offset,
            )
            rows.append(values)
        try:
            with self.conn.begin_nested():
                insert_rows(self.conn, t.notices, rows)
        except IntegrityError as exc:
            raise Conflict("a notice with one of these ids already exists") from exc
        history = [self._history_row(notice.id, rec) for notice in notices for rec in notice.history]
        insert_rows(self.conn, t.notice_transitions, history)
        self._write_derived(notices, replace=False)

    def save(self, notice: Notice, expected_version: int, new_records: list[TransitionRecord]) -> None:
        values = self._columns(notice)
        values["version"] = expected_version + 1
        values["change_seq"] = self._next_change_seq()
        res = self.conn.execute(
            update(t.notices)
            .where(t.notices.c.id == notice.id, t.notices.c.version == expected_version)
            .values(**values)
        )
        if res.rowcount != 1:
            raise Conflict(
                "notice %(notice_id)s was changed by someone else (you had version %(version)s); "
                "reload it and decide again",
                notice_id=notice.id,
                version=expected_version,
            )
        notice.version = expected_version + 1
        self._insert_history(notice.id, new_records)
        self._write_derived([notice], replace=True)

    def _write_derived(self, notices: Sequence[Notice], replace: bool) -> None:
        """Keep the indexed forms in step with the notices just written, in the same transaction: their
        keys (nationalities, identity tokens, relations) and, for public extracts, the public search
        terms. A search never builds them (issue 18)."""
        ids = [notice.id for notice in notices]
        if replace:
            for start in range(0, len(ids), 1000):
                chunk = ids[start : start + 1000]
                k = t.notice_keys
                self.conn.execute(delete(k).where(k.c.notice_id.in_(chunk), k.c.kind.in_(NOTICE_KINDS)))
                self.conn.execute(delete(public_terms).where(public_terms.c.notice_id.in_(chunk)))
        insert_rows(self.conn, t.notice_keys, [row for notice in notices for row in key_rows(notice)])
        insert_rows(self.conn, public_terms, [row for notice in notices for row in public_term_rows(notice)])

    def next_id(self, year: int) -> str:
        c = t.id_counters
        row = self.conn.execute(select(c.c.last).where(c.c.year == year).with_for_update()).first()
        last = row.last if row else 0
        while True:
            last += 1
            candidate = f"{year}/{last:05d}"
            if self.conn.execute(select(t.notices.c.id).where(t.notices.c.id == candidate)).first() is None:
                break
        if row is None:
            try:
                with self.conn.begin_nested():
                    self.conn.execute(insert(c).values(year=year, last=last))
            except IntegrityError as exc:
                raise Conflict("another request took the same number at the same moment; try again") from exc
        else:
            self.conn.execute(update(c).where(c.c.year == year).values(last=last))
        return candidate


class SqlReviewRepository:
    def __init__(self, conn: Connection, notices: SqlNoticeRepository) -> None:
        self.conn = conn
        self.notices = notices

    def add_check(self, check: StoredCheck) -> None:
        self.conn.execute(
            insert(t.compliance_checks).values(
                notice_id=check.notice_id,
                notice_version=check.notice_version,
                checked_at=check.checked_at,
                verdict=check.verdict,
                risk=check.risk,
                result=check.result,
            )
        )
        self.conn.execute(
            update(t.notices)
            .where(t.notices.c.id == check.notice_id)
            .values(verdict=check.verdict, risk=check.risk)
        )
        # The queue filters by the ICCS sections of the latest check: stored with it, not read per request.
        k = t.notice_keys
        self.conn.execute(delete(k).where(k.c.notice_id == check.notice_id, k.c.kind == SECTION))
        insert_rows(self.conn, k, section_rows(check.notice_id, iccs_sections(check)))

    @staticmethod
    def _check(row: Any) -> StoredCheck:
        return StoredCheck(
            row.notice_id, row.notice_version, row.checked_at, row.verdict, row.risk, row.result
        )

    def latest_check(self, notice_id: str) -> StoredCheck | None:
        c = t.compliance_checks
        row = self.conn.execute(
            select(c).where(c.c.notice_id == notice_id).order_by(c.c.id.desc()).limit(1)
        ).first()
        return None if row is None else self._check(row)

    def add_record(self, record: ReviewRecord) -> None:
        self.conn.execute(
            insert(t.review_records).values(
                notice_id=record.notice_id,
                kind=record.kind.value,
                code=record.code,
                actor=record.actor,
                actor_role=record.actor_role.value,
                at=record.at,
                text=record.text,
                data=record.data,
            )
        )

    def records(self, notice_id: str) -> list[ReviewRecord]:
        r = t.review_records
        rows = self.conn.execute(select(r).where(r.c.notice_id == notice_id).order_by(r.c.id))
        return [
            ReviewRecord(
                x.notice_id, RecordKind(x.kind), x.code, x.actor, Role(x.actor_role), x.at, x.text, x.data
            )
            for x in rows
        ]

    def queue(self, limit: int, offset: int) -> list[tuple[Notice, StoredCheck | None]]:
        rows = self.conn.execute(
            select(t.notices)
            .where(t.waiting(self.conn.dialect.name))
            .order_by(*t.QUEUE_ORDER)
            .offset(offset)
            .limit(limit)
        ).all()
        latest = self.latest_checks([row.id for row in rows])
        return [(self.notices._row_to_notice(row, with_history=False), latest.get(row.id)) for row in rows]

    def latest_checks(self, notice_ids: Sequence[str]) -> dict[str, StoredCheck]:
        """The latest check of each notice, in one query (a queue page, not one query per row)."""
        c = t.compliance_checks
        out: dict[str, StoredCheck] = {}
        if notice_ids:
            for row in self.conn.execute(select(c).where(c.c.notice_id.in_(notice_ids)).order_by(c.c.id)):
                out[row.notice_id] = self._check(row)
        return out

    def queue_page(
        self,
        flt: QueueFilter,
        submitted_before: datetime | None,
        limit: int,
        offset: int,
        after: str | None = None,
        before: str | None = None,
    ) -> QueuePage:
        """The filtered queue walks a partial index of the waiting requests in queue order (by country,
        ``ix_notices_queue_country``) and stops at the page; the total is bounded (counts.py). A cursor
        starts the walk at its row (keyset on ``risk DESC, submitted_at, id``)."""
        n = t.notices
        where: list[Any] = [t.waiting(self.conn.dialect.name)]
        if flt.states:
            where.append(n.c.state.in_([s.value for s in flt.states]))
        if flt.country:
            where.append(n.c.requesting_country == flt.country)
        if flt.min_risk is not None:
            where.append(n.c.risk >= flt.min_risk)
        if submitted_before is not None:
            where.append(n.c.submitted_at <= submitted_before)
        if flt.iccs_section:
            where.append(has_key(SECTION, flt.iccs_section))
        ref = None
        if flt.text:
            ref = notice_id_from_ref(flt.text.strip())
            if ref is not None:
                where.append(n.c.id == ref)
            else:
                for term in fold(flt.text).split():
                    where.append(n.c.search_names.contains(term, autoescape=True))
        cond = and_(*where)
        whole = None if len(where) > 1 else "ix_notices_queue_waiting"
        # Names are counted from their trigram index (stopping at the bound), as internal lists are; on
        # SQLite from the waiting requests' names alone (0023, a covering partial index: 6 against 130 ms
        # at 700,000 notices), named because SQLite prefers the queue's other partial indexes.
        by_name = bool(flt.text) and ref is None
        counted = select(literal(1)).select_from(n).where(cond).order_by(*(() if flt.text else t.QUEUE_ORDER))
        if by_name:
            counted = counted.with_hint(n, f"INDEXED BY {t.QUEUE_NAMES}", "sqlite")
        total = counts.count(self.conn, counted, self.notices.max_change_seq, whole)
        page = select(n).where(cond)
        order: tuple[Any, ...] = t.QUEUE_ORDER
        if after is not None:
            page = page.where(_queue_keyset(after, self.conn.dialect.name, forward=True))
        if before is not None:
            page = page.where(_queue_keyset(before, self.conn.dialect.name, forward=False))
            order = (n.c.risk, n.c.submitted_at.desc(), n.c.id.desc())
        page = page.order_by(*order).offset(offset).limit(limit + 1)
        if flt.iccs_section and not flt.text:
            # Walk the queue's index probing each request's section key (half the queue has a common
            # section): stop at the page rather than join every request of that section and sort them.
            with counts.nested_loops(self.conn):
                rows = self.conn.execute(page).all()
        else:
            rows = self.conn.execute(page).all()
        more = len(rows) > limit
        rows = list(reversed(rows[:limit])) if before is not None else list(rows[:limit])
        following = _queue_cursor(rows[-1]) if rows and (more or before is not None) else None
        preceding = None
        if rows and ((more and before is not None) or after is not None or offset):
            preceding = _queue_cursor(rows[0])
        latest = self.latest_checks([row.id for row in rows])
        items = [(self.notices._row_to_notice(row, with_history=False), latest.get(row.id)) for row in rows]
        return QueuePage(
            items,
            total.value,
            offset,
            limit,
            total_exact=total.exact,
            next_after=following,
            prev_before=preceding,
        )

    def decisions_by_country(self, country: str) -> tuple[int, int]:
        r, n = t.review_records, t.notices
        decision = r.c.data["decision"].as_string()
        q = (
            select(func.count(), func.sum(case((decision.in_(["refuse", "purge"]), 1), else_=0)))
            .select_from(r.join(n, n.c.id == r.c.notice_id))
            .where(
                r.c.kind == RecordKind.DECISION.value,
                n.c.requesting_country == country,
                decision.in_(["publish", "refuse", "confirm_compliant", "purge"]),
            )
        )
        decided, refused = self.conn.execute(q).one()
        return int(decided or 0), int(refused or 0)

    def relation_count(self, notice_id: str, exclude_id: str | None = None) -> int:
        """How many requests name this notice as a relation (RN-18: repeated targeting of a circle)."""
        k = t.notice_keys
        q = select(func.count()).select_from(k).where(k.c.kind == RELATION, k.c.key == short_key(notice_id))
        if exclude_id is not None:
            q = q.where(k.c.notice_id != exclude_id)
        return int(self.conn.execute(q).scalar_one())

    def political_events(self, country: str) -> list[tuple[str, date, str]]:
        e = t.political_events
        rows = self.conn.execute(
            select(e.c.kind, e.c.on, e.c.description).where(e.c.country == country).order_by(e.c.on)
        )
        return [(r.kind, r.on, r.description) for r in rows]

    def add_political_event(
        self, country: str, kind: str, on: date, description: str, by: str, at: datetime
    ) -> None:
        self.conn.execute(
            insert(t.political_events).values(
                country=country, kind=kind, on=on, description=description, recorded_by=by, recorded_at=at
            )
        )

    def identity_candidates(self, subject: Subject, states: tuple[State, ...]) -> list[Notice]:
        """Notices in ``states`` that may be the same person: born the same year (or unknown), sharing as
        many name tokens as a match needs. The caller confirms identity (``same_person``)."""
        n, k = t.notices, t.notice_keys
        keys = name_keys(subject)
        tokens = sorted({short_key(tok) for key in keys for tok in key})
        if not tokens:
            return []
        # The identity keys (notice_keys, kind "tok") by index: notices sharing enough tokens, born the same
        # year or of unknown birth, without reading any other notice (issue 18).
        sharing: Any = select(k.c.notice_id).where(k.c.kind == TOKEN, k.c.key.in_(tokens))
        if subject.date_of_birth is not None:
            # Two ranges of the index (that year; unknown), not "year OR NULL", which the index cannot
            # bound: it read every notice holding a token, whatever its year (35,044 keys for 622 at 700,000).
            year = subject.date_of_birth.year
            born = union_all(sharing.where(k.c.birth_year == year), sharing.where(k.c.birth_year.is_(None)))
            sharing = select(born.subquery().c.notice_id)
        keyed = sharing.selected_columns.notice_id
        sharing = sharing.group_by(keyed).having(func.count() >= min_shared_tokens(keys))
        q = select(n).where(n.c.id.in_(sharing), n.c.state.in_([s.value for s in states]))
        return [
            self.notices._row_to_notice(row, with_history=False) for row in self.conn.execute(q.limit(2000))
        ]


class SqlUnitOfWork:
    """Opens one transaction; ``commit()`` makes it stick, leaving the block without it rolls back."""

    def __init__(
        self, engine: Engine, clock: Callable[[], datetime] = utcnow, read_only: bool = False
    ) -> None:
        self.engine = engine
        self.clock = clock
        self.read_only = read_only
        """Only reads: on SQLite it takes no write lock (and cannot commit)."""
        self._conn: Connection | None = None

    def __enter__(self) -> SqlUnitOfWork:
        self._conn = self.engine.connect()
        if self.read_only:
            self._conn.execution_options(**{READ_ONLY: True})
        self._tx = self._conn.begin()
        self.notices = SqlNoticeRepository(self._conn)
        self.users = SqlUserRepository(self._conn)
        self.audit = SqlAuditLog(self._conn)
        self.reviews = SqlReviewRepository(self._conn, self.notices)
        self.redress = SqlRedressRepository(self._conn)
        self.screening = SqlScreeningRepository(self._conn)
        self.public = SqlPublicRepository(self._conn)
        self.after_hit = SqlAfterHitRepository(self.connection)
        self.figures = SqlFiguresRepository(self.connection)
        self.public_figures = SqlPublicFiguresTables(self.connection)
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._conn is not None
        try:
            if self._tx.is_active:
                self._tx.rollback()
        finally:
            self._conn.close()
            self._conn = None

    @property
    def connection(self) -> Connection:
        assert self._conn is not None, "use the unit of work in a with-block"
        return self._conn

    def commit(self) -> None:
        if self.read_only:
            raise RuntimeError("a read-only unit of work cannot commit")
        self._tx.commit()

    def rollback(self) -> None:
        self._tx.rollback()
