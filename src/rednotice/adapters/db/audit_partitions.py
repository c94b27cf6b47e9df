"""Monthly partitions of the tables that grow with every search, and the retention of search records.

On PostgreSQL, ``audit_events`` (by ``at``), ``screenings`` and ``screening_results`` (by the run's
``created_at``) are partitioned by month (migration 0019; decision 0013). Each has a partition per month
named ``<table>_pYYYY_MM`` and a ``<table>_default`` partition that takes any row no month holds yet (a
clock ahead of the maintenance job, a store restored from long ago): a write never fails for want of a
partition. ``ensure`` creates the months ahead (the migration, then ``rednotice db partitions``, daily
by cron); a month whose rows already sit in the default partition is made by moving them into it.

Retention (``rednotice db retention``) drops whole months of screening runs and their result lines,
and deletes the hits of the runs it drops. A run is kept whatever its age when someone acted on one of
its hits (an outcome recorded, a follow-up, an extradition request or refusal: case records), or while
it is queued or running; the month is then made again holding only the kept runs. Audit events are never
dropped: the chain is verified from its first event (decision 0002). On SQLite (no partitions) the same
rule deletes rows.
"""

# ruff: noqa: S608 - every name put into SQL here is a constant of this module or made from one

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Connection, text

PARTITIONED: dict[str, str] = {
    "audit_events": "at",
    "screenings": "created_at",
    "screening_results": "created_at",
}
"""Each partitioned table and the column it is partitioned by; parents before children."""

AHEAD = 3
"""Months created ahead of the current one."""

_MONTH = re.compile(r"_p(\d{4})_(\d{2})$")


def month_of(at: datetime | date) -> date:
    return date(at.year, at.month, 1)


def add_months(month: date, n: int) -> date:
    index = month.year * 12 + month.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def partition_name(table: str, month: date) -> str:
    return f"{table}_p{month.year:04d}_{month.month:02d}"


def is_partitioned(conn: Connection) -> bool:
    """Whether the store's growing tables are partitioned (PostgreSQL, migration 0019 applied)."""
    if conn.dialect.name != "postgresql":
        return False
    kind = conn.execute(
        text("SELECT c.relkind FROM pg_class c WHERE c.oid = to_regclass('audit_events')")
    ).scalar()
    return kind == "p"


def months(conn: Connection, table: str) -> list[date]:
    """The months ``table`` has a partition for, oldest first."""
    rows = conn.execute(
        text(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "WHERE i.inhparent = CAST(:t AS regclass)"
        ),
        {"t": table},
    ).scalars()
    found = []
    for name in rows:
        m = _MONTH.search(name)
        if m and name == partition_name(table, date(int(m[1]), int(m[2]), 1)):
            found.append(date(int(m[1]), int(m[2]), 1))
    return sorted(found)


def _columns(conn: Connection, table: str) -> str:
    """The table's columns, quoted, in its order (a partition's may differ from its parent's)."""
    names = list(conn.execute(text(f'SELECT * FROM "{table}" LIMIT 0')).keys())
    return ", ".join(f'"{name}"' for name in names)


def _bounds(month: date) -> tuple[str, str]:
    return month.isoformat(), add_months(month, 1).isoformat()


def create_default(conn: Connection, table: str) -> None:
    conn.execute(text(f'CREATE TABLE "{table}_default" PARTITION OF "{table}" DEFAULT'))


def ensure(conn: Connection, now: datetime, ahead: int = AHEAD, since: date | None = None) -> list[str]:
    """Create the monthly partitions from ``since`` (default: the current month) to ``ahead`` months
    after ``now``'s; return the names created. No-op where the tables are not partitioned."""
    if not is_partitioned(conn):
        return []
    first = since or month_of(now)
    last = add_months(month_of(now), ahead)
    created: list[str] = []
    have = {table: set(months(conn, table)) for table in PARTITIONED}
    month = first
    while month <= last:
        missing = [table for table in PARTITIONED if month not in have[table]]
        if missing:
            _create_month(conn, missing, month)
            created += [partition_name(table, month) for table in missing]
        month = add_months(month, 1)
    return created


