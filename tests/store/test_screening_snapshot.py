"""The screening index kept in a file (decision 0009), on both databases: a loaded index answers as a
built one, changes after the snapshot are applied on load, a bad file is ignored and the index built,
writes are atomic, and ``rednotice screen`` loads the snapshot instead of building."""

from __future__ import annotations

import json
import multiprocessing
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rednotice.adapters import screening_snapshot as snap
from rednotice.bootstrap import Store
from rednotice.domain.dates import PartialDate
from rednotice.domain.lifecycle import Action
from rednotice.domain.screening.index import IndexedNotice, ScreeningIndex
from rednotice.domain.screening.query import ScreeningQuery
from rednotice.domain.users import Actor, Role
from rednotice.services import notices as ns
from rednotice.services import redress as rs
from rednotice.services import screening as sc
from tests.factories import make_request
from tests.store.test_screening_store import publish
from tests.unit.test_redress import filing

DE = Actor("ncb-de", Role.NCB_OFFICER, "DE")
FR = Actor("ncb-fr", Role.NCB_OFFICER, "FR")
CCF = Actor("ccf", Role.CCF)

PEOPLE = [
    ("DURAND", "Paul Henri", "1971-04-02"),
    ("IVANOV", "Sergei", "1980-01-01"),
    ("王", "小明", "1985-06-01"),
    ("AL-HASHIMI", "Mohammed", "1975"),
    ("KOWALSKI", "Jan", "1990-03-04"),
    ("CHAN", "Tai Man", "1966-12-24"),
]
QUERIES = [
    ScreeningQuery(id="a", name="Paul Durand", birth_date=PartialDate.parse("1971-04-02")),
    ScreeningQuery(id="b", name="Sergey Ivanov"),
    ScreeningQuery(id="c", name="Wang Xiaoming"),
    ScreeningQuery(id="d", name="Muhammad Hashimi", birth_date=PartialDate.parse("1975")),
    ScreeningQuery(id="e", name="KOWALSKA<<JAN"),
    ScreeningQuery(id="f", name="陳大文"),
    ScreeningQuery(id="g", name="Nobody Atall"),
]


def person(family: str, given: str, born: str) -> dict[str, object]:
    return {
        "subject.family_name": family,
        "subject.given_names": given,
        "subject.aliases": [],
        "subject.date_of_birth": born,
    }


def snapshots(store: Store) -> snap.SnapshotFile:
    return snap.snapshot_for(store.settings.data_dir, store.engine, store.settings.resolved_secret_key())


def answers(index: ScreeningIndex) -> list[list[tuple[str, float, str, tuple[str, ...]]]]:
    out = []
    for query in QUERIES:
        hits = index.search(query, threshold=0)  # every scored candidate, hit or not
        out.append([(m.notice_id, m.score, m.name, m.reasons) for m in hits])
    return out


def seeded(store: Store) -> list[str]:
    return [publish(store, **person(*p)) for p in PEOPLE]


def test_a_loaded_index_answers_exactly_as_a_built_one(store: Store) -> None:
    seeded(store)
    built = sc.ScreeningEngine(store.uow, store.reader, snapshots(store))
    built.ensure_built()
    assert built.origin == "built"
    assert built.maybe_snapshot(wait=True)
    loaded = sc.ScreeningEngine(store.uow, store.reader, snapshots(store))
    loaded.ensure_built()
    assert loaded.origin == "loaded" and loaded.seq == built.seq
    assert built.index is not None and loaded.index is not None
    assert len(loaded.index) == len(built.index) and loaded.index.name_count == built.index.name_count
    assert answers(loaded.index) == answers(built.index)
    assert any(answers(built.index))
    # and it keeps working as an index: a notice added and taken out again
    extra = IndexedNotice("X/1", make_request(**person("PETROV", "Ivan", "1970")).subject, "FR")
    loaded.index.upsert(extra)
    assert [m.notice_id for m in loaded.index.search(ScreeningQuery(id="x", name="Ivan Petrov"))] == ["X/1"]
    assert loaded.index.remove("X/1") and answers(loaded.index) == answers(built.index)


