"""Issue 16, item 14: INTERPOL's four languages — the catalogues, the choice of language, the pages."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import cast

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po
from fastapi.testclient import TestClient

from rednotice.bootstrap import Store
from rednotice.services.views import NOT_A_WARRANT
from rednotice.web import i18n
from rednotice.web.app import create_app
from rednotice.web.pages import NOT_A_WARRANT_SHOWN

LANGS = ("fr", "es", "ar")
WEB = Path(i18n.__file__).resolve().parent
PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]")
# the pages a person named in a notice reads first: every text on them is translated in every language
FIRST_PAGES = (
    "templates/public_list.html",
    "templates/public_notice.html",
    "templates/redress_ccf_apply.html",
    "templates/redress_ccf_filed.html",
    "templates/redress_my_case.html",
    "templates/redress_macros.html",
    "templates/redress_harassment.html",
    "templates/redress_harassment_done.html",
    "templates/error.html",
    "templates/login.html",
    "pages/redress.py",
)
NOT_A_WARRANT_WORDS = {
    "fr": "pas un mandat d'arrêt",
    "es": "No es una orden de detención",
    "ar": "ليست مذكرة توقيف",
}


def catalogue(lang: str) -> dict[str, tuple[str, ...]]:
    with i18n.catalogue_path(lang).open("rb") as fh:
        cat = read_po(fh, locale=lang)
    assert not [m.id for m in cat if m.id and m.fuzzy], f"{lang}: fuzzy entries are not shown; translate them"
    out: dict[str, tuple[str, ...]] = {}
    for m in cat:
        if m.id:
            ids = m.id if isinstance(m.id, tuple) else (m.id,)
            # babel types a message's id and string loosely (str, list or tuple; None): these are strings
            out[cast(str, ids[0])] = cast(
                tuple[str, ...], m.string if isinstance(m.string, tuple) else (m.string,)
            )
    return out


def placeholders(text: str) -> set[str]:
    return {m.group(0).split(")")[0] if m.group(1) else m.group(0) for m in PLACEHOLDER.finditer(text)}


@pytest.mark.parametrize("lang", LANGS)
def test_every_translation_keeps_the_placeholders_of_its_text(lang: str) -> None:
    bad = []
    for msgid, forms in catalogue(lang).items():
        for form in forms:
            if form and placeholders(form) != placeholders(msgid):
                bad.append((msgid[:60], form[:60]))
    assert not bad, bad


@pytest.mark.parametrize("lang", LANGS)
def test_every_text_in_the_catalogue_is_translated(lang: str) -> None:
    missing = [msgid for msgid, forms in catalogue(lang).items() if not all(forms)]
    assert not missing, f"{lang}: {len(missing)} untranslated (scripts/i18n.py --check), e.g. {missing[:5]}"


def first_page_texts() -> set[str]:
    texts: set[str] = set()
    for name in FIRST_PAGES:
        path = WEB / name
        method = "python" if name.endswith(".py") else "jinja2.ext:babel_extract"
        options = {
            "trimmed": "true",
            "newstyle_gettext": "true",
            "trim_blocks": "true",
            "lstrip_blocks": "true",
        }
        for _, message, _, _ in extract_from_file(
            method,
            str(path),
            keywords={"_": None, "_l": None, "gettext": None, "ngettext": (1, 2)},
            options=options,
        ):
            texts.add(message if isinstance(message, str) else message[0])
    return texts


@pytest.mark.parametrize("lang", LANGS)
def test_the_public_and_ccf_pages_are_translated_completely(lang: str) -> None:
    texts = first_page_texts()
    assert len(texts) > 150  # the extraction found the pages' texts
    have = catalogue(lang)
    missing = sorted(t for t in texts if not all(have.get(t, ("",))))
    assert not missing, f"{lang}: {len(missing)} untranslated, e.g. {missing[:5]}"


@pytest.mark.parametrize("lang", LANGS)
def test_a_notice_is_never_called_an_arrest_warrant(lang: str) -> None:
    assert str(NOT_A_WARRANT_SHOWN) == NOT_A_WARRANT  # the pages say what the API says
    with i18n.using(lang):
        shown = str(NOT_A_WARRANT_SHOWN)
    assert shown != NOT_A_WARRANT
    assert NOT_A_WARRANT_WORDS[lang] in shown


def test_the_language_is_the_choice_then_the_browser_then_english() -> None:
    assert i18n.negotiate(None, None) == "en"
    assert i18n.negotiate(None, "fr-CA,fr;q=0.9,en;q=0.8") == "fr"
    assert i18n.negotiate(None, "de-DE, es;q=0.5, en;q=0.4") == "es"
    assert i18n.negotiate(None, "en;q=0.2, ar;q=0.9") == "ar"
    assert i18n.negotiate(None, "de, it;q=x") == "en"
    assert i18n.negotiate("rednotice_lang=es; other=1", "ar") == "es"
    assert i18n.negotiate("rednotice_lang=zz", "fr") == "fr"


def test_dates_and_numbers_are_written_the_readers_way() -> None:
    day = date(2026, 12, 5)
    assert i18n.fmt_day(day) == "2026-12-05"
    assert i18n.fmt_number(12345) == "12,345"
    with i18n.using("fr"):
        assert i18n.fmt_day(day) == "5 déc. 2026"
        assert i18n.fmt_number(12345).replace("\u202f", " ") == "12 345"
        assert i18n.fmt_moment(datetime(2026, 12, 5, 14, 30, tzinfo=UTC)).endswith("14:30 UTC")
    with i18n.using("es"):
        assert i18n.fmt_number(12345) == "12.345"
    with i18n.using("ar"):
        assert i18n.direction() == "rtl"
        assert i18n.fmt_day(day) != "2026-12-05"


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(store), base_url="https://testserver") as c:
        yield c


HEADINGS = {
    "fr": "Notices rouges publiques",
    "es": "Notificaciones rojas públicas",
    "ar": "النشرات الحمراء العلنية",
}


def html_attrs(page: str) -> tuple[str, str]:
    tag = re.search(r"<html lang=\"([^\"]+)\" dir=\"([^\"]+)\">", page)
    assert tag, page[:200]
    return tag.group(1), tag.group(2)


@pytest.mark.parametrize("lang", LANGS)
def test_the_public_list_follows_accept_language(client: TestClient, lang: str) -> None:
    page = client.get("/public/notices", headers={"Accept-Language": f"{lang},en;q=0.5"})
    assert page.status_code == 200
    assert html_attrs(page.text) == (lang, "rtl" if lang == "ar" else "ltr")
    assert f"<h1>{HEADINGS[lang]}</h1>" in page.text
    assert "Persons wanted for prosecution" not in page.text
    assert NOT_A_WARRANT_WORDS[lang] in page.text
    assert page.headers["content-language"] == lang
    assert "Accept-Language" in page.headers["vary"]  # a shared cache keeps each language apart


def test_english_stays_the_default(client: TestClient) -> None:
    page = client.get("/public/notices")
    assert html_attrs(page.text) == ("en", "ltr")
    assert "<h1>Public red notices</h1>" in page.text


@pytest.mark.parametrize("lang", LANGS)
def test_the_switch_remembers_the_choice_over_the_browser(client: TestClient, lang: str) -> None:
    switched = client.post(
        "/language", data={"lang": lang, "next": "/public/notices?name=x"}, follow_redirects=False
    )
    assert switched.status_code == 303
    assert switched.headers["location"] == "/public/notices?name=x"
    assert client.cookies.get(i18n.COOKIE) == lang
    page = client.get("/public/notices", headers={"Accept-Language": "en"})
    assert html_attrs(page.text) == (lang, "rtl" if lang == "ar" else "ltr")
    assert f"<h1>{HEADINGS[lang]}</h1>" in page.text
    ccf = client.get("/ccf/apply").text  # and on the next page too
    assert "Request to the Commission for the Control of INTERPOL's Files" not in ccf


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\t/evil.example", "\\evil"])
def test_the_switch_goes_back_only_to_a_page_of_this_site(client: TestClient, target: str) -> None:
    switched = client.post("/language", data={"lang": "fr", "next": target}, follow_redirects=False)
    assert switched.status_code == 303
    assert switched.headers["location"] == "/"


def test_an_unknown_language_changes_nothing(client: TestClient) -> None:
    switched = client.post("/language", data={"lang": "xx", "next": "/ccf/apply"}, follow_redirects=False)
    assert switched.status_code == 303
    assert i18n.COOKIE not in switched.headers.get("set-cookie", "")
    assert html_attrs(client.get("/ccf/apply").text) == ("en", "ltr")


def test_a_translated_form_error_is_in_the_readers_language(client: TestClient) -> None:
    client.post("/language", data={"lang": "es", "next": "/"}, follow_redirects=False)
    page = client.get("/ccf/my-case")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token
    answer = client.post(
        "/ccf/my-case", data={"csrf_token": token.group(1), "access_code": "nothing-like-it"}
    )
    assert answer.status_code == 422
    assert "Ningún caso corresponde a este código de acceso" in answer.text


def test_the_ccf_form_keeps_the_language_switch_in_each_language_own_name(client: TestClient) -> None:
    """The form's own list of request languages must not hide the header's switcher: each entry of the
    switcher is named in itself (Français, not French) on /ccf/apply too."""
    page = client.get("/ccf/apply").text
    assert "Français" in page and "العربية" in page


# -- messages from the domain and the figures (docs/i18n.md: "Messages with values") -------------------------


def test_a_domain_error_answers_in_the_readers_language_and_logs_in_english() -> None:
    from rednotice.domain.errors import N_, NotFound

    plain = NotFound("no such token")
    filled = NotFound(N_("no country has the code %(code)s"), code="ZZ")
    assert (plain.message, filled.message) == ("no such token", "no country has the code ZZ")
    with i18n.using("fr"):
        assert plain.message == "ce jeton n'existe pas"
        assert filled.message == "aucun pays n'a le code ZZ"
        assert str(filled) == "no country has the code ZZ"  # logs stay English
    with i18n.using("ar"):
        assert filled.message == "لا يوجد بلد رمزه ZZ"
    assert filled.details == {"code": "ZZ"}


def test_a_message_with_values_missing_is_shown_as_written() -> None:
    from rednotice.domain.errors import InvalidInput

    assert InvalidInput("%(what)s is odd").message == "%(what)s is odd"
    assert InvalidInput("100% sure", field="x").message == "100% sure"


def test_every_literal_error_message_is_in_the_catalogues() -> None:
    """scripts/i18n.py extracts the literal messages given to an error class; each one is translated."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("i18n_script", WEB.parents[2] / "scripts" / "i18n.py")
    assert spec and spec.loader
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    messages = script.error_messages()
    assert "wrong username or password" in messages and len(messages) > 100
    for lang in LANGS:
        have = catalogue(lang)
        missing = sorted(m for m in messages if not all(have.get(m, ("",))))
        assert not missing, f"{lang}: {missing[:5]}"


