"""Journeys through the pages in a real Chromium against a real server (see conftest.py)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, FilePayload, Page, ViewportSize, expect

from rednotice.adapters.formats.request_json import parse_request
from rednotice.domain.lifecycle import Action, Notice
from rednotice.domain.users import SYSTEM, Actor, Role
from rednotice.services import notices as ns
from rednotice.services import review
from tests.browser.conftest import PASSWORD, LiveServer
from tests.conftest import CASES
from tests.factories import request_dict

DESKTOP = ViewportSize(width=1280, height=900)
PHONE = ViewportSize(width=390, height=844)
FR_OFFICER = Actor("fr.officer", Role.NCB_OFFICER, "FR")


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport=DESKTOP, locale="en-GB")
    ctx.set_default_timeout(10_000)
    try:
        yield ctx
    finally:
        ctx.close()


def shot(page: Page, folder: Path, name: str, full_page: bool = True) -> None:
    page.screenshot(path=str(folder / f"{name}.png"), full_page=full_page)


def sign_in(page: Page, server: LiveServer, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{server.url}/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


def submit_request(
    page: Page, server: LiveServer, family: str, consent: bool, folder: Path | None = None
) -> str:
    """Fill in the request form as an NCB officer; return the new notice's reference from the URL."""
    page.get_by_role("link", name="New request").first.click()
    expect(page.get_by_role("heading", name="New notice request")).to_be_visible()
    page.get_by_label("Family name").fill(family)
    page.get_by_label("Given names").fill("Samir")
    page.get_by_label("Names in the original script").fill("سمير الحداد")
    page.get_by_label("Sex", exact=True).select_option("M")
    page.get_by_label("Year", exact=True).fill("1984")
    page.get_by_label("Month", exact=True).fill("7")
    page.get_by_label("Nationalities").fill("FR, DZ")
    page.get_by_label("Kind").select_option("passport")
    page.get_by_label("Number").fill("18FR04211")
    page.get_by_label("Issued by", exact=True).fill("FR")
    page.get_by_label("Photograph").check()
    page.get_by_label("Offence as charged").first.fill("Armed robbery")
    page.get_by_label("Law that defines it").first.fill("Penal Code art. 311-8")
    page.get_by_label("Maximum penalty (years)").first.fill("20")
    page.get_by_role("button", name="+ Add another charge").click()  # htmx fetches a second row
    expect(page.locator("#charge-2-offence")).to_be_visible()
    page.locator("#charge-2-offence").fill("Kidnapping")
    page.locator("#charge-2-law").fill("Penal Code art. 224-1")
    page.locator("#charge-2-penalty").fill("30")
    page.get_by_label("Summary of facts").fill(
        "On 3 March 2022 in Marseille the subject and two others robbed a security van at gunpoint "
        "and held the driver for six hours."
    )
    page.get_by_label("Date of the facts").fill("2022-03-03")
    page.get_by_label("Place of the facts").fill("Marseille, France")
    page.get_by_label("Reference", exact=True).fill("MA-2022-117")
    page.get_by_label("Issued on", exact=True).fill("2022-05-10")
    page.get_by_label("Issuing authority").fill("Investigating judge, Marseille Judicial Court")
    page.get_by_label("Issued by a judge?").select_option("yes")
    page.get_by_label("Extradition will be sought").select_option("yes")
    if consent:
        page.get_by_label("We consent to a public extract").check()
    page.get_by_role("button", name="Check before submitting").click()  # htmx: findings, nothing sent
    result = page.locator("#check-result")
    expect(result).to_contain_text("No rule stands in the way")
    if folder is not None:
        shot(page, folder, "04-request-form")
        page.locator("#compliance-findings").screenshot(path=str(folder / "04b-request-live-check.png"))
    page.get_by_role("button", name="Submit request").click()
    expect(page.get_by_role("status").filter(has_text="submitted for review")).to_be_visible()
    m = re.search(r"/notices/(\d{4}-\d+)$", page.url)
    assert m, page.url
    return m.group(1)


