"""SQL repository for the public capability (`uow.public`): public extracts, searched by the database.

Two parts:

* ``public_clause`` — the policy (``policy.is_public``) as SQL: a red notice, published, with the
  requester's consent to a public extract. Every query here starts from it.
* ``public_terms`` — folded names and charges of public extracts (see tables_public), written with the
  notice on every change (store.py ``_write_derived``). :meth:`SqlPublicRepository.sync` rebuilds what
  lags behind the notices' change sequence (migration 0018 ran it once); no search runs it, so a search
  never pays for building the projection (issue 18: 15 s for the first search after loading 70,000).

A page costs a page (issue 18): the list walks the partial index of public extracts in publication order
(``ix_notices_public_order``); names are found by trigrams on PostgreSQL (``pg_trgm``) and, anchored, by a
range of the value index on SQLite; nationality by ``notice_keys``; the total is exact up to
``counts.EXACT_UP_TO`` and beyond that estimated on PostgreSQL (``counts``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, and_, delete, exists, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from rednotice.adapters.db import counts
from rednotice.adapters.db import tables as t
from rednotice.adapters.db.bulk import insert_rows
from rednotice.adapters.db.keys import NATIONALITY, has_key, short_key
from rednotice.adapters.db.tables_public import public_sources, public_sync, public_terms
from rednotice.adapters.formats.request_json import parse_request
from rednotice.domain import policy
from rednotice.domain.dates import PartialDate
from rednotice.domain.lifecycle import Notice, State
from rednotice.domain.model import NoticeType
from rednotice.services.public import (
    FORENAME,
    NAME,
    TEXT,
    PublicQuery,
    PublicRow,
    SearchResult,
    like_escape,
    search_terms,
)

SYNC_ROW = 1
NEVER_BUILT = -1
BATCH = 1000


def public_clause() -> Any:
    """``policy.is_public`` as the partial index says it (literals, so SQLite uses the index)."""
    return t.PUBLIC_EXTRACT


def _codes(text: str | None) -> tuple[str, ...]:
    return tuple(c for c in (text or "").split(",") if c)


def _literal_prefix(like: str) -> str:
    """The literal start of a LIKE pattern (``\\`` escapes), up to its first wildcard: "" if unanchored."""
    out: list[str] = []
    i = 0
    while i < len(like):
        c = like[i]
        if c == "\\" and i + 1 < len(like):
            out.append(like[i + 1])
            i += 2
            continue
        if c in "%_":
            break
        out.append(c)
        i += 1
    return "".join(out)


class SqlPublicRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    # -- keeping the search projection in step

    def sync(self) -> int:
        """Bring ``public_terms`` up to date with ``notices``; return how many notices were re-indexed.

        Cheap when nothing changed (two indexed reads). Otherwise the sync row is locked (FOR UPDATE) so
        two searches never re-index the same notices at once; the first search on a new store builds
        the whole projection."""
        n, s = t.notices, public_sync
        row = self.conn.execute(select(s.c.seq).where(s.c.id == SYNC_ROW)).first()
        head = self._head()
        if row is not None and row.seq >= head and row.seq != NEVER_BUILT:
            return 0
        if row is None:
            try:
                with self.conn.begin_nested():
                    self.conn.execute(insert(s).values(id=SYNC_ROW, seq=NEVER_BUILT))
            except IntegrityError:
                pass  # another search created it first; the lock below waits for it
        last = self.conn.execute(select(s.c.seq).where(s.c.id == SYNC_ROW).with_for_update()).scalar_one()
        head = self._head()  # read after the lock: every change up to it has committed
        if last == NEVER_BUILT:
            self.conn.execute(delete(public_terms))
            changed = select(n).where(public_clause(), n.c.change_seq <= head)
        elif last >= head:
            return 0
        else:
            changed = select(n).where(n.c.change_seq > last, n.c.change_seq <= head)
        count = 0
        after = ""
        while True:
            rows = self.conn.execute(changed.where(n.c.id > after).order_by(n.c.id).limit(BATCH)).all()
            for r in rows:
                self._reindex(r)
            count += len(rows)
            if len(rows) < BATCH:
                break
            after = rows[-1].id
        self.conn.execute(update(s).where(s.c.id == SYNC_ROW).values(seq=max(head, 0)))
        return count

    def _head(self) -> int:
        return int(self.conn.execute(select(func.coalesce(func.max(t.notices.c.change_seq), 0))).scalar_one())

    def _reindex(self, row: Any) -> None:
        self.conn.execute(delete(public_terms).where(public_terms.c.notice_id == row.id))
        notice = Notice(id=row.id, request=parse_request(row.payload), state=State(row.state))
        if notice.type is not NoticeType.RED_NOTICE or not policy.is_public(notice):
            return
        terms = search_terms(notice.request)
        if terms:
            self.conn.execute(
                insert(public_terms),
                [
                    {"notice_id": row.id, "field": f, "position": i, "value": v}
                    for i, (f, v) in enumerate(terms)
                ],
            )

    # -- searching

    def _has_term(self, field: str, like: str) -> Any:
        pt = public_terms
        terms = [pt.c.notice_id == t.notices.c.id, pt.c.field == field, pt.c.value.like(like, escape="\\")]
        prefix = _literal_prefix(like)
        if prefix and self.conn.dialect.name == "sqlite":
            # SQLite's LIKE ignores case and so never uses a plain index; the range does, and the LIKE
            # still decides. (PostgreSQL reads the trigram index for anchored and unanchored names.)
            terms += [pt.c.value >= prefix, pt.c.value < prefix + "\U0010ffff"]
        return exists().where(*terms)

    def search(self, query: PublicQuery, today: date) -> tuple[int, list[PublicRow]]:
        result = self.search_page(query, today)
        return result.total, result.rows

    def search_page(self, query: PublicQuery, today: date) -> SearchResult:
        """The asked page and the total (exact, or estimated beyond ``counts.EXACT_UP_TO``)."""
        n = t.notices
        where: list[Any] = [public_clause()]
        # The filters the bounded count can start from (PostgreSQL): the matches of one of them, joined to
        # the notices, instead of the whole list walked in order or every match gathered and de-duplicated.
        drivers: list[tuple[Any, list[Any], Any]] = []
        terms = [(NAME, query.name.like if query.name else None)]
        terms.append((FORENAME, query.forename.like if query.forename else None))
        terms += [(TEXT, f"%{like_escape(word)}%") for word in query.free_text]
        for field, like in terms:
            if like is None:
                continue
            clause = self._has_term(field, like)
            where.append(clause)
            pt = public_terms.alias("d")
            drivers.append((pt, [pt.c.field == field, pt.c.value.like(like, escape="\\")], clause))
        if query.nationality:
            clause = has_key(NATIONALITY, query.nationality)
            where.append(clause)
            k = t.notice_keys.alias("d")
            # A public extract's nationality rows, and only theirs, have ``public_at`` (migration 0024).
            conds = [
                k.c.kind == NATIONALITY,
                k.c.key == short_key(query.nationality),
                k.c.public_at.is_not(None),
            ]
            drivers.append((k, conds, clause))
        if query.sex is not None:
            where.append(n.c.sex == query.sex.value)
        if query.warrant_country:
            where.append(n.c.requesting_country == query.warrant_country)
        if query.has_age:
            # dob is ISO text known to the year, month or day. Its earliest possible date is on or before
            # X exactly when dob <= X cut to dob's length; its latest is on or after Y when dob >= Y cut.
            dob = n.c.date_of_birth
            where.append(dob.is_not(None))
            bounds = query.age_bounds(today)
            if bounds.born_on_or_before is not None:
                where.append(dob <= func.substr(bounds.born_on_or_before, 1, func.length(dob)))
            if bounds.born_on_or_after is not None:
                where.append(dob >= func.substr(bounds.born_on_or_after, 1, func.length(dob)))
        cond = and_(*where)
        whole = "ix_notices_public_order" if len(where) == 1 else None
        # Publication order, newest first, as the partial index holds it (a published notice always has
        # its publication time, so no NULLs to place).
        order = (n.c.published_at.desc(), n.c.id.desc())
        # A name is counted from its own index (stopping at the bound), not along the publication order,
        # which would read every public extract between two matches.
        named = query.name is not None or query.forename is not None or bool(query.free_text)
        found = select(n.c.id).where(cond).order_by(*(() if named else order))
        page = (
            select(n.c.id, n.c.family_name, n.c.given_names, n.c.date_of_birth, n.c.nationalities)
            .where(cond)
            .order_by(*order)
            .offset(query.offset)
            .limit(query.per_page)
        )
        if self.conn.dialect.name != "postgresql" or not drivers:
            total = counts.count(self.conn, found, self._head, whole_list_index=whole)
            return SearchResult(total.value, self._rows(self.conn.execute(page).all()), total.exact)
        # The page too runs without parallel workers (a name's page walks the list's order for a few hundred
        # entries: starting workers cost 17 ms of 27 at 700,000 notices) and without hash joins.
        with counts.nested_loops(self.conn):
            counted = self._driven_count(drivers[0], [w for w in where if w is not drivers[0][2]])
            rows = self.conn.execute(page).all()
        if counted is None:
            total = counts.count(self.conn, found, self._head)
        elif counted <= counts.EXACT_UP_TO:
            total = counts.Total(counted)
        else:  # beyond the bound, as counts.count says it: the planner's estimate, never less than counted
            total = counts.Total(max(counts._estimate(self.conn, found, None) or 0, counted), exact=False)
        return SearchResult(total.value, self._rows(rows), total.exact)

    def _driven_count(self, driver: tuple[Any, list[Any], Any], rest: list[Any]) -> int | None:
        """The bounded count (up to ``EXACT_UP_TO + 1``) from one filter's matches (PostgreSQL; planner
        hints already set).

        The first ``EXACT_UP_TO + 1`` matching rows of the filter's table (a name's trigram index, a
        nationality's public key index), joined to their notices and the other filters, in whatever order
        the index gives them: their distinct notices are the total when fewer rows match, and more than the
        bound when every one is another notice. A 5% name at 700,000 notices so reads a thousand matches
        instead of all 14,000 (gathered and de-duplicated before counting) or the 20,000 public extracts
        among which a thousand match. None when neither holds (two names of one notice matched among the
        first rows): the caller counts as lists do."""
        table, conds, _ = driver
        n = t.notices
        bound = counts.EXACT_UP_TO + 1
        found_rows = select(table.c.notice_id.label("id")).where(*conds)
        if table.element is t.notice_keys and len(rest) == 1 and rest[0] is public_clause():
            # A nationality alone: its public rows are the public extracts of that nationality (written with
            # the notice, in its transaction), counted from their index without reading the notices.
            rows = found_rows.limit(bound).subquery()
        else:
            rows = (
                found_rows.select_from(table.join(n, n.c.id == table.c.notice_id))
                .where(*rest)
                .limit(bound)
                .subquery()
            )
        distinct, seen = self.conn.execute(select(func.count(rows.c.id.distinct()), func.count())).one()
        if distinct == bound or seen < bound:
            return int(distinct)
        return None

    @staticmethod
    def _rows(rows: Sequence[Any]) -> list[PublicRow]:
        return [
            PublicRow(
                entity_id=r.id,
                family_name=r.family_name,
                given_names=r.given_names,
                date_of_birth=PartialDate.parse(r.date_of_birth) if r.date_of_birth else None,
                nationalities=_codes(r.nationalities),
            )
            for r in rows
        ]

    def public_ids(self, after: str, limit: int) -> list[str]:
        n = t.notices
        q = select(n.c.id).where(public_clause(), n.c.id > after).order_by(n.c.id).limit(limit)
        return list(self.conn.execute(q).scalars())

    # -- INTERPOL's documents of imported notices

    def add_sources(self, documents: Sequence[tuple[str, dict[str, Any]]]) -> None:
        """Keep the documents, replacing any left over for the same id (a notice removed by hand)."""
        ids = [i for i, _ in documents]
        for start in range(0, len(ids), BATCH):
            self.conn.execute(
                delete(public_sources).where(public_sources.c.notice_id.in_(ids[start : start + BATCH]))
            )
        insert_rows(self.conn, public_sources, [{"notice_id": i, "document": d} for i, d in documents])

    def sources(self, notice_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        if not notice_ids:
            return {}
        ps = public_sources
        rows = self.conn.execute(select(ps.c.notice_id, ps.c.document).where(ps.c.notice_id.in_(notice_ids)))
        return {r.notice_id: r.document for r in rows}
