"""List pages at size: p50/p99 of each list query against the same query as it was before issue 18.

`python -m benchmarks --only lists --list-sizes 70000,700000` (both stores; PostgreSQL at
``REDNOTICE_BENCH_POSTGRES_URL``). Each store is seeded once (``benchmarks.seed``: batches, progress in
the log) into ``$REDNOTICE_BENCH_DIR`` (SQLite, default /tmp/rednotice-bench) or the schema
``rn_bench_lists_<n>`` (PostgreSQL) and reused by later runs, so 700,000 notices are seeded once.

The baseline of each query is the old path on the same store: ``count(*)`` of every match plus
``OFFSET``, nationality as ``LIKE '%,RU,%'``, identity tokens as ``LIKE '%|tok|%'`` over the notices; for
the review queue, every waiting request loaded and sorted, the ICCS section read from each one's latest
check, the page cut in Python (``services.review.queue_search`` before migration 0020); for an internal
list's deep page, ``OFFSET`` against the cursor (``NoticeFilter.after``). The seeder stores no compliance
checks: each waiting request gets one here (a risk and one or two ICCS sections) and a submission time.
Measured in process through the repositories, one transaction a call (what a request pays). The first
call is reported apart ("first"): on SQLite it pays the exact count of a list of more than 1,000
(adapters/db/counts.py), which later calls reuse until a notice changes; p50/p99 are of the calls after
it, on a store that does not change meanwhile (the usual case: searches far outnumber changes).
"""

from __future__ import annotations

import logging
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, and_, case, exists, func, literal, or_, select, text, update

from benchmarks.seed import seed
from rednotice.adapters.db import counts
from rednotice.adapters.db import tables as t
from rednotice.adapters.db.engine import make_engine
from rednotice.adapters.db.migrate import upgrade
from rednotice.adapters.db.store import SqlNoticeRepository, SqlReviewRepository, SqlUnitOfWork, fold
from rednotice.adapters.db.tables_public import public_terms
from rednotice.domain.compliance.identity import min_shared_tokens, name_keys
from rednotice.domain.lifecycle import Notice, State
from rednotice.domain.model import NoticeType, Subject, notice_id_from_ref
from rednotice.domain.users import Actor, Role
from rednotice.services.compliance import OUTCOME_OF_STATE, check_in_store
from rednotice.services.notices import ListPage
from rednotice.services.ports import NoticeFilter
from rednotice.services.public import NAME, TEXT, PublicQuery, like_escape
from rednotice.services.review import QueueFilter, StoredCheck, iccs_sections
from rednotice.services.similar import charge_words, person_key, similar_decisions