def test_changes_after_the_snapshot_are_applied_on_load(store: Store) -> None:
    ids = seeded(store)
    first = sc.ScreeningEngine(store.uow, store.reader, snapshots(store))
    first.ensure_built()
    first.maybe_snapshot(wait=True)
    new = publish(store, **person("PETROV", "Ivan", "1970-02-03"))  # a new notice
    ns.transition(ns.Transition(ids[1], Action.CANCEL, "extradited"), FR, store.uow())  # out of force
    case, _ = rs.file_case(filing(notice_id=ids[0]), store.uow())  # a CCF block
    rs.assess_case(case.id, CCF, store.uow())
    rs.block(case.id, "Pending the Commission's decision.", CCF, store.uow())

    later = sc.ScreeningEngine(store.uow, store.reader, snapshots(store))
    queries = [*QUERIES[:2], ScreeningQuery(id="p", name="Ivan Petrov")]
    run = sc.screen(sc.Screen(queries), DE, later, store.uow)
    assert later.origin == "loaded" and later.snapshot_seq < later.seq
    hits = {line["query_id"]: [m["notice_id"] for m in line["matches"]] for line in run.lines or []}
    assert hits == {"a": [], "b": [], "p": [new]}
    fresh = sc.ScreeningEngine(store.uow, store.reader)
    fresh.ensure_built()
    assert later.index is not None and fresh.index is not None
    assert answers(later.index) == answers(fresh.index)


def _corrupt(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif how == "flipped":
        middle = len(data) // 2
        path.write_bytes(data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :])
    elif how == "garbage":
        path.write_bytes(b"\x00\x01not a snapshot at all")
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "pickle-bomb":  # a valid header, a body that is not an index, a forged mac
        lines = data.split(b"\n", 3)
        path.write_bytes(b"\n".join([*lines[:2], b"0" * 64, b"cos\nsystem\n(S'true'\ntR."]))
    else:
        lines = data.split(b"\n", 3)
        header = json.loads(lines[1])
        header.update(
            {
                "format": {"format": 99},
                "matcher": {"matcher": "another"},
                "store": {"store": "x"},
                "genesis": {"genesis": "f" * 64},  # the same URL, another audit chain: another store
            }[how]
        )
        path.write_bytes(b"\n".join([lines[0], json.dumps(header).encode(), lines[2], lines[3]]))


@pytest.mark.parametrize(
    "how",
    ["truncated", "flipped", "garbage", "empty", "pickle-bomb", "format", "matcher", "store", "genesis"],
)
def test_a_bad_or_foreign_snapshot_is_ignored_and_the_index_built(store: Store, how: str) -> None:
    seeded(store)
    writer = sc.ScreeningEngine(store.uow, store.reader, snapshots(store))
    writer.ensure_built()
    writer.maybe_snapshot(wait=True)
    path = snapshots(store).path
    _corrupt(path, how)
    files = snapshots(store)
    engine = sc.ScreeningEngine(store.uow, store.reader, files)
    engine.ensure_built()
    assert engine.origin == "built" and files.last_load["status"] != "loaded"
    assert engine.index is not None and writer.index is not None
    assert answers(engine.index) == answers(writer.index)
    assert engine.maybe_snapshot(wait=True)  # and a good one replaces it
    again = snapshots(store)
    assert again.load() is not None and again.last_load["status"] == "loaded"


def test_a_snapshot_written_before_the_first_audit_event_is_still_this_stores(store: Store) -> None:
    empty = sc.ScreeningEngine(store.uow, store.reader, snapshots(store))
    empty.ensure_built()
    assert empty.maybe_snapshot(wait=True)
    new = publish(store, **person("PETROV", "Ivan", "1970-02-03"))  # the store's first audit events
    later = sc.ScreeningEngine(store.uow, store.reader, snapshots(store))
    assert [m.notice_id for m in later.search(ScreeningQuery(id="p", name="Ivan Petrov"), None)] == [new]
    assert later.origin == "loaded"


def test_a_snapshot_ahead_of_the_store_is_not_used(store: Store) -> None:
    seeded(store)
    files = snapshots(store)
    engine = sc.ScreeningEngine(store.uow, store.reader, files)
    engine.ensure_built()
    assert engine.index is not None
    files.save(engine.index, engine.seq + 100)  # as if written for a store that has since gone back
    other = sc.ScreeningEngine(store.uow, store.reader, snapshots(store))
    other.ensure_built()
    assert other.origin == "built"


def _write_many(path: str, rounds: int) -> None:
    index = ScreeningIndex.build(
        IndexedNotice(f"N/{i}", make_request(**person(f"NAME{i}", "Given", "1970")).subject, "FR")
        for i in range(300)
    )
    files = snap.SnapshotFile(Path(path), b"key", "store", "matcher")
    for i in range(rounds):
        files.save(index, i)