def publish(page: Page, server: LiveServer, ref: str, folder: Path | None = None) -> None:
    """As a reviewer: take the request from the queue, then publish it with reasons."""
    page.goto(f"{server.url}/")
    queue = page.get_by_role("table", name="Requests waiting for a decision")
    queue.get_by_role("link", name=ref.replace("-", "/")).click()
    page.get_by_role("button", name="Start review").click()
    expect(page.get_by_role("status").filter(has_text="taken into review")).to_be_visible()
    page.get_by_role("button", name="Publish").click()  # no reasons: refused with a readable message
    expect(page.get_by_role("alert").filter(has_text="needs written reasons")).to_be_visible()
    page.get_by_label("Reasons").fill(
        "Ordinary-law crimes of violence; judicial warrant; no Article 3 concern."
    )
    if folder is not None:
        shot(page, folder, "06-notice-review")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("status").filter(has_text="published")).to_be_visible()


def seed_request(server: LiveServer) -> Notice:
    """A request made through the use case (for pages whose journey is not about the form)."""
    request = parse_request(
        {
            "type": "red_notice",
            "requesting_country": "FR",
            "subject": {
                "family_name": "NAZARBAYEVA",
                "given_names": "Aigerim",
                "names_original_script": ["Айгерим Назарбаева"],
                "sex": "F",
                "date_of_birth": "1990",
                "nationalities": ["KZ"],
                "identity_documents": [{"kind": "passport", "number": "N1234567", "issuing_country": "KZ"}],
            },
            "judicial": {
                "facts": {
                    "summary": "Embezzled 2 million euros from her employer in Lyon.",
                    "date": "2023-01",
                },
                "charges": [
                    {"offence": "Embezzlement", "law": "Penal Code art. 314-1", "max_penalty_years": 5}
                ],
                "warrant": {
                    "reference": "MA-2023-5",
                    "issued_on": "2023-04-01",
                    "authority": "Judge, Lyon",
                    "judicial": True,
                },
            },
            "assurances": {"extradition_will_be_sought": True},
        }
    )
    return ns.create_request(ns.CreateRequest(request), FR_OFFICER, server.store.uow())


def test_request_review_publish_and_public_list(
    context: BrowserContext, live_server: LiveServer, screenshots: Path
) -> None:
    page = context.new_page()
    problems: list[str] = []  # script errors and Content-Security-Policy violations
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/login\?next=%2F$"))
    shot(page, screenshots, "01-login")

    sign_in(page, live_server, "fr.officer")
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    shot(page, screenshots, "02-dashboard-ncb-empty")

    public_ref = submit_request(page, live_server, "HADDAD", consent=True, folder=screenshots)
    private_ref = submit_request(page, live_server, "MANSOURI", consent=False)
    expect(page.locator("h1")).to_contain_text("MANSOURI")
    page.goto(f"{live_server.url}/notices/{public_ref}")
    expect(page.get_by_text("سمير الحداد").first).to_have_attribute("dir", "auto")
    expect(page.get_by_text("1984-07 (day unknown)")).to_be_visible()
    shot(page, screenshots, "05-notice-submitted")
    page.goto(f"{live_server.url}/")
    shot(page, screenshots, "03-dashboard-ncb")
    sign_out(page)

    sign_in(page, live_server, "gs.reviewer")
    expect(page.get_by_role("heading", name="Review queue")).to_be_visible()
    shot(page, screenshots, "07-dashboard-reviewer")
    publish(page, live_server, public_ref, folder=screenshots)
    shot(page, screenshots, "08-notice-published")
    publish(page, live_server, private_ref)
    page.goto(f"{live_server.url}/notices?name=haddad")
    shot(page, screenshots, "09-notice-search")
    sign_out(page)

    # the public list: only the notice whose requester consented
    page.goto(f"{live_server.url}/public/notices")
    cards = page.get_by_role("list", name="Public red notices")
    expect(cards).to_contain_text("HADDAD")
    expect(cards).not_to_contain_text("MANSOURI")
    shot(page, screenshots, "10-public-list")
    cards.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("HADDAD")
    expect(page.locator("main")).not_to_contain_text("MA-2022-117")
    expect(page.locator("main")).not_to_contain_text("Investigating judge")
    shot(page, screenshots, "11-public-notice")
    assert not problems, problems
    page.goto(f"{live_server.url}/public/notices/{private_ref}")
    expect(page.get_by_role("heading", name="Not found")).to_be_visible()

    for ref in (public_ref, private_ref):
        stored = ns.get_notice(ref.replace("-", "/"), SYSTEM, live_server.store.uow(), audit=False)
        assert stored.state.value == "published"


