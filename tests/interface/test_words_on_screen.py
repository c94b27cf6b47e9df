"""Issue 16, item 11: what a person reads is written for them (no pydantic wording, no action codes, no
stale sentences)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from rednotice.bootstrap import Store
from rednotice.domain.users import SYSTEM, Actor, Role
from rednotice.services.users import AddUser, add_user
from rednotice.web.app import create_app
from rednotice.web.pages import readable
from tests.interface.test_pages import FORM, FR, PASSWORD, REVIEWER, csrf_of, make_notice, sign_in

OVERSIGHT = Actor("ov.one", Role.OVERSIGHT)
ADMIN = Actor("ad.one", Role.ADMIN)


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    for actor in (FR, REVIEWER, OVERSIGHT, ADMIN):
        add_user(AddUser(actor.username, actor.role, PASSWORD, actor.country), SYSTEM, store.uow())
    with TestClient(create_app(store), base_url="https://testserver") as c:
        yield c


def test_validation_errors_are_in_words() -> None:
    assert readable({"type": "string_too_short", "msg": "String should have at least 1 character"}) == (
        "this is required"
    )
    error = {"type": "value_error", "msg": "Value error, XX is not a country"}
    assert readable(error) == "XX is not a country"


def test_the_request_form_never_shows_pydantic_wording(client: TestClient) -> None:
    sign_in(client, FR.username)
    token = csrf_of(client, "/requests/new")
    r = client.post("/requests/new", data={**FORM, "family_name": "", "csrf_token": token})
    assert r.status_code == 422
    assert "String should" not in r.text and "this is required" in r.text


def test_a_missing_reason_names_the_button(client: TestClient, store: Store) -> None:
    notice = make_notice(store)
    ref = notice.id.replace("/", "-")
    sign_in(client, REVIEWER.username)
    token = csrf_of(client, f"/notices/{ref}")
    client.post(f"/notices/{ref}/actions", data={"action": "start_review", "csrf_token": token})
    page = client.post(f"/notices/{ref}/actions", data={"action": "request_information", "csrf_token": token})
    assert "“Ask for more information” needs written reasons" in page.text
    assert "&#39;request_information&#39;" not in page.text and "'request_information'" not in page.text


def test_no_stale_sentences_on_the_dashboards(client: TestClient) -> None:
    sign_in(client, OVERSIGHT.username)
    assert "coming to these pages" not in client.get("/").text
    client.cookies.clear()
    sign_in(client, ADMIN.username)
    home = client.get("/").text
    assert "rednotice users</code> command" not in home and 'href="/admin/users"' in home
    assert "<title>Users · rednotice</title>" in client.get("/admin/users").text


def test_colour_codes_are_read_in_words(client: TestClient, store: Store) -> None:
    from tests.interface.test_pages import publish

    notice = publish(
        store,
        make_notice(
            store,
            visibility__public_extract=True,
            subject__physical_description={"eye_colours": ["BLU"], "hair_colours": ["BLN", "QQQ"]},
        ),
    )
    page = client.get(f"/public/notices/{notice.id.replace('/', '-')}").text
    assert "blue (BLU)" in page and "blond (BLN), QQQ" in page


def test_roles_by_their_names_and_no_doubled_field_name(client: TestClient) -> None:
    sign_in(client, ADMIN.username)
    users = client.get("/admin/users").text
    assert "General Secretariat reviewer" in users and ">ncb_officer<" not in users
    client.cookies.clear()
    sign_in(client, FR.username)
    token = csrf_of(client, "/screening")
    page = client.post(
        "/screening/query", data={"csrf_token": token, "family_name": "DOE", "birth_date": "2099-01-01"}
    ).text
    assert "birth date birth date" not in page and "2099-01-01 is in the future" in page


def test_no_template_fragment_or_english_caption_on_the_officers_dashboard(
    client: TestClient, store: Store
) -> None:
    """The visible-notices caption was glued together in English ('The latest _(20) of 52')."""
    from tests.interface.test_pages import publish

    for _ in range(2):
        publish(store, make_notice(store))
    sign_in(client, FR.username)
    english = client.get("/").text
    assert "_(" not in english and "In force: 2" in english
    french = client.get("/", headers={"Accept-Language": "fr"}).text
    assert "_(" not in french and "En vigueur : 2" in french


@pytest.mark.parametrize(("lang", "country"), [("fr", "Allemagne"), ("ar", "ألمانيا"), ("en", "Germany")])
def test_country_choices_are_named_in_the_readers_language(
    client: TestClient, lang: str, country: str
) -> None:
    sign_in(client, REVIEWER.username)
    queue = client.get("/review", headers={"Accept-Language": lang}).text
    assert f'<option value="DE">{country}</option>' in queue
    client.cookies.clear()
    sign_in(client, FR.username)
    refugee = client.get("/refugee-status/new", headers={"Accept-Language": lang}).text
    assert f'<option value="DE">{country} (DE)</option>' in refugee


def test_iccs_sections_and_figure_labels_are_translated() -> None:
    from rednotice.domain import figures as f
    from rednotice.domain.compliance.iccs import SECTIONS
    from rednotice.web import i18n
    from rednotice.web.oversight import ICCS_NAMES, figure_label

    assert {s.code: s.name for s in SECTIONS} == ICCS_NAMES  # the marked copy stays equal to the domain's
    bar = f"01 {f.ICCS_SECTION_LABELS['01']}"
    assert figure_label(bar) == bar
    with i18n.using("fr"):
        assert figure_label(bar) == "01 actes ayant entraîné la mort ou visant à la causer"
        assert figure_label(f.GROUND_LABELS["time_barred"]) == "prescription ou disparition de l'objet"
        assert (
            figure_label("In force on 2026-09-30: red notices")
            == "En vigueur le 30 sept. 2026 : notices rouges"
        )
        assert figure_label(f.reasons_label(5)) == "autres motifs, chacun invoqué moins de 5 fois"
        assert figure_label("Civil contempt order") == "Civil contempt order"  # a reviewer's words stay


@pytest.mark.parametrize(("lang", "who"), [("en", "by the lawyer"), ("ar", "المحامي")])
def test_a_ccf_case_names_who_filed_it_in_words(store: Store, lang: str, who: str) -> None:
    from rednotice.domain.redress import ApplicantKind, Filing, IdProof, RequestKind
    from rednotice.services import redress as rs
    from tests.interface import test_redress_pages as rp
    from tests.interface.test_pages import PASSWORD

    subject = make_notice(store).request.subject
    filing = Filing(
        RequestKind.ACCESS,
        ApplicantKind.LAWYER,
        subject,
        IdProof(True, True, True, True),
        True,
        "Access to the data held about my client.",
        "en",
        representative="Law Chambers",
    )
    case, _ = rs.file_case(filing, store.uow())
    add_user(AddUser(rp.CCF.username, Role.CCF, PASSWORD), SYSTEM, store.uow())
    with TestClient(create_app(store), base_url="https://testserver") as web:
        rp.sign_in(web, rp.CCF)
        page = web.get(f"/ccf/cases/{case.id}", headers={"Accept-Language": lang}).text
    line = re.search(r'<span class="muted">([^<]*Law Chambers[^<]*)</span>', page)
    assert line and who in line.group(1)
    if lang != "en":
        assert "lawyer" not in line.group(1)  # the raw value was shown in every language
