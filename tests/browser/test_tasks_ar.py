"""Issue 16: the tasks people could not finish, done again in Arabic, on a desktop and on a 390 px phone.

The pages are found by the words an Arabic reader sees: each label comes from the Arabic catalogue
(``ar()``), and each test checks first that the page is Arabic, right to left, and that the words differ
from the English ones, so a missing translation fails here rather than passing in English."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, expect

from rednotice.domain.lifecycle import Action, State
from rednotice.domain.users import SYSTEM, Actor, Role
from rednotice.services import notices as ns
from rednotice.services import users as us
from rednotice.web import i18n
from tests.browser.conftest import PASSWORD, LiveServer
from tests.browser.test_tasks import REVIEWER, ref, seed

SIZES = {"desktop": ViewportSize(width=1280, height=900), "phone": ViewportSize(width=390, height=844)}
ADMIN = Actor("ar.admin", Role.ADMIN)


def ar(text: str) -> str:
    """What an Arabic reader sees for ``text`` (the catalogue's translation, never the English)."""
    with i18n.using("ar"):
        shown = i18n.gettext(text)
    assert shown != text, f"not translated into Arabic: {text}"
    return shown


def words(text: str) -> re.Pattern[str]:
    """The Arabic of ``text`` as a pattern (for a label followed by more words, e.g. a hint)."""
    return re.compile(re.escape(ar(text)))


@pytest.fixture(params=sorted(SIZES))
def context(browser: Browser, request: pytest.FixtureRequest) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport=SIZES[request.param], locale="ar")
    ctx.set_default_timeout(20_000)  # a loaded machine (make test runs two workers)
    try:
        yield ctx
    finally:
        ctx.close()


def arabic(page: Page) -> None:
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")


def no_sideways_scroll(page: Page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"the page scrolls sideways by {overflow}px"


def sign_in(context: BrowserContext, server: LiveServer, username: str, password: str = PASSWORD) -> Page:
    page = context.new_page()
    page.goto(f"{server.url}/login")
    arabic(page)
    page.locator("#username").fill(username)
    page.locator("#password").fill(password)
    page.locator("main").get_by_role("button", name=ar("Sign in")).click()
    expect(page.get_by_role("heading", name=ar("Dashboard"))).to_be_visible()
    return page


def test_an_officer_answers_a_request_for_information_in_arabic(
    context: BrowserContext, live_server: LiveServer, screenshots: Path
) -> None:
    notice = seed(live_server, "ARABICAMEND")
    store = live_server.store
    ns.transition(ns.Transition(notice.id, Action.START_REVIEW), REVIEWER, store.uow())
    question = "How much was stolen? The penalty threshold depends on it."
    ns.transition(ns.Transition(notice.id, Action.REQUEST_INFORMATION, question), REVIEWER, store.uow())

    page = sign_in(context, live_server, "fr.officer")
    page.goto(f"{live_server.url}/notices/{ref(notice)}")
    expect(page.get_by_text(question).first).to_be_visible()
    page.get_by_role("link", name=ar("Answer with a new version")).click()
    arabic(page)
    page.get_by_label(ar("Summary of facts")).fill(
        "Stole the payroll (EUR 2.4 million) of a company in Lyon."
    )
    page.get_by_label(words("What you changed, or why nothing needed to change")).fill("أضيف المبلغ المسروق.")
    no_sideways_scroll(page)
    page.get_by_role("button", name=ar("Submit the new version")).click()
    expect(page.get_by_role("status").filter(has_text=ar("new version submitted for review"))).to_be_visible()
    width = page.viewport_size["width"] if page.viewport_size else 0
    page.screenshot(path=str(screenshots / f"ar-40-amended-{width}.png"), full_page=True)
    stored = ns.get_notice(notice.id, SYSTEM, store.uow(), audit=False)
    assert stored.state is State.SUBMITTED and "EUR 2.4 million" in stored.request.judicial.facts.summary


def test_a_person_applies_to_the_ccf_with_an_identity_document_in_arabic(
    context: BrowserContext, live_server: LiveServer, tmp_path: Path
) -> None:
    scan = tmp_path / "passport.pdf"
    scan.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    page = context.new_page()
    page.goto(f"{live_server.url}/ccf/apply")
    arabic(page)
    page.get_by_label(ar("What do you ask for?")).select_option("deletion")
    page.get_by_label(ar("Purpose of the request")).fill("احذفوا النشرة: القضية المرفوعة ضدي سياسية.")
    page.locator("#f-family_name").fill("سوكولوفا")
    page.locator("#f-given_names").fill("إيرينا")
    page.locator("#f-date_of_birth").fill("1980-02-03")
    page.get_by_label(words("A copy of an identity document of the person concerned")).set_input_files(
        str(scan)
    )
    page.get_by_label(ar("It shows the person's name")).check()
    page.get_by_label(words("The request is signed (by the person, or their representative)")).check()
    no_sideways_scroll(page)
    page.get_by_role("button", name=ar("File the request")).click()
    expect(page.get_by_role("heading", name=ar("Your request is filed"))).to_be_visible()
    arabic(page)
    case_id = page.locator("code").first.inner_text()

    ccf = sign_in(context, live_server, "ccf.member")
    ccf.goto(f"{live_server.url}/ccf/cases/{case_id}")
    expect(ccf.locator("#documents").get_by_role("link", name="passport.pdf")).to_be_visible()
    expect(ccf.locator("main")).to_contain_text("سوكولوفا")


def test_a_reviewer_filters_the_queue_in_arabic(
    context: BrowserContext, live_server: LiveServer, request: pytest.FixtureRequest
) -> None:
    size = request.node.callspec.id.upper()  # one server for both sizes: names of their own
    wanted = seed(live_server, f"ARQUEUEFIND{size}")
    seed(live_server, f"ARQUEUEOTHER{size}")
    page = sign_in(context, live_server, "gs.reviewer")
    page.goto(f"{live_server.url}/review")
    arabic(page)
    page.get_by_label(ar("Name or reference")).fill(f"arqueuefind{size.lower()}")
    page.get_by_role("button", name=ar("Filter"), exact=True).click()
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first.get_by_role("link", name=wanted.id)).to_be_visible()
    with i18n.using("ar"):
        one = i18n.ngettext("%(num)s request matches the filters.", "%(num)s requests match the filters.", 1)
    expect(page.get_by_role("status").filter(has_text=one.split("%(num)s")[-1].strip())).to_be_visible()
    no_sideways_scroll(page)
    page.get_by_label(ar("Name or reference")).fill("")
    page.get_by_label(ar("Requesting country")).select_option("DE")
    page.get_by_role("button", name=ar("Filter"), exact=True).click()
    expect(page.get_by_text(ar("No request in the queue matches these filters."))).to_be_visible()