def _create_month(conn: Connection, tables: list[str], month: date) -> None:
    lo, hi = _bounds(month)
    stray = {
        table: conn.execute(
            text(
                f'SELECT EXISTS (SELECT 1 FROM "{table}_default" '
                f'WHERE "{PARTITIONED[table]}" >= :lo AND "{PARTITIONED[table]}" < :hi)'
            ),
            {"lo": lo, "hi": hi},
        ).scalar_one()
        for table in tables
    }
    if not any(stray.values()):
        for table in tables:
            conn.execute(
                text(
                    f'CREATE TABLE "{partition_name(table, month)}" PARTITION OF "{table}" '
                    f"FOR VALUES FROM ('{lo}') TO ('{hi}')"
                )
            )
        return
    # Rows of this month wait in the default partitions: move them into the new month. A standalone
    # table is filled first (parents first), the rows leave the default partitions (children first, so
    # no foreign key is left pointing nowhere), then the tables are attached (parents first).
    for table in tables:
        col = PARTITIONED[table]
        name = partition_name(table, month)
        conn.execute(text(f'CREATE TABLE "{name}" (LIKE "{table}" INCLUDING DEFAULTS INCLUDING CONSTRAINTS)'))
        cols = _columns(conn, table)
        conn.execute(
            text(
                f'INSERT INTO "{name}" ({cols}) SELECT {cols} FROM "{table}_default" '
                f'WHERE "{col}" >= :lo AND "{col}" < :hi'
            ),
            {"lo": lo, "hi": hi},
        )
    for table in reversed(tables):
        col = PARTITIONED[table]
        conn.execute(
            text(f'DELETE FROM "{table}_default" WHERE "{col}" >= :lo AND "{col}" < :hi'),
            {"lo": lo, "hi": hi},
        )
    for table in tables:
        conn.execute(
            text(
                f'ALTER TABLE "{table}" ATTACH PARTITION "{partition_name(table, month)}" '
                f"FOR VALUES FROM ('{lo}') TO ('{hi}')"
            )
        )


@dataclass
class Retention:
    """What a retention pass dropped (or, dry, would drop)."""

    before: date
    months: list[str] = field(default_factory=list)
    runs: int = 0
    lines: int = 0
    hits: int = 0
    kept_runs: int = 0

    def as_dict(self) -> dict[str, object]:
        return {
            "before": self.before.isoformat(),
            "months": self.months,
            "runs": self.runs,
            "lines": self.lines,
            "hits": self.hits,
            "kept_runs": self.kept_runs,
        }


_KEEP = """
    s.status IN ('queued', 'running') OR EXISTS (
        SELECT 1 FROM screening_hits h WHERE h.screening_id = s.id AND (
            h.outcome IS NOT NULL
            OR EXISTS (SELECT 1 FROM hit_follow_ups f WHERE f.hit_id = h.id)
            OR EXISTS (SELECT 1 FROM extradition_requests r WHERE r.hit_id = h.id)
            OR EXISTS (SELECT 1 FROM extradition_refusals x WHERE x.hit_id = h.id)))
"""
"""A run whose hit someone acted on is a case record, kept whatever its age; so is a job not done."""


def retention(conn: Connection, before: date, dry_run: bool = False) -> Retention:
    """Drop the screening runs created before ``before`` (the first day of a month), their result lines
    and hits, except the runs ``_KEEP`` keeps, in one transaction (``rednotice db retention`` commits
    each month on its own: ``expired_months``, ``drop_month``, ``delete_rows``)."""
    done = Retention(_first_day(before))
    for month in expired_months(conn, before):
        drop_month(conn, month, dry_run, done)
    delete_rows(conn, before, dry_run, done)
    return done


def _first_day(before: date) -> date:
    if before != month_of(before):
        raise ValueError("retention works on whole months: give the first day of one")
    return before


def expired_months(conn: Connection, before: date) -> list[date]:
    """The monthly partitions of screening runs wholly before ``before`` (none on SQLite)."""
    _first_day(before)
    return [m for m in months(conn, "screenings") if m < before] if is_partitioned(conn) else []


def delete_rows(
    conn: Connection, before: date, dry_run: bool = False, done: Retention | None = None
) -> Retention:
    """The expired runs outside monthly partitions, deleted row by row: PostgreSQL's default partition,
    SQLite's tables."""
    done = done or Retention(_first_day(before))
    if is_partitioned(conn):
        _delete_rows(conn, "screenings_default", "screening_results_default", before, done, dry_run)
    else:
        _delete_rows(conn, "screenings", "screening_results", before, done, dry_run)
    return done


def _count(conn: Connection, sql: str, **params: object) -> int:
    return int(conn.execute(text(sql), params).scalar_one())


