"""Issue 14, item 5: a harassment report is one row, whatever the number of notices it names, with a
random public id; the figures move by one report. Migration 0015 merges the former rows (one per notice,
sharing a public id) and splits them back on downgrade. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from alembic import command

from rednotice.adapters.db import tables_redress as tr
from rednotice.adapters.db.migrate import alembic_config, upgrade
from rednotice.bootstrap import Store
from rednotice.domain import figures as f
from rednotice.domain.users import Actor, Role
from rednotice.services import figures as fs
from rednotice.services import redress as rs
from tests.factories import make_request
from tests.store.test_redress import REV, published
from tests.store.test_redress_attacks import _report

OVERSIGHT = Actor("oversight", Role.OVERSIGHT)
SAME = {"subject.family_name": "ABADI", "subject.aliases": []}


def _three_notices(store: Store) -> list[str]:
    """One person, three notices: two from RU, one from TR."""
    return [
        published(store, **SAME, requesting_country="RU"),
        published(store, **SAME, requesting_country="RU"),
        published(store, **SAME, requesting_country="TR"),
    ]


def _rows(store: Store, table: sa.Table) -> list[Any]:
    with store.engine.connect() as conn:
        return list(conn.execute(sa.select(table)).all())


def _figures(store: Store) -> fs.Figures:
    return fs.figures(fs.FiguresQuery(None, date(2026, 1, 1)), OVERSIGHT, store.uow())


def test_a_report_naming_a_person_with_three_notices_is_one_row(store: Store) -> None:
    ids = _three_notices(store)
    subject = make_request(**SAME).subject
    stored = rs.file_harassment_report(_report(notice_id=ids[0], subject=subject), store.uow())
    assert sorted(stored.notice_ids) == sorted(ids)
    rows = _rows(store, tr.harassment_reports)
    assert len(rows) == 1 and rows[0].public_id == stored.public_id
    assert sorted(r.notice_id for r in _rows(store, tr.harassment_report_notices)) == sorted(ids)
    # each notice's review is reopened, every flag pointing at the one report
    with store.uow() as uow:
        flags = [x for x in uow.redress.flags(ids) if x.source.value == "harassment_report"]
        by_notice = [uow.redress.reports(i) for i in ids]
    assert sorted(x.notice_id for x in flags) == sorted(ids)
    assert {x.ref for x in flags} == {str(stored.id)}
    assert all([r.public_id for r in found] == [stored.public_id] for found in by_notice)
    listed = rs.harassment_reports(REV, store.uow())
    assert len(listed) == 1 and sorted(listed[0]["notice_ids"]) == sorted(ids)


def test_public_ids_are_random_and_row_ids_do_not_count_notices(store: Store) -> None:
    ids = _three_notices(store)
    subject = make_request(**SAME).subject
    first = rs.file_harassment_report(_report(notice_id=ids[0], subject=subject), store.uow())
    second = rs.file_harassment_report(_report(notice_id=ids[0], subject=subject), store.uow())
    assert first.public_id != second.public_id
    for public_id in (first.public_id, second.public_id):
        assert public_id.startswith("hr_") and len(public_id) >= 20 and not public_id[3:].isdigit()
    assert second.id - first.id == 1  # the next report, not the next report after three notices


def test_the_figures_move_by_one_report(store: Store) -> None:
    ids = _three_notices(store)
    subject = make_request(**SAME).subject
    before = _figures(store)
    counts_before = rs.harassment_figures(OVERSIGHT, store.uow())
    rs.file_harassment_report(_report(notice_id=ids[0], subject=subject), store.uow())
    after = _figures(store)

    def moved(country: str, measure: str) -> int:
        return (after.value(country, measure) or 0) - (before.value(country, measure) or 0)

    assert moved(f.ALL, "harassment.total") == 1  # one report, though it names three notices
    assert moved("RU", "harassment.total") == 1  # two RU notices, one report about RU's notices
    assert moved("TR", "harassment.total") == 1
    assert moved(f.ALL, "harassment.kind.threats") == 1
    assert moved(f.ALL, "harassment.not_examined") == 1
    counts = rs.harassment_figures(OVERSIGHT, store.uow())
    assert counts["reports"] - counts_before["reports"] == 1
    assert counts["notices_named"] - counts_before["notices_named"] == 3
    assert counts["by_requesting_country"] == {"RU": 1, "TR": 1}


def test_a_report_is_examined_when_every_notice_it_named_was_reviewed(store: Store) -> None:
    ids = _three_notices(store)
    rs.file_harassment_report(_report(notice_id=ids[0], subject=make_request(**SAME).subject), store.uow())
    with store.uow() as uow:
        flags = [x for x in uow.redress.flags(ids, open_only=True) if x.source.value == "harassment_report"]
    for flag in flags[:-1]:
        rs.resolve_flag(flag.id, "Considered in the re-review.", REV, store.uow())
    assert _figures(store).value(f.ALL, "harassment.examined") == 0
    rs.resolve_flag(flags[-1].id, "Considered in the re-review.", REV, store.uow())
    assert _figures(store).value(f.ALL, "harassment.examined") == 1


# --- migration 0015 -----------------------------------------------------------------------------------

OLD = sa.table(
    "harassment_reports",
    sa.column("id", sa.Integer),
    sa.column("notice_id", sa.String),
    sa.column("filed_at", sa.DateTime),
    sa.column("kinds", sa.String),
    sa.column("payload", sa.JSON),
    sa.column("public_id", sa.String),
)
FLAGS = sa.table(
    "review_flags",
    sa.column("notice_id", sa.String),
    sa.column("at", sa.DateTime),
    sa.column("source", sa.String),
    sa.column("ref", sa.String),
    sa.column("payload", sa.JSON),
)
PAYLOAD: dict[str, Any] = {
    "reporter_kind": "relative",
    "reporter_name": "",
    "reporter_contact": "",
    "victim_name": "A relative",
    "victim_relation": "sibling",
    "occurred_on": "2025",
    "place": "",
    "description": "Threatened by phone at home.",
    "source": "",
    "evidence": [],
    "subject": None,
}


def _migrate(store: Store, revision: str, down: bool = False) -> None:
    cfg = alembic_config(store.engine)
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(cfg, revision)


def test_migration_0015_merges_rows_by_public_id_and_splits_them_back(store: Store) -> None:
    ids = _three_notices(store)
    at = store.clock().replace(tzinfo=None)
    _migrate(store, "0014", down=True)
    try:
        with store.engine.begin() as conn:
            for i, nid in enumerate(ids):  # the former shape: one row per notice, one public id
                conn.execute(
                    OLD.insert().values(
                        id=10 + i,
                        notice_id=nid,
                        filed_at=at,
                        kinds=",threats,",
                        payload=PAYLOAD,
                        public_id="hr_a",
                    )
                )
                conn.execute(
                    FLAGS.insert().values(
                        notice_id=nid, at=at, source="harassment_report", ref=str(10 + i), payload={}
                    )
                )
            conn.execute(
                OLD.insert().values(
                    id=20, notice_id=None, filed_at=at, kinds=",detention,", payload=PAYLOAD, public_id="hr_b"
                )
            )
            conn.execute(
                OLD.insert().values(
                    id=21, notice_id=ids[2], filed_at=at, kinds=",exit_ban,", payload=PAYLOAD, public_id=None
                )
            )
        upgrade(store.engine)

        rows = sorted(_rows(store, tr.harassment_reports), key=lambda r: r.id)
        assert [r.id for r in rows] == [10, 20, 21]
        assert [r.public_id for r in rows][:2] == ["hr_a", "hr_b"]
        assert rows[2].public_id.startswith("hr_") and len(rows[2].public_id) > 10
        links = sorted((r.report_id, r.notice_id) for r in _rows(store, tr.harassment_report_notices))
        assert links == sorted([(10, ids[0]), (10, ids[1]), (10, ids[2]), (21, ids[2])])
        flags = {r.notice_id: r.ref for r in _rows(store, tr.review_flags) if r.source == "harassment_report"}
        assert flags == {nid: "10" for nid in ids}
        with store.uow() as uow:
            merged = [r for r in uow.redress.reports() if r.public_id == "hr_a"]
        assert len(merged) == 1 and sorted(merged[0].notice_ids) == sorted(ids)

        _migrate(store, "0014", down=True)
        with store.engine.connect() as conn:
            old = conn.execute(sa.select(OLD.c.id, OLD.c.notice_id, OLD.c.public_id)).all()
            old_flags = conn.execute(sa.select(FLAGS.c.notice_id, FLAGS.c.ref)).all()
        split = [(nid, pid) for _, nid, pid in old if pid == "hr_a"]
        assert sorted(nid for nid, _ in split) == sorted(ids)
        row_of = {nid: str(rid) for rid, nid, pid in old if pid == "hr_a"}
        assert {nid: ref for nid, ref in old_flags} == row_of  # each flag on its own row again
        assert [(nid, pid) for _, nid, pid in old if pid == "hr_b"] == [(None, "hr_b")]
    finally:
        upgrade(store.engine)
