"""The CLI speaks the operator's language (cli/lang.py): REDNOTICE_LANG, the standard environment or
``--lang``; domain errors print translated, with states and actions named as the pages name them."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from rednotice.bootstrap import Store
from rednotice.cli import lang
from rednotice.cli.main import app
from rednotice.web import i18n
from tests.conftest import CASES

runner = CliRunner()
CASE = str(CASES / "compliance" / "01-murder-complete.json")


def run(*args: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr, each with its lines joined (rich wraps at the terminal's width)."""
    result = runner.invoke(app, list(args))
    return result.exit_code, " ".join(result.stdout.split()), " ".join(result.stderr.split())


def submitted(users: dict[str, str]) -> str:
    code, out, err = run("submit", CASE, "--as", "ncb-fr")
    assert code == 0, err
    return out.split()[0]


def label(lang_code: str, text: str) -> str:
    return i18n.translations(lang_code).gettext(text)


@pytest.fixture
def no_language(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in lang.ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LC_ALL": "es_MX.UTF-8", "LANG": "fr_FR.UTF-8"}, "es"),
        ({"LANGUAGE": "de:ar:fr", "LANG": "es_ES.UTF-8"}, "ar"),
        ({"REDNOTICE_LANG": "fr", "LANGUAGE": "es"}, "fr"),
        ({"REDNOTICE_LANG": "de", "LANG": "es_ES"}, "es"),
    ],
)
def test_the_language_comes_from_the_environment(
    no_language: None, monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], expected: str
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    lang.choose(None)
    assert lang.language() == expected


def test_an_illegal_transition_prints_in_french_with_the_pages_words(
    cli_store: Store, users: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    notice_id = submitted(users)
    monkeypatch.setenv("REDNOTICE_LANG", "fr")
    code, _, err = run("transition", notice_id, "publish", "--as", "reviewer")
    assert code == 1
    assert "erreur" in err and "ne peut pas faire l'objet de l'action" in err
    assert f"« {label('fr', 'Submitted')} »" in err and f"« {label('fr', 'Publish')} »" in err
    assert "submitted" not in err and "cannot" not in err


def test_lang_option_wins_over_the_environment(
    cli_store: Store, users: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    notice_id = submitted(users)
    monkeypatch.setenv("REDNOTICE_LANG", "fr")
    code, _, err = run("--lang", "es", "transition", notice_id, "publish", "--as", "reviewer")
    assert code == 1 and "no admite la acción" in err and f"«{label('es', 'Publish')}»" in err
    code, _, err = run("--lang", "ar", "show", "2099-99999", "--as", "reviewer")
    assert code == 1 and "لا توجد نشرة" in err


def test_english_by_default_and_an_unknown_lang_is_refused(
    cli_store: Store, users: dict[str, str], no_language: None
) -> None:
    notice_id = submitted(users)
    code, _, err = run("transition", notice_id, "publish", "--as", "reviewer")
    # English: the stored words, or the pages' labels once the web's labels are loaded in this process
    assert code == 1 and "error (illegal_transition): a " in err and "cannot" in err
    code, _, err = run("--lang", "de", "list")
    assert code == 2 and "--lang" in err


def test_the_clis_own_messages_are_translated(
    cli_store: Store, users: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REDNOTICE_LANG", "fr")
    code, _, err = run("list", "--as", "nobody")
    assert code == 2 and "aucun utilisateur actif « nobody »" in err
    code, out, _ = run("users", "deactivate", "ncb-de", "--as", "admin")
    assert code == 0 and "ncb-de est désactivé" in out, out


def test_audit_verify_and_a_backup_refusal_in_arabic_and_spanish(
    cli_store: Store, users: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("REDNOTICE_LANG", "ar")
    code, out, err = run("audit", "verify")
    assert code == 0, err
    assert "سلسلة التدقيق سليمة" in out and "audit chain intact" not in out
    code, _, err = run("--lang", "es", "db", "restore", str(tmp_path / "missing.sqlite3"), "--yes")
    # SQLite: no such file; PostgreSQL: restored with pg_restore instead
    assert code == 2, err
    assert "no existe el archivo de copia de seguridad" in err or "este almacén es PostgreSQL" in err, err