def test_phone_width(browser: Browser, live_server: LiveServer, screenshots: Path) -> None:
    ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    ctx.set_default_timeout(10_000)
    try:
        page = ctx.new_page()
        page.goto(f"{live_server.url}/public/notices")
        shot(page, screenshots, "20-phone-public-list")
        sign_in(page, live_server, "fr.officer")
        expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
        shot(page, screenshots, "21-phone-dashboard")
        page.goto(f"{live_server.url}/requests/new")
        shot(page, screenshots, "22-phone-request-form")
        shot(page, screenshots, "23-phone-request-form-top", full_page=False)
        notice = seed_request(live_server)
        page.goto(f"{live_server.url}/notices/{notice.id.replace('/', '-')}")
        expect(page.locator("h1")).to_contain_text("NAZARBAYEVA")
        shot(page, screenshots, "24-phone-notice", full_page=False)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"the notice page scrolls sideways on a phone ({width}px)"
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"the form scrolls sideways on a phone ({width}px)"
    finally:
        ctx.close()


def test_keyboard_users_get_a_skip_link_and_visible_focus(
    context: BrowserContext, live_server: LiveServer
) -> None:
    page = context.new_page()
    page.goto(f"{live_server.url}/public/notices")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    style = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement); "
        "return [s.outlineStyle, s.boxShadow]; })()"
    )
    assert style != ["none", "none"], "the focused link shows no focus indicator"


def test_five_wrong_passwords_lock_the_account(
    context: BrowserContext, live_server: LiveServer, screenshots: Path
) -> None:
    page = context.new_page()
    for _ in range(5):
        sign_in(page, live_server, "lock.me", "not-the-password")
        expect(page.get_by_role("alert")).to_have_text("Wrong username or password.")
    sign_in(page, live_server, "lock.me")  # the right password, too late
    expect(page.get_by_role("alert")).to_contain_text("This account is locked")
    shot(page, screenshots, "12-login-locked")
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/login"))


def seed_case(server: LiveServer, case: str, **subject: Any) -> Notice:
    """One of the shared compliance cases, requested by France through the use case."""
    data = json.loads((CASES / "compliance" / case).read_text())
    data["requesting_country"] = "FR"
    data["subject"].update(subject)
    return ns.create_request(ns.CreateRequest(parse_request(data)), FR_OFFICER, server.store.uow())


