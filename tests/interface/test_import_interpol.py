"""`rednotice import interpol`: INTERPOL's public API JSON in every form, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rednotice.adapters.db.audit import SqlAuditLog
from rednotice.adapters.formats.interpol import read_path, read_text
from rednotice.bootstrap import Store
from rednotice.cli import common
from rednotice.cli.main import app
from rednotice.domain.errors import Forbidden, InvalidInput
from rednotice.domain.lifecycle import Action, State
from rednotice.domain.model import Sex
from rednotice.domain.users import SYSTEM, Actor, Role
from rednotice.services.imports import ImportInterpol, ImportReport, import_interpol
from rednotice.services.ports import AuditEntry, NoticeFilter

DATA = Path(__file__).resolve().parents[1] / "data" / "interpol"
pytestmark = pytest.mark.store


def run_import(store: Store, path: Path, actor: Actor = SYSTEM) -> ImportReport:
    return import_interpol(ImportInterpol(read_path(path).items), actor, store.uow)


def ids_in(store: Store) -> set[str]:
    with store.uow() as uow:
        page = uow.notices.find(NoticeFilter(limit=1000))
    return {n.id for n in page.items}


def import_events(store: Store) -> list[str]:
    with store.uow() as uow:
        return [e.subject for e in uow.audit.events() if e.action == "notice.import"]


# -- each input form


def test_detail_response_maps_every_field(store: Store) -> None:
    report = run_import(store, DATA / "detail.json")
    assert report.imported == ["2019/31842"] and not report.rejected and not report.skipped
    assert report.dropped_fields == {"languages_spoken_ids"}
    with store.uow() as uow:
        notice = uow.notices.get("2019/31842")
    assert notice is not None
    s = notice.request.subject
    assert (s.family_name, s.given_names, s.sex) == ("KESSLER", "MARIA LUISE ANNA", Sex.FEMALE)
    assert s.date_of_birth is not None and s.date_of_birth.iso() == "1968-11-05"
    assert (s.nationalities, s.country_of_birth, s.place_of_birth) == (("DE",), "DE", "KARLSRUHE")
    assert s.physical_description is not None
    assert s.physical_description.height_m == 1.65 and s.physical_description.weight_kg == 63
    assert s.physical_description.eye_colours == ("BRO",) and s.physical_description.hair_colours == ("BLA",)
    assert s.physical_description.distinguishing_marks == "Birthmark on the left cheek"
    assert notice.requesting_country == "DE"
    assert [c.offence for c in notice.request.judicial.charges] == [
        "Attempted murder in conjunction with aggravated robbery and kidnapping for ransom"
    ]
    # published, with a public extract, and a timeline that says it was imported
    assert notice.state is State.PUBLISHED and notice.request.visibility.public_extract
    assert notice.published_at == store.clock() and notice.expires_at is not None
    assert [r.action for r in notice.history] == [Action.SUBMIT, Action.START_REVIEW, Action.PUBLISH]
    assert all(
        r.actor == SYSTEM and "imported from INTERPOL's public list" in r.reasons for r in notice.history
    )
    assert import_events(store) == ["notice:2019/31842"]


def test_list_response_uses_the_queried_warrant_country(store: Store) -> None:
    report = run_import(store, DATA / "list.json")
    assert sorted(report.imported) == ["2020/55123", "2021/70412", "2021/70587"]
    with store.uow() as uow:
        notice = uow.notices.get("2021/70587")
    assert notice is not None
    assert notice.requesting_country == "AR"
    assert notice.request.subject.nationalities == ("AR", "PY")
    assert notice.request.subject.sex is Sex.UNKNOWN
    assert notice.request.subject.date_of_birth is not None
    assert notice.request.subject.date_of_birth.precision == "month"


def test_json_array_and_translated_charges(store: Store) -> None:
    report = run_import(store, DATA / "array.json")
    assert sorted(report.imported) == ["2018/21107", "2020/48211", "2022/10931"]
    with store.uow() as uow:
        french = uow.notices.get("2018/21107")
        vietnamese = uow.notices.get("2022/10931")
    assert french is not None and vietnamese is not None
    charge = french.request.judicial.charges[0]
    assert (charge.offence, charge.offence_original) == (
        "Murder committed by an organised gang",
        "Meurtre en bande organisée",
    )
    assert french.request.subject.physical_description is not None
    assert french.request.subject.physical_description.weight_kg is None  # INTERPOL's 0 means not given
    assert vietnamese.request.subject.physical_description is None
    assert vietnamese.requesting_country == "VN"  # the first issuing country
    assert len(vietnamese.request.judicial.charges) == 2


def test_json_lines_with_non_iso_codes(store: Store) -> None:
    report = run_import(store, DATA / "notices.jsonl")
    assert sorted(report.imported) == ["2016/19205", "2017/88210", "2023/04418", "2024/01177"]
    with store.uow() as uow:
        lebanese = uow.notices.get("2016/19205")
        brazilian = uow.notices.get("2024/01177")
        turkish = uow.notices.get("2023/04418")
    assert lebanese is not None and brazilian is not None and turkish is not None
    assert lebanese.request.subject.nationalities == ("LB",)  # 914 is not a country: dropped
    assert brazilian.request.subject.country_of_birth is None  # 922 likewise
    assert brazilian.requesting_country == "BR"  # the first *ISO* issuing country
    assert turkish.request.subject.family_name == "ÇELIK"
    assert turkish.request.subject.given_names == "AYŞE"


def test_folder_is_read_recursively_and_detail_beats_list_entry(store: Store) -> None:
    read = read_path(DATA / "folder")
    assert [Path(f).name for f in read.files] == ["details.jsonl", "page-1.json", "2019-31842.json"]
    report = run_import(store, DATA / "folder")
    assert sorted(report.imported) == ["2019/31842", "2019/77310", "2021/61001", "2021/61002"]
    assert [(s.entity_id, s.reason.startswith("duplicate in the input")) for s in report.skipped] == [
        ("2021/61001", True)
    ]
    with store.uow() as uow:
        kowalski = uow.notices.get("2021/61001")
    assert kowalski is not None
    assert kowalski.request.subject.place_of_birth == "ŁÓDŹ"  # from the detail, not the list entry
    assert kowalski.request.judicial.charges[0].offence == "Armed robbery"


# -- broken input


def test_broken_records_are_rejected_with_reasons_and_never_stop_the_others(store: Store) -> None:
    report = run_import(store, DATA / "broken")
    assert sorted(report.imported) == ["2020/30001", "2020/30006"]
    reasons = {(Path(r.source.file).name, r.source.line, r.entity_id): r.reason for r in report.rejected}
    assert "is not YYYY/MM/DD" in reasons[("mixed.jsonl", 2, "2020/30002")]
    assert "malformed JSON" in reasons[("mixed.jsonl", 3, "2020/30009")]
    assert "sex_id 'X'" in reasons[("mixed.jsonl", 4, "2020/30003")]
    assert "does not match YYYY/NNNNN" in reasons[("mixed.jsonl", 5, "20-30004")]
    assert "requesting country is unknown" in reasons[("mixed.jsonl", 6, "2020/30005")]
    assert "'ZZ' is not an ISO 3166-1" in reasons[("mixed.jsonl", 8, "2020/30007")]
    assert "month 13 does not exist" in reasons[("mixed.jsonl", 9, "2020/30008")]
    assert "malformed JSON" in reasons[("not_json.json", None, None)]
    assert "list entry has no arrest warrants" in reasons[("plain_list.json", None, "2021/75051")]
    assert len(report.rejected) == 9
    # the 914-only nationality is dropped, the record kept
    with store.uow() as uow:
        layla = uow.notices.get("2020/30006")
    assert layla is not None and layla.request.subject.nationalities == ()
    # nothing of a rejected record was written
    assert ids_in(store) == {"2020/30001", "2020/30006"}
    assert sorted(import_events(store)) == ["notice:2020/30001", "notice:2020/30006"]


def test_a_record_failing_in_the_store_is_rolled_back(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure after the notice was added (here: in the audit step) leaves no trace of that record: its
    batch is rolled back and retried one record per transaction, where only that record fails."""
    records = read_path(DATA / "array.json").items
    real_append = SqlAuditLog.append

    def append(self: SqlAuditLog, actor: object, action: str, *args: object) -> object:
        if action == "notice.import" and "2018/21107" in str(args[0]):
            raise InvalidInput("simulated failure while auditing")
        return real_append(self, actor, action, *args)  # type: ignore[arg-type]

    def append_many(self: SqlAuditLog, entries: list[AuditEntry]) -> object:
        if any(e.subject == "notice:2018/21107" for e in entries):
            raise InvalidInput("simulated failure while auditing")
        raise AssertionError("the batch holds 2018/21107")

    monkeypatch.setattr(SqlAuditLog, "append", append)
    monkeypatch.setattr(SqlAuditLog, "append_many", append_many)
    report = import_interpol(ImportInterpol(records), SYSTEM, store.uow)
    assert sorted(report.imported) == ["2020/48211", "2022/10931"]
    assert [(r.entity_id, r.reason) for r in report.rejected] == [
        ("2018/21107", "simulated failure while auditing")
    ]
    assert ids_in(store) == {"2020/48211", "2022/10931"}
    with store.uow() as uow:
        assert uow.notices.get("2018/21107") is None