def test_an_administrator_resets_a_password_in_arabic(
    context: BrowserContext, browser: Browser, live_server: LiveServer, request: pytest.FixtureRequest
) -> None:
    store = live_server.store
    person = f"ar.forgot.{request.node.callspec.id}"
    us.add_user(us.AddUser(person, Role.NCB_OFFICER, PASSWORD, "DE"), SYSTEM, store.uow())
    with store.uow() as uow:
        known = uow.users.get(ADMIN.username) is not None
    if not known:  # the other screen size may have added the administrator
        us.add_user(us.AddUser(ADMIN.username, Role.ADMIN, PASSWORD), SYSTEM, store.uow())

    admin = sign_in(context, live_server, ADMIN.username)
    admin.goto(f"{live_server.url}/admin/users/{person}")
    arabic(admin)
    admin.get_by_role("button", name=ar("Reset password")).click()
    with i18n.using("ar"):
        heading = i18n.gettext("One-time reset code for %(username)s") % {"username": person}
    expect(admin.get_by_role("heading", name=heading)).to_be_visible()
    code = admin.locator("code.token").inner_text().strip()
    assert code
    no_sideways_scroll(admin)

    # the person, in their own browser, follows the sign-in page's link and chooses a new password
    own = browser.new_context(viewport=admin.viewport_size, locale="ar")
    try:
        page = own.new_page()
        page.goto(f"{live_server.url}/login")
        arabic(page)
        page.get_by_role("link", name=ar("Forgot your password? Set a new one with a reset code")).click()
        expect(page.get_by_role("heading", name=ar("Set a new password"))).to_be_visible()
        arabic(page)
        new_password = "a new and long password 2026"
        page.get_by_label(ar("Reset code")).fill(code)
        page.get_by_label(ar("New password"), exact=True).fill(new_password)
        page.get_by_label(ar("The new password again")).fill(new_password)
        no_sideways_scroll(page)
        page.get_by_role("button", name=ar("Set password")).click()
        with i18n.using("ar"):
            done = i18n.gettext("Your new password is set, %(username)s. Sign in with it.") % {
                "username": person
            }
        expect(page.get_by_role("status")).to_contain_text(done)
        own.clear_cookies()
        signed_in = sign_in(own, live_server, person, new_password)
        expect(signed_in.get_by_role("heading", name=ar("Dashboard"))).to_be_visible()
    finally:
        own.close()
