"""Issue 16, item 15 and "Tests and figures": every role's main pages pass axe-core (no serious or critical
violation) in English and Arabic, at desktop and phone (390 px) widths; the header menu collapses on a
phone and works by keyboard; keyboard focus is visible with enough contrast; nothing scrolls sideways.

axe-core runs in the page (tests/browser/vendor/axe.min.js, MPL-2.0), injected with CSP bypassed in
the test browser only. The results per page are written to test-artifacts/axe/ for the record."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.site_tour import (
    DESKTOP,
    PHONE,
    TOUR,
    Role,
    demo_server,
    describe,
    resolve,
    run_axe,
    serious,
    sign_in,
)

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "axe"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, chromium_path: Path) -> Iterator[str]:
    with demo_server(tmp_path_factory.mktemp("a11y")) as base:
        yield base


def _context(browser: Browser, lang: str, width: str = "desktop") -> BrowserContext:
    ctx = browser.new_context(
        viewport=DESKTOP if width == "desktop" else PHONE,
        locale={"ar": "ar", "fr": "fr-FR", "es": "es-ES"}.get(lang, "en-GB"),
        bypass_csp=True,  # to inject axe; the pages' own CSP is tested elsewhere
    )
    ctx.set_default_timeout(15_000)
    return ctx


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("role", TOUR, ids=lambda r: r.name)
def test_every_main_page_passes_axe(browser: Browser, site: str, role: Role, lang: str) -> None:
    ctx = _context(browser, lang)
    page = ctx.new_page()
    found: dict[str, list[str]] = {}
    record: dict[str, object] = {}
    try:
        if role.username:
            sign_in(page, site, role.username)
        for stop in role.stops:
            path = resolve(page, site, stop)
            if path is None:
                found[stop.name] = ["  (no such page in the demo data: nothing to check)"]
                continue
            for width, size in (("desktop", DESKTOP), ("390px", PHONE)):
                page.set_viewport_size(size)
                response = page.goto(site + path)
                assert response is not None and response.status < 400, (
                    f"{path}: {response and response.status}"
                )
                assert page.locator("html").get_attribute("lang") == lang
                violations = run_axe(page)
                record[f"{stop.name} {width} {path}"] = violations
                bad = serious(violations)
                if bad:
                    found.setdefault(stop.name, []).append(f" {width} {path}:\n{describe(bad)}")
    finally:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / f"{role.name}-{lang}.json").write_text(json.dumps(record, indent=1, ensure_ascii=False))
        ctx.close()
    failures = {k: v for k, v in found.items() if not v[0].startswith("  (no such page")}
    assert not failures, "serious axe violations:\n" + "\n".join(
        f"{name}:\n" + "\n".join(lines) for name, lines in failures.items()
    )


def _signed_in(browser: Browser, site: str, lang: str, width: str, username: str = "reviewer") -> Page:
    ctx = _context(browser, lang, width)
    page = ctx.new_page()
    sign_in(page, site, username)
    return page


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_header_menu_collapses_on_a_phone_and_opens_by_keyboard(
    browser: Browser, site: str, lang: str
) -> None:
    page = _signed_in(browser, site, lang, "390px")
    try:
        toggle = page.locator(".nav-toggle")
        nav_links = page.locator(".site-nav a")
        expect(toggle).to_be_visible()
        expect(nav_links.first).to_be_hidden()
        # the header is one short bar, not three lines of links
        header = page.locator(".site-header").bounding_box()
        assert header is not None and header["height"] < 140, header
        # keyboard only: Tab from the skip link reaches the button, Enter/Space opens it
        page.keyboard.press("Tab")  # skip link
        for _ in range(6):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('nav-toggle')"):
                break
        assert page.evaluate("document.activeElement.classList.contains('nav-toggle')"), (
            "the menu button is not reachable by Tab"
        )
        menu = page.locator("#nav-menu")
        assert not menu.evaluate("d => d.open")
        page.keyboard.press("Enter")
        expect(menu).to_have_attribute("open", "")
        expect(nav_links.first).to_be_visible()
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('.site-nav')"), (
            "Tab after the button is not in the menu"
        )
        page.keyboard.press("Escape")
        expect(menu).not_to_have_attribute("open", "")
        expect(nav_links.first).to_be_hidden()
        assert page.evaluate("document.activeElement.classList.contains('nav-toggle')"), (
            "Escape returns focus"
        )
        page.keyboard.press(" ")
        expect(nav_links.first).to_be_visible()
        # at desktop width there is no button: the links are in the bar
        page.set_viewport_size(DESKTOP)
        expect(toggle).to_be_hidden()
        expect(nav_links.first).to_be_visible()
    finally:
        page.context.close()


def test_the_menu_opens_without_javascript(browser: Browser, site: str) -> None:
    ctx = browser.new_context(viewport=PHONE, java_script_enabled=False, locale="en-GB")
    page = ctx.new_page()
    try:
        page.goto(site + "/public/notices")
        links = page.locator(".site-nav a")
        expect(links.first).to_be_hidden()
        page.locator(".nav-toggle").click()
        expect(links.first).to_be_visible()
    finally:
        ctx.close()


def _contrast(rgb1: tuple[float, ...], rgb2: tuple[float, ...]) -> float:
    def lum(c: tuple[float, ...]) -> float:
        def ch(v: float) -> float:
            v = v / 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * ch(c[0]) + 0.7152 * ch(c[1]) + 0.0722 * ch(c[2])

    a, b = sorted((lum(rgb1), lum(rgb2)), reverse=True)
    return (a + 0.05) / (b + 0.05)


FOCUS_STYLE = """el => {
    const s = getComputedStyle(el);
    const parse = c => (c.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
    let bg = null, n = el.parentElement;
    while (n) {
        const c = getComputedStyle(n).backgroundColor;
        if (c && c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') { bg = parse(c); break; }
        n = n.parentElement;
    }
    return {outline: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth),
            outlineColor: parse(s.outlineColor), color: parse(s.color),
            background: parse(s.backgroundColor), surround: bg || [255, 255, 255]};
}"""


@pytest.mark.parametrize("width", ["desktop", "390px"])
def test_keyboard_focus_on_header_links_is_visible_with_contrast(
    browser: Browser, site: str, width: str
) -> None:
    page = _signed_in(browser, site, "en", width)
    try:
        if width == "390px":
            page.locator(".nav-toggle").click()
        link = page.locator(".site-nav a").nth(1)
        link.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # focus by keyboard, so :focus-visible applies
        s = page.evaluate(FOCUS_STYLE, link.element_handle())
        assert s["outline"] != "none" and s["outlineWidth"] >= 2, s
        # the indicator against the header behind it (WCAG 1.4.11: 3:1), the text on its background (4.5:1)
        assert _contrast(tuple(s["outlineColor"]), tuple(s["surround"])) >= 3, s
        assert _contrast(tuple(s["color"]), tuple(s["background"])) >= 4.5, s
    finally:
        page.context.close()


SMALLEST_TEXT = """() => {
    const scale = e => {  // an SVG's text is drawn at its font size times the SVG's scale
        const svg = e.closest('svg');
        if (!svg) return 1;
        const box = svg.getBoundingClientRect();
        return box.width / (svg.viewBox.baseVal.width || box.width);
    };
    const texts = [...document.querySelectorAll('main *')].filter(e =>
        e.getClientRects().length && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()));
    return Math.min(...texts.map(e => parseFloat(getComputedStyle(e).fontSize) * scale(e)));
}"""


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize(
    "path,username", [("/admin/users", "admin"), ("/oversight", "oversight"), ("/review", "reviewer")]
)
def test_nothing_scrolls_sideways_on_a_phone(
    browser: Browser, site: str, lang: str, path: str, username: str
) -> None:
    page = _signed_in(browser, site, lang, "390px", username)
    try:
        page.goto(site + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"{path} is {overflow}px wider than the phone"
        # chart text is legible: no text smaller than 12 px anywhere on the page
        smallest = page.evaluate(SMALLEST_TEXT)
        assert smallest >= 12, f"text of {smallest:.1f}px on {path}"
    finally:
        page.context.close()


@pytest.mark.parametrize("width", ["desktop", "390px"])
def test_the_language_switch_keeps_the_page_and_mirrors_for_arabic(
    browser: Browser, site: str, width: str
) -> None:
    ctx = _context(browser, "en", width)
    page = ctx.new_page()
    try:
        page.goto(site + "/public/notices?page=2")
        assert page.locator("html").get_attribute("lang") == "en"
        # by keyboard: focus the French button, press Enter; the same page comes back in French
        page.locator('.lang-switch button[value="fr"]').focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url == site + "/public/notices?page=2"
        assert page.locator("html").get_attribute("lang") == "fr"
        expect(page.locator('.lang-switch button[value="fr"]')).to_have_attribute("aria-current", "true")
        with page.expect_navigation():
            page.locator('.lang-switch button[value="ar"]').click()
        html = page.locator("html")
        assert html.get_attribute("lang") == "ar" and html.get_attribute("dir") == "rtl"
        # mirrored: the brand sits at the right-hand edge, the main heading is right-aligned
        brand = page.locator(".brand").bounding_box()
        viewport = page.viewport_size
        assert brand is not None and viewport is not None and brand["x"] > viewport["width"] / 2, brand
        assert page.locator("main h1").first.evaluate("h => getComputedStyle(h).textAlign") in (
            "start",
            "right",
        )
        assert page.locator("main h1").first.evaluate("h => getComputedStyle(h).direction") == "rtl"
        # the choice is remembered on the next page, signed in or not
        page.goto(site + "/transparency")
        assert page.locator("html").get_attribute("dir") == "rtl"
        serious_violations = serious(run_axe(page))
        assert not serious_violations, describe(serious_violations)
    finally:
        ctx.close()


def test_the_open_phone_menu_passes_axe(browser: Browser, site: str) -> None:
    for lang in ("en", "ar"):
        page = _signed_in(browser, site, lang, "390px", "ncb-fr")
        try:
            page.locator(".nav-toggle").click()
            expect(page.locator(".site-nav a").first).to_be_visible()
            bad = serious(run_axe(page))
            assert not bad, describe(bad)
        finally:
            page.context.close()