def test_reviewer_resolves_findings_assesses_article3_and_publishes(
    context: BrowserContext, live_server: LiveServer, screenshots: Path
) -> None:
    notice = seed_case(
        live_server,
        "10-fraud-by-activist.json",
        family_name="LIU",
        given_names="Wei",
        names_original_script=["刘伟"],
        nationalities=["CN", "FR"],
    )
    ref = notice.id.replace("/", "-")
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    sign_in(page, live_server, "gs.reviewer")
    page.get_by_role("link", name="Review queue").click()
    queue = page.get_by_role("table", name="Review queue")
    row = queue.get_by_role("row").filter(has_text=notice.id)
    expect(row).to_contain_text("Needs review")
    expect(row).to_contain_text("RN-10")
    shot(page, screenshots, "13-review-queue")
    row.get_by_role("link", name=notice.id).click()
    page.get_by_role("button", name="Start review").click()
    expect(page.get_by_role("status").filter(has_text="taken into review")).to_be_visible()

    finding = page.locator("#finding-RN-10")
    expect(finding).to_contain_text("Subject with a sensitive profile")
    expect(finding.locator("dl.evidence")).to_contain_text("political_activist")
    page.get_by_label("Reasons", exact=True).fill("Ordinary fraud with identified victims.")
    page.get_by_role("button", name="Publish").click()  # the gate: readable list of what is missing
    gate = page.get_by_role("alert").filter(has_text="Not published: this still needs")
    expect(gate).to_contain_text("findings needing a written resolution: RN-10")
    expect(gate).to_contain_text("Article 3 assessment")
    shot(page, screenshots, "14-review-dossier")

    page.get_by_label("Resolution of RN-10").fill(
        "Fraud against private investors with documented losses; the activism is unrelated to the facts."
    )
    page.get_by_role("button", name="Record the resolution").click()  # htmx swaps the finding
    expect(finding).to_contain_text("Resolution of RN-10 recorded.")
    expect(page.locator("#gate-checklist")).not_to_contain_text("written resolution")
    for key, label in review.ARTICLE_34_FACTORS.items():
        page.get_by_label(label).fill(ANSWERS[key])
    page.get_by_label("Conclusion").fill(
        "Not predominantly political: an ordinary fraud, supported by the facts and a judicial warrant."
    )
    page.get_by_role("button", name="Record the Article 3 assessment").click()
    expect(page.locator("#article3")).to_contain_text("Article 3 assessment recorded.")
    expect(page.locator("#gate-checklist")).to_contain_text("Ready for a decision")
    expect(page.get_by_text("刘伟").first).to_have_attribute("lang", "und-Hani")
    shot(page, screenshots, "15-review-resolved")

    page.get_by_label("Reasons", exact=True).fill(
        "Ordinary-law fraud; RN-10 resolved; Article 3 assessed on all seven factors."
    )
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("status").filter(has_text="published")).to_be_visible()
    expect(page.get_by_role("region", name="Decision", exact=True)).to_contain_text("Published")
    shot(page, screenshots, "16-review-published")

    # a refusal: grounds pre-selected from the findings; the requester sees the grounds, not the reasons
    refused = seed_case(live_server, "07-subversion-journalist.json")
    page.goto(f"{live_server.url}/notices/{refused.id.replace('/', '-')}")
    page.get_by_role("button", name="Start review").click()
    expect(page.get_by_label("Article 3: political")).to_be_checked()
    page.get_by_label("Reasons", exact=True).fill(
        "Purely political offence against a journalist; Germany has granted him asylum."
    )
    shot(page, screenshots, "17-review-refuse")
    page.get_by_role("button", name="Refuse").click()
    expect(page.get_by_role("status").filter(has_text="refused")).to_be_visible()
    sign_out(page)

    sign_in(page, live_server, "fr.officer")
    page.goto(f"{live_server.url}/notices/{refused.id.replace('/', '-')}")
    decision = page.get_by_role("region", name="Decision", exact=True)
    expect(decision).to_contain_text("Refused under Article 3")
    expect(page.locator("main")).not_to_contain_text("Germany")
    shot(page, screenshots, "18-ncb-refused")
    page.goto(f"{live_server.url}/notices/{ref}")
    expect(page.get_by_role("region", name="Decision", exact=True)).to_contain_text("Published")
    assert not problems, problems


ANSWERS = {
    "nature_of_offence": "Fraud on private investors (Penal Code art. 313-1); facts dated and placed.",
    "status_of_persons": "The subject is a political activist; the victims are private investors.",
    "identity_of_source": "The investigating judge in Lyon; a judicial warrant.",
    "position_of_others": "No objection or refused extradition is recorded.",
    "international_law": "No refugee status known; extradition will be sought.",
    "neutrality": "No risk to the Organization's neutrality identified.",
    "general_context": "No political event linked to the charges.",
}


