"""The browser pages through Starlette's TestClient: sign-in, CSRF, sessions, escaping, visibility."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from rednotice.bootstrap import Store
from rednotice.domain.lifecycle import Action, Notice
from rednotice.domain.users import SYSTEM, Actor, Role
from rednotice.services import notices as ns
from rednotice.services.ports import NoticeFilter
from rednotice.services.users import AddUser, add_user
from rednotice.web.app import create_app
from rednotice.web.pages import contract_json, form_values, public_extract, script_lang
from tests.conftest import FakeClock

PASSWORD = "correct horse battery"
FR = Actor("fr.officer", Role.NCB_OFFICER, "FR")
DE = Actor("de.officer", Role.NCB_OFFICER, "DE")
REVIEWER = Actor("gs.reviewer", Role.REVIEWER)
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
SESSION = "rednotice_session"


def request_json(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "type": "red_notice",
        "requesting_country": "FR",
        "subject": {
            "family_name": "DURAND",
            "given_names": "Paul Henri",
            "names_original_script": [],
            "sex": "M",
            "date_of_birth": "1971-04",
            "nationalities": ["FR"],
            "physical_description": {"height_m": 1.8, "distinguishing_marks": "scar on left hand"},
        },
        "judicial": {
            "facts": {"summary": "Shot and killed a man in Lyon.", "date": "2021-03", "place": "Lyon"},
            "charges": [{"offence": "Murder", "law": "Penal Code art. 221-1", "max_penalty_years": 30}],
            "warrant": {
                "reference": "MA-2021-0042",
                "issued_on": "2021-06-01",
                "authority": "Investigating judge, Lyon",
                "judicial": True,
            },
        },
        "assurances": {"extradition_will_be_sought": True},
        "visibility": {"restricted_to": None, "excluded_countries": [], "public_extract": False},
    }
    for path, value in overrides.items():
        target = data
        *parents, last = path.split("__")
        for p in parents:
            target = target[p]
        target[last] = value
    return data


def make_notice(store: Store, actor: Actor = FR, send: bool = True, **overrides: Any) -> Notice:
    from rednotice.adapters.formats.request_json import parse_request

    cmd = ns.CreateRequest(parse_request(request_json(**overrides)), send=send)
    return ns.create_request(cmd, actor, store.uow())


def publish(store: Store, notice: Notice) -> Notice:
    ns.transition(ns.Transition(notice.id, Action.START_REVIEW), REVIEWER, store.uow())
    return ns.transition(ns.Transition(notice.id, Action.PUBLISH, "compliant"), REVIEWER, store.uow())


@pytest.fixture
def users(store: Store) -> None:
    for actor in (FR, DE, REVIEWER):
        add_user(AddUser(actor.username, actor.role, PASSWORD, actor.country), SYSTEM, store.uow())


@pytest.fixture
def client(store: Store, users: None) -> Iterator[TestClient]:
    # the session cookie is Secure outside development: talk to the app over https
    with TestClient(create_app(store), base_url="https://testserver") as c:
        yield c


def csrf_of(client: TestClient, path: str) -> str:
    page = client.get(path)
    assert page.status_code == 200, page.text
    m = CSRF.search(page.text)
    assert m, f"no CSRF token on {path}"
    return m.group(1)


def sign_in(client: TestClient, username: str, password: str = PASSWORD, next: str = "/") -> Any:
    token = csrf_of(client, "/login")
    return client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token, "next": next},
        follow_redirects=False,
    )


# -- sign-in ------------------------------------------------------------------------------------------------


def test_pages_need_a_signed_in_user(client: TestClient) -> None:
    for path in ("/", "/notices", "/notices/2026-00001", "/requests/new"):
        r = client.get(path, follow_redirects=False)
        assert r.status_code == 303
        assert r.headers["location"].startswith("/login?next=")


def test_sign_in_success_shows_the_dashboard(client: TestClient) -> None:
    r = sign_in(client, FR.username)
    assert r.status_code == 303
    assert r.headers["location"] == "/"
    page = client.get("/")
    assert page.status_code == 200
    assert "fr.officer" in page.text
    assert "France&#39;s requests" in page.text or "France's requests" in page.text


def test_sign_in_failure_is_generic(client: TestClient) -> None:
    wrong = sign_in(client, FR.username, "not the password")
    unknown = sign_in(client, "nobody.here", "not the password")
    for r in (wrong, unknown):
        assert r.status_code == 401
        assert "Wrong username or password." in r.text
    assert client.get("/", follow_redirects=False).status_code == 303


def test_five_failures_lock_the_account(client: TestClient, clock: FakeClock) -> None:
    for _ in range(5):
        assert sign_in(client, FR.username, "not the password").status_code == 401
    r = sign_in(client, FR.username)  # the right password, too late
    assert r.status_code == 401
    assert "locked" in r.text
    assert client.get("/", follow_redirects=False).status_code == 303
    clock.advance(minutes=16)
    assert sign_in(client, FR.username).status_code == 303


def test_next_is_kept_but_never_leaves_the_site(client: TestClient) -> None:
    assert sign_in(client, FR.username, next="/notices?name=x").headers["location"] == "/notices?name=x"
    client.cookies.clear()
    assert sign_in(client, FR.username, next="//evil.example/x").headers["location"] == "/"
    client.cookies.clear()
    assert sign_in(client, FR.username, next="https://evil.example/").headers["location"] == "/"


def test_sign_out(client: TestClient) -> None:
    sign_in(client, FR.username)
    token = csrf_of(client, "/")
    r = client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    assert client.get("/", follow_redirects=False).status_code == 303


# -- CSRF and sessions --------------------------------------------------------------------------------------


def test_posts_without_the_csrf_token_are_refused(client: TestClient, store: Store) -> None:
    r = client.post("/login", data={"username": FR.username, "password": PASSWORD}, follow_redirects=False)
    assert r.status_code == 403
    assert client.get("/", follow_redirects=False).status_code == 303  # not signed in

    sign_in(client, FR.username)
    notice = make_notice(store)
    ref = notice.id.replace("/", "-")
    for path, data in (
        ("/logout", {}),
        ("/requests/new", {"family_name": "X", "charge_offence": "Theft"}),
        (f"/notices/{ref}/actions", {"action": "withdraw", "reasons": "no longer needed"}),
    ):
        assert client.post(path, data=data, follow_redirects=False).status_code == 403
        assert (
            client.post(path, data={**data, "csrf_token": "forged"}, follow_redirects=False).status_code
            == 403
        )
    assert ns.get_notice(notice.id, SYSTEM, store.uow()).state.value == "submitted"
    assert client.get("/", follow_redirects=False).status_code == 200  # still signed in


def test_htmx_requests_may_send_the_token_in_a_header(client: TestClient, store: Store) -> None:
    sign_in(client, FR.username)
    notice = make_notice(store)
    token = csrf_of(client, f"/notices/{notice.id.replace('/', '-')}")
    r = client.post(
        f"/notices/{notice.id.replace('/', '-')}/actions",
        data={"action": "withdraw", "reasons": "found", "expected_version": str(notice.version)},
        headers={"X-CSRF-Token": token},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert ns.get_notice(notice.id, SYSTEM, store.uow()).state.value == "withdrawn"


def test_sign_in_starts_a_new_session(client: TestClient, store: Store) -> None:
    token_before = csrf_of(client, "/login")
    cookie_before = client.cookies.get(SESSION)
    assert cookie_before
    r = client.post(
        "/login",
        data={"username": FR.username, "password": PASSWORD, "csrf_token": token_before},
        follow_redirects=False,
    )
    assert r.status_code == 303
    cookie_after = client.cookies.get(SESSION)
    assert cookie_after and cookie_after != cookie_before
    assert csrf_of(client, "/") != token_before  # a new CSRF token with the new session

    with TestClient(create_app(store), base_url="https://testserver") as other:
        other.cookies.set(SESSION, cookie_before)
        assert other.get("/", follow_redirects=False).status_code == 303  # the old cookie carries no user
        # and the pre-sign-in token does not work for a signed-in action
        other.cookies.clear()
        other.cookies.set(SESSION, cookie_after)
        assert other.get("/", follow_redirects=False).status_code == 200  # the new cookie does
        assert (
            other.post("/logout", data={"csrf_token": token_before}, follow_redirects=False).status_code
            == 403
        )


def test_a_tampered_session_cookie_is_ignored(client: TestClient) -> None:
    sign_in(client, FR.username)
    cookie = client.cookies.get(SESSION)
    assert cookie
    client.cookies.clear()
    client.cookies.set(SESSION, cookie[:-3] + ("aaa" if not cookie.endswith("aaa") else "bbb"))
    assert client.get("/", follow_redirects=False).status_code == 303


# -- notice pages -------------------------------------------------------------------------------------------


def test_user_text_is_escaped(client: TestClient, store: Store) -> None:
    evil = "<script>alert(1)</script>"
    notice = make_notice(store, subject__family_name=evil, judicial__facts={"summary": evil})
    sign_in(client, FR.username)
    ref = notice.id.replace("/", "-")
    for path in (f"/notices/{ref}", "/notices", "/"):
        page = client.get(path)
        assert page.status_code == 200
        assert evil not in page.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def test_an_officer_of_another_country_cannot_open_a_draft(client: TestClient, store: Store) -> None:
    draft = make_notice(store, send=False)
    sign_in(client, DE.username)
    r = client.get(f"/notices/{draft.id.replace('/', '-')}")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html")
    assert "DURAND" not in r.text
    assert "DURAND" not in client.get("/notices").text
    bad = client.get("/notices/not-a-ref")
    assert bad.status_code == 404


def test_notice_page_shows_identity_judicial_data_and_caveat(client: TestClient, store: Store) -> None:
    notice = make_notice(
        store,
        subject__names_original_script=["دوران بول"],
        judicial__warrant={"reference": "W-1", "authority": "Prosecutor", "judicial": False},
    )
    sign_in(client, FR.username)
    page = client.get(f"/notices/{notice.id.replace('/', '-')}").text
    assert 'lang="und-Arab" dir="auto"' in page
    assert "1971-04 (day unknown)" in page
    assert "France" in page
    assert "Not issued by a judge." in page
    assert "It is not an arrest warrant" in page
    assert "Penal Code art. 221-1" in page and "30 years" in page
    assert 'value="withdraw"' in page  # the requester may withdraw
    assert 'value="publish"' not in page


def test_reviewer_moves_a_notice_with_readable_errors(client: TestClient, store: Store) -> None:
    notice = make_notice(store)
    ref = notice.id.replace("/", "-")
    sign_in(client, REVIEWER.username)
    assert notice.id in client.get("/").text  # in the review queue
    token = csrf_of(client, f"/notices/{ref}")

    def act(action: str, reasons: str = "", version: int | None = None) -> str:
        data = {"action": action, "reasons": reasons, "csrf_token": token}
        if version is not None:
            data["expected_version"] = str(version)
        r = client.post(f"/notices/{ref}/actions", data=data)
        assert r.status_code == 200, r.text
        return str(r.text)

    assert "taken into review" in act("start_review", version=notice.version)
    assert "needs written reasons" in act("publish")  # RuleViolation
    assert "Someone changed this notice" in act("publish", "fine", version=notice.version)  # Conflict
    assert "Not possible" in act("submit")  # IllegalTransition
    assert "You may not do this" in act("withdraw", "x")  # Forbidden (not IllegalTransition: allowed state)
    assert "Choose one of the actions" in act("explode")
    page = act("publish", "Reviewed: compliant with Articles 2 and 3.")
    assert "published" in page
    assert "Reviewed: compliant with Articles 2 and 3." in page  # the timeline keeps the reasons
    assert ns.get_notice(notice.id, SYSTEM, store.uow()).state.value == "published"


def test_notice_list_searches(client: TestClient, store: Store) -> None:
    make_notice(store)
    make_notice(
        store, subject__family_name="Иванов", subject__given_names="Пётр", subject__nationalities=["RU"]
    )
    sign_in(client, FR.username)
    page = client.get("/notices", params={"name": "иванов"}).text
    assert "Иванов" in page and "DURAND" not in page
    page = client.get("/notices", params={"nationality": "fr", "state": "submitted"}).text
    assert "DURAND" in page and "Иванов" not in page


# -- the request form ---------------------------------------------------------------------------------------


FORM = {
    "type": "red_notice",
    "family_name": "KARIMOV",
    "given_names": "Rustam",
    "names_original_script": "Каримов Рустам",
    "aliases": "KARIMOFF, Rustam",
    "sex": "M",
    "dob_year": "1980",
    "dob_month": "",
    "dob_day": "",
    "nationalities": "uz, ru",
    "charge_offence": ["Fraud", ""],
    "charge_law": ["Penal Code art. 168", ""],
    "charge_max_penalty_years": ["10", ""],
    "charge_offence_original": ["", ""],
    "facts_summary": "Obtained 2 million euros from investors by false pretences in 2019.",
    "facts_date": "2019",
    "facts_place": "Tashkent",
    "warrant_reference": "W-2020-1",
    "warrant_issued_on": "2020-02-01",
    "warrant_authority": "Tashkent City Court",
    "warrant_judicial": "yes",
    "extradition": "yes",
    "public_extract": "yes",
    "restricted_to": "",
    "language": "en",
}


def test_officer_submits_a_request_through_the_form(client: TestClient, store: Store) -> None:
    sign_in(client, "fr.officer")
    token = csrf_of(client, "/requests/new")
    r = client.post("/requests/new", data={**FORM, "csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303, r.text
    page = client.get(r.headers["location"])
    assert "submitted for review" in page.text
    notices = ns.list_notices(NoticeFilter(), SYSTEM, store.uow()).items
    assert len(notices) == 1
    req = notices[0].request
    assert req.requesting_country == "FR"
    assert req.subject.nationalities == ("UZ", "RU")
    assert req.subject.date_of_birth is not None and req.subject.date_of_birth.human().startswith("1980 (")
    assert [c.offence for c in req.judicial.charges] == ["Fraud"]
    assert req.subject.aliases[0].family_name == "KARIMOFF"
    assert req.visibility.public_extract is True
    assert req.judicial.warrant is not None and req.judicial.warrant.judicial is True


def test_the_form_shows_errors_and_keeps_what_was_typed(client: TestClient, store: Store) -> None:
    sign_in(client, "fr.officer")
    token = csrf_of(client, "/requests/new")
    bad = {
        **FORM,
        "nationalities": "UZ, XX",
        "dob_month": "13",
        "charge_offence": ["", ""],
        "charge_max_penalty_years": ["lots", ""],
        "family_name": "<b>KARIMOV</b>",
        "csrf_token": token,
    }
    r = client.post("/requests/new", data=bad)
    assert r.status_code == 422
    assert "&#39;XX&#39; is not an ISO 3166-1 alpha-2 country code" in r.text or "XX" in r.text
    assert 'id="e-nationalities"' in r.text
    assert 'id="e-date_of_birth"' in r.text
    assert "give at least one charge" in r.text
    assert "&lt;b&gt;KARIMOV&lt;/b&gt;" in r.text  # kept, and escaped
    assert 'value="UZ, XX"' in r.text
    assert ns.list_notices(NoticeFilter(), SYSTEM, store.uow()).total == 0


def test_the_form_adds_charge_rows_with_and_without_htmx(client: TestClient) -> None:
    sign_in(client, "fr.officer")
    frag = client.get("/requests/new/charge", params={"n": 2})
    assert frag.status_code == 200
    assert 'id="charge-2-offence"' in frag.text and 'hx-swap-oob="true"' in frag.text and "n=3" in frag.text
    token = csrf_of(client, "/requests/new")
    r = client.post("/requests/new", data={**FORM, "add_charge": "1", "csrf_token": token})
    assert r.status_code == 200
    assert 'id="charge-3-offence"' in r.text and 'value="Fraud"' in r.text


def test_only_officers_get_the_request_form(client: TestClient) -> None:
    sign_in(client, REVIEWER.username)
    assert client.get("/requests/new").status_code == 403
    assert client.get("/requests/new/charge").status_code == 403


def test_form_to_contract() -> None:
    from starlette.datastructures import FormData

    values = form_values(FormData([("family_name", " A "), ("dob_year", "1990"), ("dob_day", "3")]))
    data = contract_json(values, "FR")
    assert data["subject"]["date_of_birth"] == "1990-?-03"  # rejected by the contract, not guessed
    assert data["judicial"]["warrant"] is None
    assert data["visibility"]["restricted_to"] is None


def test_script_detection() -> None:
    assert script_lang("محمد") == "und-Arab"
    assert script_lang("王伟") == "und-Hani"
    assert script_lang("Пётр") == "und-Cyrl"
    assert script_lang("123") == "und"


# -- public pages -------------------------------------------------------------------------------------------


def test_public_pages_show_only_consented_published_notices(client: TestClient, store: Store) -> None:
    shown = publish(
        store,
        make_notice(
            store,
            subject__family_name="PUBLICUS",
            subject__sex="F",
            visibility__public_extract=True,
            visibility__restricted_to=["DE", "IT"],
        ),
    )
    no_consent = publish(store, make_notice(store, subject__family_name="PRIVATUS"))
    not_yet = make_notice(store, subject__family_name="PENDENS", visibility__public_extract=True)

    page = client.get("/public/notices")  # nobody signed in
    assert page.status_code == 200
    assert "PUBLICUS" in page.text
    assert "PRIVATUS" not in page.text and "PENDENS" not in page.text
    assert "1 public red notice." in page.text

    detail = client.get(f"/public/notices/{shown.id.replace('/', '-')}")
    assert detail.status_code == 200
    assert "PUBLICUS" in detail.text and "Murder" in detail.text and "scar on left hand" in detail.text
    for secret in (
        "MA-2021-0042",
        "Investigating judge",
        "Penal Code",
        "Germany",
        "Italy",
        "published",
        "Published",
        "Shot and killed",
        "Lyon",
    ):
        assert secret not in detail.text, secret
    for hidden in (no_consent, not_yet):
        r = client.get(f"/public/notices/{hidden.id.replace('/', '-')}")
        assert r.status_code == 404
        assert r.headers["content-type"].startswith("text/html")

    assert "PUBLICUS" in client.get("/public/notices", params={"sex": "F", "nationality": "fr"}).text
    assert "PUBLICUS" not in client.get("/public/notices", params={"sex": "M"}).text
    assert "PUBLICUS" not in client.get("/public/notices", params={"name": "someone else"}).text


def test_public_extract_has_only_public_fields(store: Store) -> None:
    notice = make_notice(store, send=False, visibility__public_extract=True)
    extract = public_extract(notice)
    assert set(extract) == {
        "ref",
        "id",
        "family_name",
        "given_names",
        "names_original_script",
        "sex",
        "date_of_birth",
        "nationalities",
        "charges",
        "physical",
    }


def test_pages_send_security_headers(client: TestClient) -> None:
    r = client.get("/public/notices")
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    sign_in(client, FR.username)
    assert client.get("/").headers["cache-control"] == "no-store"
    assert client.get("/static/rednotice.css").status_code == 200
    assert client.get("/static/htmx.min.js").status_code == 200
