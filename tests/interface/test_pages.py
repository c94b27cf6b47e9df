"""The browser pages through Starlette's TestClient: sign-in, CSRF, sessions, escaping, visibility."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from rednotice.bootstrap import Store
from rednotice.domain.errors import Forbidden
from rednotice.domain.lifecycle import Action, Notice
from rednotice.domain.users import SYSTEM, Actor, Role
from rednotice.services import notices as ns
from rednotice.services import review
from rednotice.services.ports import NoticeFilter
from rednotice.services.users import AddUser, add_user, end_sessions
from rednotice.web.app import create_app
from rednotice.web.pages import contract_json, form_values, public_extract, script_lang
from tests.conftest import CASES, DATA, FakeClock

PASSWORD = "correct horse battery"
FR = Actor("fr.officer", Role.NCB_OFFICER, "FR")
DE = Actor("de.officer", Role.NCB_OFFICER, "DE")
REVIEWER = Actor("gs.reviewer", Role.REVIEWER)
REVIEWER2 = Actor("gs.second", Role.REVIEWER)
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
    for actor in (FR, DE, REVIEWER, REVIEWER2):
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


def test_signing_out_ends_the_session_for_every_copy_of_the_cookie(client: TestClient, store: Store) -> None:
    sign_in(client, FR.username)
    stolen = dict(client.cookies)
    token = csrf_of(client, "/")
    client.post("/logout", data={"csrf_token": token})
    client.cookies.clear()
    client.cookies.update(stolen)
    assert client.get("/", follow_redirects=False).status_code == 303, "the old cookie no longer signs in"
    assert client.get("/api/v1/notices").status_code == 401
    with store.uow() as uow:
        assert any(e.action == "auth.signed_out" for e in uow.audit.events())


def test_sessions_expire_and_an_administrator_can_end_them(
    client: TestClient, store: Store, clock: FakeClock
) -> None:
    sign_in(client, FR.username)
    clock.advance(hours=7)
    assert client.get("/", follow_redirects=False).status_code == 200
    clock.advance(hours=2)
    assert client.get("/", follow_redirects=False).status_code == 303, "eight hours after sign-in"
    sign_in(client, FR.username)
    assert client.get("/", follow_redirects=False).status_code == 200
    with pytest.raises(Forbidden):
        end_sessions(FR.username, FR, store.uow())
    assert end_sessions(FR.username, SYSTEM, store.uow()) == 1
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


def test_head_is_answered_like_get_without_a_body(client: TestClient) -> None:
    for path in ("/", "/public/notices", "/healthz", "/login"):
        get = client.get(path, follow_redirects=False)
        head = client.head(path, follow_redirects=False)
        assert head.status_code == get.status_code != 405, path
        assert head.content == b"" and head.headers.get("content-type") == get.headers.get("content-type")


# -- the reviewer's work ------------------------------------------------------------------------------------

FACTORS = {f"factor_{key}": f"Considered: {key.replace('_', ' ')}." for key in review.ARTICLE_34_FACTORS}
HTMX = {"HX-Request": "true"}


def activist_notice(store: Store, **overrides: Any) -> Notice:
    """Case 10 of the shared compliance cases: fraud charged against a political activist (RN-10, review)."""
    from rednotice.adapters.formats.request_json import parse_request

    data = json.loads((CASES / "compliance" / "10-fraud-by-activist.json").read_text())
    for path, value in overrides.items():
        target = data
        *parents, last = path.split("__")
        for key in parents:
            target = target[key]
        target[last] = value
    return ns.create_request(ns.CreateRequest(parse_request(data)), FR, store.uow())


def petty_theft(store: Store) -> Notice:
    """A blocking finding (RN-02, penalty threshold) and one needing review (RN-06)."""
    return make_notice(
        store,
        judicial__charges=[{"offence": "Theft", "law": "Penal Code art. 311-3", "max_penalty_years": 1}],
    )


def ref_of(notice: Notice) -> str:
    return notice.id.replace("/", "-")


def start_review(store: Store, notice: Notice, actor: Actor = REVIEWER) -> Notice:
    return ns.transition(ns.Transition(notice.id, Action.START_REVIEW), actor, store.uow())


def act(client: TestClient, notice: Notice, action: str, reasons: str = "", **extra: Any) -> Any:
    token = csrf_of(client, f"/notices/{ref_of(notice)}")
    data = {"action": action, "reasons": reasons, "csrf_token": token, **extra}
    return client.post(f"/notices/{ref_of(notice)}/actions", data=data)


def records(store: Store, notice: Notice, kind: review.RecordKind) -> list[review.ReviewRecord]:
    return [r for r in review.dossier(notice.id, REVIEWER, store.uow()).records if r.kind is kind]


def test_the_queue_is_riskiest_first_with_verdicts_and_codes(client: TestClient, store: Store) -> None:
    clean = make_notice(store)  # compliant, and older
    risky = petty_theft(store)  # block + review
    activist = activist_notice(store)  # review
    sign_in(client, REVIEWER.username)
    for path in ("/review", "/"):
        page = client.get(path).text
        order = [page.index(n.id) for n in (risky, activist, clean)]
        assert order == sorted(order), path
        assert "Non-compliant" in page and "Needs review" in page and "Compliant" in page
        assert 'class="badge sev-block"' in page and ">RN-02<" in page and ">RN-10<" in page
    assert "3 red notice requests" in client.get("/review").text
    assert client.get("/review", params={"page": 2}).status_code == 200
    sign_in(client, FR.username)
    assert client.get("/review").status_code == 403


def test_reviewer_sees_what_the_engine_read_iccs_acts_and_statutes(client: TestClient, store: Store) -> None:
    by = Actor("by.officer", Role.NCB_OFFICER, "BY")
    notice = start_review(
        store,
        make_notice(
            store,
            by,
            requesting_country="BY",
            judicial__charges=[{"offence": "Fraud", "law": "Criminal Code art. 342", "max_penalty_years": 5}],
            judicial__facts__summary="Between 2017 and 2018 in Minsk the subject deceived investors and "
            "misappropriated 200,000 euros of their savings.",
        ),
    )
    sign_in(client, REVIEWER.username)
    page = client.get(f"/notices/{ref_of(notice)}").text
    reading = page[page.index('id="engine-reading"') :]
    reading = reading[: reading.index("</details>")]
    assert "<strong>0701</strong>" in reading  # fraud, ICCS section 07
    assert "Acts involving fraud, deception or corruption" in reading
    assert "342" in reading and "Belarus" in reading  # the statute of concern cited
    assert 'id="engine-acts"' in reading and "financial loss" in reading and "subject" in reading


def test_reviewer_sees_findings_with_rule_basis_and_evidence(client: TestClient, store: Store) -> None:
    notice = start_review(store, activist_notice(store))
    sign_in(client, REVIEWER.username)
    page = client.get(f"/notices/{ref_of(notice)}").text
    assert 'id="finding-RN-10"' in page
    assert "Subject with a sensitive profile: Article 3 assessment" in page
    assert "RPD Art. 34(3)" in page
    evidence = page[page.index('<dl class="evidence"') :]
    evidence = evidence[: evidence.index("</dl>")]
    assert "Profiles" in evidence and "political_activist" in evidence and "declared profile" in evidence
    assert "Needs a written resolution" in page
    assert 'id="art3-nature_of_offence"' in page  # RN-10 asks for the Art. 3 assessment
    for label in review.ARTICLE_34_FACTORS.values():
        assert label in page
    assert 'value="art3" checked' in page  # grounds pre-selected from the findings
    assert "Similar past decisions" in page
    # the requester sees none of the dossier
    sign_in(client, FR.username)
    own = client.get(f"/notices/{ref_of(notice)}").text
    assert "finding-RN-10" not in own and "political_activist" not in own


def test_resolution_and_article3_are_required_before_publishing(client: TestClient, store: Store) -> None:
    notice = start_review(store, activist_notice(store))
    sign_in(client, REVIEWER.username)
    blocked = act(client, notice, "publish", "Ordinary fraud.", expected_version=str(notice.version))
    assert "Not published: this still needs" in blocked.text
    assert "findings needing a written resolution: RN-10" in blocked.text
    assert "an Article 3 assessment of the seven Art. 34(3) factors is required" in blocked.text
    token = csrf_of(client, f"/notices/{ref_of(notice)}")
    url = f"/notices/{ref_of(notice)}/resolutions"

    short = client.post(url, data={"code": "RN-10", "resolution": "fine", "csrf_token": token})
    assert short.status_code == 422
    assert "at least 10 characters" in short.text and 'aria-invalid="true"' in short.text
    assert not records(store, notice, review.RecordKind.RESOLUTION)

    text = "Fraud with identified victims and documented losses; the activism is unrelated."
    frag = client.post(
        url, data={"code": "RN-10", "resolution": text}, headers={**HTMX, "X-CSRF-Token": token}
    )
    assert frag.status_code == 200
    assert "<html" not in frag.text  # a fragment for htmx
    assert (
        'id="finding-RN-10"' in frag.text
        and text in frag.text
        and "Resolution of RN-10 recorded." in frag.text
    )
    assert 'id="gate-checklist" class="gate" hx-swap-oob="true"' in frag.text
    gate = frag.text.split('id="gate-checklist"')[1]
    assert "written resolution" not in gate and "Article 3 assessment" in gate  # what is left to do

    art3 = client.post(
        f"/notices/{ref_of(notice)}/article3",
        data={**FACTORS, "conclusion": "Not predominantly political.", "csrf_token": token},
    )
    assert art3.status_code == 200 and "Article 3 assessment recorded." in art3.text
    assert "Not predominantly political." in art3.text  # shown once recorded
    assert "Ready for a decision" in art3.text
    done = act(
        client, notice, "publish", "Ordinary fraud; Art. 3 assessed.", expected_version=str(notice.version)
    )
    assert "published" in done.text
    assert ns.get_notice(notice.id, SYSTEM, store.uow()).state.value == "published"


def test_article3_form_needs_every_factor(client: TestClient, store: Store) -> None:
    notice = start_review(store, activist_notice(store))
    sign_in(client, REVIEWER.username)
    token = csrf_of(client, f"/notices/{ref_of(notice)}")
    url = f"/notices/{ref_of(notice)}/article3"
    partial = {**FACTORS, "factor_neutrality": "", "conclusion": "Not political.", "csrf_token": token}
    page = client.post(url, data=partial)
    assert page.status_code == 422
    assert "missing: neutrality" in page.text
    assert 'id="art3-neutrality"' in page.text and "Considered: general context." in page.text  # kept
    frag = client.post(url, data={**FACTORS, "conclusion": ""}, headers={**HTMX, "X-CSRF-Token": token})
    assert frag.status_code == 422 and "<html" not in frag.text
    assert "ends with a conclusion" in frag.text
    assert not records(store, notice, review.RecordKind.ARTICLE_3)


def test_an_exception_needs_a_second_reviewer(client: TestClient, store: Store) -> None:
    notice = start_review(store, petty_theft(store))
    ref = ref_of(notice)
    sign_in(client, REVIEWER.username)
    page = client.get(f"/notices/{ref}").text
    assert "Art. 83(1)(b) exception" in page and "Propose the exception" in page
    token = csrf_of(client, f"/notices/{ref}")
    reasons = "Particular importance: part of a series of thefts from hospitals endangering patients."
    r = client.post(f"/notices/{ref}/exception", data={"exception_reasons": reasons, "csrf_token": token})
    assert "Exception proposed" in r.text and "A second reviewer must confirm it" in r.text
    assert "Confirm the exception" not in r.text  # not offered to the one who proposed it
    forced = client.post(
        f"/notices/{ref}/exception/confirm", data={"confirm_reasons": "ok", "csrf_token": token}
    )
    assert forced.status_code == 422 and "second reviewer" in forced.text
    assert not records(store, notice, review.RecordKind.EXCEPTION_CONFIRMED)

    sign_in(client, REVIEWER2.username)
    token = csrf_of(client, f"/notices/{ref}")
    assert "Confirm the exception" in client.get(f"/notices/{ref}").text
    r = client.post(
        f"/notices/{ref}/exception/confirm", data={"confirm_reasons": "Agreed.", "csrf_token": token}
    )
    assert "Exception confirmed." in r.text
    client.post(
        f"/notices/{ref}/resolutions",
        data={"code": "RN-06", "resolution": "The facts support the theft charge.", "csrf_token": token},
    )
    assert "published" in act(client, notice, "publish", "Exception confirmed by two reviewers.").text
    assert ns.get_notice(notice.id, SYSTEM, store.uow()).state.value == "published"


def test_refusal_grounds_reach_the_requester_but_not_the_reasons(client: TestClient, store: Store) -> None:
    notice = start_review(store, activist_notice(store))
    sign_in(client, REVIEWER.username)
    secret = "The subject holds refugee status granted by Germany in 2019."
    r = act(client, notice, "refuse", secret, grounds=["refugee", "art3", "bogus"])
    assert "refused" in r.text
    decision = records(store, notice, review.RecordKind.DECISION)[-1]
    assert decision.data["grounds"] == ["art3", "refugee"]
    assert secret in r.text  # the reviewer sees the internal reasons
    sign_in(client, FR.username)
    own = client.get(f"/notices/{ref_of(notice)}").text
    assert "Refused under INTERPOL&#39;s policy on refugees and asylum seekers." in own
    assert "Refused under Article 3" in own
    assert "Refugee or asylum status" in own
    assert "Germany" not in own and "refugee status granted" not in own
    assert "gs.reviewer" not in own


def test_similar_past_decisions_share_country_and_charge_words(client: TestClient, store: Store) -> None:
    earlier = start_review(store, activist_notice(store, subject__family_name="EARLIER"))
    ns.transition(
        ns.Transition(earlier.id, Action.REFUSE, "political", grounds=(review.Ground.ARTICLE_3,)),
        REVIEWER,
        store.uow(),
    )
    other_charge = start_review(store, make_notice(store, subject__family_name="UNRELATED"))
    ns.transition(
        ns.Transition(other_charge.id, Action.REFUSE, "no", grounds=(review.Ground.OTHER,)),
        REVIEWER,
        store.uow(),
    )
    notice = activist_notice(store)
    sign_in(client, REVIEWER.username)
    page = client.get(f"/notices/{ref_of(notice)}").text
    box = page[page.index('id="similar-title"') :]
    assert earlier.id in box and "EARLIER" in box and ">fraud<" in box
    assert "UNRELATED" not in box
    assert "similar by" in box.lower() or "share a word of the charges" in box


# -- live validation on the request form --------------------------------------------------------------------


def test_check_before_submitting_shows_findings_and_stores_nothing(client: TestClient, store: Store) -> None:
    sign_in(client, FR.username)
    token = csrf_of(client, "/requests/new")
    theft = {**FORM, "charge_offence": ["Theft", ""], "charge_max_penalty_years": ["1", ""]}
    frag = client.post("/requests/check", data=theft, headers={**HTMX, "X-CSRF-Token": token})
    assert frag.status_code == 200 and "<html" not in frag.text
    assert "Non-compliant" in frag.text and "RN-02" in frag.text and 'class="evidence"' in frag.text
    page = client.post("/requests/new", data={**theft, "check": "1", "csrf_token": token})  # without script
    assert page.status_code == 200 and "RN-02" in page.text and 'value="KARIMOV"' in page.text
    broken = client.post(
        "/requests/check", data={**FORM, "dob_month": "13"}, headers={**HTMX, "X-CSRF-Token": token}
    )
    assert "The check cannot run yet" in broken.text
    assert client.post("/requests/check", data=theft, headers=HTMX).status_code == 403  # no CSRF token
    assert ns.list_notices(NoticeFilter(), SYSTEM, store.uow()).total == 0
    sign_in(client, REVIEWER.username)
    assert client.post("/requests/check", data=theft, headers=HTMX).status_code == 403


# -- errors -------------------------------------------------------------------------------------------------


def test_page_errors_are_html_and_api_errors_stay_json(client: TestClient) -> None:
    missing = client.get("/no/such/page")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("text/html")
    assert "Not found" in missing.text and missing.headers["x-frame-options"] == "DENY"
    wrong_method = client.get("/logout")
    assert wrong_method.status_code == 405 and wrong_method.headers["content-type"].startswith("text/html")
    assert "POST" in wrong_method.headers["allow"]
    for path in ("/api/v1/no-such-thing", "/notices/v1/no/such/thing"):
        r = client.get(path)
        assert r.status_code == 404 and r.json()["error"]["code"] == "not_found", path
    assert (
        client.get("/no/such/page", headers={"Accept": "application/json"}).json()["error"]["code"]
        == "not_found"
    )


# -- screening ----------------------------------------------------------------------------------------------

MRZ_GOOD = "P<FRADURAND<<PAUL<HENRI<<<<<<<<<<<<<<<<<<<<<\n14AB123459FRA7104022M3001019<<<<<<<<<<<<<<02\n"
MRZ_BAD = MRZ_GOOD.replace("7104022M", "7104023M")  # wrong birth-date check digit


def cyrillic_notice(store: Store) -> Notice:
    return publish(
        store,
        make_notice(
            store,
            subject__family_name="SHCHERBAKOV",
            subject__given_names="Dmitriy",
            subject__names_original_script=["Щербаков Дмитрий"],
            subject__date_of_birth="1979-03-12",
            subject__nationalities=["RU"],
        ),
    )


def run_page_of(client: TestClient, response: Any) -> Any:
    assert response.status_code == 303, response.text
    location = response.headers["location"]
    assert location.startswith("/screening/runs/")
    page = client.get(location)
    assert page.status_code == 200
    return page


def test_screening_is_for_officers_and_reviewers(client: TestClient, store: Store) -> None:
    r = client.get("/screening", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    add_user(AddUser("ccf.member", Role.CCF, PASSWORD, None), SYSTEM, store.uow())
    sign_in(client, "ccf.member")
    assert client.get("/screening").status_code == 403
    client.cookies.clear()
    sign_in(client, REVIEWER.username)
    page = client.get("/screening")
    assert page.status_code == 200
    for text in ("One traveller", "Paste machine-readable zones", "Upload a manifest", "RPD Art. 87"):
        assert text in page.text


def test_a_latin_spelling_finds_a_cyrillic_notice_with_every_reason(client: TestClient, store: Store) -> None:
    notice = cyrillic_notice(store)
    sign_in(client, DE.username)
    token = csrf_of(client, "/screening")
    r = client.post(
        "/screening/query",
        data={"csrf_token": token, "name": "Dmitri Scherbakow", "birth_date": "1979", "sex": "M"},
        follow_redirects=False,
    )
    page = run_page_of(client, r)
    assert notice.id in page.text
    assert f"/notices/{notice.id.replace('/', '-')}" in page.text
    assert 'lang="und-Cyrl"' in page.text and "Щербаков" in page.text
    assert "It is not an arrest warrant" in page.text and "RPD Art. 87" in page.text
    assert "Record the outcome" in page.text
    assert page.text.count('class="reasons-list"') == 1


def test_the_single_query_form_explains_what_is_wrong(client: TestClient) -> None:
    sign_in(client, FR.username)
    token = csrf_of(client, "/screening")
    r = client.post("/screening/query", data={"csrf_token": token, "name": ""})
    assert r.status_code == 422 and "at least a family name" in r.text
    r = client.post("/screening/query", data={"csrf_token": token, "name": "X Y", "birth_date": "19xx"})
    assert r.status_code == 422 and 'aria-invalid="true"' in r.text
    r = client.post("/screening/query", data={"csrf_token": token, "name": "X Y", "nationality": "ZZZ"})
    assert r.status_code == 422 and "nationality" in r.text
    assert client.post("/screening/query", data={"name": "X"}).status_code == 403  # no CSRF token


def test_pasted_mrz_with_a_bad_check_digit_says_which_field(client: TestClient, store: Store) -> None:
    publish(store, make_notice(store, subject__date_of_birth="1971-04-02"))
    sign_in(client, DE.username)
    token = csrf_of(client, "/screening")
    only_bad = client.post("/screening/mrz", data={"csrf_token": token, "mrz": MRZ_BAD})
    assert only_bad.status_code == 422
    assert "Nothing was screened" in only_bad.text and "check digit" in only_bad.text
    assert "Line 1" in only_bad.text
    r = client.post(
        "/screening/mrz", data={"csrf_token": token, "mrz": MRZ_GOOD + "\n" + MRZ_BAD}, follow_redirects=False
    )
    page = run_page_of(client, r)
    assert "DURAND" in page.text and "1 line could not be read" in page.text
    assert "check digit" in page.text
    for garbage in ("", "<<<<", "\x00\x01 ☃" * 50, "P<" * 30000):
        assert client.post("/screening/mrz", data={"csrf_token": token, "mrz": garbage}).status_code in (
            413,
            422,
        )


def test_an_uploaded_csv_is_screened_and_an_outcome_recorded(client: TestClient, store: Store) -> None:
    notice = publish(store, make_notice(store, subject__date_of_birth="1971-04-02"))
    sign_in(client, DE.username)
    token = csrf_of(client, "/screening")
    csv_text = (
        "id,family_name,given_names,birth_date\nA1,Durand,Paul,1971-04-02\nA2,Nobody,Here,1990\nA3,,x,\n"
    )
    r = client.post(
        "/screening/upload",
        data={"csrf_token": token, "format": ""},
        files={"file": ("manifest.csv", csv_text.encode())},
        follow_redirects=False,
    )
    page = run_page_of(client, r)
    assert "Uploaded file (CSV)" in page.text and "1 line could not be read" in page.text
    hit_id = re.search(r'id="hit-(\d+)"', page.text)
    assert hit_id and notice.id in page.text
    run_url = r.headers["location"]
    token = CSRF.search(page.text).group(1)  # type: ignore[union-attr]
    bad = client.post(
        f"/screening/hits/{hit_id.group(1)}/outcome",
        data={"csrf_token": token, "outcome": "arrested", "back": run_url},
        follow_redirects=False,
    )
    assert bad.status_code == 303
    done = client.post(
        f"/screening/hits/{hit_id.group(1)}/outcome",
        data={"csrf_token": token, "outcome": "located", "notes": "Seen at gate 12", "back": run_url},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"].startswith(run_url)
    page = client.get(run_url)
    assert "Located" in page.text and "Seen at gate 12" in page.text and "Outcome recorded" in page.text
    # another country's officer cannot see the run nor record an outcome on its hits
    client.cookies.clear()
    sign_in(client, FR.username)
    assert client.get(run_url).status_code == 404
    token = csrf_of(client, "/screening")
    r = client.post(
        f"/screening/hits/{hit_id.group(1)}/outcome", data={"csrf_token": token, "outcome": "no_action"}
    )
    assert r.status_code == 404


def test_a_manifest_with_envelope_faults_is_screened_and_its_warnings_shown(client: TestClient) -> None:
    """A real manifest whose UNT segment count is wrong (GTAS's published test data): every traveller is
    screened, and the officer reads each warning with its line on the run's page."""
    sample = (
        DATA / "paxlst" / "gtas_gtas-job-scheduler-war_src_test_resources_tamr-integration-data_flight1.txt"
    )
    sign_in(client, DE.username)
    token = csrf_of(client, "/screening")
    r = client.post(
        "/screening/upload",
        data={"csrf_token": token, "format": "paxlst"},
        files={"file": (sample.name, sample.read_bytes())},
        follow_redirects=False,
    )
    page = run_page_of(client, r)
    assert "1 warning(s)" in page.text and "UNT says" in page.text and "line " in page.text
    assert "could not be read" not in page.text


def test_garbage_uploads_are_explained_not_crashed(client: TestClient) -> None:
    sign_in(client, FR.username)
    token = csrf_of(client, "/screening")
    for name, data, fmt in (
        ("x.bin", b"\x00\xff\xfe garbage", ""),
        ("x.csv", b"\xff\xfe\x00bad", "csv"),
        ("x.jsonl", b"{not json\n[1,2]\n", "jsonl"),
        ("x.edi", b"UNA:+.? 'UNB+broken", ""),
        ("x.txt", b"", "mrz"),
    ):
        r = client.post(
            "/screening/upload", data={"csrf_token": token, "format": fmt}, files={"file": (name, data)}
        )
        assert r.status_code == 422, (name, r.status_code)
        assert "Nothing was screened" in r.text
    r = client.post("/screening/upload", data={"csrf_token": token})
    assert r.status_code == 422 and "Choose a file" in r.text


def test_a_large_batch_becomes_a_job_with_progress(
    client: TestClient, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rednotice.services import screening as sc

    monkeypatch.setattr(sc, "SYNC_LIMIT", 2)
    publish(store, make_notice(store, subject__date_of_birth="1971-04-02"))
    sign_in(client, DE.username)
    token = csrf_of(client, "/screening")
    lines = "\n".join(json.dumps({"id": f"p{i}", "name": f"Traveller Number{i}"}) for i in range(4))
    lines += "\n" + json.dumps({"id": "hit", "family_name": "DURAND", "given_names": "Paul Henri"})
    r = client.post(
        "/screening/upload",
        data={"csrf_token": token},
        files={"file": ("pax.jsonl", lines.encode())},
        follow_redirects=False,
    )
    page = run_page_of(client, r)
    run_id = r.headers["location"].rsplit("/", 1)[1]
    assert "<progress" in page.text and 'hx-trigger="every 1s"' in page.text
    fragment = client.get(f"/screening/runs/{run_id}/progress", headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "0 of 5 travellers" in fragment.text
    assert "HX-Refresh" not in fragment.headers
    engine = client.app.state.screening_engine  # type: ignore[attr-defined]
    assert sc.run_next_job(engine, store.uow, "test") == run_id
    fragment = client.get(f"/screening/runs/{run_id}/progress", headers={"HX-Request": "true"})
    assert "5 of 5" in fragment.text and fragment.headers["HX-Refresh"] == "true"
    page = client.get(f"/screening/runs/{run_id}")
    assert "DURAND" in page.text and "<progress" not in page.text
    assert f"/api/v1/screenings/{run_id}/results" in page.text
    download = client.get(f"/api/v1/screenings/{run_id}/results")  # the browser session is enough
    assert download.status_code == 200 and len(download.text.splitlines()) == 5


# -- the CCF ------------------------------------------------------------------------------------------------


def ccf_case(store: Store, notice: Notice | None = None) -> str:
    from rednotice.domain.redress import ApplicantKind, Filing, IdProof, RequestKind
    from rednotice.services import redress as rs

    subject = (notice or make_notice(store)).request.subject
    filing = Filing(
        kind=RequestKind.DELETION,
        applicant_kind=ApplicantKind.PERSON,
        subject=subject,
        id_proof=IdProof(True, True, True, True),
        signed=True,
        purpose="Delete the notice: it is political.",
        language="en",
        confidential="SECRET-MATERIAL",
        notice_id=notice.id if notice else None,
    )
    case, _code = rs.file_case(filing, store.uow())
    return case.id


def test_ccf_pages_do_not_exist_for_anyone_else(client: TestClient, store: Store) -> None:
    case_id = ccf_case(store)
    for who in (FR.username, DE.username, REVIEWER.username):
        client.cookies.clear()
        sign_in(client, who)
        assert client.get("/ccf").status_code == 404
        assert client.get(f"/ccf/cases/{case_id}").status_code == 404
        token = csrf_of(client, "/")
        r = client.post(f"/ccf/cases/{case_id}/admissibility", data={"csrf_token": token})
        assert r.status_code == 404
        assert "SECRET-MATERIAL" not in r.text


def test_ccf_works_a_case_and_overdue_cases_stand_out(
    client: TestClient, store: Store, clock: FakeClock
) -> None:
    notice = publish(store, make_notice(store))
    case_id = ccf_case(store, notice)
    add_user(AddUser("ccf.member", Role.CCF, PASSWORD, None), SYSTEM, store.uow())
    sign_in(client, "ccf.member")
    listing = client.get("/ccf")
    assert listing.status_code == 200 and case_id in listing.text and "row-overdue" not in listing.text
    page = client.get(f"/ccf/cases/{case_id}")
    assert "Check admissibility" in page.text and "SECRET-MATERIAL" in page.text
    token = CSRF.search(page.text).group(1)  # type: ignore[union-attr]
    page = client.post(f"/ccf/cases/{case_id}/admissibility", data={"csrf_token": token})
    assert page.status_code == 200 and str(page.url).endswith(f"/ccf/cases/{case_id}")
    assert "is admissible" in page.text and "Block the data" in page.text and notice.id in page.text
    r = client.post(f"/ccf/cases/{case_id}/block", data={"csrf_token": token, "reasons": "short"})
    assert "Not done" in r.text
    client.post(f"/ccf/cases/{case_id}/block", data={"csrf_token": token, "reasons": "Risk of persecution."})
    assert ns.get_notice(notice.id, SYSTEM, store.uow()).state.value == "suspended"
    r = client.post(
        f"/ccf/cases/{case_id}/consultations",
        data={
            "csrf_token": token,
            "notice_id": notice.id,
            "question": "Is the case political?",
            "due": "2026-02-01",
        },
    )
    assert "answer due 2026-02-01" in r.text
    clock.advance(days=300)  # past the consultation and the 9-month decision deadline
    assert "Sign in" in client.get("/ccf").text, "the 8-hour session ended long ago"
    sign_in(client, "ccf.member")
    token = csrf_of(client, "/")
    listing = client.get("/ccf")
    assert "row-overdue" in listing.text and "overdue" in listing.text
    r = client.post(
        f"/ccf/cases/{case_id}/decision",
        data={
            "csrf_token": token,
            "outcome": "deleted",
            "reasons": "Predominantly political character (Art. 3).",
        },
    )
    assert "Decision on" in r.text and "Record that the applicant was told" in r.text
    assert ns.get_notice(notice.id, SYSTEM, store.uow()).state.value == "deleted"
    r = client.post(f"/ccf/cases/{case_id}/informed", data={"csrf_token": token})
    assert "applicant was told" in r.text


def test_public_list_searches_by_age_honestly(store: Store) -> None:
    """Age from a partial birth date: a person born in 1971 (day unknown) is 54 or 55 in 2026."""
    from rednotice.domain.lifecycle import Action
    from rednotice.domain.users import Actor, Role
    from rednotice.services import notices as ns
    from tests.factories import make_request

    fr, rev = Actor("ncb-fr", Role.NCB_OFFICER, "FR"), Actor("rev", Role.REVIEWER)
    for name, born in (("AGEONE", "1971"), ("AGETWO", "1990-06-01")):
        n = ns.create_request(
            ns.CreateRequest(
                make_request(
                    **{
                        "subject.family_name": name,
                        "subject.aliases": [],
                        "subject.date_of_birth": born,
                        "visibility.public_extract": True,
                    }
                )
            ),
            fr,
            store.uow(),
        )
        ns.transition(ns.Transition(n.id, Action.START_REVIEW), rev, store.uow())
        ns.transition(ns.Transition(n.id, Action.PUBLISH, "compliant"), rev, store.uow())
    from fastapi.testclient import TestClient

    from rednotice.web.app import create_app

    with TestClient(create_app(store)) as client:
        page = client.get("/public/notices", params={"age_min": "55", "age_max": "60"}).text
        assert "AGEONE" in page and "AGETWO" not in page
        page = client.get("/public/notices", params={"age_max": "40"}).text
        assert "AGETWO" in page and "AGEONE" not in page
        assert client.get("/public/notices", params={"age_min": "90", "age_max": "10"}).status_code == 200


def test_the_administrator_adds_users_and_issues_tokens_in_the_browser(store: Store) -> None:
    import re

    from fastapi.testclient import TestClient

    from rednotice.domain.users import SYSTEM, Role
    from rednotice.services import users as us
    from rednotice.web.app import create_app

    us.add_user(us.AddUser("root-admin", Role.ADMIN, "a long admin password"), SYSTEM, store.uow())
    with TestClient(create_app(store), base_url="https://testserver") as client:
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
        assert csrf
        client.post(
            "/login",
            data={"username": "root-admin", "password": "a long admin password", "csrf_token": csrf.group(1)},
        )
        page = client.get("/admin/users")
        assert page.status_code == 200 and "Add a user" in page.text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert token
        r = client.post(
            "/admin/users",
            data={
                "username": "ncb-it",
                "role": "ncb_officer",
                "country": "IT",
                "password": "a long officer password",
                "csrf_token": token.group(1),
            },
        )
        assert r.status_code in (200, 303)
        assert "ncb-it" in client.get("/admin/users").text
        r = client.post(
            "/admin/users",
            data={
                "username": "bad",
                "role": "ncb_officer",
                "country": "",
                "password": "a long officer password",
                "csrf_token": token.group(1),
            },
        )
        assert "Not added" in client.get("/admin/users").text or r.status_code in (200, 303)
        # an administrator never obtains another person's token (issue 14, item 6), only their own
        r = client.post("/admin/users/ncb-it/token", data={"label": "border", "csrf_token": token.group(1)})
        assert not re.search(r"(rn_[A-Za-z0-9_-]{20,})", r.text)
        r = client.post("/admin/users/root-admin/token", data={"label": "mine", "csrf_token": token.group(1)})
        issued = re.search(r"(rn_[A-Za-z0-9_-]{20,})", r.text)
        assert issued and us.actor_for_token(issued.group(1), store.uow()).username == "root-admin"
        assert client.post("/admin/users", data={"username": "x"}).status_code == 403  # no CSRF token


def test_reviewers_see_harassment_reports_and_refugee_status_beside_the_notice(store: Store) -> None:
    import re

    from fastapi.testclient import TestClient

    from rednotice.adapters.formats.request_json import parse_request
    from rednotice.domain.compliance.context import ProtectionStatus
    from rednotice.domain.redress import HarassmentReport, HarmKind, ReporterKind
    from rednotice.domain.users import SYSTEM, Actor, Role
    from rednotice.services import notices as ns
    from rednotice.services import redress
    from rednotice.services import users as us
    from rednotice.web.app import create_app
    from tests.factories import request_dict

    us.add_user(us.AddUser("rev-beside", Role.REVIEWER, "a long reviewer password"), SYSTEM, store.uow())
    data = request_dict(
        **{"requesting_country": "RU", "subject.nationalities": ["RU"], "subject.aliases": []}
    )
    n = ns.create_request(
        ns.CreateRequest(parse_request(data)), Actor("ncb-ru", Role.NCB_OFFICER, "RU"), store.uow()
    )
    redress.file_harassment_report(
        HarassmentReport(
            id=0,
            filed_at=store.clock(),
            reporter_kind=ReporterKind.NGO,
            reporter_name="Rights Group",
            reporter_contact="",
            notice_id=n.id,
            victim_name="Anna Durand",
            victim_relation="spouse",
            kinds=(HarmKind.EXIT_BAN,),
            occurred_on="2025",
            place="Moscow",
            description="The spouse was banned from leaving the country.",
            source="interview",
        ),
        store.uow(),
    )
    redress.confirm_refugee(
        parse_request(data).subject,
        ProtectionStatus.REFUGEE,
        "RU",
        "recognised in 2024",
        Actor("ncb-de", Role.NCB_OFFICER, "DE"),
        store.uow(),
    )
    with TestClient(create_app(store), base_url="https://testserver") as client:
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
        assert csrf
        client.post(
            "/login",
            data={
                "username": "rev-beside",
                "password": "a long reviewer password",
                "csrf_token": csrf.group(1),
            },
        )
        page = client.get(f"/notices/{n.id.replace('/', '-')}").text
    assert "Redress and protection" in page and "banned from leaving" in page
    assert "Refugee or asylum status (1)" in page


def test_the_locating_officer_sees_and_records_the_extradition_safeguards(store: Store) -> None:
    import re

    from fastapi.testclient import TestClient

    from rednotice.domain.lifecycle import Action
    from rednotice.domain.screening.query import ScreeningQuery
    from rednotice.domain.users import SYSTEM, Actor, Role
    from rednotice.services import notices as ns
    from rednotice.services import screening as sc
    from rednotice.services import users as us
    from rednotice.web.app import create_app
    from tests.factories import make_request

    fr, de, rev = (
        Actor("ncb-fr", Role.NCB_OFFICER, "FR"),
        Actor("de-border", Role.NCB_OFFICER, "DE"),
        Actor("rev", Role.REVIEWER),
    )
    us.add_user(
        us.AddUser("de-border", Role.NCB_OFFICER, "a long border password", "DE"), SYSTEM, store.uow()
    )
    n = ns.create_request(ns.CreateRequest(make_request()), fr, store.uow())
    ns.transition(ns.Transition(n.id, Action.START_REVIEW), rev, store.uow())
    ns.transition(ns.Transition(n.id, Action.PUBLISH, "compliant"), rev, store.uow())
    run = sc.screen(
        sc.Screen([ScreeningQuery(id="p1", name="Paul Durand")]), de, sc.ScreeningEngine(store.uow), store.uow
    )
    hit = sc.list_hits(run.id, de, store.uow())[0]
    sc.record_outcome(hit["id"], sc.HitOutcome.LOCATED, "at the airport", de, store.uow())
    with TestClient(create_app(store), base_url="https://testserver") as client:
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
        assert csrf
        client.post(
            "/login",
            data={"username": "de-border", "password": "a long border password", "csrf_token": csrf.group(1)},
        )
        page = client.get(f"/screening/hits/{hit['id']}/safeguards")
        assert (
            page.status_code == 200
            and "Before any extradition" in page.text
            and "Not an arrest warrant" in page.text
        )
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert token
        client.post(
            f"/screening/hits/{hit['id']}/safeguards",
            data={"treaty_in_force": "yes", "person_informed": "yes", "csrf_token": token.group(1)},
        )
        assert "Answer: yes" in client.get(f"/screening/hits/{hit['id']}/safeguards").text
        assert client.get("/screening/hits/99999999999/safeguards").status_code == 404