def test_officer_screens_travellers_by_name_mrz_and_manifest(
    context: BrowserContext, live_server: LiveServer, screenshots: Path
) -> None:
    """A Cyrillic notice found from a Latin spelling; a pasted MRZ; an uploaded CSV; an outcome recorded."""
    store = live_server.store
    notice = ns.create_request(ns.CreateRequest(parse_request(_screening_request())), FR_OFFICER, store.uow())
    reviewer = Actor("gs.reviewer", Role.REVIEWER)
    ns.transition(ns.Transition(notice.id, Action.START_REVIEW), reviewer, store.uow())
    ns.transition(ns.Transition(notice.id, Action.PUBLISH, "compliant"), reviewer, store.uow())

    page = context.new_page()
    sign_in(page, live_server, "de.officer")
    page.get_by_role("link", name="Screening").first.click()
    expect(page.get_by_role("heading", name="Screen travellers")).to_be_visible()
    shot(page, screenshots, "30-screening-form")
    page.get_by_label("Full name (any order, any script)").fill("Dmitri Scherbakow")
    page.get_by_label("Date of birth").fill("1979")
    page.get_by_role("button", name="Screen this traveller").click()
    expect(page.get_by_role("heading", name="Screening results")).to_be_visible()
    hit = page.locator("li.hit").first
    expect(hit).to_contain_text(notice.id)
    expect(hit).to_contain_text("Щербаков")
    expect(hit).to_contain_text("not an arrest warrant")
    shot(page, screenshots, "31-screening-hit")

    page.get_by_role("link", name="Screen again").click()
    mrz = (
        "P<FRADURAND<<PAUL<HENRI<<<<<<<<<<<<<<<<<<<<<\n14AB123459FRA7104022M3001019<<<<<<<<<<<<<<02\n"
        "\nP<FRADURAND<<PAUL<HENRI<<<<<<<<<<<<<<<<<<<<<\n14AB123459FRA7104023M3001019<<<<<<<<<<<<<<02\n"
    )
    page.get_by_label("Machine-readable zones (passports, identity cards, visas)").fill(mrz)
    page.get_by_role("button", name="Screen these documents").click()
    expect(page.get_by_role("heading", name="1 line could not be read")).to_be_visible()
    expect(page.locator(".input-error-list")).to_contain_text("check digit")
    shot(page, screenshots, "32-screening-mrz")

    page.get_by_role("link", name="Screen again").click()
    manifest = "id,name,birth_date\nP1,Scherbakov Dmitriy,1979-03-12\nP2,Jane Nobody,1990\n"
    page.get_by_label("File").set_input_files(
        files=FilePayload(name="manifest.csv", mimeType="text/csv", buffer=manifest.encode())
    )
    page.get_by_role("button", name="Upload and screen").click()
    expect(page.get_by_role("heading", name="Screening results")).to_be_visible()
    hit = page.locator("li.hit").first
    expect(hit).to_contain_text(notice.id)
    hit.get_by_label("Located").check()
    hit.get_by_label("Notes").fill("Held at passport control, national prosecutor informed.")
    hit.get_by_role("button", name="Record the outcome").click()
    expect(page.get_by_role("status").filter(has_text="Outcome recorded")).to_be_visible()
    expect(page.locator("li.hit").first).to_contain_text("Held at passport control")
    shot(page, screenshots, "33-screening-outcome")
    page.close()


def _screening_request() -> dict[str, Any]:
    return request_dict(
        **{
            "subject.family_name": "SHCHERBAKOV",
            "subject.given_names": "Dmitriy",
            "subject.names_original_script": ["Щербаков Дмитрий"],
            "subject.date_of_birth": "1979-03-12",
        }
    )