def test_every_measure_of_the_figures_has_a_translated_label() -> None:
    from rednotice.domain import figures as f

    members = {m for g in f.GROUPS for m in (g.total, *g.members)}
    assert members <= set(f.LABELS)  # the labels are written out whole, so each is one text to translate
    for lang in LANGS:
        have = catalogue(lang)
        assert not [label for label in f.LABELS.values() if not all(have.get(label, ("",)))], lang


@pytest.mark.parametrize(
    ("lang", "error", "label"),
    [
        ("fr", "aucun pays n'a le code ZZ", "Demandes (notices rouges et diffusions)"),
        ("ar", "لا يوجد بلد رمزه ZZ", "الطلبات (النشرات الحمراء والتعاميم)"),
    ],
)
def test_a_french_and_an_arabic_page_show_errors_and_figure_labels_translated(
    client: TestClient, lang: str, error: str, label: str
) -> None:
    headers = {"Accept-Language": lang}
    missing = client.get("/transparency/countries/ZZ", headers=headers)
    assert missing.status_code == 404
    assert error in html.unescape(missing.text) and "no country has the code" not in missing.text
    figures = client.get("/transparency", headers=headers)
    assert figures.status_code == 200
    assert label in figures.text and "Requests (red notices and diffusions)" not in figures.text
    assert "All countries" not in figures.text
    period = client.get("/transparency?from=2026-13-01", headers=headers)
    assert period.status_code == 400
    assert "is a date: YYYY-MM-DD" not in period.text and "from" in period.text


