"""Issue 16, item 14: the CLI's own messages, the format readers' reasons (an MRZ's wrong check digit) and
the notifications sent to NCBs reach a French, Spanish or Arabic reader in their language, and stay as
before in English (docs/i18n.md)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rednotice.adapters.formats import reasons
from rednotice.adapters.formats.screening_input import read_queries
from rednotice.adapters.memory import MemoryData, MemoryUnitOfWork
from rednotice.bootstrap import Store
from rednotice.cli.main import app
from rednotice.domain.lifecycle import Action
from rednotice.domain.redress import DELETION_NOTICE, PositionGround, PositionKind
from rednotice.domain.users import Actor, Role
from rednotice.services import notices as ns
from rednotice.services import notifications as nt
from rednotice.services import redress as rs
from rednotice.web import i18n
from tests.conftest import FakeClock
from tests.factories import make_request

runner = CliRunner()
# ICAO 9303's specimen passport, its document number check digit changed from 6 to 7
BAD_MRZ = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C37UTO7408122F1204159ZE184226B<<<<<10\n"
TODAY = date(2010, 1, 1)


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, " ".join(result.stdout.split()), " ".join(result.stderr.split())


# --- the CLI ------------------------------------------------------------------------------------------


def test_cli_counts_in_french_and_arabic_and_english_as_before(
    cli_store: Store, users: dict[str, str]
) -> None:
    code, out, err = run("--lang", "fr", "users", "end-sessions", "ncb-de")
    assert code == 0 and "0 session fermée pour ncb-de" in out, err
    code, out, err = run("--lang", "ar", "db", "partitions")
    assert code == 0 and "عدد الأقسام المنشأة: 0" in out and "partition" not in out, err
    code, out, _ = run("users", "end-sessions", "ncb-de")
    assert code == 0 and "0 session(s) ended for ncb-de" in out


def test_cli_table_headings_and_statuses_in_spanish(cli_store: Store, users: dict[str, str]) -> None:
    code, out, err = run("--lang", "es", "users", "list")
    assert code == 0, err
    assert "función" in out and "situación" in out and "activa" in out and "status" not in out


def test_cli_f_string_errors_are_translated(cli_store: Store, users: dict[str, str]) -> None:
    code, _, err = run("--lang", "fr", "report", "figures", "--from", "2024-13-01")
    assert code == 2 and "--from est une date : AAAA-MM-JJ" in err, err
    code, _, err = run("--lang", "ar", "submit", "/no/such/request.json", "--as", "ncb-fr")
    assert code == 2 and "الملف غير موجود: /no/such/request.json" in err, err


def test_cli_screen_prints_an_mrz_check_digit_in_french(
    cli_store: Store, users: dict[str, str], tmp_path: Path
) -> None:
    file = tmp_path / "passports.mrz"
    file.write_text(BAD_MRZ, encoding="utf-8")
    code, _, err = run("--lang", "fr", "screen", "--input", str(file), "--format", "mrz")
    assert code == 0, err
    assert "ligne 1" in err and "chiffre de contrôle (numéro de document) : 6 attendu, '7' trouvé" in err, err
    assert "check digit" not in err


# --- the format readers' reasons ----------------------------------------------------------------------


def test_an_mrz_check_digit_reaches_a_french_reader_and_the_api_keeps_english() -> None:
    [error] = read_queries(BAD_MRZ, "mrz", TODAY).errors
    english = "line 2, column 10: document number check digit: expected 6, found '7' (over 'L898902C3')"
    assert str(error.reason).startswith(english)  # the API's JSON and the run keep it as it was
    with i18n.using("fr"):
        now = reasons.shown(error.reason)
        stored = reasons.shown(str(error.reason))  # as a run keeps it, read back from the database
        detail = reasons.shown(error.details[0])
    expected = "ligne 2, colonne 10 : chiffre de contrôle (numéro de document) : 6 attendu, '7' trouvé"
    assert now.startswith(expected) and stored == now and detail.startswith(expected)
    assert reasons.shown(str(error.reason)) == str(error.reason)  # English: as written


def test_a_csv_reason_and_a_paxlst_warning_in_arabic() -> None:
    [error] = read_queries("name,sex\nAnna,Q\n", "csv", TODAY).errors
    with i18n.using("ar"):
        assert reasons.shown(str(error.reason)) == "الجنس 'Q' ليس M أو F أو U أو X"
    assert reasons.shown("a reason no reader wrote") == "a reason no reader wrote"


# --- notifications ------------------------------------------------------------------------------------


REV = Actor("rev", Role.REVIEWER)
DE = Actor("ncb-de", Role.NCB_OFFICER, "DE")


@pytest.fixture
def uow(clock: FakeClock) -> MemoryUnitOfWork:
    return MemoryUnitOfWork(MemoryData(), clock)


def test_a_notification_is_stored_in_english_and_shown_in_the_readers_language(uow: MemoryUnitOfWork) -> None:
    request = make_request()
    officer = Actor(f"ncb-{request.requesting_country.lower()}", Role.NCB_OFFICER, request.requesting_country)
    notice = ns.create_request(ns.CreateRequest(request), officer, uow)
    ns.transition(ns.Transition(notice.id, Action.START_REVIEW), REV, uow)
    ns.transition(ns.Transition(notice.id, Action.PUBLISH, "compliant"), REV, uow)
    rs.record_position(
        notice.id,
        PositionKind.OBJECTION,
        [PositionGround.ARTICLE_3],
        "The charges punish journalism.",
        [],
        False,
        DE,
        uow,
    )
    ground = PositionGround.ARTICLE_3.value
    [told] = rs.notifications_for(REV, uow)
    assert told["text"] == f"DE recorded a objection on notice {notice.id} (grounds: {ground})"
    with i18n.using("fr"):
        [told] = rs.notifications_for(REV, uow)
    assert (
        told["text"]
        == f"DE a enregistré une position (objection) sur la notice {notice.id} (motifs : {ground})"
    )
    with i18n.using("es"):
        [told] = rs.notifications_for(REV, uow)
    assert told["text"].startswith("DE registró una posición (objeción) sobre la notificación")


def test_the_ccf_consultation_notice_in_french() -> None:
    text = nt.write(nt.CONSULTATION, notice="2024/123", case="CCF-2024-7", number=1, due="2025-03-01")
    assert text.startswith("The Commission for the Control of INTERPOL's Files asks about notice 2024/123")
    with i18n.using("fr"):
        shown = nt.shown(text)
    assert shown.startswith(
        "La Commission de contrôle des fichiers d'INTERPOL pose une question sur la notice 2024/123"
    )
    assert "2025-03-01" in shown and "CCF-2024-7" in shown


def test_the_deletion_notice_keeps_the_domains_words() -> None:
    assert nt.write(nt.DELETED, notice="2024/9") == DELETION_NOTICE.format(id="2024/9")