def test_reimport_is_idempotent(store: Store) -> None:
    first = run_import(store, DATA / "notices.jsonl")
    second = run_import(store, DATA / "notices.jsonl")
    assert len(first.imported) == 4
    assert second.imported == [] and second.rejected == []
    assert [(s.entity_id, s.reason) for s in second.skipped] == [
        (i, "already present") for i in first.imported
    ]
    assert len(ids_in(store)) == 4
    assert len(import_events(store)) == 4
    with store.uow() as uow:
        runs = [e.data for e in uow.audit.events() if e.action == "import.interpol"]
    assert runs == [
        {"imported": 4, "skipped": 0, "rejected": 0},
        {"imported": 0, "skipped": 4, "rejected": 0},
    ]


def test_only_an_administrator_or_the_system_imports(store: Store) -> None:
    officer = Actor("ncb-fr", Role.NCB_OFFICER, "FR")
    with pytest.raises(Forbidden):
        run_import(store, DATA / "detail.json", officer)
    report = run_import(store, DATA / "detail.json", Actor("admin", Role.ADMIN))
    assert report.imported == ["2019/31842"]
    with store.uow() as uow:
        notice = uow.notices.get("2019/31842")
        event = next(e for e in uow.audit.events() if e.action == "notice.import")
    assert notice is not None and notice.created_by == "admin"
    assert event.actor.startswith("admin")