def drop_month(
    conn: Connection, month: date, dry_run: bool = False, done: Retention | None = None
) -> Retention:
    """Detach and drop one month of runs and result lines (PostgreSQL), deleting the hits of the runs it
    drops; the kept runs go back into the month, made again. The parent tables are locked (ACCESS
    EXCLUSIVE) from the detach to the commit: commit soon after."""
    done = done or Retention(add_months(month, 1))
    runs, lines = partition_name("screenings", month), partition_name("screening_results", month)
    total = _count(conn, f'SELECT count(*) FROM "{runs}"')
    kept = _count(conn, f'SELECT count(*) FROM "{runs}" s WHERE {_KEEP}')
    dropped_hits = _count(
        conn,
        "SELECT count(*) FROM screening_hits WHERE screening_id IN "
        f'(SELECT s.id FROM "{runs}" s WHERE NOT ({_KEEP}))',
    )
    kept_lines = _count(
        conn,
        f'SELECT count(*) FROM "{lines}" WHERE screening_id IN (SELECT s.id FROM "{runs}" s WHERE {_KEEP})',
    )
    all_lines = _count(conn, f'SELECT count(*) FROM "{lines}"')
    done.months.append(month.isoformat()[:7])
    done.runs += total - kept
    done.kept_runs += kept
    done.lines += all_lines - kept_lines
    done.hits += dropped_hits
    if dry_run:
        return done
    lo, hi = _bounds(month)
    conn.execute(text(f'CREATE TEMP TABLE keep_runs AS SELECT s.* FROM "{runs}" s WHERE {_KEEP}'))
    conn.execute(
        text(
            f'CREATE TEMP TABLE keep_lines AS SELECT l.* FROM "{lines}" l '
            "WHERE l.screening_id IN (SELECT id FROM keep_runs)"
        )
    )
    conn.execute(
        text(
            f'DELETE FROM screening_hits WHERE screening_id IN (SELECT id FROM "{runs}") '
            "AND screening_id NOT IN (SELECT id FROM keep_runs)"
        )
    )
    for table, name in (("screening_results", lines), ("screenings", runs)):
        conn.execute(text(f'ALTER TABLE "{table}" DETACH PARTITION "{name}"'))
        conn.execute(text(f'DROP TABLE "{name}"'))
    if kept:
        for table, name in (("screenings", runs), ("screening_results", lines)):
            conn.execute(
                text(f"CREATE TABLE \"{name}\" PARTITION OF \"{table}\" FOR VALUES FROM ('{lo}') TO ('{hi}')")
            )
        for table, kept_rows in (("screenings", "keep_runs"), ("screening_results", "keep_lines")):
            cols = _columns(conn, table)
            conn.execute(text(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {kept_rows}"))
    conn.execute(text("DROP TABLE keep_runs"))
    conn.execute(text("DROP TABLE keep_lines"))
    return done


def _delete_rows(
    conn: Connection, runs: str, lines: str, before: date, done: Retention, dry_run: bool
) -> None:
    cutoff = datetime(before.year, before.month, 1)  # stored as UTC without a zone
    going = f'SELECT s.id FROM "{runs}" s WHERE s.created_at < :cutoff AND NOT ({_KEEP})'
    count = _count(conn, f"SELECT count(*) FROM ({going}) g", cutoff=cutoff)
    done.kept_runs += _count(
        conn, f'SELECT count(*) FROM "{runs}" s WHERE s.created_at < :cutoff AND ({_KEEP})', cutoff=cutoff
    )
    if not count:
        return
    done.runs += count
    done.lines += _count(
        conn, f'SELECT count(*) FROM "{lines}" WHERE screening_id IN ({going})', cutoff=cutoff
    )
    done.hits += _count(
        conn, f"SELECT count(*) FROM screening_hits WHERE screening_id IN ({going})", cutoff=cutoff
    )
    if dry_run:
        return
    conn.execute(text(f"DELETE FROM screening_hits WHERE screening_id IN ({going})"), {"cutoff": cutoff})
    conn.execute(text(f'DELETE FROM "{lines}" WHERE screening_id IN ({going})'), {"cutoff": cutoff})
    conn.execute(text(f'DELETE FROM "{runs}" WHERE id IN ({going})'), {"cutoff": cutoff})


_PARTITION_NAME = re.compile(r"_(p\d{4}_\d{2}|default)$")


def _is_partition(name: str | None) -> bool:
    return bool(name and _PARTITION_NAME.search(name) and _PARTITION_NAME.sub("", name) in PARTITIONED)


def compare_include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """For Alembic's autogenerate (``include_name``): the monthly and default partitions are made by
    this module, not declared in ``tables.py``."""
    return not (type_ == "table" and _is_partition(name))


def compare_include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """For Alembic's autogenerate (``include_object``): PostgreSQL reports a foreign key to a
    partitioned table once more for each partition it points into; only the declared one counts."""
    if type_ == "foreign_key_constraint" and reflected:
        referred = getattr(obj, "referred_table", None)
        return not _is_partition(getattr(referred, "name", None))
    return True


COMPARE_OPTS = {"include_name": compare_include_name, "include_object": compare_include_object}
"""``MigrationContext.configure(conn, opts=COMPARE_OPTS)``: compare the store with ``tables.py``."""