def test_writes_are_atomic_while_other_processes_read(tmp_path: Path) -> None:
    path = tmp_path / "index.snapshot"
    ctx = multiprocessing.get_context("fork")
    _write_many(str(path), 1)
    writers = [ctx.Process(target=_write_many, args=(str(path), 15)) for _ in range(2)]
    for w in writers:
        w.start()
    reader = snap.SnapshotFile(path, b"key", "store", "matcher")
    seen = 0
    while any(w.is_alive() for w in writers) or seen == 0:
        loaded = reader.load()
        assert loaded is not None, reader.last_load  # never half a file
        assert len(loaded[0]) == 300
        seen += 1
    for w in writers:
        w.join()
        assert w.exitcode == 0
    assert [p.name for p in tmp_path.iterdir()] == ["index.snapshot"]  # no temporary file left behind


def test_a_failed_write_leaves_the_old_snapshot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index = ScreeningIndex.build([IndexedNotice("N/1", make_request().subject, "FR")])
    files = snap.SnapshotFile(tmp_path / "index.snapshot", b"key", "store", "matcher")
    files.save(index, 1)

    def broken(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(OSError, match="disk full"):
        files.save(index, 2)
    assert files.load() is not None and files.last_load["seq"] == 1
    assert [p.name for p in tmp_path.iterdir()] == ["index.snapshot"]


def test_the_cli_loads_the_snapshot_and_does_not_build_again(
    store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from rednotice.cli.common import reset_store
    from rednotice.cli.main import app

    seeded(store)
    assert store.settings.database_url
    monkeypatch.setenv("REDNOTICE_DATABASE_URL", store.settings.database_url)
    monkeypatch.setenv("REDNOTICE_ENV", "test")
    monkeypatch.setenv("REDNOTICE_SECRET_KEY", "s" * 40)
    monkeypatch.setenv("REDNOTICE_DATA_DIR", str(store.settings.data_dir))
    builds: list[int] = []
    real_build = ScreeningIndex.build.__func__  # type: ignore[attr-defined]

    def counting(cls: type[ScreeningIndex], /, *args: object, **kwargs: object) -> ScreeningIndex:
        builds.append(1)
        return real_build(cls, *args, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(ScreeningIndex, "build", classmethod(counting))
    queries = tmp_path / "q.jsonl"
    queries.write_text(
        '{"id": "a", "name": "Paul Durand", "birth_date": "1971-04-02"}\n{"id": "p", "name": "Ivan Petrov"}\n'
    )

    def screen() -> dict[str, list[str]]:
        reset_store()
        result = CliRunner().invoke(app, ["screen", "--input", str(queries)])
        assert result.exit_code == 0, result.output
        lines = [json.loads(x) for x in result.stdout.splitlines() if x.startswith("{")]
        return {line["query_id"]: [m["notice_id"] for m in line["matches"]] for line in lines}

    try:
        first = screen()
        assert builds == [1] and len(first["a"]) == 1 and first["p"] == []
        new = publish(store, **person("PETROV", "Ivan", "1970-02-03"))
        second = screen()
        assert builds == [1]  # loaded, not built: and the notice published since is found
        assert second == {"a": first["a"], "p": [new]}
    finally:
        reset_store()


def test_a_new_snapshot_is_written_once_enough_changes_accumulated(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sc, "SNAPSHOT_AFTER", 100)
    seeded(store)
    engine = sc.ScreeningEngine(store.uow, store.reader, snapshots(store))
    engine.ensure_built()
    assert engine.maybe_snapshot(wait=True)
    assert not engine.maybe_snapshot(wait=True)  # nothing new: none written
    publish(store, **person("PETROV", "Ivan", "1970-02-03"))
    engine.refresh()
    assert not engine.maybe_snapshot(wait=True)  # a few changes: not yet
    new = publish(store, **person("SMIRNOV", "Oleg", "1969-05-06"))
    engine.refresh()
    monkeypatch.setattr(sc, "SNAPSHOT_AFTER", engine.seq - engine.snapshot_seq)
    first_seq = snapshots(store).header()
    assert first_seq is not None and first_seq["seq"] < engine.seq
    assert engine.maybe_snapshot(wait=True)  # enough: a forked child writes it, this process goes on
    header = snapshots(store).header()
    assert header is not None and header["seq"] == engine.seq == engine.snapshot_seq
    later = sc.ScreeningEngine(store.uow, store.reader, snapshots(store))
    assert [m.notice_id for m in later.search(ScreeningQuery(id="s", name="Oleg Smirnov"), None)] == [new]
    assert later.origin == "loaded" and later.seq == engine.seq