def test_whole_value_not_json_lines() -> None:
    """A pretty-printed document that is broken is one file-level problem, not one per line."""
    items = list(read_text('{\n  "entity_id": "2020/1",\n  "name": \n}\n', "x.json"))
    assert len(items) == 1 and "malformed JSON" in items[0].reason  # type: ignore[union-attr]


# -- the command line


@pytest.fixture
def cli(store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    monkeypatch.setenv("REDNOTICE_DATABASE_URL", store.settings.database_url or "")
    common.reset_store()
    yield CliRunner()
    common.reset_store()


def test_cli_imports_and_reports(cli: CliRunner, store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "dump"
    shutil.copytree(DATA / "broken", folder / "broken")
    shutil.copy(DATA / "detail.json", folder / "detail.json")
    result = cli.invoke(app, ["import", "interpol", str(folder)])
    assert result.exit_code == 0, result.output
    assert "rejected" in result.output
    assert "sex_id 'X' is not M, F or U" in result.output
    assert "2020/30002" in result.output
    assert "languages_spoken_ids" in result.output
    assert ids_in(store) == {"2019/31842", "2020/30001", "2020/30006"}

    again = cli.invoke(app, ["import", "interpol", str(folder / "detail.json")])
    assert again.exit_code == 0, again.output
    assert ids_in(store) == {"2019/31842", "2020/30001", "2020/30006"}


def test_cli_exit_2_when_path_missing_or_nothing_readable(cli: CliRunner, tmp_path: Path) -> None:
    missing = cli.invoke(app, ["import", "interpol", str(tmp_path / "nope.json")])
    assert missing.exit_code == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("nothing here")
    assert cli.invoke(app, ["import", "interpol", str(empty)]).exit_code == 2
    garbage = tmp_path / "garbage.json"
    garbage.write_text(json.dumps({"hello": "world"}))
    result = cli.invoke(app, ["import", "interpol", str(garbage)])
    assert result.exit_code == 2
    assert "not an INTERPOL notice" in result.output
