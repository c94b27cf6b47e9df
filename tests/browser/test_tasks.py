"""Issue 16: the tasks people could not finish, done in a real Chromium (see conftest.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, expect

from rednotice.adapters.formats.request_json import parse_request
from rednotice.domain.lifecycle import Action, Notice
from rednotice.domain.users import SYSTEM, Actor, Role
from rednotice.services import notices as ns
from tests.browser.conftest import PASSWORD, LiveServer
from tests.factories import request_dict

DESKTOP = ViewportSize(width=1280, height=900)
FR_OFFICER = Actor("fr.officer", Role.NCB_OFFICER, "FR")
REVIEWER = Actor("gs.reviewer", Role.REVIEWER)


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport=DESKTOP, locale="en-GB")
    ctx.set_default_timeout(10_000)
    try:
        yield ctx
    finally:
        ctx.close()


def sign_in(page: Page, server: LiveServer, username: str) -> None:
    page.goto(f"{server.url}/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()


def seed(server: LiveServer, family: str, send: bool = True) -> Notice:
    request = parse_request(
        request_dict(
            **{
                "requesting_country": "FR",
                "subject.family_name": family,
                "subject.given_names": "Lena",
                "judicial.facts.summary": "Stole the payroll of a transport company in Lyon.",
                "judicial.charges": [
                    {"offence": "Theft", "law": "Penal Code art. 311-1", "max_penalty_years": 5}
                ],
            }
        )
    )
    return ns.create_request(ns.CreateRequest(request, send=send), FR_OFFICER, server.store.uow())


def ref(notice: Notice) -> str:
    return notice.id.replace("/", "-")


def test_an_officer_edits_a_draft_then_answers_a_request_for_information(
    context: BrowserContext, live_server: LiveServer, screenshots: Path
) -> None:
    draft = seed(live_server, "WEBERN", send=False)
    page = context.new_page()
    sign_in(page, live_server, "fr.officer")

    # a saved draft has an edit link; the form comes back filled in
    page.goto(f"{live_server.url}/notices/{ref(draft)}")
    page.get_by_role("link", name="Edit the draft").click()
    expect(page.get_by_role("heading", name="Edit the draft")).to_be_visible()
    expect(page.get_by_label("Family name")).to_have_value("WEBERN")
    page.get_by_label("Given names").fill("Lena Maria")
    page.get_by_role("button", name="Save and submit").click()
    expect(page.get_by_role("status").filter(has_text="submitted for review")).to_be_visible()

    # the General Secretariat asks for more
    ns.transition(ns.Transition(draft.id, Action.START_REVIEW), REVIEWER, live_server.store.uow())
    question = "How much was stolen, and was anyone hurt? The penalty threshold depends on it."
    ns.transition(
        ns.Transition(draft.id, Action.REQUEST_INFORMATION, question), REVIEWER, live_server.store.uow()
    )
    page.goto(f"{live_server.url}/notices/{ref(draft)}")
    expect(page.get_by_text(question).first).to_be_visible()
    page.get_by_role("link", name="Answer with a new version").click()
    expect(page.get_by_role("heading", name="Answer the request for information")).to_be_visible()
    page.get_by_label("Summary of facts").fill(
        "Stole the payroll of a transport company in Lyon (EUR 2.4 million) and beat the guard."
    )
    page.get_by_label("Offence as charged").first.fill("Aggravated theft")
    page.get_by_label("Maximum penalty (years)").first.fill("10")
    page.get_by_role("button", name="Submit the new version").click()  # no answer yet: refused, kept
    expect(page.get_by_role("alert")).to_contain_text("answer the reviewer")
    expect(page.get_by_label("Summary of facts")).to_contain_text("EUR 2.4 million")
    page.get_by_label("What you changed").fill("Amount and violence added; the charge is aggravated theft.")
    page.get_by_role("button", name="Submit the new version").click()
    expect(page.get_by_role("status").filter(has_text="new version submitted")).to_be_visible()
    sign_out(page)

    # the reviewer sees what changed, field by field
    sign_in(page, live_server, "gs.reviewer")
    page.goto(f"{live_server.url}/notices/{ref(draft)}")
    changes = page.locator("#changes")
    expect(changes.get_by_role("heading", name="What changed in version 2")).to_be_visible()
    expect(changes).to_contain_text("Amount and violence added")
    expect(changes.locator("ins").filter(has_text="EUR")).to_have_count(1)
    expect(changes.locator(".diff-removed")).to_contain_text(
        "Theft — law: Penal Code art. 311-1 — maximum 5 years"
    )
    expect(changes.locator(".diff-added")).to_contain_text("Aggravated theft")
    changes.screenshot(path=str(screenshots / "30-reviewer-sees-changes.png"))
    stored = ns.get_notice(draft.id, SYSTEM, live_server.store.uow(), audit=False)
    assert stored.request.subject.given_names == "Lena Maria"
    assert re.search(r"EUR 2\.4 million", stored.request.judicial.facts.summary)


def publish_public(server: LiveServer, family: str) -> Notice:
    request = parse_request(
        request_dict(
            **{"requesting_country": "FR", "subject.family_name": family, "visibility.public_extract": True}
        )
    )
    notice = ns.create_request(ns.CreateRequest(request), FR_OFFICER, server.store.uow())
    ns.transition(ns.Transition(notice.id, Action.START_REVIEW), REVIEWER, server.store.uow())
    return ns.transition(ns.Transition(notice.id, Action.PUBLISH, "compliant"), REVIEWER, server.store.uow())


def test_help_is_one_click_from_the_public_pages(context: BrowserContext, live_server: LiveServer) -> None:
    notice = publish_public(live_server, "KOVALENKO")
    page = context.new_page()
    page.goto(f"{live_server.url}/public/notices/{ref(notice)}")
    page.locator("main").get_by_role("link", name=re.compile("ask the Commission for the Control")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Commission for the Control")
    expect(page.get_by_label("Notice reference, if you know it")).to_have_value(notice.id)

    page.goto(f"{live_server.url}/public/notices/{ref(notice)}")
    page.locator("main").get_by_role("link", name="report the harassment").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Report harassment")
    expect(page.get_by_label("Notice reference, if you know it")).to_have_value(notice.id)

    for start in ("/public/notices", "/transparency"):
        page.goto(f"{live_server.url}{start}")
        help_nav = page.get_by_role("navigation", name="Help for people named in a notice")
        help_nav.get_by_role("link", name="Follow your request to the CCF").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Follow your request to the CCF")
        page.goto(f"{live_server.url}{start}")
        help_nav.get_by_role("link", name="Report harassment linked to a notice").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Report harassment")


def test_the_ccf_decides_over_an_open_consultation_and_every_page_agrees(
    context: BrowserContext, live_server: LiveServer, screenshots: Path
) -> None:
    from datetime import timedelta

    from rednotice.domain.redress import ApplicantKind, Filing, IdProof, RequestKind
    from rednotice.services import redress as rs

    store = live_server.store
    notice = publish_public(live_server, "ORLOVA")
    filing = Filing(
        RequestKind.DELETION,
        ApplicantKind.PERSON,
        notice.request.subject,
        IdProof(True, True, True, True),
        True,
        "Delete the notice: the case is political.",
        "en",
        notice_id=notice.id,
    )
    ccf = Actor("ccf.member", Role.CCF)
    case, code = rs.file_case(filing, store.uow())
    rs.assess_case(case.id, ccf, store.uow())
    rs.block(case.id, "Pending the Commission's decision.", ccf, store.uow())
    rs.consult(
        case.id, notice.id, "Send the arrest warrant.", store.clock() + timedelta(days=20), ccf, store.uow()
    )

    page = context.new_page()
    sign_in(page, live_server, "ccf.member")
    page.goto(f"{live_server.url}/ccf/cases/{case.id}")
    expect(page.locator("#open-consultations")).to_contain_text("superseded by the decision")
    page.get_by_label("Outcome").select_option("compliant")
    page.get_by_label("Reasons", exact=True).last.fill(
        "The data complies: concrete facts of an ordinary crime."
    )
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("status").filter(has_text="Decision on")).to_be_visible()
    expect(page.locator(".consultation-superseded")).to_contain_text("superseded by the decision")
    expect(page.locator("main")).not_to_contain_text("Lapsed")
    expect(page.get_by_text("Block ended with the decision")).to_be_visible()
    shot_path = screenshots / "31-ccf-decided-over-open-consultation.png"
    page.screenshot(path=str(shot_path), full_page=True)
    sign_out(page)

    page.goto(f"{live_server.url}/ccf/my-case")
    page.get_by_role("textbox", name="Access code").fill(code)
    page.get_by_role("button", name="Show my case").click()
    expect(page.locator("main")).to_contain_text("The data complies with INTERPOL's rules and stays")
    expect(page.locator("main")).not_to_contain_text("blocked while the CCF decides")


def test_an_applicant_sends_documents_and_answers_the_ccf(
    context: BrowserContext, live_server: LiveServer, screenshots: Path, tmp_path: Path
) -> None:
    scan = tmp_path / "passport.pdf"
    scan.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    fake = tmp_path / "photo.png"
    fake.write_bytes(b"<svg onload=alert(1)>")
    photo = tmp_path / "photo-page.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)

    page = context.new_page()
    page.goto(f"{live_server.url}/ccf/apply")
    page.get_by_label("What do you ask for?").select_option("deletion")
    page.get_by_label("Purpose of the request").fill("Delete the notice: the case against me is political.")
    page.locator("#f-family_name").fill("SOKOLOVA")
    page.locator("#f-given_names").fill("Irina")
    page.locator("#f-date_of_birth").fill("1980-02-03")
    page.get_by_label("A copy of an identity document").set_input_files(str(scan))
    page.get_by_label("It shows the person's name").check()
    page.get_by_label("The request is signed").check()
    page.get_by_role("button", name="File the request").click()
    expect(page.get_by_role("heading", name="Your request is filed")).to_be_visible()
    code = page.locator("code.token").inner_text()
    case_id = page.locator("code").first.inner_text()

    page.goto(f"{live_server.url}/")
    sign_in(page, live_server, "ccf.member")
    page.goto(f"{live_server.url}/ccf/cases/{case_id}")
    documents = page.locator("#documents")
    expect(documents.get_by_role("link", name="passport.pdf")).to_be_visible()
    expect(page.locator("#preview")).to_contain_text("no photograph")
    page.get_by_label("Message to the applicant").fill(
        "Please send the page of your passport with the photograph."
    )
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("status").filter(has_text="The applicant is asked")).to_be_visible()
    sign_out(page)

    page.goto(f"{live_server.url}/ccf/my-case")
    page.get_by_role("textbox", name="Access code").fill(code)
    page.get_by_role("button", name="Show my case").click()
    expect(page.locator("main")).to_contain_text("Please send the page of your passport")
    page.get_by_label("Documents").set_input_files(str(fake))  # a PNG by name only: refused
    page.get_by_role("button", name="Send my answer").click()
    expect(page.get_by_role("alert")).to_contain_text("is not a PDF, PNG or JPEG")
    page.get_by_label("Your answer").fill("Here is the photograph page.")
    page.get_by_label("Documents").set_input_files(str(photo))
    page.get_by_role("button", name="Send my answer").click()
    expect(page.get_by_role("status").filter(has_text="Your answer was sent")).to_be_visible()
    page.screenshot(path=str(screenshots / "32-applicant-answers-the-ccf.png"), full_page=True)

    sign_in(page, live_server, "ccf.member")
    page.goto(f"{live_server.url}/ccf/cases/{case_id}")
    expect(page.locator("#documents")).to_contain_text("Here is the photograph page.")
    with page.expect_download() as download:
        page.locator("#documents").get_by_role("link", name="photo-page.png").click()
    assert Path(download.value.path()).read_bytes() == photo.read_bytes()
    for code_name in ("id_birth_date", "id_photo", "id_redacted"):
        page.locator(f"#waive-{code_name}").check()
    page.get_by_role("button", name="Check admissibility").click()
    expect(page.get_by_role("status").filter(has_text="is admissible")).to_be_visible()
    page.screenshot(path=str(screenshots / "33-ccf-documents.png"), full_page=True)


def test_a_reviewer_filters_and_searches_the_queue(context: BrowserContext, live_server: LiveServer) -> None:
    wanted = seed(live_server, "QUEUEFINDME")
    for i in range(3):
        seed(live_server, f"QUEUEOTHER{i}")
    page = context.new_page()
    sign_in(page, live_server, "gs.reviewer")
    page.get_by_role("link", name="Review queue").click()
    page.get_by_label("Name or reference").fill("queuefindme")
    page.get_by_role("button", name="Filter").click()
    table = page.get_by_role("table", name=re.compile("Review queue"))
    expect(table.get_by_role("link", name=wanted.id)).to_be_visible()
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(page.get_by_role("status").filter(has_text="1 request matches")).to_be_visible()
    page.get_by_label("Name or reference").fill("")
    page.get_by_label("Requesting country").select_option("DE")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_text("No request in the queue matches these filters")).to_be_visible()
    page.goto(f"{live_server.url}/review?risk=lots")
    expect(page.get_by_role("alert")).to_contain_text("The lowest risk is a whole number")