@pytest.mark.parametrize(
    ("lang", "words"),
    [("fr", "« from » est une date : AAAA-MM-JJ"), ("es", "«from» es una fecha"), ("ar", "«from» تاريخ")],
)
def test_json_errors_answer_in_the_readers_language(client: TestClient, lang: str, words: str) -> None:
    path = "/transparency/v1/figures?from=2026-13-01"
    answer = client.get(path, headers={"Accept-Language": lang})
    assert answer.status_code == 422
    body = answer.json()["error"]
    assert body["code"] == "invalid_input" and body["details"] == {"field": "from"}
    assert body["message"].startswith(words)
    assert client.get(path).json()["error"]["message"] == "'from' is a date: YYYY-MM-DD"


def test_json_validation_errors_are_in_words_in_each_language(client: TestClient) -> None:
    answer = client.post("/api/v1/tokens", content=b"{", headers={"Content-Type": "application/json"})
    assert answer.status_code == 422
    english = answer.json()["error"]["message"]
    assert "JSON decode error" not in english and "valid JSON" in english
    french = client.post(
        "/api/v1/tokens",
        content=b"{",
        headers={"Content-Type": "application/json", "Accept-Language": "fr"},
    ).json()["error"]["message"]
    assert "JSON valide" in french


@pytest.mark.parametrize("lang", ["en", *LANGS])
def test_the_sign_in_page_links_to_setting_a_new_password(client: TestClient, lang: str) -> None:
    page = client.get("/login", headers={"Accept-Language": lang})
    link = re.search(r'<a href="/reset-password">([^<]+)</a>', page.text)
    assert link, lang
    if lang != "en":
        assert "Forgot your password" not in link.group(1)
    assert client.get("/reset-password", headers={"Accept-Language": lang}).status_code == 200


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")
@pytest.mark.parametrize("lang", ["fr", "es", "ar"])
def test_the_pdf_report_is_in_the_readers_language(client: TestClient, tmp_path: Path, lang: str) -> None:
    """Arabic too: its letters joined and each line in the order it is seen (web/rtl.py), in DejaVu Sans."""
    answer = client.get("/transparency/countries/FR/report.pdf", headers={"Accept-Language": lang})
    assert answer.status_code == 200 and answer.content.startswith(b"%PDF")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(answer.content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    with i18n.using(lang):
        title = i18n.gettext("Public figures")
    assert title != "Public figures" and "Public figures" not in text
    if lang == "ar":
        # drawn as seen: the joined forms (NFKC gives the letters back), right to left
        seen = unicodedata.normalize("NFKC", text)
        assert title in seen or title[::-1] in seen, seen[:300]
        assert any(0xFE70 <= ord(c) <= 0xFEFF for c in text)  # the letters are joined, not isolated
    else:
        assert title in text