POSTGRES = os.environ.get("REDNOTICE_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
BENCH_DIR = Path(os.environ.get("REDNOTICE_BENCH_DIR", Path(tempfile.gettempdir()) / "rednotice-bench"))
RUNS = 40
BUDGET_S = 30.0
TODAY = date(2026, 12, 5)
SIMILAR_STATES = (State.PUBLISHED, State.REFUSED, State.REVIEWED_COMPLIANT, State.PURGED)
log = logging.getLogger("benchmarks.lists")


# -- stores, seeded once


def _engine(store: str, n: int) -> Engine:
    if store == "sqlite":
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        return make_engine(f"sqlite:///{BENCH_DIR}/lists-{n}.sqlite3")
    schema = f"rn_bench_lists_{n}"
    admin = make_engine(POSTGRES)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA IF NOT EXISTS {schema}"))
    admin.dispose()
    return make_engine(f"{POSTGRES}?options=-csearch_path%3D{schema}")


def seeded(store: str, n: int) -> Engine:
    engine = _engine(store, n)
    upgrade(engine)
    with engine.connect() as conn:
        have = conn.execute(select(func.count()).select_from(t.notices)).scalar_one()
    if have != n:
        if have:
            raise SystemExit(f"{engine.url} holds {have:,} notices, not {n:,}: remove it first")
        started = time.perf_counter()
        seed(engine, n, batch=5000)
        log.info("seeded %s notices into %s in %.0f s", f"{n:,}", store, time.perf_counter() - started)
    _check_waiting(engine)
    # What autovacuum does after a load: statistics, and the visibility map index-only scans rely on.
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    else:
        # In a transaction: the engine begins one on SQLite whatever the isolation level says, and an
        # ANALYZE left in it was rolled back (no sqlite_stat1: the public list then sorted every extract).
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    return engine


SECTIONS = ("01", "03", "07", "11")


def _check_waiting(engine: Engine) -> None:
    """Give each waiting request a submission time and a compliance check (risk 0-50, one or two ICCS
    sections), as submitting it would have; once per store (skipped when checks are stored)."""
    with SqlUnitOfWork(engine) as uow:
        conn = uow.connection
        if conn.execute(select(t.compliance_checks.c.id).limit(1)).first() is not None:
            return
        n = t.notices
        started = time.perf_counter()
        ids = list(conn.execute(select(n.c.id, n.c.created_at).where(t.WAITING).order_by(n.c.id)))
        reviews = SqlReviewRepository(conn, uow.notices)
        for i, (notice_id, created) in enumerate(ids):
            conn.execute(
                update(n).where(n.c.id == notice_id).values(submitted_at=created + timedelta(days=1))
            )
            charges = [{"iccs": {"section": SECTIONS[i % 4]}}, {"iccs": {"section": SECTIONS[i % 3]}}]
            at = datetime(2026, 12, 5, tzinfo=UTC)
            reviews.add_check(
                StoredCheck(notice_id, 1, at, "review", (i * 7) % 51, {"analysis": {"charges": charges}})
            )
        uow.commit()
        log.info("checked %s waiting requests in %.0f s", f"{len(ids):,}", time.perf_counter() - started)


# -- the old paths (before issue 18), on the same store


def _old_public(conn: Any, query: PublicQuery) -> int:
    n = t.notices
    where: list[Any] = [
        n.c.type == NoticeType.RED_NOTICE.value,
        n.c.state == State.PUBLISHED.value,
        n.c.public_extract.is_(True),
    ]
    pt = public_terms
    if query.name is not None:
        where.append(
            exists().where(
                pt.c.notice_id == n.c.id, pt.c.field == NAME, pt.c.value.like(query.name.like, escape="\\")
            )
        )
    for word in query.free_text:
        like = f"%{like_escape(word)}%"
        where.append(
            exists().where(pt.c.notice_id == n.c.id, pt.c.field == TEXT, pt.c.value.like(like, escape="\\"))
        )
    if query.nationality:
        where.append(n.c.nationalities.contains(f",{query.nationality},", autoescape=True))
    cond = and_(*where)
    total = conn.execute(select(func.count()).select_from(n).where(cond)).scalar_one()
    conn.execute(
        select(n.c.id, n.c.family_name, n.c.given_names, n.c.date_of_birth, n.c.nationalities)
        .where(cond)
        .order_by(n.c.published_at.desc().nulls_last(), n.c.id.desc())
        .offset(query.offset)
        .limit(query.per_page)
    ).all()
    return int(total)


def _old_find(conn: Any, flt: NoticeFilter) -> int:
    n = t.notices
    where: list[Any] = []
    if flt.states:
        where.append(n.c.state.in_([s.value for s in flt.states]))
    if flt.requesting_country:
        where.append(n.c.requesting_country == flt.requesting_country)
    if flt.nationality:
        where.append(n.c.nationalities.contains(f",{flt.nationality},", autoescape=True))
    if flt.name:
        for term in fold(flt.name).split():
            where.append(n.c.search_names.contains(term, autoescape=True))
    cond = and_(True, *where)
    total = conn.execute(select(func.count()).select_from(n).where(cond)).scalar_one()
    rows = conn.execute(
        select(n).where(cond).order_by(n.c.updated_at.desc(), n.c.id).offset(flt.offset).limit(flt.limit)
    ).all()
    repo = SqlNoticeRepository(conn)
    [repo._row_to_notice(r, with_history=False) for r in rows]  # as find() does
    return int(total)


def _old_identity(conn: Any, subject: Subject, states: tuple[State, ...]) -> int:
    n = t.notices
    keys = name_keys(subject)
    tokens = sorted({tok for key in keys for tok in key})
    shared = sum(
        (case((n.c.identity_tokens.contains(f"|{tok}|", autoescape=True), 1), else_=0) for tok in tokens),
        start=literal(0),
    )
    q = select(n).where(n.c.state.in_([s.value for s in states]), shared >= min_shared_tokens(keys))
    if subject.date_of_birth is not None:
        q = q.where(or_(n.c.birth_year.is_(None), n.c.birth_year == subject.date_of_birth.year))
    return len(conn.execute(q.limit(2000)).all())


def _old_queue(conn: Any, flt: QueueFilter, before: datetime | None, limit: int, offset: int) -> int:
    """``review.queue_search`` as it was: every waiting request matching the columns, loaded and sorted;
    the ICCS section from each one's latest check; the page cut in Python, its checks read one by one."""
    n = t.notices
    waiting = or_(
        and_(
            n.c.type == NoticeType.RED_NOTICE.value,
            n.c.state.in_([State.SUBMITTED.value, State.UNDER_REVIEW.value]),
        ),
        and_(n.c.type == NoticeType.WANTED_PERSON_DIFFUSION.value, n.c.state == State.UNREVIEWED.value),
    )
    where: list[Any] = [waiting]
    if flt.country:
        where.append(n.c.requesting_country == flt.country)
    if flt.min_risk is not None:
        where.append(n.c.risk >= flt.min_risk)
    if before is not None:
        where.append(n.c.submitted_at <= before)
    if flt.text:
        ref = notice_id_from_ref(flt.text.strip())
        if ref is not None:
            where.append(n.c.id == ref)
        else:
            for term in fold(flt.text).split():
                where.append(n.c.search_names.contains(term, autoescape=True))
    rows = conn.execute(select(n).where(*where).order_by(n.c.risk.desc(), n.c.submitted_at, n.c.id)).all()
    repo = SqlNoticeRepository(conn)
    reviews = SqlReviewRepository(conn, repo)
    notices = [repo._row_to_notice(r, with_history=False) for r in rows]
    checks = {}
    if flt.iccs_section:
        checks = {x.id: reviews.latest_check(x.id) for x in notices}
        notices = [x for x in notices if flt.iccs_section in iccs_sections(checks[x.id])]
    page = notices[offset : offset + limit]
    [checks[x.id] if x.id in checks else reviews.latest_check(x.id) for x in page]
    return len(notices)


def _old_queue_page(conn: Any, limit: int, offset: int) -> int:
    """``reviews.queue`` as it was: the waiting condition with bound values. On SQLite no partial index
    serves it; PostgreSQL plans it with the values and walks ``ix_notices_queue_waiting`` all the same, so
    there the ratio compares the code alone, not the indexes before migration 0020."""
    n = t.notices
    waiting = or_(
        and_(
            n.c.type == NoticeType.RED_NOTICE.value,
            n.c.state.in_([State.SUBMITTED.value, State.UNDER_REVIEW.value]),
        ),
        and_(n.c.type == NoticeType.WANTED_PERSON_DIFFUSION.value, n.c.state == State.UNREVIEWED.value),
    )
    rows = conn.execute(
        select(n)
        .where(waiting)
        .order_by(n.c.risk.desc(), n.c.submitted_at, n.c.id)
        .offset(offset)
        .limit(limit)
    ).all()
    repo = SqlNoticeRepository(conn)
    latest = SqlReviewRepository(conn, repo).latest_checks([r.id for r in rows])
    [(repo._row_to_notice(r, with_history=False), latest.get(r.id)) for r in rows]  # as queue() does
    return len(rows)


def _old_similar(conn: Any, notice: Notice) -> int:
    """``services.similar.similar_decisions`` as it was (its audit event left out): the country's latest 100
    decided notices by ``find`` (counted, every one decoded), compared by their charges' words and names."""
    flt = NoticeFilter(states=SIMILAR_STATES, requesting_country=notice.requesting_country, limit=100)
    words, person = charge_words(notice), person_key(notice)
    found = []
    for other in SqlNoticeRepository(conn).find(flt).items:
        shared = words & charge_words(other)
        theirs = person_key(other)
        if other.id != notice.id and (
            shared or (theirs[:2] == person[:2] and theirs[2] in (person[2], None))
        ):
            found.append(other)
    return len(found)


# -- timing


def _timed(engine: Engine, fn: Callable[[SqlUnitOfWork], object], runs: int) -> tuple[float, float, float]:
    """p50 and p99 in ms of ``fn`` in a read-only unit of work, and the first call's ms (apart). Calls stop
    early (at least one after the first) once they have taken ``BUDGET_S``: an old path taking seconds a
    call at 700,000 notices is not called 10 times per list."""
    counts._cache.clear()
    samples: list[float] = []
    began = time.perf_counter()
    for _ in range(runs + 1):
        if len(samples) >= 2 and time.perf_counter() - began > BUDGET_S:
            break
        start = time.perf_counter()
        with SqlUnitOfWork(engine, read_only=True) as uow:
            fn(uow)
        samples.append((time.perf_counter() - start) * 1000)
    first, rest = samples[0], sorted(samples[1:])
    return statistics.median(rest), rest[min(len(rest) - 1, round(0.99 * (len(rest) - 1)))], first


Case = tuple[Callable[[SqlUnitOfWork], object], Callable[[Any], object] | None]
"""The new path (through the repositories) and the old one (SQL on the connection), if there was one."""


def _cases(engine: Engine) -> dict[str, Case]:
    with SqlUnitOfWork(engine, read_only=True) as uow:
        sample = uow.notices.get("2020/000500")
    assert sample is not None
    subject = sample.request.subject
    fr = Actor("bench-fr", Role.NCB_OFFICER, "FR")

    def public(**params: str) -> PublicQuery:
        return PublicQuery.parse(params)

    queries = {
        "public list, page 1": public(),
        "public list, page 50": public(page="50"),
        "public list, nationality RU": public(nationality="RU"),
        "public list, name ^IVANOV (anchored)": public(name="^IVANOV"),
        "public list, freeText khan": public(freeText="khan"),
        "public list, name + age 30-50": public(freeText="khan", ageMin="30", ageMax="50"),
    }
    filters = {
        "internal list, reviewer, page 1": NoticeFilter(limit=50),
        "internal list, NCB FR sees": NoticeFilter(limit=50, visible_to=fr),
        "internal list, name ivanov": NoticeFilter(name="ivanov", limit=50),
        "internal list, nationality RU, published": NoticeFilter(
            nationality="RU", states=(State.PUBLISHED,), limit=50
        ),
    }
    out: dict[str, Case] = {}
    for name, q in queries.items():
        out[name] = (
            lambda uow, q=q: uow.public.search_page(q, TODAY),
            lambda conn, q=q: _old_public(conn, q),
        )
    for name, f in filters.items():
        old_f = NoticeFilter(**{k: getattr(f, k) for k in f.__dataclass_fields__ if k != "visible_to"})
        out[name] = (
            lambda uow, f=f: uow.notices.find(f),
            None if f.visible_to is not None else (lambda conn, f=old_f: _old_find(conn, f)),
        )
    states = tuple(OUTCOME_OF_STATE)
    out["identity candidates (compliance history)"] = (
        lambda uow: uow.reviews.identity_candidates(subject, states),
        lambda conn: _old_identity(conn, subject, states),
    )
    out["review queue, 50"] = (
        lambda uow: uow.reviews.queue(50, 0),
        lambda conn: _old_queue_page(conn, 50, 0),
    )
    before = datetime(2026, 12, 5, tzinfo=UTC) - timedelta(days=365 * 3)
    queues: dict[str, tuple[QueueFilter, datetime | None, int]] = {
        "review queue (filtered page), page 1": (QueueFilter(), None, 0),
        "review queue, page 10": (QueueFilter(), None, 180),
        "review queue, country FR": (QueueFilter(country="FR"), None, 0),
        "review queue, risk >= 40": (QueueFilter(min_risk=40), None, 0),
        "review queue, waiting > 3 years": (QueueFilter(), before, 0),
        "review queue, ICCS 07": (QueueFilter(iccs_section="07"), None, 0),
        "review queue, ICCS 03 + country RU": (QueueFilter(iccs_section="03", country="RU"), None, 0),
        "review queue, name ivanov": (QueueFilter(text="ivanov"), None, 0),
    }
    for name, (qf, qb, qo) in queues.items():
        out[name] = _queue_case(qf, qb, qo)
    deep = NoticeFilter(limit=50, offset=50 * 49)
    with SqlUnitOfWork(engine, read_only=True) as uow:
        previous = uow.notices.find(NoticeFilter(limit=50, offset=50 * 48))
    assert isinstance(previous, ListPage) and previous.next_after is not None
    cursor = NoticeFilter(limit=50, after=previous.next_after)
    out["internal list, page 50 by cursor (old: by offset)"] = (
        lambda uow: uow.notices.find(cursor),
        lambda conn: _old_find(conn, deep),
    )
    back = NoticeFilter(limit=50, before=previous.next_after)
    out["internal list, page 49 backwards by cursor (Previous; old: by offset)"] = (
        lambda uow: uow.notices.find(back),
        lambda conn: _old_find(conn, NoticeFilter(limit=50, offset=50 * 48)),
    )
    for page in (10, 100):
        after = _queue_cursor_of(engine, QueueFilter(), page)
        out[f"review queue, page {page} by cursor (old: OFFSET {20 * (page - 1):,} in the index)"] = (
            lambda uow, after=after: uow.reviews.queue_page(QueueFilter(), None, 20, 0, after),
            lambda conn, page=page: _queue_by_offset(conn, QueueFilter(), 20 * (page - 1)),
        )
    sect = QueueFilter(iccs_section="07")
    after = _queue_cursor_of(engine, sect, 10)
    out["review queue, ICCS 07, page 10 by cursor (old: OFFSET 180 in the index)"] = (
        lambda uow: uow.reviews.queue_page(sect, None, 20, 0, after),
        lambda conn: _queue_by_offset(conn, sect, 180),
    )
    out["compliance check with store context"] = (lambda uow: check_in_store(uow, sample), None)
    reviewer = Actor("bench-reviewer", Role.REVIEWER)
    # The service opens its own unit of work (it audits the search); the one _timed opens stays unused.
    out["similar decisions (the reviewer's box: latest 100 decided of the country)"] = (
        lambda uow: similar_decisions(sample, reviewer, SqlUnitOfWork(engine)),
        lambda conn: _old_similar(conn, sample),
    )
    return out


def _queue_cursor_of(engine: Engine, flt: QueueFilter, page: int) -> str:
    """The cursor a reviewer's Next link carries to page ``page`` of the queue (walked by cursor)."""
    after = None
    with SqlUnitOfWork(engine, read_only=True) as uow:
        for _ in range(page - 1):
            after = uow.reviews.queue_page(flt, None, 20, 0, after).next_after
            assert after is not None
    assert after is not None
    return after


def _queue_by_offset(conn: Any, flt: QueueFilter, offset: int) -> object:
    """The queue's page by OFFSET on the same index (the pages' paging before cursors)."""
    return SqlReviewRepository(conn, SqlNoticeRepository(conn)).queue_page(flt, None, 20, offset)


def _queue_case(flt: QueueFilter, before: datetime | None, offset: int) -> Case:
    def new(uow: SqlUnitOfWork) -> object:
        return uow.reviews.queue_page(flt, before, 20, offset)

    def old(conn: Any) -> object:
        return _old_queue(conn, flt, before, 20, offset)

    return new, old


def bench_lists(
    sizes: tuple[int, ...] = (70_000,),
    stores: tuple[str, ...] = ("sqlite", "postgresql"),
    only: tuple[str, ...] = (),
) -> list[dict[str, object]]:
    """Every list (``only``: those whose name contains one of these words) on each store and size."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    rows: list[dict[str, object]] = []
    for store in stores:
        for n in sizes:
            engine = seeded(store, n)
            for name, (new, old) in _cases(engine).items():
                if only and not any(word in name for word in only):
                    continue
                p50, p99, first = _timed(engine, new, RUNS)
                row: dict[str, object] = {
                    "benchmark": f"{name}, {store}, {n:,} notices",
                    "ms": p50,
                    "per_second": 1000 / p50,
                    "note": f"p99 {p99:.1f} ms, first {first:.0f} ms",
                }
                if old is not None:

                    def baseline(uow: SqlUnitOfWork, old: Callable[[Any], object] = old) -> object:
                        return old(uow.connection)

                    b50, b99, _ = _timed(engine, baseline, max(RUNS // 4, 5))
                    row.update(
                        baseline="old path (count(*) + OFFSET, LIKE scans)",
                        baseline_ms=b50,
                        ratio=p50 / b50,
                        note=f"p99 {p99:.1f} ms, first {first:.0f} ms (old p99 {b99:.1f} ms)",
                    )
                log.info("%s", row)
                rows.append(row)
            engine.dispose()
    return rows
